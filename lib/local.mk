## lib/: libtrawl, the public C library (one header, trawl.h), installed
## shared and static with a pkg-config file.  The programs link it too.
lib_LTLIBRARIES = lib/libtrawl.la
include_HEADERS = lib/trawl.h
lib_libtrawl_la_SOURCES = lib/trawl.h lib/trawl.c
# The shim is C++, but the library is linked as C with libstdc++ named:
# libtool's C++ link honours -export-symbols-regex only in the static
# symbol table (-retain-symbols-file), its C link with a version script.
lib_libtrawl_la_LIBADD = libtrawlcore.la shim/libxs.la \
	$(XAPIAN_LIBS) $(STEMMER_LIBS) $(ZLIB_LIBS) $(DEFLATE_LIBS) -lstdc++
# Only trawl_* is the interface (tests/t0420-symbols.sh checks it); the
# version is libtool's current:revision:age, changed only with the interface.
lib_libtrawl_la_LDFLAGS = $(AM_LDFLAGS) -no-undefined -version-info 1:0:1 \
	-export-symbols-regex '^trawl_'

pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = lib/trawl.pc

# The API called right and wrong (tests/t0430-example.sh), as a user's
# program: the public header only, linked with the shared library.
check_PROGRAMS += tests/unit/libtrawl
tests_unit_libtrawl_SOURCES = tests/unit/libtrawl.c
tests_unit_libtrawl_CPPFLAGS = -I$(top_srcdir)/lib -DTRAWL_VERSION='"$(PACKAGE_VERSION)"'
tests_unit_libtrawl_LDADD = lib/libtrawl.la

# libtool makes PIC objects only when configured for shared libraries, so
# objects made under another libtool configuration (a build from before the
# library was shared) must be remade once configure has run again.
$(libtrawlcore_la_OBJECTS) $(shim_libxs_la_OBJECTS): $(top_builddir)/libtool
