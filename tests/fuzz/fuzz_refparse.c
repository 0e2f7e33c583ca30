/* fuzz_refparse.c: libFuzzer target: refparse_line on one arbitrary line
 * (what ingest hands it: no newline, NUL-terminated UTF-8). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mssdoc/records.h"
#include "refparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *s = malloc(size + 1);
  memcpy(s, data, size);
  s[size] = '\0';
  mssdoc_reference r;
  memset(&r, 0, sizeof r);
  if (refparse_line(s, 7, &r)) {
    if (r.backlinks < 1 || r.line != 7 || !r.text)
      abort();
    mssdoc_reference_clear(&r);
  }
  free(s);
  return 0;
}
