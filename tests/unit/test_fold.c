/* test_fold.c: folding for matching (src/fold.c): ASCII lower-cased the
 * same at every alignment, non-ASCII folded, and the byte map back to the
 * original. */
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

#include "fold.h"

/* Every ASCII byte but NUL, each at every offset from an 8-byte boundary,
 * inside runs of every length up to 40, folds to the byte lower-cased by
 * hand here; each byte maps to itself. */
static void test_ascii_every_alignment(void **state) {
  (void)state;
  char s[64], want[64];
  for (int c = 1; c < 128; c++)
    for (size_t off = 0; off < 8; off++)
      for (size_t len = off + 1; len <= 40; len++) {
        for (size_t k = 0; k < len; k++)
          s[k] = (char)(k == off ? c : 'A' + (int)(k % 26));
        s[len] = '\0';
        for (size_t k = 0; k <= len; k++)
          want[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
        size_t *map;
        char *f = fold_text_map(s, &map);
        assert_string_equal(f, want);
        for (size_t k = 0; k <= len; k++)
          assert_int_equal(map[k], k);
        free(map);
        free(f);
      }
}

/* An ASCII run broken by a non-ASCII character, on either side of an
 * 8-byte boundary: the run before it, the character folded, the run
 * after it, and the map pointing into the original. */
static void test_mixed_runs(void **state) {
  (void)state;
  /* "ABCDEFG" + "Ó" (2 bytes, folds to "o") + "HIJKLMNOPQ" */
  const char *s = "ABCDEFG\xc3\x93HIJKLMNOPQ";
  size_t *map;
  char *f = fold_text_map(s, &map);
  assert_string_equal(f, "abcdefgohijklmnopq");
  assert_int_equal(map[6], 6);
  assert_int_equal(map[7], 7); /* o: from the 2-byte Ó at 7 */
  assert_int_equal(map[8], 9); /* h: after it */
  assert_int_equal(map[17], 18);
  assert_int_equal(map[18], strlen(s));
  free(map);
  free(f);
  char *g = fold_text("GUÓJIĀ ĀNQUÁN BÙ, 12345678 MIXED Case TEXT");
  assert_string_equal(g, "guojia anquan bu, 12345678 mixed case text");
  free(g);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ascii_every_alignment),
      cmocka_unit_test(test_mixed_runs),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
