/* fuzz_diff.c: libFuzzer target: `mssdoc diff` of two fuzzed articles.
 * The input is two dumps, split at its first NUL byte (none: at its
 * middle); both are ingested and diffed in every format, and each side
 * against itself must give no change (exit 0, nothing in text, [] in
 * json). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mssdoc_records *S_ingest(const uint8_t *p, size_t n) {
  char *err = NULL;
  mssdoc_records *rs = mssdoc_ingest((const char *)p, n, "fuzz", &err);
  free(err);
  return rs;
}

/* The diff of a and b in format; returns its exit status, and aborts on
 * a broken promise (an exit other than 0 or 1, 0 with output in text). */
static int S_diff(const mssdoc_records *a, const mssdoc_records *b,
                  const char *format, int stat) {
  cli_opts o = {NULL, format, 1, 80, 80};
  cmd_result res = {{0}, {0}, NULL};
  int rc = cmd_diff_records(&o, &res, format, a, b, stat, NULL);
  if (rc != 0 && rc != 1)
    abort();
  if (rc == 0 && strcmp(format, "text") == 0 && res.out.len)
    abort(); /* no change, no output */
  if (rc == 0 && strcmp(format, "json") == 0 &&
      (!res.out.data || strcmp(res.out.data, "[]\n") != 0))
    abort();
  if (rc == 1 && !res.out.len)
    abort(); /* a change says what it is */
  buf_free(&res.out);
  buf_free(&res.diag);
  free(res.err);
  return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const uint8_t *nul = memchr(data, 0, size);
  size_t cut = nul ? (size_t)(nul - data) : size / 2;
  mssdoc_records *a = S_ingest(data, cut);
  mssdoc_records *b =
      S_ingest(data + cut + (nul != NULL), size - cut - (nul != NULL));
  static const char *const formats[] = {"text", "markdown", "html", "json"};
  if (a && b) {
    int rc = S_diff(a, b, "json", 0);
    for (size_t f = 0; f < sizeof formats / sizeof *formats; f++)
      if (S_diff(a, b, formats[f], f == 0) != rc ||
          S_diff(a, b, formats[f], 0) != rc)
        abort(); /* every format agrees on whether anything changed */
  }
  if (a && S_diff(a, a, "text", 0) != 0)
    abort();
  if (b && S_diff(b, b, "json", 0) != 0)
    abort();
  mssdoc_records_free(a);
  mssdoc_records_free(b);
  return 0;
}
