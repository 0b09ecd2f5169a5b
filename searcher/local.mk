## searcher/: query parser, snippets, citations, renderers, trawl-search.
libtrawlcore_la_SOURCES += \
	searcher/snippet.h searcher/snippet.c \
	searcher/query.h searcher/query.c \
	searcher/search.h searcher/search.c \
	searcher/escape.h searcher/escape.c

bin_PROGRAMS += trawl-search
trawl_search_SOURCES = searcher/main.c searcher/output.h searcher/output.c
trawl_search_LDADD = $(TRAWL_LIBS)
nodist_EXTRA_trawl_search_SOURCES = build-aux/force-cxx-link.cc
