/* match.c: the one matcher: which tokens and phrases of a text match the
 * terms of a query.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Speed matters here: a batch query makes a snippet for every hit, and
 * tokenizing and stemming every word of every article was most of its
 * time.  So:
 * - Tokens come unstemmed (analyzer_tokenize_words()); a token is stemmed
 *   only when its first byte starts some stem term, which is safe where
 *   the language keeps a word's first byte in its stem (English, Porter:
 *   checked over 17.4 million tokens; other languages stem every token).
 * - Before that, a byte scan (prefilter_table(), tokenize_candidates())
 *   picks the runs between white space where a matching token can start:
 *   an ASCII word byte that folds to some term's first byte after a
 *   non-word byte, or any non-ASCII byte.  Only those runs are tokenized,
 *   and a run found to hold no match is remembered and skipped for the
 *   rest of the text.  Tokens never cross white space, so they are those
 *   of the whole text.  Phrases (followed token by token) and languages
 *   whose stems may change the first byte tokenize everything.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "match.h"

struct matcher {
    analyzer_t *analyzer;
    const match_term_t *terms;
    size_t term_count;
    unsigned group_count;
    int has_stem_terms;       /* some term matches by stem */
    int stem_any_byte;        /* stem every word (the language may change a
                                 word's first byte) */
    unsigned char stem_first[256];  /* 1: some stem term starts with this byte */
    int prefiltered;          /* 1: next[][] narrows what is tokenized */
    unsigned char next[2][256];     /* the prefilter's states (prefilter_table()) */
    unsigned *progress;       /* per phrase (at its first term): words matched
                                 in a row so far; NULL without phrases */
    size_t *phrase_start;     /* per phrase: byte where that run began */
    unsigned *token_groups;   /* groups the current token matched */
    /* The run in progress (matcher_run()). */
    const char *text;
    size_t base;              /* byte of the text where the part being
                                 tokenized starts */
    size_t emitted;           /* matches so far */
    match_fn fn;
    void *ctx;
};

static int token_matches(const match_term_t *term, const token_t *tok)
{
    if (term->kind == MATCH_EXACT)
        return tok->word_len == term->len
               && memcmp(tok->word, term->text, term->len) == 0;
    if (term->kind == MATCH_PREFIX)
        return tok->word_len >= term->len
               && memcmp(tok->word, term->text, term->len) == 0;
    return (tok->stem_len == term->len && memcmp(tok->stem, term->text, term->len) == 0)
           || (tok->alt_stem && tok->alt_stem_len == term->len
               && memcmp(tok->alt_stem, term->text, term->len) == 0);
}

/* Follows TOK through the phrase whose first term is T.  Returns 1 when TOK
 * completes it (its words then stand in a row from m->phrase_start[T],
 * within one paragraph). */
static int phrase_step(matcher_t *m, size_t t, const token_t *tok)
{
    const match_term_t *words = &m->terms[t];
    unsigned *done = &m->progress[t];

    if (*done > 0 && memchr(m->text + m->phrase_start[t], '\n',
                            tok->start - m->phrase_start[t]) != NULL)
        *done = 0;   /* a phrase never spans two paragraphs */
    if (!token_matches(&words[*done], tok))
        *done = 0;
    if (*done == 0 && !token_matches(&words[0], tok))
        return 0;
    if (*done == 0)
        m->phrase_start[t] = tok->start;
    if (++*done < words->phrase_length)
        return 0;
    *done = 0;
    return 1;
}

static int emit(matcher_t *m, size_t start, size_t end, unsigned group, unsigned words)
{
    match_t match = { start, end, group, words };

    m->emitted++;
    return m->fn(m->ctx, &match);
}

/* Matches TOK against every term: once for each group its word matches,
 * then for each phrase it ends. */
static int on_token(void *arg, const token_t *unstemmed)
{
    matcher_t *m = arg;
    token_t tok = *unstemmed;
    size_t groups = 0;
    int rc;

    tok.start += m->base;
    tok.end += m->base;
    if (m->has_stem_terms
        && (m->stem_any_byte || m->stem_first[(unsigned char)tok.word[0]])
        && analyzer_stem(m->analyzer, tok.word, tok.word_len, &tok.stem, &tok.stem_len) != 0)
        return -1;
    for (size_t t = 0; t < m->term_count; t++) {
        const match_term_t *term = &m->terms[t];
        size_t k;

        if (term->phrase_length > 1 || !token_matches(term, &tok))
            continue;
        for (k = 0; k < groups && m->token_groups[k] != term->group; k++)
            ;
        if (k < groups)
            continue;
        m->token_groups[groups++] = term->group;
        if ((rc = emit(m, tok.start, tok.end, term->group, 1)) != 0)
            return rc;
    }
    /* A phrase is followed from its first term only. */
    for (size_t t = 0; m->progress && t < m->term_count; t++) {
        const match_term_t *term = &m->terms[t];
        if (term->phrase_length > 1 && term->phrase_index == 0 && phrase_step(m, t, &tok)
            && (rc = emit(m, m->phrase_start[t], tok.end, term->group,
                          term->phrase_length)) != 0)
            return rc;
    }
    return 0;
}

/* The prefilter's states: the byte before is an ASCII word byte or not; or
 * a token that may match may start here. */
enum { AFTER_WORD, AFTER_OTHER, CANDIDATE };

static int is_ascii_word(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9') || c == '_';
}

static int is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Fills m->next, the prefilter's state after each byte in each state, and
 * returns 1; or returns 0 when filtering would not narrow anything: a
 * phrase (its words must be followed token by token), an empty term, or a
 * language whose stems may start with another byte than their word.
 * CANDIDATE: an ASCII word byte that folds to the first byte of some term
 * after a byte that is not a word byte (a token may start there), or any
 * byte of another character (it may fold to anything). */
static int prefilter_table(matcher_t *m)
{
    for (int c = 0; c < 256; c++) {
        m->next[AFTER_WORD][c] = c >= 0x80 ? CANDIDATE
                               : is_ascii_word(c) ? AFTER_WORD : AFTER_OTHER;
        m->next[AFTER_OTHER][c] = m->next[AFTER_WORD][c];
    }
    for (size_t t = 0; t < m->term_count; t++) {
        const match_term_t *term = &m->terms[t];
        int first;

        if (term->phrase_length > 1 || term->len == 0
            || (term->kind == MATCH_STEM && m->stem_any_byte))
            return 0;
        first = (unsigned char)term->text[0];
        if (is_ascii_word(first)) {
            m->next[AFTER_OTHER][first] = CANDIDATE;
            if (first >= 'a' && first <= 'z')
                m->next[AFTER_OTHER][first - 'a' + 'A'] = CANDIDATE;
        }
    }
    return 1;
}

matcher_t *matcher_new(analyzer_t *analyzer, const match_term_t *terms, size_t term_count)
{
    matcher_t *m = calloc(1, sizeof *m);
    int phrases = 0;

    if (m == NULL)
        return NULL;
    m->analyzer = analyzer;
    m->terms = terms;
    m->term_count = term_count;
    m->stem_any_byte = !analyzer_stem_keeps_first_byte(analyzer);
    for (size_t t = 0; t < term_count; t++) {
        if (terms[t].group >= m->group_count)
            m->group_count = terms[t].group + 1;
        phrases |= terms[t].phrase_length > 1;
        if (terms[t].kind == MATCH_STEM && terms[t].len > 0) {
            m->has_stem_terms = 1;
            m->stem_first[(unsigned char)terms[t].text[0]] = 1;
        }
    }
    m->token_groups = calloc(term_count ? term_count : 1, sizeof *m->token_groups);
    if (phrases) {
        m->progress = calloc(term_count, sizeof *m->progress);
        m->phrase_start = calloc(term_count, sizeof *m->phrase_start);
    }
    if (m->token_groups == NULL || (phrases && (m->progress == NULL || m->phrase_start == NULL))) {
        matcher_free(m);
        return NULL;
    }
    m->prefiltered = prefilter_table(m);
    return m;
}

void matcher_free(matcher_t *m)
{
    if (m == NULL)
        return;
    free(m->token_groups);
    free(m->progress);
    free(m->phrase_start);
    free(m);
}

unsigned matcher_group_count(const matcher_t *m)
{
    return m->group_count;
}

/* Tokenizes TEXT[FROM..TO) as part of the whole text. */
static int tokenize_part(matcher_t *m, size_t from, size_t to)
{
    int rc;

    m->base = from;
    rc = analyzer_tokenize_words(m->analyzer, m->text + from, to - from, on_token, m);
    m->base = 0;
    return rc;
}

/* Runs of text found to hold no matching token, remembered during one run:
 * the common words that start like a query word ("the" for "theatre")
 * recur all through an article, and looking a run up is much cheaper than
 * tokenizing and stemming it again. */
#define MEMO_SLOTS 256    /* a power of two */
#define MEMO_PROBES 4

typedef struct {
    size_t start, len;    /* the run in the text; len 0: a free slot */
    uint32_t hash;
} memo_t;

/* Tokenizes the run TEXT[FROM..TO), unless MEMO knows it holds no match. */
static int tokenize_run(matcher_t *m, memo_t *memo, size_t from, size_t to)
{
    const char *text = m->text;
    uint32_t hash = 2166136261u;   /* FNV-1a */
    size_t before = m->emitted;
    memo_t *free_slot = NULL;
    int rc;

    for (size_t k = from; k < to; k++)
        hash = (hash ^ (unsigned char)text[k]) * 16777619u;
    for (uint32_t probe = 0; probe < MEMO_PROBES; probe++) {
        memo_t *slot = &memo[(hash + probe) & (MEMO_SLOTS - 1)];

        if (slot->len == 0) {
            free_slot = slot;
            break;
        }
        if (slot->hash == hash && slot->len == to - from
            && memcmp(text + slot->start, text + from, slot->len) == 0)
            return 0;
    }
    if ((rc = tokenize_part(m, from, to)) != 0)
        return rc;
    if (m->emitted == before && free_slot != NULL)
        *free_slot = (memo_t){ from, to - from, hash };
    return 0;
}

/* Tokenizes only the parts of the text that may hold a matching token
 * (m->next: prefilter_table()): a matching token's folded word starts
 * with a term's first byte (stems keep it), and an ASCII letter folds only
 * to its lower case.  A token never crosses white space, and after white
 * space the analyzer starts afresh, so each run of bytes between white
 * space that holds a candidate is tokenized as it stands, and the tokens
 * are exactly those of the whole text (without phrases, a token that does
 * not match changes nothing). */
static int tokenize_candidates(matcher_t *m, size_t len)
{
    memo_t memo[MEMO_SLOTS];
    const char *text = m->text;
    size_t i = 0, done = 0;
    unsigned state = AFTER_OTHER;
    int rc;

    memset(memo, 0, sizeof memo);
    while (i < len) {
        size_t start = i;

        state = m->next[state][(unsigned char)text[i++]];
        if (state != CANDIDATE)
            continue;
        while (start > done && !is_blank(text[start - 1]))
            start--;
        while (i < len && !is_blank(text[i]))
            i++;
        if ((rc = tokenize_run(m, memo, start, i)) != 0)
            return rc;
        done = i;
        state = AFTER_OTHER;
    }
    return 0;
}

int matcher_run(matcher_t *m, const char *text, size_t len, match_fn fn, void *ctx)
{
    int rc;

    if (m->term_count == 0)
        return 0;
    m->text = text;
    m->fn = fn;
    m->ctx = ctx;
    m->emitted = 0;
    if (m->progress)
        memset(m->progress, 0, m->term_count * sizeof *m->progress);
    rc = m->prefiltered ? tokenize_candidates(m, len)
                        : analyzer_tokenize_words(m->analyzer, text, len, on_token, m);
    m->text = NULL;
    return rc;
}

/* The marks being gathered by matcher_marks(). */
typedef struct {
    mark_t *items;
    size_t count, cap;
} marks_t;

/* Adds MATCH's span, kept in order of start: a phrase's span starts before
 * the words matched since its first. */
static int add_mark(void *ctx, const match_t *match)
{
    marks_t *marks = ctx;
    size_t at;

    mark_t *items = grow_array(marks->items, marks->count, &marks->cap, sizeof *items, 16);
    if (items == NULL)
        return -1;
    marks->items = items;
    for (at = marks->count; at > 0 && marks->items[at - 1].start > match->start; at--)
        ;
    memmove(&marks->items[at + 1], &marks->items[at], (marks->count - at) * sizeof *marks->items);
    marks->items[at] = (mark_t){ match->start, match->end };
    marks->count++;
    return 0;
}

int matcher_marks(matcher_t *m, const char *text, size_t len, mark_t **marks_out,
                  size_t *count_out)
{
    marks_t marks = { NULL, 0, 0 };
    size_t kept = 0;

    *marks_out = NULL;
    *count_out = 0;
    if (matcher_run(m, text, len, add_mark, &marks) != 0) {
        free(marks.items);
        return -1;
    }
    for (size_t i = 0; i < marks.count; i++) {
        if (kept > 0 && marks.items[i].start < marks.items[kept - 1].end) {
            if (marks.items[i].end > marks.items[kept - 1].end)
                marks.items[kept - 1].end = marks.items[i].end;
            continue;
        }
        marks.items[kept++] = marks.items[i];
    }
    *marks_out = marks.items;
    *count_out = kept;
    return 0;
}
