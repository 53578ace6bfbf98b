//! Former communes: names that no longer designate a current commune,
//! commune déléguée or commune associée, from `comhisto/commune_history.tsv`
//! (INSEE history of every commune code since 1943, valid up to 2020),
//! completed by the `anciensCodes` and `chefLieu` fields of the current COG
//! for the changes after 2020.
//!
//! A former commune keeps its own code (the last code it bore itself: a
//! commune that was only renumbered, as in the 1968 Île-de-France and 1976
//! Corsica reorganisations, is the same commune under its new code). Its
//! `parent` is the current commune that holds it now, found by following
//! mergers, associations and renumberings to a commune of the current COG.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::Path;

use crate::places::Row;
use crate::text::slug;

/// One version of a code in the history file.
struct Version {
    date: String,
    status: String,
    name: String,
    parent: String,
    name_as_delegated: String,
    events: String,
}

/// The current COG as the resolver needs it.
pub struct Current<'a> {
    /// Current commune code to (name, dep, reg).
    pub communes: HashMap<&'a str, (&'a str, &'a str, String)>,
    /// Code of a commune déléguée or associée to its commune.
    pub attached: HashMap<&'a str, &'a str>,
    /// Former code listed in a current commune's `anciensCodes` to that commune.
    pub absorbed_by: HashMap<&'a str, &'a str>,
    /// (code, slug of the name) of every current commune, déléguée, associée
    /// and arrondissement row already written.
    pub names: HashSet<(String, String)>,
}

fn read_history(path: &Path) -> Result<BTreeMap<String, Vec<Version>>, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut lines = text.lines();
    let header =
        "insee_code\tdate\tvalid_until\tstatus\tname\tparent_code\tname_as_delegated\tevents";
    if lines.next() != Some(header) {
        return Err(format!("{}: unexpected header", path.display()));
    }
    let mut by_code: BTreeMap<String, Vec<Version>> = BTreeMap::new();
    for (n, line) in lines.enumerate() {
        let c: Vec<&str> = line.split('\t').collect();
        let [code, date, _until, status, name, parent, delegated, events] = c[..] else {
            return Err(format!("{}:{}: expected 8 columns", path.display(), n + 2));
        };
        by_code.entry(code.to_owned()).or_default().push(Version {
            date: date.to_owned(),
            status: status.to_owned(),
            name: name.to_owned(),
            parent: parent.to_owned(),
            name_as_delegated: delegated.to_owned(),
            events: events.to_owned(),
        });
    }
    for versions in by_code.values_mut() {
        versions.sort_by(|a, b| a.date.cmp(&b.date));
    }
    Ok(by_code)
}

/// The codes given to event `key` in an `events` cell (`fusionneDans=79013`).
fn event_targets<'a>(events: &'a str, key: &str) -> Vec<&'a str> {
    events
        .split(';')
        .filter_map(|e| e.split_once('='))
        .filter(|(k, _)| *k == key)
        .flat_map(|(_, v)| v.split(','))
        .filter(|c| c.len() == 5)
        .collect()
}

/// Where a code went when it stopped existing on its own: the first code
/// named by the event of its last version (a commune dissolved into several
/// goes to the first one listed).
fn successor(versions: &[Version]) -> Option<&str> {
    let last = versions.last()?;
    match last.status.as_str() {
        "COMD" | "COMA" | "ARM" if !last.parent.is_empty() => Some(&last.parent),
        "" => ["changeDeCodePour", "fusionneDans", "seDissoutDans"]
            .iter()
            .find_map(|k| event_targets(&last.events, k).first().copied()),
        _ => None,
    }
}

/// The code a commune bore last, following renumberings only.
fn own_code<'h>(code: &'h str, history: &'h BTreeMap<String, Vec<Version>>) -> &'h str {
    let mut code = code;
    for _ in 0..16 {
        let Some(last) = history.get(code).and_then(|v| v.last()) else {
            break;
        };
        match event_targets(&last.events, "changeDeCodePour").first() {
            Some(next) if last.status.is_empty() => code = next,
            _ => break,
        }
    }
    code
}

/// The current commune that holds `code` now, if any.
fn holder<'h>(
    code: &'h str,
    history: &'h BTreeMap<String, Vec<Version>>,
    current: &Current<'h>,
) -> Option<&'h str> {
    let mut code = code;
    // Chains are short (a few mergers at most); the bound stops cycles.
    for _ in 0..16 {
        if let Some((&c, _)) = current.communes.get_key_value(code) {
            return Some(c);
        }
        if let Some(&c) = current.absorbed_by.get(code) {
            code = c;
            continue;
        }
        if let Some(&c) = current.attached.get(code) {
            code = c;
            continue;
        }
        code = successor(history.get(code)?)?;
    }
    None
}

/// The former-commune rows, sorted, one per (own code, name).
pub fn rows(history_path: &Path, current: &Current) -> Result<Vec<Row>, String> {
    let history = read_history(history_path)?;
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    let mut rows = Vec::new();
    let (mut already_named, mut unresolved) = (0usize, BTreeSet::new());
    for (code, versions) in &history {
        let own = own_code(code, &history);
        for v in versions {
            if !matches!(v.status.as_str(), "COM" | "COMD" | "COMA") {
                continue;
            }
            for name in [&v.name, &v.name_as_delegated] {
                if name.is_empty() || !seen.insert((own.to_owned(), name.clone())) {
                    continue;
                }
                // A mere change of spelling (`Lafeline`, `La Feline`) is not a
                // former name: the current row already matches it.
                if current.names.contains(&(own.to_owned(), slug(name)?)) {
                    already_named += 1;
                    continue;
                }
                let Some(parent) = holder(own, &history, current) else {
                    unresolved.insert(format!("{own} {name}"));
                    continue;
                };
                let (_, dep, reg) = &current.communes[parent];
                rows.push(Row {
                    code: format!("com:{own}"),
                    name: name.clone(),
                    kind: "ancienne_commune",
                    dep: (*dep).to_owned(),
                    reg: reg.clone(),
                    population: 0,
                    parent: format!("com:{parent}"),
                });
            }
        }
    }
    eprintln!(
        "places: former communes: {} names added, {already_named} still current, \
         {} with no current holder: {:?}",
        rows.len(),
        unresolved.len(),
        unresolved
    );
    Ok(rows)
}
