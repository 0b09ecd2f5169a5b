/* charset.c: charset labels, the HTML <meta> prescan, conversion to UTF-8.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "utf8.h"

static const char replacement[] = "\xEF\xBF\xBD";   /* U+FFFD */

/* ------------------------------------------------------------ labels */

/* Longest label trawl knows, plus room: longer text is no label. */
#define LABEL_MAX 40

/* Every label of the WHATWG Encoding Standard ("Encodings" table) that
 * names an encoding glibc's iconv can read, with that encoding's name and
 * iconv's name for it.  NULL for iconv: converted here.  Deviations from
 * the standard, each because iconv reads the same text under another
 * name: gbk is read as GB18030 (the standard's gbk decoder is gb18030's),
 * big5 as Big5-HKSCS, shift_jis as Windows-31J, euc-kr as Windows-949.
 * x-user-defined is read as Windows-1252, as the standard says of a
 * <meta> that names it.  The "replacement" encodings (ISO-2022-KR,
 * HZ-GB-2312, ISO-2022-CN) are left unknown: a page labelled so is read
 * by the fallback rules instead of becoming one U+FFFD. */
static const struct {
    const char *label, *name, *iconv_name;
} labels[] = {
    { "unicode-1-1-utf-8", "utf-8", NULL }, { "unicode11utf8", "utf-8", NULL },
    { "unicode20utf8", "utf-8", NULL }, { "utf-8", "utf-8", NULL },
    { "utf8", "utf-8", NULL }, { "x-unicode20utf8", "utf-8", NULL },
    { "866", "ibm866", "IBM866" }, { "cp866", "ibm866", "IBM866" },
    { "csibm866", "ibm866", "IBM866" }, { "ibm866", "ibm866", "IBM866" },
    { "csisolatin2", "iso-8859-2", "ISO-8859-2" }, { "iso-8859-2", "iso-8859-2", "ISO-8859-2" },
    { "iso-ir-101", "iso-8859-2", "ISO-8859-2" }, { "iso8859-2", "iso-8859-2", "ISO-8859-2" },
    { "iso88592", "iso-8859-2", "ISO-8859-2" }, { "iso_8859-2", "iso-8859-2", "ISO-8859-2" },
    { "iso_8859-2:1987", "iso-8859-2", "ISO-8859-2" }, { "l2", "iso-8859-2", "ISO-8859-2" },
    { "latin2", "iso-8859-2", "ISO-8859-2" },
    { "csisolatin3", "iso-8859-3", "ISO-8859-3" }, { "iso-8859-3", "iso-8859-3", "ISO-8859-3" },
    { "iso-ir-109", "iso-8859-3", "ISO-8859-3" }, { "iso8859-3", "iso-8859-3", "ISO-8859-3" },
    { "iso88593", "iso-8859-3", "ISO-8859-3" }, { "iso_8859-3", "iso-8859-3", "ISO-8859-3" },
    { "iso_8859-3:1988", "iso-8859-3", "ISO-8859-3" }, { "l3", "iso-8859-3", "ISO-8859-3" },
    { "latin3", "iso-8859-3", "ISO-8859-3" },
    { "csisolatin4", "iso-8859-4", "ISO-8859-4" }, { "iso-8859-4", "iso-8859-4", "ISO-8859-4" },
    { "iso-ir-110", "iso-8859-4", "ISO-8859-4" }, { "iso8859-4", "iso-8859-4", "ISO-8859-4" },
    { "iso88594", "iso-8859-4", "ISO-8859-4" }, { "iso_8859-4", "iso-8859-4", "ISO-8859-4" },
    { "iso_8859-4:1988", "iso-8859-4", "ISO-8859-4" }, { "l4", "iso-8859-4", "ISO-8859-4" },
    { "latin4", "iso-8859-4", "ISO-8859-4" },
    { "csisolatincyrillic", "iso-8859-5", "ISO-8859-5" }, { "cyrillic", "iso-8859-5", "ISO-8859-5" },
    { "iso-8859-5", "iso-8859-5", "ISO-8859-5" }, { "iso-ir-144", "iso-8859-5", "ISO-8859-5" },
    { "iso8859-5", "iso-8859-5", "ISO-8859-5" }, { "iso88595", "iso-8859-5", "ISO-8859-5" },
    { "iso_8859-5", "iso-8859-5", "ISO-8859-5" }, { "iso_8859-5:1988", "iso-8859-5", "ISO-8859-5" },
    { "arabic", "iso-8859-6", "ISO-8859-6" }, { "asmo-708", "iso-8859-6", "ISO-8859-6" },
    { "csiso88596e", "iso-8859-6", "ISO-8859-6" }, { "csiso88596i", "iso-8859-6", "ISO-8859-6" },
    { "csisolatinarabic", "iso-8859-6", "ISO-8859-6" }, { "ecma-114", "iso-8859-6", "ISO-8859-6" },
    { "iso-8859-6", "iso-8859-6", "ISO-8859-6" }, { "iso-8859-6-e", "iso-8859-6", "ISO-8859-6" },
    { "iso-8859-6-i", "iso-8859-6", "ISO-8859-6" }, { "iso-ir-127", "iso-8859-6", "ISO-8859-6" },
    { "iso8859-6", "iso-8859-6", "ISO-8859-6" }, { "iso88596", "iso-8859-6", "ISO-8859-6" },
    { "iso_8859-6", "iso-8859-6", "ISO-8859-6" }, { "iso_8859-6:1987", "iso-8859-6", "ISO-8859-6" },
    { "csisolatingreek", "iso-8859-7", "ISO-8859-7" }, { "ecma-118", "iso-8859-7", "ISO-8859-7" },
    { "elot_928", "iso-8859-7", "ISO-8859-7" }, { "greek", "iso-8859-7", "ISO-8859-7" },
    { "greek8", "iso-8859-7", "ISO-8859-7" }, { "iso-8859-7", "iso-8859-7", "ISO-8859-7" },
    { "iso-ir-126", "iso-8859-7", "ISO-8859-7" }, { "iso8859-7", "iso-8859-7", "ISO-8859-7" },
    { "iso88597", "iso-8859-7", "ISO-8859-7" }, { "iso_8859-7", "iso-8859-7", "ISO-8859-7" },
    { "iso_8859-7:1987", "iso-8859-7", "ISO-8859-7" }, { "sun_eu_greek", "iso-8859-7", "ISO-8859-7" },
    { "csiso88598e", "iso-8859-8", "ISO-8859-8" }, { "csisolatinhebrew", "iso-8859-8", "ISO-8859-8" },
    { "hebrew", "iso-8859-8", "ISO-8859-8" }, { "iso-8859-8", "iso-8859-8", "ISO-8859-8" },
    { "iso-8859-8-e", "iso-8859-8", "ISO-8859-8" }, { "iso-ir-138", "iso-8859-8", "ISO-8859-8" },
    { "iso8859-8", "iso-8859-8", "ISO-8859-8" }, { "iso88598", "iso-8859-8", "ISO-8859-8" },
    { "iso_8859-8", "iso-8859-8", "ISO-8859-8" }, { "iso_8859-8:1988", "iso-8859-8", "ISO-8859-8" },
    { "visual", "iso-8859-8", "ISO-8859-8" },
    { "csiso88598i", "iso-8859-8-i", "ISO-8859-8" }, { "iso-8859-8-i", "iso-8859-8-i", "ISO-8859-8" },
    { "logical", "iso-8859-8-i", "ISO-8859-8" },
    { "csisolatin6", "iso-8859-10", "ISO-8859-10" }, { "iso-8859-10", "iso-8859-10", "ISO-8859-10" },
    { "iso-ir-157", "iso-8859-10", "ISO-8859-10" }, { "iso8859-10", "iso-8859-10", "ISO-8859-10" },
    { "iso885910", "iso-8859-10", "ISO-8859-10" }, { "l6", "iso-8859-10", "ISO-8859-10" },
    { "latin6", "iso-8859-10", "ISO-8859-10" },
    { "iso-8859-13", "iso-8859-13", "ISO-8859-13" }, { "iso8859-13", "iso-8859-13", "ISO-8859-13" },
    { "iso885913", "iso-8859-13", "ISO-8859-13" },
    { "iso-8859-14", "iso-8859-14", "ISO-8859-14" }, { "iso8859-14", "iso-8859-14", "ISO-8859-14" },
    { "iso885914", "iso-8859-14", "ISO-8859-14" },
    { "csisolatin9", "iso-8859-15", "ISO-8859-15" }, { "iso-8859-15", "iso-8859-15", "ISO-8859-15" },
    { "iso8859-15", "iso-8859-15", "ISO-8859-15" }, { "iso885915", "iso-8859-15", "ISO-8859-15" },
    { "iso_8859-15", "iso-8859-15", "ISO-8859-15" }, { "l9", "iso-8859-15", "ISO-8859-15" },
    { "iso-8859-16", "iso-8859-16", "ISO-8859-16" },
    { "cskoi8r", "koi8-r", "KOI8-R" }, { "koi", "koi8-r", "KOI8-R" }, { "koi8", "koi8-r", "KOI8-R" },
    { "koi8-r", "koi8-r", "KOI8-R" }, { "koi8_r", "koi8-r", "KOI8-R" },
    { "koi8-ru", "koi8-u", "KOI8-U" }, { "koi8-u", "koi8-u", "KOI8-U" },
    { "csmacintosh", "macintosh", "MACINTOSH" }, { "mac", "macintosh", "MACINTOSH" },
    { "macintosh", "macintosh", "MACINTOSH" }, { "x-mac-roman", "macintosh", "MACINTOSH" },
    { "dos-874", "windows-874", "WINDOWS-874" }, { "iso-8859-11", "windows-874", "WINDOWS-874" },
    { "iso8859-11", "windows-874", "WINDOWS-874" }, { "iso885911", "windows-874", "WINDOWS-874" },
    { "tis-620", "windows-874", "WINDOWS-874" }, { "windows-874", "windows-874", "WINDOWS-874" },
    { "cp1250", "windows-1250", "CP1250" }, { "windows-1250", "windows-1250", "CP1250" },
    { "x-cp1250", "windows-1250", "CP1250" },
    { "cp1251", "windows-1251", "CP1251" }, { "windows-1251", "windows-1251", "CP1251" },
    { "x-cp1251", "windows-1251", "CP1251" },
    { "ansi_x3.4-1968", "windows-1252", NULL }, { "ascii", "windows-1252", NULL },
    { "cp1252", "windows-1252", NULL }, { "cp819", "windows-1252", NULL },
    { "csisolatin1", "windows-1252", NULL }, { "ibm819", "windows-1252", NULL },
    { "iso-8859-1", "windows-1252", NULL }, { "iso-ir-100", "windows-1252", NULL },
    { "iso8859-1", "windows-1252", NULL }, { "iso88591", "windows-1252", NULL },
    { "iso_8859-1", "windows-1252", NULL }, { "iso_8859-1:1987", "windows-1252", NULL },
    { "l1", "windows-1252", NULL }, { "latin1", "windows-1252", NULL },
    { "us-ascii", "windows-1252", NULL }, { "windows-1252", "windows-1252", NULL },
    { "x-cp1252", "windows-1252", NULL }, { "x-user-defined", "windows-1252", NULL },
    { "cp1253", "windows-1253", "CP1253" }, { "windows-1253", "windows-1253", "CP1253" },
    { "x-cp1253", "windows-1253", "CP1253" },
    { "cp1254", "windows-1254", "CP1254" }, { "csisolatin5", "windows-1254", "CP1254" },
    { "iso-8859-9", "windows-1254", "CP1254" }, { "iso-ir-148", "windows-1254", "CP1254" },
    { "iso8859-9", "windows-1254", "CP1254" }, { "iso88599", "windows-1254", "CP1254" },
    { "iso_8859-9", "windows-1254", "CP1254" }, { "iso_8859-9:1989", "windows-1254", "CP1254" },
    { "l5", "windows-1254", "CP1254" }, { "latin5", "windows-1254", "CP1254" },
    { "windows-1254", "windows-1254", "CP1254" }, { "x-cp1254", "windows-1254", "CP1254" },
    { "cp1255", "windows-1255", "CP1255" }, { "windows-1255", "windows-1255", "CP1255" },
    { "x-cp1255", "windows-1255", "CP1255" },
    { "cp1256", "windows-1256", "CP1256" }, { "windows-1256", "windows-1256", "CP1256" },
    { "x-cp1256", "windows-1256", "CP1256" },
    { "cp1257", "windows-1257", "CP1257" }, { "windows-1257", "windows-1257", "CP1257" },
    { "x-cp1257", "windows-1257", "CP1257" },
    { "cp1258", "windows-1258", "CP1258" }, { "windows-1258", "windows-1258", "CP1258" },
    { "x-cp1258", "windows-1258", "CP1258" },
    { "x-mac-cyrillic", "x-mac-cyrillic", "MAC-CYRILLIC" },
    { "x-mac-ukrainian", "x-mac-cyrillic", "MAC-CYRILLIC" },
    { "chinese", "gbk", "GB18030" }, { "csgb2312", "gbk", "GB18030" },
    { "csiso58gb231280", "gbk", "GB18030" }, { "gb2312", "gbk", "GB18030" },
    { "gb_2312", "gbk", "GB18030" }, { "gb_2312-80", "gbk", "GB18030" },
    { "gbk", "gbk", "GB18030" }, { "iso-ir-58", "gbk", "GB18030" }, { "x-gbk", "gbk", "GB18030" },
    { "gb18030", "gb18030", "GB18030" },
    { "big5", "big5", "BIG5-HKSCS" }, { "big5-hkscs", "big5", "BIG5-HKSCS" },
    { "cn-big5", "big5", "BIG5-HKSCS" }, { "csbig5", "big5", "BIG5-HKSCS" },
    { "x-x-big5", "big5", "BIG5-HKSCS" },
    { "cseucpkdfmtjapanese", "euc-jp", "EUC-JP" }, { "euc-jp", "euc-jp", "EUC-JP" },
    { "x-euc-jp", "euc-jp", "EUC-JP" },
    { "csiso2022jp", "iso-2022-jp", "ISO-2022-JP" }, { "iso-2022-jp", "iso-2022-jp", "ISO-2022-JP" },
    { "csshiftjis", "shift_jis", "WINDOWS-31J" }, { "ms932", "shift_jis", "WINDOWS-31J" },
    { "ms_kanji", "shift_jis", "WINDOWS-31J" }, { "shift-jis", "shift_jis", "WINDOWS-31J" },
    { "shift_jis", "shift_jis", "WINDOWS-31J" }, { "sjis", "shift_jis", "WINDOWS-31J" },
    { "windows-31j", "shift_jis", "WINDOWS-31J" }, { "x-sjis", "shift_jis", "WINDOWS-31J" },
    { "cseuckr", "euc-kr", "CP949" }, { "csksc56011987", "euc-kr", "CP949" },
    { "euc-kr", "euc-kr", "CP949" }, { "iso-ir-149", "euc-kr", "CP949" },
    { "korean", "euc-kr", "CP949" }, { "ks_c_5601-1987", "euc-kr", "CP949" },
    { "ks_c_5601-1989", "euc-kr", "CP949" }, { "ksc5601", "euc-kr", "CP949" },
    { "ksc_5601", "euc-kr", "CP949" }, { "windows-949", "euc-kr", "CP949" },
    { "unicodefffe", "utf-16be", "UTF-16BE" }, { "utf-16be", "utf-16be", "UTF-16BE" },
    { "csunicode", "utf-16le", "UTF-16LE" }, { "iso-10646-ucs-2", "utf-16le", "UTF-16LE" },
    { "ucs-2", "utf-16le", "UTF-16LE" }, { "unicode", "utf-16le", "UTF-16LE" },
    { "unicodefeff", "utf-16le", "UTF-16LE" }, { "utf-16", "utf-16le", "UTF-16LE" },
    { "utf-16le", "utf-16le", "UTF-16LE" },
};

static int is_label_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The table entry for LABEL[0..LEN), or -1. */
static int label_index(const char *label, size_t len)
{
    char key[LABEL_MAX + 1];
    while (len && (is_label_space(label[0]) || label[0] == '"' || label[0] == '\''))
        label++, len--;
    while (len && (is_label_space(label[len - 1]) || label[len - 1] == '"'
                   || label[len - 1] == '\''))
        len--;
    if (len == 0 || len > LABEL_MAX)
        return -1;
    for (size_t i = 0; i < len; i++)
        key[i] = ascii_lower(label[i]);
    key[len] = '\0';
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].label, key) == 0)
            return (int)i;
    return -1;
}

const char *charset_canonical(const char *label, size_t len)
{
    int i = label_index(label, len);
    return i < 0 ? NULL : labels[i].name;
}

/* iconv's name for the canonical NAME, or NULL for the encodings converted
 * here (UTF-8 and Windows-1252). */
static const char *iconv_name_of(const char *name)
{
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].name, name) == 0)
            return labels[i].iconv_name;
    return NULL;
}

/* -------------------------------------------------------- conversion */

/* Windows-1252's 0x80-0x9F (WHATWG index-windows-1252); 0 for the five
 * unassigned bytes, read as U+FFFD. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0
};

static void windows1252_to_utf8(const char *s, size_t len, buf_t *out)
{
    size_t run = 0;   /* s[run..i) is ASCII, copied as it is */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80)
            continue;
        buf_append(out, s + run, i - run);
        run = i + 1;
        unsigned ch = c >= 0xA0 ? c : cp1252_high[c - 0x80];
        if (ch == 0) {
            buf_puts(out, replacement);
            continue;
        }
        char enc[4];
        buf_append(out, enc, utf8_encode(ch, enc));
    }
    buf_append(out, s + run, len - run);
}

/* UTF-8 with every byte that starts no valid sequence replaced. */
static void utf8_repair(const char *s, size_t len, buf_t *out)
{
    size_t run = 0;
    for (size_t i = utf8_ascii_span(s, len); i < len; i += utf8_ascii_span(s + i, len - i)) {
        size_t start = i;
        if (utf8_decode(s, len, &i) != UTF8_INVALID)
            continue;
        buf_append(out, s + run, start - run);
        buf_puts(out, replacement);
        run = i;
    }
    buf_append(out, s + run, len - run);
}

/* Converts through iconv from ICONV_NAME.  Returns 0, -1 when iconv does
 * not know the name, -2 when memory runs out. */
static int iconv_to_utf8(const char *iconv_name, const char *s, size_t len, buf_t *out)
{
    iconv_t cd = iconv_open("UTF-8", iconv_name);
    if (cd == (iconv_t)-1)
        return -1;
    char *in = (char *)s;
    size_t in_left = len;
    while (in_left > 0) {
        /* Three bytes out per byte in covers every encoding listed (a
         * UTF-16 unit or a double-byte character gives at most three). */
        size_t room = in_left < 4096 ? in_left * 3 + 16 : 3 * 4096 + 16;
        char *space = buf_space(out, room);
        if (space == NULL)
            break;
        char *o = space;
        size_t o_left = room;
        size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
        out->len += room - o_left;
        out->data[out->len] = '\0';
        if (rc != (size_t)-1 || errno == E2BIG)
            continue;
        /* EILSEQ: a byte that starts no character; EINVAL: a character cut
         * off at the end.  Either is one U+FFFD, then the next byte. */
        buf_puts(out, replacement);
        if (errno == EINVAL)
            break;
        in++, in_left--;
        iconv(cd, NULL, NULL, NULL, NULL);   /* back to the initial shift state */
    }
    /* Flush a stateful encoding's pending output (ISO-2022-JP). */
    char tail[16], *o = tail;
    size_t o_left = sizeof tail;
    if (iconv(cd, NULL, NULL, &o, &o_left) != (size_t)-1)
        buf_append(out, tail, sizeof tail - o_left);
    iconv_close(cd);
    return out->failed ? -2 : 0;
}

int charset_to_utf8(const char *label, const char *bytes, size_t len, buf_t *out)
{
    const char *name = charset_canonical(label, strlen(label));
    if (name == NULL)
        return -1;
    const char *via = iconv_name_of(name);
    if (via != NULL)
        return iconv_to_utf8(via, bytes, len, out);
    if (strcmp(name, "utf-8") == 0)
        utf8_repair(bytes, len, out);
    else
        windows1252_to_utf8(bytes, len, out);
    return out->failed ? -2 : 0;
}

/* ------------------------------------------------- Content-Type, meta */

/* Finds "charset", then optional white space, "=" and white space, in
 * S[*I..LEN) (ASCII case ignored); leaves *I after them and returns 1, or
 * returns 0 when there is none.  Shared by the Content-Type header and
 * <meta content>, which the HTML standard reads the same way. */
static int find_charset_equals(const char *s, size_t len, size_t *i)
{
    static const char word[] = "charset";
    for (size_t at = *i; at + 7 <= len; at++) {
        size_t k = 0;
        while (k < 7 && ascii_lower(s[at + k]) == word[k])
            k++;
        if (k < 7)
            continue;
        size_t j = at + 7;
        while (j < len && is_label_space(s[j]))
            j++;
        if (j >= len || s[j] != '=')
            continue;
        j++;
        while (j < len && is_label_space(s[j]))
            j++;
        *i = j;
        return 1;
    }
    return 0;
}

/* The label after "charset=" at S[I..LEN): quoted (to the closing quote,
 * which must be there) or bare (to white space or ';'). */
static int charset_value(const char *s, size_t len, size_t i,
                         const char **label, size_t *label_len)
{
    if (i < len && (s[i] == '"' || s[i] == '\'')) {
        const char *close = memchr(s + i + 1, s[i], len - i - 1);
        if (close == NULL)
            return 0;
        *label = s + i + 1;
        *label_len = (size_t)(close - (s + i + 1));
        return 1;
    }
    size_t end = i;
    while (end < len && !is_label_space(s[end]) && s[end] != ';')
        end++;
    *label = s + i;
    *label_len = end - i;
    return end > i;
}

int charset_from_content_type(const char *value, size_t len,
                              const char **label, size_t *label_len)
{
    size_t i = 0;
    return find_charset_equals(value, len, &i) && charset_value(value, len, i, label, label_len);
}

/* An attribute as the prescan reads it: name and value lower-cased, cut
 * to their buffers (a longer value is no label trawl could know). */
typedef struct {
    char name[16], value[512];
    size_t name_len, value_len;
} prescan_attr_t;

static int is_prescan_space(char c)
{
    return is_label_space(c) || c == '/';
}

static void attr_add(char *dst, size_t *n, size_t size, char c)
{
    if (*n + 1 < size)
        dst[(*n)++] = ascii_lower(c);
    dst[*n] = '\0';
}

/* The HTML standard's "get an attribute" at S[*I..LEN).  Returns 1 with
 * *A filled, 0 when the tag ends ('>'), -1 at the end of the input. */
static int prescan_attribute(const char *s, size_t len, size_t *i, prescan_attr_t *a)
{
    size_t p = *i;
    a->name_len = a->value_len = 0;
    a->name[0] = a->value[0] = '\0';
    while (p < len && is_prescan_space(s[p]))
        p++;
    if (p >= len)
        return -1;
    if (s[p] == '>') {
        *i = p;
        return 0;
    }
    for (;; p++) {   /* the name */
        if (p >= len)
            return -1;
        if (s[p] == '=' && a->name_len > 0)
            break;
        if (is_label_space(s[p])) {
            while (p < len && is_label_space(s[p]))
                p++;
            if (p >= len)
                return -1;
            if (s[p] != '=') {
                *i = p;
                return 1;
            }
            break;
        }
        if (s[p] == '/' || s[p] == '>') {
            *i = p;
            return 1;
        }
        attr_add(a->name, &a->name_len, sizeof a->name, s[p]);
    }
    p++;   /* past '=' */
    while (p < len && is_label_space(s[p]))
        p++;
    if (p >= len)
        return -1;
    if (s[p] == '"' || s[p] == '\'') {
        char quote = s[p++];
        for (; p < len && s[p] != quote; p++)
            attr_add(a->value, &a->value_len, sizeof a->value, s[p]);
        if (p >= len)
            return -1;
        *i = p + 1;
        return 1;
    }
    if (s[p] == '>') {
        *i = p;
        return 1;
    }
    for (; p < len && !is_label_space(s[p]) && s[p] != '>'; p++)
        attr_add(a->value, &a->value_len, sizeof a->value, s[p]);
    if (p >= len)
        return -1;
    *i = p;
    return 1;
}

static int starts_with_ci(const char *s, size_t len, size_t i, const char *word)
{
    for (size_t k = 0; word[k]; k++)
        if (i + k >= len || ascii_lower(s[i + k]) != word[k])
            return 0;
    return 1;
}

static int is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void note_bogus(char *bogus, size_t bogus_size, const char *label, size_t len)
{
    if (bogus == NULL || bogus_size == 0 || bogus[0] != '\0')
        return;
    if (len >= bogus_size)
        len = bogus_size - 1;
    memcpy(bogus, label, len);
    bogus[len] = '\0';
}

/* The attributes of a <meta> at S[*I..LEN) (after "<meta"): the encoding
 * they state, or NULL.  Returns -1 in *END when the input ended inside the
 * tag. */
static const char *prescan_meta_tag(const char *s, size_t len, size_t *i, int *end,
                                    char *bogus, size_t bogus_size)
{
    prescan_attr_t a;
    int got_pragma = 0, need_pragma = -1;   /* -1: neither content nor charset seen */
    int seen_http_equiv = 0, seen_content = 0, seen_charset = 0;
    const char *charset = NULL;
    int rc;
    while ((rc = prescan_attribute(s, len, i, &a)) == 1) {
        if (strcmp(a.name, "http-equiv") == 0 && !seen_http_equiv) {
            seen_http_equiv = 1;
            got_pragma |= strcmp(a.value, "content-type") == 0;
        } else if (strcmp(a.name, "content") == 0 && !seen_content) {
            const char *label;
            size_t label_len, at = 0;
            seen_content = 1;
            if (charset == NULL && find_charset_equals(a.value, a.value_len, &at)
                && charset_value(a.value, a.value_len, at, &label, &label_len)) {
                charset = charset_canonical(label, label_len);
                if (charset == NULL)
                    note_bogus(bogus, bogus_size, label, label_len);
                need_pragma = 1;
            }
        } else if (strcmp(a.name, "charset") == 0 && !seen_charset) {
            seen_charset = 1;
            charset = charset_canonical(a.value, a.value_len);
            if (charset == NULL)
                note_bogus(bogus, bogus_size, a.value, a.value_len);
            need_pragma = 0;
        }
    }
    *end = rc < 0;
    if (need_pragma < 0 || (need_pragma == 1 && !got_pragma) || charset == NULL)
        return NULL;
    if (strncmp(charset, "utf-16", 6) == 0)
        return "utf-8";
    return charset;
}

const char *charset_prescan_meta(const char *bytes, size_t len, char *bogus, size_t bogus_size)
{
    size_t end = len < CHARSET_PRESCAN_BYTES ? len : CHARSET_PRESCAN_BYTES;
    size_t i = 0;
    if (bogus && bogus_size)
        bogus[0] = '\0';
    while (i < end) {
        if (bytes[i] != '<') {
            const char *lt = memchr(bytes + i, '<', end - i);
            if (lt == NULL)
                break;
            i = (size_t)(lt - bytes);
        }
        if (starts_with_ci(bytes, end, i, "<!--")) {
            size_t k = i + 2;   /* "<!-->" ends where it starts */
            while (k + 3 <= end && memcmp(bytes + k, "-->", 3) != 0)
                k++;
            if (k + 3 > end)
                break;
            i = k + 3;
        } else if (starts_with_ci(bytes, end, i, "<meta") && i + 5 < end
                   && is_prescan_space(bytes[i + 5])) {
            int stop = 0;
            i += 5;
            const char *found = prescan_meta_tag(bytes, end, &i, &stop, bogus, bogus_size);
            if (found || stop)
                return found;
            i++;
        } else if (i + 1 < end && (is_ascii_letter(bytes[i + 1])
                   || (bytes[i + 1] == '/' && i + 2 < end && is_ascii_letter(bytes[i + 2])))) {
            prescan_attr_t a;
            int rc;
            while (i < end && !is_label_space(bytes[i]) && bytes[i] != '>')
                i++;
            while ((rc = prescan_attribute(bytes, end, &i, &a)) == 1)
                ;
            if (rc < 0)
                break;
            i++;
        } else if (i + 1 < end && (bytes[i + 1] == '!' || bytes[i + 1] == '/'
                                   || bytes[i + 1] == '?')) {
            const char *gt = memchr(bytes + i, '>', end - i);
            if (gt == NULL)
                break;
            i = (size_t)(gt - bytes) + 1;
        } else {
            i++;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------ a page */

static void warn_label(buf_t *w, const char *where, const char *label, size_t len)
{
    buf_printf(w, "%sunknown charset '", w->len ? "; " : "");
    /* The label is page text: keep the message one printable line. */
    for (size_t i = 0; i < len && i < LABEL_MAX; i++)
        buf_putc(w, (unsigned char)label[i] >= 0x20 && (unsigned char)label[i] < 0x7F
                        ? label[i] : '?');
    buf_printf(w, "'%s in %s ignored", len > LABEL_MAX ? "..." : "", where);
}

/* The encoding a byte order mark at the start of S names, and its length. */
static const char *bom_charset(const char *s, size_t len, size_t *bom_len)
{
    const unsigned char *u = (const unsigned char *)s;
    *bom_len = 0;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        return *bom_len = 3, "utf-8";
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return *bom_len = 2, "utf-16be";
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return *bom_len = 2, "utf-16le";
    return NULL;
}

int charset_decode_html(const char *bytes, size_t len, const char *content_type,
                        buf_t *out, charset_result_t *result)
{
    /* The candidates in order of precedence; the first that converts wins
     * (UTF-8 and Windows-1252 always do). */
    struct { const char *name; charset_source_t source; } cand[5];
    size_t n = 0, bom_len;
    buf_t warning = BUF_INIT;
    const char *label, *bom = bom_charset(bytes, len, &bom_len);
    size_t label_len;
    char bogus[LABEL_MAX + 1];

    if (content_type && charset_from_content_type(content_type, strlen(content_type),
                                                  &label, &label_len)) {
        const char *name = charset_canonical(label, label_len);
        if (name)
            cand[n].name = name, cand[n++].source = CHARSET_FROM_HEADER;
        else
            warn_label(&warning, "Content-Type", label, label_len);
    }
    if (bom)
        cand[n].name = bom, cand[n++].source = CHARSET_FROM_BOM;
    const char *meta = charset_prescan_meta(bytes, len, bogus, sizeof bogus);
    if (meta)
        cand[n].name = meta, cand[n++].source = CHARSET_FROM_META;
    else if (bogus[0])
        warn_label(&warning, "<meta>", bogus, strlen(bogus));
    if (utf8_valid(bytes, len))
        cand[n].name = "utf-8", cand[n++].source = CHARSET_FROM_UTF8;
    cand[n].name = "windows-1252", cand[n++].source = CHARSET_FROM_DEFAULT;

    for (size_t k = 0; k < n; k++) {
        /* A byte order mark is not text, whichever rule decided, as long
         * as it is the mark of the encoding used. */
        size_t skip = bom && strcmp(bom, cand[k].name) == 0 ? bom_len : 0;
        size_t before = out->len;
        int rc = charset_to_utf8(cand[k].name, bytes + skip, len - skip, out);
        if (rc == -2)
            break;
        if (rc == 0) {
            result->charset = cand[k].name;
            result->source = cand[k].source;
            result->warning = warning.len && !warning.failed ? buf_detach(&warning) : NULL;
            buf_free(&warning);
            return 0;
        }
        out->len = before;   /* iconv cannot read it here: say so, go on */
        if (out->data)
            out->data[before] = '\0';
        buf_printf(&warning, "%scharset '%s' cannot be converted, ignored",
                   warning.len ? "; " : "", cand[k].name);
    }
    buf_free(&warning);
    result->charset = NULL;
    result->warning = NULL;
    return -2;
}
