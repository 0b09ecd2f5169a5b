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

# The unit tests (TAP, tests/unit/tap.h), listed in UNIT_TESTS below.  Each
# tests/unit/NAME is built from tests/unit/NAME.c, automake's default source
# where no _SOURCES is set, and links the internal libraries (LDADD: every
# other program names its own).  The libraries hold C++ (shim/), so each test
# names a C++ source that is never built (the nodist_EXTRA_ lines at the end),
# which makes automake link it with the C++ compiler.
UNIT_LDADD = $(INDEX_LIBS)
LDADD = $(UNIT_LDADD)
EXTRA_DIST += tests/unit/tap.h tests/unit/shim-fixtures.h

UNIT_TESTS = tests/unit/shim tests/unit/shim-index tests/unit/analyzer tests/unit/article \
	tests/unit/query tests/unit/snippet tests/unit/reader tests/unit/jsonl tests/unit/docdata
tests_unit_reader_SOURCES = tests/unit/reader.c indexer/walk.c

# The analyzer's stem cache, allocated late and grown (text/analyzer.c).
UNIT_TESTS += tests/unit/analyzer-cache

# The one date reader (common/date.c), with the real dates of
# tests/data/dates-real.tsv.
UNIT_TESTS += tests/unit/date
EXTRA_DIST += tests/data/dates-real.tsv

# The two boilerplate rules: furniture patterns, recurring lines.
UNIT_TESTS += tests/unit/boilerplate

# The index document of one article (indexer/document.c): its terms, values
# and stored document as schema.h lays them out, read back from an index.
UNIT_TESTS += tests/unit/document

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

TESTS += tests/t0110-jsonl-mail.sh tests/t0120-shards.sh tests/t0125-shard-builds.sh tests/t0130-jobs.sh tests/t0135-compact.sh tests/t0136-flush.sh tests/t0145-groups.sh tests/t0146-copies.sh tests/t0147-fields.sh tests/t0148-kwic.sh tests/t0149-collapse.sh
# Web pages and crawls: lighttpd + wget end to end, and hostile pages.
TESTS += tests/t0150-web.sh tests/t0151-html-hostile.sh

# trawl.cgi: escapers, the parameter decoder, and the page behind real
# lighttpd and chromium (skipped when they are not installed).
UNIT_TESTS += tests/unit/escape tests/unit/cgi-param
TESTS += tests/t0200-cgi.sh tests/t0210-browser.sh tests/t0230-page.sh tests/t0231-page-browser.sh
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
UNIT_TESTS += tests/unit/search

# The one matcher, as every view uses it.
UNIT_TESTS += tests/unit/match

# trawl-search's renderers and references, byte for byte.
UNIT_TESTS += tests/unit/output tests/unit/cite

# The terminal: folding to its width (unit), and a pager, options, config
# and --show as a person at it meets them (t0460, under a pseudo-terminal).
UNIT_TESTS += tests/unit/wrap
tests_unit_wrap_SOURCES = tests/unit/wrap.c searcher/wrap.c
TESTS += tests/t0460-terminal.sh tests/t0465-options.sh \
	tests/t0470-suggest.sh tests/t0475-docs.sh tests/t0476-doc-cgi.sh tests/t0477-doc-names.sh tests/t0478-doc-web.sh tests/t0479-doc-scaling.sh \
	tests/t0480-acronyms.sh

# Research mode (batch, formats, citations, counts) and the evaluation path.
TESTS += tests/t0070-research.sh tests/t0080-relevance.sh

# Packaging: make install and uninstall, man pages, libtrawl's symbols and
# example program, bash completion, the config file.
UNIT_TESTS += tests/unit/config
TESTS += tests/t0400-install.sh tests/t0410-man.sh tests/t0415-design.sh \
	tests/t0420-symbols.sh tests/t0430-example.sh tests/t0440-completion.sh \
	tests/t0450-config.sh
AM_TESTS_ENVIRONMENT += MAKE='$(MAKE)'; CC='$(CC)'; SANITIZE_FLAGS='$(SANITIZE_FLAGS)'; \
	export MAKE CC SANITIZE_FLAGS;

# WARC files (indexer/warc.c): the reader over crawled and damaged fixtures
# (tests/data/warc/), and a dumper for debugging and bench/warc-speed.sh
# (`make bench/trawl-warc-dump`).
UNIT_TESTS += tests/unit/warc
EXTRA_DIST += tests/data/warc
EXTRA_PROGRAMS += bench/trawl-warc-dump
bench_trawl_warc_dump_SOURCES = bench/warc-dump.c
bench_trawl_warc_dump_LDADD = $(INDEX_LIBS)
nodist_EXTRA_bench_trawl_warc_dump_SOURCES = build-aux/force-cxx-link.cc

# Near-duplicate signatures and grouping (indexer/dupsig.h, dupgroup.h).
UNIT_TESTS += tests/unit/dupsig

# The HTML reader: charset rules in order, metadata sources in order of
# precedence, each boilerplate rule (indexer/html*.c, indexer/charset.c).
UNIT_TESTS += tests/unit/html

check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
nodist_EXTRA_tests_unit_shim_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_shim_index_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_analyzer_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_article_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_query_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_snippet_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_reader_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_jsonl_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_docdata_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_analyzer_cache_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_date_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_boilerplate_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_document_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_escape_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_cgi_param_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_search_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_match_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_output_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_cite_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_wrap_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_config_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_warc_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_dupsig_SOURCES = build-aux/force-cxx-link.cc
nodist_EXTRA_tests_unit_html_SOURCES = build-aux/force-cxx-link.cc
# It also reaches the extractor's own helpers (indexer/html-internal.h).
tests_unit_html_CPPFLAGS = $(AM_CPPFLAGS) $(LIBXML2_CFLAGS)
