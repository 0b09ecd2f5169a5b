/* fuzz-mail.c: libFuzzer target for mail and news messages: the test that
 * tells a message from a page (mail_looks_like) and the parser
 * (mail_parse: headers, MIME, transfer encodings, charsets, HTML).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-article-check.h"
#include "mail.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* libFuzzer's buffer is exactly SIZE bytes, not NUL-terminated, so a
     * read past the message is a finding. */
    const char *text = (const char *)data;
    int looks = mail_looks_like(text, size);
    article_t article;
    char *err = NULL;

    /* The indexer parses only what looks like mail, but the parser must
     * stand anything: it is run on every input. */
    int rc = mail_parse(text, size, &article, &err);
    fuzz_check_parsed(rc, err, &article);
    if (rc == 0) {
        FUZZ_CHECK(article.url == NULL || strncmp(article.url, "mid:", 4) == 0);
        /* A warning names what was skipped; it is printed as it is. */
        FUZZ_CHECK(fuzz_clean_field(article.warning));
        article_free(&article);
    } else {
        /* What looks like mail has a header block. */
        FUZZ_CHECK(!looks || strncmp(err, "not a mail message", 18) != 0);
    }
    free(err);
    return 0;
}
