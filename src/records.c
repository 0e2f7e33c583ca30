/* records.c: lifetime and lookup of the record set. */
#include "mssdoc/records.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

mssdoc_records *mssdoc_records_new(void) {
  return xcalloc(1, sizeof(mssdoc_records));
}

static void S_event_clear(mssdoc_event *e) {
  free(e->date);
  free(e->qualifier);
  free(e->text);
  free(e->source);
  free(e->section);
  ints_free(&e->refs);
}

void mssdoc_reference_clear(mssdoc_reference *r) {
  free(r->text);
  strs_free(&r->authors);
  char **fields[] = {&r->date,  &r->title, &r->work,     &r->publisher,
                     &r->pages, &r->isbn,  &r->issn,     &r->oclc,
                     &r->doi,   &r->archived, &r->retrieved};
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
    free(*fields[i]);
    *fields[i] = NULL;
  }
  r->text = NULL;
}

void mssdoc_records_free(mssdoc_records *rs) {
  if (!rs)
    return;
  free(rs->article.title);
  free(rs->article.source);
  free(rs->article.sha256);
  for (size_t i = 0; i < rs->infobox.count; i++) {
    free(rs->infobox.items[i].label);
    free(rs->infobox.items[i].value);
    ints_free(&rs->infobox.items[i].refs);
  }
  for (size_t i = 0; i < rs->sections.count; i++) {
    free(rs->sections.items[i].id);
    free(rs->sections.items[i].title);
    free(rs->sections.items[i].parent);
  }
  for (size_t i = 0; i < rs->paragraphs.count; i++) {
    mssdoc_paragraph *p = &rs->paragraphs.items[i];
    free(p->id);
    free(p->section);
    free(p->kind);
    free(p->text);
    ints_free(&p->refs);
    ints_free(&p->ref_offsets);
    strs_free(&p->tags);
  }
  for (size_t i = 0; i < rs->bureaus.count; i++) {
    free(rs->bureaus.items[i].division);
    free(rs->bureaus.items[i].directive);
    ints_free(&rs->bureaus.items[i].refs);
  }
  for (size_t i = 0; i < rs->heads.count; i++) {
    mssdoc_head *h = &rs->heads.items[i];
    free(h->office);
    free(h->period);
    free(h->name);
    free(h->took_office);
    free(h->left_office);
  }
  for (size_t i = 0; i < rs->incidents.count; i++)
    S_event_clear(&rs->incidents.items[i]);
  for (size_t i = 0; i < rs->timeline.count; i++)
    S_event_clear(&rs->timeline.items[i]);
  for (size_t i = 0; i < rs->references.count; i++)
    mssdoc_reference_clear(&rs->references.items[i]);
  for (size_t i = 0; i < rs->citations.count; i++)
    free(rs->citations.items[i].paragraph);
  for (size_t i = 0; i < rs->diagnostics.count; i++) {
    free(rs->diagnostics.items[i].kind);
    free(rs->diagnostics.items[i].message);
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
