//! Sentence segmentation for French press copy.
//!
//! Works on the original text in one left-to-right pass and returns byte
//! spans. The rules, in the order they are tried at each candidate boundary:
//!
//! - A line break ends a sentence unless the next line starts with a
//!   lower-case letter (a hard-wrapped paragraph). A sentence that ends at a
//!   line break without final punctuation is a *heading* (headline,
//!   subheading, list line).
//! - `.`, `!`, `?`, `…` end a sentence when what follows (after closing
//!   quotes and brackets, which stay with the sentence) is upper case, a
//!   digit, an opening quote or a bullet; never before a lower-case word.
//! - A full stop glued to a capitalised word (`17,03%.Benoit`) ends a
//!   sentence too, as long as the stop does not close an initial.
//! - A full stop after an abbreviation from `patterns/abbreviations.txt`, an
//!   initial (`E. Macron`, `J.-L. Mélenchon`) or inside a number (`1.101.180`,
//!   `29.01.2017`) never ends one.
//!
//! Invariant: spans are in order, do not overlap, start and end on character
//! boundaries, and are trimmed of surrounding white space.

use crate::words::FewWords;

/// One sentence: a trimmed byte span of the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// Ended by a line break with no final punctuation (headline, list line).
    pub heading: bool,
}

/// Words after which a full stop does not end a sentence.
#[derive(Debug, Clone, Default)]
pub struct Abbreviations(FewWords);

impl Abbreviations {
    /// Reads one abbreviation per line, written without its final full stop;
    /// `#` starts a comment.
    pub fn parse(text: &str) -> Abbreviations {
        let words = text
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .map(|l| l.trim_end_matches('.').as_bytes());
        Abbreviations(FewWords::new(words))
    }

    /// Whether `word` (without its full stop) is an abbreviation.
    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(word.as_bytes())
    }
}

/// Splits `text` into sentences.
pub fn split(text: &str, abbreviations: &Abbreviations) -> Vec<Sentence> {
    let mut out = Vec::new();
    split_into(text, abbreviations, &mut out);
    out
}

/// Splits `text` into sentences, appending them to `out`.
pub fn split_into(text: &str, abbreviations: &Abbreviations, out: &mut Vec<Sentence>) {
    let bytes = text.as_bytes();
    let mut marks = Marks::default();
    let mut start = 0;
    let mut i = 0;
    while let Some(at) = marks.next(bytes, i) {
        i = at;
        match bytes[i] {
            b'\n' => {
                if !next_line_continues(text, i + 1) {
                    push(text, start, i, true, out);
                    start = i + 1;
                }
                i += 1;
            }
            // A run of final punctuation (`...`, `?!`) is decided once, at
            // its first mark: deciding at each mark would make a long run
            // cost its length squared.
            b'.' | b'!' | b'?' => {
                if let Some(after) = boundary_after(text, i, abbreviations) {
                    push(text, start, after, false, out);
                    start = after;
                    i = after;
                } else {
                    i = end_of_marks(text, i);
                }
            }
            _ if text[i..].starts_with('…') => {
                if let Some(after) = boundary_after(text, i, abbreviations) {
                    push(text, start, after, false, out);
                    start = after;
                    i = after;
                } else {
                    i = end_of_marks(text, i);
                }
            }
            _ => i += 1,
        }
    }
    push(text, start, bytes.len(), true, out);
}

/// The next byte that may end a sentence (`\n . ! ?` and the lead byte of
/// `…`), found by vectorised search rather than byte by byte: two searches
/// whose last answers are kept until passed.
#[derive(Default)]
struct Marks {
    stops: Option<Option<usize>>,
    others: Option<Option<usize>>,
}

impl Marks {
    fn next(&mut self, bytes: &[u8], from: usize) -> Option<usize> {
        let find = |cached: &mut Option<Option<usize>>, search: &dyn Fn(&[u8]) -> Option<usize>| {
            match *cached {
                Some(Some(at)) if at >= from => Some(at),
                Some(None) => None,
                _ => {
                    let at = bytes.get(from..).and_then(search).map(|k| from + k);
                    *cached = Some(at);
                    at
                }
            }
        };
        let a = find(&mut self.stops, &|h| memchr::memchr3(b'\n', b'.', b'!', h));
        let b = find(&mut self.others, &|h| memchr::memchr2(b'?', 0xE2, h));
        match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Adds the trimmed span `start..end` if it holds anything. `at_line_end`
/// marks a span closed by a line break or the end of the text: it is a
/// heading when it has no final punctuation.
fn push(text: &str, start: usize, end: usize, at_line_end: bool, out: &mut Vec<Sentence>) {
    let span = &text[start..end];
    let rest = span.trim_start();
    let trimmed_start = span.len() - rest.len();
    let trimmed = rest.trim_end();
    if trimmed.is_empty() {
        return;
    }
    let s = start + trimmed_start;
    let heading = at_line_end && !ends_with_final_punctuation(trimmed);
    out.push(Sentence {
        start: s,
        end: s + trimmed.len(),
        heading,
    });
}

fn ends_with_final_punctuation(s: &str) -> bool {
    let core = s.trim_end_matches(|c: char| is_closing(c) || c.is_whitespace());
    core.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn is_closing(c: char) -> bool {
    matches!(c, '»' | '"' | '\'' | ')' | ']' | '”' | '’' | '›')
}

fn is_opening(c: char) -> bool {
    matches!(c, '«' | '"' | '(' | '[' | '“' | '‹' | '‘')
}

fn is_bullet(c: char) -> bool {
    matches!(c, '-' | '•' | '–' | '—' | '·' | '*' | '▪' | '►')
}

/// Whether the line starting at `at` continues the previous one: its first
/// visible character is a lower-case letter.
fn next_line_continues(text: &str, at: usize) -> bool {
    // The first character that is not white space, unless the line ends
    // first: the rest of the line is not read.
    text[at..]
        .chars()
        .find(|&c| c == '\n' || !c.is_whitespace())
        .is_some_and(|c| c.is_lowercase())
}

/// If the punctuation at `at` ends a sentence, the offset where the next
/// sentence may start (past the punctuation run and closing quotes).
fn boundary_after(text: &str, at: usize, abbreviations: &Abbreviations) -> Option<usize> {
    let bytes = text.as_bytes();
    // `(...)`, `(…)`: an ellipsis standing for cut words ends nothing.
    let before_stops = bytes[..at].iter().rposition(|&b| b != b'.');
    if before_stops.is_some_and(|k| matches!(bytes[k], b'(' | b'[')) {
        return None;
    }
    if bytes[at] == b'.' {
        // Inside a number: 1.101.180, 29.01.2017, 38.5.
        let digit_before = at > 0 && bytes[at - 1].is_ascii_digit();
        let digit_after = bytes.get(at + 1).is_some_and(|b| b.is_ascii_digit());
        if digit_before && digit_after {
            return None;
        }
        if ends_abbreviation(&text[..at], abbreviations) {
            return None;
        }
    }
    // The run of final punctuation, closing quotes and brackets, and the
    // spaces inside it (« Non ! » keeps its closing quote).
    let mut end = at;
    let mut saw_space = false;
    for (off, c) in text[at..].char_indices() {
        let unambiguous_closing = matches!(c, '»' | '”' | '›' | ')' | ']');
        if (!saw_space && (matches!(c, '.' | '!' | '?' | '…') || is_closing(c)))
            || (saw_space && unambiguous_closing)
        {
            end = at + off + c.len_utf8();
        } else if matches!(c, ' ' | '\u{00A0}' | '\u{202F}') {
            saw_space = true;
        } else {
            break;
        }
    }
    // A footnote call stays with its sentence (`Chris.[4] Je`).
    if let Some(call) = text[end..].strip_prefix('[') {
        let n = call.bytes().take_while(u8::is_ascii_digit).count();
        if n > 0 && call[n..].starts_with(']') {
            end += n + 2;
        }
    }
    let rest = &text[end..];
    let gap = rest.len()
        - rest
            .trim_start_matches([' ', '\t', '\u{00A0}', '\u{202F}'])
            .len();
    let next = rest[gap..].chars().next()?;
    if next == '\n' || next == '\r' {
        return Some(end);
    }
    let glued = gap == 0;
    if glued {
        // `17,03%.Benoit`: only a capitalised word glued to a full stop.
        let mut chars = rest.chars();
        let first = chars.next()?;
        let second = chars.next();
        // `votants.A Poitiers`: a one-letter word is a word too.
        let word_after = first.is_uppercase()
            && second.is_some_and(|c| c.is_lowercase() || c == ' ' || c == '\'' || c == '’');
        let word_before = text[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '%')
            .take(2)
            .count()
            >= 2
            || text[..at].ends_with(['%', ')', '»', '"']);
        return (bytes[at] != b'?' && word_after && word_before).then_some(end);
    }
    if next.is_uppercase() || next.is_ascii_digit() || is_opening(next) || is_bullet(next) {
        Some(end)
    } else {
        // A lone full stop after a word ends a sentence even before a
        // lower-case word (`Je suis Chris. comment`); an ellipsis, a `?`
        // or a closing quote (`« Madame est là. » dit-il`) does not.
        let lone_stop = bytes[at] == b'.' && end == at + 1;
        let word_before = text[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .take(2)
            .count()
            >= 2
            || text[..at].ends_with(')');
        (lone_stop && word_before && next.is_lowercase()).then_some(end)
    }
}

/// The end of the run of final punctuation that starts at `at`.
fn end_of_marks(text: &str, at: usize) -> usize {
    let run: usize = text[at..]
        .chars()
        .take_while(|c| matches!(c, '.' | '!' | '?' | '…'))
        .map(char::len_utf8)
        .sum();
    at + run.max(1)
}

/// Whether the text before a full stop ends with an abbreviation or an
/// initial (`M`, `Mme`, `J.-L`, `E`).
fn ends_abbreviation(before: &str, abbreviations: &Abbreviations) -> bool {
    let (word_start, separator) = abbreviation_start(before);
    let word = before[word_start..].trim_start_matches(['-', '\'']);
    if word.is_empty() {
        return false;
    }
    // The part after the last separator: one in the head trimmed off
    // leaves none in the word.
    let last = match separator {
        Some(k) if k >= before.len() - word.len() => &before[k + 1..],
        _ => word,
    };
    if abbreviations.contains(word) || (last.len() < word.len() && abbreviations.contains(last)) {
        return true;
    }
    // An initial: one capital letter, alone or after other initials (J.-L).
    let mut chars = last.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Where the word that may be an abbreviation starts, before the end of
/// `before`: the characters that may be part of one, letters, digits and
/// `.-°'`, at most 24 of them, as no abbreviation is longer (a bound keeps
/// `a.a.a.a...` linear), and the offset of the last `.-'` among them.
/// ASCII bytes are judged as they are; only the others are decoded.
fn abbreviation_start(before: &str) -> (usize, Option<usize>) {
    let bytes = before.as_bytes();
    let mut start = bytes.len();
    let mut separator = None;
    for _ in 0..24 {
        let Some(&b) = bytes[..start].last() else {
            break;
        };
        if b.is_ascii() {
            if matches!(b, b'.' | b'-' | b'\'') {
                separator = separator.or(Some(start - 1));
            } else if !b.is_ascii_alphanumeric() {
                break;
            }
            start -= 1;
        } else {
            let c = before[..start].chars().next_back().expect("a character");
            if !(c.is_alphanumeric() || c == '°') {
                break;
            }
            start -= c.len_utf8();
        }
    }
    (start, separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abbreviations() -> Abbreviations {
        Abbreviations::parse("M\nMM\nMme\nMlle\nDr\nPr\nMe\nSt\netc\ncf\np\nav\nJ.-C\n")
    }

    fn texts(text: &str) -> Vec<&str> {
        split(text, &abbreviations())
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviation_starts_are_found_byte_by_byte_as_by_characters() {
        let by_chars = |before: &str| {
            before
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '.' | '-' | '°' | '\''))
                .take(24)
                .last()
                .map_or(before.len(), |(i, _)| i)
        };
        for before in [
            "",
            "Le n°",
            "avec J.-L",
            "l'a.a.a.a.a.a.a.a.a.a.a.a.a.a",
            "le député Mélenchon",
            "Bœuf, ÉTÉ",
            "(voir p",
            "« Mme",
            "x\u{00A0}Av",
            "20 000",
        ] {
            let (start, separator) = abbreviation_start(before);
            assert_eq!(start, by_chars(before), "{before}");
            let last = before[start..].rfind(['.', '-', '\'']).map(|k| start + k);
            assert_eq!(separator, last, "{before}");
        }
    }

    #[test]
    fn abbreviations_and_initials_are_those_of_the_word_split_by_characters() {
        let a = abbreviations();
        let by_chars = |before: &str| {
            let start = before
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '.' | '-' | '°' | '\''))
                .take(24)
                .last()
                .map_or(before.len(), |(i, _)| i);
            let word = before[start..].trim_start_matches(['-', '\'']);
            let last = word.rsplit(['.', '-', '\'']).next().unwrap_or(word);
            let mut chars = last.chars();
            !word.is_empty()
                && (a.contains(word)
                    || a.contains(last)
                    || matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase()))
        };
        for before in [
            "",
            "M",
            "le M",
            "avec J.-C",
            "J.-L",
            "l'-'M",
            "x -'Mme",
            "'-",
            "Mme-",
            "n°",
            "a.b.E",
            "voix",
            "Dr.-Mme",
            "É",
            "l'É",
            "av",
            "-av",
            "x.av",
            "xav",
        ] {
            assert_eq!(ends_abbreviation(before, &a), by_chars(before), "{before}");
        }
    }

    #[test]
    fn only_listed_words_are_abbreviations() {
        let a = abbreviations();
        for w in ["M", "MM", "Mme", "J.-C", "etc", "p"] {
            assert!(a.contains(w), "{w}");
        }
        for w in ["", "m", "Mmes", "Mm", "P", "pp", "voix", "etcetera"] {
            assert!(!a.contains(w), "{w}");
        }
        assert!(!Abbreviations::default().contains("M"));
    }

    #[test]
    fn a_line_goes_on_only_when_its_first_visible_character_is_lower_case() {
        assert_eq!(
            texts("Le maire a été\n  réélu dimanche."),
            ["Le maire a été\n  réélu dimanche."]
        );
        assert_eq!(
            texts("Résultats\n\u{a0}\u{202f}Le maire"),
            ["Résultats", "Le maire"]
        );
        // A blank line ends the paragraph, whatever the next one holds.
        assert_eq!(texts("Résultats\n   \nsuite"), ["Résultats", "suite"]);
        assert_eq!(texts("Résultats\n"), ["Résultats"]);
    }

    #[test]
    fn long_runs_of_marks_are_one_decision() {
        let dots = ".".repeat(200_000);
        assert_eq!(split(&dots, &abbreviations()).len(), 1);
        let bangs = format!("Non{} Oui.", "!".repeat(100_000));
        assert_eq!(texts(&bangs).len(), 2);
        let initials = "a.".repeat(50_000);
        let parts = split(&initials, &abbreviations());
        assert_eq!(parts.last().map(|s| s.end), Some(initials.len()));
    }

    #[test]
    fn splits_glued_full_stops() {
        assert_eq!(
            texts("avec 17,03%.Benoit Hamon a gagné. Il y a eu 11234 votants.A Poitiers, oui."),
            vec![
                "avec 17,03%.",
                "Benoit Hamon a gagné.",
                "Il y a eu 11234 votants.",
                "A Poitiers, oui."
            ]
        );
    }

    #[test]
    fn keeps_numbers_abbreviations_and_initials() {
        assert_eq!(
            texts("M. Valls et Mme Royal ont 1.101.180 voix. J.-L. Mélenchon et E. Macron aussi."),
            vec![
                "M. Valls et Mme Royal ont 1.101.180 voix.",
                "J.-L. Mélenchon et E. Macron aussi."
            ]
        );
        assert_eq!(
            texts("Le 29.01.2017 à 20h30. Fin."),
            vec!["Le 29.01.2017 à 20h30.", "Fin."]
        );
    }

    #[test]
    fn headings_are_sentences() {
        let text = "Deux Sèvres : Hamon en tête avec plus de 38% des voix\n\nEn Deux Sèvres, ils ont voté.";
        let s = split(text, &abbreviations());
        assert_eq!(s.len(), 2);
        assert!(s[0].heading);
        assert!(!s[1].heading);
        assert_eq!(
            &text[s[0].start..s[0].end],
            "Deux Sèvres : Hamon en tête avec plus de 38% des voix"
        );
    }

    #[test]
    fn list_lines_and_hard_wraps() {
        assert_eq!(
            texts("Résultats à Niort\n- Benoît Hamon : 38,18 %\n- Manuel Valls : 32,3 %\n"),
            vec![
                "Résultats à Niort",
                "- Benoît Hamon : 38,18 %",
                "- Manuel Valls : 32,3 %"
            ]
        );
        assert_eq!(
            texts("Il a obtenu\nla majorité. Fin."),
            vec!["Il a obtenu\nla majorité.", "Fin."]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            texts("Il dit « c'est fini. » Puis il part... et revient ! « Non ? » demande-t-il."),
            vec![
                "Il dit « c'est fini. »",
                "Puis il part... et revient !",
                "« Non ? » demande-t-il."
            ]
        );
        assert_eq!(
            texts("Il dit \"oui\". Elle aussi."),
            vec!["Il dit \"oui\".", "Elle aussi."]
        );
    }

    #[test]
    fn ellipsis_before_lower_case_does_not_split() {
        assert_eq!(
            texts("Il hésite… puis vote. Fin."),
            vec!["Il hésite… puis vote.", "Fin."]
        );
    }

    #[test]
    fn the_press_abbreviations_are_listed() {
        let bundled = Abbreviations::parse(include_str!("../patterns/abbreviations.txt"));
        for a in [
            "M", "MM", "Mme", "Mlle", "Dr", "Pr", "Me", "St", "av", "J.-C", "etc", "cf", "p", "n°",
        ] {
            assert!(bundled.contains(a), "{a}");
        }
        let text = "Réunion sam. 12 mars, c.-à-d. Demain. N.D.L.R. Fin.";
        let got: Vec<&str> = split(text, &bundled)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            got,
            vec!["Réunion sam. 12 mars, c.-à-d. Demain.", "N.D.L.R. Fin."]
        );
    }

    #[test]
    fn lone_full_stop_before_lower_case_and_footnotes() {
        assert_eq!(
            texts("Je suis Chris. comment allez vous"),
            vec!["Je suis Chris.", "comment allez vous"]
        );
        assert_eq!(
            texts("« Madame est dans sa chambre. » dit le serviteur."),
            vec!["« Madame est dans sa chambre. » dit le serviteur."]
        );
        assert_eq!(
            texts("Je suis Chris.[4] Je suis (...) Chris."),
            vec!["Je suis Chris.[4]", "Je suis (...) Chris."]
        );
    }

    #[test]
    fn bullets_start_sentences() {
        assert_eq!(
            texts("Au second tour. • Hamon : 58 %. – Valls : 42 %. — Fin"),
            vec![
                "Au second tour.",
                "• Hamon : 58 %.",
                "– Valls : 42 %.",
                "— Fin"
            ]
        );
    }

    #[test]
    fn quotes_across_sentences() {
        assert_eq!(
            texts(
                "« Nous avons gagné. Les électeurs ont parlé. » Il sourit. « Ce soir, c'est la fête ! Demain, au travail », a-t-il ajouté."
            ),
            vec![
                "« Nous avons gagné.",
                "Les électeurs ont parlé. »",
                "Il sourit.",
                "« Ce soir, c'est la fête !",
                "Demain, au travail », a-t-il ajouté."
            ]
        );
    }
}
