/*
 * cmd_who.c: `mssdoc who NAME`: one person of the agency-heads tables
 * (people.h decides who is a person and whom NAME means): the offices
 * held, each with its term, predecessor and successor (the rows numbered
 * one less and one more in the same table), then every paragraph that
 * mentions the person by full name, as the sentences that do with the
 * name in bold.  Nobody matching is exit 1; several people matching is a
 * usage error that lists them.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "dates.h"
#include "humandate.h"
#include "people.h"
#include "toc.h"
#include "width.h"

/* One paragraph that mentions the person. */
typedef struct {
  const mssdoc_paragraph *para;
  size_t (*spans)[2]; /* mentions, byte offsets into para->text */
  size_t nspans;
} S_mention;

/* Adds to the k spans of p's mentions those of the words p shows for each
 * of its links to an article whose title names name ("Ardern", linked to
 * Jacinda Ardern). Returns the new count; spans sorted, none overlapping. */
static size_t S_linked(const mssdoc_paragraph *p, const char *name,
                       size_t (**spans)[2], size_t k) {
  for (size_t i = 0; i < p->link_targets.count && i < p->link_texts.count;
       i++) {
    size_t(*t)[2];
    size_t hit = people_mentions(p->link_targets.items[i], name, &t);
    free(t);
    if (!hit)
      continue;
    size_t(*more)[2];
    size_t nm = people_mentions(p->text, p->link_texts.items[i], &more);
    if (nm) {
      *spans = xrealloc(*spans, (k + nm) * sizeof **spans);
      memcpy(*spans + k, more, nm * sizeof *more);
      k += nm;
    }
    free(more);
  }
  return people_spans_sort(*spans, k);
}

/* Collects the paragraphs (but table rows) that mention name, by name or
 * by a link to the article on them. */
static S_mention *S_mentions(const mssdoc_records *rs, const char *name,
                             size_t *count) {
  S_mention *m = NULL;
  size_t n = 0;
  for (size_t i = 0; i < rs->paragraphs.count; i++) {
    const mssdoc_paragraph *p = &rs->paragraphs.items[i];
    if (p->kind && strcmp(p->kind, "table") == 0)
      continue;
    size_t(*spans)[2];
    size_t k = people_mentions(p->text, name, &spans);
    if (p->link_targets.count)
      k = S_linked(p, name, &spans, k);
    if (!k) {
      free(spans);
      continue;
    }
    m = xrealloc(m, (n + 1) * sizeof *m);
    m[n].para = p;
    m[n].spans = spans;
    m[n].nspans = k;
    n++;
  }
  *count = n;
  return m;
}

/* The name as the article spells it: the first mention that is the name
 * itself, else the title of the article a mention links to (malloc'd). */
static char *S_spelled(const S_mention *m, size_t nm, const char *name) {
  for (size_t i = 0; i < nm; i++)
    for (size_t k = 0; k < m[i].nspans; k++) {
      char *said = xstrndup(m[i].para->text + m[i].spans[k][0],
                            m[i].spans[k][1] - m[i].spans[k][0]);
      size_t(*t)[2];
      size_t hit = people_mentions(said, name, &t);
      free(t);
      if (hit)
        return said;
      free(said);
    }
  for (size_t i = 0; i < nm; i++) {
    const mssdoc_paragraph *p = m[i].para;
    for (size_t k = 0; k < p->link_targets.count; k++) {
      size_t(*t)[2];
      size_t hit = people_mentions(p->link_targets.items[k], name, &t);
      free(t);
      if (hit)
        return xstrdup(p->link_targets.items[k]);
    }
  }
  return xstrdup(name);
}

static void S_mentions_free(S_mention *m, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(m[i].spans);
  free(m);
}

/* Walks the sentences of a mention that hold the name: calls emit(arg,
 * text, len, strong) for each run of text in order, with " … " between
 * sentences that are not next to each other. */
typedef void (*S_emit)(void *arg, const char *s, size_t len, int strong);

static void S_snippet(const S_mention *m, S_emit emit, void *arg) {
  const char *text = m->para->text;
  size_t(*sent)[2];
  size_t ns = sentences_split(text, &sent), prev = (size_t)-1;
  size_t k = 0; /* the first mention not wholly before this sentence */
  for (size_t s = 0; s < ns; s++) {
    size_t a = sent[s][0], z = sent[s][1];
    while (k < m->nspans && m->spans[k][1] <= a)
      k++;
    if (k >= m->nspans || m->spans[k][0] >= z)
      continue;
    if (prev == (size_t)-1 && s > 0)
      emit(arg, "\xE2\x80\xA6 ", 4, 0);
    else if (prev != (size_t)-1)
      emit(arg, s == prev + 1 ? " " : " \xE2\x80\xA6 ", s == prev + 1 ? 1 : 5,
           0);
    size_t at = a;
    for (size_t j = k; j < m->nspans && m->spans[j][0] < z; j++) {
      size_t b = m->spans[j][0] < at ? at : m->spans[j][0];
      size_t e = m->spans[j][1] > z ? z : m->spans[j][1];
      if (b > at)
        emit(arg, text + at, b - at, 0);
      emit(arg, text + b, e - b, 1);
      at = e;
    }
    if (z > at)
      emit(arg, text + at, z - at, 0);
    prev = s;
  }
  if (prev != (size_t)-1 && prev + 1 < ns)
    emit(arg, " \xE2\x80\xA6", 4, 0);
  free(sent);
}

/* S_emit into a cmark paragraph. */
static void S_emit_node(void *arg, const char *s, size_t len, int strong) {
  char *t = xstrndup(s, len);
  if (strong)
    view_strong(arg, t);
  else
    view_text(arg, t);
  free(t);
}

/* S_emit into a buf (plain text). */
static void S_emit_buf(void *arg, const char *s, size_t len, int strong) {
  (void)strong;
  buf_put(arg, s, len);
}

/* Returns the name of heads row k, or "—"; owned by rs. */
static const char *S_row_name(const mssdoc_records *rs, long k) {
  return k < 0 ? "\xE2\x80\x94" : rs->heads.items[k].name;
}

static void S_add_mentions(cmark_node *doc, const toc *tt, const char *name,
                           const S_mention *m, size_t nm);

static cmark_node *S_view(const mssdoc_records *rs, const toc *tt,
                          const person *pe, const S_mention *m, size_t nm) {
  cmark_node *doc = view_new();
  view_heading(doc, 1, pe->name);
  char *intro = xasprintf("%zu office%s in the agency-heads tables, %zu "
                          "paragraph%s naming %s, from the article \"%s\".",
                          pe->nrows, pe->nrows == 1 ? "" : "s", nm,
                          nm == 1 ? "" : "s", pe->name,
                          rs->article.title ? rs->article.title : "");
  view_paragraph(doc, intro);
  free(intro);
  view_heading(doc, 2, "Offices");
  static const char *const H[] = {"Office", "No.", "Term", "Predecessor",
                                  "Successor"};
  table *t = table_new(5, H);
  for (size_t i = 0; i < pe->nrows; i++) {
    size_t r = pe->rows[i];
    const mssdoc_head *h = &rs->heads.items[r];
    char *office = h->period && *h->period
                       ? xasprintf("%s %s", h->office, h->period)
                       : xstrdup(h->office ? h->office : "");
    char *num = xasprintf("%d", h->number), *term = people_term(h);
    const char *row[] = {office, num, term,
                         S_row_name(rs, people_neighbour(rs, r, -1)),
                         S_row_name(rs, people_neighbour(rs, r, +1))};
    table_add_row(t, row);
    free(office);
    free(num);
    free(term);
  }
  view_table(doc, t);
  size_t *notes = xmalloc((rs->heads.count + 1) * sizeof *notes);
  for (size_t i = 0; i < pe->nrows; i++) { /* vacancies after a term */
    size_t r = pe->rows[i], nn = people_notes_after(rs, r, notes);
    long next = people_neighbour(rs, r, +1);
    for (size_t k = 0; k < nn; k++) {
      const mssdoc_head *h = &rs->heads.items[notes[k]];
      char *term = people_term(h);
      char *line = xasprintf("Note between %s and %s (%s, line %d): %s",
                             pe->name, next >= 0 ? S_row_name(rs, next)
                                                 : "the table's end",
                             term, h->line, h->name);
      view_paragraph(doc, line);
      free(line);
      free(term);
    }
  }
  free(notes);
  view_heading(doc, 2, "Mentions");
  S_add_mentions(doc, tt, pe->name, m, nm);
  return doc;
}

/* Appends to doc a paragraph per mention, with its section, line and kind,
 * or a line saying no paragraph names name. */
static void S_add_mentions(cmark_node *doc, const toc *tt, const char *name,
                           const S_mention *m, size_t nm) {
  if (!nm) {
    char *none = xasprintf("No paragraph names %s in full.", name);
    view_paragraph(doc, none);
    free(none);
  }
  for (size_t i = 0; i < nm; i++) {
    const mssdoc_paragraph *p = m[i].para;
    cmark_node *para = view_paragraph(doc, NULL);
    char *where = xasprintf("%s, line %d%s:", toc_title(tt, p->section),
                            p->line,
                            p->kind && strcmp(p->kind, "body") != 0
                                ? (strcmp(p->kind, "caption") == 0
                                       ? " (caption)"
                                       : strcmp(p->kind, "quotation") == 0
                                             ? " (quotation)"
                                             : " (hatnote)")
                                : "");
    view_emph(para, where);
    view_text(para, " ");
    free(where);
    S_snippet(&m[i], S_emit_node, para);
  }
}

/* Returns the person and the paragraphs that mention them, as a JSON
 * object (the caller releases it). */
static json_t *S_mentions_json(const toc *tt, const S_mention *m, size_t nm);

static json_t *S_json(const mssdoc_records *rs, const toc *tt,
                      const person *pe, const S_mention *m, size_t nm) {
  json_t *o = people_json(rs, pe, 1);
  json_object_set_new(o, "paragraphs", S_mentions_json(tt, m, nm));
  return o;
}

/* Returns the JSON array of the mentions (the caller releases it). */
static json_t *S_mentions_json(const toc *tt, const S_mention *m, size_t nm) {
  json_t *a = json_array();
  for (size_t i = 0; i < nm; i++) {
    const mssdoc_paragraph *p = m[i].para;
    json_t *j = json_object();
    buf b = {0};
    S_snippet(&m[i], S_emit_buf, &b);
    json_object_set_new(j, "paragraph", json_string(p->id ? p->id : ""));
    json_object_set_new(j, "section", json_string(p->section ? p->section
                                                             : ""));
    json_object_set_new(j, "section_title",
                        json_string(toc_title(tt, p->section)));
    json_object_set_new(j, "line", json_integer(p->line));
    json_object_set_new(j, "kind", json_string(p->kind ? p->kind : ""));
    json_object_set_new(j, "mentions", json_integer((json_int_t)m[i].nspans));
    json_object_set_new(j, "snippet", json_string(b.data ? b.data : ""));
    json_array_append_new(a, j);
    buf_free(&b);
  }
  return a;
}

static const char *const FORMATS[] = {"text", "markdown", "html", "man",
                                      "json", NULL};

/* who NAME for someone outside the heads tables: the paragraphs and the
 * references' authors that name them.  Returns 0, or 1 (and says so) when
 * the article names them nowhere. */
static int S_elsewhere(const cli_opts *o, const char *format,
                       const mssdoc_records *rs, const char *name,
                       cmd_result *res) {
  size_t nm;
  S_mention *m = S_mentions(rs, name, &nm);
  size_t *refs = xmalloc((rs->references.count + 1) * sizeof *refs), nr = 0;
  size_t *who = xmalloc((rs->references.count + 1) * sizeof *who);
  for (size_t i = 0; i < rs->references.count; i++) {
    const mssdoc_reference *r = &rs->references.items[i];
    for (size_t k = 0; k < r->authors.count; k++) {
      const char *au = r->authors.items[k], *comma = strchr(au, ',');
      /* "Mattis, Peter" is also read as "Peter Mattis" */
      char *flip = comma ? xasprintf("%s %.*s", comma + 1 + (comma[1] == ' '),
                                     (int)(comma - au), au)
                         : xstrdup(au);
      size_t(*sp)[2];
      size_t hit = people_mentions(au, name, &sp);
      free(sp);
      if (!hit) {
        hit = people_mentions(flip, name, &sp);
        free(sp);
      }
      free(flip);
      if (hit) {
        refs[nr] = i;
        who[nr++] = k;
        break;
      }
    }
    if (!nr || refs[nr - 1] != i) { /* no author: its title or text? */
      size_t(*sp)[2];
      size_t hit = people_mentions(r->text ? r->text : "", name, &sp);
      free(sp);
      if (hit) {
        refs[nr] = i;
        who[nr++] = (size_t)-1;
      }
    }
  }
  int rc = 0;
  if (!nm && !nr) {
    buf_printf(&res->diag,
               "mssdoc: the article names no one called '%s' (not in the "
               "agency-heads tables, the text or the references); "
               "see mssdoc show people\n",
               width_arg(name));
    rc = 1;
  } else if (strcmp(format, "json") == 0) {
    toc *t = toc_build(rs);
    json_t *j = json_object(), *a = json_array();
    json_object_set_new(j, "name", json_string(name));
    json_object_set_new(j, "offices", json_array());
    json_object_set_new(j, "paragraphs", S_mentions_json(t, m, nm));
    for (size_t i = 0; i < nr; i++) {
      const mssdoc_reference *r = &rs->references.items[refs[i]];
      json_t *e = json_object();
      json_object_set_new(e, "reference", json_integer(r->number));
      json_object_set_new(e, "author",
                          who[i] == (size_t)-1
                              ? json_null()
                              : json_string(r->authors.items[who[i]]));
      json_object_set_new(e, "line", json_integer(r->line));
      json_array_append_new(a, e);
    }
    json_object_set_new(j, "references", a);
    cmd_emit_json(j, res);
    toc_free(t);
  } else {
    toc *t = toc_build(rs);
    cmark_node *doc = view_new();
    /* the title as the article spells the name, not as it was typed */
    char *title =
        nm ? S_spelled(m, nm, name)
           : xstrdup(who[0] == (size_t)-1
                         ? name
                         : rs->references.items[refs[0]].authors.items[who[0]]);
    view_heading(doc, 1, title);
    char *intro = xasprintf(
        "Not in the agency-heads tables; %zu paragraph%s and %zu "
        "reference%s name '%s', from the article \"%s\".",
        nm, nm == 1 ? "" : "s", nr, nr == 1 ? "" : "s", name,
        rs->article.title ? rs->article.title : "");
    view_paragraph(doc, intro);
    free(intro);
    view_heading(doc, 2, "Mentions");
    S_add_mentions(doc, t, name, m, nm);
    if (nr) {
      view_heading(doc, 2, "References");
      for (size_t i = 0; i < nr; i++) {
        const mssdoc_reference *r = &rs->references.items[refs[i]];
        char *line =
            who[i] == (size_t)-1
                ? xasprintf("Reference %d, line %d: %s", r->number, r->line,
                            r->text ? r->text : "")
                : xasprintf("Reference %d, line %d: author %s", r->number,
                            r->line, r->authors.items[who[i]]);
        view_paragraph(doc, line);
        free(line);
      }
    }
    cmd_emit_view(o, res, format, rs, doc, title);
    free(title);
    toc_free(t);
  }
  free(refs);
  free(who);
  S_mentions_free(m, nm);
  return rc;
}

/* who --at DATE: one line per heads row that held its office on DATE, and
 * the note rows (vacancies) standing then, marked as notes. */
static int S_who_at(const cli_opts *o, const char *date, cmd_result *res) {
  if (!people_date_valid(date))
    return cmd_fail(res, "--at needs a date YYYY, YYYY-MM or YYYY-MM-DD, "
                         "not '%s'", width_arg(date));
  const char *format = cmd_format(o, res, "who", "text", FORMATS);
  if (!format)
    return 2;
  mssdoc_records *rs = cmd_load(o, res);
  if (!rs)
    return 2;
  json_t *a = json_array();
  buf b = {0};
  /* markdown, html and man: the same lines as a list under a heading */
  cmark_node *doc = NULL, *list = NULL;
  if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
    doc = view_new();
    char *h = xasprintf("Office holders on %s", date);
    view_heading(doc, 1, h);
    free(h);
    list = view_list(doc, 0);
  }
  for (size_t i = 0; i < rs->heads.count; i++) {
    const mssdoc_head *h = &rs->heads.items[i];
    if (!people_held_at(h, date))
      continue;
    char *term = people_term(h);
    json_t *j = json_object();
    json_object_set_new(j, "name", json_string(h->name ? h->name : ""));
    json_object_set_new(j, "office", json_string(h->office ? h->office : ""));
    json_object_set_new(j, "period", json_string(h->period ? h->period : ""));
    json_object_set_new(j, "number", json_integer(h->number));
    json_object_set_new(j, "term", json_string(term));
    json_object_set_new(j, "line", json_integer(h->line));
    json_object_set_new(j, "note", json_boolean(h->note));
    json_array_append_new(a, j);
    size_t from = b.len;
    buf_printf(&b, h->note ? "%s: (note: %s) (%s), line %d\n"
                           : "%s: %s (%s), line %d\n",
               h->office ? h->office : "", h->name ? h->name : "", term,
               h->line);
    if (list) {
      char *item = xstrndup(b.data + from, b.len - from - 1);
      view_item(list, item);
      free(item);
    }
    free(term);
  }
  int rc = json_array_size(a) ? 0 : 1;
  if (strcmp(format, "json") == 0) {
    json_t *o2 = json_object();
    json_object_set_new(o2, "at", json_string(date));
    json_object_set_new(o2, "rows", a);
    cmd_emit_json(o2, res);
  } else {
    json_decref(a);
    if (rc)
      buf_printf(&res->diag, "mssdoc: no one held an office on %s\n",
                 width_arg(date));
    else if (doc) {
      char *title = xasprintf("Office holders on %s", date);
      cmd_emit_view(o, res, format, rs, doc, title);
      free(title);
      doc = NULL; /* cmd_emit_view freed it */
    } else
      buf_puts(&res->out, b.data);
  }
  view_doc_free(doc);
  buf_free(&b);
  mssdoc_records_free(rs);
  return rc;
}

int cmd_who(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  if (argc >= 2 && strncmp(argv[1], "--at", 4) == 0 &&
      (argv[1][4] == '=' || argv[1][4] == 0)) {
    const char *date = argv[1][4] == '=' ? argv[1] + 5
                       : argc >= 3       ? argv[2]
                                         : NULL;
    if (!date || argc > (argv[1][4] == '=' ? 2 : 3))
      return cmd_fail(res, "usage: mssdoc who --at DATE");
    return S_who_at(o, date, res);
  }
  if (argc < 2)
    return cmd_fail(res, "who needs a name; usage: mssdoc who NAME "
                         "(mssdoc show people lists them)");
  buf q = {0};
  for (int i = 1; i < argc; i++)
    buf_printf(&q, "%s%s", i > 1 ? " " : "", argv[i]);
  const char *format = cmd_format(o, res, "who", "text", FORMATS);
  if (!format) {
    buf_free(&q);
    return 2;
  }
  mssdoc_records *rs = cmd_load(o, res);
  if (!rs) {
    buf_free(&q);
    return 2;
  }
  people p = people_collect(rs);
  size_t *found = xmalloc((p.count ? p.count : 1) * sizeof *found);
  size_t n = people_find(&p, q.data, found);
  int rc = 0;
  if (n == 0) {
    rc = S_elsewhere(o, format, rs, q.data, res);
  } else if (n > 1) {
    buf names = {0};
    for (size_t i = 0; i < n; i++)
      buf_printf(&names, "%s%s", i ? ", " : "", p.items[found[i]].name);
    rc = cmd_fail(res, "'%s' could be %zu people: %s; give more of the name",
                  width_arg(q.data), n, names.data);
    buf_free(&names);
  } else {
    const person *pe = &p.items[found[0]];
    size_t nm;
    S_mention *m = S_mentions(rs, pe->name, &nm);
    toc *t = toc_build(rs); /* section titles by id */
    if (strcmp(format, "json") == 0) {
      cmd_emit_json(S_json(rs, t, pe, m, nm), res);
    } else {
      cmd_emit_view(o, res, format, rs, S_view(rs, t, pe, m, nm), pe->name);
    }
    toc_free(t);
    S_mentions_free(m, nm);
  }
  free(found);
  people_free(&p);
  mssdoc_records_free(rs);
  buf_free(&q);
  return rc;
}
