//! The segmenter and the number reader held to the public French test
//! suites gathered in `../shared/conformance/` (see its `SOURCES.md`).
//!
//! Every case of every file runs. The cases scrutin deliberately reads
//! otherwise are listed, each with its reason, in `tests/conformance/<file>.txt`
//! (`<case number><TAB><reason>`, numbered from 0 in file order). Each test
//! asserts that the failing cases are exactly the listed ones, so a new
//! failure and a newly passing case both fail it. `make conformance` prints
//! the pass rate per file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use scrutin::fold::Folded;
use scrutin::numbers::{self, Figure, NumberWords, Reading, Unit};
use scrutin::patterns::Patterns;
use scrutin::segment::{self, Abbreviations};
use serde_json::Value;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance")
}

fn load(name: &str) -> Vec<Value> {
    let path = shared().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the shared folder must sit beside the repository)",
            path.display()
        )
    });
    match serde_json::from_str(&text).expect("vector file parses") {
        Value::Array(cases) => cases,
        _ => panic!("{name}: not an array"),
    }
}

/// The listed failures of one vector file: case number -> reason.
fn listed(name: &str) -> BTreeMap<usize, String> {
    let stem = Path::new(name)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/conformance/{stem}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (n, reason) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("{}: {l:?}: no tab", path.display()));
            assert!(
                !reason.trim().is_empty(),
                "{}: case {n} has no reason",
                path.display()
            );
            (n.trim().parse().expect("case number"), reason.to_string())
        })
        .collect()
}

/// Runs every case, prints the pass rate, and checks the failures against
/// the list; `min_rate` is the pass rate the file must reach.
fn check(name: &str, min_rate: f64, pass: impl Fn(&Value) -> Result<(), String>) {
    let cases = load(name);
    let mut failed = BTreeMap::new();
    for (i, case) in cases.iter().enumerate() {
        if let Err(why) = pass(case) {
            failed.insert(i, why);
        }
    }
    let rate = 1.0 - failed.len() as f64 / cases.len() as f64;
    println!(
        "{name:<45} {:>4} cases {:>4} pass {:>6.1} %",
        cases.len(),
        cases.len() - failed.len(),
        rate * 100.0
    );
    let list = listed(name);
    let new: Vec<String> = failed
        .iter()
        .filter(|(i, _)| !list.contains_key(i))
        .map(|(i, why)| format!("{i}\t{why}"))
        .collect();
    let fixed: Vec<&usize> = list.keys().filter(|i| !failed.contains_key(i)).collect();
    assert!(
        new.is_empty() && fixed.is_empty(),
        "{name}: unlisted failures:\n{}\nlisted but passing: {fixed:?}",
        new.join("\n")
    );
    assert!(
        rate >= min_rate,
        "{name}: pass rate {rate:.3} below {min_rate}"
    );
}

fn patterns() -> Patterns {
    Patterns::bundled()
}

fn number_words() -> NumberWords {
    let p = patterns();
    NumberWords::parse(
        p.get("units.tsv"),
        p.get("approx.txt"),
        p.get("number_words.tsv"),
    )
    .expect("bundled number patterns compile")
}

#[test]
fn sentences_fr() {
    let abbreviations = Abbreviations::parse(patterns().get("abbreviations.txt"));
    check("sentences-fr.json", 0.0, |case| {
        let text = case["text"].as_str().unwrap();
        let want: Vec<&str> = case["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().trim())
            .collect();
        let got: Vec<&str> = segment::split(text, &abbreviations)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        if got == want {
            Ok(())
        } else {
            Err(format!("{got:?}"))
        }
    });
    assert!(
        listed("sentences-fr.json").len() <= 3,
        "at most three deliberate disagreements"
    );
}

/// A figure as the original text shows it: its span, signed value, unit.
struct Seen<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    value: f64,
    figure: Figure,
}

fn seen<'a>(text: &'a str, words: &NumberWords, reading: Reading) -> Vec<Seen<'a>> {
    let folded = Folded::new(text);
    let mut out = Vec::new();
    numbers::find_with(text, &folded, words, reading, &mut out);
    out.into_iter()
        .map(|f| {
            let (start, end) = (folded.orig(f.start), folded.orig(f.end));
            // The sign belongs to the figure when it is glued or spaced
            // before it, printed or said (`moins`, `négatif`).
            let before = text[..start].trim_end();
            let word = before.trim_end_matches(char::is_alphabetic);
            let start = before
                .strip_suffix(['-', '+', '−'])
                .or((word.len() < before.len()).then_some(word))
                .filter(|_| f.signed)
                .map_or(start, str::len);
            Seen {
                text: &text[start..end],
                start,
                end,
                value: if f.negative { -f.value } else { f.value },
                figure: f,
            }
        })
        .collect()
}

fn same_value(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-3)
}

#[test]
fn numbers_fr() {
    let words = number_words();
    check("numbers-fr.json", 0.98, |case| {
        let text = case["text"].as_str().unwrap();
        let want = case["value"].as_f64().unwrap();
        let kind = case["kind"].as_str().unwrap();
        let got = seen(text, &words, Reading::Every);
        let [one] = got.as_slice() else {
            return Err(format!("{} figures", got.len()));
        };
        let unit_ok = match kind {
            "percent" => one.figure.unit == Unit::Percent,
            "ordinal" => one.figure.unit == Unit::Ordinal,
            _ => !matches!(one.figure.unit, Unit::Percent | Unit::Ordinal),
        };
        if one.text.trim_end_matches('.') != text.trim() {
            return Err(format!("span {:?}", one.text));
        }
        if !unit_ok || !same_value(one.value, want) {
            return Err(format!("{} {:?}", one.value, one.figure.unit));
        }
        Ok(())
    });
}

/// The text with every figure replaced by its digits (`25`, `12,99`, `5ème`).
fn rewrite(text: &str, words: &NumberWords, reading: Reading) -> String {
    let mut out = String::new();
    let mut at = 0;
    for s in seen(text, words, reading) {
        out.push_str(&text[at..s.start]);
        let v = s.figure.value;
        if s.figure.unit == Unit::Ordinal {
            out.push_str(&if v == 1.0 {
                "1er".to_string()
            } else {
                format!("{v}ème")
            });
        } else {
            out.push_str(&"0".repeat(usize::from(s.figure.zeros)));
            out.push_str(&v.to_string().replace('.', ","));
        }
        at = s.end;
    }
    out.push_str(&text[at..]);
    out
}

#[test]
fn numbers_fr_in_context() {
    let words = number_words();
    check("numbers-fr-in-context.json", 0.98, |case| {
        let text = case["text"].as_str().unwrap();
        let want = case["expected"].as_str().unwrap();
        let every = case["mode"].as_str().unwrap().starts_with("threshold 0");
        let reading = if every {
            Reading::Every
        } else {
            Reading::Press
        };
        let got = rewrite(text, &words, reading);
        if got == want { Ok(()) } else { Err(got) }
    });
}

#[test]
fn numbers_fr_rejects() {
    let words = number_words();
    check("numbers-fr-rejects.json", 0.98, |case| {
        let text = case["text"].as_str().unwrap();
        match seen(text, &words, Reading::Every).as_slice() {
            [one] if one.text == text.trim() => Err(format!("read as {}", one.value)),
            _ => Ok(()),
        }
    });
}

/// A Recognizers-Text spec file: every expected result, and nothing else.
/// Each upstream model finds one type, so only scrutin's figures of that
/// type are compared; a scrutin span also holds the count word after the
/// number (`vingt-six personnes`), which the upstream number leaves out.
/// A share (`deux tiers`, `un sur trois`) is a fraction upstream and a per
/// cent figure in scrutin: the same quantity, compared as such. The full
/// stop that ends the input is punctuation, not part of an upstream span.
fn recognizers(name: &str, floor: f64, keep: fn(&Figure) -> bool) {
    let words = number_words();
    check(
        &format!("recognizers-text/French/{name}.json"),
        floor,
        |case| {
            let text = case["Input"].as_str().unwrap();
            let mut want: Vec<(String, f64)> = case["Results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let value = r["Resolution"]["value"].as_str().unwrap_or("");
                    let v = value.trim_end_matches('%').replace(',', ".");
                    let span = r["Text"].as_str().unwrap();
                    let span = match span.strip_suffix('.') {
                        Some(s) if text.trim_end().ends_with(span) => s,
                        _ => span,
                    };
                    (span.to_lowercase(), v.parse().unwrap_or(f64::NAN))
                })
                .collect();
            let mut got: Vec<(String, f64, Unit)> = seen(text, &words, Reading::Every)
                .iter()
                .filter(|s| keep(&s.figure))
                .map(|s| {
                    let value = if s.figure.share {
                        s.value / 100.0
                    } else {
                        s.value
                    };
                    (s.text.to_lowercase(), value, s.figure.unit)
                })
                .collect();
            want.sort_by(|a, b| a.0.cmp(&b.0));
            got.sort_by(|a, b| a.0.cmp(&b.0));
            let same_span = |w: &str, g: &str, u: Unit| {
                w == g
                    || (matches!(u, Unit::Count | Unit::Points) && g.starts_with(&format!("{w} ")))
            };
            let same = want.len() == got.len()
                && want
                    .iter()
                    .zip(&got)
                    .all(|(w, g)| same_span(&w.0, &g.0, g.2) && same_value(w.1, g.1));
            if same {
                Ok(())
            } else {
                let got: Vec<_> = got.iter().map(|g| (&g.0, g.1)).collect();
                Err(format!("{got:?}"))
            }
        },
    );
}

/// The number and ordinal models stay below 98 %: their floors are those of
/// the present reader, and the listed cases say why each one fails.
#[test]
fn recognizers_number_model() {
    recognizers("NumberModel", 0.76, |f| {
        f.share || !matches!(f.unit, Unit::Ordinal | Unit::Percent)
    });
}

#[test]
fn recognizers_percent_model() {
    recognizers("PercentModel", 0.98, |f| {
        f.unit == Unit::Percent && !f.share
    });
}

#[test]
fn recognizers_ordinal_model() {
    recognizers("OrdinalModel", 0.58, |f| f.unit == Unit::Ordinal);
}
