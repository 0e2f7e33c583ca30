/* export_json.c: the record set -> JSON (jansson), with the keys of
 * records.md in their order. */
#include "mssdoc/mssdoc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static json_t *S_str(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *S_ints(const mssdoc_ints *l) {
  json_t *a = json_array();
  for (size_t i = 0; i < l->count; i++)
    json_array_append_new(a, json_integer(l->items[i]));
  return a;
}

static json_t *S_strs(const mssdoc_strs *l) {
  json_t *a = json_array();
  for (size_t i = 0; i < l->count; i++)
    json_array_append_new(a, json_string(l->items[i]));
  return a;
}

static void S_set(json_t *o, const char *key, json_t *v) {
  json_object_set_new(o, key, v);
}

static json_t *S_event(const mssdoc_event *e, int timeline) {
  json_t *o = json_object();
  S_set(o, "date", S_str(e->date));
  S_set(o, "qualifier", S_str(e->qualifier));
  S_set(o, "text", S_str(e->text));
  if (timeline)
    S_set(o, "source", S_str(e->source));
  S_set(o, "section", S_str(e->section));
  S_set(o, "line", json_integer(e->line));
  S_set(o, "refs", S_ints(&e->refs));
  return o;
}

static json_t *S_reference(const mssdoc_reference *r) {
  json_t *o = json_object();
  S_set(o, "number", json_integer(r->number));
  S_set(o, "backlinks", json_integer(r->backlinks));
  S_set(o, "text", S_str(r->text ? r->text : ""));
  S_set(o, "authors", S_strs(&r->authors));
  S_set(o, "date", S_str(r->date));
  S_set(o, "title", S_str(r->title));
  S_set(o, "work", S_str(r->work));
  S_set(o, "publisher", S_str(r->publisher));
  S_set(o, "pages", S_str(r->pages));
  S_set(o, "isbn", S_str(r->isbn));
  S_set(o, "issn", S_str(r->issn));
  S_set(o, "oclc", S_str(r->oclc));
  S_set(o, "doi", S_str(r->doi));
  S_set(o, "archived", S_str(r->archived));
  S_set(o, "retrieved", S_str(r->retrieved));
  S_set(o, "dead_link", json_boolean(r->dead_link));
  S_set(o, "line", json_integer(r->line));
  return o;
}

static json_t *S_build(const mssdoc_records *rs) {
  json_t *root = json_object(), *a, *o;
  S_set(root, "schema", json_string(MSSDOC_SCHEMA));

  o = json_object();
  S_set(o, "title", S_str(rs->article.title));
  S_set(o, "source", S_str(rs->article.source));
  S_set(o, "sha256", S_str(rs->article.sha256));
  S_set(o, "lines", json_integer(rs->article.lines));
  S_set(root, "article", o);

  a = json_array();
  for (size_t i = 0; i < rs->infobox.count; i++) {
    const mssdoc_infobox_item *it = &rs->infobox.items[i];
    o = json_object();
    S_set(o, "label", S_str(it->label));
    S_set(o, "value", S_str(it->value));
    S_set(o, "line", json_integer(it->line));
    S_set(o, "refs", S_ints(&it->refs));
    json_array_append_new(a, o);
  }
  S_set(root, "infobox", a);

  a = json_array();
  for (size_t i = 0; i < rs->sections.count; i++) {
    const mssdoc_section *s = &rs->sections.items[i];
    o = json_object();
    S_set(o, "id", S_str(s->id));
    S_set(o, "title", S_str(s->title));
    S_set(o, "inferred", json_boolean(s->inferred));
    S_set(o, "parent", S_str(s->parent));
    S_set(o, "line", json_integer(s->line));
    S_set(o, "level", json_integer(s->level));
    json_array_append_new(a, o);
  }
  S_set(root, "sections", a);

  a = json_array();
  for (size_t i = 0; i < rs->paragraphs.count; i++) {
    const mssdoc_paragraph *p = &rs->paragraphs.items[i];
    o = json_object();
    S_set(o, "id", S_str(p->id));
    S_set(o, "section", S_str(p->section));
    S_set(o, "line", json_integer(p->line));
    S_set(o, "kind", S_str(p->kind));
    S_set(o, "text", S_str(p->text));
    S_set(o, "refs", S_ints(&p->refs));
    S_set(o, "tags", S_strs(&p->tags));
    S_set(o, "ref_offsets", S_ints(&p->ref_offsets));
    json_array_append_new(a, o);
  }
  S_set(root, "paragraphs", a);

  a = json_array();
  for (size_t i = 0; i < rs->bureaus.count; i++) {
    const mssdoc_bureau *b = &rs->bureaus.items[i];
    o = json_object();
    S_set(o, "number", json_integer(b->number));
    S_set(o, "division", S_str(b->division));
    S_set(o, "directive", S_str(b->directive));
    S_set(o, "refs", S_ints(&b->refs));
    S_set(o, "line", json_integer(b->line));
    json_array_append_new(a, o);
  }
  S_set(root, "bureaus", a);

  a = json_array();
  for (size_t i = 0; i < rs->heads.count; i++) {
    const mssdoc_head *h = &rs->heads.items[i];
    o = json_object();
    S_set(o, "office", S_str(h->office));
    S_set(o, "period", S_str(h->period));
    S_set(o, "number", json_integer(h->number));
    S_set(o, "name", S_str(h->name));
    S_set(o, "took_office", S_str(h->took_office));
    S_set(o, "left_office", S_str(h->left_office));
    S_set(o, "incumbent", json_boolean(h->incumbent));
    S_set(o, "line", json_integer(h->line));
    json_array_append_new(a, o);
  }
  S_set(root, "heads", a);

  a = json_array();
  for (size_t i = 0; i < rs->incidents.count; i++)
    json_array_append_new(a, S_event(&rs->incidents.items[i], 0));
  S_set(root, "incidents", a);
  a = json_array();
  for (size_t i = 0; i < rs->timeline.count; i++)
    json_array_append_new(a, S_event(&rs->timeline.items[i], 1));
  S_set(root, "timeline", a);

  a = json_array();
  for (size_t i = 0; i < rs->references.count; i++)
    json_array_append_new(a, S_reference(&rs->references.items[i]));
  S_set(root, "references", a);

  a = json_array();
  for (size_t i = 0; i < rs->citations.count; i++) {
    const mssdoc_citation *c = &rs->citations.items[i];
    o = json_object();
    S_set(o, "ref", json_integer(c->ref));
    S_set(o, "paragraph", S_str(c->paragraph));
    S_set(o, "line", json_integer(c->line));
    json_array_append_new(a, o);
  }
  S_set(root, "citations", a);

  a = json_array();
  for (size_t i = 0; i < rs->diagnostics.count; i++) {
    const mssdoc_diagnostic *d = &rs->diagnostics.items[i];
    o = json_object();
    S_set(o, "line", json_integer(d->line));
    S_set(o, "kind", S_str(d->kind));
    S_set(o, "message", S_str(d->message));
    json_array_append_new(a, o);
  }
  S_set(root, "diagnostics", a);
  return root;
}

static char *S_dump(json_t *v) {
  char *dumped = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                   JSON_ENCODE_ANY);
  char *out = xasprintf("%s\n", dumped ? dumped : "null");
  free(dumped);
  return out;
}

char *mssdoc_json_write(const mssdoc_records *rs) {
  json_t *root = S_build(rs);
  char *out = S_dump(root);
  json_decref(root);
  return out;
}

char *mssdoc_json_write_part(const mssdoc_records *rs, const char *key,
                             const int *keep) {
  json_t *root = S_build(rs);
  json_t *all = json_object_get(root, key), *part = json_array();
  size_t i;
  json_t *v;
  json_array_foreach(all, i, v) {
    if (!keep || keep[i])
      json_array_append(part, v);
  }
  char *out = S_dump(part);
  json_decref(part);
  json_decref(root);
  return out;
}
