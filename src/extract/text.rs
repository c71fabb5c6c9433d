//! Plain-text and Markdown readers: paragraphs split on blank lines, Markdown headings become sections,
//! list items and pipe tables are recognised, HTML tags dropped.

use super::{BlockKind, ExtractError, Extracted, Limits, RawBlock, Result};

/// Decodes text bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM.
pub fn decode(bytes: &[u8]) -> Result<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return Ok(String::from_utf8_lossy(rest).into_owned());
    }
    let utf16 = |le: bool| -> String {
        let units = bytes[2..].chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect()
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Ok(utf16(true));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok(utf16(false));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(_) => {
            // UTF-8 with a few damaged bytes stays UTF-8; otherwise the text is in a single-byte
            // encoding, and Windows-1252 (a superset of Latin-1 for text) is the common one for Dutch
            // and English documents.
            let lossy = String::from_utf8_lossy(bytes);
            let damaged = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
            if damaged * 1000 <= lossy.chars().count() {
                Ok(lossy.into_owned())
            } else {
                Ok(bytes.iter().map(|&b| windows_1252(b)).collect())
            }
        }
    }
}

/// Fails when the text or the blocks made of it exceed the limits (checked as blocks are made).
fn check_size(text: &str, limits: &Limits) -> Result<()> {
    if text.len() > limits.max_chars.saturating_mul(4) || text.chars().count() > limits.max_chars {
        return Err(ExtractError::too_large(format!(
            "the text has more than {} characters",
            limits.max_chars
        )));
    }
    Ok(())
}

fn check_blocks(blocks: &[RawBlock], limits: &Limits) -> Result<()> {
    if blocks.len() > limits.max_blocks {
        return Err(ExtractError::too_large(format!(
            "the document has more than {} blocks of text",
            limits.max_blocks
        )));
    }
    Ok(())
}

/// The character of one Windows-1252 byte.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Plain text: paragraphs are separated by blank lines; lines inside a paragraph are joined, and a
/// hyphen at a line end followed by a lower-case letter is taken as hyphenation.
pub fn read_plain(text: &str, limits: &Limits) -> Result<Extracted> {
    check_size(text, limits)?;
    let mut blocks = Vec::new();
    let mut para = String::new();
    for line in text.lines() {
        check_blocks(&blocks, limits)?;
        if line.trim().is_empty() {
            flush(&mut para, BlockKind::Paragraph, &mut blocks);
        } else {
            join_line(&mut para, line.trim(), true);
        }
    }
    flush(&mut para, BlockKind::Paragraph, &mut blocks);
    check_blocks(&blocks, limits)?;
    Ok(Extracted {
        pages: None,
        blocks,
    })
}

/// Markdown: ATX (`#`) and setext headings, list items, pipe tables with or without leading pipes (one
/// block per cell, header row 0), fenced blocks kept line by line, HTML tags removed (HTML tables
/// become cells).
/// Soft line breaks become spaces (Markdown source is not hyphenated by a typesetter).
pub fn read_markdown(text: &str, limits: &Limits) -> Result<Extracted> {
    check_size(text, limits)?;
    let mut blocks: Vec<RawBlock> = Vec::new();
    let mut para = String::new();
    let mut para_kind = BlockKind::Paragraph;
    let mut in_fence = false;
    let mut table: Option<(u32, u32)> = None; // (table index, next row)
    let mut tables = 0u32;
    let lines: Vec<&str> = text.lines().collect();
    let mut html_table = HtmlTable::default();
    let mut i = 0;
    while i < lines.len() {
        check_blocks(&blocks, limits)?;
        let line = lines[i];
        let trimmed = line.trim();
        i += 1;
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut para, para_kind, &mut blocks);
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            // Fenced text is literal: no headings, tables or reflowing. Tenders fence lists and quoted
            // wording as well as code, so each line with a letter or digit is kept as its own block
            // (a list item when it has a list marker).
            if trimmed.chars().any(char::is_alphanumeric) {
                let (kind, text) = match is_list_item(line) {
                    Some((level, rest)) => (BlockKind::ListItem { level }, rest),
                    None => (BlockKind::Paragraph, trimmed),
                };
                blocks.push(RawBlock::new(kind, text.to_string(), None));
            }
            continue;
        }
        if html_table.feed(trimmed, &mut tables, &mut blocks) {
            flush(&mut para, para_kind, &mut blocks);
            continue;
        }
        // Pipe tables: rows that start with a pipe, or (GFM) any row with a pipe once a table has
        // started, or a header row with a pipe followed by a delimiter row.
        let gfm_header = trimmed.contains('|')
            && !trimmed.starts_with('|')
            && lines
                .get(i)
                .is_some_and(|next| is_table_rule(next.trim()) && next.contains('|'));
        let in_table_row = table.is_some() && trimmed.contains('|');
        if (trimmed.starts_with('|') && trimmed.len() > 1) || gfm_header || in_table_row {
            flush(&mut para, para_kind, &mut blocks);
            if is_table_rule(trimmed) {
                continue;
            }
            let (t, row) = *table.get_or_insert_with(|| {
                tables += 1;
                (tables - 1, 0)
            });
            for (col, cell) in split_pipe_row(trimmed).into_iter().enumerate() {
                let cell = strip_inline(&cell);
                if !cell.trim().is_empty() {
                    blocks.push(RawBlock::new(
                        BlockKind::TableCell {
                            table: t,
                            row,
                            col: col as u32,
                        },
                        cell,
                        None,
                    ));
                }
            }
            table = Some((t, row + 1));
            continue;
        }
        table = None;
        if trimmed.is_empty() {
            flush(&mut para, para_kind, &mut blocks);
            continue;
        }
        let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes)
            && (trimmed.len() == hashes || trimmed.as_bytes()[hashes] == b' ')
        {
            flush(&mut para, para_kind, &mut blocks);
            let title = trimmed[hashes..].trim().trim_end_matches('#').trim();
            blocks.push(RawBlock::new(
                BlockKind::Heading {
                    level: hashes as u8,
                },
                strip_inline(title),
                None,
            ));
            continue;
        }
        // Setext heading: a paragraph line followed by === or ---.
        if let Some(next) = lines.get(i).map(|l| l.trim()) {
            let setext = !next.is_empty()
                && (next.chars().all(|c| c == '=')
                    || next.chars().all(|c| c == '-') && next.len() >= 3);
            if setext && para.is_empty() && is_list_item(line).is_none() {
                let level = if next.starts_with('=') { 1 } else { 2 };
                blocks.push(RawBlock::new(
                    BlockKind::Heading { level },
                    strip_inline(trimmed),
                    None,
                ));
                i += 1;
                continue;
            }
        }
        if let Some((level, rest)) = is_list_item(line) {
            flush(&mut para, para_kind, &mut blocks);
            para_kind = BlockKind::ListItem { level };
            join_line(&mut para, rest, false);
            continue;
        }
        if para.is_empty() {
            para_kind = BlockKind::Paragraph;
        }
        join_line(&mut para, trimmed, false);
    }
    flush(&mut para, para_kind, &mut blocks);
    check_blocks(&blocks, limits)?;
    Ok(Extracted {
        pages: None,
        blocks,
    })
}

fn join_line(para: &mut String, line: &str, dehyphenate: bool) {
    let line = line.trim_start_matches('>').trim();
    if dehyphenate
        && para.ends_with('-')
        && !para.ends_with(" -")
        && line.chars().next().is_some_and(|c| c.is_lowercase())
    {
        para.pop(); // end-of-line hyphenation in hard-wrapped text
    } else if !para.is_empty() {
        para.push(' ');
    }
    para.push_str(line);
}

fn flush(para: &mut String, kind: BlockKind, blocks: &mut Vec<RawBlock>) {
    if !para.trim().is_empty() {
        let text = strip_inline(para);
        if !text.trim().is_empty() {
            blocks.push(RawBlock::new(kind, text, None));
        }
    }
    para.clear();
}

/// `- item`, `* item`, `+ item`, `1. item`, `1) item`, `a. item`; level from indentation.
fn is_list_item(line: &str) -> Option<(u8, &str)> {
    let indent = line.len() - line.trim_start().len();
    let t = line.trim_start();
    let level = (indent / 2).min(8) as u8 + 1;
    for bullet in ["- ", "* ", "+ ", "• "] {
        if let Some(rest) = t.strip_prefix(bullet) {
            return Some((level, rest.trim()));
        }
    }
    let marker_len = t.bytes().take_while(|b| b.is_ascii_digit()).count();
    if (1..=3).contains(&marker_len) {
        let rest = &t[marker_len..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((level, rest.trim()));
        }
    }
    None
}

fn is_table_rule(row: &str) -> bool {
    row.chars()
        .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
        && row.contains('-')
}

fn split_pipe_row(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in inner.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => cells.push(String::new()),
            c => {
                escaped = false;
                cells.last_mut().expect("cells is never empty").push(c);
            }
        }
    }
    cells.into_iter().map(|c| c.trim().to_owned()).collect()
}

/// Removes Markdown inline syntax and HTML tags that carry no words: emphasis markers, link targets,
/// images, `<br>` and other tags, backslash escapes.
fn strip_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Where the next `](` and `)` are: found once and reused while the scan has not passed them, so
    // that the look-ahead costs linear time over the whole text, however many brackets it holds.
    let mut link_middle = NextMatch::new("](");
    let mut paren_close = NextMatch::new(")");
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            '\\' => {
                if let Some((_, n)) = chars.next() {
                    out.push(n);
                }
            }
            '*' | '`' => {}
            '_' if out.ends_with(|c: char| c.is_whitespace())
                || out.is_empty()
                || next.is_some_and(|c| c.is_whitespace() || c == '_') => {}
            '!' if next == Some('[') => {}
            // Drop a link target, but only when it closes within a reasonable distance.
            ']' if next == Some('(')
                && paren_close
                    .at_or_after(s, i)
                    .is_some_and(|p| p - i <= LINK_LOOKAHEAD) =>
            {
                let mut depth = 0;
                for (_, n) in chars.by_ref() {
                    match n {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            // A link's text: drop the bracket only when a `](` target follows.
            '[' if link_middle
                .at_or_after(s, i)
                .is_some_and(|p| p - i < LINK_LOOKAHEAD) => {}
            '<' => {
                // an HTML tag: skip to '>' if it looks like one
                let rest = &s[i + 1..];
                let tag_like = rest
                    .starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
                    && rest.chars().take(40).any(|c| c == '>');
                if tag_like {
                    for (_, n) in chars.by_ref() {
                        if n == '>' {
                            break;
                        }
                    }
                    out.push(' ');
                } else {
                    out.push('<');
                }
            }
            c => out.push(c),
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// How far (bytes) a link's `](` or `)` may be from its bracket.
const LINK_LOOKAHEAD: usize = 400;

/// The next occurrence of a pattern at or after a position that only moves forward, remembered between
/// calls: each search starts where the last found match was passed, so all searches together read the
/// text once.
struct NextMatch {
    pattern: &'static str,
    /// `Some(found)`: the result of the last search (`None` inside: no match in the rest of the text).
    last: Option<Option<usize>>,
}

impl NextMatch {
    fn new(pattern: &'static str) -> NextMatch {
        NextMatch {
            pattern,
            last: None,
        }
    }

    fn at_or_after(&mut self, s: &str, from: usize) -> Option<usize> {
        match self.last {
            Some(None) => return None,
            Some(Some(p)) if p >= from => return Some(p),
            _ => {}
        }
        let found = s[from..].find(self.pattern).map(|k| from + k);
        self.last = Some(found);
        found
    }
}

/// HTML `<table>` inside Markdown: each `<td>`/`<th>` becomes a table cell.
#[derive(Default)]
struct HtmlTable {
    active: bool,
    table: u32,
    row: i64,
    col: u32,
    cell: Option<String>,
}

impl HtmlTable {
    /// Consumes the line if it belongs to an HTML table.
    fn feed(&mut self, line: &str, tables: &mut u32, blocks: &mut Vec<RawBlock>) -> bool {
        let lower = line.to_ascii_lowercase();
        if !self.active {
            // Only a line that starts a table starts one: "<table>" mentioned in a sentence does not.
            if !lower.starts_with("<table") {
                return false;
            }
            self.active = true;
            self.table = *tables;
            *tables += 1;
            self.row = -1;
        }
        let mut rest = line;
        while !rest.is_empty() {
            let Some(lt) = rest.find('<') else {
                if let Some(cell) = self.cell.as_mut() {
                    cell.push(' ');
                    cell.push_str(rest);
                }
                break;
            };
            if let Some(cell) = self.cell.as_mut() {
                cell.push_str(&rest[..lt]);
            }
            let Some(gt) = rest[lt..].find('>') else {
                break;
            };
            let tag = rest[lt + 1..lt + gt].to_ascii_lowercase();
            let name = tag
                .trim_start_matches('/')
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            let closing = tag.starts_with('/');
            match (name, closing) {
                ("tr", false) => {
                    self.row += 1;
                    self.col = 0;
                }
                ("td" | "th", false) => self.cell = Some(String::new()),
                ("td" | "th", true) => {
                    if let Some(text) = self.cell.take() {
                        let text = strip_inline(&text);
                        if !text.trim().is_empty() {
                            let row = self.row.max(0) as u32;
                            blocks.push(RawBlock::new(
                                BlockKind::TableCell {
                                    table: self.table,
                                    row,
                                    col: self.col,
                                },
                                text,
                                None,
                            ));
                        }
                        self.col += 1;
                    }
                }
                ("br" | "p" | "li", _) => {
                    if let Some(cell) = self.cell.as_mut() {
                        cell.push(' ');
                    }
                }
                ("table", true) => {
                    self.active = false;
                    self.cell = None;
                }
                _ => {}
            }
            rest = &rest[lt + gt + 1..];
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ErrorKind;

    #[test]
    fn markdown_headings_lists_and_tables() {
        let md = "# 1 Doel\n\nDe opdracht *heeft* als doel:\n\n- snelle [afhandeling](http://x)\n- 95% binnen\n  2 dagen\n\n## 1.1 KPI\n\n| KPI | Norm |\n|---|---|\n| Responstijd | 4 uur |\n\n```\n# not a heading\n- fenced item\n#####\n| not | a table |\n```\n";
        let ex = read_markdown(md, &Limits::default()).unwrap();
        let got: Vec<(BlockKind, &str)> = ex
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading { level: 1 }, "1 Doel"),
                (BlockKind::Paragraph, "De opdracht heeft als doel:"),
                (BlockKind::ListItem { level: 1 }, "snelle afhandeling"),
                (BlockKind::ListItem { level: 1 }, "95% binnen 2 dagen"),
                (BlockKind::Heading { level: 2 }, "1.1 KPI"),
                (
                    BlockKind::TableCell {
                        table: 0,
                        row: 0,
                        col: 0
                    },
                    "KPI"
                ),
                (
                    BlockKind::TableCell {
                        table: 0,
                        row: 0,
                        col: 1
                    },
                    "Norm"
                ),
                (
                    BlockKind::TableCell {
                        table: 0,
                        row: 1,
                        col: 0
                    },
                    "Responstijd"
                ),
                (
                    BlockKind::TableCell {
                        table: 0,
                        row: 1,
                        col: 1
                    },
                    "4 uur"
                ),
                (BlockKind::Paragraph, "# not a heading"),
                (BlockKind::ListItem { level: 1 }, "fenced item"),
                (BlockKind::Paragraph, "| not | a table |"),
            ]
        );
    }

    #[test]
    fn html_tables_in_markdown() {
        let md = "<table>\n<tr><th>Objective</th><th>AQL</th></tr>\n<tr><td>Triage</td><td>95% within 1 day</td></tr>\n</table>\nAfter.";
        let ex = read_markdown(md, &Limits::default()).unwrap();
        assert_eq!(ex.blocks.len(), 5);
        assert_eq!(
            ex.blocks[3].kind,
            BlockKind::TableCell {
                table: 0,
                row: 1,
                col: 1
            }
        );
        assert_eq!(ex.blocks[3].text, "95% within 1 day");
        assert_eq!(ex.blocks[4].text, "After.");
    }

    #[test]
    fn plain_text_paragraphs_and_hyphenation() {
        let ex = read_plain(
            "Opdrachtnemer levert een voortgangs-\nrapportage.\n\nTweede alinea.",
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(ex.blocks.len(), 2);
        assert_eq!(
            ex.blocks[0].text,
            "Opdrachtnemer levert een voortgangsrapportage."
        );
    }

    fn md(text: &str) -> Vec<(BlockKind, String)> {
        read_markdown(text, &Limits::default())
            .unwrap()
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn markdown_edge_cases_keep_text() {
        // A "<table>" mentioned in a sentence does not swallow the rest of the document.
        let got = md("Gebruik een <table> voor de KPI's.\n\n# Eisen\n\nOpdrachtnemer rapporteert.");
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1].0, BlockKind::Heading { level: 1 });
        // Markdown line breaks are spaces, not hyphenation.
        assert_eq!(
            md("zorg-\nen welzijnsorganisaties")[0].1,
            "zorg- en welzijnsorganisaties"
        );
        // An unclosed link target keeps the text after it.
        let got = md("Zie [bijlage 3](bijlage3.pdf voor de KPI. Opdrachtnemer rapporteert.");
        assert!(got[0].1.contains("Opdrachtnemer rapporteert"), "{got:?}");
        // GFM tables without leading pipes.
        let got = md("KPI | Norm\n--- | ---\nResponstijd | 95%\n\nNa de tabel.");
        assert_eq!(
            got[2],
            (
                BlockKind::TableCell {
                    table: 0,
                    row: 1,
                    col: 0
                },
                "Responstijd".to_string()
            )
        );
        assert_eq!(got[4].1, "Na de tabel.");
    }

    #[test]
    fn limits_stop_runaway_text() {
        let limits = Limits {
            max_blocks: 100,
            ..Limits::default()
        };
        let err = read_markdown(&"x\n\n".repeat(1000), &limits).unwrap_err();
        assert_eq!(err.kind, ErrorKind::TooLarge);
        let err = read_plain(&"x\n\n".repeat(1000), &limits).unwrap_err();
        assert_eq!(err.kind, ErrorKind::TooLarge);
        let limits = Limits {
            max_chars: 10,
            ..Limits::default()
        };
        assert_eq!(
            read_plain("elf tekens!!", &limits).unwrap_err().kind,
            ErrorKind::TooLarge
        );
    }

    #[test]
    fn utf16_and_bom() {
        assert_eq!(decode(&[0xEF, 0xBB, 0xBF, b'h', b'i']).unwrap(), "hi");
        assert_eq!(decode(&[0xFF, 0xFE, b'h', 0, b'i', 0]).unwrap(), "hi");
        assert_eq!(decode(b"co\xf6rdinatie \x80 5").unwrap(), "coördinatie € 5");
    }

    /// The straightforward form of [`strip_inline`] (it looked 400 characters ahead at every bracket,
    /// quadratic in practice on bracket-heavy input): the linear one must give the same text.
    fn strip_inline_reference(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                }
                '*' | '`' => {}
                '_' if out.ends_with(|c: char| c.is_whitespace())
                    || out.is_empty()
                    || chars.peek().is_some_and(|c| c.is_whitespace() || *c == '_') => {}
                '!' if chars.peek() == Some(&'[') => {}
                ']' if chars.peek() == Some(&'(') && chars.clone().take(400).any(|c| c == ')') => {
                    let mut depth = 0;
                    for n in chars.by_ref() {
                        match n {
                            '(' => depth += 1,
                            ')' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                }
                '[' if chars.clone().take(400).collect::<String>().contains("](") => {}
                '<' => {
                    let rest: String = chars.clone().take(40).collect();
                    if rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
                        && rest.contains('>')
                    {
                        for n in chars.by_ref() {
                            if n == '>' {
                                break;
                            }
                        }
                        out.push(' ');
                    } else {
                        out.push('<');
                    }
                }
                c => out.push(c),
            }
        }
        out.replace("&nbsp;", " ")
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
    }

    #[test]
    fn linear_inline_stripping_matches_the_reference() {
        // A small deterministic generator over the characters that matter, in ASCII (where bytes and
        // characters coincide, as the look-ahead limits assume).
        let alphabet: Vec<char> = "ab _*`![]()<>/\\&;\n".chars().collect();
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for len in [0, 1, 5, 40, 300, 900, 2000] {
            for _ in 0..60 {
                let text: String = (0..len)
                    .map(|_| {
                        state = state
                            .wrapping_mul(6_364_136_223_846_793_005)
                            .wrapping_add(1_442_695_040_888_963_407);
                        alphabet[(state >> 33) as usize % alphabet.len()]
                    })
                    .collect();
                assert_eq!(
                    strip_inline(&text),
                    strip_inline_reference(&text),
                    "{text:?}"
                );
            }
        }
        for text in [
            "see [the plan](http://x/(y)) and ![logo](a.png)",
            "<b>bold</b> a < b, <!-- note -->",
            "snake_case _emph_ \\*star\\*",
        ] {
            assert_eq!(strip_inline(text), strip_inline_reference(text), "{text:?}");
        }
    }
}
