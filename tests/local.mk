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
	unset TRAWL_DB NO_COLOR;

UNIT_LDADD = $(TRAWL_LIBS)

check_PROGRAMS += tests/unit/shim tests/unit/analyzer tests/unit/article \
	tests/unit/snippet tests/unit/docdata
tests_unit_shim_SOURCES = tests/unit/shim.c tests/unit/tap.h
tests_unit_shim_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_shim_SOURCES = build-aux/force-cxx-link.cc
tests_unit_analyzer_SOURCES = tests/unit/analyzer.c tests/unit/tap.h
tests_unit_analyzer_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_analyzer_SOURCES = build-aux/force-cxx-link.cc
tests_unit_article_SOURCES = tests/unit/article.c tests/unit/tap.h
tests_unit_article_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_article_SOURCES = build-aux/force-cxx-link.cc
tests_unit_snippet_SOURCES = tests/unit/snippet.c tests/unit/tap.h
tests_unit_snippet_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_snippet_SOURCES = build-aux/force-cxx-link.cc
tests_unit_docdata_SOURCES = tests/unit/docdata.c tests/unit/tap.h
tests_unit_docdata_LDADD = $(UNIT_LDADD)
nodist_EXTRA_tests_unit_docdata_SOURCES = build-aux/force-cxx-link.cc

TESTS += tests/unit/shim tests/unit/analyzer tests/unit/article \
	tests/unit/snippet tests/unit/docdata

TESTS += \
	tests/t0010-build.sh \
	tests/t0020-index.sh \
	tests/t0030-search.sh \
	tests/t0040-incremental.sh \
	tests/t0050-errors.sh

EXTRA_DIST += tests/test-lib.sh tests/data
