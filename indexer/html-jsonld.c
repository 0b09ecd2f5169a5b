/* html-jsonld.c: the article a page's JSON-LD (schema.org) describes.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * JSON-LD in pages is JSON as templates write it: wrapped in HTML
 * comments or CDATA markers, with raw newlines in strings, trailing
 * commas, several values in one script.  json.h's reader is strict on
 * purpose (JSON Lines corpora are data, and an error there is a finding),
 * and hands over only the top object's members; here a small forgiving
 * reader builds a tree of the whole value (depth and size bounded), and
 * the article object is looked for anywhere in it (@graph arrays,
 * mainEntity, lists of objects).
 */
#include <stdlib.h>
#include <string.h>

#include "html-internal.h"
#include "utf8.h"

/* Nesting deeper than this is not read (json.h's bound). */
#define JSONLD_MAX_DEPTH 64
/* Values in one script beyond which the rest is not read: the largest
 * JSON-LD of the html-eval corpus has about 3,000. */
#define JSONLD_MAX_NODES 200000
/* Bytes kept of one string value (an articleBody may be long; nothing
 * trawl reads from JSON-LD is). */
#define JSONLD_MAX_STRING 4096

typedef enum { JV_NULL, JV_STRING, JV_NUMBER, JV_BOOL, JV_ARRAY, JV_OBJECT } jv_kind_t;

typedef struct {
    unsigned char kind;     /* jv_kind_t */
    int key;                /* in an object: the key's string node; else -1 */
    int first, next;        /* first child, next sibling (-1: none) */
    size_t text, len;       /* strings and numbers: in the reader's text buffer */
} jv_t;

typedef struct {
    const char *s;
    size_t len, i;
    jv_t *nodes;
    size_t count, cap;
    buf_t text;
    int failed;             /* out of memory or too many nodes: stop */
} jreader_t;

static int new_node(jreader_t *r, jv_kind_t kind)
{
    if (r->count >= JSONLD_MAX_NODES) {
        r->failed = 1;
        return -1;
    }
    if (r->count == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        jv_t *n = realloc(r->nodes, cap * sizeof *n);
        if (n == NULL) {
            r->failed = 1;
            return -1;
        }
        r->nodes = n;
        r->cap = cap;
    }
    jv_t *v = &r->nodes[r->count];
    v->kind = (unsigned char)kind;
    v->key = v->first = v->next = -1;
    v->text = v->len = 0;
    return (int)r->count++;
}

static int starts(const jreader_t *r, const char *word)
{
    size_t n = strlen(word);
    return r->len - r->i >= n && memcmp(r->s + r->i, word, n) == 0;
}

/* Skips white space and what templates wrap JSON in: HTML comment and
 * CDATA markers, JavaScript comments. */
static void skip_space(jreader_t *r)
{
    while (r->i < r->len) {
        char c = r->s[r->i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            r->i++;
        } else if (starts(r, "<!--")) {
            r->i += 4;
        } else if (starts(r, "-->")) {
            r->i += 3;
        } else if (starts(r, "<![CDATA[")) {
            r->i += 9;
        } else if (starts(r, "]]>")) {
            r->i += 3;
        } else if (starts(r, "//")) {
            while (r->i < r->len && r->s[r->i] != '\n')
                r->i++;
        } else if (starts(r, "/*")) {
            r->i += 2;
            while (r->i < r->len && !starts(r, "*/"))
                r->i++;
            r->i = r->i < r->len ? r->i + 2 : r->len;
        } else {
            break;
        }
    }
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Four hex digits at S[I..I+4), or -1. */
static long hex4(const jreader_t *r, size_t i)
{
    long v = 0;
    if (i + 4 > r->len)
        return -1;
    for (int k = 0; k < 4; k++) {
        int d = hex_digit(r->s[i + k]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static void put_char(jreader_t *r, unsigned ch, size_t start)
{
    char enc[4];
    if (r->text.len - start >= JSONLD_MAX_STRING)
        return;
    size_t n = utf8_encode(ch, enc);
    if (n == 0)
        buf_append(&r->text, "\xEF\xBF\xBD", 3);
    else
        buf_append(&r->text, enc, n);
}

/* A string at r->i (after its opening QUOTE); escapes decoded, raw control
 * characters read as spaces, a lone surrogate as U+FFFD. */
static int read_string(jreader_t *r, char quote)
{
    int node = new_node(r, JV_STRING);
    if (node < 0)
        return -1;
    size_t start = r->text.len;
    while (r->i < r->len && r->s[r->i] != quote) {
        char c = r->s[r->i];
        if (c != '\\') {
            unsigned ch = utf8_decode(r->s, r->len, &r->i);
            if (ch == UTF8_INVALID || ch < 0x20)
                ch = ch == UTF8_INVALID ? 0xFFFD : ' ';
            put_char(r, ch, start);
            continue;
        }
        r->i++;
        if (r->i >= r->len)
            break;
        c = r->s[r->i++];
        unsigned ch;
        switch (c) {
        case 'n': case 'r': case 't': case 'f': case 'b': ch = ' '; break;
        case 'u': {
            long u = hex4(r, r->i);
            if (u < 0) {
                ch = 'u';
                break;
            }
            r->i += 4;
            ch = (unsigned)u;
            if (u >= 0xD800 && u <= 0xDBFF && r->i + 6 <= r->len && r->s[r->i] == '\\'
                && r->s[r->i + 1] == 'u') {
                long lo = hex4(r, r->i + 2);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    ch = 0x10000 + (((unsigned)u - 0xD800) << 10) + ((unsigned)lo - 0xDC00);
                    r->i += 6;
                }
            }
            if (ch >= 0xD800 && ch <= 0xDFFF)
                ch = 0xFFFD;
            break;
        }
        default: ch = (unsigned char)c;   /* \" \\ \/ and unknown escapes */
        }
        put_char(r, ch, start);
    }
    if (r->i < r->len)
        r->i++;   /* the closing quote */
    r->nodes[node].text = start;
    r->nodes[node].len = r->text.len - start;
    buf_putc(&r->text, '\0');
    if (r->text.failed)
        r->failed = 1;
    return node;
}

/* A bare word: a number, true, false, null, or something a template left
 * unquoted (read as a string). */
static int read_word(jreader_t *r)
{
    size_t start = r->i;
    while (r->i < r->len && !strchr(",:]}{[ \t\r\n\"", r->s[r->i]))
        r->i++;
    if (r->i == start) {
        r->i++;   /* a stray character: skip it */
        return -2;
    }
    size_t n = r->i - start;
    const char *w = r->s + start;
    if ((n == 4 && memcmp(w, "null", 4) == 0))
        return new_node(r, JV_NULL);
    if ((n == 4 && memcmp(w, "true", 4) == 0) || (n == 5 && memcmp(w, "false", 5) == 0))
        return new_node(r, JV_BOOL);
    int node = new_node(r, (w[0] == '-' || (w[0] >= '0' && w[0] <= '9')) ? JV_NUMBER : JV_STRING);
    if (node < 0)
        return -1;
    r->nodes[node].text = r->text.len;
    r->nodes[node].len = n < JSONLD_MAX_STRING ? n : JSONLD_MAX_STRING;
    buf_append(&r->text, w, r->nodes[node].len);
    buf_putc(&r->text, '\0');
    if (r->text.failed)
        r->failed = 1;
    return node;
}

static int read_value(jreader_t *r, int depth);

/* An array or object at r->i (after its bracket).  Missing and trailing
 * commas are forgiven; an object member without a colon is skipped. */
static int read_container(jreader_t *r, int depth, int object)
{
    int node = new_node(r, object ? JV_OBJECT : JV_ARRAY), last = -1;
    char close = object ? '}' : ']';
    if (node < 0)
        return -1;
    while (!r->failed) {
        skip_space(r);
        if (r->i >= r->len)
            break;
        char c = r->s[r->i];
        if (c == close) {
            r->i++;
            break;
        }
        if (c == ',' || (c == (object ? ']' : '}'))) {
            r->i++;
            continue;
        }
        int key = -1;
        if (object) {
            key = read_value(r, depth + 1);
            if (key < 0) {
                if (key == -1)
                    return -1;
                continue;
            }
            skip_space(r);
            if (r->i >= r->len || r->s[r->i] != ':')
                continue;
            r->i++;
        }
        int child = read_value(r, depth + 1);
        if (child == -1)
            return -1;
        if (child < 0)
            continue;
        r->nodes[child].key = key;
        if (last < 0)
            r->nodes[node].first = child;
        else
            r->nodes[last].next = child;
        last = child;
    }
    return node;
}

/* A value at r->i.  Returns its node, -1 when reading must stop, -2 when
 * nothing was read here. */
static int read_value(jreader_t *r, int depth)
{
    skip_space(r);
    if (r->i >= r->len || depth > JSONLD_MAX_DEPTH) {
        r->i = r->len;
        return -1;
    }
    char c = r->s[r->i];
    if (c == '{' || c == '[') {
        r->i++;
        return read_container(r, depth, c == '{');
    }
    if (c == '"' || c == '\'') {
        r->i++;
        return read_string(r, c);
    }
    return read_word(r);
}

/* ------------------------------------------------------------ queries */

static const char *node_text(const jreader_t *r, int node)
{
    return r->text.data + r->nodes[node].text;
}

/* The member KEY of object OBJ, or -1. */
static int member(const jreader_t *r, int obj, const char *key)
{
    if (obj < 0 || r->nodes[obj].kind != JV_OBJECT)
        return -1;
    for (int c = r->nodes[obj].first; c >= 0; c = r->nodes[c].next)
        if (r->nodes[c].key >= 0 && strcmp(node_text(r, r->nodes[c].key), key) == 0)
            return c;
    return -1;
}

/* The string value of member KEY (the first string of an array), or NULL. */
static const char *member_string(const jreader_t *r, int obj, const char *key)
{
    int v = member(r, obj, key);
    if (v >= 0 && r->nodes[v].kind == JV_ARRAY)
        v = r->nodes[v].first;
    return v >= 0 && r->nodes[v].kind == JV_STRING && r->nodes[v].len ? node_text(r, v) : NULL;
}

/* How much an object's @type says it is the page's article: 3 for the
 * article types of schema.org, 2 for a web page or another creative work
 * with a headline, 0 for anything else. */
static int article_rank(const jreader_t *r, int obj)
{
    static const char *const article_types[] = {
        "NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle",
        "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
        "ReviewNewsArticle", "LiveBlogPosting", "ScholarlyArticle", "TechArticle",
        "Report", "SocialMediaPosting", "DiscussionForumPosting", "SatiricalArticle",
        "AdvertiserContentArticle", "Review", "Recipe", "HowTo", "PressRelease",
    };
    int type = member(r, obj, "@type"), best = 0;
    if (type < 0)
        return 0;
    int t = r->nodes[type].kind == JV_ARRAY ? r->nodes[type].first : type;
    for (; t >= 0; t = r->nodes[type].kind == JV_ARRAY ? r->nodes[t].next : -1) {
        if (r->nodes[t].kind != JV_STRING)
            continue;
        const char *name = node_text(r, t);
        const char *slash = strrchr(name, '/');   /* "http://schema.org/NewsArticle" */
        if (slash)
            name = slash + 1;
        for (size_t i = 0; i < sizeof article_types / sizeof article_types[0]; i++)
            if (strcmp(name, article_types[i]) == 0)
                best = 3;
        if (best < 2 && (strcmp(name, "WebPage") == 0 || strcmp(name, "ItemPage") == 0
                         || strcmp(name, "CreativeWork") == 0)
            && (member(r, obj, "headline") >= 0 || member(r, obj, "datePublished") >= 0))
            best = 2;
    }
    return best;
}

/* The object whose "@id" is ID, for references such as
 * "author": {"@id": "#person-1"}. */
static int find_by_id(const jreader_t *r, const char *id)
{
    for (size_t i = 0; i < r->count; i++)
        if (r->nodes[i].kind == JV_OBJECT && member(r, (int)i, "name") >= 0) {
            const char *v = member_string(r, (int)i, "@id");
            if (v && strcmp(v, id) == 0)
                return (int)i;
        }
    return -1;
}

/* The name of a person or organisation value: a string, an object with
 * "name" (or an "@id" naming one), or an array of those (joined with
 * ", "). */
static void names_of(const jreader_t *r, int v, buf_t *out)
{
    if (v < 0)
        return;
    int single = r->nodes[v].kind != JV_ARRAY;
    for (int c = single ? v : r->nodes[v].first; c >= 0; c = single ? -1 : r->nodes[c].next) {
        const char *name = NULL;
        if (r->nodes[c].kind == JV_STRING)
            name = node_text(r, c);
        else if (r->nodes[c].kind == JV_OBJECT) {
            name = member_string(r, c, "name");
            const char *id = name ? NULL : member_string(r, c, "@id");
            if (id) {
                int target = find_by_id(r, id);
                name = target >= 0 ? member_string(r, target, "name") : NULL;
            }
        }
        if (name == NULL || name[0] == '\0')
            continue;
        buf_t folded = BUF_INIT;
        page_fold_text(name, strlen(name), &folded);
        if (folded.len && !strstr(out->data ? out->data : "", folded.data)) {
            if (out->len)
                buf_puts(out, ", ");
            buf_append(out, folded.data, folded.len);
        }
        buf_free(&folded);
    }
}

static void set_string(char **field, const char *value)
{
    if (*field || value == NULL)
        return;
    buf_t b = BUF_INIT;
    page_fold_text(value, strlen(value), &b);
    *field = b.len ? buf_detach(&b) : NULL;
    buf_free(&b);
}

static void take_article(const jreader_t *r, int obj, jsonld_t *out)
{
    set_string(&out->headline, member_string(r, obj, "headline"));
    set_string(&out->headline, member_string(r, obj, "name"));
    set_string(&out->date, member_string(r, obj, "datePublished"));
    set_string(&out->date, member_string(r, obj, "dateCreated"));
    set_string(&out->url, member_string(r, obj, "url"));
    int page = member(r, obj, "mainEntityOfPage");
    set_string(&out->url, page >= 0 && r->nodes[page].kind == JV_OBJECT
                              ? member_string(r, page, "@id") : member_string(r, obj, "mainEntityOfPage"));
    if (out->author == NULL) {
        buf_t b = BUF_INIT;
        names_of(r, member(r, obj, "author"), &b);
        if (b.len == 0)
            names_of(r, member(r, obj, "creator"), &b);
        out->author = b.len ? buf_detach(&b) : NULL;
        buf_free(&b);
    }
    if (out->publisher == NULL) {
        buf_t b = BUF_INIT;
        names_of(r, member(r, obj, "publisher"), &b);
        out->publisher = b.len ? buf_detach(&b) : NULL;
        buf_free(&b);
    }
}

void jsonld_read(const char *text, size_t len, jsonld_t *out)
{
    jreader_t r = { text, len, 0, NULL, 0, 0, BUF_INIT, 0 };
    while (r.i < r.len && !r.failed)
        if (read_value(&r, 0) == -1)
            break;
    /* The best article object of this script, if better than one found
     * in an earlier script. */
    int best = -1, rank = 0;
    for (size_t i = 0; i < r.count && r.text.data; i++) {
        if (r.nodes[i].kind != JV_OBJECT)
            continue;
        int k = article_rank(&r, (int)i);
        if (k > rank) {
            rank = k;
            best = (int)i;
        }
        const char *type = member_string(&r, (int)i, "@type");
        if (type && (strcmp(type, "WebSite") == 0 || strcmp(type, "Organization") == 0
                     || strcmp(type, "NewsMediaOrganization") == 0))
            set_string(&out->site_name, member_string(&r, (int)i, "name"));
    }
    if (best >= 0 && rank > out->rank) {
        jsonld_t fresh = { NULL, NULL, NULL, NULL, NULL, out->site_name, rank };
        take_article(&r, best, &fresh);
        out->site_name = NULL;
        jsonld_free(out);
        *out = fresh;
    }
    free(r.nodes);
    buf_free(&r.text);
}

void jsonld_free(jsonld_t *j)
{
    free(j->headline);
    free(j->date);
    free(j->author);
    free(j->publisher);
    free(j->url);
    free(j->site_name);
    memset(j, 0, sizeof *j);
}
