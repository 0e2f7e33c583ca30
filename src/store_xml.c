/*
 * store_xml.c: the record set <-> XML (libxml2), and validation against
 * the RELAX NG schema compiled into the binary.  Reading never touches the
 * network and never expands entities or loads a DTD.
 */
#include "mssdoc/mssdoc.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "util.h"
#include "xmlapi.h"

#include <libxml/xmlreader.h>

const char *schema_rng(size_t *len); /* generated from data/records.rng */

const char *mssdoc_schema(size_t *len) { return schema_rng(len); }

/* ---- writing ---- */

typedef xmlTextWriterPtr W;

static void S_attr(W w, const char *name, const char *value) {
  if (value)
    xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST value);
}

static void S_attr_int(W w, const char *name, long v) {
  xmlTextWriterWriteFormatAttribute(w, BAD_CAST name, "%ld", v);
}

static void S_attr_bool(W w, const char *name, bool v) {
  S_attr(w, name, v ? "true" : "false");
}

static void S_attr_ints(W w, const char *name, const mssdoc_ints *l) {
  if (!l->count)
    return;
  buf b = {0};
  for (size_t i = 0; i < l->count; i++)
    buf_printf(&b, "%s%d", i ? " " : "", l->items[i]);
  S_attr(w, name, b.data);
  buf_free(&b);
}

static void S_elem(W w, const char *name, const char *text) {
  if (text)
    xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST text);
}

static void S_start(W w, const char *name) {
  xmlTextWriterStartElement(w, BAD_CAST name);
}

static void S_end(W w) { xmlTextWriterEndElement(w); }

/* String field f of rec: a non-nullable one that is NULL as "". */
static const char *S_string(const mssdoc_field *f, const void *rec) {
  const char *s = *(char *const *)mssdoc_field_ptr(f, rec);
  return !s && !(f->flags & MSSDOC_NULLABLE) && f->xml != MSSDOC_ATTR ? "" : s;
}

/* Writes field f of rec as an attribute. */
static void S_write_attr(W w, const mssdoc_field *f, const void *rec) {
  const void *m = mssdoc_field_ptr(f, rec);
  if (f->type == MSSDOC_INT && (f->flags & MSSDOC_NULLABLE) && !*(const int *)m)
    return; /* null: no attribute */
  if (f->type == MSSDOC_INT)
    S_attr_int(w, f->name, *(const int *)m);
  else if (f->type == MSSDOC_BOOL)
    S_attr_bool(w, f->name, *(const bool *)m);
  else if (f->type == MSSDOC_INTS)
    S_attr_ints(w, f->name, m);
  else
    S_attr(w, f->name, S_string(f, rec));
}

/* Writes record rec of type t: its attributes (the MSSDOC_XML_LAST ones
 * last), its child elements, its text. */
static void S_write_record(W w, const mssdoc_rtype *t, const void *rec) {
  S_start(w, t->element);
  const mssdoc_field *order[MSSDOC_MAX_FIELDS];
  size_t n = mssdoc_fields_ordered(t, MSSDOC_XML_LAST, order);
  for (size_t i = 0; i < n; i++)
    if (order[i]->xml == MSSDOC_ATTR)
      S_write_attr(w, order[i], rec);
  for (size_t i = 0; i < t->nfields; i++) {
    const mssdoc_field *f = &t->fields[i];
    if (f->xml == MSSDOC_ELEM && f->type == MSSDOC_STRS) {
      const mssdoc_strs *l = mssdoc_field_ptr(f, rec);
      for (size_t k = 0; k < l->count; k++)
        S_elem(w, f->item, l->items[k]);
    } else if (f->type == MSSDOC_PAIRS) { /* <id scheme="jstor">…</id> */
      const mssdoc_strs *l = mssdoc_field_ptr(f, rec);
      for (size_t k = 0; k + 1 < l->count; k += 2) {
        S_start(w, f->item);
        S_attr(w, "scheme", l->items[k]);
        xmlTextWriterWriteString(w, BAD_CAST l->items[k + 1]);
        S_end(w);
      }
    } else if (f->xml == MSSDOC_ELEM)
      S_elem(w, f->name, S_string(f, rec));
  }
  for (size_t i = 0; i < t->nfields; i++)
    if (t->fields[i].xml == MSSDOC_CONTENT && S_string(&t->fields[i], rec))
      xmlTextWriterWriteString(w, BAD_CAST S_string(&t->fields[i], rec));
  S_end(w);
}

/* Writes the group of type t, the records keep flags (NULL: all). */
static void S_write_group(W w, const mssdoc_records *rs, const mssdoc_rtype *t,
                          const int *keep) {
  const void *items;
  size_t n = mssdoc_records_group(rs, t, &items);
  if (!t->single)
    S_start(w, t->group);
  for (size_t i = 0; i < n; i++)
    if (!keep || keep[i])
      S_write_record(w, t, mssdoc_record_at(t, items, i));
  if (!t->single)
    S_end(w);
}

/* Starts the document on writer w; returns w. */
static W S_writer_start(W w) {
  xmlTextWriterSetIndent(w, 1);
  xmlTextWriterSetIndentString(w, BAD_CAST "  ");
  xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
  return w;
}

/* Returns a writer into out, the document started. */
static W S_writer(xmlBufferPtr out) {
  /* grow by doubling, not by each 4 KiB the writer flushes: a large
   * record set would otherwise be reallocated (moved) thousands of times */
  xmlBufferSetAllocationScheme(out, XML_BUFFER_ALLOC_DOUBLEIT);
  return S_writer_start(xmlNewTextWriterMemory(out, 0));
}

static char *S_finish(W w, xmlBufferPtr out, size_t *len) {
  xmlTextWriterEndDocument(w);
  xmlFreeTextWriter(w);
  size_t n = (size_t)xmlBufferLength(out);
  /* take the buffer's own NUL-terminated bytes (libxml2 allocates with
   * malloc): a second copy of a large record set would double the peak */
  char *result = (char *)xmlBufferDetach(out);
  if (!result)
    result = xstrndup((const char *)xmlBufferContent(out), n);
  xmlBufferFree(out);
  if (len)
    *len = n;
  return result;
}

/* Writes the whole record set rs on w. */
static void S_write_records(W w, const mssdoc_records *rs) {
  S_start(w, "records");
  S_attr(w, "schema", MSSDOC_SCHEMA);
  size_t n;
  const mssdoc_rtype *types = mssdoc_rtypes(&n);
  for (size_t g = 0; g < n; g++)
    S_write_group(w, rs, &types[g], NULL);
  S_end(w);
}

char *mssdoc_xml_write(const mssdoc_records *rs, size_t *len) {
  xmlapi_require();
  xmlBufferPtr out = xmlBufferCreate();
  W w = S_writer(out);
  S_write_records(w, rs);
  return S_finish(w, out, len);
}

/* Keeps the first message libxml2 reports (a write error) in *ctx,
 * instead of letting it print its own. */
static void S_write_error(void *ctx, xmlErrorPtr e) {
  char **msg = ctx;
  if (*msg || !e->message)
    return;
  size_t n = strlen(e->message);
  while (n && e->message[n - 1] == '\n')
    n--;
  *msg = xstrndup(e->message, n);
}

int mssdoc_xml_write_file(const mssdoc_records *rs, FILE *f, char **err) {
  xmlapi_require();
  char *msg = NULL;
  xmlSetStructuredErrorFunc(&msg, S_write_error);
  xmlOutputBufferPtr out = xmlOutputBufferCreateFile(f, NULL);
  W w = out ? xmlNewTextWriter(out) : NULL;
  int ok = w != NULL;
  if (w) {
    S_writer_start(w);
    S_write_records(w, rs);
    /* a failed write sticks in the output buffer: these then return -1 */
    ok = xmlTextWriterEndDocument(w) >= 0 && xmlTextWriterFlush(w) >= 0;
    xmlFreeTextWriter(w); /* closes the output buffer, not f */
  }
  xmlSetStructuredErrorFunc(NULL, NULL);
  int saved = errno;
  ok = ok && fflush(f) == 0 && !ferror(f);
  if (!ok)
    *err = msg ? msg : xstrdup(strerror(saved ? saved : EIO));
  else
    free(msg);
  return ok;
}

char *mssdoc_xml_write_part(const mssdoc_records *rs, const char *key,
                            const int *keep) {
  xmlapi_require();
  xmlBufferPtr out = xmlBufferCreate();
  W w = S_writer(out);
  const mssdoc_rtype *t = mssdoc_rtype_find(key);
  if (t && !t->single)
    S_write_group(w, rs, t, keep);
  else {
    S_start(w, key);
    S_end(w);
  }
  return S_finish(w, out, NULL);
}

/* ---- validation ---- */

typedef struct {
  buf msg;
} S_errors;

/* The schema takes any text as a date (a pattern there costs libxml2 a
 * regex compiled per value); the syntax is checked here instead. */

/* The date fields of a record written as element name: stores them in
 * out (room for MSSDOC_MAX_FIELDS) and returns how many. */
static size_t S_date_fields(const char *name, const mssdoc_field **out) {
  size_t ntypes, n = 0;
  const mssdoc_rtype *types = mssdoc_rtypes(&ntypes);
  for (size_t g = 0; g < ntypes; g++) {
    if (strcmp(types[g].element, name) != 0)
      continue;
    for (size_t i = 0; i < types[g].nfields; i++)
      if (types[g].fields[i].type == MSSDOC_DATE)
        out[n++] = &types[g].fields[i];
    return n; /* incidents and timeline events share their fields */
  }
  return 0;
}

/* Records in errs that attribute name at line holds v, not an EDTF date;
 * v is quoted to 40 bytes, anything but printable ASCII as '?'. */
static void S_bad_date(S_errors *errs, int line, const char *name,
                       const char *v) {
  if (errs->msg.len)
    return;
  char q[41];
  size_t n = 0;
  for (; v[n] && n < 40; n++)
    q[n] = v[n] >= 0x20 && v[n] < 0x7F ? v[n] : '?';
  q[n] = '\0';
  buf_printf(&errs->msg,
             "line %d: %s=\"%s%s\" is not an EDTF date (such as 1983, "
             "1983-06, 1983-07-01, 195X, 1942/1944 or 1983/..)",
             line, name, q, v[n] ? "..." : "");
}

static void S_structured_error(void *ctx, const xmlError *e) {
  S_errors *errs = ctx;
  if (errs->msg.len || e->level == XML_ERR_WARNING)
    return; /* keep the first error */
  const char *m = e->message ? e->message : "invalid";
  size_t n = strlen(m);
  while (n && m[n - 1] == '\n')
    n--;
  /* libxml2's advice names a parser option the user cannot set */
  if (str_starts(m, "Excessive depth in document"))
    buf_printf(&errs->msg,
               "line %d: elements nested too deep (more than 256 levels)",
               e->line);
  else
    buf_printf(&errs->msg, "line %d: %.*s", e->line, (int)n, m);
}

/* libxml2 2.9 declares the handler with a non-const pointer. */
static void S_structured_error_cb(void *ctx, xmlErrorPtr e) {
  S_structured_error(ctx, e);
}

/* No network, no DTD loading, no entity substitution (a record set never
 * has a DOCTYPE, and one that has is refused below).  XML_PARSE_HUGE lifts
 * libxml2's 10 MB bound on one text node or attribute, which a paragraph
 * of a large article passes: the file is within FILE_READ_MAX, and
 * S_prescan has bounded attributes and nesting before libxml2 reads it. */
static const int PARSE_OPTIONS = XML_PARSE_NONET | XML_PARSE_NOERROR |
                                 XML_PARSE_NOWARNING | XML_PARSE_COMPACT |
                                 XML_PARSE_HUGE;

static const char NO_DOCTYPE[] =
    "a record set has no DOCTYPE (DTDs and entities are refused)";

static int S_at(const char *d, size_t len, size_t i, const char *s) {
  size_t n = strlen(s);
  return len - i >= n && memcmp(d + i, s, n) == 0;
}

/* The line of a DOCTYPE in the prolog (before the root element), or 0:
 * found before libxml2 reads the declarations, so that an entity bomb is
 * refused, not defused.  (A prolog in UTF-16 escapes this scan; S_parse
 * then refuses the DTD the parser kept.) */
static int S_doctype_line(const char *d, size_t len) {
  size_t i = 0;
  int line = 1;
  while (i < len) {
    if (d[i] == '\n')
      line++;
    if (d[i] != '<') {
      i++;
      continue;
    }
    if (S_at(d, len, i, "<!DOCTYPE"))
      return line;
    const char *end = S_at(d, len, i, "<!--") ? "-->"
                      : S_at(d, len, i, "<?") ? "?>"
                                              : NULL;
    if (!end)
      return 0; /* the root element: the prolog is over */
    for (i += 2; i < len && !S_at(d, len, i, end); i++)
      line += d[i] == '\n';
    i += 2;
  }
  return 0;
}

/* The most attributes (namespace declarations included) one element of a
 * record set may have: the schema's elements have at most 9.  Past it the
 * file is refused before libxml2 reads it, whose cost per start tag grows
 * with the square of its attributes (100,000 of them took 18 s). */
#define MAX_ATTRS 64

/* The deepest nesting of elements a record set may have: its own is 4
 * (records, group, record, field). */
#define MAX_DEPTH 32

/* The code unit at byte i of a document in units of `unit` bytes (1, 2 or
 * 4), big-endian if be. */
static unsigned long S_unit(const unsigned char *d, size_t i, int unit,
                            int be) {
  unsigned long v = 0;
  for (int k = 0; k < unit; k++)
    v |= (unsigned long)d[i + (size_t)(be ? unit - 1 - k : k)] << (8 * k);
  return v;
}

/* Returns 1 if the units from unit index i spell the ASCII string s. */
static int S_units_at(const unsigned char *d, size_t n, size_t i, int unit,
                      int be, const char *s) {
  for (; *s; s++, i++)
    if (i >= n || S_unit(d, i * (size_t)unit, unit, be) != (unsigned char)*s)
      return 0;
  return 1;
}

/* Scans the document once, in time linear in its length, for a start tag
 * with more than MAX_ATTRS attributes or elements nested more than
 * MAX_DEPTH deep; returns 1 if there is neither, or 0 after saying where
 * in errs.  The units are told by the opening
 * bytes (XML's own rule for UTF-16 and UTF-32 without a declaration). */
static int S_prescan(const char *data, size_t len, S_errors *errs) {
  const unsigned char *d = (const unsigned char *)data;
  int unit = 1, be = 0;
  if (len >= 4 && ((d[0] == 0 && d[1] == 0 && d[2] == 0xFE && d[3] == 0xFF) ||
                   (d[0] == 0 && d[1] == 0 && d[2] == 0 && d[3] == '<')))
    unit = 4, be = 1;
  else if (len >= 4 && ((d[0] == 0xFF && d[1] == 0xFE && d[2] == 0 &&
                         d[3] == 0) ||
                        (d[0] == '<' && d[1] == 0 && d[2] == 0 && d[3] == 0)))
    unit = 4;
  else if (len >= 2 && ((d[0] == 0xFE && d[1] == 0xFF) ||
                        (d[0] == 0 && d[1] == '<')))
    unit = 2, be = 1;
  else if (len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) ||
                        (d[0] == '<' && d[1] == 0)))
    unit = 2;
  size_t n = len / (size_t)unit;
  int line = 1, depth = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned long c = S_unit(d, i * (size_t)unit, unit, be);
    if (c == '\n')
      line++;
    if (c != '<')
      continue;
    /* markup other than a start tag ends at its own terminator */
    const char *end = S_units_at(d, n, i, unit, be, "<!--")        ? "-->"
                      : S_units_at(d, n, i, unit, be, "<![CDATA[") ? "]]>"
                      : S_units_at(d, n, i, unit, be, "<?")        ? "?>"
                                                                   : NULL;
    if (end) {
      for (i++; i < n && !S_units_at(d, n, i, unit, be, end); i++)
        line += S_unit(d, i * (size_t)unit, unit, be) == '\n';
      i += strlen(end) - 1;
      continue;
    }
    /* a tag: '=' outside quoted values starts an attribute */
    int tag_line = line, attrs = 0,
        closing =
            i + 1 < n && S_unit(d, (i + 1) * (size_t)unit, unit, be) == '/';
    unsigned long quote = 0, prev = 0;
    for (i++; i < n; i++) {
      c = S_unit(d, i * (size_t)unit, unit, be);
      line += c == '\n';
      if (quote) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        if (closing)
          depth -= depth > 0;
        else if (prev != '/' && ++depth > MAX_DEPTH) {
          buf_printf(&errs->msg,
                     "line %d: elements nested too deep (more than %d "
                     "levels); refused before parsing",
                     tag_line, MAX_DEPTH);
          return 0;
        }
        break;
      } else if (c == '=' && ++attrs > MAX_ATTRS) {
        buf_printf(&errs->msg,
                   "line %d: an element with more than %d attributes (a "
                   "record set's elements have at most 9); refused before "
                   "parsing",
                   tag_line, MAX_ATTRS);
        return 0;
      }
      prev = c;
    }
  }
  return 1;
}

static xmlDocPtr S_parse(const char *data, size_t len, S_errors *errs) {
  if (len > INT_MAX) {
    buf_puts(&errs->msg, "too large for a record set (2 GiB at most)");
    return NULL;
  }
  int doctype = S_doctype_line(data, len);
  if (doctype) {
    buf_printf(&errs->msg, "line %d: %s", doctype, NO_DOCTYPE);
    return NULL;
  }
  if (!S_prescan(data, len, errs))
    return NULL;
  xmlSetStructuredErrorFunc(errs, S_structured_error_cb);
  xmlDocPtr doc =
      xmlReadMemory(data, (int)len, "records.xml", NULL, PARSE_OPTIONS);
  xmlSetStructuredErrorFunc(NULL, NULL);
  if (doc && (doc->intSubset || doc->extSubset)) {
    buf_free(&errs->msg);
    buf_puts(&errs->msg, NO_DOCTYPE);
    xmlFreeDoc(doc);
    return NULL;
  }
  return doc;
}

/* The compiled schema: compiled once, kept for the life of the process. */
static xmlRelaxNGPtr S_schema(S_errors *errs) {
  static xmlRelaxNGPtr rng;
  if (!rng) {
    size_t slen;
    const char *schema = mssdoc_schema(&slen);
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(schema, (int)slen);
    rng = xmlRelaxNGParse(pc);
    xmlRelaxNGFreeParserCtxt(pc);
  }
  if (!rng)
    buf_puts(&errs->msg, "the built-in schema does not compile");
  return rng;
}

static int S_validate_doc(xmlDocPtr doc, S_errors *errs) {
  xmlRelaxNGPtr rng = S_schema(errs);
  if (!rng)
    return 0;
  xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
  xmlRelaxNGSetValidStructuredErrors(vc, S_structured_error_cb, errs);
  int rc = xmlRelaxNGValidateDoc(vc, doc);
  xmlRelaxNGFreeValidCtxt(vc);
  return rc == 0;
}

/* Checks the date attributes of the element reader r is on; returns 0
 * (the error in errs) if one is not EDTF. */
static int S_reader_dates(xmlTextReaderPtr r, S_errors *errs) {
  const mssdoc_field *f[MSSDOC_MAX_FIELDS];
  size_t n = S_date_fields((const char *)xmlTextReaderConstLocalName(r), f);
  int ok = 1;
  for (size_t i = 0; ok && i < n; i++) {
    xmlChar *v = xmlTextReaderGetAttribute(r, BAD_CAST f[i]->name);
    if (v && !dates_edtf_valid((const char *)v)) {
      S_bad_date(errs, xmlTextReaderGetParserLineNumber(r), f[i]->name,
                 (const char *)v);
      ok = 0;
    }
    xmlFree(v);
  }
  return ok;
}

/* Validates a document as it streams by, in memory bounded by one record
 * rather than by the document (ingest checks its whole output this way). */
static int S_validate_stream(const char *data, size_t len, S_errors *errs) {
  xmlRelaxNGPtr rng = S_schema(errs);
  if (!rng)
    return 0;
  if (len > INT_MAX) {
    buf_puts(&errs->msg, "too large for a record set (2 GiB at most)");
    return 0;
  }
  int doctype = S_doctype_line(data, len);
  if (doctype) {
    buf_printf(&errs->msg, "line %d: %s", doctype, NO_DOCTYPE);
    return 0;
  }
  if (!S_prescan(data, len, errs))
    return 0;
  xmlTextReaderPtr r =
      xmlReaderForMemory(data, (int)len, "records.xml", NULL, PARSE_OPTIONS);
  if (!r)
    return 0;
  xmlTextReaderSetStructuredErrorHandler(r, S_structured_error_cb, errs);
  int ok = xmlTextReaderRelaxNGSetSchema(r, rng) == 0, rc = 1;
  while (ok && (rc = xmlTextReaderRead(r)) == 1) {
    if (xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE) {
      buf_free(&errs->msg);
      buf_puts(&errs->msg, NO_DOCTYPE);
      ok = 0;
    } else if (xmlTextReaderIsValid(r) != 1)
      ok = 0;
    else if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT)
      ok = S_reader_dates(r, errs);
  }
  ok = ok && rc == 0 && xmlTextReaderIsValid(r) == 1;
  xmlFreeTextReader(r);
  return ok;
}

int mssdoc_xml_validate(const char *data, size_t len, char **err) {
  if (!xmlapi_load(err))
    return 0;
  S_errors errs = {{0}};
  int ok = S_validate_stream(data, len, &errs);
  if (!ok && err)
    *err = errs.msg.len ? buf_take(&errs.msg)
                        : xstrdup("not a well-formed XML record set");
  buf_free(&errs.msg);
  return ok;
}

/* ---- reading ---- */

/* A copy of a string from the file with the control characters XML 1.0
 * lets through (carriage return, DEL, the C1 controls U+0080..U+009F, all
 * of which a terminal may act on, none of which ingest writes) replaced
 * by U+FFFD. */
static char *S_safe_dup(const char *v) {
  size_t clean = strcspn(v, "\r\x7F\xC2");
  if (!v[clean]) /* nearly always: nothing to replace */
    return xstrndup(v, clean);
  buf b = {0};
  const unsigned char *p = (const unsigned char *)v;
  size_t run = 0, i = 0;
  for (; p[i]; i++) {
    size_t n = p[i] == '\r' || p[i] == 0x7F                           ? 1
               : p[i] == 0xC2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F ? 2
                                                                      : 0;
    if (!n)
      continue;
    buf_put(&b, v + run, i - run);
    buf_puts(&b, "\xEF\xBF\xBD");
    i += n - 1;
    run = i + 1;
  }
  buf_put(&b, v + run, i - run);
  return buf_take(&b);
}

static char *S_get(xmlNodePtr n, const char *name) {
  xmlChar *v = xmlGetProp(n, BAD_CAST name);
  if (!v)
    return NULL;
  char *s = S_safe_dup((const char *)v);
  xmlFree(v);
  return s;
}

/* A number the schema already checked to be within 0..INT_MAX. */
static int S_get_int(xmlNodePtr n, const char *name) {
  char *s = S_get(n, name);
  long v = s ? strtol(s, NULL, 10) : 0;
  free(s);
  return v < 0 || v > INT_MAX ? 0 : (int)v;
}

static bool S_get_bool(xmlNodePtr n, const char *name) {
  char *s = S_get(n, name);
  bool v = s && (strcmp(s, "true") == 0 || strcmp(s, "1") == 0);
  free(s);
  return v;
}

static void S_get_ints(xmlNodePtr n, const char *name, mssdoc_ints *refs) {
  char *s = S_get(n, name);
  char *p = s;
  while (p && *p) {
    char *end;
    errno = 0;
    long v = strtol(p, &end, 10);
    if (end == p)
      break;
    if (errno == 0 && v >= 0 && v <= INT_MAX)
      ints_push(refs, (int)v);
    p = end;
  }
  free(s);
}

static char *S_content(xmlNodePtr n) {
  xmlChar *v = xmlNodeGetContent(n);
  char *s = S_safe_dup(v ? (const char *)v : "");
  xmlFree(v);
  return s;
}

static int S_is(xmlNodePtr n, const char *name) {
  return n->type == XML_ELEMENT_NODE &&
         strcmp((const char *)n->name, name) == 0;
}

/* Never trusts an offset from a file: one per item (n of them), in order,
 * inside text and on a character boundary; a missing one is the text's
 * end (a record set written before tags had offsets). */
static void S_fix_offset_list(const char *text, mssdoc_ints *offs, size_t n) {
  size_t tlen = strlen(text);
  while (offs->count > n)
    offs->count--;
  while (offs->count < n)
    ints_push(offs, (int)tlen);
  for (size_t k = 0; k < offs->count; k++) {
    size_t at = offs->items[k] < 0 ? 0 : (size_t)offs->items[k],
           prev = k ? (size_t)offs->items[k - 1] : 0;
    if (at > tlen)
      at = tlen;
    while (at > prev && (text[at] & 0xC0) == 0x80)
      at--;
    offs->items[k] = (int)(at < prev ? prev : at);
  }
}

/* The offsets of a paragraph's markers and tags (the one check specific
 * to a type). */
static void S_fix_offsets(mssdoc_paragraph *p) {
  S_fix_offset_list(p->text, &p->ref_offsets, p->refs.count);
  S_fix_offset_list(p->text, &p->tag_offsets, p->tags.count);
}

/* Reads attribute field f of element n into rec. */
static void S_read_attr(xmlNodePtr n, const mssdoc_field *f, void *rec) {
  void *m = mssdoc_field_ptr(f, rec);
  if (f->type == MSSDOC_INT)
    *(int *)m = S_get_int(n, f->name);
  else if (f->type == MSSDOC_BOOL)
    *(bool *)m = S_get_bool(n, f->name);
  else if (f->type == MSSDOC_INTS)
    S_get_ints(n, f->name, m);
  else
    *(char **)m = S_get(n, f->name);
}

/* Reads child element c of a record of type t into the field it names
 * (the first one of each name; every one of a MSSDOC_STRS). */
static void S_read_child(xmlNodePtr c, const mssdoc_rtype *t, void *rec) {
  for (size_t i = 0; i < t->nfields; i++) {
    const mssdoc_field *f = &t->fields[i];
    if (f->xml != MSSDOC_ELEM)
      continue;
    void *m = mssdoc_field_ptr(f, rec);
    if (f->type == MSSDOC_STRS && S_is(c, f->item)) {
      char *v = S_content(c);
      strs_push(m, v);
      free(v);
      return;
    }
    if (f->type == MSSDOC_PAIRS && S_is(c, f->item)) {
      char *k = S_get(c, "scheme"), *v = S_content(c);
      strs_push(m, k ? k : "");
      strs_push(m, v);
      free(k);
      free(v);
      return;
    }
    if (f->type != MSSDOC_STRS && f->type != MSSDOC_PAIRS && S_is(c, f->name)) {
      if (!*(char **)m)
        *(char **)m = S_content(c);
      return;
    }
  }
}

/* Reads element n, a record of type t, into rec; returns 0 (the error in
 * errs) if a date of it is not EDTF. */
static int S_read_record(xmlNodePtr n, const mssdoc_rtype *t, void *rec,
                         S_errors *errs) {
  int children = 0;
  for (size_t i = 0; i < t->nfields; i++) {
    const mssdoc_field *f = &t->fields[i];
    if (f->xml == MSSDOC_ATTR)
      S_read_attr(n, f, rec);
    else if (f->xml == MSSDOC_CONTENT)
      *(char **)mssdoc_field_ptr(f, rec) = S_content(n);
    else
      children = 1;
  }
  for (xmlNodePtr c = children ? n->children : NULL; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      S_read_child(c, t, rec);
  for (size_t i = 0; i < t->nfields; i++) {
    const mssdoc_field *f = &t->fields[i];
    char **m = mssdoc_field_ptr(f, rec);
    if (f->type == MSSDOC_STR && f->xml == MSSDOC_ELEM && !*m &&
        !(f->flags & MSSDOC_NULLABLE))
      *m = xstrdup("");
  }
  if (strcmp(t->group, "paragraphs") == 0)
    S_fix_offsets(rec);
  for (size_t i = 0; i < t->nfields; i++) {
    const mssdoc_field *f = &t->fields[i];
    if (f->type != MSSDOC_DATE)
      continue;
    const char *v = *(char **)mssdoc_field_ptr(f, rec);
    if (v && !dates_edtf_valid(v)) {
      S_bad_date(errs, xmlGetLineNo(n), f->name, v);
      return 0;
    }
  }
  return 1;
}

mssdoc_records *mssdoc_xml_read(const char *data, size_t len, char **err) {
  if (!xmlapi_load(err))
    return NULL;
  S_errors errs = {{0}};
  xmlDocPtr doc = S_parse(data, len, &errs);
  if (!doc || !S_validate_doc(doc, &errs)) {
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (err)
      *err = errs.msg.len ? buf_take(&errs.msg)
                          : xstrdup("not a well-formed XML record set");
    buf_free(&errs.msg);
    xmlFreeDoc(doc);
    return NULL;
  }
  xmlSetStructuredErrorFunc(NULL, NULL);
  buf_free(&errs.msg);
  xmlNodePtr root = xmlDocGetRootElement(doc);
  if (!S_is(root, "records")) {
    if (err)
      *err = xasprintf("<%s> is one group of records, not a whole record set",
                       (const char *)root->name);
    xmlFreeDoc(doc);
    return NULL;
  }
  mssdoc_records *rs = mssdoc_records_new();
  int ok = 1;
  for (xmlNodePtr g = root->children; ok && g; g = g->next) {
    const mssdoc_rtype *t = g->type == XML_ELEMENT_NODE
                                ? mssdoc_rtype_find((const char *)g->name)
                                : NULL;
    if (t && t->single)
      ok = S_read_record(g, t, mssdoc_records_push(rs, t), &errs);
    else if (t)
      for (xmlNodePtr n = g->children; ok && n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
          ok = S_read_record(n, t, mssdoc_records_push(rs, t), &errs);
  }
  xmlFreeDoc(doc);
  if (!ok) {
    if (err)
      *err = buf_take(&errs.msg);
    buf_free(&errs.msg);
    mssdoc_records_free(rs);
    return NULL;
  }
  return rs;
}
