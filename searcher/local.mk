## searcher/: query parser, snippets, citations, renderers, trawl-search.
libtrawlcore_la_SOURCES += \
	searcher/match.h searcher/match.c \
	searcher/snippet.h searcher/snippet.c \
	searcher/query.h searcher/query.c \
	searcher/search.h searcher/search.c \
	searcher/escape.h searcher/escape.c \
	searcher/cgi-param.h searcher/cgi-param.c \
	searcher/output.h searcher/output.c searcher/cite.h searcher/cite.c

bin_PROGRAMS += trawl-search
trawl_search_SOURCES = searcher/main.c searcher/batch.h searcher/batch.c \
	searcher/manifest.h searcher/manifest.c searcher/report.h searcher/report.c \
	searcher/show.h searcher/show.c
trawl_search_LDADD = $(TRAWL_PROGRAM_LIBS)
trawl_search_LDFLAGS = $(TRAWL_LINK_STATIC)
nodist_EXTRA_trawl_search_SOURCES = build-aux/force-cxx-link.cc

# The search page: a CGI program for any web server (doc/cgi.md).
cgibin_PROGRAMS = trawl.cgi
# With libfcgi (configure finds it) the same program is also a FastCGI
# application: searcher/cgi-fcgi.c.
trawl_cgi_SOURCES = searcher/cgi.c searcher/cgi.h searcher/cgi-fcgi.c \
	searcher/cgi-page.h searcher/cgi-page.c
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
