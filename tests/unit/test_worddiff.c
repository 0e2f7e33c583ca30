/*
 * test_worddiff.c: the word diff (worddiff.h) on hand-made pairs of texts,
 * each expectation written out by hand as git diff --word-diff would mark
 * the change: nothing changed, a word replaced, words added at the start,
 * in the middle and at the end, a text emptied, white space that differs
 * only, repeated words, and a pair past the alignment's bound.
 */
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

#include "util.h"
#include "worddiff.h"

/* The diff of a and b in git's --word-diff=plain notation: runs joined by
 * a space, "[-…-]" deleted, "{+…+}" inserted.  The caller frees it. */
static char *S_plain(const char *a, const char *b) {
  worddiff_runs r = worddiff(a, b);
  buf out = {0};
  for (size_t i = 0; i < r.count; i++) {
    const worddiff_run *x = &r.items[i];
    const char *text = x->kind == WORDDIFF_INS ? b : a;
    if (i)
      buf_putc(&out, ' ');
    buf_puts(&out, x->kind == WORDDIFF_DEL   ? "[-"
                   : x->kind == WORDDIFF_INS ? "{+"
                                             : "");
    buf_put(&out, text + x->start, x->len);
    buf_puts(&out, x->kind == WORDDIFF_DEL   ? "-]"
                   : x->kind == WORDDIFF_INS ? "+}"
                                             : "");
  }
  free(r.items);
  return out.data ? buf_take(&out) : xstrdup("");
}

static void S_is(const char *a, const char *b, const char *want) {
  char *got = S_plain(a, b);
  assert_string_equal(got, want);
  free(got);
}

static void test_same(void **state) {
  (void)state;
  S_is("the MSS was founded", "the MSS was founded", "the MSS was founded");
  S_is("", "", "");
  S_is(NULL, NULL, "");
}

static void test_one_word_replaced(void **state) {
  (void)state;
  S_is("the Deputy Minister", "a Deputy Minister",
       "[-the-] {+a+} Deputy Minister");
  S_is("International Intelligence Division", "Foreign Intelligence Division",
       "[-International-] {+Foreign+} Intelligence Division");
  S_is("in 2016 it was", "in 2017 it was", "in [-2016-] {+2017+} it was");
}

static void test_added_and_removed(void **state) {
  (void)state;
  S_is("State Security", "Ministry of State Security",
       "{+Ministry of+} State Security");
  S_is("Ministry of State Security", "Ministry of Public and State Security",
       "Ministry of {+Public and+} State Security");
  S_is("Chen Wenqing", "Chen Wenqing (incumbent)",
       "Chen Wenqing {+(incumbent)+}");
  S_is("one two three", "one three", "one [-two-] three");
  S_is("gone", NULL, "[-gone-]");
  S_is(NULL, "new", "{+new+}");
}

static void test_two_changes(void **state) {
  (void)state;
  S_is("a b c d e", "a x c d y", "a [-b-] {+x+} c d [-e-] {+y+}");
  /* a word moved: one side of it is kept, the other deleted and inserted */
  S_is("x a b", "a b x", "[-x-] a b {+x+}");
}

static void test_spaces_are_not_words(void **state) {
  (void)state;
  /* the kept run is the old text's, spaces and all */
  S_is("a  b\tc", "a b c", "a  b\tc");
  S_is("  lead and trail  ", "lead and trail", "lead and trail");
}

static void test_repeated_words(void **state) {
  (void)state;
  S_is("the the the", "the the", "the the [-the-]");
  S_is("a b a b", "a b a b a b", "a b a b {+a b+}");
}

static void test_past_the_bound(void **state) {
  (void)state;
  /* middles of n x m words past WORDDIFF_MAX_CELLS are one deletion and
   * one insertion, between the common head and tail */
  size_t n = 2100; /* 2100 x 2100 > 4 Mi */
  buf a = {0}, b = {0};
  buf_puts(&a, "head");
  buf_puts(&b, "head");
  for (size_t i = 0; i < n; i++) {
    buf_printf(&a, " a%zu", i);
    buf_printf(&b, " b%zu", i);
  }
  buf_puts(&a, " tail");
  buf_puts(&b, " tail");
  worddiff_runs r = worddiff(a.data, b.data);
  assert_int_equal(r.count, 4);
  assert_int_equal(r.items[0].kind, WORDDIFF_SAME);
  assert_int_equal(r.items[1].kind, WORDDIFF_DEL);
  assert_int_equal(r.items[2].kind, WORDDIFF_INS);
  assert_int_equal(r.items[3].kind, WORDDIFF_SAME);
  assert_memory_equal(a.data + r.items[1].start, "a0 ", 3);
  assert_int_equal(r.items[2].start + r.items[2].len, b.len - strlen(" tail"));
  free(r.items);
  buf_free(&a);
  buf_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_same),
      cmocka_unit_test(test_one_word_replaced),
      cmocka_unit_test(test_added_and_removed),
      cmocka_unit_test(test_two_changes),
      cmocka_unit_test(test_spaces_are_not_words),
      cmocka_unit_test(test_repeated_words),
      cmocka_unit_test(test_past_the_bound),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
