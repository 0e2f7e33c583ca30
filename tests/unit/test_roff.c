/* test_roff.c: roff_clean (src/roff.c), the pass that makes cmark's man
 * output readable by groff -ww and mandoc -T lint without a warning:
 * characters escaped, each with its fallback, headings on their macro
 * line, long text lines broken where roff keeps the meaning. */
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

#include "roff.h"

/* Asserts that roff_clean(in) is want. */
static void S_clean(const char *in, const char *want) {
  char *got = roff_clean(in);
  assert_string_equal(got, want);
  free(got);
}

static void test_ascii_unchanged(void **state) {
  (void)state;
  S_clean(".TH \"X\" \"7\" \"2026-12-03\"\n.PP\nplain \\f[B]text\\f[]\n",
          ".TH \"X\" \"7\" \"2026-12-03\"\n.PP\nplain \\f[B]text\\f[]\n");
}

static void test_characters(void **state) {
  (void)state;
  /* two, three and four bytes; upper-case hex, at least four digits */
  S_clean(".TH X 7\nGu\xc3\xb3ji\xc4\x81 \xe5\x9b\xbd \xf0\x9f\x98\x80\n",
          ".TH X 7\n"
          ".if !c\\[u00F3] .char \\[u00F3] o\n"
          ".if !c\\[u0101] .char \\[u0101] a\n"
          ".if !c\\[u56FD] .char \\[u56FD] ?\n"
          ".if !c\\[u1F600] .char \\[u1F600] ?\n"
          "Gu\\[u00F3]ji\\[u0101] \\[u56FD] \\[u1F600]\n");
  /* a combining mark alone falls back to nothing; a no-break space to
   * a space that does not break; invalid UTF-8 is U+FFFD; controls are
   * dropped */
  S_clean("\xcc\x8c\xc2\xa0\xff\x01x\n", ".if !c\\[u00A0] .char \\[u00A0] \\~\n"
                                         ".if !c\\[u030C] .char \\[u030C] \\&\n"
                                         ".if !c\\[uFFFD] .char \\[uFFFD] ?\n"
                                         "\\[u030C]\\[u00A0]\\[uFFFD]x\n");
}

static void test_macros(void **state) {
  (void)state;
  /* the heading on its macro line, quoted; no .PP right after it */
  S_clean(".SH\nA \"b\"\n.PP\ntext\n.SS\nSub\n.PP\nmore\n.PP\nnext\n",
          ".SH \"A \\(dqb\\(dq\"\ntext\n.SS \"Sub\"\nmore\n.PP\nnext\n");
  /* mandoc knows no font C; \e followed by f[C] is text, not a font */
  S_clean("\\f[C]x\\f[] \\ef[C]\n", "\\f[CR]x\\f[] \\ef[C]\n");
}

static void test_wrap(void **state) {
  (void)state;
  const char *words = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj "
                      "kkkk llll mmmm nnnn oooo pppp qqqq rrrr";
  char in[256], want[256];
  snprintf(in, sizeof in, "%.79s .start here\n", words);
  /* broken at the last space that keeps 80 bytes; a piece that would
   * start with a dot starts with \& */
  snprintf(want, sizeof want, "%.79s\n\\&.start here\n", words);
  S_clean(in, want);
  snprintf(in, sizeof in, "%s\n", words);
  snprintf(want, sizeof want, "%.79s\n%s\n", words, words + 80);
  S_clean(in, want);
  /* not after a sentence's end where another space will do */
  S_clean("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa x "
          "bbbbbbbbbbbbbb. ccccccccccccccc\n",
          "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa x\n"
          "bbbbbbbbbbbbbb. ccccccccccccccc\n");
  /* no space: between two characters, joined by \c */
  char cjk[512] = "", wantc[512] = "";
  for (int i = 0; i < 12; i++)
    strcat(cjk, "\xe5\x9b\xbd");
  strcat(cjk, "\n");
  strcpy(wantc, ".if !c\\[u56FD] .char \\[u56FD] ?\n");
  for (int i = 0; i < 9; i++)
    strcat(wantc, "\\[u56FD]");
  strcat(wantc, "\\c\n\\[u56FD]\\[u56FD]\\[u56FD]\n");
  S_clean(cjk, wantc);
  /* no-fill text, macro lines and a .TP tag stay as they are */
  char nf[512];
  snprintf(nf, sizeof nf, ".nf\n%s %s\n.fi\n.TP\n%s %s\n", words, words, words,
           words);
  S_clean(nf, nf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ascii_unchanged),
      cmocka_unit_test(test_characters),
      cmocka_unit_test(test_macros),
      cmocka_unit_test(test_wrap),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
