/* dbpath.h: where the index is, for both programs.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_DBPATH_H
#define TRAWL_DBPATH_H

/* The index used when neither --db nor TRAWL_DB says otherwise: a directory
 * in the current directory, like make's Makefile or git's .git. */
#define DBPATH_DEFAULT "trawl.db"

/* The index path: OPTION (from --db) if not NULL, else $TRAWL_DB if set and
 * not empty, else DBPATH_DEFAULT.  Static or borrowed: do not free. */
const char *dbpath_resolve(const char *option);

#endif /* TRAWL_DBPATH_H */
