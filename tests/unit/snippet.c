/* snippet.c: unit tests for the snippet chooser (searcher/snippet.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "snippet.h"
#include "tap.h"
#include "utf8.h"

#define MAX_TERMS 8

static analyzer_t *analyzer;
static snippet_t snip;          /* the last snippet made by make() */
static char rendered[8192];

/* Appends S[0..LEN) to rendered. */
static void put(const char *s, size_t len)
{
    size_t used = strlen(rendered);

    if (used + len < sizeof rendered) {
        memcpy(rendered + used, s, len);
        rendered[used + len] = '\0';
    }
}

/* Whether the snippet of TEXT keeps the promises of snippet.h: fragments in
 * order, apart, within one paragraph, valid UTF-8, MAX_CHARS characters in
 * all, marks ascending inside their fragment, the right paragraph number. */
static int promises_kept(const char *text, size_t max_chars)
{
    size_t chars = 0, prev_end = 0;

    for (size_t i = 0; i < snip.fragment_count; i++) {
        const fragment_t *f = &snip.fragments[i];
        unsigned paragraph = 1;
        size_t mark_end = 0;

        if (f->start >= f->end || f->start < prev_end
            || (i > 0 && f->start == prev_end))
            return 0;
        if (memchr(text + f->start, '\n', f->end - f->start) != NULL
            || !utf8_valid(text + f->start, f->end - f->start))
            return 0;
        for (size_t k = 0; k < f->start; k++)
            paragraph += text[k] == '\n';
        if (f->paragraph != paragraph)
            return 0;
        for (size_t m = 0; m < f->mark_count; m++) {
            if (f->marks[m].start < mark_end
                || f->marks[m].end <= f->marks[m].start
                || f->marks[m].end > f->end - f->start)
                return 0;
            mark_end = f->marks[m].end;
        }
        chars += utf8_count(text + f->start, f->end - f->start);
        prev_end = f->end;
    }
    return chars <= max_chars;
}

/* Renders the snippet as "P<paragraph>:...text with [marks]..." per
 * fragment, joined by " | "; "..." shows cut_before/cut_after. */
static void render(const char *text)
{
    rendered[0] = '\0';
    for (size_t i = 0; i < snip.fragment_count; i++) {
        const fragment_t *f = &snip.fragments[i];
        const char *s = text + f->start;
        size_t at = 0;
        char head[32];

        snprintf(head, sizeof head, "%sP%u:%s", i ? " | " : "", f->paragraph,
                 f->cut_before ? "..." : "");
        put(head, strlen(head));
        for (size_t m = 0; m < f->mark_count; m++) {
            put(s + at, f->marks[m].start - at);
            put("[", 1);
            put(s + f->marks[m].start, f->marks[m].end - f->marks[m].start);
            put("]", 1);
            at = f->marks[m].end;
        }
        put(s + at, f->end - f->start - at);
        if (f->cut_after)
            put("...", 3);
    }
}

/* Fills TERMS (and TEXTS, the strings to free with free_terms()) for
 * QUERY: words separated by spaces, each its own group; "=word" matches
 * the exact word, "^pre" words starting with "pre", "a~b" the phrase
 * "a b", otherwise the word's stem matches.  Returns the number of terms. */
static size_t build_terms(const char *query, match_term_t *terms, char **texts)
{
    size_t count = 0;
    unsigned group = 0;

    while (*query != '\0' && count < MAX_TERMS) {
        size_t n = strcspn(query, " ");
        match_term_t *t = &terms[count];
        const char *stem;
        size_t stem_len;

        if (memchr(query, '~', n) != NULL) {
            /* "area~teams": the phrase of those exact words. */
            unsigned words = 1, index = 0;
            for (size_t i = 0; i < n; i++)
                words += query[i] == '~';
            while (index < words && count < MAX_TERMS) {
                size_t w = strcspn(query, " ~");
                t = &terms[count];
                t->kind = MATCH_EXACT;
                t->group = group;
                t->phrase_length = words;
                t->phrase_index = index++;
                texts[count] = strndup(query, w);
                t->len = w;
                t->text = texts[count++];
                query += w + (query[w] == '~');
            }
            group++;
            query += *query == ' ';
            continue;
        }
        t->kind = *query == '=' ? MATCH_EXACT : *query == '^' ? MATCH_PREFIX : MATCH_STEM;
        t->group = group++;
        t->phrase_length = 0;
        t->phrase_index = 0;
        if (t->kind != MATCH_STEM) {
            texts[count] = strndup(query + 1, n - 1);
            t->len = n - 1;
        } else {
            analyzer_stem(analyzer, query, n, &stem, &stem_len);
            texts[count] = strndup(stem, stem_len);
            t->len = stem_len;
        }
        t->text = texts[count++];
        query += n + (query[n] == ' ');
    }
    return count;
}

static void free_terms(char **texts, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(texts[i]);
}

/* Makes the snippet of TEXT[0..LEN) for QUERY (build_terms()) into snip,
 * checks the promises (one test) and returns the rendering.  The text is
 * copied to an exactly sized heap block, so that AddressSanitizer and
 * valgrind catch reads past LEN. */
static const char *make_len(const char *text, size_t len, const char *query,
                            size_t max_chars)
{
    match_term_t terms[MAX_TERMS];
    char *texts[MAX_TERMS];
    size_t count = build_terms(query, terms, texts);
    char *copy = malloc(len ? len : 1);
    int rc;

    matcher_t *matcher = matcher_new(analyzer, terms, count);

    memcpy(copy, text, len);
    snippet_free(&snip);
    rc = matcher ? snippet_make(matcher, copy, len, max_chars, &snip) : -1;
    matcher_free(matcher);
    ok(rc == 0 && promises_kept(copy, max_chars ? max_chars : 320),
       "snippet of %zu bytes for '%s' in %zu characters keeps its promises",
       len, query, max_chars);
    render(copy);
    free(copy);
    free_terms(texts, count);
    return rendered;
}

static const char *make(const char *text, const char *query, size_t max_chars)
{
    return make_len(text, strlen(text), query, max_chars);
}

static const char council[] =
    "The council met on Tuesday to discuss the annual budget. Several "
    "members raised concerns about the cost of the new library building, "
    "which has doubled since the plans were first approved. The leader said "
    "the project would still go ahead. Residents will be consulted on the "
    "opening hours next spring.";

static void test_single_match(void)
{
    is_str(make(council, "library", 150),
           "P1:...Several members raised concerns about the cost of the new "
           "[library] building, which has doubled since the plans were first "
           "approved....", "one match: its sentence when it fits");
    is_int((long)snip.fragment_count, 1, "one match: one fragment");
    is_str(make(council, "library", 60),
           "P1:...cost of the new [library] building, which has doubled "
           "since...", "one match: cut on words, a third of the room before");
    is_str(make(council, "library", 0),
           "P1:The council met on Tuesday to discuss the annual budget. "
           "Several members raised concerns about the cost of the new "
           "[library] building, which has doubled since the plans were first "
           "approved. The leader said the project would still go ahead. "
           "Residents will be consulted on the opening hours next spring.",
           "one match: the whole paragraph when it fits (0: default budget)");
    is_int((long)snip.fragments[0].marks[0].start, 115, "mark offset");
    is_int((long)snip.fragments[0].marks[0].end, 122, "mark end");
    is_str(make(council, "spring", 40),
           "P1:...on the opening hours next [spring].",
           "one match at the paragraph end: the room goes before");
    is_str(make("The ferry sails.\xC2\xA0\nNext.", "ferry", 0),
           "P1:The [ferry] sails.",
           "a no-break space at the paragraph end is trimmed: no cut");
}

static const char bully[] =
    "Bullying is wrong. He was bullied at school. The bully left.";

static void test_stems_and_exact(void)
{
    is_str(make(bully, "bullying", 0),
           "P1:[Bullying] is wrong. He was [bullied] at school. The [bully] "
           "left.", "stems: every form is marked");
    is_int(snip.groups_present, 1, "stems: one group present");
    is_int(snip.groups_shown, 1, "stems: one group shown");
    is_str(make(bully, "=bullied", 0),
           "P1:Bullying is wrong. He was [bullied] at school. The bully "
           "left.", "exact: only the exact word");
    is_str(make(bully, "=bully", 0),
           "P1:Bullying is wrong. He was bullied at school. The [bully] "
           "left.", "exact: case folded");
    is_str(make(bully, "bullying bullied", 0),
           "P1:[Bullying] is wrong. He was [bullied] at school. The [bully] "
           "left.", "two groups on one token: one mark");
    is_int(snip.fragments[0].mark_count, 3, "two groups on one token: 3 marks");
    is_int(snip.groups_shown, 2, "two groups on one token: both shown");
}

/* A paragraph of filler sentences around WORD. */
#define FILLER(word) \
    "Nothing much happened in the first part of the day. The weather " \
    "was mild and the roads were quiet. Then the " word " arrived and " \
    "everyone looked up. After that the afternoon went on as before, " \
    "with tea at four and a walk by the river.\n"

/* What three or four words in three or more paragraphs show: a fragment
 * from each of the first three paragraphs. */
static const char three_fragments[] =
    "P1:...The weather was mild and the roads were quiet. Then the "
    "[ferry] arrived and everyone looked up.... | P2:...The weather "
    "was mild and the roads were quiet. Then the [train] arrived and "
    "everyone looked up.... | P3:...Then the [coach] arrived and "
    "everyone looked up. After that the afternoon went on as before, "
    "with tea at four and a walk by the river.";

static void test_paragraphs(void)
{
    static const char two[] = FILLER("ferry") FILLER("train") FILLER("coach");
    static const char four[] = FILLER("ferry") FILLER("train")
                               FILLER("coach") FILLER("plane");

    is_str(make(two, "coach ferry", 0),
           "P1:...Then the [ferry] arrived and everyone looked up. After that "
           "the afternoon went on as before, with tea at four and a walk by "
           "the river. | P3:...The weather was mild and the roads were quiet. "
           "Then the [coach] arrived and everyone looked up. After that the "
           "afternoon went on as before, with tea at four and a walk by the "
           "river.",
           "two words, two paragraphs: two fragments in text order");
    is_int(snip.groups_shown, 2, "two paragraphs: both shown");
    is_str(make(two, "coach ferry train", 0), three_fragments,
           "three words, three paragraphs: three fragments");
    is_int(snip.groups_present, 3, "three paragraphs: 3 present");
    is_int(snip.groups_shown, 3, "three paragraphs: 3 shown");
    is_str(make(four, "plane coach ferry train", 0), three_fragments,
           "four words, four paragraphs: three fragments");
    is_int(snip.groups_present, 4, "four paragraphs: 4 present");
    is_int(snip.groups_shown, 3, "four paragraphs: 3 shown");
    is_str(make(two, "walk weather", 0),
           "P1:Nothing much happened in the first part of the day. The "
           "[weather] was mild and the roads were quiet. Then the ferry "
           "arrived and everyone looked up. After that the afternoon went on "
           "as before, with tea at four and a [walk] by the river.",
           "two words in one paragraph: one fragment");
}

static void test_seed_article(void)
{
    const char *srcdir = getenv("TRAWL_SRCDIR");
    char path[4096];
    char *text;
    long len;
    FILE *f;

    if (srcdir == NULL) {
        for (int i = 0; i < 6; i++)
            printf("ok %d # SKIP TRAWL_SRCDIR is not set\n", ++tap_count);
        return;
    }
    snprintf(path, sizeof path, "%s/corpus/002_7add833defd93f9a.txt", srcdir);
    f = fopen(path, "rb");
    if (!ok(f != NULL, "seed article opens"))
        return;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    rewind(f);
    text = malloc((size_t)len);
    if (fread(text, 1, (size_t)len, f) != (size_t)len)
        len = 0;
    fclose(f);
    is_str(make_len(text, (size_t)len, "area teams bullying", 0),
           "P17:...The problem appears to lie mainly not with the board’s HQ "
           "or the local [area] [teams], but with its regional arms. | "
           "P21:One in five CCG leads said the relationship with their "
           "regional [team] was “unhelpful, very unhelpful or "
           "[bullying]”....",
           "seed article: the fragments");
    is_int(snip.groups_present, 3, "seed article: 3 groups present");
    is_int(snip.groups_shown, 3, "seed article: 3 groups shown");
    ok(strstr(rendered, "[bullying]") != NULL, "seed article: bullying marked");
    free(text);
}

static void test_multibyte(void)
{
    static const char text[] =
        "Café owners said the “£350m” levy\n"
        "Crème brûlée prices rose by £2 in Zürich’s old town.";

    is_str(make(text, "levy", 12), "P1:...“£350m” [levy]",
           "multi-byte: characters are counted, not bytes");
    is_int((long)(snip.fragments[0].end - snip.fragments[0].start), 17,
           "multi-byte: 12 characters in 17 bytes");
    is_str(make(text, "levy", 11), "P1:...[levy]",
           "multi-byte: no room for the whole word before: none of it");
    is_str(make(text, "zürich", 14), "P2:...[Zürich’s] old...",
           "multi-byte: accented word");
    is_str(make(text, "prices", 3), "P2:...[pri]...",
           "a word longer than the budget is cut on a character");
    is_str(make(text, "brûlée", 4), "P2:...[brûl]...",
           "a long multi-byte word is cut on a character");
    is_int((long)(snip.fragments[0].end - snip.fragments[0].start), 5,
           "multi-byte: 4 characters in 5 bytes");
}

static void test_no_match(void)
{
    is_str(make(council, "ferry", 40),
           "P1:The council met on Tuesday to discuss...",
           "no match: the start of the text, cut after a word");
    is_int(snip.groups_present, 0, "no match: 0 present");
    is_int(snip.fragments[0].mark_count, 0, "no match: no marks");
    is_str(make("\n\n  Late start here.\nNext.", "", 0),
           "P3:Late start here.", "no terms: the first paragraph with text");
    is_str(make("", "ferry", 0), "", "empty text");
    is_int((long)snip.fragment_count, 0, "empty text: no fragment");
    is_str(make(" \n\t\n", "ferry", 0), "", "blank text");
    is_int((long)snip.fragment_count, 0, "blank text: no fragment");
    is_str(make(council, "library", 10), "P1:...[library]...",
           "10 characters: the word");
    is_str(make(council, "ferry", 10), "P1:The...",
           "10 characters without a match: a word");
}

static void test_large_text(void)
{
    const char unit[] = "lorem ipsum dolor sit amet ";
    size_t size = 1 << 20, n = 0;
    char *text = malloc(size + 64);

    while (n + sizeof unit - 1 <= size) {
        memcpy(text + n, unit, sizeof unit - 1);
        n += sizeof unit - 1;
    }
    memcpy(text + n, "the needle and the haystack", 27);
    n += 27;
    text[n] = '\0';
    is_str(make_len(text, n, "needle haystack", 50),
           "P1:...ipsum dolor sit amet the [needle] and the [haystack]",
           "1 MB paragraph: matches at the end");
    memcpy(text + 18518 * (sizeof unit - 1), "jetty", 5);
    is_str(make_len(text, n, "jetty haystack", 40),
           "P1:...amet [jetty] ipsum... | P1:...needle and the [haystack]",
           "1 MB paragraph: two far matches, 20 characters each");
    free(text);
}

static void test_phrases_and_prefixes(void)
{
    static const char text[] = "Teams in the area met. The area teams said no.\n"
                               "Area\nteams apart.";
    static const struct {
        const char *text, *query, *expected, *name;
    } cases[] = {
        { "Area\nteams apart.", "area~teams", "P1:Area",
          "a phrase never matches across paragraphs" },
        { text, "area~teams team", "P1:[Teams] in the area met. The [area teams] said no.",
          "a word of the phrase that is also a query word merges into the phrase mark" },
        { "The area area teams met.", "area~teams", "P1:The area [area teams] met.",
          "a phrase starting again inside a partial match is found" },
        { "Commissioners and commissioning.", "^commission",
          "P1:[Commissioners] and [commissioning].",
          "a prefix term marks every word starting with it" },
    };

    is_str(make(text, "area~teams", 0),
           "P1:Teams in the area met. The [area teams] said no.",
           "a phrase is marked as one span, only where its words stand in a row");
    is_int((long)snip.groups_present, 1, "a phrase is one group");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        is_str(make(cases[i].text, cases[i].query, 0), cases[i].expected, cases[i].name);
}

/* The snippet tokenizes only the runs of text where a matching token may
 * start (snippet.c, tokenize_candidates()): words in any case, after
 * punctuation or other characters inside a run, and characters that fold
 * to ASCII must still be found. */
static void test_skipped_text(void)
{
    is_str(make("THEATRE, (theatres) and co-theatre; the theatre's "
                "\xE2\x80\x9CTheatre\xE2\x80\x9D x/theatre\xE2\x80\x94theatre "
                "then x_theatre \xC3\xA9theatre.", "theatre", 0),
           "P1:[THEATRE], ([theatres]) and co-[theatre]; the [theatre's] "
           "\xE2\x80\x9C[Theatre]\xE2\x80\x9D x/[theatre]\xE2\x80\x94[theatre] "
           "then x_theatre \xC3\xA9theatre.",
           "every case and every place a matching word can start");
    is_str(make("Ten \xE2\x84\xAAILOS here.", "kilo", 0),
           "P1:Ten [\xE2\x84\xAAILOS] here.",
           "a character that folds to an ASCII letter (KELVIN SIGN) is found");
    is_str(make("In 2004, 2,004 and 12004 or 2004.", "2004", 0),
           "P1:In [2004], 2,004 and 12004 or [2004].", "numbers");
    is_str(make("The \xC3\x89" "cole and the \xC3\xA9" "cole.", "\xC3\xA9" "cole", 0),
           "P1:The [\xC3\x89" "cole] and the [\xC3\xA9" "cole].",
           "a word starting with another character");
    is_str(make("the the the then theatre the", "=the ^theat", 0),
           "P1:[the] [the] [the] then [theatre] [the]",
           "a word seen before is found again");
}

/* Records each token of the whole text that matches a term. */
typedef struct {
    const match_term_t *terms;
    size_t term_count;
    size_t starts[512], ends[512];
    size_t count;
    unsigned groups[MAX_TERMS];
} reference_t;

static int reference_token(void *ctx, const token_t *tok)
{
    reference_t *r = ctx;
    int matched = 0;

    for (size_t t = 0; t < r->term_count; t++) {
        const match_term_t *term = &r->terms[t];
        int m = term->kind == MATCH_STEM
                    ? tok->stem_len == term->len && memcmp(tok->stem, term->text, term->len) == 0
                : term->kind == MATCH_EXACT
                    ? tok->word_len == term->len && memcmp(tok->word, term->text, term->len) == 0
                    : tok->word_len >= term->len && memcmp(tok->word, term->text, term->len) == 0;
        if (m) {
            r->groups[term->group] = 1;
            matched = 1;
        }
    }
    if (matched && r->count < 512) {
        r->starts[r->count] = tok->start;
        r->ends[r->count++] = tok->end;
    }
    return 0;
}

/* Texts made of tricky pieces: whatever the snippet skips, it finds the
 * groups that tokenizing and stemming the whole text finds, and it marks
 * exactly the matching tokens inside its fragments. */
static void test_skipped_text_agrees(void)
{
    static const char *const pieces[] = {
        "Theatre", "theatre's", "(theatres)", "co-theatre", "THEATRICAL",
        "\xE2\x80\x9CTheatre\xE2\x80\x9D", "the", "then", "them.",
        "\xE2\x84\xAAilo", "kilos", "2004", "2,004", "20.04", "x_theatre",
        "th\xC3\xA9\xC3\xA2tre", "\xC3\x89" "cole", "\xC3\xA9" "coles",
        "\xE2\x80\x94theatre", "it's", "don't", "sharp", "Sharpe",
        "SHARPLY", "arrival", "arrivals,", "Zealand's", "'tis", "x", "\xC2\xA3" "350m",
    };
    static const char *const seps[] = { " ", " ", " ", "\n", "", ", ", "-", "'", "\t" };
    static const char *const queries[] = {
        "theatre", "kilo", "\xC3\xA9" "cole", "2004", "sharp arrival", "=the",
        "^theat", "zealand theatre kilo", "tis don't",
    };
    unsigned long seed = 12345;
    int groups_agree = 1, marks_agree = 1;
    char text[2048];

    for (int round = 0; round < 300; round++) {
        size_t len = 0;
        const char *query = queries[round % (sizeof queries / sizeof *queries)];
        match_term_t terms[MAX_TERMS];
        char *texts[MAX_TERMS];
        reference_t ref;
        unsigned present = 0;

        for (int w = 0; w < 40; w++) {
            const char *p, *sep;
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            p = pieces[(seed >> 33) % (sizeof pieces / sizeof *pieces)];
            sep = seps[(seed >> 17) % (sizeof seps / sizeof *seps)];
            if (len + strlen(p) + strlen(sep) >= sizeof text)
                break;
            memcpy(text + len, p, strlen(p));
            len += strlen(p);
            memcpy(text + len, sep, strlen(sep));
            len += strlen(sep);
        }
        memset(&ref, 0, sizeof ref);
        ref.term_count = build_terms(query, terms, texts);
        ref.terms = terms;
        analyzer_tokenize(analyzer, text, len, reference_token, &ref);
        for (size_t g = 0; g < MAX_TERMS; g++)
            present += ref.groups[g];
        make_len(text, len, query, 320);
        if (snip.groups_present != present)
            groups_agree = 0;
        for (size_t k = 0; k < snip.fragment_count; k++) {
            const fragment_t *f = &snip.fragments[k];
            size_t m = 0;

            for (size_t i = 0; i < ref.count; i++) {
                if (ref.starts[i] < f->start || ref.ends[i] > f->end)
                    continue;
                if (m >= f->mark_count || f->marks[m].start != ref.starts[i] - f->start
                    || f->marks[m].end != ref.ends[i] - f->start)
                    marks_agree = 0;
                m++;
            }
            if (m != f->mark_count)
                marks_agree = 0;
        }
        free_terms(texts, ref.term_count);
    }
    ok(groups_agree, "the groups found agree with tokenizing the whole text");
    ok(marks_agree, "the marks are exactly the matching tokens of each fragment");
}

int main(void)
{
    analyzer = analyzer_new("english", NULL);
    if (!ok(analyzer != NULL, "english analyzer"))
        return tap_done();
    test_single_match();
    test_stems_and_exact();
    test_paragraphs();
    test_seed_article();
    test_multibyte();
    test_no_match();
    test_large_text();
    test_phrases_and_prefixes();
    test_skipped_text();
    test_skipped_text_agrees();
    snippet_free(&snip);
    analyzer_free(analyzer);
    return tap_done();
}
