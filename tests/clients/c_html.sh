# c_html.sh: every HTML view (tests/html_views.list) fed to the Nu HTML
# Checker (npm vnu-jar, pinned in tests/clients/package.json; Java): no
# error and no warning, "info" warnings included; the checker shown to
# fail on a bad page; every href="#…" has its target (Python's own HTML
# parser, not mssdoc's grep); read -f markdown rendered as footnotes by
# pandoc -f gfm.  VNU_JAR names the jar, else build/node_modules' is used.
. "$TESTS/lib.sh"
mapfile -t VIEWS <"$ROOT/tests/html_views.list"
plan $((${#VIEWS[@]} + 3))
export NO_COLOR=1 MSSDOC_PAGER=cat
: "${VNU_JAR:=$ROOT/build/node_modules/vnu-jar/build/dist/vnu.jar}"

mkdir -p "$TMP/pages"
for v in "${VIEWS[@]}"; do
  # shellcheck disable=SC2086
  "$MSSDOC" -f html $v >"$TMP/pages/$(echo "$v" | tr ' ' _).html" 2>/dev/null
done
# a page with an error and a warning of each kind the checker reports
printf '<!DOCTYPE html>\n<html>\n<head><title>bad</title></head>\n<body><p><a href="#x" id="a">x</a><span id="a"></span><blink>b</blink></p></body>\n</html>\n' >"$TMP/bad.html"

if ! command -v java >/dev/null 2>&1; then
  skip $((${#VIEWS[@]} + 1)) "Nu HTML Checker" "java not installed (apt-get install default-jre-headless)"
elif [ ! -f "$VNU_JAR" ]; then
  skip $((${#VIEWS[@]} + 1)) "Nu HTML Checker" "vnu.jar not installed (cp tests/clients/package*.json build/ && npm ci --prefix build --ignore-scripts)"
else
  # one run for every page (the JVM starts once); messages are per file
  java -jar "$VNU_JAR" --format gnu --also-check-svg "$TMP"/pages/*.html >"$TMP/vnu.out" 2>&1
  # anything not about one file (the checker did not run) fails every page
  grep -v '^"file:' "$TMP/vnu.out" >"$TMP/stray"
  for v in "${VIEWS[@]}"; do
    f="$TMP/pages/$(echo "$v" | tr ' ' _).html"
    { grep -F "\"file:$f\"" "$TMP/vnu.out"; cat "$TMP/stray"; } >"$TMP/msgs"
    if [ -s "$f" ] && [ ! -s "$TMP/msgs" ]; then
      ok "vnu: $v -f html: 0 errors, 0 warnings"
    else
      not_ok "vnu: $v -f html: $(grep -c 'error:' "$TMP/msgs") errors, $(grep -c 'warning:' "$TMP/msgs") warnings"
      head -5 "$TMP/msgs" | sed 's/^/#   /'
    fi
  done
  java -jar "$VNU_JAR" --format gnu "$TMP/bad.html" >"$TMP/bad.out" 2>&1
  rc=$?
  if [ "$rc" -ne 0 ] && grep -q 'error:' "$TMP/bad.out" && grep -q 'warning:' "$TMP/bad.out"; then
    ok "vnu fails a bad page (exit $rc, $(grep -c 'error:' "$TMP/bad.out") errors, $(grep -c 'warning:' "$TMP/bad.out") warnings)"
  else
    not_ok "vnu does not fail a bad page (exit $rc)"
    head -5 "$TMP/bad.out" | sed 's/^/#   /'
  fi
fi

# every fragment link's target, by an HTML parser; the bad page must fail
python3 - "$TMP/bad.html" "$TMP"/pages/*.html >"$TMP/targets" <<'PY'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.frags = [], []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id") is not None:
            self.ids.append(a["id"])
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.frags.append(a["href"][1:])
for f in sys.argv[1:]:
    p = P()
    p.feed(open(f, encoding="utf-8").read())
    bad = sorted(set(x for x in p.frags if x not in p.ids))
    twice = sorted(set(x for x in p.ids if p.ids.count(x) > 1))
    print(f.rsplit("/", 1)[-1], len(p.frags), len(bad) + len(twice), " ".join(bad + twice))
PY
bad_line=$(grep '^bad.html ' "$TMP/targets")
fails=$(grep -v '^bad.html ' "$TMP/targets" | awk '$3 != 0')
links=$(grep -v '^bad.html ' "$TMP/targets" | awk '{n += $2} END {print n + 0}')
if [ "$(echo "$bad_line" | awk '{print $3}')" = 2 ] && [ -z "$fails" ] && [ "$links" -gt 0 ]; then
  ok "html.parser: $links fragment links on ${#VIEWS[@]} pages, each with its target, ids unique (and the bad page's 2 faults found)"
else
  not_ok "html.parser: fragment links without a target or ids twice"
  { echo "$bad_line"; echo "$fails"; } | head -6 | sed 's/^/#   /'
fi

# read SECTION -f markdown through pandoc: its footnotes are footnotes
if command -v pandoc >/dev/null 2>&1; then
  "$MSSDOC" -f markdown read 2.6 >"$TMP/read.md"
  pandoc -f gfm -t html "$TMP/read.md" >"$TMP/read.md.html" 2>"$TMP/pandoc.err"
  want=$(grep -c '^\[\^[0-9]*\]:' "$TMP/read.md")
  got=$(grep -c '<li id="fn[0-9]*"' "$TMP/read.md.html")
  refs=$(grep -o 'class="footnote-ref"' "$TMP/read.md.html" | wc -l)
  marks=$(($(grep -o '\[\^[0-9]*\]' "$TMP/read.md" | wc -l) - want))
  # pandoc makes a note of each use of a footnote: as many as markers
  if [ "$want" -gt 0 ] && [ "$marks" = "$got" ] && [ "$refs" = "$marks" ] && [ ! -s "$TMP/pandoc.err" ] &&
    ! grep -q '\[\^' "$TMP/read.md.html"; then
    ok "pandoc -f gfm: read 2.6's $marks markers are footnote links to notes, from its $want definitions"
  else
    not_ok "pandoc -f gfm: read 2.6 ($want definitions, $got footnotes, $marks markers, $refs links)"
    head -3 "$TMP/pandoc.err" | sed 's/^/#   /'
  fi
else
  skip 1 "pandoc footnotes" "pandoc not installed (apt-get install pandoc)"
fi
