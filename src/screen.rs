//! Screening: whether an article can report an election figure at all.
//!
//! Most of a regional archive is not about elections. A fact needs an
//! election, a round, a poll, voters or votes named somewhere in the
//! article; an article that names none of them is screened out after
//! folding, and its number and linking stages never run. The phrases are
//! those of `cues.tsv` in the categories `election`, `round`, `poll` and
//! `voters`, and the words of `screen.txt`. The scan is one pass of a small
//! DFA that stops at the first phrase, so an election article pays almost
//! nothing for it.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};

use crate::fold::is_word_byte;
use crate::numbers::data_lines;

/// The compiled screening phrases.
#[derive(Debug, Clone)]
pub struct Screen {
    automaton: AhoCorasick,
}

impl Screen {
    /// Builds the screen from `cues.tsv` and `screen.txt`.
    pub fn parse(cues: &str, words: &str) -> Result<Screen, String> {
        let mut phrases: Vec<&str> = data_lines(cues)
            .filter_map(|(_, line)| {
                let mut c = line.split('\t');
                let (phrase, category) = (c.next()?, c.next()?);
                matches!(category, "election" | "round" | "poll" | "voters").then_some(phrase)
            })
            .collect();
        phrases.extend(data_lines(words).map(|(_, l)| l.trim()));
        let automaton = AhoCorasick::builder()
            // Every match, overlapping ones included: a phrase inside a
            // longer word (`elu` in `elus`) must not hide the whole word.
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .start_kind(StartKind::Unanchored)
            .build(&phrases)
            .map_err(|e| format!("screen automaton: {e}"))?;
        Ok(Screen { automaton })
    }

    /// Whether the folded text names an election, a round, a poll, voters
    /// or votes, as whole words.
    pub fn passes(&self, folded: &str) -> bool {
        let b = folded.as_bytes();
        self.automaton.find_overlapping_iter(folded).any(|m| {
            (m.start() == 0 || !is_word_byte(b[m.start() - 1]))
                && b.get(m.end()).is_none_or(|c| !is_word_byte(*c))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen() -> Screen {
        Screen::parse(
            "# comment\npremier tour\tround\t1\nsondage\tpoll\tx\nhausse de\tchange\tx\n",
            "voix\nscrutin\nelu\nelus\n",
        )
        .unwrap()
    }

    #[test]
    fn passes_articles_that_name_an_election() {
        let s = screen();
        assert!(s.passes("au premier tour, x obtient 38 %"));
        assert!(s.passes("selon un sondage"));
        assert!(s.passes("12 345 voix"));
        assert!(s.passes("les elus locaux"), "a shorter phrase inside");
    }

    #[test]
    fn screens_out_other_articles() {
        let s = screen();
        // A change cue alone is not an election, and words must be whole.
        assert!(!s.passes("le budget en hausse de 3 %"));
        assert!(!s.passes("les scrutineers et la voixe"));
        assert!(!s.passes(""));
    }
}
