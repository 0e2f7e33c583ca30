/* records.c: lifetime and lookup of the record set. */
#include "mssdoc/records.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

mssdoc_records *mssdoc_records_new(void) {
  return xcalloc(1, sizeof(mssdoc_records));
}

/* Frees string p unless rs (may be NULL) borrows it. */
static void S_free(const mssdoc_records *rs, char *p) {
  if (rs && rs->borrowed &&
      (uintptr_t)p - (uintptr_t)rs->borrowed < rs->borrowed_len)
    return;
  free(p);
}

/* Frees a list of strings and the ones rs does not borrow. */
static void S_strs_free(const mssdoc_records *rs, mssdoc_strs *l) {
  for (size_t i = 0; i < l->count; i++)
    S_free(rs, l->items[i]);
  free(l->items);
  l->items = NULL;
  l->count = l->cap = 0;
}

static void S_event_clear(const mssdoc_records *rs, mssdoc_event *e) {
  S_free(rs, e->date);
  S_free(rs, e->qualifier);
  S_free(rs, e->text);
  S_free(rs, e->source);
  S_free(rs, e->section);
  ints_free(&e->refs);
}

/* Clears reference r of record set rs (NULL: r owns every string). */
static void S_reference_clear(const mssdoc_records *rs, mssdoc_reference *r) {
  S_free(rs, r->text);
  S_strs_free(rs, &r->authors);
  char **fields[] = {&r->date,  &r->title, &r->work,     &r->publisher,
                     &r->pages, &r->isbn,  &r->issn,     &r->oclc,
                     &r->doi,   &r->archived, &r->retrieved};
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
    S_free(rs, *fields[i]);
    *fields[i] = NULL;
  }
  r->text = NULL;
}

void mssdoc_reference_clear(mssdoc_reference *r) { S_reference_clear(NULL, r); }

void mssdoc_records_free(mssdoc_records *rs) {
  if (!rs)
    return;
  S_free(rs, rs->article.title);
  S_free(rs, rs->article.source);
  S_free(rs, rs->article.sha256);
  for (size_t i = 0; i < rs->infobox.count; i++) {
    S_free(rs, rs->infobox.items[i].label);
    S_free(rs, rs->infobox.items[i].value);
    ints_free(&rs->infobox.items[i].refs);
  }
  for (size_t i = 0; i < rs->sections.count; i++) {
    S_free(rs, rs->sections.items[i].id);
    S_free(rs, rs->sections.items[i].title);
    S_free(rs, rs->sections.items[i].parent);
  }
  for (size_t i = 0; i < rs->paragraphs.count; i++) {
    mssdoc_paragraph *p = &rs->paragraphs.items[i];
    S_free(rs, p->id);
    S_free(rs, p->section);
    S_free(rs, p->kind);
    S_free(rs, p->text);
    ints_free(&p->refs);
    ints_free(&p->ref_offsets);
    S_strs_free(rs, &p->tags);
  }
  for (size_t i = 0; i < rs->bureaus.count; i++) {
    S_free(rs, rs->bureaus.items[i].division);
    S_free(rs, rs->bureaus.items[i].directive);
    ints_free(&rs->bureaus.items[i].refs);
  }
  for (size_t i = 0; i < rs->heads.count; i++) {
    mssdoc_head *h = &rs->heads.items[i];
    S_free(rs, h->office);
    S_free(rs, h->period);
    S_free(rs, h->name);
    S_free(rs, h->took_office);
    S_free(rs, h->left_office);
  }
  for (size_t i = 0; i < rs->incidents.count; i++)
    S_event_clear(rs, &rs->incidents.items[i]);
  for (size_t i = 0; i < rs->timeline.count; i++)
    S_event_clear(rs, &rs->timeline.items[i]);
  for (size_t i = 0; i < rs->references.count; i++)
    S_reference_clear(rs, &rs->references.items[i]);
  for (size_t i = 0; i < rs->citations.count; i++)
    S_free(rs, rs->citations.items[i].paragraph);
  for (size_t i = 0; i < rs->diagnostics.count; i++) {
    S_free(rs, rs->diagnostics.items[i].kind);
    S_free(rs, rs->diagnostics.items[i].message);
  }
  free(rs->infobox.items);
  free(rs->sections.items);
  free(rs->paragraphs.items);
  free(rs->bureaus.items);
  free(rs->heads.items);
  free(rs->incidents.items);
  free(rs->timeline.items);
  free(rs->references.items);
  free(rs->citations.items);
  free(rs->diagnostics.items);
  free(rs);
}

const mssdoc_reference *mssdoc_records_reference(const mssdoc_records *rs,
                                                 int n) {
  for (size_t i = 0; i < rs->references.count; i++)
    if (rs->references.items[i].number == n)
      return &rs->references.items[i];
  return NULL;
}

const mssdoc_section *mssdoc_records_section(const mssdoc_records *rs,
                                             const char *id) {
  for (size_t i = 0; i < rs->sections.count; i++)
    if (strcmp(rs->sections.items[i].id, id) == 0)
      return &rs->sections.items[i];
  return NULL;
}
