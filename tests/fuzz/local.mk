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
# Each target is tests/fuzz/NAME.c, automake's default source, with LDADD
# as the unit tests have it (tests/local.mk); it is linked by the C++ linker,
# for the libraries' C++, with libFuzzer's main().
FUZZ_LINK = $(CXXLINK) -fsanitize=fuzzer
tests_fuzz_fuzz_article_LINK = $(FUZZ_LINK)
tests_fuzz_fuzz_analyzer_LINK = $(FUZZ_LINK)
tests_fuzz_fuzz_snippet_LINK = $(FUZZ_LINK)
tests_fuzz_fuzz_cgi_param_LINK = $(FUZZ_LINK)
tests_fuzz_fuzz_escape_LINK = $(FUZZ_LINK)
tests_fuzz_fuzz_query_LINK = $(FUZZ_LINK)
tests_fuzz_fuzz_date_LINK = $(FUZZ_LINK)
tests_fuzz_fuzz_warc_LINK = $(FUZZ_LINK)
tests_fuzz_fuzz_mail_LINK = $(FUZZ_LINK)
tests_fuzz_fuzz_json_LINK = $(FUZZ_LINK)
tests_fuzz_fuzz_html_LINK = $(FUZZ_LINK)

fuzz: $(FUZZ_TARGETS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(SHELL) $(srcdir)/tests/fuzz/run.sh $(FUZZ_TARGETS)
else
fuzz:
	@echo "configure with --enable-fuzzers (CC=clang CXX=clang++) to build the fuzz targets" >&2; exit 2
endif
.PHONY: fuzz
