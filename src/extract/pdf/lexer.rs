//! Tokenizer for PDF content streams and CMaps: numbers, strings, names, brackets and operators.
//!
//! It never fails: malformed bytes become the nearest sensible token or are skipped, and every token
//! is bounded by the input it was cut from. It knows nothing of what operators mean.

/// One token of a content stream or CMap.
#[derive(Debug, Clone, PartialEq)]
pub enum Token<'a> {
    Number(f64),
    /// A literal `( … )` or hex `< … >` string, decoded to its bytes.
    String(Vec<u8>),
    /// A name without its slash, `#xx` escapes undone.
    Name(Vec<u8>),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
    /// An operator or keyword (`Tj`, `BT`, `true`, `begincodespacerange`, …).
    Operator(&'a [u8]),
}

/// An operand of a content-stream operator, or a value inside a CMap.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Number(f64),
    String(Vec<u8>),
    Name(Vec<u8>),
    Array(Vec<Operand>),
    Dict(Vec<(Vec<u8>, Operand)>),
    /// `true`, `false`, `null`, or a token that has no meaning as a value.
    Other,
}

/// An operand or an operator, as read from a content stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Item<'a> {
    Operand(Operand),
    Operator(&'a [u8]),
}

/// Deepest nesting of arrays and dictionaries read as operands; deeper brackets are read flat.
const MAX_NESTING: usize = 32;
/// Most elements kept in one array or dictionary operand; further elements are read and dropped.
const MAX_ELEMENTS: usize = 1 << 16;

fn is_value_keyword(op: &[u8]) -> bool {
    matches!(op, b"true" | b"false" | b"null")
}

/// Reads tokens from a byte slice.
pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

fn is_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_whitespace(b) && !is_delimiter(b)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn skip_whitespace_and_comments(&mut self) {
        while let Some(b) = self.peek() {
            if is_whitespace(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, or `None` at the end of the input.
    pub fn next_token(&mut self) -> Option<Token<'a>> {
        loop {
            self.skip_whitespace_and_comments();
            let b = self.peek()?;
            match b {
                b'(' => {
                    self.pos += 1;
                    return Some(Token::String(self.literal_string()));
                }
                b'<' => {
                    if self.data.get(self.pos + 1) == Some(&b'<') {
                        self.pos += 2;
                        return Some(Token::DictStart);
                    }
                    self.pos += 1;
                    return Some(Token::String(self.hex_string()));
                }
                b'>' => {
                    if self.data.get(self.pos + 1) == Some(&b'>') {
                        self.pos += 2;
                        return Some(Token::DictEnd);
                    }
                    // A stray '>' carries no meaning: skip it.
                    self.pos += 1;
                }
                b'[' => {
                    self.pos += 1;
                    return Some(Token::ArrayStart);
                }
                b']' => {
                    self.pos += 1;
                    return Some(Token::ArrayEnd);
                }
                b'{' | b'}' => {
                    let start = self.pos;
                    self.pos += 1;
                    return Some(Token::Operator(&self.data[start..self.pos]));
                }
                b')' => {
                    // Unbalanced closing parenthesis: skip.
                    self.pos += 1;
                }
                b'/' => {
                    self.pos += 1;
                    return Some(Token::Name(self.name()));
                }
                b'+' | b'-' | b'.' | b'0'..=b'9' => {
                    if let Some(number) = self.number() {
                        return Some(Token::Number(number));
                    }
                    return Some(self.keyword());
                }
                _ => return Some(self.keyword()),
            }
        }
    }

    /// The next operand or operator, with arrays and dictionaries read whole.
    pub fn next_item(&mut self) -> Option<Item<'a>> {
        let token = self.next_token()?;
        Some(match token {
            Token::Operator(op) if !is_value_keyword(op) => Item::Operator(op),
            other => Item::Operand(self.operand_from(other, 0)),
        })
    }

    fn operand_from(&mut self, token: Token<'a>, depth: usize) -> Operand {
        match token {
            Token::Number(n) => Operand::Number(n),
            Token::String(s) => Operand::String(s),
            Token::Name(n) => Operand::Name(n),
            Token::ArrayStart if depth < MAX_NESTING => self.array(depth + 1),
            Token::DictStart if depth < MAX_NESTING => self.dict(depth + 1),
            _ => Operand::Other,
        }
    }

    /// Reads the next token unless it is an operator that ends an unterminated array or dictionary.
    /// Text-state operators found inside an array (`[(a) 0 Tc -250 (b)] TJ`) are skipped, as viewers do.
    fn next_value_token(&mut self) -> Option<Token<'a>> {
        loop {
            let save = self.pos;
            let token = self.next_token()?;
            if let Token::Operator(op) = token {
                if matches!(op, b"Tc" | b"Tw" | b"Tz" | b"TL" | b"Ts" | b"Tr") {
                    continue;
                }
                if !is_value_keyword(op) {
                    self.pos = save;
                    return None;
                }
            }
            return Some(token);
        }
    }

    fn array(&mut self, depth: usize) -> Operand {
        let mut items = Vec::new();
        while let Some(token) = self.next_value_token() {
            if token == Token::ArrayEnd {
                break;
            }
            let value = self.operand_from(token, depth);
            if items.len() < MAX_ELEMENTS {
                items.push(value);
            }
        }
        Operand::Array(items)
    }

    fn dict(&mut self, depth: usize) -> Operand {
        let mut entries = Vec::new();
        while let Some(token) = self.next_value_token() {
            match token {
                Token::DictEnd => break,
                Token::Name(key) => {
                    let Some(value) = self.next_value_token() else {
                        break;
                    };
                    if value == Token::DictEnd {
                        break;
                    }
                    let value = self.operand_from(value, depth);
                    if entries.len() < MAX_ELEMENTS {
                        entries.push((key, value));
                    }
                }
                _ => {}
            }
        }
        Operand::Dict(entries)
    }

    fn keyword(&mut self) -> Token<'a> {
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        if self.pos == start {
            // Cannot happen for the callers' bytes, but never loop forever.
            self.pos += 1;
        }
        Token::Operator(&self.data[start..self.pos])
    }

    /// Parses a number leniently (`--5`, `1.2.3` and `5-` read as far as they make sense). `None` when the
    /// token is not a number at all, which the caller then reads as a keyword.
    fn number(&mut self) -> Option<f64> {
        let start = self.pos;
        let mut end = start;
        while self.data.get(end).is_some_and(|&b| is_regular(b)) {
            end += 1;
        }
        let token = &self.data[start..end];
        let mut negative = false;
        let mut i = 0;
        while let Some(&b) = token.get(i) {
            match b {
                b'-' => negative = !negative,
                b'+' => {}
                _ => break,
            }
            i += 1;
        }
        let mut value = 0f64;
        let mut digits = 0usize;
        while let Some(&b) = token.get(i) {
            if !b.is_ascii_digit() {
                break;
            }
            value = value * 10.0 + f64::from(b - b'0');
            digits += 1;
            i += 1;
        }
        if token.get(i) == Some(&b'.') {
            i += 1;
            let mut scale = 0.1;
            while let Some(&b) = token.get(i) {
                if !b.is_ascii_digit() {
                    break;
                }
                value += f64::from(b - b'0') * scale;
                scale *= 0.1;
                digits += 1;
                i += 1;
            }
        }
        if digits == 0 {
            // "-" or "." alone, or a keyword that happens to start with a sign.
            if token.iter().all(|&b| matches!(b, b'+' | b'-' | b'.')) {
                self.pos = end;
                return Some(0.0);
            }
            return None;
        }
        // Trailing junk after a number ("12.5.3", "5-") is consumed with it.
        if token[i..].iter().any(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        self.pos = end;
        if !value.is_finite() {
            value = 0.0;
        }
        Some(if negative { -value } else { value })
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            if !is_regular(b) {
                break;
            }
            if b == b'#' {
                let high = self.data.get(self.pos + 1).copied().and_then(hex_value);
                let low = self.data.get(self.pos + 2).copied().and_then(hex_value);
                if let (Some(h), Some(l)) = (high, low) {
                    out.push(h << 4 | l);
                    self.pos += 3;
                    continue;
                }
            }
            out.push(b);
            self.pos += 1;
        }
        out
    }

    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 1u32;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => {
                    depth = depth.saturating_add(1);
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return out;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(0x08),
                        b'f' => out.push(0x0c),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut value = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        value = value * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((value & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(v) = hex_value(b) {
                match high.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => high = Some(v),
                }
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// Skips the binary data of an inline image, just after its `ID` operator, up to and including `EI`.
    /// `length` is the data length the image dictionary declares, if any.
    pub fn skip_inline_image(&mut self, length: Option<usize>) {
        // One whitespace byte separates ID from the data.
        if self.peek().is_some_and(is_whitespace) {
            self.pos += 1;
        }
        if let Some(length) = length {
            let end = self.pos.saturating_add(length).min(self.data.len());
            let mut probe = end;
            while self.data.get(probe).is_some_and(|&b| is_whitespace(b)) {
                probe += 1;
            }
            if self.data.get(probe..probe + 2) == Some(b"EI") && self.ends_token(probe + 2) {
                self.pos = probe + 2;
                return;
            }
        }
        // Search for "EI" between whitespace (or the end of the data).
        let mut i = self.pos;
        while i + 1 < self.data.len() {
            if self.data[i] == b'E'
                && self.data[i + 1] == b'I'
                && (i == self.pos || is_whitespace(self.data[i - 1]))
                && self.ends_token(i + 2)
            {
                self.pos = i + 2;
                return;
            }
            i += 1;
        }
        self.pos = self.data.len();
    }

    fn ends_token(&self, at: usize) -> bool {
        match self.data.get(at) {
            None => true,
            Some(&b) => is_whitespace(b) || is_delimiter(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(data: &[u8]) -> Vec<Token<'_>> {
        let mut lexer = Lexer::new(data);
        let mut out = Vec::new();
        while let Some(t) = lexer.next_token() {
            out.push(t);
        }
        out
    }

    #[test]
    fn reads_operands_and_operators() {
        let t = tokens(b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm (a\\(b\\)c\\101) Tj <48 65 6c6> Tj ET % comment\n[1 (x)] TJ");
        assert_eq!(t[0], Token::Operator(b"BT"));
        assert_eq!(t[1], Token::Name(b"F1".to_vec()));
        assert_eq!(t[2], Token::Number(12.0));
        assert_eq!(t[8], Token::Number(72.5));
        assert_eq!(t[9], Token::Number(-0.5));
        assert_eq!(t[11], Token::String(b"a(b)cA".to_vec()));
        assert_eq!(t[13], Token::String(b"Hel`".to_vec()));
        assert_eq!(t[15], Token::Operator(b"ET"));
        assert_eq!(t[16], Token::ArrayStart);
        assert_eq!(t[19], Token::ArrayEnd);
        assert_eq!(t[20], Token::Operator(b"TJ"));
    }

    #[test]
    fn tolerates_malformed_numbers_and_names() {
        let t = tokens(b"--5 1.2.3 - /A#20B ' \" )");
        assert_eq!(t[0], Token::Number(5.0));
        assert_eq!(t[1], Token::Number(1.2));
        assert_eq!(t[2], Token::Number(0.0));
        assert_eq!(t[3], Token::Name(b"A B".to_vec()));
        assert_eq!(t[4], Token::Operator(b"'"));
        assert_eq!(t[5], Token::Operator(b"\""));
        assert_eq!(t.len(), 6);
    }

    #[test]
    fn unterminated_string_ends_at_input_end() {
        assert_eq!(tokens(b"(abc"), vec![Token::String(b"abc".to_vec())]);
        assert_eq!(tokens(b"<4142"), vec![Token::String(b"AB".to_vec())]);
    }

    #[test]
    fn reads_nested_operands_and_stops_unterminated_arrays_at_operators() {
        let mut lexer =
            Lexer::new(b"[(a) -120 0 Tc (b)] TJ /P <</MCID 3 /Alt (x)>> BDC [1 2 Tj true");
        assert_eq!(
            lexer.next_item(),
            Some(Item::Operand(Operand::Array(vec![
                Operand::String(b"a".to_vec()),
                Operand::Number(-120.0),
                Operand::Number(0.0),
                Operand::String(b"b".to_vec())
            ])))
        );
        assert_eq!(lexer.next_item(), Some(Item::Operator(b"TJ")));
        assert_eq!(
            lexer.next_item(),
            Some(Item::Operand(Operand::Name(b"P".to_vec())))
        );
        assert_eq!(
            lexer.next_item(),
            Some(Item::Operand(Operand::Dict(vec![
                (b"MCID".to_vec(), Operand::Number(3.0)),
                (b"Alt".to_vec(), Operand::String(b"x".to_vec()))
            ])))
        );
        assert_eq!(lexer.next_item(), Some(Item::Operator(b"BDC")));
        assert_eq!(
            lexer.next_item(),
            Some(Item::Operand(Operand::Array(vec![
                Operand::Number(1.0),
                Operand::Number(2.0)
            ])))
        );
        assert_eq!(lexer.next_item(), Some(Item::Operator(b"Tj")));
        assert_eq!(lexer.next_item(), Some(Item::Operand(Operand::Other)));
        assert_eq!(lexer.next_item(), None);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let data = vec![b'['; 100_000];
        let mut lexer = Lexer::new(&data);
        let mut count = 0;
        while lexer.next_item().is_some() {
            count += 1;
        }
        assert!(count >= 1);
    }

    #[test]
    fn skips_inline_image_data() {
        let data = b"BI /W 2 /H 2 ID \x00EI\xffE EI Q";
        let mut lexer = Lexer::new(data);
        while let Some(t) = lexer.next_token() {
            if t == Token::Operator(b"ID") {
                lexer.skip_inline_image(None);
                break;
            }
        }
        assert_eq!(lexer.next_token(), Some(Token::Operator(b"Q")));
    }
}
