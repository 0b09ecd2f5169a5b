/* html-extract.c: what trawl makes of web pages, as JSON lines (for bench/).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Usage: trawl-html-extract [--content-type VALUE] [--url URL] [--repeat N]
 *                           [--time] [--parse-only] FILE...
 * For each FILE (HTML, gzip'd or not), one line: the JSON object of
 * extract.h, or {"path":...,"error":"..."} when the page gives no article.
 * The page's URL is --url when given, else the file's path (as trawl-index
 * gives it).  --time writes to stderr the bytes of HTML read, the seconds
 * spent extracting (decoding, parsing, choosing; not reading the files or
 * writing JSON) and MB/s; --repeat extracts each page N times for that
 * (the output is written once).  --parse-only does no more than libxml2's
 * parse of each page, with the options html_parse() gives it, and writes
 * no JSON: with --time, the floor under trawl's extraction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "buf.h"
#include "escape.h"
#include "extract.h"
#include "html.h"
#include "html-internal.h"

/* Reads PATH whole, gunzipping when it is gzip (zlib reads plain files as
 * they are).  Returns 0, or -1 with a message on stderr. */
static int read_file(const char *path, buf_t *out)
{
    gzFile f = gzopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "trawl-html-extract: error: cannot open '%s'\n", path);
        return -1;
    }
    gzbuffer(f, 1 << 17);
    for (;;) {
        char *space = buf_space(out, 1 << 16);
        if (space == NULL)
            break;
        int n = gzread(f, space, 1 << 16);
        if (n <= 0) {
            int err;
            gzerror(f, &err);
            gzclose(f);
            if (n < 0 || err != Z_OK) {
                fprintf(stderr, "trawl-html-extract: error: cannot read '%s'\n", path);
                return -1;
            }
            return 0;
        }
        out->len += (size_t)n;
        out->data[out->len] = '\0';
    }
    gzclose(f);
    fprintf(stderr, "trawl-html-extract: error: out of memory reading '%s'\n", path);
    return -1;
}

/* libxml2's parse of PAGE alone, its tree freed: the part of html_parse()
 * that is not trawl's (the page is taken to be UTF-8 already). */
static void parse_only(const buf_t *page)
{
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (ctxt == NULL)
        return;
    xmlDoc *doc = htmlCtxtReadMemory(ctxt, page->data ? page->data : "", (int)page->len, NULL,
                                     "UTF-8", HTML_OPTIONS);
    xmlFreeDoc(doc);
    htmlFreeParserCtxt(ctxt);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    html_source_t source = { NULL, NULL, NULL };
    const char *url = NULL;
    int timing = 0, repeat = 1, status = 0, i = 1, only_parse = 0;
    double seconds = 0;
    size_t bytes = 0;

    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        if (strcmp(argv[i], "--content-type") == 0 && i + 1 < argc)
            source.content_type = argv[++i];
        else if (strcmp(argv[i], "--url") == 0 && i + 1 < argc)
            url = argv[++i];
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = atoi(argv[++i]) > 0 ? atoi(argv[i]) : 1;
        else if (strcmp(argv[i], "--time") == 0)
            timing = 1;
        else if (strcmp(argv[i], "--parse-only") == 0)
            only_parse = 1;
        else {
            fprintf(stderr, "trawl-html-extract: error: unknown option '%s'\n"
                    "usage: trawl-html-extract [--content-type VALUE] [--url URL] "
                    "[--repeat N] [--time] [--parse-only] FILE...\n", argv[i]);
            return 2;
        }
    }
    for (; i < argc; i++) {
        buf_t page = BUF_INIT, line = BUF_INIT;
        if (read_file(argv[i], &page) != 0) {
            status = 1;
            buf_free(&page);
            continue;
        }
        if (only_parse) {
            double start = now();
            for (int r = 0; r < repeat; r++)
                parse_only(&page);
            seconds += now() - start;
            bytes += page.len * (size_t)repeat;
            buf_free(&page);
            continue;
        }
        source.url = url ? url : argv[i];
        article_t article;
        char *err = NULL;
        int rc = 0;
        double start = now();
        for (int r = 0; r < repeat; r++) {
            if (r > 0) {
                if (rc == 0)
                    article_free(&article);
                free(err);
                err = NULL;
            }
            rc = html_parse(page.data ? page.data : "", page.len, &source, &article, &err);
        }
        seconds += now() - start;
        bytes += page.len * (size_t)repeat;
        if (rc == 0) {
            extract_origin_t origin = { argv[i], NULL, NULL };
            extract_json(&line, &origin, &article);
            if (article.warning)
                fprintf(stderr, "trawl-html-extract: warning: '%s': %s\n", argv[i], article.warning);
            article_free(&article);
        } else {
            buf_puts(&line, "{\"path\":\"");
            esc_json(&line, argv[i], strlen(argv[i]));
            buf_puts(&line, "\",\"error\":\"");
            esc_json(&line, err ? err : "", err ? strlen(err) : 0);
            buf_puts(&line, "\"}");
        }
        free(err);
        buf_putc(&line, '\n');
        fwrite(line.data, 1, line.len, stdout);
        buf_free(&line);
        buf_free(&page);
    }
    if (timing)
        fprintf(stderr, "trawl-html-extract: %zu bytes in %.3f s: %.1f MB/s\n", bytes, seconds,
                seconds > 0 ? bytes / seconds / 1e6 : 0.0);
    return status;
}
