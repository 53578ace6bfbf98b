//! `officials`: politicians as the press names them, with party, place, role
//! and year.
//!
//! Inputs (shared data folder):
//! - `interieur-resultats/legislatives_2017_2022_2024_candidats.tsv`: every
//!   legislative candidate of 2017, 2022 and 2024 (`depute` when elected in
//!   either round, else `candidat_legislatives`; place `circ:DD-NN`; party =
//!   Ministry nuance, or Le Monde's party in 2022 when the candidate is found
//!   in `lemonde-legislatives-2022/lemonde-fr-lsg22-nuances.tsv`);
//! - `rne/rne-maires.csv`: mayors (`maire`, `com:NNNNN`, 2022);
//! - `parrainages-2022/parrainages-2022.tsv`: the 2022 presidential sponsors,
//!   role and place coding from `mandates.tsv` next to `Cargo.toml`.
//!
//! `patterns/places.tsv` (made first) codes the communes, départements and
//! régions named by the sponsors list. Birth dates are never read.
//!
//! One row per (name, place, role, year), sorted in that order (byte order).

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::Write;
use std::path::Path;

use crate::places::check_cell;
use crate::text::{person_name, slug};

const MANDATES_TSV: &str = include_str!("../mandates.tsv");

const LEGISLATIVES: &str = "interieur-resultats/legislatives_2017_2022_2024_candidats.tsv";
const LEMONDE: &str = "lemonde-legislatives-2022/lemonde-fr-lsg22-nuances.tsv";
const RNE: &str = "rne/rne-maires.csv";
const PARRAINAGES: &str = "parrainages-2022/parrainages-2022.tsv";

/// Key of the output: name, place, role, year. The value is the party.
type Officials = BTreeMap<(String, String, String, String), String>;

/// A delimited file with a header, as rows of cells addressed by column name.
struct Table {
    what: String,
    columns: HashMap<String, usize>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn read(path: &Path, sep: char) -> Result<Table, String> {
        let what = path.display().to_string();
        let text = fs::read_to_string(path).map_err(|e| format!("cannot read {what}: {e}"))?;
        let mut lines = text.lines();
        let header = lines.next().ok_or_else(|| format!("{what}: empty file"))?;
        let columns: HashMap<String, usize> = header
            .split(sep)
            .enumerate()
            .map(|(i, c)| (c.to_owned(), i))
            .collect();
        let mut rows = Vec::new();
        for (n, line) in lines.enumerate() {
            if line == header {
                // The sponsors list repeats its header once in the middle.
                continue;
            }
            let cells: Vec<String> = line.split(sep).map(str::to_owned).collect();
            if cells.len() != columns.len() {
                return Err(format!(
                    "{what}:{}: expected {} cells",
                    n + 2,
                    columns.len()
                ));
            }
            rows.push(cells);
        }
        Ok(Table {
            what,
            columns,
            rows,
        })
    }

    /// Index of column `name`.
    fn col(&self, name: &str) -> Result<usize, String> {
        self.columns
            .get(name)
            .copied()
            .ok_or_else(|| format!("{}: no column {name:?}", self.what))
    }
}

/// Collapses runs of white space (including no-break spaces) to one space.
fn clean(s: &str) -> String {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Accent-folded slug, for matching the same person across files.
fn match_key(s: &str) -> String {
    slug(s).unwrap_or_else(|_| s.to_lowercase())
}

/// Adds one fact; a later non-empty party fills an empty one.
fn add(out: &mut Officials, name: String, place: String, role: &str, year: &str, party: &str) {
    let party = clean(party);
    let entry = out
        .entry((name, place, role.to_owned(), year.to_owned()))
        .or_default();
    if entry.is_empty() {
        *entry = party;
    }
}

/// Le Monde's party for each 2022 candidate, by (dep, circo, surname,
/// first name), and by (dep, circo, surname) when that is unique.
fn lemonde_parties(path: &Path) -> Result<HashMap<String, String>, String> {
    let t = Table::read(path, '\t')?;
    let [dep, circo, nom, prenom, parti] = [
        t.col("dep")?,
        t.col("circo")?,
        t.col("nom")?,
        t.col("prenom")?,
        t.col("parti_lemonde")?,
    ];
    let mut by_key: HashMap<String, String> = HashMap::new();
    let mut by_surname: HashMap<String, Option<String>> = HashMap::new();
    for r in &t.rows {
        let party = clean(&r[parti]);
        if party.is_empty() {
            continue;
        }
        let place = format!("{}|{}|{}", r[dep], r[circo], match_key(&r[nom]));
        by_key.insert(format!("{place}|{}", match_key(&r[prenom])), party.clone());
        by_surname
            .entry(place)
            .and_modify(|p| *p = None)
            .or_insert(Some(party));
    }
    by_key.extend(by_surname.into_iter().filter_map(|(k, p)| Some((k, p?))));
    Ok(by_key)
}

/// The département code used in `circ:` codes: INSEE code, `99` for the
/// French abroad (`ZZ`), `977` for Saint-Barthélemy and Saint-Martin (`ZX`).
fn circ_dep(ministry: &str, insee: &str) -> Option<String> {
    match (ministry, insee) {
        (_, d) if !d.is_empty() => Some(d.to_owned()),
        ("ZZ", _) => Some("99".to_owned()),
        ("ZX", _) => Some("977".to_owned()),
        _ => None,
    }
}

fn legislatives(shared: &Path, out: &mut Officials) -> Result<usize, String> {
    let lemonde = lemonde_parties(&shared.join(LEMONDE))?;
    let t = Table::read(&shared.join(LEGISLATIVES), '\t')?;
    let [year, dep, dep_insee, circo, surname, first, nuance, elected] = [
        t.col("year")?,
        t.col("dep_code")?,
        t.col("dep_code_insee")?,
        t.col("circo")?,
        t.col("surname")?,
        t.col("first_name")?,
        t.col("nuance")?,
        t.col("elected")?,
    ];
    // (name, place, year) -> (party, elected in some round).
    let mut people: BTreeMap<(String, String, String), (String, bool)> = BTreeMap::new();
    for r in &t.rows {
        let Some(name) = person_name(&r[first], &r[surname]) else {
            continue;
        };
        let d = circ_dep(&r[dep], &r[dep_insee])
            .ok_or_else(|| format!("{LEGISLATIVES}: no département code for {:?}", r[dep]))?;
        let place = format!("circ:{d}-{}", r[circo]);
        let mut party = r[nuance].clone();
        if r[year] == "2022" {
            let lm_dep = if r[dep] == "ZZ" { "99" } else { &r[dep] };
            let key = format!("{lm_dep}|{}|{}", r[circo], match_key(&r[surname]));
            let full = format!("{key}|{}", match_key(&r[first]));
            if let Some(p) = lemonde.get(&full).or_else(|| lemonde.get(&key)) {
                party = p.clone();
            }
        }
        let e = people
            .entry((name, place, r[year].clone()))
            .or_insert((party, false));
        e.1 |= r[elected] == "1";
    }
    let n = people.len();
    for ((name, place, year), (party, elected)) in people {
        let role = if elected {
            "depute"
        } else {
            "candidat_legislatives"
        };
        add(out, name, place, role, &year, &party);
    }
    Ok(n)
}

fn mayors(shared: &Path, out: &mut Officials) -> Result<usize, String> {
    let t = Table::read(&shared.join(RNE), ';')?;
    let [code, surname, first] = [
        t.col("Code de la commune")?,
        t.col("Nom de l'élu")?,
        t.col("Prénom de l'élu")?,
    ];
    let mut n = 0;
    for r in &t.rows {
        let Some(name) = person_name(&r[first], &r[surname]) else {
            continue;
        };
        if r[code].len() != 5 {
            return Err(format!("{RNE}: bad commune code {:?}", r[code]));
        }
        add(out, name, format!("com:{}", r[code]), "maire", "2022", "");
        n += 1;
    }
    Ok(n)
}

/// The places of `patterns/places.tsv`, by slug, for coding the sponsors'
/// places.
struct Cog {
    /// Département slug to code.
    deps: HashMap<String, String>,
    /// Région slug to code.
    regs: HashMap<String, String>,
    /// (département code, commune slug) to the codes of that name, by rank:
    /// current communes, then communes déléguées and associées, then former
    /// communes (those merged since the sponsors list was published).
    communes: HashMap<(String, String), [Vec<String>; 3]>,
}

impl Cog {
    fn read(places: &Path) -> Result<Cog, String> {
        let what = places.display().to_string();
        let text = fs::read_to_string(places).map_err(|e| format!("cannot read {what}: {e}"))?;
        let (mut deps, mut regs) = (HashMap::new(), HashMap::new());
        let mut communes: HashMap<(String, String), [Vec<String>; 3]> = HashMap::new();
        for (n, line) in text.lines().enumerate().skip(1) {
            let c: Vec<&str> = line.split('\t').collect();
            let [code, name, kind, dep, ..] = c[..] else {
                return Err(format!("{what}:{}: too few columns", n + 1));
            };
            let rank = match kind {
                "departement" => {
                    deps.insert(slug(name)?, dep.to_owned());
                    continue;
                }
                "region" => {
                    regs.insert(slug(name)?, code["reg:".len()..].to_owned());
                    continue;
                }
                "commune" => 0,
                "commune_deleguee" | "commune_associee" => 1,
                "ancienne_commune" => 2,
                _ => continue,
            };
            communes.entry((dep.to_owned(), slug(name)?)).or_default()[rank].push(code.to_owned());
        }
        Ok(Cog {
            deps,
            regs,
            communes,
        })
    }

    /// Code of a département named as in the sponsors list (`99` for the
    /// French abroad).
    fn dep(&self, name: &str) -> Option<String> {
        let s = slug(name).ok()?;
        if s == "francais-de-l-etranger" {
            return Some("99".to_owned());
        }
        self.deps.get(&s).cloned()
    }

    /// The commune of that name in that département, when the first rank
    /// that has the name has only one code. `Mont-Dore (Le)` is read as
    /// `Le Mont-Dore`.
    fn commune(&self, dep: &str, name: &str) -> Option<String> {
        let name = match name.strip_suffix(')').and_then(|n| n.rsplit_once(" (")) {
            Some((base, article)) if article.ends_with('\'') => format!("{article}{base}"),
            Some((base, article)) => format!("{article} {base}"),
            None => name.to_owned(),
        };
        let ranks = self.communes.get(&(dep.to_owned(), slug(&name).ok()?))?;
        match &ranks.iter().find(|codes| !codes.is_empty())?[..] {
            [one] => Some(one.clone()),
            _ => None,
        }
    }
}

/// Leading number of `1ère circonscription`, `10ème circonscription`.
fn circ_number(label: &str) -> Option<u32> {
    let digits: String = label.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn sponsors(shared: &Path, cog: &Cog, out: &mut Officials) -> Result<(usize, usize), String> {
    let mut mandates: HashMap<&str, (&str, &str)> = HashMap::new();
    for (n, line) in MANDATES_TSV.lines().enumerate().skip(1) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        let [mandate, role, place] = c[..] else {
            return Err(format!("mandates.tsv:{}: expected 3 columns", n + 1));
        };
        mandates.insert(mandate, (role, place));
    }
    let t = Table::read(&shared.join(PARRAINAGES), '\t')?;
    let [surname, first, mandate, circ, dep] = [
        t.col("Nom")?,
        t.col("Prenom")?,
        t.col("Mandat")?,
        t.col("Circonscription")?,
        t.col("Departement")?,
    ];
    let (mut n, mut placed) = (0, 0);
    for r in &t.rows {
        let Some(name) = person_name(&r[first], &r[surname]) else {
            continue;
        };
        let &(role, rule) = mandates.get(r[mandate].as_str()).ok_or_else(|| {
            format!(
                "{PARRAINAGES}: mandate {:?} not in mandates.tsv",
                r[mandate]
            )
        })?;
        let dep = cog.dep(&r[dep]);
        let place = match rule {
            "commune" => dep.and_then(|d| cog.commune(&d, &r[circ])),
            "circonscription" => dep
                .zip(circ_number(&r[circ]))
                .map(|(d, k)| format!("circ:{d}-{k:02}")),
            "departement" => dep.filter(|d| d != "99").map(|d| format!("dep:{d}")),
            "region" => slug(&r[circ])
                .ok()
                .and_then(|s| cog.regs.get(&s))
                .map(|c| format!("reg:{c}")),
            "paris" => Some("com:75056".to_owned()),
            "corse" => Some("reg:94".to_owned()),
            "" => None,
            other => return Err(format!("mandates.tsv: unknown place rule {other:?}")),
        };
        placed += usize::from(place.is_some());
        add(out, name, place.unwrap_or_default(), role, "2022", "");
        n += 1;
    }
    Ok((n, placed))
}

pub fn run(places: &Path, shared: &Path, out: &mut impl Write) -> Result<(), String> {
    let cog = Cog::read(places)?;
    let mut officials = Officials::new();
    let leg = legislatives(shared, &mut officials)?;
    let may = mayors(shared, &mut officials)?;
    let (spo, spo_placed) = sponsors(shared, &cog, &mut officials)?;
    eprintln!(
        "officials: {leg} legislative candidacies, {may} mayors, {spo} sponsors \
         ({spo_placed} with a place); {} rows",
        officials.len()
    );
    let w = |e: std::io::Error| format!("write error: {e}");
    writeln!(out, "name\tparty\tplace\trole\tyear").map_err(w)?;
    for ((name, place, role, year), party) in &officials {
        check_cell(name)?;
        if party.contains(['\t', '\n']) || place.contains(['\t', '\n']) {
            return Err(format!("{name}: value unfit for a TSV cell"));
        }
        writeln!(out, "{name}\t{party}\t{place}\t{role}\t{year}").map_err(w)?;
    }
    Ok(())
}
