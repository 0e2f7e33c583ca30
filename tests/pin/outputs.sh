# tests/pin/outputs.sh: sourced by t_pin.sh.  pin_variants A DIR writes the
# article dump A and the variants t_variants.sh makes of it (CRLF + BOM, a
# bureau row, a heads row, a dated paragraph, a reference) as DIR/NAME.txt;
# pin_outputs DIR DATA... writes every serialised form of that data to DIR:
# the XML, JSON and CSV of every record view and of the whole set.

pin_variants() {
  local A=$1 D=$2 at
  cp "$A" "$D/base.txt"
  { printf '\357\273\277'; sed 's/$/\r/' "$A"; } >"$D/crlf.txt"
  at=$(grep -n '^17 Enterprises Division' "$A" | cut -d: -f1)
  sed "${at}a 18 Test Division Responsible for testing the ingest" "$A" >"$D/row.txt"
  at=$(grep -n '^5 Chen Wenqing' "$A" | cut -d: -f1)
  sed "${at}s/.*/5 Chen Wenqing November 2016 October 2022/; ${at}a 6 Wang Xiaohong October 2022 Incumbent" "$A" >"$D/head.txt"
  at=$(grep -n '^In February 2021, The Daily Telegraph' "$A" | cut -d: -f1)
  sed "${at}a \\\\nIn June 2022, investigators reported a new operation in the test region.[46]" "$A" >"$D/para.txt"
  at=$(grep -nE '^ +82\. \^' "$A" | cut -d: -f1)
  sed "${at}a \ \ 83. ^ Doe, Jane (2023). \"A New Study of Things\". Example Journal. Retrieved 2023-01-01." "$A" >"$D/ref.txt"
}

# The views whose output is the record fields themselves, and their formats.
PIN_VIEWS=(
  "export:xml json" "show bureaus:json xml csv" "show ministers:json xml csv"
  "show heads:json xml csv" "show sections:json xml csv"
  "show incidents:json xml csv" "show references:json xml csv"
  "show infobox:json xml csv" "show people:json csv" "timeline:json xml csv"
  "check:json xml" "cite 5:json xml" "toc:json"
)

pin_outputs() {
  local out=$1 v cmd f
  shift
  for v in "${PIN_VIEWS[@]}"; do
    cmd=${v%%:*}
    for f in ${v#*:}; do
      # shellcheck disable=SC2086
      "$MSSDOC" --no-pager "$@" $cmd -f "$f" >"$out/${cmd// /-}.$f" 2>&1
      echo "exit $?" >>"$out/${cmd// /-}.$f"
    done
  done
}
