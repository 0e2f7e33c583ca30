#!/usr/bin/env bash
# tests/fuzz/smoke.sh SECONDS [TARGET...]: runs each fuzz target (built by
# tests/fuzz/build.sh) for SECONDS from its seed corpus tests/fuzz/corpus/
# TARGET/, prints libFuzzer's final statistics line (cov:, exec/s) and
# fails if any target crashed, leaked or timed out.  New inputs go to a
# scratch corpus ($FUZZ_WORK or build/fuzz/work/TARGET), never into the
# committed seeds; a crashing input is left there as crash-* (copy it to
# tests/fuzz/regressions/TARGET-NAME with the fix).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:?usage: smoke.sh SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ingest html xml dates refparse selector args views search diff)
bin=${FUZZ_OUT:-$root/build/fuzz}
work=${FUZZ_WORK:-$bin/work}
# (re)build first: build.sh recompiles only what changed
FUZZ_OUT=$bin "$root/tests/fuzz/build.sh" "${targets[@]}" >/dev/null || exit 2
status=0
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  log="$work/$t.log"
  # -rss_limit_mb: the targets run big inputs; -timeout: a hang is a bug
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$bin/fuzz_$t" -max_total_time="$secs" -timeout=25 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/$t-" \
    "$work/$t" "$root/tests/fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  last=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -n 1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  if [ "$rc" -eq 0 ]; then
    echo "ok   $t: $execs runs; $last"
  else
    echo "FAIL $t (exit $rc): $(ls "$work/$t-"* 2>/dev/null | head -1)"
    grep -E 'ERROR|SUMMARY|runtime error' "$log" | head -5 | sed 's/^/     /'
    status=1
  fi
done
exit $status
