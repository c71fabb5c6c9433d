//! Prints the built-in pack's vocabulary as POSIX extended regular expressions, one a line, for the
//! `pdftotext | grep -E -i -f` pipeline that `bench/run.sh` compares tenderlint with.
//!
//! ```text
//! cargo run --release --example grep_vocabulary > vocabulary.ere
//! ```
//!
//! Every pattern of every lexicon and every rule's own patterns, Dutch, English and both-language lists (the
//! masks are left out: they only cancel matches), translated so that GNU grep accepts it and matches at least
//! what tenderlint matches: a word boundary `\b` on each side unless the pattern marks that side with `~`
//! (as tenderlint does); `(?:` becomes `(`; `(?-i:…)` case-sensitive groups become plain groups (grep -i
//! folds the whole line: a superset); lazy quantifiers become greedy (the same lines match); `\d` becomes
//! `[0-9]`; bracket expressions are rewritten for POSIX (see [`brackets`]). Duplicates are printed once.

use std::collections::BTreeSet;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut files: Vec<_> = std::fs::read_dir("rules")?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut patterns = BTreeSet::new();
    for f in files {
        let pack: toml::Table = toml::from_str(&std::fs::read_to_string(&f)?)?;
        if let Some(lexicons) = pack.get("lexicon").and_then(|l| l.as_table()) {
            for lexicon in lexicons.values() {
                collect(lexicon, &mut patterns);
            }
        }
        for rule in pack
            .get("rule")
            .and_then(|r| r.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(own) = rule.get("patterns") {
                collect(own, &mut patterns);
            }
        }
    }
    for p in patterns {
        println!("{}", to_ere(&p));
    }
    Ok(())
}

/// The `nl`, `en` and `any` pattern lists of a lexicon (or of a rule's own patterns).
fn collect(table: &toml::Value, out: &mut BTreeSet<String>) {
    for key in ["nl", "en", "any"] {
        for p in table
            .get(key)
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(s) = p.as_str() {
                out.insert(s.to_string());
            }
        }
    }
}

fn to_ere(pattern: &str) -> String {
    let (left, body, right) = tenderlint::rules::pattern_parts(pattern);
    let body = body
        .replace("(?:", "(")
        .replace("(?-i:", "(")
        .replace("}?", "}")
        .replace("+?", "+")
        .replace("*?", "*");
    format!("{left}({}){right}", brackets(&body))
}

/// Rewrites escapes and bracket expressions for POSIX: `\d` becomes `0-9` (`[0-9]` outside brackets); inside
/// brackets, where a backslash is literal, `\X` becomes `X` and `\-` a trailing `-`, and ranges with a
/// non-ASCII end are spelled out (glibc's C.UTF-8 rejects them as "invalid collation character").
fn brackets(body: &str) -> String {
    let chars: Vec<char> = body.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' if chars.get(i + 1) == Some(&'d') => {
                out.push_str("[0-9]");
                i += 2;
            }
            '\\' => {
                out.extend(chars.get(i..i + 2).into_iter().flatten());
                i += 2;
            }
            '[' => {
                i += 1;
                let mut set = String::from("[");
                if chars.get(i) == Some(&'^') {
                    set.push('^');
                    i += 1;
                }
                let mut dash = false;
                let mut first = true;
                while i < chars.len() && (chars[i] != ']' || first) {
                    first = false;
                    let c = match chars[i] {
                        '\\' if chars.get(i + 1) == Some(&'d') => {
                            set.push_str("0-9");
                            i += 2;
                            continue;
                        }
                        '\\' if chars.get(i + 1) == Some(&'-') => {
                            dash = true;
                            i += 2;
                            continue;
                        }
                        '\\' => {
                            i += 1;
                            chars.get(i).copied().unwrap_or('\\')
                        }
                        c => c,
                    };
                    i += 1;
                    let end = (chars.get(i) == Some(&'-')
                        && chars.get(i + 1).is_some_and(|&e| e != ']'))
                    .then(|| chars[i + 1]);
                    match end {
                        Some(e) if !c.is_ascii() || !e.is_ascii() => {
                            set.extend((c..=e).filter(|x| *x != '-' && *x != ']'));
                            i += 2;
                        }
                        Some(e) => {
                            set.extend([c, '-', e]);
                            i += 2;
                        }
                        None => set.push(c),
                    }
                }
                if dash {
                    set.push('-');
                }
                set.push(']');
                out.push_str(&set);
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}
