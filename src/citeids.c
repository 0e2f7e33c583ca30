/* citeids.c: each citation marker's ordinal among the citations of its
 * reference, found as cite.c finds passages: the k-th citation of N in a
 * paragraph is the k-th marker of N in its refs. */
#include "citeids.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct citeids {
  const mssdoc_records *rs;
  int **para; /* para[i][j]: marker j of paragraph i */
  int **info; /* info[i][j]: marker j of infobox item i */
};

/* Orders paragraphs by id, then place in the record set. */
static int S_by_id(const void *a, const void *b) {
  const mssdoc_paragraph *x = *(const mssdoc_paragraph *const *)a,
                         *y = *(const mssdoc_paragraph *const *)b;
  int c = strcmp(x->id ? x->id : "", y->id ? y->id : "");
  return c ? c : x < y ? -1 : x > y;
}

/* Returns the index in rs of the first paragraph with the given id, from
 * byid[0..n) (rs's paragraphs sorted by S_by_id), or -1. */
static long S_find(const mssdoc_records *rs, const mssdoc_paragraph **byid,
                   size_t n, const char *id) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(byid[mid]->id ? byid[mid]->id : "", id) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < n && strcmp(byid[lo]->id ? byid[lo]->id : "", id) == 0)
    return (long)(byid[lo] - rs->paragraphs.items);
  return -1;
}

/* Returns the largest reference number that rs cites, at least 0. */
static int S_max_ref(const mssdoc_records *rs) {
  int hi = 0;
  for (size_t i = 0; i < rs->citations.count; i++)
    if (rs->citations.items[i].ref > hi)
      hi = rs->citations.items[i].ref;
  return hi;
}

citeids *citeids_build(const mssdoc_records *rs) {
  citeids *c = xcalloc(1, sizeof *c);
  c->rs = rs;
  size_t np = rs->paragraphs.count, ni = rs->infobox.count;
  c->para = xcalloc(np ? np : 1, sizeof *c->para);
  c->info = xcalloc(ni ? ni : 1, sizeof *c->info);
  for (size_t i = 0; i < np; i++)
    c->para[i] =
        xcalloc(rs->paragraphs.items[i].refs.count + 1, sizeof **c->para);
  for (size_t i = 0; i < ni; i++)
    c->info[i] = xcalloc(rs->infobox.items[i].refs.count + 1, sizeof **c->info);
  const mssdoc_paragraph **byid = xmalloc((np ? np : 1) * sizeof *byid);
  for (size_t i = 0; i < np; i++)
    byid[i] = &rs->paragraphs.items[i];
  if (np)
    qsort(byid, np, sizeof *byid, S_by_id);
  size_t *cursor = xcalloc(np ? np : 1, sizeof *cursor);
  int hi = S_max_ref(rs);
  int *seen = xcalloc((size_t)hi + 1, sizeof *seen);
  size_t ib_item = 0, ib_j = 0; /* the infobox's markers, in order */
  for (size_t k = 0; k < rs->citations.count; k++) {
    const mssdoc_citation *ct = &rs->citations.items[k];
    if (ct->ref < 0 || !ct->paragraph)
      continue;
    int ord = ++seen[ct->ref];
    if (strcmp(ct->paragraph, MSSDOC_INFOBOX_PARAGRAPH) == 0) {
      for (; ib_item < ni; ib_item++, ib_j = 0) {
        const mssdoc_infobox_item *it = &rs->infobox.items[ib_item];
        for (; ib_j < it->refs.count && it->refs.items[ib_j] != ct->ref; ib_j++)
          ;
        if (ib_j < it->refs.count)
          break;
      }
      if (ib_item < ni)
        c->info[ib_item][ib_j++] = ord;
      continue;
    }
    long at = S_find(rs, byid, np, ct->paragraph);
    if (at < 0)
      continue;
    const mssdoc_paragraph *p = &rs->paragraphs.items[at];
    size_t j = cursor[at];
    while (j < p->refs.count && p->refs.items[j] != ct->ref)
      j++;
    if (j < p->refs.count) {
      c->para[at][j] = ord;
      cursor[at] = j + 1;
    }
  }
  free(seen);
  free(cursor);
  free(byid);
  return c;
}

int citeids_paragraph(const citeids *c, const mssdoc_paragraph *para,
                      size_t j) {
  size_t i = (size_t)(para - c->rs->paragraphs.items);
  if (i >= c->rs->paragraphs.count || j >= para->refs.count)
    return 0;
  return c->para[i][j];
}

int citeids_infobox(const citeids *c, const mssdoc_infobox_item *it, size_t j) {
  size_t i = (size_t)(it - c->rs->infobox.items);
  if (i >= c->rs->infobox.count || j >= it->refs.count)
    return 0;
  return c->info[i][j];
}

char *citeids_id(int n, int k) {
  return k > 0 ? xasprintf("cite-%d-%d", n, k) : NULL;
}

void citeids_free(citeids *c) {
  if (!c)
    return;
  for (size_t i = 0; i < c->rs->paragraphs.count; i++)
    free(c->para[i]);
  for (size_t i = 0; i < c->rs->infobox.count; i++)
    free(c->info[i]);
  free(c->para);
  free(c->info);
  free(c);
}
