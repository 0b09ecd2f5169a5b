/* date-lex.c: the tokens of a written date, and the names among them (date-internal.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The input is cut into tokens, at most DATE_TOKENS_MAX and only as far as
 * the reader looks: numbers (ASCII digits), words (letters, folded: lower
 * case, accents dropped) and single punctuation characters (dashes, quotes
 * and bullets mapped to ASCII), each marked with whether white space stood
 * before it.  Every token is bounded (a word over DATE_WORD_MAX bytes
 * names nothing, a number over 9 digits has no value), so nothing reads
 * past the input or overflows.  Names are looked up only in the languages
 * that have one starting with the word's first byte (name_index_t).
 */
#include <stdint.h>
#include <string.h>
#include <threads.h>

#include "date-internal.h"
#include "utf8.h"

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
int date_next_token(parser_t *p)
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
int date_name_at(parser_t *p, int i, int what)
{
    if (!have(p, i) || p->t[i].kind != TOKEN_WORD || p->t[i].word_len == 0)
        return 0;
    if (p->t[i].named[what] < 0)
        p->t[i].named[what] = (signed char)(what == NAME_MONTH ? month_named(p, &p->t[i])
                                                               : weekday_named(p, &p->t[i]));
    return p->t[i].named[what];
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
int date_labels_at(parser_t *p, int i, int ends[], date_label_t kinds[])
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

/* Sets up P to read S[0..LEN) with RULES (may be NULL). */
void date_parser_init(parser_t *p, const char *s, size_t len, const date_rules_t *rules)
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
