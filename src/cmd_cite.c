/*
 * cmd_cite.c: `mssdoc cite N...`: each reference's text and parsed fields,
 * and every passage that cites it in text order (an infobox field, or the
 * sentence or table row around the marker, the marker put back in place),
 * with the backlinks that the dump lost.  Owns the argument checks and the
 * passage lookup; the citation formats are citeformat.c's.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "citeformat.h"
#include "citeids.h"
#include "cli.h"
#include "dates.h"
#include "toc.h"
#include "view_marks.h"
#include "width.h"

static const char *const S_formats[] = {"text", "markdown", "html",   "man",
                                        "json", "xml",      "bibtex", "ris",
                                        "csl",  NULL};

/* One piece of a passage's context: text, or a citation marker (mark is
 * the reference number; hit if it is the reference being cited). */
typedef struct {
  char *text;
  int mark, hit;
  int ord; /* a marker's citation ordinal (citeids.h), or 0 */
} S_piece;

/* A passage that cites a reference. */
typedef struct {
  int line;
  size_t seq;                      /* its place before sorting by line */
  const mssdoc_paragraph *para;    /* NULL for an infobox field */
  const mssdoc_infobox_item *info; /* NULL for a paragraph */
  struct {
    S_piece *items;
    size_t count, cap;
  } pieces;
} S_passage;

typedef struct {
  S_passage *items;
  size_t count, cap;
} S_passages;

/* --- arguments ------------------------------------------------------- */

/* Reads a reference number as typed: optional minus, then digits.  Returns
 * 1 and *n (LONG_MAX/LONG_MIN if it does not fit), or 0 if s is no number. */
static int S_number(const char *s, long *n) {
  const char *p = s + (*s == '-');
  if (!*p)
    return 0;
  for (const char *q = p; *q; q++)
    if (*q < '0' || *q > '9')
      return 0;
  *n = strtol(s, NULL, 10);
  return 1;
}

/* Checks the arguments against the reference numbers of rs and fills
 * refs (distinct, in the order given; every reference a number names when
 * the list has it more than once).  Returns 0 or 2 after cmd_fail. */
static int S_args(const mssdoc_records *rs, int argc, char **argv,
                  const mssdoc_reference ***refs, size_t *n, cmd_result *res) {
  if (!rs->references.count)
    return cmd_fail(res, "the article has no reference list; nothing to cite");
  int lo = rs->references.items[0].number, hi = lo;
  for (size_t i = 0; i < rs->references.count; i++) {
    int k = rs->references.items[i].number;
    lo = k < lo ? k : lo;
    hi = k > hi ? k : hi;
  }
  if (argc < 2)
    return cmd_fail(res,
                    "cite takes reference numbers (%d-%d); "
                    "e.g. mssdoc cite %d",
                    lo, hi, lo);
  size_t cap = (size_t)argc;
  *refs = xcalloc(cap, sizeof **refs);
  *n = 0;
  for (int i = 1; i < argc; i++) {
    long v;
    const mssdoc_reference *r = NULL;
    int isnum = S_number(argv[i], &v);
    if (isnum && v >= lo && v <= hi)
      r = mssdoc_records_reference(rs, (int)v);
    if (!r) {
      const char *shown = width_arg(argv[i]);
      if (isnum)
        cmd_fail(res, "no reference %s; references are %d-%d", shown, lo, hi);
      else
        cmd_fail(res, "cite takes reference numbers (%d-%d), not '%s'", lo, hi,
                 shown);
      free(*refs);
      *refs = NULL;
      return 2;
    }
    for (; r < rs->references.items + rs->references.count; r++) {
      if (r->number != (int)v)
        continue;
      int seen = 0;
      for (size_t k = 0; k < *n && !seen; k++)
        seen = (*refs)[k] == r;
      if (seen)
        continue;
      if (*n == cap) {
        cap *= 2;
        *refs = xrealloc(*refs, cap * sizeof **refs);
      }
      (*refs)[(*n)++] = r;
    }
  }
  return 0;
}

/* Says where the reference list numbers r's number more than once, or
 * returns NULL.  The caller frees it. */
static char *S_duplicate_note(const mssdoc_records *rs,
                              const mssdoc_reference *r) {
  buf lines = {0};
  size_t count = 0;
  for (size_t i = 0; i < rs->references.count; i++) {
    if (rs->references.items[i].number != r->number)
      continue;
    count++;
    buf_printf(&lines, "%s%d", lines.len ? ", " : "",
               rs->references.items[i].line);
  }
  char *note = NULL;
  if (count > 1)
    note = xasprintf("The reference list gives the number %d to %zu "
                     "references (lines %s); a [%d] marker may cite any of "
                     "them.",
                     r->number, count, lines.data, r->number);
  buf_free(&lines);
  return note;
}

/* --- passages -------------------------------------------------------- */

static void S_piece_add(S_passage *p, const char *s, size_t len, int mark,
                        int hit, int ord) {
  S_piece *pc = LIST_PUSH(p->pieces);
  pc->text = s ? xstrndup(s, len) : NULL;
  pc->mark = mark;
  pc->hit = hit;
  pc->ord = ord;
}

/* Splits a paragraph's text into the spans a marker is shown in: for a
 * table its rows (lines), else its sentences.  Returns the number of spans
 * (at least 1); *spans receives them (caller frees). */
static size_t S_spans(const mssdoc_paragraph *para, size_t (**spans)[2]) {
  const char *t = para->text ? para->text : "";
  size_t len = strlen(t), n = 0;
  if (para->kind && strcmp(para->kind, "table") == 0) {
    n = 1;
    for (const char *c = t; *c; c++)
      n += *c == '\n';
    *spans = xmalloc(n * sizeof **spans);
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= len; i++)
      if (i == len || t[i] == '\n') {
        (*spans)[k][0] = start;
        (*spans)[k][1] = i;
        k++;
        start = i + 1;
      }
    return n;
  }
  n = sentences_split(t, spans);
  if (!n) {
    free(*spans);
    *spans = xmalloc(sizeof **spans);
    (*spans)[0][0] = 0;
    (*spans)[0][1] = len;
    n = 1;
  }
  return n;
}

/* Returns the span a marker at offset off belongs to: the last one that
 * starts before it (a marker right after a full stop closes that
 * sentence), else the first. */
static size_t S_span_of(size_t (*spans)[2], size_t n, size_t off) {
  size_t lo = 0, hi = n; /* spans ascend: the last one starting before off */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (spans[mid][0] < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo ? lo - 1 : 0;
}

/* Returns marker i's offset in para's text, at most the text's length. */
static size_t S_offset(const mssdoc_paragraph *para, size_t i, size_t len) {
  int o = para->ref_offsets.items[i];
  return o < 0 ? 0 : (size_t)o > len ? len : (size_t)o;
}

/* A paragraph's spans and which span each of its markers falls in,
 * worked out once for all the passages in it (citations come in text
 * order, so one paragraph's are consecutive): a passage then costs its
 * own span, not the whole paragraph. */
typedef struct {
  const mssdoc_paragraph *para;
  size_t (*spans)[2];
  size_t nspans, len;
  size_t *span;  /* span[i]: marker i's span */
  size_t *order; /* the markers by span, in text order within one */
  size_t *first; /* order[first[k]..first[k + 1]): the markers of span k */
} S_layout;

static void S_layout_free(S_layout *l) {
  free(l->spans);
  free(l->span);
  free(l->order);
  free(l->first);
  memset(l, 0, sizeof *l);
}

/* Makes l the layout of para (kept if it already is). */
static void S_layout_of(S_layout *l, const mssdoc_paragraph *para) {
  if (l->para == para)
    return;
  S_layout_free(l);
  l->para = para;
  l->len = strlen(para->text ? para->text : "");
  l->nspans = S_spans(para, &l->spans);
  size_t m = para->refs.count < para->ref_offsets.count
                 ? para->refs.count
                 : para->ref_offsets.count;
  l->span = xmalloc((m ? m : 1) * sizeof *l->span);
  l->order = xmalloc((m ? m : 1) * sizeof *l->order);
  l->first = xcalloc(l->nspans + 1, sizeof *l->first);
  for (size_t i = 0; i < m; i++) {
    l->span[i] = S_span_of(l->spans, l->nspans, S_offset(para, i, l->len));
    l->first[l->span[i] + 1]++;
  }
  for (size_t k = 0; k < l->nspans; k++)
    l->first[k + 1] += l->first[k];
  size_t *fill = xmalloc((l->nspans ? l->nspans : 1) * sizeof *fill);
  memcpy(fill, l->first, l->nspans * sizeof *fill);
  for (size_t i = 0; i < m; i++) /* a stable counting sort by span */
    l->order[fill[l->span[i]]++] = i;
  free(fill);
}

/* Fills a paragraph passage's pieces: span k of l's paragraph, every
 * marker of that span put back in place, those whose hit[] is set (an
 * index into para->refs) marked as the reference cited. */
static void S_context(S_passage *p, const S_layout *l, size_t k,
                      const unsigned char *hit, const citeids *ids) {
  const mssdoc_paragraph *para = l->para;
  const char *t = para->text ? para->text : "";
  size_t start = l->spans[k][0], end = l->spans[k][1], pos = start;
  for (size_t j = l->first[k]; j < l->first[k + 1]; j++) {
    size_t i = l->order[j];
    size_t o = S_offset(para, i, l->len);
    size_t at = o < start ? start : o > end ? end : o;
    if (at > pos) {
      S_piece_add(p, t + pos, at - pos, 0, 0, 0);
      pos = at;
    }
    S_piece_add(p, NULL, 0, para->refs.items[i], hit[i],
                citeids_paragraph(ids, para, i));
  }
  if (end > pos)
    S_piece_add(p, t + pos, end - pos, 0, 0, 0);
}

/* Orders paragraphs by id, then place in the record set. */
static int S_para_cmp(const void *a, const void *b) {
  const mssdoc_paragraph *x = *(const mssdoc_paragraph *const *)a,
                         *y = *(const mssdoc_paragraph *const *)b;
  int c = strcmp(x->id ? x->id : "", y->id ? y->id : "");
  return c ? c : x < y ? -1 : x > y;
}

/* Returns the place in byid[0..n) of the first paragraph with the given
 * id, or -1. */
static long S_para_find(const mssdoc_paragraph **byid, size_t n,
                        const char *id) {
  size_t lo = 0, hi = n;
  if (!id)
    return -1;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(byid[mid]->id ? byid[mid]->id : "", id) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && strcmp(byid[lo]->id ? byid[lo]->id : "", id) == 0 ? (long)lo
                                                                     : -1;
}

/* Orders passages by line, then by seq. */
static int S_passage_cmp(const void *a, const void *b) {
  const S_passage *x = a, *y = b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Returns every passage that cites reference n, in text order. */
static S_passages S_find(const mssdoc_records *rs, const citeids *ids, int n) {
  S_passages ps = {0};
  for (size_t i = 0; i < rs->infobox.count; i++) {
    const mssdoc_infobox_item *it = &rs->infobox.items[i];
    for (size_t j = 0; j < it->refs.count; j++) {
      if (it->refs.items[j] != n)
        continue;
      S_passage *p = LIST_PUSH(ps);
      p->info = it;
      p->line = it->line;
      const char *v = it->value ? it->value : "";
      S_piece_add(p, v, strlen(v), 0, 0, 0);
      for (size_t k = 0; k < it->refs.count; k++)
        S_piece_add(p, NULL, 0, it->refs.items[k], k == j,
                    citeids_infobox(ids, it, k));
    }
  }
  /* The citations are in text order; the k-th citation of n in a
   * paragraph is the k-th marker of n in its refs: a cursor per paragraph
   * says where the next one is looked for.  Paragraphs are found by id in
   * a sorted copy of their ids. */
  size_t np = rs->paragraphs.count;
  const mssdoc_paragraph **byid = xmalloc((np ? np : 1) * sizeof *byid);
  for (size_t j = 0; j < np; j++)
    byid[j] = &rs->paragraphs.items[j];
  if (np)
    qsort(byid, np, sizeof *byid, S_para_cmp);
  size_t *cursor = xcalloc(np ? np : 1, sizeof *cursor);
  S_layout l = {0};
  /* The citations of n that fall in one span are one passage with each
   * marker of n marked (else a sentence of m markers of n would be shown
   * m times, m markers each).  open: the passage of that span, its hits. */
  size_t open = (size_t)-1, open_span = 0; /* an index into ps */
  unsigned char *hit = NULL;
  for (size_t i = 0; i <= rs->citations.count; i++) {
    const mssdoc_citation *c =
        i < rs->citations.count ? &rs->citations.items[i] : NULL;
    if (c && (c->ref != n ||
              strcmp(c->paragraph, MSSDOC_INFOBOX_PARAGRAPH) == 0))
      continue; /* not n, or an infobox field's: taken above */
    long at = c ? S_para_find(byid, np, c->paragraph) : -1;
    const mssdoc_paragraph *para = at >= 0 ? byid[at] : NULL;
    size_t which = (size_t)-1;
    for (size_t j = para ? cursor[at] : 0;
         para && j < para->refs.count && j < para->ref_offsets.count; j++)
      if (para->refs.items[j] == n) {
        which = j;
        break;
      }
    if (para)
      cursor[at] = which != (size_t)-1 ? which + 1 : para->refs.count;
    if (which != (size_t)-1 && open != (size_t)-1 &&
        ps.items[open].para == para && l.span[which] == open_span) {
      hit[which] = 1; /* the open passage's span again (l is para's) */
      continue;
    }
    if (open != (size_t)-1) { /* the open passage is complete */
      S_context(&ps.items[open], &l, open_span, hit, ids);
      open = (size_t)-1;
    }
    if (!c)
      break;
    S_passage *p = LIST_PUSH(ps);
    p->line = c->line;
    p->para = para;
    if (which != (size_t)-1) {
      S_layout_of(&l, para);
      free(hit);
      hit = xcalloc(para->refs.count, 1);
      hit[which] = 1;
      open = ps.count - 1;
      open_span = l.span[which];
    } else if (para && para->text) /* no marker to place: the whole text */
      S_piece_add(p, para->text, strlen(para->text), 0, 0, 0);
  }
  free(hit);
  S_layout_free(&l);
  free(cursor);
  free(byid);
  /* infobox fields first: everything in the order of the dump's lines
   * (a stable sort: by line, then place in the list) */
  for (size_t i = 0; i < ps.count; i++)
    ps.items[i].seq = i;
  if (ps.count)
    qsort(ps.items, ps.count, sizeof *ps.items, S_passage_cmp);
  return ps;
}

static void S_passages_free(S_passages *ps) {
  for (size_t i = 0; i < ps->count; i++) {
    for (size_t k = 0; k < ps->items[i].pieces.count; k++)
      free(ps->items[i].pieces.items[k].text);
    free(ps->items[i].pieces.items);
  }
  free(ps->items);
}

/* Returns the passage's context as plain text, markers as "[N]". */
static char *S_context_text(const S_passage *p) {
  buf b = {0};
  for (size_t k = 0; k < p->pieces.count; k++) {
    const S_piece *pc = &p->pieces.items[k];
    if (pc->text)
      buf_puts(&b, pc->text);
    else
      buf_printf(&b, "[%d]", pc->mark);
  }
  return buf_take(&b);
}

/* Returns 1 if rs recorded lists that the dump lost. */
static int S_lost_lists(const mssdoc_records *rs) {
  for (size_t i = 0; i < rs->diagnostics.count; i++)
    if (strcmp(rs->diagnostics.items[i].kind, "lost-list") == 0)
      return 1;
  return 0;
}

/* Returns the sentence on backlinks and surviving citations, or NULL when
 * they agree.  Caller frees. */
static char *S_backlink_note(const mssdoc_records *rs,
                             const mssdoc_reference *r, size_t found) {
  size_t bl = r->backlinks > 0 ? (size_t)r->backlinks : 0;
  if (found == bl)
    return NULL;
  if (found > bl)
    return xasprintf("The text cites it %zu times; the reference list names "
                     "%zu backlink%s.",
                     found, bl, bl == 1 ? "" : "s");
  size_t lost = bl - found;
  return xasprintf("The reference list names %zu backlink%s; %zu survive%s in "
                   "the text: %zu %s %s.",
                   bl, bl == 1 ? "" : "s", found, found == 1 ? "s" : "", lost,
                   lost == 1 ? "was lost" : "were lost",
                   S_lost_lists(rs) ? "with the dump's lists"
                                    : "from the text");
}

/* --- human view ------------------------------------------------------ */

/* Appends a "Label: value" item to the field list. */
static void S_field(cmark_node *list, const char *label, const char *value) {
  if (!value || !*value)
    return;
  cmark_node *p = view_item(list, NULL);
  char *l = xasprintf("%s:", label);
  view_strong(p, l);
  free(l);
  view_text(p, " ");
  view_text(p, value);
}

/* Appends a date field: as the reference writes it, and its EDTF after
 * it when the two differ ("9 July 2017 (2017-07-09)"). */
static void S_date_field(cmark_node *list, const char *label, const char *edtf,
                         const char *text) {
  if (text && edtf && strcmp(text, edtf) != 0) {
    char *v = xasprintf("%s (%s)", text, edtf);
    S_field(list, label, v);
    free(v);
  } else
    S_field(list, label, text ? text : edtf);
}

/* Appends a list field of names, joined by "; ". */
static void S_names_field(cmark_node *list, const char *one, const char *many,
                          const mssdoc_strs *names) {
  buf b = {0};
  for (size_t i = 0; i < names->count; i++)
    buf_printf(&b, "%s%s", i ? "; " : "", names->items[i]);
  S_field(list, names->count == 1 ? one : many, b.data);
  buf_free(&b);
}

/* Appends the passage's heading line: where it is and its line. */
static void S_where(cmark_node *para, const S_passage *p, const toc *t) {
  if (p->info) {
    char *l = xasprintf("Infobox: %s", p->info->label && *p->info->label
                                           ? p->info->label
                                           : "(unlabelled field)");
    view_strong(para, l);
    free(l);
  } else if (p->para) {
    const toc_entry *e = toc_find(t, p->para->section);
    char *label =
        e ? toc_label(e) : xstrdup(p->para->section ? p->para->section : "?");
    view_strong(para, label);
    free(label);
    if (e && e->sec->inferred) {
      view_text(para, " ");
      view_emph(para, TOC_LOST_MARK);
    }
  } else {
    view_strong(para, "Unknown paragraph");
  }
  char *l = xasprintf(", line %d", p->line);
  view_text(para, l);
  free(l);
  const char *kind = p->para ? p->para->kind : NULL;
  if (kind && strcmp(kind, "body") != 0) {
    char *k =
        xasprintf(" (%s)", strcmp(kind, "table") == 0 ? "table row" : kind);
    view_text(para, k);
    free(k);
  }
}

/* Appends one reference's part of the view. */
static void S_view_ref(cmark_node *doc, const mssdoc_records *rs, const toc *t,
                       const citeids *ids, const mssdoc_reference *r) {
  char *dup = S_duplicate_note(rs, r);
  char *h = dup ? xasprintf("Reference %d (line %d)", r->number, r->line)
                : xasprintf("Reference %d", r->number);
  cmark_node *head = view_heading(doc, 1, h);
  free(h);
  char *id = xasprintf("ref-%d", r->number);
  view_anchor(head, id);
  free(id);
  cmark_node *text =
      view_paragraph(doc, r->text && *r->text ? r->text : "(empty)");
  view_backlinks(text, r->number);

  cmark_node *fields = view_list(doc, 0);
  S_names_field(fields, "Author", "Authors", &r->authors);
  S_names_field(fields, "Editor", "Editors", &r->editors);
  S_date_field(fields, "Date", r->date, r->date_text);
  S_field(fields, "Title", r->title);
  S_field(fields, "Work", r->work);
  S_field(fields, "Volume", r->volume);
  S_field(fields, "Issue", r->issue);
  S_field(fields, "Publisher", r->publisher);
  S_field(fields, "Place", r->place);
  S_field(fields, "Pages", r->pages);
  S_field(fields, "Language", r->language);
  S_field(fields, "ISBN", r->isbn);
  S_field(fields, "ISSN", r->issn);
  S_field(fields, "OCLC", r->oclc);
  S_field(fields, "DOI", r->doi);
  for (size_t i = 0; i + 1 < r->ids.count; i += 2) {
    char *l = xstrdup(r->ids.items[i]);
    for (char *c = l; *c; c++) /* jstor -> JSTOR, s2cid -> S2CID */
      *c = (char)toupper((unsigned char)*c);
    S_field(fields, l, r->ids.items[i + 1]);
    free(l);
  }
  if (r->short_for) {
    char *v = xasprintf("reference %d", r->short_for);
    S_field(fields, "Short for", v);
    free(v);
  }
  S_date_field(fields, "Archived", r->archived, r->archived_text);
  S_date_field(fields, "Retrieved", r->retrieved, r->retrieved_text);
  S_field(fields, "Dead link", r->dead_link ? "yes" : NULL);
  char *line = xasprintf("%d", r->line);
  S_field(fields, "Line", line);
  free(line);

  for (size_t i = 0; i < rs->diagnostics.count; i++) {
    const mssdoc_diagnostic *d = &rs->diagnostics.items[i];
    if (d->line == r->line && strcmp(d->kind, "lost-list") == 0)
      view_paragraph(doc, "The dump lost the list that this reference "
                          "introduces.");
  }

  if (dup)
    view_paragraph(doc, dup);
  free(dup);

  S_passages ps = S_find(rs, ids, r->number);
  char *sub = ps.count ? xasprintf("Cited in %zu passage%s", ps.count,
                                   ps.count == 1 ? "" : "s")
                       : xstrdup("Cited nowhere in the text");
  view_heading(doc, 2, sub);
  free(sub);
  char *note = S_backlink_note(rs, r, ps.count);
  if (note)
    view_paragraph(doc, note);
  free(note);
  cmark_node *list = ps.count ? view_list(doc, 1) : NULL;
  for (size_t i = 0; i < ps.count; i++) {
    const S_passage *p = &ps.items[i];
    cmark_node *para = view_item(list, NULL);
    S_where(para, p, t);
    if (!p->pieces.count)
      continue;
    cmark_node *q =
        view_paragraph(view_block_quote(cmark_node_parent(para)), NULL);
    for (size_t k = 0; k < p->pieces.count; k++) {
      const S_piece *pc = &p->pieces.items[k];
      if (pc->text) {
        view_text(q, pc->text);
        continue;
      }
      char *cid = citeids_id(pc->mark, pc->ord);
      view_cite(q, pc->mark, cid, pc->hit);
      free(cid);
    }
  }
  S_passages_free(&ps);
}

/* --- json ------------------------------------------------------------ */

/* Appends the references as JSON: the reference records in the order
 * asked, each with its passages and the number of citations lost. */
static void S_json(const mssdoc_records *rs, const toc *t, const citeids *ids,
                   const mssdoc_reference *const *refs, size_t n,
                   cmd_result *res) {
  char *all = mssdoc_json_write_part(rs, "references", NULL);
  json_t *recs = json_loads(all, 0, NULL), *out = json_array();
  free(all);
  for (size_t i = 0; i < n; i++) {
    size_t idx = (size_t)(refs[i] - rs->references.items);
    json_t *o = json_deep_copy(json_array_get(recs, idx));
    if (!o)
      continue;
    S_passages ps = S_find(rs, ids, refs[i]->number);
    json_t *pa = json_array();
    for (size_t k = 0; k < ps.count; k++) {
      const S_passage *p = &ps.items[k];
      json_t *po = json_object();
      if (p->info) {
        json_object_set_new(po, "kind", json_string("infobox"));
        json_object_set_new(po, "label",
                            json_string(p->info->label ? p->info->label : ""));
      } else {
        const toc_entry *e = p->para ? toc_find(t, p->para->section) : NULL;
        json_object_set_new(po, "kind",
                            p->para && p->para->kind
                                ? json_string(p->para->kind)
                                : json_null());
        json_object_set_new(po, "paragraph",
                            p->para ? json_string(p->para->id) : json_null());
        json_object_set_new(po, "section",
                            p->para && p->para->section
                                ? json_string(p->para->section)
                                : json_null());
        json_object_set_new(po, "section_number",
                            e ? json_string(e->number) : json_null());
        json_object_set_new(po, "section_title",
                            e ? json_string(e->sec->title) : json_null());
      }
      json_object_set_new(po, "line", json_integer(p->line));
      char *ctx = S_context_text(p);
      json_object_set_new(po, "context", json_string(ctx));
      free(ctx);
      json_array_append_new(pa, po);
    }
    size_t bl = refs[i]->backlinks > 0 ? (size_t)refs[i]->backlinks : 0;
    json_object_set_new(o, "passages", pa);
    json_object_set_new(
        o, "lost_citations",
        json_integer(bl > ps.count ? (json_int_t)(bl - ps.count) : 0));
    S_passages_free(&ps);
    json_array_append_new(out, o);
  }
  cmd_emit_json(out, res);
  json_decref(recs);
}

/* --- the command ----------------------------------------------------- */

int cmd_cite(const cli_opts *o, int argc, char **argv, cmd_result *res) {
  const char *format = cmd_format(o, res, "cite", "text", S_formats);
  if (!format)
    return 2;
  mssdoc_records *rs = cmd_load(o, res);
  if (!rs)
    return 2;
  const mssdoc_reference **refs = NULL;
  size_t n = 0;
  if (S_args(rs, argc, argv, &refs, &n, res)) {
    mssdoc_records_free(rs);
    return 2;
  }
  if (strcmp(format, "bibtex") == 0 || strcmp(format, "ris") == 0 ||
      strcmp(format, "csl") == 0) {
    char *out = citeformat_write(refs, n, format, rs);
    buf_put_owned(&res->out, out);
  } else if (strcmp(format, "xml") == 0) {
    int *keep = xcalloc(rs->references.count, sizeof *keep);
    for (size_t i = 0; i < n; i++)
      keep[refs[i] - rs->references.items] = 1;
    cmd_emit_records(rs, "references", format, keep, res);
    free(keep);
  } else {
    toc *t = toc_build(rs);
    citeids *ids = citeids_build(rs);
    if (strcmp(format, "json") == 0) {
      S_json(rs, t, ids, refs, n, res);
    } else {
      cmark_node *doc = view_new();
      buf title = {0};
      buf_puts(&title, n == 1 ? "Reference" : "References");
      for (size_t i = 0; i < n; i++) {
        int again = 0; /* a number the list has twice is named once */
        for (size_t k = 0; k < i && !again; k++)
          again = refs[k]->number == refs[i]->number;
        if (!again)
          buf_printf(&title, "%s%d", i ? ", " : " ", refs[i]->number);
        S_view_ref(doc, rs, t, ids, refs[i]);
      }
      cmd_emit_view(o, res, format, rs, doc, title.data);
      buf_free(&title);
    }
    citeids_free(ids);
    toc_free(t);
  }
  free(refs);
  mssdoc_records_free(rs);
  return 0;
}
