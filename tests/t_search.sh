# t_search.sh: judged queries.  For each query the exact set of dump lines
# that must come back is computed here from data/mss.txt with grep (never
# by mssdoc), and compared with the lines of `search -f json` (jq).  Then
# what each hit says it is, the match offsets, the highlighting in every
# format, --in, and exit 1 when nothing really matches.
. "$TESTS/lib.sh"
plan 46
unset MSSDOC_DATA MSSDOC_PAGER PAGER
export NO_COLOR=1 COLUMNS=80
DUMP=$ROOT/data/mss.txt

# The dump gives each image caption twice, on two lines in a row; the
# record set keeps the first.  dedup drops, from line numbers on stdin,
# a line whose text is the same as the line before it.
dedup() {
  awk -v dump="$DUMP" 'BEGIN { while ((getline l < dump) > 0) t[++n] = l }
    { if (!($1 > 1 && t[$1] == t[$1 - 1])) print $1 }'
}
# lines: grep's matching line numbers (arguments are grep's), deduplicated,
# sorted, one line.
lines() { grep -n "$@" "$DUMP" | cut -d: -f1 | dedup | sort -n | tr '\n' ' '; }
# got ARGS...: the lines of search's hits, sorted, one line.
got() { "$MSSDOC" -f json search "$@" 2>/dev/null | jq -r '.[].line' | sort -n | tr '\n' ' '; }
# judge NAME EXPECTED ARGS...: the query's lines are EXPECTED, and not none.
judge() {
  local name=$1 want=$2
  shift 2
  if [ -z "$want" ]; then not_ok "$name: grep found nothing to judge by"; return; fi
  check_eq "$name" "$want" "$(got "$@")"
}
# refs: the dump lines of the reference list ("  27. ^ ...").
refs() { grep -n -E '^ *[0-9]+\. \^' "$DUMP" | cut -d: -f1 | tr '\n' ' '; }
# only A B: the numbers of list A that are in list B, in A's order.
only() { for x in $1; do case " $2 " in *" $x "*) printf '%s ' "$x" ;; esac; done; }
# except A B: the numbers of list A that are not in list B.
except() { for x in $1; do case " $2 " in *" $x "*) ;; *) printf '%s ' "$x" ;; esac; done; }

# --- the issue's examples ---
want=$(lines -i -F "new york times")
judge '"new york times": the phrase only (refs 27 and 59)' "$want" "new york times"
check_eq '"new york times" is in references 27 and 59' "262 294 " "$want"
judge "a quoted phrase in the query text is the same phrase" "$want" '"new york times"'
judge "reuters: references 10, 53, 61, 70" "$(lines -i -F reuters)" reuters
check_eq "reuters is in the lines of references 10, 53, 61, 70" "245 288 296 305 " \
  "$(lines -i -F reuters)"
judge "guoanbu: references 8 and 37" "$(lines -i -F guoanbu)" guoanbu
want=$(lines -F 国家安全部)
judge "国家安全部: every line holding the run, the infobox's among them" "$want" 国家安全部
case " $want " in *" 16 "*) ok "国家安全部: grep finds the infobox line 16" ;; *) not_ok "国家安全部: line 16 (grep: $want)" ;; esac
check_eq "国家安全部: the infobox hit is line 16, 'infobox: Simplified Chinese'" \
  "16 infobox: Simplified Chinese" \
  "$("$MSSDOC" -f json search 国家安全部 | jq -r '.[] | select(.kind == "infobox") | "\(.line) \(.place)"')"
judge "中华人民共和国国家安全部: the infobox line alone" "$(lines -F 中华人民共和国国家安全部)" 中华人民共和国国家安全部
check_eq "安全局 (characters the query shares, not its run): nothing, exit 1" "1" \
  "$("$MSSDOC" search 安全局 >/dev/null 2>&1; echo $?)"
judge "\"Dianne Feinstein's\": the one line naming her, no stray s" \
  "$(lines -i -F "dianne feinstein")" "Dianne Feinstein's"
judge "spies: spy, spies, spying (Snowball stems)" \
  "$(lines -i -w -E 'spy|spies|spying|spied')" spies
judge "spy finds spies too" "$(lines -i -w -E 'spy|spies|spying|spied')" spy
judge "guojia = Guójiā (diacritics folded)" "$(lines -i -E 'guojia|guójiā')" guojia

# --- AND, OR, -word, phrases ---
judge "AND: kang sheng, every word" "$(grep -n -i -w kang "$DUMP" | grep -i -w sheng |
  cut -d: -f1 | dedup | sort -n | tr '\n' ' ')" kang sheng
judge "AND written out: kang AND sheng" "$(got kang sheng)" kang AND sheng
judge "OR: kang OR zhou" "$(lines -i -w -E 'kang|zhou')" kang OR zhou
judge "-word: spy -kang" "$(grep -n -i -w -E 'spy|spies|spying|spied' "$DUMP" |
  grep -v -i -w kang | cut -d: -f1 | dedup | sort -n | tr '\n' ' ')" spy -kang
judge "phrase: \"cyber espionage\" (cyber-espionage too)" \
  "$(lines -i -E 'cyber[- ]espionage')" '"cyber espionage"'
judge "a hyphenated word is a phrase: cyber-espionage" \
  "$(lines -i -E 'cyber[- ]espionage')" cyber-espionage
judge "phrase and word: \"state security\" beijing" "$(grep -n -i -F 'state security' "$DUMP" |
  grep -i -w beijing | cut -d: -f1 | dedup | sort -n | tr '\n' ' ')" '"state security"' beijing
judge "excluded phrase: reuters -\"new intelligence law\"" \
  "$(grep -n -i -F reuters "$DUMP" | grep -v -i -F 'new intelligence law' |
    cut -d: -f1 | sort -n | tr '\n' ' ')" reuters '-"new intelligence law"'

# --- scope ---
all=$(lines -i -w -E 'spy|spies|spying|spied')
judge "--in refs: only the references" "$(only "$all" "$(refs)")" --in refs spies
judge "--in text: all but the references" "$(except "$all" "$(refs)")" --in text spies
judge "--in=all is the default" "$all" --in=all spies
check_eq "--in text: reuters is only in references, exit 1" "1" \
  "$("$MSSDOC" search --in text reuters >/dev/null 2>&1; echo $?)"
check_eq "--in other is a usage error" "2" \
  "$("$MSSDOC" search --in body spy >/dev/null 2>&1; echo $?)"
check_eq "--in without a scope says what it takes" \
  "2 mssdoc: search --in needs text, refs or all; usage: mssdoc search [--in text|refs|all] QUERY..." \
  "$("$MSSDOC" search --in 2>"$TMP/err" >/dev/null; echo "$? $(cat "$TMP/err")")"
check_eq "an unknown option is a usage error; -word is no option" "2 0" \
  "$("$MSSDOC" search --bogus spy >/dev/null 2>&1; echo -n "$? "; "$MSSDOC" search spy -kang >/dev/null 2>&1; echo $?)"

# --- what each hit is, and where ---
check_eq "a reference hit says 'reference N' and its dump line" \
  "reference 27 262
reference 59 294" \
  "$("$MSSDOC" -f json search "new york times" | jq -r '.[] | "\(.place) \(.line)"' | sort)"
check_eq "an infobox hit says its label: 'infobox: Annual budget', line $(grep -n '^Annual budget' "$DUMP" | cut -d: -f1)" \
  "infobox: Annual budget $(grep -n '^Annual budget' "$DUMP" | cut -d: -f1)" \
  "$("$MSSDOC" -f json search annual budget | jq -r '.[] | select(.kind == "infobox") | "\(.place) \(.line)"')"
check_eq "a body hit says its section number and title" \
  "$(grep -n 'Zheng Lu Peng' "$DUMP" | cut -d: -f1)" \
  "$("$MSSDOC" -f json search zheng lu peng | jq -r '.[] | select(.place | test("^[0-9.]+ .*[Cc]ulture")) | .line')"
# every hit's dump line holds every match (folded: -i, and Guójiā → guojia)
bad=$("$MSSDOC" -f json search spies | jq -r '.[] | .line' | while read -r l; do
  sed -n "${l}p" "$DUMP" | grep -q -i -w -E 'spy|spies|spying|spied' || echo "$l"; done)
check_eq "every hit of spies is on a dump line holding spy, spies, spying or spied" "" "$bad"
bad=$("$MSSDOC" -f json search kang OR zhou | jq -r '.[] | .line as $l | .matches[] | "\($l)\t\(.text)"' |
  while IFS=$'\t' read -r l m; do sed -n "${l}p" "$DUMP" | grep -q -i -F "$m" || echo "$l $m"; done)
check_eq "every match text of kang OR zhou is on its hit's dump line" "" "$bad"

# --- match offsets and highlighting ---
check_eq "json offsets: .text[start:end] is the match, in code points" "true" \
  "$("$MSSDOC" -f json search 国家安全部 guoanbu OR "new york times" OR guojia |
    jq '[.[] | .text as $t | .matches[] | $t[.start:.end] == .text] | length > 0 and all')"
check_eq "json matches of a phrase: the phrase, not its words apart" \
  "New York Times
New York Times" \
  "$("$MSSDOC" -f json search "new york times" | jq -r '.[].matches[].text')"
check_eq "json matches of 国家安全部: the run" "国家安全部" \
  "$("$MSSDOC" -f json search 国家安全部 | jq -r '[.[].matches[].text] | unique | .[]')"
check_eq "markdown highlights with **...**" "2" \
  "$("$MSSDOC" -f markdown search "new york times" | grep -c -F '**New York Times**')"
check_eq "html highlights with <mark>" "2" \
  "$("$MSSDOC" -f html search "new york times" | grep -c -F '<mark>New York Times</mark>')"
# (libxml2's HTML parser knows HTML 4 only: <mark> is linted as <span>)
"$MSSDOC" -f html search reuters OR 国家安全部 | sed 's|<\(/\{0,1\}\)mark>|<\1span>|g' >"$TMP/p.html"
check_eq "html is well-formed, no lint message" "" "$(xmllint --html --noout "$TMP/p.html" 2>&1)"
check_eq "text on a terminal: bold (SGR 1) around the match" "2" \
  "$("$MSSDOC" --color always search "new york times" | grep -c $'\e\\[0;1mNew York Times')"

# --- ranking ---
check_eq "a phrase ranks above scattered words: kang sheng" "phrase" \
  "$("$MSSDOC" -f json search kang sheng | jq -r '.[0].proximity')"
check_eq "ranked by proximity, then score" "true" \
  "$("$MSSDOC" -f json search kang sheng | jq '[.[] | [({"phrase": 2, "sentence": 1, "scattered": 0}[.proximity]), .score]] as $s | $s == ($s | sort | reverse)')"

# --- nothing that really matches ---
check_eq "the words out of order as a phrase: exit 1" "1" \
  "$("$MSSDOC" search '"times new york"' >/dev/null 2>&1; echo $?)"
check_eq "nothing matches: exit 1 and [] in json" "1 []" \
  "$(out=$("$MSSDOC" -f json search xyzzy 2>/dev/null); echo "$? $out")"
