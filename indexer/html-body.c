/* html-body.c: which blocks of a page are its story, and which its comments.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * 1. Hints are weighed: a class that says "sidebar" or "related" on an
 *    element holding most of the page's running text is not believed (a
 *    theme's "has-sidebar" wrapper, a <header> left open around the page).
 * 2. Each block gets a value: running text counts for, link lists,
 *    boilerplate and short fragments against.  The main content is the
 *    element whose subtree has the largest sum (the best run of story,
 *    as the body-text-extraction idea of Finn et al. has it on a tree).
 * 3. Inside it, blocks are kept unless they are boilerplate by hint or
 *    link density; short blocks are kept only among kept text.
 * 4. Blocks in a believed comments section are the reader comments.
 */
#include <stdlib.h>
#include <string.h>

#include "html-internal.h"

/* Link characters over all characters above which a block is a link
 * list, not prose (Readability drops a part over 0.5 when it has little
 * text, trafilatura 0.5-0.8). */
#define LINK_LIST_DENSITY 0.5
/* What every block costs in the sum: a short fragment counts against its
 * container, a paragraph far more for it. */
#define BLOCK_COST 10
/* What a character of boilerplate or of a link list counts against. */
#define BOILERPLATE_WEIGHT 0.2
/* What a character counts for in a text block that is not a <p> (a <div>
 * of text is less surely prose). */
#define NON_P_WEIGHT 0.5
/* What an element's sum counts when it neither holds the headline nor
 * starts within HEADLINE_REACH blocks after it. */
#define FAR_FROM_HEADLINE 0.5
#define HEADLINE_REACH 15
/* How many levels above the main content the story's range may extend
 * to (a lede or intro in a sibling container). */
#define EXTEND_LEVELS 2
/* A block at either end of the story shorter than this (characters) is a
 * fragment, not story. */
#define EDGE_MIN_CHARS 40
/* A label is shorter than this ("Related articles:"). */
#define LABEL_MAX_CHARS 50
/* A credit line is shorter than this ("Photo: Jane Doe / Agency"). */
#define CREDIT_MAX_CHARS 150
/* A hint is not believed on an element holding more than this share of
 * the page's running text. */
#define HINT_MAX_SHARE 0.5

static double link_density(const page_block_t *b)
{
    return b->chars ? (double)b->link_chars / b->chars : 0;
}

/* Teaser cards: at least CARD_MIN_COUNT siblings of one kind (the same
 * tag and class), each a few short blocks (a title, a line of text, a
 * date): a list of other articles, of products, of events.  A story's
 * sections are longer, its paragraphs one block each. */
#define CARD_MIN_COUNT 3
#define CARD_MIN_BLOCKS 2
#define CARD_MAX_BLOCKS 6
#define CARD_MAX_CHARS 500

typedef struct {
    int parent;
    unsigned signature;
    int element;
} card_t;

static int compare_cards(const void *a, const void *b)
{
    const card_t *x = a, *y = b;
    if (x->parent != y->parent)
        return x->parent < y->parent ? -1 : 1;
    if (x->signature != y->signature)
        return x->signature < y->signature ? -1 : 1;
    return x->element - y->element;
}

/* FNV-1a of the tag and the class attribute. */
static unsigned signature_of(const page_element_t *e)
{
    unsigned h = 2166136261u ^ e->tag;
    h *= 16777619u;
    const char *cls = page_attr(e->node, "class");
    for (; cls && *cls; cls++) {
        h ^= (unsigned char)*cls;
        h *= 16777619u;
    }
    return h;
}

/* Marks the elements that are teaser cards with HINT_RELATED (in their own
 * hints, so the guards of believed_hints() apply).  Returns -1 when
 * memory runs out. */
static int mark_cards(page_t *p)
{
    size_t n = 0;
    card_t *cards = malloc((p->element_count ? p->element_count : 1) * sizeof *cards);
    if (cards == NULL)
        return -1;
    for (size_t i = 1; i < p->element_count; i++) {
        const page_element_t *e = &p->elements[i];
        size_t blocks = e->end_block - e->first_block, chars = 0, links = 0;
        if (e->parent < 1 || blocks < CARD_MIN_BLOCKS || blocks > CARD_MAX_BLOCKS
            || e->tag == TAG_TR || e->tag == TAG_TD || e->tag == TAG_TH || e->tag == TAG_LI
            || e->tag == TAG_DD || e->tag == TAG_DT || e->tag == TAG_P)
            continue;
        for (size_t b = e->first_block; b < e->end_block; b++) {
            chars += p->blocks[b].chars;
            links += p->blocks[b].link_chars;
        }
        if (chars > CARD_MAX_CHARS || links == 0)
            continue;
        cards[n].parent = e->parent;
        cards[n].signature = signature_of(e);
        cards[n++].element = (int)i;
    }
    qsort(cards, n, sizeof *cards, compare_cards);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && cards[j].parent == cards[i].parent && cards[j].signature == cards[i].signature)
            j++;
        if (j - i >= CARD_MIN_COUNT)
            for (size_t k = i; k < j; k++)
                p->elements[cards[k].element].hints |= HINT_RELATED;
        i = j;
    }
    free(cards);
    return 0;
}

/* The believed hints of each element (its own, not inherited).  The
 * boilerplate and comment hints of an element that wraps the story are
 * not believed: one that holds the page's <h1>, <main> or articleBody, or
 * more than HINT_MAX_SHARE of its text (a theme's "has-sidebar" wrapper,
 * a <header> a parser left open around the page).  Returns a malloc'ed
 * array (NULL: out of memory). */
static unsigned *believed_hints(const page_t *p)
{
    size_t n = p->element_count, nb = p->block_count;
    unsigned *own = malloc((n ? n : 1) * sizeof *own);
    unsigned char *wraps = calloc(n ? n : 1, 1);
    size_t *text = malloc((nb + 1) * sizeof *text);   /* prefix sums */
    if (own == NULL || wraps == NULL || text == NULL) {
        free(own);
        free(wraps);
        free(text);
        return NULL;
    }
    text[0] = 0;
    for (size_t i = 0; i < nb; i++)
        text[i + 1] = text[i] + (p->blocks[i].chars - p->blocks[i].link_chars);
    /* Children come after their parents: one backward pass marks every
     * element above a marker. */
    for (size_t i = n; i-- > 1;) {
        const page_element_t *e = &p->elements[i];
        if ((int)i == p->heading || (p->heading < 0 && e->tag == TAG_H1) || e->tag == TAG_MAIN
            || (e->hints & HINT_ARTICLE_BODY))
            wraps[i] = 1;
        if (wraps[i] && e->parent >= 0)
            wraps[e->parent] = 1;
    }
    double total = (double)text[nb];
    for (size_t i = 0; i < n; i++) {
        const page_element_t *e = &p->elements[i];
        double share = total > 0 ? (text[e->end_block] - text[e->first_block]) / total : 0;
        own[i] = e->hints;
        if (share > HINT_MAX_SHARE || wraps[i])
            own[i] &= ~(HINT_BOILERPLATE | HINT_COMMENTS | HINT_HEADER);
    }
    free(wraps);
    free(text);
    return own;
}

/* Inherits OWN hints down the subtree of element TOP into INH (TOP's own
 * boilerplate hints left out: they are the container's, not its parts').
 * Elements are in document order, so a subtree is a run of indices. */
static void inherit_hints(const page_t *p, const unsigned *own, int top, unsigned *inh)
{
    inh[top] = own[top] & (HINT_HIDDEN | HINT_COMMENTS);
    if (top == 0)
        inh[top] = 0;
    for (size_t i = (size_t)top + 1; i < p->element_count; i++) {
        const page_element_t *e = &p->elements[i];
        if (e->depth <= p->elements[top].depth)
            break;
        inh[i] = own[i] | inh[e->parent];
    }
}

/* A label: a short line that ends with a colon ("More on this:",
 * "Sources:"), which heads what follows as a heading does.  (Short lines
 * that merely do not end a sentence are often the story's own: measured,
 * html-eval's held-out half lost more than it gained.) */
static int is_label(const page_t *p, const page_block_t *b)
{
    return b->chars < LABEL_MAX_CHARS && p->text.data[b->offset + b->len - 1] == ':';
}

/* A picture's credit or caption line: short, and it opens with a credit
 * or figure word ("Foto:", "Photo:", "Bild:", "Image:", "Credit:",
 * "Titelbild", "Beitragsbild", "Vergrößern", "Abbildung 4:", "Fig. 2",
 * "Figure 3") or holds a copyright sign. */
static int is_credit(const page_t *p, const page_block_t *b)
{
    static const char *const openers[] = {
        "foto:", "fotos:", "photo:", "photos:", "bild:", "bilder:", "image:", "credit:",
        "credits:", "titelbild", "beitragsbild", "vergrößern", "bildquelle", "photo credit",
        "foto ©", "photo ©", "(foto", "(photo", "(bild", "abbildung", "abb.", "fig.",
        "grafik:", "screenshot", "illustration:",
    };
    const char *t = p->text.data + b->offset;
    if (b->chars > CREDIT_MAX_CHARS)
        return 0;
    for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++)
        if (strncasecmp(t, openers[k], strlen(openers[k])) == 0)
            return 1;
    if (strncasecmp(t, "figure ", 7) == 0 && t[7] >= '0' && t[7] <= '9')
        return 1;
    for (size_t i = 0; i + 1 < b->len; i++)
        if ((unsigned char)t[i] == 0xC2 && (unsigned char)t[i + 1] == 0xA9)   /* © */
            return 1;
    return 0;
}

/* An end note is shorter than this (characters). */
#define END_NOTE_MAX_CHARS 300

/* A publisher's note at a story's end: a short block that asks the reader
 * to subscribe ("Subscribe now to our edition for the full story", "Jetzt
 * abonnieren") or states the copyright ("This article is the copyrighted
 * property of ...", "All rights reserved"). */
static int is_end_note(const page_t *p, const page_block_t *b)
{
    static const char *const words[] = {
        "subscribe", "subscriber", "subscription", "abonnieren", "abonnent", "abonnement",
        "s'abonner", "abonnez", "suscríbete", "suscribete", "hazte miembro", "copyrighted",
        "all rights reserved", "alle rechte vorbehalten", "tous droits réservés",
        "written permission", "download our app", "download the", "sign up", "newsletter",
        "push notification", "follow us", "folgen sie uns", "suivez-nous", "síguenos",
        "siguenos", "telegram", "permalink", "support our", "supporting our",
        "unter der lizenz", "licensed under", "privacy policy", "datenschutz", "impressum",
    };
    const char *t = p->text.data + b->offset;
    if (b->chars > END_NOTE_MAX_CHARS)
        return 0;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (page_contains_ci(t, words[k]))
            return 1;
    return 0;
}

/* The block's value in the search for the main content. */
static long block_value(const page_block_t *b, unsigned hints)
{
    if (hints & (HINT_COMMENTS | HINT_HIDDEN))
        return 0;
    if ((hints & HINT_BOILERPLATE) || link_density(b) >= LINK_LIST_DENSITY)
        return -(long)(BOILERPLATE_WEIGHT * b->chars);
    if (b->heading)
        return 0;
    double w = b->kind == BLOCK_TEXT && b->tag_p == 0 ? NON_P_WEIGHT : 1;
    return (long)(w * ((long)b->chars - (long)b->link_chars)) - BLOCK_COST;
}

/* The element whose subtree's blocks sum highest; the deeper one on a
 * tie.  -1 when no element sums above zero. */
static int best_container(const page_t *p, const long *prefix)
{
    long best = 0;
    int root = -1;
    size_t h = p->heading >= 0 ? p->elements[p->heading].first_block : 0;
    for (size_t i = 1; i < p->element_count; i++) {
        const page_element_t *e = &p->elements[i];
        if (e->tag == TAG_HEAD || e->end_block == e->first_block)
            continue;
        long sum = prefix[e->end_block] - prefix[e->first_block];
        /* The story holds its headline or follows it closely. */
        if (p->heading >= 0 && !(e->first_block <= h && e->end_block > h)
            && !(e->first_block >= h && e->first_block <= h + HEADLINE_REACH))
            sum = (long)(sum * FAR_FROM_HEADLINE);
        if (sum > 0 && sum >= best) {
            best = sum;
            root = (int)i;
        }
    }
    return root;
}

void page_select_body(page_t *p)
{
    size_t nb = p->block_count;
    if (mark_cards(p) != 0) {
        p->oom = 1;
        return;
    }
    unsigned *own = believed_hints(p);
    unsigned *eff = malloc((p->element_count + 1) * sizeof *eff);
    long *prefix = malloc((nb + 1) * sizeof *prefix);
    if (own == NULL || eff == NULL || prefix == NULL) {
        free(own);
        free(eff);
        free(prefix);
        p->oom = 1;
        return;
    }
    /* The hints believed are those of elements that do not wrap the
     * story and hold at most half of the page's text (believed_hints()). */
    inherit_hints(p, own, 0, eff);
    prefix[0] = 0;
    for (size_t i = 0; i < nb; i++)
        prefix[i + 1] = prefix[i] + block_value(&p->blocks[i], eff[p->blocks[i].element]);
    p->root = best_container(p, prefix);

    /* The story's range of blocks: the root's, or that of the <article>
     * just around it when the root holds at least half of the article's
     * text and the article holds no other; then extended on either side,
     * within EXTEND_LEVELS levels above the root, by the run of blocks
     * that adds most (a lede or intro in a sibling container, a share
     * bar between them). */
    size_t s = 0, e = 0;
    if (p->root >= 0) {
        const page_element_t *r = &p->elements[p->root];
        s = r->first_block;
        e = r->end_block;
        long rootpos = 0;
        for (size_t i = s; i < e; i++) {
            long v = prefix[i + 1] - prefix[i];
            if (v > 0)
                rootpos += v;
        }
        int a = p->elements[p->root].parent;
        for (int k = 0; a > 0 && k < 8; k++, a = p->elements[a].parent) {
            const page_element_t *ae = &p->elements[a];
            if (ae->tag != TAG_ARTICLE)
                continue;
            int nested = 0;
            for (size_t j = (size_t)a + 1; j < p->element_count && p->elements[j].depth > ae->depth; j++)
                if (p->elements[j].tag == TAG_ARTICLE)
                    nested++;
            long apos = 0;
            for (size_t i = ae->first_block; i < ae->end_block; i++) {
                long v = prefix[i + 1] - prefix[i];
                if (v > 0)
                    apos += v;
            }
            if (nested == 0 && rootpos * 2 >= apos) {
                s = ae->first_block;
                e = ae->end_block;
            }
            break;
        }
        int scope = p->root;
        for (int k = 0; k < EXTEND_LEVELS && p->elements[scope].parent > 0; k++)
            scope = p->elements[scope].parent;
        size_t lo = p->elements[scope].first_block, hi = p->elements[scope].end_block;
        long best = 0, run = 0;
        size_t best_s = s;
        for (size_t i = s; i > lo; i--) {
            run += prefix[i] - prefix[i - 1];
            if (run > best) {
                best = run;
                best_s = i - 1;
            }
        }
        best = 0, run = 0;
        size_t best_e = e;
        for (size_t i = e; i < hi; i++) {
            run += prefix[i + 1] - prefix[i];
            if (run > best) {
                best = run;
                best_e = i + 1;
            }
        }
        s = best_s;
        e = best_e;
    }
    if (e > s) {
        /* The hints that count are those below the element holding the
         * whole range. */
        int scope = p->blocks[s].element;
        while (scope > 0 && !(p->elements[scope].first_block <= s && p->elements[scope].end_block >= e))
            scope = p->elements[scope].parent;
        unsigned *below = malloc(p->element_count * sizeof *below);
        if (below == NULL) {
            p->oom = 1;
            goto done;
        }
        inherit_hints(p, own, scope, below);
        for (size_t i = s; i < e; i++) {
            page_block_t *b = &p->blocks[i];
            unsigned h = below[b->element];
            if (h & (HINT_BOILERPLATE | HINT_COMMENTS | HINT_HIDDEN)) {
                b->fate = FATE_HINT;
                b->hints = h & (HINT_BOILERPLATE | HINT_COMMENTS | HINT_HIDDEN);
            } else if (link_density(b) >= LINK_LIST_DENSITY) {
                b->fate = FATE_LINKS;
            } else if (b->kind == BLOCK_CAPTION) {
                b->fate = FATE_CAPTION;
            } else {
                b->fate = FATE_BODY;
            }
        }
        free(below);
        /* Short fragments are kept only between kept text: a label or a
         * date line at either end of the story is not story. */
        size_t first = s, end = e;
        for (; first < end; first++) {
            page_block_t *b = &p->blocks[first];
            if (b->fate == FATE_BODY && (b->chars >= EDGE_MIN_CHARS || b->heading))
                break;
            if (b->fate == FATE_BODY)
                b->fate = FATE_EDGE;
        }
        for (; end > first; end--) {
            page_block_t *b = &p->blocks[end - 1];
            if (b->fate == FATE_BODY && b->chars >= EDGE_MIN_CHARS)
                break;
            if (b->fate == FATE_BODY)
                b->fate = FATE_EDGE;
        }
    }

    for (size_t i = 0; i < p->element_count; i++)
        p->elements[i].believed = eff[i];

    /* A heading heads text: one followed by no paragraph of the story
     * (only link lists, boilerplate or another heading) is a box's title,
     * "Related articles", "More on this". */
    for (size_t i = e; i-- > s;) {
        page_block_t *b = &p->blocks[i];
        if (b->fate == FATE_BODY && (b->heading || is_label(p, b))
            && (i + 1 == e || p->blocks[i + 1].fate != FATE_BODY))
            b->fate = FATE_EDGE;
    }
    /* The story's last lines that ask the reader to subscribe or state
     * the copyright: a publisher's end notes, not story. */
    for (size_t i = e; i-- > s;) {
        page_block_t *b = &p->blocks[i];
        if (b->fate != FATE_BODY)
            continue;
        if (!is_end_note(p, b))
            break;
        b->fate = FATE_HINT;
        b->hints = HINT_PROMO;
    }
    /* Picture credits and captions that are not marked up as such. */
    for (size_t i = s; i < e; i++)
        if (p->blocks[i].fate == FATE_BODY && is_credit(p, &p->blocks[i]))
            p->blocks[i].fate = FATE_CAPTION;

    /* The comments: blocks of believed comment sections, outside their
     * forms, that are not link lists. */
    for (size_t i = 0; i < nb; i++) {
        page_block_t *b = &p->blocks[i];
        unsigned h = eff[b->element];
        if (!(h & HINT_COMMENTS) || (h & (HINT_COMMENT_FORM | HINT_FORM | HINT_HIDDEN | HINT_NAV)))
            continue;
        if (link_density(b) >= LINK_LIST_DENSITY)
            continue;
        b->fate = FATE_COMMENT;
    }
done:
    free(own);
    free(eff);
    free(prefix);
}
