## shim/: the C API over Xapian, the only C++ in the tree.  xs.h is the one
## public header; xs-private.h holds what the four files share.
noinst_LTLIBRARIES += shim/libxs.la
shim_libxs_la_SOURCES = shim/xs.h shim/xs-private.h shim/xs-db.cc \
	shim/xs-write.cc shim/xs-query.cc shim/xs-search.cc
shim_libxs_la_CPPFLAGS = $(AM_CPPFLAGS) $(XAPIAN_CFLAGS)
