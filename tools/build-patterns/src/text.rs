//! Small text helpers: accent folding, slugs and first-name capitalisation.

/// Folds one character to its ASCII base letters when it is a Latin letter
/// with a diacritic (or a ligature). Returns `None` for characters that have
/// no folding, which callers treat as "keep as is".
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "A",
        'ç' => "c",
        'Ç' => "C",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'È' | 'É' | 'Ê' | 'Ë' => "E",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'ñ' => "n",
        'Ñ' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => "O",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'œ' => "oe",
        'Œ' => "OE",
        'æ' => "ae",
        'Æ' => "AE",
        _ => return None,
    })
}

/// Lower-cased, accent-folded form of `s`, with every run of characters other
/// than ASCII letters and digits replaced by a single `-`:
/// `Provence-Alpes-Côte d'Azur` gives `provence-alpes-cote-d-azur`.
///
/// Fails on a non-ASCII letter that has no folding, so that a new source
/// spelling cannot silently produce a wrong code.
pub fn slug(s: &str) -> Result<String, String> {
    let mut folded = String::with_capacity(s.len());
    for c in s.chars() {
        match fold_char(c) {
            Some(f) => folded.push_str(f),
            None if c.is_ascii() => folded.push(c),
            None if c.is_alphanumeric() => {
                return Err(format!("slug: no ASCII folding for {c:?} in {s:?}"));
            }
            // Typographic apostrophes, dashes, spaces: separators.
            None => folded.push(' '),
        }
    }
    let mut out = String::with_capacity(folded.len());
    let mut pending_sep = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_sep && !out.is_empty() {
                out.push('-');
            }
            pending_sep = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_sep = true;
        }
    }
    if out.is_empty() {
        return Err(format!("slug: {s:?} has no letters"));
    }
    Ok(out)
}

/// Usual capitalisation of a first name: in each part separated by `-` or a
/// space, the first letter is upper case and the rest lower case, accents
/// kept (`JEAN-PHILIPPE` and `jean-philippe` give `Jean-Philippe`).
///
/// After an apostrophe the next letter is upper case only when the apostrophe
/// follows a single-letter prefix (`N'Deye`, `M'Hamed`, `O'Neill`); otherwise
/// it is lower case, which undoes title-casing artefacts such as `Evan'S`.
pub fn capitalise_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Letters seen since the start of the part or since the last apostrophe.
    let mut letters_in_segment = 0usize;
    // Apostrophes seen in the current part.
    let mut apostrophes = 0usize;
    let mut upper_next = true;
    for c in s.chars() {
        match c {
            '-' | ' ' => {
                out.push(c);
                upper_next = true;
                apostrophes = 0;
                letters_in_segment = 0;
            }
            '\'' | '’' => {
                out.push(c);
                upper_next = apostrophes == 0 && letters_in_segment == 1;
                apostrophes += 1;
                letters_in_segment = 0;
            }
            _ => {
                if upper_next {
                    out.extend(c.to_uppercase());
                    upper_next = false;
                } else {
                    out.extend(c.to_lowercase());
                }
                if c.is_alphabetic() {
                    letters_in_segment += 1;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Poitou-Charentes").unwrap(), "poitou-charentes");
        assert_eq!(
            slug("Provence-Alpes-Côte d'Azur").unwrap(),
            "provence-alpes-cote-d-azur"
        );
        assert_eq!(slug("Île-de-France").unwrap(), "ile-de-france");
        assert_eq!(slug("Pays basque").unwrap(), "pays-basque");
        assert_eq!(slug("Midi-Pyrénées").unwrap(), "midi-pyrenees");
        assert_eq!(slug("  Pays d’Auge ").unwrap(), "pays-d-auge");
        assert!(slug("Łódź").is_err());
        assert!(slug(" - ").is_err());
    }

    #[test]
    fn capitalisation() {
        assert_eq!(capitalise_name("BENOÎT"), "Benoît");
        assert_eq!(capitalise_name("jean-philippe"), "Jean-Philippe");
        assert_eq!(capitalise_name("VÉRONIQUE"), "Véronique");
        assert_eq!(capitalise_name("éric"), "Éric");
        assert_eq!(capitalise_name("marie claire"), "Marie Claire");
        assert_eq!(capitalise_name("N'Deye"), "N'Deye");
        assert_eq!(capitalise_name("m'hamed"), "M'Hamed");
        assert_eq!(capitalise_name("Evan'S"), "Evan's");
        assert_eq!(capitalise_name("Gwenc'Hlan"), "Gwenc'hlan");
        assert_eq!(capitalise_name("N'Deye-Fatou"), "N'Deye-Fatou");
        assert_eq!(capitalise_name("M"), "M");
    }
}
