//! The built-in encoding of a CFF (Type 1C) font program: which glyph name each one-byte code shows.
//!
//! Only what that needs is read: the Top DICT's charset and encoding offsets, the charset (glyph → name)
//! and a custom encoding (code → glyph, plus supplements). CID-keyed fonts and the predefined encodings
//! give nothing (the caller's base encoding stands). Every read is bounds-checked; damage gives nothing.

/// CFF standard strings 0..=268 (the ISOAdobe charset, then the expert names up to `ffl`).
const STANDARD_STRINGS: &[&str] = &[
    ".notdef",
    "space",
    "exclam",
    "quotedbl",
    "numbersign",
    "dollar",
    "percent",
    "ampersand",
    "quoteright",
    "parenleft",
    "parenright",
    "asterisk",
    "plus",
    "comma",
    "hyphen",
    "period",
    "slash",
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "colon",
    "semicolon",
    "less",
    "equal",
    "greater",
    "question",
    "at",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "I",
    "J",
    "K",
    "L",
    "M",
    "N",
    "O",
    "P",
    "Q",
    "R",
    "S",
    "T",
    "U",
    "V",
    "W",
    "X",
    "Y",
    "Z",
    "bracketleft",
    "backslash",
    "bracketright",
    "asciicircum",
    "underscore",
    "quoteleft",
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "w",
    "x",
    "y",
    "z",
    "braceleft",
    "bar",
    "braceright",
    "asciitilde",
    "exclamdown",
    "cent",
    "sterling",
    "fraction",
    "yen",
    "florin",
    "section",
    "currency",
    "quotesingle",
    "quotedblleft",
    "guillemotleft",
    "guilsinglleft",
    "guilsinglright",
    "fi",
    "fl",
    "endash",
    "dagger",
    "daggerdbl",
    "periodcentered",
    "paragraph",
    "bullet",
    "quotesinglbase",
    "quotedblbase",
    "quotedblright",
    "guillemotright",
    "ellipsis",
    "perthousand",
    "questiondown",
    "grave",
    "acute",
    "circumflex",
    "tilde",
    "macron",
    "breve",
    "dotaccent",
    "dieresis",
    "ring",
    "cedilla",
    "hungarumlaut",
    "ogonek",
    "caron",
    "emdash",
    "AE",
    "ordfeminine",
    "Lslash",
    "Oslash",
    "OE",
    "ordmasculine",
    "ae",
    "dotlessi",
    "lslash",
    "oslash",
    "oe",
    "germandbls",
    "onesuperior",
    "logicalnot",
    "mu",
    "trademark",
    "Eth",
    "onehalf",
    "plusminus",
    "Thorn",
    "onequarter",
    "divide",
    "brokenbar",
    "degree",
    "thorn",
    "threequarters",
    "twosuperior",
    "registered",
    "minus",
    "eth",
    "multiply",
    "threesuperior",
    "copyright",
    "Aacute",
    "Acircumflex",
    "Adieresis",
    "Agrave",
    "Aring",
    "Atilde",
    "Ccedilla",
    "Eacute",
    "Ecircumflex",
    "Edieresis",
    "Egrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Igrave",
    "Ntilde",
    "Oacute",
    "Ocircumflex",
    "Odieresis",
    "Ograve",
    "Otilde",
    "Scaron",
    "Uacute",
    "Ucircumflex",
    "Udieresis",
    "Ugrave",
    "Yacute",
    "Ydieresis",
    "Zcaron",
    "aacute",
    "acircumflex",
    "adieresis",
    "agrave",
    "aring",
    "atilde",
    "ccedilla",
    "eacute",
    "ecircumflex",
    "edieresis",
    "egrave",
    "iacute",
    "icircumflex",
    "idieresis",
    "igrave",
    "ntilde",
    "oacute",
    "ocircumflex",
    "odieresis",
    "ograve",
    "otilde",
    "scaron",
    "uacute",
    "ucircumflex",
    "udieresis",
    "ugrave",
    "yacute",
    "ydieresis",
    "zcaron",
    "exclamsmall",
    "Hungarumlautsmall",
    "dollaroldstyle",
    "dollarsuperior",
    "ampersandsmall",
    "Acutesmall",
    "parenleftsuperior",
    "parenrightsuperior",
    "twodotenleader",
    "onedotenleader",
    "zerooldstyle",
    "oneoldstyle",
    "twooldstyle",
    "threeoldstyle",
    "fouroldstyle",
    "fiveoldstyle",
    "sixoldstyle",
    "sevenoldstyle",
    "eightoldstyle",
    "nineoldstyle",
    "commasuperior",
    "threequartersemdash",
    "periodsuperior",
    "questionsmall",
    "asuperior",
    "bsuperior",
    "centsuperior",
    "dsuperior",
    "esuperior",
    "isuperior",
    "lsuperior",
    "msuperior",
    "nsuperior",
    "osuperior",
    "rsuperior",
    "ssuperior",
    "tsuperior",
    "ff",
    "ffi",
    "ffl",
];
/// SIDs from here on name strings in the font's own String INDEX.
const STANDARD_STRING_COUNT: usize = 391;
/// Most glyphs looked at.
const MAX_GLYPHS: usize = 65_536;

fn card16(data: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(*data.get(at)?) << 8 | usize::from(*data.get(at + 1)?))
}

fn offset(data: &[u8], at: usize, size: usize) -> Option<usize> {
    let bytes = data.get(at..at.checked_add(size)?)?;
    Some(
        bytes
            .iter()
            .fold(0usize, |acc, &b| acc << 8 | usize::from(b)),
    )
}

/// An INDEX at `at`: its items as byte ranges, and the offset just after it.
fn index(data: &[u8], at: usize) -> Option<(Vec<std::ops::Range<usize>>, usize)> {
    let count = card16(data, at)?;
    if count == 0 {
        return Some((Vec::new(), at + 2));
    }
    let off_size = usize::from(*data.get(at + 2)?);
    if !(1..=4).contains(&off_size) {
        return None;
    }
    let offsets_at = at + 3;
    let data_at = offsets_at.checked_add((count + 1).checked_mul(off_size)?)? - 1;
    let mut items = Vec::with_capacity(count.min(MAX_GLYPHS));
    let mut previous = offset(data, offsets_at, off_size)?;
    for i in 1..=count {
        let next = offset(data, offsets_at + i * off_size, off_size)?;
        if next < previous {
            return None;
        }
        let range = data_at.checked_add(previous)?..data_at.checked_add(next)?;
        if range.end > data.len() {
            return None;
        }
        if items.len() < MAX_GLYPHS {
            items.push(range);
        }
        previous = next;
    }
    Some((items, data_at.checked_add(previous)?))
}

/// The integer operands of the Top DICT's charset (15), Encoding (16) and CharStrings (17) operators,
/// and whether it is CID-keyed (ROS, 12 30).
struct TopDict {
    charset: usize,
    encoding: usize,
    char_strings: Option<usize>,
    cid_keyed: bool,
}

fn top_dict(dict: &[u8]) -> TopDict {
    let mut top = TopDict {
        charset: 0,
        encoding: 0,
        char_strings: None,
        cid_keyed: false,
    };
    let mut operands: Vec<i64> = Vec::new();
    let mut i = 0;
    while let Some(&b0) = dict.get(i) {
        i += 1;
        match b0 {
            0..=21 => {
                let operator = if b0 == 12 {
                    let b1 = dict.get(i).copied().unwrap_or(0);
                    i += 1;
                    1200 + u16::from(b1)
                } else {
                    u16::from(b0)
                };
                let last = operands.last().copied().unwrap_or(0).max(0) as usize;
                match operator {
                    15 => top.charset = last,
                    16 => top.encoding = last,
                    17 => top.char_strings = Some(last),
                    1230 => top.cid_keyed = true,
                    _ => {}
                }
                operands.clear();
            }
            28 => {
                let v = i16::from_be_bytes([
                    dict.get(i).copied().unwrap_or(0),
                    dict.get(i + 1).copied().unwrap_or(0),
                ]);
                operands.push(i64::from(v));
                i += 2;
            }
            29 => {
                let bytes: [u8; 4] = std::array::from_fn(|k| dict.get(i + k).copied().unwrap_or(0));
                operands.push(i64::from(i32::from_be_bytes(bytes)));
                i += 4;
            }
            30 => {
                // A real number: nibbles up to an 0xf nibble. Its value is not needed here.
                while let Some(&b) = dict.get(i) {
                    i += 1;
                    if b & 0x0f == 0x0f || b >> 4 == 0x0f {
                        break;
                    }
                }
                operands.push(0);
            }
            32..=246 => operands.push(i64::from(b0) - 139),
            247..=250 => {
                let b1 = i64::from(dict.get(i).copied().unwrap_or(0));
                operands.push((i64::from(b0) - 247) * 256 + b1 + 108);
                i += 1;
            }
            251..=254 => {
                let b1 = i64::from(dict.get(i).copied().unwrap_or(0));
                operands.push(-(i64::from(b0) - 251) * 256 - b1 - 108);
                i += 1;
            }
            _ => {}
        }
        if operands.len() > 48 {
            operands.clear();
        }
    }
    top
}

fn string_for(sid: usize, strings: &[std::ops::Range<usize>], data: &[u8]) -> Option<String> {
    if sid < STANDARD_STRING_COUNT {
        return STANDARD_STRINGS.get(sid).map(|s| s.to_string());
    }
    let range = strings.get(sid - STANDARD_STRING_COUNT)?;
    Some(String::from_utf8_lossy(data.get(range.clone())?).into_owned())
}

/// Glyph SIDs by glyph index, from the charset.
fn charset(data: &[u8], at: usize, glyphs: usize) -> Option<Vec<usize>> {
    let mut sids = vec![0usize];
    match at {
        0 => sids.extend(1..glyphs.min(STANDARD_STRINGS.len())),
        1 | 2 => return None,
        _ => {
            let format = *data.get(at)?;
            let mut p = at + 1;
            while sids.len() < glyphs {
                match format {
                    0 => {
                        sids.push(card16(data, p)?);
                        p += 2;
                    }
                    1 | 2 => {
                        let first = card16(data, p)?;
                        let left = if format == 1 {
                            usize::from(*data.get(p + 2)?)
                        } else {
                            card16(data, p + 2)?
                        };
                        p += if format == 1 { 3 } else { 4 };
                        for k in 0..=left {
                            if sids.len() >= glyphs {
                                break;
                            }
                            sids.push(first + k);
                        }
                    }
                    _ => return None,
                }
            }
        }
    }
    Some(sids)
}

/// The (code, glyph name) pairs of the font's built-in encoding; empty when it has a predefined
/// encoding, is CID-keyed or cannot be read.
pub fn builtin_encoding(data: &[u8]) -> Vec<(u8, String)> {
    read_encoding(data).unwrap_or_default()
}

fn read_encoding(data: &[u8]) -> Option<Vec<(u8, String)>> {
    let header_size = usize::from(*data.get(2)?);
    let (_, after_names) = index(data, header_size)?;
    let (top_dicts, after_top) = index(data, after_names)?;
    let (strings, _) = index(data, after_top)?;
    let top = top_dict(data.get(top_dicts.first()?.clone())?);
    if top.cid_keyed || top.encoding <= 1 {
        return None;
    }
    let (char_strings, _) = index(data, top.char_strings?)?;
    let sids = charset(data, top.charset, char_strings.len())?;
    let name_of_glyph = |gid: usize| {
        sids.get(gid)
            .and_then(|&sid| string_for(sid, &strings, data))
    };
    let mut out = Vec::new();
    let format = *data.get(top.encoding)?;
    let mut p = top.encoding + 1;
    match format & 0x7f {
        0 => {
            let count = usize::from(*data.get(p)?);
            for gid in 1..=count {
                let code = *data.get(p + gid)?;
                if let Some(name) = name_of_glyph(gid) {
                    out.push((code, name));
                }
            }
            p += 1 + count;
        }
        1 => {
            let ranges = usize::from(*data.get(p)?);
            let mut gid = 1;
            for r in 0..ranges {
                let first = *data.get(p + 1 + 2 * r)?;
                let left = *data.get(p + 2 + 2 * r)?;
                for k in 0..=left {
                    let Some(code) = first.checked_add(k) else {
                        break;
                    };
                    if let Some(name) = name_of_glyph(gid) {
                        out.push((code, name));
                    }
                    gid += 1;
                }
            }
            p += 1 + 2 * ranges;
        }
        _ => return None,
    }
    if format & 0x80 != 0 {
        let supplements = usize::from(*data.get(p)?);
        for s in 0..supplements {
            let code = *data.get(p + 1 + 3 * s)?;
            let sid = card16(data, p + 2 + 3 * s)?;
            if let Some(name) = string_for(sid, &strings, data) {
                out.push((code, name));
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal CFF: one font "T", glyphs .notdef, fi (SID 109), A (SID 34), "custom" (SID 391),
    /// custom charset (format 0) and encoding (format 0 with a supplement).
    fn sample() -> Vec<u8> {
        let header = [1u8, 0, 4, 1];
        let names = [0u8, 1, 1, 1, 2, b'T'];
        let dict_len = 12;
        let strings: Vec<u8> = [&[0u8, 1, 1, 1, 7][..], b"custom"].concat();
        let global_subrs = [0u8, 0];
        let char_strings_at =
            header.len() + names.len() + 5 + dict_len + strings.len() + global_subrs.len();
        let char_strings = [0u8, 4, 1, 1, 2, 3, 4, 5, 14, 14, 14, 14];
        let charset_at = char_strings_at + char_strings.len();
        let charset = [0u8, 0, 109, 0, 34, 1, 135];
        let encoding_at = charset_at + charset.len();
        // Format 0 with supplements: codes of glyphs 1..=3, then code 0x61 also shows SID 34 ("A").
        let encoding = [0x80u8, 3, 12, 0x41, 0x80, 1, 0x61, 0, 34];
        let int16 = |v: usize| [28u8, (v >> 8) as u8, v as u8];
        let mut dict = Vec::new();
        dict.extend(int16(charset_at));
        dict.push(15);
        dict.extend(int16(encoding_at));
        dict.push(16);
        dict.extend(int16(char_strings_at));
        dict.push(17);
        let mut out = Vec::new();
        out.extend(header);
        out.extend(names);
        out.extend([0, 1, 1, 1, dict_len as u8 + 1]);
        out.extend(dict);
        out.extend(strings);
        out.extend(global_subrs);
        out.extend(char_strings);
        out.extend(charset);
        out.extend(encoding);
        out
    }

    #[test]
    fn reads_a_custom_encoding_with_supplements() {
        let encoding = builtin_encoding(&sample());
        assert_eq!(
            encoding,
            vec![
                (12, "fi".to_string()),
                (0x41, "A".to_string()),
                (0x80, "custom".to_string()),
                (0x61, "A".to_string())
            ]
        );
    }

    #[test]
    fn damaged_programs_give_nothing() {
        let data = sample();
        for cut in 0..data.len() {
            let _ = builtin_encoding(&data[..cut]);
        }
        assert!(builtin_encoding(b"").is_empty());
        assert!(builtin_encoding(&[1, 0, 4, 1, 255, 255, 4]).is_empty());
    }
}
