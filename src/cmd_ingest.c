/* cmd_ingest.c: `mssdoc ingest FILE [-o OUT]`: article dump -> XML record
 * set, validated before it is written; diagnostics go to standard error. */
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli.h"
#include "fileio.h"

int cmd_ingest(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  const char *in = NULL, *out = NULL;
  for (int i = 1; i < argc; i++) {
    if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) &&
        i + 1 < argc)
      out = argv[++i];
    else if (strncmp(argv[i], "--output=", 9) == 0)
      out = argv[i] + 9;
    else if (argv[i][0] == '-' && argv[i][1])
      return cmd_fail(res, "ingest: unknown option %s; usage: mssdoc ingest "
                           "FILE [-o OUT]", argv[i]);
    else if (!in)
      in = argv[i];
    else
      return cmd_fail(res, "ingest: one input file only; usage: mssdoc "
                           "ingest FILE [-o OUT]");
  }
  if (!in)
    return cmd_fail(res, "ingest: no input file; usage: mssdoc ingest FILE "
                         "[-o OUT]");
  if (o->format && strcmp(o->format, "xml") != 0)
    return cmd_fail(res, "ingest writes xml only, not %s; use `mssdoc -d "
                         "FILE export -f %s`", o->format, o->format);
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD)
  /* Keep large blocks in their own mappings: glibc otherwise raises the
   * threshold when the input is freed, and the growing XML then leaves
   * a trail of holes in the heap (a third more peak memory on big dumps). */
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
  size_t len;
  char *err = NULL;
  char *data = file_read(in, &len, &err);
  if (!data) {
    cmd_fail(res, "%s", err);
    free(err);
    return 2;
  }
  mssdoc_records *rs = mssdoc_ingest(data, len, in, &err);
  free(data);
  if (!rs) {
    cmd_fail(res, "%s", err);
    free(err);
    return 2;
  }
  for (size_t i = 0; i < rs->diagnostics.count; i++) {
    const mssdoc_diagnostic *d = &rs->diagnostics.items[i];
    buf_printf(&res->diag, "%s:%d: %s: %s\n", in, d->line, d->kind,
               d->message);
  }
  size_t xlen;
  char *xml = mssdoc_xml_write(rs, &xlen);
  mssdoc_records_free(rs);
  int status = 0;
  if (!mssdoc_xml_validate(xml, xlen, &err)) {
    status = cmd_fail(res, "internal error: the record set does not "
                           "validate: %s", err);
    free(err);
  } else if (out) {
    if (!file_write_atomic(out, xml, xlen, &err)) {
      status = cmd_fail(res, "%s", err);
      free(err);
    }
  } else
    buf_put(&res->out, xml, xlen);
  free(xml);
  return status;
}
