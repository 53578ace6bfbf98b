//! Screening: whether an article can report an election figure at all.
//!
//! Most of a regional archive is not about elections. A fact needs an
//! election, a round, a poll, voters or votes named somewhere in the
//! article; an article that names none of them is screened out, and its
//! number and linking stages never run. The phrases are those of
//! `cues.tsv` in the categories `election`, `round`, `poll` and `voters`,
//! and the words of `screen.txt`.
//!
//! The screen proper ([`Screen::passes`]) scans the folded text with a
//! small DFA that stops at the first phrase. Folding costs more than that
//! scan, and most articles fail it, so a pre-screen ([`Screen::may_pass`])
//! looks for the same phrases in the original text first: each folded byte
//! of a phrase becomes the set of characters that fold to it, so folding
//! never has to run for an article that fails.

use std::ops::RangeInclusive;
use std::panic::{RefUnwindSafe, UnwindSafe};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};
use regex_automata::Input;
use regex_automata::hybrid::LazyStateID;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, Look, Repetition};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::fold::{is_word_byte, push_folded};
use crate::numbers::data_lines;

/// The compiled screening phrases.
#[derive(Debug, Clone)]
pub struct Screen {
    automaton: AhoCorasick,
    raw: RawScreen,
}

/// The screening phrases of `cues.tsv` and `screen.txt`, in folded form.
pub fn phrases<'a>(cues: &'a str, words: &'a str) -> Vec<&'a str> {
    let mut phrases: Vec<&str> = data_lines(cues)
        .filter_map(|(_, line)| {
            let mut c = line.split('\t');
            let (phrase, category) = (c.next()?, c.next()?);
            matches!(category, "election" | "round" | "poll" | "voters").then_some(phrase)
        })
        .collect();
    phrases.extend(data_lines(words).map(|(_, l)| l.trim()));
    phrases
}

/// The pre-screen: a lazy DFA over the original text, with a cache for
/// each thread that searches.
#[derive(Debug)]
struct RawScreen {
    dfa: DFA,
    caches: Pool<Cache, CacheMaker>,
}

type CacheMaker = Box<dyn Fn() -> Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

impl RawScreen {
    fn new(dfa: DFA) -> RawScreen {
        let maker = dfa.clone();
        RawScreen {
            dfa,
            caches: Pool::new(Box::new(move || maker.create_cache())),
        }
    }

    /// Whether the expression matches somewhere in `text`; `None` where
    /// the DFA gives up.
    fn finds(&self, cache: &mut Cache, text: &[u8]) -> Option<bool> {
        let dfa = &self.dfa;
        let mut sid = dfa.start_state_forward(cache, &Input::new(text)).ok()?;
        let mut at = 0;
        loop {
            // Matches show one byte late, in the state after the byte that
            // ends them; a match is all the screen needs, not its end.
            if sid.is_tagged() {
                return if sid.is_match() {
                    Some(true)
                } else if sid.is_dead() {
                    Some(false)
                } else {
                    // A quit state, or a start state tagged for a
                    // prefilter, which this DFA is not built with.
                    None
                };
            }
            match untagged_run(dfa, cache, sid, &text[at..]) {
                Ok(last) => {
                    let eoi = dfa.next_eoi_state(cache, last).ok()?;
                    return Some(eoi.is_match());
                }
                Err((k, from, to)) => {
                    at += k;
                    sid = if to.is_unknown() {
                        dfa.next_state(cache, from, text[at]).ok()?
                    } else {
                        to
                    };
                    at += 1;
                }
            }
        }
    }
}

/// Follows `bytes` from the untagged state `sid` while the states met are
/// untagged: the last state, or the offset of the byte that leads to a
/// tagged state (match, dead, quit or not yet built), with the states
/// before and after it. Unlike the library's search, the end of the text
/// is checked once for sixteen bytes.
fn untagged_run(
    dfa: &DFA,
    cache: &Cache,
    mut sid: LazyStateID,
    bytes: &[u8],
) -> Result<LazyStateID, (usize, LazyStateID, LazyStateID)> {
    let mut step = |b: u8| {
        // SAFETY: `sid` is untagged (checked below before it is kept, and
        // by the caller for the first one), and it was returned by the
        // last call that built states in `cache`, which is borrowed
        // shared here and so cannot change: the library's conditions for
        // an unchecked transition. A checked one would add two
        // instructions to the six each byte costs.
        let next = unsafe { dfa.next_state_untagged_unchecked(cache, sid, b) };
        if next.is_tagged() {
            return Some((sid, next));
        }
        sid = next;
        None
    };
    let (blocks, rest) = bytes.as_chunks::<16>();
    for (n, block) in blocks.iter().enumerate() {
        for (k, &b) in block.iter().enumerate() {
            if let Some((from, to)) = step(b) {
                return Err((16 * n + k, from, to));
            }
        }
    }
    let done = 16 * blocks.len();
    for (k, &b) in rest.iter().enumerate() {
        if let Some((from, to)) = step(b) {
            return Err((done + k, from, to));
        }
    }
    Ok(sid)
}

impl Clone for RawScreen {
    fn clone(&self) -> RawScreen {
        RawScreen::new(self.dfa.clone())
    }
}

impl Screen {
    /// Builds the screen from `cues.tsv` and `screen.txt`.
    pub fn parse(cues: &str, words: &str) -> Result<Screen, String> {
        let phrases = phrases(cues, words);
        let automaton = AhoCorasick::builder()
            // Every match, overlapping ones included: a phrase inside a
            // longer word (`elu` in `elus`) must not hide the whole word.
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .start_kind(StartKind::Unanchored)
            .build(&phrases)
            .map_err(|e| format!("screen automaton: {e}"))?;
        Ok(Screen {
            automaton,
            raw: RawScreen::new(raw_screen(&phrases)?),
        })
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

    /// Whether the original, unfolded text may pass the screen: false only
    /// where [`passes`](Screen::passes) is false on its folded form.
    pub fn may_pass(&self, original: &str) -> bool {
        // A search that gives up says nothing: let the screen proper decide.
        let mut cache = self.raw.caches.get();
        self.raw
            .finds(&mut cache, original.as_bytes())
            .unwrap_or(true)
    }
}

/// What folding makes of each character, as the pre-screen needs it.
#[derive(Default)]
struct Folds {
    /// The characters that fold to nothing (combining marks, zero widths):
    /// they may sit anywhere inside a phrase.
    vanish: Vec<ClassUnicodeRange>,
    /// The characters whose folded form ends with a non-word byte: a word
    /// may start after them.
    ends_apart: Vec<ClassUnicodeRange>,
    /// The characters whose folded form starts with a non-word byte: a
    /// word may end before them.
    starts_apart: Vec<ClassUnicodeRange>,
    /// The characters by folded form, for the forms found inside a phrase.
    by_form: FxHashMap<Vec<u8>, Vec<ClassUnicodeRange>>,
    /// The characters whose folded form has several bytes, some of them
    /// not word bytes (`…`): a phrase may start or end inside them.
    mixed: Vec<(char, Vec<u8>)>,
}

/// The characters the pre-screen tells apart when the phrases are ASCII:
/// every other one folds to non-ASCII word bytes, so it neither breaks a
/// word nor spells a phrase (a test of this module checks it for all of
/// them). Folding each character costs, so they are not all folded.
const ASCII_CLASSIFIED: [RangeInclusive<char>; 2] = ['\0'..='\u{3000}', '\u{FE00}'..='\u{FFFF}'];

impl Folds {
    fn of(phrases: &[&str]) -> Folds {
        let pieces: FxHashSet<&[u8]> = phrases
            .iter()
            .flat_map(|p| {
                let p = p.as_bytes();
                (0..p.len()).flat_map(move |i| (i + 1..=p.len()).map(move |j| &p[i..j]))
            })
            .collect();
        let mut folds = Folds::default();
        let mut form = Vec::new();
        let classified = if phrases.iter().all(|p| p.is_ascii()) {
            ASCII_CLASSIFIED.to_vec()
        } else {
            vec!['\0'..=char::MAX]
        };
        for c in classified.into_iter().flatten() {
            form.clear();
            push_folded(c, &mut form);
            let (Some(&first), Some(&last)) = (form.first(), form.last()) else {
                add(&mut folds.vanish, c);
                continue;
            };
            if !is_word_byte(last) {
                add(&mut folds.ends_apart, c);
            }
            if !is_word_byte(first) {
                add(&mut folds.starts_apart, c);
            }
            if form.len() > 1 && !form.iter().all(|&b| is_word_byte(b)) {
                folds.mixed.push((c, form.clone()));
            }
            if pieces.contains(form.as_slice()) {
                add(folds.by_form.entry(form.clone()).or_default(), c);
            }
        }
        folds
    }
}

/// The phrases as a tree of folded bytes, so that phrases that share a
/// beginning share its states.
struct Trie {
    /// Each node's children by byte.
    children: Vec<Vec<(u8, usize)>>,
    /// Whether a phrase ends at each node.
    ends: Vec<bool>,
}

impl Trie {
    fn of(phrases: &[&str]) -> Trie {
        let mut t = Trie {
            children: vec![Vec::new()],
            ends: vec![false],
        };
        for p in phrases {
            let mut at = 0;
            for &b in p.as_bytes() {
                at = match t.children[at].iter().find(|(c, _)| *c == b) {
                    Some(&(_, next)) => next,
                    None => {
                        t.children.push(Vec::new());
                        t.ends.push(false);
                        let next = t.children.len() - 1;
                        t.children[at].push((b, next));
                        next
                    }
                };
            }
            t.ends[at] = true;
        }
        t
    }

    /// The nodes met reading `bytes` from `at`, one per byte, as far as
    /// the tree goes.
    fn walk<'a>(&'a self, at: usize, bytes: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
        bytes.iter().scan(at, move |at, &b| {
            *at = self.children[*at].iter().find(|(c, _)| *c == b)?.1;
            Some(*at)
        })
    }

    /// Whether reading `bytes` from `at` ends a phrase before a byte that
    /// ends the word.
    fn ends_inside(&self, at: usize, bytes: &[u8]) -> bool {
        self.walk(at, bytes)
            .enumerate()
            .any(|(i, n)| self.ends[n] && bytes.get(i + 1).is_some_and(|&b| !is_word_byte(b)))
    }
}

/// Builds the pre-screen's expression from the tree and the folds.
struct Expression<'a> {
    trie: &'a Trie,
    folds: &'a Folds,
    /// The class of the characters of each form, built once.
    classes: Vec<(&'a [u8], Hir)>,
    gap: Hir,
    end: Hir,
}

impl<'a> Expression<'a> {
    fn new(trie: &'a Trie, folds: &'a Folds) -> Expression<'a> {
        Expression {
            trie,
            folds,
            classes: folds
                .by_form
                .iter()
                .map(|(form, chars)| (form.as_slice(), class(chars)))
                .collect(),
            gap: Hir::repetition(Repetition {
                min: 0,
                max: None,
                greedy: true,
                sub: Box::new(class(&folds.vanish)),
            }),
            end: Hir::alternation(vec![Hir::look(Look::End), class(&folds.starts_apart)]),
        }
    }

    /// What matches, in the original text, the rest of a phrase from a
    /// node of the tree and the word end after it.
    fn node(&mut self, at: usize) -> Hir {
        let mut ways = Vec::new();
        // Not memoised: only a form of several bytes (`ss` of `ß`) reaches
        // a node a second time, and the phrases hold few of them.
        if self.trie.ends[at] {
            ways.push(self.end.clone());
        }
        for i in 0..self.classes.len() {
            let form = self.classes[i].0;
            if let Some(next) = self.trie.walk(at, form).nth(form.len() - 1) {
                let rest = self.node(next);
                ways.push(Hir::concat(vec![
                    self.classes[i].1.clone(),
                    self.gap.clone(),
                    rest,
                ]));
            }
        }
        for (c, form) in &self.folds.mixed {
            if self.trie.ends_inside(at, form) {
                ways.push(literal(*c));
            }
        }
        Hir::alternation(ways)
    }

    /// What matches, in the original text, any phrase as a whole word.
    fn any_phrase(&mut self) -> Hir {
        let start = Hir::alternation(vec![Hir::look(Look::Start), class(&self.folds.ends_apart)]);
        let root = self.node(0);
        let mut ways = vec![Hir::concat(vec![start, self.gap.clone(), root])];
        // A character whose form has a word start inside it, then a
        // phrase's first bytes or the whole phrase.
        for (c, form) in &self.folds.mixed {
            for k in 1..form.len() {
                if is_word_byte(form[k - 1]) {
                    continue;
                }
                let after = &form[k..];
                if self.trie.ends_inside(0, after) {
                    ways.push(literal(*c));
                } else if let Some(next) = self.trie.walk(0, after).nth(after.len() - 1) {
                    let rest = self.node(next);
                    ways.push(Hir::concat(vec![literal(*c), self.gap.clone(), rest]));
                }
            }
        }
        Hir::alternation(ways)
    }
}

/// Adds a character to ascending ranges; characters come in order.
fn add(ranges: &mut Vec<ClassUnicodeRange>, c: char) {
    match ranges.last_mut() {
        Some(r) if r.end() as u32 + 1 == c as u32 => *r = ClassUnicodeRange::new(r.start(), c),
        _ => ranges.push(ClassUnicodeRange::new(c, c)),
    }
}

fn class(ranges: &[ClassUnicodeRange]) -> Hir {
    Hir::class(Class::Unicode(ClassUnicode::new(ranges.iter().copied())))
}

fn literal(c: char) -> Hir {
    class(&[ClassUnicodeRange::new(c, c)])
}

/// The pre-screen: a DFA over the original text that matches wherever the
/// folded text holds a phrase as a whole word.
fn raw_screen(phrases: &[&str]) -> Result<DFA, String> {
    let folds = Folds::of(phrases);
    let trie = Trie::of(phrases);
    let hir = Expression::new(&trie, &folds).any_phrase();
    let nfa = thompson::Compiler::new()
        .configure(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
        .build_from_hir(&hir)
        .map_err(|e| format!("pre-screen: {e}"))?;
    DFA::builder()
        .build_from_nfa(nfa)
        .map_err(|e| format!("pre-screen: {e}"))
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
    fn the_pre_screen_reads_every_spelling_of_a_phrase_and_no_more() {
        let s = screen();
        // Each text, and whether it names a phrase once folded.
        let texts = [
            ("AU PREMIER TOUR", true),
            ("au premier-tour", true),
            ("Premier\u{2011}Tour", true),
            ("les E\u{301}lus", true),
            ("un E\u{301}\u{200b}lu\u{feff}.", true),
            ("«\u{a0}élu\u{a0}»", true),
            ("l’élu", true),
            ("…élu…", true),
            ("12\u{202f}345 voix", true),
            ("le budget en hausse de 3 %", false),
            ("les élusives voixe", false),
            ("aélu", false),
            ("élu\u{e9}", false),
            ("élu\u{301}x", false),
            ("ßelu", false),
            ("premier  tour", false),
            ("premier\u{200b}\u{200b}", false),
            ("", false),
        ];
        for (text, named) in texts {
            assert_eq!(s.passes(&crate::fold::fold(text)), named, "{text}");
            assert_eq!(s.may_pass(text), named, "{text}");
        }
    }

    #[test]
    fn a_phrase_beyond_ascii_is_read_in_every_case() {
        let s = Screen::parse("", "łodz\n").unwrap();
        for (text, named) in [("à ŁODZ", true), ("Łodz.", true), ("łodzi", false)] {
            assert_eq!(s.passes(&crate::fold::fold(text)), named, "{text}");
            assert_eq!(s.may_pass(text), named, "{text}");
        }
    }

    #[test]
    fn characters_left_out_of_the_pre_screen_fold_to_non_ascii_words() {
        let classified = |c: char| ASCII_CLASSIFIED.iter().any(|r| r.contains(&c));
        let mut form = Vec::new();
        for c in ('\0'..=char::MAX).filter(|&c| !classified(c)) {
            form.clear();
            push_folded(c, &mut form);
            assert!(
                !form.is_empty() && form.iter().all(|&b| b >= 0x80),
                "U+{:04X} folds to {form:?}",
                c as u32
            );
        }
    }

    #[test]
    fn every_character_in_and_around_a_phrase_is_read_as_folding_reads_it() {
        let s = screen();
        for c in '\0'..=char::MAX {
            for text in [
                format!("{c}elu"),
                format!("elu{c}"),
                format!("e{c}lu"),
                format!("{c}lu"),
                format!("premier{c}tour"),
            ] {
                let named = s.passes(&crate::fold::fold(&text));
                assert_eq!(s.may_pass(&text), named, "{text:?}");
            }
        }
    }

    #[test]
    fn the_pre_screen_sees_a_phrase_at_every_offset_and_at_the_end() {
        let s = screen();
        for pad in 0..9 {
            for (phrase, tail, named) in [
                ("élu", "", true),
                ("élu", " x", true),
                ("élu", "s", true),
                ("élu", "e", false),
                ("premier tour", "", true),
                ("premier tou", "", false),
            ] {
                let text = format!("{}{phrase}{tail} {}", "ab ".repeat(pad), "ab".repeat(pad));
                assert_eq!(s.may_pass(&text), named, "{text:?}");
                let text = format!("{}{phrase}{tail}", "ab ".repeat(pad));
                assert_eq!(s.may_pass(&text), named, "{text:?}");
            }
        }
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
