//! The `scrutin` command: options -> pipeline -> run -> exit code.

use std::cell::Cell;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use clap::{Parser, Subcommand};
use scrutin::patterns::Patterns;
use scrutin::read::{self, Article};
use scrutin::{Pipeline, check, corpus, coverage, eval, record};

// The pipeline makes many small short-lived allocations per article (names,
// records, JSON values); mimalloc serves them from per-thread pages, where
// the system allocator spends a sixth of the run (measured with `perf`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Decode every input with this encoding (utf-8, windows-1252, latin1...)
    /// instead of detecting it.
    #[arg(long, global = true, value_name = "NAME", value_parser = parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,
    /// Largest document read, in bytes once decompressed; larger ones fail.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = read::MAX_SIZE)]
    max_size: usize,
    /// Tell, for each document, how it was decoded.
    #[arg(long, short, global = true)]
    verbose: bool,
    /// No progress bar (there is none either when stderr is not a terminal,
    /// or with --verbose).
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract election facts (the main job). With no path, reads the bundled corpus/.
    Extract {
        /// .txt, .html, .jsonl, .warc files (each possibly .gz), directories, or - for JSONL on stdin.
        paths: Vec<PathBuf>,
        /// Write records here instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Also write one `mentions` record per article.
        #[arg(long)]
        mentions: bool,
        /// Write the closing counts here as JSON.
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
        /// Records as JSON Lines, or as CSV rows, one per fact, with a header.
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// Write each failed document (origin, id, reason) here as JSON Lines.
        #[arg(long, value_name = "FILE")]
        errors: Option<PathBuf>,
        /// Also write each failed document among the records, in input
        /// order, as a JSON line with `"kind": "error"`.
        #[arg(long)]
        errors_inline: bool,
    },
    /// Print each article read as a JSON line (`id`, `date`, `text`, and
    /// `meta`'s fields: a web page's `uri` and `site`), the input of
    /// `extract -`: web archives and folders turned into JSON Lines.
    Articles {
        /// Inputs, as for extract.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the sentences of each article as JSON Lines.
    Segment {
        /// Inputs, as for extract.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Show, sentence by sentence, the names, the figures and the links
    /// made or refused, and why.
    Explain {
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
    /// Count, per place, competitor, election, month and source, the
    /// articles and facts of an archive, and list the places it gives no
    /// figure for.
    Coverage {
        /// Articles, as for extract (default: the bundled corpus/).
        paths: Vec<PathBuf>,
        /// Read records written by `extract --mentions` instead of articles.
        #[arg(long, value_name = "FILE", conflicts_with = "paths")]
        records: Option<PathBuf>,
        /// Write the tables here as one JSON object.
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
        /// Write one CSV file per table into this folder.
        #[arg(long, value_name = "DIR")]
        csv: Option<PathBuf>,
        /// Write a self-contained HTML page here: a map of the
        /// départements, a timeline and the tables.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
    /// List the département-level presidential figures that differ from
    /// official results by more than their rounding.
    Check {
        /// Official results (tab-separated; see README, Cross-checks).
        #[arg(long, value_name = "FILE")]
        official: PathBuf,
        /// Articles, as for extract (default: the bundled corpus/).
        paths: Vec<PathBuf>,
        /// Read records written by `extract` instead of articles.
        #[arg(long, value_name = "FILE", conflicts_with = "paths")]
        records: Option<PathBuf>,
        /// Also write each difference here as JSON Lines.
        #[arg(long, value_name = "FILE")]
        jsonl: Option<PathBuf>,
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

/// How `extract` writes records.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// One JSON record per line.
    Jsonl,
    /// One flat row per fact (mentions records are not rows).
    Csv,
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

fn parse_encoding(name: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(name.as_bytes())
        .ok_or_else(|| format!("unknown encoding `{name}` (try utf-8, windows-1252, latin1)"))
}

/// Bytes read from the inputs so far, for the progress bar.
static BYTES_READ: AtomicU64 = AtomicU64::new(0);

/// A progress bar on stderr for `extract` and `coverage`: documents, bytes,
/// rate and, when the size of the input is known up front (files, not
/// stdin), time left. Does nothing when the input does not count its bytes.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    docs: Cell<u64>,
}

impl Progress {
    fn new(input: &Input) -> Progress {
        let bar = input.options.bytes_read.map(|_| {
            let stdin = input.paths.iter().any(|p| p.as_os_str() == "-");
            let total = (!stdin).then(|| {
                read::Walk::new(&input.paths)
                    .filter_map(Result::ok)
                    .filter_map(|p| p.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            });
            Progress::bar(total, "0 documents")
        });
        Progress {
            bar,
            docs: Cell::new(0),
        }
    }

    /// A bar of `total` bytes, or a spinner when the total is not known.
    fn bar(total: Option<u64>, message: &'static str) -> indicatif::ProgressBar {
        let (bar, template) = match total {
            Some(total) => (
                indicatif::ProgressBar::new(total),
                "{wide_bar} {decimal_bytes}/{decimal_total_bytes}, {msg}, {decimal_bytes_per_sec}, {eta} left",
            ),
            None => (
                indicatif::ProgressBar::new_spinner(),
                "{spinner} {decimal_bytes} read, {msg}, {decimal_bytes_per_sec}, {elapsed}",
            ),
        };
        bar.set_style(indicatif::ProgressStyle::with_template(template).expect("a valid template"));
        bar.set_message(message);
        // Redrawn while a batch is processed, not only between batches.
        bar.enable_steady_tick(std::time::Duration::from_millis(250));
        bar
    }

    /// One more document done.
    fn doc(&self) {
        if let Some(bar) = &self.bar {
            self.docs.set(self.docs.get() + 1);
            bar.set_position(BYTES_READ.load(Ordering::Relaxed));
            bar.set_message(format!("{} documents", self.docs.get()));
        }
    }

    /// A problem told on stderr above the bar; a document done unless it
    /// is only a warning.
    fn problem(&self, e: &read::DocError) {
        match &self.bar {
            Some(bar) => bar.suspend(|| report_error(e)),
            None => report_error(e),
        }
        if e.reason.severity() != read::Severity::Warning {
            self.doc();
        }
    }

    fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

/// How documents are read and reported, from the global options.
#[derive(Clone)]
struct Input {
    paths: Vec<PathBuf>,
    options: read::ReadOptions,
    verbose: bool,
}

impl Input {
    /// The documents, each told about on stderr when verbose.
    fn documents(&self) -> impl Iterator<Item = Result<read::Doc, read::DocError>> + use<> {
        let verbose = self.verbose;
        read::documents_with(&self.paths, self.options).inspect(move |d| {
            if let (true, Ok(d)) = (verbose, d) {
                let html = if d.html {
                    ", markup reduced to text"
                } else {
                    ""
                };
                eprintln!("scrutin: {}: {}{html}", d.origin, d.decoding);
            }
        })
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
    let mentions = matches!(
        cli.command,
        Command::Extract { mentions: true, .. } | Command::Eval { .. } | Command::Coverage { .. }
    );
    // Left for the operating system to free at exit: dropping the
    // gazetteers' hundred thousand small allocations would cost a short run
    // a sixth of its time.
    let pipeline: &Pipeline =
        Box::leak(Box::new(Pipeline::new(&patterns)?.with_mentions(mentions)));
    // Per-document lines from --verbose would break a bar.
    let progress = !cli.quiet && !cli.verbose && std::io::stderr().is_terminal();
    let input = |paths: Vec<PathBuf>| Input {
        paths: inputs(paths),
        options: read::ReadOptions {
            encoding: cli.encoding,
            max_size: cli.max_size,
            bytes_read: progress.then_some(&BYTES_READ),
        },
        verbose: cli.verbose,
    };
    match cli.command {
        Command::Extract {
            paths,
            output,
            report,
            errors,
            errors_inline,
            format,
            ..
        } => extract(
            pipeline,
            &input(paths),
            Outputs {
                records: output,
                report,
                errors,
                errors_inline,
                format,
            },
        ),
        Command::Articles { paths } => per_article(pipeline, &input(paths), |_, a, out| {
            writeln!(out, "{}", a.to_json()).map(|()| 1)
        }),
        Command::Segment { paths } => per_article(pipeline, &input(paths), |p, a, out| {
            let sentences = p.sentences(&a.text);
            for s in &sentences {
                let row = serde_json::json!({"doc": a.id, "start": s.start, "end": s.end, "text": &a.text[s.start..s.end], "heading": s.heading});
                writeln!(out, "{row}")?;
            }
            Ok(sentences.len())
        }),
        Command::Explain { paths } => per_article(pipeline, &input(paths), |p, a, out| {
            let text = p.explain(a);
            write!(out, "== {}\n{text}", a.id)?;
            Ok(1 + text.lines().count())
        }),
        Command::Numbers { paths } => per_article(pipeline, &input(paths), |p, a, out| {
            let (folded, figures) = p.figures(&a.text);
            for f in &figures {
                let (start, end) = (folded.orig(f.start), folded.orig(f.end));
                let row = serde_json::json!({"doc": a.id, "start": start, "end": end, "text": &a.text[start..end],
                    "value": if f.negative { -f.value } else { f.value }, "unit": f.unit, "approx": f.approx, "cue": f.cue});
                writeln!(out, "{row}")?;
            }
            Ok(figures.len())
        }),
        Command::Coverage {
            paths,
            records,
            json,
            csv,
            html,
        } => coverage(
            pipeline,
            &input(paths),
            records.as_deref(),
            Tables { json, csv, html },
            patterns.get("departements.svgpaths.tsv"),
        ),
        Command::Check {
            official,
            paths,
            records,
            jsonl,
        } => check(
            pipeline,
            &input(paths),
            &official,
            records.as_deref(),
            jsonl,
        ),
        Command::Eval { gold, paths, json } => {
            let gold = eval::load_gold(&gold).map_err(|e| format!("{e:#}"))?;
            let (system, summary) =
                corpus::values_of(pipeline, input(paths).documents(), report_error)
                    .map_err(|e| e.to_string())?;
            let report = eval::score(&gold, &system);
            let text = if json {
                serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n"
            } else {
                report.to_string()
            };
            match std::io::stdout().lock().write_all(text.as_bytes()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.to_string()),
                _ => {}
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

/// Where `extract` writes, besides stderr.
struct Outputs {
    records: Option<PathBuf>,
    report: Option<PathBuf>,
    errors: Option<PathBuf>,
    /// Failed documents also among the records.
    errors_inline: bool,
    format: Format,
}

/// A file written under a temporary name in its final directory and
/// renamed over the final name only once complete, so that an interrupted
/// run never leaves a file that looks finished.
struct AtomicFile {
    path: PathBuf,
    temp: BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    fn create(path: &Path) -> Result<AtomicFile, String> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".scrutin-")
            .suffix(".part")
            .tempfile_in(dir)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            temp: BufWriter::with_capacity(1 << 16, temp),
        })
    }

    fn commit(self) -> Result<(), String> {
        let fail = |e: &dyn std::fmt::Display| format!("{}: {e}", self.path.display());
        let temp = self.temp.into_inner().map_err(|e| fail(e.error()))?;
        temp.as_file().sync_all().map_err(|e| fail(&e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::Permissions::from_mode(0o644);
            std::fs::set_permissions(temp.path(), mode).map_err(|e| fail(&e))?;
        }
        temp.persist(&self.path).map_err(|e| fail(&e.error))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.temp.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.flush()
    }
}

/// A failed document as a JSON line.
fn error_row(e: &read::DocError, inline: bool) -> serde_json::Value {
    let mut row = serde_json::json!({"origin": e.origin, "id": e.id, "reason": e.reason.key(), "message": e.message});
    if inline {
        row["kind"] = "error".into();
    }
    row
}

fn extract(pipeline: &Pipeline, input: &Input, outputs: Outputs) -> Result<ExitCode, String> {
    let create = |p: &Option<PathBuf>| p.as_deref().map(AtomicFile::create).transpose();
    let (mut file, mut errors) = (create(&outputs.records)?, create(&outputs.errors)?);
    let mut stdout = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    // Shared by the records, the errors written among them and the flush
    // between batches.
    let out: std::cell::RefCell<&mut dyn Write> = std::cell::RefCell::new(match &mut file {
        Some(f) => f,
        None => &mut stdout,
    });
    let mut errors_result = Ok(());
    let mut inline_result = Ok(());
    let format = outputs.format;
    let names = match format {
        Format::Csv => record::AreaNames::new(&pipeline.gazetteer),
        Format::Jsonl => record::AreaNames::default(),
    };
    if format == Format::Csv {
        out.borrow_mut()
            .write_all(&record::csv_header())
            .map_err(|e| e.to_string())?;
    }
    // Records are serialised by the worker threads; this one only writes.
    let finish = |_: &read::Doc, o: scrutin::Output| match format {
        Format::Jsonl => {
            // A record takes some 500 bytes: sized so, the buffer seldom grows.
            let mut buf = Vec::with_capacity(o.records.len() * 512);
            let n = corpus::write_jsonl(&mut buf, &o);
            (buf, n)
        }
        Format::Csv => (record::csv_rows(&o.records, &names), o.records.len()),
    };
    let progress = Progress::new(input);
    let emit = |_: &read::Doc, (buf, n): (Vec<u8>, usize)| {
        progress.doc();
        out.borrow_mut().write_all(&buf).map(|_| n)
    };
    let problem = |e: &read::DocError| {
        progress.problem(e);
        if e.reason.severity() != read::Severity::Failed {
            return;
        }
        if let Some(f) = &mut errors
            && errors_result.is_ok()
        {
            errors_result = writeln!(f, "{}", error_row(e, false));
        }
        if outputs.errors_inline && inline_result.is_ok() {
            inline_result = writeln!(out.borrow_mut(), "{}", error_row(e, true));
        }
    };
    // A stream on stdin is read on a thread of its own and each batch's
    // records are flushed as soon as written, so that a consumer down the
    // pipe sees them while the input is still coming.
    let streaming = input.paths.iter().any(|p| p.as_os_str() == "-");
    let result = if streaming {
        let reading = input.clone();
        let mut feed = corpus::Feed::spawn(move || reading.documents());
        corpus::run_batches(
            pipeline,
            |batch| {
                out.borrow_mut().flush()?;
                feed.fill(batch);
                Ok(())
            },
            finish,
            emit,
            problem,
        )
    } else {
        corpus::run_with(pipeline, input.documents(), finish, emit, problem)
    };
    let result = result.and_then(|s| inline_result.map(|_| s));
    progress.finish();
    let out = out.into_inner();
    let summary = match result.and_then(|s| out.flush().map(|_| s)) {
        Ok(s) => s,
        // The reader has gone (`| head`): stop quietly, as it asked.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e.to_string()),
    };
    if let Some(f) = file {
        f.commit()?;
    }
    if let Some(f) = errors {
        errors_result.map_err(|e| format!("--errors: {e}"))?;
        f.commit()?;
    }
    if let Some(path) = &outputs.report {
        let json = serde_json::to_string_pretty(&summary).map_err(|e| e.to_string())?;
        let mut f = AtomicFile::create(path)?;
        writeln!(f, "{json}").map_err(|e| format!("{}: {e}", path.display()))?;
        f.commit()?;
    }
    eprintln!("scrutin: {summary}");
    Ok(exit_code(summary.failed))
}

fn per_article(
    pipeline: &Pipeline,
    input: &Input,
    mut each: impl FnMut(&Pipeline, &Article, &mut dyn Write) -> std::io::Result<usize>,
) -> Result<ExitCode, String> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut summary = corpus::Summary::default();
    for doc in input.documents() {
        match doc {
            Ok(d) => match each(pipeline, &d.article, &mut out) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    return Ok(ExitCode::SUCCESS);
                }
                r => {
                    summary.records += r.map_err(|e| e.to_string())?;
                    summary.read += 1;
                    summary.processed += 1;
                }
            },
            Err(e) => {
                summary.count(&e);
                report_error(&e);
            }
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.to_string()),
        _ => {}
    }
    eprintln!("scrutin: {summary}");
    Ok(exit_code(summary.failed))
}

/// Where `coverage` writes its tables (stdout when nowhere).
struct Tables {
    json: Option<PathBuf>,
    csv: Option<PathBuf>,
    html: Option<PathBuf>,
}

/// `coverage`: records from the pipeline or from a file, then the tables;
/// `map` is the outlines for the HTML page.
fn coverage(
    pipeline: &Pipeline,
    input: &Input,
    records: Option<&Path>,
    tables: Tables,
    map: &str,
) -> Result<ExitCode, String> {
    let Tables { json, csv, html } = tables;
    let mut counts = coverage::Coverage::new(&pipeline.gazetteer);
    let mut failed = 0;
    match records {
        Some(path) => {
            let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let bar = input.options.bytes_read.map(|_| {
                let size = file.metadata().map(|m| m.len()).ok();
                Progress::bar(size, "records")
            });
            let file: Box<dyn std::io::Read> = match &bar {
                Some(bar) => Box::new(bar.wrap_read(file)),
                None => Box::new(file),
            };
            counts
                .add_records(std::io::BufReader::new(file))
                .map_err(|e| format!("{}: {e}", path.display()))?;
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
        }
        None => {
            let progress = Progress::new(input);
            let summary = corpus::run_with(
                pipeline,
                input.documents(),
                |d, o| {
                    let mut values = Vec::new();
                    for r in &o.records {
                        values.push(serde_json::to_value(r).expect("records serialise"));
                    }
                    values.extend(
                        o.mentions
                            .map(|m| serde_json::to_value(m).expect("records serialise")),
                    );
                    (values, coverage::folder_of(&d.origin))
                },
                |_, (values, folder)| {
                    progress.doc();
                    counts.add_article(&values, folder.as_deref());
                    Ok(values.len())
                },
                |e| progress.problem(e),
            )
            .map_err(|e| e.to_string())?;
            progress.finish();
            eprintln!("scrutin: {summary}");
            failed = summary.failed;
        }
    }
    let report = counts.report();
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n";
    let write = |path: &Path, bytes: &[u8]| {
        let mut f = AtomicFile::create(path)?;
        f.write_all(bytes)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        f.commit()
    };
    if let Some(path) = &json {
        write(path, text.as_bytes())?;
    }
    if let Some(dir) = &csv {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for (name, bytes) in report.csv_tables()? {
            write(&dir.join(name), &bytes)?;
        }
    }
    if let Some(path) = &html {
        write(path, coverage::html::page(&report, map)?.as_bytes())?;
    }
    if json.is_none() && csv.is_none() && html.is_none() {
        match std::io::stdout().lock().write_all(text.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.to_string()),
            _ => {}
        }
    }
    let t = &report.totals;
    eprintln!(
        "scrutin: coverage of {} articles ({} with figures), {} facts; {} blind spots",
        t.articles,
        t.articles_with_figures,
        t.facts,
        report.blind_spots.len()
    );
    Ok(exit_code(failed))
}

/// `check`: records from the pipeline or from a file, against official
/// results; the differences as a table on stdout and as JSON Lines.
fn check(
    pipeline: &Pipeline,
    input: &Input,
    official: &Path,
    records: Option<&Path>,
    jsonl: Option<PathBuf>,
) -> Result<ExitCode, String> {
    let shown = |path: &Path, e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let text = std::fs::read_to_string(official).map_err(|e| shown(official, &e))?;
    let results = check::Results::parse(&text).map_err(|e| shown(official, &e))?;
    let (values, failed) = match records {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| shown(path, &e))?;
            let values = text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(serde_json::from_str)
                .collect::<Result<Vec<serde_json::Value>, _>>()
                .map_err(|e| shown(path, &e))?;
            (values, 0)
        }
        None => {
            let (values, summary) = corpus::values_of(pipeline, input.documents(), report_error)
                .map_err(|e| e.to_string())?;
            (values, summary.failed)
        }
    };
    let outcome = results.check(&values);
    if let Some(path) = &jsonl {
        let mut f = AtomicFile::create(path)?;
        for d in &outcome.discrepancies {
            let line = serde_json::to_string(d).map_err(|e| e.to_string())?;
            writeln!(f, "{line}").map_err(|e| shown(path, &e))?;
        }
        f.commit()?;
    }
    match write!(std::io::stdout().lock(), "{outcome}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.to_string()),
        _ => {}
    }
    Ok(exit_code(failed))
}
