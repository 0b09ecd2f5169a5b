## tests/fuzz/: libFuzzer targets, built with configure --enable-fuzzers
## (CC=clang CXX=clang++); `make fuzz` builds them and runs each for
## $(FUZZ_SECONDS) seconds from its seed corpus (tests/fuzz/run.sh).
FUZZ_TARGETS = tests/fuzz/fuzz-article tests/fuzz/fuzz-analyzer \
	tests/fuzz/fuzz-snippet tests/fuzz/fuzz-cgi-param tests/fuzz/fuzz-escape \
	tests/fuzz/fuzz-query tests/fuzz/fuzz-date tests/fuzz/fuzz-warc tests/fuzz/fuzz-mail \
	tests/fuzz/fuzz-json tests/fuzz/fuzz-html
FUZZ_SECONDS = 60
EXTRA_DIST += tests/fuzz/run.sh tests/fuzz/fuzz-check.h tests/fuzz/fuzz-article-check.h \
	tests/fuzz/corpus

if FUZZERS
EXTRA_PROGRAMS += $(FUZZ_TARGETS)
FUZZ_LINK_FLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_article_SOURCES = tests/fuzz/fuzz-article.c
tests_fuzz_fuzz_article_LDADD = $(UNIT_LDADD)
tests_fuzz_fuzz_article_LDFLAGS = $(FUZZ_LINK_FLAGS)
nodist_EXTRA_tests_fuzz_fuzz_article_SOURCES = build-aux/force-cxx-link.cc
tests_fuzz_fuzz_analyzer_SOURCES = tests/fuzz/fuzz-analyzer.c
tests_fuzz_fuzz_analyzer_LDADD = $(UNIT_LDADD)
tests_fuzz_fuzz_analyzer_LDFLAGS = $(FUZZ_LINK_FLAGS)
nodist_EXTRA_tests_fuzz_fuzz_analyzer_SOURCES = build-aux/force-cxx-link.cc
tests_fuzz_fuzz_snippet_SOURCES = tests/fuzz/fuzz-snippet.c
tests_fuzz_fuzz_snippet_LDADD = $(UNIT_LDADD)
tests_fuzz_fuzz_snippet_LDFLAGS = $(FUZZ_LINK_FLAGS)
nodist_EXTRA_tests_fuzz_fuzz_snippet_SOURCES = build-aux/force-cxx-link.cc
tests_fuzz_fuzz_cgi_param_SOURCES = tests/fuzz/fuzz-cgi-param.c
tests_fuzz_fuzz_cgi_param_LDADD = $(UNIT_LDADD)
tests_fuzz_fuzz_cgi_param_LDFLAGS = $(FUZZ_LINK_FLAGS)
nodist_EXTRA_tests_fuzz_fuzz_cgi_param_SOURCES = build-aux/force-cxx-link.cc
tests_fuzz_fuzz_escape_SOURCES = tests/fuzz/fuzz-escape.c
tests_fuzz_fuzz_escape_LDADD = $(UNIT_LDADD)
tests_fuzz_fuzz_escape_LDFLAGS = $(FUZZ_LINK_FLAGS)
nodist_EXTRA_tests_fuzz_fuzz_escape_SOURCES = build-aux/force-cxx-link.cc
tests_fuzz_fuzz_query_SOURCES = tests/fuzz/fuzz-query.c
tests_fuzz_fuzz_query_LDADD = $(UNIT_LDADD)
tests_fuzz_fuzz_query_LDFLAGS = $(FUZZ_LINK_FLAGS)
nodist_EXTRA_tests_fuzz_fuzz_query_SOURCES = build-aux/force-cxx-link.cc
tests_fuzz_fuzz_date_SOURCES = tests/fuzz/fuzz-date.c
tests_fuzz_fuzz_date_LDADD = $(UNIT_LDADD)
tests_fuzz_fuzz_date_LDFLAGS = $(FUZZ_LINK_FLAGS)
nodist_EXTRA_tests_fuzz_fuzz_date_SOURCES = build-aux/force-cxx-link.cc
tests_fuzz_fuzz_warc_SOURCES = tests/fuzz/fuzz-warc.c
tests_fuzz_fuzz_warc_LDADD = $(UNIT_LDADD)
tests_fuzz_fuzz_warc_LDFLAGS = $(FUZZ_LINK_FLAGS)
nodist_EXTRA_tests_fuzz_fuzz_warc_SOURCES = build-aux/force-cxx-link.cc
tests_fuzz_fuzz_mail_SOURCES = tests/fuzz/fuzz-mail.c
tests_fuzz_fuzz_mail_LDADD = $(UNIT_LDADD)
tests_fuzz_fuzz_mail_LDFLAGS = $(FUZZ_LINK_FLAGS)
nodist_EXTRA_tests_fuzz_fuzz_mail_SOURCES = build-aux/force-cxx-link.cc
tests_fuzz_fuzz_json_SOURCES = tests/fuzz/fuzz-json.c
tests_fuzz_fuzz_json_LDADD = $(UNIT_LDADD)
tests_fuzz_fuzz_json_LDFLAGS = $(FUZZ_LINK_FLAGS)
nodist_EXTRA_tests_fuzz_fuzz_json_SOURCES = build-aux/force-cxx-link.cc
tests_fuzz_fuzz_html_SOURCES = tests/fuzz/fuzz-html.c
tests_fuzz_fuzz_html_LDADD = $(UNIT_LDADD)
tests_fuzz_fuzz_html_LDFLAGS = $(FUZZ_LINK_FLAGS)
nodist_EXTRA_tests_fuzz_fuzz_html_SOURCES = build-aux/force-cxx-link.cc

fuzz: $(FUZZ_TARGETS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(SHELL) $(srcdir)/tests/fuzz/run.sh $(FUZZ_TARGETS)
else
fuzz:
	@echo "configure with --enable-fuzzers (CC=clang CXX=clang++) to build the fuzz targets" >&2; exit 2
endif
.PHONY: fuzz
