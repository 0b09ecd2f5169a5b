## doc/: what `make install` puts beside the programs: man pages, the
## documents, the example program and bash completion.
dist_man1_MANS = doc/man/trawl-index.1 doc/man/trawl-search.1
dist_man7_MANS = doc/man/trawl-query.7
dist_man8_MANS = doc/man/trawl.cgi.8

# Every doc/*.md (tests/t0400-install.sh checks that none is missing).
dist_doc_DATA = README.md doc/design.md doc/cgi.md doc/relevance.md \
	doc/benchmarks.md doc/scaling.md doc/security.md \
	doc/tutorial-terminal.md doc/tutorial-research.md doc/tutorial-web.md
docexamplesdir = $(docdir)/examples
dist_docexamples_DATA = doc/examples/search.c

# The example of doc/tutorial-*.md and trawl.h, built against the
# uninstalled library (tests/t0430-example.sh runs it).
check_PROGRAMS += doc/examples/search
doc_examples_search_SOURCES = doc/examples/search.c
# Only the public header: the example must build as a user's program does.
doc_examples_search_CPPFLAGS = -I$(top_srcdir)/lib
doc_examples_search_LDADD = lib/libtrawl.la

# bash-completion loads completions/<command> when a command is first
# completed: the one script is installed under both names.
bashcompletiondir = $(datadir)/bash-completion/completions
EXTRA_DIST += doc/completion/trawl.bash
install-data-local:
	$(MKDIR_P) '$(DESTDIR)$(bashcompletiondir)'
	$(INSTALL_DATA) '$(srcdir)/doc/completion/trawl.bash' '$(DESTDIR)$(bashcompletiondir)/trawl-search'
	$(INSTALL_DATA) '$(srcdir)/doc/completion/trawl.bash' '$(DESTDIR)$(bashcompletiondir)/trawl-index'
uninstall-local:
	rm -f '$(DESTDIR)$(bashcompletiondir)/trawl-search' '$(DESTDIR)$(bashcompletiondir)/trawl-index'
