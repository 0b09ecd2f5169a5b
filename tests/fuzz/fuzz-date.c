/* fuzz-date.c: libFuzzer target for the date reader (common/date.h): every
 * reader over any bytes, with several rules.  The input is copied to a
 * buffer of its exact length (no NUL after it), so a read past the end is
 * AddressSanitizer's finding; and whatever a reader calls a date must be
 * one that exists, written back and read again as the same date.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fuzz-check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* GOT and *D as a reader returned them: checks they agree. */
static void check_result(date_precision_t got, const date_t *d)
{
    char text[DATE_TEXT_SIZE], lo[DATE_SLOT_SIZE], hi[DATE_SLOT_SIZE];
    date_t back;

    if (got == DATE_NONE) {
        FUZZ_CHECK(d->year == 0 && d->month == 0 && d->day == 0 && d->hour == -1 &&
                   !d->zone_known);
        return;
    }
    FUZZ_CHECK(date_is_valid(d));
    FUZZ_CHECK(d->zone_minutes > -24 * 60 && d->zone_minutes < 24 * 60);
    FUZZ_CHECK(date_format(d, text) == got);
    FUZZ_CHECK(date_parse_iso(text, strlen(text), &back) == got);
    FUZZ_CHECK(back.year == d->year && back.month == d->month && back.day == d->day);
    date_slot_bounds(d, lo, hi);
    FUZZ_CHECK(strlen(lo) == 8 && strlen(hi) == 8 && strcmp(lo, hi) <= 0);
    FUZZ_CHECK(date_from_slot(lo, 8, &back) == got && back.year == d->year);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const date_rules_t rules[] = { { NULL, 0 }, { "german", 1 }, { "russian", 0 } };
    char *s = malloc(size ? size : 1);
    date_t d;
    date_label_t label;
    size_t used;

    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
        check_result(date_parse(s, size, &rules[r], &d), &d);
        check_result(date_parse_line(s, size, &rules[r], &d, &label), &d);
        FUZZ_CHECK(label >= DATE_LABEL_NONE && label <= DATE_LABEL_UPDATED);
        used = date_scan(s, size, &rules[r], &d);
        FUZZ_CHECK(used <= size);
        check_result(used ? (d.day ? DATE_DAY : d.month ? DATE_MONTH : DATE_YEAR) : DATE_NONE,
                     &d);
    }
    check_result(date_from_url(s, size, &d), &d);
    check_result(date_from_slot(s, size, &d), &d);
    date_precision_t iso = date_parse_iso(s, size, &d);
    check_result(iso, &d);
    if (iso != DATE_NONE) {                   /* the stored form is its own text */
        char text[DATE_TEXT_SIZE];
        date_format(&d, text);
        FUZZ_CHECK(strlen(text) == size && memcmp(text, s, size) == 0);
    }
    free(s);
    return 0;
}
