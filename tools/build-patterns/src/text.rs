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

/// Markers after which a register writes a married name (`SIMÉON ÉP
/// EYCHART`): the name before the marker is kept.
const MARRIED_MARKERS: [&str; 5] = ["EP", "ÉP", "EPOUSE", "ÉPOUSE", "VVE"];

/// Particles written in lower case inside a surname (`de Courson`,
/// `d'Harcourt`). `Le`, `La` and `Les` keep their capital, as the press
/// writes `Le Pen` and `de La Verpillière`.
const LOWER_PARTICLES: [&str; 3] = ["de", "du", "des"];

/// A surname in its usual case from a register's upper case: each word and
/// each hyphenated part capitalised (`LE PEN` -> `Le Pen`,
/// `MONCOND'HUY` -> `Moncond'huy`), the particles `de`, `du`, `des` and `d'`
/// in lower case when the surname has more than one word or starts with
/// `d'` (`DE LA VERPILLIÈRE` -> `de La Verpillière`, `D'ISOARD DE
/// CHENERILLES` -> `d'Isoard de Chenerilles`). Married-name markers and what
/// follows them (`ÉP EYCHART`), bracketed parts (`(BOZZI)`) and spaces around
/// hyphens are dropped. A surname already in mixed case is kept as written.
pub fn surname_case(raw: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    let no_brackets: String = {
        let mut depth = 0usize;
        raw.chars()
            .filter(|&c| {
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    _ => return depth == 0,
                }
                false
            })
            .collect()
    };
    let joined = no_brackets.replace(" - ", "-");
    for w in joined.split_whitespace() {
        if MARRIED_MARKERS.contains(&w) && !words.is_empty() {
            break;
        }
        words.push(w);
    }
    let text = words.join(" ");
    if text.chars().any(char::is_lowercase) {
        return text;
    }
    let several = words.len() > 1;
    words
        .iter()
        .map(|w| {
            let cased = capitalise_name(w);
            let lower = cased.to_lowercase();
            if several && LOWER_PARTICLES.contains(&lower.as_str()) {
                lower
            } else if let Some(rest) = cased.strip_prefix("D'").or(cased.strip_prefix("D’")) {
                format!("d'{rest}")
            } else {
                cased
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A first name as people write it: white space collapsed, anything after a
/// comma dropped (`Veronique, Raymonde`), and a name written all in upper or
/// all in lower case capitalised; mixed case is kept.
pub fn first_name_case(raw: &str) -> String {
    let first = raw.split(',').next().unwrap_or("");
    let text = first.split_whitespace().collect::<Vec<_>>().join(" ");
    let has_upper = text.chars().any(char::is_uppercase);
    let has_lower = text.chars().any(char::is_lowercase);
    if has_upper && has_lower {
        text
    } else {
        capitalise_name(&text)
    }
}

/// `First Surname` as the press writes it, or `None` when either part is
/// empty.
pub fn person_name(first: &str, surname: &str) -> Option<String> {
    // Registers put `-` or `.` where a person has no first name: such a
    // name alone would match any word that is the surname.
    let first = first_name_case(first.trim_start_matches(|c: char| !c.is_alphabetic()));
    let surname = surname_case(surname);
    if first.is_empty() || surname.is_empty() {
        return None;
    }
    Some(format!("{first} {surname}"))
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

    #[test]
    fn surnames() {
        assert_eq!(surname_case("BALOGE"), "Baloge");
        assert_eq!(surname_case("LE PEN"), "Le Pen");
        assert_eq!(surname_case("DE LA VERPILLIÈRE"), "de La Verpillière");
        assert_eq!(surname_case("MONCOND'HUY"), "Moncond'huy");
        assert_eq!(surname_case("DE  COURSON"), "de Courson");
        assert_eq!(
            surname_case("D'ISOARD DE CHENERILLES"),
            "d'Isoard de Chenerilles"
        );
        assert_eq!(surname_case("N'DIAYE"), "N'Diaye");
        assert_eq!(surname_case("DU"), "Du");
        assert_eq!(surname_case("CASANOVA-SERVAS"), "Casanova-Servas");
        assert_eq!(surname_case("SIMÉON ÉP EYCHART"), "Siméon");
        assert_eq!(surname_case("HUYNH THI (BOZZI)"), "Huynh Thi");
        assert_eq!(surname_case("ABISROR - DE LIEME"), "Abisror-De Lieme");
        assert_eq!(surname_case("Le Gac"), "Le Gac");
    }

    #[test]
    fn people() {
        assert_eq!(person_name("Jérôme", "BALOGE").unwrap(), "Jérôme Baloge");
        assert_eq!(person_name("MARINE", "LE PEN").unwrap(), "Marine Le Pen");
        assert_eq!(
            person_name("Veronique, Raymonde", "PLANTON").unwrap(),
            "Veronique Planton"
        );
        assert_eq!(person_name("Juliane", ""), None);
        assert_eq!(person_name(" ", "DUPONT"), None);
        assert_eq!(person_name(".", "DIEUDONNÉ"), None);
        assert_eq!(
            person_name("- Baronne Marie-Louise", "MARIANI").unwrap(),
            "Baronne Marie-Louise Mariani"
        );
    }
}
