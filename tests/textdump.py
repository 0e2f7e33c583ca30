#!/usr/bin/env python3
"""textdump.py PAGE.html: the plain-text dump of a Wikipedia page, made
the way data/mss.txt was (the text of the rendered page), on stdout, for
the cross-check (t_crosscheck.sh).

Test code, independent of the code under test (Python's own HTML parser).
The conventions are those data/mss.txt shows:
- the title on the first line, then the infobox, a row to a line, a
  header cell's text run into its value's ("Formed1 July 1983");
- paragraphs apart by a blank line; a top-level heading (h2) is lost and
  leaves only its blank line, so two blank lines stand where it was;
  sub-headings (h3 and below) are kept as lines of their own;
- every bulleted or numbered list in the body is lost;
- a picture's caption is written twice, on two lines (its alternative
  text and its caption);
- hatnotes and block quotations are lines of their own;
- a table is a line per row, its cells apart by one space;
- citation markers stay in the text ("[12]"), and each reference is a
  line "  12. ^ a b Text…".
"""
import html.parser
import re
import sys

VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link',
        'meta', 'param', 'source', 'track', 'wbr'}
SKIP_TAGS = {'style', 'script', 'noscript', 'head', 'link', 'meta'}
# page furniture, not the article's text
SKIP_CLASSES = {'mw-editsection', 'navbox', 'navbox-styles', 'toc', 'catlinks',
                'printfooter', 'mw-jump-link', 'sistersitebox', 'metadata',
                'ambox', 'sidebar', 'vertical-navbox', 'mw-empty-elt',
                'shortdescription', 'authority-control', 'portal',
                'mw-cite-accessibility-label', 'cite-accessibility-label',
                'asof-tag'}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def classes(self):
        return set((self.attrs.get('class') or '').split())

    def has(self, cls):
        return cls in self.classes()


class Tree(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node('#root', [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def skipped(n):
    """Furniture, or text the page does not show (display: none)."""
    style = (n.attrs.get('style') or '').replace(' ', '')
    return n.tag in SKIP_TAGS or bool(n.classes() & SKIP_CLASSES) or \
        n.attrs.get('id') == 'toc' or 'display:none' in style


def text(n):
    """The text of n as the page shows it, white space collapsed."""
    out = []

    def walk(k):
        if isinstance(k, str):
            out.append(k)
        elif not skipped(k):
            if k.tag == 'br':
                out.append(' ')
            for c in k.children:
                walk(c)
    walk(n)
    # ASCII white space only: the page's no-break spaces stay, as in mss.txt
    return re.sub(r'[ \t\n\r\f]+', ' ', ''.join(out)).strip(' ')


def find(n, pred):
    for c in n.children:
        if isinstance(c, Node):
            if pred(c):
                return c
            d = find(c, pred)
            if d:
                return d
    return None


def heading_rank(n):
    if re.fullmatch(r'h[2-6]', n.tag):
        return int(n.tag[1])
    if n.tag == 'div' and n.has('mw-heading'):
        h = find(n, lambda k: re.fullmatch(r'h[2-6]', k.tag) is not None)
        return int(h.tag[1]) if h else 0
    return 0


def reference(li):
    """A reference as the desktop page shows it: "^ a b Text" (Parsoid's
    backlinks, rel="mw:referencedBy", as the desktop's)."""
    back = find(li, lambda k: k.attrs.get('rel') == 'mw:referencedBy')
    if back is None:
        return text(li)
    links = [a for a in ([back] if back.tag == 'a' else back.children)
             if isinstance(a, Node) and a.tag == 'a']
    marks = '^' + ''.join(' ' + chr(97 + i) for i in range(len(links))) \
        if len(links) > 1 else '^'
    body = find(li, lambda k: k.has('mw-reference-text'))
    return f'{marks} {text(body) if body is not None else ""}'


class Dump:
    def __init__(self):
        self.lines = []

    def line(self, s):
        self.lines.append(s)

    def block(self, s):
        """A paragraph: its text, then a blank line."""
        if s:
            self.lines += [s, '']

    def infobox(self, table):
        rows = []

        def walk(n):
            for c in n.children:
                if isinstance(c, Node) and not skipped(c):
                    if c.tag == 'tr':
                        rows.append(c)
                    elif c.tag in ('tbody', 'thead'):
                        walk(c)
        walk(table)
        for tr in rows[1:]:  # the first row is the box's title
            cells = [c for c in tr.children if isinstance(c, Node)
                     and c.tag in ('th', 'td')]
            s = ''.join(text(c) for c in cells)
            if s:
                self.line(s)
        self.line('')

    def table(self, t):
        cap = find(t, lambda k: k.tag == 'caption')
        if cap is not None:
            self.block(text(cap))

        def rows(n):
            for c in n.children:
                if isinstance(c, Node):
                    if c.tag == 'tr':
                        yield c
                    elif c.tag in ('tbody', 'thead', 'tfoot'):
                        yield from rows(c)
        for tr in rows(t):
            cells = [text(c) for c in tr.children
                     if isinstance(c, Node) and c.tag in ('th', 'td')]
            self.line(' '.join(c for c in cells if c))
        self.line('')

    def references(self, ol):
        k = 0
        for li in ol.children:
            if isinstance(li, Node) and li.tag == 'li':
                k += 1
                self.line(f'  {k}. {reference(li)}')
        self.line('')

    def walk(self, n):
        for c in n.children:
            if isinstance(c, Node) and not skipped(c):
                self.node(c)

    def node(self, n):
        rank = heading_rank(n)
        if rank == 2:
            self.line('')  # lost: its blank line stays
        elif rank > 2:
            self.block(text(n))
        elif n.tag == 'p':
            self.block(text(n))
        elif n.tag == 'blockquote' or n.has('hatnote') or n.has('dablink'):
            self.block(text(n))
        elif n.tag == 'figcaption' or n.has('thumbcaption') or n.has('gallerytext'):
            s = text(n)
            if s:
                self.lines += [s, s, '']
        elif n.tag == 'ol' and n.has('references'):
            self.references(n)
        elif n.tag in ('ul', 'ol', 'dl') and not n.has('gallery'):
            pass  # lost
        elif n.tag == 'table':
            if n.has('infobox'):
                self.infobox(n)
            else:
                self.table(n)
        else:
            self.walk(n)


def main():
    tree = Tree()
    with open(sys.argv[1], encoding='utf-8') as f:
        tree.feed(f.read())
    root = tree.root
    h1 = find(root, lambda k: k.tag == 'h1' and k.attrs.get('id') == 'firstHeading')
    title = text(h1) if h1 else ''
    if not title:
        t = find(root, lambda k: k.tag == 'title')
        title = re.sub(r' - Wikipedia$', '', text(t)) if t else ''
    if not title:  # action=parse output: the page its edit links edit
        a = find(root, lambda k: k.tag == 'a' and 'action=edit' in
                 (k.attrs.get('href') or '') and 'title=' in k.attrs['href'])
        m = re.search(r'title=([^&]*)', a.attrs['href']) if a else None
        title = m.group(1).replace('_', ' ') if m else ''
    content = find(root, lambda k: k.has('mw-parser-output')) or \
        find(root, lambda k: k.attrs.get('id') == 'mw-content-text') or \
        find(root, lambda k: k.tag == 'body') or root
    d = Dump()
    d.line(title)
    d.walk(content)
    out = '\n'.join(d.lines)
    print(re.sub(r'\n{4,}', '\n\n\n', out).rstrip('\n'))


main()
