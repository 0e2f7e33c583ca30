# t_records_views.sh: properties of the record views (show, timeline, who,
# query) that golden files cannot state: widths, words kept whole, no
# escape bytes when colour is off, every machine format valid (jq, RELAX NG,
# xmllint --html, man, csv), timeline order, and query's bounds.
. "$TESTS/lib.sh"
plan 140
export MSSDOC_PAGER=cat
unset MSSDOC_DATA NO_COLOR
cd "$ROOT" || exit 1

# ---- widths, and the words of the bureaus' directives kept whole --------
"$MSSDOC" export -f json | jq -r '.bureaus[].directive' >"$TMP/directives"
for w in 40 80 200; do
  for cmd in "show bureaus" "show heads" "timeline" "show ministers" \
    "who chen" "show people"; do
    # shellcheck disable=SC2086
    "$MSSDOC" --width "$w" $cmd >"$TMP/out" 2>"$TMP/err"
    got=$(display_width "$TMP/out")
    if [ "$got" -le "$w" ] && [ -s "$TMP/out" ]; then
      ok "$cmd --width $w: widest line $got"
    else
      not_ok "$cmd --width $w: widest line $got columns"
    fi
  done
  "$MSSDOC" --width "$w" show bureaus >"$TMP/bureaus"
  # every word of every directive must appear whole, as often as it occurs
  missing=$(python3 - "$TMP/directives" "$TMP/bureaus" <<'EOF'
import sys
from collections import Counter
want = Counter(open(sys.argv[1], encoding="utf-8").read().split())
have = Counter(open(sys.argv[2], encoding="utf-8").read().split())
print(" ".join(sorted(w for w in want if have[w] < want[w])))
EOF
)
  check_eq "show bureaus --width $w keeps every directive word whole" "" \
    "$missing"
done

# ---- no escape bytes unless colour is asked for ------------------------
esc=$(printf '\033')
for cmd in "show bureaus" "show heads" "timeline" "who chen" "show people"; do
  # shellcheck disable=SC2086
  n=$("$MSSDOC" $cmd | grep -c "$esc")
  check_eq "$cmd into a pipe: no ESC byte" 0 "$n"
  # shellcheck disable=SC2086
  n=$(NO_COLOR=1 "$MSSDOC" --color=auto $cmd | grep -c "$esc")
  check_eq "$cmd with NO_COLOR: no ESC byte" 0 "$n"
done
n=$("$MSSDOC" --color=always show bureaus | grep -c "$esc")
if [ "$n" -gt 0 ]; then ok "--color=always: SGR codes"; else
  not_ok "--color=always gives no SGR code"; fi
n=$("$MSSDOC" --color=always who chen | grep -c "${esc}\[[0-9;]*1mChen Wenqing")
if [ "$n" -gt 0 ]; then ok "who: the name in bold with --color=always"; else
  not_ok "who: the name is not in bold with --color=always"; fi

# ---- machine formats ----------------------------------------------------
KINDS="bureaus ministers heads sections incidents references infobox"
json_cmds=()
for k in $KINDS people; do json_cmds+=("show $k"); done
json_cmds+=("timeline" "timeline --from 1950 --to 1959" "who chen" "who li"
  "query //head/@name" "query count(//head)" "query //nothing")
for cmd in "${json_cmds[@]}"; do
  # shellcheck disable=SC2086
  "$MSSDOC" -f json $cmd >"$TMP/out.json" 2>/dev/null
  check_cmd "$cmd -f json parses with jq" jq -e . "$TMP/out.json"
done
# 79: one item per work (references 11, 21 and 22 name none; t_cite.sh)
check_cmd "show references -f csl parses with jq" \
  sh -c '"$0" -f csl show references | jq -e "length == 79" >/dev/null' \
  "$MSSDOC"

for cmd in "show bureaus" "show ministers" "show heads" "show sections" \
  "show incidents" "show references" "show infobox" "timeline" \
  "timeline --grep spy"; do
  # shellcheck disable=SC2086
  "$MSSDOC" -f xml $cmd >"$TMP/group.xml"
  check_cmd "$cmd -f xml validates against records.rng" \
    xmllint --noout --relaxng data/records.rng "$TMP/group.xml"
done
# query -f xml is one well-formed document, whatever the nodes
"$MSSDOC" -f xml query '//bureau | //head/@name | //event/text()' >"$TMP/q.xml"
check_eq "query -f xml of elements, attributes and text: one document" \
  "0 17 $("$MSSDOC" query 'count(//head)') 0" \
  "$(xmllint --noout "$TMP/q.xml" 2>&1 | wc -l) $(xmllint --xpath 'count(/results/bureau)' "$TMP/q.xml") $(xmllint --xpath 'count(/results/attribute[@name="name"][@element="head"])' "$TMP/q.xml") $(grep -c '^[^ <]' "$TMP/q.xml")"

human_cmds=()
for k in $KINDS people; do human_cmds+=("show $k"); done
human_cmds+=("timeline" "who chen" "who kang")
for cmd in "${human_cmds[@]}"; do
  # shellcheck disable=SC2086
  "$MSSDOC" -f html $cmd >"$TMP/page.html"
  # libxml2's HTML parser is HTML 4: it calls the tags of an inline SVG
  # chart unknown, so those are checked as XML apart, and every other
  # complaint still counts.
  xmllint --html --noout "$TMP/page.html" 2>&1 | grep 'error :' |
    grep -vE 'Tag (svg|defs|pattern|desc|g|line|path|rect|text) invalid$' >"$TMP/lint"
  sed -n '/^<svg /,/^<\/svg>$/p' "$TMP/page.html" >"$TMP/inline.svg"
  if [ ! -s "$TMP/lint" ] &&
    { [ ! -s "$TMP/inline.svg" ] || xmllint --noout "$TMP/inline.svg" 2>>"$TMP/lint"; }; then
    ok "$cmd -f html is well-formed"
  else
    not_ok "$cmd -f html is not well-formed"
    head -5 "$TMP/lint" | sed 's/^/#   /'
  fi
  # shellcheck disable=SC2086
  "$MSSDOC" -f man $cmd >"$TMP/page.1"
  if command -v man >/dev/null; then
    MANWIDTH=80 man --warnings -l "$TMP/page.1" >"$TMP/man.out" \
      2>"$TMP/man.err"
    if [ ! -s "$TMP/man.err" ] && [ -s "$TMP/man.out" ]; then
      ok "$cmd -f man renders without warnings"
    else
      not_ok "$cmd -f man: man warns"
      head -5 "$TMP/man.err" | sed 's/^/#   /'
    fi
  else
    skip 1 "$cmd -f man" "man-db is not installed"
  fi
done

csv_cmds=()
for k in $KINDS people; do csv_cmds+=("show $k"); done
csv_cmds+=("timeline" "timeline --grep kang")
for cmd in "${csv_cmds[@]}"; do
  # shellcheck disable=SC2086
  "$MSSDOC" -f csv $cmd >"$TMP/t.csv"
  bad=$(python3 - "$TMP/t.csv" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
n = len(rows[0]) if rows else 0
print(sum(1 for r in rows if len(r) != n) if len(rows) > 1 else "empty")
EOF
)
  check_eq "$cmd -f csv: every row has the header's fields" 0 "$bad"
done

# ---- timeline order -----------------------------------------------------
for args in "" "--grep kang" "--from 1960 --to 1990"; do
  # shellcheck disable=SC2086
  order=$("$MSSDOC" -f json timeline $args | jq -r '.[].date' | python3 -c '
import re, sys
years = [int(re.match(r"(\d{3})(\d|X)", l).group(1)) * 10 +
         (0 if l[3] == "X" else int(l[3])) for l in sys.stdin.read().split()]
print("sorted" if years == sorted(years) and years else "unsorted %s" % years)
')
  check_eq "timeline $args: start years never decrease" sorted "$order"
done
# the text view is in the same order as the json
first_text=$("$MSSDOC" -f markdown timeline | grep -m1 '^| [^-D]' | cut -d'|' -f2)
first_json=$("$MSSDOC" -f json timeline | jq -r '.[0].date')
check_eq "timeline: the first row is the earliest event" \
  " November 1928 1928-11" "$first_text$first_json"
# year filters: every event overlaps the range
bad=$("$MSSDOC" -f json timeline --from 1950 --to 1959 | jq -r '.[].date' |
  grep -cvE '^(195|1949/19[5-9]|194./195)')
check_eq "timeline --from 1950 --to 1959: only events of the 1950s" 0 "$bad"

# ---- who ----------------------------------------------------------------
for q in chen CHEN "Chén Wénqìng" wenqing "wenqing chen"; do
  name=$("$MSSDOC" -f json who "$q" | jq -r .name)
  check_eq "who '$q' is Chen Wenqing" "Chen Wenqing" "$name"
done
"$MSSDOC" -f json show people | jq -r '.[].name' >"$TMP/people"
check_eq "show people: 9 people, not the non-person rows" 9 \
  "$(wc -l <"$TMP/people" | tr -d ' ')"
check_eq "show people: no row that is an event" 0 \
  "$(grep -ciE 'takeover|placed under' "$TMP/people")"
while read -r p; do
  n=$("$MSSDOC" -f json who "$p" | jq -r .name)
  check_eq "who '$p' finds that person" "$p" "$n"
done <"$TMP/people"

# ---- ministers chosen by what the tables say, not by where they are ------
# a revision whose ministers' table is not captioned "Ministers …": the
# table with the open-ended period is the ministers' table
sed 's/^Ministers of State Security (1983–present)$/Heads of the Ministry (1983–present)/' \
  data/mss.txt >"$TMP/renamed.txt"
got=$("$MSSDOC" -d "$TMP/renamed.txt" -f json show ministers |
  jq -r '[.[].name] | join(",")')
check_eq "show ministers: the open-ended table when none says Minister" \
  "Ling Yun,Jia Chunwang,Xu Yongyue,Geng Huichang,Chen Wenqing" "$got"
# a revision whose ministers' table comes before the others
python3 - data/mss.txt "$TMP/moved.txt" <<'EOF'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
cap = next(i for i, l in enumerate(lines) if l.startswith("Ministers of State Security ("))
end = cap + 1
while end < len(lines) and (lines[end] == "" or lines[end].startswith("No.") or lines[end][:1].isdigit()):
    end += 1
block = lines[cap:end]
first = next(i for i, l in enumerate(lines) if l.startswith("Directors of the"))
rest = lines[:cap] + lines[end:]
out = rest[:first] + block + rest[first:]
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out))
EOF
got=$("$MSSDOC" -d "$TMP/moved.txt" -f json show ministers |
  jq -r '[.[].name] | join(",")')
check_eq "show ministers: the same rows when their table comes first" \
  "Ling Yun,Jia Chunwang,Xu Yongyue,Geng Huichang,Chen Wenqing" "$got"
got=$("$MSSDOC" -d "$TMP/moved.txt" -f json who kang | jq -r '.offices[0].successor')
check_eq "who: the successor is found by number in the same table" \
  "Li Kenong" "$got"

# ---- issue 12: heads rows that name no one are notes --------------------
got=$("$MSSDOC" -f json who "kong yuan" | jq -r '.offices[0].successor')
check_eq "who: a note row is never a successor" "Luo Qingchang" "$got"
got=$("$MSSDOC" -f json who "luo qingchang" | jq -r '.offices[0].predecessor')
check_eq "who: a note row is never a predecessor" "Kong Yuan" "$got"
# the rows whose name cell is not a 2-4 capitalised-word name, read from the export
want=$("$MSSDOC" export -f json | jq '[.heads[] | select(.name | test("^([A-Z][a-z]+ ){1,3}[A-Z][a-z]+$") | not)] | length')
got=$("$MSSDOC" export -f json | jq '[.heads[] | select(.note)] | length')
check_eq "export: every heads row that names no one has note true" "$want" "$got"
total=$("$MSSDOC" export -f json | jq '.heads | length')
check_eq "show heads: notes are not counted as office holders" 1 \
  "$("$MSSDOC" show heads | grep -c "^$((total - want)) office holders and $want notes in ")"

got=$("$MSSDOC" --width 200 who "kong yuan" | grep -c "^Note between Kong Yuan and Luo Qingchang")
check_eq "who: the notes between two terms are shown between them" "$want" "$got"

# ---- issue 12: who --at DATE ---------------------------------------------
got=$("$MSSDOC" -f json who --at 2010 | jq -r '.rows[] | "\(.name)|\(.office)"')
check_eq "who --at 2010: Geng Huichang, Minister of State Security" \
  "Geng Huichang|Ministers of State Security" "$got"
got=$("$MSSDOC" -f json who --at 2016-11 | jq -r '[.rows[].name] | join(",")')
check_eq "who --at a boundary month: both holders" "Geng Huichang,Chen Wenqing" "$got"
got=$("$MSSDOC" -f json who --at 1952-03-04 | jq -r '[.rows[].name] | join(",")')
check_eq "who --at: a year-only term holds for any date in it" "Li Kenong" "$got"
got=$("$MSSDOC" -f json who --at 1968 | jq -r '[.rows[] | select(.note | not)] | length')
check_eq "who --at: a vacancy row is not a holder" 0 "$got"
"$MSSDOC" who --at 19x >/dev/null 2>&1
check_eq "who --at: a bad date is a usage error" 2 "$?"

# ---- issue 12: who NAME outside the heads tables -------------------------
for name in "zhou enlai" "xi jinping"; do
  want=$(grep -n -i "$name" "$ROOT/data/mss.txt" | cut -d: -f1 | sort -n | tr '\n' ' ')
  got=$("$MSSDOC" -f json who "$name" | jq -r '[.paragraphs[].line, .references[].line][]' | sort -n | tr '\n' ' ')
  check_eq "who $name: every dump line that names them (by grep)" "$want" "$got"
done
got=$("$MSSDOC" -f json who "zhōu ēnlái" | jq '.paragraphs | length')
check_eq "who: diacritics folded outside the heads tables" 5 "$got"
got=$("$MSSDOC" -f json who "peter mattis" | jq -r '.references[0].author')
check_eq "who: a reference author, 'Last, First' read as 'First Last'" "Mattis, Peter" "$got"
"$MSSDOC" who "nobody whatsoever" >/dev/null 2>&1
check_eq "who: a name the article never gives is exit 1" 1 "$?"

# ---- issue 12: show heads --at DATE -------------------------------------
got=$("$MSSDOC" -f json show heads --at 2010 | jq -r '[.[].name] | join(",")')
check_eq "show heads --at 2010: Geng Huichang" "Geng Huichang" "$got"
got=$("$MSSDOC" -f json show heads --at 1949 | jq -r '[.[].name] | join(",")')
check_eq "show heads --at 1949: the year-only terms that touch 1949" \
  "Kang Sheng,Li Kenong,Li Kenong" "$got"
"$MSSDOC" show heads --at 1800 >/dev/null 2>&1
check_eq "show heads --at a date no one held office: exit 1" 1 "$?"

# ---- query bounds -------------------------------------------------------
n=$("$MSSDOC" query '//node()' | wc -l)
if [ "$n" -gt 1000 ]; then ok "query //node() prints every node ($n)"; else
  not_ok "query //node() printed $n lines"; fi
"$MSSDOC" query 'count(//node()[count(//node()[count(//node())>0])>0])' \
  >"$TMP/out" 2>"$TMP/err"
check_eq "a costly XPath is refused (exit 2)" "2 0" "$? $(wc -c <"$TMP/out" | tr -d ' ')"
# a record set of 33334 citations, whose attributes are over 100000 nodes
"$MSSDOC" export | python3 -c '
import sys
s = sys.stdin.read()
i = s.index("<citations>") + len("<citations>")
sys.stdout.write(s[:i] + "\n    <citation ref=\"2\" paragraph=\"p1\" line=\"20\"/>" * 33334 + s[i:])
' >"$TMP/big.xml"
"$MSSDOC" -d "$TMP/big.xml" query '//citation/@*' >"$TMP/out" 2>"$TMP/err"
rc=$?
check_eq "query over 100000 nodes: exit 2, nothing printed" "2 0" \
  "$rc $(wc -c <"$TMP/out" | tr -d ' ')"
check_eq "query over 100000 nodes: says so" 1 \
  "$(grep -c 'selects 100[0-9]* nodes; mssdoc prints at most 100000' "$TMP/err")"
# libxml2 never prints on its own: one line, ours
"$MSSDOC" query 'foo(1)' >"$TMP/out" 2>"$TMP/err"
check_eq "an XPath error is one line of ours" "1 1" \
  "$(wc -l <"$TMP/err" | tr -d ' ') $(grep -c '^mssdoc: invalid XPath' "$TMP/err")"

# ---- who -f json: the notes between two terms, as the text view has them
k=$(grep -n '^2 Kong Yuan ' "$ROOT/data/mss.txt" | cut -d: -f1)
l=$(grep -n '^5 Luo Qingchang ' "$ROOT/data/mss.txt" | cut -d: -f1)
check_eq "who -f json: the rows between Kong Yuan's and his successor's (grep) are notes_after" \
  "$(seq $((k + 1)) $((l - 1)) | paste -sd' ')" \
  "$("$MSSDOC" who "kong yuan" -f json | jq -r '[.offices[0].notes_after[].line] | map(tostring) | join(" ")')"
check_eq "who -f json: a note's text is its row's words (grep)" \
  "$(sed -n "$((k + 1))p" "$ROOT/data/mss.txt" | sed -E 's/^[0-9]+ //; s/ [0-9]{4} [0-9]{4}$//')" \
  "$("$MSSDOC" who "kong yuan" -f json | jq -r '.offices[0].notes_after[0].text')"
