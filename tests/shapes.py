#!/usr/bin/env python3
"""tests/shapes.py SHAPE N: writes to stdout a hand-made article dump (in
the shape of data/mss.txt) with N of one kind of block, for the tests of
time and memory bounds.  Every line is made here; no text is taken from
anywhere.  SHAPE is one of:
  sections    N headings, each over a dated paragraph that cites [1]
  paragraphs  N dated paragraphs under one heading, each citing [1]
  references  N references, each cited once (ten markers a paragraph)
  citations   N markers of 100 distinct references in one paragraph
  markers     N distinct markers [1]..[N] over paragraphs of 10, no list
  heads       an agency-heads table of N rows
  bureaus     a bureau table of N rows
  sentences   one paragraph of N sentences, each citing [1]
  table       a bureau table of N rows, each row citing [1]
  lost        N lost headings (a double blank line before each paragraph)
  lists       N lost lists (a line ending in ':' and nothing after it)
  tags        N maintenance tags in one paragraph
"""
import sys

shape, n = sys.argv[1], int(sys.argv[2])
out = sys.stdout
w = out.write
w("Ministry of Test Shapes\n\n")
w("The Ministry of Test Shapes is a made-up agency that exists only to give "
  "the tests an article of a known shape, founded in 1983.[1]\n\n")
nrefs = 1


def para(i, refs="[1]"):
    return ("In %d the ministry opened office number %d in a province of the "
            "country, as the papers said. It was a busy year.%s\n" % (1900 + i % 190, i, refs))


if shape == "sections":
    for i in range(n):
        w("Section number %d\n\n" % i)
        w(para(i) + "\n")
elif shape == "paragraphs":
    w("History\n\n")
    for i in range(n):
        w(para(i) + "\n")
elif shape == "references":
    w("History\n\n")
    for i in range(0, n, 10):
        w(para(i, "".join("[%d]" % k for k in range(i + 1, min(i + 11, n + 1)))) + "\n")
    nrefs = n
elif shape == "citations":
    w("History\n\n")
    w(para(0, "".join("[%d]" % (1 + k % 100) for k in range(n))) + "\n")
    nrefs = 100
elif shape == "markers":
    w("History\n\n")
    for i in range(0, n, 10):
        w(para(i, "".join("[%d]" % k for k in range(i + 1, min(i + 11, n + 1)))) + "\n")
    nrefs = 0
elif shape == "heads":
    w("Agency heads\n\n")
    w("Ministers of Test Shapes (1983–present)\n\n")
    w("No. Name Took office Left office\n")
    for i in range(n):
        w("%d Person Number%d June 1983 September 1985\n" % (i + 1, i))
    w("\n")
elif shape in ("bureaus", "table"):
    w("Organisation\n\n")
    w("Bureau No. Encompassing Division Directive\n")
    cite = "[1]" if shape == "table" else ""
    for i in range(n):
        w("%d Test Division Responsible for testing thing number %d%s\n" % (i + 1, i, cite))
    w("\n")
elif shape == "sentences":
    w("History\n\n")
    w(" ".join("In %d the ministry opened office %d.[1]" % (1900 + i % 190, i) for i in range(n)) + "\n\n")
elif shape == "lost":
    for i in range(n):
        w("\n" + para(i) + "\n")
elif shape == "lists":
    w("History\n\n")
    for i in range(n):
        w("The ministry has offices in the following provinces of the country number %d:\n\n" % i)
elif shape == "tags":
    w("History\n\n")
    w(para(0, "[1]" + "[citation needed]" * n) + "\n")
else:
    sys.exit("unknown shape " + shape)
w("References\n\n")
for k in range(1, nrefs + 1):
    w("  %d. ^ Writer, Some (%d January 2001). \"Title number %d\". The Paper. "
      "Retrieved 2 February 2002.\n" % (k, 1 + k % 28, k))
