/* config.c: tests of the config file reader (common/config.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "msg.h"
#include "tap.h"

static const char *const colors[] = { "auto", "always", "never", NULL };

/* Settings as searcher/defaults.c makes them of trawl-search's options. */
static config_setting_t settings[] = {
    { "db", NULL, 0, NULL, CONFIG_PATH, 0 },
    { "color", colors, 0, NULL, 0, 0 },
    { "limit", NULL, 10000, NULL, 0, 0 },
};
#define SETTING_COUNT (sizeof settings / sizeof settings[0])

static char dir[] = "/tmp/trawl-config-test.XXXXXX";

/* Writes TEXT to DIR/config, reads it into the settings, and returns what
 * was written to stderr (malloc'ed). */
static char *read_text(const char *text)
{
    char path[sizeof dir + 16], errpath[sizeof dir + 16];
    buf_t err = BUF_INIT;
    char chunk[512];
    size_t n;

    snprintf(path, sizeof path, "%s/config", dir);
    snprintf(errpath, sizeof errpath, "%s/stderr", dir);
    FILE *fp = fopen(path, "w");
    fputs(text, fp);
    fclose(fp);

    int saved = dup(STDERR_FILENO);
    fflush(stderr);
    if (freopen(errpath, "w", stderr) == NULL)
        abort();
    config_free(settings, SETTING_COUNT);
    config_read(path, settings, SETTING_COUNT);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);

    fp = fopen(errpath, "r");
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        buf_append(&err, chunk, n);
    fclose(fp);
    buf_putc(&err, '\0');
    return buf_detach(&err);
}

static const struct {
    const char *name, *text;
    const char *db, *color, *limit;   /* expected values (NULL: not set) */
    const char *warnings;             /* expected stderr, DIR as "D" */
} cases[] = {
    { "an empty file sets nothing", "", NULL, NULL, NULL, "" },
    { "every key, spaced as people write them",
      "db = /srv/news.db\ncolor = never\nlimit = 20\n", "/srv/news.db", "never", "20", "" },
    { "no spaces, tabs, CRLF and comments",
      "# defaults\n\tdb=a b.db\r\n  # indented comment\n\ncolor\t=\talways  \n",
      "a b.db", "always", NULL, "" },
    { "a later line wins", "limit = 5\nlimit = 7\n", NULL, NULL, "7", "" },
    { "an '=' in the value is kept", "db = /x=y\n", "/x=y", NULL, NULL, "" },
    { "an unknown key is named, with the known ones",
      "verbose = yes\nlimit = 3\n", NULL, NULL, "3",
      "config: warning: D/config:1: unknown setting 'verbose' (known: db, color, limit); "
      "line ignored\n" },
    { "a mistyped key is named with the nearest",
      "colr = never\nlimti = 3\n", NULL, NULL, NULL,
      "config: warning: D/config:1: unknown setting 'colr'; did you mean color?  "
      "Line ignored\n"
      "config: warning: D/config:2: unknown setting 'limti'; did you mean limit?  "
      "Line ignored\n" },
    { "~/ in a path is $HOME", "db = ~/news/trawl.db\n", "/home/ann/news/trawl.db", NULL,
      NULL, "" },
    { "~ alone is $HOME", "db = ~\n", "/home/ann", NULL, NULL, "" },
    { "~user is left as it is, and ~ only expands in a path",
      "db = ~bob/x\ncolor = ~\n", "~bob/x", NULL, NULL,
      "config: warning: D/config:2: color: '~' is not one of auto, always, never; "
      "line ignored\n" },
    { "a value not among the choices",
      "color = sometimes\n", NULL, NULL, NULL,
      "config: warning: D/config:1: color: 'sometimes' is not one of auto, always, never; "
      "line ignored\n" },
    { "a number out of range, and not a number",
      "limit = 10001\nlimit = ten\nlimit = -1\nlimit = 99999999999999999999999\n",
      NULL, NULL, NULL,
      "config: warning: D/config:1: limit: '10001' is not a number from 0 to 10000; line ignored\n"
      "config: warning: D/config:2: limit: 'ten' is not a number from 0 to 10000; line ignored\n"
      "config: warning: D/config:3: limit: '-1' is not a number from 0 to 10000; line ignored\n"
      "config: warning: D/config:4: limit: '99999999999999999999999' is not a number from 0 "
      "to 10000; line ignored\n" },
    { "a bad value leaves the earlier good one", "limit = 4\nlimit = x\n", NULL, NULL, "4",
      "config: warning: D/config:2: limit: 'x' is not a number from 0 to 10000; "
      "line ignored\n" },
    { "a line without '=' and an empty value",
      "db\ndb =\n", NULL, NULL, NULL,
      "config: warning: D/config:1: expected 'key = value'; line ignored\n"
      "config: warning: D/config:2: db: no value; line ignored\n" },
    { "the last line needs no newline", "limit = 0", NULL, NULL, "0", "" },
};

static void test_cases(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *err = read_text(cases[i].text);
        buf_t expected = BUF_INIT;
        for (const char *p = cases[i].warnings; *p; p++) {
            if (*p == 'D' && p[1] == '/')
                buf_puts(&expected, dir);
            else
                buf_putc(&expected, *p);
        }
        buf_putc(&expected, '\0');
        char name[200];
        snprintf(name, sizeof name, "%s: db", cases[i].name);
        is_str(settings[0].value, cases[i].db, name);
        snprintf(name, sizeof name, "%s: color", cases[i].name);
        is_str(settings[1].value, cases[i].color, name);
        snprintf(name, sizeof name, "%s: limit", cases[i].name);
        is_str(settings[2].value, cases[i].limit, name);
        snprintf(name, sizeof name, "%s: warnings", cases[i].name);
        is_str(err, expected.data, name);
        free(err);
        buf_free(&expected);
    }
}

/* A decimal number (CONFIG_REAL), and the line that set each value. */
static void test_real_and_lines(void)
{
    config_setting_t real[] = { { "k1", NULL, 100, NULL, CONFIG_REAL, 0 },
                                { "b", NULL, 1, NULL, CONFIG_REAL, 0 } };
    char path[sizeof dir + 16];
    snprintf(path, sizeof path, "%s/config", dir);
    FILE *fp = fopen(path, "w");
    fputs("# ranking\nk1 = 1.2\n\nb = 0.75\nb = 1.5\n", fp);
    fclose(fp);
    int saved = dup(STDERR_FILENO);
    if (freopen("/dev/null", "w", stderr) == NULL)
        abort();
    config_read(path, real, 2);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    is_str(real[0].value, "1.2", "a decimal number is taken");
    is_str(real[1].value, "0.75", "one over the maximum is not");
    is_int((long)real[0].line, 2, "the line that set k1 is kept");
    is_int((long)real[1].line, 4, "a refused line does not replace the line that set b");
    config_free(real, 2);
    ok(real[0].line == 0 && real[0].value == NULL, "config_free() forgets the line too");
}

static void test_missing_file(void)
{
    char path[sizeof dir + 32];
    snprintf(path, sizeof path, "%s/none/config", dir);
    config_free(settings, SETTING_COUNT);
    is_int(config_read(path, settings, SETTING_COUNT), 0, "a missing file is no error");
    ok(settings[0].value == NULL, "a missing file sets nothing");
}

static void test_path(void)
{
    char *p;

    setenv("HOME", "/home/ann", 1);
    setenv("XDG_CONFIG_HOME", "/etc/xdg-ann", 1);
    is_str(p = config_path(), "/etc/xdg-ann/trawl/config", "XDG_CONFIG_HOME comes first");
    free(p);
    setenv("XDG_CONFIG_HOME", "relative", 1);
    is_str(p = config_path(), "/home/ann/.config/trawl/config",
           "a relative XDG_CONFIG_HOME is ignored, as the XDG specification says");
    free(p);
    unsetenv("XDG_CONFIG_HOME");
    is_str(p = config_path(), "/home/ann/.config/trawl/config", "else ~/.config");
    free(p);
    unsetenv("HOME");
    ok(config_path() == NULL, "no HOME and no XDG_CONFIG_HOME: no config file");
}

int main(void)
{
    msg_init("config");
    if (mkdtemp(dir) == NULL)
        return 1;
    setenv("HOME", "/home/ann", 1);
    test_cases();
    test_real_and_lines();
    test_missing_file();
    test_path();
    config_free(settings, SETTING_COUNT);
    char path[sizeof dir + 16];
    snprintf(path, sizeof path, "%s/config", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/stderr", dir);
    unlink(path);
    rmdir(dir);
    return tap_done();
}
