/* boilerplate.c: tests of the two boilerplate rules (boilerplate.h): the
 * page-furniture patterns and the recurring-line counts, with their
 * limits, white-space and case folding.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "boilerplate.h"
#include "buf.h"
#include "tap.h"

/* ------------------------------------------------------------ patterns */

/* Every pattern of rule 2, as the lines it names are written on pages.
 * PREFIX: the pattern starts a line ("Sign in to see the latest jobs");
 * else it must be the whole line. */
static const struct {
    const char *line;
    int prefix;
} patterns[] = {
    { "By continuing to use the site", 1 },
    { "By continuing to use this site", 1 },
    { "By continuing to browse", 1 },
    { "We use cookies", 1 },
    { "This site uses cookies", 1 },
    { "This website uses cookies", 1 },
    { "Accept cookies", 0 },
    { "Accept all cookies", 0 },
    { "Your browser ", 1 },
    { "For the best possible experience", 1 },
    { "Sign in to ", 1 },
    { "Sign up to get ", 1 },
    { "Sign up for our newsletter", 1 },
    { "Subscribe to our newsletter", 1 },
    { "Want news like this", 1 },
    { "Related articles", 1 },
    { "Related stories", 1 },
    { "Related jobs", 1 },
    { "Related content", 0 },
    { "More on this story", 0 },
    { "Ads by Google", 0 },
    { "Advertisement", 0 },
    { "Unsuitable or offensive?", 0 },
    { "Report this comment", 0 },
    { "Have your say", 0 },
    { "You must sign in to make a comment", 1 },
    { "Leave a comment", 0 },
    { "Add your comment", 0 },
    { "Share this article", 1 },
    { "Share this story", 1 },
    { "Print this article", 0 },
};

static int furniture(const char *line)
{
    return boilerplate_is_furniture(line, strlen(line));
}

/* S with every ASCII letter upper-cased, in OUT. */
static const char *upper(const char *s, buf_t *out)
{
    buf_reset(out);
    for (; *s; s++)
        buf_putc(out, *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s);
    return out->data;
}

/* S with a tab after each space, and a tab and spaces before and after
 * it: what white-space folding must undo. */
static const char *spread(const char *s, buf_t *out)
{
    buf_reset(out);
    buf_puts(out, " \t ");
    for (; *s; s++)
        buf_puts(out, *s == ' ' ? " \t" : (char[]){ *s, '\0' });
    buf_puts(out, "\t  ");
    return out->data;
}

/* Each pattern is furniture as written (but for the three that end in a
 * space, which trimming drops), and so is each in upper case or spread
 * out; with text after it a prefix pattern still is, a whole-line one is
 * not; in the middle of a line none is. */
static void test_each_pattern(void)
{
    buf_t longer = BUF_INIT, variant = BUF_INIT;
    for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
        const char *p = patterns[i].line;
        int prefix = patterns[i].prefix, ends_in_space = p[strlen(p) - 1] == ' ';
        is_int(furniture(p), !ends_in_space, p);
        buf_reset(&longer);
        buf_printf(&longer, "%s%sthe rest of the line", p, ends_in_space ? "" : " ");
        is_int(furniture(longer.data), prefix,
               prefix ? "  starts a line" : "  with more after it: not furniture");
        is_int(furniture(upper(longer.data, &variant)), prefix, "  in upper case too");
        is_int(furniture(spread(longer.data, &variant)), prefix,
               "  with tabs after its spaces, and padding");
        buf_reset(&variant);
        buf_printf(&variant, "Read the %s", longer.data);
        is_int(furniture(variant.data), 0, "  in the middle of a line: not furniture");
    }
    buf_free(&longer);
    buf_free(&variant);
}

/* Lines about the patterns that are not furniture, and the length limit. */
static void test_pattern_limits(void)
{
    static const struct {
        const char *line;
        int furniture;
        const char *why;
    } cases[] = {
        { "Advertisement", 1, "a whole-line pattern" },
        { "  advertisement  ", 1, "padding is trimmed" },
        { "Advertisements", 0, "a whole-line pattern is not a prefix" },
        { "Ad vertisement", 0, "white space inside is not dropped, only folded" },
        { "Your browser is no longer supported", 1, "a prefix pattern" },
        { "Your browsers", 0, "a prefix ending in a space needs the space" },
        { "Your\tbrowser\tis old", 1, "a tab is white space" },
        { "Unsuitable or offensive", 0, "punctuation counts" },
        { "UNSUITABLE OR OFFENSIVE?", 1, "case does not" },
        { "Related", 0, "a pattern cut short" },
        { "", 0, "an empty line" },
        { " \t ", 0, "white space alone" },
        { "\xC3\x80" "ds by Google", 0, "a letter outside ASCII is not folded to one in it" },
        { "Ads\xC2\xA0" "by Google", 0, "a no-break space is not white space here (cleaning folds it first)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        is_int(furniture(cases[i].line), cases[i].furniture, cases[i].why);

    /* Only lines of at most BOILERPLATE_MAX_LINE bytes (after folding) are
     * furniture, so a story sentence that starts like a pattern stays. */
    buf_t line = BUF_INIT;
    buf_puts(&line, "We use cookies");
    while (line.len < BOILERPLATE_MAX_LINE)
        buf_putc(&line, '.');
    is_int(furniture(line.data), 1, "a prefix match of BOILERPLATE_MAX_LINE bytes");
    buf_putc(&line, '.');
    is_int(furniture(line.data), 0, "one byte more: too long to be furniture");
    buf_reset(&line);
    buf_puts(&line, "   We  use\t\tcookies");
    /* "We use cookies" and dots up to the limit, once folded. */
    for (size_t dots = BOILERPLATE_MAX_LINE - strlen("We use cookies"); dots > 0; dots--)
        buf_putc(&line, '.');
    buf_puts(&line, "  ");
    is_int(furniture(line.data), 1,
           "the limit counts the folded line, not the spaces folding drops");
    buf_free(&line);
}

/* ------------------------------------------------------- recurring lines */

#define MAX_DOCS 5

/* A corpus of up to MAX_DOCS documents, then lines asked about. */
typedef struct {
    const char *name;
    const char *docs[MAX_DOCS];
    const char *line;      /* asked about after every document is added */
    int recurring;
} recurring_case_t;

static const recurring_case_t recurring_cases[] = {
    { "in BOILERPLATE_MIN_DOCS documents: recurring",
      { "Story one.\nShare this page\n", "Share this page\nStory two.",
        "Story three.\nShare this page" }, "Share this page", 1 },
    { "in one document fewer: not recurring",
      { "Story one.\nShare this page\n", "Share this page\nStory two.",
        "Story three." }, "Share this page", 0 },
    { "repeated within a document, counted once",
      { "Share this page\nShare this page\nShare this page\nShare this page",
        "Share this page\nShare this page" }, "Share this page", 0 },
    { "folded alike in the documents (case, spaces, tabs)",
      { "SHARE THIS PAGE", "  share  this\tpage  ", "Share this page" },
      "Share this page", 1 },
    { "asked about folded otherwise",
      { "Share this page", "Share this page", "Share this page" },
      "\tsHARE   this page ", 1 },
    { "CRLF and CR line ends",
      { "Story.\r\nShare this page\r\n", "Story.\rShare this page\r", "Share this page" },
      "Share this page", 1 },
    { "the last line without a line end",
      { "a\nb\nEnd line", "End line", "x\nEnd line" }, "End line", 1 },
    { "a line is matched whole, not inside another",
      { "Share this page now", "Share this page now", "Share this page now" },
      "Share this page", 0 },
    { "letters outside ASCII are not case-folded",
      { "CAF\xC3\x89 NEWS", "CAF\xC3\x89 NEWS", "CAF\xC3\x89 NEWS" }, "caf\xC3\xA9 news", 0 },
    { "... but match as written",
      { "CAF\xC3\x89 NEWS", "caf\xC3\x89 news", "Caf\xC3\x89 News" }, "caf\xC3\x89 news", 1 },
    { "control characters are cleaned out of documents",
      { "Share\x01 this page", "Share this\x7f page", "Share this page" },
      "Share this page", 1 },
    { "a no-break space in a document is a space",
      { "Share\xC2\xA0this page", "Share this page", "Share this page" },
      "Share this page", 1 },
    { "an empty line never recurs",
      { "a\n\nb", "c\n\nd", "e\n\nf" }, "", 0 },
    { "white space alone never recurs",
      { "a\n   \nb", "c\n \t \nd", "e\n  \nf" }, "   ", 0 },
    { "a line not in the corpus",
      { "Share this page", "Share this page", "Share this page" }, "Print this page", 0 },
};

static void test_recurring_table(void)
{
    for (size_t i = 0; i < sizeof recurring_cases / sizeof recurring_cases[0]; i++) {
        const recurring_case_t *c = &recurring_cases[i];
        boilerplate_t *bp = boilerplate_new();
        int added = bp != NULL;
        size_t count = 0;
        for (; count < MAX_DOCS && c->docs[count]; count++)
            added &= boilerplate_add_document(bp, c->docs[count], strlen(c->docs[count])) == 0;
        if (!ok(added, "%s: documents added", c->name)) {
            boilerplate_free(bp);
            continue;
        }
        is_int((long)boilerplate_document_count(bp), (long)count, "  document count");
        is_int(boilerplate_is_recurring(bp, c->line, strlen(c->line)), c->recurring,
               c->recurring ? "  recurring" : "  not recurring");
        boilerplate_free(bp);
    }
}

/* The threshold document by document: a line becomes recurring with its
 * BOILERPLATE_MIN_DOCS-th document and stays so. */
static void test_threshold(void)
{
    const char *line = "Related stories";
    boilerplate_t *bp = boilerplate_new();
    if (!ok(bp != NULL, "a new counter"))
        return;
    is_int((long)boilerplate_document_count(bp), 0, "no document yet");
    is_int(boilerplate_is_recurring(bp, line, strlen(line)), 0, "nothing recurs in no documents");
    for (int docs = 1; docs <= BOILERPLATE_MIN_DOCS + 2; docs++) {
        const char *doc = "Story.\nRelated stories\n";
        boilerplate_add_document(bp, doc, strlen(doc));
        ok(boilerplate_is_recurring(bp, line, strlen(line)) == (docs >= BOILERPLATE_MIN_DOCS),
           "after %d document%s: %s", docs, docs == 1 ? "" : "s",
           docs >= BOILERPLATE_MIN_DOCS ? "recurring" : "not yet recurring");
    }
    is_int(boilerplate_is_recurring(bp, "Story.", 6), 1, "the story line recurs as much");
    boilerplate_add_document(bp, "", 0);
    is_int((long)boilerplate_document_count(bp), BOILERPLATE_MIN_DOCS + 3,
           "an empty document is counted");
    ok(!boilerplate_is_recurring(NULL, line, strlen(line)), "no counter: nothing recurs");
    boilerplate_free(bp);
    boilerplate_free(NULL);
}

/* Only lines of at most BOILERPLATE_MAX_LINE bytes (after folding) are
 * counted. */
static void test_line_limit(void)
{
    buf_t at_limit = BUF_INIT, over = BUF_INIT, spaced = BUF_INIT;
    /* 80 letters, a space, 79 letters: BOILERPLATE_MAX_LINE bytes. */
    for (int i = 0; i < BOILERPLATE_MAX_LINE; i++)
        buf_putc(&at_limit, i == 80 ? ' ' : (char)('a' + i % 26));
    buf_printf(&over, "%sz", at_limit.data);
    /* The same line padded and with its space spread: longer as written,
     * BOILERPLATE_MAX_LINE bytes once folded. */
    buf_printf(&spaced, "   %.80s \t  %s\t ", at_limit.data, at_limit.data + 81);
    boilerplate_t *bp = boilerplate_new();
    int added = bp != NULL;
    for (int d = 0; added && d < BOILERPLATE_MIN_DOCS; d++) {
        buf_t doc = BUF_INIT;
        buf_printf(&doc, "Story %d.\n%s\n%s\n", d, d == 0 ? spaced.data : at_limit.data,
                   over.data);
        added = !doc.failed && boilerplate_add_document(bp, doc.data, doc.len) == 0;
        buf_free(&doc);
    }
    if (ok(added, "documents with lines at the limit and over it")) {
        is_int(boilerplate_is_recurring(bp, at_limit.data, at_limit.len), 1,
               "a line of BOILERPLATE_MAX_LINE bytes recurs (one document spread it out)");
        is_int(boilerplate_is_recurring(bp, spaced.data, spaced.len), 1,
               "... and is found spread out");
        is_int(boilerplate_is_recurring(bp, over.data, over.len), 0,
               "a line of one byte more is never furniture");
        is_int((long)boilerplate_documents_with(bp, over.data, over.len), BOILERPLATE_MIN_DOCS,
               "... though its documents are counted (a copy shares its long lines)");
        is_int(boilerplate_recurs(bp, over.data, over.len, 1), 0,
               "... at any threshold");
        is_int(boilerplate_recurs(bp, at_limit.data, at_limit.len, BOILERPLATE_MIN_DOCS + 1), 0,
               "a short line under a raised threshold is not furniture");
        is_int(boilerplate_recurs(bp, at_limit.data, at_limit.len, BOILERPLATE_MIN_DOCS), 1,
               "... and is at the threshold it reaches");
        is_int((long)boilerplate_documents_with(bp, "Story 1.", 8), 1, "a line of one document");
        is_int((long)boilerplate_documents_with(bp, " \t ", 3), 0, "a blank line: none");
    }
    boilerplate_free(bp);
    buf_free(&at_limit);
    buf_free(&over);
    buf_free(&spaced);
}

/* Many distinct lines: the table grows and keeps every count. */
static void test_many_lines(void)
{
    enum { LINES = 5000 };
    buf_t doc = BUF_INIT, line = BUF_INIT;
    for (int i = 0; i < LINES; i++)
        buf_printf(&doc, "Line number %d\n", i);
    boilerplate_t *bp = boilerplate_new();
    int added = bp != NULL && !doc.failed;
    for (int d = 0; added && d < BOILERPLATE_MIN_DOCS; d++)
        added = boilerplate_add_document(bp, doc.data, doc.len) == 0;
    if (ok(added, "%d distinct lines in each of %d documents", LINES, BOILERPLATE_MIN_DOCS)) {
        int all = 1;
        for (int i = 0; i < LINES; i++) {
            buf_reset(&line);
            buf_printf(&line, "Line number %d", i);
            all &= boilerplate_is_recurring(bp, line.data, line.len);
        }
        ok(all, "every one of them recurs");
        ok(!boilerplate_is_recurring(bp, "Line number 5000", 16), "and no other line");
        is_int((long)boilerplate_documents_with(bp, "Line number 4999", 16), BOILERPLATE_MIN_DOCS,
               "the last line's count is exact");
    }
    boilerplate_free(bp);
    buf_free(&doc);
    buf_free(&line);
}

int main(void)
{
    test_each_pattern();
    test_pattern_limits();
    test_recurring_table();
    test_threshold();
    test_line_limit();
    test_many_lines();
    return tap_done();
}
