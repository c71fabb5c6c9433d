//! `tenderlint init`: writes the commented starter configuration file.

use anyhow::{bail, Context, Result};
use clap::Args;
use std::path::PathBuf;
use tenderlint::config::{FILE_NAME, STARTER};

#[derive(Args)]
pub struct InitArgs {
    /// Where to write it
    #[arg(value_name = "FILE", default_value = FILE_NAME)]
    file: PathBuf,
    /// Overwrite an existing file
    #[arg(long)]
    force: bool,
}

pub fn run_init(a: InitArgs) -> Result<u8> {
    if a.file.exists() && !a.force {
        bail!(
            "{} already exists; use --force to overwrite it",
            a.file.display()
        );
    }
    std::fs::write(&a.file, STARTER)
        .with_context(|| format!("cannot write {}", a.file.display()))?;
    eprintln!(
        "tenderlint: wrote {}; every setting in it is explained in a comment",
        a.file.display()
    );
    Ok(0)
}
