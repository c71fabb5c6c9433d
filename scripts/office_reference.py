#!/usr/bin/env python3
"""Independent reference text of DOCX and ODT files, for measuring tenderlint's readers (scripts/fidelity.sh).

Uses only the standard library (zipfile, xml.etree), and shares no code or logic with the Rust readers.
What the reference holds, one paragraph or table cell a line:
  DOCX: every w:t of the main document part, its headers and footers (all sections), footnotes and endnotes;
        not deleted text (w:del, w:delText, w:moveFrom), field instructions (w:instrText), comments, or the
        VML fallback copy of text boxes (mc:Fallback).
  ODT:  the text of office:text in content.xml (paragraphs, headings, lists, tables, notes, frames) and of
        the headers and footers of every master page in styles.xml; not tracked deletions
        (text:tracked-changes), annotations, note citation marks, index templates or image titles.

Usage: office_reference.py OUT_DIR FILE...   (writes OUT_DIR/<file name>.txt; prints files it cannot read)
"""

import posixpath
import sys
import zipfile
import xml.etree.ElementTree as ET

# Elements whose whole subtree is not visible text.
DOCX_SKIP = {"del", "delText", "moveFrom", "instrText", "delInstrText", "Fallback", "commentReference",
             "rPr", "pPr", "sectPr", "tblPr", "trPr", "tcPr"}
DOCX_SPACE = {"tab", "br", "cr", "ptab"}
DOCX_LINE = {"p", "tc"}

ODT_SKIP = {"tracked-changes", "annotation", "annotation-end", "note-citation", "title", "desc",
            "table-of-content-source", "alphabetical-index-source", "illustration-index-source",
            "object-index-source", "user-index-source", "table-index-source", "bibliography-source",
            "sequence-decls", "variable-decls", "user-field-decls", "forms", "index-title-template"}
ODT_LINE = {"p", "h", "table-cell"}


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def walk(elem, out, skip, line, space, text_tags, in_text=False):
    """Appends the visible text under elem to out (a list of strings)."""
    name = local(elem.tag)
    if name in skip:
        return
    if name in space:
        out.append(" ")
    elif name == "s":  # ODF: text:s, c spaces
        out.append(" ")
    inside = in_text or name in text_tags
    if inside and elem.text:
        out.append(elem.text)
    for child in elem:
        walk(child, out, skip, line, space, text_tags, inside)
        if inside and child.tail:  # text after a child, even a skipped one, is visible
            out.append(child.tail)
    if name in line:
        out.append("\n")


def docx_text(zf):
    names = set(zf.namelist())
    main = "word/document.xml"
    rels = ET.fromstring(zf.read("_rels/.rels"))
    for rel in rels:
        if rel.get("Type", "").endswith("/officeDocument"):
            main = rel.get("Target", main).lstrip("/")
    parts = [main]
    rels_name = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
    if rels_name in names:
        for rel in ET.fromstring(zf.read(rels_name)):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            if kind in {"header", "footer", "footnotes", "endnotes"} and rel.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join(posixpath.dirname(main), rel.get("Target", "")))
                if target in names and target not in parts:
                    parts.append(target)
    out = []
    for part in parts:
        # Text of w:t only: tags other than t contribute no characters.
        walk_docx(ET.fromstring(zf.read(part)), out)
        out.append("\n")
    return "".join(out)


def walk_docx(elem, out):
    name = local(elem.tag)
    if name in DOCX_SKIP:
        return
    if name in DOCX_SPACE:
        out.append(" ")
    elif name == "noBreakHyphen":
        out.append("-")
    elif name == "t" and elem.text:
        out.append(elem.text)
    for child in elem:
        walk_docx(child, out)
    if name in DOCX_LINE:
        out.append("\n")


def odt_text(content, styles):
    out = []
    if content is not None:
        for body in content.iter():
            if local(body.tag) == "text" and body.tag.startswith("{urn:oasis:names:tc:opendocument:xmlns:office"):
                walk(body, out, ODT_SKIP, ODT_LINE, {"tab", "line-break"}, {"p", "h"})
    if styles is not None:
        for elem in styles.iter():
            if local(elem.tag) == "master-page":
                for part in elem:
                    if local(part.tag).startswith(("header", "footer")):
                        walk(part, out, ODT_SKIP, ODT_LINE, {"tab", "line-break"}, {"p", "h"})
    return "".join(out)


def reference(path):
    if path.endswith(".fodt"):
        root = ET.parse(path).getroot()
        return odt_text(root, root)
    with zipfile.ZipFile(path) as zf:
        if path.endswith(".odt"):
            styles = ET.fromstring(zf.read("styles.xml")) if "styles.xml" in zf.namelist() else None
            return odt_text(ET.fromstring(zf.read("content.xml")), styles)
        return docx_text(zf)


def main():
    out_dir, files = sys.argv[1], sys.argv[2:]
    for path in files:
        try:
            text = reference(path)
        except Exception as e:  # a broken test file: no reference, say so
            print(f"{path}: no reference ({e})", file=sys.stderr)
            continue
        with open(posixpath.join(out_dir, posixpath.basename(path) + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
