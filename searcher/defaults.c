/* defaults.c: the config file's settings as options (defaults.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dbpath.h"
#include "defaults.h"
#include "msg.h"
#include "search.h"
#include "snippet.h"

static const char *const formats[] = { "text", "json", "tsv", "csv", "trec", "kwic", "kwic-tsv",
                                       "kwic-csv", NULL };
static const char *const kwic_sorts[] = { "left", "right", "none", NULL };
static const char *const colors[] = { "auto", "always", "never", NULL };
static const char *const sorts[] = { "relevance", "newest", "oldest", "-date", "date", NULL };
static const char *const duplicates[] = { "collapse", "keep", NULL };
static const char *const cites[] = { "text", "bibtex", "ris", "csl-json", NULL };
static const char *const flags[] = { "yes", "no", "true", "false", "on", "off", "1", "0",
                                     NULL };

#define STR(x) #x
#define XSTR(x) STR(x)

/* What a setting takes, and its default as --print-config shows it.  An
 * option not named here takes any text (or, without a value, a flag). */
static const struct {
    const char *name;
    const char *const *choices;
    unsigned long max;
    unsigned flags;
    const char *shown_default;
} kinds[] = {
    { "accessed", NULL, 0, 0, "today" },
    { "b", NULL, 1, CONFIG_REAL, XSTR(SEARCH_DEFAULT_B) },
    { "batch", NULL, 0, CONFIG_PATH, "none" },
    { "cite", cites, 0, 0, "none" },
    { "color", colors, 0, 0, "auto" },
    { "colour", colors, 0, 0, "auto" },
    { "count-by", NULL, 0, 0, "none" },
    { "db", NULL, 0, CONFIG_PATH, DBPATH_DEFAULT },
    { "duplicates", duplicates, 0, 0, "collapse; keep with --format trec" },
    { "feedback", NULL, 0, 0, "for queries of " XSTR(SEARCH_FEEDBACK_MIN_WORDS) " words or more" },
    { "fields", NULL, 0, 0, "as the format has them" },
    { "format", formats, 0, 0, "text" },
    { "k1", NULL, 100, CONFIG_REAL, XSTR(SEARCH_DEFAULT_K1) },
    { "kwic-width", NULL, 1000, 0, "what fits the terminal" },
    { "kwic-sort", kwic_sorts, 0, 0, "none" },
    { "limit", NULL, 10000, 0, "10" },
    { "manifest", NULL, 0, CONFIG_PATH, "none" },
    { "offset", NULL, INT_MAX, 0, "0" },
    { "run-tag", NULL, 0, 0, "trawl" },
    { "show", NULL, 0, 0, "none" },
    { "snippet-chars", NULL, 100000, 0, XSTR(SNIPPET_DEFAULT_CHARS) },
    { "sort", sorts, 0, 0, "relevance" },
    { "pager", NULL, 0, 0, "$PAGER, else less -FRX" },
};
#define KIND_COUNT (sizeof kinds / sizeof kinds[0])

/* Options that are actions on the command line, not defaults. */
static int settable(const char *name)
{
    return strcmp(name, "help") != 0 && strcmp(name, "version") != 0
           && strcmp(name, "print-config") != 0;
}

static size_t kind_of(const char *name)
{
    size_t k = 0;
    while (k < KIND_COUNT && strcmp(kinds[k].name, name) != 0)
        k++;
    return k;
}

static int is_yes(const char *value)
{
    return strcmp(value, "yes") == 0 || strcmp(value, "true") == 0 || strcmp(value, "on") == 0
           || strcmp(value, "1") == 0;
}

int defaults_read(defaults_t *d, const struct option *options, const char *program)
{
    size_t n = 1;  /* "pager" */
    memset(d, 0, sizeof *d);
    for (const struct option *o = options; o->name; o++)
        n += settable(o->name);
    d->settings = calloc(n, sizeof *d->settings);
    d->args = calloc(n + 1, sizeof *d->args);
    d->arg_origin = calloc(n + 1, sizeof *d->arg_origin);
    if (d->settings == NULL || d->args == NULL || d->arg_origin == NULL)
        goto no_memory;
    for (const struct option *o = options; o->name; o++) {
        if (!settable(o->name))
            continue;
        size_t k = kind_of(o->name);
        config_setting_t *s = &d->settings[d->count++];
        s->key = o->name;
        if (o->has_arg == no_argument)
            s->choices = flags;
        else if (k < KIND_COUNT) {
            s->choices = kinds[k].choices;
            s->max = kinds[k].max;
            s->flags = kinds[k].flags;
        }
    }
    d->settings[d->count++].key = "pager";
    d->args[d->arg_count++] = (char *)program;
    d->path = config_path();
    if (d->path && config_read(d->path, d->settings, d->count) != 0)
        return -1;
    /* In the order of OPTIONS, each set once (a later line wins in the file). */
    for (size_t i = 0; i < d->count; i++) {
        const config_setting_t *s = &d->settings[i];
        const struct option *o = options;
        while (o->name && strcmp(o->name, s->key) != 0)
            o++;
        if (s->value == NULL || o->name == NULL || strcmp(s->key, "db") == 0
            || (o->has_arg == no_argument && !is_yes(s->value)))
            continue;
        buf_t arg = BUF_INIT, origin = BUF_INIT;
        buf_printf(&arg, "--%s", s->key);
        if (o->has_arg != no_argument)
            buf_printf(&arg, "=%s", s->value);
        buf_printf(&origin, "%s:%lu", d->path, s->line);
        if (arg.failed || origin.failed) {
            buf_free(&arg);
            buf_free(&origin);
            goto no_memory;
        }
        d->arg_origin[d->arg_count] = buf_detach(&origin);
        d->args[d->arg_count++] = buf_detach(&arg);
    }
    return 0;
no_memory:
    errorf("reading the config: out of memory");
    return -1;
}

const char *defaults_get(const defaults_t *d, const char *key, const char **origin,
                         char *origin_buf, size_t size)
{
    for (size_t i = 0; i < d->count; i++)
        if (strcmp(d->settings[i].key, key) == 0 && d->settings[i].value) {
            if (origin) {
                snprintf(origin_buf, size, "%s:%lu", d->path, d->settings[i].line);
                *origin = origin_buf;
            }
            return d->settings[i].value;
        }
    return NULL;
}

void defaults_free(defaults_t *d)
{
    if (d->settings)
        config_free(d->settings, d->count);
    for (int i = 1; d->args && i < d->arg_count; i++) {
        free(d->args[i]);
        free(d->arg_origin[i]);
    }
    free(d->settings);
    free(d->args);
    free(d->arg_origin);
    free(d->path);
    memset(d, 0, sizeof *d);
}

void defaults_print(FILE *fp, const struct option *options, const char *const *value,
                    const char *const *origin)
{
    for (size_t i = 0; options[i].name; i++) {
        const char *name = options[i].name;
        if (!settable(name) || strcmp(name, "colour") == 0)
            continue;
        size_t k = kind_of(name);
        const char *v = value[i];
        if (v == NULL)
            v = k < KIND_COUNT ? kinds[k].shown_default
                : options[i].has_arg == no_argument ? "no" : "none";
        fprintf(fp, "%s = %s  (%s)\n", name, v, origin[i] ? origin[i] : "default");
    }
}
