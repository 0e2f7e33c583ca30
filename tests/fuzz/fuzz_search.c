/* fuzz_search.c: libFuzzer target: the query language and the index of
 * src/search.h on arbitrary bytes.  The input's first line is the query,
 * the rest the texts (one per line) searched beside the built-in
 * article's first 8 paragraphs (all of them would slow each run); every hit must be a real text with matches inside
 * it, and every snippet and span well-formed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mssdoc/mssdoc.h"
#include "search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mssdoc_records *S_rs;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!S_rs) { /* once: kept for the whole run (still reachable) */
    char *err = NULL;
    if (!(S_rs = mssdoc_load("builtin", &err)))
      abort();
  }
  char *in = malloc(size + 1);
  memcpy(in, data, size);
  in[size] = '\0';
  /* the query, then the texts: NUL bytes end a text early, as in C */
  char *nl = strchr(in, '\n');
  char *rest = nl ? nl + 1 : in + strlen(in);
  if (nl)
    *nl = '\0';
  size_t np = S_rs->paragraphs.count < 8 ? S_rs->paragraphs.count : 8, n = np;
  const char **texts = malloc((np + size + 1) * sizeof *texts);
  for (size_t i = 0; i < np; i++)
    texts[i] = S_rs->paragraphs.items[i].text;
  for (char *p = rest; *p;) {
    texts[n++] = p;
    char *e = strchr(p, '\n');
    if (!e)
      break;
    *e = '\0';
    p = e + 1;
  }
  search_index *ix = search_index_new(texts, n);
  search_query *q = search_query_new(ix, in);
  char *d = search_query_describe(q);
  free(d);
  search_hit *hits;
  size_t nh = search_run(ix, q, &hits);
  if (nh && !search_query_words(q))
    abort(); /* hits for a query with nothing to look for */
  for (size_t i = 0; i < nh; i++) {
    if (hits[i].doc >= n || hits[i].proximity < SEARCH_SCATTERED ||
        hits[i].proximity > SEARCH_PHRASE)
      abort();
    size_t tl = strlen(texts[hits[i].doc]), *sp;
    size_t nr = search_matches(ix, q, hits[i].doc, &sp);
    for (size_t k = 0; k < nr; k++)
      if (sp[2 * k] >= sp[2 * k + 1] || sp[2 * k + 1] > tl ||
          (k && sp[2 * k] < sp[2 * k - 1]))
        abort(); /* spans inside the text, in order, not empty */
    free(sp);
    if (i < 8) { /* snippets of the best hits */
      search_snippet sn = search_snippet_new(ix, q, hits[i].doc, 30);
      char *s = search_snippet_text(&sn);
      free(s);
      search_snippet_free(&sn);
    }
  }
  free(hits);
  search_query_free(q);
  search_index_free(ix);
  free(texts);
  free(in);
  return 0;
}
