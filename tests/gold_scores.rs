//! Quality floors, scored by `scrutin::eval` exactly as `scrutin eval` does,
//! over the bundled corpus and every gold file.

use std::path::{Path, PathBuf};

use scrutin::corpus;
use scrutin::eval::{self, Report};

mod common;
use common::pipeline;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn score(gold: &Path, input: &Path) -> Report {
    let (system, summary) = corpus::extract_values(pipeline(), &[PathBuf::from(input)], |e| {
        panic!("unreadable: {e}")
    })
    .unwrap();
    assert_eq!(summary.failed, 0);
    assert!(summary.processed > 0);
    eval::score(&eval::load_gold(gold).expect("gold parses"), &system)
}

fn f1(s: &eval::Score) -> f64 {
    s.f1.expect("kind present in gold or system")
}

#[test]
fn seed_article_facts_are_all_right() {
    let r = score(
        &root().join("../shared/eval/dev"),
        &root().join("corpus/000_439f4ac286a5338c.txt"),
    );
    for (kind, s) in [
        ("result", &r.result),
        ("turnout", &r.turnout),
        ("margin", &r.margin),
    ] {
        assert_eq!(f1(s), 1.0, "{kind}: {r}");
    }
    assert_eq!(f1(&r.mentions), 1.0, "mentions: {r}");
}

/// Floors at the level reached so far on the project's own gold; raise them
/// as linking improves, never lower them.
#[test]
fn own_corpus_floors() {
    let r = score(&root().join("tests/gold"), &root().join("corpus"));
    assert_eq!(f1(&r.overall), 1.0, "overall: {r}");
    assert!(f1(&r.mentions) >= 0.98, "mentions: {r}");
    // A wrong attachment costs more than a miss: precision first, per kind.
    for (kind, s) in [
        ("result", &r.result),
        ("turnout", &r.turnout),
        ("margin", &r.margin),
        ("poll", &r.poll),
    ] {
        assert!(f1(s) >= 0.95, "{kind}: {r}");
        assert!(s.precision.unwrap_or(0.0) >= 0.97, "{kind} precision: {r}");
    }
}

#[test]
fn articles_without_election_figures_give_no_facts() {
    let pipeline = pipeline();
    for doc in [
        "budget-departement-deux-sevres-2023",
        "travaux-route-loudun-mirebeau",
        "football-chamois-niortais-laval",
    ] {
        let path = root().join("corpus").join(format!("{doc}.txt"));
        let (values, _) = corpus::extract_values(pipeline, &[path], |e| panic!("{e}")).unwrap();
        let facts: Vec<_> = values.iter().filter(|v| v["kind"] != "mentions").collect();
        assert!(facts.is_empty(), "{doc}: {facts:?}");
    }
}
