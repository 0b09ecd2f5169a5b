/* fields.c: the article model from fields already apart (JSON Lines, mail).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clean.h"
#include "date.h"
#include "fields.h"

static int add_paragraph(article_t *a, const char *text, size_t len)
{
    paragraph_t *grown = realloc(a->paragraphs, (a->paragraph_count + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    a->paragraphs = grown;
    char *copy = xstrndup(text, len);
    if (copy == NULL)
        return -1;
    grown[a->paragraph_count].text = copy;
    grown[a->paragraph_count].len = len;
    grown[a->paragraph_count].kind = PARA_BODY;
    a->paragraph_count++;
    return 0;
}

int fields_add_paragraphs(article_t *a, const char *text, size_t len)
{
    size_t clean_len;
    char *clean = clean_text(text, len, &clean_len);
    buf_t para = BUF_INIT;
    int rc = 0;

    if (clean == NULL)
        return -1;
    /* Cleaning trimmed every line, so an empty line is a blank one. */
    for (size_t pos = 0; pos <= clean_len && rc == 0;) {
        const char *nl = memchr(clean + pos, '\n', clean_len - pos);
        size_t end = nl ? (size_t)(nl - clean) : clean_len;
        if (end > pos) {
            if (para.len)
                buf_putc(&para, ' ');
            buf_append(&para, clean + pos, end - pos);
        } else if (para.len) {
            rc = para.failed ? -1 : add_paragraph(a, para.data, para.len);
            buf_reset(&para);
        }
        pos = end + 1;
    }
    if (rc == 0 && para.len)
        rc = para.failed ? -1 : add_paragraph(a, para.data, para.len);
    buf_free(&para);
    free(clean);
    return rc;
}

int fields_set(char **field, const char *text, size_t len)
{
    size_t clean_len;
    char *clean = clean_text(text, len, &clean_len);
    if (clean == NULL)
        return -1;
    for (size_t i = 0; i < clean_len; i++)
        if (clean[i] == '\n')
            clean[i] = ' ';
    /* Lines were trimmed; joining them can only leave edge spaces when a
     * line was empty. */
    size_t start = 0, end = clean_len;
    while (start < end && clean[start] == ' ')
        start++;
    while (end > start && clean[end - 1] == ' ')
        end--;
    free(*field);
    *field = NULL;
    if (end > start) {
        memmove(clean, clean + start, end - start);
        clean[end - start] = '\0';
        *field = clean;
    } else
        free(clean);
    return 0;
}

int fields_add_warning(article_t *a, const char *what)
{
    buf_t w = BUF_INIT;
    if (a->warning)
        buf_printf(&w, "%s; ", a->warning);
    buf_puts(&w, what);
    if (w.failed) {
        buf_free(&w);
        return -1;
    }
    free(a->warning);
    a->warning = buf_detach(&w);
    return 0;
}

int fields_set_date(article_t *a, const char *text, size_t len)
{
    char date[DATE_TEXT_SIZE];
    date_t d;

    if (len == 0)
        return 0;
    if (date_parse(text, len, NULL, &d) && date_format(&d, date)) {
        free(a->date);
        a->date = strdup(date);
        return a->date ? 0 : -1;
    }
    buf_t w = BUF_INIT;
    buf_puts(&w, "bad date '");
    /* A NUL or another control in the date would cut or garble the
     * warning: each shows as '?'. */
    for (size_t i = 0; i < len && i < 40; i++)
        buf_putc(&w, (unsigned char)text[i] < 0x20 || text[i] == 0x7f ? '?' : text[i]);
    buf_puts(&w, "' ignored");
    int rc = w.failed ? -1 : fields_add_warning(a, w.data);
    buf_free(&w);
    return rc;
}

int fields_add_extra(article_t *a, const char *key, size_t key_len, const char *value,
                     size_t len)
{
    article_field_t *grown = realloc(a->extra, (a->extra_count + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    a->extra = grown;
    char *k = key_len ? xstrndup(key, key_len) : strdup("_"), *v = NULL;
    if (k == NULL || fields_set(&v, value, len) != 0) {
        free(k);
        return -1;
    }
    for (size_t i = 0; i < key_len; i++) {
        char c = k[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
              || c == '_' || c == '.' || c == '-'))
            k[i] = '_';
    }
    grown[a->extra_count].key = k;
    grown[a->extra_count].value = v ? v : strdup("");
    grown[a->extra_count].list = grown[a->extra_count].structured = 0;
    if (grown[a->extra_count].value == NULL) {
        free(k);
        return -1;
    }
    a->extra_count++;
    return 0;
}

void fields_append_printable(buf_t *out, const char *key, size_t len)
{
    size_t shown = len > 48 ? 48 : len;
    for (size_t i = 0; i < shown; i++)
        buf_putc(out, key[i] >= 0x20 && key[i] < 0x7f ? key[i] : '?');
    if (shown < len)
        buf_puts(out, "...");
}
