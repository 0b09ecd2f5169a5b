/* config.h: a program's defaults from a "key = value" file.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * trawl-search reads $XDG_CONFIG_HOME/trawl/config (else
 * ~/.config/trawl/config), as the XDG Base Directory specification says:
 *
 *     # my defaults
 *     db = /srv/news/trawl.db
 *     limit = 20
 *
 * One setting a line, white space around key and value ignored, '#' starts
 * a comment line; a later line wins.  A path may start with "~/".  A line that is not a known
 * "key = value" with a good value is reported as a warning naming the file
 * and line, and ignored: a typo costs a setting, never the search.
 */
#ifndef TRAWL_CONFIG_H
#define TRAWL_CONFIG_H

#include <stddef.h>

typedef struct {
    const char *key;                 /* "limit" */
    const char *const *choices;      /* the values allowed, NULL-terminated;
                                        NULL: see max */
    unsigned long max;               /* choices NULL: a number from 0 to max,
                                        or, when max is 0, any text */
    char *value;                     /* out: the value read (malloc'ed), or
                                        NULL when the file does not set it */
    unsigned flags;                  /* CONFIG_PATH, CONFIG_REAL */
    unsigned long line;              /* out: the line that set value, or 0 */
} config_setting_t;

/* A path: a leading "~" or "~/" is $HOME, as a shell would expand it. */
#define CONFIG_PATH 1u
/* choices NULL: a decimal number (1.2) from 0 to max, not only a whole one. */
#define CONFIG_REAL 2u

/* The config file of trawl: $XDG_CONFIG_HOME/trawl/config when
 * XDG_CONFIG_HOME is set to an absolute path, else
 * $HOME/.config/trawl/config, else NULL (no HOME either).  Free with
 * free(). */
char *config_path(void);

/* Reads the file PATH into the COUNT SETTINGS (values from an earlier call
 * are replaced).  A missing file is no error.  Bad lines and a file that
 * cannot be read are reported with warnf() and skipped.  Returns 0, or -1
 * when memory runs out (reported). */
int config_read(const char *path, config_setting_t *settings, size_t count);

/* Frees the values of the COUNT SETTINGS and sets them to NULL. */
void config_free(config_setting_t *settings, size_t count);

#endif /* TRAWL_CONFIG_H */
