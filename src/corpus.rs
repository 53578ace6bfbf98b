//! Running the pipeline over many articles: in parallel, in bounded batches,
//! in input order, with every document accounted for.

use std::io::Write;

use rayon::prelude::*;

use crate::read::{Article, DocError};
use crate::{Output, Pipeline, Scratch};

/// How many documents are read ahead and processed together; bounds memory.
pub const BATCH: usize = 512;

/// What a run did.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Documents read (processed + failed).
    pub read: usize,
    /// Documents that went through the pipeline.
    pub processed: usize,
    /// Documents that could not be read.
    pub failed: usize,
    /// Records written.
    pub records: usize,
}

/// Runs the pipeline over `docs`, handing each article's output to `emit`
/// in input order and each unreadable document to `error`.
pub fn run<I, E, F>(
    pipeline: &Pipeline,
    docs: I,
    mut emit: E,
    mut error: F,
) -> std::io::Result<Summary>
where
    I: IntoIterator<Item = Result<Article, DocError>>,
    E: FnMut(&Article, Output) -> std::io::Result<usize>,
    F: FnMut(&DocError),
{
    let mut summary = Summary::default();
    let mut docs = docs.into_iter();
    let mut batch: Vec<Result<Article, DocError>> = Vec::with_capacity(BATCH);
    loop {
        batch.clear();
        batch.extend(docs.by_ref().take(BATCH));
        if batch.is_empty() {
            return Ok(summary);
        }
        let outputs: Vec<Option<Output>> = batch
            .par_iter()
            .map_init(Scratch::default, |scratch, doc| {
                doc.as_ref().ok().map(|a| pipeline.process(a, scratch))
            })
            .collect();
        for (doc, out) in batch.iter().zip(outputs) {
            summary.read += 1;
            match (doc, out) {
                (Ok(a), Some(out)) => {
                    summary.processed += 1;
                    summary.records += emit(a, out)?;
                }
                (Err(e), _) => {
                    summary.failed += 1;
                    error(e);
                }
                (Ok(_), None) => unreachable!("every readable document is processed"),
            }
        }
    }
}

/// Writes an output as JSON Lines: the facts, then the mentions record when
/// there is one. Returns the number of records written.
pub fn write_jsonl(out: &mut impl Write, output: &Output) -> std::io::Result<usize> {
    let mut n = 0;
    for r in &output.records {
        serde_json::to_writer(&mut *out, r)?;
        out.write_all(b"\n")?;
        n += 1;
    }
    if let Some(mentions) = &output.mentions {
        serde_json::to_writer(&mut *out, mentions)?;
        out.write_all(b"\n")?;
        n += 1;
    }
    Ok(n)
}

/// Runs the pipeline over `paths` and keeps every record (facts and
/// mentions, if the pipeline makes them) as JSON values, for scoring;
/// unreadable documents go to `error`.
pub fn extract_values(
    pipeline: &Pipeline,
    paths: &[std::path::PathBuf],
    error: impl FnMut(&DocError),
) -> std::io::Result<(Vec<serde_json::Value>, Summary)> {
    let mut values = Vec::new();
    let summary = run(
        pipeline,
        crate::read::documents(paths),
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
