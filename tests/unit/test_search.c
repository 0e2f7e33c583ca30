/* test_search.c: words, BM25 ranking, folding and snippets of the search
 * index (src/search.c). */
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

#include <libstemmer.h>

#include "search.h"
#include "util.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Runs query over texts; returns the hit count and fills order[] with the
 * documents best first (at most max). */
static size_t S_rank(const char *const *texts, size_t n, const char *query,
                     size_t *order, size_t max, double *scores) {
  search_index *ix = search_index_new(texts, n);
  search_query *q = search_query_new(ix, query);
  search_hit *hits;
  size_t got = search_run(ix, q, &hits);
  for (size_t i = 0; i < got && i < max; i++) {
    order[i] = hits[i].doc;
    if (scores)
      scores[i] = hits[i].score;
  }
  free(hits);
  search_query_free(q);
  search_index_free(ix);
  return got;
}

/* The words of s, joined by "|". */
static char *S_words(const char *s) {
  buf b = {0};
  size_t pos = 0, a, e, len = strlen(s);
  while (search_word(s, len, &pos, &a, &e)) {
    if (b.len)
      buf_putc(&b, '|');
    buf_put(&b, s + a, e - a);
  }
  return buf_take(&b);
}

static void test_words(void **state) {
  (void)state;
  static const char *const cases[][2] = {
      /* a possessive 's is no word; another apostrophe splits */
      {"the ministry's (mss) 1983–present", "the|ministry|mss|1983|present"},
      {"Dianne Feinstein's driver", "Dianne|Feinstein|driver"},
      {"O\xE2\x80\x99" "Brien\xE2\x80\x99" "s didn't", "O|Brien|didn|t"},
      {"the 's' key, it's", "the|s|key|it"},
      {"  ", ""},
      {"", ""},
      {"¿qué?", "qué"},
      {"国家安全部 mss", "国|家|安|全|部|mss"}, /* wide letters stand alone */
      {"x1y2 3,000", "x1y2|3|000"},
  };
  for (size_t i = 0; i < N(cases); i++) {
    char *w = S_words(cases[i][0]);
    assert_string_equal(w, cases[i][1]);
    free(w);
  }
}

static const char *const S_docs[] = {
    "the ministry and the police and the party",    /* 0: common only */
    "the ministry runs a zebra farm",               /* 1: the rare word */
    "nothing here",                                 /* 2 */
    "the the the the the the the the the ministry", /* 3 */
    "Guójiā Ānquán Bù is the name of the ministry", /* 4 */
};

/* A paragraph with the rare word ranks above one with only common ones. */
static void test_rare_word_first(void **state) {
  (void)state;
  size_t order[8];
  double scores[8];
  size_t n = S_rank(S_docs, N(S_docs), "the OR zebra", order, 8, scores);
  assert_int_equal(n, 4); /* either word is enough: doc 2 has neither */
  assert_int_equal(order[0], 1);
  for (size_t i = 1; i < n; i++)
    assert_true(scores[i] <= scores[i - 1]);
  for (size_t i = 0; i < n; i++)
    assert_int_not_equal(order[i], 2);
}

/* A term counts more the more often it occurs, less in a longer text. */
static void test_term_frequency(void **state) {
  (void)state;
  static const char *const docs[] = {
      "spy", "spy spy spy", "a spy among many other words that dilute it",
      "unrelated", "more unrelated text"};
  size_t order[4];
  assert_int_equal(S_rank(docs, N(docs), "spy", order, 4, NULL), 3);
  assert_int_equal(order[0], 1);
  assert_int_equal(order[1], 0);
  assert_int_equal(order[2], 2);
}

/* Case and diacritics are ignored, in the query and in the text. */
static void test_diacritics(void **state) {
  (void)state;
  size_t order[4];
  assert_int_equal(
      S_rank(S_docs, N(S_docs), "guojia anquan bu", order, 4, NULL), 1);
  assert_int_equal(order[0], 4);
  assert_int_equal(S_rank(S_docs, N(S_docs), "GUÓJIĀ", order, 4, NULL), 1);
  assert_int_equal(order[0], 4);
  static const char *const plain[] = {"guojia anquan bu", "other"};
  assert_int_equal(S_rank(plain, 2, "Guójiā Ānquán Bù", order, 4, NULL), 1);
  assert_int_equal(order[0], 0);
}

/* An empty query has no words and finds nothing. */
static void test_empty_query(void **state) {
  (void)state;
  search_index *ix = search_index_new(S_docs, N(S_docs));
  static const char *const empty[] = {"", "   ", "!!! – …", NULL};
  for (size_t i = 0; i < N(empty); i++) {
    search_query *q = search_query_new(ix, empty[i]);
    assert_int_equal(search_query_words(q), 0);
    search_hit *hits = (search_hit *)1;
    assert_int_equal(search_run(ix, q, &hits), 0);
    assert_null(hits);
    search_query_free(q);
  }
  search_query *q = search_query_new(ix, "The the THE ministry");
  assert_int_equal(search_query_words(q), 2); /* repeated words count once */
  search_query_free(q);
  search_index_free(ix);
}

/* No text at all, or words found nowhere: no hits. */
static void test_no_hits(void **state) {
  (void)state;
  size_t order[2];
  assert_int_equal(S_rank(S_docs, N(S_docs), "korea", order, 2, NULL), 0);
  assert_int_equal(S_rank(NULL, 0, "korea", order, 2, NULL), 0);
  static const char *const blank[] = {"", ""};
  assert_int_equal(S_rank(blank, 2, "korea", order, 2, NULL), 0);
}

/* A word found nowhere matches the words it starts (3 characters on). */
static void test_prefix_fallback(void **state) {
  (void)state;
  static const char *const docs[] = {"cyberwarfare by China",
                                     "cyber-espionage groups",
                                     "cybernetics",
                                     "no match",
                                     "vietnam",
                                     "vietnamese"};
  size_t order[4];
  assert_int_equal(S_rank(docs, N(docs), "cyberw", order, 4, NULL), 1);
  assert_int_equal(order[0], 0);
  /* "cyber" occurs as a word of its own: no expansion */
  assert_int_equal(S_rank(docs, N(docs), "cyber", order, 4, NULL), 1);
  assert_int_equal(order[0], 1);
  assert_int_equal(S_rank(docs, N(docs), "cybern", order, 4, NULL), 1);
  assert_int_equal(S_rank(docs, N(docs), "viet", order, 4, NULL), 2);
  assert_int_equal(S_rank(docs, N(docs), "vi", order, 4, NULL), 0);
}

/* Returns the snippet of doc for query, matches in [brackets]. */
static char *S_snippet(const char *const *docs, size_t n, size_t doc,
                       const char *query, size_t words) {
  search_index *ix = search_index_new(docs, n);
  search_query *q = search_query_new(ix, query);
  search_snippet sn = search_snippet_new(ix, q, doc, words);
  buf b = {0};
  for (size_t i = 0; i < sn.count; i++)
    buf_printf(&b, sn.items[i].match ? "[%s]" : "%s", sn.items[i].text);
  char *plain = search_snippet_text(&sn);
  char *marked = buf_take(&b);
  /* the plain text is the pieces without the marks */
  buf c = {0};
  for (const char *p = marked; *p; p++)
    if (*p != '[' && *p != ']')
      buf_putc(&c, *p);
  assert_string_equal(c.data ? c.data : "", plain);
  buf_free(&c);
  free(plain);
  search_snippet_free(&sn);
  search_query_free(q);
  search_index_free(ix);
  return marked;
}

static void test_snippet(void **state) {
  (void)state;
  char *s = S_snippet(S_docs, N(S_docs), 4, "guojia bu", 30);
  assert_string_equal(s, "[Guójiā] Ānquán [Bù] is the name of the ministry");
  free(s);
  static const char *const lines[] = {"No. Name\n1 Kang Sheng\n2 Li Kenong"};
  s = S_snippet(lines, 1, 0, "kang", 30);
  assert_string_equal(s, "No. Name / 1 [Kang] Sheng / 2 Li Kenong");
  free(s);
  s = S_snippet(lines, 1, 0, "name 1 kang li", 30);
  assert_string_equal(s, "No. [Name] / [1 Kang] Sheng / 2 [Li] Kenong");
  free(s);
}

static void test_snippet_cut(void **state) {
  (void)state;
  static const char *const docs[] = {
      "one two three four five six seven eight nine ten eleven twelve "
      "thirteen fourteen fifteen zebra sixteen seventeen eighteen nineteen "
      "twenty twenty-one twenty-two twenty-three twenty-four twenty-five",
      "Luo's return to China; zebra's stripes"};
  char *s = S_snippet(docs, 2, 0, "zebra", 6);
  /* some words before the match, "…" where cut on either side */
  assert_non_null(strstr(s, "[zebra]"));
  assert_true(strncmp(s, "\xE2\x80\xA6", 3) == 0);
  assert_true(strcmp(s + strlen(s) - 3, "\xE2\x80\xA6") == 0);
  free(s);
  /* whole words: the snippet never starts inside "Luo's" */
  s = S_snippet(docs, 2, 1, "return", 4);
  assert_string_equal(s, "Luo's [return] to China;\xE2\x80\xA6");
  free(s);
  /* the window holding most of the distinct words wins */
  s = S_snippet(docs, 2, 0, "three zebra sixteen", 4);
  assert_non_null(strstr(s, "[zebra sixteen]")); /* one run */
  free(s);
}

/* The query parser: groups ANDed, "phrases", -exclusions, OR, AND ignored,
 * words folded and stemmed, CJK runs glued, repeats once. */
static void test_parse(void **state) {
  (void)state;
  static const char *const text[] = {"nothing"};
  static const char *const cases[][2] = {
      {"spies spy", "spi"},
      {"Spies -Kang", "spi -kang"},
      {"\"New York Times\" reuters", "new_york_time reuter"},
      {"kang OR zhou sheng", "kang | zhou sheng"},
      {"a AND b", "a b"},
      {"OR a OR", "a"},
      {"-\"dianne feinstein's\" x", "-diann_feinstein x"},
      {"Dianne Feinstein's", "diann feinstein"},
      {"cyber-espionage", "cyber_espionag"},
      {"国家安全部", "国+家+安+全+部"},
      {"MSS国家", "mss_国+家"},
      {"\"国家 安全\"", "国+家_安+全"},
      {"Guójiā", "guojia"},
      {"- -- \"\" !!", ""},
      {"\"unclosed phrase", "unclos_phrase"},
      {"-a OR b", "-a b"},
  };
  search_index *ix = search_index_new(text, 1);
  for (size_t i = 0; i < N(cases); i++) {
    search_query *q = search_query_new(ix, cases[i][0]);
    char *d = search_query_describe(q);
    assert_string_equal(d, cases[i][1]);
    free(d);
    search_query_free(q);
  }
  search_query *q = search_query_new(ix, "-a -b");
  assert_int_equal(search_query_words(q), 0); /* exclusions alone */
  search_query_free(q);
  search_index_free(ix);
}

/* The set of documents matching query, in document order, as "0,2". */
static char *S_set(const char *const *docs, size_t n, const char *query) {
  size_t order[16];
  size_t got = S_rank(docs, n, query, order, 16, NULL);
  int in[16] = {0};
  for (size_t i = 0; i < got && i < 16; i++)
    in[order[i]] = 1;
  buf b = {0};
  for (size_t d = 0; d < n && d < 16; d++)
    if (in[d])
      buf_printf(&b, b.len ? ",%zu" : "%zu", d);
  return b.data ? buf_take(&b) : xstrdup("");
}

static void test_semantics(void **state) {
  (void)state;
  static const char *const docs[] = {
      "The New York Times reported it.",             /* 0 */
      "New times in York, and a new report.",        /* 1 */
      "Dianne Feinstein's driver was a spy.",        /* 2 */
      "Senator Dianne Feinstein who spies",          /* 3 */
      "中华人民共和国国家安全部",                    /* 4 */
      "国家 and 安全 and 部",                        /* 5 */
      "Kang Sheng and Zhou Enlai",                   /* 6 */
      "Zhou alone",                                  /* 7 */
      "he was dying; they lied",                     /* 8 */
  };
  static const char *const cases[][2] = {
      {"new york times", "0,1"},   /* every word */
      {"\"new york times\"", "0"}, /* in order, side by side */
      {"spies", "2,3"},            /* stems: spy, spies */
      {"spy -senator", "2"},
      {"kang OR zhou", "6,7"},
      {"zhou -kang", "7"},
      {"\"dianne feinstein's\"", "2,3"},
      {"feinstein s", ""}, /* no stray word s */
      {"国家安全部", "4"}, /* a substring, not shared characters */
      {"安全", "4,5"},
      {"国部", ""},
      {"xyzzy", ""},
      {"new -\"york times\"", "1"},
      {"die", "8"}, /* Snowball: dying -> die, its second letter changed */
      {"lie", "8"},
      {"spying", "2,3"},
  };
  for (size_t i = 0; i < N(cases); i++) {
    char *got = S_set(docs, N(docs), cases[i][0]);
    if (strcmp(got, cases[i][1]) != 0)
      fail_msg("query %s: got {%s}, want {%s}", cases[i][0], got, cases[i][1]);
    free(got);
  }
}

/* A phrase, or all words in one sentence, ranks above scattered words,
 * whatever BM25 says. */
static void test_proximity(void **state) {
  (void)state;
  static const char *const docs[] = {
      "Kang kang kang kang worked. Later, Sheng came.", /* 0 */
      "Kang and Sheng met once in Yan'an.",                        /* 1 */
      "It was Kang Sheng.",                                        /* 2 */
      "filler",
      "more filler"};
  search_index *ix = search_index_new(docs, N(docs));
  search_query *q = search_query_new(ix, "kang sheng");
  search_hit *hits;
  size_t n = search_run(ix, q, &hits);
  assert_int_equal(n, 3);
  assert_int_equal(hits[0].doc, 2);
  assert_int_equal(hits[0].proximity, SEARCH_PHRASE);
  assert_int_equal(hits[1].doc, 1);
  assert_int_equal(hits[1].proximity, SEARCH_SENTENCE);
  assert_int_equal(hits[2].doc, 0);
  assert_int_equal(hits[2].proximity, SEARCH_SCATTERED);
  assert_true(hits[2].score > hits[1].score); /* BM25 alone would win */
  /* highlighted runs: the words, as byte offsets of the text */
  size_t *sp, nr = search_matches(ix, q, 2, &sp);
  assert_int_equal(nr, 1);
  assert_int_equal(sp[0], 7);
  assert_int_equal(sp[1], 17);
  free(sp);
  free(hits);
  search_query_free(q);
  /* a phrase highlights its words only where they stand together */
  static const char *const two[] = {"new and the New York Times"};
  search_index *ix2 = search_index_new(two, 1);
  q = search_query_new(ix2, "\"new york times\"");
  nr = search_matches(ix2, q, 0, &sp);
  assert_int_equal(nr, 1);
  assert_int_equal(sp[0], 12);
  assert_int_equal(sp[1], 26);
  free(sp);
  search_query_free(q);
  search_index_free(ix2);
  search_index_free(ix);
}

/* A Hangul syllable folds into two or three jamo, each a word of its own:
 * words inside one original character give one highlighted run, not
 * overlapping ones (found by tests/fuzz/fuzz_search.c). */
static void test_runs_inside_one_character(void **state) {
  (void)state;
  static const char *const docs[] = {"\xeb\x86\x9b"
                                     "1 and \xed\x95\x9c",
                                     "filler"};
  search_index *ix = search_index_new(docs, N(docs));
  search_query *q = search_query_new(ix, "\xeb\x86\x9b"
                                         "1");
  search_hit *hits;
  assert_int_equal(search_run(ix, q, &hits), 1);
  size_t *sp, nr = search_matches(ix, q, 0, &sp);
  assert_int_equal(nr, 1); /* the syllable and the digit after it */
  assert_int_equal(sp[0], 0);
  assert_int_equal(sp[1], 4);
  free(sp);
  free(hits);
  search_query_free(q);
  search_index_free(ix);
}

/* search.c calls Snowball's English module directly (not through
 * sb_stemmer_new, which links every language): every stem must be the
 * public API's. */
static void test_stem_is_snowball(void **state) {
  (void)state;
  static const char *const words[] = {
      "spies", "spy", "spying", "spied", "dying", "lying", "ability",
      "generously", "happily", "feinstein", "reuters", "guoanbu",
      "counterintelligence", "espionage", "ministry", "ministries",
      "organizations", "organisation", "hackers", "hacking", "times",
      "news", "skies", "early", "only", "communist", "communism",
      "relational", "possibly", "a", "is", "as", "yes", "sky", "xyzzy",
      "bureaus", "bureau", "headquartered", "intelligence", "ied"};
  struct sb_stemmer *st = sb_stemmer_new("english", NULL);
  assert_non_null(st);
  for (size_t i = 0; i < N(words); i++) {
    const sb_symbol *r =
        sb_stemmer_stem(st, (const sb_symbol *)words[i], (int)strlen(words[i]));
    assert_non_null(r);
    char *mine = search_stem(words[i]);
    assert_non_null(mine);
    assert_int_equal(strlen(mine), (size_t)sb_stemmer_length(st));
    assert_memory_equal(mine, r, strlen(mine));
    free(mine);
  }
  sb_stemmer_delete(st);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_words),
      cmocka_unit_test(test_rare_word_first),
      cmocka_unit_test(test_term_frequency),
      cmocka_unit_test(test_diacritics),
      cmocka_unit_test(test_empty_query),
      cmocka_unit_test(test_no_hits),
      cmocka_unit_test(test_prefix_fallback),
      cmocka_unit_test(test_snippet),
      cmocka_unit_test(test_snippet_cut),
      cmocka_unit_test(test_parse),
      cmocka_unit_test(test_semantics),
      cmocka_unit_test(test_proximity),
      cmocka_unit_test(test_runs_inside_one_character),
      cmocka_unit_test(test_stem_is_snowball),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
