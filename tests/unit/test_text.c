/* test_text.c: decoding the dump into lines, and stripping inline markup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"
#include "util.h"

static void test_split_line_ends(void **state) {
  (void)state;
  const char data[] = "\xEF\xBB\xBFTitle\r\nsecond\rthird\nlast";
  mssdoc_records *rs = mssdoc_records_new();
  text_lines tl = text_split(data, sizeof data - 1, rs);
  assert_int_equal(tl.count, 4);
  assert_string_equal(tl.lines[0], "Title");
  assert_string_equal(tl.lines[1], "second");
  assert_string_equal(tl.lines[2], "third");
  assert_string_equal(tl.lines[3], "last");
  assert_int_equal(rs->diagnostics.count, 0);
  text_lines_free(&tl);
  mssdoc_records_free(rs);
}

static void test_split_trailing_newline(void **state) {
  (void)state;
  mssdoc_records *rs = mssdoc_records_new();
  text_lines tl = text_split("a\n\nb\n", 5, rs);
  assert_int_equal(tl.count, 3);
  assert_string_equal(tl.lines[1], "");
  text_lines_free(&tl);
  mssdoc_records_free(rs);
}

static void test_split_bad_bytes(void **state) {
  (void)state;
  /* a NUL, an ESC, a lone continuation byte, an overlong '/', a C1 control */
  const char data[] = "ok\nA\0B\x1b[31mC\x80\xC0\xAF\xC2\x85\ttab\nfine";
  mssdoc_records *rs = mssdoc_records_new();
  text_lines tl = text_split(data, sizeof data - 1, rs);
  assert_int_equal(tl.count, 3);
  assert_null(strchr(tl.lines[1], '\x1b'));
  assert_non_null(strstr(tl.lines[1], "A\xEF\xBF\xBD" "B"));
  assert_non_null(strstr(tl.lines[1], " tab"));
  assert_int_equal(rs->diagnostics.count, 1);
  assert_int_equal(rs->diagnostics.items[0].line, 2);
  assert_string_equal(rs->diagnostics.items[0].kind, "bad-bytes");
  text_lines_free(&tl);
  mssdoc_records_free(rs);
}

static void test_split_keeps_valid_utf8(void **state) {
  (void)state;
  const char *s = "Gu\xC3\xB3ji\xC4\x81 \xE5\x9B\xBD\xE5\xAE\xB6 \xF0\x9F\x98\x80";
  mssdoc_records *rs = mssdoc_records_new();
  text_lines tl = text_split(s, strlen(s), rs);
  assert_int_equal(tl.count, 1);
  assert_string_equal(tl.lines[0], s);
  assert_int_equal(rs->diagnostics.count, 0);
  text_lines_free(&tl);
  mssdoc_records_free(rs);
}

static void test_clean_markers_and_tags(void **state) {
  (void)state;
  const char *s = "in Beijing[2][3] with branches.[4] Disputed.[citation "
                  "needed] Court.[9][better source needed] magic weapon[s] "
                  "IPA: [kw\xC7\x92.tsja]";
  mssdoc_ints refs = {0}, at = {0};
  mssdoc_strs tags = {0};
  char *clean = text_clean_at(s, strlen(s), &refs, &at, &tags, NULL);
  assert_string_equal(clean, "in Beijing with branches. Disputed. Court. "
                             "magic weapon[s] IPA: [kw\xC7\x92.tsja]");
  assert_int_equal(refs.count, 4);
  assert_int_equal(refs.items[0], 2);
  assert_int_equal(refs.items[3], 9);
  /* offsets: where each marker stood in the clean text */
  assert_int_equal(at.items[0], 10);
  assert_int_equal(at.items[1], 10);
  assert_int_equal(at.items[2], (int)strlen("in Beijing with branches."));
  assert_int_equal(tags.count, 2);
  assert_string_equal(tags.items[0], "citation needed");
  assert_string_equal(tags.items[1], "better source needed");
  free(clean);
  ints_free(&refs);
  ints_free(&at);
  strs_free(&tags);
}

/* As the dump has them: a tag's words apart by no-break spaces (U+00A0),
 * a tag after a marker at one offset, an editor's words in brackets. */
static void test_clean_tag_offsets(void **state) {
  (void)state;
  const char *s = "the courts.[9][better\xC2\xA0source\xC2\xA0needed] The "
                  "law[who?] of \"familiaris 1758 [domestic dog]\" ok.[dead "
                  "link] [a b]";
  mssdoc_ints refs = {0}, at = {0}, tat = {0};
  mssdoc_strs tags = {0};
  char *clean = text_clean_at(s, strlen(s), &refs, &at, &tags, &tat);
  assert_string_equal(clean, "the courts. The law of \"familiaris 1758 "
                             "[domestic dog]\" ok. [a b]");
  assert_int_equal(tags.count, 3);
  assert_string_equal(tags.items[0], "better source needed"); /* spaces */
  assert_string_equal(tags.items[1], "who?");
  assert_string_equal(tags.items[2], "dead link");
  assert_int_equal(tat.count, 3);
  assert_int_equal(at.items[0], (int)strlen("the courts."));
  assert_int_equal(tat.items[0], (int)strlen("the courts."));
  assert_int_equal(tat.items[1], (int)strlen("the courts. The law"));
  assert_int_equal(tat.items[2], (int)(strstr(clean, " [a b]") - clean));
  free(clean);
  ints_free(&refs);
  ints_free(&at);
  ints_free(&tat);
  strs_free(&tags);
}

static void test_clean_not_markers(void **state) {
  (void)state;
  const char *s = "[] [x] [12a] [123456789] [5";
  mssdoc_ints refs = {0};
  char *clean = text_clean(s, strlen(s), &refs, NULL);
  assert_string_equal(clean, s);
  assert_int_equal(refs.count, 0);
  free(clean);
  ints_free(&refs);
}

static void test_clean_trailing_marker_offset(void **state) {
  (void)state;
  const char *s = "End of text. [7]";
  mssdoc_ints refs = {0}, at = {0};
  char *clean = text_clean_at(s, strlen(s), &refs, &at, NULL, NULL);
  assert_string_equal(clean, "End of text.");
  assert_int_equal(at.count, 1);
  assert_int_equal(at.items[0], (int)strlen(clean));
  free(clean);
  ints_free(&refs);
  ints_free(&at);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_split_line_ends),
      cmocka_unit_test(test_split_trailing_newline),
      cmocka_unit_test(test_split_bad_bytes),
      cmocka_unit_test(test_split_keeps_valid_utf8),
      cmocka_unit_test(test_clean_markers_and_tags),
      cmocka_unit_test(test_clean_tag_offsets),
      cmocka_unit_test(test_clean_not_markers),
      cmocka_unit_test(test_clean_trailing_marker_offset),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
