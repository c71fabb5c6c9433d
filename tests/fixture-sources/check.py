#!/usr/bin/env python3
"""Checks that every fixture in fixtures/ still carries the text of its Markdown source.

    tests/fixture-sources/check.py

For each entry in the manifest of build.sh:
  md    the fixture is byte-identical to the source;
  docx, odt
        LibreOffice (headless, throwaway profile) converts the file to plain text, and every word of the
        source (pandoc's plain-text rendering) must be found there, nothing more; headings must be real
        heading paragraphs (DOCX Heading N styles, ODT text:h), as many as the source has;
  pdf   pdftotext must give the source's words (a text layer exists; hyphens are ignored because
        pdftotext joins a compound split at a line end; repeated table header rows on a new page are
        reported but allowed);
  docx+tracked
        the file must contain w:del/w:delText and w:ins with w:id, w:author and w:date, and the text
        LibreOffice gives after "accept all changes" must equal the source with deletions removed and
        insertions kept.
Needs pandoc, LibreOffice and pdftotext (poppler-utils). Exit code 0 when everything matches.
"""

import collections
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent.parent / "fixtures"

ACCEPT_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub AcceptAll(inUrl As String, outUrl As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(inUrl, &quot;_blank&quot;, 0, args())
  dispatcher = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  Dim noargs()
  dispatcher.executeDispatch(doc.getCurrentController().getFrame(), &quot;.uno:AcceptAllTrackedChanges&quot;, &quot;&quot;, 0, noargs())
  Dim props(0) As New com.sun.star.beans.PropertyValue
  props(0).Name = &quot;FilterName&quot;
  props(0).Value = &quot;Text&quot;
  doc.storeToURL(outUrl, props())
  doc.close(True)
End Sub
</script:module>
"""


def manifest():
    text = (HERE / "build.sh").read_text(encoding="utf-8")
    block = text.split("manifest=$(cat <<'EOF'", 1)[1].split("\nEOF", 1)[0]
    for line in block.strip().splitlines():
        name, formats, lang = line.split()
        yield name, formats.split(","), lang


def words(text, join_hyphens=False):
    if join_hyphens:  # pdftotext joins "prijs-" + "kwaliteitverhouding" at a line end; compare without hyphens
        text = re.sub(r"-\s*", "", text)
    return collections.Counter(re.findall(r"\w+", text.lower()))


def resolve_markers(text, accept=True):
    text = re.sub(r"⟪del:(.*?)⟫", "" if accept else r"\1", text, flags=re.S)
    return re.sub(r"⟪ins:(.*?)⟫", r"\1" if accept else "", text, flags=re.S)


def source_plain(src, tracked):
    md = src.read_text(encoding="utf-8")
    if tracked:
        md = resolve_markers(md)
    out = subprocess.run(["pandoc", "-f", "markdown", "-t", "plain", "--wrap=none"],
                         input=md, capture_output=True, text=True, check=True)
    return out.stdout


def soffice(profile, *args):
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}", *args],
                   capture_output=True, check=True, timeout=300)


def compare(label, expected, got, allow_extra=False):
    missing = expected - got
    extra = got - expected
    ok = not missing and (allow_extra or not extra)
    status = "ok " if ok else "FAIL"
    note = f"{sum(expected.values())} words"
    if missing:
        note += f"; missing {dict(missing.most_common(8))}"
    if extra:
        note += f"; extra {dict(extra.most_common(8))}" + (" (allowed)" if allow_extra else "")
    print(f"{status} {label}: {note}")
    return ok


def heading_count(path):
    with zipfile.ZipFile(path) as z:
        if path.suffix == ".docx":
            return len(re.findall(r'<w:pStyle w:val="Heading\d" ?/>', z.read("word/document.xml").decode()))
        return len(re.findall(r"<text:h ", z.read("content.xml").decode()))


def main():
    failures = 0
    with tempfile.TemporaryDirectory(prefix="tenderlint-check.") as tmp:
        tmp = Path(tmp)
        profile = tmp / "lo-profile"
        entries = list(manifest())
        office = [FIXTURES / f"{n}.{f.split('+')[0]}" for n, fs, _ in entries for f in fs if f in ("docx", "odt", "docx+tracked")]
        soffice(profile, "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp / "txt"), *map(str, office))
        module = profile / "user" / "basic" / "Standard" / "Module1.xba"
        module.write_text(ACCEPT_MACRO, encoding="utf-8")

        for name, formats, _ in entries:
            src = HERE / f"{name}.md"
            for fmt in formats:
                label = f"fixtures/{name}.{fmt.split('+')[0]}"
                path = FIXTURES / f"{name}.{fmt.split('+')[0]}"
                if not path.exists():
                    print(f"FAIL {label}: missing"); failures += 1; continue
                if fmt == "md":
                    ok = path.read_bytes() == src.read_bytes()
                    print(f"{'ok ' if ok else 'FAIL'} {label}: identical to source" if ok else f"FAIL {label}: differs from source")
                    failures += not ok
                    continue
                plain = source_plain(src, tracked=fmt == "docx+tracked")
                expected = words(plain)
                if fmt == "pdf":
                    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
                    failures += not compare(label, words(plain, True), words(text, True), allow_extra=True)
                elif fmt in ("docx", "odt"):
                    text = (tmp / "txt" / f"{path.stem}.txt").read_text(encoding="utf-8")
                    failures += not compare(label, expected, words(text))
                    want = sum(1 for line in src.read_text(encoding="utf-8").splitlines() if re.match(r"#+ ", line))
                    got = heading_count(path)
                    ok = want == got
                    print(f"{'ok ' if ok else 'FAIL'} {label}: {got} heading paragraphs (source has {want})")
                    failures += not ok
                elif fmt == "docx+tracked":
                    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
                    marks = re.findall(r"<w:(del|ins) w:id=\"\d+\" w:author=\"[^\"]+\" w:date=\"[^\"]+\"", xml)
                    ok = "<w:delText" in xml and "del" in marks and "ins" in marks
                    print(f"{'ok ' if ok else 'FAIL'} {label}: {marks.count('del')} w:del, {marks.count('ins')} w:ins with id/author/date")
                    failures += not ok
                    out = tmp / "accepted.txt"
                    soffice(profile, f'macro:///Standard.Module1.AcceptAll("file://{path}","file://{out}")')
                    failures += not compare(label + " (all changes accepted)", expected, words(out.read_text(encoding="utf-8")))
                    deleted = words(" ".join(re.findall(r"⟪del:(.*?)⟫", src.read_text(encoding="utf-8"), re.S)))
                    raw = words((tmp / "txt" / f"{path.stem}.txt").read_text(encoding="utf-8")) if (tmp / "txt" / f"{path.stem}.txt").exists() else None
                    if raw is not None:
                        print(f"     (LibreOffice's plain --convert-to txt keeps deleted text: {not (deleted - raw)})")
    print("all fixtures match their sources" if not failures else f"{failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
