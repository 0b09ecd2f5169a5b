/* document.c: the index document of one article.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "docdata.h"
#include "document.h"
#include "schema.h"

/* The terms of one run of text, as the analyzer hands its tokens over. */
typedef struct {
    xs_doc_t *doc;
    const char *word_prefix;   /* "" for body, PREFIX_TITLE, PREFIX_COMMENT */
    unsigned body_stem_wdf;    /* headline words: TITLE_STEM_WDF, else 0 */
    unsigned position;         /* running position across the whole article */
    int with_positions;
    int words_only;            /* metadata fields: no stemmed forms */
    spelling_batch_t *spelling;   /* count words for the spelling data, or NULL */
    int spelling_full;         /* the batch asks to be flushed */
    dupsig_builder_t *dupsig;  /* body words: fed to the signature, or NULL */
    buf_t term;
    xs_status_t status;
} term_sink_t;

/* The stem terms of one token: Z<prefix><stem>, and for a field whose
 * stems count in the text's, Z<stem> with that wdf. */
static void add_stem(term_sink_t *sink, const char *stem, size_t len)
{
    buf_reset(&sink->term);
    buf_puts(&sink->term, PREFIX_STEM);
    buf_puts(&sink->term, sink->word_prefix);
    buf_append(&sink->term, stem, len);
    sink->status = xs_doc_add_term(sink->doc, sink->term.data, sink->term.len, 1);
    if (sink->status == XS_OK && sink->body_stem_wdf) {
        buf_reset(&sink->term);
        buf_puts(&sink->term, PREFIX_STEM);
        buf_append(&sink->term, stem, len);
        sink->status = xs_doc_add_term(sink->doc, sink->term.data, sink->term.len,
                                       sink->body_stem_wdf);
    }
}

static int add_token(void *ctx, const token_t *tok)
{
    term_sink_t *sink = ctx;
    buf_reset(&sink->term);
    buf_puts(&sink->term, sink->word_prefix);
    buf_append(&sink->term, tok->word, tok->word_len);
    if (sink->with_positions)
        sink->status = xs_doc_add_posting(sink->doc, sink->term.data, sink->term.len,
                                          ++sink->position, 1);
    else
        sink->status = xs_doc_add_term(sink->doc, sink->term.data, sink->term.len, 1);
    if (sink->status != XS_OK)
        return 1;
    if (sink->words_only)
        return sink->term.failed;
    if (sink->dupsig)
        dupsig_builder_add_word(sink->dupsig, tok->word, tok->word_len);
    /* Spelling data ("did you mean") from story words only; numbers are
     * never misspelled. */
    if (sink->spelling && !(tok->word[0] >= '0' && tok->word[0] <= '9')) {
        int added = spelling_batch_add(sink->spelling, tok->word, tok->word_len);
        if (added < 0) {
            sink->status = XS_NO_MEMORY;
            return 1;
        }
        sink->spelling_full |= added;
    }
    add_stem(sink, tok->stem, tok->stem_len);
    /* An acronym's plural ("CCGs") has its singular's stem too (analyzer.h). */
    if (tok->alt_stem && sink->status == XS_OK)
        add_stem(sink, tok->alt_stem, tok->alt_stem_len);
    return sink->status != XS_OK || sink->term.failed;
}

/* Indexes TEXT as words with prefix PREFIX (and their stems).  A gap in the
 * positions keeps a phrase from matching across paragraphs. */
static int index_text(analyzer_t *analyzer, term_sink_t *sink, const char *prefix,
                      const char *text, size_t len)
{
    sink->word_prefix = prefix;
    sink->body_stem_wdf = strcmp(prefix, PREFIX_TITLE) == 0 ? TITLE_STEM_WDF : 0;
    if (analyzer_tokenize(analyzer, text, len, add_token, sink) != 0)
        return -1;
    sink->position += 1;
    return 0;
}

static int add_boolean(xs_doc_t *doc, const char *prefix, const char *value, size_t len)
{
    buf_t term = BUF_INIT;
    buf_puts(&term, prefix);
    buf_append(&term, value, len);
    int rc = term.failed ? -1 : xs_doc_add_term(doc, term.data, term.len, 0) == XS_OK ? 0 : -1;
    buf_free(&term);
    return rc;
}

/* Date terms and the sortable value: "2014-06-03" gives Y2014, M201406,
 * D20140603 and the value "20140603"; a partial date pads with zeros so it
 * still sorts ("2014-06" is "20140600"). */
static int add_date(xs_doc_t *doc, const char *date)
{
    char digits[DATE_SLOT_SIZE];
    date_t d;
    date_precision_t known = date_parse_iso(date, strlen(date), &d);
    if (known == DATE_NONE || date_to_slot(&d, digits) == DATE_NONE)
        return 0;
    size_t n = known == DATE_DAY ? 8 : known == DATE_MONTH ? 6 : 4;
    char month[8] = { digits[0], digits[1], digits[2], digits[3], '-', digits[4], digits[5], 0 };
    if (xs_doc_set_value(doc, SLOT_DATE, digits, 8) != XS_OK
        || xs_doc_set_value(doc, SLOT_YEAR, digits, 4) != XS_OK
        || (n >= 6 && xs_doc_set_value(doc, SLOT_MONTH, month, 7) != XS_OK)
        || add_boolean(doc, PREFIX_YEAR, digits, 4) != 0
        || (n >= 6 && add_boolean(doc, PREFIX_MONTH, digits, 6) != 0)
        || (n >= 8 && add_boolean(doc, PREFIX_DATE, digits, 8) != 0))
        return -1;
    return 0;
}

/* Metadata field KEY (the byline, an extra field) = VALUE: its words
 * under XF<key>: with positions (KEY:words and KEY:"a phrase" search
 * them), the value as stated under XF<key>= (KEY=value matches it and
 * --count-by KEY counts it), and XK<key>, which tells the searcher the
 * field exists.  A name longer than FIELD_NAME_MAX is not searchable. */
static int index_field(analyzer_t *analyzer, term_sink_t *sink, const char *key,
                       const char *value)
{
    size_t key_len = strlen(key), value_len = strlen(value);
    char name[FIELD_NAME_MAX + 1];
    buf_t term = BUF_INIT;
    int rc;

    if (key_len == 0 || key_len > FIELD_NAME_MAX || value_len == 0)
        return 0;
    for (size_t i = 0; i <= key_len; i++)
        name[i] = key[i] >= 'A' && key[i] <= 'Z' ? (char)(key[i] - 'A' + 'a') : key[i];
    rc = add_boolean(sink->doc, PREFIX_FIELD_NAME, name, key_len);
    buf_printf(&term, "%s%s%c", PREFIX_FIELD, name, FIELD_VALUE_MARK);
    if (rc == 0 && term.len + value_len <= MAX_TERM_BYTES)
        rc = add_boolean(sink->doc, term.data, value, value_len);
    term.data[term.len - 1] = FIELD_WORD_MARK;
    sink->words_only = 1;
    if (rc == 0 && (term.failed || index_text(analyzer, sink, term.data, value, value_len) != 0))
        rc = -1;
    sink->words_only = 0;
    buf_free(&term);
    return rc;
}

static int set_value(xs_doc_t *doc, unsigned slot, const char *s)
{
    return xs_doc_set_value(doc, slot, s, strlen(s)) == XS_OK ? 0 : -1;
}

/* The stored document of A at PLACE into DATA (docdata.h): its metadata
 * and its paragraphs, one letter a paragraph saying body or comment.
 * Returns 0 or -1 (out of memory). */
static int encode_stored(const article_t *a, const document_place_t *place, buf_t *data)
{
    stored_doc_t stored = { 0 };
    buf_t text = BUF_INIT, kinds = BUF_INIT;
    docdata_field_t *extra = NULL;   /* borrows the article's strings */
    int rc = -1;

    for (size_t i = 0; i < a->paragraph_count; i++) {
        if (i)
            buf_putc(&text, '\n');
        buf_append(&text, a->paragraphs[i].text, a->paragraphs[i].len);
        buf_putc(&kinds, (char)a->paragraphs[i].kind);
    }
    stored.id = (char *)place->id;
    stored.title = a->title;
    stored.title_derived = a->title_derived;
    stored.date = a->date;
    stored.source = a->source;
    stored.byline = a->byline;
    stored.url = a->url;
    stored.path = (char *)place->shown_path;
    stored.kinds = kinds.data ? kinds.data : "";
    stored.text = text.data ? text.data : "";
    stored.text_len = text.len;
    if (a->extra_count && (extra = calloc(a->extra_count, sizeof *extra)) == NULL)
        goto done;
    for (size_t i = 0; i < a->extra_count; i++) {
        extra[i].key = a->extra[i].key;
        extra[i].value = a->extra[i].value;
        extra[i].list = a->extra[i].list;
    }
    stored.extra = extra;
    stored.extra_count = a->extra_count;
    if (!text.failed && !kinds.failed && docdata_encode(&stored, data) == 0)
        rc = 0;
done:
    free(extra);
    buf_free(&text);
    buf_free(&kinds);
    return rc;
}

/* Stores the signature SIG in DOC (its band keys are worked out from it
 * when needed: groups.h). */
static int add_signature(xs_doc_t *doc, const dupsig_t *sig)
{
    unsigned char bytes[DUPSIG_BYTES];
    dupsig_encode(sig, bytes);
    return xs_doc_set_value(doc, SLOT_DUPSIG, (const char *)bytes, sizeof bytes) == XS_OK ? 0 : -1;
}

xs_status_t document_set_group(xs_doc_t *doc, const char *group)
{
    buf_t term = BUF_INIT;
    docdata_id_term_with(PREFIX_GROUP, group, &term);
    xs_status_t st = term.failed ? XS_NO_MEMORY
                     : xs_doc_set_value(doc, SLOT_GROUP, group, strlen(group));
    if (st == XS_OK)
        st = xs_doc_add_term(doc, term.data, term.len, 0);
    buf_free(&term);
    return st;
}

xs_status_t document_build(const document_tools_t *tools, const article_t *a,
                           const document_place_t *place, xs_doc_t **out, int *full,
                           dupsig_t *sig, int *is_signed)
{
    analyzer_t *analyzer = tools->analyzer;
    spelling_batch_t *spelling = tools->spelling;
    xs_doc_t *doc = NULL;
    term_sink_t sink = { 0 };
    buf_t data = BUF_INIT, idterm = BUF_INIT;
    xs_status_t st = XS_NO_MEMORY;

    *out = NULL;
    if ((st = xs_doc_new(&doc)) != XS_OK)
        return st;
    st = XS_NO_MEMORY;
    sink.doc = doc;
    sink.with_positions = 1;
    docdata_id_term(place->id, &idterm);
    if (idterm.failed || xs_doc_add_term(doc, idterm.data, idterm.len, 0) != XS_OK)
        goto done;
    sink.spelling = spelling;
    if (a->title && index_text(analyzer, &sink, PREFIX_TITLE, a->title, strlen(a->title)) != 0)
        goto done;
    dupsig_builder_reset(tools->dupsig);
    for (size_t i = 0; i < a->paragraph_count; i++) {
        const paragraph_t *p = &a->paragraphs[i];
        sink.spelling = p->kind == PARA_COMMENT ? NULL : spelling;
        /* The body alone is signed: not the headline, not the comments. */
        sink.dupsig = p->kind == PARA_COMMENT ? NULL : tools->dupsig;
        if (sink.dupsig)
            dupsig_builder_see_quotes(sink.dupsig, p->text, p->len);
        if (index_text(analyzer, &sink, p->kind == PARA_COMMENT ? PREFIX_COMMENT : "",
                       p->text, p->len) != 0)
            goto done;
    }
    sink.dupsig = NULL;
    *is_signed = dupsig_builder_finish(tools->dupsig, sig);
    if (*is_signed && add_signature(doc, sig) != 0)
        goto done;
    if (a->source) {
        sink.with_positions = 0;
        sink.spelling = NULL;
        if (index_text(analyzer, &sink, PREFIX_SOURCE, a->source, strlen(a->source)) != 0)
            goto done;
    }
    sink.with_positions = 1;
    sink.spelling = NULL;
    if (a->byline && index_field(analyzer, &sink, BYLINE_FIELD, a->byline) != 0)
        goto done;
    for (size_t i = 0; i < a->extra_count; i++)
        if (!a->extra[i].structured
            && index_field(analyzer, &sink, a->extra[i].key, a->extra[i].value) != 0)
            goto done;
    if (sink.status != XS_OK || (a->date && add_date(doc, a->date) != 0))
        goto done;
    if (encode_stored(a, place, &data) != 0
        || xs_doc_set_data(doc, data.data, data.len) != XS_OK
        || set_value(doc, SLOT_SIGNATURE, place->signature) != 0
        || set_value(doc, SLOT_ROOT, place->root) != 0
        || set_value(doc, SLOT_PATH, place->relpath) != 0
        || set_value(doc, SLOT_ID, place->id) != 0
        || (a->source && set_value(doc, SLOT_SOURCE, a->source) != 0))
        goto done;
    if (spelling)
        spelling_batch_document(spelling);
    *full = sink.spelling_full;
    *out = doc;
    doc = NULL;
    st = XS_OK;
done:
    xs_doc_destroy(doc);
    buf_free(&sink.term);
    buf_free(&data);
    buf_free(&idterm);
    return st;
}
