/* test_toc.c: section numbering and the SECTION selector of `read`
 * (src/toc.c): by number, id, title words (case and diacritics ignored),
 * ambiguous words and no match. */
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

#include "toc.h"
#include "util.h"

/* Adds a section to rs. */
static void S_sec(mssdoc_records *rs, const char *id, const char *title,
                  const char *parent, int inferred, int line) {
  mssdoc_section *s = LIST_PUSH(rs->sections);
  s->id = xstrdup(id);
  s->title = xstrdup(title);
  s->parent = parent ? xstrdup(parent) : NULL;
  s->inferred = inferred;
  s->line = line;
}

/* The test article: a lead, an inferred section, a section with children
 * (one with table captions under it), and two look-alike titles. */
static mssdoc_records *S_records(void) {
  mssdoc_records *rs = mssdoc_records_new();
  S_sec(rs, "lead", "Lead", NULL, 0, 1);
  S_sec(rs, "inferred-1", "The stated mission…", NULL, 1, 5);
  S_sec(rs, "history", "History", NULL, 0, 9);
  S_sec(rs, "special-branch", "Central Special Branch (1928–1936)", "history",
        0, 11);
  S_sec(rs, "vietnam", "Vietnamese invasion of Cambodia", "history", 0, 13);
  S_sec(rs, "ministry", "Ministry of State Security (1983–present)", "history",
        0, 15);
  S_sec(rs, "heads", "Agency heads", NULL, 0, 20);
  S_sec(rs, "ministers", "Ministers of State Security (1983–present)", "heads",
        0, 22);
  S_sec(rs, "guoanbu", "Guójiā Ānquán Bù", "heads", 0, 30);
  S_sec(rs, "state-security", "State Security", "heads", 0, 34);
  S_sec(rs, "see-also", "See also", NULL, 0, 40);
  return rs;
}

static void test_numbers(void **state) {
  (void)state;
  mssdoc_records *rs = S_records();
  toc *t = toc_build(rs);
  static const char *const want[] = {"0", "1",   "2",   "2.1", "2.2", "2.3",
                                     "3", "3.1", "3.2", "3.3", "4"};
  static const int depth[] = {1, 1, 1, 2, 2, 2, 1, 2, 2, 2, 1};
  static const size_t end[] = {1, 2, 6, 4, 5, 6, 10, 8, 9, 10, 11};
  assert_int_equal(t->count, 11);
  for (size_t i = 0; i < t->count; i++) {
    assert_string_equal(t->items[i].number, want[i]);
    assert_int_equal(t->items[i].depth, depth[i]);
    assert_int_equal(t->items[i].end, end[i]);
    assert_ptr_equal(t->items[i].sec, &rs->sections.items[i]);
  }
  char *label = toc_label(&t->items[4]);
  assert_string_equal(label, "2.2 Vietnamese invasion of Cambodia");
  free(label);
  assert_ptr_equal(toc_find(t, "heads"), &t->items[6]);
  assert_null(toc_find(t, "nothing"));
  toc_free(t);
  mssdoc_records_free(rs);
}

/* A table caption under a sub-heading is numbered under it: 1.1.1. */
static void test_deep_numbers(void **state) {
  (void)state;
  mssdoc_records *rs = mssdoc_records_new();
  S_sec(rs, "a", "A", NULL, 0, 1);
  S_sec(rs, "b", "B", "a", 0, 2);
  S_sec(rs, "c", "C (1939–1949)", "b", 0, 3);
  S_sec(rs, "d", "D (1949–1955)", "b", 0, 4);
  S_sec(rs, "orphan", "Orphan", "missing", 0, 5);
  toc *t = toc_build(rs);
  assert_string_equal(t->items[2].number, "1.1.1");
  assert_string_equal(t->items[3].number, "1.1.2");
  assert_int_equal(t->items[3].depth, 3);
  assert_int_equal(t->items[0].end, 4);
  /* a parent that does not exist makes a top-level section */
  assert_string_equal(t->items[4].number, "2");
  assert_int_equal(t->items[4].depth, 1);
  toc_free(t);
  mssdoc_records_free(rs);
}

/* Selects query and expects index want (or -1 and an error containing
 * each of the NULL-terminated strings in errs). */
static void S_select(const toc *t, const char *query, long want,
                     const char *const *errs) {
  char *err = NULL;
  long got = toc_select(t, query, &err);
  if (got != want)
    fail_msg("\"%s\": got %ld, want %ld (%s)", query, got, want,
             err ? err : "no error");
  if (want >= 0)
    assert_null(err);
  else {
    assert_non_null(err);
    assert_null(strchr(err, '\n'));
    for (size_t i = 0; errs && errs[i]; i++)
      if (!strstr(err, errs[i]))
        fail_msg("\"%s\": error \"%s\" lacks \"%s\"", query, err, errs[i]);
  }
  free(err);
}

static void test_select_number(void **state) {
  (void)state;
  mssdoc_records *rs = S_records();
  toc *t = toc_build(rs);
  S_select(t, "0", 0, NULL);
  S_select(t, "2", 2, NULL);
  S_select(t, "2.3", 5, NULL);
  S_select(t, "3.2", 8, NULL);
  static const char *const range[] = {"no section 9", "0 to 4", "toc", NULL};
  S_select(t, "9", -1, range);
  static const char *const sub[] = {"no section 2.7", "2 has 2.1 to 2.3", NULL};
  S_select(t, "2.7", -1, sub);
  static const char *const leaf[] = {"no section 2.1.1",
                                     "2.1 has no subsections", NULL};
  S_select(t, "2.1.1", -1, leaf);
  static const char *const deep[] = {"no section 7.1", "0 to 4", NULL};
  S_select(t, "7.1", -1, deep);
  /* a number is a number, never title words (titles hold years) */
  static const char *const year[] = {"no section 1928", NULL};
  S_select(t, "1928", -1, year);
  toc_free(t);
  mssdoc_records_free(rs);
}

static void test_select_id(void **state) {
  (void)state;
  mssdoc_records *rs = S_records();
  toc *t = toc_build(rs);
  S_select(t, "vietnam", 4, NULL); /* an id before title words */
  S_select(t, "special-branch", 3, NULL);
  S_select(t, "inferred-1", 1, NULL);
  S_select(t, "lead", 0, NULL);
  toc_free(t);
  mssdoc_records_free(rs);
}

static void test_select_words(void **state) {
  (void)state;
  mssdoc_records *rs = S_records();
  toc *t = toc_build(rs);
  S_select(t, "VIETNAMESE", 4, NULL);
  S_select(t, "vietnamese cambodia", 4, NULL); /* every word, any order */
  S_select(t, "viet camb", 4, NULL);           /* words start title words */
  S_select(t, "guojia anquan", 8, NULL);       /* diacritics ignored */
  S_select(t, "Guójiā", 8, NULL);
  S_select(t, "stated mission", 1, NULL); /* inferred sections too */
  S_select(t, "1928 special", 3, NULL);   /* a year in a title is a word */
  S_select(t, "special branch 1936", 3, NULL);
  /* three titles hold "state security"; one is exactly that */
  S_select(t, "state security", 9, NULL);
  S_select(t, "  see   ALSO ", 10, NULL);
  toc_free(t);
  mssdoc_records_free(rs);
}

static void test_select_ambiguous(void **state) {
  (void)state;
  mssdoc_records *rs = S_records();
  toc *t = toc_build(rs);
  static const char *const both[] = {"2 sections", "2.3 Ministry of State",
                                     "3.1 Ministers of State",
                                     "give one of the numbers", NULL};
  S_select(t, "present", -1, both);
  static const char *const three[] = {"3 sections", "2.3 ", "3.1 ", "3.3 ",
                                      NULL};
  S_select(t, "security", -1, three);
  static const char *const min[] = {"\"min\" matches 2", NULL};
  S_select(t, "min", -1, min);
  toc_free(t);
  mssdoc_records_free(rs);
}

static void test_select_none(void **state) {
  (void)state;
  mssdoc_records *rs = S_records();
  toc *t = toc_build(rs);
  static const char *const none[] = {"no section title matches \"korea\"",
                                     "mssdoc toc", NULL};
  S_select(t, "korea", -1, none);
  /* all words must match: "vietnamese" does, "korea" not */
  S_select(t, "vietnamese korea", -1, NULL);
  /* a word must start a title word, not sit inside one */
  S_select(t, "namese", -1, NULL);
  static const char *const empty[] = {"names no section", NULL};
  S_select(t, "", -1, empty);
  S_select(t, "–…", -1, empty);
  S_select(t, "2.", -1, NULL);
  toc_free(t);
  mssdoc_records_free(rs);
}

/* An empty record set has an empty toc and selects nothing. */
static void test_empty(void **state) {
  (void)state;
  mssdoc_records *rs = mssdoc_records_new();
  toc *t = toc_build(rs);
  assert_int_equal(t->count, 0);
  static const char *const none[] = {"no sections", NULL};
  S_select(t, "1", -1, none);
  S_select(t, "history", -1, NULL);
  toc_free(t);
  mssdoc_records_free(rs);
}

/* Subtrees and depths on record sets no ingest writes (a -d FILE.xml may
 * hold any): parents that are not the section just before, repeated ids,
 * parents named after their children, unknown parents.  Checked against
 * the definitions, computed here the slow way: a section's parent is the
 * first section before it with the parent's id; its subtree runs to the
 * first later section it is not an ancestor of. */
static void test_subtrees_any_shape(void **state) {
  (void)state;
  unsigned seed = 12345;
  for (int round = 0; round < 200; round++) {
    mssdoc_records *rs = mssdoc_records_new();
    size_t n = 1 + (size_t)(round % 40);
    char id[16], pid[16];
    for (size_t i = 0; i < n; i++) {
      seed = seed * 1103515245u + 12345u;
      snprintf(id, sizeof id, "s%u", (seed >> 16) % (unsigned)(n / 2 + 1));
      /* the parent: an earlier section's id, an unknown id, or none */
      seed = seed * 1103515245u + 12345u;
      unsigned r = (seed >> 16) % (unsigned)(i + 2);
      if (r < i)
        snprintf(pid, sizeof pid, "%s", rs->sections.items[r].id);
      else
        snprintf(pid, sizeof pid, "x%u", r);
      S_sec(rs, id, "T", r == i + 1 ? NULL : pid, 0, (int)i + 1);
    }
    long *parent = malloc(n * sizeof *parent);
    for (size_t i = 0; i < n; i++) {
      const char *p = rs->sections.items[i].parent;
      parent[i] = -1;
      for (size_t k = 0; p && k < i && parent[i] < 0; k++)
        if (strcmp(rs->sections.items[k].id, p) == 0)
          parent[i] = (long)k;
    }
    toc *t = toc_build(rs);
    for (size_t i = 0; i < n; i++) {
      int depth = 1;
      for (long a = parent[i]; a >= 0; a = parent[a])
        depth++;
      size_t end = i + 1;
      for (; end < n; end++) {
        long a = parent[end];
        while (a >= 0 && (size_t)a != i)
          a = parent[a];
        if (a < 0)
          break;
      }
      if (t->items[i].depth != depth || t->items[i].end != end)
        fail_msg("round %d, section %zu: depth %d end %zu, want %d and %zu",
                 round, i, t->items[i].depth, t->items[i].end, depth, end);
    }
    toc_free(t);
    free(parent);
    mssdoc_records_free(rs);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_numbers),
      cmocka_unit_test(test_deep_numbers),
      cmocka_unit_test(test_select_number),
      cmocka_unit_test(test_select_id),
      cmocka_unit_test(test_select_words),
      cmocka_unit_test(test_select_ambiguous),
      cmocka_unit_test(test_select_none),
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_subtrees_any_shape),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
