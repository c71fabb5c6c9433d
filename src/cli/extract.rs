//! `tenderlint extract`: the text tenderlint reads from one document, as lines or JSON blocks.

use super::settings::{ConfigFileArgs, LimitArgs};
use super::{write_stdout, LangArg};
use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use tenderlint::check::{self, CheckOptions};
use tenderlint::document::BlockKind;

#[derive(Args)]
pub struct ExtractArgs {
    /// The document to read
    file: PathBuf,
    /// text: one block per line with page breaks marked; json: blocks with locations
    #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
    format: ExtractFormat,
    /// Language (only affects the reported language) [default: auto, or `lang` of tenderlint.toml]
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    #[command(flatten)]
    config: ConfigFileArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Text,
    Json,
}

pub fn run_extract(a: ExtractArgs) -> Result<u8> {
    let config = a.config.load()?;
    let options = CheckOptions {
        language: super::settings::language(a.lang, config.as_ref()),
        limits: a.limits.merged(config.as_ref()),
        ..CheckOptions::default()
    };
    let doc = match check::read_document(&a.file, &options) {
        Ok(d) => d,
        Err((_, e)) => bail!(
            "{}: cannot read ({}): {}",
            a.file.display(),
            e.kind.as_str(),
            e.message
        ),
    };
    let mut out = Vec::new();
    match a.format {
        ExtractFormat::Text => {
            let mut page = None;
            for b in &doc.blocks {
                if b.location.page != page {
                    if let Some(p) = b.location.page {
                        writeln!(out, "--- page {p} ---")?;
                    }
                    page = b.location.page;
                }
                let tag = match b.kind {
                    BlockKind::Heading { level } => format!("{} ", "#".repeat(level as usize)),
                    BlockKind::ListItem { level } => {
                        format!("{}- ", "  ".repeat(level.saturating_sub(1) as usize))
                    }
                    BlockKind::TableCell { row, col, .. } => format!("[table r{row} c{col}] "),
                    BlockKind::Note => "[note] ".into(),
                    BlockKind::HeaderFooter => "[header/footer] ".into(),
                    BlockKind::Paragraph => String::new(),
                };
                writeln!(out, "{tag}{}", b.text)?;
            }
        }
        ExtractFormat::Json => {
            let blocks: Vec<serde_json::Value> = doc
                .blocks
                .iter()
                .map(|b| {
                    let extra = match b.kind {
                        BlockKind::Heading { level } | BlockKind::ListItem { level } => {
                            serde_json::json!({ "level": level })
                        }
                        BlockKind::TableCell { table, row, col } => {
                            serde_json::json!({ "table": table, "row": row, "col": col })
                        }
                        _ => serde_json::json!({}),
                    };
                    let kind = b.kind.name();
                    let mut v =
                        serde_json::json!({ "kind": kind, "text": b.text, "location": b.location });
                    if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
                        o.extend(e.clone());
                    }
                    v
                })
                .collect();
            let v = serde_json::json!({
                "path": a.file.display().to_string(),
                "format": doc.format.as_str(),
                "language": doc.language.as_str(),
                "pages": doc.pages,
                "blocks": blocks,
            });
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
    }
    write_stdout(&out)?;
    Ok(0)
}
