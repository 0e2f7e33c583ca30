/* cmd_ingest.c: `mssdoc ingest FILE [-o OUT] [--validate]`: article dump ->
 * XML record set; diagnostics go to standard error.  The XML is valid by
 * construction (the tests and fuzz targets check it): --validate checks it
 * against the schema before it is written, at a third more time. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli.h"
#include "fileio.h"
#include "load.h"
#include "width.h"

/* Reports err (malloc'd, freed here) as the command's error; returns 2. */
static int S_fail(cmd_result *res, char *err) {
  int status = cmd_fail(res, "%s", err);
  free(err);
  return status;
}

/* Reports XML that failed its own schema: a bug, never the user's. */
static int S_invalid(cmd_result *res, char *err) {
  int status =
      cmd_fail(res, "internal error: the record set does not validate: %s",
               err ? err : "(no message)");
  free(err);
  return status;
}

/* Refuses a record set of len bytes that -d could not read back. */
static int S_too_large(cmd_result *res, size_t len) {
  return cmd_fail(res,
                  "the record set would be %zu MiB, more than mssdoc -d "
                  "reads (%d MiB); nothing written",
                  (len + (1 << 20) - 1) >> 20, FILE_READ_MAX >> 20);
}

/* Writes rs as XML to a temporary file beside out, validates it there if
 * validate is set and renames it into place: the XML never sits whole in
 * memory.  Returns the exit status, or -1 if out cannot be replaced (a
 * device, a FIFO). */
static int S_ingest_to_file(const mssdoc_records *rs, const char *out,
                            int validate, cmd_result *res) {
  char *err = NULL;
  file_pending p;
  if (!file_pending_open(&p, out, &err)) {
    if (!err)
      return -1;
    return S_fail(res, err);
  }
  if (!mssdoc_xml_write_file(rs, p.f, &err)) {
    int status = cmd_fail(res, "cannot write %s: %s", width_arg(out), err);
    free(err);
    file_pending_abort(&p);
    return status;
  }
  size_t len = 0;
  const char *xml = file_pending_map(&p, &len);
  if (len > FILE_READ_MAX) {
    file_unmap(xml, len);
    file_pending_abort(&p);
    return S_too_large(res, len);
  }
  int valid = !validate || (xml && mssdoc_xml_validate(xml, len, &err));
  file_unmap(xml, len);
  if (!valid) {
    file_pending_abort(&p);
    return S_invalid(res, err);
  }
  if (!file_pending_commit(&p, &err)) {
    return S_fail(res, err);
  }
  return 0;
}

/* Writes rs as XML in memory, validates it if validate is set, and writes
 * it to out (a device or a FIFO) or, with out NULL, to standard output. */
static int S_ingest_to_memory(const mssdoc_records *rs, const char *out,
                              int validate, cmd_result *res) {
  char *err = NULL;
  size_t len;
  char *xml = mssdoc_xml_write(rs, &len);
  if (len > FILE_READ_MAX) {
    free(xml);
    return S_too_large(res, len);
  }
  int status = 0;
  if (validate && !mssdoc_xml_validate(xml, len, &err))
    status = S_invalid(res, err);
  else if (out) {
    if (!file_write_atomic(out, xml, len, &err))
      status = S_fail(res, err);
  } else {
    buf_put_owned(&res->out, xml);
    return 0;
  }
  free(xml);
  return status;
}

int cmd_ingest(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  const char *in = NULL, *out = NULL;
  int validate = 0;
  for (int i = 1; i < argc; i++) {
    const char *opt = argv[i];
    if (strcmp(opt, "--validate") == 0)
      validate = 1;
    else if (strcmp(opt, "-o") == 0 || strcmp(opt, "--output") == 0 ||
             strncmp(opt, "--output=", 9) == 0) {
      if (opt[1] == '-' && opt[8] == '=')
        out = opt + 9;
      else
        out = i + 1 < argc ? argv[++i] : NULL;
      if (!out || !*out)
        return cmd_fail(
            res,
            "ingest: %s needs a value (the file to "
            "write); usage: mssdoc ingest FILE [-o OUT] [--validate]",
            opt[1] == '-' ? "--output" : "-o");
    } else if (argv[i][0] == '-' && argv[i][1])
      return cmd_fail(res,
                      "ingest: unknown option %s; usage: mssdoc ingest "
                      "FILE [-o OUT] [--validate]",
                      width_arg(argv[i]));
    else if (!in)
      in = argv[i];
    else
      return cmd_fail(res, "ingest: one input file only; usage: mssdoc "
                           "ingest FILE [-o OUT] [--validate]");
  }
  if (!in)
    return cmd_fail(res, "ingest: no input file; usage: mssdoc ingest FILE "
                         "[-o OUT] [--validate]");
  if (o->format && strcmp(o->format, "xml") != 0)
    return cmd_fail(res,
                    "ingest writes xml only, not %s; use `mssdoc -d "
                    "FILE export -f %s`",
                    width_arg(o->format), width_arg(o->format));
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD)
  /* Keep large blocks in their own mappings: glibc otherwise raises the
   * threshold when the input is freed, and the growing XML then leaves
   * a trail of holes in the heap (a third more peak memory on big dumps). */
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
  size_t len;
  char *err = NULL;
  if (out && !file_output_check(out, in, &err))
    return S_fail(res, err);
  struct stat st; /* a file too large is refused before it is read */
  if (strcmp(in, "-") != 0 && stat(in, &st) == 0 && S_ISREG(st.st_mode) &&
      (size_t)st.st_size > LOAD_ARTICLE_MAX)
    return S_fail(res, load_too_large(in, (size_t)st.st_size));
  char *data = file_read(in, &len, &err);
  if (!data) {
    return S_fail(res, err);
  }
  mssdoc_records *rs = load_ingest(data, len, in, &err); /* frees data */
  if (!rs) {
    return S_fail(res, err);
  }
  /* The diagnostics go out as they are printed, 64 KiB at a time: a
   * second copy of every one as text would cost as much as the records
   * (400,000 lost references are 44 MB of text).  Nothing is on standard
   * output yet, so the order is the one main() would give. */
  for (size_t i = 0; i < rs->diagnostics.count; i++) {
    const mssdoc_diagnostic *d = &rs->diagnostics.items[i];
    buf_printf(&res->diag, "%s:%d: %s: %s\n", in, d->line, d->kind, d->message);
    if (res->diag.len >= 65536 || i + 1 == rs->diagnostics.count) {
      fputs(res->diag.data, stderr);
      buf_free(&res->diag);
    }
  }
  int status = out ? S_ingest_to_file(rs, out, validate, res) : -1;
  if (status < 0) /* stdout, or a device or FIFO: write from memory */
    status = S_ingest_to_memory(rs, out, validate, res);
  mssdoc_records_free(rs);
  return status;
}
