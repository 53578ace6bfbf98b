//! `coverage` on the bundled corpus, each count checked against one
//! computed here from the records in the plainest way.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

use scrutin::Pipeline;
use scrutin::coverage::{Coverage, Report};
use scrutin::patterns::Patterns;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pipeline() -> Pipeline {
    Pipeline::new(&Patterns::bundled())
        .unwrap()
        .with_mentions(true)
}

/// The records of some articles, grouped by article, in input order.
fn articles(p: &Pipeline, paths: &[PathBuf]) -> Vec<Vec<Value>> {
    let (values, _) = scrutin::corpus::extract_values(p, paths, |e| panic!("{e}")).unwrap();
    let mut out: Vec<Vec<Value>> = Vec::new();
    let mut current = Vec::new();
    for v in values {
        let ends = v["kind"] == "mentions";
        current.push(v);
        if ends {
            out.push(std::mem::take(&mut current));
        }
    }
    assert!(current.is_empty(), "every article ends with its mentions");
    out
}

fn report_of(p: &Pipeline, articles: &[Vec<Value>]) -> Report {
    let mut c = Coverage::new(&p.gazetteer);
    for a in articles {
        c.add_article(a, None);
    }
    c.report()
}

/// Département of every commune and département, read from the pattern file.
fn dep_of_code() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(root().join("patterns/places.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let dep = cols.get(3).filter(|d| !d.is_empty())?;
            Some((cols[0].to_string(), format!("dep:{dep}")))
        })
        .collect()
}

fn facts(article: &[Value]) -> impl Iterator<Item = &Value> {
    article.iter().filter(|r| r["kind"] != "mentions")
}

fn row<'a>(r: &'a Report, code: &str) -> &'a scrutin::coverage::PlaceRow {
    r.places.iter().find(|p| p.code == code).unwrap()
}

#[test]
fn the_seed_articles_deux_sevres_row() {
    let p = pipeline();
    let seed = articles(&p, &[root().join("corpus/000_439f4ac286a5338c.txt")]);
    let r = report_of(&p, &seed);
    let in_79 = facts(&seed[0])
        .filter(|f| f["place"]["dep"] == "dep:79")
        .count();
    let own = facts(&seed[0])
        .filter(|f| f["place"]["code"] == "dep:79")
        .count();
    assert!(own > 0 && in_79 >= own, "{own} {in_79}");
    let dep = row(&r, "dep:79");
    assert_eq!((dep.articles, dep.articles_with_figures), (1, 1));
    assert_eq!((dep.facts, dep.facts_own), (in_79, own));
    assert_eq!(dep.first_date.as_deref(), Some("2017-01"));
    assert_eq!(row(&r, "dep:19").articles, 0, "Corrèze is not in it");
    assert_eq!(r.totals.facts, facts(&seed[0]).count());
}

#[test]
fn every_departement_row_of_the_corpus() {
    let p = pipeline();
    let all = articles(&p, &[root().join("corpus")]);
    let r = report_of(&p, &all);
    let dep_of = dep_of_code();
    let mut expected: BTreeMap<String, (BTreeSet<usize>, BTreeSet<usize>, usize)> = BTreeMap::new();
    for (i, a) in all.iter().enumerate() {
        for m in a.iter().filter(|r| r["kind"] == "mentions") {
            for code in m["places"].as_array().unwrap() {
                let dep = code.as_str().and_then(|c| {
                    dep_of.get(c).cloned().or_else(|| {
                        Some(format!(
                            "dep:{}",
                            c.strip_prefix("circ:")?.split('-').next()?
                        ))
                    })
                });
                if let Some(dep) = dep {
                    expected.entry(dep).or_default().0.insert(i);
                }
            }
        }
        for f in facts(a) {
            if let Some(dep) = f["place"]["dep"].as_str() {
                let e = expected.entry(dep.to_string()).or_default();
                e.0.insert(i);
                e.1.insert(i);
                e.2 += 1;
            }
        }
    }
    assert!(expected.len() > 5, "{expected:?}");
    let deps: Vec<_> = r
        .places
        .iter()
        .filter(|p| p.code.starts_with("dep:"))
        .collect();
    assert!(deps.len() >= 101, "every département has a row");
    for d in deps {
        let (mentioned, reported, n) = expected.remove(&d.code).unwrap_or_default();
        assert_eq!(
            (d.articles, d.articles_with_figures, d.facts),
            (mentioned.len(), reported.len(), n),
            "{}",
            d.code
        );
    }
    assert!(expected.is_empty(), "{expected:?}");
}

#[test]
fn competitors_elections_months_add_up() {
    let p = pipeline();
    let all = articles(&p, &[root().join("corpus")]);
    let r = report_of(&p, &all);
    let total: usize = all.iter().map(|a| facts(a).count()).sum();
    assert_eq!(r.totals.facts, total);
    assert_eq!(r.totals.articles, all.len());
    assert_eq!(r.elections.iter().map(|e| e.facts).sum::<usize>(), total);
    assert_eq!(r.months.iter().map(|m| m.facts).sum::<usize>(), total);
    assert_eq!(
        r.months.iter().map(|m| m.articles).sum::<usize>(),
        all.len()
    );
    let macron = r
        .competitors
        .iter()
        .find(|c| c.name == "Emmanuel Macron")
        .unwrap();
    let about_macron = |f: &&Value| {
        ["subject", "leader", "trailer"]
            .iter()
            .any(|w| f[*w]["name"] == "Emmanuel Macron")
    };
    let n: usize = all
        .iter()
        .map(|a| facts(a).filter(about_macron).count())
        .sum();
    let docs = all
        .iter()
        .filter(|a| facts(a).any(|f| about_macron(&f)))
        .count();
    assert_eq!((macron.facts, macron.articles), (n, docs));
    assert!(n > 5);
}

#[test]
fn blind_spots_are_the_departements_with_no_figure_for_an_election() {
    let p = pipeline();
    let all = articles(&p, &[root().join("corpus")]);
    let r = report_of(&p, &all);
    let mut covered: BTreeMap<(String, u64), BTreeSet<String>> = BTreeMap::new();
    for f in all.iter().flat_map(|a| facts(a)) {
        let (Some(kind), Some(year)) = (
            f["election"]["type"].as_str(),
            f["election"]["year"].as_u64(),
        ) else {
            continue;
        };
        let deps = covered.entry((kind.to_string(), year)).or_default();
        deps.extend(f["place"]["dep"].as_str().map(String::from));
    }
    let is_dep = |p: &&scrutin::coverage::PlaceRow| p.code.starts_with("dep:");
    let ndeps = r
        .places
        .iter()
        .filter(is_dep)
        .filter(|p| p.population > 0)
        .count();
    assert!(
        ndeps >= 101 && ndeps < r.places.iter().filter(is_dep).count(),
        "TAAF has no voters"
    );
    for ((kind, year), deps) in &covered {
        let blind: BTreeSet<&str> = r
            .blind_spots
            .iter()
            .filter(|b| b.election_type == *kind && u64::from(b.year) == *year)
            .filter(|b| b.code.starts_with("dep:"))
            .map(|b| b.code.as_str())
            .collect();
        assert_eq!(blind.len() + deps.len(), ndeps, "{kind} {year}");
        assert!(deps.iter().all(|d| !blind.contains(d.as_str())));
    }
    let text = std::fs::read_to_string(root().join("patterns/places.tsv")).unwrap();
    let mut populations: Vec<u64> = text
        .lines()
        .filter(|l| l.split('\t').nth(2) == Some("commune"))
        .map(|l| l.split('\t').nth(5).unwrap().parse().unwrap())
        .collect();
    populations.sort_unstable_by(|a, b| b.cmp(a));
    let hundredth = populations[99];
    for (kind, year) in covered.keys() {
        let communes: Vec<_> = r
            .blind_spots
            .iter()
            .filter(|b| b.election_type == *kind && u64::from(b.year) == *year)
            .filter(|b| b.code.starts_with("com:"))
            .collect();
        assert!(
            communes.len() <= 100 && communes.len() > 90,
            "{kind} {year}"
        );
        assert!(communes.iter().all(|b| b.population >= hundredth));
        assert!(communes.iter().any(|b| b.name == "Marseille"));
    }
}

#[test]
fn records_read_back_give_the_same_tables() {
    let bin = env!("CARGO_BIN_EXE_scrutin");
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records.jsonl");
    let run = |args: &[&str]| {
        let out = Command::new(bin).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["extract", "--mentions", "-o", records.to_str().unwrap()]);
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b"));
    run(&["coverage", "--json", a.to_str().unwrap()]);
    run(&[
        "coverage",
        "--records",
        records.to_str().unwrap(),
        "--csv",
        b.to_str().unwrap(),
    ]);
    let from_articles: Value = serde_json::from_slice(&std::fs::read(&a).unwrap()).unwrap();
    let p = pipeline();
    let mut c = Coverage::new(&p.gazetteer);
    c.add_records(std::io::BufReader::new(
        std::fs::File::open(&records).unwrap(),
    ))
    .unwrap();
    let from_records = serde_json::to_value(c.report()).unwrap();
    for table in [
        "totals",
        "places",
        "competitors",
        "elections",
        "months",
        "blind_spots",
    ] {
        assert_eq!(from_articles[table], from_records[table], "{table}");
    }
    assert_eq!(
        from_articles["sources"][0]["key"],
        root().join("corpus").display().to_string()
    );
    for table in [
        "places",
        "competitors",
        "elections",
        "months",
        "sources",
        "blind_spots",
    ] {
        let text = std::fs::read_to_string(b.join(format!("{table}.csv"))).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert!(reader.headers().unwrap().len() >= 4, "{table}");
        let rows = reader.records().map(Result::unwrap).count();
        assert_eq!(
            rows,
            from_records[table].as_array().unwrap().len(),
            "{table}"
        );
    }
}

/// Official figures computed here from the shared file, against `check`.
#[test]
fn check_lists_the_figures_that_differ_from_official_results() {
    let official =
        root().join("../shared/data/interieur-resultats/presidentielle_2017_2022_departements.tsv");
    let text = std::fs::read_to_string(&official).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the shared folder must sit beside the repository)",
            official.display()
        )
    });
    let results = scrutin::check::Results::parse(&text).unwrap();
    let p = pipeline();
    let all: Vec<Value> = articles(&p, &[root().join("corpus")]).concat();
    let out = results.check(&all);
    let comparable = all
        .iter()
        .filter(|r| r["election"]["type"] == "presidentielle" && r["round"].is_u64())
        .filter(|r| {
            r["place"]["code"]
                .as_str()
                .is_some_and(|c| c.starts_with("dep:"))
        })
        .filter(|r| matches!(r["election"]["year"].as_u64(), Some(2017 | 2022)))
        .count();
    assert!(
        out.compared >= comparable / 2 && out.compared > 10,
        "{} of {comparable}",
        out.compared
    );
    let d = out
        .discrepancies
        .iter()
        .find(|d| d.place == "dep:79" && d.year == 2022 && d.round == 1 && d.field == "share")
        .expect("a Deux-Sèvres share");
    let (mut votes, mut expressed) = (0.0, 0.0);
    let (first, surname) = d.subject.as_deref().unwrap().split_once(' ').unwrap();
    for line in text.lines() {
        let c: Vec<&str> = line.split('\t').collect();
        if c[0] == "2022"
            && c[1] == "1"
            && c[3] == "79"
            && c[13] == first
            && c[12].to_lowercase() == surname.to_lowercase()
        {
            votes = c[14].parse().unwrap();
            expressed = c[10].parse().unwrap();
        }
    }
    assert!(
        expressed > 0.0,
        "{first} {surname} found in the official file"
    );
    let share = votes * 100.0 / expressed;
    assert!((d.official - share).abs() < 0.006, "{} {share}", d.official);
    assert!((d.stated - share).abs() > 0.005);
    for d in &out.discrepancies {
        assert!((d.stated - d.official).abs() > d.tolerance - 0.006, "{d:?}");
    }
}

/// The HTML page: nothing fetched from elsewhere, a path per département
/// of the gazetteer, and the tables the JSON output has.
#[test]
fn the_html_page_stands_alone() {
    let bin = env!("CARGO_BIN_EXE_scrutin");
    let dir = tempfile::tempdir().unwrap();
    let (html, json) = (dir.path().join("r.html"), dir.path().join("r.json"));
    let out = Command::new(bin)
        .args(["coverage", "--html", html.to_str().unwrap(), "--json"])
        .arg(&json)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(&html).unwrap();
    let lower = page.to_lowercase();
    for attr in ["src", "href", "url("] {
        for quote in ["=\"", "='", "=", ""] {
            for scheme in ["http:", "https:", "//"] {
                let link = if attr == "url(" {
                    format!("url({scheme}")
                } else {
                    format!("{attr}{quote}{scheme}")
                };
                assert!(!lower.contains(&link), "{link}");
            }
        }
    }
    assert!(!lower.contains("<link") && !lower.contains("@import"));
    // Metropolitan départements and the five overseas ones, not the
    // overseas collectivities the gazetteer counts as such.
    let departements: BTreeSet<String> =
        std::fs::read_to_string(root().join("patterns/places.tsv"))
            .unwrap()
            .lines()
            .filter(|l| l.split('\t').nth(2) == Some("departement"))
            .map(|l| l.split('\t').next().unwrap().to_string())
            .filter(|c| {
                c.len() == 6
                    || ["dep:971", "dep:972", "dep:973", "dep:974", "dep:976"].contains(&c.as_str())
            })
            .collect();
    assert_eq!(departements.len(), 101);
    let drawn: Vec<&str> = page
        .split(r#"<path class="dep" data-code=""#)
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(drawn.len(), 101);
    let drawn: BTreeSet<String> = drawn.iter().map(|c| c.to_string()).collect();
    assert_eq!(drawn, departements);
    let start = r#"<script type="application/json" id="data">"#;
    let data = page
        .split(start)
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let embedded: Value = serde_json::from_str(data).unwrap();
    let written: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(embedded, written);
}
