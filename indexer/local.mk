## indexer/: corpus readers, the article parser, trawl-index.
# The indexer's modules are a library of their own, outside libtrawl (the
# installed search library, which must not depend on libxml2): trawl-index,
# the unit tests and the benchmarks link INDEX_LIBS.
noinst_LTLIBRARIES += indexer/libtrawlindex.la
indexer_libtrawlindex_la_SOURCES = \
	indexer/article.h indexer/article.c \
	indexer/clean.h indexer/clean.c indexer/page.h indexer/page-internal.h \
	indexer/page.c indexer/page-lines.c \
	indexer/boilerplate.h indexer/boilerplate.c \
	indexer/manifest.h indexer/manifest.c \
	indexer/json.h indexer/json.c \
	indexer/fields.h indexer/fields.c \
	indexer/jsonl.h indexer/jsonl.c \
	indexer/mail.h indexer/mail.c indexer/mime.h indexer/mime.c \
	indexer/charset.h indexer/charset.c \
	indexer/html.h indexer/html.c indexer/html-internal.h indexer/html-walk.c \
	indexer/html-hints.c \
	indexer/html-body.c indexer/html-meta.c indexer/html-title.c indexer/html-byline.c \
	indexer/html-pubdate.c indexer/html-util.c indexer/html-jsonld.c indexer/html-date.c \
	indexer/warc.h indexer/warc.c indexer/warc-internal.h indexer/warc-stream.c \
	indexer/warc-fields.c indexer/warc-payload.c indexer/warc-input.h indexer/warc-input.c \
	indexer/warc-http.h indexer/warc-http.c \
	indexer/reader.h indexer/reader.c indexer/read-text.c indexer/read-jsonl.c \
	indexer/read-html.c indexer/corpus.h indexer/corpus.c \
	indexer/tally.h indexer/tally.c \
	indexer/extract.h indexer/extract.c \
	indexer/dupsig.h indexer/dupsig.c \
	indexer/dupgroup.h indexer/dupgroup.c indexer/bandtable.h indexer/bandtable.c \
	indexer/groups.h indexer/groups.c \
	indexer/document.h indexer/document.c indexer/spelling.h indexer/spelling.c
indexer_libtrawlindex_la_CPPFLAGS = $(AM_CPPFLAGS) $(ZLIB_CFLAGS) $(DEFLATE_CFLAGS) $(LIBXML2_CFLAGS)
INDEX_LIBS = indexer/libtrawlindex.la $(TRAWL_LIBS) $(LIBXML2_LIBS)

bin_PROGRAMS += trawl-index
trawl_index_SOURCES = indexer/main.c indexer/walk.h indexer/walk.c \
	indexer/roots.h indexer/roots.c indexer/known.h indexer/known.c \
	indexer/build.h indexer/build-internal.h indexer/build.c \
	indexer/build-file.c indexer/build-open.c \
	indexer/idset.h indexer/idset.c \
	indexer/shard.h indexer/shard.c \
	indexer/maintain.h indexer/maintain.c indexer/compact.c indexer/parts.c indexer/extract-run.c
trawl_index_CPPFLAGS = $(AM_CPPFLAGS) $(ZLIB_CFLAGS)
trawl_index_LDADD = indexer/libtrawlindex.la $(TRAWL_PROGRAM_LIBS) $(LIBXML2_LIBS) $(JEMALLOC_LIBS)
trawl_index_LDFLAGS = $(TRAWL_LINK_STATIC)
# The shim is C++: link with the C++ driver.
nodist_EXTRA_trawl_index_SOURCES = build-aux/force-cxx-link.cc
