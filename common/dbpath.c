/* dbpath.c: --db, then TRAWL_DB, then the default.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>

#include "dbpath.h"

const char *dbpath_resolve(const char *option)
{
    const char *env;
    if (option != NULL)
        return option;
    env = getenv("TRAWL_DB");
    if (env != NULL && *env != '\0')
        return env;
    return DBPATH_DEFAULT;
}
