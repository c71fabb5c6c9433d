//! Simple-font encodings (Standard, WinAnsi, MacRoman, PDFDoc, Symbol, ZapfDingbats) and glyph names → Unicode.
//!
//! Glyph names follow the Adobe Glyph List conventions: a table of the common names, `uniXXXX` and
//! `uXXXX[XX]` forms, `_` ligatures, `.suffix` variants, and accented Latin letters composed from the
//! base letter and the accent's name (`Edieresis` → `Ë`). Unknown names give `None`.

use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// A font's base encoding: how a one-byte code maps to a character when no ToUnicode map says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    PdfDoc,
    Symbol,
    ZapfDingbats,
}

impl BaseEncoding {
    /// The encoding a `/Encoding` or `/BaseEncoding` name denotes.
    pub fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        match name {
            b"StandardEncoding" => Some(BaseEncoding::Standard),
            b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(BaseEncoding::MacRoman),
            b"PDFDocEncoding" => Some(BaseEncoding::PdfDoc),
            _ => None,
        }
    }

    /// The character a code stands for, if the encoding defines one.
    pub fn char_for(self, code: u8) -> Option<char> {
        match self {
            BaseEncoding::Standard => standard(code),
            BaseEncoding::WinAnsi => win_ansi(code),
            BaseEncoding::MacRoman => mac_roman(code),
            BaseEncoding::PdfDoc => pdf_doc(code),
            BaseEncoding::Symbol => symbol(code),
            BaseEncoding::ZapfDingbats => zapf_dingbats(code),
        }
    }
}

fn printable_ascii(code: u8) -> Option<char> {
    (0x20..=0x7e).contains(&code).then_some(code as char)
}

fn standard(code: u8) -> Option<char> {
    let c = match code {
        0x27 => '\u{2019}',
        0x60 => '\u{2018}',
        0x20..=0x7e => code as char,
        0xa1 => '¡',
        0xa2 => '¢',
        0xa3 => '£',
        0xa4 => '\u{2044}',
        0xa5 => '¥',
        0xa6 => 'ƒ',
        0xa7 => '§',
        0xa8 => '¤',
        0xa9 => '\'',
        0xaa => '\u{201C}',
        0xab => '«',
        0xac => '\u{2039}',
        0xad => '\u{203A}',
        0xae => '\u{FB01}',
        0xaf => '\u{FB02}',
        0xb1 => '\u{2013}',
        0xb2 => '\u{2020}',
        0xb3 => '\u{2021}',
        0xb4 => '·',
        0xb6 => '¶',
        0xb7 => '\u{2022}',
        0xb8 => '\u{201A}',
        0xb9 => '\u{201E}',
        0xba => '\u{201D}',
        0xbb => '»',
        0xbc => '\u{2026}',
        0xbd => '\u{2030}',
        0xbf => '¿',
        0xc1 => '`',
        0xc2 => '´',
        0xc3 => '\u{02C6}',
        0xc4 => '\u{02DC}',
        0xc5 => '¯',
        0xc6 => '\u{02D8}',
        0xc7 => '\u{02D9}',
        0xc8 => '¨',
        0xca => '\u{02DA}',
        0xcb => '¸',
        0xcd => '\u{02DD}',
        0xce => '\u{02DB}',
        0xcf => '\u{02C7}',
        0xd0 => '\u{2014}',
        0xe1 => 'Æ',
        0xe3 => 'ª',
        0xe8 => 'Ł',
        0xe9 => 'Ø',
        0xea => 'Œ',
        0xeb => 'º',
        0xf1 => 'æ',
        0xf5 => 'ı',
        0xf8 => 'ł',
        0xf9 => 'ø',
        0xfa => 'œ',
        0xfb => 'ß',
        _ => return None,
    };
    Some(c)
}

fn win_ansi(code: u8) -> Option<char> {
    let c = match code {
        0x20..=0x7e => code as char,
        // WinAnsiEncoding maps its unused codes above 0x7e to the bullet.
        0x7f | 0x81 | 0x8d | 0x8f | 0x90 | 0x9d => '\u{2022}',
        0x80 => '€',
        0x82 => '\u{201A}',
        0x83 => 'ƒ',
        0x84 => '\u{201E}',
        0x85 => '\u{2026}',
        0x86 => '\u{2020}',
        0x87 => '\u{2021}',
        0x88 => '\u{02C6}',
        0x89 => '\u{2030}',
        0x8a => 'Š',
        0x8b => '\u{2039}',
        0x8c => 'Œ',
        0x8e => 'Ž',
        0x91 => '\u{2018}',
        0x92 => '\u{2019}',
        0x93 => '\u{201C}',
        0x94 => '\u{201D}',
        0x95 => '\u{2022}',
        0x96 => '\u{2013}',
        0x97 => '\u{2014}',
        0x98 => '\u{02DC}',
        0x99 => '™',
        0x9a => 'š',
        0x9b => '\u{203A}',
        0x9c => 'œ',
        0x9e => 'ž',
        0x9f => 'Ÿ',
        0xa0..=0xff => char::from(code),
        _ => return None,
    };
    Some(c)
}

/// MacRomanEncoding, codes 0x80..=0xff.
const MAC_ROMAN_HIGH: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u{A0}ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄¤‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{F8FF}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

fn mac_roman(code: u8) -> Option<char> {
    if code < 0x80 {
        return printable_ascii(code);
    }
    MAC_ROMAN_HIGH.chars().nth(usize::from(code - 0x80))
}

fn pdf_doc(code: u8) -> Option<char> {
    let c = match code {
        0x18 => '\u{02D8}',
        0x19 => '\u{02C7}',
        0x1a => '\u{02C6}',
        0x1b => '\u{02D9}',
        0x1c => '\u{02DD}',
        0x1d => '\u{02DB}',
        0x1e => '\u{02DA}',
        0x1f => '\u{02DC}',
        0x20..=0x7e => code as char,
        0x80 => '\u{2022}',
        0x81 => '\u{2020}',
        0x82 => '\u{2021}',
        0x83 => '\u{2026}',
        0x84 => '\u{2014}',
        0x85 => '\u{2013}',
        0x86 => 'ƒ',
        0x87 => '\u{2044}',
        0x88 => '\u{2039}',
        0x89 => '\u{203A}',
        0x8a => '\u{2212}',
        0x8b => '\u{2030}',
        0x8c => '\u{201E}',
        0x8d => '\u{201C}',
        0x8e => '\u{201D}',
        0x8f => '\u{2018}',
        0x90 => '\u{2019}',
        0x91 => '\u{201A}',
        0x92 => '™',
        0x93 => '\u{FB01}',
        0x94 => '\u{FB02}',
        0x95 => 'Ł',
        0x96 => 'Œ',
        0x97 => 'Š',
        0x98 => 'Ÿ',
        0x99 => 'Ž',
        0x9a => 'ı',
        0x9b => 'ł',
        0x9c => 'œ',
        0x9d => 'š',
        0x9e => 'ž',
        0xa0 => '€',
        0xa1..=0xff => char::from(code),
        _ => return None,
    };
    Some(c)
}

const SYMBOL_UPPER: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
const SYMBOL_LOWER: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";

fn symbol(code: u8) -> Option<char> {
    let c = match code {
        0x22 => '∀',
        0x24 => '∃',
        0x27 => '∋',
        0x2a => '∗',
        0x2d => '\u{2212}',
        0x40 => '≅',
        0x41..=0x5a => return SYMBOL_UPPER.chars().nth(usize::from(code - 0x41)),
        0x5c => '∴',
        0x5e => '⊥',
        0x60 => '\u{F8E5}',
        0x61..=0x7a => return SYMBOL_LOWER.chars().nth(usize::from(code - 0x61)),
        0x7e => '∼',
        0x20..=0x7d => code as char,
        0xa1 => 'ϒ',
        0xa2 => '′',
        0xa3 => '≤',
        0xa4 => '\u{2044}',
        0xa5 => '∞',
        0xa6 => 'ƒ',
        0xa7 => '♣',
        0xa8 => '♦',
        0xa9 => '♥',
        0xaa => '♠',
        0xab => '↔',
        0xac => '←',
        0xad => '↑',
        0xae => '→',
        0xaf => '↓',
        0xb0 => '°',
        0xb1 => '±',
        0xb2 => '″',
        0xb3 => '≥',
        0xb4 => '×',
        0xb5 => '∝',
        0xb6 => '∂',
        0xb7 => '\u{2022}',
        0xb8 => '÷',
        0xb9 => '≠',
        0xba => '≡',
        0xbb => '≈',
        0xbc => '\u{2026}',
        0xc5 => '⊕',
        0xc6 => '∅',
        0xc7 => '∩',
        0xc8 => '∪',
        0xd7 => '⋅',
        0xd8 => '¬',
        0xd9 => '∧',
        0xda => '∨',
        0xe0 => '◊',
        0xe2 => '®',
        0xe3 => '©',
        0xe4 => '™',
        0xe5 => '∑',
        _ => return None,
    };
    Some(c)
}

fn zapf_dingbats(code: u8) -> Option<char> {
    let c = match code {
        0x20 => ' ',
        0x33 => '✓',
        0x34 => '✔',
        0x35 => '✕',
        0x36 => '✖',
        0x37 => '✗',
        0x38 => '✘',
        0x6c => '●',
        0x6d => '❍',
        0x6e => '■',
        0x6f => '❏',
        0x70 => '❐',
        0x71 => '❑',
        0x72 => '❒',
        0x73 => '▲',
        0x74 => '▼',
        0x75 => '◆',
        0x76 => '❖',
        0xa8 => '♣',
        0xa9 => '♦',
        0xaa => '♥',
        0xab => '♠',
        0xd5 => '→',
        0xe0 => '➠',
        _ => return None,
    };
    Some(c)
}

/// Glyph names whose Unicode value cannot be derived from the name itself.
const GLYPH_NAMES: &[(&str, char)] = &[
    ("space", ' '),
    ("exclam", '!'),
    ("quotedbl", '"'),
    ("numbersign", '#'),
    ("dollar", '$'),
    ("percent", '%'),
    ("ampersand", '&'),
    ("quotesingle", '\''),
    ("quoteright", '\u{2019}'),
    ("parenleft", '('),
    ("parenright", ')'),
    ("asterisk", '*'),
    ("plus", '+'),
    ("comma", ','),
    ("hyphen", '-'),
    ("hyphenminus", '-'),
    ("period", '.'),
    ("slash", '/'),
    ("zero", '0'),
    ("one", '1'),
    ("two", '2'),
    ("three", '3'),
    ("four", '4'),
    ("five", '5'),
    ("six", '6'),
    ("seven", '7'),
    ("eight", '8'),
    ("nine", '9'),
    ("colon", ':'),
    ("semicolon", ';'),
    ("less", '<'),
    ("equal", '='),
    ("greater", '>'),
    ("question", '?'),
    ("at", '@'),
    ("bracketleft", '['),
    ("backslash", '\\'),
    ("bracketright", ']'),
    ("asciicircum", '^'),
    ("underscore", '_'),
    ("grave", '`'),
    ("quoteleft", '\u{2018}'),
    ("braceleft", '{'),
    ("bar", '|'),
    ("braceright", '}'),
    ("asciitilde", '~'),
    ("exclamdown", '¡'),
    ("cent", '¢'),
    ("sterling", '£'),
    ("fraction", '\u{2044}'),
    ("yen", '¥'),
    ("florin", 'ƒ'),
    ("section", '§'),
    ("currency", '¤'),
    ("quotedblleft", '\u{201C}'),
    ("guillemotleft", '«'),
    ("guillemetleft", '«'),
    ("guilsinglleft", '\u{2039}'),
    ("guilsinglright", '\u{203A}'),
    ("ff", '\u{FB00}'),
    ("fi", '\u{FB01}'),
    ("fl", '\u{FB02}'),
    ("ffi", '\u{FB03}'),
    ("ffl", '\u{FB04}'),
    ("endash", '\u{2013}'),
    ("emdash", '\u{2014}'),
    ("figuredash", '\u{2012}'),
    ("dagger", '\u{2020}'),
    ("daggerdbl", '\u{2021}'),
    ("periodcentered", '·'),
    ("middot", '·'),
    ("paragraph", '¶'),
    ("bullet", '\u{2022}'),
    ("quotesinglbase", '\u{201A}'),
    ("quotedblbase", '\u{201E}'),
    ("quotedblright", '\u{201D}'),
    ("guillemotright", '»'),
    ("guillemetright", '»'),
    ("ellipsis", '\u{2026}'),
    ("perthousand", '\u{2030}'),
    ("questiondown", '¿'),
    ("acute", '´'),
    ("circumflex", '\u{02C6}'),
    ("tilde", '\u{02DC}'),
    ("macron", '¯'),
    ("breve", '\u{02D8}'),
    ("dotaccent", '\u{02D9}'),
    ("dieresis", '¨'),
    ("ring", '\u{02DA}'),
    ("cedilla", '¸'),
    ("hungarumlaut", '\u{02DD}'),
    ("ogonek", '\u{02DB}'),
    ("caron", '\u{02C7}'),
    ("AE", 'Æ'),
    ("ae", 'æ'),
    ("OE", 'Œ'),
    ("oe", 'œ'),
    ("Oslash", 'Ø'),
    ("oslash", 'ø'),
    ("Lslash", 'Ł'),
    ("lslash", 'ł'),
    ("ordfeminine", 'ª'),
    ("ordmasculine", 'º'),
    ("dotlessi", 'ı'),
    ("dotlessj", 'ȷ'),
    ("germandbls", 'ß'),
    ("Eth", 'Ð'),
    ("eth", 'ð'),
    ("Thorn", 'Þ'),
    ("thorn", 'þ'),
    ("Dcroat", 'Đ'),
    ("dcroat", 'đ'),
    ("Hbar", 'Ħ'),
    ("hbar", 'ħ'),
    ("IJ", 'Ĳ'),
    ("ij", 'ĳ'),
    ("Ldot", 'Ŀ'),
    ("ldot", 'ŀ'),
    ("Eng", 'Ŋ'),
    ("eng", 'ŋ'),
    ("napostrophe", 'ŉ'),
    ("kgreenlandic", 'ĸ'),
    ("longs", 'ſ'),
    ("Euro", '€'),
    ("euro", '€'),
    ("trademark", '™'),
    ("copyright", '©'),
    ("registered", '®'),
    ("degree", '°'),
    ("plusminus", '±'),
    ("multiply", '×'),
    ("divide", '÷'),
    ("minus", '\u{2212}'),
    ("logicalnot", '¬'),
    ("brokenbar", '¦'),
    ("onesuperior", '¹'),
    ("twosuperior", '²'),
    ("threesuperior", '³'),
    ("onehalf", '½'),
    ("onequarter", '¼'),
    ("threequarters", '¾'),
    ("nbspace", '\u{A0}'),
    ("nonbreakingspace", '\u{A0}'),
    ("sfthyphen", '\u{AD}'),
    ("softhyphen", '\u{AD}'),
    ("notequal", '≠'),
    ("lessequal", '≤'),
    ("greaterequal", '≥'),
    ("infinity", '∞'),
    ("partialdiff", '∂'),
    ("summation", '∑'),
    ("product", '∏'),
    ("integral", '∫'),
    ("radical", '√'),
    ("approxequal", '≈'),
    ("lozenge", '◊'),
    ("arrowleft", '←'),
    ("arrowright", '→'),
    ("arrowup", '↑'),
    ("arrowdown", '↓'),
    ("arrowboth", '↔'),
    ("checkmark", '✓'),
    ("filledbox", '■'),
    ("square", '□'),
    ("circle", '○'),
    ("blackcircle", '●'),
    ("whitebullet", '◦'),
    ("triagrt", '►'),
    ("mu", 'µ'),
    ("Alpha", 'Α'),
    ("Beta", 'Β'),
    ("Gamma", 'Γ'),
    ("Delta", '∆'),
    ("Epsilon", 'Ε'),
    ("Zeta", 'Ζ'),
    ("Eta", 'Η'),
    ("Theta", 'Θ'),
    ("Iota", 'Ι'),
    ("Kappa", 'Κ'),
    ("Lambda", 'Λ'),
    ("Mu", 'Μ'),
    ("Nu", 'Ν'),
    ("Xi", 'Ξ'),
    ("Omicron", 'Ο'),
    ("Pi", 'Π'),
    ("Rho", 'Ρ'),
    ("Sigma", 'Σ'),
    ("Tau", 'Τ'),
    ("Upsilon", 'Υ'),
    ("Phi", 'Φ'),
    ("Chi", 'Χ'),
    ("Psi", 'Ψ'),
    ("Omega", 'Ω'),
    ("alpha", 'α'),
    ("beta", 'β'),
    ("gamma", 'γ'),
    ("delta", 'δ'),
    ("epsilon", 'ε'),
    ("zeta", 'ζ'),
    ("eta", 'η'),
    ("theta", 'θ'),
    ("iota", 'ι'),
    ("kappa", 'κ'),
    ("lambda", 'λ'),
    ("nu", 'ν'),
    ("xi", 'ξ'),
    ("omicron", 'ο'),
    ("pi", 'π'),
    ("rho", 'ρ'),
    ("sigma", 'σ'),
    ("sigma1", 'ς'),
    ("tau", 'τ'),
    ("upsilon", 'υ'),
    ("phi", 'φ'),
    ("chi", 'χ'),
    ("psi", 'ψ'),
    ("omega", 'ω'),
];

fn glyph_table() -> &'static HashMap<&'static str, char> {
    static TABLE: OnceLock<HashMap<&'static str, char>> = OnceLock::new();
    TABLE.get_or_init(|| GLYPH_NAMES.iter().copied().collect())
}

/// The combining mark an accent name in a glyph name stands for.
fn combining_accent(accent: &str, base: char) -> Option<char> {
    let mark = match accent {
        "grave" => '\u{300}',
        "acute" => '\u{301}',
        "circumflex" => '\u{302}',
        "tilde" => '\u{303}',
        "macron" => '\u{304}',
        "breve" => '\u{306}',
        "dotaccent" => '\u{307}',
        "dieresis" => '\u{308}',
        "ring" => '\u{30A}',
        "hungarumlaut" => '\u{30B}',
        "caron" => '\u{30C}',
        "cedilla" => '\u{327}',
        "ogonek" => '\u{328}',
        "commaaccent" if matches!(base, 'S' | 's' | 'T' | 't') => '\u{326}',
        "commaaccent" => '\u{327}',
        _ => return None,
    };
    Some(mark)
}

fn hex_code_points(hex: &str, out: &mut String) -> bool {
    if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return false;
    }
    let Ok(value) = u32::from_str_radix(hex, 16) else {
        return false;
    };
    match char::from_u32(value) {
        Some(c) => {
            out.push(c);
            true
        }
        None => false,
    }
}

/// The Unicode text of one glyph name without `.suffix` or `_` parts.
fn simple_name_to_unicode(name: &str, out: &mut String) -> bool {
    if let Some(&c) = glyph_table().get(name) {
        out.push(c);
        return true;
    }
    if let Some(hex) = name.strip_prefix("uni") {
        if !hex.is_empty() && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let start = out.len();
            for chunk in hex.as_bytes().chunks(4) {
                let Ok(chunk) = std::str::from_utf8(chunk) else {
                    break;
                };
                if !hex_code_points(chunk, out) {
                    out.truncate(start);
                    return false;
                }
            }
            return true;
        }
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex_code_points(hex, out) {
            return true;
        }
    }
    let mut chars = name.chars();
    let (Some(first), rest) = (chars.next(), chars.as_str()) else {
        return false;
    };
    if rest.is_empty() && first.is_ascii_alphabetic() {
        out.push(first);
        return true;
    }
    if first.is_ascii_alphabetic() {
        if let Some(mark) = combining_accent(rest, first) {
            let composed: String = [first, mark].iter().collect::<String>().nfc().collect();
            out.push_str(&composed);
            return true;
        }
    }
    false
}

/// Appends the Unicode text of a glyph name to `out`; `false` (and nothing appended) for an unknown name.
pub fn glyph_name_to_unicode(name: &str, out: &mut String) -> bool {
    let base = match name.find('.') {
        Some(0) | None => name,
        Some(i) => &name[..i],
    };
    if base.contains('_') {
        let start = out.len();
        for part in base.split('_') {
            if !simple_name_to_unicode(part, out) {
                out.truncate(start);
                return false;
            }
        }
        return out.len() > start;
    }
    simple_name_to_unicode(base, out)
}

/// The Unicode text of a glyph name as a `String`, if the name is known.
pub fn glyph_name_text(name: &str) -> Option<String> {
    let mut out = String::new();
    glyph_name_to_unicode(name, &mut out).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_encodings_differ_where_they_should() {
        assert_eq!(BaseEncoding::Standard.char_for(0x27), Some('\u{2019}'));
        assert_eq!(BaseEncoding::WinAnsi.char_for(0x27), Some('\''));
        assert_eq!(BaseEncoding::WinAnsi.char_for(0x80), Some('€'));
        assert_eq!(BaseEncoding::WinAnsi.char_for(0xeb), Some('ë'));
        assert_eq!(BaseEncoding::Standard.char_for(0xae), Some('\u{FB01}'));
        assert_eq!(BaseEncoding::MacRoman.char_for(0x8e), Some('é'));
        assert_eq!(BaseEncoding::MacRoman.char_for(0xff), Some('ˇ'));
        assert_eq!(BaseEncoding::PdfDoc.char_for(0x93), Some('\u{FB01}'));
        assert_eq!(BaseEncoding::Symbol.char_for(0x61), Some('α'));
        assert_eq!(BaseEncoding::Symbol.char_for(0xb7), Some('\u{2022}'));
        assert_eq!(BaseEncoding::Standard.char_for(0x10), None);
        assert_eq!(MAC_ROMAN_HIGH.chars().count(), 128);
        assert_eq!(SYMBOL_UPPER.chars().count(), 26);
        assert_eq!(SYMBOL_LOWER.chars().count(), 26);
    }

    #[test]
    fn glyph_names_map_to_unicode() {
        assert_eq!(glyph_name_text("A").as_deref(), Some("A"));
        assert_eq!(glyph_name_text("quoteright").as_deref(), Some("\u{2019}"));
        assert_eq!(glyph_name_text("Edieresis").as_deref(), Some("Ë"));
        assert_eq!(glyph_name_text("ccedilla").as_deref(), Some("ç"));
        assert_eq!(glyph_name_text("Scommaaccent").as_deref(), Some("Ș"));
        assert_eq!(glyph_name_text("fi").as_deref(), Some("\u{FB01}"));
        assert_eq!(glyph_name_text("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyph_name_text("uni00E9").as_deref(), Some("é"));
        assert_eq!(glyph_name_text("uni00660069").as_deref(), Some("fi"));
        assert_eq!(glyph_name_text("u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_name_text("a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_name_text("one.oldstyle").as_deref(), Some("1"));
        assert_eq!(glyph_name_text("g123"), None);
        assert_eq!(glyph_name_text("uniD800"), None);
        assert_eq!(glyph_name_text(""), None);
        assert_eq!(glyph_name_text(".notdef"), None);
    }
}
