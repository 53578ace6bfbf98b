//! Coverage: what an archive reports, place by place, competitor by
//! competitor, election by election, month by month and source by source,
//! and where it reports nothing.
//!
//! It reads records, not articles: the facts and the `mentions` record of
//! each article, as the pipeline makes them or as `extract --mentions`
//! wrote them, so that a large archive is not processed twice. Counts for a
//! commune or a constituency also count for its département and its
//! région, and a département's for its région: an article that mentions
//! Niort mentions the Deux-Sèvres and Nouvelle-Aquitaine. Places the
//! gazetteer does not know as a commune, département, région or
//! constituency (`FR`, former régions, unknown areas) are not counted.

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use serde_json::Value;

use crate::gazetteer::{Gazetteer, PlaceKind};

pub mod html;

/// How many of the most populous communes the blind spots look at.
pub const TOP_COMMUNES: usize = 100;

/// What a place is, as counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A current région.
    Region,
    /// A département.
    Departement,
    /// A legislative constituency.
    Constituency,
    /// A canton.
    Canton,
    /// A commune, former commune or municipal arrondissement.
    Commune,
}

/// One place's counts.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct PlaceRow {
    /// Code (`dep:79`, `com:79191`, `circ:79-01`, `canton:niort-1`, `reg:75`).
    pub code: String,
    /// Name.
    pub name: String,
    /// What it is.
    pub level: Option<Level>,
    /// Its département, itself for a département.
    pub dep: String,
    /// Its région, itself for a région.
    pub reg: String,
    /// Legal population, 0 when unknown.
    pub population: u64,
    /// Articles that mention it or a place within it.
    pub articles: usize,
    /// Articles that report a figure for it or a place within it.
    pub articles_with_figures: usize,
    /// Facts for it or a place within it.
    pub facts: usize,
    /// Facts for the place itself.
    pub facts_own: usize,
    /// Date of the first article that mentions it.
    pub first_date: Option<String>,
    /// Date of the last article that mentions it.
    pub last_date: Option<String>,
}

/// One competitor's counts.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct CompetitorRow {
    /// Name of the person or party.
    pub name: String,
    /// Party abbreviation, empty when unknown.
    pub party: String,
    /// Facts about it (results, polls, margins it leads or trails).
    pub facts: usize,
    /// Articles with such facts.
    pub articles: usize,
    /// Distinct places of those facts.
    pub places: usize,
    /// Date of the first such article.
    pub first_date: Option<String>,
    /// Date of the last such article.
    pub last_date: Option<String>,
}

/// One election and round's counts.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct ElectionRow {
    /// `presidentielle`, `legislatives`...; empty when not known.
    pub election_type: String,
    /// Year, when known.
    pub year: Option<u16>,
    /// Round, when known.
    pub round: Option<u8>,
    /// Facts.
    pub facts: usize,
    /// Articles with such facts.
    pub articles: usize,
    /// Distinct places of those facts.
    pub places: usize,
    /// Date of the first such article.
    pub first_date: Option<String>,
    /// Date of the last such article.
    pub last_date: Option<String>,
}

/// Counts per month, or per source.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct GroupRow {
    /// The month (`2017-04`, empty for undated articles) or the source
    /// (empty when unknown).
    pub key: String,
    /// Articles.
    pub articles: usize,
    /// Articles with at least one fact.
    pub articles_with_figures: usize,
    /// Facts.
    pub facts: usize,
}

/// A place with no figure for an election the archive reports on.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BlindSpot {
    /// Election type.
    pub election_type: String,
    /// Election year.
    pub year: u16,
    /// Place code.
    pub code: String,
    /// Place name.
    pub name: String,
    /// `departement` or `commune`.
    pub level: Level,
    /// Legal population.
    pub population: u64,
    /// Articles that mention it anyway (any election).
    pub articles: usize,
}

/// Totals of a coverage run.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Totals {
    /// Articles.
    pub articles: usize,
    /// Articles with at least one fact.
    pub articles_with_figures: usize,
    /// Facts.
    pub facts: usize,
    /// Articles without a date.
    pub undated: usize,
}

/// The tables of a coverage report.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Report {
    /// Totals.
    pub totals: Totals,
    /// Régions and départements (all of them), constituencies and
    /// communes (those counted).
    pub places: Vec<PlaceRow>,
    /// Competitors, most facts first.
    pub competitors: Vec<CompetitorRow>,
    /// Elections and rounds.
    pub elections: Vec<ElectionRow>,
    /// Months, in order.
    pub months: Vec<GroupRow>,
    /// Sources, in order.
    pub sources: Vec<GroupRow>,
    /// Départements and most populous communes without a figure, per
    /// election present in the archive.
    pub blind_spots: Vec<BlindSpot>,
}

#[derive(Default)]
struct Dated {
    articles: usize,
    first: Option<String>,
    last: Option<String>,
}

impl Dated {
    fn see(&mut self, date: Option<&str>) {
        self.articles += 1;
        if let Some(d) = date {
            if self.first.as_deref().is_none_or(|f| d < f) {
                self.first = Some(d.to_string());
            }
            if self.last.as_deref().is_none_or(|l| d > l) {
                self.last = Some(d.to_string());
            }
        }
    }
}

#[derive(Default)]
struct Tally {
    facts: usize,
    places: FxHashSet<String>,
    dated: Dated,
}

/// Counts records article by article; [`Coverage::report`] gives the
/// tables.
pub struct Coverage<'g> {
    g: &'g Gazetteer,
    index: FxHashMap<&'g str, usize>,
    places: BTreeMap<String, PlaceRow>,
    place_dates: FxHashMap<String, Dated>,
    competitors: BTreeMap<(String, String), Tally>,
    elections: BTreeMap<(String, Option<u16>, Option<u8>), Tally>,
    months: BTreeMap<String, GroupRow>,
    sources: BTreeMap<String, GroupRow>,
    covered: FxHashSet<(String, u16, String)>,
    totals: Totals,
}

impl<'g> Coverage<'g> {
    /// Starts with every région and département at zero.
    pub fn new(g: &'g Gazetteer) -> Coverage<'g> {
        let index = g
            .places
            .iter()
            .enumerate()
            .filter(|(_, p)| level_of(p.kind).is_some())
            .map(|(i, p)| (p.code.as_str(), i))
            .collect();
        let mut c = Coverage {
            g,
            index,
            places: BTreeMap::new(),
            place_dates: FxHashMap::default(),
            competitors: BTreeMap::new(),
            elections: BTreeMap::new(),
            months: BTreeMap::new(),
            sources: BTreeMap::new(),
            covered: FxHashSet::default(),
            totals: Totals::default(),
        };
        for p in &g.places {
            if matches!(p.kind, PlaceKind::Departement | PlaceKind::Region) {
                c.row(&p.code);
            }
        }
        c
    }

    /// The row of a place, made on first sight; `None` for a place that
    /// is not counted.
    fn row(&mut self, code: &str) -> Option<&mut PlaceRow> {
        if !self.places.contains_key(code) {
            let row = self.describe(code)?;
            self.places.insert(code.to_string(), row);
        }
        self.places.get_mut(code)
    }

    fn describe(&self, code: &str) -> Option<PlaceRow> {
        if let Some(rest) = code.strip_prefix("circ:") {
            let (dep, n) = rest.split_once('-')?;
            let d = &self.g.places[*self.index.get(format!("dep:{dep}").as_str())?];
            let n: u8 = n.parse().ok()?;
            let suffix = if n == 1 { "re" } else { "e" };
            return Some(PlaceRow {
                code: code.to_string(),
                name: format!("{n}{suffix} circonscription, {}", d.name),
                level: Some(Level::Constituency),
                dep: d.code.clone(),
                reg: prefixed("reg", &d.reg),
                ..PlaceRow::default()
            });
        }
        let p = &self.g.places[*self.index.get(code)?];
        let level = level_of(p.kind)?;
        Some(PlaceRow {
            code: p.code.clone(),
            name: p.name.clone(),
            level: Some(level),
            dep: prefixed("dep", &p.dep),
            reg: if level == Level::Region {
                p.code.clone()
            } else {
                prefixed("reg", &p.reg)
            },
            population: p.population,
            ..PlaceRow::default()
        })
    }

    /// A counted place and the places it lies in, or nothing.
    fn within(&mut self, code: &str) -> Vec<String> {
        let Some(row) = self.row(code) else {
            return Vec::new();
        };
        let mut codes = vec![row.code.clone()];
        for up in [row.dep.clone(), row.reg.clone()] {
            if !up.is_empty() && !codes.contains(&up) && self.row(&up).is_some() {
                codes.push(up);
            }
        }
        codes
    }

    /// Counts one article from its records (its facts and its `mentions`
    /// record, if any); `source` is used when no record carries
    /// `meta.source`.
    pub fn add_article(&mut self, records: &[Value], source: Option<&str>) {
        let date = records.iter().find_map(|r| r["date"].as_str());
        let source = records
            .iter()
            .find_map(|r| r["meta"]["source"].as_str())
            .or(source);
        let facts: Vec<&Value> = records.iter().filter(|r| r["kind"] != "mentions").collect();
        self.totals.articles += 1;
        self.totals.facts += facts.len();
        self.totals.undated += usize::from(date.is_none());
        self.totals.articles_with_figures += usize::from(!facts.is_empty());
        let month = date.and_then(|d| d.get(..7)).unwrap_or_default();
        for (map, key) in [
            (&mut self.months, month),
            (&mut self.sources, source.unwrap_or_default()),
        ] {
            let row = map.entry(key.to_string()).or_insert_with(|| GroupRow {
                key: key.to_string(),
                ..GroupRow::default()
            });
            row.articles += 1;
            row.articles_with_figures += usize::from(!facts.is_empty());
            row.facts += facts.len();
        }

        let mut mentioned: BTreeSet<String> = BTreeSet::new();
        let mut reported: BTreeSet<String> = BTreeSet::new();
        let named = records
            .iter()
            .filter(|r| r["kind"] == "mentions")
            .flat_map(|r| r["places"].as_array().into_iter().flatten())
            .filter_map(Value::as_str);
        for code in named.collect::<Vec<_>>() {
            mentioned.extend(self.within(code));
        }
        let mut competitors = BTreeSet::new();
        let mut elections = BTreeSet::new();
        for f in &facts {
            let code = f["place"]["code"].as_str().unwrap_or_default();
            let within = self.within(code);
            if let Some(row) = self.row(code) {
                row.facts_own += 1;
            }
            for c in &within {
                if let Some(row) = self.places.get_mut(c) {
                    row.facts += 1;
                }
            }
            let election = &f["election"];
            let kind = election["type"].as_str().unwrap_or_default().to_string();
            let year = election["year"]
                .as_u64()
                .and_then(|y| u16::try_from(y).ok());
            let round = f["round"].as_u64().and_then(|r| u8::try_from(r).ok());
            if let (false, Some(year)) = (kind.is_empty(), year) {
                for c in &within {
                    self.covered.insert((kind.clone(), year, c.clone()));
                }
            }
            let key = (kind, year, round);
            let tally = self.elections.entry(key.clone()).or_default();
            tally.facts += 1;
            tally.places.insert(code.to_string());
            elections.insert(key);
            for who in ["subject", "leader", "trailer"] {
                let Some(name) = f[who]["name"].as_str() else {
                    continue;
                };
                let party = f[who]["party"].as_str().unwrap_or_default();
                let key = (name.to_string(), party.to_string());
                let tally = self.competitors.entry(key.clone()).or_default();
                tally.facts += 1;
                tally.places.insert(code.to_string());
                competitors.insert(key);
            }
            reported.extend(within);
        }
        for key in competitors {
            if let Some(t) = self.competitors.get_mut(&key) {
                t.dated.see(date);
            }
        }
        for key in elections {
            if let Some(t) = self.elections.get_mut(&key) {
                t.dated.see(date);
            }
        }
        mentioned.extend(reported.iter().cloned());
        for code in &mentioned {
            self.place_dates.entry(code.clone()).or_default().see(date);
        }
        for code in &reported {
            if let Some(row) = self.places.get_mut(code) {
                row.articles_with_figures += 1;
            }
        }
    }

    /// Reads records written by `extract --mentions`: the lines of one
    /// article follow one another and its `mentions` record comes last.
    pub fn add_records(&mut self, input: impl BufRead) -> Result<(), String> {
        let mut article: Vec<Value> = Vec::new();
        for (n, line) in input.lines().enumerate() {
            let line = line.map_err(|e| e.to_string())?;
            if line.trim().is_empty() {
                continue;
            }
            let r: Value = serde_json::from_str(&line)
                .map_err(|e| format!("line {}: not a record: {e}", n + 1))?;
            if r["doc"].as_str().is_none() {
                return Err(format!("line {}: a record without `doc`", n + 1));
            }
            if article.first().is_some_and(|a| a["doc"] != r["doc"]) {
                self.add_article(&article, None);
                article.clear();
            }
            let ends = r["kind"] == "mentions";
            article.push(r);
            if ends {
                self.add_article(&article, None);
                article.clear();
            }
        }
        if !article.is_empty() {
            self.add_article(&article, None);
        }
        Ok(())
    }

    /// The tables.
    pub fn report(&self) -> Report {
        let mut places: Vec<PlaceRow> = self
            .places
            .values()
            .map(|row| {
                let mut row = row.clone();
                if let Some(d) = self.place_dates.get(&row.code) {
                    row.articles = d.articles;
                    row.first_date = d.first.clone();
                    row.last_date = d.last.clone();
                }
                row
            })
            .filter(|row| {
                matches!(row.level, Some(Level::Region | Level::Departement)) || row.articles > 0
            })
            .collect();
        places.sort_by(|a, b| (a.level, &a.code).cmp(&(b.level, &b.code)));
        let mut competitors: Vec<CompetitorRow> = self
            .competitors
            .iter()
            .map(|((name, party), t)| CompetitorRow {
                name: name.clone(),
                party: party.clone(),
                facts: t.facts,
                articles: t.dated.articles,
                places: t.places.len(),
                first_date: t.dated.first.clone(),
                last_date: t.dated.last.clone(),
            })
            .collect();
        competitors.sort_by(|a, b| b.facts.cmp(&a.facts).then_with(|| a.name.cmp(&b.name)));
        let elections = self
            .elections
            .iter()
            .map(|((kind, year, round), t)| ElectionRow {
                election_type: kind.clone(),
                year: *year,
                round: *round,
                facts: t.facts,
                articles: t.dated.articles,
                places: t.places.len(),
                first_date: t.dated.first.clone(),
                last_date: t.dated.last.clone(),
            })
            .collect();
        Report {
            totals: self.totals.clone(),
            places,
            competitors,
            elections,
            months: self.months.values().cloned().collect(),
            sources: self.sources.values().cloned().collect(),
            blind_spots: self.blind_spots(),
        }
    }

    fn blind_spots(&self) -> Vec<BlindSpot> {
        let present: BTreeSet<(&str, u16)> = self
            .elections
            .keys()
            .filter_map(|(kind, year, _)| Some((kind.as_str(), (*year)?)))
            .filter(|(kind, _)| !kind.is_empty())
            .collect();
        let mut communes: Vec<_> = self
            .g
            .places
            .iter()
            .filter(|p| p.kind == PlaceKind::Commune)
            .collect();
        communes.sort_by(|a, b| b.population.cmp(&a.population).then(a.code.cmp(&b.code)));
        communes.truncate(TOP_COMMUNES);
        let deps = self
            .g
            .places
            .iter()
            // Uninhabited territories (TAAF, Clipperton) have no voters.
            .filter(|p| p.kind == PlaceKind::Departement && p.population > 0);
        let watched: Vec<_> = deps.chain(communes).collect();
        let mut out = Vec::new();
        for (kind, year) in present {
            for p in &watched {
                if self
                    .covered
                    .contains(&(kind.to_string(), year, p.code.clone()))
                {
                    continue;
                }
                out.push(BlindSpot {
                    election_type: kind.to_string(),
                    year,
                    code: p.code.clone(),
                    name: p.name.clone(),
                    level: level_of(p.kind).unwrap_or(Level::Commune),
                    population: p.population,
                    articles: self.place_dates.get(&p.code).map_or(0, |d| d.articles),
                });
            }
        }
        out
    }
}

impl Report {
    /// Each table as CSV (UTF-8, with a header), with its file name.
    pub fn csv_tables(&self) -> Result<Vec<(&'static str, Vec<u8>)>, String> {
        fn table<T: Serialize>(rows: &[T]) -> Result<Vec<u8>, String> {
            let mut w = csv::Writer::from_writer(Vec::new());
            for r in rows {
                w.serialize(r).map_err(|e| e.to_string())?;
            }
            w.into_inner().map_err(|e| e.to_string())
        }
        Ok(vec![
            ("places.csv", table(&self.places)?),
            ("competitors.csv", table(&self.competitors)?),
            ("elections.csv", table(&self.elections)?),
            ("months.csv", table(&self.months)?),
            ("sources.csv", table(&self.sources)?),
            ("blind_spots.csv", table(&self.blind_spots)?),
        ])
    }
}

/// The folder a document came from (`corpus` for `corpus/a.txt`, `dir`
/// for line 3 of `dir/a.jsonl`), for articles that carry no source.
pub fn folder_of(origin: &str) -> Option<String> {
    let parent = std::path::Path::new(origin).parent()?;
    let shown = parent.display().to_string();
    (!shown.is_empty()).then_some(shown)
}

fn level_of(kind: PlaceKind) -> Option<Level> {
    match kind {
        PlaceKind::Region => Some(Level::Region),
        PlaceKind::Departement => Some(Level::Departement),
        PlaceKind::Commune | PlaceKind::FormerCommune | PlaceKind::Arrondissement => {
            Some(Level::Commune)
        }
        PlaceKind::Canton => Some(Level::Canton),
        _ => None,
    }
}

fn prefixed(prefix: &str, code: &str) -> String {
    if code.is_empty() {
        String::new()
    } else {
        format!("{prefix}:{code}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commune_counts_for_its_departement_and_region() {
        let p = crate::Pipeline::new(&crate::patterns::Patterns::bundled()).unwrap();
        let mut c = Coverage::new(&p.gazetteer);
        let fact = serde_json::json!({"doc": "a", "date": "2017-04-24", "kind": "result",
            "place": {"code": "com:79191"}, "subject": {"name": "X", "party": "PS"}, "share": 30.0,
            "round": 1, "election": {"type": "presidentielle", "year": 2017}});
        let mentions = serde_json::json!({"doc": "a", "kind": "mentions", "places": ["com:86194"]});
        c.add_article(&[fact, mentions], Some("nr"));
        let r = c.report();
        let row = |code: &str| r.places.iter().find(|p| p.code == code).unwrap().clone();
        let niort = row("com:79191");
        assert_eq!(
            (niort.articles, niort.articles_with_figures, niort.facts_own),
            (1, 1, 1)
        );
        let dep = row("dep:79");
        assert_eq!((dep.articles, dep.facts, dep.facts_own), (1, 1, 0));
        assert_eq!(row("dep:86").articles_with_figures, 0);
        let reg = row("reg:75");
        assert_eq!(
            (reg.articles, reg.articles_with_figures, reg.facts),
            (1, 1, 1)
        );
        assert_eq!(r.sources[0].key, "nr");
        assert_eq!(r.months[0].key, "2017-04");
        assert!(r.blind_spots.iter().any(|b| b.code == "dep:86"));
        assert!(!r.blind_spots.iter().any(|b| b.code == "dep:79"));
        assert_eq!(folder_of("dir/a.jsonl:3").as_deref(), Some("dir"));
        assert_eq!(folder_of("<stdin>:3"), None);
    }
}
