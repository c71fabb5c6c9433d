#!/usr/bin/env python3
"""Helpers for build.sh (standard library only).

Subcommands:

  reference-docx IN OUT   copy pandoc's default reference.docx with an A4 page (2.5 cm margins) and
                          Arial 10 pt text, closer to what Dutch and UK tender documents look like
  reference-odt  IN OUT   copy pandoc's default reference.odt, switching the page from Letter to A4
  track-changes  IN OUT   turn change markers in a pandoc DOCX into real Word tracked changes
  fix-zip-dates  IN OUT   rewrite a zip (ODT) with every entry dated SOURCE_DATE_EPOCH, because pandoc's
                          ODT writer stamps entries with the current time

Change markers are written in the Markdown source and survive pandoc as plain text:

  ⟪del:text⟫   becomes <w:del><w:r><w:delText>text</w:delText></w:r></w:del>  (a tracked deletion)
  ⟪ins:text⟫   becomes <w:ins><w:r><w:t>text</w:t></w:r></w:ins>              (a tracked insertion)

A paragraph whose whole text is deleted (or inserted) also gets its paragraph mark marked as deleted
(or inserted), and a table row whose paragraphs are all deleted gets <w:trPr><w:del/></w:trPr>, so
Word and LibreOffice show the paragraph or row itself as removed. Every change gets a unique w:id and
the same w:author and w:date. Zip entries keep pandoc's order and timestamps, so the output only
changes when the source changes.
"""

import os
import re
import sys
import time
import zipfile
from itertools import count
from xml.sax.saxutils import escape

AUTHOR = "Juridische Zaken (M. de Vries)"
DATE = "2026-02-18T10:24:00Z"

A4_SECTPR = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" '
    'w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>'
)

MARKER = re.compile(r"⟪(del|ins):(.*?)⟫", re.S)


def rewrite_zip(src, dst, edit, date_time=None):
    """Copy the zip src to dst, passing each member's bytes through edit(name, data)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = edit(info.filename, zin.read(info.filename))
            out = zipfile.ZipInfo(info.filename, date_time=date_time or info.date_time)
            # ODF requires the mimetype entry first and stored (uncompressed).
            out.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            out.external_attr = info.external_attr
            zout.writestr(out, data)


def reference_docx(src, dst):
    def edit(name, data):
        if name == "word/document.xml":
            xml = data.decode("utf-8")
            xml = re.sub(r"<w:sectPr\s*/>|<w:sectPr>.*?</w:sectPr>", "", xml, flags=re.S)
            xml = xml.replace("</w:body>", A4_SECTPR + "</w:body>")
            return xml.encode("utf-8")
        if name == "word/styles.xml":
            xml = data.decode("utf-8")
            xml = re.sub(r'<w:rFonts w:asciiTheme="(minor|major)HAnsi"[^>]*/>',
                         '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial" />', xml)
            xml = xml.replace('<w:sz w:val="24" />\n        <w:szCs w:val="24" />',
                              '<w:sz w:val="20" />\n        <w:szCs w:val="20" />', 1)
            return xml.encode("utf-8")
        return data

    rewrite_zip(src, dst, edit)


def reference_odt(src, dst):
    def edit(name, data):
        if name == "styles.xml":
            xml = data.decode("utf-8")
            xml = xml.replace('fo:page-width="8.5in"', 'fo:page-width="21cm"')
            xml = xml.replace('fo:page-height="11in"', 'fo:page-height="29.7cm"')
            return xml.encode("utf-8")
        return data

    rewrite_zip(src, dst, edit)


def track_changes_xml(xml):
    ids = count(9001)
    attrs = lambda: f'w:id="{next(ids)}" w:author="{escape(AUTHOR)}" w:date="{DATE}"'

    def run(rpr, text, tag="w:t"):
        return f'<w:r>{rpr}<{tag} xml:space="preserve">{text}</{tag}></w:r>'

    def paragraph(m):
        p = m.group(0)
        texts = re.findall(r"<w:t(?:\s[^>]*)?>(.*?)</w:t>", p, re.S)
        full = "".join(texts)
        if "⟪" not in full:
            return p
        runs = re.findall(r"<w:r>(.*?)</w:r>", p, re.S)
        rprs = {(re.search(r"<w:rPr>.*?</w:rPr>", r, re.S) or [""])[0] for r in runs}
        if len(rprs) != 1:
            raise SystemExit(f"change markers in a paragraph with mixed formatting: {full[:80]!r}")
        rpr = rprs.pop()
        head = p[: p.index("<w:r>")]
        pieces, kinds, pos = [], set(), 0
        for mm in MARKER.finditer(full):
            if full[pos : mm.start()]:
                pieces.append(run(rpr, full[pos : mm.start()]))
                if full[pos : mm.start()].strip():
                    kinds.add("plain")
            kind, text = mm.group(1), mm.group(2)
            kinds.add(kind)
            if kind == "del":
                pieces.append(f"<w:del {attrs()}>{run(rpr, text, 'w:delText')}</w:del>")
            else:
                pieces.append(f"<w:ins {attrs()}>{run(rpr, text)}</w:ins>")
            pos = mm.end()
        if full[pos:]:
            pieces.append(run(rpr, full[pos:]))
            if full[pos:].strip():
                kinds.add("plain")
        if "⟪" in "".join(pieces) or "⟫" in "".join(pieces):
            raise SystemExit(f"unbalanced change marker in: {full[:80]!r}")
        if kinds in ({"del"}, {"ins"}):
            mark = f'<w:rPr><w:{kinds.pop()} {attrs()}/></w:rPr>'
            if "<w:pPr>" in head:
                head = head.replace("</w:pPr>", mark + "</w:pPr>", 1)
            else:
                head = head.replace("<w:p>", "<w:p><w:pPr>" + mark + "</w:pPr>", 1)
        return head + "".join(pieces) + "</w:p>"

    xml = re.sub(r"<w:p>.*?</w:p>", paragraph, xml, flags=re.S)

    def row(m):
        tr = m.group(0)
        paras = re.findall(r"<w:p>.*?</w:p>", tr, re.S)
        if not paras or not all(re.search(r"<w:pPr>.*<w:rPr><w:del ", p, re.S) for p in paras):
            return tr
        mark = f"<w:del {attrs()}/>"
        if "<w:trPr>" in tr:
            return tr.replace("</w:trPr>", mark + "</w:trPr>", 1)
        return tr.replace("<w:tr>", "<w:tr><w:trPr>" + mark + "</w:trPr>", 1)

    xml = re.sub(r"<w:tr>.*?</w:tr>", row, xml, flags=re.S)
    if "⟪" in xml or "⟫" in xml:
        raise SystemExit("change markers left in document.xml (marker split across runs?)")
    return xml


def track_changes(src, dst):
    def edit(name, data):
        if name == "word/document.xml":
            return track_changes_xml(data.decode("utf-8")).encode("utf-8")
        return data

    rewrite_zip(src, dst, edit)


def fix_zip_dates(src, dst):
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600"))
    rewrite_zip(src, dst, lambda name, data: data, date_time=time.gmtime(epoch)[:6])


def main(argv):
    commands = {"reference-docx": reference_docx, "reference-odt": reference_odt,
                "track-changes": track_changes, "fix-zip-dates": fix_zip_dates}
    if len(argv) != 4 or argv[1] not in commands:
        raise SystemExit(__doc__)
    commands[argv[1]](argv[2], argv[3])


if __name__ == "__main__":
    main(sys.argv)
