/* reccache.h: a cache of the XML record sets read with -d (and of the
 * stored revisions), in the compact binary form, so that reading one again
 * costs no XML parsing and no schema validation.  Owned by reccache.c.
 *
 * An entry is $XDG_CACHE_HOME/mssdoc/records/KEY.bin (default
 * ~/.cache/mssdoc/records), KEY the SHA-256 of the XML's bytes and of
 * what this build makes of them (its version, schema and record
 * description), so that an edited file or another build never meets an old
 * entry.  An entry holds the magic "MSSDOCC1", the key, the SHA-256 of
 * the binary form and the binary form; one that does not check out is
 * removed and read again from the XML.  At most RECCACHE_ENTRIES entries
 * are kept, the least recently used go first.  MSSDOC_CACHE=0 turns the
 * cache off.  The cache is an optimisation only: any failure to read or
 * write it is silent, and the record set is read from the XML. */
#ifndef MSSDOC_RECCACHE_H
#define MSSDOC_RECCACHE_H

#include <stddef.h>

#include "mssdoc/mssdoc.h"

/* The most entries kept. */
#define RECCACHE_ENTRIES 16

/* The length of a key. */
#define RECCACHE_KEY_SIZE 32

/* Computes in key the cache key of the XML record set of len bytes at
 * data. */
void reccache_key(const char *data, size_t len,
                  unsigned char key[RECCACHE_KEY_SIZE]);

/* Returns the record set cached under key (caller frees), or NULL when
 * there is none, the cache is off, or the entry does not check out. */
mssdoc_records *reccache_get(const unsigned char key[RECCACHE_KEY_SIZE]);

/* Caches rs, read from a valid XML record set, under key; silently does
 * nothing when the cache is off or cannot be written. */
void reccache_put(const unsigned char key[RECCACHE_KEY_SIZE],
                  const mssdoc_records *rs);

#endif
