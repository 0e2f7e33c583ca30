/* fuzz_args.c: libFuzzer target: the commands' own argument parsers
 * (timeline --from/--to/--grep, cite N..., show KIND, who NAME, read
 * SECTION, search WORDS, toc, check, export) and the -f/--width values
 * they meet, over the built-in article.  Input: byte 0 picks the command,
 * byte 1 the format, byte 2 the width; the rest is the arguments,
 * separated by NUL or newline.  Commands must return 0, 1 or 2, and 2
 * only with a message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct {
  const char *name;
  cmd_fn fn;
} S_cmds[] = {
    {"read", cmd_read}, {"toc", cmd_toc},           {"search", cmd_search},
    {"show", cmd_show}, {"timeline", cmd_timeline}, {"cite", cmd_cite},
    {"who", cmd_who},   {"check", cmd_check},       {"export", cmd_export}};
static const char *const S_formats[] = {NULL,     "text", "markdown", "html",
                                        "man",    "json", "xml",      "csv",
                                        "bibtex", "ris",  "csl",      "bogus"};
#define COUNT(a) (sizeof(a) / sizeof *(a))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 3 || size > 4096)
    return 0;
  size_t c = data[0] % COUNT(S_cmds);
  cli_opts o = {0};
  o.format = S_formats[data[1] % COUNT(S_formats)];
  o.width = 20 + data[2] * 980 / 255; /* 20..1000, --width's range */
  o.color = data[2] & 1;
  char *s = malloc(size - 3 + 1);
  memcpy(s, data + 3, size - 3);
  s[size - 3] = '\0';
  char *argv[33];
  int argc = 0;
  argv[argc++] = (char *)S_cmds[c].name;
  char *const stop = s + (size - 3);
  for (char *p = s; argc < 32 && p < stop; p += strlen(p) + 1) {
    p[strcspn(p, "\n")] = '\0'; /* a newline ends an argument as NUL does */
    argv[argc++] = p;
  }
  argv[argc] = NULL;
  cmd_result res = {{0}, {0}, NULL};
  int rc = S_cmds[c].fn(&o, argc, argv, &res);
  if (rc < 0 || rc > 2 || (rc == 2 && (!res.err || !*res.err)))
    abort();
  buf_free(&res.out);
  buf_free(&res.diag);
  free(res.err);
  free(s);
  return 0;
}
