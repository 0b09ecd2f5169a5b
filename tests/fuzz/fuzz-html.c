/* fuzz-html.c: libFuzzer target for the HTML reader: the test that tells
 * a page from other text (html_looks_like) and the extractor (html_parse:
 * charset, libxml2's parser, the walk, metadata, the story's blocks).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Input: a selector byte, then the page.  The selector picks the
 * Content-Type and URL passed with it (none, a charset the page may
 * contradict, a bogus charset, UTF-16), as a WARC record or a file gives.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-article-check.h"
#include "html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const types[] = {
        NULL, "text/html; charset=utf-8", "text/html; charset=windows-1252",
        "text/html; charset=\"x-bogus\"", "text/html; charset=utf-16le", "text/html;charset=",
        "text/html; charset=shift_jis", "text/html; charset=gb2312",
    };
    static const char *const urls[] = {
        NULL, "http://example.com/2019/10/16/story.html", "https://[::1]:8080/a?b#c",
        "not a url", "http:///2020/13/45/", "127.0.0.1:8080/archive/2021/02/page.html",
    };
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    /* libFuzzer's buffer is exactly SIZE bytes, not NUL-terminated, so a
     * read past the page is a finding. */
    const char *page = (const char *)data + 1;
    size_t len = size - 1;
    html_source_t source = { types[sel % 8], urls[sel / 8 % 6], sel & 0x80 ? urls[5] : NULL };
    article_t article;
    char *err = NULL;

    (void)html_looks_like(page, len);
    int rc = html_parse(page, len, &source, &article, &err);
    fuzz_check_parsed(rc, err, &article);
    if (rc == 0) {
        /* Comments come after the story, never among it. */
        for (size_t i = 1; i < article.paragraph_count; i++)
            FUZZ_CHECK(article.paragraphs[i - 1].kind != PARA_COMMENT
                       || article.paragraphs[i].kind == PARA_COMMENT);
        FUZZ_CHECK(fuzz_clean_field(article.warning));
        article_free(&article);
    } else {
        FUZZ_CHECK(strcmp(err, "no article text") == 0 || strcmp(err, "not HTML") == 0
                   || strcmp(err, "out of memory") == 0);
    }
    free(err);
    return 0;
}
