/* test_store_bin.c: the compact binary form (src/store_bin.c): a record set
 * reads back field for field, its strings are borrowed from the data (and
 * not freed with the set), and every cut or corrupt blob is refused. */
/* clang-format off */
/* cmocka needs these first, in this order */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <stdlib.h>
#include <string.h>

#include "mssdoc/mssdoc.h"
#include "util.h"

/* A record set with one of everything, NULLs, empty strings, negative and
 * large numbers, and non-ASCII text. */
static mssdoc_records *S_sample(void) {
  mssdoc_records *rs = mssdoc_records_new();
  rs->article.title = xstrdup("Ministry of Examples");
  rs->article.source = xstrdup("example.txt");
  rs->article.sha256 = xstrdup("");
  rs->article.lines = 123456789;
  mssdoc_infobox_item *it = LIST_PUSH(rs->infobox);
  it->label = xstrdup("Formed");
  it->value = xstrdup("1 July 1983; 40 years ago");
  it->line = 2;
  ints_push(&it->refs, 3);
  mssdoc_section *s = LIST_PUSH(rs->sections);
  s->id = xstrdup("history");
  s->title = xstrdup("History");
  s->inferred = true;
  s->line = 5;
  s->level = 1;
  s = LIST_PUSH(rs->sections);
  s->id = xstrdup("history-early");
  s->title = xstrdup("Early years (1955–1983)");
  s->parent = xstrdup("history");
  s->line = 9;
  s->level = 2;
  mssdoc_paragraph *p = LIST_PUSH(rs->paragraphs);
  p->id = xstrdup("p1");
  p->section = xstrdup("history");
  p->line = 7;
  p->kind = xstrdup("body");
  p->text = xstrdup("Guójiā Ānquán Bù was formed in 1983.");
  ints_push(&p->refs, 1);
  ints_push(&p->refs, -1);
  ints_push(&p->ref_offsets, 0);
  ints_push(&p->ref_offsets, 38);
  strs_push(&p->tags, "timeline");
  strs_push(&p->tags, "");
  mssdoc_bureau *u = LIST_PUSH(rs->bureaus);
  u->number = 18;
  u->division = xstrdup("Eighteenth Bureau");
  u->directive = xstrdup("");
  u->line = 40;
  mssdoc_head *h = LIST_PUSH(rs->heads);
  h->office = xstrdup("Minister");
  h->period = xstrdup("(1983–present)");
  h->number = 1;
  h->name = xstrdup("Ling Yun");
  h->took_office = xstrdup("1983-06");
  h->incumbent = true; /* left_office stays NULL */
  h->line = 50;
  mssdoc_event *e = LIST_PUSH(rs->timeline);
  e->date = xstrdup("1983/..");
  e->qualifier = xstrdup("early");
  e->text = xstrdup("The ministry was formed.");
  e->source = xstrdup("text");
  e->section = xstrdup("history");
  e->line = 7;
  ints_push(&e->refs, 1);
  e = LIST_PUSH(rs->incidents);
  e->date = xstrdup("2001-04-01");
  e->text = xstrdup("An incident.");
  e->section = xstrdup("history");
  e->line = 8;
  mssdoc_reference *r = LIST_PUSH(rs->references);
  r->number = 1;
  r->backlinks = 2;
  r->text = xstrdup("Doe, Jane (2001). \"On Examples\".");
  strs_push(&r->authors, "Doe, Jane");
  r->date = xstrdup("2001");
  r->title = xstrdup("On Examples");
  r->dead_link = true;
  r->line = 60;
  mssdoc_citation *c = LIST_PUSH(rs->citations);
  c->ref = 1;
  c->paragraph = xstrdup("p1");
  c->line = 7;
  mssdoc_diagnostic *d = LIST_PUSH(rs->diagnostics);
  d->line = 3;
  d->kind = xstrdup("lost-list");
  d->message = xstrdup("a list was lost");
  return rs;
}

/* The fields JSON does not carry, as text, to compare them too. */
static char *S_extras(const mssdoc_records *rs) {
  buf b = {0};
  for (size_t i = 0; i < rs->sections.count; i++)
    buf_printf(&b, "%d%d,", rs->sections.items[i].level,
               (int)rs->sections.items[i].inferred);
  for (size_t i = 0; i < rs->paragraphs.count; i++)
    for (size_t k = 0; k < rs->paragraphs.items[i].ref_offsets.count; k++)
      buf_printf(&b, "%d,", rs->paragraphs.items[i].ref_offsets.items[k]);
  buf_printf(&b, "%d", rs->article.lines);
  return buf_take(&b);
}

/* Each test's sample and its blob, in a malloc'd block of exactly its size
 * (so ASan sees any read past it). */
typedef struct {
  mssdoc_records *rs;
  char *blob;
  size_t len;
} S_fixture;

static int S_setup(void **state) {
  S_fixture *f = xcalloc(1, sizeof *f);
  f->rs = S_sample();
  char *bin = mssdoc_bin_write(f->rs, &f->len);
  f->blob = xmalloc(f->len);
  memcpy(f->blob, bin, f->len);
  free(bin);
  *state = f;
  return 0;
}

static int S_teardown(void **state) {
  S_fixture *f = *state;
  mssdoc_records_free(f->rs);
  free(f->blob);
  free(f);
  return 0;
}

static void test_round_trip(void **state) {
  S_fixture *f = *state;
  char *err = NULL;
  mssdoc_records *back = mssdoc_bin_read(f->blob, f->len, &err);
  assert_non_null(back);
  assert_null(err);
  char *want = mssdoc_json_write(f->rs), *got = mssdoc_json_write(back);
  assert_string_equal(got, want);
  char *want_x = S_extras(f->rs), *got_x = S_extras(back);
  assert_string_equal(got_x, want_x);
  assert_null(back->heads.items[0].left_office);
  assert_string_equal(back->paragraphs.items[0].tags.items[1], "");
  free(want);
  free(got);
  free(want_x);
  free(got_x);
  mssdoc_records_free(back);
}

/* The strings point into the blob; freeing the set frees none of them (an
 * invalid free is an ASan/valgrind error), and the blob can go after it. */
static void test_strings_are_borrowed(void **state) {
  S_fixture *f = *state;
  char *err = NULL;
  mssdoc_records *back = mssdoc_bin_read(f->blob, f->len, &err);
  assert_non_null(back);
  const char *texts[] = {back->paragraphs.items[0].text,
                         back->references.items[0].authors.items[0],
                         back->sections.items[1].parent, back->article.sha256};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
    assert_true(texts[i] >= f->blob && texts[i] < f->blob + f->len);
  mssdoc_records_free(back);
}

/* Every proper prefix of a blob is refused with a message, never read past. */
static void test_every_cut_is_refused(void **state) {
  S_fixture *f = *state;
  for (size_t n = 0; n < f->len; n++) {
    char *cut = xmalloc(n ? n : 1);
    memcpy(cut, f->blob, n);
    char *err = NULL;
    mssdoc_records *back = mssdoc_bin_read(cut, n, &err);
    if (back)
      fail_msg("a blob cut to %zu of %zu bytes was read", n, f->len);
    assert_non_null(err);
    assert_true(strlen(err) > 0);
    free(err);
    free(cut);
  }
}

/* A string without its NUL, a wrong magic and trailing bytes are refused. */
static void test_corrupt_blobs(void **state) {
  S_fixture *f = *state;
  char *blob = f->blob;
  size_t len = f->len;
  const char *title = "Ministry of Examples";
  char *at = NULL;
  for (size_t i = 0; !at && i + strlen(title) <= len; i++)
    if (memcmp(blob + i, title, strlen(title)) == 0)
      at = blob + i;
  assert_non_null(at);
  char *err = NULL;
  at[strlen(title)] = 'x'; /* the title's NUL */
  assert_null(mssdoc_bin_read(blob, len, &err));
  assert_non_null(strstr(err, "corrupt"));
  free(err);
  at[strlen(title)] = '\0';
  blob[7] ^= 1; /* the magic */
  err = NULL;
  assert_null(mssdoc_bin_read(blob, len, &err));
  assert_non_null(strstr(err, "not a binary"));
  free(err);
  blob[7] ^= 1;
  char *longer = xmalloc(len + 1);
  memcpy(longer, blob, len);
  longer[len] = 0;
  err = NULL;
  assert_null(mssdoc_bin_read(longer, len + 1, &err));
  assert_non_null(err);
  free(err);
  free(longer);
}

/* The article's optional fields (revision, timestamp, url) follow the
 * groups only when set: the blob of a set without them is unchanged. */
static void test_optional_fields(void **state) {
  S_fixture *f = *state;
  f->rs->article.revision = xstrdup("1234567");
  f->rs->article.url = xstrdup("https://example.org/wiki/X");
  size_t len;
  char *bin = mssdoc_bin_write(f->rs, &len);
  assert_true(len > f->len);
  assert_memory_equal(bin, f->blob, f->len);
  char *err = NULL;
  mssdoc_records *back = mssdoc_bin_read(bin, len, &err);
  assert_non_null(back);
  assert_string_equal(back->article.revision, "1234567");
  assert_null(back->article.timestamp);
  assert_string_equal(back->article.url, "https://example.org/wiki/X");
  mssdoc_records_free(back);
  free(bin);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_round_trip, S_setup, S_teardown),
      cmocka_unit_test_setup_teardown(test_strings_are_borrowed, S_setup,
                                      S_teardown),
      cmocka_unit_test_setup_teardown(test_every_cut_is_refused, S_setup,
                                      S_teardown),
      cmocka_unit_test_setup_teardown(test_corrupt_blobs, S_setup, S_teardown),
      cmocka_unit_test_setup_teardown(test_optional_fields, S_setup,
                                      S_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
