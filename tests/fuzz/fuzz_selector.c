/* fuzz_selector.c: libFuzzer target: the SECTION selector of `mssdoc
 * read` (toc_select, src/toc.h) on arbitrary text, over the sections of
 * the built-in article. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mssdoc/mssdoc.h"
#include "toc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mssdoc_records *S_rs;
static toc *S_toc;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!S_toc) { /* once: kept for the whole run (still reachable) */
    char *err = NULL;
    if (!(S_rs = mssdoc_load("builtin", &err)))
      abort();
    S_toc = toc_build(S_rs);
  }
  char *q = malloc(size + 1);
  memcpy(q, data, size);
  q[size] = '\0';
  char *err = NULL;
  long i = toc_select(S_toc, q, &err);
  if (i >= (long)S_toc->count || (i < 0 && (!err || !*err)))
    abort(); /* a section that exists, or a message saying why not */
  if (i >= 0) {
    char *label = toc_label(&S_toc->items[i]);
    free(label);
  }
  free(err);
  free(q);
  return 0;
}
