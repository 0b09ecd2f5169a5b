/* cgi-download.c: results as CSV, BibTeX or RIS for trawl.cgi's format=,
 * through trawl-search's writers: one writer, two front ends.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define _POSIX_C_SOURCE 200809L   /* open_memstream() */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgi-download.h"
#include "output.h"

static const struct {
    const char *name, *type, *filename;
} formats[] = {
    [CGI_DOWNLOAD_CSV] = { "csv", "text/csv; charset=utf-8; header=present", "trawl-results.csv" },
    [CGI_DOWNLOAD_BIBTEX] = { "bibtex", "application/x-bibtex; charset=utf-8", "trawl-results.bib" },
    [CGI_DOWNLOAD_RIS] = { "ris", "application/x-research-info-systems; charset=utf-8",
                           "trawl-results.ris" },
};

cgi_download_t cgi_download_parse(const char *name)
{
    for (size_t i = CGI_DOWNLOAD_CSV; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(name, formats[i].name) == 0)
            return (cgi_download_t)i;
    return CGI_DOWNLOAD_NONE;
}

const char *cgi_download_type(cgi_download_t format)
{
    return formats[format].type;
}

const char *cgi_download_filename(cgi_download_t format)
{
    return formats[format].filename;
}

/* The output options of trawl-search for FORMAT. */
static void output_options(cgi_download_t format, output_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->format = format == CGI_DOWNLOAD_CSV ? FORMAT_CSV : FORMAT_TEXT;
    o->cite = format == CGI_DOWNLOAD_BIBTEX ? CITE_BIBTEX
              : format == CGI_DOWNLOAD_RIS ? CITE_RIS : CITE_NONE;
    output_default_fields(o, 0);
}

void cgi_download_options(cgi_download_t format, search_options_t *opts)
{
    output_options_t o;
    output_options(format, &o);
    opts->snippet_chars = output_needs_snippets(&o) ? SNIPPET_DEFAULT_CHARS : 0;
    opts->copies = output_needs_copies(&o);
}

int cgi_download_write(buf_t *out, cgi_download_t format, const char *text,
                       const search_result_t *r, const char *accessed)
{
    output_options_t o;
    output_query_t q = { "1", text, 0, 0, 0 };
    char *data = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&data, &len);

    if (fp == NULL)
        return -1;
    output_options(format, &o);
    o.accessed = accessed;
    int failed = output_begin(fp, &o) != OUTPUT_OK || output_page(fp, &o, &q, r, 1) != OUTPUT_OK
                 || output_end(fp, &o) != OUTPUT_OK;
    if (fclose(fp) != 0)
        failed = 1;
    if (!failed)
        buf_append(out, data, len);
    free(data);
    return failed || out->failed ? -1 : 0;
}
