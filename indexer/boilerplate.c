/* boilerplate.c: recurring-line counts and the page-furniture pattern list.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "boilerplate.h"
#include "hash.h"
#include "table.h"

/* The distinct normalised lines, by hash only (table.h, TABLE_HASHES_ONLY):
 * a collision would only make a rare line look recurring.  An entry's
 * count is the documents the line appears in, its mark the last document
 * counted (1-based), so a line repeated within a page counts once. */
struct boilerplate {
    table_t *lines;
    size_t documents;
};

/* FNV-1a over the normalised line: white space folded to one space,
 * trimmed, ASCII case folded.  Sets *LEN to the normalised length. */
static uint64_t line_hash(const char *s, size_t n, size_t *len)
{
    uint64_t h = FNV1A64_INIT;
    int space = 0;

    *len = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t') {
            space = *len > 0;
            continue;
        }
        if (space) {
            h = fnv1a64(h, " ", 1);
            ++*len;
            space = 0;
        }
        c = (unsigned char)tolower(c);
        h = fnv1a64(h, &c, 1);
        ++*len;
    }
    return h;
}

boilerplate_t *boilerplate_new(void)
{
    boilerplate_t *bp = calloc(1, sizeof *bp);
    if (bp == NULL || (bp->lines = table_new(TABLE_HASHES_ONLY)) == NULL) {
        free(bp);
        return NULL;
    }
    return bp;
}

void boilerplate_free(boilerplate_t *bp)
{
    if (bp == NULL)
        return;
    table_free(bp->lines, NULL);
    free(bp);
}

int boilerplate_add_document(boilerplate_t *bp, const char *text, size_t len)
{
    size_t clean_len;
    /* Cleaned as page_parse() cleans, so the lines it asks about hash
     * the same. */
    char *clean = clean_text(text, len, &clean_len);
    if (clean == NULL)
        return -1;
    bp->documents++;
    for (size_t start = 0; start <= clean_len;) {
        const char *nl = memchr(clean + start, '\n', clean_len - start);
        size_t n = nl ? (size_t)(nl - clean) - start : clean_len - start, norm;
        uint64_t hash = line_hash(clean + start, n, &norm);
        start += n + 1;
        if (norm == 0 || norm > BOILERPLATE_MAX_LINE)
            continue;
        table_entry_t *e = table_add_hash(bp->lines, hash, NULL);
        if (e == NULL) {
            free(clean);
            return -1;
        }
        if (e->mark != bp->documents) {
            e->mark = bp->documents;
            e->count++;
        }
    }
    free(clean);
    return 0;
}

unsigned long boilerplate_documents_with(const boilerplate_t *bp, const char *line, size_t len)
{
    size_t norm;
    uint64_t hash = line_hash(line, len, &norm);
    if (bp == NULL || norm == 0 || norm > BOILERPLATE_MAX_LINE)
        return 0;
    const table_entry_t *e = table_find_hash(bp->lines, hash);
    return e ? e->count : 0;
}

int boilerplate_is_recurring(const boilerplate_t *bp, const char *line, size_t len)
{
    return boilerplate_documents_with(bp, line, len) >= BOILERPLATE_MIN_DOCS;
}

size_t boilerplate_document_count(const boilerplate_t *bp)
{
    return bp->documents;
}

/* Page furniture, lower case.  A prefix pattern matches a line that starts
 * with it ("sign in to " matches "Sign in to see the latest jobs relevant
 * to you!"); the others must be the whole line.  Only short lines (BOILERPLATE_MAX_LINE) are tested, so
 * a story sentence that happens to start the same way survives. */
typedef struct {
    const char *text;
    int prefix;
} pattern_t;

static const pattern_t furniture[] = {
    /* Cookie and consent notices: shown on every page of a site. */
    { "by continuing to use the site", 1 },
    { "by continuing to use this site", 1 },
    { "by continuing to browse", 1 },
    { "we use cookies", 1 },
    { "this site uses cookies", 1 },
    { "this website uses cookies", 1 },
    { "accept cookies", 0 },
    { "accept all cookies", 0 },
    /* Browser warnings: "Your browser is no longer supported", "Your browser
     * seems to have cookies disabled...", "For the best possible experience
     * ... upgrade ...". */
    { "your browser ", 1 },
    { "for the best possible experience", 1 },
    /* Sign-in and newsletter prompts. */
    { "sign in to ", 1 },
    { "sign up to get ", 1 },
    { "sign up for our newsletter", 1 },
    { "subscribe to our newsletter", 1 },
    { "want news like this", 1 },
    /* Link lists and advertising headings: what follows is not the story. */
    { "related articles", 1 },
    { "related stories", 1 },
    { "related jobs", 1 },
    { "related content", 0 },
    { "more on this story", 0 },
    { "ads by google", 0 },
    { "advertisement", 0 },
    /* The comment widget: its labels and buttons, not what readers said. */
    { "unsuitable or offensive?", 0 },
    { "report this comment", 0 },
    { "have your say", 0 },
    { "you must sign in to make a comment", 1 },
    { "leave a comment", 0 },
    { "add your comment", 0 },
    /* Sharing buttons. */
    { "share this article", 1 },
    { "share this story", 1 },
    { "print this article", 0 },
};

int boilerplate_is_furniture(const char *line, size_t len)
{
    char norm[BOILERPLATE_MAX_LINE + 1];
    size_t n = 0;
    int space = 0;

    /* Normalised as line_hash() does; a longer line is not furniture. */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)line[i];
        if (c == ' ' || c == '\t') {
            space = n > 0;
            continue;
        }
        if (n + (size_t)space + 1 > BOILERPLATE_MAX_LINE)
            return 0;
        if (space)
            norm[n++] = ' ';
        space = 0;
        norm[n++] = (char)tolower(c);
    }
    norm[n] = '\0';
    for (size_t i = 0; i < sizeof furniture / sizeof furniture[0]; i++) {
        size_t plen = strlen(furniture[i].text);
        if (furniture[i].prefix ? n >= plen && memcmp(norm, furniture[i].text, plen) == 0
                                : strcmp(norm, furniture[i].text) == 0)
            return 1;
    }
    return 0;
}
