/*
 * cli.h: what the command-line front end hands each command, and what a
 * command hands back.  Commands (cmd_*.c) never print or exit: they fill a
 * cmd_result, and main.c writes it and owns the exit status.
 */
#ifndef MSSDOC_CLI_H
#define MSSDOC_CLI_H

#include "mssdoc/mssdoc.h"
#include "util.h"

typedef struct {
  const char *data;   /* -d FILE or $MSSDOC_DATA; NULL = built-in */
  const char *format; /* -f FORMAT; NULL = the command's default */
  int color;          /* resolved --color: 1 = emit SGR codes */
  int width;          /* resolved --width, $COLUMNS or the terminal */
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

int cmd_ingest(const cli_opts *o, int argc, char **argv, cmd_result *res);
int cmd_export(const cli_opts *o, int argc, char **argv, cmd_result *res);

#endif
