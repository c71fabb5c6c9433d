//! Measures the PDF reader against poppler's `pdftotext` (a measuring stick only, never a runtime
//! dependency): word-level precision, recall and F1 (bag of lower-cased words) per file, then the median
//! and the worst files.
//!
//! ```text
//! cargo run --release --example pdf_fidelity                      # the pdf.js text-quality set
//! cargo run --release --example pdf_fidelity -- --files a.pdf b.pdf
//! cargo run --release --example pdf_fidelity -- --show a.pdf      # print the blocks read from one file
//! cargo run --release --example pdf_fidelity -- --speed a.pdf     # pages per second
//! cargo run --release --example pdf_fidelity -- --diff a.pdf      # words missing and extra
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use tenderlint::document::normalize_text;
use tenderlint::extract::{pdf, Deadline, Limits};

const SET: &str = "../shared/robustness/pdfjs-text-quality-set.txt";
const SET_DIR: &str = "../shared/robustness/pdfjs";

fn words(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for raw in normalize_text(text).split_whitespace() {
        let word = raw
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if !word.is_empty() {
            *bag.entry(word).or_insert(0) += 1;
        }
    }
    bag
}

struct Score {
    precision: f64,
    recall: f64,
    f1: f64,
}

fn score(ours: &HashMap<String, usize>, reference: &HashMap<String, usize>) -> Score {
    let ours_total: usize = ours.values().sum();
    let reference_total: usize = reference.values().sum();
    let common: usize = ours
        .iter()
        .map(|(w, n)| (*n).min(reference.get(w).copied().unwrap_or(0)))
        .sum();
    let precision = if ours_total == 0 {
        0.0
    } else {
        common as f64 / ours_total as f64
    };
    let recall = if reference_total == 0 {
        0.0
    } else {
        common as f64 / reference_total as f64
    };
    let f1 = if precision + recall == 0.0 {
        if ours_total == 0 && reference_total == 0 {
            1.0
        } else {
            0.0
        }
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Score {
        precision,
        recall,
        f1,
    }
}

fn pdftotext(path: &Path) -> String {
    match Command::new("pdftotext")
        .arg("-q")
        .arg(path)
        .arg("-")
        .output()
    {
        Ok(out) => String::from_utf8_lossy(&out.stdout).into_owned(),
        Err(e) => panic!("pdftotext is needed for the measurement: {e}"),
    }
}

fn our_text(path: &Path) -> Result<(String, u32), String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let limits = Limits::default();
    let extracted = pdf::read(&bytes, &limits, Deadline::after(limits.timeout))
        .map_err(|e| format!("{:?}: {}", e.kind, e.message))?;
    let text = extracted
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    Ok((text, extracted.pages.unwrap_or(0)))
}

fn show(path: &Path) {
    let bytes = std::fs::read(path).expect("readable file");
    let limits = Limits::default();
    match pdf::read(&bytes, &limits, Deadline::after(limits.timeout)) {
        Ok(extracted) => {
            println!("pages: {:?}", extracted.pages);
            for block in &extracted.blocks {
                println!(
                    "[p{} {:?}] {}",
                    block.page.unwrap_or(0),
                    block.kind,
                    block.text
                );
            }
        }
        Err(e) => println!("error {:?}: {}", e.kind, e.message),
    }
}

fn speed(path: &Path) {
    let bytes = std::fs::read(path).expect("readable file");
    let limits = Limits::default();
    let rounds = 5;
    let start = Instant::now();
    let mut pages = 0;
    for _ in 0..rounds {
        let extracted =
            pdf::read(&bytes, &limits, Deadline::after(limits.timeout)).expect("readable PDF");
        pages += extracted.pages.unwrap_or(0);
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{}: {pages} pages in {seconds:.3} s = {:.0} pages/s",
        path.display(),
        pages as f64 / seconds
    );
}

fn diff(path: &Path) {
    let reference = words(&pdftotext(path));
    let ours = match our_text(path) {
        Ok((text, _)) => words(&text),
        Err(e) => {
            println!("error: {e}");
            return;
        }
    };
    let mut missing: Vec<(usize, &String)> = reference
        .iter()
        .filter_map(|(w, n)| {
            n.checked_sub(ours.get(w).copied().unwrap_or(0))
                .filter(|d| *d > 0)
                .map(|d| (d, w))
        })
        .collect();
    let mut extra: Vec<(usize, &String)> = ours
        .iter()
        .filter_map(|(w, n)| {
            n.checked_sub(reference.get(w).copied().unwrap_or(0))
                .filter(|d| *d > 0)
                .map(|d| (d, w))
        })
        .collect();
    missing.sort_by(|a, b| b.cmp(a));
    extra.sort_by(|a, b| b.cmp(a));
    println!("missing: {:?}", missing.iter().take(40).collect::<Vec<_>>());
    println!("extra:   {:?}", extra.iter().take(40).collect::<Vec<_>>());
}

/// One line per file: name, outcome, and the characters per page of pdftotext's text.
fn outcomes(files: &[PathBuf]) {
    for path in files {
        let bytes = std::fs::read(path).expect("readable file");
        let limits = Limits::default();
        let (outcome, ours) = match pdf::read(&bytes, &limits, Deadline::after(limits.timeout)) {
            Ok(e) => {
                let chars: usize = e
                    .blocks
                    .iter()
                    .map(|b| b.text.chars().filter(|c| !c.is_whitespace()).count())
                    .sum();
                (format!("read:{}", e.pages.unwrap_or(0)), chars)
            }
            Err(e) => (e.kind.as_str().to_string(), 0),
        };
        let reference = pdftotext(path);
        let chars = reference.chars().filter(|c| !c.is_whitespace()).count();
        let pages = reference.matches('\u{c}').count().max(1);
        println!(
            "{}\t{outcome}\t{}\t{chars}\t{ours}",
            path.display(),
            chars / pages
        );
    }
}

fn measure(files: &[PathBuf]) {
    let mut rows = Vec::new();
    for path in files {
        let reference = words(&pdftotext(path));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match our_text(path) {
            Ok((text, _)) => {
                let s = score(&words(&text), &reference);
                rows.push((name, s, String::new()));
            }
            Err(e) => rows.push((
                name,
                Score {
                    precision: 0.0,
                    recall: 0.0,
                    f1: if reference.is_empty() { 1.0 } else { 0.0 },
                },
                e,
            )),
        }
    }
    rows.sort_by(|a, b| a.1.f1.total_cmp(&b.1.f1));
    println!("{:<45} {:>6} {:>6} {:>6}", "file", "P", "R", "F1");
    for (name, s, note) in &rows {
        println!(
            "{name:<45} {:>6.3} {:>6.3} {:>6.3} {note}",
            s.precision, s.recall, s.f1
        );
    }
    let mut f1s: Vec<f64> = rows.iter().map(|r| r.1.f1).collect();
    f1s.sort_by(f64::total_cmp);
    if f1s.is_empty() {
        return;
    }
    let median = if f1s.len() % 2 == 1 {
        f1s[f1s.len() / 2]
    } else {
        (f1s[f1s.len() / 2 - 1] + f1s[f1s.len() / 2]) / 2.0
    };
    let mean = f1s.iter().sum::<f64>() / f1s.len() as f64;
    println!(
        "files: {}  median F1: {median:.4}  mean F1: {mean:.4}  worst: {:.4}",
        f1s.len(),
        f1s[0]
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--show") => args[1..].iter().for_each(|f| show(Path::new(f))),
        Some("--speed") => args[1..].iter().for_each(|f| speed(Path::new(f))),
        Some("--diff") => args[1..].iter().for_each(|f| diff(Path::new(f))),
        Some("--outcomes") => outcomes(&args[1..].iter().map(PathBuf::from).collect::<Vec<_>>()),
        Some("--files") => measure(&args[1..].iter().map(PathBuf::from).collect::<Vec<_>>()),
        _ => {
            let list = std::fs::read_to_string(SET).expect("the text-quality set list");
            let files: Vec<PathBuf> = list
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|name| Path::new(SET_DIR).join(format!("{name}.pdf")))
                .collect();
            measure(&files);
        }
    }
}
