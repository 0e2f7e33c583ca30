/* test_timeline.c: EDTF dates in words and their sort order
 * (src/humandate.c), what `timeline`, `show` and `who` print and sort by. */
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

#include "humandate.h"

static void S_words(const char *edtf, const char *qual, const char *want) {
  char *got = humandate(edtf, qual);
  assert_string_equal(got, want);
  free(got);
}

static void test_words(void **state) {
  (void)state;
  S_words("1983", NULL, "1983");
  S_words("1983-06", NULL, "June 1983");
  S_words("1962-02-09", NULL, "9 February 1962");
  S_words("2021-05-28", "", "28 May 2021");
  S_words("195X", NULL, "1950s");
  S_words("198X", "early", "early 1980s");
  S_words("197X", "mid", "mid-1970s");
  S_words("2021-04", "late", "late April 2021");
  S_words("1942/1944", NULL, "1942\xE2\x80\x93" "1944");
  S_words("1985/1998-03", NULL, "1985 \xE2\x80\x93 March 1998");
  S_words("1983/..", NULL, "1983 onwards");
  S_words(NULL, NULL, "");
  /* not EDTF: as it is */
  S_words("sometime", NULL, "sometime");
  S_words("1983-13", NULL, "1983-13");
  S_words("1983/x", NULL, "1983/x");
  S_words("83", NULL, "83");
}

static void S_key(const char *edtf, int ok, int y, int m, int d) {
  int k[3];
  assert_int_equal(humandate_key(edtf, k), ok);
  assert_int_equal(k[0], y);
  assert_int_equal(k[1], m);
  assert_int_equal(k[2], d);
}

static void test_keys(void **state) {
  (void)state;
  S_key("1983", 1, 1983, 0, 0);
  S_key("1983-06", 1, 1983, 6, 0);
  S_key("1983-06-01", 1, 1983, 6, 1);
  S_key("195X", 1, 1950, 0, 0);
  S_key("1942/1944", 1, 1942, 0, 0);
  S_key("1985/1998-03", 1, 1985, 0, 0);
  S_key("nonsense", 0, 9999, 99, 99);
  S_key(NULL, 0, 9999, 99, 99);
  S_key("1983x", 0, 9999, 99, 99);
}

static void test_order(void **state) {
  (void)state;
  /* a year before the months of that year, months before days */
  assert_true(humandate_cmp("1983", "1983-01") < 0);
  assert_true(humandate_cmp("1983-01", "1983-01-01") < 0);
  assert_true(humandate_cmp("1983-06-30", "1983-07") < 0);
  /* decades and intervals by their start */
  assert_true(humandate_cmp("195X", "1955") < 0);
  assert_true(humandate_cmp("1949-12", "195X") < 0);
  assert_int_equal(humandate_cmp("195X", "1950"), 0);
  assert_true(humandate_cmp("1942/1944", "1943") < 0);
  assert_int_equal(humandate_cmp("1942/1944", "1942"), 0);
  /* what is not a date goes last */
  assert_true(humandate_cmp("2099-12-31", "junk") < 0);
  assert_int_equal(humandate_cmp("junk", "other junk"), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_words),
      cmocka_unit_test(test_keys),
      cmocka_unit_test(test_order),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
