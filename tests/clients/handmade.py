#!/usr/bin/env python3
"""handmade.py [--small] IN.xml OUT.xml: a HAND-MADE record set for the consumer
checks: the built-in record set (IN, from `mssdoc export -f xml`) with the
reference fields of issue 13 filled in by hand, as the reference list of
data/mss.txt prints them, so that the citation writers' new fields reach
biber, bibtex, pandoc, citation-js and the CSL schema before the parser
fills them (and after, the same values: the hand annotation wins).

Nothing here comes from running mssdoc's parser: each value below was
read off the reference text by a person.

--small keeps only the references named below (and a few others the
writers treat apart: 5, 11, 22, 69, 82), the first three paragraphs and no
citations: tests/fixtures/handmade/references.xml, which the goldens of
tests/golden/cite/handmade-* read.
"""
import sys
import xml.etree.ElementTree as ET

# number -> fields, each as the reference prints it (data/mss.txt, the
# reference list from line 236).  authors/editors replace the lists;
# ids are (scheme, value) pairs.
HAND = {
    # "... Intelligence and National Security. 8 (1): 23–43. ..."
    6: {"volume": "8", "issue": "1"},
    # "..., Bill Bishop,, August 26, 2020": given name first in the text
    14: {"authors": ["Bishop, Bill"]},
    # "..., European Review of History, Vol. 12, No. 1, March 2005, ..."
    18: {"volume": "12", "issue": "1"},
    # "... CounterIntelligence. 15 (4): 481–495. ... S2CID 154006072."
    23: {"volume": "15", "issue": "4", "ids": [("s2cid", "154006072")]},
    25: {"authors": ["Fitsanakis, Joseph"]},
    26: {"authors": ["Gan, Nectar"]},
    # "... S2CID 200282115. SSRN 3415726."
    40: {"ids": [("s2cid", "200282115"), ("ssrn", "3415726")]},
    57: {"authors": ["Moghe, Sonia"]},
    # "Blanchard, Ben (December 30, 2016). Macfie, Nick (ed.). ..."
    70: {"editors": ["Macfie, Nick"]},
    # "... Radio Free Asia (in Chinese (China)). ..."
    71: {"language": "Chinese"},
    # "... The China Quarterly. 171 (171): 575–596. ... JSTOR 4618770.
    # S2CID 154801635."
    72: {"volume": "171", "issue": "171",
         "ids": [("jstor", "4618770"), ("s2cid", "154801635")]},
    # "... The China Journal. 38: 212–215. ... JSTOR 2950360."
    73: {"volume": "38", "ids": [("jstor", "2950360")]},
    # "... Performance Anomalies. USA: Perimeter Six. ..."
    78: {"place": "USA"},
}

# The children of <reference>, in the order data/records.rng has them.
ORDER = ["text", "author", "editor", "date", "date_text", "title", "work",
         "volume", "issue", "publisher", "place", "pages", "language",
         "isbn", "issn", "oclc", "doi", "id", "archived", "archived_text",
         "retrieved", "retrieved_text", "url"]


def fill(ref, fields):
    kids = {name: [c for c in ref if c.tag == name] for name in ORDER}
    for key, value in fields.items():
        if key in ("authors", "editors"):
            tag = key[:-1]
            kids[tag] = []
            for v in value:
                e = ET.Element(tag)
                e.text = v
                kids[tag].append(e)
        elif key == "ids":
            kids["id"] = []
            for scheme, v in value:
                e = ET.Element("id", scheme=scheme)
                e.text = v
                kids["id"].append(e)
        else:
            e = ET.Element(key)
            e.text = value
            kids[key] = [e]
    tail = ref[0].tail if len(ref) else None
    last = ref[-1].tail if len(ref) else None
    for c in list(ref):
        ref.remove(c)
    for name in ORDER:
        for e in kids[name]:
            e.tail = tail
            ref.append(e)
    if len(ref):
        ref[-1].tail = last


SMALL = set(HAND) | {5, 11, 22, 69, 82}


def shrink(root):
    for c in root:
        if c.tag == "references":
            for r in list(c):
                if int(r.get("number")) not in SMALL:
                    c.remove(r)
        elif c.tag == "paragraphs":
            for r in list(c)[3:]:
                c.remove(r)
        elif c.tag not in ("article", "sections"):
            for r in list(c):
                c.remove(r)


def main():
    args = sys.argv[1:]
    small = args[:1] == ["--small"]
    if small:
        args = args[1:]
    tree = ET.parse(args[0])
    seen = set()
    for ref in tree.getroot().iter("reference"):
        n = int(ref.get("number"))
        if n in HAND:
            fill(ref, HAND[n])
            seen.add(n)
    if seen != set(HAND):
        sys.exit("handmade.py: no reference %s" % sorted(set(HAND) - seen))
    if small:
        shrink(tree.getroot())
    tree.write(args[1], encoding="utf-8", xml_declaration=True)


main()
