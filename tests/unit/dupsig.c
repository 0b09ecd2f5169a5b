/* dupsig.c: unit tests of near-duplicate signatures (dupsig.h) and grouping (dupgroup.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "bandtable.h"
#include "dupgroup.h"
#include "dupsig.h"
#include "tap.h"

/* A made-up wire story (written for this test) and its paragraphs. */
static const char *const story[] = {
    "The harbour authority in Port Carrow has approved a plan to deepen the main shipping "
    "channel, clearing the way for larger container vessels to dock at the town for the "
    "first time since the quay was rebuilt in 1987.",
    "Officials said the dredging work would begin in the spring and take about eighteen "
    "months, at a cost of 42 million pounds shared between the authority, the regional "
    "council and two private terminal operators. The channel will be cut to a depth of "
    "fourteen metres along a four kilometre stretch.",
    "Fishing groups had opposed the scheme, warning that silt stirred up by the dredgers "
    "could smother the mussel beds on which forty local boats depend. The authority agreed "
    "to fund an independent survey of the beds every three months while the work goes on, "
    "and to halt dredging if the survey finds lasting harm.",
    "Supporters argue the port has lost business to its rivals along the coast because the "
    "newest ships cannot enter its waters at low tide. A study commissioned by the council "
    "estimated that the deeper channel could bring six hundred jobs to the area within a "
    "decade, most of them in haulage and warehousing.",
    "The chairman of the authority, Margaret Ellison, said the decision followed two years "
    "of consultation. \"We have listened to every group with a stake in the harbour, and we "
    "believe this plan protects the fishing fleet while giving the port a future,\" she said. "
    "Opponents have six weeks to ask for a judicial review."
};
#define STORY_PARAGRAPHS (sizeof story / sizeof story[0])

/* A different story on the same topic (written for this test). */
static const char *const other_story[] = {
    "Dock workers at Port Carrow walked out on Tuesday in a dispute over night shifts, "
    "leaving three cargo ships waiting in the bay as the harbour authority and the union "
    "traded blame for the breakdown of talks.",
    "The union said its members had been asked to work extra hours without notice since the "
    "terminal changed hands last year. The authority said it had offered a pay rise and a "
    "review of the rota, and that the strike would cost the port trade it could not win back.",
    "Talks are expected to resume next week with a mediator from the regional council."
};
#define OTHER_PARAGRAPHS (sizeof other_story / sizeof other_story[0])

static analyzer_t *analyzer;
static dupsig_builder_t *builder;

/* The signature of PARAGRAPHS; returns dupsig_builder_finish()'s result. */
static int sign(const char *const *paragraphs, size_t count, dupsig_t *sig)
{
    dupsig_builder_reset(builder);
    for (size_t i = 0; i < count; i++)
        if (dupsig_builder_add_text(builder, paragraphs[i], strlen(paragraphs[i])) != 0)
            return -1;
    return dupsig_builder_finish(builder, sig);
}

static int sign_text(const char *text, dupsig_t *sig)
{
    return sign(&text, 1, sig);
}

/* STORY with EDIT applied to a copy of its paragraphs; *COUNT paragraphs. */
typedef struct {
    const char *name;
    const char *banner;         /* a line put first, or NULL */
    size_t cut_last;            /* paragraphs cut from the end */
    const char *changes[3][2];  /* words replaced: old, new */
    const char *update;         /* a paragraph added at the end, or NULL */
} edit_t;

static char *replace_word(const char *text, const char *old, const char *new)
{
    const char *at = strstr(text, old);
    size_t len = strlen(text) - (at ? strlen(old) : 0) + (at ? strlen(new) : 0);
    char *out = malloc(len + 1);
    if (at == NULL) {
        strcpy(out, text);
        return out;
    }
    memcpy(out, text, (size_t)(at - text));
    strcpy(out + (at - text), new);
    strcat(out, at + strlen(old));
    return out;
}

static size_t apply_edit(const edit_t *e, char **out)
{
    size_t n = 0;
    if (e->banner)
        out[n++] = strdup(e->banner);
    for (size_t i = 0; i + e->cut_last < STORY_PARAGRAPHS; i++) {
        char *p = strdup(story[i]);
        for (size_t c = 0; c < 3 && e->changes[c][0]; c++) {
            char *q = replace_word(p, e->changes[c][0], e->changes[c][1]);
            free(p);
            p = q;
        }
        out[n++] = p;
    }
    if (e->update)
        out[n++] = strdup(e->update);
    return n;
}

static void test_exact_copies(void)
{
    dupsig_t a, b, c;
    const char *joined_parts[] = { story[0], story[1] };
    char joined[2048];
    snprintf(joined, sizeof joined, "%s %s", story[0], story[1]);

    is_int(sign(story, STORY_PARAGRAPHS, &a), 1, "a story is signed");
    is_int(sign(story, STORY_PARAGRAPHS, &b), 1, "its copy is signed");
    ok(dupsig_same(&a, &b), "an exact copy has the same signature");
    is_int((long)dupsig_equal_rows(&a, &b), DUPSIG_ROWS, "... equal on every row");
    ok(dupsig_similarity(&a, &b) == 1.0, "... similarity 1");

    sign(joined_parts, 2, &a);
    sign_text(joined, &b);
    ok(dupsig_same(&a, &b), "paragraphs split differently: the same signature");

    sign_text("England\xe2\x80\x99s COACH said the team were ready for the final tonight", &a);
    sign_text("england's coach said the team were ready for the final tonight", &c);
    ok(dupsig_same(&a, &c), "case and apostrophes are folded as the analyzer folds them");

    /* Words fed one at a time (the indexer's own tokens) give the same. */
    static const char *const words[] = { "england's", "coach", "said", "the", "team", "were",
                                         "ready", "for", "the", "final", "tonight" };
    dupsig_builder_reset(builder);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        dupsig_builder_add_word(builder, words[i], strlen(words[i]));
    is_int((long)dupsig_builder_word_count(builder), 11, "dupsig_builder_add_word() counts words");
    dupsig_builder_finish(builder, &b);
    ok(dupsig_same(&b, &c), "dupsig_builder_add_word() gives what add_text gives");
}

static void test_edits(void)
{
    static const edit_t edits[] = {
        { "banner line", "From the Capital Wire news desk, 3 March", 0, { { 0 } }, NULL },
        { "last paragraph cut", NULL, 1, { { 0 } }, NULL },
        { "three words changed", NULL, 0,
          { { "approved", "backed" }, { "eighteen", "twenty" }, { "opposed", "fought" } }, NULL },
        { "update added", NULL, 0, { { 0 } },
          "Update: the regional council voted on Thursday evening to release its share of "
          "the money, and the first dredger is due in the harbour in April." },
        { "all of them", "Capital Wire | 3 March", 1,
          { { "approved", "backed" }, { "forty", "fifty" }, { 0 } },
          "Update: the council has released its share of the money." },
    };
    dupsig_t original, copy;
    sign(story, STORY_PARAGRAPHS, &original);
    for (size_t e = 0; e < sizeof edits / sizeof edits[0]; e++) {
        char *paragraphs[STORY_PARAGRAPHS + 2];
        size_t n = apply_edit(&edits[e], paragraphs);
        sign((const char *const *)paragraphs, n, &copy);
        unsigned rows = dupsig_equal_rows(&original, &copy);
        ok(rows >= DUPGROUP_MIN_EQUAL_ROWS && rows < DUPSIG_ROWS,
           "%s: %u rows equal, at least %d and not all", edits[e].name, rows,
           DUPGROUP_MIN_EQUAL_ROWS);
        ok(dupsig_share_band(&original, &copy), "%s: the copy shares a band key", edits[e].name);
        for (size_t i = 0; i < n; i++)
            free(paragraphs[i]);
    }
}

static void test_unrelated(void)
{
    dupsig_t a, b, c;
    sign(story, STORY_PARAGRAPHS, &a);
    sign(other_story, OTHER_PARAGRAPHS, &b);
    unsigned rows = dupsig_equal_rows(&a, &b);
    ok(rows < 10, "a different story on the same topic: %u rows equal, fewer than 10", rows);
    ok(!dupsig_share_band(&a, &b), "... no band key in common");
    sign_text("Cats sleep for most of the day and hunt at dusk when the light is low.", &c);
    ok(dupsig_equal_rows(&a, &c) < 5, "an unrelated text: fewer than 5 rows equal");
}

static void test_short_bodies(void)
{
    dupsig_t sig, empty1, empty2;
    memset(&sig, 0xff, sizeof sig);
    is_int(sign_text("Seven words are too few for this.", &sig), 0,
           "7 words: no signature (DUPSIG_MIN_WORDS 8)");
    dupsig_t zero = { { 0 }, 0 };
    ok(dupsig_same(&sig, &zero), "... and the signature is zeroed");
    is_int(sign_text("Eight words are just enough for a signature.", &sig), 1, "8 words: signed");
    is_int(sign(NULL, 0, &empty1), 0, "an empty body: no signature");
    is_int(sign_text("  -- ... !!! ", &empty2), 0, "a body without words: no signature");
    is_int(sign_text("one two three four five six seven eight nine", &sig), 1,
           "the builder is reset by finish: 9 words signed");
    is_int((long)dupsig_builder_word_count(builder), 0, "... and counts from 0 again");
}

/* Pinned values: a change here changes every stored signature and band
 * key, and an index built before would group wrongly.  Change them only
 * with SCHEMA_VERSION. */
#define PIN_ROW0 12009
#define PIN_ROW1 15008
#define PIN_ROW127 29782
#define PIN_BYTES "e92ea03a61662f7f"
#define PIN_KEY0 "XB3bce127d44"
#define PIN_KEY_LAST "XBa6cf96a47f"
#define PIN_SHORT_ROW0 54294

static void test_stable_values(void)
{
    dupsig_t sig, decoded;
    unsigned char bytes[DUPSIG_BYTES];
    char key[DUPSIG_KEY_SIZE], hex[2 * 8 + 1];

    sign(story, STORY_PARAGRAPHS, &sig);
    is_int(sig.row[0], PIN_ROW0, "pinned: row 0");
    is_int(sig.row[1], PIN_ROW1, "pinned: row 1");
    is_int(sig.row[127], PIN_ROW127, "pinned: row 127");
    dupsig_encode(&sig, bytes);
    for (size_t i = 0; i < 8; i++)
        snprintf(hex + 2 * i, 3, "%02x", bytes[i]);
    is_str(hex, PIN_BYTES, "pinned: the first 8 stored bytes (little-endian rows)");
    dupsig_band_key(&sig, 0, key);
    is_str(key, PIN_KEY0, "pinned: band key 0");
    dupsig_band_key(&sig, DUPSIG_BANDS - 1, key);
    is_str(key, PIN_KEY_LAST, "pinned: the last band key");
    is_int((long)strlen(key), DUPSIG_KEY_LEN, "a band key is DUPSIG_KEY_LEN bytes");
    ok(strncmp(key, DUPSIG_KEY_PREFIX, 2) == 0 && strspn(key + 2, "0123456789abcdef") == 10,
       "... \"XB\" and 10 lower-case hex digits");
    /* The regrouping after --jobs keys bands by number: it must be the
     * number the term spells, band for band. */
    int hashes_spell_keys = 1;
    for (unsigned band = 0; band < DUPSIG_BANDS; band++) {
        char spelled[DUPSIG_KEY_SIZE];
        dupsig_band_key(&sig, band, key);
        snprintf(spelled, sizeof spelled, "XB%010llx",
                 (unsigned long long)dupsig_band_hash(&sig, band));
        hashes_spell_keys &= strcmp(spelled, key) == 0;
    }
    ok(hashes_spell_keys, "dupsig_band_hash() is the number each band key spells");

    sign_text("one two three four five six seven eight", &sig);
    is_int(sig.row[0], PIN_SHORT_ROW0, "pinned: row 0 of an 8-word body");

    is_int(dupsig_decode(bytes, sizeof bytes, &decoded), 0, "decode: DUPSIG_BYTES bytes");
    sign(story, STORY_PARAGRAPHS, &sig);
    ok(dupsig_same(&sig, &decoded) && decoded.quoting == 0,
       "decode(encode(sig)) is sig");
    is_int(bytes[DUPSIG_ROWS_BYTES], 0, "the flag byte of a body that quotes nothing is 0");
    decoded.quoting = 1;
    is_int(dupsig_decode(bytes, DUPSIG_ROWS_BYTES, &decoded), 0,
           "decode: the rows alone (an index written before the flag byte)");
    is_int(decoded.quoting, 0, "... read as not quoting");
    is_int(dupsig_decode(bytes, DUPSIG_ROWS_BYTES - 1, &decoded), -1, "decode: a wrong length fails");
    is_int(dupsig_decode(bytes, DUPSIG_BYTES + 1, &decoded), -1, "decode: one byte too many fails");
    is_int(dupsig_builder_set_shingle_words(builder, 0), -1, "shingle of 0 words refused");
    is_int(dupsig_builder_set_shingle_words(builder, DUPSIG_MAX_SHINGLE_WORDS + 1), -1,
           "shingle over DUPSIG_MAX_SHINGLE_WORDS refused");
}

/* A reply quotes the post it answers: its signature is marked quoting, and
 * a pair with such a body needs DUPGROUP_QUOTING_EXTRA_ROWS more rows. */
static void test_quoting(void)
{
    static const char *const reply[] = {
        "> There is a program called Graphic Workshop you can FTP from > wuarchive. "
        "The file is in the msdos/graphics directory",
        "Could you be more specific? I need that file too but could not find it.",
    };
    static const char *const one_quote[] = {
        "In article <x@y>, someone writes: >Anyway, over the weekend I was resting on the sofa",
        "Hams can legally run up to 1500 watts from a car or a house.",
    };
    dupsig_t sig, a, b;
    unsigned char bytes[DUPSIG_BYTES];

    sign(reply, 2, &sig);
    is_int(sig.quoting, 1, "quoting: two quoted lines ('> ' at a paragraph start and after a space)");
    dupsig_encode(&sig, bytes);
    is_int(bytes[DUPSIG_ROWS_BYTES], DUPSIG_FLAG_QUOTING, "... stored in the flag byte");
    sig.quoting = 0;
    is_int(dupsig_decode(bytes, sizeof bytes, &sig), 0, "... decoded");
    is_int(sig.quoting, 1, "... as quoting");
    sign(one_quote, 2, &sig);
    is_int(sig.quoting, 0, "one quoted line ('>Anyway') is not quoting");
    sign_text("If x > y and y > z then x >= z, which every pupil learns in the first year.", &sig);
    is_int(sig.quoting, 1, "'x > y' twice counts as two marks (a rule of the text, not of the corpus)");
    sign_text("Prices rose >= 5% and x>y in the first year of the new scheme for all.", &sig);
    is_int(sig.quoting, 0, "'>=' and a '>' inside a word are no marks");
    sign_text("> one > two", &sig);
    is_int(sig.quoting, 0, "a body too short to sign is never quoting");

    dupsig_builder_reset(builder);
    dupsig_builder_see_quotes(builder, "> a", 3);
    dupsig_builder_see_quotes(builder, "> b", 3);
    static const char *const words[] = { "one", "two", "three", "four", "five", "six",
                                         "seven", "eight", "nine" };
    for (size_t i = 0; i < 9; i++)
        dupsig_builder_add_word(builder, words[i], strlen(words[i]));
    is_int(dupsig_builder_finish(builder, &sig), 1, "words fed one by one: signed");
    is_int(sig.quoting, 1, "... quoting from dupsig_builder_see_quotes()");

    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    for (unsigned i = 0; i < DUPSIG_ROWS; i++) {
        a.row[i] = (uint16_t)i;
        b.row[i] = (uint16_t)(i < DUPGROUP_MIN_EQUAL_ROWS ? i : i + 1000);
    }
    ok(dupgroup_similar(&a, &b, DUPGROUP_MIN_EQUAL_ROWS), "similar: the threshold's rows agree");
    b.quoting = 1;
    ok(!dupgroup_similar(&a, &b, DUPGROUP_MIN_EQUAL_ROWS), "... not when one quotes");
    for (unsigned i = 0; i < DUPGROUP_MIN_EQUAL_ROWS + DUPGROUP_QUOTING_EXTRA_ROWS; i++)
        b.row[i] = (uint16_t)i;
    ok(dupgroup_similar(&b, &a, DUPGROUP_MIN_EQUAL_ROWS),
       "... until DUPGROUP_QUOTING_EXTRA_ROWS more rows agree");
    b.row[DUPGROUP_MIN_EQUAL_ROWS + DUPGROUP_QUOTING_EXTRA_ROWS - 1] = 9999;
    ok(!dupgroup_similar(&b, &a, DUPGROUP_MIN_EQUAL_ROWS), "... and one fewer does not");
}

/* ------------------------------------------------------------- grouping */

typedef struct {
    char id[16];
    char date[9];
    dupsig_t sig;
    int has_sig;
    char group[16];             /* "" when not indexed */
} entry_t;

typedef struct {
    entry_t entries[64];
    size_t count;
    int ignore_leaders_only;    /* list everything (and say so), to test the
                                 * module's filter and its reuse of the list */
    size_t set_group_calls;
} fake_index_t;

static entry_t *entry(fake_index_t *f, const char *id)
{
    for (size_t i = 0; i < f->count; i++)
        if (strcmp(f->entries[i].id, id) == 0)
            return &f->entries[i];
    return NULL;
}

static int fake_find(void *ctx, const dupsig_t *sig, int leaders_only, dupgroup_found_t *found)
{
    fake_index_t *f = ctx;
    if (f->ignore_leaders_only)
        dupgroup_found_all(found);
    for (size_t i = 0; i < f->count; i++) {
        entry_t *e = &f->entries[i];
        if (!*e->group || !e->has_sig || !dupsig_share_band(&e->sig, sig))
            continue;
        if (leaders_only && !f->ignore_leaders_only && strcmp(e->group, e->id) != 0)
            continue;
        dupgroup_article_t a = { e->id, e->date, &e->sig, e->group };
        if (dupgroup_found_add(found, &a) != 0)
            return -1;
    }
    return 0;
}

static int fake_set_group(void *ctx, const char *id, const char *group)
{
    fake_index_t *f = ctx;
    entry_t *e = entry(f, id);
    if (e == NULL || !*e->group)
        return -1;
    snprintf(e->group, sizeof e->group, "%s", group);
    f->set_group_calls++;
    return 0;
}

static dupgroup_article_t article_of(const entry_t *e)
{
    return (dupgroup_article_t){ e->id, e->date, e->has_sig ? &e->sig : NULL, e->group };
}

static int fake_add(dupgroup_index_t *index, fake_index_t *f, const char *id)
{
    entry_t *e = entry(f, id);
    dupgroup_article_t a = article_of(e);
    char *group;
    a.group = NULL;
    if (dupgroup_add(index, &a, &group) != 0)
        return -1;
    snprintf(e->group, sizeof e->group, "%s", group);
    free(group);
    return 0;
}

static int fake_remove(dupgroup_index_t *index, fake_index_t *f, const char *id)
{
    entry_t *e = entry(f, id);
    dupgroup_article_t a = article_of(e);
    int rc = dupgroup_remove(index, &a);
    e->group[0] = '\0';
    return rc;
}

static entry_t *declare(fake_index_t *f, const char *id, const char *date, const dupsig_t *sig)
{
    entry_t *e = &f->entries[f->count++];
    memset(e, 0, sizeof *e);
    snprintf(e->id, sizeof e->id, "%s", id);
    snprintf(e->date, sizeof e->date, "%s", date);
    if (sig) {
        e->sig = *sig;
        e->has_sig = 1;
    }
    return e;
}

/* SIG with rows FIRST..LAST (inclusive) set to values no other row has. */
static dupsig_t changed(const dupsig_t *sig, size_t first, size_t last, uint16_t salt)
{
    dupsig_t out = *sig;
    for (size_t i = first; i <= last; i++)
        out.row[i] = (uint16_t)(salt + i);
    return out;
}

static const char *group_of(fake_index_t *f, const char *id)
{
    return entry(f, id)->group;
}

static void test_grouping_sequence(void)
{
    fake_index_t f = { .count = 0 };
    dupgroup_index_t index = { fake_find, fake_set_group, &f, DUPGROUP_MIN_EQUAL_ROWS, 0, 0, 0 };
    dupsig_t a = { { 0 }, 0 }, b, c, far;
    for (size_t i = 0; i < DUPSIG_ROWS; i++)
        a.row[i] = (uint16_t)(1000 + i);
    b = changed(&a, 0, 19, 20000);      /* 108 rows equal to A; bands 7 on */
    c = changed(&b, 60, 99, 30000);     /* 88 equal to B, 68 to A: below 70 */
    far = changed(&a, 0, 127, 40000);   /* nothing in common */
    ok(dupsig_share_band(&a, &c) && dupsig_equal_rows(&a, &c) == 68
       && dupsig_equal_rows(&b, &c) == 88, "hand-made signatures as meant");

    declare(&f, "a", "20050301", &a);
    declare(&f, "b", "20050302", &b);
    declare(&f, "c", "20050303", &c);
    declare(&f, "far", "20050301", &far);
    declare(&f, "short1", "20050301", NULL);
    declare(&f, "short2", "20050301", NULL);
    declare(&f, "b2", "20050302", &b);  /* B's exact copy, same day */
    declare(&f, "undated", "", &a);     /* A's exact copy, no date */

    ok(fake_add(&index, &f, "b") == 0, "add b");
    is_str(group_of(&f, "b"), "b", "b alone leads its group");
    ok(fake_add(&index, &f, "a") == 0, "add a, dated before b");
    is_str(group_of(&f, "a"), "a", "a leads (the earliest article)");
    is_str(group_of(&f, "b"), "a", "b now follows a: regrouped by set_group");
    is_int((long)f.set_group_calls, 1, "... one set_group call");
    ok(fake_add(&index, &f, "c") == 0, "add c");
    is_str(group_of(&f, "c"), "c", "c is like b but not like a: no chaining, it leads");
    ok(fake_add(&index, &f, "far") == 0 && fake_add(&index, &f, "short1") == 0
       && fake_add(&index, &f, "short2") == 0, "add far, short1, short2");
    is_str(group_of(&f, "far"), "far", "an unrelated article leads its own group");
    ok(strcmp(group_of(&f, "short1"), "short1") == 0
       && strcmp(group_of(&f, "short2"), "short2") == 0,
       "articles without signatures are never grouped, not even with each other");
    ok(fake_add(&index, &f, "b2") == 0, "add b2 (b's copy)");
    is_str(group_of(&f, "b2"), "a", "b2 joins a's group (like a, which is earlier than b)");
    ok(fake_add(&index, &f, "undated") == 0, "add an undated copy of a");
    is_str(group_of(&f, "undated"), "a", "undated comes after dated articles: it follows a");

    f.set_group_calls = 0;
    ok(fake_remove(&index, &f, "a") == 0, "remove a, the leader");
    is_str(group_of(&f, "b"), "b", "b, the earliest left, leads (tie with b2 on date: by id)");
    is_str(group_of(&f, "b2"), "b", "b2 follows b");
    is_str(group_of(&f, "c"), "b", "c now follows b (like b, and a is gone)");
    is_str(group_of(&f, "undated"), "b", "the undated copy of a follows b (108 rows)");
    is_int((long)f.set_group_calls, 4, "... four set_group calls");

    ok(fake_add(&index, &f, "a") == 0, "add a again");
    is_str(group_of(&f, "b"), "a", "b follows a again");
    is_str(group_of(&f, "c"), "c", "c leads again (b no longer leads; a is too far)");
    is_str(group_of(&f, "undated"), "a", "the undated copy follows a");

    f.set_group_calls = 0;
    ok(fake_remove(&index, &f, "b") == 0 && fake_add(&index, &f, "b") == 0,
       "replace b (remove, add)");
    is_str(group_of(&f, "b"), "a", "b still follows a");
    is_int((long)f.set_group_calls, 0, "removing a follower changes no other group");

    dupgroup_article_t x = { "x", "20050301", NULL, NULL }, y = { "y", "20050301", NULL, NULL };
    dupgroup_article_t z = { "a", "20050302", NULL, NULL }, u = { "0", "", NULL, NULL };
    ok(dupgroup_precedes(&x, &y) && !dupgroup_precedes(&y, &x), "same date: by id");
    ok(dupgroup_precedes(&y, &z), "earlier date first, whatever the id");
    ok(dupgroup_precedes(&z, &u) && !dupgroup_precedes(&u, &z), "dated before undated");
    ok(!dupgroup_precedes(&x, &x), "an article does not precede itself");
}

/* The rule applied directly to the indexed entries of F: returns 1 if
 * every entry's group is what it says. */
static int matches_rule(fake_index_t *f)
{
    size_t order[64], n = 0;
    char leader[64][16];
    for (size_t i = 0; i < f->count; i++)
        if (*f->entries[i].group)
            order[n++] = i;
    for (size_t i = 1; i < n; i++)     /* insertion sort by (date, id) */
        for (size_t k = i; k > 0; k--) {
            dupgroup_article_t p = article_of(&f->entries[order[k]]);
            dupgroup_article_t q = article_of(&f->entries[order[k - 1]]);
            if (!dupgroup_precedes(&p, &q))
                break;
            size_t t = order[k];
            order[k] = order[k - 1];
            order[k - 1] = t;
        }
    for (size_t i = 0; i < n; i++) {
        entry_t *x = &f->entries[order[i]];
        snprintf(leader[i], sizeof leader[i], "%s", x->id);
        for (size_t k = 0; k < i && x->has_sig; k++) {
            entry_t *c = &f->entries[order[k]];
            if (c->has_sig && strcmp(leader[k], c->id) == 0 && dupsig_share_band(&c->sig, &x->sig)
                && dupgroup_similar(&c->sig, &x->sig, DUPGROUP_MIN_EQUAL_ROWS)) {
                snprintf(leader[i], sizeof leader[i], "%s", c->id);
                break;
            }
        }
        if (strcmp(leader[i], x->group) != 0)
            return 0;
    }
    return 1;
}

/* Random arrivals and removals of clustered signatures: after each step
 * the groups are what the rule gives for the articles indexed. */
static void test_grouping_random(void)
{
    uint64_t state = 7;
    int all_match = 1, steps = 0;
    for (int round = 0; round < 40 && all_match; round++) {
        fake_index_t f = { .count = 0, .ignore_leaders_only = round % 2 };
        dupgroup_index_t index = { fake_find, fake_set_group, &f, DUPGROUP_MIN_EQUAL_ROWS,
                                   0, 0, 0 };
        dupsig_t base[4];
        for (size_t s = 0; s < 4; s++) {
            for (size_t i = 0; i < DUPSIG_ROWS; i++)
                base[s].row[i] = (uint16_t)(s * 1000 + i);
            base[s].quoting = s == 3;   /* one cluster of replies: the higher threshold */
        }
        for (size_t i = 0; i < 24; i++) {
            char id[16], date[9];
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            size_t from = (size_t)(state >> 33) % DUPSIG_ROWS, span = (size_t)(state >> 45) % 60;
            dupsig_t sig = changed(&base[(state >> 20) % 4], from,
                                   from + span < DUPSIG_ROWS ? from + span : DUPSIG_ROWS - 1,
                                   (uint16_t)(10000 + 300 * i));
            snprintf(id, sizeof id, "n%02zu", i);
            snprintf(date, sizeof date, "200503%02u", (unsigned)((state >> 40) % 4 + 1));
            declare(&f, id, (state >> 50) % 8 == 0 ? "" : date, (state >> 53) % 10 ? &sig : NULL);
        }
        for (int step = 0; step < 60 && all_match; step++, steps++) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            entry_t *e = &f.entries[(state >> 33) % f.count];
            int rc = *e->group ? fake_remove(&index, &f, e->id) : fake_add(&index, &f, e->id);
            all_match = rc == 0 && matches_rule(&f);
        }
    }
    ok(all_match, "random arrivals and removals (%d steps): groups always follow the rule", steps);
}

/* ----------------------------------------------------------- band table */

/* How often bandtable_each() named each article (up to BAND_ARTICLES). */
#define BAND_ARTICLES 9000
typedef struct {
    unsigned calls[BAND_ARTICLES + 1];
    unsigned total, stop_after;
} band_calls_t;

static int count_call(void *ctx, uint32_t article)
{
    band_calls_t *c = ctx;
    if (article <= BAND_ARTICLES)
        c->calls[article]++;
    return ++c->total == c->stop_after ? 7 : 0;
}

static void test_bandtable(void)
{
    static band_calls_t c;
    static dupsig_t sigs[BAND_ARTICLES + 1];
    bandtable_t *t = bandtable_new();
    dupsig_t a = { { 0 }, 0 }, b, far;
    for (size_t i = 0; i < DUPSIG_ROWS; i++)
        a.row[i] = (uint16_t)(1000 + i);
    b = changed(&a, 0, 19, 20000);      /* bands 0 to 6 changed, 7 to 19 kept */
    far = changed(&a, 0, 127, 40000);

    if (!ok(t != NULL, "a band table"))
        return;
    memset(&c, 0, sizeof c);
    is_int(bandtable_each(t, &a, count_call, &c), 0, "an empty table: nothing to list");
    is_int(c.total, 0, "... and no call");
    ok(bandtable_add(t, &a, 1) == 0 && bandtable_add(t, &b, 2) == 0
       && bandtable_add(t, &far, 3) == 0, "three articles added");
    bandtable_each(t, &a, count_call, &c);
    is_int(c.calls[1], DUPSIG_BANDS, "an article is listed once for each of its bands");
    is_int(c.calls[2], 13, "... one sharing 13 bands 13 times");
    is_int(c.calls[3], 0, "... one sharing none not at all");
    memset(&c, 0, sizeof c);
    c.stop_after = 5;
    is_int(bandtable_each(t, &a, count_call, &c), 7, "a callback's non-zero stops the lookup");
    is_int(c.total, 5, "... at once");
    bandtable_free(t);

    /* Past many doublings, with one story copied 3,000 times: the lists
     * are exactly the articles that share a band. */
    t = bandtable_new();
    uint64_t state = 11;
    int added = t != NULL;
    for (uint32_t n = 1; n <= BAND_ARTICLES && added; n++) {
        if (n % 3 == 0) {
            sigs[n] = a;
        } else {
            for (size_t i = 0; i < DUPSIG_ROWS; i++) {
                state = state * 6364136223846793005ull + 1442695040888963407ull;
                sigs[n].row[i] = (uint16_t)(state >> 48);
            }
            if (n % 3 == 1)             /* a third share a band or two with A */
                memcpy(sigs[n].row + 3 * (n % DUPSIG_BANDS), a.row + 3 * (n % DUPSIG_BANDS),
                       3 * sizeof a.row[0]);
        }
        added = bandtable_add(t, &sigs[n], n) == 0;
    }
    if (!ok(added, "%d articles added", BAND_ARTICLES)) {
        bandtable_free(t);
        return;
    }
    const dupsig_t *queries[] = { &a, &sigs[1], &sigs[2], &far };
    int exact = 1;
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
        memset(&c, 0, sizeof c);
        bandtable_each(t, queries[q], count_call, &c);
        for (uint32_t n = 1; n <= BAND_ARTICLES; n++)
            if ((c.calls[n] != 0) != dupsig_share_band(&sigs[n], queries[q])) {
                printf("# query %zu, article %u: listed %u times, shares a band: %d\n", q,
                     (unsigned)n, c.calls[n], dupsig_share_band(&sigs[n], queries[q]));
                exact = 0;
            }
    }
    ok(exact, "... each lookup lists exactly the articles that share a band");
    memset(&c, 0, sizeof c);
    bandtable_each(t, &a, count_call, &c);
    is_int(c.calls[3], DUPSIG_BANDS, "... a copy of the story once a band");
    bandtable_free(t);
}

int main(void)
{
    analyzer = analyzer_new(NULL, NULL);
    builder = dupsig_builder_new(analyzer);
    if (analyzer == NULL || builder == NULL) {
        printf("Bail out! cannot create the analyzer or the builder\n");
        return 1;
    }
    test_exact_copies();
    test_edits();
    test_unrelated();
    test_short_bodies();
    test_stable_values();
    test_quoting();
    test_grouping_sequence();
    test_grouping_random();
    test_bandtable();
    dupsig_builder_free(builder);
    analyzer_free(analyzer);
    return tap_done();
}
