/* test_render.c: display width, the table model and its serializations,
 * and the terminal text renderer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "render_text.h"
#include "table.h"
#include "view.h"
#include "util.h"
#include "width.h"

static const char *const S_head[] = {"Bureau", "Name", "Responsibilities"};
static const char *const S_rows[][3] = {
    {"1st", "Confidential Communications", "Encryption and secure lines"},
    {"2nd", "Foreign Intelligence 国家安全部", NULL},
    {"12th", "Social Investigation",
     "Surveys, public opinion, and contacts with Taiwan-based organizations "
     "and overseas Chinese communities"},
    {"18th", "US Operations", "Operations directed at the United States"},
};

/* Returns the test table; the caller frees it. */
static table *S_table(void) {
  table *t = table_new(3, S_head);
  for (size_t r = 0; r < sizeof(S_rows) / sizeof(S_rows[0]); r++)
    table_add_row(t, S_rows[r]);
  return t;
}

/* Returns the article-like document with the test table at its end. */
static cmark_node *S_doc(const char *md) {
  cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
  cmark_node_append_child(doc, table_node_new(S_table()));
  return doc;
}

/* Fails unless every line of s is at most width columns wide. */
static void S_assert_width(const char *s, int width) {
  while (*s) {
    size_t n = strcspn(s, "\n");
    size_t w = width_of(s, n);
    if (w > (size_t)width)
      fail_msg("line %zu > %d columns: %.*s", w, width, (int)n, s);
    s += n + (s[n] == '\n');
  }
}

static int S_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the space-separated words of s to l, skipping table rules and, if
 * strip_colon, dropping a final ':' (the stacked labels). */
static void S_words(const char *s, mssdoc_strs *l, int strip_colon) {
  while (*s) {
    size_t n = strcspn(s, " \n");
    if (n) {
      char *w = xstrndup(s, n);
      if (strip_colon && n > 1 && w[n - 1] == ':')
        w[n - 1] = '\0';
      if (strspn(w, "\xE2\x94\x80") != strlen(w))
        strs_push(l, w);
      free(w);
    }
    s += n + (s[n] != '\0');
  }
}

/* Fails unless the words of table t and of its text out are the same
 * multiset (labels counted once per row when stacked). */
static void S_assert_words(const table *t, const char *out, int stacked) {
  mssdoc_strs in = {0}, got = {0};
  for (size_t r = 0; r < (stacked ? table_nrows(t) : 1); r++)
    for (size_t c = 0; c < table_ncols(t); c++)
      S_words(table_header(t, c), &in, 0);
  for (size_t r = 0; r < table_nrows(t); r++)
    for (size_t c = 0; c < table_ncols(t); c++)
      S_words(table_cell(t, r, c), &in, 0);
  S_words(out, &got, stacked);
  qsort(in.items, in.count, sizeof(char *), S_cmp);
  qsort(got.items, got.count, sizeof(char *), S_cmp);
  assert_int_equal(in.count, got.count);
  for (size_t i = 0; i < in.count; i++)
    assert_string_equal(in.items[i], got.items[i]);
  strs_free(&in);
  strs_free(&got);
}

/* Returns how many times needle occurs in s. */
static size_t S_count(const char *s, const char *needle) {
  size_t n = 0;
  for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
    n++;
  return n;
}

static void test_width(void **state) {
  (void)state;
  assert_int_equal(width_str("hello"), 5);
  assert_int_equal(width_str("国家安全部"), 10);
  assert_int_equal(width_str("e\xCC\x81t\xC3\xA9"), 3); /* combining acute */
  assert_int_equal(width_str("a\xFF"), 2);              /* invalid byte */
  assert_int_equal(width_str(""), 0);
  const char *cjk = "国家安全部";
  assert_int_equal(width_offset(cjk, strlen(cjk), 5), 6);
  assert_int_equal(width_offset(cjk, strlen(cjk), 4), 6);
  assert_int_equal(width_offset(cjk, strlen(cjk), 100), strlen(cjk));
  const char *comb = "ae\xCC\x81z";
  assert_int_equal(width_offset(comb, strlen(comb), 2), 4);
  char *clean = width_clean("a\033[31mb\x7f\xC2\x9b\xFF", 11, 0);
  assert_string_equal(clean, "a[31mb\xEF\xBF\xBD");
  free(clean);
}

static void test_table_model(void **state) {
  (void)state;
  table *t = S_table();
  assert_int_equal(table_ncols(t), 3);
  assert_int_equal(table_nrows(t), 4);
  assert_string_equal(table_header(t, 2), "Responsibilities");
  assert_string_equal(table_cell(t, 1, 2), "");
  assert_string_equal(table_cell(t, 3, 0), "18th");
  table_free(t);
  table *e = table_new(2, NULL);
  assert_string_equal(table_header(e, 1), "");
  table_free(e);
}

static void test_table_text_columns(void **state) {
  (void)state;
  table *t = S_table();
  int widths[] = {40, 80, 200};
  for (size_t i = 0; i < 3; i++) {
    char *s = table_text(t, widths[i], 0);
    S_assert_width(s, widths[i]);
    assert_non_null(strstr(s, "\xE2\x94\x80")); /* columns, not stacked */
    assert_true(str_starts(s, "Bureau"));
    S_assert_words(t, s, 0);
    free(s);
  }
  char *wide = table_text(t, 200, 0); /* everything fits: one line a row */
  assert_int_equal(S_count(wide, "\n"), 2 + table_nrows(t));
  free(wide);
  table_free(t);
}

/* A short column gets its whole width before a long one shares the rest:
 * "First took office" stays on one line while "Offices" wraps (as a
 * browser's automatic layout gives spare width to the column that wraps
 * most). */
static void test_table_text_short_first(void **state) {
  (void)state;
  const char *h[] = {"Name", "Offices", "First took office"};
  const char *row[] = {"Luo Qingchang",
                       "Directors of the Central Investigation Department "
                       "(1955-1983), No. 5 (1973-1983); Ministers of State "
                       "Security (1983-present), No. 1 (1983-1985)",
                       "1973"};
  table *t = table_new(3, h);
  table_add_row(t, row);
  for (int w = 60; w <= 120; w += 20) {
    char *s = table_text(t, w, 0);
    S_assert_width(s, w);
    assert_true(str_starts(s, "Name"));
    const char *nl = strchr(s, '\n');
    assert_non_null(strstr(s, "First took office"));
    assert_true(strstr(s, "First took office") < nl); /* on the first line */
    assert_non_null(strstr(s, "Luo Qingchang  ")); /* the name unbroken */
    free(s);
  }
  table_free(t);
}

static void test_table_text_long_word(void **state) {
  (void)state;
  const char *h[] = {"Key", "Link"};
  const char *row[] = {"ref", "https://example.org/a/very/long/path/that/"
                              "cannot/fit/anywhere/in/forty/columns"};
  table *t = table_new(2, h);
  table_add_row(t, row);
  char *s = table_text(t, 40, 0);
  S_assert_width(s, 40);
  assert_non_null(strstr(s, "https://"));
  free(s);
  table_free(t);
}

static void test_table_text_stacked(void **state) {
  (void)state;
  table *t = S_table();
  char *s = table_text(t, 20, 0);
  S_assert_width(s, 20);
  assert_null(strstr(s, "\xE2\x94\x80"));
  assert_true(str_starts(s, "Bureau: 1st\n"));
  assert_non_null(strstr(s, "\n\nBureau: 2nd\n"));
  assert_int_equal(S_count(s, "\n\n"), table_nrows(t) - 1);
  S_assert_words(t, s, 1);
  free(s);
  s = table_text(t, 20, 1);
  assert_true(str_starts(s, "\033[1mBureau:\033[0m 1st\n"));
  free(s);
  table_free(t);
}

static void test_table_markdown(void **state) {
  (void)state;
  const char *h[] = {"Name", "Note"};
  const char *row[] = {"a|b", "*x* <y>"};
  table *t = table_new(2, h);
  table_add_row(t, row);
  char *s = table_markdown(t);
  assert_string_equal(s, "| Name | Note |\n"
                         "| --- | --- |\n"
                         "| a\\|b | \\*x\\* \\<y\\> |\n");
  free(s);
  table_free(t);

  cmark_node *doc = S_doc("# Heads\n\nText.\n");
  table_prepare(doc, "markdown");
  char *md = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
  assert_non_null(
      strstr(md, "Text.\n\n| Bureau | Name | Responsibilities |\n"
                 "| --- | --- | --- |\n| 1st | Confidential Communications |"));
  free(md);
  view_doc_free(doc);
}

static void test_table_html(void **state) {
  (void)state;
  const char *h[] = {"A&B", "C"};
  const char *row[] = {"<script>\"x\"</script>", "Tom & Jerry"};
  table *t = table_new(2, h);
  table_add_row(t, row);
  char *s = table_html(t);
  assert_non_null(strstr(s, "<thead>\n<tr>\n<th>A&amp;B</th>\n"));
  assert_non_null(
      strstr(s, "<td>&lt;script&gt;&quot;x&quot;&lt;/script&gt;</td>"));
  assert_non_null(strstr(s, "<td>Tom &amp; Jerry</td>"));
  assert_null(strstr(s, "<script>"));
  free(s);
  table_free(t);

  cmark_node *doc = S_doc("Text.\n");
  table_prepare(doc, "html");
  char *html = cmark_render_html(doc, CMARK_OPT_UNSAFE);
  assert_non_null(strstr(html, "<p>Text.</p>\n<table>\n<thead>"));
  assert_non_null(strstr(html, "</tbody>\n</table>\n"));
  free(html);
  view_doc_free(doc);
}

static void test_table_man(void **state) {
  (void)state;
  cmark_node *doc = S_doc("Text.\n");
  const char *row[] = {".dot", "back\\slash", NULL};
  table *t = table_new(3, S_head);
  table_add_row(t, row);
  cmark_node_append_child(doc, table_node_new(t));
  table_prepare(doc, "man");
  char *man = cmark_render_man(doc, CMARK_OPT_DEFAULT, 0);
  assert_non_null(strstr(man, ".TP\n\\f[B]1st\\f[R]\n\\f[I]Name:\\f[R] "
                              "Confidential Communications\n.br\n"));
  assert_non_null(strstr(man, ".TP\n\\f[B]\\&.dot\\f[R]\n"));
  assert_non_null(strstr(man, "back\\eslash"));
  free(man);
  view_doc_free(doc);
}

static const char S_cjk_md[] =
    "The Ministry of State Security (国家安全部; Guójiā Ānquán Bù) is "
    "the principal civilian intelligence agency: "
    "国家安全部国家安全部国家安全部国家安全部国家安全部国家安全部国家安全部"
    "国家安全部 and the end.\n";

static void test_render_cjk_wrap(void **state) {
  (void)state;
  cmark_node *doc = cmark_parse_document(S_cjk_md, strlen(S_cjk_md), 0);
  for (int w = 20; w <= 61; w += 3) {
    char *s = render_text(doc, w, w, 0);
    S_assert_width(s, w);
    assert_int_equal(S_count(s, "国"), 9);
    assert_non_null(strstr(s, "principal"));
    free(s);
  }
  char *s = render_text(doc, 5, 5, 0); /* counts as 20 */
  S_assert_width(s, 20);
  free(s);
  view_doc_free(doc);
  /* a line may break between any two wide characters */
  const char *md = "abc 国家安全部国家安全部国家安全部\n";
  doc = cmark_parse_document(md, strlen(md), 0);
  s = render_text(doc, 20, 20, 0);
  assert_string_equal(s, "abc 国家安全部国家安\n全部国家安全部\n");
  free(s);
  view_doc_free(doc);
}

static void test_render_blocks(void **state) {
  (void)state;
  cmark_node *doc =
      S_doc("# Ministry of State Security\n\n"
            "> A quotation long enough to wrap over several lines of text.\n"
            ">\n> Second paragraph.\n\n"
            "- one item that also wraps onto a second line\n- two\n\n"
            "3. three\n4. four\n");
  char *s = render_text(doc, 30, 30, 0);
  S_assert_width(s, 30);
  assert_true(str_starts(s, "Ministry of State Security\n"
                            "==========================\n\n"));
  assert_non_null(strstr(s, "\n\n> A quotation long enough to\n> wrap"));
  assert_non_null(strstr(s, "\n>\n> Second paragraph.\n\n"));
  assert_non_null(strstr(s, "\n• one item that also wraps\n  onto"));
  assert_non_null(strstr(s, "\n• two\n\n3. three\n4. four\n\n"));
  assert_non_null(strstr(s, "Bureau: 1st\n")); /* the table, stacked */
  free(s);
  view_doc_free(doc);
}

static void test_render_no_escape(void **state) {
  (void)state;
  cmark_node *doc = cmark_parse_document("Para.\n", 6, 0);
  cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);
  cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(text, "red \033[31mtext\033[0m \x07\xC2\x9b bell");
  cmark_node_append_child(p, text);
  cmark_node_append_child(doc, p);
  const char *h[] = {"K\033[2J", "V"};
  const char *row[] = {"\033]0;title\007x", "y"};
  table *t = table_new(2, h);
  table_add_row(t, row);
  cmark_node_append_child(doc, table_node_new(t));
  char *s = render_text(doc, 40, 40, 0);
  assert_null(strchr(s, '\033'));
  assert_null(strchr(s, '\007'));
  assert_null(strstr(s, "\xC2\x9b"));
  assert_non_null(strstr(s, "red [31mtext[0m bell"));
  free(s);
  s = render_text(doc, 40, 40, 1);
  assert_null(strstr(s, "\033[31m"));
  assert_null(strstr(s, "\033[2J"));
  assert_null(strstr(s, "\033]"));
  free(s);
  view_doc_free(doc);
}

static void test_render_color(void **state) {
  (void)state;
  cmark_node *doc =
      S_doc("# Title\n\nSome **bold words that run on for long enough to wrap "
            "across lines** and *emphasis*.\n\n> quoted **strong** text that "
            "wraps onto another line\n\n- item with `code`\n");
  char *s = render_text(doc, 30, 30, 1);
  assert_true(str_starts(s, "\033[0;1;4mTitle\033[0m\n"));
  size_t lines = 0;
  for (char *line = s; *line; lines++) {
    char *nl = strchr(line, '\n');
    assert_non_null(nl);
    assert_true(nl - line >= 4 && memcmp(nl - 4, "\033[0m", 4) == 0);
    line = nl + 1;
  }
  assert_true(lines > 10);
  /* the style of a wrapped run is re-emitted after the line's reset */
  assert_non_null(strstr(s, "\033[0m\n\033[0;1mfor long"));
  free(s);
  view_doc_free(doc);
}

static void test_render_link(void **state) {
  (void)state;
  const char *md = "See [the site](https://example.org/x) and "
                   "<https://example.org/y>.\n";
  cmark_node *doc = cmark_parse_document(md, strlen(md), 0);
  char *s = render_text(doc, 80, 80, 0);
  assert_string_equal(s, "See the site <https://example.org/x> and "
                         "https://example.org/y.\n");
  free(s);
  view_doc_free(doc);
}

/* Prose wraps at prose_width; a table beside it may take the whole width. */
static void test_render_prose_width(void **state) {
  (void)state;
  cmark_node *doc = view_new();
  view_paragraph(doc, "The Ministry of State Security is the principal civilian "
                      "intelligence, security and secret police agency of the "
                      "People's Republic of China, responsible for foreign "
                      "intelligence, counterintelligence and the political "
                      "security of the Chinese Communist Party.");
  const char *hdr[] = {"Bureau", "Directive"};
  table *t = table_new(2, hdr);
  const char *row[] = {"8th", "Responsible for counterintelligence against "
                              "foreign intelligence services operating within "
                              "the country and for the security of embassies."};
  table_add_row(t, row);
  view_table(doc, t);
  char *s = render_text(doc, 160, 60, 0);
  const char *tab = strstr(s, "\nBureau"); /* the table's header line */
  assert_non_null(tab);
  assert_non_null(strstr(tab, "8th"));
  size_t widest_prose = 0, widest_table = 0;
  for (const char *line = s; *line;) {
    const char *nl = strchr(line, '\n');
    size_t w = width_of(line, (size_t)(nl - line));
    if (line < tab && w > widest_prose)
      widest_prose = w;
    if (line >= tab && w > widest_table)
      widest_table = w;
    line = nl + 1;
  }
  assert_true(widest_prose <= 60 && widest_prose > 50);
  assert_true(widest_table > 60); /* the row fits on one line of 160 */
  free(s);
  /* prose never wider than the page */
  s = render_text(doc, 40, 60, 0);
  S_assert_width(s, 40);
  free(s);
  view_doc_free(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_width),
      cmocka_unit_test(test_table_model),
      cmocka_unit_test(test_table_text_columns),
      cmocka_unit_test(test_table_text_short_first),
      cmocka_unit_test(test_table_text_long_word),
      cmocka_unit_test(test_table_text_stacked),
      cmocka_unit_test(test_table_markdown),
      cmocka_unit_test(test_table_html),
      cmocka_unit_test(test_table_man),
      cmocka_unit_test(test_render_cjk_wrap),
      cmocka_unit_test(test_render_blocks),
      cmocka_unit_test(test_render_no_escape),
      cmocka_unit_test(test_render_color),
      cmocka_unit_test(test_render_link),
      cmocka_unit_test(test_render_prose_width),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
