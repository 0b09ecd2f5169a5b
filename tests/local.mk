## tests/: unit tests (C, TAP) and end-to-end tests (shell, TAP).
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = $(LOG_DRIVER)
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	TRAWL_INDEX='$(abs_builddir)/trawl-index'; \
	TRAWL_SEARCH='$(abs_builddir)/trawl-search'; \
	TRAWL_SRCDIR='$(abs_top_srcdir)'; \
	TRAWL_BUILDDIR='$(abs_top_builddir)'; \
	PYTHON3='$(PYTHON3)'; XAPIAN_CHECK='$(XAPIAN_CHECK)'; \
	export TRAWL_INDEX TRAWL_SEARCH TRAWL_SRCDIR TRAWL_BUILDDIR PYTHON3 XAPIAN_CHECK; \
	unset TRAWL_DB NO_COLOR; \
	ASAN_OPTIONS="$${ASAN_OPTIONS:+$$ASAN_OPTIONS:}new_delete_type_mismatch=0"; \
	export ASAN_OPTIONS;
# ASAN_OPTIONS: Xapian 1.4.22's own checker (behind xs_db_check() and
# trawl-index --check) deletes a table through a base class of another
# size, which AddressSanitizer reports; that is inside libxapian, not trawl.

UNIT_LDADD = $(INDEX_LIBS)

check_PROGRAMS += tests/unit/shim tests/unit/analyzer tests/unit/article \
	tests/unit/snippet tests/unit/docdata
tests_unit_shim_SOURCES = tests/unit/shim.c tests/unit/shim-fixtures.h tests/unit/tap.h
tests_unit_shim_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_shim_SOURCES = build-aux/force-cxx-link.cc
tests_unit_shim_index_SOURCES = tests/unit/shim-index.c tests/unit/shim-fixtures.h tests/unit/tap.h
tests_unit_shim_index_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_shim_index_SOURCES = build-aux/force-cxx-link.cc
check_PROGRAMS += tests/unit/shim-index
TESTS += tests/unit/shim-index
tests_unit_analyzer_SOURCES = tests/unit/analyzer.c tests/unit/tap.h
tests_unit_analyzer_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_analyzer_SOURCES = build-aux/force-cxx-link.cc
tests_unit_article_SOURCES = tests/unit/article.c tests/unit/tap.h
tests_unit_article_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_article_SOURCES = build-aux/force-cxx-link.cc
tests_unit_query_SOURCES = tests/unit/query.c tests/unit/tap.h
tests_unit_query_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_query_SOURCES = build-aux/force-cxx-link.cc
check_PROGRAMS += tests/unit/query
TESTS += tests/unit/query
tests_unit_snippet_SOURCES = tests/unit/snippet.c tests/unit/tap.h
tests_unit_snippet_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_snippet_SOURCES = build-aux/force-cxx-link.cc
tests_unit_reader_SOURCES = tests/unit/reader.c tests/unit/tap.h indexer/walk.c
tests_unit_reader_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_reader_SOURCES = build-aux/force-cxx-link.cc
check_PROGRAMS += tests/unit/reader
TESTS += tests/unit/reader

tests_unit_jsonl_SOURCES = tests/unit/jsonl.c tests/unit/tap.h
tests_unit_jsonl_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_jsonl_SOURCES = build-aux/force-cxx-link.cc
check_PROGRAMS += tests/unit/jsonl
TESTS += tests/unit/jsonl
tests_unit_docdata_SOURCES = tests/unit/docdata.c tests/unit/tap.h
tests_unit_docdata_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_docdata_SOURCES = build-aux/force-cxx-link.cc

TESTS += tests/unit/shim tests/unit/analyzer tests/unit/article \
	tests/unit/snippet tests/unit/docdata

# The analyzer's stem cache, allocated late and grown (text/analyzer.c).
check_PROGRAMS += tests/unit/analyzer-cache
tests_unit_analyzer_cache_SOURCES = tests/unit/analyzer-cache.c tests/unit/tap.h
tests_unit_analyzer_cache_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_analyzer_cache_SOURCES = build-aux/force-cxx-link.cc
TESTS += tests/unit/analyzer-cache

# The one date reader (common/date.c), with the real dates of
# tests/data/dates-real.tsv.
check_PROGRAMS += tests/unit/date
tests_unit_date_SOURCES = tests/unit/date.c tests/unit/tap.h
tests_unit_date_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_date_SOURCES = build-aux/force-cxx-link.cc
TESTS += tests/unit/date
EXTRA_DIST += tests/data/dates-real.tsv

# The two boilerplate rules: furniture patterns, recurring lines.
check_PROGRAMS += tests/unit/boilerplate
tests_unit_boilerplate_SOURCES = tests/unit/boilerplate.c tests/unit/tap.h
tests_unit_boilerplate_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_boilerplate_SOURCES = build-aux/force-cxx-link.cc
TESTS += tests/unit/boilerplate

TESTS += \
	tests/t0010-build.sh \
	tests/t0020-index.sh \
	tests/t0030-search.sh \
	tests/t0040-incremental.sh tests/t0045-roots.sh tests/t0047-readers.sh tests/t0048-manifest.sh \
	tests/t0050-errors.sh \
	tests/t0060-query.sh tests/t0065-counts.sh tests/t0067-stopwords.sh \
	tests/t0300-badinput.sh tests/t0305-hostile-files.sh \
	tests/t0310-kill.sh \
	tests/t0320-faults.sh \
	tests/t0330-concurrent.sh tests/t0340-hostile-queries.sh

TESTS += tests/t0110-jsonl-mail.sh tests/t0120-shards.sh tests/t0125-shard-builds.sh tests/t0130-jobs.sh tests/t0135-compact.sh tests/t0145-groups.sh tests/t0146-copies.sh tests/t0147-fields.sh tests/t0148-kwic.sh tests/t0149-collapse.sh
# Web pages and crawls: lighttpd + wget end to end, and hostile pages.
TESTS += tests/t0150-web.sh tests/t0151-html-hostile.sh

# trawl.cgi: escapers, the parameter decoder, and the page behind real
# lighttpd and chromium (skipped when they are not installed).
check_PROGRAMS += tests/unit/escape tests/unit/cgi-param
tests_unit_escape_SOURCES = tests/unit/escape.c tests/unit/tap.h
tests_unit_escape_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_escape_SOURCES = build-aux/force-cxx-link.cc
tests_unit_cgi_param_SOURCES = tests/unit/cgi-param.c tests/unit/tap.h
tests_unit_cgi_param_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_cgi_param_SOURCES = build-aux/force-cxx-link.cc
TESTS += tests/unit/escape tests/unit/cgi-param \
	tests/t0200-cgi.sh tests/t0210-browser.sh tests/t0230-page.sh tests/t0231-page-browser.sh
# trawl.cgi as FastCGI (skipped when configure did not find libfcgi).
TESTS += tests/t0220-fastcgi.sh
AM_TESTS_ENVIRONMENT += TRAWL_FASTCGI='$(have_fastcgi)'; export TRAWL_FASTCGI;
EXTRA_DIST += tests/net.sh tests/cgi-server.sh tests/tcpsrv.sh tests/copies-corpus.sh tests/page-corpus.sh \
	tests/chromium.sh tests/doc-lib.sh
# The screenshots t0210-browser.sh keeps (make distcheck wants them gone).
CLEANFILES += tests/artifacts/cgi-results.png tests/artifacts/cgi-results-phone.png \
	tests/artifacts/cgi-article.png tests/artifacts/page-results.png \
	tests/artifacts/page-results-phone.png tests/artifacts/page-months.png \
	tests/artifacts/page-start.png tests/artifacts/page-start-phone.png \
	tests/artifacts/page-kwic.png

# Shell tests are scripts, which automake does not distribute by itself.
EXTRA_DIST += tests/test-lib.sh $(filter %.sh,$(TESTS))

# The searcher's door (search.h), on an index trawl-index makes.
check_PROGRAMS += tests/unit/search
tests_unit_search_SOURCES = tests/unit/search.c tests/unit/tap.h
tests_unit_search_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_search_SOURCES = build-aux/force-cxx-link.cc
TESTS += tests/unit/search

# The one matcher, as every view uses it.
check_PROGRAMS += tests/unit/match
tests_unit_match_SOURCES = tests/unit/match.c tests/unit/tap.h
tests_unit_match_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_match_SOURCES = build-aux/force-cxx-link.cc
TESTS += tests/unit/match

# trawl-search's renderers and references, byte for byte.
check_PROGRAMS += tests/unit/output tests/unit/cite
tests_unit_output_SOURCES = tests/unit/output.c tests/unit/tap.h
tests_unit_output_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_output_SOURCES = build-aux/force-cxx-link.cc
tests_unit_cite_SOURCES = tests/unit/cite.c tests/unit/tap.h
tests_unit_cite_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_cite_SOURCES = build-aux/force-cxx-link.cc
TESTS += tests/unit/output tests/unit/cite

# The terminal: folding to its width (unit), and a pager, options, config
# and --show as a person at it meets them (t0460, under a pseudo-terminal).
check_PROGRAMS += tests/unit/wrap
tests_unit_wrap_SOURCES = tests/unit/wrap.c tests/unit/tap.h searcher/wrap.c
tests_unit_wrap_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_wrap_SOURCES = build-aux/force-cxx-link.cc
TESTS += tests/unit/wrap tests/t0460-terminal.sh tests/t0465-options.sh \
	tests/t0470-suggest.sh tests/t0475-docs.sh tests/t0476-doc-cgi.sh tests/t0477-doc-names.sh tests/t0478-doc-web.sh tests/t0479-doc-scaling.sh \
	tests/t0480-acronyms.sh

# Research mode (batch, formats, citations, counts) and the evaluation path.
TESTS += tests/t0070-research.sh tests/t0080-relevance.sh

# Packaging: make install and uninstall, man pages, libtrawl's symbols and
# example program, bash completion, the config file.
check_PROGRAMS += tests/unit/config
tests_unit_config_SOURCES = tests/unit/config.c tests/unit/tap.h
tests_unit_config_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_config_SOURCES = build-aux/force-cxx-link.cc
TESTS += tests/unit/config tests/t0400-install.sh tests/t0410-man.sh tests/t0415-design.sh \
	tests/t0420-symbols.sh tests/t0430-example.sh tests/t0440-completion.sh \
	tests/t0450-config.sh
AM_TESTS_ENVIRONMENT += MAKE='$(MAKE)'; CC='$(CC)'; SANITIZE_FLAGS='$(SANITIZE_FLAGS)'; \
	export MAKE CC SANITIZE_FLAGS;

# WARC files (indexer/warc.c): the reader over crawled and damaged fixtures
# (tests/data/warc/), and a dumper for debugging and bench/warc-speed.sh
# (`make bench/trawl-warc-dump`).
check_PROGRAMS += tests/unit/warc
tests_unit_warc_SOURCES = tests/unit/warc.c tests/unit/tap.h
tests_unit_warc_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_warc_SOURCES = build-aux/force-cxx-link.cc
TESTS += tests/unit/warc
EXTRA_DIST += tests/data/warc
EXTRA_PROGRAMS += bench/trawl-warc-dump
bench_trawl_warc_dump_SOURCES = bench/warc-dump.c
bench_trawl_warc_dump_LDADD = $(INDEX_LIBS)
nodist_EXTRA_bench_trawl_warc_dump_SOURCES = build-aux/force-cxx-link.cc

# Near-duplicate signatures and grouping (indexer/dupsig.h, dupgroup.h).
check_PROGRAMS += tests/unit/dupsig
tests_unit_dupsig_SOURCES = tests/unit/dupsig.c tests/unit/tap.h
tests_unit_dupsig_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_dupsig_SOURCES = build-aux/force-cxx-link.cc
TESTS += tests/unit/dupsig

# The HTML reader: charset rules in order, metadata sources in order of
# precedence, each boilerplate rule (indexer/html*.c, indexer/charset.c).
check_PROGRAMS += tests/unit/html
tests_unit_html_SOURCES = tests/unit/html.c tests/unit/tap.h
tests_unit_html_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_html_SOURCES = build-aux/force-cxx-link.cc
TESTS += tests/unit/html
