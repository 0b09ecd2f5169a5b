## indexer/: corpus readers, the article parser, trawl-index.
libtrawlcore_la_SOURCES += \
	indexer/article.h indexer/article.c \
	indexer/boilerplate.h indexer/boilerplate.c \
	indexer/manifest.h indexer/manifest.c \
	indexer/json.h indexer/json.c \
	indexer/fields.h indexer/fields.c \
	indexer/jsonl.h indexer/jsonl.c \
	indexer/mail.h indexer/mail.c \
	indexer/charset.h indexer/charset.c \
	indexer/extract.h indexer/extract.c

# Web pages (libxml2's HTML parser): a library of their own, so that
# libtrawl (the search library) does not depend on libxml2.  Programs and
# tests that read HTML link HTML_LIBS.
noinst_LTLIBRARIES += indexer/libtrawlhtml.la
indexer_libtrawlhtml_la_SOURCES = indexer/html.h indexer/html.c \
	indexer/html-internal.h indexer/html-walk.c indexer/html-body.c \
	indexer/html-meta.c indexer/html-title.c indexer/html-byline.c indexer/html-pubdate.c indexer/html-util.c indexer/html-jsonld.c indexer/html-date.c
indexer_libtrawlhtml_la_CPPFLAGS = $(AM_CPPFLAGS) $(LIBXML2_CFLAGS)
HTML_LIBS = indexer/libtrawlhtml.la $(TRAWL_LIBS) $(LIBXML2_LIBS)

bin_PROGRAMS += trawl-index
trawl_index_SOURCES = indexer/main.c indexer/walk.h indexer/walk.c \
	indexer/build.h indexer/build.c indexer/idset.h indexer/idset.c \
	indexer/spelling.h indexer/spelling.c indexer/shard.h indexer/shard.c \
	indexer/maintain.h indexer/maintain.c indexer/parts.c
trawl_index_CPPFLAGS = $(AM_CPPFLAGS) $(ZLIB_CFLAGS)
trawl_index_LDADD = indexer/libtrawlhtml.la $(TRAWL_PROGRAM_LIBS) $(LIBXML2_LIBS)
trawl_index_LDFLAGS = $(TRAWL_LINK_STATIC)
# The shim is C++: link with the C++ driver.
nodist_EXTRA_trawl_index_SOURCES = build-aux/force-cxx-link.cc
