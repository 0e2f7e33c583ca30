/*
 * strpool.c: shared strings in blocks, found again through an open-addressed
 * hash table; the blocks are kept in address order so that strpool_owns is
 * a binary search.
 */
#include "strpool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Each block holds this many bytes (a longer string gets a block of its
 * own): past glibc's mmap threshold, so a block's unused tail is never
 * touched. */
#define POOL_BLOCK ((size_t)256 << 10)

typedef struct {
  char *data;
  size_t used, cap;
} S_block;

struct strpool {
  S_block *blocks; /* in address order */
  size_t nblocks;
  size_t last;     /* the block strings are added to */
  char **slots;    /* hash table of strings, NULL where empty */
  size_t nslots, count;
};

static uint64_t S_hash(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
  return h;
}

static void S_rehash(strpool *p) {
  size_t n = p->nslots ? p->nslots * 2 : 1024;
  char **slots = xcalloc(n, sizeof *slots);
  for (size_t i = 0; i < p->nslots; i++) {
    char *s = p->slots[i];
    if (!s)
      continue;
    size_t k = S_hash(s, strlen(s)) & (n - 1);
    while (slots[k])
      k = (k + 1) & (n - 1);
    slots[k] = s;
  }
  free(p->slots);
  p->slots = slots;
  p->nslots = n;
}

/* Returns room for n bytes, in the current block or a new one. */
static char *S_room(strpool *p, size_t n) {
  S_block *b = p->nblocks ? &p->blocks[p->last] : NULL;
  if (!b || b->cap - b->used < n) {
    size_t cap = n > POOL_BLOCK ? n : POOL_BLOCK;
    char *data = xmalloc(cap);
    p->blocks = xrealloc(p->blocks, (p->nblocks + 1) * sizeof *p->blocks);
    size_t at = p->nblocks;
    while (at > 0 && (uintptr_t)p->blocks[at - 1].data > (uintptr_t)data)
      at--;
    memmove(p->blocks + at + 1, p->blocks + at,
            (p->nblocks - at) * sizeof *p->blocks);
    p->blocks[at] = (S_block){data, 0, cap};
    p->nblocks++;
    p->last = at;
    b = &p->blocks[at];
  }
  char *r = b->data + b->used;
  b->used += n;
  return r;
}

char *strpool_intern(strpool **pool, const char *s) {
  if (!*pool)
    *pool = xcalloc(1, sizeof **pool);
  strpool *p = *pool;
  if (2 * (p->count + 1) > p->nslots)
    S_rehash(p);
  size_t n = strlen(s);
  size_t k = S_hash(s, n) & (p->nslots - 1);
  for (; p->slots[k]; k = (k + 1) & (p->nslots - 1))
    if (strcmp(p->slots[k], s) == 0)
      return p->slots[k];
  char *copy = S_room(p, n + 1);
  memcpy(copy, s, n + 1);
  p->slots[k] = copy;
  p->count++;
  return copy;
}

const char *strpool_find(const strpool *pool, const char *s) {
  if (!pool || !pool->nslots)
    return NULL;
  size_t k = S_hash(s, strlen(s)) & (pool->nslots - 1);
  for (; pool->slots[k]; k = (k + 1) & (pool->nslots - 1))
    if (strcmp(pool->slots[k], s) == 0)
      return pool->slots[k];
  return NULL;
}

int strpool_owns(const strpool *pool, const void *ptr) {
  if (!pool || !ptr)
    return 0;
  uintptr_t a = (uintptr_t)ptr;
  size_t lo = 0, hi = pool->nblocks;
  while (lo < hi) { /* the last block starting at or before a */
    size_t mid = lo + (hi - lo) / 2;
    if ((uintptr_t)pool->blocks[mid].data <= a)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0)
    return 0;
  const S_block *b = &pool->blocks[lo - 1];
  return a < (uintptr_t)b->data + b->used;
}

void strpool_free(strpool *pool) {
  if (!pool)
    return;
  for (size_t i = 0; i < pool->nblocks; i++)
    free(pool->blocks[i].data);
  free(pool->blocks);
  free(pool->slots);
  free(pool);
}
