# t_timeline.sh: a sourced timeline (issue 12), checked against the dump
# (data/mss.txt) by grep and awk, not by mssdoc: each event's citations
# are its sentence's or else its paragraph's, and JSON says which; an event
# outside its section's period is marked with the check's note in every
# format; the release years of films and novels are kind "culture", left
# out unless --all; a sentence that opens with "He" names its subject.
. "$TESTS/lib.sh"
plan 17
D="$ROOT/data/mss.txt"
"$MSSDOC" export -f json >"$TMP/all.json"
J="$TMP/all.json"
# markers_of LINE: the distinct [N] of a dump line, in order
markers_of() { sed -n "${1}p" "$D" | grep -oE '\[[0-9]+\]' | tr -d '[]' | awk '!seen[$0]++' | paste -sd' '; }

# every text event: a source iff its line holds a marker, every ref one of
# the line's markers
bad=0; withref=0; none=0
while IFS=$'\t' read -r line refs; do
  m=$(markers_of "$line")
  if [ -n "$m" ] && [ -z "$refs" ]; then bad=$((bad + 1)); echo "# line $line: no source, though the line cites $m"; fi
  [ -z "$m" ] && [ -n "$refs" ] && bad=$((bad + 1))
  for r in $refs; do grep -qw "$r" <<<"$m" || { bad=$((bad + 1)); echo "# line $line: [$r] is not on the line"; }; done
  if [ -n "$refs" ]; then withref=$((withref + 1)); else none=$((none + 1)); fi
done < <(jq -r '.timeline[] | select(.source == "text") | [.line, (.refs | map(tostring) | join(" "))] | @tsv' "$J")
check_eq "every text event cites what its dump line cites, and only that (grep)" 0 "$bad"
check_eq "events with a source: all but those whose line cites nothing (awk)" \
  "$(jq -r '.timeline[] | select(.source == "text") | .line' "$J" | while read -r l; do [ -n "$(markers_of "$l")" ] && echo x; done | wc -l)" "$withref"
# the issue's examples: lines 124, 98, 114, 118 and 55 cite [44][45], …
for l in 124 98 114 118 55; do
  check_eq "the events of line $l carry its markers ($(markers_of $l))" \
    "$(markers_of "$l" | tr ' ' '\n' | sort -n | paste -sd' ')" \
    "$(jq -r --argjson l "$l" '[.timeline[] | select(.line == $l) | .refs[]] | unique | map(tostring) | join(" ")' "$J")"
done
check_eq "refs_from: sentence or paragraph, and null only without refs" "0" \
  "$(jq '[.timeline[] | select((.refs | length > 0) != (.refs_from != null) or (.refs_from != null and .refs_from != "sentence" and .refs_from != "paragraph"))] | length' "$J")"

# the event outside its period, in every format
L=$(grep -n '^Early in 1996' "$D" | cut -d: -f1)
check_eq "the event of line $L (grep) has the check's note, date-outside-period" \
  "$(jq -r --argjson l "$L" '.diagnostics[] | select(.kind == "date-outside-period" and .line == $l) | .message' "$J")" \
  "$(jq -r --argjson l "$L" '[.timeline[] | select(.line == $l)][0].note' "$J")"
fmts=""
for f in text markdown html man json xml csv; do
  "$MSSDOC" --no-pager --width 200 timeline --from 1996 --to 1996 -f "$f" >"$TMP/t.$f" 2>&1
  if [ "$f" = man ]; then # escaped (\[u2013]) and wrapped: back to UTF-8
    python3 -c 'import re, sys
t = open(sys.argv[1]).read().replace("\n", " ")
print(re.sub(r"\\\[u([0-9A-F]{4,6})\]", lambda m: chr(int(m.group(1), 16)), t))' \
      "$TMP/t.man" >"$TMP/t.roff" && mv "$TMP/t.roff" "$TMP/t.man"
  fi
  grep -q 'Early in 1996.\{0,12\} is outside (1955–1983)' "$TMP/t.$f" && fmts="$fmts $f"
done
check_eq "the note in every format" " text markdown html man json xml csv" "$fmts"
check_cmd "text: the event's date is marked" grep -q '^early 1996 ⚠' "$TMP/t.text"

# culture: the dated lines of "Popular culture and literature" (up to the
# next heading of the dump, "See also")
from=$(grep -n '^Popular culture and literature$' "$D" | cut -d: -f1)
to=$(awk -v f="$from" 'NR > f && /^See also$/ {print NR; exit}' "$D")
culture=$(jq -r --argjson a "$from" --argjson b "$to" '[.timeline[] | select(.line > $a and .line < $b) | .line] | unique | map(tostring) | join(" ")' "$J")
check_eq "the section's dated lines (grep) are its events' lines" \
  "$(awk -v f="$from" -v t="$to" 'NR > f && NR < t && /(19|20)[0-9][0-9]/ {print NR}' "$D" | paste -sd' ')" "$culture"
check_eq "those events, and only they, are kind culture" \
  "$(jq -r --argjson a "$from" --argjson b "$to" '[.timeline[] | select(.line > $a and .line < $b)] | length' "$J") 0" \
  "$(jq -r '[.timeline[] | select(.kind == "culture")] | length' "$J") $(jq -r '[.timeline[] | select(.kind != "culture" and .kind != "history")] | length' "$J")"
check_eq "timeline leaves them out; --all brings them in (json)" \
  "0 $(jq '[.timeline[] | select(.kind == "culture")] | length' "$J")" \
  "$("$MSSDOC" timeline -f json | jq '[.[] | select(.kind == "culture")] | length') $("$MSSDOC" timeline --all -f json | jq '[.[] | select(.kind == "culture")] | length')"
check_cmd "the text view says how many it left out" \
  grep -q "The release years of $(jq '[.timeline[] | select(.kind == "culture")] | length' "$J") films" <("$MSSDOC" --no-pager --width 200 timeline)

# the subject of "He served…" (line 94): the nearest name of the heads
# tables before it on its line (grep)
L=$(grep -n 'He served as Minister of State Security' "$D" | cut -d: -f1)
at=$(sed -n "${L}p" "$D" | grep -o -b 'He served as Minister' | cut -d: -f1)
name=$(jq -r '.heads[].name' "$J" | sort -u | while read -r n; do
  sed -n "${L}p" "$D" | grep -o -b "$n" | awk -F: -v at="$at" '$1 < at'
done | sort -t: -k1,1n | tail -1 | cut -d: -f2)
check_eq "He served…: its subject is $name, the record's text as written" \
  "$name|He served as" \
  "$(jq -r --argjson l "$L" '.timeline[] | select(.line == $l and (.text | startswith("He "))) | "\(.subject)|\(.text[0:12])"' "$J")"
check_cmd "the text view quotes it as a scholar would: He [$name] served" \
  grep -q "He \[$name\] served" <("$MSSDOC" --no-pager --width 300 timeline --from 1985 --to 1985)
