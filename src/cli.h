/*
 * cli.h: what the command-line front end hands each command, and what a
 * command hands back.  Commands (cmd_*.c) never print or exit: they fill a
 * cmd_result, and main.c writes it and owns the exit status.
 */
#ifndef MSSDOC_CLI_H
#define MSSDOC_CLI_H

#include "mssdoc/mssdoc.h"
#include "util.h"
#include "view.h"

#include <jansson.h>

/* Prose wraps at this many columns at most on a wide terminal: longer lines
 * are hard to read.  Tables and charts still take the whole width. */
#define PROSE_MAX 100

typedef struct {
  const char *data;   /* -d FILE or $MSSDOC_DATA; NULL = newest stored */
  const char *format; /* -f FORMAT; NULL = the command's default */
  int color;          /* resolved --color: 1 = emit SGR codes */
  int width;          /* resolved --width, $COLUMNS or the terminal */
  int prose_width;    /* where prose wraps: width, but at most PROSE_MAX
                         unless --width says otherwise */
} cli_opts;

typedef struct {
  buf out;   /* standard output */
  buf diag;  /* lines for standard error (diagnostics, warnings) */
  char *err; /* the one-line error when the status is 2 (malloc'd) */
} cmd_result;

/* A command: argv[0] is its name; returns the exit status (0, 1 or 2). */
typedef int (*cmd_fn)(const cli_opts *o, int argc, char **argv,
                      cmd_result *res);

/* Sets res->err to a formatted message and returns 2. */
int cmd_fail(cmd_result *res, const char *fmt, ...);

/* Loads the record set the options name, or sets res->err; caller frees. */
mssdoc_records *cmd_load(const cli_opts *o, cmd_result *res);

/* Checks o->format (default def) against the NULL-terminated list of
 * formats a view can produce.  Returns the format, or NULL after setting
 * res->err to a usage error that names the formats it can. */
const char *cmd_format(const cli_opts *o, cmd_result *res, const char *view,
                       const char *def, const char *const *allowed);

/* Renders a view document (which it frees) in a human format (text,
 * markdown, html, man) into res->out; title names the page.  The line
 * naming rs's revision (mssdoc_revision_line) goes under the document's
 * first heading. */
void cmd_emit_view(const cli_opts *o, cmd_result *res, const char *format,
                   const mssdoc_records *rs, cmark_node *doc,
                   const char *title);

/* Appends the record set's array `key` ("bureaus", "heads", …) to res->out
 * as JSON (format "json") or XML ("xml"); `keep`, if not NULL, says which
 * of its elements to keep (by index). */
void cmd_emit_records(const mssdoc_records *rs, const char *key,
                      const char *format, const int *keep, cmd_result *res);

/* Appends v to b as indented JSON (keys in order, reals to 4 significant
 * digits) and a newline, then releases v (the caller's reference). */
void cmd_put_json(buf *b, json_t *v);

/* cmd_put_json into res->out. */
void cmd_emit_json(json_t *v, cmd_result *res);

/* Appends a table to res->out as CSV (RFC 4180, header row first). */
void cmd_emit_csv(const table *t, cmd_result *res);

/* A column a view adds to a group's CSV right after the field named
 * `after`: its header, and its cell for one record (a new string the
 * caller frees, or NULL for an empty cell). */
typedef struct {
  const char *after, *name;
  char *(*cell)(const void *rec, const void *ctx);
  const void *ctx;
} cmd_csv_column;

/* Appends the records of group `key` that `keep` flags (NULL: all) to
 * res->out as CSV, one column per field of the description (records.h),
 * and the column `extra` if not NULL; returns the number of rows. */
size_t cmd_emit_records_csv(const mssdoc_records *rs, const char *key,
                            const int *keep, const cmd_csv_column *extra,
                            cmd_result *res);

/** The label of infobox item it as views show it: its label, or what it
 * is in parentheses ("(image caption)") when the infobox gives it none;
 * static, not to be freed. */
const char *cmd_infobox_label(const mssdoc_infobox_item *it);

int cmd_ingest(const cli_opts *o, int argc, char **argv, cmd_result *res);
int cmd_export(const cli_opts *o, int argc, char **argv, cmd_result *res);
int cmd_read(const cli_opts *o, int argc, char **argv, cmd_result *res);
int cmd_toc(const cli_opts *o, int argc, char **argv, cmd_result *res);
int cmd_search(const cli_opts *o, int argc, char **argv, cmd_result *res);
int cmd_check(const cli_opts *o, int argc, char **argv, cmd_result *res);
int cmd_show(const cli_opts *o, int argc, char **argv, cmd_result *res);
int cmd_timeline(const cli_opts *o, int argc, char **argv, cmd_result *res);
int cmd_who(const cli_opts *o, int argc, char **argv, cmd_result *res);
int cmd_query(const cli_opts *o, int argc, char **argv, cmd_result *res);
/* What bounds query's evaluation, for `help query` (lines, each ending
 * in a newline). */
extern const char cmd_query_bounds[];
int cmd_cite(const cli_opts *o, int argc, char **argv, cmd_result *res);
int cmd_chart(const cli_opts *o, int argc, char **argv, cmd_result *res);
int cmd_fetch(const cli_opts *o, int argc, char **argv, cmd_result *res);
int cmd_revisions(const cli_opts *o, int argc, char **argv, cmd_result *res);
int cmd_diff(const cli_opts *o, int argc, char **argv, cmd_result *res);
/* What cmd_diff does once both sides are loaded: the changes from a to b
 * in format (text, markdown, html, json; only the summary if stat; only
 * the groups keep flags, by diff_groups' index, unless NULL) into res;
 * returns 1 if anything changed, else 0.  a and b stay the caller's. */
int cmd_diff_records(const cli_opts *o, cmd_result *res, const char *format,
                     const mssdoc_records *a, const mssdoc_records *b, int stat,
                     const int *keep);

#endif
