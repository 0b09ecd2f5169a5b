/* match.c: unit tests for the one matcher (searcher/match.h): what each
 * kind of query marks in a text, parsed as the searcher parses it, so
 * words, stems, wildcards, phrases, NEAR and NOT are checked as every view
 * (snippets, --show, the article page) sees them.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "match.h"
#include "query.h"
#include "tap.h"

static analyzer_t *analyzer;

/* TEXT with each mark of QUERY in brackets. */
static void render_marks(const char *query, const char *text, buf_t *out)
{
    query_t *q = NULL;
    char *err = NULL;
    mark_t *marks = NULL;
    size_t count = 0, at = 0;

    if (query_parse(analyzer, NULL, query, strlen(query), QUERY_DEFAULT, &q,
                    &err) != QUERY_OK) {
        buf_printf(out, "(no parse: %s)", err ? err : "?");
        free(err);
        return;
    }
    matcher_t *m = matcher_new(analyzer, q->terms, q->term_count);
    if (m == NULL || matcher_marks(m, text, strlen(text), &marks, &count) != 0)
        buf_puts(out, "(no memory)");
    for (size_t i = 0; i < count; i++) {
        buf_append(out, text + at, marks[i].start - at);
        buf_putc(out, '[');
        buf_append(out, text + marks[i].start, marks[i].end - marks[i].start);
        buf_putc(out, ']');
        at = marks[i].end;
    }
    buf_puts(out, text + at);
    free(marks);
    matcher_free(m);
    query_free(q);
}

static const struct {
    const char *name, *query, *text, *expected;
} rows[] = {
    /* Plain words match by stem. */
    { "a word", "bullying", "No bullying here.", "No [bullying] here." },
    { "its stem's other forms", "bullied",
      "Bullying, bullies, bullied; bull and bully.",
      "[Bullying], [bullies], [bullied]; bull and [bully]." },
    { "case and apostrophes folded", "England's",
      "ENGLAND\xE2\x80\x99S team and England's", "[ENGLAND\xE2\x80\x99S] team and [England's]" },
    { "every word of the query", "area teams",
      "local area team, the teams of an area", "local [area] [team], the [teams] of an [area]" },
    { "stopwords left out of longer queries", "the area", "the area", "the [area]" },
    /* A quoted word is the exact word. */
    { "a quoted word, exactly", "\"Teams\"", "teams, team, Teams.", "[teams], team, [Teams]." },
    /* Wildcards: the start of the folded word. */
    { "a wildcard", "commissio*",
      "Commissioners were commissioning; commission-free co-commission, commissar.",
      "[Commissioners] were [commissioning]; [commission]-free co-[commission], commissar." },
    { "a wildcard too short is a word", "co*", "co-op co coop", "[co]-op [co] coop" },
    /* A phrase is one span, only where its words stand in a row. */
    { "a phrase", "\"area teams\"",
      "local area teams; area and teams; teams area",
      "local [area teams]; area and teams; teams area" },
    { "a phrase never spans paragraphs", "\"area teams\"", "the area\nteams here",
      "the area\nteams here" },
    { "a phrase over punctuation", "\"area teams\"", "area, teams and area-teams",
      "[area, teams] and [area-teams]" },
    { "a phrase of three, restarting", "\"one in five\"",
      "one one in five, one in in five", "one [one in five], one in in five" },
    { "a phrase and its word alone", "\"area teams\" area", "area teams and area",
      "[area teams] and [area]" },
    { "two phrases overlapping", "\"area teams\" \"teams said\"", "area teams said so",
      "[area teams said] so" },
    /* NEAR and ADJ: their words, each a group. */
    { "NEAR", "ccg NEAR/3 leads", "CCG leads; leads of a CCG; ccgs",
      "[CCG] [leads]; [leads] of a [CCG]; ccgs" },
    { "ADJ", "area ADJ teams", "area teams, teams area", "[area] [teams], [teams] [area]" },
    /* Never a word under NOT or '-'. */
    { "NOT", "area NOT teams", "area teams", "[area] teams" },
    { "-word", "+area -teams", "area teams", "[area] teams" },
    { "NOT a phrase", "area -\"area teams\"", "area teams area", "[area] teams [area]" },
    { "NOT a wildcard", "nhs NOT commission*", "NHS commissioning", "[NHS] commissioning" },
    { "NOT in brackets", "(area OR teams) NOT (local OR regional)",
      "local area, regional teams", "local [area], regional [teams]" },
    /* Fields: the words are marked wherever they stand in the text. */
    { "a field", "title:ccgs", "CCGs confident", "[CCGs] confident" },
    { "a source", "source:hsj bullying", "HSJ on bullying", "[HSJ] on [bullying]" },
    { "a date marks nothing", "date:2014 bullying", "2014: bullying", "2014: [bullying]" },
    { "nothing matches", "zebra", "No stripes here.", "No stripes here." },
    { "unicode text around", "caf\xC3\xA9", "Le Caf\xC3\xA9 \xE2\x80\x9C" "caf\xC3\xA9\xE2\x80\x9D",
      "Le [Caf\xC3\xA9] \xE2\x80\x9C[caf\xC3\xA9]\xE2\x80\x9D" },
};

/* The matches, in the order matcher_run() gives them. */
static int list_match(void *ctx, const match_t *m)
{
    buf_printf(ctx, "%zu-%zu/%u/%u ", m->start, m->end, m->group, m->words);
    return 0;
}

static int stop_at_first(void *ctx, const match_t *m)
{
    (void)m;
    ++*(int *)ctx;
    return 7;
}

static void test_order(void)
{
    query_t *q = NULL;
    char *err = NULL;
    buf_t out = BUF_INIT;
    static const char text[] = "area teams area";
    int calls = 0;

    query_parse(analyzer, NULL, "\"area teams\" area team", 22, QUERY_DEFAULT, &q,
                &err);
    matcher_t *m = matcher_new(analyzer, q->terms, q->term_count);
    is_int(matcher_group_count(m), 3, "three groups: a phrase and two words");
    ok(matcher_run(m, text, strlen(text), list_match, &out) == 0, "a run");
    is_str(out.data, "0-4/1/1 5-10/2/1 0-10/0/2 11-15/1/1 ",
           "... gives a token's words, then the phrase it ends, in text order of the token");
    ok(matcher_run(m, text, strlen(text), stop_at_first, &calls) == 7 && calls == 1,
       "a callback's non-zero return stops the run and is returned");
    buf_free(&out);
    matcher_free(m);
    query_free(q);

    m = matcher_new(analyzer, NULL, 0);
    mark_t *marks = (mark_t *)1;
    size_t count = 9;
    ok(m && matcher_group_count(m) == 0 && matcher_marks(m, text, strlen(text), &marks, &count) == 0
       && marks == NULL && count == 0, "no terms: no marks");
    matcher_free(m);
    matcher_free(NULL);
}

int main(void)
{
    analyzer = analyzer_new("english", NULL);
    if (!ok(analyzer != NULL, "english analyzer"))
        return tap_done();
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        buf_t out = BUF_INIT;
        render_marks(rows[i].query, rows[i].text, &out);
        is_str(out.data, rows[i].expected, rows[i].name);
        buf_free(&out);
    }
    test_order();
    analyzer_free(analyzer);
    return tap_done();
}
