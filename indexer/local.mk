## indexer/: corpus readers, the article parser, trawl-index.
libtrawlcore_la_SOURCES += \
	indexer/article.h indexer/article.c \
	indexer/boilerplate.h indexer/boilerplate.c \
	indexer/manifest.h indexer/manifest.c

bin_PROGRAMS += trawl-index
trawl_index_SOURCES = indexer/main.c indexer/walk.h indexer/walk.c \
	indexer/build.h indexer/build.c
trawl_index_CPPFLAGS = $(AM_CPPFLAGS) $(ZLIB_CFLAGS)
trawl_index_LDADD = $(TRAWL_LIBS)
# The shim is C++: link with the C++ driver.
nodist_EXTRA_trawl_index_SOURCES = build-aux/force-cxx-link.cc
