#!/usr/bin/env bash
# Measures text fidelity and writes docs/fidelity.md: remakes the reference texts under tests/data/fidelity/
# (pdftotext for PDFs, scripts/office_reference.py for DOCX/ODT), then compares tenderlint's text with them
# (examples/fidelity.rs). Installs poppler-utils when pdftotext is missing. The test suite needs neither tool:
# it reads the committed references.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
out=tests/data/fidelity

if ! command -v pdftotext >/dev/null; then
  echo "fidelity: installing poppler-utils for pdftotext" >&2
  apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null
fi
command -v python3 >/dev/null || { echo "fidelity: python3 is needed" >&2; exit 1; }

rm -rf "$out" && mkdir -p "$out"/{corpus,pdfjs,docx,odt}
for f in "$shared"/corpus/files/*.pdf; do
  pdftotext -q -enc UTF-8 "$f" "$out/corpus/$(basename "$f").txt"
done
while read -r name; do
  [ -n "$name" ] || continue
  pdftotext -q -enc UTF-8 "$shared/robustness/pdfjs/$name.pdf" "$out/pdfjs/$name.pdf.txt"
done < "$shared/robustness/pdfjs-text-quality-set.txt"
python3 scripts/office_reference.py "$out/corpus" "$shared"/corpus/files/*.docx
python3 scripts/office_reference.py "$out/docx" "$shared"/robustness/docx/*.docx
python3 scripts/office_reference.py "$out/odt" "$shared"/robustness/odt/*.odt

PDFTOTEXT_VERSION="$(pdftotext -v 2>&1 | head -n1)" \
  nice cargo run --quiet --example fidelity -- --write docs/fidelity.md
echo "fidelity: wrote docs/fidelity.md" >&2
