#!/usr/bin/env python3
"""wikihtml.py [--legacy]: writes a record set (mssdoc export -f json, on
stdin) as a page in Wikipedia's markup, on stdout, for the round-trip test
(t_roundtrip.sh).

Test code, independent of the code under test: it writes the markup of the
desktop pages in tests/fixtures/html/ (the current <div class="mw-heading">
headings, <sup class="reference"> markers, <ol class="references"> with
backlinks, an infobox of header/value rows, wikitables with header cells),
from the records alone.  What a record set holds that such a page has no
place for (an infobox field without a value, the romanised native name) is
not written; t_roundtrip.sh says so.
"""
import html
import json
import sys

# --legacy: the headings of the legacy parser before 2024,
# <h2><span class="mw-headline" id="…">; else the current
# <div class="mw-heading"><h2 id="…">
LEGACY = sys.argv[1:] == ['--legacy']


def esc(s):
    return html.escape(s, quote=True)


def marker(n, k):
    return (f'<sup id="cite_ref-{n}_{k}" class="reference">'
            f'<a href="#cite_note-{n}">[{n}]</a></sup>')


class Markers:
    """Numbers each citation of a reference, for the backlinks."""

    def __init__(self):
        self.seen = {}

    def next(self, n):
        k = self.seen.get(n, 0)
        self.seen[n] = k + 1
        return marker(n, k)


def tag(t):
    """A maintenance tag as the {{citation needed}} family renders it."""
    page = t.capitalize().replace(' ', '_')
    return ('<sup class="noprint Inline-Template Template-Fact">[<i>'
            f'<a href="/wiki/Wikipedia:{esc(page)}">{esc(t)}</a></i>]</sup>')


def inline(text, refs, offsets, marks, tags=(), tag_offsets=()):
    """text with a marker for each of refs, and each of tags, at its byte
    offset (markers first where both stand)."""
    b = text.encode()
    out, at = [], 0
    items = [(off, 0, i, n) for i, (n, off) in enumerate(zip(refs, offsets))]
    items += [(off, 1, i, t) for i, (t, off) in enumerate(zip(tags, tag_offsets))]
    for off, is_tag, _, what in sorted(items):
        out.append(esc(b[at:off].decode()))
        out.append(tag(what) if is_tag else marks.next(what))
        at = off
    out.append(esc(b[at:].decode()))
    return ''.join(out)


def date_words(edtf):
    """How many words the table wrote a date in: 1983, June 1983, 4 June 1983."""
    if edtf is None:
        return 1  # "Incumbent"
    return {1: 1, 2: 2, 3: 3}[len(edtf.split('-'))]


def row_cells(line, head_row):
    """A row of a table paragraph split into the cells its record names."""
    words = line.split(' ')
    if head_row is None:
        return [line]
    kind, rec = head_row
    if kind == 'bureau':
        number = line[:len(line) - len(rec['division']) - len(rec['directive']) - 2]
        return [number, rec['division'], rec['directive']]
    # a head: number, name, took office, left office
    took, left = date_words(rec['took_office']), date_words(rec['left_office'])
    n = len(words)
    return [words[0], ' '.join(words[1:n - took - left]),
            ' '.join(words[n - took - left:n - left]), ' '.join(words[n - left:])]


def table(p, caption, rs, marks):
    lines = p['text'].split('\n')
    heads = [h for h in rs['heads'] if caption and
             caption.startswith(h['office'])]
    bureaus = rs['bureaus'] if lines and lines[0].startswith('Bureau') else []
    out = ['<table class="wikitable">']
    if caption:
        out.append(f'<caption>{esc(caption)}</caption>')
    out.append('<tbody>')
    if heads:
        header = ['No.', 'Name', 'Took office', 'Left office']
        body = [('head', h) for h in heads]
    elif bureaus:
        rest = lines[0][len('Bureau No. '):]
        header = ['Bureau No.', rest[:rest.index(' Directive')], 'Directive']
        body = [('bureau', b) for b in bureaus]
    else:
        header, body = None, [None] * (len(lines) - 1)
    if header and ' '.join(header) != lines[0]:
        sys.exit(f'wikihtml: header of {p["id"]} is not {lines[0]!r}')
    out.append('<tr>' + ''.join(f'<th>{esc(h)}</th>' for h in header) + '</tr>'
               if header else f'<tr><td>{esc(lines[0])}</td></tr>')
    # each cell's byte range in the paragraph's text, for its markers
    at = len(lines[0].encode()) + 1
    for line, rec in zip(lines[1:], body):
        cells = row_cells(line, rec)
        if ' '.join(cells) != line:
            sys.exit(f'wikihtml: a row of {p["id"]} does not split: {line!r}')
        tds = []
        for c in cells:
            n = len(c.encode())
            mine = [(r, o - at) for r, o in zip(p['refs'], p['ref_offsets'])
                    if at <= o <= at + n and not (o == at + n and c is not cells[-1])]
            tds.append(f'<td>{inline(c, [r for r, _ in mine], [o for _, o in mine], marks)}</td>')
            at += n + 1
        out.append('<tr>' + ''.join(tds) + '</tr>')
    out.append('</tbody></table>')
    return '\n'.join(out)


def infobox(rs, marks):
    out = ['<table class="infobox vcard"><tbody>',
           f'<tr><th colspan="2" class="infobox-above">{esc(rs["article"]["title"])}</th></tr>']
    for it in rs['infobox']:
        v = it['value']
        refs = ''.join(marks.next(n) for n in it['refs'])
        if it['kind'] == 'header':
            out.append(f'<tr><th colspan="2" class="infobox-header">{esc(v)}</th></tr>')
        elif it['kind'] == 'caption':
            out.append(f'<tr><td colspan="2" class="infobox-image">'
                       f'<div class="infobox-caption">{esc(v)}{refs}</div></td></tr>')
        elif it['kind'] == 'field' and v:
            out.append(f'<tr><th scope="row" class="infobox-label">{esc(it["label"])}</th>'
                       f'<td class="infobox-data">{esc(v)}{refs}</td></tr>')
    out.append('</tbody></table>')
    return '\n'.join(out)


# the {{dead link}} template as the legacy parser renders it
DEAD = ('<sup class="noprint Inline-Template"><span style="white-space: nowrap;">'
        '&#91;<i><a href="/wiki/Wikipedia:Link_rot" title="Wikipedia:Link rot">'
        '<span title="Dead link tagged May 2022">dead link</span></a></i>&#93;</span></sup>')


def references(rs):
    out = ['<div class="reflist"><ol class="references">']
    for r in rs['references']:
        n, k = r['number'], r['backlinks']
        if k == 1:
            back = f'<b><a href="#cite_ref-{n}_0">^</a></b>'
        else:
            back = '^ ' + ' '.join(
                f'<a href="#cite_ref-{n}_{i}"><sup><i><b>{chr(97 + i)}</b></i></sup></a>'
                for i in range(k))
        out.append(f'<li id="cite_note-{n}"><span class="mw-cite-backlink">{back}</span> '
                   f'<span class="reference-text">{esc(r["text"])}{DEAD if r["dead_link"] else ""}'
                   '</span></li>')
    out.append('</ol></div>')
    return '\n'.join(out)


def main():
    rs = json.load(sys.stdin)
    title = rs['article']['title']
    marks = Markers()
    body = [infobox(rs, marks)]
    paras = {}
    for p in rs['paragraphs']:
        paras.setdefault(p['section'], []).append(p)
    refs_section = None
    for s in rs['sections']:
        if s['title'] == 'References':
            refs_section = s['id']
    for s in rs['sections']:
        level = s['level']
        if level in (1, 2) and s['id'] != 'lead':
            h, sid, t = level + 1, esc(s['id']), esc(s['title'])
            edit = '<span class="mw-editsection">[edit]</span>'
            if LEGACY:
                body.append(f'<h{h}><span class="mw-headline" id="{sid}">{t}</span>{edit}</h{h}>')
            else:
                body.append(f'<div class="mw-heading mw-heading{h}"><h{h} id="{sid}">{t}</h{h}>'
                            f'{edit}</div>')
        caption = s['title'] if level == 3 else None
        for p in paras.get(s['id'], []):
            text = inline(p['text'], p['refs'], p['ref_offsets'], marks,
                          p['tags'], p['tag_offsets'])
            kind = p['kind']
            if kind == 'body':
                body.append(f'<p>{text}</p>')
            elif kind == 'caption':
                body.append('<figure class="mw-default-size" typeof="mw:File/Thumb">'
                            f'<a href="/wiki/File:X.jpg"></a><figcaption>{text}</figcaption></figure>')
            elif kind == 'hatnote':
                body.append(f'<div role="note" class="hatnote navigation-not-searchable">{text}</div>')
            elif kind == 'quotation':
                body.append(f'<blockquote><p>{text}</p></blockquote>')
            elif kind == 'table':
                body.append(table(p, caption, rs, marks))
                caption = None
            else:
                sys.exit(f'wikihtml: no markup for a paragraph of kind {kind}')
        if s['id'] == refs_section:
            body.append(references(rs))
    if refs_section is None:
        body.append(references(rs))
    print('<!DOCTYPE html>\n<html lang="en"><head><meta charset="UTF-8">'
          f'<title>{esc(title)} - Wikipedia</title></head><body>'
          f'<h1 id="firstHeading" class="firstHeading">{esc(title)}</h1>'
          '<div id="mw-content-text"><div class="mw-content-ltr mw-parser-output">')
    print('\n'.join(body))
    print('</div></div></body></html>')


main()
