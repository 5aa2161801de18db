#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (instrumented with -sanitize=fuzzer,address) and runs
# each for a bounded time, seeded from the fixtures, the ruleset and Fixtures/hostile.
#
#   Scripts/fuzz.sh [SECONDS]      total time, shared by the targets (default 60)
#   FUZZ_TARGETS="FuzzCSV" Scripts/fuzz.sh 30
#
# A crash, a memory error (AddressSanitizer), a timeout or running out of memory exits non-zero;
# the input that caused it is kept in Fuzz/crashes/ (make it a hostile fixture with its expected
# diagnostic, then fix the code). Leak detection is off: LeakSanitizer cannot follow Swift's
# enum payload pointers, whose spare bits carry tags, and reports the ruleset as leaked.
# The growing corpora live in .build/fuzz/ and are reused by the next run.
set -euo pipefail
cd "$(dirname "$0")/.."

total=${1:-60}
read -r -a targets <<< "${FUZZ_TARGETS:-FuzzYAML FuzzCSV FuzzNumbers FuzzExpression FuzzCheck}"
per=$(( total / ${#targets[@]} ))
(( per >= 1 )) || per=1

work=.build/fuzz
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
mkdir -p "$work" Fuzz/crashes

flags=(--package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address)
for target in "${targets[@]}"; do
  # gold warns about every ASan symbol it cannot export; nothing else is hidden.
  if ! swift build "${flags[@]}" --product "$target" > "$work/build-$target.log" 2>&1; then
    grep -v "Cannot export local symbol" "$work/build-$target.log" >&2
    exit 1
  fi
done
bin=$(swift build "${flags[@]}" --show-bin-path)

# Seeds: copies of the fixtures, so libFuzzer never writes into the repository.
seed() {
  local target=$1; shift
  local dir="$work/seeds-$target"
  rm -rf "$dir"; mkdir -p "$dir"
  local i=0 file
  for file in "$@"; do
    [ -f "$file" ] || continue
    i=$((i + 1))
    if [ -n "${PREFIX:-}" ]; then
      { printf "\\x$(printf %02x "$PREFIX")"; cat "$file"; } > "$dir/$i"
    else
      cp "$file" "$dir/$i"
    fi
  done
}
lines() {
  # One seed file per matching line (targets, expressions) of the ruleset.
  local target=$1 pattern=$2
  local dir="$work/seeds-$target"
  local i=1000
  grep -rhoE "$pattern" Rules/gz-2025 | sed -E 's/^[a-z_]+: *//; s/^"//; s/"$//' | sort -u | while IFS= read -r line; do
    i=$((i + 1)); printf '%s' "$line" > "$dir/$i"
  done
}

shopt -s nullglob globstar
seed FuzzYAML Fixtures/submissions/2025/*.yaml Fixtures/csv/*.yaml Fixtures/hostile/*.yaml Rules/gz-2025/**/*.yaml Fixtures/waivers-2025.yaml
seed FuzzCSV Fixtures/csv/*.csv Fixtures/hostile/*.csv
seed FuzzNumbers; lines FuzzNumbers 'target: .*'
for text in "1,520" "１５２０" "78.95%" "1.10101E+17" "-12,345.5" "6万个以上" "超过55%" "≥ 99%"; do
  printf '%s' "$text" > "$work/seeds-FuzzNumbers/$(printf '%s' "$text" | od -An -tx1 | tr -d ' \n')"
done
seed FuzzExpression; lines FuzzExpression '(rows|meets|expression): .*'
PREFIX=0 seed FuzzCheck Fixtures/submissions/2025/*.yaml Fixtures/hostile/*.yaml
PREFIX=1 seed FuzzCheck-metrics Fixtures/csv/*.csv Fixtures/hostile/*.csv
PREFIX=2 seed FuzzCheck-schools Fixtures/csv/schools-*.csv Fixtures/hostile/*.schools.csv
cp "$work"/seeds-FuzzCheck-metrics/* "$work/seeds-FuzzCheck/" 2>/dev/null || true
for f in "$work"/seeds-FuzzCheck-schools/*; do cp "$f" "$work/seeds-FuzzCheck/s$(basename "$f")"; done

status=0
for target in "${targets[@]}"; do
  corpus="$work/corpus-$target"
  mkdir -p "$corpus"
  case $target in
    FuzzNumbers|FuzzExpression) max_len=512 ;;
    *) max_len=16384 ;;
  esac
  echo "== $target: ${per}s"
  if ! "$bin/$target" "$corpus" "$work/seeds-$target" \
      -max_total_time="$per" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
      -artifact_prefix="Fuzz/crashes/$target-" -print_final_stats=1 2> "$work/$target.log"; then
    status=1
    echo "!! $target failed; see $work/$target.log and Fuzz/crashes/" >&2
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|Done [0-9]+ runs|ERROR|SUMMARY" "$work/$target.log" || true
done
exit $status
