# t_diff.sh: `mssdoc diff` on variants of the article made here, by
# editing a copy of data/mss.txt with sed and python (never by mssdoc): a
# minister added, a bureau renamed, a reference inserted in the middle
# (every later one renumbered, in the list and in the text), a section
# renamed, a paragraph moved to another section, a sentence changed, and
# CRLF line ends with a BOM.  Each gives exactly the changes made: the
# record it edits, and the records the article derives from that one (a
# heads table's row is also a line of the table's paragraph and a
# timeline event; a sentence with a date is an event too), nothing else.
# Then diff A A for every input form, the formats, the options and the
# errors.
. "$TESTS/lib.sh"
plan 47
export NO_COLOR=1 MSSDOC_PAGER=cat
unset MSSDOC_DATA
A="$TMP/base.txt"
cp "$ROOT/data/mss.txt" "$A"

# changes FILE: one line per change of base -> FILE: kind, op, the fields
# that differ, the key cut at 40 characters
changes() {
  "$MSSDOC" diff "$A" "$1" -f json |
    jq -r '.[] | "\(.kind) \(.op) [\(.fields | join(","))] \(.key[0:40])"'
}

# ---- a minister added: the new row, the row before it ends its term ----
sed 's/^5 Chen Wenqing November 2016 Incumbent$/5 Chen Wenqing November 2016 October 2022\n6 Chen Yixin October 2022 Incumbent/' \
  "$A" >"$TMP/minister.txt"
check_eq "the minister variant differs from the article (sed did its edit)" "1" \
  "$(diff "$A" "$TMP/minister.txt" | grep -c '^> 6 Chen Yixin')"
check_eq "a minister added: the holder added, the one before ends, the table's paragraph, a timeline event" \
  "heads changed [left_office,incumbent] Chen Wenqing (Ministers of State Securit
heads added [] Chen Yixin (Ministers of State Security)
paragraphs changed [text] Ministers of State Security (1983–presen
timeline added [] 2022-10: Chen Yixin took office (Ministe" \
  "$(changes "$TMP/minister.txt")"
"$MSSDOC" diff "$A" "$TMP/minister.txt" >"$TMP/out"
check_eq "something changed: exit 1, as diff(1)" "1" "$?"
check_eq "the summary first: the holder added and changed by name, the rest per section" \
  "• 1 office holder added (Chen Yixin), 1 changed (Chen Wenqing)
• 1 paragraph changed in 'Ministers of State Security (1983–present)'
• 1 timeline event added in 'Ministers of State Security (1983–present)'" \
  "$(sed -n '/^Summary$/,/^Office holders$/p' "$TMP/out" | grep '^•')"
check_eq "a changed field shows the old value and the new one" \
  "  • left_office: {+2022-10+}
  • incumbent: [-true-] {+false+}" \
  "$(sed -n '/^• Changed Chen Wenqing/,/^•/p' "$TMP/out" | grep '^  •')"
"$MSSDOC" diff "$A" "$TMP/minister.txt" --stat >"$TMP/stat"
check_eq "--stat: only the summary (the same lines, no details)" \
  "$(sed -n '1,/^Office holders$/p' "$TMP/out" | sed '$d' | sed '$d')" "$(cat "$TMP/stat")"
check_eq "--stat -f json: the count of each op per kind" \
  "heads 1 0 1 0 0,paragraphs 0 0 1 0 0,timeline 1 0 0 0 0" \
  "$("$MSSDOC" diff "$A" "$TMP/minister.txt" --stat -f json | jq -r 'map("\(.kind) \(.added) \(.removed) \(.changed) \(.moved) \(.renumbered)") | join(",")')"
check_eq "--kind heads: only the office holders" "heads heads" \
  "$("$MSSDOC" diff "$A" "$TMP/minister.txt" --kind heads -f json | jq -r 'map(.kind) | join(" ")')"
check_eq "--kind timeline,heads: both, in the report's order" "heads heads timeline" \
  "$("$MSSDOC" diff "$A" "$TMP/minister.txt" --kind=timeline,heads -f json | jq -r 'map(.kind) | join(" ")')"
"$MSSDOC" diff "$A" "$TMP/minister.txt" --kind bureaus >"$TMP/out"
check_eq "--kind bureaus, which did not change: no output, exit 0" "0 0" "$? $(wc -c <"$TMP/out")"
check_eq "json: before and after are the records as export writes them" \
  "$(jq -c '.heads[] | select(.name == "Chen Wenqing")' <("$MSSDOC" -d "$A" export -f json)) null" \
  "$("$MSSDOC" diff "$A" "$TMP/minister.txt" -f json | jq -c '.[0].before, (.[1].before)' | tr '\n' ' ' | sed 's/ $//')"

# ---- a bureau renamed: the bureau and the row of its table ----
sed 's/^2 International Intelligence Division /2 Foreign Intelligence Division /' "$A" >"$TMP/bureau.txt"
check_eq "a bureau renamed: that bureau's division, and its table's paragraph" \
  "bureaus changed [division] Bureau 2: Foreign Intelligence Division
paragraphs changed [text] The government lists that headquarters a" \
  "$(changes "$TMP/bureau.txt")"
check_eq "the word diff of the division, without colour" \
  "  • division: [-International-] {+Foreign+} Intelligence Division" \
  "$("$MSSDOC" diff "$A" "$TMP/bureau.txt" | grep '^  • division')"
check_eq "with colour: the old word red, the new one green, no brackets" \
  "  • division: ESC[0;31mInternationalESC[0m ESC[0;32mForeignESC[0m Intelligence DivisionESC[0m" \
  "$("$MSSDOC" --color always diff "$A" "$TMP/bureau.txt" | grep 'division:' | sed 's/\x1b/ESC/g; s/^ESC\[0m//')"

# ---- a reference inserted after 40: every later one renumbered ----
python3 - "$A" "$TMP/refins.txt" <<'EOF'
import re, sys
lines, out, K = open(sys.argv[1], encoding="utf-8").read().split("\n"), [], 40
new = '. ^ Doe, Jane (2020). "A new study of the Ministry". Example Press.'
for l in lines:
    m = re.match(r"^(\s*)(\d+)\. \^", l)
    if m:  # an entry of the list: renumbered, the new one after K
        n = int(m.group(2))
        out.append(l[:m.start(2)] + str(n + (n > K)) + l[m.end(2):])
        if n == K:
            out.append(m.group(1) + str(K + 1) + new)
    else:  # a marker [N] in the text
        out.append(re.sub(r"\[(\d+)\]", lambda m: "[%d]" % (int(m.group(1)) + (int(m.group(1)) > K)), l))
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out))
EOF
last=$(grep -cE '^ *[0-9]+\. \^' "$A")
check_eq "the variant has one reference more, numbered 41" "$((last + 1)) 1" \
  "$(grep -cE '^ *[0-9]+\. \^' "$TMP/refins.txt") $(grep -c '^ *41\. \^ Doe, Jane' "$TMP/refins.txt")"
"$MSSDOC" diff "$A" "$TMP/refins.txt" -f json >"$TMP/refins.json"
check_eq "a reference inserted: it is added, and nothing else changes" \
  "references added 41: A new study of the Ministry" \
  "$(jq -r '.[] | select(.op != "renumbered") | "\(.kind) \(.op) \(.key)"' "$TMP/refins.json")"
check_eq "every later reference is renumbered, otherwise unchanged (41 -> 42 … $last -> $((last + 1)))" \
  "$(seq 41 "$last" | awk '{print $1 ">" $1 + 1}' | paste -sd ' ')" \
  "$(jq -r '[.[] | select(.op == "renumbered") | "\(.before.number)>\(.after.number)"] | join(" ")' "$TMP/refins.json")"
check_eq "renumbered: only the number differs" "number" \
  "$(jq -r '[.[] | select(.op == "renumbered") | .fields[]] | unique | join(" ")' "$TMP/refins.json")"
check_eq "the renumbered references in one line, as runs" \
  "• Renumbered, otherwise unchanged: 41–$last → 42–$((last + 1))" \
  "$("$MSSDOC" diff "$A" "$TMP/refins.txt" | grep '^• Renumbered')"
check_eq "the summary: 1 added, the rest renumbered" \
  "• 1 reference added, $((last - 40)) renumbered" \
  "$("$MSSDOC" diff "$A" "$TMP/refins.txt" --stat | grep '^•')"

# ---- a section renamed ----
sed 's/^Death of the Diaochabu$/End of the Diaochabu/' "$A" >"$TMP/section.txt"
check_eq "a section renamed: its title, nothing else (its paragraphs stay in it)" \
  "sections changed [title] End of the Diaochabu" "$(changes "$TMP/section.txt")"

# ---- a paragraph moved to another section ----
python3 - "$A" "$TMP/moved.txt" <<'EOF'
import sys
L = open(sys.argv[1], encoding="utf-8").read().split("\n")
i = next(k for k, l in enumerate(L) if l.startswith("Hoping to force a Vietnamese"))
p = L[i]
del L[i:i + 2]  # the paragraph and the blank line after it
j = next(k for k, l in enumerate(L) if l.startswith("At the end of the Cultural Revolution"))
L[j + 1:j + 1] = ["", p]
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(L))
EOF
check_eq "a paragraph moved: a move of the paragraph (and of its dated event), no text changed" \
  "paragraphs moved [section] Death of the Diaochabu: Hoping to force 
timeline moved [section] 1979-02: Hoping to force a Vietnamese wi" \
  "$(changes "$TMP/moved.txt")"
check_eq "a move names both sections" \
  "• 1 paragraph moved to 'Death of the Diaochabu'
  • section: [-Vietnamese invasion of Cambodia-] {+Death of the Diaochabu+}" \
  "$("$MSSDOC" diff "$A" "$TMP/moved.txt" | grep -E '^• 1 paragraph|^  • section' | head -2)"

# ---- a sentence changed ----
sed 's/In October 2018, the Deputy Minister/In October 2018, a Deputy Minister/' "$A" >"$TMP/sentence.txt"
check_eq "a sentence changed: its paragraph's text, and the event it dates" \
  "paragraphs changed [text] Ministry of State Security (1983–present
timeline changed [text] 2018-10: In October 2018, a Deputy Minis" \
  "$(changes "$TMP/sentence.txt")"
check_eq "the word diff: the changed word in its context, the rest cut" \
  "  • text: … groups such as Double Dragon. In October 2018, [-the-] {+a+} Deputy" \
  "$("$MSSDOC" --width 200 diff "$A" "$TMP/sentence.txt" | grep '^  • text' | head -1 | cut -c1-83)"
"$MSSDOC" -f markdown diff "$A" "$TMP/sentence.txt" >"$TMP/md"
check_eq "markdown: <del> and <ins> (CommonMark's inline HTML)" "2" \
  "$(grep -c '<del>the</del> <ins>a</ins>' "$TMP/md")"
"$MSSDOC" -f html diff "$A" "$TMP/sentence.txt" >"$TMP/page.html"
check_eq "html: the deleted and inserted words marked up, each kind collapsible (xmllint)" \
  "the a 2" \
  "$(xmllint --html --xpath 'concat(string((//del)[1]), " ", string((//ins)[1]), " ", count(//details[summary]))' "$TMP/page.html" 2>/dev/null)"

# ---- CRLF and a BOM: no change ----
{ printf '\357\273\277'; sed 's/$/\r/' "$A"; } >"$TMP/crlf.txt"
check_eq "the CRLF variant differs in bytes" "1" "$(cmp -s "$A" "$TMP/crlf.txt" || echo 1)"
"$MSSDOC" diff "$A" "$TMP/crlf.txt" >"$TMP/out" 2>&1
check_eq "CRLF and a BOM only: no output, exit 0" "0 0" "$? $(wc -c <"$TMP/out")"
check_eq "CRLF and a BOM only: json []" "[]" \
  "$("$MSSDOC" diff "$A" "$TMP/crlf.txt" -f json | jq -c .)"

# ---- every edit at once: the union of the changes, nothing more ----
sed -e 's/^2 International Intelligence Division /2 Foreign Intelligence Division /' \
  -e 's/^Death of the Diaochabu$/End of the Diaochabu/' \
  -e 's/In October 2018, the Deputy Minister/In October 2018, a Deputy Minister/' \
  "$TMP/minister.txt" >"$TMP/all.txt"
check_eq "four edits at once: exactly the four edits' changes" \
  "$(for v in minister bureau section sentence; do changes "$TMP/$v.txt"; done | sed 's/Death of/End of/' | sort)" \
  "$(changes "$TMP/all.txt" | sort)"

# ---- diff A A: empty, exit 0, for every input form ----
same() { # same NAME A B
  "$MSSDOC" diff "$2" "$3" >"$TMP/out" 2>&1
  check_eq "$1: no output, exit 0" "0 0" "$? $(wc -c <"$TMP/out")"
}
same "a dump against itself" "$A" "$A"
same "an HTML page against itself" "$ROOT/tests/fixtures/html/dog-parsoid.html" "$ROOT/tests/fixtures/html/dog-parsoid.html"
"$MSSDOC" ingest "$A" -o "$TMP/base.xml" 2>/dev/null
same "a record set (XML) against itself" "$TMP/base.xml" "$TMP/base.xml"
same "a record set against the dump it was ingested from" "$TMP/base.xml" "$A"
same "builtin against itself" builtin builtin
# (found by fuzz_diff: markers of references the piece does not hold)
same "a piece whose markers point at no reference, against itself" \
  "$ROOT/tests/fuzz/corpus/ingest/heads.txt" "$ROOT/tests/fuzz/corpus/ingest/heads.txt"
same "the built-in article against its dump" builtin "$ROOT/data/mss.txt"
# a stored revision: fetched from a stand-in for the REST API on 127.0.0.1
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
export XDG_DATA_HOME="$TMP/data"
"$MSSDOC" -d builtin export -f json | python3 "$ROOT/tests/wikihtml.py" >"$TMP/page.html"
python3 "$TESTS/httpd.py" "$TMP/page.html" "$TMP/log" >"$TMP/port" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
check_cmd "fetch a revision (1111) from 127.0.0.1" \
  timeout 60 "$MSSDOC" fetch --api "http://127.0.0.1:$(cat "$TMP/port")"
kill "$SERVER" 2>/dev/null
same "a stored revision against itself" 1111 1111
same "a stored revision against the page it was fetched as" 1111 "$TMP/page.html"
"$MSSDOC" -f html diff builtin builtin >"$TMP/same.html"
check_eq "html of no change: a page that says so, exit 0" "0 No changes." \
  "$? $(xmllint --html --xpath 'normalize-space(//p[last()])' "$TMP/same.html" 2>/dev/null)"

# ---- errors: one line, exit 2 ----
err() { # err NAME WANT ARGS...
  local name=$1 want=$2
  shift 2
  "$MSSDOC" "$@" >"$TMP/out" 2>"$TMP/err"
  check_eq "$name: exit 2, one line on stderr that says so, nothing on stdout" "2 1 0 1" \
    "$? $(wc -l <"$TMP/err") $(wc -c <"$TMP/out") $(grep -c -- "$want" "$TMP/err")"
}
err "a missing file: named" nothing.txt diff "$A" "$TMP/nothing.txt"
err "one revision" "usage: mssdoc diff OLD NEW" diff "$A"
err "three revisions" "usage: mssdoc diff OLD NEW" diff "$A" "$A" "$A"
err "an unknown kind names the kinds" "kinds: heads, bureaus, infobox, sections, paragraphs, timeline, incidents, references" \
  diff "$A" "$A" --kind bureau
err "a format diff cannot write" "formats: text, markdown, html, json" -f csv diff "$A" "$A"
