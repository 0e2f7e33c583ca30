/*
 * cmd_query.c: `mssdoc query XPATH`: an XPath 1.0 expression evaluated by
 * libxml2 over the XML record set (what `mssdoc export` writes, parsed
 * without network access and without the indentation's white space).
 *
 * Output: -f text (the default) prints each node's string value on a line
 * of its own (white space runs collapsed, controls and bidi controls
 * dropped, line separators as spaces), except a record (an element with
 * attributes or child elements and no text of its own), which prints as
 * its fields, "name: value" one per line, records parted by a blank
 * line; -f xml one XML document whatever the result (S_print_xml): a
 * <results> element naming the expression and the result's type, holding
 * each node as XML (an element with its content as the record set has
 * it; an attribute as <attribute name= element=>value</attribute>, a
 * text node as <text>, a namespace as <namespace>) or the one number,
 * string or boolean as <number>, <string>, <boolean>; -f json a JSON
 * array of the string values, or the value.  Text prints a number,
 * boolean or string result as its value.  An empty node-set is exit 1;
 * an invalid expression is exit 2 with libxml2's message.
 *
 * The evaluation is bounded, because libxml2's operation limit does not
 * count the work inside one step (concat() of 400 copies of string(/) is
 * a handful of steps and a minute of CPU): it runs in a child process
 * with a CPU-time limit (--max-time, DEFAULT_TIME seconds by default) and
 * an address-space limit (MEM_BASE plus MEM_PER_BYTE per byte of the
 * record set's XML beyond what the parent holds), and libxml2's step
 * limit scales with the document (MAX_OPS plus OPS_PER_BYTE per byte), so
 * that a record set mssdoc wrote itself can always be counted.  The
 * result is bounded too: more than MAX_NODES nodes is an error, not a
 * flood.
 */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>
#include <utf8proc.h>

#include "cli.h"
#include "fileio.h"
#include "width.h"
#include "xmlapi.h"

#define MAX_NODES 100000
#define MAX_OPS 2000000UL /* libxml2 XPath operations per evaluation, */
#define OPS_PER_BYTE 16UL /* and this many more per byte of the XML */
#define DEFAULT_TIME 2.0  /* seconds of CPU time for one evaluation */
#define MAX_TIME 3600.0   /* the largest --max-time */
#define MEM_BASE ((size_t)256 << 20) /* bytes of memory an evaluation */
#define MEM_PER_BYTE 4               /* may add, and per byte of XML */

/* (The numbers are the macros above.) */
const char cmd_query_bounds[] =
    "bounds: the evaluation may take 2 s of CPU time (--max-time SECONDS\n"
    "changes it, up to 3600), 256 MiB of memory plus 4 bytes per byte of\n"
    "the record set's XML, and 2,000,000 libxml2 steps plus 16 per byte;\n"
    "it prints at most 100000 nodes.  Past a bound it stops with exit 2.\n";

/* The first error libxml2 reported, as one line. */
typedef struct {
  buf msg;
  buf generic; /* what libxml2 printed through its generic channel */
  int pos;     /* character of the expression it points at, or -1 */
  int limit;   /* 1 if it was one of libxml2's resource limits */
} S_error;

/* libxml2 2.9 declares the handler with a non-const pointer. */
static void S_on_error(void *ctx, xmlErrorPtr e) {
  S_error *err = ctx;
  if (err->msg.len || !e)
    return;
  const char *m = e->message ? e->message : "error";
  size_t n = strlen(m);
  while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
    n--;
  for (size_t i = 0; i < n; i++)
    buf_putc(&err->msg, m[i] == '\n' ? ' ' : m[i]);
  err->pos = e->domain == XML_FROM_XPATH && e->str1 ? e->int1 : -1;
  err->limit =
      e->domain == XML_FROM_XPATH &&
      (e->code == XML_XPATH_EXPRESSION_OK + XPATH_OP_LIMIT_EXCEEDED ||
       e->code == XML_XPATH_EXPRESSION_OK + XPATH_RECURSION_LIMIT_EXCEEDED);
}

/* libxml2's generic error channel (printf-style): kept, not printed. */
static void S_on_generic(void *ctx, const char *fmt, ...) {
  S_error *err = ctx;
  char line[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  for (const char *p = line; *p; p++)
    if (*p != '\n' && err->generic.len < 400)
      buf_putc(&err->generic, *p);
}

/* Routes libxml2's generic errors (which some XPath evaluation errors use,
 * "function foo not found") to S_on_generic, or back to the default when
 * err is NULL. */
static void S_generic_errors(S_error *err) {
  xmlSetGenericErrorFunc(err, err ? S_on_generic : NULL);
}

/* Appends s with white space runs collapsed to one space and trimmed. */
static void S_put_flat(buf *b, const char *s) {
  int space = 0, any = 0;
  for (; *s; s++) {
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
      space = any;
      continue;
    }
    if (space)
      buf_putc(b, ' ');
    buf_putc(b, *s);
    space = 0;
    any = 1;
  }
}

/* Appends s for text output: controls and bidi controls dropped, line
 * and paragraph separators as spaces (width_clean), white space runs
 * collapsed. */
static void S_put_text(buf *b, const char *s) {
  char *clean = width_clean(s, strlen(s), 1);
  S_put_flat(b, clean);
  free(clean);
}

/* Returns 1 if node is a record: an element with attributes or element
 * children, and no text of its own. */
static int S_is_record(xmlNodePtr node) {
  if (node->type != XML_ELEMENT_NODE)
    return 0;
  int fields = node->properties != NULL;
  for (xmlNodePtr c = node->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE)
      fields = 1;
    else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
             c->content &&
             ((const char *)c->content)[strspn((const char *)c->content,
                                               " \t\r\n")])
      return 0;
  }
  return fields;
}

/* Appends a record as text: one "name: value" line per attribute, then
 * per child element (its string value). */
static void S_put_record(buf *b, xmlNodePtr node) {
  for (xmlAttrPtr a = node->properties; a; a = a->next) {
    xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
    buf_printf(b, "%s: ", (const char *)a->name);
    S_put_text(b, v ? (const char *)v : "");
    buf_putc(b, '\n');
    xmlFree(v);
  }
  for (xmlNodePtr c = node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    xmlChar *v = xmlXPathCastNodeToString(c);
    buf_printf(b, "%s: ", (const char *)c->name);
    S_put_text(b, v ? (const char *)v : "");
    buf_putc(b, '\n');
    xmlFree(v);
  }
}

/* Returns the string value of a node-set member; the caller frees it. */
static char *S_string(xmlNodePtr node) {
  if (node->type == XML_NAMESPACE_DECL) {
    xmlNsPtr ns = (xmlNsPtr)node;
    return xstrdup(ns->href ? (const char *)ns->href : "");
  }
  xmlChar *v = xmlXPathCastNodeToString(node);
  char *s = xstrdup(v ? (const char *)v : "");
  xmlFree(v);
  return s;
}

/* What S_put_escaped writes for an ASCII byte other than itself. */
static const char *const S_ENTITY[0x80] = {
    ['&'] = "&amp;", ['<'] = "&lt;",   ['>'] = "&gt;",  ['"'] = "&quot;",
    ['\t'] = "&#9;", ['\n'] = "&#10;", ['\r'] = "&#13;"};

/* Appends s escaped for XML character data or an attribute value: & < >
 * " as entities, tab, newline and CR as character references (kept in an
 * attribute), what XML 1.0 cannot hold (other controls, U+FFFE, U+FFFF)
 * dropped and invalid UTF-8 as U+FFFD, so that the result always parses
 * (a string literal of the expression can hold anything). */
static void S_put_escaped(buf *b, const char *s) {
  size_t len = strlen(s), i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80) {
      utf8proc_int32_t cp;
      utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                            (utf8proc_ssize_t)(len - i), &cp);
      if (n <= 0)
        buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFD */
      else if (cp != 0xFFFE && cp != 0xFFFF)
        buf_put(b, s + i, (size_t)n);
      i += n <= 0 ? 1 : (size_t)n;
      continue;
    }
    if (S_ENTITY[c])
      buf_puts(b, S_ENTITY[c]);
    else if (c >= 0x20 && c != 0x7F)
      buf_putc(b, (char)c);
    i++;
  }
}

/* Appends <name>s</name> (s escaped) on a line of its own, indented as a
 * child of <results>. */
static void S_put_item(buf *b, const char *name, const char *s) {
  buf_printf(b, "  <%s>", name);
  S_put_escaped(b, s);
  buf_printf(b, "</%s>\n", name);
}

/* Appends one node-set member as a child of <results>: an element (or
 * the document's root element, for /), comment or processing instruction
 * as the record set has it; an attribute as <attribute name="N"
 * element="E">value</attribute>, a text node as <text>, a namespace as
 * <namespace prefix="P">URI</namespace>. */
static void S_put_xml(buf *b, xmlDocPtr doc, xmlNodePtr node) {
  if (node->type == XML_NAMESPACE_DECL) {
    xmlNsPtr ns = (xmlNsPtr)node;
    buf_puts(b, "  <namespace");
    if (ns->prefix) {
      buf_puts(b, " prefix=\"");
      S_put_escaped(b, (const char *)ns->prefix);
      buf_putc(b, '"');
    }
    buf_putc(b, '>');
    S_put_escaped(b, ns->href ? (const char *)ns->href : "");
    buf_puts(b, "</namespace>\n");
    return;
  }
  if (node->type == XML_DOCUMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE)
    node = xmlDocGetRootElement(doc);
  if (!node)
    return;
  if (node->type == XML_ATTRIBUTE_NODE) {
    xmlChar *v = xmlNodeGetContent(node);
    buf_puts(b, "  <attribute name=\"");
    if (node->ns && node->ns->prefix)
      buf_printf(b, "%s:", (const char *)node->ns->prefix);
    S_put_escaped(b, (const char *)node->name);
    buf_putc(b, '"');
    if (node->parent && node->parent->name) {
      buf_puts(b, " element=\"");
      S_put_escaped(b, (const char *)node->parent->name);
      buf_putc(b, '"');
    }
    buf_putc(b, '>');
    S_put_escaped(b, v ? (const char *)v : "");
    buf_puts(b, "</attribute>\n");
    xmlFree(v);
    return;
  }
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    S_put_item(b, "text", node->content ? (const char *)node->content : "");
    return;
  }
  xmlBufferPtr out = xmlBufferCreate();
  xmlNodeDump(out, doc, node, 1, 1);
  buf_puts(b, "  ");
  buf_put(b, (const char *)xmlBufferContent(out), (size_t)xmlBufferLength(out));
  buf_putc(b, '\n');
  xmlBufferFree(out);
}

/* Writes a result as XPath's string() does: "3", "1.5", "NaN". */
static void S_put_value(buf *b, xmlXPathObjectPtr r) {
  xmlChar *s = xmlXPathCastToString(r);
  buf_puts(b, s ? (const char *)s : "");
  xmlFree(s);
}

/* The names -f xml gives the XPath result types (its <results type=>). */
static const char *S_type_name(xmlXPathObjectType t) {
  switch (t) {
  case XPATH_NODESET:
    return "node-set";
  case XPATH_BOOLEAN:
    return "boolean";
  case XPATH_NUMBER:
    return "number";
  default:
    return "string";
  }
}

/* Writes the result of expr as one XML document (-f xml); r is a
 * node-set of at most MAX_NODES nodes, a boolean, a number or a string
 * (anything else as its string value).
 * Returns the exit status: 1 for an empty node-set. */
static int S_print_xml(xmlDocPtr doc, xmlXPathObjectPtr r, const char *expr,
                       cmd_result *res) {
  buf *b = &res->out;
  int n = r->type == XPATH_NODESET && r->nodesetval ? r->nodesetval->nodeNr : 0;
  buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<results xpath=\"");
  S_put_escaped(b, expr);
  buf_printf(b, "\" type=\"%s\"", S_type_name(r->type));
  if (r->type == XPATH_NODESET)
    buf_printf(b, " count=\"%d\"", n);
  if (r->type == XPATH_NODESET && n == 0) {
    buf_puts(b, "/>\n");
    buf_puts(&res->diag, "mssdoc: no node matches\n");
    return 1;
  }
  buf_puts(b, ">\n");
  if (r->type == XPATH_NODESET) {
    for (int i = 0; i < n; i++)
      S_put_xml(b, doc, r->nodesetval->nodeTab[i]);
  } else if (r->type == XPATH_BOOLEAN) {
    S_put_item(b, "boolean", r->boolval ? "true" : "false");
  } else {
    xmlChar *v = xmlXPathCastToString(r); /* "3", "1.5", "NaN" */
    S_put_item(b, S_type_name(r->type), v ? (const char *)v : "");
    xmlFree(v);
  }
  buf_puts(b, "</results>\n");
  return 0;
}

/* Writes the result of expr; returns the exit status. */
static int S_print(xmlDocPtr doc, xmlXPathObjectPtr r, const char *expr,
                   const char *format, cmd_result *res) {
  int json = strcmp(format, "json") == 0, xml = strcmp(format, "xml") == 0;
  buf *b = &res->out;
  int n = r->type == XPATH_NODESET && r->nodesetval ? r->nodesetval->nodeNr : 0;
  if (n > MAX_NODES)
    return cmd_fail(res,
                    "the expression selects %d nodes; mssdoc prints "
                    "at most %d (narrow it, or count() them)",
                    n, MAX_NODES);
  if (xml)
    return S_print_xml(doc, r, expr, res);
  switch (r->type) {
  case XPATH_NODESET: {
    if (n == 0) {
      buf_puts(&res->diag, "mssdoc: no node matches\n");
      if (json)
        buf_puts(b, "[]\n");
      return 1;
    }
    json_t *a = json ? json_array() : NULL;
    for (int i = 0; i < n; i++) {
      xmlNodePtr node = r->nodesetval->nodeTab[i];
      if (!json && S_is_record(node)) {
        if (i > 0)
          buf_putc(b, '\n'); /* a blank line between records */
        S_put_record(b, node);
        continue;
      }
      if (!json && i > 0 && S_is_record(r->nodesetval->nodeTab[i - 1]))
        buf_putc(b, '\n');
      char *s = S_string(node);
      if (json) {
        json_array_append_new(a, json_string(s));
      } else {
        S_put_text(b, s);
        buf_putc(b, '\n');
      }
      free(s);
    }
    if (json) {
      cmd_put_json(b, a);
    }
    return 0;
  }
  case XPATH_BOOLEAN:
    buf_puts(b, r->boolval ? "true\n" : "false\n");
    return 0;
  case XPATH_NUMBER:
    if (json && (isnan(r->floatval) || isinf(r->floatval)))
      buf_puts(b, "null");
    else
      S_put_value(b, r);
    buf_putc(b, '\n');
    return 0;
  case XPATH_STRING: {
    const char *s = r->stringval ? (const char *)r->stringval : "";
    if (json) {
      json_t *j = json_string(s);
      char *d = json_dumps(j, JSON_ENCODE_ANY);
      buf_printf(b, "%s\n", d ? d : "\"\"");
      free(d);
      json_decref(j);
    } else {
      S_put_text(b, s);
      buf_putc(b, '\n');
    }
    return 0;
  }
  default:
    return cmd_fail(res, "the expression gives a result mssdoc cannot print");
  }
}

static const char *const FORMATS[] = {"text", "xml", "json", NULL};

/* Evaluates expr over doc and prints the result into res; libxml2's
 * errors arrive in *err.  Returns the exit status. */
static int S_evaluate(xmlDocPtr doc, size_t len, const char *expr,
                      const char *format, S_error *err, cmd_result *res) {
  int rc;
  unsigned long ops = MAX_OPS + OPS_PER_BYTE * (unsigned long)len;
  xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
  ctx->opLimit = ops;
  xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
  if (!r || err->msg.len || err->generic.len) {
    const char *why = err->msg.len ? err->msg.data : "it cannot be evaluated";
    const char *detail = err->generic.data ? err->generic.data : NULL;
    if (detail && strstr(detail, ": "))
      detail = strstr(detail, ": ") + 2;
    char *more =
        detail && *detail ? xasprintf(" (%s)", width_arg(detail)) : xstrdup("");
    if (err->limit)
      rc = cmd_fail(res,
                    "the XPath '%s' needs more than %lu steps "
                    "(libxml2: %s); narrow it",
                    width_arg(expr), ops, why);
    else if (strstr(why, "emory allocation failed"))
      rc = -1; /* the memory bound: reported by the parent */
    else if (err->pos >= 0)
      rc = cmd_fail(res, "invalid XPath '%s' at character %d: %s%s",
                    width_arg(expr), err->pos + 1, why, more);
    else
      rc =
          cmd_fail(res, "invalid XPath '%s': %s%s", width_arg(expr), why, more);
    free(more);
  } else {
    rc = S_print(doc, r, expr, format, res);
  }
  xmlXPathFreeObject(r);
  xmlXPathFreeContext(ctx);
  return rc;
}

/* The child's status when it ran out of its memory. */
#define S_CHILD_MEMORY 3

/* The child: sets its limits, evaluates, and sends the status, standard
 * output, diagnostics and error (each length-prefixed) up fd.  Never
 * returns. */
static void S_child(int fd, xmlDocPtr doc, size_t len, const char *expr,
                    const char *format, double max_time, S_error *err) {
  long sec = (long)max_time, usec = (long)((max_time - (double)sec) * 1e6);
  struct rlimit cpu = {(rlim_t)sec + 2, (rlim_t)sec + 3};
  setrlimit(RLIMIT_CPU, &cpu); /* a backstop for the timer below */
  struct itimerval t = {{0, 0}, {(time_t)sec, (suseconds_t)usec}};
  if (sec == 0 && usec == 0)
    t.it_value.tv_usec = 1000;
  signal(SIGPROF, SIG_DFL);
  setitimer(ITIMER_PROF, &t, NULL); /* SIGPROF ends the process */
  /* the address space the parent holds, plus the evaluation's share */
  FILE *statm = fopen("/proc/self/statm", "r");
  unsigned long pages = 0;
  if (statm) {
    if (fscanf(statm, "%lu", &pages) != 1)
      pages = 0;
    fclose(statm);
  }
  if (pages) {
    rlim_t as = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + MEM_BASE +
                (rlim_t)MEM_PER_BYTE * len;
    struct rlimit mem = {as, as};
    setrlimit(RLIMIT_AS, &mem);
  }
  cmd_result res = {{0}, {0}, NULL};
  int rc = S_evaluate(doc, len, expr, format, err, &res);
  if (rc < 0)
    _exit(S_CHILD_MEMORY);
  size_t head[4] = {(size_t)rc, res.out.len, res.diag.len,
                    res.err ? strlen(res.err) : 0};
  int ok = !file_write_fd(fd, (const char *)head, sizeof head) &&
           !file_write_fd(fd, res.out.data, head[1]) &&
           !file_write_fd(fd, res.diag.data, head[2]) &&
           !file_write_fd(fd, res.err, head[3]);
  _exit(ok ? 0 : 4);
}

/* Evaluates expr over doc in a child process bounded in CPU time and
 * memory; fills res as S_evaluate would.  Returns the exit status. */
static int S_bounded(xmlDocPtr doc, size_t len, const char *expr,
                     const char *format, double max_time, S_error *err,
                     cmd_result *res) {
  int fds[2];
  if (pipe(fds) != 0)
    return cmd_fail(res, "cannot evaluate the XPath: %s", strerror(errno));
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return cmd_fail(res, "cannot evaluate the XPath: %s", strerror(errno));
  }
  if (pid == 0) {
    close(fds[0]);
    S_child(fds[1], doc, len, expr, format, max_time, err);
  }
  close(fds[1]);
  buf got = {0};
  char chunk[65536];
  for (;;) {
    ssize_t r = read(fds[0], chunk, sizeof chunk);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      break;
    buf_put(&got, chunk, (size_t)r);
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    ;
  int rc;
  size_t head[4];
  if (WIFSIGNALED(status) &&
      (WTERMSIG(status) == SIGPROF || WTERMSIG(status) == SIGXCPU ||
       WTERMSIG(status) == SIGKILL))
    rc = cmd_fail(res,
                  "the XPath '%s' needs more than %g s of CPU time; narrow "
                  "it, or allow more with --max-time SECONDS",
                  width_arg(expr), max_time);
  else if ((WIFEXITED(status) && WEXITSTATUS(status) == S_CHILD_MEMORY) ||
           (WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT))
    rc = cmd_fail(res,
                  "the XPath '%s' needs more than %zu MiB of memory; "
                  "narrow it",
                  width_arg(expr), (MEM_BASE + MEM_PER_BYTE * len) >> 20);
  else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
           got.len < sizeof head)
    rc = cmd_fail(res, "the XPath '%s' could not be evaluated (status %d)",
                  width_arg(expr), status);
  else {
    memcpy(head, got.data, sizeof head);
    const char *p = got.data + sizeof head;
    if (got.len != sizeof head + head[1] + head[2] + head[3])
      rc = cmd_fail(res, "the XPath '%s' could not be evaluated",
                    width_arg(expr));
    else {
      rc = (int)head[0];
      buf_put(&res->out, p, head[1]);
      buf_put(&res->diag, p + head[1], head[2]);
      if (head[3])
        cmd_fail(res, "%.*s", (int)head[3], p + head[1] + head[2]);
    }
  }
  buf_free(&got);
  return rc;
}

/* Reads --max-time SECONDS (or --max-time=SECONDS) at argv[*i]; returns 1
 * if it was there, 0 if argv[*i] is something else, -1 on a bad value. */
static int S_max_time(int argc, char **argv, int *i, double *t,
                      cmd_result *res) {
  const char *a = argv[*i], *v;
  if (strcmp(a, "--max-time") == 0)
    v = *i + 1 < argc ? argv[++*i] : NULL;
  else if (strncmp(a, "--max-time=", 11) == 0)
    v = a + 11;
  else
    return 0;
  char *end = NULL;
  double d = v ? strtod(v, &end) : 0;
  if (!v || end == v || *end || !(d > 0) || d > MAX_TIME) {
    cmd_fail(res,
             "--max-time takes seconds of CPU time, more than 0 and at "
             "most %g, such as --max-time 10",
             MAX_TIME);
    return -1;
  }
  *t = d;
  return 1;
}

int cmd_query(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  const char *expr = NULL;
  double max_time = DEFAULT_TIME;
  int n = 0;
  for (int i = 1; i < argc; i++) {
    int t = S_max_time(argc, argv, &i, &max_time, res);
    if (t < 0)
      return 2;
    if (!t) {
      expr = argv[i];
      n++;
    }
  }
  if (n != 1)
    return cmd_fail(res, "query takes one XPath expression (quote it), "
                         "such as mssdoc query '//bureau/division'");
  const char *format = cmd_format(o, res, "query", "text", FORMATS);
  if (!format)
    return 2;
  char *lerr = NULL;
  if (!xmlapi_load(&lerr)) {
    int rc = cmd_fail(res, "%s", lerr);
    free(lerr);
    return rc;
  }
  mssdoc_records *rs = cmd_load(o, res);
  if (!rs)
    return 2;
  size_t len;
  char *data = mssdoc_xml_write(rs, &len);
  mssdoc_records_free(rs);

  S_error err = {{0}, {0}, -1, 0};
  xmlSetStructuredErrorFunc(&err, S_on_error);
  S_generic_errors(&err);
  xmlDocPtr doc =
      xmlReadMemory(data, (int)len, "records.xml", "UTF-8",
                    XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_HUGE);
  free(data);
  int rc;
  if (!doc) {
    rc = cmd_fail(res, "cannot read the record set as XML: %s",
                  err.msg.len ? err.msg.data : "unknown error");
  } else {
    rc = S_bounded(doc, len, expr, format, max_time, &err, res);
    xmlFreeDoc(doc);
  }
  S_generic_errors(NULL);
  xmlSetStructuredErrorFunc(NULL, NULL);
  buf_free(&err.generic);
  buf_free(&err.msg);
  return rc;
}
