/* query.c: unit tests for the query parser (searcher/query*.c): what each
 * query becomes, for Xapian (its tree as search-query.c builds it) and for
 * the matcher, and the messages.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "query.h"
#include "search-private.h"
#include "stopwords.h"
#include "tap.h"

static analyzer_t *analyzer;

#define AREA "(Zarea OR 0.5 * ZXCarea)"
#define TEAM "(Zteam OR 0.5 * ZXCteam)"
#define BULLI "(Zbulli OR 0.5 * ZXCbulli)"

static const struct {
    const char *query;
    const char *all;     /* Xapian's description of query.all */
    const char *any;     /* of query.any; NULL: the same as all */
    const char *terms;   /* snippet terms: kind:text/group, "p" for a phrase word */
} cases[] = {
    { "area teams bullying", "Query((" AREA " AND " TEAM " AND " BULLI "))",
      "Query((" AREA " OR " TEAM " OR " BULLI "))", "0:area/0 0:team/1 0:bulli/2" },
    { "\"area teams\"",
      "Query(((area PHRASE 2 teams) OR 2 * (Sarea PHRASE 2 Steams) OR 0.5 * (XCarea PHRASE 2 XCteams)))",
      NULL, "1:area/0p 1:teams/0p" },
    { "\"Teams\"", "Query(((teams SYNONYM Steams SYNONYM Steams) OR 0.5 * XCteams))", NULL,
      "1:teams/0" },
    { "area OR teams", "Query((" AREA " OR " TEAM "))", NULL, "0:area/0 0:team/1" },
    { "bullying NOT ccg",
      "Query((" BULLI " AND_NOT (Zccg OR 0.5 * ZXCccg)))", NULL,
      "0:bulli/0" },
    { "+area -teams", "Query((" AREA " AND_NOT " TEAM "))", NULL, "0:area/0" },
    { "area teams OR groups",
      "Query((" AREA " AND (" TEAM " OR (Zgroup OR 0.5 * ZXCgroup))))",
      "Query((" AREA " OR (" TEAM " OR (Zgroup OR 0.5 * ZXCgroup))))",
      "0:area/0 0:team/1 0:group/2" },
    { "(area OR teams) AND bullying", "Query(((" AREA " OR " TEAM ") AND " BULLI "))", NULL,
      "0:area/0 0:team/1 0:bulli/2" },
    { "area NEAR/3 teams",
      "Query(((area NEAR 5 teams) OR 2 * (Sarea NEAR 5 Steams) OR 0.5 * (XCarea NEAR 5 XCteams)))",
      NULL, "1:area/0 1:teams/1" },
    { "area ADJ teams",
      "Query(((area PHRASE 12 teams) OR 2 * (Sarea PHRASE 12 Steams) OR 0.5 * (XCarea PHRASE 12 XCteams)))",
      NULL, "1:area/0 1:teams/1" },
    { "commission*",
      "Query((WILDCARD SYNONYM commission OR 2 * WILDCARD SYNONYM Scommission OR 0.5 * WILDCARD SYNONYM XCcommission))",
      NULL, "2:commission/0" },
    { "co*", "Query((Zco OR 0.5 * ZXCco))", NULL, "0:co/0" },
    { "title:bullying", "Query(2 * ZSbulli)", NULL, "0:bulli/0" },
    { "body:bullying comments:bullying", "Query((Zbulli AND 0.5 * ZXCbulli))",
      "Query((Zbulli OR 0.5 * ZXCbulli))", "0:bulli/0 0:bulli/1" },
    { "source:hsj bullying", "Query((" BULLI " FILTER 0 * XSRChsj))", NULL, "1:hsj/0 0:bulli/1" },
    { "date:2014", "Query((<alldocuments> FILTER VALUE_RANGE 0 20140000 20141231))", NULL, "" },
    { "date:2013..2014-06-30", "Query((<alldocuments> FILTER VALUE_RANGE 0 20130000 20140630))",
      NULL, "" },
    { "date:..2014", "Query((<alldocuments> FILTER VALUE_LE 0 20141231))", NULL, "" },
    { "date:2014-06..", "Query((<alldocuments> FILTER VALUE_GE 0 20140600))", NULL, "" },
    { "id:003_x.txt", "Query((<alldocuments> FILTER 0 * Q003_x.txt))", NULL, "" },
    { "the economist", "Query((Zeconomist OR 0.5 * ZXCeconomist))",
      NULL, "0:economist/0" },
    { "the of", "Query(((Zthe OR 0.5 * ZXCthe) AND (Zof OR 0.5 * ZXCof)))",
      "Query(((Zthe OR 0.5 * ZXCthe) OR (Zof OR 0.5 * ZXCof)))",
      "0:the/0 0:of/1" },
    /* A word typed three times weighs three times as much. */
    { "area area Area", "Query(3 * " AREA ")", NULL, "0:area/0" },
    { "area teams area", "Query((2 * " AREA " AND " TEAM "))", "Query((2 * " AREA " OR " TEAM "))",
      "0:area/0 0:team/1" },
    /* Pasted text never fails: syntax that does not parse is plain words. */
    { "(area", "Query(" AREA ")", NULL, "0:area/0" },
    { "area)", "Query(" AREA ")", NULL, "0:area/0" },
    { "AND", "Query((Zand OR 0.5 * ZXCand))", NULL, "0:and/0" },
    { "title:", "Query((Ztitl OR 0.5 * ZXCtitl))", NULL, "0:titl/0" },
    { "\"area teams", "Query((" AREA " AND " TEAM "))", "Query((" AREA " OR " TEAM "))",
      "0:area/0 0:team/1" },
    { "£350m", "Query((Z350m OR 0.5 * ZXC350m))", NULL, "0:350m/0" },
    /* Metadata fields: the byline is one of every index; words as written,
     * filters, not marked in the text; an exact value as typed. */
    { "byline:Smith", "Query((<alldocuments> FILTER 0 * XFbyline:smith))", NULL, "" },
    { "Author:smith bullying", "Query((" BULLI " FILTER 0 * XFbyline:smith))", NULL, "0:bulli/0" },
    { "byline:\"jane smith\"",
      "Query((<alldocuments> FILTER 0 * (XFbyline:jane PHRASE 2 XFbyline:smith)))", NULL, "" },
    { "byline=\"Jane Smith\"", "Query((<alldocuments> FILTER 0 * XFbyline=Jane Smith))", NULL,
      "" },
    { "source=HSJ bullying", "Query((" BULLI " FILTER VALUE_RANGE 5 HSJ HSJ))", NULL, "0:bulli/0" },
    /* No field is meant: words. */
    { "http://nhs.uk",
      "Query(((Zhttp OR 0.5 * ZXChttp) AND (Znhs OR 0.5 * ZXCnhs) AND (Zuk OR 0.5 * ZXCuk)))",
      "Query(((Zhttp OR 0.5 * ZXChttp) OR (Znhs OR 0.5 * ZXCnhs) OR (Zuk OR 0.5 * ZXCuk)))",
      "0:http/0 0:nhs/1 0:uk/2" },
    { "'Worryingly fast'",
      "Query(((Zworri OR 0.5 * ZXCworri) AND (Zfast OR 0.5 * ZXCfast)))",
      "Query(((Zworri OR 0.5 * ZXCworri) OR (Zfast OR 0.5 * ZXCfast)))",
      "0:worri/0 0:fast/1" },
};

static const struct {
    const char *query;
    query_status_t status;
    const char *error;
} errors[] = {
    { "", QUERY_NO_WORDS, "the query has no words to search for" },
    { "!!! ... ---", QUERY_NO_WORDS, "the query has no words to search for" },
    { "(((", QUERY_NO_WORDS, "the query has no words to search for" },
    { "date:2014-13", QUERY_BAD_DATE,
      "date:2014-13: not a date (use YYYY, YYYY-MM or YYYY-MM-DD, or a range FROM..TO)" },
    { "bullying date:yesterday", QUERY_BAD_DATE,
      "date:yesterday: not a date (use YYYY, YYYY-MM or YYYY-MM-DD, or a range FROM..TO)" },
    { "date:..", QUERY_BAD_DATE,
      "date:..: not a date (use YYYY, YYYY-MM or YYYY-MM-DD, or a range FROM..TO)" },
    /* A field the index lacks is an error, never the words "category sci space". */
    { "category:sci.space", QUERY_BAD_FIELD,
      "the index has no field 'category'; its fields: title, body, comments, source, date, id,"
      " byline, author (to search the words as they are, put them in quotes)" },
    { "bullying title=Bullies", QUERY_BAD_FIELD,
      "the index has no field 'title=' (exact values are for source= and the fields of the"
      " articles' metadata); its fields: title, body, comments, source, date, id, byline, author"
      " (to search the words as they are, put them in quotes)" },
};

static const struct {
    const char *query;
    const char *explain;
} explanations[] = {
    { "the bullied teams", "word: bullied (stem bulli)\nword: teams (stem team)\nstopwords left out: the\n" },
    { "(area", "query syntax not understood (a bracket is not closed): searched as plain words\nword: area\n" },
    { "co* -x", "too short for a wildcard (at least 3 characters): searched as words\nword: co\nword: x (excluded)\n" },
    { "\"area teams\" date:2014-06", "phrase: \"area teams\"\ndate: 20140600..20140631\n" },
};

/* Xapian's description of the query tree T (malloc'ed). */
static char *describe(const qtree_t *t)
{
    xs_query_t *q = t ? search_query_build(t) : NULL;
    char *d = q ? xs_query_describe(q) : NULL;
    char *copy = d ? strdup(d) : NULL;

    free(d);
    xs_query_destroy(q);
    return copy;
}

/* Parses TEXT (NUL-terminated) as the searcher does, for an index with
 * every field. */
static int parse(const char *text, size_t len, query_mode_t mode, query_t **q, char **err)
{
    return query_parse(analyzer, NULL, text, len, mode, q, err) == QUERY_OK ? 0 : -1;
}

static void render_terms(const query_t *q, buf_t *out)
{
    for (size_t i = 0; i < q->term_count; i++)
        buf_printf(out, "%s%d:%s/%u%s", i ? " " : "", (int)q->terms[i].kind, q->terms[i].text,
                   q->terms[i].group, q->terms[i].phrase_length > 1 ? "p" : "");
}

int main(void)
{
    query_t *q = NULL;
    char *err;

    analyzer = analyzer_new("english", NULL);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf_t terms = BUF_INIT;
        int rc = parse(cases[i].query, strlen(cases[i].query), QUERY_DEFAULT, &q, &err);
        if (!ok(rc == 0, "'%s' parses", cases[i].query)) {
            printf("#   error: %s\n", err);
            free(err);
            continue;
        }
        char *all = describe(q->all), *any = describe(q->any);
        is_str(all, cases[i].all, cases[i].query);
        is_str(any, cases[i].any ? cases[i].any : cases[i].all, "... every article it matches");
        render_terms(q, &terms);
        is_str(terms.data ? terms.data : "", cases[i].terms, "... its snippet terms");
        free(all);
        free(any);
        buf_free(&terms);
        query_free(q);
    }
    for (size_t i = 0; i < sizeof errors / sizeof *errors; i++) {
        query_status_t st = query_parse(analyzer, NULL, errors[i].query,
                                        strlen(errors[i].query), QUERY_DEFAULT, &q, &err);
        ok(st == errors[i].status && q == NULL, "'%s' fails with status %d", errors[i].query,
           (int)errors[i].status);
        is_str(err, errors[i].error, "... with a message that says why");
        free(err);
    }
    for (size_t i = 0; i < sizeof explanations / sizeof *explanations; i++) {
        if (parse(explanations[i].query, strlen(explanations[i].query), QUERY_DEFAULT, &q,
                  &err) != 0) {
            ok(0, "'%s' parses: %s", explanations[i].query, err);
            free(err);
            continue;
        }
        is_str(q->explain, explanations[i].explain, explanations[i].query);
        query_free(q);
    }

    /* An index without reader comments: plain words leave them out; a
     * comments: field still asks for them. */
    static const query_index_t no_comments = { 0, NULL, 0 };
    ok(query_parse(analyzer, &no_comments, "area teams comments:bullying", 28, QUERY_DEFAULT, &q,
                   &err) == QUERY_OK, "an index without comments: parsed");
    char *without = describe(q->all);
    is_str(without, "Query((Zarea AND Zteam AND 0.5 * ZXCbulli))",
           "... plain words are not looked up in comments");
    free(without);
    query_free(q);

    /* Nested juxtaposition: AND by default, OR with --any. */
    parse("(area teams)", 12, QUERY_ANY, &q, &err);
    char *d = describe(q->any);
    is_str(d, "Query((" AREA " OR " TEAM "))", "--any: words in brackets are OR-ed");
    free(d);
    query_free(q);

    /* An index with metadata fields of its own (XKcategory, XKnewsgroups). */
    {
        static char category[] = "category", newsgroups[] = "newsgroups";
        static char *names[] = { category, newsgroups };
        static const query_index_t fielded = { QUERY_FIELDS_ALL, names, 2 };
        static const struct { const char *query, *all; } fielded_cases[] = {
            { "category:sci.space",
              "Query((<alldocuments> FILTER (0 * XFcategory:sci AND 0 * XFcategory:space)))" },
            { "CATEGORY=sci.space", "Query((<alldocuments> FILTER 0 * XFcategory=sci.space))" },
            { "newsgroups:(alt.atheism OR relig*)",
              "Query((<alldocuments> FILTER ((0 * XFnewsgroups:alt AND 0 * XFnewsgroups:atheism)"
              " OR 0 * WILDCARD SYNONYM XFnewsgroups:relig)))" },
            { "bullying -newsgroups=alt.atheism",
              "Query((" BULLI " AND_NOT XFnewsgroups=alt.atheism))" },
        };
        for (size_t i = 0; i < sizeof fielded_cases / sizeof *fielded_cases; i++) {
            const char *text = fielded_cases[i].query;
            if (!ok(query_parse(analyzer, &fielded, text, strlen(text), QUERY_DEFAULT, &q, &err)
                        == QUERY_OK, "a field of the index: '%s' parses", text)) {
                printf("#   error: %s\n", err);
                free(err);
                continue;
            }
            char *all = describe(q->all);
            is_str(all, fielded_cases[i].all, text);
            free(all);
            query_free(q);
        }
        ok(query_parse(analyzer, &fielded, "categry:x", 9, QUERY_DEFAULT, &q, &err)
               == QUERY_BAD_FIELD, "a misspelt field is an error");
        is_str(err, "the index has no field 'categry'; its fields: title, body, comments, source,"
                    " date, id, byline, author, category, newsgroups (to search the words as"
                    " they are, put them in quotes)", "... naming the index's fields");
        free(err);
    }

    /* Bad input: bounded, never a crash. */
    {
        size_t n = 20000;
        char *deep = malloc(2 * n + 8);
        memset(deep, '(', n);
        memcpy(deep + n, "area", 4);
        memset(deep + n + 4, ')', n);
        ok(parse(deep, 2 * n + 4, QUERY_DEFAULT, &q, &err) == 0
           && q->group_count == 1, "10,000 nested brackets: searched as plain words");
        query_free(q);
        for (size_t k = 0; k < 2 * n; k++)
            deep[k] = "ab \"(-*:"[k % 8];
        ok(parse(deep, 2 * n, QUERY_DEFAULT, &q, &err) == 0,
           "40 KB of syntax characters parse");
        query_free(q);
        free(deep);
        const char nul[] = "area\0teams \xff\xfe bullying";
        ok(parse(nul, sizeof nul - 1, QUERY_DEFAULT, &q, &err) == 0
           && q->group_count == 3, "NUL bytes and invalid UTF-8 separate words");
        query_free(q);
        /* Found by tests/fuzz/fuzz-query: a bad date, then a syntax error
         * (so the query is read again as plain words) leaked the date's
         * message; the sanitizer build's leak check fails this row. */
        const char bad_then_broken[] = "date:2014-13 area)";
        ok(parse(bad_then_broken, sizeof bad_then_broken - 1, QUERY_DEFAULT, &q, &err) == 0 && q->group_count == 4,
           "a bad date before a syntax error: searched as plain words");
        query_free(q);
    }

    const stoplist_t *en = stoplist_builtin("english");
    ok(stoplist_has(en, "the", 3) && stoplist_has(en, "a", 1) && stoplist_has(en, "yourselves", 10)
       && stoplist_has(en, "what", 4), "stopwords are found, first and last of the list too");
    ok(!stoplist_has(en, "then ", 5) && !stoplist_has(en, "th", 2) && !stoplist_has(en, "not", 3)
       && !stoplist_has(en, "bullying", 8), "other words are not stopwords");
    analyzer_free(analyzer);
    return tap_done();
}
