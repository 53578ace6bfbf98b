//! Throughput of each pipeline stage alone, so that a regression in one
//! stage shows in isolation. Each stage gets the previous stages' output
//! computed beforehand.
//!
//! The input is the first `SCRUTIN_BENCH_MB` MB (default 4) of the corpus
//! that `make bench` generates, or of the JSONL file `SCRUTIN_BENCH_CORPUS`.
//!
//! The `length` group runs the whole pipeline on the same election articles
//! joined into ever longer ones: the same throughput at every length is the
//! evidence that no stage is quadratic in the sentences, mentions or
//! figures of an article.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use scrutin::fold::{self, Folded};
use scrutin::gazetteer::Mentions;
use scrutin::link;
use scrutin::numbers::{self, Figure};
use scrutin::patterns::Patterns;
use scrutin::read::{self, Article};
use scrutin::segment::{self, Sentence};
use scrutin::{Pipeline, Scratch, record};

struct Prepared {
    article: Article,
    folded: Folded,
    sentences: Vec<Sentence>,
    spans: Vec<(usize, usize)>,
    mentions: Mentions,
    figures: Vec<Figure>,
}

fn input() -> (String, usize) {
    let path = std::env::var("SCRUTIN_BENCH_CORPUS")
        .unwrap_or_else(|_| "bench/corpus/gen-50mb.jsonl".to_string());
    let mb: usize = std::env::var("SCRUTIN_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let all = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e} (run `make bench` to generate it)"));
    let mut end = 0;
    for line in all.split_inclusive('\n') {
        if end >= mb * 1_000_000 {
            break;
        }
        end += line.len();
    }
    let text = all[..end].to_string();
    let len = text.len();
    (text, len)
}

fn stages(c: &mut Criterion) {
    let pipeline = Pipeline::new(&Patterns::bundled()).unwrap();
    let Pipeline {
        abbreviations,
        numbers: numbers_words,
        gazetteer,
        cues,
        ..
    } = &pipeline;

    let (jsonl, bytes) = input();
    let articles: Vec<Article> = jsonl
        .lines()
        .enumerate()
        .map(|(n, l)| read::from_json_line(l, n + 1).unwrap())
        .collect();
    let text_bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let prepared: Vec<Prepared> = articles
        .iter()
        .map(|a| {
            let folded = Folded::new(&a.text);
            let sentences = segment::split(&a.text, abbreviations);
            let mut cursor = fold::Cursor::new(&folded);
            let spans: Vec<(usize, usize)> = sentences
                .iter()
                .map(|s| (cursor.folded_at(s.start), cursor.folded_at(s.end)))
                .collect();
            let mentions = gazetteer.find(&a.text, &folded, &spans);
            let mut figures = Vec::new();
            numbers::find_into(&a.text, &folded, numbers_words, &mut figures);
            Prepared {
                article: a.clone(),
                folded,
                sentences,
                spans,
                mentions,
                figures,
            }
        })
        .collect();

    let mut g = c.benchmark_group("stage");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("read", |b| {
        b.iter(|| {
            for (n, l) in jsonl.lines().enumerate() {
                black_box(read::from_json_line(l, n + 1).unwrap());
            }
        })
    });
    g.throughput(Throughput::Bytes(text_bytes as u64));
    g.bench_function("fold", |b| {
        let mut f = Folded::default();
        b.iter(|| {
            for a in &articles {
                f.fold_into(&a.text);
                black_box(&f);
            }
        })
    });
    g.bench_function("screen", |b| {
        b.iter(|| {
            for p in &prepared {
                black_box(pipeline.screen.passes(&p.folded.text));
            }
        })
    });
    g.bench_function("pre-screen", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(pipeline.screen.may_pass(&a.text));
            }
        })
    });
    g.bench_function("segment", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            for a in &articles {
                out.clear();
                segment::split_into(&a.text, abbreviations, &mut out);
                black_box(&out);
            }
        })
    });
    g.bench_function("gazetteer", |b| {
        b.iter(|| {
            for p in &prepared {
                black_box(gazetteer.find(&p.article.text, &p.folded, &p.spans));
            }
        })
    });
    g.bench_function("numbers", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            for p in &prepared {
                out.clear();
                numbers::find_into(&p.article.text, &p.folded, numbers_words, &mut out);
                black_box(&out);
            }
        })
    });
    g.bench_function("link", |b| {
        let (mut out, mut refused) = (Vec::new(), Vec::new());
        b.iter(|| {
            for p in &prepared {
                out.clear();
                refused.clear();
                link::link(&link_input(p, gazetteer), cues, &mut out, &mut refused);
                black_box(&out);
            }
        })
    });
    let facts: Vec<Vec<link::Fact>> = prepared
        .iter()
        .map(|p| {
            let mut out = Vec::new();
            link::link(&link_input(p, gazetteer), cues, &mut out, &mut Vec::new());
            out
        })
        .collect();
    g.bench_function("record+serialise", |b| {
        let mut buf = Vec::new();
        b.iter(|| {
            buf.clear();
            for (p, facts) in prepared.iter().zip(&facts) {
                let source = record::Source {
                    doc: &p.article.id,
                    date: p.article.date.as_deref(),
                    text: &p.article.text,
                    meta: p.article.meta.as_ref(),
                };
                for r in record::records(&source, facts, &p.sentences, &p.mentions, gazetteer) {
                    r.write_json(&mut buf);
                    buf.push(b'\n');
                }
            }
            black_box(&buf);
        })
    });
    g.bench_function("whole pipeline", |b| {
        let mut scratch = Scratch::default();
        b.iter(|| {
            for a in &articles {
                black_box(pipeline.process(a, &mut scratch));
            }
        })
    });
    g.finish();
    lengths(c, &pipeline, &articles);
}

/// The first 100 articles that report an election, processed as they are,
/// then joined ten by ten, then all in one article (`length/1`, `length/10`,
/// `length/100`).
fn lengths(c: &mut Criterion, pipeline: &Pipeline, articles: &[Article]) {
    let mut scratch = Scratch::default();
    let reporting: Vec<&Article> = articles
        .iter()
        .filter(|a| !pipeline.process(a, &mut scratch).records.is_empty())
        .take(100)
        .collect();
    let bytes: usize = reporting.iter().map(|a| a.text.len()).sum();
    let mut g = c.benchmark_group("length");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    for per in [1, 10, 100] {
        let joined: Vec<Article> = reporting
            .chunks(per)
            .map(|chunk| Article {
                text: chunk
                    .iter()
                    .map(|a| a.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n\n"),
                ..chunk[0].clone()
            })
            .collect();
        g.bench_function(format!("{per}"), |b| {
            b.iter(|| {
                for a in &joined {
                    black_box(pipeline.process(a, &mut scratch));
                }
            })
        });
    }
    g.finish();
}

fn link_input<'a>(p: &'a Prepared, g: &'a scrutin::gazetteer::Gazetteer) -> link::Article<'a> {
    link::Article {
        parties: &g.parties,
        places: &g.places,
        text: &p.article.text,
        folded: &p.folded,
        sentences: &p.sentences,
        spans: &p.spans,
        mentions: &p.mentions,
        figures: &p.figures,
        date: None,
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
