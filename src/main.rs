//! The `scrutin` command: options -> pipeline -> run -> exit code.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use scrutin::patterns::Patterns;
use scrutin::read::{self, Article};
use scrutin::{Pipeline, corpus, eval};

/// French press articles in, election facts out as JSON Lines.
#[derive(Parser)]
#[command(name = "scrutin", version, about)]
struct Cli {
    /// Folder of pattern files replacing the bundled ones of the same name.
    #[arg(long, global = true, value_name = "DIR")]
    patterns: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract election facts (the main job). With no path, reads the bundled corpus/.
    Extract {
        /// .txt files, .jsonl files, directories, or - for JSONL on stdin.
        paths: Vec<PathBuf>,
        /// Write records here instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Also write one `mentions` record per article.
        #[arg(long)]
        mentions: bool,
    },
    /// Print the sentences of each article as JSON Lines.
    Segment {
        /// Inputs, as for extract.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the figures of each article as JSON Lines.
    Numbers {
        /// Inputs, as for extract.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Score extraction against gold facts.
    Eval {
        /// A gold .jsonl file or a folder of them.
        #[arg(long, value_name = "DIR_OR_FILE")]
        gold: PathBuf,
        /// Articles to extract from (default: the bundled corpus/).
        paths: Vec<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("scrutin: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    if let Some(n) = cli.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| e.to_string())?;
    }
    let patterns = match &cli.patterns {
        Some(dir) => Patterns::with_dir(dir)?,
        None => Patterns::bundled(),
    };
    let pipeline = Pipeline::new(&patterns)?;
    match cli.command {
        Command::Extract {
            paths,
            output,
            mentions,
        } => extract(&pipeline, &inputs(paths), output, mentions),
        Command::Segment { paths } => per_article(&pipeline, &paths, |p, a, out| {
            for s in p.sentences(&a.text) {
                let row = serde_json::json!({"doc": a.id, "start": s.start, "end": s.end, "text": &a.text[s.start..s.end], "heading": s.heading});
                writeln!(out, "{row}")?;
            }
            Ok(())
        }),
        Command::Numbers { paths } => per_article(&pipeline, &paths, |p, a, out| {
            let (folded, figures) = p.figures(&a.text);
            for f in figures {
                let (start, end) = (folded.orig(f.start), folded.orig(f.end));
                let row = serde_json::json!({"doc": a.id, "start": start, "end": end, "text": &a.text[start..end],
                    "value": if f.negative { -f.value } else { f.value }, "unit": f.unit, "approx": f.approx, "cue": f.cue});
                writeln!(out, "{row}")?;
            }
            Ok(())
        }),
        Command::Eval { gold, paths, json } => {
            let gold = eval::load_gold(&gold).map_err(|e| format!("{e:#}"))?;
            let (system, summary) = corpus::extract_values(&pipeline, &inputs(paths), report_error)
                .map_err(|e| e.to_string())?;
            let report = eval::score(&gold, &system);
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
                );
            } else {
                print!("{report}");
            }
            Ok(exit_code(summary.failed))
        }
    }
}

/// The bundled corpus when no path is given.
fn inputs(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus"
        ))]
    } else {
        paths
    }
}

fn report_error(e: &read::DocError) {
    eprintln!("scrutin: {e}");
}

fn exit_code(failed: usize) -> ExitCode {
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn extract(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    output: Option<PathBuf>,
    mentions: bool,
) -> Result<ExitCode, String> {
    let sink: Box<dyn Write> = match &output {
        Some(path) => Box::new(File::create(path).map_err(|e| format!("{}: {e}", path.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 16, sink);
    let result = corpus::run(
        pipeline,
        read::documents(paths),
        |_, o| corpus::write_jsonl(&mut out, &o, mentions),
        report_error,
    );
    let summary = match result.and_then(|s| out.flush().map(|_| s)) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e.to_string()),
    };
    eprintln!(
        "scrutin: {} documents read, {} processed, {} failed; {} records written",
        summary.read, summary.processed, summary.failed, summary.records
    );
    Ok(exit_code(summary.failed))
}

fn per_article(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    mut each: impl FnMut(&Pipeline, &Article, &mut dyn Write) -> std::io::Result<()>,
) -> Result<ExitCode, String> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0;
    for doc in read::documents(paths) {
        match doc {
            Ok(a) => match each(pipeline, &a, &mut out) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    return Ok(ExitCode::SUCCESS);
                }
                r => r.map_err(|e| e.to_string())?,
            },
            Err(e) => {
                failed += 1;
                report_error(&e);
            }
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(exit_code(failed))
}
