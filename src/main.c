/*
 * main.c: global options, the command table, and the only place that
 * writes to the terminal and chooses the exit status.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "suggest.h"
#include "width.h"

typedef struct {
  const char *name;
  cmd_fn fn;
  const char *usage;
  const char *summary;
  const char *formats;
} command;

#define HUMAN "text, markdown, html, man"
static const command COMMANDS[] = {
    {"read", cmd_read, "read [SECTION] [--no-refs]",
     "the article, or one section (number from `toc`, id, or title words)",
     HUMAN},
    {"toc", cmd_toc, "toc", "table of contents; inferred sections marked",
     HUMAN ", json"},
    {"search", cmd_search, "search [--in text|refs|all] QUERY...",
     "ranked full-text search of the text and the references\n"
     "every word must match (AND); \"a phrase\" matches its words in order\n"
     "  (so does an argument with spaces, quoted in the shell); -word\n"
     "  excludes; a OR b matches either (binding tighter than AND)\n"
     "words: case and diacritics folded (guojia finds the pinyin with tone "
     "marks),\n"
     "  English Snowball stems (spies = spy), possessive 's dropped;\n"
     "  a run of CJK characters matches as a substring\n"
     "--in text: paragraphs, captions, hatnotes, quotations, table rows,\n"
     "  infobox; refs: the references; all (default): both\n"
     "ranking: phrase, then all words in one sentence, then scattered;\n"
     "  then BM25 (k1 1.2, b 0.75); nothing that matches: exit 1\n"
     "each hit: section, \"reference N\" or \"infobox: LABEL\", its dump\n"
     "  line, a snippet with the matches highlighted; -f json gives the\n"
     "  matches' offsets in code points of its text",
     HUMAN ", json"},
    {"show", cmd_show, "show KIND | show heads --at DATE",
     "bureaus | ministers | heads | sections | incidents | references | "
     "infobox | people\n"
     "heads --at DATE: the rows covering DATE, as who --at shows them",
     HUMAN ", json, xml, csv; bibtex, ris, csl for references"},
    {"timeline", cmd_timeline,
     "timeline [--from Y] [--to Y] [--grep WORD] [--all]",
     "every dated event in date order, with its sources (--all: also the "
     "release years of films and novels)",
     HUMAN ", json, xml, csv"},
    {"cite", cmd_cite, "cite N...",
     "reference N: its fields and every passage that cites it",
     HUMAN ", json, xml, bibtex, ris, csl"},
    {"who", cmd_who, "who NAME | who --at DATE",
     "a person from the heads tables: offices, terms, mentions\n"
     "anyone else: the paragraphs, captions and references (author or\n"
     "  title) that name them; exit 1 only when the article never does\n"
     "--at DATE (YYYY, YYYY-MM or YYYY-MM-DD): who held each office then;\n"
     "  a term covers its first to its last day (1949-1955: all of 1949 to\n"
     "  1955), so on a boundary both holders are shown; notes never hold one",
     HUMAN ", json"},
    {"chart", cmd_chart, "chart heads|timeline|incidents|references",
     "the heads tables, dated events or references as a picture",
     "text, svg, html"},
    {"query", cmd_query, "query XPATH [--max-time SECONDS]",
     "an XPath 1.0 expression over the XML record set\n"
     "-f text: each node's string value on a line of its own; a record (a\n"
     "  bureau, head, section...) as name: value lines, a blank line between\n"
     "-f xml: one document whatever the result: <results xpath=\"XPATH\"\n"
     "  type=\"node-set\" count=\"N\"> holding each element as the record set\n"
     "  has it, an attribute as <attribute name=\"A\" element=\"E\">value\n"
     "  </attribute>, a text node as <text>; type=\"number\", \"string\" or\n"
     "  \"boolean\" holds one <number>, <string> or <boolean> (true, false);\n"
     "  nothing matches: <results ... count=\"0\"/> and exit 1\n"
     "-f json: an array of the nodes' string values, or the value",
     "text, xml, json"},
    {"ingest", cmd_ingest, "ingest FILE [-o OUT] [--validate]",
     "article dump -> record set (XML); diagnostics on stderr\n"
     "--validate checks the XML against the schema before writing it (off\n"
     "by default: the output is valid by construction, and checking costs\n"
     "a third more time)\n"
     "-o OUT is replaced atomically and keeps its mode; a symbolic link is\n"
     "followed to its target (the link stays); a device, FIFO or /dev/stdout\n"
     "is written into; a directory or the input itself is refused\n"
     "sizes: an article of at most 128 MiB, a record set of at most 1024 MiB\n"
     "(what -d reads); a larger input is refused before any work, a larger\n"
     "record set is not written",
     "xml"},
    {"export", cmd_export, "export", "the whole record set", "xml, json"},
    {"check", cmd_check, "check",
     "what the dump lost or contradicts; exit 1 if anything\n"
     "kinds: lost-heading, lost-list, lost-citation, lost-reference,\n"
     "  duplicate-reference, reference-order, date-outside-period,\n"
     "  bad-date, bad-bytes, unclassified; and where the article\n"
     "  contradicts itself: name-variant (a name one or two letters from\n"
     "  one of the heads tables), term-mismatch (a caption that gives a\n"
     "  head a term the tables do not)",
     HUMAN ", json, xml"},
    {"fetch", cmd_fetch, "fetch [TITLE] [--api URL] [--timeout SECONDS]",
     "download the current revision (default: the MSS article), ingest "
     "and store it",
     "text"},
    {"revisions", cmd_revisions, "revisions",
     "the stored revisions, newest first; * marks the one read without -d",
     "text, json"},
    {"diff", cmd_diff, "diff OLD NEW [--stat] [--kind KINDS]",
     "what changed between two revisions, record by record; exit 1 if\n"
     "anything did\n"
     "OLD, NEW: each a dump, an HTML page, a record set (.xml), a stored\n"
     "  revision's number or builtin (-d is not used)\n"
     "records are matched by what they are, not where they stand: office\n"
     "  holders by office and name, bureaus by number and name, references\n"
     "  by DOI, ISBN, URL, title and authors, paragraphs and events by\n"
     "  their words (within and across sections); a reference that only\n"
     "  moved up or down the list is renumbered, not changed\n"
     "changes: added, removed, changed (a word diff of each field), moved,\n"
     "  renumbered; not compared: the article's revision and source,\n"
     "  citations (each is in its paragraph's refs) and diagnostics\n"
     "--stat: only the summary\n"
     "--kind KINDS: only these, comma-separated: heads, bureaus, infobox,\n"
     "  sections, paragraphs, timeline, incidents, references\n"
     "nothing changed: no output in text and markdown, [] in json",
     "text, markdown, html, json"},
    {NULL, NULL, NULL, NULL, NULL}};

static const char USAGE_HEAD[] =
    "usage: mssdoc [-d FILE] [-f FORMAT] [--color WHEN] [--width N] "
    "[--no-pager] COMMAND [ARGS]\n";

static void S_usage(FILE *f) {
  fputs(USAGE_HEAD, f);
  fputs("\ncommands:\n", f);
  for (const command *c = COMMANDS; c->name; c++)
    fprintf(f, "  %s\n      %.*s\n", c->usage, (int)strcspn(c->summary, "\n"),
            c->summary); /* the first line; help COMMAND says the rest */
  fputs("  help [COMMAND]\n      help on mssdoc or one command\n", f);
  fputs("\noptions:\n"
        "  -d, --data FILE     a record set (.xml), an HTML page or an article"
        " dump;\n"
        "                      a stored revision's number; builtin: the 2022"
        " article\n"
        "                      in the binary; default: the newest stored"
        " revision\n"
        "  -f, --format FMT    output format\n"
        "      --color WHEN    always, never or auto (default)\n"
        "      --width N       wrap text at N columns (else prose at 100 at most)\n"
        "      --no-pager      never page the output\n"
        "  -h, --help          this help\n"
        "      --version       the version\n",
        f);
}

static const command *S_find(const char *name) {
  for (const command *c = COMMANDS; c->name; c++)
    if (strcmp(c->name, name) == 0)
      return c;
  return NULL;
}

static int S_error(const char *msg) {
  fflush(stdout);
  fprintf(stderr, "mssdoc: %s\n", msg);
  return 2;
}

/* The command closest to a mistyped name (help included), or NULL. */
static const char *S_suggest_command(const char *name) {
  suggest s;
  suggest_init(&s, name);
  for (const command *c = COMMANDS; c->name; c++)
    suggest_offer(&s, c->name);
  suggest_offer(&s, "help");
  return s.best;
}

/* The global long options, without their dashes, for "did you mean". */
static const char *const LONG_OPTIONS[] = {
    "data",     "format", "color",   "colour", "width",
    "no-pager", "help",   "version", NULL};

/* Each command's own long options, without their dashes (a command that
 * gains one lists it here, or a typo of it is not caught). */
static const struct {
  const char *command, *options[4];
} OWN_OPTIONS[] = {{"read", {"no-refs"}},
                   {"search", {"in"}},
                   {"timeline", {"from", "to", "grep", "all"}},
                   {"query", {"max-time"}},
                   {"who", {"at"}},
                   {"show", {"at"}},
                   {"ingest", {"validate", "output"}},
                   {"fetch", {"api", "timeout"}},
                   {"diff", {"stat", "kind"}},
                   {NULL, {NULL}}};

/* The format names -f takes, matched without regard to case. */
static const char *const FORMATS[] = {
    "text", "markdown", "html", "man", "json",  "xml",
    "csv",  "bibtex",   "ris",  "csl", "svg", NULL};

static const char *S_format_name(const char *f) {
  for (size_t i = 0; f && FORMATS[i]; i++)
    if (strcasecmp(f, FORMATS[i]) == 0)
      return FORMATS[i];
  return f;
}

/* The long option closest to --NAME (without its dashes or a =VALUE)
 * among the global ones and command cmd's own (cmd may be NULL), as the
 * candidate's name; NULL if NAME is one of them or close to none. */
static const char *S_suggest_option(const char *a, const char *cmd) {
  char *name = xstrndup(a + 2, strcspn(a + 2, "="));
  suggest s;
  suggest_init(&s, name);
  int exact = 0;
  for (size_t i = 0; LONG_OPTIONS[i]; i++) {
    exact |= strcmp(name, LONG_OPTIONS[i]) == 0;
    suggest_offer(&s, LONG_OPTIONS[i]);
  }
  for (size_t k = 0; cmd && OWN_OPTIONS[k].command; k++)
    for (size_t i = 0; strcmp(OWN_OPTIONS[k].command, cmd) == 0 &&
                       i < 4 && OWN_OPTIONS[k].options[i];
         i++) {
      exact |= strcmp(name, OWN_OPTIONS[k].options[i]) == 0;
      suggest_offer(&s, OWN_OPTIONS[k].options[i]);
    }
  free(name);
  return exact ? NULL : s.best;
}

/* Reports option a, which mssdoc (or the command) does not have, with
 * near, the long option it is close to (NULL: none); returns 2. */
static int S_unknown_option(const char *a, const char *near) {
  char *msg = near ? xasprintf("unknown option '%s'; did you mean '--%s'?",
                               width_arg(a), near)
                   : xasprintf("unknown option '%s'; see mssdoc --help",
                               width_arg(a));
  int rc = S_error(msg);
  free(msg);
  width_arg_free();
  return rc;
}

static int S_terminal_size(int *cols, int *rows) {
  struct winsize ws;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    *cols = ws.ws_col;
    *rows = ws.ws_row;
    return 1;
  }
  return 0;
}

static size_t S_count_lines(const buf *b) {
  size_t n = 0;
  for (size_t i = 0; i < b->len; i++)
    n += b->data[i] == '\n';
  return n;
}

/* Returns 1 if the pager command needs a shell: anything but words
 * separated by blanks. */
static int S_needs_shell(const char *cmd) {
  return strpbrk(cmd, "|&;<>()$`\\\"'*?[#~=%\n") != NULL;
}

/* The child side of S_page: the pager reads fd in, and a failed exec
 * writes its errno to report (closed on a successful exec). */
static void S_exec_pager(const char *pager, int in, int report) {
  dup2(in, STDIN_FILENO);
  close(in);
  signal(SIGPIPE, SIG_DFL);
  signal(SIGINT, SIG_DFL);
  if (S_needs_shell(pager)) {
    execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
  } else {
    char *copy = xstrdup(pager), *argv[64], *save = NULL;
    int n = 0;
    for (char *w = strtok_r(copy, " \t", &save); w && n < 63;
         w = strtok_r(NULL, " \t", &save))
      argv[n++] = w;
    argv[n] = NULL;
    if (n)
      execvp(argv[0], argv);
    else
      errno = ENOENT;
  }
  int e = errno;
  if (write(report, &e, sizeof e) < 0) {
    /* nothing to do: the parent sees status 127 */
  }
  _exit(127);
}

/* Pages out through pager.  Returns 0 when the pager showed it (or the
 * user quit it early), -1 with *why set (a static string or strerror)
 * when the pager could not start, so that the caller writes the output
 * itself, and 2 after printing a message when the pager failed after it
 * started. */
static int S_page(const buf *out, const char *pager, const char **why) {
  int data[2], report[2];
  if (pipe(data) != 0) {
    *why = strerror(errno);
    return -1;
  }
  if (pipe(report) != 0 || fcntl(report[1], F_SETFD, FD_CLOEXEC) != 0) {
    *why = strerror(errno);
    close(data[0]);
    close(data[1]);
    return -1;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    *why = strerror(errno);
    close(data[0]);
    close(data[1]);
    close(report[0]);
    close(report[1]);
    return -1;
  }
  if (pid == 0) {
    close(data[1]);
    close(report[0]);
    S_exec_pager(pager, data[0], report[1]);
  }
  close(data[0]);
  close(report[1]);
  int e = 0;
  ssize_t r;
  while ((r = read(report[0], &e, sizeof e)) < 0 && errno == EINTR)
    ;
  close(report[0]);
  /* The user's keys go to the pager: mssdoc waits for it. */
  void (*old_int)(int) = signal(SIGINT, SIG_IGN);
  void (*old_quit)(int) = signal(SIGQUIT, SIG_IGN);
  void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN);
  if (r != (ssize_t)sizeof e) {
    const char *p = out->data;
    size_t n = out->len;
    while (n) {
      ssize_t w = write(data[1], p, n);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        break; /* EPIPE: the user quit the pager early */
      p += w;
      n -= (size_t)w;
    }
  }
  close(data[1]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    ;
  signal(SIGINT, old_int);
  signal(SIGQUIT, old_quit);
  signal(SIGPIPE, old_pipe);
  if (r == (ssize_t)sizeof e) {
    *why = strerror(e);
    return -1;
  }
  /* sh says 127 (not found) or 126 (not executable) when it could not
   * start the pager; a signal the user sent (quit, interrupt) or a pipe
   * the pager closed is no failure. */
  if (WIFEXITED(status) &&
      (WEXITSTATUS(status) == 127 || WEXITSTATUS(status) == 126)) {
    *why = WEXITSTATUS(status) == 127 ? "command not found"
                                      : "permission denied";
    return -1;
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    char *q = width_quote(pager);
    char *msg = xasprintf("the pager '%s' failed (exit status %d); "
                          "--no-pager or PAGER=cat writes to the terminal",
                          q, WEXITSTATUS(status));
    S_error(msg);
    free(msg);
    free(q);
    return 2;
  }
  if (WIFSIGNALED(status) && WTERMSIG(status) != SIGPIPE &&
      WTERMSIG(status) != SIGINT && WTERMSIG(status) != SIGQUIT &&
      WTERMSIG(status) != SIGTERM && WTERMSIG(status) != SIGHUP) {
    char *q = width_quote(pager);
    char *msg = xasprintf("the pager '%s' was killed by signal %d", q,
                          WTERMSIG(status));
    S_error(msg);
    free(msg);
    free(q);
    return 2;
  }
  return 0;
}

/* Writes out through the pager when it is taller than the terminal; a
 * pager that cannot start leaves it to standard output, with a warning.
 * Returns 0, -1 on a write error (errno set) or 2 after a message. */
static int S_write_out(const buf *out, int page) {
  int cols, rows;
  const char *pager = getenv("MSSDOC_PAGER");
  if (!pager || !*pager)
    pager = getenv("PAGER");
  if (!pager || !*pager)
    pager = "less -FRX";
  if (page && isatty(STDOUT_FILENO) && S_terminal_size(&cols, &rows) &&
      S_count_lines(out) >= (size_t)rows && strcmp(pager, "cat") != 0) {
    if (!getenv("LESS"))
      setenv("LESS", "FRX", 1);
    const char *why = NULL;
    int rc = S_page(out, pager, &why);
    if (rc >= 0)
      return rc;
    char *q = width_quote(pager);
    fprintf(stderr, "mssdoc: cannot run pager '%s': %s; writing to the "
                    "terminal\n", q, why);
    free(q);
  }
  if (out->len && fwrite(out->data, 1, out->len, stdout) != out->len)
    return -1;
  return 0;
}

/* Opens /dev/null on any of descriptors 0-2 that is closed, so that no
 * file mssdoc opens (an -o temporary file) takes the number of standard
 * output.  Returns 1 if standard output was closed. */
static int S_guard_std_fds(void) {
  int closed_out = fcntl(STDOUT_FILENO, F_GETFD) < 0;
  for (int fd = 0; fd <= 2; fd++)
    if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", fd ? O_WRONLY : O_RDONLY) < 0)
      break;
  return closed_out;
}

static int S_parse_width(const char *s, int *width) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || end == s || *end || v < 20 || v > 1000)
    return 0;
  *width = (int)v;
  return 1;
}

/* Matches an option with a value: "-d X", "--data X" or "--data=X".  On a
 * match returns 1 and sets *val (NULL when the value is missing). */
static int S_option(int argc, char **argv, int *i, const char *shortname,
                    const char *longname, const char **val) {
  const char *a = argv[*i];
  size_t n = strlen(longname);
  if ((shortname && strcmp(a, shortname) == 0) || strcmp(a, longname) == 0) {
    *val = *i + 1 < argc ? argv[++*i] : NULL;
    return 1;
  }
  if (strncmp(a, longname, n) == 0 && a[n] == '=') {
    *val = a + n + 1;
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  cli_opts o = {0};
  const char *color = "auto", *width = NULL;
  int page = 1;
  char **args = calloc((size_t)argc + 1, sizeof *args);
  int nargs = 0, dashdash = 0, opt_first = 0, nopts = -1;
  int closed_out = S_guard_std_fds();
  if (!args)
    return S_error("out of memory");
  o.data = getenv("MSSDOC_DATA");
  if (o.data && !*o.data)
    o.data = NULL;

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *val = "";
    if (dashdash || a[0] != '-' || !a[1]) {
      args[nargs++] = argv[i];
      continue;
    }
    if (strcmp(a, "--") == 0) {
      dashdash = 1;
      nopts = nargs; /* what follows is no option */
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      S_usage(stdout);
      free(args);
      return closed_out || fclose(stdout) ? 2 : 0;
    } else if (strcmp(a, "--version") == 0) {
      printf("mssdoc %s\n", MSSDOC_VERSION);
      free(args);
      return closed_out || fclose(stdout) ? 2 : 0;
    } else if (strcmp(a, "--no-pager") == 0)
      page = 0;
    else if (S_option(argc, argv, &i, "-d", "--data", &val))
      o.data = val;
    else if (S_option(argc, argv, &i, "-f", "--format", &val))
      o.format = val;
    else if (S_option(argc, argv, &i, NULL, "--color", &val) ||
             S_option(argc, argv, &i, NULL, "--colour", &val))
      color = val;
    else if (S_option(argc, argv, &i, NULL, "--width", &val))
      width = val;
    else {
      opt_first |= nargs == 0; /* before any command: no option of ours */
      args[nargs++] = argv[i]; /* the command's own option */
      continue;
    }
    if (!val) {
      free(args);
      char *msg = xasprintf("option %s needs a value", a);
      int rc = S_error(msg);
      free(msg);
      return rc;
    }
  }

  int status;
  cmd_result res = {{0}, {0}, NULL};
  o.format = S_format_name(o.format);
  if (opt_first) {
    status = S_unknown_option(
        args[0], args[0][1] == '-' ? S_suggest_option(args[0], NULL) : NULL);
    free(args);
    return status;
  }
  int cols = 0, rows = 0, tty = isatty(STDOUT_FILENO);
  if (strcmp(color, "always") == 0)
    o.color = 1;
  else if (strcmp(color, "never") == 0)
    o.color = 0;
  else if (strcmp(color, "auto") == 0)
    /* no-color.org: NO_COLOR counts when present and not empty; a dumb
     * terminal shows SGR codes as they are */
    o.color = tty && !(getenv("NO_COLOR") && *getenv("NO_COLOR")) &&
              !(getenv("TERM") && strcmp(getenv("TERM"), "dumb") == 0);
  else {
    free(args);
    return S_error("--color takes always, never or auto");
  }
  if (width) {
    if (!S_parse_width(width, &o.width)) {
      free(args);
      return S_error("--width takes a number of columns from 20 to 1000");
    }
  } else if (getenv("COLUMNS") && S_parse_width(getenv("COLUMNS"), &o.width))
    ;
  else if (tty && S_terminal_size(&cols, &rows))
    o.width = cols < 20 ? 20 : cols;
  else
    o.width = 80;
  o.prose_width = o.width;
  if (!width && o.prose_width > PROSE_MAX)
    o.prose_width = PROSE_MAX;

  if (nargs == 0) {
    S_usage(stderr);
    free(args);
    return 2;
  }
  if (strcmp(args[0], "help") == 0) {
    const command *c = nargs > 1 ? S_find(args[1]) : NULL;
    const char *near = nargs > 1 && !c ? S_suggest_command(args[1]) : NULL;
    if (nargs > 1 && strcmp(args[1], "help") == 0) {
      fputs("usage: mssdoc help [COMMAND]\n\n"
            "without a command: the commands and the global options;\n"
            "with one: its usage, what it does and the formats it writes\n",
            stdout);
      status = 0;
    } else if (nargs > 1 && !c) {
      char *msg =
          near ? xasprintf("unknown command '%s'; did you mean '%s'?",
                           width_arg(args[1]), near)
               : xasprintf("no command %s; see mssdoc --help",
                           width_arg(args[1]));
      status = S_error(msg);
      free(msg);
      width_arg_free();
    } else {
      if (c)
        printf("usage: mssdoc [OPTIONS] %s\n\n%s\n\nformats (-f): %s\n"
               "%s"
               "see mssdoc --help for the global options, man mssdoc for "
               "more\n",
               c->usage, c->summary, c->formats,
               c->fn == cmd_query ? cmd_query_bounds : "");
      else
        S_usage(stdout);
      status = 0;
    }
    free(args);
    return closed_out || fclose(stdout) ? 2 : status;
  }
  const command *c = S_find(args[0]);
  const char *near = c ? NULL : S_suggest_command(args[0]);
  if (near) {
    char *msg = xasprintf("unknown command '%s'; did you mean '%s'?",
                          width_arg(args[0]), near);
    status = S_error(msg);
    free(msg);
    free(args);
    width_arg_free();
    return status;
  }
  if (!c) {
    buf names = {0};
    for (const command *k = COMMANDS; k->name; k++)
      buf_printf(&names, "%s%s", names.len ? ", " : "", k->name);
    char *msg = xasprintf("no command '%s'; commands: %s", width_arg(args[0]),
                          names.data);
    buf_free(&names);
    status = S_error(msg);
    free(msg);
    free(args);
    width_arg_free();
    return status;
  }
  /* a typo of a long option; any other unknown option is the command's
   * to report */
  for (int i = 1; i < (nopts < 0 ? nargs : nopts); i++) {
    const char *opt = strncmp(args[i], "--", 2) == 0 && args[i][2]
                          ? S_suggest_option(args[i], c->name)
                          : NULL;
    if (opt) {
      status = S_unknown_option(args[i], opt);
      free(args);
      return status;
    }
  }
  status = c->fn(&o, nargs, args, &res);
  free(args);
  if (res.diag.len) {
    fflush(stdout);
    fputs(res.diag.data, stderr);
  }
  if (status == 2 && res.err)
    S_error(res.err);
  errno = 0;
  int wrote;
  if (closed_out && res.out.len) {
    status = S_error("cannot write the output: standard output is closed");
  } else if ((wrote = S_write_out(&res.out, page)) == 2) {
    status = 2;
    fclose(stdout);
  } else if (wrote != 0 || fflush(stdout) != 0 || ferror(stdout) ||
             fclose(stdout) != 0) {
    if (errno != EPIPE) {
      char *msg = xasprintf("cannot write the output: %s",
                            errno ? strerror(errno) : "write error");
      status = S_error(msg);
      free(msg);
    }
  }
  buf_free(&res.out);
  buf_free(&res.diag);
  free(res.err);
  width_arg_free();
  return status;
}
