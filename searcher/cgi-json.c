/* cgi-json.c: trawl.cgi's answers as JSON, the hits written by trawl-search's
 * own JSON writer (output.c), so both give the same bytes for a hit.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "cgi-json.h"
#include "escape.h"
#include "output.h"

/* The keys of a hit: those of trawl-search's JSON Lines, without the
 * server-side path and the metadata of its files. */
static const field_t hit_fields[] = {
    FIELD_RANK, FIELD_ID, FIELD_SCORE, FIELD_ALL_WORDS, FIELD_TITLE, FIELD_TITLE_DERIVED,
    FIELD_SOURCE, FIELD_DATE, FIELD_BYLINE, FIELD_URL, FIELD_CITATION, FIELD_SNIPPETS,
    FIELD_COPIES,
};

static void json_facet(buf_t *out, const char *name, const search_facet_t *facet)
{
    buf_printf(out, "\"%s\":[", name);
    for (size_t i = 0; i < facet->count; i++) {
        buf_puts(out, i ? ",{\"value\":" : "{\"value\":");
        esc_json_value(out, facet->values[i].value);
        buf_printf(out, ",\"count\":%u}", facet->values[i].count);
    }
    buf_putc(out, ']');
}

void cgi_json_results(buf_t *out, const cgi_request_t *req, const cgi_results_t *res)
{
    const search_result_t *r = res->result;
    output_query_t q = { "1", req->q, 0, 0, 0 };
    buf_t scratch = BUF_INIT;

    buf_puts(out, "{\"query\":");
    esc_json_value(out, req->q);
    buf_puts(out, ",\"filters\":{\"source\":");
    esc_json_value(out, req->source);
    buf_puts(out, ",\"from\":");
    esc_json_value(out, req->from);
    buf_puts(out, ",\"to\":");
    esc_json_value(out, req->to);
    buf_printf(out, "},\"sort\":\"%s\",\"page\":%u,\"hits_per_page\":%u,\"last_page\":%u,"
                    "\"matches\":%u,\"all_words\":%u,\"words\":%u,\"seconds\":%.6f,"
                    "\"did_you_mean\":",
               search_sort_name(req->sort), req->page, req->hits_per_page, res->last_page,
               r->matches, r->all_words, r->group_count, res->seconds);
    esc_json_value(out, res->suggestion);
    output_json_stories(out, r);
    buf_puts(out, ",\"facets\":{");
    json_facet(out, "source", res->sources);
    buf_putc(out, ',');
    json_facet(out, "year", res->years);
    buf_puts(out, ",\"fields\":{");
    for (size_t i = 0; i < res->field_count; i++) {
        if (i)
            buf_putc(out, ',');
        json_facet(out, res->field_names[i], &res->fields[i]);
    }
    buf_puts(out, "}},\"hits\":[");
    for (size_t i = 0; i < r->hit_count; i++) {
        if (i)
            buf_putc(out, ',');
        output_json_hit(out, hit_fields, sizeof hit_fields / sizeof *hit_fields, &q,
                        &r->hits[i], &scratch);
    }
    buf_puts(out, "]}\n");
    if (scratch.failed)
        out->failed = 1;
    buf_free(&scratch);
}

void cgi_json_error(buf_t *out, int status, const char *message)
{
    buf_puts(out, "{\"error\":");
    esc_json_value(out, message);
    buf_printf(out, ",\"status\":%d}\n", status);
}
