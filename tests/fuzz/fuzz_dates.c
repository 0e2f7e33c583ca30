/* fuzz_dates.c: libFuzzer target: the date and sentence parsers
 * (dates_find over a whole text, dates_parse_cell, dates_edtf_years,
 * dates_title_period, sentences_split) on arbitrary text, with the
 * invariants their callers rely on. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An EDTF string as dates.h promises: digits, X, '-' and '/', and ".."
 * for an open end ("1983/.."); one that dates_edtf_years reads back. */
static void S_check_edtf(const char *e) {
  int first, last;
  if (strlen(e) >= 32 || strspn(e, "0123456789X-/.") != strlen(e) ||
      !dates_edtf_years(e, &first, &last) || first > last)
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *s = malloc(size + 1);
  memcpy(s, data, size);
  s[size] = '\0';
  size_t n = strlen(s); /* the text up to the first NUL, as callers pass */

  date_match m;
  for (size_t from = 0; from <= n && dates_find(s, from, &m);) {
    if (m.start < from || m.end <= m.start || m.end > n)
      abort(); /* a span inside the text, after `from` */
    S_check_edtf(m.edtf);
    from = m.end;
  }

  char edtf[32];
  int r = dates_parse_cell(s, edtf);
  if (r < 0 || r > 2)
    abort();
  if (r == 1)
    S_check_edtf(edtf);
  int first, last;
  dates_edtf_years(s, &first, &last);
  dates_title_period(s, &first, &last);

  size_t(*spans)[2] = NULL;
  size_t k = sentences_split(s, &spans);
  size_t at = 0;
  for (size_t i = 0; i < k; i++) {
    if (spans[i][0] < at || spans[i][1] < spans[i][0] || spans[i][1] > n)
      abort(); /* spans in order, inside the text */
    at = spans[i][1];
  }
  free(spans);
  free(s);
  return 0;
}
