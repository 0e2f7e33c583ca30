/*
 * width.c: display width of UTF-8 text, via utf8proc's character widths,
 * and the control-character filter every terminal renderer relies on.
 */
#include "width.h"

#include <string.h>

#include <utf8proc.h>

#include "util.h"

size_t width_decode(const char *s, size_t len, int32_t *cp) {
  utf8proc_int32_t c;
  utf8proc_ssize_t n =
      utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &c);
  if (n < 1) {
    *cp = -1;
    return 1;
  }
  *cp = c;
  return (size_t)n;
}

int width_cp(int32_t cp) {
  if (cp < 0)
    return 1;
  int w = utf8proc_charwidth(cp);
  return w < 0 ? 0 : w > 2 ? 2 : w;
}

size_t width_of(const char *s, size_t len) {
  size_t w = 0, i = 0;
  while (i < len) {
    if (s[i] >= ' ' && s[i] < 0x7F) { /* printable ASCII: one column */
      w++;
      i++;
      continue;
    }
    int32_t c;
    i += width_decode(s + i, len - i, &c);
    w += (size_t)width_cp(c);
  }
  return w;
}

size_t width_str(const char *s) {
  size_t n = 0;
  while (s[n])
    n++;
  return width_of(s, n);
}

size_t width_wrap(const char *s, size_t cols) {
  size_t len = strlen(s);
  if (width_of(s, len) <= cols)
    return len;
  size_t lim = width_offset(s, len, cols), cut = lim;
  while (cut > 0 && s[cut] != ' ')
    cut--;
  return cut ? cut : lim ? lim : 1;
}

size_t width_offset(const char *s, size_t len, size_t cols) {
  size_t w = 0, i = 0;
  while (i < len) {
    int32_t c;
    size_t n = width_decode(s + i, len - i, &c);
    size_t cw = (size_t)width_cp(c);
    if (w + cw > cols)
      break;
    w += cw;
    i += n;
  }
  return i;
}

int width_is_control(int32_t cp) {
  if (cp == '\t' || cp == '\n')
    return 0;
  return (cp >= 0 && cp < 0x20) || (cp >= 0x7f && cp < 0xa0) ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

int width_is_separator(int32_t cp) { return cp == 0x2028 || cp == 0x2029; }

char *width_clean(const char *s, size_t len, int flatten) {
  buf b = {0};
  size_t i = 0;
  while (i < len) {
    size_t j = i;
    while (j < len && s[j] >= ' ' && s[j] < 0x7F)
      j++;
    if (j > i) { /* printable ASCII passes as it is */
      buf_put(&b, s + i, j - i);
      i = j;
      continue;
    }
    int32_t c;
    size_t n = width_decode(s + i, len - i, &c);
    if (c < 0)
      buf_puts(&b, "\xEF\xBF\xBD");
    else if (flatten &&
             (c == '\t' || c == '\n' || c == '\r' || width_is_separator(c)))
      buf_putc(&b, ' ');
    else if (width_is_separator(c))
      buf_putc(&b, '\n');
    else if (c == '\r')
      ;
    else if (!width_is_control(c))
      buf_put(&b, s + i, n);
    i += n;
  }
  return buf_take(&b);
}

char *width_quote(const char *s) {
  buf b = {0};
  size_t len = strlen(s), i = 0, chars = 0;
  while (i < len) {
    if (chars == WIDTH_QUOTE_MAX) {
      buf_puts(&b, "\xE2\x80\xA6"); /* … */
      break;
    }
    int32_t c;
    size_t n = width_decode(s + i, len - i, &c);
    if (c < 0)
      buf_printf(&b, "\\x%02X", (unsigned char)s[i]);
    else if (c == '\t' || c == '\n' || c == '\r')
      buf_puts(&b, c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r");
    else if (width_is_control(c) || width_is_separator(c))
      buf_printf(&b, c < 0x80 ? "\\x%02X" : "\\u%04X", (unsigned)c);
    else
      buf_put(&b, s + i, n);
    i += n;
    chars++;
  }
  return buf_take(&b);
}

/* The copies width_arg returned, reused in turn. */
static char *S_args[WIDTH_ARG_SLOTS];
static size_t S_next_arg;

const char *width_arg(const char *s) {
  char **slot = &S_args[S_next_arg++ % WIDTH_ARG_SLOTS];
  free(*slot);
  *slot = width_quote(s ? s : "");
  return *slot;
}

void width_arg_free(void) {
  for (size_t i = 0; i < WIDTH_ARG_SLOTS; i++) {
    free(S_args[i]);
    S_args[i] = NULL;
  }
}
