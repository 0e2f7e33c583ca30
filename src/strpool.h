/*
 * strpool.h: a pool of shared strings, one copy of each distinct string,
 * packed into large blocks (no allocation of its own per string).  A record
 * set built by ingest keeps its short strings here: a section id named by
 * every paragraph and event of the section, a kind, a date, a diagnostic's
 * message; see mssdoc_records_str.
 */
#ifndef MSSDOC_STRPOOL_H
#define MSSDOC_STRPOOL_H

#include <stddef.h>

typedef struct strpool strpool;

/* Returns the pool's copy of s, made on first use (a NULL *pool is an empty
 * pool, created here); owned by the pool, never to be freed or changed. */
char *strpool_intern(strpool **pool, const char *s);

/* Returns the pool's copy of s, or NULL if the pool has none (a NULL pool
 * has none); owned by the pool. */
const char *strpool_find(const strpool *pool, const char *s);

/* Whether p points into one of pool's strings (NULL pool: no). */
int strpool_owns(const strpool *pool, const void *p);

/* Frees the pool and every string in it; NULL is a no-op. */
void strpool_free(strpool *pool);

#endif
