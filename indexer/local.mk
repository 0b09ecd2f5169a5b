## indexer/: corpus readers, the article parser, trawl-index.
libtrawlcore_la_SOURCES += \
	indexer/article.h indexer/article.c \
	indexer/clean.h indexer/clean.c indexer/page.h indexer/page.c \
	indexer/boilerplate.h indexer/boilerplate.c \
	indexer/manifest.h indexer/manifest.c \
	indexer/json.h indexer/json.c \
	indexer/fields.h indexer/fields.c \
	indexer/jsonl.h indexer/jsonl.c \
	indexer/mail.h indexer/mail.c \
	indexer/reader.h indexer/reader.c indexer/read-text.c indexer/read-jsonl.c \
	indexer/tally.h indexer/tally.c \
	indexer/warc.h indexer/warc.c indexer/warc-input.h indexer/warc-input.c \
	indexer/warc-http.h indexer/warc-http.c \
	indexer/dupsig.h indexer/dupsig.c \
	indexer/dupgroup.h indexer/dupgroup.c

bin_PROGRAMS += trawl-index
trawl_index_SOURCES = indexer/main.c indexer/walk.h indexer/walk.c \
	indexer/roots.h indexer/roots.c indexer/known.h indexer/known.c \
	indexer/build.h indexer/build.c indexer/document.h indexer/document.c \
	indexer/idset.h indexer/idset.c \
	indexer/spelling.h indexer/spelling.c indexer/shard.h indexer/shard.c \
	indexer/maintain.h indexer/maintain.c indexer/parts.c
trawl_index_CPPFLAGS = $(AM_CPPFLAGS) $(ZLIB_CFLAGS)
trawl_index_LDADD = $(TRAWL_PROGRAM_LIBS)
trawl_index_LDFLAGS = $(TRAWL_LINK_STATIC)
# The shim is C++: link with the C++ driver.
nodist_EXTRA_trawl_index_SOURCES = build-aux/force-cxx-link.cc
