/* known.h: what the index holds of the corpus files, for incremental runs.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every document keeps in value slots (schema.h) the root it was found
 * under, its path there, its id and a signature of its file or record.
 * A run loads them all once, to skip unchanged files, replace changed
 * ones and remove the documents of files that are gone.
 */
#ifndef TRAWL_KNOWN_H
#define TRAWL_KNOWN_H

#include <stddef.h>

struct xs_db;

typedef struct {
    unsigned docid;
    size_t root;           /* index into known_t.roots */
    char *path;            /* relative to the root */
    char *id;
    char *signature;       /* file: "size mtime-ns crc32"; JSON Lines record:
                              "record <line length> <crc32 of the line>" */
    int seen;              /* found again in this run, or outside its scope */
} known_doc_t;

typedef struct {
    known_doc_t *docs;     /* sorted by root, path, signature */
    size_t count;
    known_doc_t **by_id;   /* the same, sorted by id */
    char **roots;          /* the distinct roots */
    size_t root_count;
} known_t;

/* Loads the bookkeeping of every document of INDEX into *K (free with
 * known_free()).  Returns 0, or -1 (INDEX's error, out of memory, or a
 * document without its bookkeeping values). */
int known_load(struct xs_db *index, known_t *k);
void known_free(known_t *k);

/* The documents found under ROOT: *FIRST is the first, the return value
 * their number (0: none, *FIRST undefined). */
size_t known_root_range(const known_t *k, const char *root, known_doc_t **first);

/* The documents of the file PATH under ROOT (several for a JSON Lines
 * file, sorted by signature). */
size_t known_file_range(const known_t *k, const char *root, const char *path,
                        known_doc_t **first);

/* The document of the file's range [FIRST, FIRST+COUNT) with SIGNATURE, or NULL. */
known_doc_t *known_find_signature(known_doc_t *first, size_t count, const char *signature);

/* The document with the id ID, or NULL. */
known_doc_t *known_find_id(const known_t *k, const char *id);

/* A file of many records (JSON Lines, WARC) whose every record is indexed
 * is marked in the index's metadata (META_FILE_PREFIX and a hash of its
 * root and path) with its size and modification time: unchanged, it is
 * not read again.  Non-zero if INDEX marks RELPATH of ROOT with SIZE and
 * MTIME_NS. */
int known_file_marked(struct xs_db *index, const char *root, const char *relpath,
                      long long size, long long mtime_ns);

/* Marks RELPATH of ROOT in INDEX with SIZE and MTIME_NS, or forgets its
 * mark when FORGET.  Returns 0, or -1 (INDEX's error, out of memory). */
int known_mark_file(struct xs_db *index, const char *root, const char *relpath,
                    long long size, long long mtime_ns, int forget);

#endif /* TRAWL_KNOWN_H */
