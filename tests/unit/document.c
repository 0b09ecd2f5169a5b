/* document.c: tests of the index document of one article (indexer/document.h),
 * read back from an index: every term, its frequency, the values and the
 * stored document, as schema.h lays them out.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "docdata.h"
#include "document.h"
#include "dupsig.h"
#include "schema.h"
#include "tap.h"

static char dir[] = "/tmp/trawl-document-test.XXXXXX";

/* Appends "TERM FREQ\n" for each term of the index. */
static int list_term(void *ctx, const char *term, size_t len, unsigned freq)
{
    buf_printf(ctx, "%.*s %u\n", (int)len, term, freq);
    return 0;
}

/* The terms of DB (one a line, "TERM FREQ") that start with PREFIX. */
static char *terms(xs_db_t *db, const char *prefix)
{
    buf_t out = BUF_INIT;
    if (xs_db_each_term(db, prefix, list_term, &out) != XS_OK)
        buf_puts(&out, "(failed)");
    buf_putc(&out, '\0');
    return buf_detach(&out);
}

static void is_terms(xs_db_t *db, const char *prefix, const char *want, const char *name)
{
    char *got = terms(db, prefix);
    is_str(got, want, name);
    free(got);
}

static void is_value(xs_db_t *db, unsigned docid, unsigned slot, const char *want,
                     const char *name)
{
    char *value = NULL;
    size_t len = 0;
    ok(xs_db_document_value(db, docid, slot, &value, &len) == XS_OK, "%s: read", name);
    is_str(value ? value : "", want, name);
    xs_free(value);
}

static paragraph_t para(const char *text, para_kind_t kind)
{
    paragraph_t p = { (char *)text, strlen(text), kind };
    return p;
}

/* Builds A's document at PLACE and puts it into DB: its docid (0 on failure). */
static unsigned store(const document_tools_t *tools, xs_db_t *db, const article_t *a,
                      const document_place_t *place, int *is_signed)
{
    xs_doc_t *doc = NULL;
    dupsig_t sig;
    buf_t idterm = BUF_INIT;
    unsigned docid = 0;
    int full = 0;

    docdata_id_term(place->id, &idterm);
    if (document_build(tools, a, place, &doc, &full, &sig, is_signed) != XS_OK
        || xs_db_replace_document(db, idterm.data, idterm.len, doc, &docid) != XS_OK)
        docid = 0;
    xs_doc_destroy(doc);
    buf_free(&idterm);
    return docid;
}

/* A short article with every field: each field's terms under its prefix,
 * the stems of the headline twice, the comment's words apart, values and
 * the stored document. */
static void test_short_article(const document_tools_t *tools, xs_db_t *db)
{
    paragraph_t paras[3];
    article_field_t extra[1] = { { "Category", "Health policy", 0, 0 } };
    article_t a = { 0 };
    document_place_t place = { "002_x.txt", "/corpus", "sub/002_x.txt", "sub/002_x.txt",
                               "120 1402000000 3c9a" };
    int is_signed = -1;

    paras[0] = para("Area teams bullied trusts.", PARA_BODY);
    paras[1] = para("CCGs agreed.", PARA_BODY);
    paras[2] = para("Readers disagree.", PARA_COMMENT);
    a.title = "Bullying claims";
    a.date = "2014-06-03";
    a.byline = "Helen Mooney";
    a.source = "Health Service Journal";
    a.url = "https://example.org/a";
    a.paragraphs = paras;
    a.paragraph_count = 3;
    a.extra = extra;
    a.extra_count = 1;

    unsigned docid = store(tools, db, &a, &place, &is_signed);
    ok(docid != 0, "a short article stored");
    is_int(is_signed, 0, "... too short to sign");
    if (!ok(xs_db_commit(db) == XS_OK, "... committed"))
        return;
    /* In byte order: the date's terms, the id, the headline's words
     * under S (their stems under ZS and, counted twice, Z), the comment's
     * under XC and ZXC, the byline and the extra field as words and as
     * stated, the source's words, the body's words unprefixed and their
     * stems under Z (an acronym's plural under its singular's too). */
    is_terms(db, "", "D20140603 1\nM201406 1\nQ002_x.txt 1\nSbullying 1\nSclaims 1\n"
                     "XCdisagree 1\nXCreaders 1\nXFbyline:helen 1\nXFbyline:mooney 1\n"
                     "XFbyline=Helen Mooney 1\nXFcategory:health 1\nXFcategory:policy 1\n"
                     "XFcategory=Health policy 1\nXKbyline 1\nXKcategory 1\n"
                     "XSRChealth 1\nXSRCjournal 1\nXSRCservice 1\nY2014 1\n"
                     "ZSbulli 1\nZSclaim 1\nZXCdisagre 1\nZXCreader 1\n"
                     "ZXSRChealth 1\nZXSRCjournal 1\nZXSRCservic 1\n"
                     "Zagre 1\nZarea 1\nZbulli 1\nZccg 1\nZccgs 1\nZclaim 1\nZteam 1\nZtrust 1\n"
                     "agreed 1\narea 1\nbullied 1\nccgs 1\nteams 1\ntrusts 1\n",
             "every term of the article, under its prefix");
    is_terms(db, DUPSIG_KEY_PREFIX, "", "... no band keys without a signature");
    is_value(db, docid, SLOT_DATE, "20140603", "the date value sorts");
    is_value(db, docid, SLOT_YEAR, "2014", "the year value");
    is_value(db, docid, SLOT_MONTH, "2014-06", "the month value");
    is_value(db, docid, SLOT_ID, "002_x.txt", "the id value");
    is_value(db, docid, SLOT_SOURCE, "Health Service Journal", "the source as stated");
    is_value(db, docid, SLOT_ROOT, "/corpus", "the root");
    is_value(db, docid, SLOT_PATH, "sub/002_x.txt", "the path within it");
    is_value(db, docid, SLOT_SIGNATURE, "120 1402000000 3c9a", "the file's signature");
    is_value(db, docid, SLOT_DUPSIG, "", "no signature value");

    char *data = NULL, *err = NULL;
    size_t len = 0;
    stored_doc_t back;
    ok(xs_db_document_data(db, docid, &data, &len) == XS_OK
       && docdata_decode(data, len, 1, &back, &err) == 0, "the stored document decodes");
    if (data && err == NULL) {
        is_str(back.text, "Area teams bullied trusts.\nCCGs agreed.\nReaders disagree.",
               "... its paragraphs, one a line");
        is_str(back.kinds, "BBC", "... two of the body, then a comment");
        is_str(back.title, "Bullying claims", "... the headline");
        is_str(back.byline, "Helen Mooney", "... the byline");
        is_str(back.url, "https://example.org/a", "... the URL");
        is_str(back.path, "sub/002_x.txt", "... the path shown");
        ok(back.extra_count == 1 && strcmp(back.extra[0].key, "Category") == 0,
           "... the extra field as stated");
        docdata_free(&back);
    }
    xs_free(data);
    free(err);
}

/* A body long enough to sign: the signature value, and no band terms. */
static void test_signed_article(const document_tools_t *tools, xs_db_t *db)
{
    static const char body[] =
        "Clinical commissioning groups in the north of England have written to the "
        "regulator to say that area teams of the national board bullied them into "
        "signing contracts they did not agree with, and that the trusts of the region "
        "were told to find savings that no one had set out before the year began.";
    paragraph_t p = para(body, PARA_BODY);
    article_t a = { 0 };
    document_place_t place = { "long.txt", "/corpus", "long.txt", "long.txt", "1 2 3" };
    int is_signed = -1;
    char *value = NULL;
    size_t len = 0;

    a.paragraphs = &p;
    a.paragraph_count = 1;
    unsigned docid = store(tools, db, &a, &place, &is_signed);
    ok(docid != 0 && xs_db_commit(db) == XS_OK, "a longer article stored");
    is_int(is_signed, 1, "... and signed");
    ok(xs_db_document_value(db, docid, SLOT_DUPSIG, &value, &len) == XS_OK,
       "... its signature read");
    is_int((long)len, DUPSIG_BYTES, "... all of it, the quoting flag last");
    dupsig_t sig;
    ok(value && dupsig_decode(value, len, &sig) == 0 && sig.quoting == 0,
       "... it decodes, not quoting");
    xs_free(value);
    /* Layout 5: the band keys are worked out from the signature when
     * grouping (indexer/groups.h), never stored as terms. */
    is_terms(db, DUPSIG_KEY_PREFIX, "", "... and no band key is a term");
}

int main(void)
{
    char *err = NULL;
    char path[256];
    xs_db_t *db = NULL;
    analyzer_t *analyzer;
    document_tools_t tools = { 0 };

    if (mkdtemp(dir) == NULL) {
        printf("1..0 # SKIP no temporary directory\n");
        return 0;
    }
    snprintf(path, sizeof path, "%s/db", dir);
    analyzer = analyzer_new("english", &err);
    tools.analyzer = analyzer;
    tools.dupsig = analyzer ? dupsig_builder_new(analyzer) : NULL;
    if (!ok(tools.dupsig != NULL && xs_db_open_write(path, 0, &db, &err) == XS_OK,
            "an analyzer, a signer and a new index")) {
        free(err);
        return tap_done();
    }
    test_short_article(&tools, db);
    test_signed_article(&tools, db);
    xs_db_close(db);
    dupsig_builder_free(tools.dupsig);
    analyzer_free(analyzer);
    buf_t cmd = BUF_INIT;
    buf_printf(&cmd, "rm -rf '%s'", dir);
    if (system(cmd.data) != 0)
        printf("# could not remove %s\n", dir);
    buf_free(&cmd);
    return tap_done();
}
