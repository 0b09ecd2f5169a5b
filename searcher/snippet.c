/* snippet.c: choose the passages of an article that best show why it matched.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The reader wants to see every query word the article contains, so the
 * choice optimises coverage first and looks second:
 *
 * 1. The matcher (match.h) finds the matching tokens and phrases ("hits");
 *    each gets its character offsets and paragraph, counted only over the
 *    gaps before hits, so the cost is the matcher's (which skips the text
 *    where no matching token can start).
 * 2. Up to SNIPPET_MAX_FRAGMENTS times, a sliding window over the hits of
 *    one paragraph finds the span that adds the most query-word groups not
 *    shown yet (ties: more hits, then the earlier span).  The remaining
 *    budget is shared equally among the fragments still needed, found by a
 *    dry run: one fragment gets it all if one span shows every missing
 *    group, else a far-away word keeps room for a fragment of its own.
 * 3. The span grows to whole sentences when they fit (a fragment that
 *    starts at a sentence start reads best), else to word boundaries with
 *    about a third of the spare room before the first hit: enough to see
 *    what the word refers to, while most context follows it, as read.
 *    Fragments never cross a paragraph and never overlap; touching ones
 *    merge.
 * Cuts fall on white space (hence between tokens and between UTF-8
 * sequences); only a single word longer than the whole budget is cut on a
 * character boundary.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "snippet.h"

#define NONE SIZE_MAX
#define NBSP "\xC2\xA0"   /* U+00A0 no-break space */

/* One matching token, once per group it matches. */
typedef struct {
    size_t start, end;      /* bytes */
    size_t cstart, cend;    /* characters from the start of the text */
    unsigned group;
    size_t para;            /* index into scan_t.paras */
    int used;               /* inside a chosen fragment */
} hit_t;

/* A paragraph holding hits. */
typedef struct {
    size_t start, end;      /* bytes, without the '\n' */
    unsigned number;        /* 1-based */
} para_t;

typedef struct {
    const char *text;
    hit_t *hits;            /* in text order */
    size_t hit_count, hit_cap;
    para_t *paras;          /* in text order */
    size_t para_count, para_cap;
    size_t pos, chars;      /* scanned up to byte pos = character chars */
    unsigned newlines;      /* '\n' before pos */
} scan_t;

/* Where a new fragment may go: its paragraph minus the chosen fragments. */
typedef struct {
    const char *t;
    size_t pstart, pend;    /* the paragraph */
    size_t lo, hi;          /* lo > pstart (hi < pend) means a fragment ends
                               (starts) there */
} area_t;

/* A chosen fragment before its marks are listed. */
typedef struct {
    size_t start, end, para;
} span_t;

/* The best run of hits found by best_window(). */
typedef struct {
    size_t first, last;     /* hits[first..last] */
    unsigned fresh;         /* groups it adds */
    size_t hits;
} window_t;

/* ITEMS (COUNT entries of SIZE bytes, room for *CAP) with room for one
 * more, or NULL when memory runs out (ITEMS is then kept). */
static void *grow(void *items, size_t *cap, size_t count, size_t size)
{
    size_t n = *cap ? *cap * 2 : 16;

    if (count < *cap)
        return items;
    items = realloc(items, n * size);
    if (items != NULL)
        *cap = n;
    return items;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static int is_cont(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

static int is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

/* Characters in T[from..to): the text is valid UTF-8, so every byte that
 * is not a continuation byte starts one. */
static size_t count_chars(const char *t, size_t from, size_t to)
{
    size_t n = 0;

    while (from < to) {
        uint64_t w;

        /* Eight ASCII bytes at a time: most text is ASCII, and this runs
         * over the whole text up to the last hit. */
        if (to - from >= 8) {
            memcpy(&w, t + from, 8);
            if ((w & UINT64_C(0x8080808080808080)) == 0) {
                n += 8;
                from += 8;
                continue;
            }
        }
        n += !is_cont(t[from++]);
    }
    return n;
}

/* POS moved back N characters, not before LO. */
static size_t back_chars(const char *t, size_t pos, size_t lo, size_t n)
{
    for (; n > 0 && pos > lo; n--)
        do
            pos--;
        while (pos > lo && is_cont(t[pos]));
    return pos;
}

/* POS moved on N characters, not after HI. */
static size_t fwd_chars(const char *t, size_t pos, size_t hi, size_t n)
{
    for (; n > 0 && pos < hi; n--)
        do
            pos++;
        while (pos < hi && is_cont(t[pos]));
    return pos;
}

/* Moves the scan to byte TO, counting characters and newlines, and opens a
 * paragraph entry when TO is in a new paragraph.  Called only at hits. */
static int advance(scan_t *sc, size_t to)
{
    size_t first_nl = NONE, last_nl = 0, i = sc->pos;
    const char *nl;
    para_t *p;

    sc->chars += count_chars(sc->text, sc->pos, to);
    while (i < to && (nl = memchr(sc->text + i, '\n', to - i)) != NULL) {
        i = (size_t)(nl - sc->text);
        if (first_nl == NONE)
            first_nl = i;
        last_nl = i++;
        sc->newlines++;
    }
    sc->pos = to;
    if (sc->para_count > 0 && first_nl == NONE)
        return 0;
    if (sc->para_count > 0)
        sc->paras[sc->para_count - 1].end = first_nl;
    p = grow(sc->paras, &sc->para_cap, sc->para_count, sizeof *p);
    if (p == NULL)
        return -1;
    sc->paras = p;
    p = &sc->paras[sc->para_count++];
    p->start = first_nl == NONE ? 0 : last_nl + 1;
    p->end = NONE;
    p->number = sc->newlines + 1;
    return 0;
}

/* Records MATCH as a hit with its character offsets and paragraph.  Hits
 * stay in text order: a phrase, which comes when its last word does, goes
 * before the hits of its words. */
static int on_match(void *arg, const match_t *match)
{
    scan_t *sc = arg;
    hit_t *h = grow(sc->hits, &sc->hit_cap, sc->hit_count, sizeof *h);
    size_t at = sc->hit_count, cstart, cend;

    if (h == NULL)
        return -1;
    sc->hits = h;
    if (sc->pos <= match->start) {
        if (advance(sc, match->start) < 0)
            return -1;
        cstart = sc->chars;
        advance(sc, match->end);  /* no '\n' inside a match: cannot fail */
        cend = sc->chars;
    } else {
        /* The scan stands inside or at the end of the match: another group
         * of the same token, or a phrase whose first words were hits. */
        if (sc->pos < match->end)
            advance(sc, match->end);
        cend = sc->chars;
        cstart = cend - count_chars(sc->text, match->start, match->end);
    }
    if (match->words > 1)
        while (at > 0 && sc->hits[at - 1].start >= match->start)
            at--;
    memmove(&sc->hits[at + 1], &sc->hits[at], (sc->hit_count - at) * sizeof *h);
    h = &sc->hits[at];
    h->start = match->start;
    h->end = match->end;
    h->cstart = cstart;
    h->cend = cend;
    h->group = match->group;
    h->para = sc->para_count - 1;
    h->used = 0;
    sc->hit_count++;
    return 0;
}

/* Length of a closing quote or bracket ending at Q, or 0. */
static size_t closing_quote_len(const char *t, size_t q, size_t pstart)
{
    if (q > pstart && (t[q - 1] == '"' || t[q - 1] == '\'' || t[q - 1] == ')'))
        return 1;
    if (q >= pstart + 3 && (memcmp(t + q - 3, "\xE2\x80\x99", 3) == 0
                            || memcmp(t + q - 3, "\xE2\x80\x9D", 3) == 0))
        return 3;
    return 0;
}

/* Whether the text before Q ends with . ? or !, maybe then a closing quote. */
static int ends_sentence(const char *t, size_t q, size_t pstart)
{
    q -= closing_quote_len(t, q, pstart);
    return q > pstart && strchr(".?!", t[q - 1]) != NULL && t[q - 1] != '\0';
}

/* A sentence starts at the paragraph start, or at a character other than a
 * lower-case letter after white space after the end of a sentence (the
 * lower-case test skips "e.g. this" and "Mr. smith"-like false ends). */
static int is_sentence_start(const area_t *a, size_t p)
{
    size_t q = p;

    if (p == a->pstart)
        return 1;
    if (is_space(a->t[p]) || is_lower(a->t[p]) || !is_space(a->t[p - 1]))
        return 0;
    while (q > a->pstart && is_space(a->t[q - 1]))
        q--;
    return ends_sentence(a->t, q, a->pstart);
}

/* The mirror image: a sentence ends at Q (exclusive) at the paragraph end,
 * or before white space when a sentence starts after it. */
static int is_sentence_end(const area_t *a, size_t q)
{
    size_t r = q;

    if (q == a->pend)
        return 1;
    if (!is_space(a->t[q]) || !ends_sentence(a->t, q, a->pstart))
        return 0;
    while (r < a->pend && is_space(a->t[r]))
        r++;
    return r == a->pend || !is_lower(a->t[r]);
}

/* The nearest sentence start (or LO) at or before FROM, at most MAX
 * characters back, or NONE. */
static size_t sentence_start_before(const area_t *a, size_t from, size_t max)
{
    for (size_t n = 0;; n++) {
        if (from == a->lo || is_sentence_start(a, from))
            return from;
        if (n == max)
            return NONE;
        from = back_chars(a->t, from, a->lo, 1);
    }
}

/* The nearest sentence end (or HI) at or after FROM, at most MAX characters
 * on, or NONE. */
static size_t sentence_end_after(const area_t *a, size_t from, size_t max)
{
    for (size_t n = 0;; n++) {
        if (from == a->hi || is_sentence_end(a, from))
            return from;
        if (n == max)
            return NONE;
        from = fwd_chars(a->t, from, a->hi, 1);
    }
}

/* Grows [S, E) to the sentences holding it, then to whole sentences after
 * and before while BUDGET characters allow.  Returns 0 if even the holding
 * sentences do not fit. */
static int by_sentences(const area_t *a, size_t s, size_t e, size_t budget,
                        size_t *start, size_t *end)
{
    size_t room = budget - count_chars(a->t, s, e);
    size_t from, b, f = sentence_start_before(a, s, room);

    if (f == NONE)
        return 0;
    room -= count_chars(a->t, f, s);
    b = sentence_end_after(a, e, room);
    if (b == NONE)
        return 0;
    room -= count_chars(a->t, e, b);
    while (b < a->hi) {
        size_t next;

        for (from = b; from < a->hi && is_space(a->t[from]); from++)
            ;
        if (from - b > room)
            break;
        next = sentence_end_after(a, from, room - (from - b));
        if (next == NONE)
            break;
        room -= count_chars(a->t, b, next);
        b = next;
    }
    while (f > a->lo) {
        size_t prev;

        for (from = f; from > a->lo && is_space(a->t[from - 1]); from--)
            ;
        if (f - from > room)
            break;
        prev = sentence_start_before(a, from, room - (f - from));
        if (prev == NONE || prev == f)
            break;
        room -= count_chars(a->t, prev, f);
        f = prev;
    }
    *start = f;
    *end = b;
    return 1;
}

/* The first word start in [P, S], or S. */
static size_t word_start_from(const char *t, size_t p, size_t s)
{
    for (; p < s; p++)
        if (is_space(t[p - 1]) && !is_space(t[p]))
            return p;
    return s;
}

/* The last word end in (E, Q], or E. */
static size_t word_end_before(const char *t, size_t e, size_t q)
{
    for (; q > e; q--)
        if (is_space(t[q]) && !is_space(t[q - 1]))
            return q;
    return e;
}

/* Grows [S, E) by SLACK characters cut at word boundaries: a third before
 * (more if the paragraph ends soon), starting at a sentence start if one is
 * that close, and the rest after. */
static void by_words(const area_t *a, size_t s, size_t e, size_t slack,
                     size_t *start, size_t *end)
{
    size_t after_room = count_chars(a->t, e, fwd_chars(a->t, e, a->hi, slack));
    size_t before = slack / 3, p, f, after;

    if (after_room < slack - before)
        before = slack - after_room;
    p = back_chars(a->t, s, a->lo, before);
    if (p == a->lo) {
        *start = p;
    } else {
        f = sentence_start_before(a, s, count_chars(a->t, p, s));
        *start = f != NONE ? f : word_start_from(a->t, p, s);
    }
    after = slack - count_chars(a->t, *start, s);
    p = fwd_chars(a->t, e, a->hi, after);
    *end = p == a->hi ? p : word_end_before(a->t, e, p);
}

/* Debris a fragment should not start with: white space (also no-break
 * space), stray punctuation, dashes, closing quotes.  And what it should
 * not end with: the same but for opening brackets and quotes. */
#define LEAD_DEBRIS " \t\r,;:.!?)]}-"
#define TRAIL_DEBRIS " \t\r,;:([{-"
static const char *const lead_seqs[] = {
    NBSP, "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x9D", "\xE2\x80\x99"
};
static const char *const trail_seqs[] = {
    NBSP, "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x9C", "\xE2\x80\x98"
};

/* Length of the debris at P (before MAX), or 0. */
static size_t lead_debris(const char *t, size_t p, size_t max)
{
    if (t[p] != '\0' && strchr(LEAD_DEBRIS, t[p]) != NULL)
        return 1;
    for (size_t i = 0; i < sizeof lead_seqs / sizeof *lead_seqs; i++) {
        size_t n = strlen(lead_seqs[i]);

        if (max - p >= n && memcmp(t + p, lead_seqs[i], n) == 0)
            return n;
    }
    return 0;
}

/* Length of the debris ending at Q (after MIN), or 0. */
static size_t trail_debris(const char *t, size_t q, size_t min)
{
    if (t[q - 1] != '\0' && strchr(TRAIL_DEBRIS, t[q - 1]) != NULL)
        return 1;
    for (size_t i = 0; i < sizeof trail_seqs / sizeof *trail_seqs; i++) {
        size_t n = strlen(trail_seqs[i]);

        if (q - min >= n && memcmp(t + q - n, trail_seqs[i], n) == 0)
            return n;
    }
    return 0;
}

/* Trims debris off [*START, *END) without touching [S, E) nor a side that
 * touches another fragment (the two merge). */
static void trim(const area_t *a, size_t s, size_t e, size_t *start,
                 size_t *end)
{
    size_t n;

    if (*start != a->lo || a->lo == a->pstart)
        while (*start < s && (n = lead_debris(a->t, *start, s)) > 0)
            *start += n;
    if (*end != a->hi || a->hi == a->pend)
        while (*end > e && (n = trail_debris(a->t, *end, e)) > 0)
            *end -= n;
}

/* The fragment around hits [S, E) in area A within BUDGET characters. */
static void expand(const area_t *a, size_t s, size_t e, size_t budget,
                   size_t *start, size_t *end)
{
    size_t span = count_chars(a->t, s, e);

    if (span >= budget) {
        /* No room around the hits; a single word longer than the budget
         * is cut on a character. */
        *start = s;
        *end = fwd_chars(a->t, s, e, budget);
        return;
    }
    if (!by_sentences(a, s, e, budget, start, end))
        by_words(a, s, e, budget - span, start, end);
    trim(a, s, e, start, end);
}

/* Finds the run of unused hits of one paragraph within BUDGET characters
 * that adds the most groups not yet COVERED, then has the most hits, then
 * comes first.  A single hit is always a candidate.  CNT (zeroed, one per
 * group) is left zeroed. */
static void best_window(const scan_t *sc, const unsigned *covered,
                        unsigned *cnt, size_t budget, window_t *best)
{
    const hit_t *h = sc->hits;
    size_t n = sc->hit_count, j = 0;
    unsigned fresh = 0;

    memset(best, 0, sizeof *best);
    for (size_t i = 0; i < n; i++) {
        if (h[i].used)
            continue;
        if (j <= i) {
            j = i + 1;
            fresh += cnt[h[i].group]++ == 0 && !covered[h[i].group];
        }
        while (j < n && !h[j].used && h[j].para == h[i].para
               && h[j].cend - h[i].cstart <= budget) {
            fresh += cnt[h[j].group]++ == 0 && !covered[h[j].group];
            j++;
        }
        if (fresh > best->fresh
            || (fresh == best->fresh && j - i > best->hits)) {
            best->first = i;
            best->last = j - 1;
            best->fresh = fresh;
            best->hits = j - i;
        }
        fresh -= --cnt[h[i].group] == 0 && !covered[h[i].group];
    }
}

/* The number of groups with hits not yet COVERED; CNT is left zeroed. */
static unsigned count_missing(const scan_t *sc, unsigned *cnt,
                              const unsigned *covered)
{
    unsigned missing = 0;

    for (size_t k = 0; k < sc->hit_count; k++)
        missing += !covered[sc->hits[k].group] && cnt[sc->hits[k].group]++ == 0;
    for (size_t k = 0; k < sc->hit_count; k++)
        cnt[sc->hits[k].group] = 0;
    return missing;
}

/* Index of the first hit ending after byte POS. */
static size_t first_hit_after(const scan_t *sc, size_t pos)
{
    size_t lo = 0, hi = sc->hit_count;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (sc->hits[mid].end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Turns window W into a fragment of at most BUDGET characters, added to
 * SPANS (sorted, merged when touching); marks its hits used and their
 * groups covered. */
static void place(scan_t *sc, const window_t *w, size_t budget,
                  span_t *spans, size_t *count, unsigned *covered)
{
    const hit_t *first = &sc->hits[w->first];
    const para_t *para = &sc->paras[first->para];
    area_t a = { sc->text, para->start, para->end, para->start, para->end };
    size_t s = first->start, e = sc->hits[w->last].end, start, end, k;

    for (k = 0; k < *count; k++) {
        if (spans[k].para != first->para)
            continue;
        if (spans[k].end <= s && spans[k].end > a.lo)
            a.lo = spans[k].end;
        if (spans[k].start >= e && spans[k].start < a.hi)
            a.hi = spans[k].start;
    }
    expand(&a, s, e, budget, &start, &end);
    for (k = first_hit_after(sc, start);
         k < sc->hit_count && sc->hits[k].start < end; k++) {
        sc->hits[k].used = 1;
        covered[sc->hits[k].group] = 1;
    }
    for (k = 0; k < *count && spans[k].start < start; k++)
        ;
    if (k > 0 && spans[k - 1].end == start) {
        spans[k - 1].end = end;
        if (k < *count && spans[k].start == end) {
            spans[k - 1].end = spans[k].end;
            memmove(&spans[k], &spans[k + 1], (*count - k - 1) * sizeof *spans);
            (*count)--;
        }
    } else if (k < *count && spans[k].start == end) {
        spans[k].start = start;
    } else {
        memmove(&spans[k + 1], &spans[k], (*count - k) * sizeof *spans);
        spans[k].start = start;
        spans[k].end = end;
        spans[k].para = first->para;
        (*count)++;
    }
}

/* ROOM shared equally among PARTS fragments. */
static size_t share(size_t room, size_t parts)
{
    return room / parts > 0 ? room / parts : 1;
}

/* The budget of the next fragment: ROOM shared among the fewest fragments
 * (at most SLOTS) for which a dry run of best_window() shows all MISSING
 * groups, else among the fewest that show most.  This keeps one large
 * fragment when the words are close together, and room for a far-away word
 * when they are not.  TRIAL is scratch, one per group. */
static size_t plan_budget(const scan_t *sc, const unsigned *covered,
                          unsigned *cnt, unsigned *trial, size_t groups,
                          size_t room, size_t slots, unsigned missing)
{
    size_t best_parts = 1;
    unsigned best_shown = 0;

    for (size_t parts = 1; parts <= slots; parts++) {
        unsigned shown = 0;
        window_t w;

        memcpy(trial, covered, groups * sizeof *trial);
        for (size_t k = 0; k < parts && shown < missing; k++) {
            best_window(sc, trial, cnt, share(room, parts), &w);
            if (w.fresh == 0)
                break;
            shown += w.fresh;
            for (size_t i = w.first; i <= w.last; i++)
                trial[sc->hits[i].group] = 1;
        }
        if (shown == missing)
            return share(room, parts);
        if (shown > best_shown) {
            best_shown = shown;
            best_parts = parts;
        }
    }
    return share(room, best_parts);
}

/* Chooses the fragments around the hits (see the top of the file).  CNT,
 * COVERED and TRIAL have GROUPS zeroed entries. */
static void choose(scan_t *sc, size_t max_chars, unsigned *cnt,
                   unsigned *covered, unsigned *trial, size_t groups,
                   span_t *spans, size_t *count)
{
    unsigned missing = count_missing(sc, cnt, covered);
    size_t used = 0;

    while (*count < SNIPPET_MAX_FRAGMENTS && missing > 0 && used < max_chars) {
        size_t budget = plan_budget(sc, covered, cnt, trial, groups,
                                    max_chars - used,
                                    SNIPPET_MAX_FRAGMENTS - *count, missing);
        window_t w;

        best_window(sc, covered, cnt, budget, &w);
        if (w.fresh == 0)
            break;
        place(sc, &w, budget, spans, count, covered);
        used = 0;
        for (size_t k = 0; k < *count; k++)
            used += count_chars(sc->text, spans[k].start, spans[k].end);
        missing = count_missing(sc, cnt, covered);
    }
}

/* Whether T[from..to) holds anything but white space. */
static int has_text(const char *t, size_t from, size_t to)
{
    while (from < to) {
        if (is_space(t[from]))
            from++;
        else if (to - from >= 2 && memcmp(t + from, NBSP, 2) == 0)
            from += 2;
        else
            return 1;
    }
    return 0;
}

/* Fills F from SPAN with the hits inside it as marks. */
static int fill_fragment(const scan_t *sc, const span_t *span, fragment_t *f)
{
    const para_t *para = &sc->paras[span->para];
    size_t first = first_hit_after(sc, span->start), k, n = 0;

    f->start = span->start;
    f->end = span->end;
    f->paragraph = para->number;
    f->cut_before = has_text(sc->text, para->start, span->start);
    f->cut_after = has_text(sc->text, span->end, para->end);
    for (k = first; k < sc->hit_count && sc->hits[k].start < span->end; k++)
        n++;
    if (n == 0)
        return 0;
    f->marks = malloc(n * sizeof *f->marks);
    if (f->marks == NULL)
        return -1;
    for (k = first; k < sc->hit_count && sc->hits[k].start < span->end; k++) {
        const hit_t *h = &sc->hits[k];
        mark_t *m = &f->marks[f->mark_count];
        /* Only a word cut by a tiny budget sticks out of its fragment. */
        size_t start = h->start > span->start ? h->start - span->start : 0;
        size_t end = (h->end < span->end ? h->end : span->end) - span->start;

        if (f->mark_count > 0 && start < m[-1].end) {
            /* The same token in another group, or a word of a phrase
             * marked whole: one mark. */
            if (end > m[-1].end)
                m[-1].end = end;
            continue;
        }
        m->start = start;
        m->end = end;
        f->mark_count++;
    }
    return 0;
}

/* Without hits: the start of the first paragraph with text, cut after a
 * word. */
static void show_start(const char *text, size_t len, size_t max_chars,
                       snippet_t *out)
{
    size_t p = 0, pstart = 0, pend, end;
    unsigned number = 1;
    fragment_t *f = &out->fragments[0];
    area_t a;

    for (; p < len && (is_space(text[p]) || text[p] == '\n'); p++)
        if (text[p] == '\n') {
            pstart = p + 1;
            number++;
        }
    if (p == len)
        return;
    pend = p;
    while (pend < len && text[pend] != '\n')
        pend++;
    end = fwd_chars(text, p, pend, max_chars);
    if (end < pend) {
        size_t word_end = word_end_before(text, p, end);

        if (word_end > p)
            end = word_end;
    }
    a = (area_t){ text, pstart, pend, pstart, pend };
    trim(&a, p, fwd_chars(text, p, end, 1), &p, &end);
    f->start = p;
    f->end = end;
    f->paragraph = number;
    f->cut_after = has_text(text, end, pend);
    out->fragment_count = 1;
}

int snippet_make(matcher_t *matcher, const char *text, size_t len, size_t max_chars,
                 snippet_t *out)
{
    scan_t sc = { .text = text };
    span_t spans[SNIPPET_MAX_FRAGMENTS];
    size_t groups = matcher_group_count(matcher), count = 0;
    unsigned *cnt = NULL, *covered, *trial;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (max_chars == 0)
        max_chars = SNIPPET_DEFAULT_CHARS;
    if (matcher_run(matcher, text, len, on_match, &sc) != 0)
        goto done;
    if (sc.hit_count == 0) {
        show_start(text, len, max_chars, out);
        rc = 0;
        goto done;
    }
    if (sc.paras[sc.para_count - 1].end == NONE) {
        const char *nl = memchr(text + sc.pos, '\n', len - sc.pos);

        sc.paras[sc.para_count - 1].end = nl ? (size_t)(nl - text) : len;
    }
    cnt = calloc(3 * groups, sizeof *cnt);
    if (cnt == NULL)
        goto done;
    covered = cnt + groups;
    trial = covered + groups;
    out->groups_present = count_missing(&sc, cnt, covered);
    choose(&sc, max_chars, cnt, covered, trial, groups, spans, &count);
    for (size_t k = 0; k < count; k++) {
        if (fill_fragment(&sc, &spans[k], &out->fragments[k]) < 0) {
            snippet_free(out);
            goto done;
        }
        out->fragment_count++;
    }
    for (size_t g = 0; g < groups; g++)
        out->groups_shown += covered[g];
    rc = 0;
done:
    free(cnt);
    free(sc.hits);
    free(sc.paras);
    return rc;
}

void snippet_free(snippet_t *snippet)
{
    for (size_t i = 0; i < snippet->fragment_count; i++)
        free(snippet->fragments[i].marks);
    memset(snippet, 0, sizeof *snippet);
}
