/* test_people.c: who is a person in the heads tables, whom a query means,
 * predecessors and successors, and where a paragraph names someone
 * (src/people.c). */
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

#include "people.h"
#include "util.h"

static void test_is_name(void **state) {
  (void)state;
  assert_true(people_is_name("Kang Sheng"));
  assert_true(people_is_name("Li Kenong"));
  assert_true(people_is_name("Glenn Duffie Shriver"));
  assert_true(people_is_name("Jean-Pierre Raffarin"));
  assert_true(people_is_name("Conan O'Brien"));
  assert_true(people_is_name("Ludwig van Beethoven"));
  assert_true(people_is_name("Émile Zola"));
  assert_true(people_is_name("Ng Ka Ling Chu"));
  /* not people */
  assert_false(people_is_name("PLA military takeover due to the Cultural "
                              "Revolution (Special Unit 8341 under Wang "
                              "Dongxing)"));
  assert_false(people_is_name("Officially placed under the 2nd Bureau "
                              "(Intelligence) of the PLA General Staff, in "
                              "fact controlled by Kang Sheng"));
  assert_false(people_is_name("Vacant"));
  assert_false(people_is_name("Incumbent"));
  assert_false(people_is_name(""));
  assert_false(people_is_name(NULL));
  assert_false(people_is_name("Kang  Sheng"));
  assert_false(people_is_name(" Kang Sheng"));
  assert_false(people_is_name("Kang Sheng "));
  assert_false(people_is_name("van Beethoven"));
  assert_false(people_is_name("Ludwig van"));
  assert_false(people_is_name("KANG SHENG"));
  assert_false(people_is_name("Kang Sheng2"));
  assert_false(people_is_name("Kang Sheng Li Kenong Xu"));
  assert_false(people_is_name("Kang-"));
  assert_false(people_is_name("Kang Sheng (acting)"));
  assert_false(people_is_name("Position abolished"));
}

/* A record set with two tables of heads, one row not a person. */
static mssdoc_records *S_records(void) {
  static const struct {
    const char *office, *period, *name;
    int number;
  } rows[] = {
      {"Directors of the Bureau", "(1949–1955)", "Li Kenong", 1},
      {"Directors of the Bureau", "(1949–1955)", "Military takeover", 2},
      {"Directors of the Bureau", "(1949–1955)", "Kong Yuan", 3},
      {"Ministers of Things", "(1983–present)", "Ling Yun", 1},
      {"Ministers of Things", "(1983–present)", "LI KENONG", 2},
      {"Ministers of Things", "(1983–present)", "Chén Wenqing", 3},
  };
  mssdoc_records *rs = mssdoc_records_new();
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
    mssdoc_head *h = LIST_PUSH(rs->heads);
    h->office = xstrdup(rows[i].office);
    h->period = xstrdup(rows[i].period);
    h->name = xstrdup(rows[i].name);
    h->number = rows[i].number;
    h->took_office = xstrdup("1983-06");
    h->left_office = xstrdup("1985");
    h->line = (int)i + 1;
    h->note = !people_is_name(h->name); /* as ingest marks it */
  }
  return rs;
}

static void test_collect_and_find(void **state) {
  (void)state;
  mssdoc_records *rs = S_records();
  /* "LI KENONG" is not a capitalised name: it is not a row of Li Kenong */
  people p = people_collect(rs);
  assert_int_equal(p.count, 4);
  assert_string_equal(p.items[0].name, "Li Kenong");
  assert_int_equal(p.items[0].nrows, 1);
  assert_string_equal(p.items[1].name, "Kong Yuan");
  assert_string_equal(p.items[3].name, "Chén Wenqing");

  size_t found[8];
  assert_int_equal(people_find(&p, "li kenong", found), 1);
  assert_int_equal(found[0], 0);
  /* a whole word of the name beats a part of another name ("Ling") */
  assert_int_equal(people_find(&p, "li", found), 1);
  assert_int_equal(found[0], 0);
  assert_int_equal(people_find(&p, "Kenong  Li", found), 1);
  /* diacritics and case do not matter, either way round */
  assert_int_equal(people_find(&p, "chen", found), 1);
  assert_int_equal(found[0], 3);
  assert_int_equal(people_find(&p, "CHÉN wenqing", found), 1);
  /* a part of the name */
  assert_int_equal(people_find(&p, "wenq", found), 1);
  assert_int_equal(found[0], 3);
  /* ambiguous */
  assert_int_equal(people_find(&p, "n", found), 4);
  assert_int_equal(people_find(&p, "ng", found), 4);
  /* nobody */
  assert_int_equal(people_find(&p, "nobody", found), 0);
  assert_int_equal(people_find(&p, "", found), 0);
  assert_int_equal(people_find(&p, "   ", found), 0);
  people_free(&p);
  mssdoc_records_free(rs);
}

static void test_neighbours(void **state) {
  (void)state;
  mssdoc_records *rs = S_records();
  assert_int_equal(people_neighbour(rs, 0, -1), -1);
  /* the note row between them is never a predecessor or successor */
  assert_int_equal(people_neighbour(rs, 0, +1), 2);
  assert_int_equal(people_neighbour(rs, 2, -1), 0);
  assert_int_equal(people_neighbour(rs, 2, +1), -1); /* other table */
  assert_int_equal(people_neighbour(rs, 3, -1), -1);
  /* "LI KENONG" has no name's shape: a note, skipped like the takeover */
  assert_int_equal(people_neighbour(rs, 3, +1), 5);
  assert_int_equal(people_neighbour(rs, 5, +1), -1);
  mssdoc_records_free(rs);
}

/* text's mentions of name must be exactly the listed substrings. */
static void S_mentions(const char *text, const char *name, size_t n,
                       const char *const *want) {
  size_t(*spans)[2];
  size_t got = people_mentions(text, name, &spans);
  assert_int_equal(got, n);
  for (size_t i = 0; i < n; i++) {
    size_t len = spans[i][1] - spans[i][0];
    assert_int_equal(len, strlen(want[i]));
    assert_memory_equal(text + spans[i][0], want[i], len);
  }
  free(spans);
}

static void test_mentions(void **state) {
  (void)state;
  const char *const a[] = {"Li Kenong", "Li Kenong"};
  S_mentions("Agents including Li Kenong, and Hu Di. Li Kenong's death.",
             "Li Kenong", 2, a);
  /* not inside longer words, not a surname alone */
  S_mentions("Li Kenongs and Xli Kenong and Li Keqiang; Li.", "Li Kenong", 0,
             NULL);
  /* Western order, case and diacritics */
  const char *const b[] = {"Yanjun Xu", "XU YANJUN", "Xú Yanjun"};
  S_mentions("Deputy Minister Yanjun Xu, XU YANJUN, Xú Yanjun.", "Xu Yanjun",
             3, b);
  const char *const c[] = {"Chén Wenqing"};
  S_mentions("By Chén Wenqing in 2016.", "Chen Wenqing", 1, c);
  size_t(*spans)[2];
  assert_int_equal(people_mentions(NULL, "Li Kenong", &spans), 0);
  assert_null(spans);
  assert_int_equal(people_mentions("text", "", &spans), 0);
  free(spans);
}

static void test_term(void **state) {
  (void)state;
  mssdoc_head h = {0};
  h.took_office = "1985-09";
  h.left_office = "1998-03";
  char *t = people_term(&h);
  assert_string_equal(t, "September 1985 \xE2\x80\x93 March 1998");
  free(t);
  h.took_office = "1949";
  h.left_office = "1949";
  t = people_term(&h);
  assert_string_equal(t, "1949");
  free(t);
  h.left_office = "1955";
  t = people_term(&h);
  assert_string_equal(t, "1949\xE2\x80\x93" "1955");
  free(t);
  h.took_office = "2016-11";
  h.left_office = NULL;
  h.incumbent = true;
  t = people_term(&h);
  assert_string_equal(t, "November 2016 \xE2\x80\x93 incumbent");
  free(t);
}

static void test_held_at(void **state) {
  (void)state;
  mssdoc_head h = {0};
  h.took_office = "1949";
  h.left_office = "1955";
  assert_true(people_held_at(&h, "1949"));
  assert_true(people_held_at(&h, "1955-12-31"));
  assert_true(people_held_at(&h, "1952-03"));
  assert_false(people_held_at(&h, "1956"));
  assert_false(people_held_at(&h, "1948-12"));
  h.took_office = "2016-11";
  h.left_office = NULL;
  h.incumbent = true;
  assert_true(people_held_at(&h, "2016-11-30"));
  assert_false(people_held_at(&h, "2016-10"));
  assert_true(people_held_at(&h, "2100"));
  assert_false(people_held_at(&h, "20x"));
  assert_true(people_date_valid("2010-05-03"));
  assert_false(people_date_valid("2010-5"));
  assert_false(people_date_valid("2010-13"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_is_name),
      cmocka_unit_test(test_collect_and_find),
      cmocka_unit_test(test_neighbours),
      cmocka_unit_test(test_mentions),
      cmocka_unit_test(test_term),
      cmocka_unit_test(test_held_at),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
