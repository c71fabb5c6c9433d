//! A spool for formats whose header needs totals known only at the end (JUnit's counts, Markdown's
//! overview table): the body is written to an anonymous temporary file as documents arrive, then copied
//! after the header, so memory does not grow with the number of documents.

use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};

/// Where a body waits until its header can be written.
pub(crate) enum Spool {
    /// An anonymous temporary file (removed by the system when closed).
    File(BufWriter<File>),
    /// When no temporary file can be made (no writable temporary directory): memory.
    Memory(Vec<u8>),
}

impl Spool {
    pub(crate) fn new() -> Spool {
        match tempfile::tempfile() {
            Ok(f) => Spool::File(BufWriter::new(f)),
            Err(_) => Spool::Memory(Vec::new()),
        }
    }

    /// Copies everything written so far to `out` and empties the spool.
    pub(crate) fn copy_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.copy_from(0, out)
    }

    /// Copies everything written so far from byte `start` on to `out`, and empties the spool.
    pub(crate) fn copy_from(&mut self, start: u64, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Spool::File(w) => {
                w.flush()?;
                let f = w.get_mut();
                f.seek(SeekFrom::Start(start))?;
                io::copy(f, out)?;
                f.set_len(0)?;
                f.seek(SeekFrom::Start(0))?;
                Ok(())
            }
            Spool::Memory(v) => {
                let start = usize::try_from(start).unwrap_or(usize::MAX).min(v.len());
                out.write_all(&v[start..])?;
                v.clear();
                Ok(())
            }
        }
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Spool::File(w) => w.write(buf),
            Spool::Memory(v) => v.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Spool::File(w) => w.flush(),
            Spool::Memory(v) => v.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_spooled_comes_back_in_order_once() {
        for mut spool in [Spool::new(), Spool::Memory(Vec::new())] {
            spool.write_all(b"first ").unwrap();
            spool.write_all(b"second").unwrap();
            let mut out = b"header ".to_vec();
            spool.copy_to(&mut out).unwrap();
            assert_eq!(out, b"header first second");
            spool.write_all(b"skip this").unwrap();
            let mut tail = Vec::new();
            spool.copy_from(5, &mut tail).unwrap();
            assert_eq!(tail, b"this");
            let mut again = Vec::new();
            spool.copy_to(&mut again).unwrap();
            assert!(again.is_empty());
        }
    }
}
