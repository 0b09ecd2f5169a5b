## text/: the one analyzer (UTF-8, word boundaries, case folding, stemming).
noinst_LTLIBRARIES += libtrawlcore.la
libtrawlcore_la_SOURCES = \
	text/utf8.h text/utf8.c \
	text/analyzer.h text/analyzer.c \
	text/stopwords.h text/stopwords.c text/stopwords-data.c
EXTRA_DIST += text/make-stopwords-data.py
