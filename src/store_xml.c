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

static void S_attr_refs(W w, const mssdoc_ints *refs) {
  S_attr_ints(w, "refs", refs);
}

static void S_elem(W w, const char *name, const char *text) {
  if (text)
    xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST text);
}

static void S_start(W w, const char *name) {
  xmlTextWriterStartElement(w, BAD_CAST name);
}

static void S_end(W w) { xmlTextWriterEndElement(w); }

static void S_write_event(W w, const mssdoc_event *e) {
  S_start(w, "event");
  S_attr(w, "date", e->date);
  S_attr(w, "qualifier", e->qualifier);
  S_attr(w, "source", e->source);
  S_attr(w, "section", e->section);
  S_attr_int(w, "line", e->line);
  S_attr_refs(w, &e->refs);
  xmlTextWriterWriteString(w, BAD_CAST e->text);
  S_end(w);
}

static void S_write_reference(W w, const mssdoc_reference *r) {
  S_start(w, "reference");
  S_attr_int(w, "number", r->number);
  S_attr_int(w, "backlinks", r->backlinks);
  S_attr_bool(w, "dead_link", r->dead_link);
  S_attr_int(w, "line", r->line);
  S_elem(w, "text", r->text ? r->text : "");
  for (size_t i = 0; i < r->authors.count; i++)
    S_elem(w, "author", r->authors.items[i]);
  S_elem(w, "date", r->date);
  S_elem(w, "title", r->title);
  S_elem(w, "work", r->work);
  S_elem(w, "publisher", r->publisher);
  S_elem(w, "pages", r->pages);
  S_elem(w, "isbn", r->isbn);
  S_elem(w, "issn", r->issn);
  S_elem(w, "oclc", r->oclc);
  S_elem(w, "doi", r->doi);
  S_elem(w, "archived", r->archived);
  S_elem(w, "retrieved", r->retrieved);
  S_end(w);
}

static int S_kept(const int *keep, size_t i) { return !keep || keep[i]; }

static void S_write_infobox(W w, const mssdoc_records *rs, const int *keep) {
  for (size_t i = 0; i < rs->infobox.count; i++) {
    const mssdoc_infobox_item *it = &rs->infobox.items[i];
    if (!S_kept(keep, i))
      continue;
    S_start(w, "item");
    S_attr(w, "label", it->label);
    S_attr_int(w, "line", it->line);
    S_attr_refs(w, &it->refs);
    xmlTextWriterWriteString(w, BAD_CAST it->value);
    S_end(w);
  }
}

static void S_write_sections(W w, const mssdoc_records *rs, const int *keep) {
  for (size_t i = 0; i < rs->sections.count; i++) {
    const mssdoc_section *s = &rs->sections.items[i];
    if (!S_kept(keep, i))
      continue;
    S_start(w, "section");
    S_attr(w, "id", s->id);
    S_attr(w, "title", s->title);
    S_attr_bool(w, "inferred", s->inferred);
    S_attr(w, "parent", s->parent);
    S_attr_int(w, "level", s->level);
    S_attr_int(w, "line", s->line);
    S_end(w);
  }
}

static void S_write_paragraphs(W w, const mssdoc_records *rs, const int *keep) {
  for (size_t i = 0; i < rs->paragraphs.count; i++) {
    const mssdoc_paragraph *p = &rs->paragraphs.items[i];
    if (!S_kept(keep, i))
      continue;
    S_start(w, "paragraph");
    S_attr(w, "id", p->id);
    S_attr(w, "section", p->section);
    S_attr_int(w, "line", p->line);
    S_attr(w, "kind", p->kind);
    S_attr_refs(w, &p->refs);
    S_attr_ints(w, "ref_offsets", &p->ref_offsets);
    S_elem(w, "text", p->text);
    for (size_t k = 0; k < p->tags.count; k++)
      S_elem(w, "tag", p->tags.items[k]);
    S_end(w);
  }
}

static void S_write_bureaus(W w, const mssdoc_records *rs, const int *keep) {
  for (size_t i = 0; i < rs->bureaus.count; i++) {
    const mssdoc_bureau *b = &rs->bureaus.items[i];
    if (!S_kept(keep, i))
      continue;
    S_start(w, "bureau");
    S_attr_int(w, "number", b->number);
    S_attr_int(w, "line", b->line);
    S_attr_refs(w, &b->refs);
    S_elem(w, "division", b->division);
    S_elem(w, "directive", b->directive);
    S_end(w);
  }
}

static void S_write_heads(W w, const mssdoc_records *rs, const int *keep) {
  for (size_t i = 0; i < rs->heads.count; i++) {
    const mssdoc_head *h = &rs->heads.items[i];
    if (!S_kept(keep, i))
      continue;
    S_start(w, "head");
    S_attr(w, "office", h->office);
    S_attr(w, "period", h->period);
    S_attr_int(w, "number", h->number);
    S_attr(w, "name", h->name);
    S_attr(w, "took_office", h->took_office);
    S_attr(w, "left_office", h->left_office);
    S_attr_bool(w, "incumbent", h->incumbent);
    S_attr_int(w, "line", h->line);
    S_end(w);
  }
}

static void S_write_incidents(W w, const mssdoc_records *rs, const int *keep) {
  for (size_t i = 0; i < rs->incidents.count; i++)
    if (S_kept(keep, i))
      S_write_event(w, &rs->incidents.items[i]);
}

static void S_write_timeline(W w, const mssdoc_records *rs, const int *keep) {
  for (size_t i = 0; i < rs->timeline.count; i++)
    if (S_kept(keep, i))
      S_write_event(w, &rs->timeline.items[i]);
}

static void S_write_references(W w, const mssdoc_records *rs, const int *keep) {
  for (size_t i = 0; i < rs->references.count; i++)
    if (S_kept(keep, i))
      S_write_reference(w, &rs->references.items[i]);
}

static void S_write_citations(W w, const mssdoc_records *rs, const int *keep) {
  for (size_t i = 0; i < rs->citations.count; i++) {
    const mssdoc_citation *c = &rs->citations.items[i];
    if (!S_kept(keep, i))
      continue;
    S_start(w, "citation");
    S_attr_int(w, "ref", c->ref);
    S_attr(w, "paragraph", c->paragraph);
    S_attr_int(w, "line", c->line);
    S_end(w);
  }
}

static void S_write_diagnostics(W w, const mssdoc_records *rs, const int *keep) {
  for (size_t i = 0; i < rs->diagnostics.count; i++) {
    const mssdoc_diagnostic *d = &rs->diagnostics.items[i];
    if (!S_kept(keep, i))
      continue;
    S_start(w, "diagnostic");
    S_attr_int(w, "line", d->line);
    S_attr(w, "kind", d->kind);
    xmlTextWriterWriteString(w, BAD_CAST d->message);
    S_end(w);
  }
}

/* The groups of the record set, in document order. */
static const struct {
  const char *name;
  void (*write)(W w, const mssdoc_records *rs, const int *keep);
} GROUPS[] = {{"infobox", S_write_infobox},
              {"sections", S_write_sections},
              {"paragraphs", S_write_paragraphs},
              {"bureaus", S_write_bureaus},
              {"heads", S_write_heads},
              {"incidents", S_write_incidents},
              {"timeline", S_write_timeline},
              {"references", S_write_references},
              {"citations", S_write_citations},
              {"diagnostics", S_write_diagnostics}};

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
  S_start(w, "article");
  S_attr(w, "title", rs->article.title);
  S_attr(w, "source", rs->article.source);
  S_attr(w, "sha256", rs->article.sha256);
  S_attr_int(w, "lines", rs->article.lines);
  S_end(w);
  for (size_t g = 0; g < sizeof GROUPS / sizeof *GROUPS; g++) {
    S_start(w, GROUPS[g].name);
    GROUPS[g].write(w, rs, NULL);
    S_end(w);
  }
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
  S_start(w, key);
  for (size_t g = 0; g < sizeof GROUPS / sizeof *GROUPS; g++)
    if (strcmp(GROUPS[g].name, key) == 0)
      GROUPS[g].write(w, rs, keep);
  S_end(w);
  return S_finish(w, out, NULL);
}

/* ---- validation ---- */

typedef struct {
  buf msg;
} S_errors;

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
 * has a DOCTYPE, and one that has is refused below). */
static const int PARSE_OPTIONS =
    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

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

static void S_get_refs(xmlNodePtr n, mssdoc_ints *refs) {
  S_get_ints(n, "refs", refs);
}

static char *S_content(xmlNodePtr n) {
  xmlChar *v = xmlNodeGetContent(n);
  char *s = S_safe_dup(v ? (const char *)v : "");
  xmlFree(v);
  return s;
}

static int S_is(xmlNodePtr n, const char *name) {
  return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static void S_read_event(xmlNodePtr n, mssdoc_event *e) {
  e->date = S_get(n, "date");
  e->qualifier = S_get(n, "qualifier");
  e->source = S_get(n, "source");
  e->section = S_get(n, "section");
  e->line = S_get_int(n, "line");
  S_get_refs(n, &e->refs);
  e->text = S_content(n);
}

static void S_read_reference(xmlNodePtr n, mssdoc_reference *r) {
  r->number = S_get_int(n, "number");
  r->backlinks = S_get_int(n, "backlinks");
  r->dead_link = S_get_bool(n, "dead_link");
  r->line = S_get_int(n, "line");
  struct {
    const char *name;
    char **field;
  } fields[] = {{"text", &r->text},           {"date", &r->date},
                {"title", &r->title},         {"work", &r->work},
                {"publisher", &r->publisher}, {"pages", &r->pages},
                {"isbn", &r->isbn},           {"issn", &r->issn},
                {"oclc", &r->oclc},           {"doi", &r->doi},
                {"archived", &r->archived},   {"retrieved", &r->retrieved}};
  for (xmlNodePtr c = n->children; c; c = c->next) {
    if (S_is(c, "author")) {
      char *a = S_content(c);
      strs_push(&r->authors, a);
      free(a);
      continue;
    }
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
      if (S_is(c, fields[i].name) && !*fields[i].field)
        *fields[i].field = S_content(c);
  }
}

static void S_read_group(mssdoc_records *rs, xmlNodePtr g) {
  for (xmlNodePtr n = g->children; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    if (S_is(g, "infobox")) {
      mssdoc_infobox_item *it = LIST_PUSH(rs->infobox);
      it->label = S_get(n, "label");
      it->line = S_get_int(n, "line");
      S_get_refs(n, &it->refs);
      it->value = S_content(n);
    } else if (S_is(g, "sections")) {
      mssdoc_section *s = LIST_PUSH(rs->sections);
      s->id = S_get(n, "id");
      s->title = S_get(n, "title");
      s->inferred = S_get_bool(n, "inferred");
      s->parent = S_get(n, "parent");
      s->level = S_get_int(n, "level");
      s->line = S_get_int(n, "line");
    } else if (S_is(g, "paragraphs")) {
      mssdoc_paragraph *p = LIST_PUSH(rs->paragraphs);
      p->id = S_get(n, "id");
      p->section = S_get(n, "section");
      p->line = S_get_int(n, "line");
      p->kind = S_get(n, "kind");
      S_get_refs(n, &p->refs);
      S_get_ints(n, "ref_offsets", &p->ref_offsets);
      for (xmlNodePtr c = n->children; c; c = c->next) {
        if (S_is(c, "text") && !p->text)
          p->text = S_content(c);
        else if (S_is(c, "tag")) {
          char *t = S_content(c);
          strs_push(&p->tags, t);
          free(t);
        }
      }
      if (!p->text)
        p->text = xstrdup("");
      /* never trust an offset from a file: one per ref, in order, inside
       * the text and on a character boundary */
      size_t tlen = strlen(p->text);
      while (p->ref_offsets.count > p->refs.count)
        p->ref_offsets.count--;
      while (p->ref_offsets.count < p->refs.count)
        ints_push(&p->ref_offsets, (int)tlen);
      for (size_t k = 0; k < p->ref_offsets.count; k++) {
        size_t at = (size_t)p->ref_offsets.items[k],
               prev = k ? (size_t)p->ref_offsets.items[k - 1] : 0;
        if (at > tlen)
          at = tlen;
        while (at > prev && (p->text[at] & 0xC0) == 0x80)
          at--;
        p->ref_offsets.items[k] = (int)(at < prev ? prev : at);
      }
    } else if (S_is(g, "bureaus")) {
      mssdoc_bureau *b = LIST_PUSH(rs->bureaus);
      b->number = S_get_int(n, "number");
      b->line = S_get_int(n, "line");
      S_get_refs(n, &b->refs);
      for (xmlNodePtr c = n->children; c; c = c->next) {
        if (S_is(c, "division") && !b->division)
          b->division = S_content(c);
        else if (S_is(c, "directive") && !b->directive)
          b->directive = S_content(c);
      }
    } else if (S_is(g, "heads")) {
      mssdoc_head *h = LIST_PUSH(rs->heads);
      h->office = S_get(n, "office");
      h->period = S_get(n, "period");
      h->number = S_get_int(n, "number");
      h->name = S_get(n, "name");
      h->took_office = S_get(n, "took_office");
      h->left_office = S_get(n, "left_office");
      h->incumbent = S_get_bool(n, "incumbent");
      h->line = S_get_int(n, "line");
    } else if (S_is(g, "incidents")) {
      S_read_event(n, LIST_PUSH(rs->incidents));
    } else if (S_is(g, "timeline")) {
      S_read_event(n, LIST_PUSH(rs->timeline));
    } else if (S_is(g, "references")) {
      S_read_reference(n, LIST_PUSH(rs->references));
    } else if (S_is(g, "citations")) {
      mssdoc_citation *c = LIST_PUSH(rs->citations);
      c->ref = S_get_int(n, "ref");
      c->paragraph = S_get(n, "paragraph");
      c->line = S_get_int(n, "line");
    } else if (S_is(g, "diagnostics")) {
      mssdoc_diagnostic *d = LIST_PUSH(rs->diagnostics);
      d->line = S_get_int(n, "line");
      d->kind = S_get(n, "kind");
      d->message = S_content(n);
    }
  }
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
  for (xmlNodePtr g = root->children; g; g = g->next) {
    if (S_is(g, "article")) {
      rs->article.title = S_get(g, "title");
      rs->article.source = S_get(g, "source");
      rs->article.sha256 = S_get(g, "sha256");
      rs->article.lines = S_get_int(g, "lines");
    } else if (g->type == XML_ELEMENT_NODE)
      S_read_group(rs, g);
  }
  xmlFreeDoc(doc);
  return rs;
}
