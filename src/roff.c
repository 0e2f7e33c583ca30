/* roff.c: a man page as cmark writes it, made clean for groff and mandoc. */
#include "roff.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "util.h"

/* The distinct code points a page uses, sorted, for their fallbacks. */
typedef struct {
  int32_t *cp;
  size_t n, cap;
} S_set;

static void S_set_add(S_set *s, int32_t c) {
  size_t lo = 0, hi = s->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (s->cp[mid] == c)
      return;
    if (s->cp[mid] < c)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (s->n == s->cap) {
    s->cap = s->cap ? 2 * s->cap : 64;
    s->cp = xrealloc(s->cp, s->cap * sizeof *s->cp);
  }
  memmove(s->cp + lo + 1, s->cp + lo, (s->n - lo) * sizeof *s->cp);
  s->cp[lo] = c;
  s->n++;
}

/* The length of the escape sequence at s (s[0] is a backslash): \e, \-,
 * \(xx, \[name], \f[B], \fB, \*[name] and the like. */
static size_t S_escape_len(const char *s) {
  size_t i = 1;
  if (s[i] && strchr("fn*FgmMYVk", s[i]) && s[i + 1])
    i++; /* the escape's argument follows its letter */
  if (s[i] == '[') {
    while (s[i] && s[i] != ']')
      i++;
    return s[i] ? i + 1 : i;
  }
  if (s[i] == '(') {
    size_t k = 1;
    while (k < 3 && s[i + k])
      k++;
    return i + k;
  }
  return s[i] ? i + 1 : i;
}

/* Appends line (len bytes) to b with every non-ASCII character as
 * \[uXXXX] (added to used), controls but tab dropped and \f[C] as
 * \f[CR]. */
static void S_escape(buf *b, const char *line, size_t len, S_set *used) {
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)line[i];
    if (c == '\\' && i + 1 < len) {
      if (len - i >= 5 && memcmp(line + i, "\\f[C]", 5) == 0) {
        buf_puts(b, "\\f[CR]"); /* mandoc knows no font C */
        i += 5;
      } else if ((unsigned char)line[i + 1] < 0x80) {
        buf_put(b, line + i, 2); /* \e stays one escape, not \ then e */
        i += 2;
      } else {
        buf_putc(b, '\\');
        i++;
      }
    } else if (c >= 0x80) {
      utf8proc_int32_t cp;
      utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)line + i,
                                            (utf8proc_ssize_t)(len - i), &cp);
      if (n <= 0) {
        cp = 0xFFFD;
        n = 1;
      }
      buf_printf(b, "\\[u%04X]", (unsigned)cp);
      S_set_add(used, cp);
      i += (size_t)n;
    } else {
      if (c >= 0x20 && c != 0x7F)
        buf_putc(b, (char)c);
      else if (c == '\t')
        buf_putc(b, '\t');
      i++;
    }
  }
}

/* Returns 1 if a line may be broken at the space at s[i]: not right after
 * a sentence's end, where roff would put a second space. */
static int S_may_break(const char *s, size_t start, size_t i) {
  if (i <= start)
    return 0;
  size_t k = i;
  while (k > start && strchr("\"')]*", s[k - 1]))
    k--;
  return !(k > start && strchr(".?!", s[k - 1]));
}

/* Appends a text line (fill mode) to b broken into lines of at most
 * ROFF_LINE_MAX bytes where it can be: at a space, preferably not after a
 * sentence's end (roff would add a second space there), else between two
 * \[uXXXX] characters with \c (a run of Chinese has no spaces).  A line
 * that would start with a control character starts with \& instead. */
static void S_wrap(buf *b, const char *s, size_t len) {
  size_t start = 0, lead = 0; /* lead: the \& that the piece needs */
  while (len - start + lead > ROFF_LINE_MAX) {
    size_t i = start, good = 0, any = 0, join = 0, after = 0;
    while (i < len && !after) {
      size_t w = i - start + lead; /* the piece's bytes if it ends at i */
      if (s[i] == '\\') {
        size_t e = S_escape_len(s + i);
        if (i > start && s[i - 1] == ']' && str_starts(s + i, "\\[u") &&
            w + 2 <= ROFF_LINE_MAX)
          join = i; /* two characters side by side: \c joins them */
        i += e;
        continue;
      }
      if (s[i] == ' ' && i > start && s[i - 1] != ' ') {
        if (w > ROFF_LINE_MAX)
          after = i;
        else if (S_may_break(s, start, i))
          good = i;
        else
          any = i;
      }
      i++;
    }
    size_t brk = good ? good : any ? any : join ? join : after;
    size_t next = brk;
    while (next < len && s[next] == ' ')
      next++;
    if (!brk || next == len)
      break;
    if (lead)
      buf_puts(b, "\\&");
    buf_put(b, s + start, brk - start);
    buf_puts(b, brk == join ? "\\c\n" : "\n");
    start = next;
    lead = s[start] == '.' || s[start] == '\'' ? 2 : 0;
  }
  if (lead)
    buf_puts(b, "\\&");
  buf_put(b, s + start, len - start);
  buf_putc(b, '\n');
}

/* Appends heading text as a quoted macro argument. */
static void S_quoted(buf *b, const char *s, size_t len) {
  buf_putc(b, '"');
  for (size_t i = 0; i < len; i++)
    if (s[i] == '"')
      buf_puts(b, "\\(dq");
    else
      buf_putc(b, s[i]);
  buf_putc(b, '"');
}

/* Appends the definition groff uses for code point c where the device has
 * no glyph for it (groff -Tps, -Tascii): its letters without accents
 * (o for U+00F3, nothing for a combining mark), else "?". */
static void S_fallback(buf *b, int32_t c) {
  utf8proc_int32_t d[32];
  int last = 0;
  utf8proc_ssize_t n = utf8proc_decompose_char(
      c, d, 32, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK,
      &last);
  int ascii = n >= 0 && n <= 32;
  for (utf8proc_ssize_t k = 0; ascii && k < n; k++)
    ascii = d[k] >= 0x20 && d[k] < 0x7F;
  buf_printf(b, ".if !c\\[u%04X] .char \\[u%04X] ", (unsigned)c, (unsigned)c);
  if (!ascii || n == 0) {
    buf_puts(b, ascii ? "\\&\n" : "?\n"); /* \& is nothing */
    return;
  }
  for (utf8proc_ssize_t k = 0; k < n; k++) {
    if (d[k] == '\\')
      buf_puts(b, "\\e");
    else if (d[k] == ' ')
      buf_puts(b, "\\~"); /* never a space at a line's end */
    else if (d[k] == '"')
      buf_puts(b, "\\(dq");
    else
      buf_putc(b, (char)d[k]);
  }
  buf_putc(b, '\n');
}

static int S_is(const char *line, size_t len, const char *macro) {
  return len == strlen(macro) && memcmp(line, macro, len) == 0;
}

char *roff_clean(const char *roff) {
  S_set used = {0};
  buf head = {0}, body = {0}, line = {0};
  int nofill = 0, heading = 0, after_heading = 0, tag = 0;
  const char *p = roff;
  while (*p) {
    size_t len = strcspn(p, "\n");
    line.len = 0;
    buf_puts(&line, "");
    S_escape(&line, p, len, &used);
    p += len + (p[len] == '\n');
    const char *s = line.data;
    size_t n = line.len;
    int control = n && (s[0] == '.' || s[0] == '\'');
    buf *out = head.len == 0 && str_starts(s, ".TH") ? &head : &body;
    if (heading && !control) {
      buf_puts(out, heading == 1 ? ".SH " : ".SS ");
      S_quoted(out, s, n);
      buf_putc(out, '\n');
      heading = 0;
      after_heading = 1;
      continue;
    }
    if (heading) /* a heading with no text: keep the macro as it was */
      buf_puts(out, heading == 1 ? ".SH\n" : ".SS\n");
    heading = S_is(s, n, ".SH") ? 1 : S_is(s, n, ".SS") ? 2 : 0;
    if (heading)
      continue;
    if (after_heading && S_is(s, n, ".PP")) {
      after_heading = 0; /* a heading starts a paragraph of its own */
      continue;
    }
    after_heading = 0;
    if (S_is(s, n, ".nf"))
      nofill = 1;
    else if (S_is(s, n, ".fi"))
      nofill = 0;
    if (control || nofill || tag || !n) {
      buf_put(out, s, n);
      buf_putc(out, '\n');
    } else {
      S_wrap(out, s, n);
    }
    tag = S_is(s, n, ".TP"); /* the next line is the tag: one line */
  }
  if (heading)
    buf_puts(&body, heading == 1 ? ".SH\n" : ".SS\n");
  for (size_t i = 0; i < used.n; i++)
    S_fallback(&head, used.cp[i]);
  buf_put(&head, body.data ? body.data : "", body.len);
  free(used.cp);
  buf_free(&body);
  buf_free(&line);
  return buf_take(&head);
}
