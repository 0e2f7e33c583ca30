# t_golden.sh: every golden case tests/golden/GROUP/NAME.args (one line of
# arguments, shell-quoted; $ROOT may appear) against NAME.out (stdout),
# NAME.err (stderr, if present) and NAME.code (exit status, default 0).
# `make regen` (REGEN=1) rewrites the expected files on purpose; review the
# diff by eye before committing.
. "$TESTS/lib.sh"
plan "$(find "$ROOT/tests/golden" -name "*.args" | wc -l)"
export NO_COLOR=1 COLUMNS=80 MSSDOC_PAGER=cat
unset MSSDOC_DATA
for args in "$ROOT"/tests/golden/*/*.args; do
  [ -f "$args" ] || continue
  base=${args%.args}
  name=${base#"$ROOT"/tests/golden/}
  eval "set -- $(cat "$args")"
  (cd "$ROOT" && "$MSSDOC" "$@") >"$TMP/out" 2>"$TMP/err" </dev/null
  code=$?
  if [ "${REGEN:-0}" = 1 ]; then
    cp "$TMP/out" "$base.out"
    if [ -s "$TMP/err" ]; then cp "$TMP/err" "$base.err"; else rm -f "$base.err"; fi
    if [ "$code" != 0 ]; then echo "$code" >"$base.code"; else rm -f "$base.code"; fi
  fi
  want_code=0
  [ -f "$base.code" ] && want_code=$(cat "$base.code")
  : >"$TMP/empty"
  want_err="$TMP/empty"
  [ -f "$base.err" ] && want_err="$base.err"
  if [ "$code" = "$want_code" ] && cmp -s "$base.out" "$TMP/out" && cmp -s "$want_err" "$TMP/err"; then
    ok "golden $name"
  else
    not_ok "golden $name (exit $code, want $want_code)"
    diff -u "$base.out" "$TMP/out" | head -15 | sed 's/^/#   /'
    diff -u "$want_err" "$TMP/err" | head -5 | sed 's/^/#   /'
  fi
done
