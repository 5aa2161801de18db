#!/usr/bin/env bash
# Prints the fixtures' audit report to PDF with a real browser and checks what a reader of the
# paper would check: the sections, the Chinese text (with the CJK fonts embedded), the page
# numbers (第 X 页 共 Y 页), the sign-off block, A4 pages, and no text pushed past the margin.
#
# On a fresh Debian machine it installs Chromium, the Noto CJK fonts and poppler when missing.
# Usage: Scripts/print-audit.sh [OUTPUT_DIR]   (keeps audit.html, audit.pdf and audit.txt there)
# EDUCHECK_SCRATCH_PATH, when set, is passed to `swift build --scratch-path`.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

fail() {
  echo "print-audit: FAILED: $*" >&2
  exit 1
}

# --- Tools -------------------------------------------------------------------------------------
browser=""
for candidate in chromium chromium-browser; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
need=()
[ -n "$browser" ] || need+=(chromium)
# Captured first: with pipefail, `grep -q` closing a pipe early would fail the producer.
families=$(fc-list : family 2>/dev/null || true)
grep -q "Noto Sans CJK SC" <<<"$families" || need+=(fonts-noto-cjk)
for tool in pdftotext pdffonts pdfinfo; do
  command -v "$tool" >/dev/null 2>&1 || { need+=(poppler-utils); break; }
done
if [ ${#need[@]} -gt 0 ]; then
  echo "print-audit: installing ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >/dev/null
  $sudo apt-get install -y -q "${need[@]}" >/dev/null
  [ -n "$browser" ] || browser=chromium
fi
command -v "$browser" >/dev/null 2>&1 || fail "no Chromium after installing it"

# --- Build and render --------------------------------------------------------------------------
build=(swift build --product educheck)
[ -z "${EDUCHECK_SCRATCH_PATH:-}" ] || build+=(--scratch-path "$EDUCHECK_SCRATCH_PATH")
"${build[@]}" >/dev/null || fail "swift build failed"
educheck="$("${build[@]}" --show-bin-path)/educheck"

if [ $# -ge 1 ]; then
  out=$1
  mkdir -p "$out"
else
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
html="$out/audit.html"
pdf="$out/audit.pdf"
rm -f "$html" "$pdf"

set +e
"$educheck" check Fixtures/submissions/2025 --city --waivers Fixtures/waivers-2025.yaml --as-of 2025-11-30 \
  --format html --output "$html" --lang zh
status=$?
set -e
# 0, 1 (targets missed) and 2 (problems in files) all come with a report; anything else does not.
[ "$status" -le 2 ] || fail "educheck check exited with $status"
[ -s "$html" ] || fail "educheck wrote no HTML report"

# --- Print -------------------------------------------------------------------------------------
# No network: the report must stand on its own. A fresh profile keeps runs independent.
profile=$(mktemp -d)
timeout 180 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
  --no-first-run --no-default-browser-check --user-data-dir="$profile" \
  --no-pdf-header-footer --print-to-pdf="$pdf" "file://$(realpath "$html")" >"$out/chromium.log" 2>&1 \
  || { rm -rf "$profile"; cat "$out/chromium.log" >&2; fail "Chromium could not print the report"; }
rm -rf "$profile"
[ -s "$pdf" ] || fail "Chromium wrote no PDF"

# --- Check the paper ---------------------------------------------------------------------------
info=$(pdfinfo "$pdf")
pages=$(awk '/^Pages:/ { print $2 }' <<<"$info")
grep -q "^Page size:.*(A4)" <<<"$info" || fail "the pages are not A4: $(grep '^Page size' <<<"$info")"
[ "${pages:-0}" -ge 3 ] || fail "only ${pages:-0} pages"

pdftotext -layout "$pdf" "$out/audit.txt"
text="$out/audit.txt"
for heading in "审核报告" "输入文件及其 SHA-256" "一、核查结论" "二、单位 × 规则达标矩阵" "图例" \
               "三、逐条核查情况" "四、文件问题" "五、审核意见与签字" "审核人" "日期" "签字"; do
  grep -qF "$heading" "$text" || fail "the PDF lacks “$heading”"
done
for chinese in "穗教发〔2025〕7号" "越秀区" "适龄残疾儿童" "全市汇总"; do
  grep -qF "$chinese" "$text" || fail "the PDF lacks the Chinese text “$chinese” (fonts?)"
done
grep -qE "第 1 页 共 $pages 页" "$text" || fail "no “第 1 页 共 $pages 页” page number"
grep -qE "第 $pages 页 共 $pages 页" "$text" || fail "no “第 $pages 页 共 $pages 页” on the last page"
numbered=$(grep -cE "第 [0-9]+ 页 共 $pages 页" "$text" || true)
[ "$numbered" -eq "$pages" ] || fail "$numbered of $pages pages carry a page number"

fonts=$(pdffonts "$pdf" | tail -n +3)
# Columns: name type encoding emb sub uni object-id; "emb" must be yes for every font.
unembedded=$(awk '{ if ($(NF-4) != "yes") print $1 }' <<<"$fonts")
[ -z "$unembedded" ] || fail "fonts not embedded: $unembedded"
# Chromium's PDF backend (Skia) embeds OpenType CFF fonts, which Noto CJK is, as unnamed Type 3
# fonts; only TrueType faces keep their names. So: the CJK faces the stylesheet asks for must be
# what fontconfig gives Chromium, and the PDF must carry them, named or as Type 3.
for family in "Noto Sans CJK SC" "Noto Serif CJK SC"; do
  matched=$(fc-match -f '%{family}' "$family")
  grep -qF "$family" <<<"$matched" || fail "fontconfig has no “$family” (fonts-noto-cjk)"
done
if ! grep -q "CJK" <<<"$fonts"; then
  grep -q "Type 3" <<<"$fonts" || fail "no CJK font embedded in the PDF: $fonts"
fi

# Nothing may run into the right margin (18 mm of 210): a clipped or overflowing table would.
# Up to 6 pt is allowed: Chromium trims the blank half of a full-width closing bracket at the
# end of a line (text-spacing-trim), but pdftotext still reports the glyph's whole em box.
pdftotext -bbox "$pdf" "$out/audit-words.html"
python3 - "$out/audit-words.html" <<'PYTHON' || fail "text runs into the right margin (a table overflows the page)"
import re, sys
page_width = None
worst = 0.0
for line in open(sys.argv[1], encoding="utf-8"):
    page = re.search(r'<page width="([\d.]+)"', line)
    if page:
        page_width = float(page.group(1))
    word = re.search(r'xMax="([\d.]+)"', line)
    if word and page_width:
        worst = max(worst, float(word.group(1)) - (page_width - 18 / 25.4 * 72))
if worst > 6.0:
    print(f"print-audit: a word ends {worst:.1f} pt inside the right margin", file=sys.stderr)
    sys.exit(1)
PYTHON

elapsed=$(( $(date +%s) - started ))
named=$(awk '$1 != "[none]" { sub(/^[A-Z]+\+/, "", $1); print $1 }' <<<"$fonts" | sort -u | tr '\n' ' ')
type3=$(grep -c "Type 3" <<<"$fonts" || true)
echo "print-audit: ok — $pages A4 pages numbered 第 X 页 共 $pages 页, every section and the sign-off present; fonts embedded: ${named}and $type3 Type 3 (Noto CJK) (${elapsed}s)"
