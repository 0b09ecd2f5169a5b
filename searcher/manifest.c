/* manifest.c: the reproducibility record of a run (--manifest, --json-header).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "manifest.h"
#include "schema.h"

static void json_text(buf_t *out, const char *s)
{
    buf_putc(out, '"');
    esc_json(out, s, strlen(s));
    buf_putc(out, '"');
}

char *manifest_json(searcher_t *s, const char *db_path, int argc, char **argv,
                    char **errmsg)
{
    search_info_t info;
    search_ranking_t ranking;
    buf_t out = BUF_INIT;

    *errmsg = NULL;
    if (searcher_info(s, &info) != SEARCH_OK) {
        *errmsg = strdup(searcher_last_error(s));
        return NULL;
    }
    searcher_ranking(s, &ranking);
    static const char *const modes[] = {
        [QUERY_DEFAULT] = "articles with every word first, then those with some",
        [QUERY_ALL] = "only articles with every word",
        [QUERY_ANY] = "any word, by score alone",
    };
    buf_puts(&out, "{\"trawl_version\":");
    json_text(&out, TRAWL_VERSION);
    buf_puts(&out, ",\"xapian_version\":");
    json_text(&out, search_xapian_version());
    buf_puts(&out, ",\"index\":{\"path\":");
    json_text(&out, db_path);
    buf_puts(&out, ",\"uuid\":");
    json_text(&out, info.uuid);
    buf_printf(&out, ",\"revision\":%lu,\"documents\":%u,\"schema\":", info.revision,
               info.documents);
    json_text(&out, SCHEMA_VERSION);
    buf_puts(&out, "},\"analyzer\":{\"language\":");
    json_text(&out, info.language);
    buf_puts(&out, ",\"stopwords\":\"English list (text/stopwords.c), left out of "
                   "plain-word queries that have other words\"");
    buf_puts(&out, "},\"ranking\":{\"model\":\"BM25\",\"mode\":");
    json_text(&out, modes[ranking.mode]);
    static const char *const feedback[] = { "off", "auto", "on" };
    buf_printf(&out, ",\"k1\":%g,\"k2\":%g,\"k3\":%g,\"b\":%g,\"min_normlen\":%g,"
               "\"feedback\":\"%s\",\"feedback_min_words\":%d",
               ranking.k1, ranking.k2, ranking.k3, ranking.b, ranking.min_normlen,
               feedback[ranking.feedback], SEARCH_FEEDBACK_MIN_WORDS);
    buf_printf(&out, ",\"title_weight\":%g,\"comment_weight\":%g",
               QUERY_TITLE_WEIGHT, QUERY_COMMENT_WEIGHT);
    buf_puts(&out, ",\"ties\":\"article id, descending\"}");
    buf_puts(&out, ",\"command_line\":[");
    for (int i = 0; i < argc; i++) {
        if (i)
            buf_putc(&out, ',');
        json_text(&out, argv[i]);
    }
    buf_puts(&out, "]}");
    if (out.failed) {
        buf_free(&out);
        *errmsg = strdup("out of memory");
        return NULL;
    }
    return buf_detach(&out);
}
