#!/usr/bin/env bash
# Regenerates the fixture documents in fixtures/ from the Markdown sources in this directory.
#
#   tests/fixture-sources/build.sh            rebuild every fixture
#   tests/fixture-sources/build.sh NAME...    rebuild only the named sources, e.g. tenders/catering-en
#
# The committed files in fixtures/ are what the tests read; this script is for people who edit a text.
# Edit the .md source here, run the script, check the result (see fixtures/README.md) and commit both.
#
# What it does per source (the table below says which formats each source gets):
#   md    the source copied verbatim (only for sources without change markers)
#   docx  pandoc Markdown -> DOCX, A4 reference document, document language set
#   odt   pandoc Markdown -> ODT, A4 reference document, document language set (zip dates fixed)
#   pdf   pandoc Markdown -> DOCX, then LibreOffice (headless, throwaway profile) DOCX -> PDF
#   docx+tracked  as docx, then build_helpers.py turns the ⟪del:…⟫ / ⟪ins:…⟫ markers into real
#         Word tracked changes (w:del with w:delText, w:ins; w:id, w:author, w:date)
#
# Needs: pandoc (2.17 or later), LibreOffice (soffice), python3. SOURCE_DATE_EPOCH is fixed, so DOCX and
# ODT output only changes when the text changes; PDF bytes differ between runs (LibreOffice writes a
# creation date and a random document id), which is expected.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="$(cd "$here/../.." && pwd)/fixtures"
export SOURCE_DATE_EPOCH=1767225600   # 2026-01-01T00:00:00Z

# source (relative to this directory, without .md)   formats                  language
manifest=$(cat <<'EOF'
formats/schoonmaak-nl                 md,docx,odt,pdf          nl-NL
formats/ict-support-en                md,docx,odt,pdf          en-GB
tenders/wegen-onderhoud-nl            pdf                      nl-NL
tenders/highway-resurfacing-en        docx                     en-GB
tenders/schoonmaak-kantoren-nl        odt                      nl-NL
tenders/catering-en                   md                       en-GB
tenders/wmo-begeleiding-nl            docx                     nl-NL
tenders/supported-accommodation-en    pdf                      en-GB
tenders/leerlingenvervoer-nl          pdf                      nl-NL
tenders/bus-concession-en             odt                      en-GB
tenders/security-guarding-en          md                       en-GB
tenders/werkplekbeheer-nl             docx+tracked             nl-NL
tenders/facilitair-beheer-nl          md                       nl-NL
tenders/cloud-hosting-en              pdf                      en-US
tenders/homecare-en                   docx                     en-GB
tenders/gladheidbestrijding-nl        odt                      nl-NL
tenders/beveiliging-nl                pdf                      nl-NL
tenders/school-transport-en           odt                      en-GB
tenders/jeugdhulp-nl                  md                       nl-NL
tenders/managed-print-en              docx                     en-GB
tenders/bedrijfscatering-nl           pdf                      nl-NL
tenders/gully-cleansing-en            pdf                      en-GB
EOF
)

for tool in pandoc soffice python3; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool not found" >&2; exit 2; }
done

work="$(mktemp -d /tmp/tenderlint-fixtures.XXXXXX)"
trap 'rm -rf "$work"' EXIT
lo_profile="file://$work/lo-profile"

pandoc -o "$work/default.docx" --print-default-data-file reference.docx
pandoc -o "$work/default.odt" --print-default-data-file reference.odt
python3 "$here/build_helpers.py" reference-docx "$work/default.docx" "$work/reference.docx"
python3 "$here/build_helpers.py" reference-odt "$work/default.odt" "$work/reference.odt"

to_docx() { # source lang target
  pandoc "$1" -f markdown -t docx --columns=40 --reference-doc "$work/reference.docx" -M lang="$2" -o "$3"
}

wanted=" $* "
while read -r name formats lang; do
  [ -n "$name" ] || continue
  if [ $# -gt 0 ] && [[ "$wanted" != *" $name "* ]]; then continue; fi
  src="$here/$name.md"
  dest="$out/$name"
  mkdir -p "$(dirname "$dest")"
  for fmt in ${formats//,/ }; do
    case "$fmt" in
      md)
        cp "$src" "$dest.md" ;;
      docx)
        to_docx "$src" "$lang" "$dest.docx" ;;
      docx+tracked)
        to_docx "$src" "$lang" "$work/tracked.docx"
        python3 "$here/build_helpers.py" track-changes "$work/tracked.docx" "$dest.docx" ;;
      odt)
        pandoc "$src" -f markdown -t odt --columns=40 --reference-doc "$work/reference.odt" -M lang="$lang" -o "$work/out.odt"
        python3 "$here/build_helpers.py" fix-zip-dates "$work/out.odt" "$dest.odt" ;;
      pdf)
        base="$(basename "$name")"
        to_docx "$src" "$lang" "$work/$base.docx"
        soffice --headless --norestore "-env:UserInstallation=$lo_profile" \
          --convert-to pdf --outdir "$work" "$work/$base.docx" >/dev/null 2>&1
        [ -s "$work/$base.pdf" ] || { echo "build.sh: LibreOffice did not convert $name" >&2; exit 1; }
        mv "$work/$base.pdf" "$dest.pdf" ;;
      *)
        echo "build.sh: unknown format $fmt for $name" >&2; exit 2 ;;
    esac
    echo "built fixtures/$name.${fmt%+tracked}"
  done
done <<< "$manifest"
