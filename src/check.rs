//! Cross-checks: extracted département-level presidential figures against
//! official results, keeping every figure that differs from the official
//! one by more than its own rounding. A difference is a press error or an
//! extraction error; the sentence tells which.
//!
//! The official file is tab-separated with a header line naming at least
//! `year`, `round`, `dep_code_insee`, `registered`, `voters`, `expressed`,
//! `cand_surname`, `cand_first_name` and `votes`, one line per candidate
//! and département (`abstentions` is used when present), as
//! `../shared/data/interieur-resultats/presidentielle_2017_2022_departements.tsv`.

use rustc_hash::FxHashMap;
use serde::Serialize;
use serde_json::Value;

use crate::fold::fold;

/// One département's official results for one round.
#[derive(Debug, Clone, Default)]
struct Official {
    name: String,
    registered: u64,
    voters: u64,
    expressed: u64,
    abstentions: Option<u64>,
    /// Folded `first surname` and surname, with votes.
    candidates: Vec<(String, String, u64)>,
}

/// Official results by (year, round, `dep:` code).
#[derive(Debug, Clone, Default)]
pub struct Results(FxHashMap<(u16, u8, String), Official>);

/// A figure that differs from the official one by more than its rounding.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Discrepancy {
    /// Document id.
    pub doc: String,
    /// Article date.
    pub date: Option<String>,
    /// Département code (`dep:79`).
    pub place: String,
    /// Département name, as in the official file.
    pub place_name: String,
    /// Election year.
    pub year: u16,
    /// Round.
    pub round: u8,
    /// Competitor, for a result.
    pub subject: Option<String>,
    /// The record field (`share`, `votes`, `voters`, `turnout_pct`...).
    pub field: String,
    /// The figure the article gives.
    pub stated: f64,
    /// The official figure (per cents to two decimals).
    pub official: f64,
    /// How far the stated figure may be from the official one by rounding.
    pub tolerance: f64,
    /// The sentence.
    pub sentence: String,
    /// The rule that read the fact.
    pub rule: String,
}

/// What a check did.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Outcome {
    /// Figures compared with an official one.
    pub compared: usize,
    /// Those that differ by more than their rounding.
    pub discrepancies: Vec<Discrepancy>,
}

impl Results {
    /// Reads an official results file (see the module docs).
    pub fn parse(text: &str) -> Result<Results, String> {
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().ok_or("empty file")?.split('\t').collect();
        let col = |name: &str| {
            header
                .iter()
                .position(|h| h.trim() == name)
                .ok_or_else(|| format!("no `{name}` column in the header"))
        };
        let [
            year,
            round,
            dep,
            registered,
            voters,
            expressed,
            surname,
            first,
            votes,
        ] = [
            "year",
            "round",
            "dep_code_insee",
            "registered",
            "voters",
            "expressed",
            "cand_surname",
            "cand_first_name",
            "votes",
        ]
        .map(col);
        let (year, round, dep, registered, voters) = (year?, round?, dep?, registered?, voters?);
        let (expressed, surname, first, votes) = (expressed?, surname?, first?, votes?);
        let (name, abstentions) = (col("dep_name").ok(), col("abstentions").ok());
        let mut out = Results::default();
        for (n, line) in lines.enumerate() {
            let cells: Vec<&str> = line.split('\t').collect();
            let line_no = n + 2;
            let cell = |i: usize| {
                cells
                    .get(i)
                    .copied()
                    .ok_or_else(|| format!("line {line_no}: too few columns"))
            };
            let number = |i: usize| {
                let c = cell(i)?;
                c.trim()
                    .parse::<u64>()
                    .map_err(|_| format!("line {line_no}: `{c}` is not a whole number"))
            };
            if cell(dep)?.is_empty() {
                continue;
            }
            let key = (
                number(year)? as u16,
                number(round)? as u8,
                format!("dep:{}", cell(dep)?),
            );
            let o = out.0.entry(key).or_insert_with(|| Official {
                name: name.and_then(|i| cells.get(i)).unwrap_or(&"").to_string(),
                ..Official::default()
            });
            o.registered = number(registered)?;
            o.voters = number(voters)?;
            o.expressed = number(expressed)?;
            o.abstentions = abstentions.map(number).transpose()?;
            let surname_folded = fold(cell(surname)?.trim());
            let full = format!("{} {surname_folded}", fold(cell(first)?.trim()));
            o.candidates.push((full, surname_folded, number(votes)?));
        }
        Ok(out)
    }

    /// Compares the records' département-level presidential figures.
    pub fn check<'a>(&self, records: impl IntoIterator<Item = &'a Value>) -> Outcome {
        let mut out = Outcome::default();
        for r in records {
            if r["election"]["type"] != "presidentielle" {
                continue;
            }
            let (Some(year), Some(round), Some(place)) = (
                r["election"]["year"].as_u64(),
                r["round"].as_u64(),
                r["place"]["code"].as_str(),
            ) else {
                continue;
            };
            let key = (year as u16, round as u8, place.to_string());
            let Some(o) = self.0.get(&key) else {
                continue;
            };
            let subject = r["subject"]["name"].as_str();
            for (field, official) in official_values(r, o) {
                let Some(stated) = r.get(field).and_then(Value::as_f64) else {
                    continue;
                };
                out.compared += 1;
                let tolerance = tolerance(&r[field], r["approx"] == true);
                if (stated - official).abs() <= tolerance {
                    continue;
                }
                out.discrepancies.push(Discrepancy {
                    doc: r["doc"].as_str().unwrap_or_default().to_string(),
                    date: r["date"].as_str().map(String::from),
                    place: place.to_string(),
                    place_name: o.name.clone(),
                    year: key.0,
                    round: key.1,
                    subject: subject.map(String::from),
                    field: field.to_string(),
                    stated,
                    official: (official * 100.0).round() / 100.0,
                    tolerance,
                    sentence: r["evidence"]["sentence"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                    rule: r["evidence"]["rule"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                });
            }
        }
        out
    }
}

/// The official value of each field a record may state.
fn official_values(r: &Value, o: &Official) -> Vec<(&'static str, f64)> {
    let pct = |n: u64, of: u64| {
        if of == 0 {
            0.0
        } else {
            n as f64 * 100.0 / of as f64
        }
    };
    match r["kind"].as_str() {
        Some("result") => {
            let Some(name) = r["subject"]["name"].as_str() else {
                return Vec::new();
            };
            let name = fold(name);
            let by_full = o.candidates.iter().find(|c| c.0 == name);
            let mut by_surname = o.candidates.iter().filter(|c| c.1 == name);
            let found =
                by_full.or_else(|| by_surname.next().filter(|_| by_surname.next().is_none()));
            match found {
                Some((_, _, votes)) => vec![
                    ("votes", *votes as f64),
                    ("share", pct(*votes, o.expressed)),
                ],
                None => Vec::new(),
            }
        }
        Some("turnout") => {
            let abstentions = o
                .abstentions
                .unwrap_or(o.registered.saturating_sub(o.voters));
            vec![
                ("voters", o.voters as f64),
                ("registered", o.registered as f64),
                ("expressed", o.expressed as f64),
                ("turnout_pct", pct(o.voters, o.registered)),
                ("abstention_pct", pct(abstentions, o.registered)),
            ]
        }
        _ => Vec::new(),
    }
}

/// Half a unit of the last digit a figure is stated with (a whole unit
/// when stated approximately); a count ending in zeros is taken as rounded
/// only when approximate.
fn tolerance(v: &Value, approx: bool) -> f64 {
    let text = v.to_string();
    let unit = match text.split_once('.') {
        // Records hold numbers: `62 %` is written 62.0.
        Some((_, "0")) => 1.0,
        Some((_, decimals)) => 10f64.powi(-(decimals.len() as i32)),
        None if approx => {
            let zeros = text.len() - text.trim_end_matches('0').len();
            10f64.powi(zeros as i32)
        }
        None => 1.0,
    };
    let half = if approx { unit } else { unit / 2.0 };
    // Binary fractions: 38.15 is not quite 38.15.
    half + 1e-9
}

impl std::fmt::Display for Outcome {
    /// A table for a reader: one line per discrepancy, then the counts.
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        if !self.discrepancies.is_empty() {
            writeln!(
                f,
                "doc\tplace\tyear\tround\tsubject\tfield\tstated\tofficial\tsentence"
            )?;
        }
        for d in &self.discrepancies {
            writeln!(
                f,
                "{}\t{} {}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                d.doc,
                d.place,
                d.place_name,
                d.year,
                d.round,
                d.subject.as_deref().unwrap_or("-"),
                d.field,
                d.stated,
                d.official,
                d.sentence.replace(['\n', '\t'], " ")
            )?;
        }
        writeln!(
            f,
            "{} figures compared with official results, {} differ by more than their rounding",
            self.compared,
            self.discrepancies.len()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFICIAL: &str = "year\tround\tdep_code\tdep_code_insee\tdep_name\tregistered\tabstentions\tvoters\tblank\tnull\texpressed\tcand_sex\tcand_surname\tcand_first_name\tvotes\n\
        2017\t1\t79\t79\tDeux-Sèvres\t1000\t200\t800\t10\t10\t780\tM\tMACRON\tEmmanuel\t300\n\
        2017\t1\t79\t79\tDeux-Sèvres\t1000\t200\t800\t10\t10\t780\tM\tMÉLENCHON\tJean-Luc\t480\n";

    fn result(name: &str, share: f64) -> Value {
        serde_json::json!({"doc": "a", "kind": "result", "place": {"code": "dep:79"},
            "subject": {"name": name}, "share": share, "approx": false, "round": 1,
            "election": {"type": "presidentielle", "year": 2017},
            "evidence": {"sentence": "s", "rule": "r"}})
    }

    #[test]
    fn a_share_off_by_more_than_its_rounding_is_listed() {
        let official = Results::parse(OFFICIAL).unwrap();
        // 300 / 780 = 38.46 %; 480 / 780 = 61.54 %.
        let records = [
            result("Emmanuel Macron", 38.5),
            result("Emmanuel Macron", 38.46),
            result("Jean-Luc Melenchon", 61.6),
            result("Mélenchon", 62.1),
            result("Mélenchon", 62.0),
        ];
        let out = official.check(&records);
        assert_eq!(out.compared, 5);
        let stated: Vec<f64> = out.discrepancies.iter().map(|d| d.stated).collect();
        assert_eq!(stated, [61.6, 62.1], "62 % is 61.54 rounded");
        assert_eq!(out.discrepancies[0].official, 61.54);
    }

    #[test]
    fn turnout_counts_and_rates_are_checked() {
        let official = Results::parse(OFFICIAL).unwrap();
        let turnout = serde_json::json!({"doc": "a", "kind": "turnout", "place": {"code": "dep:79"},
            "voters": 801, "turnout_pct": 80.0, "approx": false, "round": 1,
            "election": {"type": "presidentielle", "year": 2017}, "evidence": {}});
        let out = official.check([&turnout]);
        assert_eq!(out.compared, 2);
        assert_eq!(out.discrepancies.len(), 1);
        assert_eq!(out.discrepancies[0].field, "voters");
    }

    #[test]
    fn a_file_without_the_columns_says_which() {
        let e = Results::parse("year\tround\n2017\t1\n").unwrap_err();
        assert!(e.contains("dep_code_insee"), "{e}");
    }
}
