//! Pretty-printed JSON written piece by piece: a document's head, then the elements of one array as they
//! arrive, then its tail, in exactly the bytes `serde_json::to_writer_pretty` gives for the whole value
//! (two-space indent), without holding the whole value.

use serde::Serialize;
use std::io::{self, Write};

/// `value` pretty-printed as if it stood at nesting `depth` of a larger document: every line after the
/// first indented by two spaces per level. (JSON strings escape their line breaks, so every line break
/// in the output is structure.)
pub(crate) fn at_depth<T: Serialize + ?Sized>(value: &T, depth: usize) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    if depth == 0 || !text.contains('\n') {
        return Ok(text);
    }
    Ok(text.replace('\n', &format!("\n{}", "  ".repeat(depth))))
}

/// One array of a pretty-printed document, written element by element. The caller has written
/// everything up to and including `"key": ` (or the position of the array); [`open`](Self::open) writes
/// `[`, [`element`](Self::element) each element, [`close`](Self::close) `]`.
pub(crate) struct ArrayWriter {
    /// Nesting depth of the array itself.
    depth: usize,
    empty: bool,
}

impl ArrayWriter {
    pub(crate) fn open(out: &mut dyn Write, depth: usize) -> io::Result<ArrayWriter> {
        out.write_all(b"[")?;
        Ok(ArrayWriter { depth, empty: true })
    }

    pub(crate) fn element<T: Serialize + ?Sized>(
        &mut self,
        out: &mut dyn Write,
        value: &T,
    ) -> io::Result<()> {
        let sep: &[u8] = if self.empty { b"\n" } else { b",\n" };
        out.write_all(sep)?;
        out.write_all("  ".repeat(self.depth + 1).as_bytes())?;
        out.write_all(at_depth(value, self.depth + 1)?.as_bytes())?;
        self.empty = false;
        Ok(())
    }

    pub(crate) fn close(self, out: &mut dyn Write) -> io::Result<()> {
        if !self.empty {
            out.write_all(b"\n")?;
            out.write_all("  ".repeat(self.depth).as_bytes())?;
        }
        out.write_all(b"]")
    }
}

/// Writes `"key": value` as a member of an object at nesting `depth` (the member's line is indented by
/// `depth + 1` levels), preceded by `,\n` unless it is the first member.
pub(crate) fn member<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    depth: usize,
    first: bool,
    key: &str,
    value: &T,
) -> io::Result<()> {
    member_key(out, depth, first, key)?;
    out.write_all(at_depth(value, depth + 1)?.as_bytes())
}

/// Writes `"key": ` of a member of an object at nesting `depth`, for a value written after it.
pub(crate) fn member_key(
    out: &mut dyn Write,
    depth: usize,
    first: bool,
    key: &str,
) -> io::Result<()> {
    let sep: &[u8] = if first { b"\n" } else { b",\n" };
    out.write_all(sep)?;
    out.write_all("  ".repeat(depth + 1).as_bytes())?;
    out.write_all(serde_json::to_string(key)?.as_bytes())?;
    out.write_all(b": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The piecewise writer gives the bytes serde_json gives for the whole value.
    #[test]
    fn piecewise_equals_whole() {
        for items in [
            vec![],
            vec![json!({"a": 1})],
            vec![json!({"a": [1, 2], "b": "x\ny"}), json!([]), json!("s")],
        ] {
            let whole = json!({
                "head": {"name": "t", "list": [1]},
                "items": items.clone(),
                "tail": 3,
            });
            let mut out = Vec::new();
            out.push(b'{');
            member(&mut out, 0, true, "head", &whole["head"]).unwrap();
            member_key(&mut out, 0, false, "items").unwrap();
            let mut a = ArrayWriter::open(&mut out, 1).unwrap();
            for i in &items {
                a.element(&mut out, i).unwrap();
            }
            a.close(&mut out).unwrap();
            member(&mut out, 0, false, "tail", &3).unwrap();
            out.extend_from_slice(b"\n}");
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string_pretty(&whole).unwrap()
            );
        }
    }
}
