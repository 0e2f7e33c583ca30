/* diff.c: the record-level diff of two record sets (diff.h).
 *
 * The algorithm, for each group of records:
 *  1. Key passes.  Each pass names fields; a record's key is their values
 *     normalised (letters and digits folded to lower case, every other
 *     run of ASCII a space), and a record with an empty one sits the pass
 *     out.  The new side's keys are sorted once; each old record, in
 *     order, takes the first unpaired new record with its key (binary
 *     search): O((n + m) log m) a pass.
 *  2. Similarity (texts: paragraphs, events, references).  The records
 *     left over are paired by the Dice coefficient of their sets of words
 *     (2 |A ∩ B| / (|A| + |B|), at least DIFF_SIMILAR).  Shared words are
 *     counted through an index of the new side's words; a word that more
 *     than POSTINGS_MAX new records hold is skipped (it says nothing of
 *     which is which), so one old record costs at most its words x
 *     POSTINGS_MAX steps, and the whole pass O(words x POSTINGS_MAX +
 *     candidates log candidates): never old x new.  The best pairs are
 *     taken first.
 *     Last, records equal in every field compared (empty keys included)
 *     are paired by an exact key pass, so that a record set has no change
 *     against itself.
 *  3. Sections left over are paired when the paragraphs (and events) of
 *     one went to the other (a rename), then when they stand alone in the
 *     same gap between paired sections (a rename of an empty section).
 *  4. Each pair is compared field by field (records.h's description); a
 *     group whose reading order matters (sections, paragraphs) calls a
 *     pair out of its longest increasing run of positions moved
 *     (O(n log n)).
 */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "width.h"

/* Pairs by similarity need this Dice coefficient of their word sets. */
#define DIFF_SIMILAR 0.5
/* A word held by more new records than this pairs nothing. */
#define POSTINGS_MAX 64
#define NONE ((size_t)-1)

/* qsort, but for a list of fewer than two (whose items may be NULL). */
static void S_sort(void *items, size_t n, size_t size,
                   int (*cmp)(const void *, const void *)) {
  if (n > 1)
    qsort(items, n, size, cmp);
}

/* How one group is paired and named. */
typedef struct {
  const char *group;
  const char *passes[6]; /* each a space-separated list of fields */
  const char *similar;   /* a text field for pairing by similarity */
  int ordered;           /* a pair out of reading order is moved */
  const char *noun, *nouns;
  /* the key: {field} is its value ({a|b}: a's, else b's), a long text
   * shortened; a section id is its section's title */
  const char *label;
  const char *name; /* the summary's name of one, or NULL (none) */
} S_strategy;

static const S_strategy S_strategies[] = {
    {"heads",
     {"office name", "office number", "name took_office"},
     NULL,
     0,
     "office holder",
     "office holders",
     "{name|period} ({office})",
     "{name|period}"},
    {"bureaus",
     {"number division", "division", "number"},
     NULL,
     0,
     "bureau",
     "bureaus",
     "Bureau {number}: {division}",
     "{division}"},
    {"infobox",
     {"label value", "label", "kind value"},
     NULL,
     0,
     "infobox field",
     "infobox fields",
     "{label|kind}",
     "{label|kind}"},
    {"sections",
     {"id", "title"},
     NULL,
     1,
     "section",
     "sections",
     "{title}",
     "{title}"},
    {"paragraphs",
     {"text"},
     "text",
     1,
     "paragraph",
     "paragraphs",
     "{section}: {text}",
     NULL},
    {"timeline",
     {"date text", "text"},
     "text",
     0,
     "timeline event",
     "timeline events",
     "{date}: {text}",
     NULL},
    {"incidents",
     {"date text", "text"},
     "text",
     0,
     "incident",
     "incidents",
     "{date}: {text}",
     NULL},
    {"references",
     {"doi", "isbn", "url", "title authors", "text"},
     "text",
     0,
     "reference",
     "references",
     "{number}: {title|text}",
     NULL},
};
#define NSTRATEGIES (sizeof S_strategies / sizeof *S_strategies)

/* Groups never compared (diff.h says why). */
static const char *const S_skipped[] = {"article", "citations", "diagnostics"};

static const S_strategy *S_strategy_of(const mssdoc_rtype *t) {
  for (size_t i = 0; i < NSTRATEGIES; i++)
    if (strcmp(S_strategies[i].group, t->group) == 0)
      return &S_strategies[i];
  return NULL;
}

const mssdoc_rtype *const *diff_groups(size_t *n) {
  static const mssdoc_rtype *groups[32];
  static size_t count;
  if (!count) {
    size_t nt;
    const mssdoc_rtype *t = mssdoc_rtypes(&nt);
    for (size_t i = 0; i < NSTRATEGIES; i++) {
      const mssdoc_rtype *g = mssdoc_rtype_find(S_strategies[i].group);
      if (g)
        groups[count++] = g;
    }
    for (size_t i = 0; i < nt && count < 32; i++) {
      int known = S_strategy_of(&t[i]) != NULL;
      for (size_t k = 0; k < sizeof S_skipped / sizeof *S_skipped; k++)
        known |= strcmp(S_skipped[k], t[i].group) == 0;
      if (!known)
        groups[count++] = &t[i];
    }
  }
  *n = count;
  return groups;
}

const char *diff_op_name(diff_op op) {
  static const char *const names[] = {"added", "removed", "changed", "moved",
                                      "renumbered"};
  return names[op];
}

const char *diff_noun(const mssdoc_rtype *t, int plural) {
  const S_strategy *s = S_strategy_of(t);
  if (!s)
    return t->group;
  return plural ? s->nouns : s->noun;
}

/* ---- keys ---- */

/* s normalised in place: ASCII letters and digits folded to lower case,
 * other bytes of 0x80 and above kept, every other run a single space,
 * none at the ends. */
static void S_normalise(char *s) {
  size_t o = 0;
  int gap = 0;
  for (size_t i = 0; s[i]; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
    } else if (c >= 'A' && c <= 'Z') {
      c = (unsigned char)(c - 'A' + 'a');
    } else {
      gap = 1;
      continue;
    }
    if (gap && o)
      s[o++] = ' ';
    gap = 0;
    s[o++] = (char)c;
  }
  s[o] = '\0';
}

/* The key of record rec for the fields of one pass (malloc'd): their
 * values normalised, or NULL when one of them is empty; or, if exact,
 * their values as they are, empty ones included. */
static char *S_key(const mssdoc_field *const *fs, size_t nf, const void *rec,
                   int exact) {
  buf b = {0};
  for (size_t i = 0; i < nf; i++) {
    char *cell = mssdoc_field_cell(fs[i], rec);
    if (cell && !exact)
      S_normalise(cell);
    if (!exact && (!cell || !*cell)) {
      free(cell);
      buf_free(&b);
      return NULL;
    }
    buf_putc(&b, '\x1f');
    buf_puts(&b, cell ? cell : "");
    free(cell);
  }
  return buf_take(&b);
}

/* ---- one group's pairing ---- */

typedef struct {
  const mssdoc_rtype *t;
  const S_strategy *s;
  const void *a, *b; /* the two sides' records */
  size_t na, nb;
  size_t *a2b, *b2a; /* the pairing: an index of the other side, or NONE */
} S_group;

static void S_pair(S_group *g, size_t i, size_t j) {
  g->a2b[i] = j;
  g->b2a[j] = i;
}

typedef struct {
  char *key;
  size_t index;
} S_keyed;

static int S_keyed_cmp(const void *x, const void *y) {
  const S_keyed *p = x, *q = y;
  int c = strcmp(p->key, q->key);
  return c ? c : (p->index > q->index) - (p->index < q->index);
}

/* Resolves a pass's space-separated field names into fs; returns how many
 * (0 if one is not a field of t). */
static size_t S_pass_fields(const mssdoc_rtype *t, const char *names,
                            const mssdoc_field **fs, size_t max) {
  size_t n = 0;
  char name[64];
  for (const char *p = names; *p && n < max;) {
    size_t len = strcspn(p, " ");
    if (len >= sizeof name)
      return 0;
    memcpy(name, p, len);
    name[len] = '\0';
    if (!(fs[n++] = mssdoc_field_find(t, name)))
      return 0;
    p += len;
    p += *p == ' ';
  }
  return n;
}

/* One key pass over the records still unpaired (exact: see S_key). */
static void S_key_pass(S_group *g, const mssdoc_field **fs, size_t nf,
                       int exact) {
  S_keyed *keys = xmalloc((g->nb ? g->nb : 1) * sizeof *keys);
  size_t nk = 0;
  for (size_t j = 0; j < g->nb; j++) {
    if (g->b2a[j] != NONE)
      continue;
    char *k = S_key(fs, nf, mssdoc_record_at(g->t, g->b, j), exact);
    if (k)
      keys[nk++] = (S_keyed){k, j};
  }
  S_sort(keys, nk, sizeof *keys, S_keyed_cmp);
  for (size_t i = 0; i < g->na && nk; i++) {
    if (g->a2b[i] != NONE)
      continue;
    char *k = S_key(fs, nf, mssdoc_record_at(g->t, g->a, i), exact);
    if (!k)
      continue;
    size_t lo = 0, hi = nk; /* the first key not below k */
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (strcmp(keys[mid].key, k) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    for (; lo < nk && strcmp(keys[lo].key, k) == 0; lo++)
      if (g->b2a[keys[lo].index] == NONE) {
        S_pair(g, i, keys[lo].index);
        break;
      }
    free(k);
  }
  for (size_t k = 0; k < nk; k++)
    free(keys[k].key);
  free(keys);
}

/* ---- pairing by similarity ---- */

typedef struct {
  uint32_t *items;
  size_t count, cap;
} S_hashes;

static int S_u32_cmp(const void *x, const void *y) {
  uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;
  return (p > q) - (p < q);
}

/* The distinct words of s as hashes of their normalised form, sorted. */
static S_hashes S_word_set(const char *s) {
  S_hashes h = {0};
  char *t = xstrdup(s ? s : "");
  S_normalise(t);
  for (char *p = t; *p;) {
    uint32_t x = 2166136261u;
    while (*p && *p != ' ')
      x = (x ^ (unsigned char)*p++) * 16777619u;
    p += *p == ' ';
    list_grow((void **)&h.items, &h.cap, h.count, sizeof *h.items);
    h.items[h.count++] = x;
  }
  free(t);
  S_sort(h.items, h.count, sizeof *h.items, S_u32_cmp);
  size_t o = 0;
  for (size_t i = 0; i < h.count; i++)
    if (!o || h.items[o - 1] != h.items[i])
      h.items[o++] = h.items[i];
  h.count = o;
  return h;
}

typedef struct {
  uint32_t hash;
  size_t index;
} S_posting;

static int S_posting_cmp(const void *x, const void *y) {
  const S_posting *p = x, *q = y;
  if (p->hash != q->hash)
    return p->hash < q->hash ? -1 : 1;
  return (p->index > q->index) - (p->index < q->index);
}

typedef struct {
  double score;
  size_t i, j;
} S_candidate;

static int S_candidate_cmp(const void *x, const void *y) {
  const S_candidate *p = x, *q = y;
  if (p->score != q->score)
    return p->score > q->score ? -1 : 1;
  if (p->i != q->i)
    return p->i < q->i ? -1 : 1;
  return (p->j > q->j) - (p->j < q->j);
}

static void S_similar_pass(S_group *g, const mssdoc_field *f) {
  S_hashes *bw = xcalloc(g->nb ? g->nb : 1, sizeof *bw);
  S_posting *post = NULL;
  size_t np = 0, pcap = 0;
  for (size_t j = 0; j < g->nb; j++) {
    if (g->b2a[j] != NONE)
      continue;
    bw[j] = S_word_set(
        *(char *const *)mssdoc_field_ptr(f, mssdoc_record_at(g->t, g->b, j)));
    for (size_t k = 0; k < bw[j].count; k++) {
      list_grow((void **)&post, &pcap, np, sizeof *post);
      post[np++] = (S_posting){bw[j].items[k], j};
    }
  }
  if (!np) {
    free(bw);
    return;
  }
  S_sort(post, np, sizeof *post, S_posting_cmp);
  unsigned *shared = xcalloc(g->nb, sizeof *shared);
  size_t *touched = xmalloc(g->nb * sizeof *touched);
  S_candidate *cand = NULL;
  size_t nc = 0, ccap = 0;
  for (size_t i = 0; i < g->na; i++) {
    if (g->a2b[i] != NONE)
      continue;
    S_hashes aw = S_word_set(
        *(char *const *)mssdoc_field_ptr(f, mssdoc_record_at(g->t, g->a, i)));
    size_t nt = 0;
    for (size_t k = 0; k < aw.count; k++) {
      size_t lo = 0, hi = np;
      while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (post[mid].hash < aw.items[k])
          lo = mid + 1;
        else
          hi = mid;
      }
      size_t end = lo;
      while (end < np && post[end].hash == aw.items[k])
        end++;
      if (end - lo > POSTINGS_MAX)
        continue;
      for (; lo < end; lo++) {
        size_t j = post[lo].index;
        if (!shared[j]++)
          touched[nt++] = j;
      }
    }
    for (size_t k = 0; k < nt; k++) {
      size_t j = touched[k];
      double score = 2.0 * shared[j] / (double)(aw.count + bw[j].count);
      if (score >= DIFF_SIMILAR) {
        list_grow((void **)&cand, &ccap, nc, sizeof *cand);
        cand[nc++] = (S_candidate){score, i, j};
      }
      shared[j] = 0;
    }
    free(aw.items);
  }
  S_sort(cand, nc, sizeof *cand, S_candidate_cmp);
  for (size_t k = 0; k < nc; k++)
    if (g->a2b[cand[k].i] == NONE && g->b2a[cand[k].j] == NONE)
      S_pair(g, cand[k].i, cand[k].j);
  for (size_t j = 0; j < g->nb; j++)
    free(bw[j].items);
  free(bw);
  free(post);
  free(shared);
  free(touched);
  free(cand);
}

/* ---- the pairings of sections and references, as maps ---- */

typedef struct {
  const char *from, *to;
} S_idmap_item;

typedef struct {
  int from, to;
} S_nummap_item;

typedef struct {
  S_idmap_item *sec; /* old section id -> new, sorted by old */
  size_t nsec;
  S_nummap_item *ref; /* old reference number -> new, sorted by old */
  size_t nref;
} S_maps;

static int S_idmap_cmp(const void *x, const void *y) {
  const S_idmap_item *p = x, *q = y;
  return strcmp(p->from, q->from);
}

static int S_nummap_cmp(const void *x, const void *y) {
  const S_nummap_item *p = x, *q = y;
  return (p->from > q->from) - (p->from < q->from);
}

/* The new id of old section id, or NULL if it has none. */
static const char *S_map_sec(const S_maps *m, const char *id) {
  S_idmap_item k = {id, NULL};
  const S_idmap_item *hit =
      m->nsec ? bsearch(&k, m->sec, m->nsec, sizeof k, S_idmap_cmp) : NULL;
  return hit ? hit->to : NULL;
}

/* The new number of old reference n: its pair's; -n if it was removed
 * (no reference is numbered below 1, so -n equals none); n itself if the
 * old side has no reference n (a marker that points nowhere is compared
 * as it is). */
static int S_map_ref(const S_maps *m, int n) {
  S_nummap_item k = {n, 0};
  const S_nummap_item *hit =
      m->nref ? bsearch(&k, m->ref, m->nref, sizeof k, S_nummap_cmp) : NULL;
  return hit ? hit->to : n;
}

/* Whether field f differs between old record x and new record y, reference
 * numbers and section ids taken through the maps. */
static int S_differs(const mssdoc_field *f, const void *x, const void *y,
                     const S_maps *m) {
  const void *px = mssdoc_field_ptr(f, x), *py = mssdoc_field_ptr(f, y);
  if ((f->flags & MSSDOC_REFNUM) && f->type == MSSDOC_INTS) {
    const mssdoc_ints *a = px, *b = py;
    if (a->count != b->count)
      return 1;
    for (size_t i = 0; i < a->count; i++)
      if (S_map_ref(m, a->items[i]) != b->items[i])
        return 1;
    return 0;
  }
  if ((f->flags & MSSDOC_REFNUM) && f->type == MSSDOC_INT)
    return S_map_ref(m, *(const int *)px) != *(const int *)py;
  if ((f->flags & MSSDOC_SECREF) && f->type == MSSDOC_STR) {
    const char *a = *(char *const *)px, *b = *(char *const *)py;
    if (!a || !b)
      return a != b;
    const char *to = S_map_sec(m, a);
    return !to || strcmp(to, b) != 0;
  }
  return !mssdoc_field_equal(f, x, y);
}

/* ---- sections: renames ---- */

/* The index of the section with id `id` in sorted (ids with their
 * indexes), or NONE. */
static size_t S_sec_index(const S_keyed *sorted, size_t n, const char *id) {
  if (!id)
    return NONE;
  S_keyed k = {(char *)id, 0};
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(sorted[mid].key, k.key) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && strcmp(sorted[lo].key, id) == 0 ? sorted[lo].index : NONE;
}

/* The sections' ids with their indexes, sorted by id (keys borrowed). */
static S_keyed *S_sec_sorted(const S_group *secs, int side) {
  size_t n = side ? secs->nb : secs->na;
  S_keyed *k = xmalloc((n ? n : 1) * sizeof *k);
  for (size_t i = 0; i < n; i++) {
    const mssdoc_section *s =
        mssdoc_record_at(secs->t, side ? secs->b : secs->a, i);
    k[i] = (S_keyed){s->id ? s->id : "", i};
  }
  S_sort(k, n, sizeof *k, S_keyed_cmp);
  return k;
}

typedef struct {
  size_t i, j, votes;
} S_vote;

static int S_vote_cmp(const void *x, const void *y) {
  const S_vote *p = x, *q = y;
  if (p->i != q->i)
    return p->i < q->i ? -1 : 1;
  return (p->j > q->j) - (p->j < q->j);
}

static int S_votes_cmp(const void *x, const void *y) {
  const S_vote *p = x, *q = y;
  if (p->votes != q->votes)
    return p->votes > q->votes ? -1 : 1;
  return S_vote_cmp(x, y);
}

/* Pairs unpaired sections whose records (of every group with a section
 * field) went from one to the other: the most such records first. */
static void S_sections_by_content(S_group *secs, const S_group *gs, size_t ng) {
  S_keyed *sa = S_sec_sorted(secs, 0), *sb = S_sec_sorted(secs, 1);
  S_vote *v = NULL;
  size_t nv = 0, cap = 0;
  for (size_t k = 0; k < ng; k++) {
    const S_group *g = &gs[k];
    if (g == secs)
      continue;
    for (size_t fi = 0; fi < g->t->nfields; fi++) {
      const mssdoc_field *f = &g->t->fields[fi];
      if (!(f->flags & MSSDOC_SECREF) || f->type != MSSDOC_STR)
        continue;
      for (size_t i = 0; i < g->na; i++) {
        if (g->a2b[i] == NONE)
          continue;
        size_t si = S_sec_index(sa, secs->na,
                                *(char *const *)mssdoc_field_ptr(
                                    f, mssdoc_record_at(g->t, g->a, i)));
        size_t sj =
            S_sec_index(sb, secs->nb,
                        *(char *const *)mssdoc_field_ptr(
                            f, mssdoc_record_at(g->t, g->b, g->a2b[i])));
        if (si == NONE || sj == NONE || secs->a2b[si] != NONE ||
            secs->b2a[sj] != NONE)
          continue;
        list_grow((void **)&v, &cap, nv, sizeof *v);
        v[nv++] = (S_vote){si, sj, 1};
      }
    }
  }
  S_sort(v, nv, sizeof *v, S_vote_cmp);
  size_t o = 0; /* one entry per (old, new) with its count */
  for (size_t k = 0; k < nv; k++)
    if (o && v[o - 1].i == v[k].i && v[o - 1].j == v[k].j)
      v[o - 1].votes++;
    else
      v[o++] = v[k];
  S_sort(v, o, sizeof *v, S_votes_cmp);
  for (size_t k = 0; k < o; k++)
    if (secs->a2b[v[k].i] == NONE && secs->b2a[v[k].j] == NONE)
      S_pair(secs, v[k].i, v[k].j);
  free(v);
  free(sa);
  free(sb);
}

/* Pairs, in order, the unpaired records between two successive pairs
 * when both sides have as many there. */
static void S_pair_gaps(S_group *g) {
  size_t i = 0, j = 0;
  while (i <= g->na && j <= g->nb) {
    size_t i1 = i, j1;
    while (i1 < g->na && g->a2b[i1] == NONE)
      i1++;
    j1 = i1 < g->na ? g->a2b[i1] : g->nb;
    if (j1 < j) { /* a pair that crosses: skip past it */
      i = i1 + 1;
      continue;
    }
    size_t ua = 0, ub = 0;
    for (size_t k = i; k < i1; k++)
      ua++;
    for (size_t k = j; k < j1; k++)
      ub += g->b2a[k] == NONE;
    if (ua && ua == ub)
      for (size_t k = i, l = j; k < i1; k++) {
        while (g->b2a[l] != NONE)
          l++;
        S_pair(g, k, l);
      }
    if (i1 >= g->na)
      break;
    i = i1 + 1;
    j = j1 + 1;
  }
}

/* ---- moves: pairs out of the longest increasing run ---- */

/* Sets out[i] for each paired old record i that is out of the longest
 * increasing subsequence of the new positions (patience sorting). */
static void S_out_of_order(const S_group *g, unsigned char *out) {
  size_t n = 0;
  size_t *idx = xmalloc((g->na ? g->na : 1) * sizeof *idx); /* old indexes */
  for (size_t i = 0; i < g->na; i++)
    if (g->a2b[i] != NONE)
      idx[n++] = i;
  size_t *tails = xmalloc((n ? n : 1) * sizeof *tails); /* into idx */
  size_t *prev = xmalloc((n ? n : 1) * sizeof *prev);
  size_t len = 0;
  for (size_t k = 0; k < n; k++) {
    size_t v = g->a2b[idx[k]], lo = 0, hi = len;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (g->a2b[idx[tails[mid]]] < v)
        lo = mid + 1;
      else
        hi = mid;
    }
    prev[k] = lo ? tails[lo - 1] : NONE;
    tails[lo] = k;
    if (lo == len)
      len++;
  }
  for (size_t k = 0; k < n; k++)
    out[idx[k]] = 1;
  for (size_t k = len ? tails[len - 1] : NONE; k != NONE; k = prev[k])
    out[idx[k]] = 0;
  free(idx);
  free(tails);
  free(prev);
}

/* ---- the changes ---- */

static void S_push(diff_changes *d, const mssdoc_rtype *t, diff_op op,
                   const void *before, const void *after, uint64_t fields) {
  list_grow((void **)&d->items, &d->cap, d->count, sizeof *d->items);
  d->items[d->count++] = (diff_change){t, op, before, after, fields};
}

/* The changes of one group, in the new side's reading order, each removed
 * record after the new place of the paired record before it. */
static void S_changes(diff_changes *d, const S_group *g, const S_maps *m) {
  unsigned char *moved = xcalloc(g->na ? g->na : 1, 1);
  if (g->s && g->s->ordered)
    S_out_of_order(g, moved);
  size_t i = 0;
  for (size_t j = 0; j <= g->nb; j++) {
    /* the removed records whose paired predecessor is before j */
    while (i < g->na && (g->a2b[i] == NONE || g->a2b[i] < j)) {
      if (g->a2b[i] == NONE)
        S_push(d, g->t, DIFF_REMOVED, mssdoc_record_at(g->t, g->a, i), NULL, 0);
      i++;
    }
    if (j == g->nb)
      break;
    const void *y = mssdoc_record_at(g->t, g->b, j);
    size_t x_i = g->b2a[j];
    if (x_i == NONE) {
      S_push(d, g->t, DIFF_ADDED, NULL, y, 0);
      continue;
    }
    const void *x = mssdoc_record_at(g->t, g->a, x_i);
    uint64_t fields = 0, ordinal = 0, place = 0;
    for (size_t f = 0; f < g->t->nfields; f++) {
      const mssdoc_field *fd = &g->t->fields[f];
      if ((fd->flags & MSSDOC_PLACE) || !S_differs(fd, x, y, m))
        continue;
      fields |= (uint64_t)1 << f;
      if (fd->flags & MSSDOC_ORDINAL)
        ordinal |= (uint64_t)1 << f;
      if (fd->flags & MSSDOC_SECREF)
        place |= (uint64_t)1 << f;
    }
    uint64_t content = fields & ~ordinal;
    if (content && (content & ~place))
      S_push(d, g->t, DIFF_CHANGED, x, y, fields);
    else if (content || moved[x_i])
      S_push(d, g->t, DIFF_MOVED, x, y, fields);
    else if (ordinal)
      S_push(d, g->t, DIFF_RENUMBERED, x, y, fields);
  }
  free(moved);
}

static void S_group_init(S_group *g, const mssdoc_rtype *t,
                         const mssdoc_records *a, const mssdoc_records *b) {
  g->t = t;
  g->s = S_strategy_of(t);
  g->na = mssdoc_records_group(a, t, &g->a);
  g->nb = mssdoc_records_group(b, t, &g->b);
  g->a2b = xmalloc((g->na ? g->na : 1) * sizeof *g->a2b);
  g->b2a = xmalloc((g->nb ? g->nb : 1) * sizeof *g->b2a);
  for (size_t i = 0; i < g->na; i++)
    g->a2b[i] = NONE;
  for (size_t j = 0; j < g->nb; j++)
    g->b2a[j] = NONE;
}

/* Runs a group's key passes and its similarity pass. */
static void S_match(S_group *g) {
  const mssdoc_field *fs[MSSDOC_MAX_FIELDS];
  size_t nf = 0;
  if (!g->s) { /* a group with no strategy: its identity fields */
    for (size_t f = 0; f < g->t->nfields; f++)
      if (g->t->fields[f].flags & MSSDOC_IDENTITY)
        fs[nf++] = &g->t->fields[f];
    if (nf)
      S_key_pass(g, fs, nf, 0);
  }
  for (size_t p = 0; g->s && p < sizeof g->s->passes / sizeof *g->s->passes &&
                     g->s->passes[p];
       p++) {
    nf = S_pass_fields(g->t, g->s->passes[p], fs, MSSDOC_MAX_FIELDS);
    if (nf)
      S_key_pass(g, fs, nf, 0);
  }
  const mssdoc_field *f =
      g->s && g->s->similar ? mssdoc_field_find(g->t, g->s->similar) : NULL;
  if (f && f->type == MSSDOC_STR)
    S_similar_pass(g, f);
  /* last, records the same in every field compared, empty ones included
   * (a record with no key, a text of no words): so that nothing is a
   * change between a record set and itself */
  nf = 0;
  for (size_t k = 0; k < g->t->nfields; k++)
    if (!(g->t->fields[k].flags & MSSDOC_PLACE))
      fs[nf++] = &g->t->fields[k];
  S_key_pass(g, fs, nf, 1);
}

diff_changes diff_records(const mssdoc_records *a, const mssdoc_records *b) {
  size_t ng;
  const mssdoc_rtype *const *types = diff_groups(&ng);
  S_group *gs = xcalloc(ng, sizeof *gs);
  S_group *secs = NULL, *refs = NULL;
  for (size_t k = 0; k < ng; k++) {
    S_group_init(&gs[k], types[k], a, b);
    S_match(&gs[k]);
    if (strcmp(types[k]->group, "sections") == 0)
      secs = &gs[k];
    if (strcmp(types[k]->group, "references") == 0)
      refs = &gs[k];
  }
  if (secs) {
    S_sections_by_content(secs, gs, ng);
    S_pair_gaps(secs);
  }
  S_maps m = {0};
  if (secs) {
    m.sec = xmalloc((secs->na ? secs->na : 1) * sizeof *m.sec);
    for (size_t i = 0; i < secs->na; i++)
      if (secs->a2b[i] != NONE) {
        const mssdoc_section *x = mssdoc_record_at(secs->t, secs->a, i),
                             *y = mssdoc_record_at(secs->t, secs->b,
                                                   secs->a2b[i]);
        if (x->id && y->id)
          m.sec[m.nsec++] = (S_idmap_item){x->id, y->id};
      }
    S_sort(m.sec, m.nsec, sizeof *m.sec, S_idmap_cmp);
  }
  if (refs) {
    m.ref = xmalloc((refs->na ? refs->na : 1) * sizeof *m.ref);
    for (size_t i = 0; i < refs->na; i++) {
      int from =
          ((const mssdoc_reference *)mssdoc_record_at(refs->t, refs->a, i))
              ->number;
      int to = refs->a2b[i] == NONE
                   ? -from
                   : ((const mssdoc_reference *)mssdoc_record_at(
                          refs->t, refs->b, refs->a2b[i]))
                         ->number;
      m.ref[m.nref++] = (S_nummap_item){from, to};
    }
    S_sort(m.ref, m.nref, sizeof *m.ref, S_nummap_cmp);
  }
  diff_changes d = {0};
  for (size_t k = 0; k < ng; k++) {
    S_changes(&d, &gs[k], &m);
    free(gs[k].a2b);
    free(gs[k].b2a);
  }
  free(m.sec);
  free(m.ref);
  free(gs);
  return d;
}

/* ---- keys for readers ---- */

/* The longest a text runs in a key, in columns. */
#define KEY_TEXT_COLS 60

/* Appends field f of rec (side rs) to b as a key shows it: a section id
 * as its section's title, a long text cut at a word with "…". */
static void S_key_value(buf *b, const mssdoc_field *f, const void *rec,
                        const mssdoc_records *rs) {
  char *cell = mssdoc_field_cell(f, rec);
  if (!cell)
    return;
  if (f->flags & MSSDOC_SECREF) {
    const mssdoc_section *s = mssdoc_records_section(rs, cell);
    buf_printf(b, "%s", s && s->title ? s->title : cell);
  } else {
    char *flat = width_clean(cell, strlen(cell), 1);
    size_t len = strlen(flat);
    size_t cut = width_offset(flat, len, KEY_TEXT_COLS);
    if (cut < len) {
      size_t sp = cut;
      while (sp > 0 && flat[sp] != ' ')
        sp--;
      buf_put(b, flat, sp ? sp : cut);
      buf_puts(b, "\xE2\x80\xA6"); /* … */
    } else {
      buf_puts(b, flat);
    }
    free(flat);
  }
  free(cell);
}

/* Whether field f of rec is empty (NULL, "", 0 or an empty list). */
static int S_empty(const mssdoc_field *f, const void *rec) {
  char *cell = mssdoc_field_cell(f, rec);
  int empty = !cell || !*cell || (f->type == MSSDOC_INT && !strcmp(cell, "0"));
  free(cell);
  return empty;
}

/* Change c's record named by template tpl (S_strategy's label), or by
 * its identity fields when tpl is NULL. */
static char *S_label(const diff_change *c, const char *tpl,
                     const mssdoc_records *a, const mssdoc_records *b) {
  const void *rec = c->after ? c->after : c->before;
  const mssdoc_records *rs = c->after ? b : a;
  buf out = {0};
  if (!tpl) { /* the identity fields, one after another */
    for (size_t f = 0; f < c->type->nfields; f++)
      if (c->type->fields[f].flags & MSSDOC_IDENTITY) {
        if (out.len)
          buf_putc(&out, ' ');
        S_key_value(&out, &c->type->fields[f], rec, rs);
      }
    return out.data ? buf_take(&out) : xstrdup("");
  }
  for (const char *p = tpl; *p;) {
    if (*p != '{') {
      buf_putc(&out, *p++);
      continue;
    }
    size_t len = strcspn(p + 1, "}");
    char names[128];
    if (len >= sizeof names)
      break;
    memcpy(names, p + 1, len);
    names[len] = '\0';
    p += len + 1 + (p[len + 1] == '}');
    char *save = NULL;
    for (char *name = strtok_r(names, "|", &save); name;
         name = strtok_r(NULL, "|", &save)) {
      const mssdoc_field *f = mssdoc_field_find(c->type, name);
      if (!f || S_empty(f, rec))
        continue;
      S_key_value(&out, f, rec, rs);
      if ((f->flags & MSSDOC_ORDINAL) && c->before && c->after &&
          !mssdoc_field_equal(f, c->before, c->after)) {
        buf_puts(&out, " (was ");
        S_key_value(&out, f, c->before, a);
        buf_putc(&out, ')');
      }
      break;
    }
  }
  return out.data ? buf_take(&out) : xstrdup("");
}

char *diff_key(const diff_change *c, const mssdoc_records *a,
               const mssdoc_records *b) {
  const S_strategy *s = S_strategy_of(c->type);
  return S_label(c, s ? s->label : NULL, a, b);
}

char *diff_name(const diff_change *c, const mssdoc_records *a,
                const mssdoc_records *b) {
  const S_strategy *s = S_strategy_of(c->type);
  return s && s->name ? S_label(c, s->name, a, b) : NULL;
}
