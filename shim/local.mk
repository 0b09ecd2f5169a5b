## shim/: the C API over Xapian, the only C++ in the tree.
noinst_LTLIBRARIES += shim/libxs.la
shim_libxs_la_SOURCES = shim/xs.h shim/xs.cc
shim_libxs_la_CPPFLAGS = $(AM_CPPFLAGS) $(XAPIAN_CFLAGS)
