## common/: what indexer and searcher share besides the analyzer.
libtrawlcore_la_SOURCES += \
	common/schema.h common/hash.h common/hex.h common/table.h common/table.c \
	common/buf.h common/buf.c common/grow.h common/grow.c \
	common/msg.h common/msg.c common/escape.h common/escape.c \
	common/docdata.h common/docdata.c \
	common/dbpath.h common/dbpath.c \
	common/config.h common/config.c common/options.h common/options.c \
	common/date.h common/date-internal.h common/date.c common/date-lex.c \
	common/date-calendar.c common/date-names.h common/date-names.c
libtrawlcore_la_CPPFLAGS = $(AM_CPPFLAGS) $(ZLIB_CFLAGS) $(DEFLATE_CFLAGS)
