//! Approximate glyph widths for fonts that declare none (the standard 14 fonts and broken simple fonts).
//!
//! Only the shape of the regular faces is kept (Helvetica, Times, Courier); bold and italic faces are close
//! enough for deciding where words end. Widths are in thousandths of an em.

use unicode_normalization::UnicodeNormalization;

/// Which family's widths to use for a font without a `/Widths` array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FallbackMetrics {
    Sans,
    Serif,
    Monospace,
}

/// Helvetica widths for the printable ASCII characters 0x20..=0x7e.
const SANS_ASCII: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // space … /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 … ?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722,
    778, // @ … O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P … _
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` … o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p … ~
];

/// Times-Roman widths for the printable ASCII characters 0x20..=0x7e.
const SERIF_ASCII: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250,
    278, // space … /
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, // 0 … ?
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, // @ … O
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, // P … _
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, // ` … o
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, // p … ~
];

impl FallbackMetrics {
    /// Guesses the family from a font name (`Helvetica-Bold`, `ABCDEF+TimesNewRomanPSMT`, `CourierNew`).
    pub fn for_font_name(name: &str) -> FallbackMetrics {
        let lower = name.to_ascii_lowercase();
        if lower.contains("courier") || lower.contains("mono") || lower.contains("consol") {
            FallbackMetrics::Monospace
        } else if (lower.contains("times")
            || lower.contains("serif")
            || lower.contains("roman")
            || lower.contains("georgia")
            || lower.contains("garamond")
            || lower.contains("cambria")
            || lower.contains("minion")
            || lower.contains("palatino")
            || lower.contains("book"))
            && !lower.contains("sans")
        {
            FallbackMetrics::Serif
        } else {
            FallbackMetrics::Sans
        }
    }

    /// Width of a character in thousandths of an em.
    pub fn width(self, c: char) -> f32 {
        if self == FallbackMetrics::Monospace {
            return 600.0;
        }
        let table = match self {
            FallbackMetrics::Serif => &SERIF_ASCII,
            _ => &SANS_ASCII,
        };
        let lookup = |c: char| -> Option<f32> {
            let index = (c as usize).checked_sub(0x20)?;
            table.get(index).map(|&w| f32::from(w))
        };
        if let Some(w) = lookup(c) {
            return w;
        }
        let serif = self == FallbackMetrics::Serif;
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' => {
                if serif {
                    333.0
                } else {
                    222.0
                }
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' => {
                if serif {
                    444.0
                } else {
                    333.0
                }
            }
            '\u{2013}' => {
                if serif {
                    500.0
                } else {
                    556.0
                }
            }
            '\u{2014}' | '\u{2026}' | '\u{2030}' => 1000.0,
            '\u{2022}' => 350.0,
            '\u{A0}' => lookup(' ').unwrap_or(278.0),
            '\u{AD}' => lookup('-').unwrap_or(333.0),
            '\u{FB00}'..='\u{FB04}' => {
                if serif {
                    556.0
                } else {
                    500.0
                }
            }
            _ => {
                // An accented letter is as wide as its base letter.
                match c.nfd().next() {
                    Some(base) if base != c => {
                        lookup(base).unwrap_or(if serif { 500.0 } else { 556.0 })
                    }
                    _ => {
                        if serif {
                            500.0
                        } else {
                            556.0
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_and_widths() {
        assert_eq!(
            FallbackMetrics::for_font_name("Helvetica-Bold"),
            FallbackMetrics::Sans
        );
        assert_eq!(
            FallbackMetrics::for_font_name("ABCDEF+TimesNewRomanPSMT"),
            FallbackMetrics::Serif
        );
        assert_eq!(
            FallbackMetrics::for_font_name("Courier-Oblique"),
            FallbackMetrics::Monospace
        );
        assert_eq!(
            FallbackMetrics::for_font_name("DejaVuSans"),
            FallbackMetrics::Sans
        );
        assert_eq!(FallbackMetrics::Sans.width(' '), 278.0);
        assert_eq!(FallbackMetrics::Sans.width('W'), 944.0);
        assert_eq!(FallbackMetrics::Sans.width('~'), 584.0);
        assert_eq!(FallbackMetrics::Serif.width('m'), 778.0);
        assert_eq!(FallbackMetrics::Serif.width('é'), 444.0);
        assert_eq!(FallbackMetrics::Monospace.width('i'), 600.0);
    }
}
