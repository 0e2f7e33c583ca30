# t_html_links.sh: the links of the HTML pages, without any outside tool:
# every href="#x" of every HTML view (tests/html_views.list, one view a
# line) has its id="x" on the same page and no id is there twice; every
# citation marker of read is a link and every reference of it links back;
# cite N names its passages with read's ids; title, lang="zh" and the dark
# style; read -f markdown's footnotes.
. "$TESTS/lib.sh"
mapfile -t VIEWS <"$ROOT/tests/html_views.list"
plan $((${#VIEWS[@]} + 12))
export NO_COLOR=1 MSSDOC_PAGER=cat

# ids PAGE / frags PAGE: the ids / the href="#…" targets of a page, sorted
ids() { grep -o ' id="[^"]*"' "$1" | sed 's/^ id="//; s/"$//' | sort; }
frags() { grep -o ' href="#[^"]*"' "$1" | sed 's/^ href="#//; s/"$//' | sort -u; }

for v in "${VIEWS[@]}"; do
  f="$TMP/$(echo "$v" | tr ' ' _).html"
  # shellcheck disable=SC2086
  "$MSSDOC" -f html $v >"$f" 2>/dev/null
  missing=$(comm -13 <(ids "$f" | sort -u) <(frags "$f"))
  twice=$(ids "$f" | uniq -d)
  if ! grep -q '^</html>$' "$f"; then
    not_ok "$v -f html: a whole page"
  elif [ -z "$missing" ] && [ -z "$twice" ]; then
    ok "$v -f html: $(frags "$f" | wc -l) link targets, all on the page; ids unique"
  else
    not_ok "$v -f html: links without a target or ids twice"
    echo "$missing" "$twice" | head -5 | sed 's/^/#   /'
  fi
done

R="$TMP/read.html"
C="$TMP/cite_5.html"
J="$TMP/records.json"
"$MSSDOC" export -f json >"$J"
check_eq "read: every marker of the text is a link to its reference (one per citation outside the infobox; a table cell's is cite-N-tK)" \
  "$(jq '[.citations[] | select(.paragraph != "infobox")] | length' "$J")" \
  "$(grep -o '<a class="cite" href="#ref-[0-9]*" id="cite-[0-9]*-t\{0,1\}[0-9]*">\[[0-9]*\]</a>' "$R" | wc -l)"
check_eq "read: a marker [N] links to ref-N" "" \
  "$(grep -o '<a class="cite" href="#ref-[0-9]*"[^>]*>\[[0-9]*\]' "$R" | sed -E 's/.*#ref-([0-9]+)".*\[([0-9]+)\]$/\1 \2/' | awk '$1 != $2')"
check_eq "read: every reference of the list is a target ref-N" \
  "$(jq -r '.references[].number' "$J" | sed 's/^/ref-/' | sort -u)" \
  "$(ids "$R" | grep '^ref-' | sort -u)"
check_eq "read: reference 5 links back to each marker of 5 (cite-5-1 ... in order)" \
  "$(grep -o 'id="cite-5-[0-9]*"' "$R" | sed 's/id="//; s/"//' | tr '\n' ' ')" \
  "$(grep '<li id="ref-5">' "$R" | grep -o 'href="#cite-5-[0-9]*"' | sed 's/href="#//; s/"//' | tr '\n' ' ')"
check_eq "cite 5: its hits carry the ids read gives them (the same citations)" \
  "$(grep -o 'id="cite-5-[0-9]*"' "$R" | sort)" \
  "$(grep -o '<a class="cite" href="#ref-5" id="cite-5-[0-9]*"><strong>' "$C" | grep -o 'id="[^"]*"' | sort)"
check_eq "cite 5: its reference links back to all 19 passages" "19" \
  "$(grep '<p>Faligot' "$C" | grep -o 'href="#cite-5-[0-9]*"' | wc -l)"
check_eq "toc: its entries carry the section ids read's headings have" \
  "$(grep -o '<h[2-6] id="[^"]*"' "$R" | sed 's/.*id="//; s/"//' | sort)" \
  "$(grep -o '<li id="[^"]*"' "$TMP/toc.html" | sed 's/.*id="//; s/"//' | grep -v '^lead$' | sort)"
check_eq "read 4.3: the reference it cites and does not list is listed at its end" \
  '<li value="64" id="ref-64">' "$(grep -o '<li value="64" id="ref-64">' "$TMP/read_4.3.html")"
check_eq "titles name the view and the article" \
  "Reference 5 — Ministry of State Security of the People's Republic of China|Ministry of State Security of the People's Republic of China" \
  "$(sed -n 's/^<title>\(.*\)<\/title>$/\1/p' "$C" | sed "s/&#39;/'/g")|$(sed -n 's/^<title>\(.*\)<\/title>$/\1/p' "$R")"
check_eq "Chinese text carries lang=zh (the infobox's native name)" \
  '<td><span lang="zh">中华人民共和国国家安全部</span></td>' \
  "$(grep -o '<td><span lang="zh">中华人民共和国国家安全部</span></td>' "$TMP/show_infobox.html")"
check_eq "every page has a dark style" "${#VIEWS[@]}" \
  "$(grep -l '@media (prefers-color-scheme:dark)' "$TMP"/*.html | wc -l)"
# read -f markdown: GFM footnotes, a definition per reference cited, in
# number order, none other
"$MSSDOC" -f markdown read 2.6 >"$TMP/read.md"
used=$(grep -o '\[\^[0-9]*\]' "$TMP/read.md" | grep -v ':' | sort -u | tr -d '[]^' | sort -n)
defs=$(grep -o '^\[\^[0-9]*\]:' "$TMP/read.md" | tr -d '[]^:')
if [ -n "$used" ] && [ "$used" = "$defs" ] && ! grep -q '\\\[[0-9]' "$TMP/read.md"; then
  ok "read 2.6 -f markdown: $(echo "$defs" | wc -l) footnotes, one definition each, in number order"
else
  not_ok "read 2.6 -f markdown: footnotes and definitions differ"
  diff <(echo "$used") <(echo "$defs") | head -5 | sed 's/^/#   /'
fi
