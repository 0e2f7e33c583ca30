/* text.c: decoding the dump into lines, and stripping inline markup. */
#include "text.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. Rejects
 * overlongs, surrogates, code points past U+10FFFF and the noncharacters
 * U+FFFE/U+FFFF, none of which XML accepts. */
static size_t S_utf8_valid(const unsigned char *s, size_t n) {
  uint32_t cp;
  size_t len;
  if (s[0] < 0x80)
    return 1;
  if (s[0] >= 0xC2 && s[0] <= 0xDF) {
    len = 2;
    cp = s[0] & 0x1F;
  } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
    len = 3;
    cp = s[0] & 0x0F;
  } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
    len = 4;
    cp = s[0] & 0x07;
  } else
    return 0;
  if (len > n)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE ||
      cp == 0xFFFF)
    return 0;
  /* C1 controls (U+0080..U+009F) are control bytes too. */
  if (cp >= 0x80 && cp <= 0x9F)
    return 0;
  return len;
}

/* Ends the line that started at *start in the shared buffer. */
static void S_end_line(text_lines *tl, size_t *cap, size_t **starts, buf *out,
                       size_t *start, int bad, mssdoc_records *rs) {
  if (tl->count == *cap) {
    *cap = *cap ? *cap * 2 : 256;
    *starts = xrealloc(*starts, *cap * sizeof **starts);
  }
  (*starts)[tl->count++] = *start;
  buf_put(out, "", 1); /* the line's NUL */
  *start = out->len;
  if (bad && rs) {
    mssdoc_diagnostic *d = LIST_PUSH(rs->diagnostics);
    d->line = (int)tl->count;
    d->kind = mssdoc_records_str(rs, "bad-bytes");
    d->message = xasprintf("%d invalid UTF-8 or control byte%s replaced by "
                           "U+FFFD",
                           bad, bad == 1 ? "" : "s");
  }
}

/* All lines live in one block (tl->bytes), NUL after each: one allocation
 * rather than one per line, given back whole when the ingest is done. */
text_lines text_split(const char *data, size_t len, mssdoc_records *rs) {
  text_lines tl = {0};
  size_t cap = 0, *starts = NULL, start = 0;
  const unsigned char *p = (const unsigned char *)data;
  size_t i = 0;
  buf out = {0};
  int bad = 0;
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len) {
    unsigned char c = p[i];
    if (c == '\n' || c == '\r') {
      S_end_line(&tl, &cap, &starts, &out, &start, bad, rs);
      bad = 0;
      i += (c == '\r' && i + 1 < len && p[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c == '\t') {
      buf_putc(&out, ' ');
      i++;
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      buf_puts(&out, REPLACEMENT);
      bad++;
      i++;
      continue;
    }
    size_t n = S_utf8_valid(p + i, len - i);
    if (n == 0) {
      buf_puts(&out, REPLACEMENT);
      bad++;
      i++;
      continue;
    }
    /* Copy a run of plain ASCII at once; it is the common case. */
    size_t j = i + n;
    if (n == 1)
      while (j < len && p[j] >= 0x20 && p[j] < 0x7F)
        j++;
    buf_put(&out, data + i, j - i);
    i = j;
  }
  if (out.len > start || bad)
    S_end_line(&tl, &cap, &starts, &out, &start, bad, rs);
  tl.bytes = buf_take(&out);
  tl.lines = xmalloc((tl.count ? tl.count : 1) * sizeof *tl.lines);
  for (size_t k = 0; k < tl.count; k++)
    tl.lines[k] = tl.bytes + starts[k];
  free(starts);
  return tl;
}

void text_lines_free(text_lines *tl) {
  free(tl->lines);
  free(tl->bytes);
  tl->lines = NULL;
  tl->bytes = NULL;
  tl->count = 0;
}

int text_is_blank(const char *s) {
  for (; *s; s++)
    if (*s != ' ')
      return 0;
  return 1;
}

/* A citation marker: "[" digits "]"; returns its length, or 0. */
static size_t S_marker(const char *s, size_t n, int *num) {
  size_t i = 1;
  long v = 0;
  if (n < 3 || s[0] != '[')
    return 0;
  while (i < n && isdigit((unsigned char)s[i]) && i < 8)
    v = v * 10 + (s[i++] - '0');
  if (i == 1 || i >= n || s[i] != ']')
    return 0;
  *num = (int)v;
  return i + 1;
}

/* The last words of Wikipedia's inline cleanup templates with more than
 * one word ("[citation needed]", "[dead link]", "[failed verification]",
 * "[dubious – discuss]"); an editor's words in brackets ("[domestic dog]")
 * end otherwise. */
static const char *const S_TAG_ENDS[] = {
    "needed", "link",     "verification", "discuss",  "given",
    "update", "research", "synthesis",    "sequitur", "citation",
    "inline", "source",   "relevant",     "dated",    NULL};

/* A maintenance tag: "[" lower-case ASCII words "]", the words apart by
 * spaces or no-break spaces, ending in a question mark ("[who?]") or, of
 * two or more words, in a word of S_TAG_ENDS; an editorial "[s]" or an
 * IPA transcription is not one.  Returns its length, or 0. */
static size_t S_tag(const char *s, size_t n) {
  size_t i = 1, last = 1;
  int words = 1, question = 0;
  if (n < 3 || s[0] != '[' || !islower((unsigned char)s[1]))
    return 0;
  for (; i < n && i < 64 && s[i] != ']'; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' ||
        (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)) {
      i += c == 0xC2;
      words++;
      last = i + 1;
    } else if (c == '?')
      question = 1;
    else if (!isalpha(c) && c != '-' && c != '\'' && c != ',' && c != ':')
      return 0;
  }
  if (i >= n || s[i] != ']' || (words < 2 && !question))
    return 0;
  int known = question;
  for (size_t k = 0; !known && S_TAG_ENDS[k]; k++)
    known = i - last == strlen(S_TAG_ENDS[k]) &&
            strncmp(s + last, S_TAG_ENDS[k], i - last) == 0;
  return known ? i + 1 : 0;
}

char *text_clean(const char *s, size_t n, mssdoc_ints *refs, mssdoc_strs *tags) {
  return text_clean_at(s, n, refs, NULL, tags, NULL);
}

char *text_clean_at(const char *s, size_t n, mssdoc_ints *refs,
                    mssdoc_ints *offsets, mssdoc_strs *tags,
                    mssdoc_ints *tag_offsets) {
  buf out = {0};
  mssdoc_ints at = {0};     /* where each marker or tag stood, in `out` */
  mssdoc_ints is_tag = {0}; /* per entry of at: 1 for a tag */
  size_t i = 0, run = 0;
  while (i < n) {
    int num;
    size_t m = 0;
    if (s[i] == '[') {
      if ((m = S_marker(s + i, n - i, &num)) != 0) {
        if (refs)
          ints_push(refs, num);
        ints_push(&at, (int)(out.len + (i - run)));
        ints_push(&is_tag, 0);
      } else if ((m = S_tag(s + i, n - i)) != 0) {
        if (tags) {
          char *t = str_plain_spaces(s + i + 1, m - 2);
          strs_push(tags, t);
          free(t);
        }
        ints_push(&at, (int)(out.len + (i - run)));
        ints_push(&is_tag, 1);
      }
    }
    if (m) {
      buf_put(&out, s + run, i - run);
      i += m;
      run = i;
      continue;
    }
    i++;
  }
  buf_put(&out, s + run, n - run);
  char *raw = buf_take(&out);
  /* Markup removal can leave doubled or trailing spaces: fold them, and
   * move each marker offset with the text before it. */
  size_t w = 0, k = 0;
  for (size_t r = 0; raw[r]; r++) {
    while (k < at.count && (size_t)at.items[k] <= r)
      at.items[k++] = (int)w;
    if (raw[r] == ' ' && (w == 0 || raw[w - 1] == ' '))
      continue;
    raw[w++] = raw[r];
  }
  while (w && raw[w - 1] == ' ')
    w--;
  raw[w] = '\0';
  for (; k < at.count; k++)
    at.items[k] = (int)w;
  for (k = 0; k < at.count; k++) {
    mssdoc_ints *to = is_tag.items[k] ? tag_offsets : offsets;
    if (to)
      ints_push(to, at.items[k] > (int)w ? (int)w : at.items[k]);
  }
  ints_free(&at);
  ints_free(&is_tag);
  return xrealloc(raw, w + 1); /* the buffer's spare room is not kept */
}
