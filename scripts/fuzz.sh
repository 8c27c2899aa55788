#!/bin/sh
# Fuzzes verbatim's readers with libFuzzer (Fuzz/ package, built with the fuzzer and address sanitizers).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Targets: text docx odt srt vtt sbv codebook study csv (default: all), 60 seconds each by default.
# Seeds come from the bundled study, the codebooks and, when present, ../shared/corpora; they are copied
# into the work folder (FUZZ_WORK, default /tmp/verbatim-fuzz), never into the repository. Crashing
# inputs are written to FUZZ_WORK/crashes/TARGET-*; turn each into a test before fixing it. An input
# that takes more than FUZZ_TIMEOUT seconds (default 10) counts as a hang: on a loaded machine, or with
# the fuzzer run under `nice`, raise it, and run the input again alone (`VERBATIM_FUZZ=TARGET BINARY FILE`)
# to tell a real hang from a starved process.
# Exit code: 0 when no target crashed, 1 otherwise.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-"text docx odt srt vtt sbv codebook study csv"}
work=${FUZZ_WORK:-/tmp/verbatim-fuzz}
timeout=${FUZZ_TIMEOUT:-10}
mkdir -p "$work/crashes"

echo "building the fuzz targets (swift build -c release -Xswiftc -sanitize=fuzzer,address)" >&2
(cd "$here/Fuzz" && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2)
bin=$(cd "$here/Fuzz" && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --show-bin-path)/VerbatimFuzz

seed() {  # seed TARGET EXTENSION...
  dir="$work/seeds/$1"
  mkdir -p "$dir"
  shift
  for ext in "$@"; do
    find "$here/Corpora" "$here/Codebooks" "$here/../shared/corpora" -type f -name "*.$ext" 2>/dev/null | head -200 |
      while read -r f; do cp "$f" "$dir/$(printf '%s' "$f" | cksum | cut -d' ' -f1).$ext"; done
  done
}

failed=0
for t in $targets; do
  case $t in
    text) seed text txt md ;;
    docx) seed docx docx ;;
    odt) seed odt odt ;;
    srt|vtt|sbv) seed "$t" "$t" ;;
    codebook) seed codebook yaml ;;
    study) seed study yaml ;;
    csv) seed csv csv ;;
    *) echo "scripts/fuzz.sh: unknown target '$t'" >&2; exit 2 ;;
  esac
  mkdir -p "$work/corpus/$t"
  echo "fuzzing $t for $seconds s" >&2
  if ! VERBATIM_FUZZ=$t "$bin" "$work/corpus/$t" "$work/seeds/$t" -max_total_time="$seconds" -timeout="$timeout" \
       -rss_limit_mb=2048 -max_len=1048576 -artifact_prefix="$work/crashes/$t-" -print_final_stats=1 \
       > "$work/$t.log" 2>&1; then
    failed=1
    echo "$t: CRASH or hang, see $work/$t.log and $work/crashes/" >&2
  else
    echo "$t: $(grep -E 'stat::number_of_executed_units' "$work/$t.log" | tail -1 | awk '{print $2}') inputs, no crash" >&2
  fi
done
exit $failed
