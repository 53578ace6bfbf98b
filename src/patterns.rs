//! The pattern files: word lists and gazetteers as plain, diff-able data.
//!
//! The files of the repository's `patterns/` folder are compiled into the
//! binary, so a single executable is all a run needs. `--patterns DIR`
//! replaces any of them with the user's own file of the same name.

use std::collections::BTreeMap;
use std::path::Path;

macro_rules! bundled {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../patterns/", $name)))),*]
    };
}

/// The bundled files, by name.
const BUNDLED: &[(&str, &str)] = bundled!(
    "abbreviations.txt",
    "approx.txt",
    "cues.tsv",
    "elections.tsv",
    "first_names.txt",
    "parties.tsv",
    "people.tsv",
    "ordinals.tsv",
    "place_words.txt",
    "places.tsv",
    "units.tsv",
);

/// A set of pattern files, by file name.
#[derive(Debug, Clone)]
pub struct Patterns {
    files: BTreeMap<&'static str, String>,
}

impl Patterns {
    /// The files bundled with scrutin.
    pub fn bundled() -> Patterns {
        Patterns {
            files: BUNDLED.iter().map(|(n, t)| (*n, t.to_string())).collect(),
        }
    }

    /// The bundled files, with those of `dir` in their place.
    pub fn with_dir(dir: &Path) -> Result<Patterns, String> {
        let mut p = Patterns::bundled();
        if !dir.is_dir() {
            return Err(format!("--patterns {}: not a directory", dir.display()));
        }
        for (name, text) in p.files.iter_mut() {
            let path = dir.join(name);
            if path.exists() {
                *text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
        Ok(p)
    }

    /// The text of one file (empty if unknown).
    pub fn get(&self, name: &str) -> &str {
        self.files.get(name).map_or("", String::as_str)
    }
}
