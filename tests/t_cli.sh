# t_cli.sh: the command line forgives what a user mistypes (issue 12): a
# typo of a command, a show kind, a chart kind or a global long option
# gets "did you mean" (never run), an unknown short option says so,
# format names ignore case, and `help help` answers.
. "$TESTS/lib.sh"
plan 22
export NO_COLOR=1 MSSDOC_PAGER=cat
unset MSSDOC_DATA

# usage_error NAME LINE COMMAND...: exit 2, nothing on stdout (the
# suggestion is not run), and stderr is exactly the one line LINE.
usage_error() {
  local name=$1 line=$2
  shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  local rc=$?
  check_eq "$name" "$(printf '2 0\n%s' "$line")" \
    "$(printf '%s %s\n%s' "$rc" "$(wc -c <"$TMP/out")" "$(cat "$TMP/err")")"
}

usage_error "a command's typo: did you mean" \
  "mssdoc: unknown command 'shwo'; did you mean 'show'?" "$MSSDOC" shwo
usage_error "a transposed short command" \
  "mssdoc: unknown command 'tco'; did you mean 'toc'?" "$MSSDOC" tco
usage_error "help of a mistyped command: did you mean" \
  "mssdoc: unknown command 'serach'; did you mean 'search'?" "$MSSDOC" help serach
usage_error "a show kind's typo: did you mean" \
  "mssdoc: unknown kind 'bureau'; did you mean 'bureaus'?" "$MSSDOC" show bureau
usage_error "a chart kind's typo: did you mean" \
  "mssdoc: unknown chart 'head'; did you mean 'heads'?" "$MSSDOC" chart head
usage_error "a global long option's typo: did you mean" \
  "mssdoc: unknown option '--widht'; did you mean '--width'?" "$MSSDOC" --widht 80 toc
usage_error "a long option's typo with =VALUE: the name is compared" \
  "mssdoc: unknown option '--widht=80'; did you mean '--width'?" "$MSSDOC" --widht=80 toc
usage_error "--no-pagr: did you mean --no-pager" \
  "mssdoc: unknown option '--no-pagr'; did you mean '--no-pager'?" "$MSSDOC" --no-pagr toc
# after the command: a global option's typo, and a command's own
usage_error "a global option's typo after the command" \
  "mssdoc: unknown option '--widht'; did you mean '--width'?" "$MSSDOC" toc --widht 80
usage_error "read's own option mistyped" \
  "mssdoc: unknown option '--no-ref'; did you mean '--no-refs'?" "$MSSDOC" read --no-ref
usage_error "timeline's own option mistyped" \
  "mssdoc: unknown option '--form'; did you mean '--from'?" "$MSSDOC" timeline --form 2000
"$MSSDOC" -d builtin timeline --from 2010 --to 2020 --grep spy >/dev/null 2>"$TMP/err"
check_eq "a command's own long options are no typos" "0 0" "$? $(wc -c <"$TMP/err")"
"$MSSDOC" -d builtin search --bogus spy >/dev/null 2>"$TMP/err"
check_eq "an option close to none is left to the command" \
  "2 mssdoc: search has no option --bogus; usage: mssdoc search [--in text|refs|all] QUERY..." \
  "$? $(cat "$TMP/err")"
usage_error "an unknown short option says unknown option" \
  "mssdoc: unknown option '-x'; see mssdoc --help" "$MSSDOC" -x
usage_error "an unknown short option before a command" \
  "mssdoc: unknown option '-x'; see mssdoc --help" "$MSSDOC" -x toc
# the user's word is quoted safely: ESC shown as an escape
usage_error "the mistyped word is quoted with its controls escaped" \
  "mssdoc: unknown command 'sho\\x1B'; did you mean 'show'?" "$MSSDOC" "$(printf 'sho\033')"
# nothing close: no suggestion, the list of commands as before
usage_error "a word close to no command gets no suggestion" \
  "mssdoc: no command 'frobnicate'; commands: read, toc, search, show, timeline, cite, who, chart, query, ingest, export, check, fetch, revisions, diff" \
  "$MSSDOC" frobnicate

# ---- format names ignore case ----
"$MSSDOC" -d builtin -f json toc >"$TMP/lower" 2>&1
"$MSSDOC" -d builtin -f JSON toc >"$TMP/upper" 2>"$TMP/err"
check_eq "-f JSON is -f json" "0 0 ok" \
  "$? $(wc -c <"$TMP/err") $(cmp -s "$TMP/lower" "$TMP/upper" && jq -e . "$TMP/upper" >/dev/null && echo ok)"
"$MSSDOC" -d builtin --format=html toc >"$TMP/lower" 2>&1
"$MSSDOC" -d builtin --format=Html toc >"$TMP/upper" 2>"$TMP/err"
check_eq "--format=Html is --format=html" "0 0 ok" \
  "$? $(wc -c <"$TMP/err") $(cmp -s "$TMP/lower" "$TMP/upper" && grep -q '^<html' "$TMP/upper" && echo ok)"
"$MSSDOC" -d builtin -f csv show bureaus >"$TMP/lower" 2>&1
"$MSSDOC" -d builtin -f CSV show bureaus >"$TMP/upper" 2>"$TMP/err"
check_eq "-f CSV is -f csv" "0 0 ok" \
  "$? $(wc -c <"$TMP/err") $(cmp -s "$TMP/lower" "$TMP/upper" && echo ok)"

# ---- help help ----
"$MSSDOC" help help >"$TMP/out" 2>"$TMP/err"
check_eq "help help says what help does" "0 0 1 1" \
  "$? $(wc -c <"$TMP/err") $(grep -c '^usage: mssdoc help \[COMMAND\]$' "$TMP/out") $(grep -c 'with one: its usage' "$TMP/out")"
"$MSSDOC" help show >"$TMP/out" 2>"$TMP/err"
check_eq "help COMMAND still gives the command's usage" "0 1" \
  "$? $(grep -c '^usage: mssdoc \[OPTIONS\] show KIND' "$TMP/out")"
