//! `places`: the gazetteer of French administrative areas.
//!
//! Inputs:
//! - `communes.json`, `departements.json`, `regions.json` from the npm package
//!   `@etalab/decoupage-administratif` (INSEE COG);
//! - `france-geojson/regions-avant-redecoupage-2015.geojson` from the shared
//!   data folder, for the names of the 22 metropolitan régions before 2016;
//! - `provinces.tsv` next to this crate's `Cargo.toml`, a hand-written list of
//!   historic provinces and pays (`name<TAB>reg`);
//! - `region_names.tsv` beside it, other names of current régions (the
//!   provisional names of 2016), in the same two columns;
//! - `comhisto/commune_history.tsv` from the shared data folder, for former
//!   communes (see `former`).
//!
//! Output columns: `code name kind dep reg population parent`, sorted by code,
//! then name, then kind (byte order).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::Path;

use serde_json::Value;

use crate::former;
use crate::text::slug;

/// The hand-written provinces list, compiled in so the binary is
/// self-contained and the Makefile can track it as a dependency.
const PROVINCES_TSV: &str = include_str!("../provinces.tsv");

/// The hand-written other names of current régions, compiled in likewise.
const REGION_NAMES_TSV: &str = include_str!("../region_names.tsv");

/// Pre-2016 région code (as in the 2015 GeoJSON) to the current région that
/// took it over in the 2016 reform (loi du 16 janvier 2015).
const OLD_TO_NEW_REGION: [(&str, &str); 22] = [
    ("11", "11"), // Île-de-France
    ("21", "44"), // Champagne-Ardenne -> Grand Est
    ("22", "32"), // Picardie -> Hauts-de-France
    ("23", "28"), // Haute-Normandie -> Normandie
    ("24", "24"), // Centre -> Centre-Val de Loire
    ("25", "28"), // Basse-Normandie -> Normandie
    ("26", "27"), // Bourgogne -> Bourgogne-Franche-Comté
    ("31", "32"), // Nord-Pas-de-Calais -> Hauts-de-France
    ("41", "44"), // Lorraine -> Grand Est
    ("42", "44"), // Alsace -> Grand Est
    ("43", "27"), // Franche-Comté -> Bourgogne-Franche-Comté
    ("52", "52"), // Pays de la Loire
    ("53", "53"), // Bretagne
    ("54", "75"), // Poitou-Charentes -> Nouvelle-Aquitaine
    ("72", "75"), // Aquitaine -> Nouvelle-Aquitaine
    ("73", "76"), // Midi-Pyrénées -> Occitanie
    ("74", "75"), // Limousin -> Nouvelle-Aquitaine
    ("82", "84"), // Rhône-Alpes -> Auvergne-Rhône-Alpes
    ("83", "84"), // Auvergne -> Auvergne-Rhône-Alpes
    ("91", "76"), // Languedoc-Roussillon -> Occitanie
    ("93", "93"), // Provence-Alpes-Côte d'Azur
    ("94", "94"), // Corse
];

/// One output row, in column order (the derived order is the file order).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Row {
    pub code: String,
    pub name: String,
    pub kind: &'static str,
    pub dep: String,
    pub reg: String,
    pub population: u64,
    pub parent: String,
}

impl Row {
    /// A row of an area above the département (a région under any of its
    /// names, a pre-2016 région, a province): no `dep`, no `parent`.
    fn area(code: String, name: &str, kind: &'static str, reg: &str, population: u64) -> Row {
        Row {
            code,
            name: name.to_owned(),
            kind,
            dep: String::new(),
            reg: reg.to_owned(),
            population,
            parent: String::new(),
        }
    }
}

pub fn read_json(path: &Path) -> Result<Value, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: invalid JSON: {e}", path.display()))
}

pub fn as_array<'a>(v: &'a Value, what: &str) -> Result<&'a Vec<Value>, String> {
    v.as_array()
        .ok_or_else(|| format!("{what}: expected a JSON array"))
}

/// A required string field.
pub fn field<'a>(rec: &'a Value, key: &str, what: &str) -> Result<&'a str, String> {
    rec.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{what}: record without string field {key:?}: {rec}"))
}

/// An optional string field.
pub fn opt_field<'a>(rec: &'a Value, key: &str) -> Option<&'a str> {
    rec.get(key).and_then(Value::as_str)
}

pub fn check_cell(s: &str) -> Result<(), String> {
    if s.contains(['\t', '\n', '\r']) || s.trim() != s || s.is_empty() {
        return Err(format!("value unfit for a TSV cell: {s:?}"));
    }
    Ok(())
}

pub fn run(decoupage_dir: &Path, shared_dir: &Path, out: &mut impl Write) -> Result<(), String> {
    let communes = read_json(&decoupage_dir.join("communes.json"))?;
    let departements = read_json(&decoupage_dir.join("departements.json"))?;
    let regions = read_json(&decoupage_dir.join("regions.json"))?;
    let old_regions =
        read_json(&shared_dir.join("france-geojson/regions-avant-redecoupage-2015.geojson"))?;

    let communes = as_array(&communes, "communes.json")?;
    let departements = as_array(&departements, "departements.json")?;
    let regions = as_array(&regions, "regions.json")?;

    let mut rows: Vec<Row> = Vec::new();

    // Régions. The collectivités d'outre-mer appear in regions.json as
    // pseudo-régions (zone "com") that only repeat the COM's own name and
    // code; they are kept as département rows and get no région row, and
    // places inside them get an empty `reg`.
    let mut region_names: BTreeMap<String, String> = BTreeMap::new();
    for r in regions {
        let code = field(r, "code", "regions.json")?;
        let name = field(r, "nom", "regions.json")?;
        if opt_field(r, "zone") == Some("com") {
            continue;
        }
        region_names.insert(code.to_owned(), name.to_owned());
    }
    let reg_or_empty = |code: &str| -> String {
        if region_names.contains_key(code) {
            code.to_owned()
        } else {
            String::new()
        }
    };

    // Current communes first, to know their codes, names and populations.
    let mut current: HashMap<&str, &str> = HashMap::new();
    let mut dep_pop: HashMap<&str, u64> = HashMap::new();
    let mut reg_pop: HashMap<&str, u64> = HashMap::new();
    for c in communes {
        if field(c, "type", "communes.json")? != "commune-actuelle" {
            continue;
        }
        let code = field(c, "code", "communes.json")?;
        let name = field(c, "nom", "communes.json")?;
        let dep = field(c, "departement", "communes.json")?;
        let reg = field(c, "region", "communes.json")?;
        let population = c.get("population").and_then(Value::as_u64).unwrap_or(0);
        if current.insert(code, name).is_some() {
            return Err(format!(
                "communes.json: current commune {code} listed twice"
            ));
        }
        *dep_pop.entry(dep).or_default() += population;
        *reg_pop.entry(reg).or_default() += population;
    }

    let mut skipped_same_as_current = 0usize;
    for c in communes {
        let code = field(c, "code", "communes.json")?;
        let name = field(c, "nom", "communes.json")?;
        let dep = field(c, "departement", "communes.json")?;
        let reg = reg_or_empty(field(c, "region", "communes.json")?);
        let (kind, parent) = match field(c, "type", "communes.json")? {
            "commune-actuelle" => ("commune", None),
            "commune-deleguee" => ("commune_deleguee", Some(field(c, "chefLieu", code)?)),
            "commune-associee" => ("commune_associee", Some(field(c, "chefLieu", code)?)),
            "arrondissement-municipal" => {
                ("arrondissement_municipal", Some(field(c, "commune", code)?))
            }
            other => return Err(format!("communes.json: unknown type {other:?} for {code}")),
        };
        let (population, parent) = match parent {
            None => (c.get("population").and_then(Value::as_u64).unwrap_or(0), ""),
            Some(parent) => {
                if !current.contains_key(parent) {
                    return Err(format!(
                        "communes.json: {code} {name}: parent {parent} is not a current commune"
                    ));
                }
                // A commune déléguée that merely repeats its commune nouvelle
                // (same code and same name, e.g. Celles-sur-Belle 79061).
                if current.get(code) == Some(&name) {
                    skipped_same_as_current += 1;
                    continue;
                }
                (0, parent)
            }
        };
        rows.push(Row {
            code: format!("com:{code}"),
            name: name.to_owned(),
            kind,
            dep: dep.to_owned(),
            reg,
            population,
            parent: if parent.is_empty() {
                String::new()
            } else {
                format!("com:{parent}")
            },
        });
    }
    eprintln!(
        "places: skipped {skipped_same_as_current} communes déléguées/associées \
         identical (code and name) to their current commune"
    );

    // Former communes, resolved against the communes written above.
    let mut cur = former::Current {
        communes: HashMap::new(),
        attached: HashMap::new(),
        absorbed_by: HashMap::new(),
        names: rows
            .iter()
            .map(|r| Ok((r.code["com:".len()..].to_owned(), slug(&r.name)?)))
            .collect::<Result<_, String>>()?,
    };
    for c in communes {
        let code = field(c, "code", "communes.json")?;
        match field(c, "type", "communes.json")? {
            "commune-actuelle" => {
                let dep = field(c, "departement", "communes.json")?;
                let reg = reg_or_empty(field(c, "region", "communes.json")?);
                cur.communes.insert(code, (current[code], dep, reg));
                for old in c
                    .get("anciensCodes")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let old = old
                        .as_str()
                        .ok_or("communes.json: anciensCodes not a string")?;
                    if let Some(other) = cur.absorbed_by.insert(old, code)
                        && other != code
                    {
                        return Err(format!(
                            "communes.json: former code {old} claimed by {other} and {code}"
                        ));
                    }
                }
            }
            "commune-deleguee" | "commune-associee" => {
                cur.attached.insert(code, field(c, "chefLieu", code)?);
            }
            _ => {}
        }
    }
    rows.extend(former::rows(
        &shared_dir.join("comhisto/commune_history.tsv"),
        &cur,
    )?);

    // Départements, including the DROM (971-976) and the COM (975, 977, 978,
    // 984, 986-989), whose names the press uses like département names.
    let mut dep_names: HashSet<String> = HashSet::new();
    for d in departements {
        let code = field(d, "code", "departements.json")?;
        let name = field(d, "nom", "departements.json")?;
        let reg = field(d, "region", "departements.json")?;
        dep_names.insert(slug(name)?);
        rows.push(Row {
            code: format!("dep:{code}"),
            name: name.to_owned(),
            kind: "departement",
            dep: code.to_owned(),
            reg: reg_or_empty(reg),
            population: dep_pop.get(code).copied().unwrap_or(0),
            parent: String::new(),
        });
    }

    for (code, name) in &region_names {
        rows.push(Row::area(
            format!("reg:{code}"),
            name,
            "region",
            code,
            reg_pop.get(code.as_str()).copied().unwrap_or(0),
        ));
    }

    // Pre-2016 régions. Codes use the normalised name; `reg` is the current
    // région that took each one over.
    let old_to_new: HashMap<&str, &str> = OLD_TO_NEW_REGION.into_iter().collect();
    let features = old_regions
        .get("features")
        .and_then(Value::as_array)
        .ok_or("regions-avant-redecoupage-2015.geojson: no features array")?;
    let mut old_slugs: BTreeSet<String> = BTreeSet::new();
    for f in features {
        let props = f
            .get("properties")
            .ok_or("regions-avant-redecoupage-2015.geojson: feature without properties")?;
        let old_code = field(props, "code", "regions-avant-redecoupage-2015.geojson")?;
        let name = field(props, "nom", "regions-avant-redecoupage-2015.geojson")?;
        let new_code = old_to_new.get(old_code).ok_or_else(|| {
            format!("pre-2016 région {old_code} {name} is not in OLD_TO_NEW_REGION")
        })?;
        let key = slug(name)?;
        if !old_slugs.insert(key.clone()) {
            return Err(format!("pre-2016 région name {name:?} appears twice"));
        }
        rows.push(Row::area(
            format!("oldreg:{key}"),
            name,
            "ancienne_region",
            new_code,
            0,
        ));
    }
    if old_slugs.len() != OLD_TO_NEW_REGION.len() {
        return Err(format!(
            "expected {} pre-2016 régions, found {}",
            OLD_TO_NEW_REGION.len(),
            old_slugs.len()
        ));
    }

    // Historic provinces and pays. A name that is also a current région, a
    // pre-2016 région or a département is refused: that row already exists.
    let mut taken: HashSet<String> = dep_names;
    for name in region_names.values() {
        taken.insert(slug(name)?);
    }
    taken.extend(old_slugs.iter().cloned());
    let mut listed: BTreeSet<String> = BTreeSet::new();
    for (name, reg) in name_reg_list("provinces.tsv", PROVINCES_TSV, &region_names)? {
        let key = slug(name)?;
        if taken.contains(&key) {
            return Err(format!(
                "provinces.tsv: {name} is already a région, pre-2016 région or département name"
            ));
        }
        if !listed.insert(key.clone()) {
            return Err(format!("provinces.tsv: {name} listed twice"));
        }
        rows.push(Row::area(format!("oldreg:{key}"), name, "province", reg, 0));
    }

    // Other names of current régions: rows of the région itself, so that a
    // figure `en Aquitaine-Limousin-Poitou-Charentes` is of reg:75 and not of
    // the old région Aquitaine that the name begins with.
    for (name, reg) in name_reg_list("region_names.tsv", REGION_NAMES_TSV, &region_names)? {
        let key = slug(name)?;
        if taken.contains(&key) || !listed.insert(key) {
            return Err(format!("region_names.tsv: {name} is already a place name"));
        }
        rows.push(Row::area(
            format!("reg:{reg}"),
            name,
            "region",
            reg,
            reg_pop.get(reg).copied().unwrap_or(0),
        ));
    }

    write_rows("places", rows, out)
}

/// The `(name, reg)` lines of a hand-written `name<TAB>reg` list, each
/// `reg` a current région.
fn name_reg_list<'a>(
    file: &str,
    text: &'a str,
    region_names: &BTreeMap<String, String>,
) -> Result<Vec<(&'a str, &'a str)>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line_no == 1 {
            if line != "name\treg" {
                return Err(format!(
                    "{file}: header must be `name<TAB>reg`, got {line:?}"
                ));
            }
            continue;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [name, reg] = cols[..] else {
            return Err(format!("{file}:{line_no}: expected 2 columns: {line:?}"));
        };
        check_cell(name).map_err(|e| format!("{file}:{line_no}: {e}"))?;
        if !region_names.contains_key(reg) {
            return Err(format!(
                "{file}:{line_no}: {name}: unknown current région {reg:?}"
            ));
        }
        out.push((name, reg));
    }
    Ok(out)
}

/// Sorts `rows` and writes them with the header line; fails on a repeated
/// (code, name, kind, dep).
pub fn write_rows(what: &str, mut rows: Vec<Row>, out: &mut impl Write) -> Result<(), String> {
    rows.sort();
    for w in rows.windows(2) {
        let key = |r: &Row| (r.code.clone(), r.name.clone(), r.kind, r.dep.clone());
        if key(&w[0]) == key(&w[1]) {
            return Err(format!(
                "{what}: duplicate row {} {} {}",
                w[0].code, w[0].name, w[0].kind
            ));
        }
    }

    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let w = |e: std::io::Error| format!("write error: {e}");
    writeln!(out, "code\tname\tkind\tdep\treg\tpopulation\tparent").map_err(w)?;
    for r in &rows {
        check_cell(&r.name).map_err(|e| format!("{}: {e}", r.code))?;
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.code, r.name, r.kind, r.dep, r.reg, r.population, r.parent
        )
        .map_err(w)?;
        *counts.entry(r.kind).or_default() += 1;
    }
    eprintln!("{what}: {} rows {counts:?}", rows.len());
    Ok(())
}
