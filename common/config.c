/* config.c: reading "key = value" defaults (config.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "msg.h"
#include "options.h"

char *config_path(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    buf_t path = BUF_INIT;

    /* The XDG specification: a relative XDG_CONFIG_HOME is invalid and
     * ignored. */
    if (xdg != NULL && xdg[0] == '/')
        buf_printf(&path, "%s/trawl/config", xdg);
    else if (home != NULL && *home != '\0')
        buf_printf(&path, "%s/.config/trawl/config", home);
    else
        return NULL;
    return path.failed ? NULL : buf_detach(&path);
}

/* S without white space at either end, in place. */
static char *trim(char *s)
{
    size_t n;
    s += strspn(s, " \t");
    n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* Appends the names in LIST (NULL-terminated, or COUNT settings' keys when
 * LIST is NULL) to OUT, separated by ", ". */
static void list_names(buf_t *out, const char *const *list, const config_setting_t *settings,
                       size_t count)
{
    for (size_t i = 0; list ? list[i] != NULL : i < count; i++) {
        if (i)
            buf_puts(out, ", ");
        buf_puts(out, list ? list[i] : settings[i].key);
    }
}

/* Checks VALUE against setting S.  Returns NULL if it is good, else a
 * malloc'ed reason. */
static char *check_value(const config_setting_t *s, const char *value)
{
    buf_t why = BUF_INIT;

    if (*value == '\0') {
        buf_printf(&why, "%s: no value", s->key);
        return buf_detach(&why);
    }
    if (s->choices) {
        for (size_t i = 0; s->choices[i]; i++)
            if (strcmp(value, s->choices[i]) == 0)
                return NULL;
        buf_printf(&why, "%s: '%s' is not one of ", s->key, value);
        list_names(&why, s->choices, NULL, 0);
        return buf_detach(&why);
    }
    if (s->flags & CONFIG_REAL) {
        char *end;
        double v = strtod(value, &end);
        if (end != value && *end == '\0' && v >= 0 && v <= (double)s->max)
            return NULL;
        buf_printf(&why, "%s: '%s' is not a number from 0 to %lu", s->key, value, s->max);
        return buf_detach(&why);
    }
    if (s->max > 0) {
        char *end;
        errno = 0;
        unsigned long v = strtoul(value, &end, 10);
        if (*value >= '0' && *value <= '9' && *end == '\0' && errno == 0 && v <= s->max)
            return NULL;
        buf_printf(&why, "%s: '%s' is not a number from 0 to %lu", s->key, value, s->max);
        return buf_detach(&why);
    }
    return NULL;
}

/* VALUE as setting S takes it, malloc'ed: a path's "~" expanded. */
static char *expand(const config_setting_t *s, const char *value)
{
    const char *home = getenv("HOME");
    if (!(s->flags & CONFIG_PATH) || value[0] != '~' || (value[1] != '/' && value[1] != '\0')
        || home == NULL || *home == '\0')
        return strdup(value);
    buf_t path = BUF_INIT;
    buf_printf(&path, "%s%s", home, value + 1);
    return path.failed ? NULL : buf_detach(&path);
}

/* Handles LINE (NUL-terminated, newline removed), line LINE_NUMBER of
 * PATH.  Returns 0, or -1 when memory runs out. */
static int read_line(const char *path, unsigned long line_number, char *line,
                     config_setting_t *settings, size_t count)
{
    char *eq, *key, *value, *why;
    size_t i;

    line = trim(line);
    if (*line == '\0' || *line == '#')
        return 0;
    if ((eq = strchr(line, '=')) == NULL) {
        warnf("%s:%lu: expected 'key = value'; line ignored", path, line_number);
        return 0;
    }
    *eq = '\0';
    key = trim(line);
    value = trim(eq + 1);
    for (i = 0; i < count && strcmp(key, settings[i].key) != 0; i++)
        continue;
    for (size_t k = 0; i == count && k < count; k++)
        if (options_is_typo(key, strlen(key), settings[k].key)) {
            warnf("%s:%lu: unknown setting '%s'; did you mean %s?  Line ignored", path,
                  line_number, key, settings[k].key);
            return 0;
        }
    if (i == count) {
        buf_t known = BUF_INIT;
        list_names(&known, NULL, settings, count);
        warnf("%s:%lu: unknown setting '%s' (known: %s); line ignored", path, line_number,
              key, known.failed ? "?" : known.data);
        buf_free(&known);
        return 0;
    }
    if ((why = check_value(&settings[i], value)) != NULL) {
        warnf("%s:%lu: %s; line ignored", path, line_number, why);
        free(why);
        return 0;
    }
    free(settings[i].value);
    settings[i].line = line_number;
    if ((settings[i].value = expand(&settings[i], value)) == NULL) {
        errorf("reading '%s': out of memory", path);
        return -1;
    }
    return 0;
}

int config_read(const char *path, config_setting_t *settings, size_t count)
{
    FILE *fp = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    unsigned long line_number = 0;
    int rc = 0;

    if (fp == NULL) {
        if (errno != ENOENT && errno != ENOTDIR)
            warnf("cannot read the config '%s': %s; ignored", path, strerror(errno));
        return 0;
    }
    errno = 0;
    while (rc == 0 && getline(&line, &cap, fp) != -1) {
        line[strcspn(line, "\n")] = '\0';
        rc = read_line(path, ++line_number, line, settings, count);
    }
    if (rc == 0 && ferror(fp))
        warnf("cannot read the config '%s': %s; the rest is ignored", path, strerror(errno));
    free(line);
    fclose(fp);
    return rc;
}

void config_free(config_setting_t *settings, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(settings[i].value);
        settings[i].value = NULL;
        settings[i].line = 0;
    }
}
