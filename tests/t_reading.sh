# t_reading.sh: properties of the reading commands (read, toc, search,
# check) on the built-in article: lines never wider than the width in
# display columns, colour only when asked for, well-formed HTML, man pages
# that man renders without warnings, no word lost in wrapping, every toc
# number readable, a closed pipe ends quietly.
. "$TESTS/lib.sh"
plan 102
unset MSSDOC_DATA MSSDOC_PAGER PAGER
export MSSDOC_PAGER=cat

# The views under test: one line of arguments each.
VIEWS=("read" "read 5" "read 4.3" "read --no-refs 1" "toc"
  "search guojia anquan bu" "search kang sheng paranoia" "search Xu Yongyue"
  "check")

for width in 40 80 200; do
  for v in "${VIEWS[@]}"; do
    for color in never always; do
      # shellcheck disable=SC2086
      "$MSSDOC" --width "$width" --color "$color" $v >"$TMP/out" 2>/dev/null
      got=$(display_width "$TMP/out")
      if [ "$got" -le "$width" ] && [ -s "$TMP/out" ]; then
        ok "width $width, color $color: $v"
      else
        not_ok "width $width, color $color: $v (widest line $got columns)"
      fi
    done
  done
done

esc=$(printf '\033')
for v in "${VIEWS[@]}"; do
  # shellcheck disable=SC2086
  NO_COLOR=1 "$MSSDOC" --color auto $v >"$TMP/nocolor" 2>/dev/null
  # shellcheck disable=SC2086
  "$MSSDOC" $v 2>/dev/null | cat >"$TMP/piped"
  # shellcheck disable=SC2086
  "$MSSDOC" --color always $v >"$TMP/color" 2>/dev/null
  if grep -q "$esc" "$TMP/nocolor" "$TMP/piped"; then
    not_ok "no ESC byte with NO_COLOR or piped: $v"
  else
    ok "no ESC byte with NO_COLOR or piped: $v"
  fi
  if grep -q "$esc\[[0-9;]*m" "$TMP/color"; then
    ok "SGR codes with --color=always: $v"
  else
    not_ok "SGR codes with --color=always: $v"
  fi
done

# HTML: a well-formed standalone page for each view.
for v in "read" "read 4.3" "toc" "search kang sheng" "check"; do
  # shellcheck disable=SC2086
  "$MSSDOC" -f html $v >"$TMP/page.html" 2>/dev/null
  # libxml2's HTML parser knows HTML 4 only: search's <mark> (HTML5) is
  # linted as the <span> it nests like, the contents' <nav> as a <div>
  sed 's|<\(/\{0,1\}\)mark>|<\1span>|g; s|<\(/\{0,1\}\)nav\([ >]\)|<\1div\2|g' \
    "$TMP/page.html" >"$TMP/page4.html"
  if xmllint --html --noout "$TMP/page4.html" >"$TMP/lint" 2>&1 &&
    [ ! -s "$TMP/lint" ] && grep -q '^<!DOCTYPE html>' "$TMP/page.html" &&
    grep -q '</html>' "$TMP/page.html"; then
    ok "html well-formed: $v"
  else
    not_ok "html well-formed: $v"
    head -5 "$TMP/lint" | sed 's/^/#   /'
  fi
done

# man: rendered by man-db without a warning.
if command -v man >/dev/null 2>&1; then
  for v in "read" "read 1" "read 4.3" "toc" "search kang sheng" "check"; do
    # shellcheck disable=SC2086
    "$MSSDOC" -f man $v >"$TMP/page.7" 2>/dev/null
    warn=$(MANWIDTH=80 man -l "$TMP/page.7" 2>&1 >/dev/null)
    if [ -z "$warn" ] && [ -s "$TMP/page.7" ]; then
      ok "man renders without warnings: $v"
    else
      not_ok "man renders without warnings: $v"
      printf '%s\n' "$warn" | head -5 | sed 's/^/#   /'
    fi
  done
else
  skip 6 "man renders without warnings" "man-db is not installed"
fi

# No word lost or reordered in wrapping: the text of every body paragraph,
# white space removed, is in the output of read --no-refs, white space
# removed (a wide character may wrap without a space before it).
"$MSSDOC" export -f json | jq -r '.paragraphs[] | select(.kind == "body") | .text' \
  >"$TMP/body"
# read puts each maintenance tag back where it stood: not the text's words
"$MSSDOC" export -f json | jq -r '.paragraphs[].tags[] | "[\(.)]"' | sort -u >"$TMP/tags"
# each tag where the dump has it: the dump's words before "[tag]" (up to
# 40 characters of them, markers and all) come just before it in read
"$MSSDOC" --width 80 read >"$TMP/read-all" 2>/dev/null
check_eq "read puts each tag where the dump has it (grep of data/mss.txt)" \
  "$(wc -l <"$TMP/tags") found" \
  "$(python3 -c '
import sys
dump = open(sys.argv[1], encoding="utf-8").read().replace("\u00a0", " ")
out = "".join(open(sys.argv[2], encoding="utf-8").read().split())
found = 0
for tag in open(sys.argv[3], encoding="utf-8"):
    tag = tag.strip()
    at = dump.find(tag)
    before = dump[max(0, at - 40):at].split("\n")[-1]
    if at > 0 and "".join((before + tag).split()) in out:
        found += 1
print(found, "found")' "$ROOT/data/mss.txt" "$TMP/read-all" "$TMP/tags")"
for width in 40 80; do
  "$MSSDOC" --width "$width" read --no-refs >"$TMP/read" 2>/dev/null
  missing=$(python3 -c '
import sys
out = "".join(open(sys.argv[2], encoding="utf-8").read().split())
for tag in open(sys.argv[3], encoding="utf-8"):
    out = out.replace("".join(tag.split()), "")
bad = 0
for para in open(sys.argv[1], encoding="utf-8"):
    if para.strip() and "".join(para.split()) not in out:
        bad += 1
        print("#   lost:", para[:70])
print(bad)' "$TMP/body" "$TMP/read" "$TMP/tags")
  check_eq "every word of every body paragraph in read --no-refs (width $width)" \
    "0" "$(printf '%s\n' "$missing" | tail -1)"
done
check_eq "there are body paragraphs to compare" "yes" \
  "$([ "$(wc -l <"$TMP/body")" -gt 50 ] && echo yes)"

# --no-refs hides every marker; without it each of the paragraph's markers
# shows.
"$MSSDOC" read --no-refs >"$TMP/norefs"
check_eq "read --no-refs prints no citation marker" "0" \
  "$(grep -cE '\[[0-9]+\]' "$TMP/norefs")"
"$MSSDOC" --width 1000 read 2.4 >"$TMP/refs"
check_eq "read 2.4 prints its markers in order" "[18][19] [20] [5] [21][22] [5]" \
  "$(grep -oE '(\[[0-9]+\])+' "$TMP/refs" | tr '\n' ' ' | sed 's/ $//')"

# Every number toc shows is readable, and reads its own heading first.
"$MSSDOC" toc -f json >"$TMP/toc.json"
check_cmd "toc -f json parses" jq -e 'length > 0' "$TMP/toc.json"
bad=0
while IFS=$'\t' read -r num id; do
  first=$("$MSSDOC" read "$num" 2>/dev/null | head -1)
  byid=$("$MSSDOC" read "$id" 2>/dev/null | head -1)
  case $first in "$num "*) ;; *) bad=$((bad + 1)); echo "#   read $num: $first" ;; esac
  [ "$first" = "$byid" ] || { bad=$((bad + 1)); echo "#   read $id: $byid"; }
done < <(jq -r '.[] | [.number, .id] | @tsv' "$TMP/toc.json")
check_eq "read NUMBER and read ID open every section of toc" "0" "$bad"

# A section read holds its subsections and nothing after them.
"$MSSDOC" read 4 >"$TMP/s4"
check_eq "read 4 holds 4.1 to 4.3.4 and stops before 5" "4 4.1 4.2 4.3 4.3.1 4.3.2 4.3.3 4.3.4" \
  "$(grep -oE '^[0-9]+(\.[0-9]+)* [A-Z]' "$TMP/s4" | cut -d' ' -f1 | tr '\n' ' ' | sed 's/ $//')"

# JSON views parse.
for v in "search spy" "check"; do
  # shellcheck disable=SC2086
  "$MSSDOC" -f json $v >"$TMP/v.json" 2>/dev/null
  check_cmd "-f json $v parses to an array" jq -e 'type == "array" and length > 0' "$TMP/v.json"
done
check_eq "search hits are ranked best first" "true" \
  "$("$MSSDOC" -f json search spy | jq '[.[].score] as $s | $s == ($s | sort | reverse)')"

# Writing into a closed pipe ends quietly.
for v in "read" "toc" "search the" "check"; do
  # shellcheck disable=SC2086
  ("$MSSDOC" $v 2>"$TMP/err" | head -1 >/dev/null)
  check_eq "$v | head -1 prints no error" "" "$(cat "$TMP/err")"
done

# check: exit 1 when the dump lost something, 0 (and an empty list) when
# it lost nothing.
"$MSSDOC" check >/dev/null 2>&1
check_eq "check on the article exits 1" "1" "$?"
python3 - "$TMP/clean.txt" <<'PY'
import sys
lead = ("The lead paragraph says something about the topic and goes on for a "
        "while, so that it reads like prose written by a person who knows the "
        "topic well. It has several sentences, and this one mentions 1990.[1]")
body = ("In 1990, things happened in the history of the topic, and they were "
        "recorded by several historians who wrote long books about them over "
        "the following decades of careful study.[1]")
open(sys.argv[1], "w").write("An Article Title\n\n" + lead + "\n\nHistory\n\n"
    + body + "\n\n  1. ^ a b Smith, John (1999). A Book. Publisher.")
PY
"$MSSDOC" -d "$TMP/clean.txt" check -f json >"$TMP/clean.json" 2>&1
check_eq "check on a clean dump exits 0 with no diagnostics" "0 []" \
  "$? $(tr -d ' \n' <"$TMP/clean.json")"

# Prose wraps at 100 columns at most on a wide terminal ($COLUMNS, as a
# shell exports it) unless --width asks for more; tables take the width.
COLUMNS=160 "$MSSDOC" read 1 >"$TMP/wide" 2>/dev/null
COLUMNS=160 "$MSSDOC" show bureaus >"$TMP/widetab" 2>/dev/null
"$MSSDOC" --width 160 read 1 >"$TMP/asked" 2>/dev/null
check_eq "160 columns: prose at 100, a table at 160, --width 160 prose at 160" \
  "100 160 160" \
  "$(display_width "$TMP/wide") $(display_width "$TMP/widetab") $(display_width "$TMP/asked")"
