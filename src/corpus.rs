//! Running the pipeline over many articles: in parallel, in bounded batches,
//! in input order, with every document accounted for.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::read::{Doc, DocError, Reason, Severity};
use crate::{Output, Pipeline, Scratch};

/// How many documents are read ahead and processed together; bounds memory.
pub const BATCH: usize = 512;

/// Text bytes past which a batch is closed early, so that a run of very
/// large documents does not hold [`BATCH`] of them at once. Three batches
/// are held at a time: one read, one processed, one handed over.
pub const BATCH_BYTES: usize = 40 << 20;

/// Documents read together, in input order.
pub type Batch = Vec<Result<Doc, DocError>>;

/// What the pipeline made of each document of a batch: nothing for one that
/// could not be read, the panic's message for one it failed on.
type Outputs<R> = Vec<Option<Result<R, String>>>;

/// What a run did. Always `read == processed + skipped + failed`.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Documents read (processed + skipped + failed).
    pub read: usize,
    /// Documents that went through the pipeline.
    pub processed: usize,
    /// Documents with nothing to extract from (empty, binary).
    pub skipped: usize,
    /// Documents that could not be read.
    pub failed: usize,
    /// Records written.
    pub records: usize,
    /// Skipped documents by reason.
    pub skipped_by_reason: BTreeMap<&'static str, usize>,
    /// Failed documents by reason.
    pub failed_by_reason: BTreeMap<&'static str, usize>,
    /// Warnings by reason (the documents concerned are processed).
    pub warnings: BTreeMap<&'static str, usize>,
}

impl Summary {
    /// Counts one problem; documents it concerns count as read unless it
    /// is only a warning.
    pub fn count(&mut self, e: &DocError) {
        let key = e.reason.key();
        let (total, by_reason) = match e.reason.severity() {
            Severity::Warning => {
                *self.warnings.entry(key).or_default() += 1;
                return;
            }
            Severity::Skipped => (&mut self.skipped, &mut self.skipped_by_reason),
            Severity::Failed => (&mut self.failed, &mut self.failed_by_reason),
        };
        self.read += 1;
        *total += 1;
        *by_reason.entry(key).or_default() += 1;
    }
}

impl std::fmt::Display for Summary {
    /// One line: the counts, then the reasons when there are any.
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "{} documents read, {} processed, {} failed, {} skipped; {} records written",
            self.read, self.processed, self.failed, self.skipped, self.records
        )?;
        for (what, map) in [
            ("failed", &self.failed_by_reason),
            ("skipped", &self.skipped_by_reason),
            ("warnings", &self.warnings),
        ] {
            if !map.is_empty() {
                let parts: Vec<String> = map.iter().map(|(k, n)| format!("{k} {n}")).collect();
                write!(f, "; {what}: {}", parts.join(", "))?;
            }
        }
        Ok(())
    }
}

/// Ids seen so far, as hashes: a million ids cost 8 MB, and a false
/// duplicate needs a 64-bit collision. The hashes are kept in a set that
/// does not hash them again through SipHash, which cost as much as the
/// first hashing.
#[derive(Default)]
struct SeenIds(FxHashSet<u64>);

impl SeenIds {
    fn is_new(&mut self, id: &str) -> bool {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        id.hash(&mut h);
        self.0.insert(h.finish())
    }
}

/// Runs the pipeline over `docs`, handing each article's output to `emit`
/// in input order, and each unreadable, skipped or odd document to
/// `problem` (see [`Reason::severity`]). A document on which the pipeline
/// panics fails with [`Reason::Internal`]; the run goes on.
pub fn run<I, E, F>(pipeline: &Pipeline, docs: I, emit: E, problem: F) -> std::io::Result<Summary>
where
    I: IntoIterator<Item = Result<Doc, DocError>>,
    I::IntoIter: Send,
    E: FnMut(&Doc, Output) -> std::io::Result<usize>,
    F: FnMut(&DocError),
{
    run_with(pipeline, docs, |_, out| out, emit, problem)
}

/// Up to [`BATCH`] documents or [`BATCH_BYTES`] of text.
fn next_batch(docs: &mut impl Iterator<Item = Result<Doc, DocError>>) -> Batch {
    let mut batch = Vec::with_capacity(BATCH);
    let mut bytes = 0;
    for doc in docs.by_ref() {
        bytes += text_len(&doc);
        batch.push(doc);
        if full(&batch, bytes) {
            break;
        }
    }
    batch
}

/// Like [`run`], with `finish` applied to each article's output inside the
/// parallel map: work such as serialising then does not hold up the thread
/// that writes the results. The next batch is read while one is processed,
/// and the one before is handed to `emit`, on the calling thread, at the
/// same time.
pub fn run_with<I, R, W, E, F>(
    pipeline: &Pipeline,
    docs: I,
    finish: W,
    mut emit: E,
    mut problem: F,
) -> std::io::Result<Summary>
where
    I: IntoIterator<Item = Result<Doc, DocError>>,
    I::IntoIter: Send,
    W: Fn(&Doc, Output) -> R + Sync,
    R: Send,
    E: FnMut(&Doc, R) -> std::io::Result<usize>,
    F: FnMut(&DocError),
{
    let mut counts = Counts::default();
    let mut docs = docs.into_iter();
    let mut batch = next_batch(&mut docs);
    // The batch processed before, waiting to be handed over.
    let mut done: Option<(Batch, Outputs<R>)> = None;
    while !batch.is_empty() || done.is_some() {
        // The pool processes a batch and reads the next while this thread
        // hands over the one before: the pool never waits for the output.
        let mut work = None;
        let mut handed = Ok(());
        rayon::in_place_scope(|s| {
            if !batch.is_empty() {
                s.spawn(|_| {
                    work = Some(rayon::join(
                        || process_batch(pipeline, &batch, &finish),
                        || next_batch(&mut docs),
                    ));
                });
            }
            if let Some((before, outputs)) = done.take() {
                handed = counts.emit(&before, outputs, &mut emit, &mut problem);
            }
        });
        handed?;
        if let Some((outputs, next)) = work {
            done = Some((std::mem::replace(&mut batch, next), outputs));
        }
    }
    Ok(counts.summary)
}

fn text_len(doc: &Result<Doc, DocError>) -> usize {
    doc.as_ref().map_or(0, |d| d.article.text.len())
}

/// Whether a batch is closed: [`BATCH`] documents or [`BATCH_BYTES`] of text.
fn full(batch: &[Result<Doc, DocError>], bytes: usize) -> bool {
    batch.len() >= BATCH || bytes >= BATCH_BYTES
}

/// Like [`run_with`], with the batches made by `next`, which fills the
/// (empty) vector it is given; an empty batch ends the run. `next` is
/// called once the previous batch is all emitted, the moment to flush a
/// stream, so a batch is never read ahead.
pub fn run_batches<B, R, W, E, F>(
    pipeline: &Pipeline,
    mut next: B,
    finish: W,
    mut emit: E,
    mut problem: F,
) -> std::io::Result<Summary>
where
    B: FnMut(&mut Batch) -> std::io::Result<()>,
    W: Fn(&Doc, Output) -> R + Sync,
    R: Send,
    E: FnMut(&Doc, R) -> std::io::Result<usize>,
    F: FnMut(&DocError),
{
    let mut counts = Counts::default();
    let mut batch: Batch = Vec::with_capacity(BATCH);
    loop {
        batch.clear();
        next(&mut batch)?;
        if batch.is_empty() {
            return Ok(counts.summary);
        }
        let outputs = process_batch(pipeline, &batch, &finish);
        counts.emit(&batch, outputs, &mut emit, &mut problem)?;
    }
}

/// Every document of a batch through the pipeline, in parallel; a panic
/// fails its document only.
fn process_batch<R: Send>(
    pipeline: &Pipeline,
    batch: &[Result<Doc, DocError>],
    finish: &(impl Fn(&Doc, Output) -> R + Sync),
) -> Outputs<R> {
    batch
        .par_iter()
        .map_init(Scratch::default, |scratch, doc| {
            let d = doc.as_ref().ok()?;
            let out = catch_unwind(AssertUnwindSafe(|| {
                finish(d, pipeline.process(&d.article, scratch))
            }));
            Some(out.map_err(|panic| {
                // The scratch may be half-updated; start afresh.
                *scratch = Scratch::default();
                panic_message(panic.as_ref())
            }))
        })
        .collect()
}

/// The running counts of a run, and the ids seen so far.
#[derive(Default)]
struct Counts {
    summary: Summary,
    seen: SeenIds,
}

impl Counts {
    /// Hands a processed batch to `emit` and `problem`, in input order.
    fn emit<R>(
        &mut self,
        batch: &[Result<Doc, DocError>],
        outputs: Outputs<R>,
        emit: &mut impl FnMut(&Doc, R) -> std::io::Result<usize>,
        problem: &mut impl FnMut(&DocError),
    ) -> std::io::Result<()> {
        let summary = &mut self.summary;
        for (doc, out) in batch.iter().zip(outputs) {
            match (doc, out) {
                (Ok(d), Some(Ok(out))) => {
                    if !self.seen.is_new(&d.article.id) {
                        let e = DocError {
                            origin: d.origin.clone(),
                            id: Some(d.article.id.clone()),
                            reason: Reason::DuplicateId,
                            message: format!(
                                "duplicate id `{}`: an earlier document has it too",
                                d.article.id
                            ),
                        };
                        summary.count(&e);
                        problem(&e);
                    }
                    summary.read += 1;
                    summary.processed += 1;
                    summary.records += emit(d, out)?;
                }
                (Ok(d), Some(Err(panic))) => {
                    let e = DocError {
                        origin: d.origin.clone(),
                        id: Some(d.article.id.clone()),
                        reason: Reason::Internal,
                        message: format!("internal error, please report it: {panic}"),
                    };
                    summary.count(&e);
                    problem(&e);
                }
                (Err(e), _) => {
                    summary.count(e);
                    problem(e);
                }
                (Ok(_), None) => unreachable!("every readable document is processed"),
            }
        }
        Ok(())
    }
}

/// Documents read on a thread of their own, so that a batch can close as
/// soon as the input has nothing more ready: the records of a slow stream
/// then come out as it goes, while a fast one still fills whole batches
/// (the reader runs ahead by at most [`BATCH`] documents).
pub struct Feed {
    docs: std::sync::mpsc::Receiver<Result<Doc, DocError>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Feed {
    /// Starts reading the documents that `open` gives.
    pub fn spawn<I, O>(open: O) -> Feed
    where
        O: FnOnce() -> I + Send + 'static,
        I: IntoIterator<Item = Result<Doc, DocError>>,
    {
        let (tx, docs) = std::sync::mpsc::sync_channel(BATCH);
        let reader = std::thread::spawn(move || {
            for doc in open() {
                if tx.send(doc).is_err() {
                    break;
                }
            }
        });
        Feed {
            docs,
            reader: Some(reader),
        }
    }

    /// Waits for one document, then adds those already read, up to a full
    /// batch; adds nothing at the end of the input.
    pub fn fill(&mut self, batch: &mut Batch) {
        let Ok(first) = self.docs.recv() else {
            // The reader is done; a panic there is not the end of the input.
            if let Some(Err(panic)) = self.reader.take().map(|r| r.join()) {
                std::panic::resume_unwind(panic);
            }
            return;
        };
        let mut bytes = text_len(&first);
        batch.push(first);
        while !full(batch, bytes) {
            match self.docs.try_recv() {
                Ok(doc) => {
                    bytes += text_len(&doc);
                    batch.push(doc);
                }
                Err(_) => break,
            }
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

/// Writes an output as JSON Lines: the facts, then the mentions record when
/// there is one. Returns the number of records written.
pub fn write_jsonl(out: &mut Vec<u8>, output: &Output) -> usize {
    for r in &output.records {
        r.write_json(out);
        out.push(b'\n');
    }
    if let Some(mentions) = &output.mentions {
        serde_json::to_writer(&mut *out, mentions).expect("writing to memory");
        out.push(b'\n');
    }
    output.records.len() + usize::from(output.mentions.is_some())
}

/// Runs the pipeline over `paths` and keeps every record (facts and
/// mentions, if the pipeline makes them) as JSON values, for scoring;
/// unreadable documents go to `error`.
pub fn extract_values(
    pipeline: &Pipeline,
    paths: &[std::path::PathBuf],
    error: impl FnMut(&DocError),
) -> std::io::Result<(Vec<serde_json::Value>, Summary)> {
    values_of(pipeline, crate::read::documents(paths), error)
}

/// [`extract_values`] over documents already being read.
pub fn values_of(
    pipeline: &Pipeline,
    docs: impl IntoIterator<Item = Result<Doc, DocError>, IntoIter: Send>,
    error: impl FnMut(&DocError),
) -> std::io::Result<(Vec<serde_json::Value>, Summary)> {
    let mut values = Vec::new();
    let summary = run(
        pipeline,
        docs,
        |_, out| {
            for r in &out.records {
                values.push(serde_json::to_value(r).map_err(std::io::Error::other)?);
            }
            if let Some(m) = &out.mentions {
                values.push(serde_json::to_value(m).map_err(std::io::Error::other)?);
            }
            Ok(out.records.len())
        },
        error,
    )?;
    Ok((values, summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(reason: Reason) -> DocError {
        DocError {
            origin: "a.jsonl:3".into(),
            id: None,
            reason,
            message: reason.key().into(),
        }
    }

    #[test]
    fn warnings_are_not_documents() {
        let mut s = Summary::default();
        for r in [
            Reason::Empty,
            Reason::NotJson,
            Reason::NotJson,
            Reason::DuplicateId,
        ] {
            s.count(&problem(r));
        }
        assert_eq!((s.read, s.skipped, s.failed), (3, 1, 2));
        assert_eq!(s.warnings.get("duplicate id"), Some(&1));
        assert_eq!(
            s.to_string(),
            "3 documents read, 0 processed, 2 failed, 1 skipped; 0 records written; \
             failed: not JSON 2; skipped: empty 1; warnings: duplicate id 1"
        );
    }
}
