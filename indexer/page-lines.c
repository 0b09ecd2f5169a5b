/* page-lines.c: what one line of a scraped text page is (page-internal.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every rule looks at the shape of a line, never at a site's wording, except
 * boilerplate.c's short furniture list (used in page.c).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "page-internal.h"

#define HEADLINE_MAX 200        /* bytes: longer lines are body text */
#define BYLINE_MAX 80           /* bytes of a "By Jane Smith" line */
#define AUTHOR_NOTE_MAX 120     /* bytes of "Jane Smith is a health reporter." */
#define COMMENTER_MAX 120       /* bytes of "Anony Mouse 25 January, 2021 11:22 pm" */

/* Splits SP at single spaces into at most MAX words; returns the count, or
 * MAX + 1 when there are more. */
static size_t split_words(span_t sp, span_t *words, size_t max)
{
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= sp.len; i++) {
        if (i < sp.len && sp.s[i] != ' ')
            continue;
        if (i > start) {
            if (n == max)
                return max + 1;
            words[n].s = sp.s + start;
            words[n].len = i - start;
            n++;
        }
        start = i + 1;
    }
    return n;
}

/* Ends a sentence or a quotation: a line ending so is not soft-wrapped. */
int page_ends_sentence(span_t sp)
{
    if (sp.len == 0)
        return 0;
    if (strchr(".!?:\"')", sp.s[sp.len - 1]))
        return 1;
    return has_suffix(sp, "\xE2\x80\x9D") || has_suffix(sp, "\xE2\x80\x99");
}

/* ---- dates ---- */

/* Reads exactly N digits; -1 if they are not all digits, or more than 9
 * (no hour, minute or count this reads is longer, and an int holds 9). */
static int parse_digits(const char *s, size_t n)
{
    int v = 0;
    if (n > 9)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* The stored form of the date SP is (a date line when LINE: labels and
 * separators allowed, date_parse_line(); else the whole of SP,
 * date_parse()), in OUT; *LABEL (when not NULL) says what the line's label
 * called it.  Returns the date's precision (DATE_NONE: no date).  The
 * index's language is not known here: every language's month names are
 * read. */
date_precision_t page_read_date(span_t sp, int line, char out[DATE_TEXT_SIZE],
                                date_label_t *label)
{
    date_t d;
    date_precision_t got = line ? date_parse_line(sp.s, sp.len, NULL, &d, label)
                                : date_parse(sp.s, sp.len, NULL, &d);
    return got ? date_format(&d, out) : DATE_NONE;
}

/* ---- line shapes ---- */

/* A name word: capitalised ("Mooney", "O’Brien", "Pinto-Duschinsky", "J.").
 * A non-ASCII first letter is accepted as capital: telling case would need
 * Unicode tables. */
static int is_name_word(span_t w)
{
    unsigned char c = (unsigned char)w.s[0];
    if (!(isupper(c) || c >= 0xC0))
        return 0;
    for (size_t i = 1; i < w.len; i++) {
        c = (unsigned char)w.s[i];
        if (!isalpha(c) && c < 0x80 && c != '-' && c != '\'' && c != '.')
            return 0;
    }
    return 1;
}

/* SP is 2-4 name words: a person's name. */
static int is_person_name(span_t sp)
{
    span_t w[4];
    size_t n = split_words(sp, w, 4);
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_name_word(w[i]))
            return 0;
    return 1;
}

/* "By Jane Smith": the name, or a zero-length span. */
span_t page_byline_name(span_t sp)
{
    span_t name = { sp.s + 3, sp.len >= 3 ? sp.len - 3 : 0 };
    span_t none = { sp.s, 0 };
    if (sp.len > BYLINE_MAX || sp.len < 3 || strncasecmp(sp.s, "by ", 3) != 0)
        return none;
    return is_person_name(name) ? name : none;
}

/* An author note closing the story: "Helen Mooney is a health reporter."
 * Returns the name, or a zero-length span. */
span_t page_author_note_name(span_t sp)
{
    static const char *const roles[] = {
        "reporter", "journalist", "correspondent", "editor", "writer",
        "columnist"
    };
    span_t none = { sp.s, 0 };
    const char *is = sp.s;
    while (is + 4 <= sp.s + sp.len && memcmp(is, " is ", 4) != 0)
        is++;
    if (sp.len > AUTHOR_NOTE_MAX || is + 4 > sp.s + sp.len || !has_suffix(sp, "."))
        return none;
    span_t name = { sp.s, (size_t)(is - sp.s) };
    span_t rest = { is + 4, sp.len - name.len - 4 };
    if (!is_person_name(name) ||
        !(has_prefix(rest, "a ") || has_prefix(rest, "an ") || has_prefix(rest, "the ")))
        return none;
    const char *last = rest.s + rest.len - 1;   /* the final '.' */
    const char *word = last;
    while (word > rest.s && word[-1] != ' ')
        word--;
    span_t role = { word, (size_t)(last - word) };
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (span_is(role, roles[i]))
            return name;
    return none;
}

/* "11:22", "23:05:59", "11:22pm". */
static int is_time(span_t w)
{
    if (w.len > 2 && (span_is((span_t){ w.s + w.len - 2, 2 }, "am") ||
                      span_is((span_t){ w.s + w.len - 2, 2 }, "pm")))
        w.len -= 2;
    const char *colon = memchr(w.s, ':', w.len);
    if (colon == NULL || colon == w.s || colon - w.s > 2)
        return 0;
    int h = parse_digits(w.s, (size_t)(colon - w.s));
    size_t rest = w.len - (size_t)(colon - w.s) - 1;
    int m = rest >= 2 ? parse_digits(colon + 1, 2) : -1;
    int sec = rest == 5 && colon[3] == ':' ? parse_digits(colon + 4, 2) : 0;
    return h >= 0 && h <= 23 && m >= 0 && m <= 59 && sec >= 0 && sec <= 59 &&
           (rest == 2 || rest == 5);
}

/* A commenter line: "<name> <date> <time>", the name 1-4 words, the date a
 * full day (date_parse()), optionally "at" before the time:
 * "Anony Mouse 25 January, 2021 11:22 pm". */
int page_is_commenter_line(span_t sp)
{
    span_t w[12];
    size_t n = sp.len <= COMMENTER_MAX ? split_words(sp, w, 12) : 13;
    char date[DATE_TEXT_SIZE];

    if (n > 12)
        return 0;
    if (n >= 2 && (span_is(w[n - 1], "am") || span_is(w[n - 1], "pm")))
        n--;
    if (n < 3 || !is_time(w[n - 1]))
        return 0;
    n--;
    if (span_is(w[n - 1], "at"))
        n--;
    for (size_t k = 1; k <= 4 && k < n; k++) {
        span_t d = { w[n - k].s, (size_t)(w[n - 1].s + w[n - 1].len - w[n - k].s) };
        if (d.s[d.len - 1] == ',')
            d.len--;
        if (n - k <= 4 && page_read_date(d, 0, date, NULL) == DATE_DAY)
            return 1;
    }
    return 0;
}

/* A comment-section heading: "Readers' comments (3)", "Comments (12)",
 * "12 comments", "Reader comments:", "Please note, only GPs are permitted
 * to add comments to articles". */
int page_is_comment_heading(span_t sp)
{
    static const char *const headings[] = {
        "comments", "reader comments", "readers comments", "readers' comments",
        "readers\xE2\x80\x99 comments", "reader's comments",
        "reader\xE2\x80\x99s comments", "user comments", "join the discussion"
    };
    if (sp.len > 160)
        return 0;
    /* "Please note, only subscribers may comment": a note on who may post. */
    if (sp.len >= 11 && strncasecmp(sp.s, "please note", 11) == 0) {
        for (size_t i = 0; i + 7 <= sp.len; i++)
            if (strncasecmp(sp.s + i, "comment", 7) == 0)
                return 1;
        return 0;
    }
    /* Drop a count and a colon: "Comments (3)", "Comments:". */
    if (has_suffix(sp, ")")) {
        const char *open = memchr(sp.s, '(', sp.len);
        if (open && open > sp.s &&
            parse_digits(open + 1, (size_t)(sp.s + sp.len - open - 2)) >= 0)
            sp.len = (size_t)(open - sp.s);
    }
    while (sp.len && (sp.s[sp.len - 1] == ' ' || sp.s[sp.len - 1] == ':'))
        sp.len--;
    /* "12 comments" */
    size_t digits = 0;
    while (digits < sp.len && isdigit((unsigned char)sp.s[digits]))
        digits++;
    if (digits && (span_is((span_t){ sp.s + digits, sp.len - digits }, " comments") ||
                   span_is((span_t){ sp.s + digits, sp.len - digits }, " comment")))
        return 1;
    for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++)
        if (span_is(sp, headings[i]))
            return 1;
    return 0;
}

/* SP without a final full stop that stands apart (" ."): text tokenised for
 * retrieval experiments ends its titles and sentences alike so, and English
 * prose never puts a space before its full stop, so the stop says nothing
 * about whether the line is a sentence. */
span_t page_without_detached_stop(span_t sp)
{
    if (sp.len > 2 && has_suffix(sp, " ."))
        sp.len -= 2;
    return sp;
}

/* A headline: short, not a sentence or a fragment ending in '.', ',', ';' or
 * ':' (a question or exclamation is fine; a detached " ." is ignored), with
 * at least one letter. */
int page_is_headline(span_t sp)
{
    int letter = 0;
    sp = page_without_detached_stop(sp);
    if (sp.len == 0 || sp.len > HEADLINE_MAX || strchr(".,;:", sp.s[sp.len - 1]))
        return 0;
    for (size_t i = 0; i < sp.len && !letter; i++)
        letter = isalpha((unsigned char)sp.s[i]) || (unsigned char)sp.s[i] >= 0xC0;
    return letter;
}
