/* date-internal.h: what the parts of the date reader share (date.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Not a public header: date-lex.c cuts the input into tokens and names
 * months, weekdays and labels; date.c reads the forms of date.h over
 * those tokens; date-calendar.c knows which dates exist and reads and
 * writes the fixed forms (ISO, SLOT_DATE, URL paths).  The token tests
 * are inline here: the reader asks them many times a line, and most lines
 * it is asked about are text.
 */
#ifndef TRAWL_DATE_INTERNAL_H
#define TRAWL_DATE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "date.h"
#include "date-names.h"

/* Tokens of the longest date read: "Tue Feb 20 2018 01:00:00 GMT+0100
 * (Central European Standard Time)" is 19; a header with a comment from
 * the mail server about 30.  More is no date. */
#define DATE_TOKENS_MAX 64

/* Bytes of a folded word: the longest name, "воскресенье", is 22; longer
 * words name nothing. */
#define DATE_WORD_MAX 32

/* The shortest abbreviation read by prefix: "Jan", "Mär", "Di" only by its
 * listed form. */
#define NAME_PREFIX_MIN 3

/* Numbers of more digits than this have no value: no part of a date has
 * more than 8 (YYYYMMDD). */
#define NUMBER_DIGITS_MAX 9

/* Languages read: the bits of a name_index_t mask (date-names.c has 17;
 * later ones would be ignored). */
#define LANGUAGES_MAX 32

/* Labels of different lengths tried at the start of a line ("Last
 * updated on", "Last updated"). */
#define LABEL_CHOICES_MAX 4

enum { TOKEN_NUMBER, TOKEN_WORD, TOKEN_PUNCT };
enum { NAME_MONTH, NAME_WEEKDAY };

typedef struct {
    unsigned char kind;
    unsigned char spaced;      /* white space (or the start) before it */
    char punct;                /* TOKEN_PUNCT: the character */
    unsigned char digits;      /* TOKEN_NUMBER: digit count, at most 255 */
    int value;                 /* TOKEN_NUMBER: the value; -1 past NUMBER_DIGITS_MAX */
    unsigned char word_len;    /* TOKEN_WORD: bytes in word; 0: too long */
    unsigned char chars;       /* TOKEN_WORD: characters in word */
    char word[DATE_WORD_MAX];  /* TOKEN_WORD: folded, not NUL-terminated */
    signed char named[2];      /* name_at()'s answers (NAME_MONTH, NAME_WEEKDAY);
                                  -1: not asked yet */
    size_t end;                /* offset just past it in the input */
} token_t;

/* The reader's state.  Tokens are cut from the input only as far as the
 * reader looks (have()): most lines it is asked about are no date, and it
 * sees so from their first token or two. */
typedef struct {
    const char *s;             /* the input */
    size_t len, pos;           /* its length; where cutting tokens stopped */
    int spaced;                /* white space (or the start) before pos */
    int more;                  /* input was left past DATE_TOKENS_MAX tokens */
    token_t t[DATE_TOKENS_MAX];
    int n;                     /* tokens cut so far */
    const date_language_t *languages[LANGUAGES_MAX];
    uint32_t language_bits[LANGUAGES_MAX];   /* 1 << each one's place in date_languages */
    int language_count;
    int month_first;           /* date_rules_t.month_first */
    int compact;               /* 1: YYYYMMDD is a date */
} parser_t;

/* Cuts the next token from P's input into P->t[P->n].  Returns 0 at the
 * end of the input or after DATE_TOKENS_MAX tokens (then P->more is set). */
int date_next_token(parser_t *p);

/* Sets up P to read S[0..LEN) with RULES (may be NULL). */
void date_parser_init(parser_t *p, const char *s, size_t len, const date_rules_t *rules);

/* What the word at I names: its month (NAME_MONTH: 1-12) or whether it
 * is a weekday (NAME_WEEKDAY: 1); 0 if not, or no word. */
int date_name_at(parser_t *p, int i, int what);

/* The labels that start at I: their distinct ends, longest first, in ENDS
 * and what they say in KINDS; returns how many (at most LABEL_CHOICES_MAX). */
int date_labels_at(parser_t *p, int i, int ends[], date_label_t kinds[]);

/* The calendar (date-calendar.c). */
date_precision_t date_precision_of(const date_t *d);   /* of a valid D */
void date_clear(date_t *d);                             /* all 0, hour -1 */
/* Sets the day of *D; returns non-zero if Y-M-DAY exists (DAY and M may
 * be 0 for "not stated"). */
int date_set_ymd(date_t *d, int y, int m, int day);

/* Non-zero if there is a token I, cutting tokens as far as needed. */
static inline int have(parser_t *p, int i)
{
    while (p->n <= i && date_next_token(p))
        ;
    return i < p->n;
}

/* ------------------------------------------------------ token helpers */

static inline int is_number(parser_t *p, int i, int min_digits, int max_digits)
{
    return have(p, i) && p->t[i].kind == TOKEN_NUMBER && p->t[i].digits >= min_digits &&
           p->t[i].digits <= max_digits;
}

/* The value of the number at I if it has MIN..MAX digits, else -1. */
static inline int number(parser_t *p, int i, int min_digits, int max_digits)
{
    return is_number(p, i, min_digits, max_digits) ? p->t[i].value : -1;
}

static inline int is_punct(parser_t *p, int i, char c)
{
    return have(p, i) && p->t[i].kind == TOKEN_PUNCT && p->t[i].punct == c;
}

/* Non-zero if the token at I is one of the punctuation characters SET. */
static inline int is_punct_in(parser_t *p, int i, const char *set)
{
    return have(p, i) && p->t[i].kind == TOKEN_PUNCT && strchr(set, p->t[i].punct) != NULL;
}

/* Non-zero if the token at I follows the previous one without a space. */
static inline int joined(parser_t *p, int i)
{
    return have(p, i) && !p->t[i].spaced;
}

/* The first byte is compared first: most words are compared with many
 * names and differ there (date lines are tried on every short line). */
static inline int word_equals(const token_t *t, const char *word)
{
    return t->kind == TOKEN_WORD && t->word_len > 0 && t->word[0] == word[0] &&
           t->word_len == strlen(word) && memcmp(t->word, word, t->word_len) == 0;
}

static inline int is_word(parser_t *p, int i, const char *word)
{
    return have(p, i) && word_equals(&p->t[i], word);
}

/* Non-zero if the token at I is one of the NULL-terminated WORDS. */
static inline int is_word_in(parser_t *p, int i, const char *const *words)
{
    for (; *words; words++)
        if (is_word(p, i, *words))
            return 1;
    return 0;
}

static inline int month_at(parser_t *p, int i)
{
    return date_name_at(p, i, NAME_MONTH);
}

static inline int is_weekday(parser_t *p, int i)
{
    return date_name_at(p, i, NAME_WEEKDAY);
}

/* Non-zero if the input ends at token I: no token there, and none was
 * left over past DATE_TOKENS_MAX. */
static inline int ends_at(parser_t *p, int i)
{
    return !have(p, i) && !p->more;
}

#endif /* TRAWL_DATE_INTERNAL_H */
