/* date.c: reads dates as pages, mail, feeds and users write them (date.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The input is cut into tokens, at most DATE_TOKENS_MAX and only as far as
 * the reader looks: numbers (ASCII digits), words (letters, folded: lower
 * case, accents dropped) and single punctuation characters (dashes, quotes
 * and bullets mapped to ASCII), each marked with whether white space stood
 * before it.  A recursive-descent reader tries the forms of date.h over
 * the tokens, the more specific before the less (a day before a month
 * alone), and checks the calendar last.  Every token is bounded (a word
 * over DATE_WORD_MAX bytes names nothing, a number over 9 digits has no
 * value), so nothing reads past the input or overflows.  Names are looked
 * up only in the languages that have one starting with the word's first
 * byte (name_index_t).
 */
#include <stdint.h>
#include <string.h>
#include <threads.h>

#include "date.h"
#include "date-names.h"
#include "utf8.h"

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

/* ------------------------------------------------------------ folding */

/* Latin-1 letters U+00C0..U+00FF without their marks ('*': special). */
static const char latin1_base[] = "aaaaaa*ceeeeiiiidnooooo*ouuuuyt*"
                                  "aaaaaa*ceeeeiiiidnooooo*ouuuuyty";
/* Latin Extended-A, U+0100..U+017F, without marks. */
static const char latin_ext_a_base[] =
    "aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii" "iiiijjkkklllllll"
    "lllnnnnnnnnnoooo" "oooorrrrrrssssss" "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";

/* Appends the folded form of CH to the word of T.  A word that outgrows
 * DATE_WORD_MAX gets word_len 0 for good: it names nothing. */
static void fold_char(token_t *t, unsigned ch, size_t *len, int *overflow)
{
    char enc[4];
    size_t n = 0;

    if (ch >= 0x300 && ch <= 0x36F)          /* a combining mark: dropped */
        return;
    if (ch < 0x80) {
        enc[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch);
    } else if (ch == 0xAA || ch == 0xBA) {   /* ª º: ordinal indicators */
        enc[n++] = ch == 0xAA ? 'a' : 'o';
    } else if (ch >= 0xC0 && ch <= 0xFF && latin1_base[ch - 0xC0] != '*') {
        enc[n++] = latin1_base[ch - 0xC0];
    } else if (ch == 0xC6 || ch == 0xE6) {
        enc[n++] = 'a', enc[n++] = 'e';
    } else if (ch == 0xDF) {
        enc[n++] = 's', enc[n++] = 's';
    } else if (ch >= 0x100 && ch <= 0x17F) {
        enc[n++] = latin_ext_a_base[ch - 0x100];
    } else if (ch >= 0x218 && ch <= 0x21B) { /* Ș ș Ț ț (Romanian) */
        enc[n++] = ch < 0x21A ? 's' : 't';
    } else {
        if (ch >= 0x410 && ch <= 0x42F)      /* Cyrillic capitals */
            ch += 0x20;
        else if (ch >= 0x400 && ch <= 0x40F)
            ch += 0x50;
        if (ch == 0x451)                     /* ё is written е as often */
            ch = 0x435;
        n = ch == UTF8_INVALID ? 0 : utf8_encode(ch, enc);
        if (n == 0)
            enc[n++] = '#';                  /* in no name */
    }
    if (*overflow || *len + n > DATE_WORD_MAX) {
        *overflow = 1;
        return;
    }
    memcpy(t->word + *len, enc, n);
    *len += n;
    t->chars++;
}

/* ----------------------------------------------------------- tokenizer */

static int is_space_char(unsigned ch)
{
    return ch <= 0x20 || (ch >= 0x7F && ch <= 0xA0) || ch == 0x1680 ||
           (ch >= 0x2000 && ch <= 0x200B) || ch == 0x2028 || ch == 0x2029 ||
           ch == 0x202F || ch == 0x205F || ch == 0x3000 || ch == 0xFEFF;
}

/* The ASCII punctuation CH stands for, or 0 if CH is not punctuation:
 * dashes are '-', apostrophes '\'', bullets and middle dots '|'. */
static char punct_of(unsigned ch)
{
    if (ch < 0x80)
        return (ch > 0x20 && ch < 0x7F && !(ch >= '0' && ch <= '9') &&
                !((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')) ? (char)ch : 0;
    switch (ch) {
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:
        return '-';
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0xB4:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0xAB: case 0xBB:
        return '"';
    case 0x2022: case 0xB7: case 0x2027: case 0x2219: case 0x25CF: case 0x2016:
        return '|';
    case 0xFF08: return '(';
    case 0xFF09: return ')';
    case 0xFF0C: case 0x3001: return ',';
    case 0xFF0F: return '/';
    case 0xFF1A: return ':';
    case 0x3002: case 0x2026: return '.';
    default: return 0;
    }
}

static int is_digit(unsigned ch)
{
    return ch >= '0' && ch <= '9';
}

/* A character that continues a word: not a digit, space or punctuation. */
static int is_word_char(unsigned ch)
{
    return !is_digit(ch) && !is_space_char(ch) && punct_of(ch) == 0;
}

/* Cuts the next token from P's input into P->t[P->n].  Returns 0 at the
 * end of the input or after DATE_TOKENS_MAX tokens (then P->more is set). */
static int next_token(parser_t *p)
{
    const char *s = p->s;
    size_t len = p->len, i = p->pos, next;
    unsigned ch = 0;

    while (i < len) {
        next = i;
        ch = utf8_decode(s, len, &next);
        if (!is_space_char(ch))
            break;
        p->spaced = 1;
        i = next;
    }
    p->pos = i;
    if (i >= len)
        return 0;
    if (p->n == DATE_TOKENS_MAX) {
        p->more = 1;
        return 0;
    }
    token_t *k = &p->t[p->n++];
    memset(k, 0, sizeof *k);
    k->named[NAME_MONTH] = k->named[NAME_WEEKDAY] = -1;
    k->spaced = (unsigned char)p->spaced;
    p->spaced = 0;
    if (is_digit(ch)) {
        k->kind = TOKEN_NUMBER;
        for (; i < len && is_digit((unsigned char)s[i]); i++) {
            if (k->digits < NUMBER_DIGITS_MAX)
                k->value = k->value * 10 + (s[i] - '0');
            if (k->digits < 255)
                k->digits++;
        }
        if (k->digits > NUMBER_DIGITS_MAX)
            k->value = -1;
    } else if (punct_of(ch)) {
        k->kind = TOKEN_PUNCT;
        k->punct = punct_of(ch);
        i = next;
    } else {
        size_t wlen = 0;
        int overflow = 0;
        k->kind = TOKEN_WORD;
        fold_char(k, ch, &wlen, &overflow);
        i = next;
        while (i < len) {
            next = i;
            ch = utf8_decode(s, len, &next);
            if (!is_word_char(ch))
                break;
            fold_char(k, ch, &wlen, &overflow);
            i = next;
        }
        k->word_len = overflow ? 0 : (unsigned char)wlen;
    }
    k->end = p->pos = i;
    return 1;
}

/* Non-zero if there is a token I, cutting tokens as far as needed. */
static int have(parser_t *p, int i)
{
    while (p->n <= i && next_token(p))
        ;
    return i < p->n;
}

/* ------------------------------------------------------ token helpers */

static int is_number(parser_t *p, int i, int min_digits, int max_digits)
{
    return have(p, i) && p->t[i].kind == TOKEN_NUMBER && p->t[i].digits >= min_digits &&
           p->t[i].digits <= max_digits;
}

/* The value of the number at I if it has MIN..MAX digits, else -1. */
static int number(parser_t *p, int i, int min_digits, int max_digits)
{
    return is_number(p, i, min_digits, max_digits) ? p->t[i].value : -1;
}

static int is_punct(parser_t *p, int i, char c)
{
    return have(p, i) && p->t[i].kind == TOKEN_PUNCT && p->t[i].punct == c;
}

/* Non-zero if the token at I is one of the punctuation characters SET. */
static int is_punct_in(parser_t *p, int i, const char *set)
{
    return have(p, i) && p->t[i].kind == TOKEN_PUNCT && strchr(set, p->t[i].punct) != NULL;
}

/* Non-zero if the token at I follows the previous one without a space. */
static int joined(parser_t *p, int i)
{
    return have(p, i) && !p->t[i].spaced;
}

/* The first byte is compared first: most words are compared with many
 * names and differ there (date lines are tried on every short line). */
static int word_equals(const token_t *t, const char *word)
{
    return t->kind == TOKEN_WORD && t->word_len > 0 && t->word[0] == word[0] &&
           t->word_len == strlen(word) && memcmp(t->word, word, t->word_len) == 0;
}

static int is_word(parser_t *p, int i, const char *word)
{
    return have(p, i) && word_equals(&p->t[i], word);
}

/* Non-zero if the token at I is one of the NULL-terminated WORDS. */
static int is_word_in(parser_t *p, int i, const char *const *words)
{
    for (; *words; words++)
        if (is_word(p, i, *words))
            return 1;
    return 0;
}

/* ------------------------------------------------------------ names */

/* Which languages have a month, weekday or label that starts with a given
 * byte (bit L: date_languages[L]).  A look-up then skips the languages
 * that cannot match, instead of comparing a word with every name: the
 * article model tries every short line as a date line.  Built once. */
typedef struct {
    uint32_t months[256], weekdays[256], labels[256];
} name_index_t;

static name_index_t name_index;
static once_flag name_index_once = ONCE_FLAG_INIT;

static void build_name_index(void)
{
    for (uint32_t l = 0; l < LANGUAGES_MAX && date_languages[l].language; l++) {
        const date_language_t *lang = &date_languages[l];
        for (int m = 0; m < 12; m++)
            for (int f = 0; f < DATE_NAME_FORMS && lang->months[m][f]; f++)
                name_index.months[(unsigned char)lang->months[m][f][0]] |= 1u << l;
        for (int d = 0; d < 7; d++)
            for (int f = 0; f < DATE_NAME_FORMS && lang->weekdays[d][f]; f++)
                name_index.weekdays[(unsigned char)lang->weekdays[d][f][0]] |= 1u << l;
        for (const date_label_name_t *lab = lang->labels; lab->words; lab++)
            name_index.labels[(unsigned char)lab->words[0]] |= 1u << l;
    }
}

/* 1: the word at T is FORM; 2: an abbreviation of it (a prefix of at least
 * NAME_PREFIX_MIN characters); 0: neither. */
static int name_match(const token_t *t, const char *form)
{
    if (t->kind != TOKEN_WORD || t->word_len == 0 || t->word[0] != form[0])
        return 0;
    size_t n = strlen(form);
    if (t->word_len > n || memcmp(t->word, form, t->word_len) != 0)
        return 0;
    return t->word_len == n ? 1 : t->chars >= NAME_PREFIX_MIN ? 2 : 0;
}

/* The month (1-12) word T names, or 0.  Languages are tried in order; in
 * each, a full form wins, else an abbreviation that fits one month only
 * ("jui" fits juin and juillet: none). */
static int month_named(parser_t *p, const token_t *t)
{
    uint32_t have = name_index.months[(unsigned char)t->word[0]];
    for (int l = 0; l < p->language_count; l++) {
        const date_language_t *lang = p->languages[l];
        int found = 0, ambiguous = 0;
        if ((have & p->language_bits[l]) == 0)
            continue;
        for (int m = 0; m < 12; m++)
            for (int f = 0; f < DATE_NAME_FORMS && lang->months[m][f]; f++) {
                int how = name_match(t, lang->months[m][f]);
                if (how == 1)
                    return m + 1;
                if (how == 2) {
                    ambiguous |= found != 0 && found != m + 1;
                    found = m + 1;
                }
            }
        if (found && !ambiguous)
            return found;
    }
    return 0;
}

/* Non-zero if word T names a weekday (which one does not matter). */
static int weekday_named(parser_t *p, const token_t *t)
{
    uint32_t have = name_index.weekdays[(unsigned char)t->word[0]];
    for (int l = 0; l < p->language_count; l++)
        for (int d = 0; d < 7 && (have & p->language_bits[l]); d++)
            for (int f = 0; f < DATE_NAME_FORMS && p->languages[l]->weekdays[d][f]; f++)
                if (name_match(t, p->languages[l]->weekdays[d][f]))
                    return 1;
    return 0;
}

/* What the word at I names: its month (NAME_MONTH: 1-12) or whether it
 * is a weekday (NAME_WEEKDAY: 1); 0 if not, or no word.  Asked once a
 * token: the reader tries several forms at the same place. */
static int name_at(parser_t *p, int i, int what)
{
    if (!have(p, i) || p->t[i].kind != TOKEN_WORD || p->t[i].word_len == 0)
        return 0;
    if (p->t[i].named[what] < 0)
        p->t[i].named[what] = (signed char)(what == NAME_MONTH ? month_named(p, &p->t[i])
                                                               : weekday_named(p, &p->t[i]));
    return p->t[i].named[what];
}

static int month_at(parser_t *p, int i)
{
    return name_at(p, i, NAME_MONTH);
}

static int is_weekday(parser_t *p, int i)
{
    return name_at(p, i, NAME_WEEKDAY);
}

/* The end of label WORDS ("last updated") if the tokens at I are its
 * words, else -1. */
static int label_end(parser_t *p, int i, const char *words)
{
    if (!have(p, i) || p->t[i].kind != TOKEN_WORD || p->t[i].word_len == 0 ||
        p->t[i].word[0] != words[0])
        return -1;                            /* the usual case, quickly */
    while (*words) {
        const char *space = strchr(words, ' ');
        size_t n = space ? (size_t)(space - words) : strlen(words);
        if (!have(p, i) || p->t[i].kind != TOKEN_WORD || p->t[i].word_len != n ||
            memcmp(p->t[i].word, words, n) != 0)
            return -1;
        i++;
        words += n + (space != NULL);
    }
    return i;
}

/* The labels that start at I: their distinct ends, longest first, in ENDS
 * and what they say in KINDS; returns how many (at most LABEL_CHOICES_MAX). */
static int labels_at(parser_t *p, int i, int ends[], date_label_t kinds[])
{
    int count = 0;
    if (!have(p, i) || p->t[i].kind != TOKEN_WORD || p->t[i].word_len == 0)
        return 0;
    uint32_t have = name_index.labels[(unsigned char)p->t[i].word[0]];
    for (int l = 0; l < p->language_count; l++)
        for (const date_label_name_t *lab = p->languages[l]->labels;
             lab->words && (have & p->language_bits[l]); lab++) {
            int end = label_end(p, i, lab->words), k;
            if (end < 0)
                continue;
            for (k = 0; k < count && ends[k] != end; k++)
                ;
            if (k < count || count == LABEL_CHOICES_MAX)
                continue;
            for (k = count++; k > 0 && ends[k - 1] < end; k--) {
                ends[k] = ends[k - 1];
                kinds[k] = kinds[k - 1];
            }
            ends[k] = end;
            kinds[k] = lab->kind;
        }
    return count;
}

/* Words that are no names but may stand in a date. */
static const char *const ordinal_suffixes[] = {      /* 3rd, 1er, 2e, 1º */
    "st", "nd", "rd", "th", "er", "re", "e", "eme", "o", "a", NULL
};
static const char *const year_connectors[] = { "de", "del", "of", NULL };
static const char *const after_weekday[] = {          /* "mandag den 3. juni" */
    "den", "der", "the", "le", "el", "il", NULL
};
static const char *const time_connectors[] = {        /* "à 09h08", "a las 07:46" */
    "at", "um", "a", "as", "las", "alle", "ore", "om", "kl", "klo", "o", "ob", "в", NULL
};
static const char *const time_suffixes[] = {          /* "14:52 Uhr", "05:34 h" */
    "uhr", "h", "hrs", "hr", "hs", "uur", NULL
};
static const char *const year_suffixes[] = { "г", "года", "год", NULL };  /* 2016 г. */

/* Zone names and their offsets (RFC 5322's, then those news sites use).
 * Names that mean several offsets (IST, AST) are read with none. */
static const struct {
    const char *name;
    int minutes;
    int known;
} zone_names[] = {
    { "ut", 0, 1 }, { "utc", 0, 1 }, { "gmt", 0, 1 }, { "z", 0, 1 },
    { "est", -300, 1 }, { "edt", -240, 1 }, { "cst", -360, 1 }, { "cdt", -300, 1 },
    { "mst", -420, 1 }, { "mdt", -360, 1 }, { "pst", -480, 1 }, { "pdt", -420, 1 },
    { "akst", -540, 1 }, { "akdt", -480, 1 }, { "hst", -600, 1 },
    { "wet", 0, 1 }, { "west", 60, 1 }, { "bst", 60, 1 }, { "cet", 60, 1 },
    { "met", 60, 1 }, { "mez", 60, 1 }, { "cest", 120, 1 }, { "mest", 120, 1 },
    { "mesz", 120, 1 }, { "eet", 120, 1 }, { "eest", 180, 1 }, { "msk", 180, 1 },
    { "hkt", 480, 1 }, { "sgt", 480, 1 }, { "awst", 480, 1 }, { "jst", 540, 1 },
    { "kst", 540, 1 }, { "acst", 570, 1 }, { "acdt", 630, 1 }, { "aest", 600, 1 },
    { "aedt", 660, 1 }, { "nzst", 720, 1 }, { "nzdt", 780, 1 },
    { "ist", 0, 0 }, { "ast", 0, 0 },
};

/* -------------------------------------------------------- the calendar */

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return days[m - 1] + (m == 2 && is_leap(y));
}

int date_is_valid(const date_t *d)
{
    if (d->year < DATE_YEAR_MIN || d->year > DATE_YEAR_MAX || d->month < 0 || d->month > 12 ||
        d->day < 0 || (d->month == 0 && d->day != 0) ||
        (d->day > 0 && d->day > days_in_month(d->year, d->month)))
        return 0;
    if (d->hour < 0)
        return d->hour == -1;
    return d->day > 0 && d->hour <= 23 && d->minute >= 0 && d->minute <= 59 &&
           d->second >= 0 && d->second <= 60;
}

static date_precision_t precision_of(const date_t *d)
{
    return d->day ? DATE_DAY : d->month ? DATE_MONTH : DATE_YEAR;
}

static void clear_date(date_t *d)
{
    memset(d, 0, sizeof *d);
    d->hour = -1;
}

/* Sets the day of *D; returns non-zero if Y-M-DAY exists (DAY and M may
 * be 0 for "not stated"). */
static int set_ymd(date_t *d, int y, int m, int day)
{
    d->year = y;
    d->month = m;
    d->day = day;
    return date_is_valid(d);
}

/* RFC 5322 4.3: a two-digit year below 50 is 20xx, else 19xx. */
static int expand_year(int yy)
{
    return yy < 50 ? 2000 + yy : 1900 + yy;
}

/* --------------------------------------------------------------- time */

/* "am", "pm", "a.m.", "p. m.": sets *PM; returns the end or -1. */
static int meridiem_at(parser_t *p, int i, int *pm)
{
    if (is_word(p, i, "am") || is_word(p, i, "pm")) {
        *pm = p->t[i].word[0] == 'p';
        return i + 1;
    }
    if (!is_word(p, i, "a") && !is_word(p, i, "p"))
        return -1;
    *pm = p->t[i].word[0] == 'p';
    int k = i + 1 + is_punct(p, i + 1, '.');
    if (!is_word(p, k, "m"))
        return -1;
    return k + 1 + is_punct(p, k + 1, '.');
}

/* A time of day at I: 14:52, 10.15, 7:48:40, 08:30:00.000, 14h52, 3 pm,
 * 4:41AM, 11:39 Uhr.  Sets the time of *D; returns the end or -1. */
static int time_at(parser_t *p, int i, date_t *d)
{
    int h = number(p, i, 1, 2), m = 0, s = 0, k = i + 1, pm;

    if (h < 0)
        return -1;
    if (is_punct_in(p, k, ":.") && joined(p, k) && joined(p, k + 1) &&
        is_number(p, k + 1, is_punct(p, k, '.') ? 2 : 1, 2)) {
        char sep = p->t[k].punct;
        m = p->t[k + 1].value;
        k += 2;
        if ((is_punct(p, k, ':') || is_punct(p, k, sep)) && joined(p, k) && joined(p, k + 1) &&
            is_number(p, k + 1, 1, 2)) {
            s = p->t[k + 1].value;
            k += 2;
            /* A fraction: ".000", ",5", and ":684" as some sites write it. */
            if (is_punct_in(p, k, ".,:") && joined(p, k) && joined(p, k + 1) &&
                is_number(p, k + 1, 1, 255))
                k += 2;
        }
    } else if (is_word(p, k, "h") && joined(p, k) && joined(p, k + 1) &&
               is_number(p, k + 1, 2, 2)) {
        m = p->t[k + 1].value;
        k += 2;
    } else if (meridiem_at(p, k, &pm) < 0) {
        return -1;                           /* a number alone is no time */
    }
    int e = meridiem_at(p, k, &pm);
    if (e >= 0) {
        if (h < 1 || h > 12)
            return -1;
        h = h % 12 + (pm ? 12 : 0);
        k = e;
    }
    if (is_word_in(p, k, time_suffixes))
        k++;
    if (h > 23 || m > 59 || s > 60)
        return -1;
    d->hour = h;
    d->minute = m;
    d->second = s;
    return k;
}

/* An offset at I: +0200, -04:00, +02, +-0500 (as broken mailers write
 * -0500); *MINUTES east of UTC.  Returns the end or -1. */
static int offset_at(parser_t *p, int i, int *minutes)
{
    int sign, k = i + 1, h, m = 0;
    if (!is_punct_in(p, i, "+-"))
        return -1;
    sign = is_punct(p, i, '-') ? -1 : 1;
    if (sign == 1 && is_punct(p, k, '-') && joined(p, k)) {
        sign = -1;
        k++;
    }
    if (!joined(p, k))
        return -1;
    if (is_number(p, k, 4, 4)) {
        h = p->t[k].value / 100;
        m = p->t[k].value % 100;
        k++;
    } else if (is_number(p, k, 1, 2)) {
        h = p->t[k].value;
        k++;
        if (is_punct(p, k, ':') && joined(p, k) && is_number(p, k + 1, 2, 2) && joined(p, k + 1)) {
            m = p->t[k + 1].value;
            k += 2;
        }
    } else {
        return -1;
    }
    if (h > 23 || m > 59)
        return -1;
    *minutes = sign * (h * 60 + m);
    return k;
}

/* A zone at I: an offset, Z, a name (GMT, EDT, CEST), GMT+1 or UTC+05:30,
 * or a military letter (RFC 5322 says they mean nothing).  Sets the zone
 * of *D; returns the end or -1. */
static int zone_at(parser_t *p, int i, date_t *d)
{
    int minutes, e = offset_at(p, i, &minutes);
    if (e >= 0) {
        d->zone_known = 1;
        d->zone_minutes = minutes;
        return e;
    }
    if (!have(p, i) || p->t[i].kind != TOKEN_WORD)
        return -1;
    for (size_t z = 0; z < sizeof zone_names / sizeof zone_names[0]; z++) {
        if (!is_word(p, i, zone_names[z].name))
            continue;
        d->zone_known = zone_names[z].known;
        d->zone_minutes = zone_names[z].minutes;
        if (zone_names[z].minutes == 0 && zone_names[z].known &&
            (e = offset_at(p, i + 1, &minutes)) >= 0) {       /* GMT+1, UTC +05:30 */
            d->zone_minutes = minutes;
            return e;
        }
        return i + 1;
    }
    if (p->t[i].word_len == 1 && p->t[i].word[0] >= 'a' && p->t[i].word[0] <= 'z' &&
        p->t[i].word[0] != 'j')
        return i + 1;
    return -1;
}

/* An RFC 5322 comment at I: "(PDT)", nested brackets allowed.  Returns
 * the end or -1. */
static int comment_at(parser_t *p, int i)
{
    int depth = 0;
    if (!is_punct(p, i, '('))
        return -1;
    for (int k = i; have(p, k); k++) {
        if (is_punct(p, k, '('))
            depth++;
        else if (is_punct(p, k, ')') && --depth == 0)
            return k + 1;
    }
    return -1;
}

/* A zone and then a comment, each if there; returns the end. */
static int zone_and_comment(parser_t *p, int i, date_t *d)
{
    int e = zone_at(p, i, d);
    if (e >= 0)
        i = e;
    e = comment_at(p, i);
    return e >= 0 ? e : i;
}

/* The time after a full date at I: ", 14:52 GMT", "T08:30:00+02:00",
 * " um 14:52 Uhr", " - 18:37", " a las 07:46hrs", " @ 4:48 pm".  Sets the
 * time and zone of *D; returns the end, or -1 (and *D is unchanged). */
static int time_after_date(parser_t *p, int i, date_t *d)
{
    date_t t = *d;
    int k = i;
    if (is_word(p, k, "t") && joined(p, k) && joined(p, k + 1)) {
        k++;                                  /* ISO 8601's T */
    } else {
        if (is_punct_in(p, k, ",-|/@"))
            k++;
        for (int w = 0; w < 2 && is_word_in(p, k, time_connectors); w++)
            k += 1 + (is_word(p, k, "kl") && is_punct(p, k + 1, '.'));
    }
    k = time_at(p, k, &t);
    if (k < 0)
        return -1;
    *d = t;
    return zone_and_comment(p, k, d);
}

/* -------------------------------------------------------------- dates */

/* A year at I: 2014; with TWO_DIGITS, 93 (not when a time follows, as in
 * "3 June 14:30"); ’20 always.  A Russian "г." or "года" after it is read.
 * Sets *YEAR; returns the end or -1. */
static int year_at(parser_t *p, int i, int two_digits, int *year)
{
    int k;
    if (is_number(p, i, 4, 4)) {
        *year = p->t[i].value;
        k = i + 1;
    } else if (two_digits && is_number(p, i, 2, 2) &&
               !(is_punct_in(p, i + 1, ":.") && joined(p, i + 1) && is_number(p, i + 2, 1, 2))) {
        *year = expand_year(p->t[i].value);
        k = i + 1;
    } else if (is_punct(p, i, '\'') && is_number(p, i + 1, 2, 2) && joined(p, i + 1)) {
        *year = expand_year(p->t[i + 1].value);
        k = i + 2;
    } else {
        return -1;
    }
    if (is_word_in(p, k, year_suffixes))
        k += 1 + (is_word(p, k, "г") && is_punct(p, k + 1, '.'));
    return k;
}

/* Year first at I: 2014, 2014-06, 2014-06-03, 2014-6-3, 2002/09/14,
 * 2014/06, 2014.06.03. and 2014. június 3. (the day's dot is the date's:
 * Hungarian), and 20140603 when P->compact. */
static int year_first(parser_t *p, int i, date_t *d)
{
    int y, m, day, k = i + 1;

    if (p->compact && is_number(p, i, 8, 8)) {
        int v = p->t[i].value;
        return set_ymd(d, v / 10000, v / 100 % 100, v % 100) && v % 100 ? i + 1 : -1;
    }
    if (!is_number(p, i, 4, 4))
        return -1;
    y = p->t[i].value;
    if (is_punct_in(p, k, "-/") && joined(p, k) && joined(p, k + 1) &&
        (m = number(p, k + 1, 1, 2)) >= 0) {
        char sep = p->t[k].punct;
        if (is_punct(p, k + 2, sep) && joined(p, k + 2) && joined(p, k + 3) &&
            (day = number(p, k + 3, 1, 2)) >= 0)
            return set_ymd(d, y, m, day) && day ? k + 4 : -1;
        return set_ymd(d, y, m, 0) && m ? k + 2 : -1;
    }
    if (is_punct(p, k, '.')) {
        if ((m = number(p, k + 1, 1, 2)) >= 0 && is_punct(p, k + 2, '.') &&
            (day = number(p, k + 3, 1, 2)) >= 0)
            return set_ymd(d, y, m, day) && m && day ? k + 4 + is_punct(p, k + 4, '.') : -1;
        if ((m = month_at(p, k + 1)) > 0) {   /* Hungarian */
            int j = k + 2 + is_punct(p, k + 2, '.');
            if ((day = number(p, j, 1, 2)) >= 0)
                return set_ymd(d, y, m, day) && day ? j + 1 + is_punct(p, j + 1, '.') : -1;
        }
    }
    return set_ymd(d, y, 0, 0) ? i + 1 : -1;
}

/* Numbers at I: 27/12/2015, 27.12.2015, 27-12-2015, 4. 2. 2022, 19.10.19,
 * 30/10/23 (a two-digit year never with dashes: 12-10-20 is a code).
 * Day first, unless P->month_first (not with dots, which only day-first
 * writers use); the other order when the first gives no date. */
static int numeric_date(parser_t *p, int i, date_t *d)
{
    int a = number(p, i, 1, 2), b, y, k = i + 1;
    if (a < 0 || !is_punct_in(p, k, "/.-"))
        return -1;
    char sep = p->t[k].punct;
    int tight = sep == '-';                   /* 27-12-2015, never 27 - 12 */
    if ((tight && !(joined(p, k) && joined(p, k + 1))) || (b = number(p, k + 1, 1, 2)) < 0 ||
        !is_punct(p, k + 2, sep) || (tight && !(joined(p, k + 2) && joined(p, k + 3))))
        return -1;
    if (is_number(p, k + 3, 4, 4))
        y = p->t[k + 3].value;
    else if (sep != '-' && is_number(p, k + 3, 2, 2))
        y = expand_year(p->t[k + 3].value);
    else
        return -1;
    int first_is_month = p->month_first && sep != '.';
    if (set_ymd(d, y, first_is_month ? a : b, first_is_month ? b : a) && a && b)
        return k + 4;
    if (set_ymd(d, y, first_is_month ? b : a, first_is_month ? a : b) && a && b)
        return k + 4;
    return -1;
}

/* Day first with the month's name at I: 3 June 2014, 3rd of June, 2014,
 * 12. März 2015, 3 de junio de 2014, 26-FEB-1987, 29 / Dezember / 2022,
 * 19 Apr 93, 14 Feb ’20, 03.Mär.19, 15 августа 2016 г. */
static int day_month_year(parser_t *p, int i, date_t *d)
{
    int day = number(p, i, 1, 2), m, y, k = i + 1;
    if (day < 0)
        return -1;
    if (joined(p, k) && is_word_in(p, k, ordinal_suffixes))
        k++;
    if (is_punct(p, k, '.')) {                /* 12. März; 1.º */
        k++;
        if (joined(p, k) && (is_word(p, k, "o") || is_word(p, k, "a")))
            k++;
    }
    if (is_punct_in(p, k, "-/"))
        k++;
    if (is_word(p, k, "of") || is_word(p, k, "de"))
        k++;
    else if (is_word(p, k, "d") && is_punct(p, k + 1, '\''))   /* d'abril */
        k += 2;
    if ((m = month_at(p, k++)) == 0)
        return -1;
    if (is_punct(p, k, '.'))
        k++;
    if (is_punct_in(p, k, ",-/"))
        k++;
    if (is_word_in(p, k, year_connectors))
        k++;
    if ((k = year_at(p, k, 1, &y)) < 0)
        return -1;
    return set_ymd(d, y, m, day) && day ? k : -1;
}

/* The month's name first at I: June 3, 2014, Jun 18th 2018, mayo 11,
 * 2022; ctime's Sep 21 08:18:08 2002 and Jul 08 16:36:31 CEST 2020; June
 * 2014, junio de 2014. */
static int month_first(parser_t *p, int i, date_t *d)
{
    int m = month_at(p, i), day, y, k = i + 1, e;
    if (m == 0)
        return -1;
    if (is_punct(p, k, '.'))
        k++;
    if ((day = number(p, k, 1, 2)) >= 0) {
        int j = k + 1;
        if (joined(p, j) && is_word_in(p, j, ordinal_suffixes))
            j++;
        if (is_punct(p, j, ','))
            j++;
        if ((e = year_at(p, j, 0, &y)) >= 0)
            return set_ymd(d, y, m, day) && day ? e : -1;
        date_t t = *d;
        if ((e = time_at(p, k + 1, &t)) < 0)
            return -1;
        if ((j = zone_at(p, e, &t)) >= 0)
            e = j;
        if (!is_number(p, e, 4, 4) || !set_ymd(&t, p->t[e].value, m, day) || day == 0)
            return -1;
        *d = t;
        return e + 1;
    }
    if (is_punct(p, k, ','))
        k++;
    if (is_word_in(p, k, year_connectors))
        k++;
    if (!is_number(p, k, 4, 4) || (k = year_at(p, k, 0, &y)) < 0)
        return -1;                            /* no ’14 for a month alone */
    return set_ymd(d, y, m, 0) ? k : -1;
}

/* A date without weekday or time at I. */
static int date_at(parser_t *p, int i, date_t *d)
{
    int e;
    if (is_number(p, i, 4, 4) || (p->compact && is_number(p, i, 8, 8)))
        return year_first(p, i, d);
    if (is_number(p, i, 1, 2))
        return (e = numeric_date(p, i, d)) >= 0 ? e : day_month_year(p, i, d);
    return month_first(p, i, d);
}

/* A weekday at I, and what may follow it: "Tuesday,", "Di.,",
 * "segunda-feira", "mandag den".  Returns the end or -1. */
static int weekday_at(parser_t *p, int i)
{
    int k = i + 1;
    if (!is_weekday(p, i))
        return -1;
    if (is_punct(p, k, '-') && is_word(p, k + 1, "feira"))
        k += 2;
    else if (is_word(p, k, "feira"))
        k++;
    if (is_punct(p, k, '.'))
        k++;
    if (is_punct(p, k, ','))
        k++;
    if (is_word_in(p, k, after_weekday))
        k++;
    return k;
}

/* A date at I with its weekday, if any (then it must be a full day). */
static int dated_at(parser_t *p, int i, date_t *d)
{
    int k = weekday_at(p, i), e;
    if (k >= 0) {
        clear_date(d);
        if ((e = date_at(p, k, d)) >= 0 && d->day)
            return e;
    }
    clear_date(d);
    return date_at(p, i, d);
}

/* A date with its weekday and time, if any, at I; the time may come
 * first ("22:00 GMT, 26 September 2020").  Fills *D; returns the end or
 * -1 (and *D is cleared). */
static int datetime_at(parser_t *p, int i, date_t *d)
{
    date_t t;
    int k, e;

    clear_date(&t);
    if ((k = time_at(p, i, &t)) >= 0) {
        k = zone_and_comment(p, k, &t);
        if (is_punct_in(p, k, ",-|/"))
            k++;
        if ((e = dated_at(p, k, d)) >= 0 && d->day) {
            d->hour = t.hour;
            d->minute = t.minute;
            d->second = t.second;
            d->zone_known = t.zone_known;
            d->zone_minutes = t.zone_minutes;
            return e;
        }
    }
    if ((e = dated_at(p, i, d)) < 0) {
        clear_date(d);
        return -1;
    }
    if (d->day && d->hour < 0 && (k = time_after_date(p, e, d)) >= 0)
        e = k;
    return e;
}

/* --------------------------------------------------------- the callers */

/* Sets up P to read S[0..LEN) with RULES (may be NULL). */
static void parser_init(parser_t *p, const char *s, size_t len, const date_rules_t *rules)
{
    const char *want = rules ? rules->language : NULL;

    p->s = s;
    p->len = len;
    p->pos = 0;
    p->spaced = 1;
    p->more = 0;
    p->n = 0;
    p->month_first = rules ? rules->month_first : 0;
    p->compact = 0;
    p->language_count = 0;
    call_once(&name_index_once, build_name_index);
    if (want && strcmp(want, "porter") == 0)   /* Snowball's older English */
        want = "english";
    /* English first: sites everywhere abbreviate the English way, so
     * "Mar" is March even for Finnish (where marraskuu starts so). */
    for (int l = 0; l < LANGUAGES_MAX && date_languages[l].language; l++)
        if (l == 0 || want == NULL || strcmp(date_languages[l].language, want) == 0) {
            p->language_bits[p->language_count] = 1u << l;
            p->languages[p->language_count++] = &date_languages[l];
        }
}

/* Non-zero if the input ends at token I: no token there, and none was
 * left over past DATE_TOKENS_MAX. */
static int ends_at(parser_t *p, int i)
{
    return !have(p, i) && !p->more;
}

date_precision_t date_parse(const char *s, size_t len, const date_rules_t *rules, date_t *out)
{
    parser_t p;
    int e;

    clear_date(out);
    parser_init(&p, s, len, rules);
    p.compact = 1;
    if ((e = datetime_at(&p, 0, out)) < 0 || !ends_at(&p, e)) {
        clear_date(out);
        return DATE_NONE;
    }
    return precision_of(out);
}

size_t date_scan(const char *s, size_t len, const date_rules_t *rules, date_t *out)
{
    parser_t p;
    int e;

    clear_date(out);
    parser_init(&p, s, len, rules);
    if ((e = datetime_at(&p, 0, out)) <= 0) {
        clear_date(out);
        return 0;
    }
    return p.t[e - 1].end;
}

/* Words a date line has at most: "Tue Feb 20 2018 01:00:00 GMT+0100
 * (Central European Standard Time)" has 7, "Miércoles, 4 de Mayo de 2022 a
 * las 07:46hrs." 7, "Stand des Artikels: 26. Februar 2020, 12:30 Uhr." 5. */
#define LINE_WORDS_MAX 12

/* Whether S[0..LEN) may be a date line: it has a digit and at most
 * LINE_WORDS_MAX runs of letters.  A quick look at the bytes, since the
 * article model asks it of every short line (most are text). */
static int may_be_date_line(const char *s, size_t len)
{
    int digit = 0, words = 0, in_word = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int letter = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
        digit |= c >= '0' && c <= '9';
        if (letter && !in_word && ++words > LINE_WORDS_MAX)
            return 0;
        in_word = letter;
    }
    return digit;
}

/* Punctuation a date line may start or end with ("| Oct 24, 2023",
 * "(Letztes Update: 06.10.2023)", "12. Januar 2022,"). */
#define LINE_LEAD_PUNCT "|/-([,:*\"'"
#define LINE_TRAIL_PUNCT ".,|-/)]:;*\"'@"

date_precision_t date_parse_line(const char *s, size_t len, const date_rules_t *rules,
                                 date_t *out, date_label_t *label)
{
    parser_t p;
    int start = 0, ends[LABEL_CHOICES_MAX + 1], count;
    date_label_t kinds[LABEL_CHOICES_MAX + 1];

    clear_date(out);
    if (label)
        *label = DATE_LABEL_NONE;
    if (len > DATE_LINE_MAX || !may_be_date_line(s, len))
        return DATE_NONE;
    parser_init(&p, s, len, rules);
    while (is_punct_in(&p, start, LINE_LEAD_PUNCT))
        start++;
    count = labels_at(&p, start, ends, kinds);
    ends[count] = start;                      /* and no label */
    kinds[count++] = DATE_LABEL_NONE;
    for (int c = 0; c < count; c++) {
        int k = ends[c], e;
        if (c < count - 1 && is_punct_in(&p, k, ":,-"))
            k++;
        if ((e = datetime_at(&p, k, out)) < 0)
            continue;
        while (is_punct_in(&p, e, LINE_TRAIL_PUNCT))
            e++;
        if (ends_at(&p, e)) {
            if (label)
                *label = kinds[c];
            return precision_of(out);
        }
    }
    clear_date(out);
    return DATE_NONE;
}

/* The value of the N digits at S, or -1 if they are not all digits. */
static int digits_value(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Length of the path segment at S[I..LEN) (up to '/' or LEN). */
static size_t segment_len(const char *s, size_t i, size_t len)
{
    size_t j = i;
    while (j < len && s[j] != '/')
        j++;
    return j - i;
}

/* A date that segment S[0..N) is by itself: "2019-10-16", "2019-10-16-title",
 * "20191016", "20191016-title", "2019-10".  Returns its precision (*D is
 * then set). */
static date_precision_t segment_date(const char *s, size_t n, date_t *d)
{
    int y = n >= 4 ? digits_value(s, 4) : -1, m, day;
    if (y < 0)
        return DATE_NONE;
    if (n >= 10 && s[4] == '-' && s[7] == '-' && (m = digits_value(s + 5, 2)) > 0 &&
        (day = digits_value(s + 8, 2)) > 0 && (n == 10 || !(s[10] >= '0' && s[10] <= '9')))
        return set_ymd(d, y, m, day) ? DATE_DAY : DATE_NONE;
    if (n >= 8 && (m = digits_value(s + 4, 2)) > 0 && (day = digits_value(s + 6, 2)) > 0 &&
        (n == 8 || s[8] == '-' || s[8] == '_'))
        return set_ymd(d, y, m, day) ? DATE_DAY : DATE_NONE;
    if (n == 7 && s[4] == '-' && (m = digits_value(s + 5, 2)) > 0)
        return set_ymd(d, y, m, 0) ? DATE_MONTH : DATE_NONE;
    return DATE_NONE;
}

date_precision_t date_from_url(const char *url, size_t len, date_t *out)
{
    size_t i = 0, end = 0;

    clear_date(out);
    while (end < len && url[end] != '?' && url[end] != '#')
        end++;
    for (size_t k = 0; k + 3 <= end; k++)
        if (memcmp(url + k, "://", 3) == 0) {
            i = k + 3 + segment_len(url, k + 3, end);       /* past the host */
            break;
        }
    while (i < end) {
        size_t n = segment_len(url, i, end);
        date_precision_t found;
        if (n == 0) {
            i++;
            continue;
        }
        size_t j = i + n + 1;                  /* the next segment */
        found = segment_date(url + i, n, out);
        if (found == DATE_NONE) {             /* /2019/10/ */
            size_t mn = j < end ? segment_len(url, j, end) : 0;
            int y = n == 4 ? digits_value(url + i, 4) : -1;
            int m = mn >= 1 && mn <= 2 ? digits_value(url + j, mn) : -1;
            if (y >= 0 && m > 0 && set_ymd(out, y, m, 0)) {
                found = DATE_MONTH;
                j += mn + 1;
            }
        }
        if (found == DATE_MONTH) {            /* /2019/10/16/, /2012-06/04/ */
            size_t dn = j < end ? segment_len(url, j, end) : 0;
            int day = dn >= 1 && dn <= 2 ? digits_value(url + j, dn) : -1;
            if (day > 0 && set_ymd(out, out->year, out->month, day))
                return DATE_DAY;
            out->day = 0;
        }
        if (found != DATE_NONE)
            return found;
        clear_date(out);
        i += n;
    }
    return DATE_NONE;
}

date_precision_t date_parse_iso(const char *s, size_t len, date_t *out)
{
    int y = len >= 4 ? digits_value(s, 4) : -1, m = 0, day = 0;

    clear_date(out);
    if ((len != 4 && len != 7 && len != 10) || y < 0 ||
        (len >= 7 && (s[4] != '-' || (m = digits_value(s + 5, 2)) < 1)) ||
        (len == 10 && (s[7] != '-' || (day = digits_value(s + 8, 2)) < 1)) ||
        !set_ymd(out, y, m, day)) {
        clear_date(out);
        return DATE_NONE;
    }
    return precision_of(out);
}

/* Writes V as WIDTH digits. */
static void put_digits(char *out, int v, int width)
{
    for (int i = width - 1; i >= 0; i--, v /= 10)
        out[i] = (char)('0' + v % 10);
}

date_precision_t date_format(const date_t *d, char out[DATE_TEXT_SIZE])
{
    out[0] = '\0';
    if (!date_is_valid(d))
        return DATE_NONE;
    put_digits(out, d->year, 4);
    out[4] = '\0';
    if (d->month) {
        out[4] = '-';
        put_digits(out + 5, d->month, 2);
        out[7] = '\0';
    }
    if (d->day) {
        out[7] = '-';
        put_digits(out + 8, d->day, 2);
        out[10] = '\0';
    }
    return precision_of(d);
}

date_precision_t date_to_slot(const date_t *d, char out[DATE_SLOT_SIZE])
{
    out[0] = '\0';
    if (!date_is_valid(d))
        return DATE_NONE;
    put_digits(out, d->year, 4);
    put_digits(out + 4, d->month, 2);
    put_digits(out + 6, d->day, 2);
    out[8] = '\0';
    return precision_of(d);
}

date_precision_t date_from_slot(const char *s, size_t len, date_t *out)
{
    int v = len == 8 ? digits_value(s, 8) : -1;

    clear_date(out);
    if (v < 0 || !set_ymd(out, v / 10000, v / 100 % 100, v % 100)) {
        clear_date(out);
        return DATE_NONE;
    }
    return precision_of(out);
}

void date_slot_bounds(const date_t *d, char lo[DATE_SLOT_SIZE], char hi[DATE_SLOT_SIZE])
{
    date_to_slot(d, lo);
    memcpy(hi, lo, DATE_SLOT_SIZE);
    if (d->month == 0)
        memcpy(hi + 4, "12", 2);
    if (d->day == 0)
        memcpy(hi + 6, "31", 2);
}

const char *date_month_name(int month)
{
    static const char *const names[12] = {
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"
    };
    return month >= 1 && month <= 12 ? names[month - 1] : NULL;
}
