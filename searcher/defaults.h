/* defaults.h: trawl-search's config file as options, and --print-config.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every long option of trawl-search but --help, --version and
 * --print-config is a setting of the config file (config.h) by its name,
 * with the values the option takes ("colour = never", "sort = newest");
 * an option without a value is set with yes or no ("no-pager = yes").
 * The file's settings become arguments ("--sort=newest") that are parsed
 * before the command line's, by the same code, so that the command line
 * wins.  "db" stays apart (TRAWL_DB wins over it) and "pager" has no
 * option (pager.h).
 */
#ifndef TRAWL_DEFAULTS_H
#define TRAWL_DEFAULTS_H

#include <getopt.h>
#include <stdio.h>
#include "config.h"

typedef struct {
    config_setting_t *settings;  /* one per setting */
    size_t count;
    char *path;                  /* the config file, or NULL */
    char **args;                 /* args[0] the program, then "--name=value" */
    int arg_count;
    char **arg_origin;           /* "FILE:LINE" of each of args */
} defaults_t;

/* Reads the config file into D for OPTIONS (as given to getopt_long()).
 * Returns 0, or -1 when memory runs out (reported). */
int defaults_read(defaults_t *d, const struct option *options, const char *program);

/* The value the file gives KEY ("db", "pager"), or NULL; *ORIGIN (if not
 * NULL) gets "FILE:LINE". */
const char *defaults_get(const defaults_t *d, const char *key, const char **origin,
                         char *origin_buf, size_t size);

void defaults_free(defaults_t *d);

/* What --print-config prints: for each of OPTIONS that a config may set,
 * "key = value  (origin)": the VALUE[i] in force for options[i] and its
 * ORIGIN[i] (NULL: the default, printed from the table of defaults). */
void defaults_print(FILE *fp, const struct option *options, const char *const *value,
                    const char *const *origin);

#endif /* TRAWL_DEFAULTS_H */
