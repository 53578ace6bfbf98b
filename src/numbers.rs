//! Figures as the French press prints them.
//!
//! Reads the folded text (see [`crate::fold`]) and finds every number with
//! its unit, the word that says what it counts, and whether the article gives
//! it only approximately. Grouping rules decide how a number reads, never
//! guesses: a comma is always decimal (`4,800` is 4.8); a dot followed by
//! exactly three digits groups thousands (`100.000`, `1.101.180`), otherwise
//! it is decimal (`52.41`); a space groups thousands only before exactly three
//! digits and after a head of at most three (`9 046`, but `2017 12` is two
//! numbers). Dates (`29.01.2017`), times (`20h30`, `21 h 09`) and postal codes
//! in brackets are not figures and are skipped; years are kept, marked as
//! such, because `contre 28 % en 2012` needs them.
//!
//! Invariant: figures are in text order, do not overlap, and their spans are
//! folded-text offsets on ASCII digit or unit boundaries.

use crate::fold::{Folded, is_word_byte};

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Per cent (`38 %`, `38 pour cent`).
    Percent,
    /// Percentage points (`5 points`).
    Points,
    /// A count of something (`307 voix`, `9 046 personnes`).
    Count,
    /// An ordinal (`2e`, `1er`).
    Ordinal,
    /// A year (`2012`) with no unit after it.
    Year,
    /// A bare number with no unit.
    Number,
}

/// One figure found in the folded text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Folded offset of the first byte (the approximation phrase excluded).
    pub start: usize,
    /// Folded offset just past the number and its unit.
    pub end: usize,
    /// The value, scaled (`1,56 million` is 1 560 000).
    pub value: f64,
    /// The unit.
    pub unit: Unit,
    /// What a count counts (`votes`, `voters`...), from `patterns/units.tsv`.
    pub cue: Option<&'static str>,
    /// Preceded by `plus de`, `près de`... (`patterns/approx.txt`).
    pub approx: bool,
    /// Written with a decimal part.
    pub decimal: bool,
    /// An explicit sign (`+3,2 points`, `- 4 pts`).
    pub signed: bool,
}

/// The word lists the number reader uses, compiled once.
#[derive(Debug, Default, Clone)]
pub struct NumberWords {
    /// Unit phrases, longest first.
    units: Vec<(String, UnitWord)>,
    /// Approximation phrases.
    approx: Vec<String>,
}

#[derive(Debug, Clone, Copy)]
enum UnitWord {
    Unit(Unit, Option<&'static str>),
    Scale(f64),
}

impl NumberWords {
    /// Parses `units.tsv` and `approx.txt` (see the comments in those files).
    pub fn parse(units: &str, approx: &str) -> Result<NumberWords, String> {
        let mut out = NumberWords::default();
        for (n, line) in data_lines(units) {
            let mut cols = line.split('\t');
            let phrase = cols.next().unwrap_or("").to_string();
            let unit = cols
                .next()
                .ok_or(format!("units.tsv:{n}: missing unit column"))?;
            let cue = cols
                .next()
                .map(|c| &*Box::leak(c.to_string().into_boxed_str()));
            let word = match unit {
                "percent" => UnitWord::Unit(Unit::Percent, None),
                "points" => UnitWord::Unit(Unit::Points, None),
                "count" => UnitWord::Unit(Unit::Count, cue),
                "ordinal" => UnitWord::Unit(Unit::Ordinal, None),
                s if s.starts_with("scale:") => UnitWord::Scale(
                    s[6..]
                        .parse()
                        .map_err(|_| format!("units.tsv:{n}: bad scale {s:?}"))?,
                ),
                other => return Err(format!("units.tsv:{n}: unknown unit {other:?}")),
            };
            out.units.push((phrase, word));
        }
        out.units.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        out.approx = data_lines(approx).map(|(_, l)| l.to_string()).collect();
        Ok(out)
    }

    fn unit_at(&self, text: &[u8], at: usize, glued: bool) -> Option<(usize, UnitWord)> {
        let first = *text.get(at)?;
        self.units.iter().find_map(|(phrase, word)| {
            let p = phrase.as_bytes();
            if p.first() != Some(&first) {
                return None;
            }
            let ordinal = matches!(word, UnitWord::Unit(Unit::Ordinal, _));
            if ordinal && !glued {
                return None;
            }
            let end = at + p.len();
            let fits = text.get(at..end) == Some(p);
            let word_ends = p.last().is_some_and(|b| !is_word_byte(*b))
                || text.get(end).is_none_or(|b| !is_word_byte(*b));
            (fits && word_ends).then_some((end, *word))
        })
    }

    fn approx_before(&self, text: &[u8], at: usize) -> bool {
        let before = trim_spaces_end(&text[..at]);
        self.approx.iter().any(|phrase| {
            let p = phrase.as_bytes();
            let ends = if p.last() == Some(&b'\'') {
                &text[..at]
            } else {
                before
            };
            ends.ends_with(p)
                && ends
                    .len()
                    .checked_sub(p.len() + 1)
                    .is_none_or(|i| !is_word_byte(ends[i]))
        })
    }
}

/// Lines of a data file that are not blank or `#` comments, numbered from 1.
pub(crate) fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

fn trim_spaces_end(s: &[u8]) -> &[u8] {
    let n = s.iter().rev().take_while(|b| **b == b' ').count();
    &s[..s.len() - n]
}

/// Finds every figure of an article, appending them to `out`.
pub fn find_into(original: &str, folded: &Folded, words: &NumberWords, out: &mut Vec<Figure>) {
    let first = out.len();
    scan(folded.text.as_bytes(), words, out);
    // Folding turns hyphens into spaces, so signs are read from the original.
    for fig in &mut out[first..] {
        let before =
            original[..folded.orig(fig.start)].trim_end_matches([' ', '\u{00A0}', '\u{202F}']);
        let mut rev = before.chars().rev();
        let sign = rev
            .next()
            .is_some_and(|c| matches!(c, '+' | '-' | '−' | '–'));
        fig.signed = sign && rev.next().is_none_or(|c| !c.is_alphanumeric());
    }
}

fn scan(text: &[u8], words: &NumberWords, out: &mut Vec<Figure>) {
    let mut i = 0;
    while i < text.len() {
        if !text[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        if i > 0 && is_word_byte(text[i - 1]) {
            // A digit glued to letters (`covid19`, `a4`) is not a figure.
            i += digits(text, i);
            continue;
        }
        match read_figure(text, i, words) {
            Ok(fig) => {
                i = fig.end.max(i + 1);
                out.push(fig);
            }
            Err(skip_to) => i = skip_to.max(skip_token(text, i)),
        }
    }
}

/// Finds every figure of an article.
pub fn find(original: &str, words: &NumberWords) -> Vec<Figure> {
    let mut out = Vec::new();
    find_into(original, &Folded::new(original), words, &mut out);
    out
}

fn digits(text: &[u8], at: usize) -> usize {
    text[at..].iter().take_while(|b| b.is_ascii_digit()).count()
}

/// Past the digits, dots, commas and glued letters of a rejected token.
fn skip_token(text: &[u8], at: usize) -> usize {
    let mut i = at;
    while i < text.len()
        && (is_word_byte(text[i])
            || ((text[i] == b'.' || text[i] == b',')
                && text.get(i + 1).is_some_and(u8::is_ascii_digit)))
    {
        i += 1;
    }
    i.max(at + 1)
}

/// Reads the figure at `start`, or says where to resume when there is none.
fn read_figure(text: &[u8], start: usize, words: &NumberWords) -> Result<Figure, usize> {
    let head = digits(text, start);
    let mut i = start + head;
    let mut int_digits: Vec<u8> = text[start..i].to_vec();
    let mut grouped = false;
    // Thousands groups: one separator kind, each group exactly three digits.
    if head <= 3 {
        for sep in [b' ', b'.'] {
            let mut j = i;
            let mut groups = 0;
            while text.get(j) == Some(&sep) && digits(text, j + 1) == 3 {
                let next = j + 4;
                // `1.101.180` but not `29.01.2017`; `9 046` but not `9 0461`.
                if text.get(next).is_some_and(u8::is_ascii_digit) {
                    break;
                }
                int_digits.extend_from_slice(&text[j + 1..next]);
                j = next;
                groups += 1;
            }
            if groups > 0 {
                i = j;
                grouped = true;
                break;
            }
        }
    }
    // A dotted date or version number (`29.01.2017`) is not a figure.
    if text.get(i) == Some(&b'.') && digits(text, i + 1) > 0 {
        let after = i + 1 + digits(text, i + 1);
        if text.get(after) == Some(&b'.') && text.get(after + 1).is_some_and(u8::is_ascii_digit) {
            return Err(after);
        }
    }
    let mut frac: &[u8] = &[];
    match text.get(i) {
        Some(b',') => {
            let n = digits(text, i + 1);
            if n > 0 {
                frac = &text[i + 1..i + 1 + n];
                i += 1 + n;
            } else if text.get(i + 1) == Some(&b' ') {
                // `17, 5%`: a stray space after the decimal comma, only
                // trusted when a per cent sign closes the figure.
                let n = digits(text, i + 2);
                let after = i + 2 + n;
                let unit_at = after + usize::from(text.get(after) == Some(&b' '));
                if (1..=2).contains(&n) && text.get(unit_at) == Some(&b'%') {
                    frac = &text[i + 2..after];
                    i = after;
                }
            }
        }
        Some(b'.') if !grouped => {
            let n = digits(text, i + 1);
            if n > 0 && n != 3 {
                frac = &text[i + 1..i + 1 + n];
                i += 1 + n;
            }
        }
        _ => {}
    }
    let end_number = i;
    // Times: `20h30`, `21 h 09`, `20h`.
    let after_space = i + usize::from(text.get(i) == Some(&b' '));
    if text.get(after_space) == Some(&b'h')
        && text
            .get(after_space + 1)
            .is_none_or(|b| !b.is_ascii_alphabetic())
    {
        let minutes = after_space + 1 + usize::from(text.get(after_space + 1) == Some(&b' '));
        let n = digits(text, minutes);
        return Err(if n == 2 { minutes + 2 } else { after_space + 1 });
    }
    let mut value = parse_value(&int_digits, frac).ok_or(end_number)?;
    let glued = text.get(i).is_some_and(|b| !b.is_ascii_whitespace());
    let mut unit = None;
    let mut end = end_number;
    let at = i + text[i..].iter().take_while(|b| **b == b' ').count();
    match words.unit_at(text, at, glued) {
        Some((e, UnitWord::Scale(s))) => {
            value *= s;
            end = e;
            // `1,56 million d'electeurs`: the count word may follow.
            let k = e + text[e..].iter().take_while(|b| **b == b' ').count();
            let k = if text[k..].starts_with(b"de ") {
                k + 3
            } else if text[k..].starts_with(b"d'") {
                k + 2
            } else {
                k
            };
            unit = Some((Unit::Count, None));
            if let Some((e2, UnitWord::Unit(u, cue))) = words.unit_at(text, k, false) {
                unit = Some((u, cue));
                end = e2;
            }
        }
        Some((e, UnitWord::Unit(u, cue))) => {
            unit = Some((u, cue));
            end = e;
        }
        None => {}
    }
    let in_brackets = start > 0 && text[start - 1] == b'(' && text.get(end_number) == Some(&b')');
    let (unit, cue) = match unit {
        Some(u) => u,
        None if in_brackets && frac.is_empty() && !grouped => return Err(end_number),
        None if !grouped
            && frac.is_empty()
            && int_digits.len() == 4
            && (1800.0..=2100.0).contains(&value) =>
        {
            (Unit::Year, None)
        }
        None => (Unit::Number, None),
    };
    Ok(Figure {
        start,
        end,
        value,
        unit,
        cue,
        approx: words.approx_before(text, start),
        decimal: !frac.is_empty(),
        signed: false,
    })
}

fn parse_value(int_digits: &[u8], frac: &[u8]) -> Option<f64> {
    let mut s = String::with_capacity(int_digits.len() + frac.len() + 1);
    s.push_str(std::str::from_utf8(int_digits).ok()?);
    if !frac.is_empty() {
        s.push('.');
        s.push_str(std::str::from_utf8(frac).ok()?);
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> NumberWords {
        NumberWords::parse(
            include_str!("../patterns/units.tsv"),
            include_str!("../patterns/approx.txt"),
        )
        .unwrap()
    }

    fn one(text: &str) -> Figure {
        let f = find(text, &words());
        assert_eq!(f.len(), 1, "{text:?}: {f:?}");
        f.into_iter().next().unwrap()
    }

    #[test]
    fn percentages() {
        for (text, value) in [
            ("38,18 %", 38.18),
            ("38,18%", 38.18),
            ("38.18 %", 38.18),
            ("32,3 pour cent", 32.3),
            ("17, 5%", 17.5),
            ("52.41 %", 52.41),
        ] {
            let f = one(text);
            assert_eq!((f.value, f.unit), (value, Unit::Percent), "{text}");
        }
    }

    #[test]
    fn counts_with_every_space() {
        for text in [
            "9 046 personnes",
            "9\u{00A0}046 personnes",
            "9\u{202F}046 personnes",
        ] {
            let f = one(text);
            assert_eq!(
                (f.value, f.unit, f.cue),
                (9046.0, Unit::Count, Some("persons"))
            );
        }
        assert_eq!(one("11234 votants").value, 11234.0);
        assert_eq!(one("1.101.180 voix").value, 1_101_180.0);
        assert_eq!(one("12 345voix").cue, Some("votes"));
        let m = one("1,56 million d'électeurs");
        assert_eq!((m.value, m.cue), (1_560_000.0, Some("electors")));
    }

    #[test]
    fn grouping_rules_decide() {
        assert_eq!(one("4,800").value, 4.8);
        assert_eq!(one("100.000").value, 100_000.0);
        assert_eq!(one("6.700,54").value, 6700.54);
        let two = find("en 2017 12 345 voix", &words());
        assert_eq!(
            two.iter().map(|f| f.value).collect::<Vec<_>>(),
            vec![2017.0, 12345.0]
        );
        assert_eq!(two[0].unit, Unit::Year);
    }

    #[test]
    fn approximations() {
        assert!(one("plus de 38% des voix").approx);
        assert!(one("près de 2 millions").approx);
        assert!(one("environ 300 voix").approx);
        assert!(!one("contre 32,3 %").approx);
        assert!(!one("surplus de 3 %").approx);
    }

    #[test]
    fn points_and_signs() {
        let f = one("de 5 points");
        assert_eq!((f.value, f.unit, f.signed), (5.0, Unit::Points, false));
        assert!(one("+3,2 points").signed);
        assert!(one("- 4 pts").signed);
    }

    #[test]
    fn not_figures() {
        let words = words();
        for text in [
            "le 29.01.2017",
            "à 20h30",
            "vers 21 h 09",
            "Melle (79500)",
            "Niort (79)",
        ] {
            assert!(find(text, &words).is_empty(), "{text}");
        }
        assert_eq!(one("la 2e circonscription").unit, Unit::Ordinal);
    }
}
