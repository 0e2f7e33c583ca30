/*
 * util.h: allocation that aborts on out-of-memory, a growable string buffer
 * and list helpers.  Private to src/.
 */
#ifndef MSSDOC_UTIL_H
#define MSSDOC_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "mssdoc/records.h"

/* Allocation wrappers: never return NULL; abort with a message instead. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a newly allocated printf-formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...);

/* Appends one element to any MSSDOC_LIST-shaped list and returns a pointer
 * to it, zero-initialised.  Only a full list calls list_grow: a push is a
 * compare and a small inline memset. */
#define LIST_PUSH(list)                                                        \
  ((list).count < (list).cap                                                   \
       ? (void)0                                                               \
       : list_grow((void **)&(list).items, &(list).cap, (list).count,          \
                   sizeof(*(list).items)),                                     \
   memset(&(list).items[(list).count], 0, sizeof(*(list).items)),              \
   &(list).items[(list).count++])
/* Doubles a full list's capacity (the new slots untouched); for LIST_PUSH. */
void list_grow(void **items, size_t *cap, size_t count, size_t size);

/* Appends to an integer list / string list (the string is copied). */
void ints_push(mssdoc_ints *l, int v);
void strs_push(mssdoc_strs *l, const char *s);
void ints_free(mssdoc_ints *l);
void strs_free(mssdoc_strs *l);

/* A bump allocator: memory handed out from large blocks and freed all at
 * once, for data that lives and dies together (a record set read from the
 * binary form). */
typedef struct mssdoc_arena arena;
/* Returns n zeroed bytes, aligned for any object, from *a (a NULL *a is an
 * empty arena); they stay until arena_free(*a). */
void *arena_alloc(arena **a, size_t n);
/* Frees every block of a; NULL is a no-op. */
void arena_free(arena *a);

/* A growable NUL-terminated byte buffer. */
typedef struct {
  char *data;
  size_t len, cap;
} buf;

/* Makes room for extra more bytes and the NUL. */
void buf_reserve(buf *b, size_t extra);
void buf_put(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
/* Appends n copies of byte c. */
void buf_fill(buf *b, char c, size_t n);

/* Appends byte c (inline: the renderers call it for every byte). */
static inline void buf_putc(buf *b, char c) {
  if (b->len + 2 > b->cap)
    buf_reserve(b, 1);
  b->data[b->len++] = c;
  b->data[b->len] = '\0';
}
void buf_printf(buf *b, const char *fmt, ...);
/* Appends s (malloc'd, NUL-terminated) to b and frees it; an empty b takes
 * s over without copying it. */
void buf_put_owned(buf *b, char *s);
/* Appends s (NULL: nothing) XML- and HTML-escaped (& < > "), control
 * characters but newline and tab dropped: text and attribute values. */
void buf_put_xml(buf *b, const char *s);
/* Returns the contents (never NULL) and resets the buffer; caller frees. */
char *buf_take(buf *b);
void buf_free(buf *b);

/* Returns s with leading and trailing ASCII white space and no-break
 * spaces (U+00A0) removed, as a new string; the caller frees it. */
char *str_trim(const char *s, size_t n);

/* A copy of the n bytes at s with each no-break space (U+00A0) as a plain
 * space: a tag's name is the same however the page spaced it (caller
 * frees). */
char *str_plain_spaces(const char *s, size_t n);
/* Returns 1 if s starts with prefix. */
int str_starts(const char *s, const char *prefix);

#endif
