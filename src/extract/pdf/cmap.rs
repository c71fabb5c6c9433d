//! CMap parsing: ToUnicode maps (codespace ranges, `bfchar`, `bfrange` in both forms) and embedded
//! encoding CMaps of CID fonts (`cidchar`, `cidrange`).
//!
//! Codes are kept as integers; a code's byte length comes from the codespace ranges. Every table is
//! bounded, so a hostile CMap costs at most a few megabytes.

use super::lexer::{Item, Lexer, Operand};
use std::collections::HashMap;

/// Most single mappings kept from one CMap.
const MAX_MAPPINGS: usize = 1 << 18;
/// Most ranges kept from one CMap.
const MAX_RANGES: usize = 1 << 16;
/// Longest Unicode text one code may map to (in UTF-16 units).
const MAX_TARGET_UNITS: usize = 32;

/// One codespace range: codes of `len` bytes from `low` to `high`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodespaceRange {
    pub len: u8,
    pub low: u32,
    pub high: u32,
}

/// A `bfrange` of the increment form: `low..=high` map to `base` with its last unit increased.
#[derive(Debug, Clone)]
struct UnicodeRange {
    low: u32,
    high: u32,
    base: Vec<u16>,
}

/// A parsed CMap: codespace plus code → Unicode and code → CID tables.
#[derive(Debug, Clone, Default)]
pub struct CMap {
    pub codespace: Vec<CodespaceRange>,
    unicode: HashMap<u32, String>,
    unicode_ranges: Vec<UnicodeRange>,
    cid_single: HashMap<u32, u32>,
    cid_ranges: Vec<(u32, u32, u32)>,
    /// Name given to `usecmap` (a predefined CMap this one builds on).
    pub use_cmap: Option<Vec<u8>>,
    /// `/WMode 1`: vertical writing.
    pub vertical: bool,
}

fn code_of(bytes: &[u8]) -> Option<(u32, u8)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    let code = bytes.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b));
    Some((code, bytes.len() as u8))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        return vec![u16::from(bytes[0])];
    }
    bytes
        .chunks(2)
        .take(MAX_TARGET_UNITS)
        .map(|pair| match pair {
            [hi, lo] => u16::from(*hi) << 8 | u16::from(*lo),
            [only] => u16::from(*only),
            _ => 0,
        })
        .collect()
}

fn units_to_string(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .filter_map(|r| r.ok())
        .filter(|c| *c != '\0')
        .collect()
}

impl CMap {
    /// Parses CMap source. Malformed parts are skipped; the deadline is checked by the caller per CMap.
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lexer = Lexer::new(data);
        let mut operands: Vec<Operand> = Vec::new();
        while let Some(item) = lexer.next_item() {
            match item {
                Item::Operand(operand) => {
                    if operands.len() >= 8 {
                        operands.remove(0);
                    }
                    operands.push(operand);
                }
                Item::Operator(op) => {
                    match op {
                        b"begincodespacerange" => cmap.read_codespace(&mut lexer),
                        b"beginbfchar" => cmap.read_bfchar(&mut lexer),
                        b"beginbfrange" => cmap.read_bfrange(&mut lexer),
                        b"begincidchar" => cmap.read_cidchar(&mut lexer),
                        b"begincidrange" => cmap.read_cidrange(&mut lexer),
                        b"usecmap" => {
                            if let Some(Operand::Name(name)) = operands.last() {
                                cmap.use_cmap = Some(name.clone());
                            }
                        }
                        b"def" => {
                            if let [.., Operand::Name(key), Operand::Number(n)] =
                                operands.as_slice()
                            {
                                if key == b"WMode" {
                                    cmap.vertical = *n == 1.0;
                                }
                            }
                        }
                        _ => {}
                    }
                    operands.clear();
                }
            }
        }
        cmap.unicode_ranges.sort_by_key(|r| r.low);
        cmap.cid_ranges.sort_by_key(|r| r.0);
        cmap
    }

    /// Reads the operands of one `begin…`/`end…` section.
    fn section(lexer: &mut Lexer<'_>) -> Vec<Operand> {
        let mut values = Vec::new();
        while let Some(item) = lexer.next_item() {
            match item {
                Item::Operand(value) => {
                    if values.len() < MAX_MAPPINGS {
                        values.push(value);
                    }
                }
                Item::Operator(_) => break,
            }
        }
        values
    }

    fn read_codespace(&mut self, lexer: &mut Lexer<'_>) {
        for pair in Self::section(lexer).chunks(2) {
            if let [Operand::String(low), Operand::String(high)] = pair {
                if let (Some((low, len)), Some((high, _))) = (code_of(low), code_of(high)) {
                    if self.codespace.len() < 256 {
                        self.codespace.push(CodespaceRange { len, low, high });
                    }
                }
            }
        }
    }

    fn insert_unicode(&mut self, code: u32, units: &[u16]) {
        if self.unicode.len() < MAX_MAPPINGS {
            self.unicode.insert(code, units_to_string(units));
        }
    }

    fn read_bfchar(&mut self, lexer: &mut Lexer<'_>) {
        for pair in Self::section(lexer).chunks(2) {
            let [Operand::String(src), target] = pair else {
                continue;
            };
            let Some((code, _)) = code_of(src) else {
                continue;
            };
            match target {
                Operand::String(dst) => self.insert_unicode(code, &utf16_units(dst)),
                Operand::Name(name) => {
                    if let Some(text) = std::str::from_utf8(name)
                        .ok()
                        .and_then(super::encodings::glyph_name_text)
                    {
                        if self.unicode.len() < MAX_MAPPINGS {
                            self.unicode.insert(code, text);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn read_bfrange(&mut self, lexer: &mut Lexer<'_>) {
        for triple in Self::section(lexer).chunks(3) {
            let [Operand::String(low), Operand::String(high), target] = triple else {
                continue;
            };
            let (Some((low, _)), Some((high, _))) = (code_of(low), code_of(high)) else {
                continue;
            };
            if high < low {
                continue;
            }
            match target {
                Operand::String(dst) => {
                    let base = utf16_units(dst);
                    if !base.is_empty() && self.unicode_ranges.len() < MAX_RANGES {
                        self.unicode_ranges.push(UnicodeRange { low, high, base });
                    }
                }
                Operand::Array(targets) => {
                    for (offset, dst) in targets.iter().enumerate() {
                        let Some(code) = low.checked_add(offset as u32) else {
                            break;
                        };
                        if code > high {
                            break;
                        }
                        if let Operand::String(dst) = dst {
                            self.insert_unicode(code, &utf16_units(dst));
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn read_cidchar(&mut self, lexer: &mut Lexer<'_>) {
        for pair in Self::section(lexer).chunks(2) {
            if let [Operand::String(src), Operand::Number(cid)] = pair {
                if let Some((code, _)) = code_of(src) {
                    if self.cid_single.len() < MAX_MAPPINGS && *cid >= 0.0 {
                        self.cid_single.insert(code, *cid as u32);
                    }
                }
            }
        }
    }

    fn read_cidrange(&mut self, lexer: &mut Lexer<'_>) {
        for triple in Self::section(lexer).chunks(3) {
            if let [Operand::String(low), Operand::String(high), Operand::Number(cid)] = triple {
                if let (Some((low, _)), Some((high, _))) = (code_of(low), code_of(high)) {
                    if low <= high && *cid >= 0.0 && self.cid_ranges.len() < MAX_RANGES {
                        self.cid_ranges.push((low, high, *cid as u32));
                    }
                }
            }
        }
    }

    /// Whether the map has any code → Unicode entry.
    pub fn has_unicode(&self) -> bool {
        !self.unicode.is_empty() || !self.unicode_ranges.is_empty()
    }

    /// Whether the map has any code → CID entry.
    pub fn has_cids(&self) -> bool {
        !self.cid_single.is_empty() || !self.cid_ranges.is_empty()
    }

    /// Appends the Unicode text of `code` to `out`; `false` if the map has no entry for it.
    pub fn unicode_into(&self, code: u32, out: &mut String) -> bool {
        if let Some(text) = self.unicode.get(&code) {
            out.push_str(text);
            return true;
        }
        let end = self.unicode_ranges.partition_point(|r| r.low <= code);
        // Ranges may overlap; look back over a few of the nearest.
        for range in self.unicode_ranges[..end].iter().rev().take(8) {
            if code <= range.high {
                let mut units = range.base.clone();
                if let Some(last) = units.last_mut() {
                    let offset = code - range.low;
                    *last = (u32::from(*last).wrapping_add(offset) & 0xffff) as u16;
                }
                out.push_str(&units_to_string(&units));
                return true;
            }
        }
        false
    }

    /// The CID of `code`, if the map has one.
    pub fn cid(&self, code: u32) -> Option<u32> {
        if let Some(&cid) = self.cid_single.get(&code) {
            return Some(cid);
        }
        let end = self.cid_ranges.partition_point(|r| r.0 <= code);
        self.cid_ranges[..end]
            .iter()
            .rev()
            .take(8)
            .find(|r| code <= r.1)
            .map(|r| r.2.saturating_add(code - r.0))
    }

    /// Splits the next code off `bytes` using the codespace ranges: `(code, byte length)`.
    /// Without a matching range, the shortest declared length is used (one byte if none is declared).
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        for len in 1..=4usize.min(bytes.len()) {
            let Some((code, _)) = code_of(&bytes[..len]) else {
                break;
            };
            if self
                .codespace
                .iter()
                .any(|r| usize::from(r.len) == len && r.low <= code && code <= r.high)
            {
                return (code, len);
            }
        }
        let len = self
            .codespace
            .iter()
            .map(|r| usize::from(r.len))
            .min()
            .unwrap_or(1)
            .clamp(1, bytes.len().max(1));
        let len = len.min(bytes.len());
        let code = code_of(&bytes[..len]).map_or(0, |(c, _)| c);
        (code, len.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = b"/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfchar
<0003> <0020>
<0011> <0041>
<0050> <00660069>
endbfchar
2 beginbfrange
<0020> <0022> <0061>
<0030> <0032> [<0078> <D83DDE00> <00E9>]
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end";

    fn text(cmap: &CMap, code: u32) -> Option<String> {
        let mut out = String::new();
        cmap.unicode_into(code, &mut out).then_some(out)
    }

    #[test]
    fn parses_bfchar_and_both_bfrange_forms() {
        let cmap = CMap::parse(SAMPLE);
        assert_eq!(
            cmap.codespace,
            vec![CodespaceRange {
                len: 2,
                low: 0,
                high: 0xffff
            }]
        );
        assert_eq!(text(&cmap, 0x03).as_deref(), Some(" "));
        assert_eq!(text(&cmap, 0x11).as_deref(), Some("A"));
        assert_eq!(text(&cmap, 0x50).as_deref(), Some("fi"));
        assert_eq!(text(&cmap, 0x20).as_deref(), Some("a"));
        assert_eq!(text(&cmap, 0x22).as_deref(), Some("c"));
        assert_eq!(text(&cmap, 0x23), None);
        assert_eq!(text(&cmap, 0x30).as_deref(), Some("x"));
        assert_eq!(text(&cmap, 0x31).as_deref(), Some("😀"));
        assert_eq!(text(&cmap, 0x32).as_deref(), Some("é"));
        assert!(cmap.has_unicode());
        assert!(!cmap.has_cids());
    }

    #[test]
    fn splits_codes_by_codespace() {
        let cmap = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <9FFC> endcodespacerange
              1 begincidrange <8140> <817E> 633 endcidrange 1 begincidchar <41> 34 endcidchar /WMode 1 def",
        );
        assert_eq!(cmap.next_code(b"A\x81\x41"), (0x41, 1));
        assert_eq!(cmap.next_code(b"\x81\x41"), (0x8141, 2));
        assert_eq!(cmap.cid(0x8141), Some(634));
        assert_eq!(cmap.cid(0x41), Some(34));
        assert_eq!(cmap.cid(0x42), None);
        assert!(cmap.vertical);
        // A byte outside every range falls back to the shortest length.
        assert_eq!(cmap.next_code(b"\xff\x00"), (0xff, 1));
        assert_eq!(CMap::default().next_code(b""), (0, 1));
    }

    #[test]
    fn garbage_and_truncation_do_not_panic() {
        for cut in 0..SAMPLE.len() {
            let _ = CMap::parse(&SAMPLE[..cut]);
        }
        let cmap = CMap::parse(
            b"beginbfrange <FFFFFFFF> <00000000> <0041> <01> <FFFFFFFFFF> <41> endbfrange",
        );
        assert!(!cmap.has_unicode());
        let cmap = CMap::parse(b"beginbfrange <00> <FF> [<41> (x) /y <42>] endbfrange");
        assert_eq!(text(&cmap, 0).as_deref(), Some("A"));
        assert_eq!(text(&cmap, 3).as_deref(), Some("B"));
    }
}
