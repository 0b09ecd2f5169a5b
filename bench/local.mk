## bench/: programs and scripts that measure (built on demand, never installed).
# What trawl makes of web pages, as JSON lines (bench/html-eval.sh builds
# it with `make bench/trawl-html-extract`).
EXTRA_PROGRAMS += bench/trawl-html-extract
bench_trawl_html_extract_SOURCES = bench/html-extract.c
bench_trawl_html_extract_CPPFLAGS = $(AM_CPPFLAGS) $(ZLIB_CFLAGS) $(LIBXML2_CFLAGS)
# With trawl-index's allocator: what the extraction costs inside it.
bench_trawl_html_extract_LDADD = $(INDEX_LIBS) $(JEMALLOC_LIBS)
nodist_EXTRA_bench_trawl_html_extract_SOURCES = build-aux/force-cxx-link.cc
# The benchmarks go with the release: the docs name them (t0477-doc-names.sh).
EXTRA_DIST += bench/html-eval.sh bench/html-score.py bench/html-index.sh bench/options.sh \
	bench/batch-speed.sh bench/cgi-speed.sh bench/dup-eval.sh bench/dup-testset.py bench/floor-ratio.sh \
	bench/index-scaling.sh bench/index-size.sh bench/index-speed.sh bench/jsonl-to-files.py \
	bench/load.sh bench/mix-corpus.sh bench/relevance.sh bench/rerank-fit.py \
	bench/shard-build.sh bench/snippet-coverage.sh bench/warc-speed.sh bench/xapian-floor.cc bench/xapian-query-floor.cc
