/*
 * ingest_common.c: what both front ends (ingest.c for text dumps,
 * ingest_html.c for HTML pages) do once the blocks of an article are
 * records: the timeline, the incidents, the checks that report what the
 * input lost, and the order of the diagnostics.
 */
#include "ingest_common.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <nettle/sha2.h>

#include "consistency.h"
#include "dates.h"
#include "fold.h"
#include "people.h"
#include "refparse.h"
#include "text.h"
#include "util.h"

void ingest_diag(mssdoc_records *rs, int line, const char *kind,
                 char *message) {
  mssdoc_diagnostic *d = LIST_PUSH(rs->diagnostics);
  d->line = line;
  d->kind = mssdoc_records_str(rs, kind);
  d->message = ingest_str_take(rs, message);
}

char *ingest_str_take(mssdoc_records *rs, char *s) {
  char *shared = mssdoc_records_str(rs, s);
  free(s);
  return shared;
}

void ingest_head_caption(mssdoc_records *rs, mssdoc_head *h,
                         const char *caption) {
  const char *paren = strrchr(caption, '(');
  int first, last;
  if (paren && paren > caption && dates_title_period(caption, &first, &last)) {
    char *office = str_trim(caption, (size_t)(paren - caption));
    h->office = mssdoc_records_str(rs, office);
    free(office);
    h->period = mssdoc_records_str(rs, paren);
  } else {
    h->office = mssdoc_records_str(rs, caption);
    h->period = mssdoc_records_str(rs, "");
  }
  /* a row that names no person is a vacancy or a note (issue 12) */
  h->note = !people_is_name(h->name ? h->name : "");
}

int ingest_contains_ci(const char *hay, const char *needle) {
  size_t m = strlen(needle);
  for (; *hay; hay++)
    if (strncasecmp(hay, needle, m) == 0)
      return 1;
  return 0;
}

int ingest_is_prose(const mssdoc_paragraph *p) {
  return strcmp(p->kind, "body") == 0 || strcmp(p->kind, "quotation") == 0;
}

static int S_section_cmp(const void *a, const void *b) {
  const mssdoc_section *x = *(const mssdoc_section *const *)a;
  const mssdoc_section *y = *(const mssdoc_section *const *)b;
  return strcmp(x->id, y->id);
}

static const mssdoc_section *S_section_by_id(const mssdoc_section *const *by_id,
                                             size_t n, const char *id) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int k = strcmp(by_id[mid]->id, id);
    if (k == 0)
      return by_id[mid];
    if (k < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

/* The sections, sorted by id for S_section_by_id, *n of them (the caller
 * frees the array). */
static const mssdoc_section **S_sections_by_id(const mssdoc_records *rs,
                                               size_t *n) {
  *n = rs->sections.count;
  const mssdoc_section **by_id = xcalloc(*n ? *n : 1, sizeof *by_id);
  for (size_t i = 0; i < *n; i++)
    by_id[i] = &rs->sections.items[i];
  if (*n)
    qsort(by_id, *n, sizeof *by_id, S_section_cmp);
  return by_id;
}

static mssdoc_event *S_event(mssdoc_records *rs, int timeline,
                             const date_match *m, const char *text,
                             const char *source, const char *section, int line,
                             const mssdoc_ints *refs) {
  mssdoc_event *e =
      timeline ? LIST_PUSH(rs->timeline) : LIST_PUSH(rs->incidents);
  e->date = mssdoc_records_str(rs, m->edtf);
  e->qualifier = m->qualifier[0] ? mssdoc_records_str(rs, m->qualifier) : NULL;
  e->text = xstrdup(text);
  e->source = mssdoc_records_str(rs, source);
  e->section = mssdoc_records_str(rs, section);
  e->line = line;
  for (size_t i = 0; refs && i < refs->count; i++)
    ints_push(&e->refs, refs->items[i]);
  return e;
}

/* Words of a section title that say its events are a work's release, not
 * the subject's history ("Popular culture and literature", "In fiction",
 * "Portrayal in film"): a fact table of such headings, not this article. */
static const char *const S_CULTURE_WORDS[] = {
    "culture",   "fiction",    "film",       "films",     "literature",
    "novel",     "novels",     "television", "depiction", "depictions",
    "portrayal", "portrayals", "media",      NULL};

/* Returns 1 if title holds one of S_CULTURE_WORDS as a word. */
static int S_culture_title(const char *title) {
  for (const char *p = title; p && *p;) {
    while (*p && !isalpha((unsigned char)*p))
      p++;
    const char *w = p;
    while (isalpha((unsigned char)*p))
      p++;
    for (size_t k = 0; p > w && S_CULTURE_WORDS[k]; k++)
      if ((size_t)(p - w) == strlen(S_CULTURE_WORDS[k]) &&
          strncasecmp(w, S_CULTURE_WORDS[k], (size_t)(p - w)) == 0)
        return 1;
  }
  return 0;
}

/* An event's kind: "culture" in a section (or under one) whose title says
 * so, else "history"; by_id[0..n) the sections sorted by id. */
static const char *S_event_kind(const mssdoc_section *const *by_id, size_t n,
                                const char *id) {
  for (int depth = 0; id && depth < 8; depth++) {
    const mssdoc_section *s = S_section_by_id(by_id, n, id);
    if (!s)
      break;
    if (S_culture_title(s->title))
      return "culture";
    id = s->parent;
  }
  return "history";
}

/* The most references a paragraph lends to its sentences that cite none:
 * more, and it lends none (the copies would grow as sentences x markers,
 * and no real paragraph comes near). */
#define S_LENT_MAX 64

/* A number and where it stands in a list. */
typedef struct {
  int value;
  size_t at;
} S_pos;

static int S_pos_cmp(const void *a, const void *b) {
  const S_pos *x = a, *y = b;
  if (x->value != y->value)
    return x->value < y->value ? -1 : 1;
  return x->at < y->at ? -1 : x->at > y->at;
}

/* Appends to out each number of refs once, in the order of their first
 * places (sorting, not comparing each with each: a paragraph may hold
 * thousands of markers). */
static void S_unique_refs(const mssdoc_ints *refs, mssdoc_ints *out) {
  size_t n = refs->count;
  S_pos *pos = xmalloc((n ? n : 1) * sizeof *pos);
  unsigned char *first = xcalloc(n ? n : 1, 1);
  for (size_t i = 0; i < n; i++)
    pos[i] = (S_pos){refs->items[i], i};
  qsort(pos, n, sizeof *pos, S_pos_cmp);
  for (size_t i = 0; i < n; i++)
    if (i == 0 || pos[i].value != pos[i - 1].value)
      first[pos[i].at] = 1;
  for (size_t i = 0; i < n; i++)
    if (first[i])
      ints_push(out, refs->items[i]);
  free(first);
  free(pos);
}

/* The names of the heads tables' people, folded and sorted, for naming
 * the subject of a sentence that opens with a pronoun. */
typedef struct {
  char **folded; /* sorted; folded[i] names name[i] */
  char **name;
  size_t n;
} S_names;

static int S_names_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static S_names S_names_collect(const mssdoc_records *rs) {
  people pp = people_collect(rs);
  S_names nm = {xmalloc((pp.count + 1) * sizeof(char *)),
                xmalloc((pp.count + 1) * sizeof(char *)), pp.count};
  /* sort "folded\0name" pairs as one string each, by the folded part */
  char **pairs = xmalloc((pp.count + 1) * sizeof *pairs);
  for (size_t i = 0; i < pp.count; i++) {
    char *f = fold_text(pp.items[i].name);
    size_t fl = strlen(f), nl = strlen(pp.items[i].name);
    pairs[i] = xmalloc(fl + nl + 2);
    memcpy(pairs[i], f, fl + 1);
    memcpy(pairs[i] + fl + 1, pp.items[i].name, nl + 1);
    free(f);
  }
  if (pp.count)
    qsort(pairs, pp.count, sizeof *pairs, S_names_cmp);
  for (size_t i = 0; i < pp.count; i++) {
    nm.folded[i] = pairs[i];
    nm.name[i] = pairs[i] + strlen(pairs[i]) + 1;
  }
  free(pairs);
  people_free(&pp);
  return nm;
}

static void S_names_free(S_names *nm) {
  for (size_t i = 0; i < nm->n; i++)
    free(nm->folded[i]); /* the pair's one allocation */
  free(nm->folded);
  free(nm->name);
}

/* Returns 1 if a sentence opens with a personal pronoun ("He served…"). */
static int S_pronoun(const char *s) {
  static const char *const P[] = {"He ", "She ", "His ", "Her ", NULL};
  for (size_t k = 0; P[k]; k++)
    if (str_starts(s, P[k]))
      return 1;
  return 0;
}

/* The name of the heads tables that stands nearest before end in text
 * (within the 600 bytes before it): runs of two to four capitalised words,
 * looked up folded. Returns it (borrowed from nm) or NULL. */
static const char *S_subject(const S_names *nm, const char *text, size_t end) {
  size_t from = end > 600 ? end - 600 : 0;
  size_t ws[128][2], nw = 0; /* the words' byte spans, last 128 */
  for (size_t i = from; i < end;) {
    while (i < end &&
           !(isalpha((unsigned char)text[i]) || (unsigned char)text[i] >= 0x80))
      i++;
    size_t a = i;
    while (i < end &&
           (isalpha((unsigned char)text[i]) || (unsigned char)text[i] >= 0x80 ||
            text[i] == '-' || text[i] == '\''))
      i++;
    if (i > a) {
      if (nw == 128) {
        memmove(ws, ws + 1, sizeof ws[0] * 127);
        nw--;
      }
      ws[nw][0] = a;
      ws[nw++][1] = i;
    }
  }
  for (size_t j = nw; j-- > 0;)
    for (size_t k = 4; k >= 2; k--) {
      if (j + 1 < k)
        continue;
      size_t first = j + 1 - k, ok = 1;
      for (size_t w = first; w <= j && ok; w++)
        ok = isupper((unsigned char)text[ws[w][0]]) &&
             (w == first || ws[w][0] == ws[w - 1][1] + 1);
      if (!ok)
        continue;
      char *run = xstrndup(text + ws[first][0], ws[j][1] - ws[first][0]);
      char *f = fold_text(run);
      free(run);
      char **hit = nm->n ? bsearch(&f, nm->folded, nm->n, sizeof *nm->folded,
                                   S_names_cmp)
                         : NULL;
      free(f);
      if (hit)
        return nm->name[hit - nm->folded];
    }
  return NULL;
}

/* One timeline event per dated sentence of every prose paragraph, with the
 * citations of its sentence or, when it has none, of its paragraph. */
static void S_text_timeline(mssdoc_records *rs, ingest_raw_fn raw_of,
                            void *arg) {
  size_t ns = 0;
  const mssdoc_section **by_id = S_sections_by_id(rs, &ns);
  S_names names = S_names_collect(rs);
  const char *last_section = NULL, *kind = NULL;
  for (size_t i = 0; i < rs->paragraphs.count; i++) {
    const mssdoc_paragraph *p = &rs->paragraphs.items[i];
    if (!ingest_is_prose(p))
      continue;
    if (!kind || p->section != last_section) {
      kind = mssdoc_records_str(rs, S_event_kind(by_id, ns, p->section));
      last_section = p->section;
    }
    const char *raw = raw_of(rs, i, arg);
    mssdoc_ints lent = {0}; /* the paragraph's refs, each once */
    int lent_done = 0;
    size_t(*spans)[2] = NULL;
    size_t n = sentences_split(raw, &spans);
    for (size_t k = 0; k < n; k++) {
      mssdoc_ints refs = {0};
      char *sentence =
          text_clean(raw + spans[k][0], spans[k][1] - spans[k][0], &refs, NULL);
      date_match m;
      if (sentence[0] && dates_find(sentence, 0, &m)) {
        int own = refs.count > 0;
        if (!own && !lent_done) { /* once per paragraph */
          S_unique_refs(&p->refs, &lent);
          if (lent.count > S_LENT_MAX)
            lent.count = 0;
          lent_done = 1;
        }
        if (!own)
          for (size_t r = 0; r < lent.count; r++)
            ints_push(&refs, lent.items[r]);
        mssdoc_event *e =
            S_event(rs, 1, &m, sentence, "text", p->section, p->line, &refs);
        e->kind = (char *)kind;
        const char *who =
            S_pronoun(sentence) ? S_subject(&names, raw, spans[k][0]) : NULL;
        if (who)
          e->subject = mssdoc_records_str(rs, who);
        if (e->refs.count)
          e->refs_from = mssdoc_records_str(rs, own ? "sentence" : "paragraph");
      }
      ints_free(&refs);
      free(sentence);
    }
    free(spans);
    ints_free(&lent);
  }
  free(by_id);
  S_names_free(&names);
}

/* The section a line belongs to: the last one that starts at or before it. */
static const mssdoc_section *S_section_at(const mssdoc_records *rs, int line) {
  /* sections are added in line order: binary search for the last one */
  size_t lo = 0, hi = rs->sections.count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (rs->sections.items[mid].line <= line)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo ? &rs->sections.items[lo - 1] : NULL;
}

static void S_table_timeline(mssdoc_records *rs) {
  for (size_t i = 0; i < rs->heads.count; i++) {
    const mssdoc_head *h = &rs->heads.items[i];
    date_match m = {0};
    snprintf(m.edtf, sizeof m.edtf, "%s", h->took_office);
    char *text = xasprintf("%s took office (%s %s, No. %d)", h->name, h->office,
                           h->period, h->number);
    const mssdoc_section *s = S_section_at(rs, h->line);
    mssdoc_event *e =
        S_event(rs, 1, &m, text, "table", s ? s->id : "", h->line, NULL);
    e->kind = mssdoc_records_str(rs, "history");
    free(text);
  }
}

/* The operations part: from the first "Further information:" hatnote up to
 * the section that holds the agency-heads tables (or the next top-level
 * section when there are none). */
static void S_incidents(mssdoc_records *rs) {
  size_t start = rs->paragraphs.count;
  for (size_t i = 0; i < rs->paragraphs.count && start == rs->paragraphs.count;
       i++)
    if (strcmp(rs->paragraphs.items[i].kind, "hatnote") == 0 &&
        str_starts(rs->paragraphs.items[i].text, "Further information:"))
      start = i;
  if (start == rs->paragraphs.count)
    return;
  int start_line = rs->paragraphs.items[start].line, end_line = 0;
  const mssdoc_section *caption =
      rs->heads.count ? S_section_at(rs, rs->heads.items[0].line) : NULL;
  const mssdoc_section *holder =
      caption && caption->parent ? mssdoc_records_section(rs, caption->parent)
                                 : NULL;
  if (holder && holder->line > start_line)
    end_line = holder->line;
  for (size_t i = 0; !end_line && i < rs->sections.count; i++)
    if (rs->sections.items[i].level == 1 &&
        rs->sections.items[i].line > start_line)
      end_line = rs->sections.items[i].line;
  for (size_t i = start + 1; i < rs->paragraphs.count; i++) {
    const mssdoc_paragraph *p = &rs->paragraphs.items[i];
    date_match m;
    if (end_line && p->line >= end_line)
      break;
    if (strcmp(p->kind, "body") == 0 && dates_find(p->text, 0, &m))
      S_event(rs, 0, &m, p->text, NULL, p->section, p->line, &p->refs);
  }
}

/* The first of the ntext events from the text (the timeline's first, in
 * the order of their lines) that comes from line, or NULL. */
static mssdoc_event *S_first_text_event(mssdoc_records *rs, size_t ntext,
                                        int line) {
  size_t lo = 0, hi = ntext;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (rs->timeline.items[mid].line < line)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < ntext && rs->timeline.items[lo].line == line
             ? &rs->timeline.items[lo]
             : NULL;
}

/* A paragraph that opens with a date outside the period its section's title
 * states ("Early in 1996, …" under "… (1955–1983)"); its first event
 * carries the note. */
static void S_dates_outside_period(mssdoc_records *rs) {
  size_t ntext = 0; /* the text's events come first, in line order */
  while (ntext < rs->timeline.count &&
         strcmp(rs->timeline.items[ntext].source, "text") == 0)
    ntext++;
  /* the section of each paragraph, by binary search over sorted ids */
  size_t n;
  const mssdoc_section **by_id = S_sections_by_id(rs, &n);
  for (size_t i = 0; i < rs->paragraphs.count; i++) {
    const mssdoc_paragraph *p = &rs->paragraphs.items[i];
    const mssdoc_section *s = S_section_by_id(by_id, n, p->section);
    int pfirst, plast, first, last;
    date_match m;
    if (!ingest_is_prose(p) || !s ||
        !dates_title_period(s->title, &pfirst, &plast) ||
        !dates_find(p->text, 0, &m) || !dates_edtf_years(m.edtf, &first, &last))
      continue;
    const char *comma = strchr(p->text, ',');
    size_t opening = comma ? (size_t)(comma - p->text) : 40;
    if (m.start > opening)
      continue;
    if (last < pfirst || first > plast) {
      char *note = xasprintf("\"%.*s\" is outside %s", (int)(m.end - m.start),
                             p->text + m.start, strrchr(s->title, '('));
      mssdoc_event *e = S_first_text_event(rs, ntext, p->line);
      if (e)
        e->note = mssdoc_records_str(rs, note);
      ingest_diag(rs, p->line, "date-outside-period", note);
    }
  }
  free(by_id);
}

/* Every date expression of every paragraph that is not a date as written:
 * a day its month lacks ("31 April 2010"), a span that ends before it
 * starts ("2019–2018").  Events keep what of it is sound (dates.h). */
static void S_bad_dates(mssdoc_records *rs) {
  for (size_t i = 0; i < rs->paragraphs.count; i++) {
    const mssdoc_paragraph *p = &rs->paragraphs.items[i];
    date_match m;
    for (size_t from = 0; dates_find(p->text, from, &m); from = m.end) {
      if (!m.problem[0])
        continue;
      int n = (int)(m.end - m.start);
      ingest_diag(rs, p->line, "bad-date",
                  xasprintf("\"%.*s%s\" is not a date: %s; read as %s",
                            n > 80 ? 80 : n, p->text + m.start,
                            n > 80 ? "..." : "", m.problem, m.edtf));
    }
  }
}

/* One date of reference r as EDTF, the text it had kept beside it in
 * *text; a text that is no date leaves *edtf NULL and is reported. */
static void S_reference_date(mssdoc_records *rs, const mssdoc_reference *r,
                             const char *what, char **edtf, char **text) {
  *text = *edtf;
  *edtf = NULL;
  if (!*text)
    return;
  char e[32];
  if (dates_edtf_valid(*text)) /* COinS: "2007-10", "2007-10/2007-12" */
    *edtf = xstrdup(*text);
  else if (dates_parse_cell(*text, e) == 1)
    *edtf = xstrdup(e);
  else {
    size_t n = strlen(*text);
    if (n > 80) /* at most 80 bytes, never inside a character */
      for (n = 80; n && ((unsigned char)(*text)[n] & 0xC0) == 0x80; n--)
        ;
    ingest_diag(rs, r->line, "bad-date",
                xasprintf("reference %d: %s \"%.*s\" is not a date", r->number,
                          what, (int)n, *text));
  }
}

/* Every reference's date, archive date and access date as EDTF, each
 * beside the text it was read from (date_text, archived_text,
 * retrieved_text). */
static void S_reference_dates(mssdoc_records *rs) {
  for (size_t i = 0; i < rs->references.count; i++) {
    mssdoc_reference *r = &rs->references.items[i];
    S_reference_date(rs, r, "date", &r->date, &r->date_text);
    S_reference_date(rs, r, "archive date", &r->archived, &r->archived_text);
    S_reference_date(rs, r, "access date", &r->retrieved, &r->retrieved_text);
  }
}

/* Wikipedia's template error message in a reference ("((cite journal)):
 * Cite journal requires |journal= (help)"), which the page prints but no
 * citation holds: the fields never read it (refparse.c), the text keeps
 * it as printed, and it is reported. */
static void S_template_errors(mssdoc_records *rs) {
  for (size_t i = 0; i < rs->references.count; i++) {
    const mssdoc_reference *r = &rs->references.items[i];
    size_t a, e;
    if (!r->text || !refparse_template_error(r->text, &a, &e))
      continue;
    const char *m = r->text + a;
    while (*m == ' ')
      m++;
    ingest_diag(rs, r->line, "template-error",
                xasprintf("reference %d: Wikipedia's template error \"%.*s\" "
                          "is no part of the citation: no field holds it",
                          r->number, (int)(r->text + e - m), m));
  }
}

/* The family name of a name "Family, Given" (or the whole name), as
 * [*p, *p + *n). */
static void S_family(const char *name, const char **p, size_t *n) {
  *p = name;
  *n = strcspn(name, ",");
}

/* Whether a list item of rs (a bibliography entry, which a page lists
 * apart from its references) names the family name [p, p + n). */
static int S_in_bibliography(const mssdoc_records *rs, const char *p,
                             size_t n) {
  char *name = xstrndup(p, n);
  int found = 0;
  for (size_t i = 0; i < rs->paragraphs.count && !found && n; i++) {
    const mssdoc_paragraph *q = &rs->paragraphs.items[i];
    if (!q->kind || strcmp(q->kind, "list-item") != 0 || !q->text)
      continue;
    for (const char *h = q->text; !found && (h = strstr(h, name)); h += n)
      found = (h == q->text || !isalpha((unsigned char)h[-1])) &&
              !isalpha((unsigned char)h[n]); /* a word, not inside one */
  }
  free(name);
  return found;
}

/* Whether the family name [p, p + n) is one of the authors of f. */
static int S_has_family(const mssdoc_reference *f, const char *p, size_t n) {
  for (size_t a = 0; a < f->authors.count; a++) {
    const char *fp;
    size_t fn;
    S_family(f->authors.items[a], &fp, &fn);
    if (fn == n && strncasecmp(fp, p, n) == 0)
      return 1;
  }
  return 0;
}

/* Links each short citation ("Mei p. 78", "Mech & Boitani 2003, p. 257")
 * to the full reference it abbreviates: the first other reference with a
 * title or work among whose authors is every author of the short one (in
 * any order), of the short one's year when it gives one.  One whose work
 * neither a reference nor a bibliography entry (a list item naming its
 * first author) gives in full is reported (lost-reference). */
static void S_short_citations(mssdoc_records *rs) {
  for (size_t i = 0; i < rs->references.count; i++) {
    mssdoc_reference *r = &rs->references.items[i];
    if (!refparse_is_short(r))
      continue;
    for (size_t k = 0; k < rs->references.count && !r->short_for; k++) {
      const mssdoc_reference *f = &rs->references.items[k];
      if (k == i || refparse_is_short(f) || !(f->title || f->work) ||
          (r->date && !(f->date && strncmp(f->date, r->date, 4) == 0)))
        continue;
      int all = 1;
      for (size_t a = 0; a < r->authors.count && all; a++) {
        const char *sp;
        size_t sn;
        S_family(r->authors.items[a], &sp, &sn);
        all = S_has_family(f, sp, sn);
      }
      if (all)
        r->short_for = f->number;
    }
    const char *sp;
    size_t sn;
    S_family(r->authors.items[0], &sp, &sn);
    if (!r->short_for && !S_in_bibliography(rs, sp, sn))
      ingest_diag(rs, r->line, "lost-reference",
                  xasprintf("reference %d (\"%s\") is a short citation of a "
                            "work no reference gives in full",
                            r->number, r->text ? r->text : ""));
  }
}

static int S_int_cmp(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

/* Orders (number, index) pairs by number, then index. */
static int S_pair_cmp(const void *a, const void *b) {
  const int *x = a, *y = b;
  if (x[0] != y[0])
    return (x[0] > y[0]) - (x[0] < y[0]);
  return (x[1] > y[1]) - (x[1] < y[1]);
}

/* A reference number the list has already given (duplicate-reference),
 * and one smaller than the number before it (reference-order): either way
 * a [N] marker no longer names one reference for sure. */
static void S_reference_numbers(mssdoc_records *rs) {
  size_t n = rs->references.count;
  int(*byn)[2] = xmalloc((n ? n : 1) * sizeof *byn); /* number, index */
  for (size_t i = 0; i < n; i++) {
    byn[i][0] = rs->references.items[i].number;
    byn[i][1] = (int)i;
  }
  if (n)
    qsort(byn, n, sizeof *byn, S_pair_cmp);
  char *dup = xcalloc(n ? n : 1, 1);
  for (size_t k = 1; k < n; k++) {
    if (byn[k][0] != byn[k - 1][0])
      continue;
    const mssdoc_reference *first = &rs->references.items[byn[k - 1][1]];
    while (k < n && byn[k][0] == byn[k - 1][0]) {
      size_t at = (size_t)byn[k][1];
      dup[at] = 1;
      ingest_diag(rs, rs->references.items[at].line, "duplicate-reference",
                  xasprintf("reference %d is numbered like the one at line "
                            "%d; mssdoc cite %d shows each",
                            first->number, first->line, first->number));
      k++;
    }
  }
  for (size_t i = 1; i < n; i++) {
    const mssdoc_reference *r = &rs->references.items[i], *p = r - 1;
    if (!dup[i] && r->number < p->number)
      ingest_diag(rs, r->line, "reference-order",
                  xasprintf("reference %d comes after reference %d (line %d): "
                            "the list is out of order",
                            r->number, p->number, p->line));
  }
  free(dup);
  free(byn);
}

/* The index of the first element of sorted v[0..n) that is >= x. */
static size_t S_lower_bound(const int *v, size_t n, int x) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid] < x)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Makes the infobox's markers citations too (paragraph
 * MSSDOC_INFOBOX_PARAGRAPH), merged into the body's by line, so that the
 * citations are every marker of the article: what `cite` shows. */
static void S_infobox_citations(mssdoc_records *rs) {
  size_t extra = 0;
  for (size_t k = 0; k < rs->infobox.count; k++)
    extra += rs->infobox.items[k].refs.count;
  if (!extra)
    return;
  size_t n = rs->citations.count;
  mssdoc_citation *all = xmalloc((n + extra) * sizeof *all);
  size_t out = 0, body = 0;
  for (size_t k = 0; k < rs->infobox.count; k++) {
    const mssdoc_infobox_item *it = &rs->infobox.items[k];
    while (body < n && rs->citations.items[body].line < it->line)
      all[out++] = rs->citations.items[body++];
    for (size_t j = 0; j < it->refs.count; j++) {
      all[out].ref = it->refs.items[j];
      all[out].paragraph = mssdoc_records_str(rs, MSSDOC_INFOBOX_PARAGRAPH);
      all[out++].line = it->line;
    }
  }
  while (body < n)
    all[out++] = rs->citations.items[body++];
  free(rs->citations.items);
  rs->citations.items = all;
  rs->citations.count = rs->citations.cap = out;
}

static void S_lost_citations(mssdoc_records *rs) {
  /* every surviving marker (body and infobox), sorted, counted per number */
  mssdoc_ints cited = {0};
  for (size_t k = 0; k < rs->citations.count; k++)
    ints_push(&cited, rs->citations.items[k].ref);
  if (cited.count)
    qsort(cited.items, cited.count, sizeof *cited.items, S_int_cmp);
  for (size_t i = 0; i < rs->references.count; i++) {
    const mssdoc_reference *r = &rs->references.items[i];
    size_t from = S_lower_bound(cited.items, cited.count, r->number);
    int seen =
        r->number == INT_MAX
            ? (int)(cited.count - from)
            : (int)(S_lower_bound(cited.items, cited.count, r->number + 1) -
                    from);
    if (r->backlinks > seen)
      ingest_diag(rs, r->line, "lost-citation",
                  xasprintf("reference %d has %d backlink%s but %d citation%s "
                            "survive%s in the text",
                            r->number, r->backlinks,
                            r->backlinks == 1 ? "" : "s", seen,
                            seen == 1 ? "" : "s", seen == 1 ? "s" : ""));
  }
  ints_free(&cited);
}

/* A marker of a reference the list lacks: its number, line and order. */
typedef struct {
  int num, line;
  size_t order;
} S_missing;

static int S_missing_cmp(const void *a, const void *b) {
  const S_missing *x = a, *y = b;
  if (x->num != y->num)
    return x->num < y->num ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static int S_missing_by_line(const void *a, const void *b) {
  const S_missing *x = a, *y = b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return (x->num > y->num) - (x->num < y->num);
}

/* Appends the numbers of m[0..n) (ascending) to b, runs as ranges: "41",
 * "41–45 and 47" (in the form "[%d]" when marks). */
static void S_numbers(buf *b, const S_missing *m, size_t n, int marks) {
  const char *form = marks ? "[%d]" : "%d";
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j + 1 < n && m[j + 1].num == m[j].num + 1)
      j++;
    if (i)
      buf_puts(b, j + 1 == n ? " and " : ", ");
    buf_printf(b, form, m[i].num);
    if (j > i) {
      buf_puts(b, j == i + 1 ? (j + 1 == n ? " and " : ", ") : "\u2013");
      buf_printf(b, form, m[j].num);
    }
    i = j + 1;
  }
}

/* Reports each reference number that markers cite but the reference list
 * lacks (a dump cut short inside or before its list) at the line of its
 * first marker: one diagnostic per line, for every such number first cited
 * there (a whole list's worth of markers is one line each, not one each). */
static void S_lost_references(mssdoc_records *rs) {
  mssdoc_ints have = {0};
  for (size_t i = 0; i < rs->references.count; i++)
    ints_push(&have, rs->references.items[i].number);
  if (have.count)
    qsort(have.items, have.count, sizeof *have.items, S_int_cmp);
  MSSDOC_LIST(S_missing) missing = {0};
  /* the markers in line order (the infobox's among them) */
  for (size_t k = 0; k < rs->citations.count; k++) {
    int num = rs->citations.items[k].ref;
    size_t at = S_lower_bound(have.items, have.count, num);
    if (at < have.count && have.items[at] == num)
      continue;
    S_missing *m = LIST_PUSH(missing);
    m->num = num;
    m->line = rs->citations.items[k].line;
    m->order = missing.count;
  }
  ints_free(&have);
  if (!missing.count)
    return;
  qsort(missing.items, missing.count, sizeof *missing.items, S_missing_cmp);
  size_t n = 0; /* each number once, at its first marker */
  for (size_t i = 0; i < missing.count; i++)
    if (i == 0 || missing.items[i].num != missing.items[i - 1].num)
      missing.items[n++] = missing.items[i];
  qsort(missing.items, n, sizeof *missing.items, S_missing_by_line);
  for (size_t i = 0, j; i < n; i = j) {
    for (j = i; j < n && missing.items[j].line == missing.items[i].line; j++)
      ;
    buf b = {0};
    S_numbers(&b, missing.items + i, j - i, 1);
    buf_puts(&b, j - i == 1 ? " cites reference " : " cite references ");
    S_numbers(&b, missing.items + i, j - i, 0);
    buf_puts(&b, ", which the reference list does not have (the dump may "
                 "be cut short)");
    ingest_diag(rs, missing.items[i].line, "lost-reference", buf_take(&b));
  }
  free(missing.items);
}

static int S_diag_cmp(const void *a, const void *b) {
  const mssdoc_diagnostic *x = a, *y = b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  int k = strcmp(x->kind, y->kind);
  return k ? k : strcmp(x->message, y->message);
}

static void S_sort_diagnostics(mssdoc_records *rs) {
  if (rs->diagnostics.count) /* qsort of NULL is undefined, even for 0 */
    qsort(rs->diagnostics.items, rs->diagnostics.count,
          sizeof *rs->diagnostics.items, S_diag_cmp);
}

char *ingest_sha256(const char *data, size_t len) {
  struct sha256_ctx ctx;
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_init(&ctx);
  sha256_update(&ctx, len, (const uint8_t *)data);
  sha256_digest(&ctx, sizeof digest, digest);
  buf b = {0};
  for (size_t i = 0; i < sizeof digest; i++)
    buf_printf(&b, "%02x", digest[i]);
  return buf_take(&b);
}

void ingest_finish(mssdoc_records *rs, ingest_raw_fn raw_of, void *arg) {
  S_infobox_citations(rs);
  S_text_timeline(rs, raw_of, arg);
  S_table_timeline(rs);
  S_incidents(rs);
  S_dates_outside_period(rs);
  consistency_check(rs);
  S_bad_dates(rs);
  S_reference_dates(rs);
  S_template_errors(rs);
  S_short_citations(rs);
  S_lost_citations(rs);
  S_lost_references(rs);
  S_reference_numbers(rs);
  S_sort_diagnostics(rs);
}

char *ingest_slug(const char *title) {
  buf b = {0};
  int dash = 0;
  for (const unsigned char *p = (const unsigned char *)title; *p; p++) {
    if (isalnum(*p) && *p < 0x80) {
      if (dash && b.len)
        buf_putc(&b, '-');
      buf_putc(&b, (char)tolower(*p));
      dash = 0;
    } else
      dash = 1;
  }
  if (b.len == 0)
    buf_puts(&b, "section");
  /* an id is an XML NCName (records.rng), which cannot open with a digit */
  if (isdigit((unsigned char)b.data[0])) {
    char *id = xasprintf("section-%s", b.data);
    buf_free(&b);
    return id;
  }
  return buf_take(&b);
}
