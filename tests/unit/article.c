/* tests/unit/article.c: page_parse, boilerplate and manifest on the seed corpus and synthetic pages.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The seed pages are read from $TRAWL_SRCDIR/corpus (make check sets
 * TRAWL_SRCDIR); without it, from ./corpus, so run it from the source tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "page.h"
#include "boilerplate.h"
#include "buf.h"
#include "manifest.h"
#include "tap.h"
#include "utf8.h"

#define NSEEDS 5

static const char *const seed_files[NSEEDS] = {
    "000_2d5cabb33bf2183e.txt", "001_385728fb073913cc.txt",
    "002_7add833defd93f9a.txt", "003_991a6bc901fd0169.txt",
    "004_92105e6a592168eb.txt"
};

static const char *const banner = "This site is intended for health professionals only";

/* What each seed must parse to. */
static const struct {
    const char *title;
    int derived;
    const char *date, *byline;
    size_t body, comments;
    const char *first, *last;
} expect[NSEEDS] = {
    { "Clinical commissioning groups have become concerned about the burden of being…",
      1, NULL, NULL, 15, 0,
      "Clinical commissioning groups have become concerned about the burden of being "
      "involved with ‘system resilience groups’, which are expected to oversee efforts "
      "to clear waiting lists and ease winter pressures.",
      "CCGs were expected to submit plans for the groups by the end of last month." },
    { "CCG leaders: ‘Worryingly fast’ move to hand commissioning powers to ICSs",
      0, NULL, NULL, 24, 2,
      "CCG leaders are concerned about the ‘worryingly fast’ pace at which NHS England "
      "proposes to hand over commissioning powers to integrated care systems (ICSs).",
      "A version of this story was first published by Pulse’s sister title Healthcare Leader." },
    { "CCGs confident but still deliver a kick to the regions",
      0, NULL, NULL, 8, 5,
      "HSJ’s second Barometer survey of those leading clinical commissioning groups reveals "
      "the new organisations are still full of confidence as they get ready to take full "
      "responsibility for £60bn of NHS cash in April.",
      "There also appears little chance of change while, as one respondent puts it: "
      "“Performance management by PCT cluster/local area team replicates the unhelpful way "
      "the strategic health authority always did it and the regional national commissioning "
      "board director is back to being as awful as they always used to be.”" },
    { "Feature: Grey Area",
      0, "2014-06-03", "Helen Mooney", 34, 0,
      "May 2014 saw NHS England’s new chief executive, Simon Stevens, announce a new option "
      "for local clinical commissioning groups (CCGs). They will soon be allowed to "
      "co-commission primary care in partnership with NHS England.",
      "The Department of Health says it will also conduct an annual assessment of NHS "
      "England’s performance including the extent to which it has met the objectives set "
      "out in the Mandate. The first annual assessment could make for interesting reading." },
    { "CCG leads demand control of primary care",
      0, NULL, NULL, 16, 0,
      "The structure of primary care commissioning is a “challenge” that must be overcome, "
      "clinical commissioning group (CCG) leads have told NHS England.",
      "Dr Dixon said: “There are clear indications of good working partnerships but it is "
      "not yet consistent and it is vital that across NHS England they work hard to bring "
      "up all area teams to the standard of the best.”" },
};

/* Text that is page furniture, never story or comment. */
static const char *const furniture_text[] = {
    "This site is intended", "ookies", "Unsuitable or offensive", "Related",
    "Ads by Google", "Sign in", "Sign up", "Your browser", "Have your say",
    "Want news like this", "Readers' comments", "Please note", "make a comment",
    "best possible experience"
};

static char *read_seed(const char *name, size_t *len)
{
    const char *dir = getenv("TRAWL_SRCDIR");
    char path[4096];
    buf_t b = BUF_INIT;
    char chunk[8192];
    size_t n;

    snprintf(path, sizeof path, "%s/corpus/%s", dir ? dir : ".", name);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        printf("# cannot read %s\n", path);
        return NULL;
    }
    buf_append(&b, "", 0);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return buf_detach(&b);
}

static size_t count_kind(const article_t *a, para_kind_t kind)
{
    size_t n = 0;
    for (size_t i = 0; i < a->paragraph_count; i++)
        n += a->paragraphs[i].kind == kind;
    return n;
}

/* The index of the paragraph whose text is TEXT, or -1. */
static long find_paragraph(const article_t *a, const char *text)
{
    for (size_t i = 0; i < a->paragraph_count; i++)
        if (strcmp(a->paragraphs[i].text, text) == 0)
            return (long)i;
    return -1;
}

/* Every paragraph: valid UTF-8, trimmed, one line, len right, not empty. */
static int paragraphs_clean(const article_t *a)
{
    for (size_t i = 0; i < a->paragraph_count; i++) {
        const paragraph_t *p = &a->paragraphs[i];
        if (p->len == 0 || p->len != strlen(p->text) || !utf8_valid(p->text, p->len) ||
            strchr(p->text, '\n') || p->text[0] == ' ' || p->text[p->len - 1] == ' ' ||
            strstr(p->text, "  ") || (i && p->kind == PARA_BODY &&
                                      a->paragraphs[i - 1].kind == PARA_COMMENT))
            return 0;
    }
    return 1;
}

static const char *furniture_in(const article_t *a)
{
    for (size_t i = 0; i < a->paragraph_count; i++)
        for (size_t j = 0; j < sizeof furniture_text / sizeof furniture_text[0]; j++)
            if (strstr(a->paragraphs[i].text, furniture_text[j]))
                return furniture_text[j];
    return NULL;
}

static void test_seed(int i, const char *text, size_t len, const boilerplate_t *bp)
{
    article_t a;
    char *err = NULL, name[64];
    int rc = page_parse(text, len, bp, &a, &err);

#define NAME(what) (snprintf(name, sizeof name, "seed %03d: %s", i, what), name)
    is_int(rc, 0, NAME("parses"));
    if (rc != 0) {
        printf("# %s\n", err);
        free(err);
        return;
    }
    is_str(a.title, expect[i].title, NAME("title"));
    is_int(a.title_derived, expect[i].derived, NAME("title_derived"));
    is_str(a.date, expect[i].date, NAME("date"));
    is_str(a.byline, expect[i].byline, NAME("byline"));
    is_str(a.source, NULL, NAME("no source"));
    is_str(a.url, NULL, NAME("no url"));
    is_str(a.id, NULL, NAME("no id"));
    is_int((long)a.extra_count, 0, NAME("no extra fields"));
    is_str(a.warning, NULL, NAME("no warning"));
    is_int((long)count_kind(&a, PARA_BODY), (long)expect[i].body, NAME("body paragraphs"));
    is_int((long)count_kind(&a, PARA_COMMENT), (long)expect[i].comments,
           NAME("comment paragraphs"));
    is_str(a.paragraphs[0].text, expect[i].first, NAME("first body paragraph"));
    is_str(a.paragraphs[expect[i].body - 1].text, expect[i].last, NAME("last body paragraph"));
    ok(paragraphs_clean(&a), "%s", NAME("paragraphs clean, body before comments"));
    const char *junk = furniture_in(&a);
    ok(junk == NULL, "%s%s", NAME("no furniture in any paragraph "), junk ? junk : "");
    ok(find_paragraph(&a, a.title) < 0 || a.title_derived, "%s", NAME("title not a body paragraph"));
    ok(find_paragraph(&a, "3 June 2014") < 0, "%s", NAME("no date paragraph"));
#undef NAME
    if (i == 1) {
        long c = find_paragraph(&a, "The more it changes the more it stays the same");
        ok(c > 0 && a.paragraphs[c].kind == PARA_COMMENT, "seed 001: comment is PARA_COMMENT");
        ok(c > 0 && strcmp(a.paragraphs[c - 1].text, "Anony Mouse 25 January, 2021 11:22 pm") == 0 &&
           a.paragraphs[c - 1].kind == PARA_COMMENT, "seed 001: commenter line before it");
        ok(find_paragraph(&a, "‘Members felt the dual ICS and CCG accountable officer model would "
                              "be extremely confusing in terms of system leadership and delegated "
                              "CCG powers,’ it said.") >= 0, "seed 001: soft-wrapped lines joined");
    }
    if (i == 2) {
        long c = find_paragraph(&a, "A path edged with brambles & nettles to navigate - there "
                                    "will be plenty of snags ahead.");
        ok(c >= 0 && a.paragraphs[c].kind == PARA_COMMENT, "seed 002: brambles comment is PARA_COMMENT");
        is_str(a.paragraphs[expect[i].body].text, "As soon as we've got this transition sorted, "
               "abolish the regional teams. The resource they soak up is desperately needed in "
               "other areas and we remove a tier of management. Then let the ATs get on with "
               "developing a meaningful partnership with their local CCGs without the continual "
               "need to satisfy demands for information which serve no purpose but to reassure.",
               "seed 002: first comment, bullet stripped");
    }
    if (i == 3)
        ok(find_paragraph(&a, "Helen Mooney is a health reporter.") < 0,
           "seed 003: author note dropped from the body");
    article_free(&a);
}

static void test_seeds(void)
{
    char *text[NSEEDS];
    size_t len[NSEEDS];
    boilerplate_t *bp = boilerplate_new();
    int have = 1;

    for (int i = 0; i < NSEEDS; i++) {
        text[i] = read_seed(seed_files[i], &len[i]);
        have &= text[i] != NULL && boilerplate_add_document(bp, text[i], len[i]) == 0;
    }
    ok(have, "seed corpus read and counted");
    is_int((long)boilerplate_document_count(bp), NSEEDS, "boilerplate: document count");
    ok(boilerplate_is_recurring(bp, banner, strlen(banner)), "boilerplate: banner recurs");
    const char *folded = "  THIS site  is intended for health professionals ONLY ";
    ok(boilerplate_is_recurring(bp, folded, strlen(folded)),
       "boilerplate: recurrence ignores case and spacing");
    ok(!boilerplate_is_furniture(banner, strlen(banner)), "boilerplate: banner is not a pattern");
    ok(!boilerplate_is_recurring(bp, "Related articles", 16),
       "boilerplate: a line in 2 documents does not recur");
    ok(!boilerplate_is_recurring(NULL, banner, strlen(banner)), "boilerplate: NULL table");
    for (int i = 0; i < NSEEDS && have; i++)
        test_seed(i, text[i], len[i], bp);
    for (int i = 0; i < NSEEDS; i++)
        free(text[i]);
    boilerplate_free(bp);
}

static void test_recurring_counts_once_per_document(void)
{
    boilerplate_t *bp = boilerplate_new();
    const char *twice = "Menu\nMenu\nStory one.\n";
    boilerplate_add_document(bp, twice, strlen(twice));
    boilerplate_add_document(bp, twice, strlen(twice));
    ok(!boilerplate_is_recurring(bp, "Menu", 4), "boilerplate: a line counts once per document");
    boilerplate_add_document(bp, "menu\r\n", 6);
    ok(boilerplate_is_recurring(bp, "Menu", 4), "boilerplate: recurs in 3 documents");
    boilerplate_free(bp);
}

static void test_furniture(void)
{
    static const struct {
        const char *line;
        int furniture;
    } cases[] = {
        { "Related articles", 1 },
        { "RELATED JOBS", 1 },
        { "  Ads  by Google ", 1 },
        { "Unsuitable or offensive?", 1 },
        { "Sign in to see the latest jobs relevant to you!", 1 },
        { "By continuing to use the site you agree to our Privacy & Cookies policy", 1 },
        { "Your browser is no longer supported", 1 },
        { "Want news like this straight to your inbox?", 1 },
        { "Have your say", 1 },
        { "Have your say on the plans, the minister said.", 0 },
        { "Unsuitable", 0 },
        { "The related articles were published in June.", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        is_int(boilerplate_is_furniture(cases[i].line, strlen(cases[i].line)),
               cases[i].furniture, cases[i].line);
}

/* Parses TEXT (LEN bytes) with no boilerplate table; 0 on success. */
static int parse(const char *text, size_t len, article_t *a)
{
    char *err = NULL;
    int rc = page_parse(text, len, NULL, a, &err);
    if (rc)
        printf("# %s\n", err);
    free(err);
    return rc;
}

#define PARSE(s, a) parse((s), sizeof(s) - 1, (a))

static void test_front_matter(void)
{
    article_t a;

    PARSE("title: My Title\nDate: 2014-06-03\nauthor: Jane Smith\nsource: HSJ\n"
          "url: https://example.org/a\nid: abc\nsection: News\n\nMy Title\n\nBody text here.\n", &a);
    is_str(a.id, "abc", "front matter: id");
    is_str(a.title, "My Title", "front matter: title");
    is_int(a.title_derived, 0, "front matter: title not derived");
    is_str(a.date, "2014-06-03", "front matter: date (key in any case)");
    is_str(a.byline, "Jane Smith", "front matter: author is the byline");
    is_str(a.source, "HSJ", "front matter: source");
    is_str(a.url, "https://example.org/a", "front matter: url");
    is_int((long)a.extra_count, 1, "front matter: one unknown key");
    is_str(a.extra_count ? a.extra[0].key : NULL, "section", "front matter: extra key");
    is_str(a.extra_count ? a.extra[0].value : NULL, "News", "front matter: extra value");
    is_int((long)a.paragraph_count, 1, "front matter: headline repeat dropped");
    is_str(a.paragraphs[0].text, "Body text here.", "front matter: body");
    is_str(a.warning, NULL, "front matter: no warning");
    article_free(&a);

    PARSE("---\ntitle: \"Quoted\"\ntags: a, b\n---\nText of the story.\n", &a);
    is_str(a.title, "Quoted", "front matter between ---: quotes stripped");
    is_str(a.extra_count ? a.extra[0].value : NULL, "a, b", "front matter between ---: extra");
    is_str(a.paragraphs[0].text, "Text of the story.", "front matter between ---: body");
    article_free(&a);

    PARSE("date: 31 June 2014\ntitle: T\n\nBody.\n", &a);
    is_str(a.date, NULL, "front matter: bad date ignored");
    is_str(a.warning, "front matter: bad date '31 June 2014' ignored", "front matter: warning");
    article_free(&a);

    PARSE("Feature: Grey Area\n\nThe first paragraph of the story is here.\n", &a);
    is_str(a.title, "Feature: Grey Area", "unknown key only: a headline, not front matter");
    is_int((long)a.extra_count, 0, "unknown key only: no extra");
    is_int((long)a.paragraph_count, 1, "unknown key only: body");
    article_free(&a);

    PARSE("title: X\nnot a key line\n\nBody.\n", &a);
    is_str(a.title, "title: X not a key line", "a line without a key: no front matter");
    article_free(&a);
}

/* no_text: page_parse of S into A fails with "no article text". */
static void no_text(const char *s, size_t len, article_t *a, const char *what)
{
    char *err = NULL;
    char name[80];

    snprintf(name, sizeof name, "%s: fails", what);
    is_int(page_parse(s, len, NULL, a, &err), -1, name);
    snprintf(name, sizeof name, "%s: message", what);
    is_str(err, "no article text", name);
    free(err);
}

static void test_cleaning(void)
{
    /* Lines that end in CRLF or in CR alone read as LF. */
    static const struct {
        const char *text, *ends, *second;
    } ends[] = {
        { "Headline\r\n\r\nFirst line of body.\r\nSecond paragraph.\r\n", "CRLF",
          "Second paragraph." },
        { "Headline\r\rBody one.\rBody two.", "CR", "Body two." },
    };
    article_t a;
    char name[64];

    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        parse(ends[i].text, strlen(ends[i].text), &a);
        snprintf(name, sizeof name, "%s: title", ends[i].ends);
        is_str(a.title, "Headline", name);
        snprintf(name, sizeof name, "%s: paragraphs", ends[i].ends);
        is_int((long)a.paragraph_count, 2, name);
        snprintf(name, sizeof name, "%s: no CR left", ends[i].ends);
        is_str(a.paragraph_count > 1 ? a.paragraphs[1].text : NULL, ends[i].second, name);
        article_free(&a);
    }

    PARSE("Head\0line\n\nCaf\xe9 text\x01 here\xff.\n\xC2\xA0 A\xC2\xA0\xC2\xA0" "b\tc  d.\xE2\x80\x83\n", &a);
    is_str(a.title, "Headline", "NUL dropped");
    is_str(a.paragraphs[0].text, "Caf\xEF\xBF\xBD text here\xEF\xBF\xBD.",
           "invalid UTF-8 becomes U+FFFD, controls dropped");
    is_str(a.paragraphs[1].text, "A b c d.", "Unicode spaces and tabs folded, trimmed");
    article_free(&a);

    no_text("", 0, &a, "empty file");
    is_int((long)a.paragraph_count, 0, "empty file: article empty");
    no_text(" \n\t\r\n\xC2\xA0\n\0\n", 9, &a, "white space only");
    no_text("Related articles\n\nAds by Google\n", 31, &a, "furniture only");
}

static void test_structure(void)
{
    article_t a;

    PARSE("Some headline\n\nBy Jane Smith\n\nThe story begins here. It goes on.\n\nSecond para.\n", &a);
    is_str(a.byline, "Jane Smith", "By line: byline");
    is_int((long)a.paragraph_count, 2, "By line: not a body paragraph");
    is_str(a.paragraphs[0].text, "The story begins here. It goes on.", "By line: body");
    article_free(&a);

    PARSE("Head\n\nThis sentence is wrapped\nover two lines.\nNext paragraph here.\n", &a);
    is_str(a.paragraphs[0].text, "This sentence is wrapped over two lines.", "soft wrap joined");
    is_str(a.paragraphs[1].text, "Next paragraph here.", "break after a sentence");
    article_free(&a);

    PARSE("A short first sentence. Another one follows here.\n", &a);
    is_str(a.title, "A short first sentence", "derived title: first sentence");
    is_int(a.title_derived, 1, "derived title: flagged");
    article_free(&a);

    PARSE("Hello world\n", &a);
    is_str(a.title, "Hello world", "one short line: title");
    is_int(a.title_derived, 0, "one short line: a headline, not derived");
    is_int((long)a.paragraph_count, 0, "one short line: no body");
    article_free(&a);

    PARSE("Head\n\nStory text one.\n\nJane Smith is a freelance journalist.\n", &a);
    is_str(a.byline, "Jane Smith", "author note: byline");
    is_int((long)a.paragraph_count, 1, "author note: dropped");
    article_free(&a);

    PARSE("Head\n\nStory text one.\n\nThe minister is a former journalist.\n", &a);
    is_str(a.byline, NULL, "not an author note: no byline");
    is_int((long)a.paragraph_count, 2, "not an author note: kept");
    article_free(&a);

    PARSE("Tuesday 3 June 2014\n\nHeadline here\n\nBody.\n\n4 June 2014\n", &a);
    is_str(a.date, "2014-06-03", "date above the headline");
    is_str(a.title, "Headline here", "headline after the date");
    is_str(a.paragraphs[1].text, "4 June 2014", "a date in the body stays body");
    article_free(&a);

    PARSE("Head\n\nComments (2)\n\nStory text.\n\n12 comments\n\nGreat article.\n"
          "Jo Bloggs 3 June 2014 at 09:15\nI disagree.\n", &a);
    is_int((long)count_kind(&a, PARA_BODY), 1, "comments: heading above the story ignored");
    is_int((long)count_kind(&a, PARA_COMMENT), 3, "comments: after '12 comments'");
    is_str(a.paragraphs[2].text, "Jo Bloggs 3 June 2014 at 09:15", "comments: commenter line kept");
    is_str(a.date, NULL, "comments: a comment's date is not the article's");
    article_free(&a);

    /* fuzz-article: a count of 14 digits overflowed an int (UBSan). */
    PARSE("Head\n\nStory text.\n\nComments (22222222222222)\n\nA reply.\n", &a);
    is_str(a.paragraphs[a.paragraph_count - 2].text, "Comments (22222222222222)",
           "comments: a count too long to be one is no comments heading");
    article_free(&a);

    PARSE("Head\n\nStory text.\nA Reader 3 June 2014 11:22 pm\nThanks.\n", &a);
    is_int((long)count_kind(&a, PARA_COMMENT), 2, "commenter line starts the comments");
    article_free(&a);

    PARSE("Head\n\nIntro:\n\xE2\x80\xA2 first item\n- second item\n", &a);
    is_int((long)a.paragraph_count, 3, "bullets: each a paragraph");
    is_str(a.paragraphs[1].text, "first item", "bullets: stripped");
    article_free(&a);
}

/* A line of 207 bytes, longer than a headline may be (HEADLINE_MAX). */
#define LONG_LINE "A report on the long-term effects of the reorganisation of " \
    "community health services on waiting times, staffing and the care of " \
    "older patients in three regions of the country over the last five or six years"

static void test_headlines(void)
{
    static const struct {
        const char *name, *page;
        const char *title;      /* NULL: not checked */
        int derived;            /* title_derived; -1: not checked */
        long paragraphs;
        const char *first;      /* the first paragraph; NULL: not checked */
    } cases[] = {
        { "detached full stop: a headline, not derived",
          "a study of a wing in a slipstream .\n\nthe lift was measured at six angles .\n"
          "the results agree with theory .\n",
          "a study of a wing in a slipstream", 0, 2, "the lift was measured at six angles ." },
        { "headline printed again, wrapped: the copy dropped",
          "shear flow past a flat plate in a fluid of small viscosity .\n\n"
          "shear flow past a flat plate in a fluid of small\nviscosity .\n"
          "the vorticity is constant .\n",
          "shear flow past a flat plate in a fluid of small viscosity", -1, 1,
          "the vorticity is constant ." },
        { "a sentence printed twice: the headline, the body kept",
          "The minister resigned.\n\nThe minister resigned. She said she had no choice.\n",
          "The minister resigned.", 0, 1, "The minister resigned. She said she had no choice." },
        { "a long line printed twice: the headline, the copy dropped",
          LONG_LINE "\n\n" LONG_LINE "\n\nThe report was published today.\n", LONG_LINE, -1, 1,
          NULL },
        { "a long line that only starts the next word: not a headline",
          LONG_LINE "\n\n" LONG_LINE "s and more.\n", NULL, 1, 2, NULL },
        { "a sentence alone: a derived title",
          "The minister resigned.\n\nShe said she had no choice.\n", "The minister resigned", 1, 2,
          NULL },
        { "headline only: no body", "Glossary of Programming Terms\n\n\n",
          "Glossary of Programming Terms", -1, 0, NULL },
        { "front matter title only: no body", "title: Only a title\n\n", "Only a title", -1, 0,
          NULL },
        { "a fragment alone: kept as body, a derived title", "No headline, a fragment,\n", NULL, 1,
          1, NULL },
    };
    char name[160];

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        article_t a;
        int rc = parse(cases[i].page, strlen(cases[i].page), &a);
        snprintf(name, sizeof name, "%s: parses", cases[i].name);
        is_int(rc, 0, name);
        if (rc != 0)
            continue;
        if (cases[i].title)
            is_str(a.title, cases[i].title, "  title");
        if (cases[i].derived >= 0)
            is_int(a.title_derived, cases[i].derived, "  title_derived");
        is_int((long)a.paragraph_count, cases[i].paragraphs, "  body paragraphs");
        if (cases[i].first)
            is_str(a.paragraph_count ? a.paragraphs[0].text : NULL, cases[i].first,
                   "  the body's start");
        article_free(&a);
    }
}

/* A headline that recurs in other pages is furniture, unless it is all the
 * page has. */
static void test_recurring_headline(void)
{
    boilerplate_t *bp = boilerplate_new();
    const char *only = "Sorting (Algorithm 12)\n\n\n";
    const char *with_text = "Sorting (Algorithm 12)\n\nA certification of the algorithm.\n";
    const char *two = "Sorting (Algorithm 12)\n\nMenu\n";
    article_t a;
    char *err = NULL;

    for (int i = 0; i < 3; i++) {
        boilerplate_add_document(bp, only, strlen(only));
        boilerplate_add_document(bp, "Menu\n", 5);
    }
    is_int(page_parse(only, strlen(only), bp, &a, &err), 0, "recurring line alone: parses");
    is_str(a.title, "Sorting (Algorithm 12)", "recurring line alone: the headline");
    is_int((long)a.paragraph_count, 0, "recurring line alone: no body");
    article_free(&a);

    is_int(page_parse(with_text, strlen(with_text), bp, &a, &err), 0,
           "recurring line with text: parses");
    is_str(a.title, "A certification of the algorithm", "recurring line with text: dropped");
    article_free(&a);

    /* Every line of TWO recurs, so TWO is a copy: its headline recurs as
     * often as the page's own text, "Menu" in more documents. */
    for (int i = 0; i < 3; i++)
        boilerplate_add_document(bp, "Menu\n", 5);
    is_int(page_parse(two, strlen(two), bp, &a, &err), 0, "two recurring lines: parses");
    is_str(a.title, "Sorting (Algorithm 12)", "two recurring lines: the rarer is the headline");
    is_int((long)a.paragraph_count, 0, "two recurring lines: the commoner is furniture");
    article_free(&a);
    boilerplate_free(bp);
}

/* Parses TEXT against BP; its title, " || " and its paragraphs joined by
 * " | " go to OUT. */
static void parse_body(const boilerplate_t *bp, const char *text, char *out, size_t size)
{
    article_t a;
    char *err = NULL;
    size_t n = 0;

    if (page_parse(text, strlen(text), bp, &a, &err) != 0) {
        snprintf(out, size, "error: %s", err);
        free(err);
        return;
    }
    n = (size_t)snprintf(out, size, "%s ||", a.title ? a.title : "(none)");
    for (size_t i = 0; i < a.paragraph_count && n < size; i++)
        n += (size_t)snprintf(out + n, size - n, "%s%s", i ? " | " : " ", a.paragraphs[i].text);
    article_free(&a);
}

/* Copies of an article (a reposted FAQ, a page saved twice) share every
 * line, however short: those lines are the article's own, not furniture. */
static void test_copies(void)
{
    const char *story = "Ward closures\n\nThe board met on Tuesday\nand agreed to close the ward.\n"
                        "Staff were told on Friday.\n";
    const char *framed = "Site menu\n\nWard closures\n\nThe board met on Tuesday\n"
                         "and agreed to close the ward.\nStaff were told on Friday.\n";
    const char *other = "Site menu\n\nA different story\n\nIt has lines of its own.\n";
    const char *mostly_own = "Site menu\nSite search\n\nA third story\n\nIts own text is "
                             "longer than the menu.\n";
    const char *half = "Site menu\nSite search\n\nBrief\n\nShort text.\n";
    char body[512];
    boilerplate_t *bp = boilerplate_new();

    for (int i = 0; i < 3; i++)
        boilerplate_add_document(bp, story, strlen(story));
    parse_body(bp, story, body, sizeof body);
    is_str(body, "Ward closures || The board met on Tuesday and agreed to close the ward. | "
           "Staff were told on Friday.", "three identical copies keep their text");

    /* The same story framed by a menu line found in more documents. */
    boilerplate_add_document(bp, framed, strlen(framed));
    for (int i = 0; i < 4; i++)
        boilerplate_add_document(bp, other, strlen(other));
    parse_body(bp, framed, body, sizeof body);
    is_str(body, "Ward closures || The board met on Tuesday and agreed to close the ward. | "
           "Staff were told on Friday.", "a framed copy keeps the story, drops the menu");
    parse_body(bp, other, body, sizeof body);
    is_str(body, "A different story || It has lines of its own.",
           "a page with a recurring story of its own: the menu recurs more, dropped");

    /* Not a copy: less than half of the page recurs, so the rule is as
     * ever (both menu lines dropped); at half, the menu is the page. */
    for (int i = 0; i < 5; i++)
        boilerplate_add_document(bp, "Site search\n", 12);
    parse_body(bp, mostly_own, body, sizeof body);
    is_str(body, "A third story || Its own text is longer than the menu.", "a page mostly its own: menu dropped");
    parse_body(bp, half, body, sizeof body);
    is_str(body, "Site menu Site search || Brief | Short text.",
           "a page half menu is taken as a copy: its menu is kept");
    boilerplate_free(bp);

    /* A story of long lines, one a paragraph, and a short one: the long
     * lines are counted too, so its copies are copies and keep every line,
     * and a page of its own long text still loses the menu. */
    char news[1024], own[1024];
    const char *para = "The trust board met on Tuesday and agreed, after a long debate that ran "
                       "late into the evening, to close the ward for good at the end of the "
                       "financial year, staff were told.";
    snprintf(news, sizeof news, "Ward to close\n\n%s\n\nNo comment.\n\n%s Again.\n", para, para);
    snprintf(own, sizeof own, "Site menu\n\nAnother story\n\n%s Its own.\n", para);
    bp = boilerplate_new();
    for (int i = 0; i < 3; i++)
        boilerplate_add_document(bp, news, strlen(news));
    boilerplate_add_document(bp, own, strlen(own));
    for (int i = 0; i < 2; i++)
        boilerplate_add_document(bp, "Site menu\n", 10);
    parse_body(bp, news, body, sizeof body);
    char expected[1024];
    snprintf(expected, sizeof expected, "Ward to close || %s | No comment. | %s Again.", para, para);
    is_str(body, expected, "copies of a story in long lines keep its short line");
    parse_body(bp, own, body, sizeof body);
    snprintf(expected, sizeof expected, "Another story || %s Its own.", para);
    is_str(body, expected, "... and a page of its own long text drops its menu");
    boilerplate_free(bp);
}

/* Writes TEXT to a new temporary file; its path goes to PATH. */
static void write_temp(char path[64], const char *text)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, 64, "%s/manifestXXXXXX", dir && strlen(dir) < 40 ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
        printf("# cannot write %s\n", path);
    if (fd >= 0)
        close(fd);
}

/* Loads a manifest made of TEXT that must fail with "<path>" + WHAT. */
static void manifest_fails(const char *text, const char *what, const char *name)
{
    char path[64], expected[256], *err = NULL;
    write_temp(path, text);
    manifest_t *m = manifest_load(path, &err);
    snprintf(expected, sizeof expected, "%s%s", path, what);
    ok(m == NULL, "manifest %s: fails", name);
    is_str(err, expected, name);
    manifest_free(m);
    free(err);
    unlink(path);
}

/* Loads a manifest made of TEXT whose only problem is on LINE: WHAT. */
static void manifest_skips(const char *text, size_t line, const char *what, size_t rows,
                           const char *name)
{
    char path[64], *err = NULL;
    write_temp(path, text);
    manifest_t *m = manifest_load(path, &err);
    ok(m != NULL, "manifest %s: loads", name);
    if (m) {
        const manifest_problem_t *p = manifest_problem(m, 0);
        is_int((long)manifest_problem_count(m), 1, "  one row skipped");
        is_int(p ? (long)p->line : 0, (long)line, "  on its line");
        is_str(p ? p->message : NULL, what, "  with its reason");
        is_int((long)manifest_count(m), (long)rows, "  the other rows kept");
    }
    manifest_free(m);
    free(err);
    unlink(path);
}

static void test_manifest(void)
{
    char path[64], *err = NULL;

    write_temp(path, "# comment\nid\tTitle\tdate\tsource\tnotes\n"
                     "001.txt\tA title\t3 June 2014\tHSJ\tx\n\n002.txt\t\t2014\t \t\r\n");
    manifest_t *m = manifest_load(path, &err);
    ok(m != NULL, "manifest: loads");
    is_str(err, NULL, "manifest: no error");
    manifest_entry_t *e = m ? manifest_find(m, "001.txt") : NULL;
    is_str(e ? e->title : NULL, "A title", "manifest: title");
    is_str(e ? e->date : NULL, "2014-06-03", "manifest: date normalised");
    is_str(e ? e->source : NULL, "HSJ", "manifest: source");
    is_str(e ? e->byline : "x", NULL, "manifest: no byline column");
    is_str(e ? e->id : "x", NULL, "manifest: without a path column the file's path is the id");
    is_int(e ? (long)e->extra_count : 0, 1, "manifest: an unknown column is a field");
    is_str(e && e->extra_count ? e->extra[0].key : NULL, "notes", "  named as its header");
    is_str(e && e->extra_count ? e->extra[0].value : NULL, "x", "  with its cell");
    ok(e && e->used, "manifest: a row found is marked used");
    unsigned long hash = e ? e->row_hash : 0;
    e = m ? manifest_find(m, "002.txt") : NULL;
    is_str(e ? e->path : NULL, "002.txt", "manifest: CRLF row");
    is_str(e ? e->title : "x", NULL, "manifest: empty cell unknown");
    is_str(e ? e->source : "x", NULL, "manifest: blank cell unknown");
    is_str(e ? e->date : NULL, "2014", "manifest: year");
    is_int(e ? (long)e->extra_count : 1, 0, "manifest: an empty cell is no field");
    ok(e && e->row_hash != hash, "manifest: rows hash apart");
    ok(m && manifest_find(m, "003.txt") == NULL, "manifest: unknown id");
    manifest_free(m);
    unlink(path);

    /* A "path" column names the files; "id" is then the article's id. */
    write_temp(path, "id\tcategory\tpath\tAuthor\nbusiness/001\tbusiness\tbbc/b/001.txt\tJo\n");
    m = manifest_load(path, &err);
    e = m ? manifest_find(m, "bbc/b/001.txt") : NULL;
    is_str(e ? e->id : NULL, "business/001", "manifest: with a path column, id is the id");
    is_str(e ? e->byline : NULL, "Jo", "manifest: 'author' is the byline");
    is_str(e && e->extra_count ? e->extra[0].key : NULL, "category", "manifest: extra column");
    manifest_free(m);
    unlink(path);

    /* The same row edited hashes differently: its article is indexed again. */
    write_temp(path, "id\ttitle\na.txt\tOne\n");
    m = manifest_load(path, &err);
    hash = m && manifest_find(m, "a.txt") ? manifest_find(m, "a.txt")->row_hash : 0;
    manifest_free(m);
    unlink(path);
    write_temp(path, "id\ttitle\na.txt\tTwo\n");
    m = manifest_load(path, &err);
    ok(m && manifest_find(m, "a.txt") && manifest_find(m, "a.txt")->row_hash != hash,
       "manifest: an edited row hashes differently");
    manifest_free(m);
    unlink(path);

    /* A bad row is skipped with its line; the others stay. */
    manifest_skips("id\ttitle\tdate\tsource\tbyline\na\tb\t2014\td\te\nx\ty\nz\t\t\t\t\n", 3,
                   "expected 5 cells, got 2", 2, "wrong cell count");
    manifest_skips("id\tdate\n# c\na\t2014\nb\tx\n", 4, "bad date 'x'", 1, "bad date");
    manifest_skips("id\na\nb\na\n", 4, "'a' named again (first on line 2)", 2, "a file twice");
    manifest_skips("id\ttitle\n\tT\nb\tB\n", 2, "empty id", 1, "empty id");
    manifest_skips("id\ttitle\na\t\xff\nb\tB\n", 2, "invalid UTF-8 in column 'title'", 1,
                   "invalid UTF-8");

    /* What makes a manifest unusable as a whole. */
    manifest_fails("title\tdate\nA\t2014\n", ": no 'id' or 'path' column", "missing id column");
    manifest_fails("id\tTitle\ttitle\na\tb\tc\n", " line 1: column 'title' given twice",
                   "a column twice");
    manifest_fails("# nothing\n", ": no header row", "no header");

    m = manifest_load("/nonexistent/manifest.tsv", &err);
    ok(m == NULL, "manifest: missing file fails");
    is_str(err, "/nonexistent/manifest.tsv: No such file or directory", "manifest: missing file");
    free(err);
}

int main(void)
{
    test_seeds();
    test_recurring_counts_once_per_document();
    test_furniture();
    test_front_matter();
    test_cleaning();
    test_structure();
    test_headlines();
    test_recurring_headline();
    test_copies();
    test_manifest();
    return tap_done();
}
