//! Glyph IDs of non-embedded Microsoft core fonts: the first 258 glyphs of Arial, Times New Roman,
//! Courier New and Verdana follow the standard Macintosh glyph order of the TrueType `post` table, so
//! a CID font that shows them by glyph ID (Identity-H, no ToUnicode map, font not embedded) can
//! still be read.

use super::encodings::glyph_name_to_unicode;

/// The standard Macintosh glyph order (TrueType `post` table, format 1): glyph ID → glyph name.
const MAC_GLYPH_ORDER: [&str; 258] = [
    ".notdef",
    ".null",
    "nonmarkingreturn",
    "space",
    "exclam",
    "quotedbl",
    "numbersign",
    "dollar",
    "percent",
    "ampersand",
    "quotesingle",
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
    "grave",
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
    "Adieresis",
    "Aring",
    "Ccedilla",
    "Eacute",
    "Ntilde",
    "Odieresis",
    "Udieresis",
    "aacute",
    "agrave",
    "acircumflex",
    "adieresis",
    "atilde",
    "aring",
    "ccedilla",
    "eacute",
    "egrave",
    "ecircumflex",
    "edieresis",
    "iacute",
    "igrave",
    "icircumflex",
    "idieresis",
    "ntilde",
    "oacute",
    "ograve",
    "ocircumflex",
    "odieresis",
    "otilde",
    "uacute",
    "ugrave",
    "ucircumflex",
    "udieresis",
    "dagger",
    "degree",
    "cent",
    "sterling",
    "section",
    "bullet",
    "paragraph",
    "germandbls",
    "registered",
    "copyright",
    "trademark",
    "acute",
    "dieresis",
    "notequal",
    "AE",
    "Oslash",
    "infinity",
    "plusminus",
    "lessequal",
    "greaterequal",
    "yen",
    "mu",
    "partialdiff",
    "summation",
    "product",
    "pi",
    "integral",
    "ordfeminine",
    "ordmasculine",
    "Omega",
    "ae",
    "oslash",
    "questiondown",
    "exclamdown",
    "logicalnot",
    "radical",
    "florin",
    "approxequal",
    "Delta",
    "guillemotleft",
    "guillemotright",
    "ellipsis",
    "nonbreakingspace",
    "Agrave",
    "Atilde",
    "Otilde",
    "OE",
    "oe",
    "endash",
    "emdash",
    "quotedblleft",
    "quotedblright",
    "quoteleft",
    "quoteright",
    "divide",
    "lozenge",
    "ydieresis",
    "Ydieresis",
    "fraction",
    "currency",
    "guilsinglleft",
    "guilsinglright",
    "fi",
    "fl",
    "daggerdbl",
    "periodcentered",
    "quotesinglbase",
    "quotedblbase",
    "perthousand",
    "Acircumflex",
    "Ecircumflex",
    "Aacute",
    "Edieresis",
    "Egrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Igrave",
    "Oacute",
    "Ocircumflex",
    "apple",
    "Ograve",
    "Uacute",
    "Ucircumflex",
    "Ugrave",
    "dotlessi",
    "circumflex",
    "tilde",
    "macron",
    "breve",
    "dotaccent",
    "ring",
    "cedilla",
    "hungarumlaut",
    "ogonek",
    "caron",
    "Lslash",
    "lslash",
    "Scaron",
    "scaron",
    "Zcaron",
    "zcaron",
    "brokenbar",
    "Eth",
    "eth",
    "Yacute",
    "yacute",
    "Thorn",
    "thorn",
    "minus",
    "multiply",
    "onesuperior",
    "twosuperior",
    "threesuperior",
    "onehalf",
    "onequarter",
    "threequarters",
    "franc",
    "Gbreve",
    "gbreve",
    "Idotaccent",
    "Scedilla",
    "scedilla",
    "Cacute",
    "cacute",
    "Ccaron",
    "ccaron",
    "dcroat",
];

/// Style suffixes after a hyphen in a PostScript font name ("Arial-BoldMT").
const STYLES: [&str; 10] = [
    "bold",
    "italic",
    "bolditalic",
    "boldmt",
    "italicmt",
    "bolditalicmt",
    "oblique",
    "boldoblique",
    "regular",
    "roman",
];

/// Families whose first 258 glyphs are in the standard Macintosh order (lower case, no spaces).
const FAMILIES: [&str; 8] = [
    "arial",
    "arialmt",
    "timesnewroman",
    "timesnewromanps",
    "timesnewromanpsmt",
    "couriernew",
    "couriernewpsmt",
    "verdana",
];

/// Whether a `/BaseFont` (without its subset tag) names one of the core fonts whose glyph IDs follow
/// the standard order: "Arial", "ArialMT", "Arial,Bold", "TimesNewRomanPS-BoldItalicMT", "Times New Roman"; not
/// "Arial-Black" or "Calibri", whose glyphs are ordered otherwise.
pub fn follows_standard_order(base_font: &str) -> bool {
    // A Type0 font's name may carry its encoding ("ArialMT-Identity-H").
    let name = base_font
        .strip_suffix("-Identity-H")
        .or_else(|| base_font.strip_suffix("-Identity-V"))
        .unwrap_or(base_font);
    let name: String = name
        .split(',')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let family = match name.rsplit_once('-') {
        Some((family, style)) if STYLES.contains(&style) => family,
        Some(_) => return false,
        None => name.as_str(),
    };
    FAMILIES.contains(&family)
}

/// Appends the Unicode text of a glyph ID in the standard order; `false` for IDs past the table or
/// glyphs without text (.notdef, .null).
pub fn glyph_text(glyph_id: u32, out: &mut String) -> bool {
    usize::try_from(glyph_id)
        .ok()
        .and_then(|i| MAC_GLYPH_ORDER.get(i))
        .is_some_and(|name| glyph_name_to_unicode(name, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_font_names_are_recognised() {
        for name in [
            "Arial",
            "ArialMT",
            "Arial,Bold",
            "Arial-BoldMT",
            "Arial,BoldItalic",
            "TimesNewRoman",
            "Times New Roman",
            "TimesNewRomanPS-BoldItalicMT",
            "TimesNewRoman,Italic",
            "CourierNewPSMT",
            "Verdana-Bold",
            "ArialMT-Identity-H",
        ] {
            assert!(follows_standard_order(name), "{name}");
        }
        for name in [
            "Arial-Black",
            "Calibri",
            "CenturyGothic,Bold",
            "Impact",
            "MS-PGothic",
            "Helvetica",
            "",
        ] {
            assert!(!follows_standard_order(name), "{name}");
        }
    }

    #[test]
    fn glyph_ids_map_to_text() {
        let text = |ids: &[u32]| {
            let mut out = String::new();
            for &id in ids {
                glyph_text(id, &mut out);
            }
            out
        };
        // "Volumes": ASCII letters sit 29 places above their glyph IDs.
        assert_eq!(text(&[57, 82, 79, 88, 80, 72, 86]), "Volumes");
        assert_eq!(text(&[3, 19, 28]), " 09");
        assert_eq!(text(&[112, 137]), "éß");
        assert_eq!(text(&[0, 1, 2, 258, 70000]), "");
    }
}
