/* pager.c: the results through a pager, wrapped to the terminal (pager.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pager.h"
#include "wrap.h"

#define DEFAULT_PAGER "less -FRX"

/* Whether COMMAND names no pager. */
static int is_none(const char *command)
{
    command += strspn(command, " \t");
    return *command == '\0' || strcmp(command, "cat") == 0 || strcmp(command, "none") == 0;
}

/* Whether PROGRAM is an executable on $PATH. */
static int on_path(const char *program)
{
    const char *path = getenv("PATH");
    char file[4096];
    for (const char *dir = path ? path : "/usr/bin:/bin"; *dir;) {
        size_t n = strcspn(dir, ":");
        if (snprintf(file, sizeof file, "%.*s/%s", (int)n, n ? dir : ".", program)
                < (int)sizeof file
            && access(file, X_OK) == 0)
            return 1;
        dir += n + (dir[n] == ':');
    }
    return 0;
}

const char *pager_command(const char *configured)
{
    const char *env = getenv("TRAWL_PAGER");
    if (env == NULL)
        env = configured;
    if (env == NULL)
        env = getenv("PAGER");
    if (env != NULL)
        return is_none(env) ? NULL : env;
    /* No pager named and no less: results as they are, not "sh: less:
     * not found". */
    return on_path("less") ? DEFAULT_PAGER : NULL;
}

void pager_start(pager_t *p, const char *command, int wrap)
{
    int tty = isatty(STDOUT_FILENO);
    *p = (pager_t){ stdout, NULL, NULL };
    if (!tty)
        return;
    unsigned width = wrap_terminal_width(STDOUT_FILENO);
    if (command) {
        /* less with no options of its own would show colour as escapes. */
        setenv("LESS", "FRX", 0);
        fflush(stdout);
        p->pager = popen(command, "w");
        if (p->pager)
            p->out = p->pager;
    }
    if (wrap && (p->wrap = wrap_open(p->out, width)) != NULL)
        p->out = p->wrap;
}

int pager_finish(pager_t *p)
{
    int rc = 0;
    if (p->wrap && fclose(p->wrap) != 0)
        rc = -1;
    if (p->pager) {
        if (fflush(p->pager) != 0 || ferror(p->pager))
            rc = -1;
        pclose(p->pager);
    } else if (fflush(stdout) != 0 || ferror(stdout))
        rc = -1;
    *p = (pager_t){ stdout, NULL, NULL };
    return rc;
}
