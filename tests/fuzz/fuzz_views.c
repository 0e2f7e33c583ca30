/* fuzz_views.c: libFuzzer target: mssdoc_ingest on arbitrary bytes, then
 * every view of what it ingested in every format: read (with and without
 * references), toc, search, show KIND for every kind, timeline, cite of
 * every reference, who, check and export.  No control byte may reach the
 * output: no C0 control but newline (a tab only in csv, json and xml,
 * where a field may hold one; CR only before LF in csv), no DEL, no C1 control
 * (U+0080-U+009F). Every command must end 0, 1 or 2, and 2 only with a message.
 * The views read the ingested records through this target's builtin_records(),
 * the compact binary form the real binary carries, so nothing touches disk. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "cli.h"
#include "mssdoc/mssdoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *S_bin;
static size_t S_bin_len;

const char *builtin_records(size_t *len) {
  *len = S_bin_len;
  return S_bin;
}

static const char *const S_formats[] = {"text", "markdown", "html", "man",
                                        "json", "xml",      "csv",  "bibtex",
                                        "ris",  "csl"};
#define COUNT(a) (sizeof(a) / sizeof *(a))

/* Aborts, naming the command and format, at the first control byte. */
static void S_check(const char *out, size_t len, const char *format,
                    char **argv) {
  int tab_ok = strcmp(format, "csv") == 0 || strcmp(format, "json") == 0 ||
               strcmp(format, "xml") == 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)out[i];
    int crlf = c == '\r' && strcmp(format, "csv") == 0 && i + 1 < len &&
               out[i + 1] == '\n'; /* RFC 4180 ends records so */
    int bad = (c < 0x20 && c != '\n' && !(c == '\t' && tab_ok) && !crlf) ||
              c == 0x7f ||
              (c == 0xc2 && i + 1 < len && (unsigned char)out[i + 1] >= 0x80 &&
               (unsigned char)out[i + 1] <= 0x9f);
    if (bad) {
      fprintf(stderr, "fuzz_views: byte 0x%02x at %zu of `%s", c, i, argv[0]);
      for (int k = 1; argv[k]; k++)
        fprintf(stderr, " %s", argv[k]);
      fprintf(stderr, "` -f %s\n", format);
      abort();
    }
  }
}

/* Runs one command in every format and checks what it writes. */
static void S_run(cmd_fn fn, char **argv, int width) {
  int argc = 0;
  while (argv[argc])
    argc++;
  for (size_t f = 0; f < COUNT(S_formats); f++) {
    cli_opts o = {0};
    o.format = S_formats[f];
    o.width = width;
    cmd_result res = {{0}, {0}, NULL};
    int rc = fn(&o, argc, argv, &res);
    if (rc < 0 || rc > 2 || (rc == 2 && (!res.err || !*res.err)))
      abort();
    if (rc != 2)
      S_check(res.out.data ? res.out.data : "", res.out.len, S_formats[f],
              argv);
    buf_free(&res.out);
    buf_free(&res.diag);
    free(res.err);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *err = NULL;
  mssdoc_records *rs = mssdoc_ingest((const char *)data, size, "fuzz", &err);
  if (!rs) {
    free(err);
    return 0;
  }
  S_bin = mssdoc_bin_write(rs, &S_bin_len);
  int width = 20 + (int)(size % 181); /* 20..200 columns */

  char *read[] = {"read", NULL}, *read_nr[] = {"read", "--no-refs", NULL};
  char *toc[] = {"toc", NULL}, *tl[] = {"timeline", NULL};
  char *check[] = {"check", NULL}, *export[] = {"export", NULL};
  S_run(cmd_read, read, width);
  S_run(cmd_read, read_nr, width);
  S_run(cmd_toc, toc, width);
  S_run(cmd_timeline, tl, width);
  S_run(cmd_check, check, width);
  S_run(cmd_export, export, width);

  static const char *const kinds[] = {"bureaus",  "ministers", "heads",
                                      "sections", "incidents", "references",
                                      "infobox",  "people"};
  for (size_t k = 0; k < COUNT(kinds); k++) {
    char *show[] = {"show", (char *)kinds[k], NULL};
    S_run(cmd_show, show, width);
  }

  /* search: a common word and the title's first word */
  char word[64] = "the";
  char *search[] = {"search", "the", NULL};
  S_run(cmd_search, search, width);
  const char *title = rs->article.title ? rs->article.title : "";
  size_t wl = strcspn(title, " ");
  if (wl > 0 && wl < sizeof word) {
    memcpy(word, title, wl);
    word[wl] = '\0';
    search[1] = word;
    S_run(cmd_search, search, width);
  }

  /* cite: every reference at once (distinct numbers, as typed) */
  size_t nrefs = rs->references.count;
  if (nrefs) {
    char **cite = calloc(nrefs + 2, sizeof *cite);
    char *nums = malloc(nrefs * 16);
    cite[0] = "cite";
    for (size_t i = 0; i < nrefs; i++) {
      snprintf(nums + i * 16, 16, "%d", rs->references.items[i].number);
      cite[i + 1] = nums + i * 16;
    }
    S_run(cmd_cite, cite, width);
    free(nums);
    free(cite);
  }

  /* who: the first head of an office, if any */
  if (rs->heads.count && rs->heads.items[0].name) {
    char *who[] = {"who", rs->heads.items[0].name, NULL};
    S_run(cmd_who, who, width);
  }

  free(S_bin);
  S_bin = NULL;
  S_bin_len = 0;
  mssdoc_records_free(rs);
  return 0;
}
