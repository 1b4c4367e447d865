#!/usr/bin/env bash
# Opens the Word documents flowcut writes in LibreOffice (headless), as an
# office user's machine would: the review (review.docx) and one procedure
# (procedure.docx, written with --office) are converted to PDF, and the
# PDFs must hold the tables' words, the procedure's two diagrams as
# images, and a first page that is not blank. Installs Debian's
# libreoffice-writer-nogui and poppler-utils when run as root and missing.
#   scripts/office.sh [OUT_DIR]   (default: a temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "needs: apt-get install -y --no-install-recommends ${missing[*]}" >&2; exit 1
  fi
fi
bash scripts/setup.sh
out=${1:-$(mktemp -d)}
swift build -c release --product flowcut >/dev/null
.build/release/flowcut analyze workflows/giay-phep-dich-vu-viec-lam.flow workflows/tro-cap-than-nhan-liet-si.flow \
  --office --runs 500 --quiet --out "$out/review" --lang vi > /dev/null
# A profile of its own, so that a LibreOffice already open (or a root's
# missing home) does not get in the way.
profile="file://$out/lo-profile"
for doc in "$out/review/review.docx" "$out/review/giay-phep-dich-vu-viec-lam/procedure.docx"; do
  soffice -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "$out/pdf" "$doc" > /dev/null 2>&1
done
review_pdf="$out/pdf/review.pdf"
procedure_pdf="$out/pdf/procedure.pdf"
for pdf in "$review_pdf" "$procedure_pdf"; do [ -s "$pdf" ] || { echo "LibreOffice wrote no $pdf" >&2; exit 1; }; done
fail() { echo "office check: $*" >&2; exit 1; }
# The review's ranked table: both procedures' names, and its Vietnamese headings.
text=$(pdftotext -layout "$review_pdf" -)
grep -q "Rà soát quy trình nội bộ của Sở" <<<"$text" || fail "review.pdf lacks its title"
grep -q "Cấp giấy phép hoạt động dịch vụ việc làm" <<<"$text" || fail "review.pdf lacks the ranked table's first procedure"
grep -q "liệt sĩ" <<<"$text" || fail "review.pdf lacks the second procedure"
# The procedure: its numbers table, and the diagrams before and after as two images.
text=$(pdftotext -layout "$procedure_pdf" -)
grep -q "Sơ đồ quy trình hiện hành" <<<"$text" || fail "procedure.pdf lacks the diagram's caption"
images=$(pdfimages -list "$procedure_pdf" | awk 'NR > 2 && $3 == "image"' | wc -l)
[ "$images" -ge 2 ] || fail "procedure.pdf holds $images images, not the 2 diagrams"
pages=$(pdfinfo "$procedure_pdf" | awk '/^Pages:/ { print $2 }')
# A4 is 595 × 842 points (210 × 297 mm): every page upright, or turned for
# a diagram wider than tall.
sizes=$(pdfinfo -f 1 -l "$pages" "$procedure_pdf" | awk '/^Page +[0-9]+ size:/ { printf "%d×%d\n", $4, $6 }' | sort -u | tr '\n' ' ')
for size in $sizes; do
  case "$size" in 595×841 | 841×595) ;; *) fail "procedure.pdf has a page of $size pt, not A4" ;; esac
done
pdftoppm -r 60 -f 1 -l 1 -png "$procedure_pdf" "$out/page"
pdftoppm -r 60 -f 1 -l 1 -png "$review_pdf" "$out/review-page"
python3 scripts/not-blank.py "$out"/page*.png "$out"/review-page*.png
echo "office check: review.pdf and procedure.pdf ($pages pages, A4, $images images) open in LibreOffice"
