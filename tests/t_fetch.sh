#!/usr/bin/env bash
# mssdoc fetch, the revision store, revisions and -d builtin, against
# tests/httpd.py on 127.0.0.1 (never the internet).  The page it serves is
# a real Wikipedia page, tests/fixtures/html/new-zealand.html (see
# tests/fixtures/README); the revision comes from the server's ETag.
. "$(dirname "$0")/lib.sh"
plan 74
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
export XDG_DATA_HOME="$TMP/data"
STORE="$XDG_DATA_HOME/mssdoc"

cp "$ROOT/tests/fixtures/html/new-zealand.html" "$TMP/page.html"
python3 "$TESTS/httpd.py" "$TMP/page.html" "$TMP/log" >"$TMP/port" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
PORT=$(cat "$TMP/port")
API="http://127.0.0.1:$PORT"
F() { timeout 60 "$MSSDOC" fetch --api "$API" "$@"; }

# A snapshot of the store: names, sizes and contents.
snap() { (cd "$XDG_DATA_HOME" 2>/dev/null && find . -type f | sort | xargs -r md5sum); }

# Nothing fetched yet: the built-in article, and revisions says so.
"$MSSDOC" revisions >"$TMP/res" 2>"$TMP/err"
check_eq "revisions, empty store: exit 1" 1 $?
check_cmd "revisions, empty store: says the built-in article is read" grep -q "no revision stored in $STORE; commands read the built-in" "$TMP/err"
check_eq "no store: the built-in article" "data/mss.txt" "$("$MSSDOC" export -f json | jq -r .article.source)"

# Every failure: one line, exit 2, the store as it was.
fail_case() { # NAME EXPECTED-MESSAGE-REGEX ARGS...
  local name=$1 re=$2
  shift 2
  local before
  before=$(snap)
  timeout 60 "$MSSDOC" fetch "$@" >"$TMP/res" 2>"$TMP/err"
  local rc=$?
  check_eq "fetch, $name: exit 2" 2 "$rc"
  if [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -Eq "^mssdoc: $re" "$TMP/err" &&
    [ ! -s "$TMP/res" ] && [ "$before" == "$(snap)" ]; then
    ok "fetch, $name: one line, store unchanged"
  else
    not_ok "fetch, $name: one line, store unchanged"
    sed 's/^/#   /' "$TMP/err" | head -5
  fi
}
fail_case "404" "no page titled 'Missing' at $API \(HTTP 404\)$" --api "$API" Missing
fail_case "500" "cannot fetch $API/page/html/Broken: server error \(HTTP 500\)$" --api "$API" Broken
fail_case "503 asking for an hour" ".*server is busy \(HTTP 503\) and asks to wait 3600 s" --api "$API" Patient
fail_case "a server that never answers" ".*no complete answer within 2 s$" --api "$API" --timeout 2 Hang
fail_case "truncated body" ".*download was cut short" --api "$API" Truncated
fail_case "body past the size cap" ".*larger than the 33554432-byte limit$" --api "$API" Huge
fail_case "not HTML" ".*/Text sent no HTML page \(Content-Type: text/plain\)$" --api "$API" Text
fail_case "nothing recognisable" ".*/Nothing .*; nothing stored$" --api "$API" Nothing
# a port nothing listens on: the server's, once it is gone
python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' >"$TMP/free"
fail_case "no connection" "cannot fetch .*: cannot connect" --api "http://127.0.0.1:$(cat "$TMP/free")"
fail_case "DNS failure" "cannot fetch .*: no such host" --api "http://no-such-host.invalid" --timeout 20
fail_case "TLS failure" "cannot fetch .*: TLS failure" --api "https://127.0.0.1:$PORT"
check_eq "failures stored nothing" "" "$(snap)"

# The article: fetched, ingested, stored.
F >"$TMP/res" 2>"$TMP/err"
check_eq "fetch: exit 0" 0 $?
check_cmd "fetch: says what it stored" grep -qF "Ministry_of_State_Security_(China): revision 1111 stored in $STORE (" "$TMP/res"
check_eq "fetch on a pipe: nothing on stderr" "" "$(cat "$TMP/err")"
check_cmd "fetch: the page stored as downloaded" cmp "$TMP/page.html" "$STORE/1111.html"
check_cmd "fetch: the record set stored, valid" xmllint --noout --relaxng "$ROOT/data/records.rng" "$STORE/1111.xml"
check_cmd "fetch: asked for the article's HTML" grep -q "^GET /page/html/Ministry_of_State_Security_%28China%29 " "$TMP/log"
check_cmd "fetch: User-Agent names mssdoc, version and URL" grep -Eq "UA=mssdoc/[0-9.]+ \(https?://[^ ]+\)" "$TMP/log"
check_cmd "fetch: gzip accepted and received" grep -q "^sent gzip" "$TMP/log"

# Without -d every command reads the newest stored revision.
check_eq "without -d: the stored revision" "$API/page/html/Ministry_of_State_Security_%28China%29" "$("$MSSDOC" export -f json | jq -r .article.source)"
check_eq "-d builtin: the 2022 article" "data/mss.txt" "$("$MSSDOC" -d builtin export -f json | jq -r .article.source)"
check_eq "MSSDOC_DATA=builtin: the 2022 article" "data/mss.txt" "$(MSSDOC_DATA=builtin "$MSSDOC" export -f json | jq -r .article.source)"
check_eq "-d 1111: that stored revision" "$API/page/html/Ministry_of_State_Security_%28China%29" "$("$MSSDOC" -d 1111 export -f json | jq -r .article.source)"
"$MSSDOC" -d 999 toc >/dev/null 2>"$TMP/err"
check_eq "-d 999 (not stored): exit 2" 2 $?
check_eq "-d 999: says so" "mssdoc: no file 999 and no stored revision 999 (see mssdoc revisions)" "$(cat "$TMP/err")"
for view in "show infobox" "timeline" "cite 5" "who helen" "toc"; do
  # shellcheck disable=SC2086
  "$MSSDOC" $view >"$TMP/fetched" 2>&1
  "$MSSDOC" -d "$TMP/page.html" $view >"$TMP/builtin" 2>&1
  if [ -s "$TMP/fetched" ] && cmp -s "$TMP/fetched" "$TMP/builtin"; then
    ok "$view on the fetched revision: as on the page read with -d"
  else
    not_ok "$view on the fetched revision: as on the page read with -d"
    diff "$TMP/builtin" "$TMP/fetched" | head -5 | sed 's/^/#   /'
  fi
done

# Unchanged: a 304 and no download.
before=$(snap)
: >"$TMP/log"
F >"$TMP/res" 2>"$TMP/err"
check_eq "fetch again: exit 0" 0 $?
check_eq "fetch again: nothing downloaded" "Ministry_of_State_Security_(China): revision 1111 is still the current one; nothing downloaded" "$(cat "$TMP/res")"
check_cmd "fetch again: If-None-Match sent" grep -q 'INM="1111/6d2a3c40-0000-11ef-8000-000000000000"' "$TMP/log"
check_eq "fetch again: the store as it was" "$before" "$(snap)"

# The revision from the ETag when the page does not say.
F NoAbout >"$TMP/res" 2>&1
check_cmd "fetch, revision from the ETag" grep -qF "NoAbout: revision 2222 stored" "$TMP/res"

# 429 with Retry-After: 1 is waited out once.
: >"$TMP/log"
F Busy >"$TMP/res" 2>&1
check_eq "fetch, 429 then 200: exit 0" 0 $?
check_eq "fetch, 429 then 200: asked twice" 2 "$(grep -c '^GET /page/html/Busy ' "$TMP/log")"

# Proxies from the environment (libcurl's own): the server plays the proxy.
: >"$TMP/log"
http_proxy="http://127.0.0.1:$PORT" timeout 60 "$MSSDOC" fetch --api http://mirror.invalid/api Good >"$TMP/res" 2>&1
check_eq "fetch through \$http_proxy: exit 0" 0 $?
check_cmd "fetch through \$http_proxy: the proxy was asked" grep -q "^GET http://mirror.invalid/api/page/html/Good " "$TMP/log"
MSSDOC_API="$API" timeout 60 "$MSSDOC" fetch Good >"$TMP/res" 2>&1
check_eq "MSSDOC_API names the API" "Good: revision 1111 is still the current one; nothing downloaded" "$(cat "$TMP/res")"

# On a terminal, a download that takes a while shows a progress line.
# (script(1) is util-linux's, in every Debian.)
script -qec "timeout 60 '$MSSDOC' fetch --api '$API' Slow 2>&1" /dev/null >"$TMP/tty" </dev/null
check_cmd "fetch on a terminal: a progress line" grep -q "mssdoc: fetching Slow: [0-9]* of [0-9]* kB" "$TMP/tty"
check_cmd "fetch on a terminal: then the result" grep -q "Slow: revision 6666 stored" "$TMP/tty"

# revisions: newest first, the default marked.
"$MSSDOC" revisions >"$TMP/res"
check_eq "revisions: newest first" "6666 3333 2222 1111" "$(awk '{print ($1 == "*" ? $2 : $1)}' "$TMP/res" | tr '\n' ' ' | sed 's/ $//')"
check_cmd "revisions: the default marked" grep -qE "^\\* 6666 " "$TMP/res"
check_eq "revisions -f json" "6666 true" "$("$MSSDOC" revisions -f json | jq -r '.[0] | "\(.revision) \(.default)"')"

# Every view's header names the revision: the page's own (its
# wgRevisionId, by grep) when it says one ...
REV=$(grep -oE '"wgRevisionId": ?[0-9]+' "$TMP/page.html" | grep -oE '[0-9]+$' | head -1)
for view in "show infobox" "toc" "timeline" "cite 5"; do
  # shellcheck disable=SC2086
  check_cmd "$view on a fetched revision: the header names revision $REV" \
    grep -qE "^Revision $REV of [0-9]{4}-[0-9]{2}-[0-9]{2}\.$" <("$MSSDOC" -d 1111 $view 2>&1 | sed -n 4p)
done
check_eq "export: the article's revision is the page's" "$REV" \
  "$("$MSSDOC" -d 1111 export -f json | jq -r .article.revision)"
# ... else the one it was fetched as (the ETag's) and the URL it came from.
F Bare >"$TMP/res" 2>&1
check_cmd "fetch of a page that names no revision: stored as the ETag's" grep -qF "Bare: revision 7777 stored" "$TMP/res"
check_eq "its article: revision and URL from the fetch" "7777 $API/page/html/Bare" \
  "$("$MSSDOC" -d 7777 export -f json | jq -r '"\(.article.revision) \(.article.url)"')"
for view in "toc" "cite 5"; do
  # shellcheck disable=SC2086
  check_cmd "$view: the header names revision 7777" \
    grep -qE "^Revision 7777 of [0-9-]{10}\.$" <("$MSSDOC" -d 7777 $view 2>&1 | sed -n 4p)
done
# A revision stored before record sets carried their revision: its name says it.
check_cmd "the stored record set carries the revision" grep -q ' revision="7777"' "$STORE/7777.xml"
sed -i 's/ revision="7777"//' "$STORE/7777.xml"
check_eq "a stored record set without article.revision: the store's name gives it" "7777" \
  "$("$MSSDOC" -d 7777 export -f json | jq -r .article.revision)"
check_eq "the built-in article's header says so" "Built-in 2022 dump." \
  "$("$MSSDOC" -d builtin toc | sed -n 4p)"

# A store that cannot be written: an error, nothing half-written.
rm -rf "$XDG_DATA_HOME"
mkdir -p "$XDG_DATA_HOME"
: >"$STORE" # a file where the directory should be
F >"$TMP/res" 2>"$TMP/err"
check_eq "fetch, store not writable: exit 2" 2 $?
check_cmd "fetch, store not writable: says why" grep -q "^mssdoc: cannot create $STORE" "$TMP/err"

kill "$SERVER"
