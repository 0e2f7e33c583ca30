# t_views_bounds.sh: every view is linear or n log n in the record set,
# and search memory follows the postings a query touches.  Cost is
# counted in instructions (callgrind, the command's own work without
# loading the data) on hand-made dumps of n and 4n blocks
# (tests/shapes.py): linear work grows 4 times, quadratic work 16 times;
# the check allows 5.5.  No wall clock.  Plain build only: valgrind and
# the sanitizers cannot be stacked.
. "$TESTS/lib.sh"
if ! plain_build; then
  plan 0 # instruction counts and peak memory mean nothing here
  exit 0
fi
plan "$((10 + 12))"

# Ingest memory: peak RSS at most 8 x the input + 16 MiB for every shape
# of tests/shapes.py, each made big enough (3 to 14 MB) that the ratio, not
# the 16 MiB, is what is checked.  ingest without --validate: validating
# is reading the record set back, whose cost is that of -d.
if [ -x /usr/bin/time ]; then
  for shape_n in sections:60000 paragraphs:60000 references:60000 citations:200000 \
    markers:200000 heads:60000 bureaus:60000 sentences:120000 table:60000 \
    lost:60000 lists:60000 tags:200000; do
    shape=${shape_n%%:*} n=${shape_n#*:}
    python3 "$ROOT/tests/shapes.py" "$shape" "$n" >"$TMP/rss.txt"
    size=$(stat -c %s "$TMP/rss.txt")
    rss=$(/usr/bin/time -f %M "$MSSDOC" ingest "$TMP/rss.txt" -o "$TMP/rss.xml" 2>&1 >/dev/null | tail -n 1)
    bound=$((size * 8 / 1024 + 16384))
    if [ -s "$TMP/rss.xml" ] && [ "$rss" -le "$bound" ]; then
      ok "ingest of $n $shape ($((size / 1024)) KiB): peak RSS $rss KiB <= 8 x input + 16 MiB ($bound KiB)"
    else
      not_ok "ingest of $n $shape ($((size / 1024)) KiB): peak RSS $rss KiB <= 8 x input + 16 MiB ($bound KiB)"
    fi
    rm -f "$TMP/rss.txt" "$TMP/rss.xml"
  done
else
  skip 12 "ingest peak RSS per shape" "no /usr/bin/time (Debian package time)"
fi

if ! command -v valgrind >/dev/null; then
  skip 10 "views bounds" "no valgrind (Debian package valgrind)"
  exit 0
fi

# instr FUNCTION FILE ARGS...: instructions run inside FUNCTION (the
# command) but outside cmd_load (reading the data).
instr() {
  local f=$1 d=$2
  shift 2
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    --toggle-collect="$f" --toggle-collect=cmd_load \
    "$MSSDOC" --no-pager -d "$d" "$@" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

# linear NAME SHAPE N FUNCTION ARGS...: FUNCTION's work on 4N blocks of
# SHAPE is under 5.5 times its work on N.
linear() {
  local name=$1 shape=$2 n=$3 f=$4
  shift 4
  for k in "$n" $((4 * n)); do
    [ -f "$TMP/$shape$k.xml" ] ||
      { python3 "$ROOT/tests/shapes.py" "$shape" "$k" >"$TMP/$shape$k.txt" &&
        "$MSSDOC" ingest --validate "$TMP/$shape$k.txt" -o "$TMP/$shape$k.xml" 2>/dev/null; }
  done
  local a b
  a=$(instr "$f" "$TMP/$shape$n.xml" "$@")
  b=$(instr "$f" "$TMP/$shape$((4 * n)).xml" "$@")
  if [ -n "$a" ] && [ -n "$b" ] && [ "$a" -gt 0 ] && [ $((b * 10)) -lt $((a * 55)) ]; then
    ok "$name: linear ($a -> $b instructions for 4x the $shape)"
  else
    not_ok "$name: linear ($a -> $b instructions for 4x the $shape)"
  fi
}

linear "read, many sections" sections 1000 cmd_read read
linear "search, many sections" sections 1000 cmd_search search ministry office
linear "timeline, many sections" sections 1000 cmd_timeline timeline
linear "check, many lost headings" lost 1000 cmd_check check
linear "read, one paragraph of many markers" citations 2000 cmd_read read
linear "read, a table of many rows with markers" table 1000 cmd_read read
linear "cite, many citations of one reference in one sentence" citations 2000 cmd_cite cite 1
linear "cite, many cited sentences in one paragraph" sentences 1000 cmd_cite cite 1

# HTML ingest of a page of many sections whose anchors come in reverse
# order (hand-made): their uniqueness check was a sorted insertion,
# quadratic in that order
for k in 3000 12000; do
  python3 -c '
import sys
n = int(sys.argv[1])
print("<!DOCTYPE html><html><head><title>T</title></head><body><div class=\"mw-parser-output\">")
for i in range(n, 0, -1):
    print("<div class=\"mw-heading mw-heading2\"><h2 id=\"S%07d\">Section %d</h2></div><p>Text %d.</p>" % (i, i, i))
print("</div></body></html>")' "$k" >"$TMP/rev$k.html"
done
hi() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    --toggle-collect=mssdoc_ingest_html "$MSSDOC" ingest "$1" -o /dev/null 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
a=$(hi "$TMP/rev3000.html") b=$(hi "$TMP/rev12000.html")
if [ -n "$a" ] && [ -n "$b" ] && [ "$a" -gt 0 ] && [ $((b * 10)) -lt $((a * 55)) ]; then
  ok "ingest HTML, many sections in reverse order: linear ($a -> $b instructions for 4x the sections)"
else
  not_ok "ingest HTML, many sections in reverse order: linear ($a -> $b instructions for 4x the sections)"
fi

# search of 3,000 distinct words over 4,000 sections: memory no more than
# one word's + 16 MiB (words x texts took 96 MB more).
words=$(seq 3000 | sed 's/^/w/' | tr '\n' ' ')
r1=$(/usr/bin/time -f %M "$MSSDOC" --no-pager -d "$TMP/sections4000.xml" search w1 2>&1 >/dev/null | tail -n 1)
# shellcheck disable=SC2086 # one argument per word
rn=$(/usr/bin/time -f %M "$MSSDOC" --no-pager -d "$TMP/sections4000.xml" search $words 2>&1 >/dev/null | tail -n 1)
if [ "$rn" -le $((r1 + 16384)) ]; then ok "search of 3000 words: peak RSS $rn KiB <= $r1 + 16 MiB"; else
  not_ok "search of 3000 words: peak RSS $rn KiB <= $r1 + 16 MiB"
fi
