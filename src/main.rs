//! The tenderlint command line: parses arguments, calls the library, prints, and sets the exit code
//! (0 clean, 1 findings at or above --fail-on, 2 unreadable input or invalid command line / rule pack).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let _ = cli::print_error(&e);
            ExitCode::from(2)
        }
    }
}
