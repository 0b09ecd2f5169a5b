/* hash.h: FNV-1a, the one hash of bytes the index depends on.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Shard and part placement (32 bits) and the keys of JSON Lines files in
 * the index's metadata (64 bits) are stored results of these: never change
 * them.  Plain C, also included by the C++ shim.
 */
#ifndef TRAWL_HASH_H
#define TRAWL_HASH_H

#include <stddef.h>
#include <stdint.h>

#define FNV1A32_INIT 2166136261u
#define FNV1A64_INIT 14695981039346656037ull

/* HASH (FNV1A32_INIT to start) carried on over DATA[0..LEN). */
static inline uint32_t fnv1a32(uint32_t hash, const void *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;
    for (size_t i = 0; i < len; i++)
        hash = (hash ^ p[i]) * 16777619u;
    return hash;
}

/* HASH (FNV1A64_INIT to start) carried on over DATA[0..LEN). */
static inline uint64_t fnv1a64(uint64_t hash, const void *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;
    for (size_t i = 0; i < len; i++)
        hash = (hash ^ p[i]) * 1099511628211ull;
    return hash;
}

#endif /* TRAWL_HASH_H */
