//! Fonts as the text walker needs them: how a shown string splits into character codes, what Unicode
//! text each code stands for, and how wide each glyph is.
//!
//! Unicode comes from the ToUnicode CMap first, then from the font's encoding (base encoding plus
//! `/Differences`, or the built-in encoding of an embedded Type 1 font program), then — for CID fonts with
//! a Unicode CMap such as `UniGB-UCS2-H` — from the code itself. Widths come from `/Widths` (simple
//! fonts), `/W` and `/DW` (CID fonts), or approximate standard-14 metrics. A broken font never fails:
//! missing parts fall back to defaults.

use super::cmap::CMap;
use super::encodings::{glyph_name_to_unicode, BaseEncoding};
use super::lexer::{Lexer, Token};
use super::metrics::FallbackMetrics;
use super::objects::{
    as_dict, as_number, as_stream, get, get_array, get_dict, get_name, get_number, number_array,
    StreamBudget,
};
use super::standard_glyphs;
use crate::extract::Result;
use lopdf::{Dictionary, Document, Object};

/// Most `/W` entries kept for one CID font.
const MAX_WIDTH_RANGES: usize = 1 << 16;
/// Longest font program searched for a built-in encoding.
const MAX_TYPE1_CLEARTEXT: usize = 1 << 20;

/// One character code of a shown string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GlyphCode {
    pub code: u32,
    /// The code is one byte long (word spacing applies to the one-byte code 32 only).
    pub single_byte: bool,
}

#[derive(Debug, Clone)]
enum CodeScheme {
    /// One byte per code (simple fonts).
    SingleByte,
    /// Two bytes per code (Identity-H/V and most CID fonts).
    TwoByte,
    /// Codes split by a CMap's codespace ranges.
    Codespace(CMap),
    /// UTF-16BE codes (Uni…-UCS2 and Uni…-UTF16 CMaps).
    Utf16,
    /// Multi-byte CJK encodings without a known codespace: bytes below 0x80 are one-byte codes.
    LeadByte,
}

#[derive(Debug, Clone)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    Cid {
        default: f32,
        /// Sorted, non-empty ranges `(first cid, last cid, width)`.
        ranges: Vec<(u32, u32, f32)>,
    },
}

/// What a CID font's code stands for, when no ToUnicode map says.
#[derive(Debug, Clone, Copy)]
enum CodeMeaning {
    /// Nothing known: the code has no text.
    Unknown,
    /// The Unicode value (UCS-2/UTF-16 CMaps; non-embedded fonts whose producer writes Unicode).
    Unicode,
    /// A glyph ID in the standard Macintosh order (non-embedded core TrueType fonts shown by glyph ID).
    StandardGlyph,
}

/// How a CID font maps codes to CIDs (for widths).
#[derive(Debug, Clone)]
enum CidMapping {
    /// CID = code.
    Identity,
    /// CID from an embedded encoding CMap.
    Embedded(CMap),
    /// A predefined CMap tenderlint has no table for: widths use `/DW`.
    Unknown,
}

/// A font ready for decoding shown strings.
#[derive(Debug, Clone)]
pub struct Font {
    scheme: CodeScheme,
    to_unicode: Option<CMap>,
    /// Simple fonts: Unicode text of each one-byte code from the encoding.
    encoding: Vec<Option<String>>,
    /// What a code means when neither ToUnicode nor a simple encoding gives its text.
    codes: CodeMeaning,
    cid_mapping: CidMapping,
    widths: Widths,
    fallback: Option<FallbackMetrics>,
    /// Glyph-space units → text-space units (0.001, or a Type 3 font's matrix).
    width_scale: f32,
    /// Em height in text space per unit of font size (1 except for odd Type 3 fonts).
    pub size_scale: f32,
    pub bold: bool,
    pub vertical: bool,
    /// Vertical advance per unit of font size for vertical fonts (negative: downwards).
    vertical_advance: f32,
}

/// Replaces characters that are presentation forms of plain text: ligatures and the private-use
/// bullets of Symbol/Wingdings fonts. Control characters and zero-width spaces are dropped (a tab
/// becomes a space).
pub fn push_glyph_text(raw: &str, out: &mut String) {
    for c in raw.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{F0B7}' | '\u{F0A8}' | '\u{F06C}' => out.push('\u{2022}'),
            '\u{F0A7}' | '\u{F06E}' => out.push('\u{25AA}'),
            '\u{F0D8}' => out.push('\u{27A2}'),
            '\u{F076}' => out.push('\u{2756}'),
            '\u{F0FC}' => out.push('\u{2713}'),
            '\t' | '\n' | '\r' => out.push(' '),
            // Zero-width spaces carry no text (Google Docs puts them around links and bookmarks).
            '\u{200B}' | '\u{2060}' | '\u{FEFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

fn base_font_name(doc: &Document, dict: &Dictionary) -> String {
    let name = get_name(doc, dict, b"BaseFont").unwrap_or_default();
    let name = String::from_utf8_lossy(name).into_owned();
    // Strip a subset tag such as "ABCDEF+".
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => {
            rest.to_string()
        }
        _ => name,
    }
}

fn is_bold(doc: &Document, name: &str, descriptor: Option<&Dictionary>) -> bool {
    let lower = name.to_ascii_lowercase();
    if ["bold", "black", "heavy", "semibold", "demi"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return true;
    }
    let Some(descriptor) = descriptor else {
        return false;
    };
    let weight = get_number(doc, descriptor, b"FontWeight").unwrap_or(0.0);
    let flags = get_number(doc, descriptor, b"Flags").unwrap_or(0.0) as i64;
    weight >= 600.0 || flags & (1 << 18) != 0
}

fn load_to_unicode(
    doc: &Document,
    dict: &Dictionary,
    budget: &mut StreamBudget,
) -> Result<Option<CMap>> {
    let Some(object) = dict.get(b"ToUnicode").ok() else {
        return Ok(None);
    };
    let Some((_, stream)) = as_stream(doc, object) else {
        return Ok(None);
    };
    let Some(bytes) = budget.decode(stream)? else {
        return Ok(None);
    };
    let cmap = CMap::parse(&bytes);
    Ok(cmap.has_unicode().then_some(cmap))
}

/// Names from an embedded font program's own encoding: a Type 1 program's `/Encoding` (`dup 65 /A put`,
/// read from its cleartext part), or a CFF program's encoding.
fn type1_builtin_encoding(
    doc: &Document,
    descriptor: &Dictionary,
    budget: &mut StreamBudget,
) -> Result<Vec<(u8, String)>> {
    let Some((_, stream)) = descriptor
        .get(b"FontFile")
        .ok()
        .and_then(|o| as_stream(doc, o))
    else {
        return cff_builtin_encoding(doc, descriptor, budget);
    };
    let Some(bytes) = budget.decode(stream)? else {
        return Ok(Vec::new());
    };
    let cleartext_end = bytes
        .windows(5)
        .position(|w| w == b"eexec")
        .unwrap_or(bytes.len())
        .min(MAX_TYPE1_CLEARTEXT);
    let cleartext = &bytes[..cleartext_end];
    let Some(start) = cleartext.windows(9).position(|w| w == b"/Encoding") else {
        return Ok(Vec::new());
    };
    let mut lexer = Lexer::new(&cleartext[start + 9..]);
    let mut names = Vec::new();
    let mut recent: Vec<Token<'_>> = Vec::with_capacity(4);
    while let Some(token) = lexer.next_token() {
        match token {
            Token::Operator(b"StandardEncoding") if names.is_empty() => break,
            Token::Operator(b"readonly") | Token::Operator(b"def") if !names.is_empty() => break,
            Token::Operator(b"put") => {
                if let [.., Token::Operator(b"dup"), Token::Number(code), Token::Name(name)] =
                    recent.as_slice()
                {
                    if (0.0..=255.0).contains(code) {
                        names.push((*code as u8, String::from_utf8_lossy(name).into_owned()));
                    }
                }
                recent.clear();
            }
            t => {
                if recent.len() == 3 {
                    recent.remove(0);
                }
                recent.push(t);
            }
        }
    }
    Ok(names)
}

/// Whether a glyph name is a short prefix followed by the code itself ("a224", "g65", "c32"), as some
/// producers name glyphs: then the code most likely has its usual meaning.
fn names_its_code(name: &str, code: usize) -> bool {
    let digits_at = name
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(name.len());
    let (prefix, number) = name.split_at(digits_at);
    prefix.len() <= 2
        && prefix.chars().all(|c| c.is_ascii_alphabetic())
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
        && number.parse::<usize>().is_ok_and(|n| n == code)
}

/// Names from an embedded CFF (Type 1C) program's own encoding.
fn cff_builtin_encoding(
    doc: &Document,
    descriptor: &Dictionary,
    budget: &mut StreamBudget,
) -> Result<Vec<(u8, String)>> {
    let Some((_, stream)) = descriptor
        .get(b"FontFile3")
        .ok()
        .and_then(|o| as_stream(doc, o))
    else {
        return Ok(Vec::new());
    };
    if get_name(doc, &stream.dict, b"Subtype") != Some(b"Type1C") {
        return Ok(Vec::new());
    }
    Ok(budget
        .decode(stream)?
        .map(|bytes| super::cff::builtin_encoding(&bytes))
        .unwrap_or_default())
}

fn simple_widths(doc: &Document, dict: &Dictionary, descriptor: Option<&Dictionary>) -> Widths {
    let first = get_number(doc, dict, b"FirstChar").unwrap_or(0.0).max(0.0) as u32;
    let widths: Vec<f32> = get(doc, dict, b"Widths")
        .and_then(|o| match o {
            Object::Array(items) => Some(
                items
                    .iter()
                    .take(65536)
                    .map(|w| resolve_number(doc, w))
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_default();
    let widths = if widths.iter().all(|w| *w == 0.0) {
        Vec::new()
    } else {
        widths
    };
    let missing = descriptor
        .and_then(|d| get_number(doc, d, b"MissingWidth"))
        .unwrap_or(0.0)
        .max(0.0);
    Widths::Simple {
        first,
        widths,
        missing,
    }
}

fn resolve_number(doc: &Document, object: &Object) -> f32 {
    super::objects::resolve(doc, object)
        .and_then(as_number)
        .unwrap_or(0.0)
}

fn cid_widths(doc: &Document, descendant: &Dictionary) -> Widths {
    let default = get_number(doc, descendant, b"DW").unwrap_or(1000.0);
    let mut ranges = Vec::new();
    if let Some(items) = get_array(doc, descendant, b"W") {
        let mut i = 0;
        while i < items.len() && ranges.len() < MAX_WIDTH_RANGES {
            let Some(first) = items.get(i).map(|o| resolve_number(doc, o)) else {
                break;
            };
            let first = first.max(0.0) as u32;
            match items
                .get(i + 1)
                .and_then(|o| super::objects::resolve(doc, o))
            {
                Some(Object::Array(list)) => {
                    for (k, w) in list.iter().enumerate().take(MAX_WIDTH_RANGES) {
                        let cid = first.saturating_add(k as u32);
                        ranges.push((cid, cid, resolve_number(doc, w)));
                    }
                    i += 2;
                }
                Some(last) => {
                    let last = as_number(last).unwrap_or(0.0).max(0.0) as u32;
                    let w = items
                        .get(i + 2)
                        .map(|o| resolve_number(doc, o))
                        .unwrap_or(default);
                    if last >= first {
                        ranges.push((first, last, w));
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }
    ranges.sort_by_key(|r| r.0);
    Widths::Cid { default, ranges }
}

impl Font {
    /// The font used when text is shown before any `Tf`: Helvetica-like, StandardEncoding.
    pub fn fallback() -> Font {
        Font {
            scheme: CodeScheme::SingleByte,
            to_unicode: None,
            encoding: (0..=255u8)
                .map(|c| BaseEncoding::Standard.char_for(c).map(String::from))
                .collect(),
            codes: CodeMeaning::Unknown,
            cid_mapping: CidMapping::Identity,
            widths: Widths::Simple {
                first: 0,
                widths: Vec::new(),
                missing: 0.0,
            },
            fallback: Some(FallbackMetrics::Sans),
            width_scale: 0.001,
            size_scale: 1.0,
            bold: false,
            vertical: false,
            vertical_advance: -1.0,
        }
    }

    /// Loads a font dictionary. Only the byte budget can make it fail.
    pub fn load(doc: &Document, dict: &Dictionary, budget: &mut StreamBudget) -> Result<Font> {
        let subtype = get_name(doc, dict, b"Subtype").unwrap_or_default();
        if subtype == b"Type0" {
            Self::load_composite(doc, dict, budget)
        } else {
            Self::load_simple(doc, dict, subtype == b"Type3", budget)
        }
    }

    fn load_composite(
        doc: &Document,
        dict: &Dictionary,
        budget: &mut StreamBudget,
    ) -> Result<Font> {
        let name = base_font_name(doc, dict);
        let to_unicode = load_to_unicode(doc, dict, budget)?;
        let descendant = get_array(doc, dict, b"DescendantFonts")
            .and_then(|a| a.first())
            .and_then(|o| as_dict(doc, o));
        let descriptor = descendant.and_then(|d| get_dict(doc, d, b"FontDescriptor"));
        let mut vertical = false;
        let mut codes = CodeMeaning::Unknown;
        let (scheme, cid_mapping) = match dict
            .get(b"Encoding")
            .ok()
            .and_then(|o| super::objects::resolve(doc, o))
        {
            Some(Object::Name(encoding)) => {
                vertical = encoding.ends_with(b"-V");
                let text = String::from_utf8_lossy(encoding);
                if encoding.starts_with(b"Identity") {
                    (CodeScheme::TwoByte, CidMapping::Identity)
                } else if text.contains("UCS2") || text.contains("UTF16") {
                    codes = CodeMeaning::Unicode;
                    (CodeScheme::Utf16, CidMapping::Unknown)
                } else {
                    match &to_unicode {
                        Some(cmap) if !cmap.codespace.is_empty() => {
                            (CodeScheme::Codespace(cmap.clone()), CidMapping::Unknown)
                        }
                        _ => (CodeScheme::LeadByte, CidMapping::Unknown),
                    }
                }
            }
            Some(Object::Stream(stream)) => match budget.decode(stream)? {
                Some(bytes) => {
                    let cmap = CMap::parse(&bytes);
                    vertical = cmap.vertical;
                    let mapping = if cmap.has_cids() {
                        CidMapping::Embedded(cmap.clone())
                    } else {
                        CidMapping::Identity
                    };
                    if cmap.codespace.is_empty() {
                        (CodeScheme::TwoByte, mapping)
                    } else {
                        (CodeScheme::Codespace(cmap), mapping)
                    }
                }
                None => (CodeScheme::TwoByte, CidMapping::Identity),
            },
            _ => (CodeScheme::TwoByte, CidMapping::Identity),
        };
        let widths = match descendant {
            Some(d) => cid_widths(doc, d),
            None => Widths::Cid {
                default: 1000.0,
                ranges: Vec::new(),
            },
        };
        // A CID font that is not embedded and has no ToUnicode map, shown through Identity-H: producers
        // that do this write Unicode values as codes.
        let embedded = descriptor
            .is_some_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"));
        // Except for Microsoft's core TrueType fonts (Arial, Times New Roman, …): Word shows them by
        // glyph ID, and their first 258 glyphs are in the standard Macintosh order.
        if to_unicode.is_none() && !embedded && matches!(cid_mapping, CidMapping::Identity) {
            let truetype = descendant
                .and_then(|d| get_name(doc, d, b"Subtype"))
                .is_some_and(|s| s == b"CIDFontType2");
            let identity_gids = descendant
                .and_then(|d| d.get(b"CIDToGIDMap").ok())
                .and_then(|o| super::objects::resolve(doc, o))
                .is_none_or(|o| matches!(o, Object::Name(n) if n == b"Identity"));
            // Widths given for code 32 and none below it: the codes are Unicode (a space), not glyph
            // IDs (whose space is glyph 3, and glyph 32 is a rare "=").
            let unicode_widths = match &widths {
                Widths::Cid { ranges, .. } => {
                    ranges.iter().any(|r| r.0 <= 32 && 32 <= r.1)
                        && ranges.iter().all(|r| r.0 >= 32)
                }
                Widths::Simple { .. } => false,
            };
            if truetype
                && identity_gids
                && !unicode_widths
                && standard_glyphs::follows_standard_order(&name)
            {
                codes = CodeMeaning::StandardGlyph;
            } else {
                codes = CodeMeaning::Unicode;
            }
        }
        let vertical_advance = descendant
            .and_then(|d| d.get(b"DW2").ok())
            .and_then(|o| number_array(doc, o))
            .and_then(|v| v.get(1).copied())
            .unwrap_or(-1000.0)
            * 0.001;
        Ok(Font {
            scheme,
            to_unicode,
            encoding: Vec::new(),
            codes,
            cid_mapping,
            widths,
            fallback: None,
            width_scale: 0.001,
            size_scale: 1.0,
            bold: is_bold(doc, &name, descriptor),
            vertical,
            vertical_advance: if vertical_advance == 0.0 {
                -1.0
            } else {
                vertical_advance
            },
        })
    }

    fn load_simple(
        doc: &Document,
        dict: &Dictionary,
        type3: bool,
        budget: &mut StreamBudget,
    ) -> Result<Font> {
        let name = base_font_name(doc, dict);
        let to_unicode = load_to_unicode(doc, dict, budget)?;
        let descriptor = get_dict(doc, dict, b"FontDescriptor");
        let flags = descriptor
            .and_then(|d| get_number(doc, d, b"Flags"))
            .unwrap_or(0.0) as i64;
        let symbolic = flags & 4 != 0 && flags & 32 == 0;
        let lower_name = name.to_ascii_lowercase();

        let encoding_object = dict
            .get(b"Encoding")
            .ok()
            .and_then(|o| super::objects::resolve(doc, o));
        let (declared_base, differences) = match encoding_object {
            Some(Object::Name(n)) => (BaseEncoding::from_name(n), None),
            Some(Object::Dictionary(d)) => (
                get_name(doc, d, b"BaseEncoding").and_then(BaseEncoding::from_name),
                get_array(doc, d, b"Differences"),
            ),
            _ => (None, None),
        };
        let builtin_base = if lower_name.starts_with("symbol") {
            BaseEncoding::Symbol
        } else if lower_name.contains("dingbats") {
            BaseEncoding::ZapfDingbats
        } else if get_name(doc, dict, b"Subtype") == Some(b"TrueType") || symbolic || type3 {
            // Codes of these fonts without a declared encoding are most often WinAnsi in practice.
            BaseEncoding::WinAnsi
        } else {
            BaseEncoding::Standard
        };
        let base = declared_base.unwrap_or(builtin_base);
        let mut encoding: Vec<Option<String>> = (0..=255u8)
            .map(|c| base.char_for(c).map(String::from))
            .collect();

        // An embedded Type 1 program's own encoding applies unless a base encoding is declared.
        if declared_base.is_none() && !type3 {
            if let Some(descriptor) = descriptor {
                for (code, glyph) in type1_builtin_encoding(doc, descriptor, budget)? {
                    let mut text = String::new();
                    if glyph_name_to_unicode(&glyph, &mut text) {
                        encoding[usize::from(code)] = Some(text);
                    }
                }
            }
        }
        if let Some(differences) = differences {
            let mut code: i64 = -1;
            for item in differences.iter().take(4096) {
                match super::objects::resolve(doc, item) {
                    Some(Object::Integer(n)) => code = *n,
                    Some(Object::Real(r)) => code = *r as i64,
                    Some(Object::Name(glyph)) => {
                        if let Ok(slot) = usize::try_from(code) {
                            if let Some(entry) = encoding.get_mut(slot) {
                                let name = String::from_utf8_lossy(glyph);
                                let mut text = String::new();
                                if glyph_name_to_unicode(&name, &mut text) {
                                    *entry = Some(text);
                                } else if !names_its_code(&name, slot) {
                                    // A made-up name ("g17"): the character is unknown.
                                    *entry = None;
                                }
                                // A name that only repeats the code ("a224" for 224) keeps the base character.
                            }
                        }
                        code = code.saturating_add(1);
                    }
                    _ => {}
                }
            }
        }

        let widths = simple_widths(doc, dict, descriptor);
        let (width_scale, size_scale) = if type3 {
            let matrix = dict
                .get(b"FontMatrix")
                .ok()
                .and_then(|o| number_array(doc, o))
                .filter(|m| m.len() == 6)
                .unwrap_or_else(|| vec![0.001, 0.0, 0.0, 0.001, 0.0, 0.0]);
            let scale = matrix[0].abs().max(1e-6);
            let size = match &widths {
                Widths::Simple { widths, .. } if widths.iter().any(|w| *w > 0.0) => {
                    let mut nonzero: Vec<f32> =
                        widths.iter().copied().filter(|w| *w > 0.0).collect();
                    nonzero.sort_by(f32::total_cmp);
                    2.0 * nonzero[nonzero.len() / 2] * scale
                }
                _ => matrix[3].abs() * 1000.0,
            };
            (scale, size.clamp(0.05, 20.0))
        } else {
            (0.001, 1.0)
        };
        let fallback = (!type3).then(|| FallbackMetrics::for_font_name(&name));
        Ok(Font {
            scheme: CodeScheme::SingleByte,
            to_unicode,
            encoding,
            codes: CodeMeaning::Unknown,
            cid_mapping: CidMapping::Identity,
            widths,
            fallback,
            width_scale,
            size_scale,
            bold: is_bold(doc, &name, descriptor),
            vertical: false,
            vertical_advance: -1.0,
        })
    }

    /// Splits a shown string into character codes.
    pub fn codes(&self, bytes: &[u8], out: &mut Vec<GlyphCode>) {
        out.clear();
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let (code, len) = match &self.scheme {
                CodeScheme::SingleByte => (u32::from(rest[0]), 1),
                CodeScheme::TwoByte => match rest {
                    [hi, lo, ..] => (u32::from(*hi) << 8 | u32::from(*lo), 2),
                    [only] => (u32::from(*only), 1),
                    [] => break,
                },
                CodeScheme::Codespace(cmap) => cmap.next_code(rest),
                CodeScheme::Utf16 => match rest {
                    [a, b, c, d, ..] if (0xd8..=0xdb).contains(a) => {
                        (u32::from_be_bytes([*a, *b, *c, *d]), 4)
                    }
                    [hi, lo, ..] => (u32::from(*hi) << 8 | u32::from(*lo), 2),
                    [only] => (u32::from(*only), 1),
                    [] => break,
                },
                CodeScheme::LeadByte => match rest {
                    [lead, trail, ..] if *lead >= 0x80 => {
                        (u32::from(*lead) << 8 | u32::from(*trail), 2)
                    }
                    [first, ..] => (u32::from(*first), 1),
                    [] => break,
                },
            };
            let len = len.max(1);
            out.push(GlyphCode {
                code,
                single_byte: len == 1,
            });
            i += len;
        }
    }

    /// Appends the Unicode text of a code to `out`; `false` when the font gives none.
    pub fn text_into(&self, code: u32, out: &mut String) -> bool {
        let mut raw = String::new();
        let found = if self
            .to_unicode
            .as_ref()
            .is_some_and(|m| m.unicode_into(code, &mut raw))
            && !raw.is_empty()
        {
            true
        } else {
            raw.clear();
            if let CodeScheme::SingleByte = self.scheme {
                match usize::try_from(code)
                    .ok()
                    .and_then(|c| self.encoding.get(c))
                {
                    Some(Some(text)) => {
                        raw.push_str(text);
                        true
                    }
                    _ => false,
                }
            } else {
                match self.codes {
                    CodeMeaning::StandardGlyph => standard_glyphs::glyph_text(code, &mut raw),
                    CodeMeaning::Unicode => {
                        let units: Vec<u16> = if code > 0xffff {
                            vec![(code >> 16) as u16, (code & 0xffff) as u16]
                        } else {
                            vec![code as u16]
                        };
                        raw.extend(char::decode_utf16(units).filter_map(|r| r.ok()));
                        !raw.is_empty()
                    }
                    CodeMeaning::Unknown => false,
                }
            }
        };
        if found {
            push_glyph_text(&raw, out);
        }
        found
    }

    /// Horizontal advance of a glyph in text-space units per unit of font size. `text` is the glyph's
    /// Unicode text, used for fallback metrics.
    pub fn width(&self, code: GlyphCode, text: &str) -> f32 {
        let glyph_units = match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => {
                let explicit = code
                    .code
                    .checked_sub(*first)
                    .and_then(|i| widths.get(i as usize))
                    .copied();
                match explicit {
                    Some(w) => w,
                    None if *missing > 0.0 => *missing,
                    None => match (self.fallback, text.chars().next()) {
                        (Some(metrics), Some(c)) => metrics.width(c),
                        (Some(_), None) => 500.0,
                        (None, _) => 0.0,
                    },
                }
            }
            Widths::Cid { default, ranges } => {
                let cid = match &self.cid_mapping {
                    CidMapping::Identity => Some(code.code),
                    CidMapping::Embedded(cmap) => Some(cmap.cid(code.code).unwrap_or(code.code)),
                    CidMapping::Unknown => None,
                };
                cid.and_then(|cid| {
                    let end = ranges.partition_point(|r| r.0 <= cid);
                    ranges[..end]
                        .iter()
                        .rev()
                        .take(4)
                        .find(|r| cid <= r.1)
                        .map(|r| r.2)
                })
                .unwrap_or(*default)
            }
        };
        let w = glyph_units * self.width_scale;
        if w.is_finite() {
            w
        } else {
            0.0
        }
    }

    /// Vertical advance per unit of font size for vertical fonts (negative: downwards).
    pub fn vertical_advance(&self) -> f32 {
        self.vertical_advance
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, StringFormat};

    fn name(n: &str) -> Object {
        Object::Name(n.as_bytes().to_vec())
    }

    fn decode(font: &Font, bytes: &[u8]) -> String {
        let mut codes = Vec::new();
        font.codes(bytes, &mut codes);
        let mut out = String::new();
        for code in codes {
            font.text_into(code.code, &mut out);
        }
        out
    }

    #[test]
    fn simple_font_with_differences_and_widths() {
        let doc = Document::with_version("1.5");
        let mut encoding = Dictionary::new();
        encoding.set("BaseEncoding", name("WinAnsiEncoding"));
        encoding.set(
            "Differences",
            Object::Array(vec![
                Object::Integer(1),
                name("fi"),
                name("Edieresis"),
                Object::Integer(0x41),
                name("g17"),
                Object::Integer(0x43),
                name("a67"),
            ]),
        );
        let mut font = Dictionary::new();
        font.set("Subtype", name("Type1"));
        font.set("BaseFont", name("ABCDEF+Helvetica-Bold"));
        font.set("Encoding", Object::Dictionary(encoding));
        font.set("FirstChar", Object::Integer(65));
        font.set(
            "Widths",
            Object::Array(vec![Object::Integer(700), Object::Real(650.5)]),
        );
        let mut budget = StreamBudget::new(1 << 20);
        let font = Font::load(&doc, &font, &mut budget).unwrap();
        // "g17" at 0x41 is unknown (no text); "a67" at 0x43 names its own code and keeps 'C'.
        assert_eq!(decode(&font, b"\x01\x02ABC\x80\x92"), "fiËBC€\u{2019}");
        assert!(font.bold);
        let code = |c: u32| GlyphCode {
            code: c,
            single_byte: true,
        };
        let close = |a: f32, b: f32| (a - b).abs() < 1e-5;
        assert!(close(font.width(code(65), "A"), 0.7));
        assert!(close(font.width(code(66), "B"), 0.6505));
        // Outside /Widths: Helvetica metrics by character.
        assert!(close(font.width(code(32), " "), 0.278));
    }

    #[test]
    fn type0_identity_font_with_to_unicode_and_cid_widths() {
        let mut doc = Document::with_version("1.5");
        let cmap = b"begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0024> <0054> <0003> <0020> endbfchar
            1 beginbfrange <0044> <0046> <0061> endbfrange endcmap";
        let to_unicode = doc.add_object(Stream::new(Dictionary::new(), cmap.to_vec()));
        let mut descendant = Dictionary::new();
        descendant.set("Subtype", name("CIDFontType2"));
        descendant.set("DW", Object::Integer(1000));
        descendant.set(
            "W",
            Object::Array(vec![
                Object::Integer(3),
                Object::Array(vec![Object::Integer(250)]),
                Object::Integer(0x44),
                Object::Integer(0x46),
                Object::Integer(500),
            ]),
        );
        let descendant = doc.add_object(Object::Dictionary(descendant));
        let mut font = Dictionary::new();
        font.set("Subtype", name("Type0"));
        font.set("BaseFont", name("Arial"));
        font.set("Encoding", name("Identity-H"));
        font.set(
            "DescendantFonts",
            Object::Array(vec![Object::Reference(descendant)]),
        );
        font.set("ToUnicode", Object::Reference(to_unicode));
        let mut budget = StreamBudget::new(1 << 20);
        let font = Font::load(&doc, &font, &mut budget).unwrap();
        assert_eq!(decode(&font, b"\x00\x24\x00\x44\x00\x03\x00\x46"), "Ta c");
        let code = |c: u32| GlyphCode {
            code: c,
            single_byte: false,
        };
        let close = |a: f32, b: f32| (a - b).abs() < 1e-5;
        assert!(close(font.width(code(3), " "), 0.25));
        assert!(close(font.width(code(0x45), "b"), 0.5));
        assert!(close(font.width(code(0x99), ""), 1.0));
        assert!(!font.vertical);
        // An unmapped code gives no text.
        assert_eq!(decode(&font, b"\x00\x99"), "");
    }

    #[test]
    fn ucs2_cmap_codes_are_unicode() {
        let doc = Document::with_version("1.5");
        let mut font = Dictionary::new();
        font.set("Subtype", name("Type0"));
        font.set("Encoding", name("UniGB-UCS2-H"));
        let mut budget = StreamBudget::new(1 << 20);
        let font = Font::load(&doc, &font, &mut budget).unwrap();
        assert_eq!(
            decode(&font, &[0x4e, 0x2d, 0x00, 0x41, 0xd8, 0x3d, 0xde, 0x00]),
            "中A😀"
        );
    }

    #[test]
    fn type1_builtin_encoding_is_read_from_the_font_program() {
        let mut doc = Document::with_version("1.5");
        let program = b"%!PS-AdobeFont-1.0: CMR10\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
            dup 11 /ff put\ndup 12 /fi put\ndup 65 /A put\nreadonly def\ncurrentfile eexec\x00\x01garbage";
        let file = doc.add_object(Stream::new(Dictionary::new(), program.to_vec()));
        let mut descriptor = Dictionary::new();
        descriptor.set("FontFile", Object::Reference(file));
        descriptor.set("Flags", Object::Integer(4));
        let mut font = Dictionary::new();
        font.set("Subtype", name("Type1"));
        font.set("BaseFont", name("CMR10"));
        font.set("FontDescriptor", Object::Dictionary(descriptor));
        let mut budget = StreamBudget::new(1 << 20);
        let font = Font::load(&doc, &font, &mut budget).unwrap();
        assert_eq!(decode(&font, b"\x0b\x0cA"), "fffiA");
    }

    #[test]
    fn broken_font_dictionaries_fall_back() {
        let doc = Document::with_version("1.5");
        let mut font = Dictionary::new();
        font.set("Subtype", name("Type0"));
        font.set(
            "DescendantFonts",
            Object::String(b"x".to_vec(), StringFormat::Literal),
        );
        font.set("Encoding", Object::Integer(3));
        let mut budget = StreamBudget::new(1 << 20);
        let font = Font::load(&doc, &font, &mut budget).unwrap();
        // Not embedded, no ToUnicode, Identity-H: the codes are read as Unicode.
        assert_eq!(decode(&font, b"\x00\x41\x42"), "AB");
        let mut font = Dictionary::new();
        font.set("Widths", Object::Integer(3));
        font.set("FirstChar", Object::Real(-5.0));
        font.set(
            "Encoding",
            Object::Dictionary(Dictionary::from_iter(vec![(
                "Differences",
                Object::Array(vec![
                    Object::Integer(-3),
                    name("A"),
                    Object::Integer(300),
                    name("B"),
                ]),
            )])),
        );
        let font = Font::load(&doc, &font, &mut budget).unwrap();
        assert_eq!(decode(&font, b"Hi"), "Hi");
    }
}
