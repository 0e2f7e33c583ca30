/* util.c: allocation wrappers, buffers and lists. */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void S_oom(void) {
  fputs("mssdoc: out of memory\n", stderr);
  abort();
}

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    S_oom();
  return p;
}

void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p)
    S_oom();
  return p;
}

void *xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p)
    S_oom();
  return p;
}

char *xstrndup(const char *s, size_t n) {
  char *p = xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xasprintf(const char *fmt, ...) {
  buf b = {0};
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    S_oom();
  b.data = xmalloc((size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(b.data, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return b.data;
}

void list_grow(void **items, size_t *cap, size_t count, size_t size) {
  if (count < *cap)
    return;
  /* a first block of 24 bytes, glibc's smallest (most lists of a record
   * hold one or two numbers), or one item */
  size_t ncap = *cap ? *cap * 2 : size < 24 ? 24 / size : 1;
  /* The new slots are left as they are (LIST_PUSH zeroes each as it is
   * taken): a large list is a mapping of its own, whose pages the kernel
   * gives only when touched, so the spare half costs no memory. */
  *items = xrealloc(*items, ncap * size);
  *cap = ncap;
}

void ints_push(mssdoc_ints *l, int v) { *LIST_PUSH(*l) = v; }

void strs_push(mssdoc_strs *l, const char *s) { *LIST_PUSH(*l) = xstrdup(s); }

void ints_free(mssdoc_ints *l) {
  free(l->items);
  l->items = NULL;
  l->count = l->cap = 0;
}

void strs_free(mssdoc_strs *l) {
  for (size_t i = 0; i < l->count; i++)
    free(l->items[i]);
  free(l->items);
  l->items = NULL;
  l->count = l->cap = 0;
}

/* What any object's alignment divides. */
typedef union {
  long double ld;
  long long ll;
  void *p;
  void (*fn)(void);
} S_align;

/* One block: its predecessor, and [used, cap) bytes of data[] free. */
struct mssdoc_arena {
  struct mssdoc_arena *prev;
  size_t used, cap;
  S_align data[];
};

/* A block's size: past glibc's mmap threshold (128 KiB), so that calloc
 * takes fresh zero pages from the kernel instead of clearing them, and a
 * page is only touched when it is used. */
#define ARENA_BLOCK ((size_t)256 << 10)

void *arena_alloc(arena **a, size_t n) {
  n = (n + sizeof(S_align) - 1) / sizeof(S_align) * sizeof(S_align);
  arena *b = *a;
  if (!b || b->cap - b->used < n) {
    size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
    b = xcalloc(1, sizeof *b + cap);
    b->prev = *a;
    b->cap = cap;
    *a = b;
  }
  void *p = (char *)b->data + b->used;
  b->used += n;
  return p;
}

void arena_free(arena *a) {
  while (a) {
    arena *prev = a->prev;
    free(a);
    a = prev;
  }
}

void buf_reserve(buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap)
    return;
  size_t ncap = b->cap ? b->cap : 64;
  while (ncap < b->len + extra + 1)
    ncap *= 2;
  b->data = xrealloc(b->data, ncap);
  b->cap = ncap;
}

void buf_put(buf *b, const char *s, size_t n) {
  buf_reserve(b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s) { buf_put(b, s, strlen(s)); }

void buf_fill(buf *b, char c, size_t n) {
  buf_reserve(b, n);
  memset(b->data + b->len, c, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void buf_put_xml(buf *b, const char *s) {
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    switch (c) {
    case '&':
      buf_puts(b, "&amp;");
      break;
    case '<':
      buf_puts(b, "&lt;");
      break;
    case '>':
      buf_puts(b, "&gt;");
      break;
    case '"':
      buf_puts(b, "&quot;");
      break;
    default:
      if (c >= 0x20 || c == '\n' || c == '\t')
        buf_putc(b, (char)c);
    }
  }
}

void buf_printf(buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  buf_reserve(b, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

void buf_put_owned(buf *b, char *s) {
  if (b->len) {
    buf_puts(b, s);
    free(s);
    return;
  }
  free(b->data);
  b->len = strlen(s);
  b->cap = b->len + 1;
  b->data = s;
}

char *buf_take(buf *b) {
  char *s = b->data ? b->data : xstrdup("");
  b->data = NULL;
  b->len = b->cap = 0;
  return s;
}

void buf_free(buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

char *str_plain_spaces(const char *s, size_t n) {
  char *out = xmalloc(n + 1);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if ((unsigned char)s[i] == 0xC2 && i + 1 < n &&
        (unsigned char)s[i + 1] == 0xA0) {
      out[k++] = ' ';
      i++;
    } else
      out[k++] = s[i];
  }
  out[k] = '\0';
  return out;
}

char *str_trim(const char *s, size_t n) {
  for (;;) {
    if (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
      s++;
      n--;
    } else if (n >= 2 && (unsigned char)s[0] == 0xC2 &&
               (unsigned char)s[1] == 0xA0) {
      s += 2;
      n -= 2;
    } else
      break;
  }
  for (;;) {
    if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
              s[n - 1] == '\r'))
      n--;
    else if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 &&
             (unsigned char)s[n - 1] == 0xA0)
      n -= 2;
    else
      break;
  }
  return xstrndup(s, n);
}

int str_starts(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}
