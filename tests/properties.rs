//! Properties of the whole pipeline, the segmenter and the number reader
//! on generated text: no panic, offsets on character boundaries inside the
//! text, and every record's evidence quoting a figure it gives; and the
//! screen's verdict on the original text agreeing with its verdict on the
//! folded text.
//!
//! `PROPTEST_CASES` sets the number of cases (`make test-long` raises it).

use proptest::prelude::*;
use scrutin::read::Article;
use scrutin::{Pipeline, Scratch};

mod common;
use common::pipeline;

/// Pieces of election copy, so that generated texts reach the linker.
const PIECES: &[&str] = &[
    "Benoît Hamon",
    "Manuel Valls",
    "Emmanuel Macron",
    "Marine Le Pen",
    "Poitiers",
    "Niort",
    "Deux-Sèvres",
    "la Vienne",
    "PS",
    "RN",
    "obtient",
    "arrive en tête avec",
    "recueille",
    "contre",
    "au premier tour",
    "au second tour",
    "de la présidentielle",
    "des législatives",
    "2017",
    "52,3 %",
    "38,18%",
    "9 046 voix",
    "1.101.180",
    "plus de 40 %",
    "la participation atteint",
    "inscrits",
    "votants",
    "l'abstention",
    "points",
    "trois",
    "M.",
    "Mme",
    "« Non ! »",
    "…",
    "\u{a0}%",
    "\u{202f}",
    "l’",
    "e\u{301}",
    "œ",
    ".",
    ",",
    " ",
    "\n",
    "\n\n",
];

fn election_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "[ -~À-ÿ«»’…\u{a0}\u{202f}\n]{0,12}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.join(" "))
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![election_text(), any::<String>()]
}

/// The screening phrases of the bundled patterns.
fn screen_phrases() -> Vec<String> {
    let p = scrutin::patterns::Patterns::bundled();
    scrutin::screen::phrases(p.get("cues.tsv"), p.get("screen.txt"))
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// The ways the press may write each folded byte of a phrase.
fn spellings(c: char) -> &'static [&'static str] {
    match c {
        'a' => &["a", "A", "à", "â", "ä", "À", "Â", "a\u{300}", "A\u{302}"],
        'e' => &[
            "e", "E", "é", "è", "ê", "ë", "É", "È", "Ê", "e\u{301}", "E\u{300}",
        ],
        'i' => &["i", "I", "î", "ï", "Î", "i\u{308}"],
        'o' => &["o", "O", "ô", "ö", "Ô", "o\u{302}"],
        'u' => &["u", "U", "ù", "û", "ü", "Ù", "u\u{308}"],
        'c' => &["c", "C", "ç", "Ç", "c\u{327}"],
        'y' => &["y", "Y", "ÿ"],
        'n' => &["n", "N", "ñ"],
        ' ' => &[
            " ", "-", "\u{a0}", "\u{202f}", "\u{2011}", "\u{2013}", "\t", "  ",
        ],
        '\'' => &["'", "’", "`", "\u{2bc}"],
        _ => &[],
    }
}

/// A phrase written as the press may write it: case, accents, NFD marks,
/// dashes and no-break spaces, ligatures, zero widths, and now and then a
/// letter lost, so that near misses come too.
fn respell(phrase: &str, seeds: &[u8]) -> String {
    let chars: Vec<char> = phrase.chars().collect();
    let mut out = String::new();
    let mut seeds = seeds.iter().copied().cycle();
    let mut i = 0;
    while i < chars.len() {
        let r = seeds.next().unwrap_or(0);
        let pair: String = chars[i..chars.len().min(i + 2)].iter().collect();
        let ligature = match pair.as_str() {
            "oe" => Some(["œ", "Œ"]),
            "ae" => Some(["æ", "Æ"]),
            "ss" => Some(["ß", "ß"]),
            _ => None,
        };
        if let Some(l) = ligature.filter(|_| r % 3 == 0) {
            out.push_str(l[usize::from(r & 1)]);
            i += 2;
            continue;
        }
        let c = chars[i];
        i += 1;
        if r % 29 == 0 {
            continue;
        }
        let ways = spellings(c);
        if ways.is_empty() || r % 4 == 0 {
            out.extend(if r & 0x40 != 0 {
                c.to_uppercase().collect::<Vec<_>>()
            } else {
                vec![c]
            });
        } else {
            out.push_str(ways[usize::from(r / 4) % ways.len()]);
        }
        if r & 0x80 != 0 {
            out.push_str(["\u{200b}", "\u{feff}", "\u{301}", "\u{200d}"][usize::from(r & 3)]);
        }
    }
    out
}

/// What may stand right before or after a phrase: word breaks, letters
/// glued to it, marks that fold to nothing.
const EDGES: &[&str] = &[
    "",
    "",
    " ",
    "x",
    "é",
    "Z",
    "1",
    "-",
    "…",
    "«\u{a0}",
    "’",
    ".",
    "\n",
    "\u{200b}",
    "\u{301}",
    "œ",
    "ß",
    "_",
    "ǅ",
    "\u{3000}",
    "\u{1d400}",
    "\u{fb01}",
];

fn screen_text() -> impl Strategy<Value = String> {
    let phrases = screen_phrases();
    let phrase = (
        prop::sample::select(EDGES),
        prop::sample::select(phrases),
        prop::collection::vec(any::<u8>(), 1..40),
        prop::sample::select(EDGES),
    )
        .prop_map(|(before, p, seeds, after)| format!("{before}{}{after}", respell(&p, &seeds)));
    prop::collection::vec(
        prop_oneof![
            3 => phrase,
            1 => "[ -~À-ÿ«»’…œß\u{a0}\u{202f}\u{200b}\u{301}\n]{0,12}",
            1 => any::<String>().prop_map(|s| s.chars().take(8).collect::<String>()),
        ],
        0..5,
    )
    .prop_map(|parts| parts.concat())
}

fn check_span(text: &str, start: usize, end: usize) -> Result<(), TestCaseError> {
    prop_assert!(
        start <= end && end <= text.len(),
        "{start}..{end} in {}",
        text.len()
    );
    prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
    Ok(())
}

/// Whether `sentence` holds a figure of value `value` (to the precision
/// records give).
fn quotes(p: &Pipeline, sentence: &str, value: f64) -> bool {
    let (_, figures) = p.figures(sentence);
    figures
        .iter()
        .any(|f| (f.value - value).abs() <= 1e-6 * value.abs().max(1.0))
}

fn article(text: &str) -> Article {
    Article {
        id: "x".into(),
        date: Some("2017-04".into()),
        text: text.to_string(),
        meta: None,
    }
}

fn check_article(article: &Article) -> Result<(), TestCaseError> {
    let p = pipeline();
    let text = article.text.as_str();
    let out = p.process(article, &mut Scratch::default());
    for r in &out.records {
        let e = &r.evidence;
        check_span(text, e.start, e.end)?;
        prop_assert_eq!(&text[e.start..e.end], e.sentence.as_str());
        for (field, v) in r.values.iter() {
            let Some(v) = v.as_f64() else { continue };
            prop_assert!(
                quotes(p, &e.sentence, v),
                "{field} = {v} not in {:?} ({})",
                e.sentence,
                e.rule
            );
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn pipeline_records_quote_their_text(text in any_text()) {
        check_article(&article(&text))?;
    }

    #[test]
    fn sentences_are_ordered_trimmed_spans(text in any_text()) {
        let mut last = 0;
        for s in pipeline().sentences(&text) {
            check_span(&text, s.start, s.end)?;
            prop_assert!(s.start >= last, "overlap at {}", s.start);
            let quoted = &text[s.start..s.end];
            prop_assert!(!quoted.is_empty() && quoted.trim() == quoted, "{quoted:?}");
            last = s.end;
        }
    }

    #[test]
    fn figures_map_back_inside_the_text(text in any_text()) {
        let (folded, figures) = pipeline().figures(&text);
        for f in figures {
            prop_assert!(f.start <= f.end && f.end <= folded.text.len());
            check_span(&text, folded.orig(f.start), folded.orig(f.end))?;
        }
    }

    #[test]
    fn the_pre_screen_passes_what_the_screen_passes(text in screen_text()) {
        let screen = &pipeline().screen;
        let exact = screen.passes(&scrutin::fold::fold(&text));
        prop_assert!(!exact || screen.may_pass(&text), "turned away: {text:?}");
        // Stronger than the pipeline needs: the pre-screen is exact, so it
        // lets through no article that folding then turns away.
        prop_assert_eq!(exact, screen.may_pass(&text), "{:?}", text);
    }

    #[test]
    fn html_reduction_never_panics_and_keeps_prose(text in any_text()) {
        let plain = text.replace(['<', '>', '&'], " ");
        let reduced = scrutin::read::html::to_text(&format!("<p>{plain}</p>"));
        // Collapsing white space aside, prose survives markup untouched.
        let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        prop_assert_eq!(words(&reduced), words(&plain));
    }
}

#[test]
fn every_corpus_record_quotes_its_figures() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let mut seen = 0;
    for doc in scrutin::read::documents(&[dir.into()]) {
        let doc = doc.expect("the bundled corpus reads");
        check_article(&doc.article).unwrap();
        seen += 1;
    }
    assert!(seen > 5, "{seen} articles");
}

#[test]
fn generated_screen_texts_pass_and_fail() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = screen_text();
    let screen = &pipeline().screen;
    let passing = (0..300)
        .filter(|_| {
            let text = strategy.new_tree(&mut runner).unwrap().current();
            screen.passes(&scrutin::fold::fold(&text))
        })
        .count();
    assert!((60..=240).contains(&passing), "{passing} of 300 texts pass");
}

#[test]
fn generated_texts_reach_the_linker() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = election_text();
    let with_records = (0..300)
        .filter(|_| {
            let text = strategy.new_tree(&mut runner).unwrap().current();
            let out = pipeline().process(&article(&text), &mut Scratch::default());
            !out.records.is_empty()
        })
        .count();
    assert!(
        with_records >= 100,
        "{with_records} of 300 texts gave records"
    );
}
