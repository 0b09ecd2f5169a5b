/* hex.h: the value of a hexadecimal digit (URLs, quoted-printable, chunked
 * transfer coding).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TRAWL_HEX_H
#define TRAWL_HEX_H

/* 0 to 15 for the digit C (either case), else -1. */
static inline int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

#endif /* TRAWL_HEX_H */
