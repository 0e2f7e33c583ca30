# t_bounds.sh: inputs that would cost unbounded time or memory are refused
# early, with one message saying which bound, never after the work: binary
# data as soon as its opening block is read, an XPath past its CPU time,
# and (in the plain build) the step limit scaled with the document.
# `timeout` below is a hang guard only, never a speed assertion.
. "$TESTS/lib.sh"
# 20 checks, and 7 that only the plain build runs (a 20 MB record set,
# an 11 MB paragraph, a 140 MiB article)
plan "$((20 + $(plain_build && echo 7 || echo 0)))"
G="timeout 600" # hang guard (generous: the suite also runs under valgrind)

# fails NAME PATTERN COMMAND...: exit 2, nothing on stdout, stderr one
# "mssdoc: " line matching PATTERN (grep -E).
fails() {
  local name=$1 pattern=$2
  shift 2
  $G "$@" >"$TMP/out" 2>"$TMP/err"
  local rc=$?
  check_eq "$name: exit 2, one message, no output" "2 1 1 0" \
    "$rc $(wc -l <"$TMP/err") $(grep -c '^mssdoc: ' "$TMP/err") $(wc -c <"$TMP/out")"
  if grep -qE -- "$pattern" "$TMP/err"; then ok "$name: the message says which bound"; else
    not_ok "$name: the message says which bound (/$pattern/)"
    head -c 300 "$TMP/err" | sed 's/^/#   /'
  fi
}

# ---- binary input: refused after its opening block ----
fails "ingest /dev/zero" '/dev/zero is binary data' "$MSSDOC" ingest /dev/zero
fails "-d /dev/urandom" '/dev/urandom is binary data' "$MSSDOC" -d /dev/urandom toc
# From a pipe: what mssdoc leaves unread, the next reader gets.  Reading
# stopped after the opening block, not after 64 MiB.
left=$(head -c 67108864 /dev/zero | {
  $G "$MSSDOC" ingest - >/dev/null 2>&1
  wc -c
})
if [ "$left" -gt 60000000 ]; then ok "a pipe of NULs: read no further than the first blocks"; else
  not_ok "a pipe of NULs: read no further than the first blocks ($left of 67108864 bytes left unread)"
fi

# ---- -d FILE.xml: a start tag with 100,000 attributes ----
# libxml2's cost per start tag grows with the square of its attributes
# (18 s for 100,000): refused by a linear pre-scan before libxml2 reads
# the file.  The limit (64) stands above the most the schema allows one
# element, counted here from data/records.rng.
check_eq "the schema allows an element at most 10 attributes (the message says so)" 10 \
  "$(python3 - "$ROOT/data/records.rng" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "{http://relaxng.org/ns/structure/1.0}"
t = ET.parse(sys.argv[1])
defs = {d.get("name"): d for d in t.iter(ns + "define")}
def count(node, seen):
    n = 0
    for c in node:
        if c.tag == ns + "attribute": n += 1
        elif c.tag == ns + "element": continue
        elif c.tag == ns + "ref" and c.get("name") not in seen:
            n += count(defs[c.get("name")], seen | {c.get("name")})
        elif c.tag != ns + "ref": n += count(c, seen)
    return n
print(max(count(e, set()) for e in t.iter(ns + "element")))
PY
)"
python3 -c '
print("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records version=\"1\">\n<!-- a comment: don'"'"'t count <x a=1 b=2> -->")
print("<article " + " ".join("a%d=\"x\"" % i for i in range(100000)) + "/></records>")' >"$TMP/attrs.xml"
fails "-d a record set with 100000 attributes on one element" \
  'attrs\.xml is not a valid record set: line 4: an element with more than 64 attributes .*refused before parsing' \
  "$MSSDOC" -d "$TMP/attrs.xml" toc
iconv -f UTF-8 -t UTF-16 "$TMP/attrs.xml" >"$TMP/attrs16.xml"
fails "-d the same in UTF-16" \
  'attrs16\.xml is not a valid record set: line 4: an element with more than 64 attributes' \
  "$MSSDOC" -d "$TMP/attrs16.xml" toc

# ---- sizes: the largest article, and what ingest writes reads back ----
check_eq "help ingest, the man page and the README state the size bounds" "1 1 1" \
  "$("$MSSDOC" help ingest | grep -c 'an article of at most 128 MiB, a record set of at most 1024 MiB') $(grep -c 'The article may be at most 128 MiB and its record set at most 1024 MiB' "$ROOT/data/mssdoc.1.md") $(grep -c 'is 128 MiB, and the largest record set 1024 MiB' "$ROOT/README.md")"
# Plain build only: 11 MB and 140 MB inputs (seconds; far more under a
# checker).
if plain_build; then
  # one paragraph of 11 MB (past libxml2's 10 MB text node): ingest writes
  # it, the schema (xmllint) accepts it, and -d reads it back whole
  para=$(grep -n '^The stated mission' "$ROOT/data/mss.txt" | cut -d: -f1)
  { head -n "$((para - 1))" "$ROOT/data/mss.txt"
    yes 'zyxw' | head -n 2300000 | tr '\n' ' '; echo
    tail -n "+$((para + 1))" "$ROOT/data/mss.txt"; } >"$TMP/para.txt"
  $G "$MSSDOC" ingest "$TMP/para.txt" -o "$TMP/para.xml" 2>"$TMP/err"
  check_eq "an 11 MB paragraph: ingests, no internal error" "0 0" \
    "$? $(grep -c 'internal error\|huge' "$TMP/err")"
  check_cmd "an 11 MB paragraph: the record set validates (xmllint --huge)" \
    xmllint --huge --noout --relaxng "$ROOT/data/records.rng" "$TMP/para.xml"
  check_eq "an 11 MB paragraph: -d reads the record set back, the paragraph whole" \
    "0 $((2300000 * 5 - 1))" \
    "$(n=$($G "$MSSDOC" -d "$TMP/para.xml" query --max-time 600 'string-length(//paragraph[starts-with(text, "zyxw")]/text)' 2>&1); echo "$? $n")"
  # 140 MiB of text: past the largest article (128 MiB), refused before
  # ingest does anything
  yes 'The Ministry of State Security is an agency.' | head -c 146800640 >"$TMP/huge.txt"
  fails "ingest of a 140 MiB article" \
    'huge\.txt is 140 MiB, larger than the largest article mssdoc reads \(128 MiB\)$' \
    "$MSSDOC" ingest "$TMP/huge.txt"
  if [ -x /usr/bin/time ]; then # refused from its size, before it is read
    rss=$(/usr/bin/time -f %M "$MSSDOC" ingest "$TMP/huge.txt" 2>&1 >/dev/null | tail -n 1)
    if [ "$rss" -le 16384 ]; then ok "a 140 MiB article is refused unread (peak RSS $rss KiB <= 16 MiB)"; else
      not_ok "a 140 MiB article is refused unread (peak RSS $rss KiB <= 16 MiB)"
    fi
  else
    skip 1 "a 140 MiB article is refused unread" "no /usr/bin/time (Debian package time)"
  fi
  rm -f "$TMP/huge.txt" "$TMP/para.txt" "$TMP/para.xml"
fi

# ---- query: CPU time ----
# concat() of 400 copies of the whole text: a few libxml2 steps, each
# building a longer string (38 s and 108 MB before the time bound).
E="string-length(concat(string(/)$(for _ in $(seq 400); do printf ',string(/)'; done)))"
fails "query of 400 concatenated texts" 'needs more than 2 s of CPU time; .*--max-time' \
  "$MSSDOC" query "$E"
fails "query --max-time 0.2" 'needs more than 0\.2 s of CPU time' \
  "$MSSDOC" query --max-time 0.2 "$E"
fails "query --max-time 0" '--max-time takes seconds' "$MSSDOC" query --max-time 0 'count(/)'
check_eq "query --max-time=5 evaluates as without it" \
  "$("$MSSDOC" query 'count(//paragraph)')" \
  "$($G "$MSSDOC" query --max-time=5 'count(//paragraph)')"
"$MSSDOC" help query >"$TMP/help"
check_eq "help query states the time, memory, step and node bounds" "1 1 1 1" \
  "$(grep -c '2 s of CPU time (--max-time' "$TMP/help") $(grep -c '256 MiB of memory' "$TMP/help") $(grep -c '2,000,000 libxml2 steps plus 16 per byte' "$TMP/help") $(grep -c 'at most 100000 nodes' "$TMP/help")"
check_eq "the man page states the time bound" 1 \
  "$(grep -c '2 seconds of CPU time (\*\*--max-time\*\*' "$ROOT/data/mssdoc.1.md")"

# ---- query: the step limit grows with the document ----
# 400,000 citations (20 MB): count() with a predicate takes more than the
# old fixed 2,000,000 steps.  The plain build only (seconds of CPU; far
# more under a checker).
if plain_build; then
  "$MSSDOC" export | python3 -c '
import sys
s = sys.stdin.read()
i = s.index("<citations>") + len("<citations>")
sys.stdout.write(s[:i] + "\n    <citation ref=\"2\" paragraph=\"p1\" line=\"20\"/>" * 400000 + s[i:])
' >"$TMP/big.xml"
  base=$("$MSSDOC" query 'count(//citation[@ref=2])')
  check_eq "count() over 400000 citations: within the scaled step limit" \
    "0 $((base + 400000))" \
    "$(r=$($G "$MSSDOC" -d "$TMP/big.xml" query --max-time 600 "count(//citation[@ref=2])" 2>&1); echo "$? $r")"
fi
