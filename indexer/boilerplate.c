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

/* Every distinct normalised line, short or long, by its hash alone: a
 * collision would only make a rare line look recurring.  A slot is 16
 * bytes (a table.h entry is 48) because a news corpus has as many distinct
 * lines as paragraphs, and long lines count too: they tell a copy of a
 * story from a page of its own (page.c).  A slot's documents is how many
 * documents hold the line, its last the number (1-based) of the last one
 * counted, so a line repeated within a page counts once.  Open addressing,
 * probed linearly, at most half full; hash 0 marks an empty slot. */
typedef struct {
    uint64_t hash;
    uint32_t documents;
    uint32_t last;
} line_slot_t;

#define FIRST_SLOTS 1024

struct boilerplate {
    line_slot_t *slots;
    size_t capacity;       /* a power of two */
    size_t lines;          /* slots in use */
    uint32_t documents;
};

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
    return h ? h : 1;
}

/* The slot of HASH in SLOTS: its own, or the empty one where it goes. */
static line_slot_t *probe(line_slot_t *slots, size_t capacity, uint64_t hash)
{
    size_t i = (size_t)hash & (capacity - 1);
    while (slots[i].hash != 0 && slots[i].hash != hash)
        i = (i + 1) & (capacity - 1);
    return &slots[i];
}

static int grow(boilerplate_t *bp)
{
    size_t capacity = bp->capacity * 2;
    line_slot_t *slots = calloc(capacity, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < bp->capacity; i++)
        if (bp->slots[i].hash)
            *probe(slots, capacity, bp->slots[i].hash) = bp->slots[i];
    free(bp->slots);
    bp->slots = slots;
    bp->capacity = capacity;
    return 0;
}

boilerplate_t *boilerplate_new(void)
{
    boilerplate_t *bp = calloc(1, sizeof *bp);
    if (bp == NULL || (bp->slots = calloc(FIRST_SLOTS, sizeof *bp->slots)) == NULL) {
        free(bp);
        return NULL;
    }
    bp->capacity = FIRST_SLOTS;
    return bp;
}

void boilerplate_free(boilerplate_t *bp)
{
    if (bp == NULL)
        return;
    free(bp->slots);
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
        if (norm == 0)
            continue;
        if ((bp->lines + 1) * 2 > bp->capacity && grow(bp) != 0) {
            free(clean);
            return -1;
        }
        line_slot_t *slot = probe(bp->slots, bp->capacity, hash);
        if (slot->hash == 0) {
            slot->hash = hash;
            bp->lines++;
        }
        if (slot->last != bp->documents) {
            slot->last = bp->documents;
            slot->documents++;
        }
    }
    free(clean);
    return 0;
}

/* How many documents hold LINE; *NORM its normalised length. */
static unsigned long count_documents(const boilerplate_t *bp, const char *line, size_t len,
                                     size_t *norm)
{
    uint64_t hash = line_hash(line, len, norm);
    if (bp == NULL || *norm == 0)
        return 0;
    return probe(bp->slots, bp->capacity, hash)->documents;
}

unsigned long boilerplate_documents_with(const boilerplate_t *bp, const char *line, size_t len)
{
    size_t norm;
    return count_documents(bp, line, len, &norm);
}

int boilerplate_recurs(const boilerplate_t *bp, const char *line, size_t len,
                       unsigned long min_documents)
{
    size_t norm;
    unsigned long documents = count_documents(bp, line, len, &norm);
    return norm <= BOILERPLATE_MAX_LINE && documents >= min_documents;
}

int boilerplate_is_recurring(const boilerplate_t *bp, const char *line, size_t len)
{
    return boilerplate_recurs(bp, line, len, BOILERPLATE_MIN_DOCS);
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
