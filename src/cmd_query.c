/*
 * cmd_query.c: `mssdoc query XPATH`: an XPath 1.0 expression evaluated by
 * libxml2 over the XML record set (what `mssdoc export` writes, parsed
 * without network access and without the indentation's white space).
 *
 * Output: -f text (the default) prints each node's string value on a line
 * of its own (white space runs collapsed), -f xml each node as XML (an
 * element with its content, an attribute as name="value", a text node
 * escaped), -f json a JSON array of the string values; a number, boolean
 * or string result prints as its value.  An empty node-set is exit 1; an
 * invalid expression is exit 2 with libxml2's message.  The evaluation is
 * bounded (libxml2's operation limit) and so is the result: more than
 * MAX_NODES nodes is an error, not a flood.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "xmlapi.h"

#define MAX_NODES 100000
#define MAX_OPS 2000000UL /* libxml2 XPath operations per evaluation */

/* The first error libxml2 reported, as one line. */
typedef struct {
  buf msg;
  buf generic; /* what libxml2 printed through its generic channel */
  int pos;   /* character of the expression it points at, or -1 */
  int limit; /* 1 if it was one of libxml2's resource limits */
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
  err->limit = e->domain == XML_FROM_XPATH &&
               (e->code == XML_XPATH_EXPRESSION_OK + XPATH_OP_LIMIT_EXCEEDED ||
                e->code == XML_XPATH_EXPRESSION_OK +
                               XPATH_RECURSION_LIMIT_EXCEEDED);
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

/* Appends s escaped for XML character data or an attribute value. */
static void S_put_escaped(buf *b, const char *s) {
  for (; *s; s++) {
    switch (*s) {
    case '&': buf_puts(b, "&amp;"); break;
    case '<': buf_puts(b, "&lt;"); break;
    case '>': buf_puts(b, "&gt;"); break;
    case '"': buf_puts(b, "&quot;"); break;
    case '\r': buf_puts(b, "&#13;"); break;
    default: buf_putc(b, *s);
    }
  }
}

/* Appends one node as XML to b. */
static void S_put_xml(buf *b, xmlDocPtr doc, xmlNodePtr node) {
  if (node->type == XML_NAMESPACE_DECL) {
    xmlNsPtr ns = (xmlNsPtr)node;
    buf_printf(b, "xmlns%s%s=\"%s\"", ns->prefix ? ":" : "",
               ns->prefix ? (const char *)ns->prefix : "",
               ns->href ? (const char *)ns->href : "");
    return;
  }
  if (node->type == XML_DOCUMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE)
    node = xmlDocGetRootElement(doc);
  if (!node)
    return;
  xmlBufferPtr out = xmlBufferCreate();
  if (node->type == XML_ATTRIBUTE_NODE) {
    xmlChar *v = xmlNodeGetContent(node);
    buf_printf(b, "%s=\"", (const char *)node->name);
    S_put_escaped(b, v ? (const char *)v : "");
    buf_putc(b, '"');
    xmlFree(v);
  } else {
    xmlNodeDump(out, doc, node, 0, 1);
    buf_put(b, (const char *)xmlBufferContent(out),
            (size_t)xmlBufferLength(out));
  }
  xmlBufferFree(out);
}

/* Writes a result as XPath's string() does: "3", "1.5", "NaN". */
static void S_put_value(buf *b, xmlXPathObjectPtr r) {
  xmlChar *s = xmlXPathCastToString(r);
  buf_puts(b, s ? (const char *)s : "");
  xmlFree(s);
}

/* Writes the result; returns the exit status. */
static int S_print(xmlDocPtr doc, xmlXPathObjectPtr r, const char *format,
                   cmd_result *res) {
  int json = strcmp(format, "json") == 0, xml = strcmp(format, "xml") == 0;
  buf *b = &res->out;
  switch (r->type) {
  case XPATH_NODESET: {
    int n = r->nodesetval ? r->nodesetval->nodeNr : 0;
    if (n == 0) {
      buf_puts(&res->diag, "mssdoc: no node matches\n");
      if (json)
        buf_puts(b, "[]\n");
      return 1;
    }
    if (n > MAX_NODES)
      return cmd_fail(res, "the expression selects %d nodes; mssdoc prints "
                           "at most %d (narrow it, or count() them)",
                      n, MAX_NODES);
    json_t *a = json ? json_array() : NULL;
    for (int i = 0; i < n; i++) {
      xmlNodePtr node = r->nodesetval->nodeTab[i];
      if (xml) {
        S_put_xml(b, doc, node);
        buf_putc(b, '\n');
        continue;
      }
      char *s = S_string(node);
      if (json) {
        json_array_append_new(a, json_string(s));
      } else {
        S_put_flat(b, s);
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
    } else if (xml) {
      S_put_escaped(b, s);
      buf_putc(b, '\n');
    } else {
      buf_printf(b, "%s\n", s);
    }
    return 0;
  }
  default:
    return cmd_fail(res, "the expression gives a result mssdoc cannot print");
  }
}

static const char *const FORMATS[] = {"text", "xml", "json", NULL};

int cmd_query(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  if (argc != 2)
    return cmd_fail(res, "query takes one XPath expression (quote it), "
                         "such as mssdoc query '//bureau/division'");
  const char *expr = argv[1];
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
  xmlDocPtr doc = xmlReadMemory(data, (int)len, "records.xml", "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  free(data);
  int rc;
  if (!doc) {
    rc = cmd_fail(res, "cannot read the record set as XML: %s",
                  err.msg.len ? err.msg.data : "unknown error");
  } else {
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    ctx->opLimit = MAX_OPS;
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    if (!r || err.msg.len || err.generic.len) {
      const char *why = err.msg.len ? err.msg.data : "it cannot be evaluated";
      const char *detail = err.generic.data ? err.generic.data : NULL;
      if (detail && strstr(detail, ": "))
        detail = strstr(detail, ": ") + 2;
      char *more = detail && *detail ? xasprintf(" (%s)", detail)
                                     : xstrdup("");
      if (err.limit)
        rc = cmd_fail(res, "the XPath '%s' needs more than %lu steps "
                           "(libxml2: %s); narrow it",
                      expr, MAX_OPS, why);
      else if (err.pos >= 0)
        rc = cmd_fail(res, "invalid XPath '%s' at character %d: %s%s", expr,
                      err.pos + 1, why, more);
      else
        rc = cmd_fail(res, "invalid XPath '%s': %s%s", expr, why, more);
      free(more);
    } else {
      rc = S_print(doc, r, format, res);
    }
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
  }
  S_generic_errors(NULL);
  xmlSetStructuredErrorFunc(NULL, NULL);
  buf_free(&err.generic);
  buf_free(&err.msg);
  return rc;
}
