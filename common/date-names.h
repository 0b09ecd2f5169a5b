/* date-names.h: month and weekday names and date-line labels, by language (private to date.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every name is written folded as date.c folds what it reads: lower case,
 * accents and other marks dropped ("März" is "marz", "août" "aout"),
 * Cyrillic in lower case.  Labels are words with one space between.
 */
#ifndef TRAWL_DATE_NAMES_H
#define TRAWL_DATE_NAMES_H

#include "date.h"

/* Spellings of one month or weekday: the full name first, then other
 * forms (a case, a regional name, an abbreviation that is no prefix of
 * the name); unused entries are NULL. */
#define DATE_NAME_FORMS 3

typedef struct {
    date_label_t kind;
    const char *words;      /* "last updated on" */
} date_label_name_t;

typedef struct {
    const char *language;                              /* Snowball's name */
    const char *months[12][DATE_NAME_FORMS];           /* January first */
    const char *weekdays[7][DATE_NAME_FORMS];          /* Monday first */
    const date_label_name_t *labels;                   /* ends with { 0, NULL } */
} date_language_t;

/* The languages, English first; ends with an entry whose language is NULL. */
extern const date_language_t date_languages[];

#endif /* TRAWL_DATE_NAMES_H */
