//! Arbitrary bytes through the reader and the whole pipeline: no panic,
//! and every offset on a character boundary inside the text it quotes.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use scrutin::read::{self, Article};
use scrutin::{Pipeline, Scratch, patterns::Patterns};

static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::new(&Patterns::bundled()).expect("bundled patterns compile"));

fn span(text: &str, start: usize, end: usize) -> &str {
    assert!(
        start <= end && end <= text.len(),
        "{start}..{end} of {}",
        text.len()
    );
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
    &text[start..end]
}

fuzz_target!(|data: &[u8]| {
    // A first byte 1 or 2 picks the HTML or the JSONL reader; anything
    // else is a text file, so that the project's corpus/ seeds the run.
    let (mode, bytes) = match data.split_first() {
        Some((&m @ (1 | 2), rest)) => (m, rest),
        _ => (0, data),
    };
    let (content, _) = read::decode(bytes, None);
    let article = match mode {
        0 => read::from_text("fuzz", &content),
        1 => Article {
            id: "fuzz".into(),
            date: None,
            text: read::html::to_text(&read::normalize_line_ends(content)),
            meta: None,
        },
        _ => match read::from_json_line(&content, 1) {
            Ok(a) => a,
            Err(_) => return,
        },
    };
    let text = article.text.as_str();
    let p = &*PIPELINE;
    for s in p.sentences(text) {
        span(text, s.start, s.end);
    }
    let (folded, figures) = p.figures(text);
    for f in figures {
        span(text, folded.orig(f.start), folded.orig(f.end));
    }
    let out = p.process(&article, &mut Scratch::default());
    for r in out.records {
        let e = r.evidence;
        assert_eq!(span(text, e.start, e.end), e.sentence);
    }
});
