//! `cantons`: the cantons of metropolitan France (2018 form, the current one
//! since the 2015 redrawing), from `france-geojson/cantons-version-simplifiee.geojson`.
//!
//! Each feature has `code` (département code, `2A`/`2B` for Corsica, then a
//! three-digit number) and `nom`. Rows have the columns of `places.tsv`:
//! code `canton:NAME` (normalised name), kind `canton`, the département, its
//! current région, population 0 and no parent. Two cantons of different
//! départements may share a name (Saint-Vallier in Drôme and in
//! Saône-et-Loire): they share the code and differ by `dep`.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use serde_json::Value;

use crate::places::{Row, as_array, field, read_json, write_rows};
use crate::text::slug;

const GEOJSON: &str = "france-geojson/cantons-version-simplifiee.geojson";

pub fn run(decoupage_dir: &Path, shared_dir: &Path, out: &mut impl Write) -> Result<(), String> {
    let departements = read_json(&decoupage_dir.join("departements.json"))?;
    let mut dep_reg: HashMap<String, String> = HashMap::new();
    for d in as_array(&departements, "departements.json")? {
        let code = field(d, "code", "departements.json")?;
        let reg = field(d, "region", "departements.json")?;
        dep_reg.insert(code.to_owned(), reg.to_owned());
    }
    let cantons = read_json(&shared_dir.join(GEOJSON))?;
    let features = cantons
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{GEOJSON}: no features array"))?;
    let mut rows = Vec::with_capacity(features.len());
    for f in features {
        let props = f
            .get("properties")
            .ok_or_else(|| format!("{GEOJSON}: feature without properties"))?;
        let code = field(props, "code", GEOJSON)?;
        let name = field(props, "nom", GEOJSON)?;
        if code.len() != 5 || !code.is_ascii() {
            return Err(format!("{GEOJSON}: unexpected canton code {code:?}"));
        }
        let dep = &code[..2];
        let reg = dep_reg
            .get(dep)
            .ok_or_else(|| format!("{GEOJSON}: {code} {name}: unknown département {dep}"))?;
        rows.push(Row {
            code: format!("canton:{}", slug(name)?),
            name: name.to_owned(),
            kind: "canton",
            dep: dep.to_owned(),
            reg: reg.clone(),
            population: 0,
            parent: String::new(),
        });
    }
    write_rows("cantons", rows, out)
}
