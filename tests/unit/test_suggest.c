/* test_suggest.c: edit distance and the closest candidate for "did you
 * mean" (src/suggest.c).  The distances are the textbook ones (kitten and
 * sitting: 3; "ca" and "abc": 3 when a transposed pair may not be edited
 * again, the restricted distance). */
/* clang-format off */
/* cmocka needs these first, in this order */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <string.h>

#include "suggest.h"

static void test_distance(void **state) {
  (void)state;
  assert_int_equal(suggest_distance("", ""), 0);
  assert_int_equal(suggest_distance("abc", ""), 3);
  assert_int_equal(suggest_distance("", "ab"), 2);
  assert_int_equal(suggest_distance("show", "show"), 0);
  assert_int_equal(suggest_distance("kitten", "sitting"), 3);
  assert_int_equal(suggest_distance("flaw", "lawn"), 2);
  assert_int_equal(suggest_distance("bureau", "bureaus"), 1);
  assert_int_equal(suggest_distance("heads", "head"), 1);
}

static void test_transposition(void **state) {
  (void)state;
  assert_int_equal(suggest_distance("shwo", "show"), 1);
  assert_int_equal(suggest_distance("--widht", "--width"), 1);
  assert_int_equal(suggest_distance("ab", "ba"), 1);
  /* restricted: a transposed pair is not edited again */
  assert_int_equal(suggest_distance("ca", "abc"), 3);
}

static void test_max_distance(void **state) {
  (void)state;
  assert_int_equal(suggest_max_distance(0), 0);
  assert_int_equal(suggest_max_distance(2), 0);
  assert_int_equal(suggest_max_distance(3), 1);
  assert_int_equal(suggest_max_distance(5), 1);
  assert_int_equal(suggest_max_distance(6), 2);
  assert_int_equal(suggest_max_distance(40), 2);
}

static const char *const COMMANDS[] = {"read",  "toc",  "search", "show",
                                       "cite",  "who",  "chart",  "query",
                                       "check", "help", NULL};

static void test_closest(void **state) {
  (void)state;
  assert_string_equal(suggest_closest("shwo", COMMANDS), "show");
  assert_string_equal(suggest_closest("tco", COMMANDS), "toc");
  assert_string_equal(suggest_closest("serach", COMMANDS), "search");
  assert_string_equal(suggest_closest("chekc", COMMANDS), "check");
}

static void test_nothing_close(void **state) {
  (void)state;
  assert_null(suggest_closest("frobnicate", COMMANDS));
  assert_null(suggest_closest("x", COMMANDS));
  /* two letters: one edit would be half the word */
  assert_null(suggest_closest("to", COMMANDS));
  /* the word itself is no suggestion */
  assert_null(suggest_closest("show", COMMANDS));
  assert_null(suggest_closest("", COMMANDS));
  const char *const none[] = {NULL};
  assert_null(suggest_closest("show", none));
}

static void test_closer_wins(void **state) {
  (void)state;
  const char *const a[] = {"abcxyf", "abcdxf", NULL};
  assert_string_equal(suggest_closest("abcdef", a), "abcdxf");
  const char *const b[] = {"abcdxf", "abcxyf", NULL};
  assert_string_equal(suggest_closest("abcdef", b), "abcdxf");
  /* equals: the first in the list */
  const char *const c[] = {"test", "tosh", NULL};
  assert_string_equal(suggest_closest("tost", c), "test");
}

static void test_incremental(void **state) {
  (void)state;
  suggest s;
  suggest_init(&s, "bureau");
  assert_null(s.best);
  suggest_offer(&s, "ministers");
  assert_null(s.best);
  suggest_offer(&s, "bureaus");
  assert_string_equal(s.best, "bureaus");
  assert_int_equal(s.dist, 1);
  suggest_offer(&s, "heads");
  assert_string_equal(s.best, "bureaus");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_distance),
      cmocka_unit_test(test_transposition),
      cmocka_unit_test(test_max_distance),
      cmocka_unit_test(test_closest),
      cmocka_unit_test(test_nothing_close),
      cmocka_unit_test(test_closer_wins),
      cmocka_unit_test(test_incremental),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
