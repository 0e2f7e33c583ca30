/* fold.c: case and diacritic folding with utf8proc. */
#include "fold.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "util.h"

static const utf8proc_option_t FOLD = UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                      UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                      UTF8PROC_CASEFOLD;

/* Folds one character (len bytes at s, code point cp) into b: decomposed
 * into a buffer on the stack, which gives, code point for code point, what
 * utf8proc_map gives (checked for every code point), without its malloc. */
static void S_fold_char(buf *b, const char *s, size_t len,
                        utf8proc_int32_t cp) {
  utf8proc_int32_t dst[32];
  int boundclass = 0;
  utf8proc_ssize_t k =
      cp >= 0 ? utf8proc_decompose_char(cp, dst, 32, FOLD, &boundclass) : -1;
  if (k >= 0 && k <= 32) {
    utf8proc_uint8_t enc[4];
    for (utf8proc_ssize_t i = 0; i < k; i++)
      buf_put(b, (const char *)enc, (size_t)utf8proc_encode_char(dst[i], enc));
    return;
  }
  utf8proc_uint8_t *out = NULL;
  utf8proc_ssize_t n =
      utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
                   FOLD);
  if (n >= 0)
    buf_put(b, (const char *)out, (size_t)n);
  else
    for (size_t i = 0; i < len; i++)
      buf_putc(b, (char)tolower((unsigned char)s[i]));
  free(out);
}

/* Lower-cases s[i, n) into d eight bytes at a time while all eight are
 * ASCII; returns where it stopped (i, if the next eight are not). */
static size_t S_lower_ascii8(const char *s, size_t i, size_t n, char *d) {
  const uint64_t ones = 0x0101010101010101u, high = 0x80 * ones;
  for (; i + 8 <= n; i += 8, d += 8) {
    uint64_t x;
    memcpy(&x, s + i, 8);
    if (x & high)
      break;
    /* per byte, no carry between bytes (each is below 0x80): the high bit
     * of ge_a is set for bytes >= 'A', that of gt_z for bytes > 'Z' */
    uint64_t ge_a = x + (0x80 - 'A') * ones, gt_z = x + (0x7f - 'Z') * ones;
    x |= (ge_a & ~gt_z & high) >> 2; /* 0x20: the lower-case bit */
    memcpy(d, &x, 8);
  }
  return i;
}

char *fold_text_map(const char *s, size_t **map) {
  size_t n = strlen(s), cap = n + 16;
  buf b = {xmalloc(cap), 0, cap}; /* folding seldom makes text longer */
  b.data[0] = '\0';
  size_t *m = map ? xmalloc(cap * sizeof *m) : NULL;
  size_t i = 0;
  while (i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                            (utf8proc_ssize_t)(n - i), &cp);
    if (len <= 0)
      len = 1;
    size_t before = b.len;
    if (len == 1 && (unsigned char)s[i] < 0x80) {
      /* a run of ASCII folds byte for byte: found, copied and lower-cased
       * in one pass (room for the rest of the text, at most) */
      buf_reserve(&b, n - i);
      char *d = b.data + b.len;
      size_t j = S_lower_ascii8(s, i, n, d);
      d += j - i;
      for (unsigned char c; j < n && (c = (unsigned char)s[j]) < 0x80; j++)
        *d++ = (char)((unsigned)(c - 'A') < 26u ? c + ('a' - 'A') : c);
      b.len += j - i;
      b.data[b.len] = '\0';
      if (m) {
        if (b.len + 1 > cap) {
          cap = 2 * (b.len + 1);
          m = xrealloc(m, cap * sizeof *m);
        }
        for (size_t k = before; k < b.len; k++)
          m[k] = i + (k - before);
      }
      i = j;
      continue;
    } else
      S_fold_char(&b, s + i, (size_t)len, cp);
    if (m) {
      if (b.len + 1 > cap) {
        cap = 2 * (b.len + 1);
        m = xrealloc(m, cap * sizeof *m);
      }
      for (size_t k = before; k < b.len; k++)
        m[k] = i;
    }
    i += (size_t)len;
  }
  if (m) {
    m[b.len] = n;
    *map = m;
  }
  return buf_take(&b);
}

char *fold_text(const char *s) { return fold_text_map(s, NULL); }

int fold_contains(const char *s, const char *folded_needle) {
  char *f = fold_text(s);
  int found = strstr(f, folded_needle) != NULL;
  free(f);
  return found;
}
