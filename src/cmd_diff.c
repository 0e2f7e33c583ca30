/* cmd_diff.c: `mssdoc diff OLD NEW`: what changed between two revisions,
 * in the records' terms (diff.h): a summary line per group, then each
 * group's changes, a changed field as a word diff.  Exit 0 when nothing
 * changed, 1 when something did, as diff(1). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diff.h"
#include "export_json.h"
#include "view_marks.h"
#include "width.h"
#include "worddiff.h"

static const char *const S_formats[] = {"text", "markdown", "html", "json",
                                        NULL};
#define S_USAGE "usage: mssdoc diff OLD NEW [--stat] [--kind KINDS]"

/* Words of unchanged text kept on each side of a change in a word diff;
 * a longer unchanged run is cut to these with "…" between. */
#define CONTEXT_WORDS 8
/* The most records the summary names for one kind of change. */
#define SUMMARY_NAMES 3

#define N_OPS 5

typedef struct {
  const mssdoc_records *a, *b;
  const diff_change *items;
  size_t count;
} S_diff;

/* ---- the changes' parts ---- */

/* Field f of rec as a reader sees it: a section id as its title (in rs),
 * else its cell; NULL when empty.  The caller frees it. */
static char *S_value(const mssdoc_field *f, const void *rec,
                     const mssdoc_records *rs) {
  char *cell = mssdoc_field_cell(f, rec);
  if (cell && (f->flags & MSSDOC_SECREF)) {
    const mssdoc_section *s = mssdoc_records_section(rs, cell);
    if (s && s->title) {
      free(cell);
      cell = xstrdup(s->title);
    }
  }
  if (cell && !*cell) {
    free(cell);
    cell = NULL;
  }
  return cell;
}

/* The first or last n words of text[start, start + len), as an offset
 * into text and a length. */
static void S_words(const char *text, size_t start, size_t len, size_t n,
                    int from_end, size_t *o_start, size_t *o_len) {
  size_t end = start + len, seen = 0;
  if (!from_end) {
    size_t i = start;
    while (i < end && seen < n) {
      while (i < end && text[i] != ' ')
        i++;
      seen++;
      while (seen < n && i < end && text[i] == ' ')
        i++;
    }
    *o_start = start;
    *o_len = i - start;
  } else {
    size_t i = end;
    while (i > start && seen < n) {
      while (i > start && text[i - 1] != ' ')
        i--;
      seen++;
      while (seen < n && i > start && text[i - 1] == ' ')
        i--;
    }
    *o_start = i;
    *o_len = end - i;
  }
}

/* Counts the words of text[start, start + len). */
static size_t S_count_words(const char *text, size_t start, size_t len) {
  size_t n = 0;
  for (size_t i = start; i < start + len; i++)
    n += text[i] != ' ' && (i == start || text[i - 1] == ' ');
  return n;
}

/* Appends s[start, start + len) as literal text to inl. */
static void S_put(cmark_node *inl, const char *s, size_t start, size_t len,
                  int kind) {
  char *t = xstrndup(s + start, len);
  if (kind == WORDDIFF_DEL)
    view_deleted(inl, t);
  else if (kind == WORDDIFF_INS)
    view_inserted(inl, t);
  else
    view_text(inl, t);
  free(t);
}

/* Appends the word diff of old to new (either NULL) to inl, an unchanged
 * run longer than twice CONTEXT_WORDS cut to its ends. */
static void S_word_diff(cmark_node *inl, const char *old, const char *new) {
  char *x = width_clean(old ? old : "", strlen(old ? old : ""), 1);
  char *y = width_clean(new ? new : "", strlen(new ? new : ""), 1);
  worddiff_runs r = worddiff(x, y);
  for (size_t i = 0; i < r.count; i++) {
    const worddiff_run *run = &r.items[i];
    if (i)
      view_text(inl, " ");
    if (run->kind != WORDDIFF_SAME) {
      S_put(inl, run->kind == WORDDIFF_INS ? y : x, run->start, run->len,
            run->kind);
      continue;
    }
    int first = i == 0, last = i + 1 == r.count;
    size_t words = S_count_words(x, run->start, run->len);
    size_t keep = (first ? 0 : CONTEXT_WORDS) + (last ? 0 : CONTEXT_WORDS);
    if (words <= keep + 1) {
      S_put(inl, x, run->start, run->len, WORDDIFF_SAME);
      continue;
    }
    size_t s0, l0;
    if (!first) {
      S_words(x, run->start, run->len, CONTEXT_WORDS, 0, &s0, &l0);
      S_put(inl, x, s0, l0, WORDDIFF_SAME);
      view_text(inl, " ");
    }
    view_text(inl, "\xE2\x80\xA6"); /* … */
    if (!last) {
      S_words(x, run->start, run->len, CONTEXT_WORDS, 1, &s0, &l0);
      view_text(inl, " ");
      S_put(inl, x, s0, l0, WORDDIFF_SAME);
    }
  }
  free(r.items);
  free(x);
  free(y);
}

/* The number of rec (its MSSDOC_ORDINAL field, an int), or 0. */
static long S_ordinal(const mssdoc_rtype *t, const void *rec) {
  for (size_t f = 0; f < t->nfields; f++)
    if ((t->fields[f].flags & MSSDOC_ORDINAL) &&
        t->fields[f].type == MSSDOC_INT)
      return *(const int *)mssdoc_field_ptr(&t->fields[f], rec);
  return 0;
}

/* ---- the summary ---- */

/* Whether the records of t have a section (a field MSSDOC_SECREF named
 * "section"): the summary then counts them per section. */
static const mssdoc_field *S_section_field(const mssdoc_rtype *t) {
  const mssdoc_field *f = mssdoc_field_find(t, "section");
  return f && (f->flags & MSSDOC_SECREF) ? f : NULL;
}

/* The title of the section change c's record is in (the new side's, for
 * a removed record the old one's); the caller frees it. */
static char *S_section_of(const S_diff *d, const diff_change *c,
                          const mssdoc_field *f) {
  char *v = c->after ? S_value(f, c->after, d->b) : S_value(f, c->before, d->a);
  return v ? v : xstrdup("(no section)");
}

/* Appends "(N in 'A', M in 'B')" or " in 'A'" for the changes of op in
 * items[from, to), counted per section. */
static void S_per_section(buf *b, const S_diff *d, size_t from, size_t to,
                          diff_op op, const mssdoc_field *f) {
  char **titles = NULL;
  size_t *counts = NULL, n = 0, cap = 0;
  for (size_t k = from; k < to; k++) {
    if (d->items[k].op != op)
      continue;
    char *title = S_section_of(d, &d->items[k], f);
    size_t i = 0;
    while (i < n && strcmp(titles[i], title) != 0)
      i++;
    if (i == n) {
      size_t c2 = cap;
      list_grow((void **)&titles, &cap, n, sizeof *titles);
      list_grow((void **)&counts, &c2, n, sizeof *counts);
      titles[n] = title;
      counts[n++] = 0;
    } else {
      free(title);
    }
    counts[i]++;
  }
  const char *in = op == DIFF_MOVED ? "to" : op == DIFF_REMOVED ? "from" : "in";
  if (n == 1)
    buf_printf(b, " %s '%s'", in, titles[0]);
  for (size_t i = 0; n > 1 && i < n; i++)
    buf_printf(b, "%s%zu %s '%s'%s", i ? ", " : " (", counts[i], in, titles[i],
               i + 1 == n ? ")" : "");
  for (size_t i = 0; i < n; i++)
    free(titles[i]);
  free(titles);
  free(counts);
}

/* Appends " (A, B, C, …)": the names of the first SUMMARY_NAMES changes
 * of op in items[from, to), if the group names its records. */
static void S_names(buf *b, const S_diff *d, size_t from, size_t to,
                    diff_op op) {
  size_t shown = 0, more = 0;
  for (size_t k = from; k < to; k++) {
    if (d->items[k].op != op)
      continue;
    if (shown == SUMMARY_NAMES) {
      more = 1;
      break;
    }
    char *name = diff_name(&d->items[k], d->a, d->b);
    if (!name)
      return;
    buf_printf(b, "%s%s", shown ? ", " : " (", name);
    free(name);
    shown++;
  }
  if (shown)
    buf_puts(b, more ? ", \xE2\x80\xA6)" : ")");
}

/* The summary of one group's changes items[from, to): "2 office holders
 * added (Chen Yixin, Wang Xiaohong), 1 removed (…)".  Caller frees. */
static char *S_summary(const S_diff *d, size_t from, size_t to) {
  const mssdoc_rtype *t = d->items[from].type;
  const mssdoc_field *sec = S_section_field(t);
  buf b = {0};
  for (int op = 0; op < N_OPS; op++) {
    size_t n = 0;
    for (size_t k = from; k < to; k++)
      n += d->items[k].op == (diff_op)op;
    if (!n)
      continue;
    if (!b.len)
      buf_printf(&b, "%zu %s %s", n, diff_noun(t, n != 1),
                 diff_op_name((diff_op)op));
    else
      buf_printf(&b, ", %zu %s", n, diff_op_name((diff_op)op));
    if (op == DIFF_RENUMBERED)
      continue;
    if (sec)
      S_per_section(&b, d, from, to, (diff_op)op, sec);
    else
      S_names(&b, d, from, to, (diff_op)op);
  }
  return buf_take(&b);
}

/* ---- the details ---- */

/* Appends the item "Op key" to list, and returns the item's paragraph. */
static cmark_node *S_item(cmark_node *list, const S_diff *d,
                          const diff_change *c) {
  cmark_node *p = view_item(list, "");
  const char *op = diff_op_name(c->op);
  char *cap = xasprintf("%c%s", op[0] - 'a' + 'A', op + 1);
  view_strong(p, cap);
  free(cap);
  char *key = diff_key(c, d->a, d->b);
  view_text(p, " ");
  view_text(p, key);
  free(key);
  return p;
}

/* Appends each field of an added or removed record as "field: value". */
static void S_record_fields(cmark_node *item, const S_diff *d,
                            const diff_change *c) {
  const void *rec = c->after ? c->after : c->before;
  const mssdoc_records *rs = c->after ? d->b : d->a;
  cmark_node *list = NULL;
  for (size_t f = 0; f < c->type->nfields; f++) {
    const mssdoc_field *fd = &c->type->fields[f];
    if (fd->flags & (MSSDOC_PLACE | MSSDOC_HIDDEN))
      continue;
    char *v = S_value(fd, rec, rs);
    if (!v || (fd->type == MSSDOC_INT && strcmp(v, "0") == 0) ||
        (fd->type == MSSDOC_BOOL && strcmp(v, "false") == 0)) {
      free(v);
      continue;
    }
    if (!list)
      list = view_list(item, 0);
    cmark_node *p = view_item(list, fd->name);
    view_text(p, ": ");
    if (c->after)
      view_inserted(p, v);
    else
      view_deleted(p, v);
    free(v);
  }
}

/* Appends each field that differs in a changed or moved pair as
 * "field: word diff". */
static void S_changed_fields(cmark_node *item, const S_diff *d,
                             const diff_change *c) {
  cmark_node *list = NULL;
  for (size_t f = 0; f < c->type->nfields; f++) {
    if (!(c->fields & ((uint64_t)1 << f)))
      continue;
    const mssdoc_field *fd = &c->type->fields[f];
    char *x = S_value(fd, c->before, d->a), *y = S_value(fd, c->after, d->b);
    if (!list)
      list = view_list(item, 0);
    cmark_node *p = view_item(list, fd->name);
    view_text(p, ": ");
    if ((fd->flags & MSSDOC_SECREF) && x && y) { /* a section: its titles */
      view_deleted(p, x);
      view_text(p, " ");
      view_inserted(p, y);
    } else {
      S_word_diff(p, x, y);
    }
    free(x);
    free(y);
  }
}

/* Appends one group's changes items[from, to) to list: the renumbered
 * ones in one item at the end. */
static void S_group_details(cmark_node *list, const S_diff *d, size_t from,
                            size_t to) {
  buf renum = {0};
  size_t nrenum = 0;
  long run_x = 0, run_y = 0, run_n = 0; /* x..x+n-1 became y..y+n-1 */
  for (size_t k = from; k <= to; k++) {
    const diff_change *c = k < to ? &d->items[k] : NULL;
    long x = 0, y = 0;
    if (c && c->op == DIFF_RENUMBERED) {
      x = S_ordinal(c->type, c->before);
      y = S_ordinal(c->type, c->after);
      if (run_n && x == run_x + run_n && y == run_y + run_n) {
        run_n++;
        continue;
      }
    }
    if (run_n && (!c || c->op == DIFF_RENUMBERED)) { /* a run ends */
      buf_puts(&renum, nrenum++ ? ", " : "");
      if (run_n == 1)
        buf_printf(&renum, "%ld \xE2\x86\x92 %ld", run_x, run_y);
      else /* "41–82 → 42–83" */
        buf_printf(&renum, "%ld\xE2\x80\x93%ld \xE2\x86\x92 %ld\xE2\x80\x93%ld",
                   run_x, run_x + run_n - 1, run_y, run_y + run_n - 1);
      run_n = 0;
    }
    if (!c)
      break;
    if (c->op == DIFF_RENUMBERED) {
      run_x = x;
      run_y = y;
      run_n = 1;
      continue;
    }
    cmark_node *p = S_item(list, d, c);
    cmark_node *item = cmark_node_parent(p);
    if (c->op == DIFF_ADDED || c->op == DIFF_REMOVED)
      S_record_fields(item, d, c);
    else if (c->fields)
      S_changed_fields(item, d, c);
    else
      view_text(p, " (to another place in the article's order)");
  }
  if (nrenum) {
    cmark_node *p = view_item(list, "");
    view_strong(p, "Renumbered");
    view_text(p, ", otherwise unchanged: ");
    view_text(p, renum.data);
  }
  buf_free(&renum);
}

/* Appends "Old: its revision line" as a paragraph. */
static void S_side(cmark_node *doc, const char *which,
                   const mssdoc_records *rs) {
  char *line = mssdoc_revision_line(rs);
  char *text = xasprintf("%s: %s", which, line);
  view_emph(view_paragraph(doc, NULL), text);
  free(text);
  free(line);
}

/* The changes as a view: sides, summary, then (unless stat) each group's
 * changes, collapsible in html. */
static cmark_node *S_view(const S_diff *d, int stat, int html) {
  cmark_node *doc = view_new();
  view_heading(doc, 1, "Changes");
  S_side(doc, "Old", d->a);
  S_side(doc, "New", d->b);
  if (!d->count) {
    view_paragraph(doc, "No changes.");
    return doc;
  }
  view_heading(doc, 2, "Summary");
  cmark_node *sum = view_list(doc, 0);
  for (size_t from = 0, to; from < d->count; from = to) {
    for (to = from; to < d->count && d->items[to].type == d->items[from].type;)
      to++;
    char *line = S_summary(d, from, to);
    view_item(sum, line);
    free(line);
  }
  for (size_t from = 0, to; !stat && from < d->count; from = to) {
    for (to = from; to < d->count && d->items[to].type == d->items[from].type;)
      to++;
    const char *nouns = diff_noun(d->items[from].type, 1);
    char *title = xasprintf(
        "%c%s",
        nouns[0] >= 'a' && nouns[0] <= 'z' ? nouns[0] - 'a' + 'A' : nouns[0],
        nouns + 1);
    view_heading(doc, 2, title);
    free(title);
    if (html) {
      char *open = xasprintf("<details open>\n<summary>%zu change%s</summary>",
                             to - from, to - from == 1 ? "" : "s");
      view_html_block(doc, open);
      free(open);
    }
    S_group_details(view_list(doc, 0), d, from, to);
    if (html)
      view_html_block(doc, "</details>");
  }
  return doc;
}

/* ---- json ---- */

static json_t *S_json_changes(const S_diff *d) {
  json_t *arr = json_array();
  for (size_t k = 0; k < d->count; k++) {
    const diff_change *c = &d->items[k];
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string(c->type->group));
    json_object_set_new(o, "op", json_string(diff_op_name(c->op)));
    char *key = diff_key(c, d->a, d->b);
    json_object_set_new(o, "key", json_string(key));
    free(key);
    json_object_set_new(o, "before",
                        c->before ? export_json_record(c->type, c->before)
                                  : json_null());
    json_object_set_new(o, "after",
                        c->after ? export_json_record(c->type, c->after)
                                 : json_null());
    json_t *fields = json_array();
    for (size_t f = 0; f < c->type->nfields; f++)
      if (c->fields & ((uint64_t)1 << f))
        json_array_append_new(fields, json_string(c->type->fields[f].name));
    json_object_set_new(o, "fields", fields);
    json_array_append_new(arr, o);
  }
  return arr;
}

/* --stat -f json: per group, how many of each change. */
static json_t *S_json_stat(const S_diff *d) {
  json_t *arr = json_array();
  for (size_t from = 0, to; from < d->count; from = to) {
    for (to = from; to < d->count && d->items[to].type == d->items[from].type;)
      to++;
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string(d->items[from].type->group));
    for (int op = 0; op < N_OPS; op++) {
      size_t n = 0;
      for (size_t k = from; k < to; k++)
        n += d->items[k].op == (diff_op)op;
      json_object_set_new(o, diff_op_name((diff_op)op),
                          json_integer((json_int_t)n));
    }
    json_array_append_new(arr, o);
  }
  return arr;
}

/* ---- the command ---- */

/* Sets keep[g] for each group named in the comma-separated list kinds;
 * returns 0 after a usage error naming the groups. */
static int S_kinds(const char *kinds, int *keep, cmd_result *res) {
  size_t ng;
  const mssdoc_rtype *const *groups = diff_groups(&ng);
  for (const char *p = kinds;;) {
    size_t len = strcspn(p, ",");
    size_t g = 0;
    while (g < ng && !(strlen(groups[g]->group) == len &&
                       strncmp(groups[g]->group, p, len) == 0))
      g++;
    if (g == ng) {
      buf names = {0};
      for (size_t i = 0; i < ng; i++)
        buf_printf(&names, "%s%s", i ? ", " : "", groups[i]->group);
      char *bad = xstrndup(p, len);
      cmd_fail(res, "diff: unknown kind '%s'; kinds: %s", width_arg(bad),
               names.data);
      free(bad);
      buf_free(&names);
      return 0;
    }
    keep[g] = 1;
    if (!p[len])
      return 1;
    p += len + 1;
  }
}

int cmd_diff_records(const cli_opts *o, cmd_result *res, const char *format,
                     const mssdoc_records *a, const mssdoc_records *b, int stat,
                     const int *keep) {
  size_t ng;
  const mssdoc_rtype *const *groups = diff_groups(&ng);
  diff_changes all = diff_records(a, b);
  size_t n = 0; /* the changes of the kinds asked for, in place */
  for (size_t k = 0; k < all.count; k++) {
    size_t g = 0;
    while (g < ng && groups[g] != all.items[k].type)
      g++;
    if (!keep || (g < ng && keep[g]))
      all.items[n++] = all.items[k];
  }
  S_diff d = {a, b, all.items, n};
  if (strcmp(format, "json") == 0) {
    cmd_emit_json(stat ? S_json_stat(&d) : S_json_changes(&d), res);
  } else if (n || strcmp(format, "html") == 0) {
    /* text and markdown say nothing when nothing changed, as diff(1) */
    const char *title = b->article.title;
    char *page = title ? xasprintf("Changes \xE2\x80\x94 %s", title)
                       : xstrdup("Changes");
    cmd_emit_view(o, res, format, NULL,
                  S_view(&d, stat, strcmp(format, "html") == 0), page);
    free(page);
  }
  free(all.items);
  return n ? 1 : 0;
}

int cmd_diff(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  char *paths[2];
  int npaths = 0, stat = 0;
  size_t ng;
  diff_groups(&ng);
  int *keep = xcalloc(ng, sizeof *keep), any_kind = 0, rc = 2;
  mssdoc_records *sides[2] = {NULL, NULL};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--stat") == 0) {
      stat = 1;
    } else if (strcmp(a, "--kind") == 0 || strncmp(a, "--kind=", 7) == 0) {
      const char *v = a[6] == '=' ? a + 7 : i + 1 < argc ? argv[++i] : NULL;
      if (!v) {
        cmd_fail(res, "diff: --kind needs a value; " S_USAGE);
        goto done;
      }
      if (!S_kinds(v, keep, res))
        goto done;
      any_kind = 1;
    } else if (a[0] == '-' && a[1] && strcmp(a, "--") != 0) {
      cmd_fail(res, "diff: unknown option %s; " S_USAGE, width_arg(a));
      goto done;
    } else if (strcmp(a, "--") == 0) {
      continue;
    } else if (npaths == 2) {
      cmd_fail(res, "diff takes two revisions; " S_USAGE);
      goto done;
    } else {
      paths[npaths++] = argv[i];
    }
  }
  if (npaths != 2) {
    cmd_fail(res, "diff takes two revisions; " S_USAGE);
    goto done;
  }
  const char *format = cmd_format(o, res, "diff", "text", S_formats);
  if (!format)
    goto done;
  for (int s = 0; s < 2; s++) {
    char *err = NULL;
    if (!(sides[s] = mssdoc_load(paths[s], &err))) {
      cmd_fail(res, "%s", err ? err : "cannot load the record set");
      free(err);
      goto done;
    }
  }
  rc = cmd_diff_records(o, res, format, sides[0], sides[1], stat,
                        any_kind ? keep : NULL);
done:
  mssdoc_records_free(sides[0]);
  mssdoc_records_free(sides[1]);
  free(keep);
  return rc;
}
