//! The pattern files: word lists and gazetteers as plain, diff-able data.
//!
//! The files of the repository's `patterns/` folder are compiled into the
//! binary, so a single executable is all a run needs. `--patterns DIR` adds
//! the lines of the user's file of the same name to the bundled one, or
//! replaces it when the user's file starts with a `#replace` line.

use std::borrow::Cow;
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
    "cantons.tsv",
    "cues.tsv",
    "departements.svgpaths.tsv",
    "elections.tsv",
    "first_names.txt",
    "number_words.tsv",
    "officials.tsv",
    "parties.tsv",
    "people.tsv",
    "ordinals.tsv",
    "place_phrases.tsv",
    "place_words.txt",
    "places.tsv",
    "rounds.tsv",
    "screen.txt",
    "titles.txt",
    "units.tsv",
);

/// The files whose first line is a header rather than data.
const HEADED: &[&str] = &[
    "cantons.tsv",
    "departements.svgpaths.tsv",
    "officials.tsv",
    "parties.tsv",
    "people.tsv",
    "places.tsv",
];

/// A set of pattern files, by file name.
#[derive(Debug, Clone)]
pub struct Patterns {
    // Borrowed from the binary until a user's file changes them: the
    // bundled text is never copied.
    files: BTreeMap<&'static str, Cow<'static, str>>,
}

impl Patterns {
    /// The files bundled with scrutin.
    pub fn bundled() -> Patterns {
        Patterns {
            files: BUNDLED
                .iter()
                .map(|(n, t)| (*n, Cow::Borrowed(*t)))
                .collect(),
        }
    }

    /// The bundled files, extended or replaced by those of `dir`.
    ///
    /// A file of `dir` named like a bundled one adds its lines to it (the
    /// header line of a table with one is skipped), or replaces it if its
    /// first line is `#replace`. Any other `.txt` or `.tsv` file is an error,
    /// so that a misnamed file is not silently ignored.
    pub fn with_dir(dir: &Path) -> Result<Patterns, String> {
        let mut p = Patterns::bundled();
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("--patterns {}: {e}", dir.display()))?;
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !(name.ends_with(".txt") || name.ends_with(".tsv")) {
                continue;
            }
            let Some(text) = p.files.get_mut(name) else {
                let known: Vec<&str> = BUNDLED.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "{}: not a pattern file (known: {})",
                    path.display(),
                    known.join(", ")
                ));
            };
            let own =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            match own.strip_prefix("#replace") {
                Some(rest) => *text = Cow::Owned(rest.trim_start_matches(['\r', '\n']).into()),
                None => {
                    let text = text.to_mut();
                    let mut lines = own.lines();
                    if HEADED.contains(&name) {
                        lines.next();
                    }
                    if !text.ends_with('\n') {
                        text.push('\n');
                    }
                    for line in lines {
                        text.push_str(line);
                        text.push('\n');
                    }
                }
            }
        }
        Ok(p)
    }

    /// The text of one file (empty if unknown).
    pub fn get(&self, name: &str) -> &str {
        self.files.get(name).map_or("", |t| t.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_users_file_adds_to_or_replaces_the_bundled_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("people.tsv"),
            "name\tparty\telections\nMartine Courjaud\tPS\t\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("approx.txt"), "#replace\nà peu près\n").unwrap();
        std::fs::write(dir.path().join("README.md"), "ignored").unwrap();
        let p = Patterns::with_dir(dir.path()).unwrap();
        let people = p.get("people.tsv");
        assert!(people.starts_with(Patterns::bundled().get("people.tsv")));
        assert!(people.ends_with("Martine Courjaud\tPS\t\n"));
        assert_eq!(people.matches("name\tparty").count(), 1);
        assert_eq!(p.get("approx.txt"), "à peu près\n");

        std::fs::write(dir.path().join("peeple.tsv"), "x").unwrap();
        let err = Patterns::with_dir(dir.path()).unwrap_err();
        assert!(err.contains("peeple.tsv: not a pattern file"), "{err}");
    }
}
