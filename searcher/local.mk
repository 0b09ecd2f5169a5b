## searcher/: the searcher (search.h, the one door into the index), the query
## parser, the matcher, snippets, citations, renderers; trawl-search and trawl.cgi.
libtrawlcore_la_SOURCES += \
	searcher/match.h searcher/match.c \
	searcher/snippet.h searcher/snippet.c \
	searcher/query.h searcher/query.c searcher/query-private.h \
	searcher/query-lex.h searcher/query-lex.c searcher/query-tree.h searcher/query-tree.c \
	searcher/query-build.c searcher/query-words.c \
	searcher/search.h searcher/search-private.h searcher/search.c \
	searcher/search-run.c searcher/search-stories.c searcher/search-doc.c searcher/search-facets.c searcher/search-copies.c \
	searcher/search-query.c \
	searcher/marked.h searcher/marked.c \
	searcher/cgi-param.h searcher/cgi-param.c \
	searcher/output.h searcher/output.c searcher/cite.h searcher/cite.c \
	searcher/kwic.h searcher/kwic.c searcher/wrap.h searcher/wrap.c

bin_PROGRAMS += trawl-search
trawl_search_SOURCES = searcher/main.c searcher/batch.h searcher/batch.c \
	searcher/manifest.h searcher/manifest.c searcher/report.h searcher/report.c \
	searcher/show.h searcher/show.c searcher/pager.h searcher/pager.c \
	searcher/defaults.h searcher/defaults.c
trawl_search_LDADD = $(TRAWL_PROGRAM_LIBS)
trawl_search_LDFLAGS = $(TRAWL_LINK_STATIC)
nodist_EXTRA_trawl_search_SOURCES = build-aux/force-cxx-link.cc

# The search page: a CGI program for any web server (doc/cgi.md).
cgibin_PROGRAMS = trawl.cgi
# With libfcgi (configure finds it) the same program is also a FastCGI
# application: searcher/cgi-fcgi.c.
trawl_cgi_SOURCES = searcher/cgi-main.c searcher/cgi.h searcher/cgi.c \
	searcher/cgi-fcgi.h searcher/cgi-fcgi.c searcher/cgi-settings.h searcher/cgi-settings.c \
	searcher/cgi-request.h searcher/cgi-request.c searcher/cgi-page.h searcher/cgi-page.c \
	searcher/cgi-json.h searcher/cgi-json.c searcher/cgi-chart.h searcher/cgi-chart.c \
	searcher/cgi-download.h searcher/cgi-download.c searcher/cgi-start.c \
	searcher/cgi-totals.h searcher/cgi-totals.c searcher/cgi-kwic.h searcher/cgi-kwic.c
trawl_cgi_CPPFLAGS = $(AM_CPPFLAGS) $(FCGI_CFLAGS)
trawl_cgi_LDADD = $(TRAWL_PROGRAM_LIBS) $(FCGI_LIBS)
trawl_cgi_LDFLAGS = $(TRAWL_LINK_STATIC)
nodist_EXTRA_trawl_cgi_SOURCES = build-aux/force-cxx-link.cc

# bench/: the analyzer as a filter, for scripts that count stems as trawl
# does (bench/snippet-coverage.sh builds it with `make bench/trawl-analyze`).
EXTRA_PROGRAMS = bench/trawl-analyze
bench_trawl_analyze_SOURCES = bench/analyze.c
bench_trawl_analyze_LDADD = $(TRAWL_LIBS)
nodist_EXTRA_bench_trawl_analyze_SOURCES = build-aux/force-cxx-link.cc
CLEANFILES += $(EXTRA_PROGRAMS)

# bench/dup-eval.sh: near-duplicate grouping measured offline (make bench/trawl-dup-eval).
EXTRA_PROGRAMS += bench/trawl-dup-eval
bench_trawl_dup_eval_SOURCES = bench/dup-eval.c
bench_trawl_dup_eval_LDADD = $(INDEX_LIBS) -lm
nodist_EXTRA_bench_trawl_dup_eval_SOURCES = build-aux/force-cxx-link.cc
