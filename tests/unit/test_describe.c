/* test_describe.c: the description of the records (records.h, records.c):
 * it names the same elements, attributes and types as the hand-written
 * schema data/records.rng (so the two cannot drift), and its generic
 * comparison finds exactly the fields that differ. */
/* clang-format off */
/* cmocka needs these first, in this order */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mssdoc/mssdoc.h"
#include "util.h"
#include "xmlapi.h"

/* ---- the schema, as the test reads it ---- */

static xmlDocPtr doc;

static int S_is(xmlNodePtr n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE &&
         strcmp((const char *)n->name, name) == 0;
}

/* The value of attribute `name` of n, compared with want. */
static int S_named(xmlNodePtr n, const char *want) {
  xmlChar *v = xmlGetProp(n, BAD_CAST "name");
  int eq = v && strcmp((const char *)v, want) == 0;
  xmlFree(v);
  return eq;
}

static xmlNodePtr S_define(const char *name) {
  for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n; n = n->next)
    if (S_is(n, "define") && S_named(n, name))
      return n;
  return NULL;
}

/* A node of the schema a record's pattern holds, with what encloses it. */
typedef struct {
  char kind; /* 'a' attribute, 'e' element, 't' text */
  char name[64];
  int optional;  /* inside optional or zeroOrMore */
  int many;      /* inside zeroOrMore */
  char type[16]; /* attributes and elements: "int", "bool", "date",
                    "ints", "str" */
} S_node;

typedef struct {
  S_node items[64];
  size_t n;
} S_nodes;

/* The type of a value pattern p (an attribute's or element's content). */
static const char *S_type(xmlNodePtr p) {
  for (xmlNodePtr c = p->children; c; c = c->next) {
    if (S_is(c, "list"))
      return "ints";
    if (S_is(c, "ref") && S_named(c, "count"))
      return "int";
    if (S_is(c, "ref") && S_named(c, "edtf"))
      return "date";
    if (S_is(c, "data")) {
      xmlChar *t = xmlGetProp(c, BAD_CAST "type");
      int b = t && strcmp((const char *)t, "boolean") == 0;
      xmlFree(t);
      if (b)
        return "bool";
    }
    if (S_is(c, "choice")) {
      /* a choice of numbers is an int */
      xmlNodePtr v = c->children;
      while (v && !S_is(v, "value"))
        v = v->next;
      xmlChar *s = v ? xmlNodeGetContent(v) : NULL;
      int num = s && s[0] >= '0' && s[0] <= '9';
      xmlFree(s);
      if (num)
        return "int";
    }
  }
  return "str";
}

/* Collects the attributes, child elements and text of pattern p (the
 * inside of a record element), following refs. */
static void S_collect(xmlNodePtr p, int optional, int many, S_nodes *out) {
  for (xmlNodePtr c = p->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    if (S_is(c, "optional") || S_is(c, "zeroOrMore")) {
      S_collect(c, 1, many || S_is(c, "zeroOrMore"), out);
      continue;
    }
    if (S_is(c, "ref")) {
      xmlChar *name = xmlGetProp(c, BAD_CAST "name");
      xmlNodePtr d = S_define((const char *)name);
      xmlFree(name);
      if (d)
        S_collect(d, optional, many, out);
      continue;
    }
    char kind = S_is(c, "attribute") ? 'a'
                : S_is(c, "element") ? 'e'
                : S_is(c, "text")    ? 't'
                                     : 0;
    if (!kind)
      continue;
    S_node *x = &out->items[out->n++];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->optional = optional;
    x->many = many;
    if (kind != 't') {
      xmlChar *name = xmlGetProp(c, BAD_CAST "name");
      snprintf(x->name, sizeof x->name, "%s", (const char *)name);
      xmlFree(name);
      snprintf(x->type, sizeof x->type, "%s", S_type(c));
    }
  }
}

/* The record element of group t in the schema. */
static xmlNodePtr S_record_element(const mssdoc_rtype *t) {
  if (t->single) {
    for (xmlNodePtr c = S_define("records")->children; c; c = c->next)
      if (S_is(c, "element"))
        for (xmlNodePtr e = c->children; e; e = e->next)
          if (S_is(e, "element") && S_named(e, t->element))
            return e;
    return NULL;
  }
  xmlNodePtr g = S_define(t->group);
  if (!g)
    return NULL;
  xmlNodePtr e = g->children;
  while (e && !S_is(e, "element"))
    e = e->next;
  if (!e || !S_named(e, t->group))
    return NULL;
  for (xmlNodePtr z = e->children; z; z = z->next)
    if (S_is(z, "zeroOrMore"))
      for (xmlNodePtr r = z->children; r; r = r->next) {
        if (S_is(r, "element") && S_named(r, t->element))
          return r;
        if (S_is(r, "ref") && S_named(r, t->element))
          for (xmlNodePtr x = S_define(t->element)->children; x; x = x->next)
            if (S_is(x, "element") && S_named(x, t->element))
              return x;
      }
  return NULL;
}

static const char *S_ftype(const mssdoc_field *f) {
  switch (f->type) {
  case MSSDOC_INT:
    return "int";
  case MSSDOC_BOOL:
    return "bool";
  case MSSDOC_DATE:
    return "date";
  case MSSDOC_INTS:
    return "ints";
  default:
    return "str";
  }
}

/* Every field of every type is in the schema where its description puts
 * it, with its type and nullability; every attribute, element and text of
 * every record in the schema is a field. */
static void test_description_matches_schema(void **state) {
  (void)state;
  char *err = NULL;
  assert_true(xmlapi_load(&err));
  size_t len;
  const char *rng = mssdoc_schema(&len);
  doc = xmlReadMemory(rng, (int)len, "records.rng", NULL, XML_PARSE_NONET);
  assert_non_null(doc);
  size_t ntypes;
  const mssdoc_rtype *types = mssdoc_rtypes(&ntypes);
  assert_int_equal(ntypes, 11);
  for (size_t g = 0; g < ntypes; g++) {
    const mssdoc_rtype *t = &types[g];
    xmlNodePtr e = S_record_element(t);
    if (!e)
      fail_msg("%s: no <%s> record in the schema", t->group, t->element);
    assert_true(t->nfields <= MSSDOC_MAX_FIELDS);
    S_nodes nodes = {0};
    S_collect(e, 0, 0, &nodes);
    assert_int_equal(nodes.n, t->nfields);
    for (size_t i = 0; i < t->nfields; i++) {
      const mssdoc_field *f = &t->fields[i];
      const S_node *x = NULL;
      for (size_t k = 0; k < nodes.n && !x; k++) {
        const S_node *y = &nodes.items[k];
        if (f->xml == MSSDOC_CONTENT ? y->kind == 't'
            : f->xml == MSSDOC_ATTR
                ? y->kind == 'a' && strcmp(y->name, f->name) == 0
                : y->kind == 'e' &&
                      strcmp(y->name, f->item ? f->item : f->name) == 0)
          x = y;
      }
      if (!x)
        fail_msg("%s.%s: not in the schema's <%s>", t->group, f->name,
                 t->element);
      if (x->kind == 't')
        continue;
      int nullable = (f->flags & MSSDOC_NULLABLE) != 0;
      if (f->type == MSSDOC_STRS) {
        if (!x->many || strcmp(x->type, "str") != 0)
          fail_msg("%s.%s: the schema's <%s> is not zero or more strings",
                   t->group, f->name, x->name);
        continue;
      }
      if (f->type == MSSDOC_PAIRS) { /* <id scheme="…">…</id>, any number */
        if (!x->many)
          fail_msg("%s.%s: the schema's <%s> is not zero or more pairs",
                   t->group, f->name, x->name);
        continue;
      }
      /* a number list is left out when empty, so it is optional */
      if (x->optional != (nullable || f->type == MSSDOC_INTS) || x->many)
        fail_msg("%s.%s: nullable %d in the description, optional %d in "
                 "the schema",
                 t->group, f->name, nullable, x->optional);
      if (strcmp(x->type, S_ftype(f)) != 0)
        fail_msg("%s.%s: %s in the description, %s in the schema", t->group,
                 f->name, S_ftype(f), x->type);
    }
  }
  xmlFreeDoc(doc);
}

/* ---- comparison ---- */

typedef struct {
  char names[256];
} S_seen;

static void S_note(const mssdoc_field *f, void *ctx) {
  S_seen *s = ctx;
  strcat(s->names, f->name);
  strcat(s->names, " ");
}

static void S_ref(mssdoc_reference *r, int number, const char *title) {
  memset(r, 0, sizeof *r);
  r->number = number;
  r->text = xstrdup("Doe, Jane (2023). A Study.");
  r->title = title ? xstrdup(title) : NULL;
  strs_push(&r->authors, "Doe, Jane");
  r->line = 7;
}

static void test_compare(void **state) {
  (void)state;
  const mssdoc_rtype *t = mssdoc_rtype_find("references");
  assert_non_null(t);
  mssdoc_reference a, b;
  S_ref(&a, 5, "A Study");
  S_ref(&b, 5, "A Study");
  assert_true(mssdoc_record_equal(t, &a, &b));
  assert_int_equal(mssdoc_record_compare(t, &a, &b, NULL, NULL), 0);

  /* a changed title, one more author, another line: three fields */
  free(b.title);
  b.title = xstrdup("A Second Study");
  strs_push(&b.authors, "Roe, Richard");
  b.line = 8;
  S_seen seen = {{0}};
  assert_int_equal(mssdoc_record_compare(t, &a, &b, S_note, &seen), 3);
  assert_string_equal(seen.names, "authors title line ");
  assert_false(mssdoc_record_equal(t, &a, &b));
  /* still the same reference: its number identifies it */
  assert_true(mssdoc_record_same(t, &a, &b));
  b.number = 6;
  assert_false(mssdoc_record_same(t, &a, &b));
  mssdoc_reference_clear(&b);

  /* NULL is not "" */
  S_ref(&b, 5, NULL);
  free(a.title);
  a.title = xstrdup("");
  memset(seen.names, 0, sizeof seen.names);
  assert_int_equal(mssdoc_record_compare(t, &a, &b, S_note, &seen), 1);
  assert_string_equal(seen.names, "title ");
  assert_true(mssdoc_field_equal(mssdoc_field_find(t, "authors"), &a, &b));
  assert_null(mssdoc_field_find(t, "nonesuch"));
  mssdoc_reference_clear(&a);
  mssdoc_reference_clear(&b);
}

/* Events are identified by date and text; cells show each type. */
static void test_identity_and_cells(void **state) {
  (void)state;
  const mssdoc_rtype *t = mssdoc_rtype_find("timeline");
  mssdoc_event a = {0}, b = {0};
  a.date = "2019-02";
  a.text = "An event.";
  a.section = "history";
  b = a;
  b.section = "operations";
  b.line = 40;
  assert_true(mssdoc_record_same(t, &a, &b));
  assert_int_equal(mssdoc_record_compare(t, &a, &b, NULL, NULL), 2);
  b.date = "2019-03";
  assert_false(mssdoc_record_same(t, &a, &b));
  ints_push(&a.refs, 5);
  ints_push(&a.refs, 12);
  char *c = mssdoc_field_cell(mssdoc_field_find(t, "refs"), &a);
  assert_string_equal(c, "5 12");
  free(c);
  c = mssdoc_field_cell(mssdoc_field_find(t, "line"), &b);
  assert_string_equal(c, "40");
  free(c);
  assert_null(mssdoc_field_cell(mssdoc_field_find(t, "qualifier"), &a));
  ints_free(&a.refs);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_description_matches_schema),
      cmocka_unit_test(test_compare),
      cmocka_unit_test(test_identity_and_cells),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
