//! Linking: figures attached to competitors, places, rounds and elections.
//!
//! Works sentence by sentence over the outputs of the earlier stages, with a
//! little state carried through the article: the place a heading or a
//! sentence-initial `En X`, `Dans la X`, `A X` sets (or a polling-station
//! heading) holds until another takes over, and the subjects of the
//! previous sentence are what `il`, `elle`, `sa liste` stand for. Before the
//! sentences are read, the article is read once as a whole: its election
//! (type and year), its round (voted by the round phrases of the sentences
//! that report figures), and the party each person stands for, so that `la
//! liste RN` or `la candidate frontiste` can be read as that person.
//!
//! Within a sentence each figure gets, in turn: its round (a round phrase
//! right after it, else the last before it), its year (an earlier election
//! it is compared with, `contre 28 % en 2012`), its place, and its
//! competitor. A figure nothing claims is refused with a reason
//! ([`Refusal`]); a wrong attachment costs more than a miss, so the rules
//! refuse where the sentence does not say.
//!
//! The vocabulary (election words, round phrases, scopes, turnout, margin,
//! poll, comparison, rank cues) is data, in `patterns/cues.tsv` (described in
//! `patterns/README.md`); the years of each type of election are in
//! `patterns/elections.tsv`. Each rule is named; the name travels with the
//! fact as `evidence.rule` so a user can audit or filter what was made and
//! why.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, PatternID, StartKind};
use memchr::memmem::Finder;
use rustc_hash::FxHashMap as HashMap;

use crate::fold::{Folded, is_word_byte};
use crate::gazetteer::{Mention, Mentions, Named, PhraseKind, PlacePhrases};
use crate::numbers::{Figure, Unit, data_lines};
use crate::segment::Sentence;

/// What a cue phrase says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Election(&'static str),
    Round(u8),
    ScopeNational,
    ScopeNone,
    /// `dans la circonscription`, `dans le département`: the article's
    /// place of that kind.
    ScopeOf(Level),
    /// `il y a six ans`: an election that many years before.
    Ago(u16),
    /// `en obtient`: a bare count after it is a count of votes.
    VotesClitic,
    /// `l'écart`: a margin between the two competitors at hand.
    Gap,
    /// `arrive en tête`, `troisième`: a rank.
    Rank(u8),
    /// `Inscrits :`: a label naming the count after it.
    Label(Field),
    /// `éliminé`, `qualifié`, `élu`.
    Status(&'static str),
    Turnout(Field),
    Voters,
    Margin,
    Change,
    Earlier,
    Poll,
    Respectively,
    /// The second round is still to come (`dimanche prochain`, `il faudra`).
    Ahead,
    /// A past tense that quotes an earlier election (`avait obtenu`).
    Past,
    /// Makes the figure right after it approximate (`dépasse les`).
    Approx,
    /// One figure for each competitor named before it (`chacun`).
    Each,
    /// Names a competitor by its party (`la candidate frontiste`): an index
    /// into [`Cues::descriptors`].
    Descriptor(u16),
}

/// A level of place a scope phrase points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Constituency,
    Departement,
    Region,
    Commune,
}

/// The cue phrases of `patterns/cues.tsv`, compiled once.
#[derive(Debug, Clone)]
pub struct Cues {
    /// The cue phrases, leftmost-longest, walked by [`Cues::find`].
    automaton: DFA,
    cues: Vec<Cue>,
    /// Party abbreviations that `descriptor` cues stand for.
    descriptors: Vec<String>,
    /// The years of each type of election (`patterns/elections.tsv`).
    elections: Vec<(String, Vec<u16>)>,
    /// Words that open a sentence on someone named before (`il`, `le
    /// président sortant`).
    antecedents: Antecedents,
    /// Each type of election with its year and the days of its two rounds
    /// ([`day_number`]), from `patterns/rounds.tsv`.
    rounds: Vec<(String, u16, [u32; 2])>,
    /// Each election held in one round (`europeennes`) with its year and
    /// day, from the rows of `rounds.tsv` that give one date.
    single_rounds: Vec<(String, u16, u32)>,
    /// The names of the months in calendar order (the `month` rows of
    /// `patterns/number_words.tsv`), to read a date written in the text.
    months: Vec<String>,
    /// Phrases before place names (`patterns/place_phrases.tsv`).
    places: PlacePhrases,
}

impl Cues {
    /// Parses `cues.tsv`, `elections.tsv`, `rounds.tsv` and
    /// `place_phrases.tsv`.
    pub fn parse(
        text: &str,
        elections: &str,
        rounds: &str,
        places: &str,
        number_words: &str,
    ) -> Result<Cues, String> {
        let months: Vec<String> = data_lines(number_words)
            .filter_map(|(_, l)| {
                let mut c = l.split('\t');
                let word = c.next()?.trim();
                (c.next().map(str::trim) == Some("month")).then(|| word.to_string())
            })
            .collect();
        if !matches!(months.len(), 0 | 12) {
            return Err(format!(
                "number_words.tsv: {} months where a year has twelve",
                months.len()
            ));
        }
        let (mut round_dates, mut single_rounds) = (Vec::new(), Vec::new());
        for (n, line) in data_lines(rounds) {
            let c: Vec<&str> = line.split('\t').map(str::trim).collect();
            let day = |d: &str| (d.len() == 10).then(|| day_number(d)).flatten();
            let year = |d: &str| d.get(..4).and_then(|y| y.parse().ok());
            match c[..] {
                [kind, first, second] => {
                    let (Some(year), Some(first), Some(second)) =
                        (year(first), day(first), day(second))
                    else {
                        return Err(format!("rounds.tsv:{n}: expected two dates YYYY-MM-DD"));
                    };
                    if first >= second {
                        return Err(format!("rounds.tsv:{n}: the first round after the second"));
                    }
                    round_dates.push((kind.to_string(), year, [first, second]));
                }
                [kind, only] => {
                    let (Some(year), Some(only)) = (year(only), day(only)) else {
                        return Err(format!("rounds.tsv:{n}: expected a date YYYY-MM-DD"));
                    };
                    single_rounds.push((kind.to_string(), year, only));
                }
                _ => {
                    return Err(format!(
                        "rounds.tsv:{n}: expected 2 or 3 tab-separated columns"
                    ));
                }
            }
        }
        let mut years = Vec::new();
        for (n, line) in data_lines(elections) {
            let (kind, list) = line.split_once('\t').ok_or(format!(
                "elections.tsv:{n}: expected 2 tab-separated columns"
            ))?;
            let list = list
                .split(',')
                .map(|y| y.trim().parse::<u16>())
                .collect::<Result<Vec<u16>, _>>()
                .map_err(|e| format!("elections.tsv:{n}: {e}"))?;
            years.push((kind.to_string(), list));
        }
        let mut phrases = Vec::new();
        let mut cues = Vec::new();
        let mut descriptors: Vec<String> = Vec::new();
        let mut antecedents = Vec::new();
        for (n, line) in data_lines(text) {
            let c: Vec<&str> = line.split('\t').collect();
            let [phrase, category, value] = c[..] else {
                return Err(format!("cues.tsv:{n}: expected 3 tab-separated columns"));
            };
            if category == "antecedent" {
                antecedents.push(phrase.to_string());
                continue;
            }
            let cue = match (category, value) {
                ("election", v) => Cue::Election(Box::leak(v.to_string().into_boxed_str())),
                ("round", "1") => Cue::Round(1),
                ("round", "2") => Cue::Round(2),
                ("scope", "FR") => Cue::ScopeNational,
                ("scope", "none") => Cue::ScopeNone,
                ("scope", "circonscription") => Cue::ScopeOf(Level::Constituency),
                ("scope", "departement") => Cue::ScopeOf(Level::Departement),
                ("scope", "region") => Cue::ScopeOf(Level::Region),
                ("scope", "commune") => Cue::ScopeOf(Level::Commune),
                ("ago", v) => Cue::Ago(
                    v.parse()
                        .map_err(|_| format!("cues.tsv:{n}: bad number of years {v:?}"))?,
                ),
                ("votes", _) => Cue::VotesClitic,
                ("turnout", f) => Cue::Turnout(
                    Field::from_name(f)
                        .ok_or(format!("cues.tsv:{n}: unknown turnout field {f:?}"))?,
                ),
                ("voters", _) => Cue::Voters,
                ("margin", _) => Cue::Margin,
                ("gap", _) => Cue::Gap,
                ("label", f) => Cue::Label(
                    Field::from_name(f)
                        .ok_or(format!("cues.tsv:{n}: unknown label field {f:?}"))?,
                ),
                ("rank", v) => Cue::Rank(
                    v.parse()
                        .map_err(|_| format!("cues.tsv:{n}: bad rank {v:?}"))?,
                ),
                ("status", "qualified") => Cue::Status("qualified"),
                ("status", "eliminated") => Cue::Status("eliminated"),
                ("status", "elected") => Cue::Status("elected"),
                ("change", _) => Cue::Change,
                ("earlier", _) => Cue::Earlier,
                ("poll", _) => Cue::Poll,
                ("respectively", _) => Cue::Respectively,
                ("ahead", _) => Cue::Ahead,
                ("past", _) => Cue::Past,
                ("approx", _) => Cue::Approx,
                ("each", _) => Cue::Each,
                ("descriptor", abbr) => {
                    let i = match descriptors.iter().position(|d| d == abbr) {
                        Some(i) => i,
                        None => {
                            descriptors.push(abbr.to_string());
                            descriptors.len() - 1
                        }
                    };
                    Cue::Descriptor(i as u16)
                }
                _ => return Err(format!("cues.tsv:{n}: unknown cue {category:?} {value:?}")),
            };
            phrases.push(phrase.to_string());
            cues.push(cue);
        }
        // A full DFA: a few hundred short phrases make a small table, and it
        // scans every byte of every article. Nearly every letter starts some
        // phrase, so a prefilter would only add a check to each byte.
        let automaton = DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(&phrases)
            .map_err(|e| format!("cue automaton: {e}"))?;
        Ok(Cues {
            automaton,
            cues,
            descriptors,
            elections: years,
            rounds: round_dates,
            single_rounds,
            months,
            antecedents: Antecedents::new(&antecedents)?,
            places: PlacePhrases::parse(places)?,
        })
    }

    /// The round of an election that an article dated `days` (its first
    /// and last possible day, [`day_span`]) reports by its date alone: the
    /// first when dated between the rounds, the second when dated in the
    /// six weeks after it ([`round_by_date`]).
    fn held_round(&self, e: Election, (from, to): (u32, u32)) -> Option<u8> {
        let (kind, year) = (e.kind?, e.year?);
        let [first, second] = self.rounds.iter().find(|r| r.1 == year && r.0 == kind)?.2;
        if first <= to && to < second {
            Some(1)
        } else if second <= from && from <= second + 42 {
            Some(2)
        } else {
            None
        }
    }

    /// The type of election of that name among the election cues.
    fn election_kind(&self, name: &str) -> Option<&'static str> {
        self.cues.iter().find_map(|c| match c {
            Cue::Election(k) if *k == name => Some(*k),
            _ => None,
        })
    }

    /// The year of the election of the same type before this one.
    fn previous(&self, e: Election) -> Option<u16> {
        let (kind, year) = (e.kind?, e.year?);
        let years = &self.elections.iter().find(|(k, _)| k == kind)?.1;
        years.iter().rev().find(|y| **y < year).copied()
    }

    /// The cue phrases of a folded text that stand as whole words, with
    /// their spans: the leftmost-longest matches, in order, that start and
    /// end at word boundaries.
    fn find(&self, text: &str) -> Vec<(usize, usize, Cue)> {
        let b = text.as_bytes();
        // Sized at once from the text, rather than grown cue by cue.
        let mut out = Vec::with_capacity(b.len() / 64);
        let mut at = 0;
        // The automaton's own search loop, for its match semantics, without
        // the generic search's per-byte overhead: this is the one pass over
        // every byte of the article that the linker makes.
        while let Some((start, end, pid)) = self.leftmost_longest(b, at) {
            if (start == 0 || !is_word_byte(b[start - 1]))
                && b.get(end).is_none_or(|c| !is_word_byte(*c))
            {
                out.push((start, end, self.cues[pid.as_usize()]));
            }
            at = end;
        }
        out
    }

    /// The leftmost-longest cue phrase that starts at or after `at`, as
    /// `AhoCorasick::find_iter` would give it: its span and its pattern.
    fn leftmost_longest(&self, b: &[u8], at: usize) -> Option<(usize, usize, PatternID)> {
        let dfa = &self.automaton;
        let mut sid = dfa.start_state(Anchored::No).ok()?;
        let mut found = None;
        let mut end = at;
        // Without a prefilter the special states are the dead one and the
        // match states; in a leftmost automaton the dead state is reached
        // only once a match can grow no longer.
        while let Some((k, next)) = walk(dfa, sid, &b[end..]) {
            if dfa.is_dead(next) {
                break;
            }
            sid = next;
            end += k + 1;
            let pid = dfa.match_pattern(sid, 0);
            found = Some((end - dfa.pattern_len(pid), end, pid));
        }
        found
    }
}

/// Steps a DFA from `sid` over `bytes` up to the first special state it
/// enters: that state and the index of the byte that led to it.
// A loop of its own, so that nothing else competes for its registers.
#[inline(never)]
fn walk(dfa: &DFA, mut sid: StateID, bytes: &[u8]) -> Option<(usize, StateID)> {
    let mut step = |b: u8| {
        sid = dfa.next_state(Anchored::No, sid, b);
        dfa.is_special(sid).then_some(sid)
    };
    // Four bytes a turn, so that the end of the text is checked once for
    // them.
    let (quads, rest) = bytes.as_chunks::<4>();
    for (n, quad) in quads.iter().enumerate() {
        for (k, &b) in quad.iter().enumerate() {
            if let Some(sid) = step(b) {
                return Some((4 * n + k, sid));
            }
        }
    }
    let done = 4 * quads.len();
    rest.iter()
        .enumerate()
        .find_map(|(k, &b)| step(b).map(|sid| (done + k, sid)))
}

/// The phrases that stand for someone named before, as a trie walked from
/// the start of a sentence: the walk stops within a few bytes where no
/// phrase goes on, instead of comparing the text with every phrase.
#[derive(Debug, Clone)]
struct Antecedents(DFA);

impl Antecedents {
    fn new(phrases: &[String]) -> Result<Antecedents, String> {
        DFA::builder()
            .start_kind(StartKind::Anchored)
            .build(phrases)
            .map(Antecedents)
            .map_err(|e| format!("antecedent automaton: {e}"))
    }

    /// The length of the phrase that starts `text` and is followed by a
    /// non-word byte, if one does.
    fn open(&self, text: &[u8]) -> Option<usize> {
        let dfa = &self.0;
        let mut sid = dfa.start_state(Anchored::Yes).ok()?;
        for (k, &b) in text.iter().enumerate() {
            // A state also holds the shorter phrases that end where it
            // does; the one that starts the text is as long as the walk.
            if !is_word_byte(b)
                && dfa.is_match(sid)
                && (0..dfa.match_len(sid)).any(|i| dfa.pattern_len(dfa.match_pattern(sid, i)) == k)
            {
                return Some(k);
            }
            sid = dfa.next_state(Anchored::Yes, sid, b);
            if dfa.is_dead(sid) {
                return None;
            }
        }
        None
    }
}

/// A value field of a fact, named as in the evaluation format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Per cent of expressed votes.
    Share,
    /// A count of votes.
    Votes,
    /// Votants.
    Voters,
    /// Inscrits.
    Registered,
    /// Suffrages exprimés.
    Expressed,
    /// Participation, per cent.
    TurnoutPct,
    /// Abstention, per cent.
    AbstentionPct,
    /// Blank and null votes, per cent.
    BlankNullPct,
    /// Percentage points.
    Points,
}

impl Field {
    /// The field's name in records.
    pub fn name(self) -> &'static str {
        match self {
            Field::Share => "share",
            Field::Votes => "votes",
            Field::Voters => "voters",
            Field::Registered => "registered",
            Field::Expressed => "expressed",
            Field::TurnoutPct => "turnout_pct",
            Field::AbstentionPct => "abstention_pct",
            Field::BlankNullPct => "blank_null_pct",
            Field::Points => "points",
        }
    }

    fn from_name(name: &str) -> Option<Field> {
        [
            Field::Share,
            Field::Votes,
            Field::Voters,
            Field::Registered,
            Field::Expressed,
            Field::TurnoutPct,
            Field::AbstentionPct,
            Field::BlankNullPct,
            Field::Points,
        ]
        .into_iter()
        .find(|f| f.name() == name)
    }

    /// The `units.tsv` cue of a count of this field.
    fn count_cue(self) -> &'static str {
        match self {
            Field::Voters => "voters",
            Field::Registered => "registered",
            Field::Expressed => "expressed",
            _ => "votes",
        }
    }

    /// Whether the value is a count (compared exactly, printed as an integer).
    pub fn is_count(self) -> bool {
        matches!(
            self,
            Field::Votes | Field::Voters | Field::Registered | Field::Expressed
        )
    }
}

/// The kind of a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One competitor's score.
    Result,
    /// Participation.
    Turnout,
    /// One competitor ahead of another.
    Margin,
    /// A voting intention.
    Poll,
}

/// A competitor: a person of the article or a party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Competitor {
    /// Index into [`Mentions::people`].
    Person(u32),
    /// Index into [`Gazetteer::parties`](crate::gazetteer::Gazetteer::parties).
    Party(u32),
}

/// Where a fact holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Where {
    /// The whole country.
    National,
    /// Index into [`Gazetteer::places`](crate::gazetteer::Gazetteer::places).
    Place(u32),
    /// A legislative constituency: the département's index and the number.
    Constituency(u32, u8),
    /// A district or a polling station named in the article
    /// (`dans le quartier des Couronneries`): its name is [`Fact::area`].
    Area,
}

fn place_of(m: &Mention) -> Option<Where> {
    match m.what {
        Named::Place(p) => Some(Where::Place(p)),
        Named::Constituency(d, n) => Some(Where::Constituency(d, n)),
        _ => None,
    }
}

/// The election an article reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Election {
    /// `presidentielle`, `primaire`, `legislatives`...
    pub kind: Option<&'static str>,
    /// Year.
    pub year: Option<u16>,
}

/// One linked fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// Kind.
    pub kind: Kind,
    /// Where it holds, when known.
    pub place: Option<Where>,
    /// The normalised name of a [`Where::Area`] (`couronneries`).
    pub area: Option<String>,
    /// Whose score (result, poll) or who leads (margin).
    pub subject: Option<Competitor>,
    /// Who trails (margin).
    pub trailer: Option<Competitor>,
    /// Value fields.
    pub values: Vec<(Field, f64)>,
    /// Stated only approximately.
    pub approx: bool,
    /// Round, where stated or implied.
    pub round: Option<u8>,
    /// The election; its year may be an earlier one for a quoted comparison.
    pub election: Election,
    /// Index of the sentence it comes from.
    pub sentence: usize,
    /// The rule that made it.
    pub rule: &'static str,
    /// The other sentences that state it, and the rules that read them.
    pub seen: Vec<(usize, &'static str)>,
    /// Rank of a result where stated (`arrive en tête`, `troisième`).
    pub rank: Option<u8>,
    /// `qualified`, `eliminated` or `elected`, where stated.
    pub status: Option<&'static str>,
    /// What the numbers themselves put in doubt (`shares-over-100`...).
    pub warnings: Vec<&'static str>,
}

impl Fact {
    /// Notes that another reading states this fact too.
    fn note(&mut self, other: &Fact) {
        let sightings =
            std::iter::once((other.sentence, other.rule)).chain(other.seen.iter().copied());
        for (sentence, rule) in sightings {
            if sentence != self.sentence && self.seen.iter().all(|s| s.0 != sentence) {
                self.seen.push((sentence, rule));
            }
        }
    }
}

/// Everything the linker reads about one article.
pub struct Article<'a> {
    /// Original text.
    pub text: &'a str,
    /// Its folded form.
    pub folded: &'a Folded,
    /// Sentences.
    pub sentences: &'a [Sentence],
    /// The folded span of each sentence.
    pub spans: &'a [(usize, usize)],
    /// Names found.
    pub mentions: &'a Mentions,
    /// Figures found.
    pub figures: &'a [Figure],
    /// The article's date (`YYYY-MM-DD` or `YYYY-MM`), if any.
    pub date: Option<&'a str>,
    /// Every party, as [`Competitor::Party`] indexes them.
    pub parties: &'a [crate::gazetteer::Party],
    /// Every place, as [`Where::Place`] indexes them.
    pub places: &'a [crate::gazetteer::Place],
}

/// A figure the linker made no fact of, and why (for `explain`).
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// Index of the sentence.
    pub sentence: usize,
    /// Folded offset of the figure.
    pub start: usize,
    /// Why no fact was made.
    pub why: &'static str,
}

/// Links the figures of one article into facts; the figures it makes
/// nothing of go to `refused`, with the reason.
pub fn link(a: &Article, cues: &Cues, out: &mut Vec<Fact>, refused: &mut Vec<Refusal>) {
    let text = a.folded.text.as_str();
    let bytes = text.as_bytes();
    let found = cues.find(text);
    let spans = a.spans;
    // With no date, a round's date written in the text (`dimanche 11 juin
    // 2017`) tells the election, and the round where no sentence does.
    let written = a.date.is_none().then(|| written_round(a, cues)).flatten();
    let election = election_of(a, cues, &found, written);
    let poll_cues = found.iter().filter(|c| matches!(c.2, Cue::Poll)).count();
    let first_poll = found.iter().find(|c| matches!(c.2, Cue::Poll)).map(|c| c.0);
    let poll_article =
        poll_cues >= 2 && first_poll.is_some_and(|at| spans.iter().take(3).any(|s| s.1 > at));
    let found = effective_rounds(spans, found, poll_article);
    let article_round = article_round(a, spans, &found, written.and_then(|w| w.2));
    let previous = cues.previous(election);
    let (items, replaced) = competitor_mentions(a, cues, &found, election);
    let feminine = genders(a);
    let districts = district_phrases(&cues.places, bytes);

    let mut context: Option<Where> = None;
    // The name of the district or polling station when `context` is one.
    let mut context_area: Option<String> = None;
    // What a new paragraph starts from: the place of the block's heading,
    // else of the first sentence that opens on one (`À Quimper, ...` holds
    // for its paragraph, not for the closing turnout).
    let mut block: (Option<Where>, Option<String>) = (None, None);
    let mut prev_end = 0;
    // Whether `context` comes from the body of a sentence of this paragraph.
    let mut carried = false;
    let (mut mi, mut fi, mut ci) = (0, 0, 0);
    let first_fact = out.len();
    // Sized for a fact per figure: more than most articles make, as most
    // figures are years and ordinals, and short only where a place shared
    // by a chain makes several of one figure.
    let mut index = FactIndex::new(first_fact, a.figures.len());
    // Who `il`, `elle`, `sa liste` opening a sentence stand for: the
    // subjects of the previous sentence's facts, else the last person named.
    let mut last_person: Option<Competitor> = None;
    let mut previous_subjects: Vec<Competitor> = Vec::new();
    // Who the subject of the sentence at hand may stand for, in a buffer
    // kept from one sentence to the next.
    let mut antecedents: Vec<Competitor> = Vec::new();
    // The round a phrase of the previous sentence names: `X est réélue dès
    // le premier tour avec 53,8 %. Elle devance Y, qui recueille 46,2 %.`
    let mut previous_round: Option<u8> = None;
    // The sentence's locative places, its competitors, its margin verbs,
    // the subjects of its facts and who got an exact share where, in
    // buffers kept from one sentence to the next.
    let mut locatives: Vec<&Mention> = Vec::new();
    let mut competitors: Vec<&Mention> = Vec::new();
    let mut margins: Vec<(usize, usize)> = Vec::new();
    let mut subjects: Vec<Competitor> = Vec::new();
    let mut shared: Vec<(Competitor, Option<Where>)> = Vec::new();
    for (si, (s, &(fs, fe))) in a.sentences.iter().zip(spans).enumerate() {
        let ms = take_range(&items, &mut mi, fs, fe, |m| m.start);
        let figs = take_range(a.figures, &mut fi, fs, fe, |f| f.start);
        let cs = take_range(&found, &mut ci, fs, fe, |c| c.0);
        let previous_facts = !previous_subjects.is_empty();
        let round_before = previous_round.take();
        antecedents.clear();
        if previous_subjects.is_empty() {
            antecedents.extend(last_person);
        } else {
            // Leaves the previous subjects empty, in a buffer of no cost.
            std::mem::swap(&mut antecedents, &mut previous_subjects);
        }
        if let Some(p) = ms.iter().rev().find(|m| matches!(m.what, Named::Person(_))) {
            last_person = competitor(p);
        }

        // The gap between two sentences is a few bytes: counted directly.
        let new_paragraph = a.text.as_bytes()[prev_end..s.start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            >= 2;
        prev_end = s.end;
        if new_paragraph && block.0.is_some() {
            (context, context_area) = block.clone();
        } else if new_paragraph && carried {
            context = None;
        }
        if new_paragraph {
            carried = false;
        }
        // A place carried from a sentence before gives way to another
        // commune the sentence names (`Le maire sortant de Niort, Jérôme
        // Baloge, est réélu avec 55 %` after a result at Quimper).
        if carried
            && ms.iter().any(|m| {
                matches!(m.what, Named::Place(p) if Some(Where::Place(p)) != context
                    && a.places[p as usize].kind == crate::gazetteer::PlaceKind::Commune)
            })
        {
            context = None;
            carried = false;
        }

        // Places: a locative place at the start sets the context.
        let phrases = &cues.places;
        locatives.clear();
        // The locative phrase before the first of them, which
        // `leading_place` weighs.
        let mut first_phrase = 0;
        for m in ms.iter().filter(|m| is_place(m)) {
            if let Some(len) = locative_phrase(phrases, bytes, fs, m) {
                if locatives.is_empty() {
                    first_phrase = len;
                }
                locatives.push(m);
            }
        }
        let leading = leading_place(bytes, fs, ms, &locatives, first_phrase);
        let national_start = cs
            .iter()
            .any(|c| matches!(c.2, Cue::ScopeNational) && at_most_words(bytes, fs, c.0, 2));
        // The places named in a row count once.
        let distinct = locatives
            .windows(2)
            .filter(|w| w[0].what != w[1].what)
            .count()
            + usize::from(!locatives.is_empty());
        if let Some(name) = s
            .heading
            .then(|| heading_area(phrases, a, &districts, fs, fe))
            .flatten()
        {
            context = Some(Where::Area);
            context_area = Some(name);
        } else if let Some(p) = leading {
            context = if distinct > 1 { None } else { Some(p) };
        } else if national_start {
            context = Some(Where::National);
        } else if s.heading {
            let places: Vec<&Mention> = ms.iter().filter(|m| is_place(m)).collect();
            if let [m] = places[..] {
                context = place_of(m);
            }
        }
        // A body sentence sets the block only with an area, not with the
        // first of a list of communes.
        let wide = match context {
            Some(Where::National | Where::Constituency(..)) => true,
            Some(Where::Place(p)) => {
                use crate::gazetteer::PlaceKind as K;
                matches!(
                    a.places[p as usize].kind,
                    K::Departement | K::Region | K::OldRegion
                )
            }
            _ => false,
        };
        if s.heading || (block.0.is_none() && wide && (leading.is_some() || national_start)) {
            block = (context, context_area.clone());
        }
        if figs.is_empty() {
            continue;
        }
        let poll = poll_article || cs.iter().any(|c| matches!(c.2, Cue::Poll));
        let respectively = cs.iter().any(|c| matches!(c.2, Cue::Respectively));
        let past = cs.iter().any(|c| matches!(c.2, Cue::Past));
        competitors.clear();
        competitors.extend(ms.iter().filter(|m| !is_place(m)));
        // Whether the subject stands for someone named before, and who a
        // sentence of a place and one figure goes on with: read at the
        // first figure not refused at once, as most sentences of figures
        // make no fact.
        let mut subject: Option<(bool, Option<Competitor>)> = None;
        margins.clear();
        margins.extend(
            cs.iter()
                .filter(|c| matches!(c.2, Cue::Margin))
                .map(|c| (c.0, c.1)),
        );

        let mut prev_end = fs;
        let mut prev_subject: Option<Competitor> = None;
        // Who got an exact share in this sentence, where, for its own
        // round (`dépasse les 35 % : 35,61 %` restates a rough one).
        shared.clear();
        let mut prev_turnout: Option<Field> = None;
        // The turnout field whose change the previous figure gave (`la
        // participation a progressé de 2,1 points pour atteindre 71,3 %`).
        let mut changed_turnout: Option<Field> = None;
        let mut share_index = 0;
        let mut duel: Option<(Competitor, Competitor)> = None;
        let mut last_margin: Option<(usize, Competitor, Competitor)> = None;
        for (k, f) in figs.iter().enumerate() {
            macro_rules! refuse {
                ($why:expr) => {{
                    refused.push(Refusal {
                        sentence: si,
                        start: f.start,
                        why: $why,
                    });
                    continue;
                }};
            }
            let window = (prev_end, f.start);
            // A year or an age is part of the clause, not a score: `X, élu
            // en 2020 avec 52,34 %` and `X, 52 ans, a obtenu 48,6 %` keep X
            // in the window of the share.
            let age = f.unit == Unit::Number && bytes[f.end..].starts_with(b" ans");
            if !matches!(f.unit, Unit::Year | Unit::Ordinal) && !age {
                prev_end = f.end;
            }
            let next_start = figs[k + 1..]
                .iter()
                .find(|n| !matches!(n.unit, Unit::Year | Unit::Ordinal))
                .map_or(fe, |n| n.start);
            // A figure of another election: `contre 28 % en 2012`, or a
            // sentence in the past that opens on a year (`En 2012, X avait`).
            let mut year = election.year;
            match year_after(bytes, f, next_start, figs, cs, election.year, previous) {
                Some(Some(y)) => year = Some(y),
                Some(None) => refuse!("a figure of an earlier election"),
                None => {
                    if let Some(y) = year_before(bytes, figs, f, fs, election.year, past) {
                        year = Some(y);
                    } else if past
                        && let Some(n) = cs.iter().find_map(|c| match c.2 {
                            Cue::Ago(n) if c.1 <= f.start => Some(n),
                            _ => None,
                        })
                    {
                        // `Il y a cinq ans, X avait recueilli 30,5 %`.
                        year = election.year.map(|y| y - n);
                    }
                }
            }
            if change_before(bytes, cs, f) || (f.signed && f.unit == Unit::Points) {
                changed_turnout = turnout_field(bytes, cs, window, f);
                refuse!("a change, not a score");
            }
            let clitic = f.unit == Unit::Number && votes_clitic(bytes, cs, f);
            let label = labelled(bytes, cs, f);
            // `Sur 1 050 inscrits, 1 031 ont voté`: a whole number that
            // turned out, not a council's tally (`12 ont voté pour`).
            let turned_out = f.unit == Unit::Number
                && !f.decimal
                && cs.iter().any(|c| {
                    matches!(c.2, Cue::Voters)
                        && c.0 == f.end + 1
                        && !bytes[c.1..].starts_with(b" pour")
                        && !bytes[c.1..].starts_with(b" contre")
                });
            let (unit, count_cue) = if clitic {
                (Unit::Count, Some("votes"))
            } else if turned_out {
                (Unit::Count, Some("voters"))
            } else if let Some(field) = label {
                (Unit::Count, Some(field.count_cue()))
            } else {
                (f.unit, f.cue)
            };
            // Most figures are years, ordinals and bare numbers: refused
            // before they are placed.
            match unit {
                Unit::Ordinal | Unit::Year => refuse!("an ordinal or a year"),
                Unit::Number
                    if !(f.decimal
                        && f.value <= 100.0
                        && glued_to_competitor(bytes, &competitors, f)) =>
                {
                    refuse!("a bare number")
                }
                _ => {}
            }
            let (pronoun, elliptical) = *subject.get_or_insert_with(|| {
                // Read only where there is someone for the subject to stand for.
                let opening = (!antecedents.is_empty())
                    .then(|| opens_with_antecedent(&cues.antecedents, bytes, fs))
                    .flatten();
                let pronoun = opening.is_some();
                // A title stands for the one the article gave it, if any, before
                // whoever was named last.
                let titled = opening
                    .filter(|phrase| phrase.contains(&b' '))
                    .and_then(|title| titled_person(bytes, title, fs, &items));
                if let Some(who) = titled {
                    antecedents.clear();
                    antecedents.push(who);
                }
                // `À Saint-Quentin, le RN atteint 37,2 %. À Laon, 35,1 %.`: a
                // sentence of a place and one figure goes on with the one
                // competitor of the sentence before.
                let elliptical = match antecedents[..] {
                    [who] if previous_facts && competitors.is_empty() && figs.len() == 1 => {
                        let words = bytes[fs..fe]
                            .split(|b| !is_word_byte(*b))
                            .scan(fs, |at, w| {
                                let start = *at;
                                *at += w.len() + 1;
                                Some((start, w))
                            })
                            .filter(|(at, w)| {
                                !w.is_empty()
                                    && !ms.iter().any(|m| m.start <= *at && *at < m.end)
                                    && !figs.iter().any(|g| g.start <= *at && *at < g.end)
                            })
                            .count();
                        (words <= 2).then_some(who)
                    }
                    _ => None,
                };
                (pronoun, elliptical)
            });
            let versus = ends_with_word(&bytes[window.0..window.1], b"contre");
            // A figure placed nowhere in an article on a nationwide election
            // (`Macron 28 %` in a national poll) holds for the whole country.
            let place = scope_of(a, &items, cs, f, next_start, &locatives)
                .or_else(|| place_for(bytes, f, next_start, &locatives, cs, context))
                .or_else(|| {
                    election
                        .kind
                        .is_some_and(is_nationwide)
                        .then_some(Where::National)
                });
            // A sentence that goes on with the previous one's subject
            // (`Elle devance ...`) goes on in its round too.
            let carried_round = round_before.filter(|_| pronoun);
            let (round, own_round) = round_for(bytes, cs, f, next_start)
                .or(carried_round.map(|r| (Some(r), Some(r) != article_round)))
                .map_or((article_round, false), |r| r);
            let area = area_before(a, &districts, fs, f, &locatives)
                .or_else(|| context_area.clone().filter(|_| place == Some(Where::Area)));
            let mut fact = Fact {
                kind: Kind::Result,
                place: if area.is_some() {
                    Some(Where::Area)
                } else {
                    place
                },
                area,
                subject: None,
                trailer: None,
                values: Vec::new(),
                approx: f.approx || approx_cue(bytes, cs, f),
                round,
                election: Election { year, ..election },
                sentence: si,
                rule: "",
                seen: Vec::new(),
                rank: None,
                status: None,
                warnings: Vec::new(),
            };
            let other_time = own_round || year != election.year;
            let finder = SubjectFinder {
                text: bytes,
                competitors: &competitors,
                window,
                next_start,
                sentence_end: fe,
                versus,
                other_time,
                prev: prev_subject,
                margins: &margins,
                duel,
                pronoun,
                antecedents: &antecedents,
                feminine: &feminine,
            };
            // Failing the sentence, a score already given to one competitor
            // for the same place and round (`recueille 3 102 voix, soit
            // 54,1 %` after `X bat Y avec 54,1 %`).
            let lookup = |out: &[Fact]| {
                finder.find(f).or_else(|| {
                    let share = if f.unit == Unit::Percent {
                        Some(f.value)
                    } else {
                        figs.get(k + 1)
                            .filter(|n| {
                                n.unit == Unit::Percent
                                    && matches!(&bytes[f.end..n.start], b", soit " | b" soit ")
                            })
                            .map(|n| n.value)
                    };
                    known_share(&out[first_fact..], share?, fact.place, fact.round)
                        .map(|c| (c, "same-share"))
                })
            };
            match unit {
                Unit::Percent | Unit::Number => {
                    let no_competitor = !competitors
                        .iter()
                        .any(|m| m.start >= window.0 && m.end <= window.1);
                    let field = turnout_field(bytes, cs, window, f)
                        .or(prev_turnout.filter(|_| versus && f.unit == Unit::Percent))
                        .or(changed_turnout
                            .take()
                            .filter(|_| f.unit == Unit::Percent && no_competitor));
                    if let Some(field) = field {
                        fact.kind = Kind::Turnout;
                        fact.values.push((field, f.value));
                        fact.rule = if versus && turnout_field(bytes, cs, window, f).is_none() {
                            "turnout-versus"
                        } else {
                            "turnout-cue"
                        };
                        prev_turnout = Some(field);
                    } else {
                        prev_turnout = None;
                        if each_after(bytes, cs, f) {
                            let named: Vec<Competitor> = competitors
                                .iter()
                                .filter(|m| m.start >= window.0 && m.end <= window.1)
                                .filter_map(|m| competitor(m))
                                .collect();
                            for who in named {
                                let mut fact = fact.clone();
                                fact.kind = poll_or_result(poll, &mut fact, election);
                                fact.subject = Some(who);
                                fact.values.push((Field::Share, f.value));
                                fact.rule = "figure-for-each";
                                subjects.push(who);
                                emit(out, &mut index, fact, bytes, &locatives, f);
                            }
                            continue;
                        }
                        let found = if respectively {
                            // Shares given in order go in order or not at all.
                            let Some(c) = respective(&competitors, figs, share_index) else {
                                refuse!("shares given respectively to competitors not all named");
                            };
                            Some((c, "respectively"))
                        } else {
                            None
                        };
                        let Some((who, rule)) = found
                            .or_else(|| lookup(out))
                            .or(elliptical.map(|who| (who, "elliptical")))
                        else {
                            refuse!("a share with no competitor");
                        };
                        // `X l'emporte avec 56 % face au binôme de gauche
                        // (43,7 %)`: the other side is no one named.
                        if rule == "same-competitor"
                            && !other_time
                            && shared.contains(&(who, fact.place))
                        {
                            refuse!("a second share for the same competitor and place");
                        }
                        if !other_time && !fact.approx {
                            shared.push((who, fact.place));
                        }
                        share_index += 1;
                        prev_subject = Some(who);
                        fact.kind = poll_or_result(poll, &mut fact, election);
                        fact.subject = Some(who);
                        fact.values.push((Field::Share, f.value));
                        fact.rule = rule;
                    }
                }
                Unit::Points | Unit::Count => {
                    let margin = cs
                        .iter()
                        .find(|c| matches!(c.2, Cue::Margin) && c.1 <= f.start);
                    let votes = unit == Unit::Count && count_cue == Some("votes");
                    // `devance Y de 1,6 point, soit 412 voix`: the same margin.
                    if votes
                        && let Some((end, leader, trailer)) = last_margin
                        && matches!(&bytes[end..f.start], b", soit " | b" soit ")
                    {
                        fact.kind = Kind::Margin;
                        fact.subject = Some(leader);
                        fact.trailer = Some(trailer);
                        fact.values.push((Field::Votes, f.value));
                        fact.rule = "margin-restated";
                        emit(out, &mut index, fact, bytes, &locatives, f);
                        continue;
                    }
                    // `de 138 voix`: a count in brackets is a score, not the gap.
                    let gap_figure = bytes[..f.start].ends_with(b" de ");
                    let gap_cue = cs.iter().any(|c| matches!(c.2, Cue::Gap) && c.1 <= f.start);
                    // Or the gap said right after it: `412 voix les séparent`,
                    // `357 voix d'écart`.
                    let gap_after = cs
                        .iter()
                        .any(|c| matches!(c.2, Cue::Gap) && c.0 >= f.end && c.0 <= f.end + 1);
                    let sides = if margin.is_none()
                        && (gap_cue && gap_figure || gap_after)
                        && (f.unit == Unit::Points || votes)
                    {
                        gap_sides(
                            &out[first_fact..],
                            &competitors,
                            &antecedents,
                            fact.place,
                            fact.round,
                        )
                    } else {
                        None
                    };
                    if let Some((leader, trailer)) = sides {
                        fact.kind = Kind::Margin;
                        fact.subject = Some(leader);
                        fact.trailer = Some(trailer);
                        let field = if votes { Field::Votes } else { Field::Points };
                        fact.values.push((field, f.value));
                        fact.rule = "margin-gap";
                    } else if let (Some(cue), true) =
                        (margin, gap_figure && (f.unit == Unit::Points || votes))
                    {
                        // `Avec 24,12 %, la liste ... devance de 2,15 points`:
                        // the leader is who that share is known to be.
                        let known = figs
                            .iter()
                            .find(|g| g.unit == Unit::Percent && g.end <= cue.0)
                            .and_then(|g| {
                                known_share(&out[first_fact..], g.value, fact.place, fact.round)
                            });
                        let fallback = known.or(antecedents.first().copied().filter(|_| pronoun));
                        let Some((leader, trailer)) = margin_sides(
                            bytes,
                            &competitors,
                            cue,
                            f,
                            (fs, fe),
                            fallback,
                            pronoun,
                            &antecedents,
                        ) else {
                            refuse!("a margin without both sides");
                        };
                        fact.kind = Kind::Margin;
                        fact.subject = Some(leader);
                        fact.trailer = Some(trailer);
                        duel = Some((leader, trailer));
                        last_margin = Some((f.end, leader, trailer));
                        for c in [leader, trailer] {
                            if !subjects.contains(&c) {
                                subjects.push(c);
                            }
                        }
                        let field = if votes { Field::Votes } else { Field::Points };
                        fact.values.push((field, f.value));
                        fact.rule = "margin-verb";
                    } else if unit == Unit::Count {
                        let field = match count_cue {
                            Some("voters") => Field::Voters,
                            Some("registered") => Field::Registered,
                            Some("expressed") => Field::Expressed,
                            Some("persons" | "electors")
                                if cs.iter().any(|c| matches!(c.2, Cue::Voters)) =>
                            {
                                Field::Voters
                            }
                            Some("votes") => Field::Votes,
                            _ => refuse!("a count of something else"),
                        };
                        // `réélu avec 474 voix d'avance`, `l'emporte avec 357
                        // voix d'écart` (a gap whose sides were not found): a
                        // lead, whose other side is not named.
                        if field == Field::Votes
                            && (gap_after || bytes[f.end..].starts_with(b" d'avance"))
                        {
                            refuse!("a lead over no one named");
                        }
                        if field == Field::Votes {
                            let Some((who, rule)) = lookup(out) else {
                                refuse!("votes with no competitor");
                            };
                            prev_subject = Some(who);
                            fact.kind = poll_or_result(poll, &mut fact, election);
                            fact.subject = Some(who);
                            fact.rule = rule;
                        } else {
                            fact.kind = Kind::Turnout;
                            fact.rule = "turnout-count";
                        }
                        fact.values.push((field, f.value));
                    } else {
                        refuse!("points or a count with no margin verb or unit");
                    }
                }
                Unit::Ordinal | Unit::Year => unreachable!("refused above"),
            }
            if let (Kind::Result | Kind::Poll, Some(who)) = (fact.kind, fact.subject)
                && !subjects.contains(&who)
            {
                subjects.push(who);
            }
            if fact.kind == Kind::Result {
                (fact.rank, fact.status) = standing(bytes, cs, window);
            }
            // A party stands for this election's list or candidate, not for
            // the one it ran in an earlier election (`Il y a cinq ans, le
            // Front national ...`).
            if fact.election.year != election.year
                && let Some(Competitor::Person(q)) = fact.subject
                && let Some((_, p)) = replaced.iter().find(|(at, _)| {
                    *at >= window.0
                        && *at < f.start
                        && ms
                            .iter()
                            .any(|m| m.start == *at && m.what == Named::Person(q))
                })
            {
                fact.subject = Some(Competitor::Party(*p));
            }
            emit(out, &mut index, fact, bytes, &locatives, f);
        }
        // `previous_subjects` is empty here (see the top of the loop): the
        // buffers change places rather than one being dropped.
        debug_assert!(previous_subjects.is_empty());
        std::mem::swap(&mut previous_subjects, &mut subjects);
        previous_round = cs.iter().find_map(|c| match c.2 {
            Cue::Round(r) => Some(r),
            _ => None,
        });
        // `X arrive en tête en Nouvelle-Aquitaine avec 30,4 %. Y le suit
        // avec 27,2 %.`: the one place of a sentence of figures holds for
        // the rest of its paragraph, as a place opening it would.
        if context.is_none()
            && distinct == 1
            && let Some(p) = place_of(locatives[0])
        {
            context = Some(p);
            carried = true;
        }
    }
    rounded_in_headings(&mut out[first_fact..], a.sentences);
    // The rounds held by the article's date bound what it can report.
    if let Some(days) = a.date.and_then(day_span) {
        // Most facts are of one election: its round held is read once.
        let mut held: Option<(Election, Option<u8>)> = None;
        for fact in out[first_fact..]
            .iter_mut()
            .filter(|f| f.kind != Kind::Poll)
        {
            let round = match held {
                Some((e, round)) if e == fact.election => round,
                _ => {
                    let round = cues.held_round(fact.election, days);
                    held = Some((fact.election, round));
                    round
                }
            };
            fact.round = round_by_date(round, fact.round);
        }
    }
    if let Some((kind, year, Some(round))) = written {
        for fact in out[first_fact..].iter_mut().filter(|f| {
            f.kind != Kind::Poll
                && f.round.is_none()
                && f.election.kind == Some(kind)
                && f.election.year == Some(year)
        }) {
            fact.round = Some(round);
        }
    }
    check(&mut out[first_fact..]);
}

/// A whole share in a heading that the body states with decimals for the
/// same competitor and place (`le RN à 29 %` over `29,1 %`) is the same
/// figure rounded: approximate.
fn rounded_in_headings(facts: &mut [Fact], sentences: &[Sentence]) {
    let share = |f: &Fact| {
        f.values
            .iter()
            .find(|(field, _)| *field == Field::Share)
            .map(|v| v.1)
    };
    let rounded: Vec<usize> = (0..facts.len())
        .filter(|&i| {
            let f = &facts[i];
            let Some(whole) = share(f).filter(|v| v.fract() == 0.0) else {
                return false;
            };
            !f.approx
                && sentences.get(f.sentence).is_some_and(|s| s.heading)
                && facts.iter().any(|g| {
                    (g.kind, g.subject, g.place, g.election)
                        == (f.kind, f.subject, f.place, f.election)
                        && g.round.is_none_or(|r| f.round.is_none_or(|q| q == r))
                        && share(g).is_some_and(|v| v.fract() != 0.0 && (v - whole).abs() < 1.0)
                })
        })
        .collect();
    for i in rounded {
        facts[i].approx = true;
    }
}

/// The round of a result, from the round its article's date holds
/// ([`Cues::held_round`]) and the one its sentences say, if any. An
/// article dated between the rounds can only report the first
/// (`affrontera au second tour` looks ahead); one that says none reports
/// the second when dated in the six weeks after it.
fn round_by_date(held: Option<u8>, said: Option<u8>) -> Option<u8> {
    match (held, said) {
        (Some(1), _) => Some(1),
        (held, None) => held,
        (_, said) => said,
    }
}

/// The first and last day ([`day_number`]) a date `YYYY-MM-DD` or a month
/// `YYYY-MM` may be.
fn day_span(date: &str) -> Option<(u32, u32)> {
    match date.len() {
        10 => day_number(date).map(|d| (d, d)),
        7 => day_number(&format!("{date}-01")).map(|d| (d, d + 30)),
        _ => None,
    }
}

/// A day's number counted from a fixed origin, for differences of a few
/// weeks: every month is taken as 31 days long, so a difference across
/// months may come out a day or two long.
fn day_number(d: &str) -> Option<u32> {
    if !crate::read::date_shape(d) || d.len() != 10 {
        return None;
    }
    let part = |r: std::ops::Range<usize>| d.get(r)?.parse::<u32>().ok();
    Some(day_of(part(0..4)?, part(5..7)?, part(8..10)?))
}

/// The [`day_number`] of a year, month and day.
fn day_of(year: u32, month: u32, day: u32) -> u32 {
    year * 372 + month * 31 + day
}

/// Flags what the numbers themselves put in doubt: shares above 100, or
/// summing to more than 100.5 for one place, round and election; a turnout
/// percentage above 100; more voters than registered; a margin that the
/// two scores it relates contradict.
fn check(facts: &mut [Fact]) {
    let flag = |f: &mut Fact, w: &'static str| {
        if !f.warnings.contains(&w) {
            f.warnings.push(w);
        }
    };
    let value =
        |f: &Fact, field: Field| f.values.iter().find(|(g, _)| *g == field).map(|(_, v)| *v);
    let same_race = |a: &Fact, b: &Fact| {
        a.place == b.place && a.area == b.area && a.round == b.round && a.election == b.election
    };
    // The exact shares of one kind and race are summed once, at the first
    // of them: the sum is the same from each. The others are marked as
    // summed then, and the buffers of a sum kept from one to the next.
    let mut summed = vec![false; facts.len()];
    let (mut subjects, mut members) = (Vec::new(), Vec::new());
    for i in 0..facts.len() {
        let f = &facts[i];
        let pct = [
            Field::Share,
            Field::TurnoutPct,
            Field::AbstentionPct,
            Field::BlankNullPct,
        ];
        if pct.iter().any(|p| value(f, *p).is_some_and(|v| v > 100.0)) {
            flag(&mut facts[i], "percentage-over-100");
        }
        if let (Some(v), Some(r)) = (
            value(&facts[i], Field::Voters),
            value(&facts[i], Field::Registered),
        ) && v > r
        {
            flag(&mut facts[i], "voters-over-registered");
        }
        if matches!(facts[i].kind, Kind::Result | Kind::Poll) && !facts[i].approx && !summed[i] {
            subjects.clear();
            members.clear();
            let mut sum = 0.0;
            for (j, g) in facts.iter().enumerate() {
                if g.kind != facts[i].kind || g.approx || !same_race(g, &facts[i]) {
                    continue;
                }
                summed[j] = true;
                if !subjects.contains(&g.subject)
                    && let Some(v) = value(g, Field::Share)
                {
                    subjects.push(g.subject);
                    sum += v;
                    members.push(j);
                }
            }
            if sum > 100.5 {
                for &j in &members {
                    flag(&mut facts[j], "shares-over-100");
                }
            }
        }
        if facts[i].kind == Kind::Margin {
            let score = |who: Option<Competitor>, field: Field| {
                facts
                    .iter()
                    .filter(|g| g.kind == Kind::Result && !g.approx && g.subject == who)
                    .filter(|g| same_race(g, &facts[i]))
                    .find_map(|g| value(g, field))
            };
            let m = &facts[i];
            let contradicted = [
                (Field::Points, Field::Share, 0.6),
                (Field::Votes, Field::Votes, 0.5),
            ]
            .into_iter()
            .any(|(gap, field, tolerance)| {
                match (
                    value(m, gap),
                    score(m.subject, field),
                    score(m.trailer, field),
                ) {
                    (Some(g), Some(a), Some(b)) => ((a - b) - g).abs() > tolerance,
                    _ => false,
                }
            });
            if contradicted {
                flag(&mut facts[i], "margin-contradicts-scores");
            }
        }
    }
}

/// The rank and outcome a result's clause states: `Le RN arrive deuxième
/// avec 17,86 %`, `X, éliminé, ne récolte que 8,9 %`.
fn standing(
    text: &[u8],
    cs: &[(usize, usize, Cue)],
    window: (usize, usize),
) -> (Option<u8>, Option<&'static str>) {
    let inside = cs.iter().filter(|c| c.0 >= window.0 && c.1 <= window.1);
    let rank = inside.clone().find_map(|c| match c.2 {
        Cue::Rank(r) => Some(r),
        _ => None,
    });
    let status = inside.clone().find_map(|c| match c.2 {
        Cue::Status(s) => Some(s),
        // `qualifié pour le second tour` is read as a round phrase first.
        Cue::Round(1) if text[c.0..].starts_with(b"qualifi") => Some("qualified"),
        _ => None,
    });
    (rank, status)
}

/// Adds a fact, and its copies for the other places it holds for.
fn emit(
    out: &mut Vec<Fact>,
    index: &mut FactIndex,
    fact: Fact,
    text: &[u8],
    locatives: &[&Mention],
    f: &Figure,
) {
    for w in shared_places(text, locatives, f, fact.place) {
        let mut also = fact.clone();
        also.place = Some(w);
        also.rule = "shared-place";
        push_fact(out, index, also);
    }
    push_fact(out, index, fact);
}

/// The article's facts by competitor and place, so that a new fact is
/// compared only with those that may be the same: a scan of them all for
/// each one would be quadratic in the facts of a long article.
///
/// The facts of a key are chained, each to the next of its key, so that a
/// key costs no list of its own.
struct FactIndex {
    /// Where the article's facts start in the output.
    first: usize,
    /// The first and the last fact of each competitor and place.
    by_key: HashMap<(Option<Competitor>, Option<Where>), (usize, usize)>,
    /// For each fact from `first` on, the next fact of its key, if any.
    next: Vec<Option<usize>>,
    /// A buffer for [`push_fact`]'s facts of one key, kept from one fact
    /// to the next.
    same: Vec<usize>,
}

impl FactIndex {
    /// An index for about `facts` facts, sized at once rather than grown.
    fn new(first: usize, facts: usize) -> FactIndex {
        FactIndex {
            first,
            by_key: HashMap::with_capacity_and_hasher(facts, Default::default()),
            next: Vec::with_capacity(facts),
            same: Vec::new(),
        }
    }

    /// The facts of the same competitor and place, in order.
    fn candidates(&self, fact: &Fact) -> impl Iterator<Item = usize> + '_ {
        let head = self.by_key.get(&(fact.subject, fact.place)).map(|e| e.0);
        std::iter::successors(head, |&k| self.next[k - self.first])
    }

    fn add(&mut self, out: &[Fact], k: usize) {
        let key = (out[k].subject, out[k].place);
        self.next.push(None);
        match self.by_key.entry(key) {
            Entry::Occupied(mut e) => {
                let (_, last) = e.get_mut();
                self.next[*last - self.first] = Some(k);
                *last = k;
            }
            Entry::Vacant(e) => {
                e.insert((k, k));
            }
        }
    }

    /// After facts were taken out, which moves the ones after them.
    fn rebuild(&mut self, out: &[Fact]) {
        self.by_key.clear();
        self.next.clear();
        for k in self.first..out.len() {
            self.add(out, k);
        }
    }
}

/// Adds a fact unless the article already has the same one; figures of one
/// competitor in one sentence (`1 234 voix, soit 45,2 %`) share a record.
fn push_fact(out: &mut Vec<Fact>, index: &mut FactIndex, fact: Fact) {
    // A buffer of the index's, taken out so that the index can change
    // while it is read.
    let mut same = std::mem::take(&mut index.same);
    push_fact_with(out, index, fact, &mut same);
    index.same = same;
}

/// [`push_fact`] with `same`, a buffer for the article's facts of the
/// fact's key.
fn push_fact_with(
    out: &mut Vec<Fact>,
    index: &mut FactIndex,
    mut fact: Fact,
    same: &mut Vec<usize>,
) {
    // The fields that most often differ first, the strings last.
    let same_key = |o: &Fact, fact: &Fact| {
        o.subject == fact.subject
            && o.kind == fact.kind
            && o.place == fact.place
            && o.round == fact.round
            && o.trailer == fact.trailer
            && o.area == fact.area
            && o.election == fact.election
    };
    let covers = |o: &Fact, fact: &Fact| {
        fact.values
            .iter()
            .all(|(f, v)| o.values.iter().any(|(g, w)| f == g && (v - w).abs() < 1e-9))
    };
    let has_fields = |o: &Fact, fact: &Fact| {
        fact.values
            .iter()
            .all(|(f, _)| o.values.iter().any(|(g, _)| f == g))
    };
    // The article's facts of the same key, in order: the only ones the
    // rules below look at, found in one pass.
    same.clear();
    same.extend(
        index
            .candidates(&fact)
            .filter(|&k| same_key(&out[k], &fact)),
    );
    // Already said, maybe with more values (`1 812 voix, 51,73 %` in a
    // list, then `ne récolte que 51,73 %`): one record, one more sighting.
    if let Some(&k) = same
        .iter()
        .find(|&&k| out[k].approx == fact.approx && covers(&out[k], &fact))
    {
        out[k].note(&fact);
        return;
    }
    // An exact figure wins over an approximate one (`près de 69 %` in the
    // headline, `68,70 %` in the body).
    if fact.approx {
        if let Some(&k) = same
            .iter()
            .find(|&&k| !out[k].approx && has_fields(&out[k], &fact))
        {
            out[k].note(&fact);
            return;
        }
    } else {
        let mut removed = 0;
        same.retain_mut(|k| {
            *k -= removed;
            let replaced = out[*k].approx && has_fields(&fact, &out[*k]);
            if replaced {
                fact.note(&out.remove(*k));
                removed += 1;
            }
            !replaced
        });
        if removed > 0 {
            index.rebuild(out);
        }
    }
    if let Some(&k) = same.iter().rev().find(|&&k| {
        let o = &out[k];
        o.approx == fact.approx
            && o.sentence == fact.sentence
            && fact
                .values
                .iter()
                .all(|(f, _)| o.values.iter().all(|(g, _)| g != f))
    }) {
        let o = &mut out[k];
        o.values.extend(fact.values);
        o.rank = o.rank.or(fact.rank);
        o.status = o.status.or(fact.status);
        return;
    }
    out.push(fact);
    index.add(out, out.len() - 1);
}

fn take_range<'t, T>(
    items: &'t [T],
    cursor: &mut usize,
    start: usize,
    end: usize,
    at: impl Fn(&T) -> usize,
) -> &'t [T] {
    while *cursor < items.len() && at(&items[*cursor]) < start {
        *cursor += 1;
    }
    let from = *cursor;
    while *cursor < items.len() && at(&items[*cursor]) < end {
        *cursor += 1;
    }
    &items[from..*cursor]
}

fn is_place(m: &Mention) -> bool {
    place_of(m).is_some()
}

fn competitor(m: &Mention) -> Option<Competitor> {
    match m.what {
        Named::Person(p) => Some(Competitor::Person(p)),
        Named::Party(p) => Some(Competitor::Party(p)),
        Named::Place(_) | Named::Constituency(..) => None,
    }
}

/// Whether `text[from..to]` holds at most `n` words: read no further than
/// the word after them.
fn at_most_words(text: &[u8], from: usize, to: usize, n: usize) -> bool {
    text[from..to.max(from)]
        .split(|b| !is_word_byte(*b))
        .filter(|w| !w.is_empty())
        .nth(n)
        .is_none()
}

/// Whether a place is named as where something happens (`à X`, `en X`,
/// `dans la X`, `à l'échelle de la X`), or opens the sentence (`X : ...`,
/// `X, ...`): the length of the locative phrase before it, 0 for one that
/// opens the sentence.
fn locative_phrase(
    phrases: &PlacePhrases,
    text: &[u8],
    sentence_start: usize,
    m: &Mention,
) -> Option<usize> {
    let before = &text[sentence_start..m.start];
    // No phrase ends a text of no word.
    if before.iter().all(|b| !is_word_byte(*b)) {
        return Some(0);
    }
    for link in [&b"de la "[..], b"du ", b"de l'", b"des ", b"de "] {
        if let Some(rest) = before.strip_suffix(link)
            && let Some(scope) = phrases.ending(&[PhraseKind::Scope], rest)
        {
            return Some(scope.len() + link.len());
        }
    }
    phrases
        .ending(&[PhraseKind::At, PhraseKind::Figure], before)
        .map(<[u8]>::len)
}

/// The place that opens a sentence: `En Deux Sèvres, ...`, `Vienne : ...`,
/// `A Poitiers, ...`, `Dans la Vienne là aussi, ...`, `À l'échelle de la
/// Bretagne, ...`. `locatives` are the sentence's locative places, and
/// `phrase` the length of the locative phrase before the first
/// ([`locative_phrase`]).
fn leading_place(
    text: &[u8],
    fs: usize,
    ms: &[Mention],
    locatives: &[&Mention],
    phrase: usize,
) -> Option<Where> {
    let m = ms.iter().find(|m| is_place(m))?;
    if !locatives.first().is_some_and(|l| std::ptr::eq(*l, m)) {
        return None;
    }
    (at_most_words(text, fs, m.start - phrase, 1) || at_most_words(text, fs, m.start, 3))
        .then(|| place_of(m))
        .flatten()
}

/// Where a figure holds: a locative place before it in the sentence, a
/// national scope cue, the carried context, or a locative place after it.
fn place_for(
    text: &[u8],
    f: &Figure,
    next_start: usize,
    locatives: &[&Mention],
    cs: &[(usize, usize, Cue)],
    context: Option<Where>,
) -> Option<Where> {
    let scope = cs
        .iter()
        .rev()
        .find(|c| c.1 <= f.start && matches!(c.2, Cue::ScopeNational | Cue::ScopeNone));
    let before = locatives.iter().rev().find(|m| m.end <= f.start);
    match (before, scope) {
        (Some(m), Some(c)) if c.0 > m.start && matches!(c.2, Cue::ScopeNational) => {
            return Some(Where::National);
        }
        (Some(m), _) => return place_of(m),
        (None, Some(c)) if matches!(c.2, Cue::ScopeNational) => return Some(Where::National),
        _ => {}
    }
    // `X n'a recueilli que 14,2 % des voix dans la 1re circonscription`,
    // `58,55 % des voix au niveau national`: a place or a national scope
    // in the figure's own clause, before the next figure, beats the one
    // the paragraph is about.
    let in_clause = |start: usize| {
        start >= f.end
            && start < next_start
            && start <= f.end + 48
            && !text[f.end..start]
                .iter()
                .any(|b| matches!(b, b',' | b';' | b':' | b'(' | b'.'))
    };
    if let Some(m) = locatives.iter().find(|m| in_clause(m.start)) {
        return place_of(m);
    }
    if cs
        .iter()
        .any(|c| matches!(c.2, Cue::ScopeNational) && in_clause(c.0))
    {
        return Some(Where::National);
    }
    context.or_else(|| {
        locatives
            .iter()
            .find(|m| m.start >= f.end)
            .and_then(|m| place_of(m))
    })
}

/// A district or polling station named before the figure in its sentence,
/// after any other place: `dans le quartier des Couronneries, elle ...`,
/// `au bureau de l'école Jules-Ferry`. Its name is the capitalised words
/// after the word, normalised as the evaluation format says.
fn area_before(
    a: &Article,
    districts: &[(usize, usize)],
    fs: usize,
    f: &Figure,
    locatives: &[&Mention],
) -> Option<String> {
    // Most sentences have no district phrase: asked here, where this is
    // inlined, rather than after a call for every figure.
    let first = districts.partition_point(|d| d.0 < fs);
    if districts.get(first).is_none_or(|d| d.0 >= f.start) {
        return None;
    }
    let (_, end, name) = area_in(a, &districts[first..], fs, f.start)?;
    // A place named after the phrase is where the figure holds.
    (!locatives.iter().any(|m| m.start >= end && m.end <= f.start)).then_some(name)
}

/// A heading that names a polling station or a district (`Bureau des
/// Trois-Cités`): its name, which then holds for the block under it.
fn heading_area(
    phrases: &PlacePhrases,
    a: &Article,
    districts: &[(usize, usize)],
    fs: usize,
    fe: usize,
) -> Option<String> {
    let text = a.folded.text.as_bytes();
    let first = fs + text[fs..fe].iter().position(|b| is_word_byte(*b))?;
    // The article's district phrases answer for a heading that starts a
    // word; the phrases are compared only where one is listed there.
    let starts_word = first == 0 || !is_word_byte(text[first - 1]);
    if starts_word && districts.binary_search_by_key(&first, |d| d.0).is_err() {
        return None;
    }
    phrases.starting(PhraseKind::District, &text[first..fe])?;
    area_in(a, districts, first, fe).map(|(_, _, name)| name)
}

/// Where the district and polling-station phrases of a text start, as
/// whole words, with their lengths. Found once per article: every figure
/// looks back over its sentence for one.
fn district_phrases(phrases: &PlacePhrases, text: &[u8]) -> Vec<(usize, usize)> {
    phrases
        .district_candidates(text)
        .filter(|&i| i == 0 || !is_word_byte(text[i - 1]))
        .filter_map(|i| Some((i, phrases.starting(PhraseKind::District, &text[i..])?.len())))
        .collect()
}

/// The last district or polling-station phrase in a folded range, with its
/// span and its normalised name; `districts` are the article's
/// ([`district_phrases`]).
fn area_in(
    a: &Article,
    districts: &[(usize, usize)],
    from: usize,
    to: usize,
) -> Option<(usize, usize, String)> {
    let text = a.folded.text.as_bytes();
    let mut best = None;
    let mut next = from;
    let first = districts.partition_point(|d| d.0 < from);
    for &(i, len) in districts[first..].iter().take_while(|d| d.0 < to) {
        if i < next {
            continue;
        }
        let mut j = i + len;
        for link in [&b"de la "[..], b"de l'", b"des ", b"du ", b"de ", b"d'"] {
            if text[j..].starts_with(link) {
                j += link.len();
                break;
            }
        }
        // The words up to the end of the phrase, without the lower-case
        // words that trail them (`des Couronneries elle dépasse`); at least
        // one capitalised word (`l'école Jean-Macé`).
        let mut words: Vec<(&str, bool)> = Vec::new();
        let mut end = j;
        while words.len() < 6 {
            let len = text[end..].iter().take_while(|b| is_word_byte(**b)).count();
            if len == 0 || end + len > to {
                break;
            }
            let capital = a.text[a.folded.orig(end)..]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            words.push((&a.folded.text[end..end + len], capital));
            end += len;
            match text.get(end) {
                Some(b' ' | b'\'') if text.get(end + 1).is_some_and(|b| is_word_byte(*b)) => {
                    end += 1
                }
                _ => break,
            }
        }
        // A phrase closed by a comma is whole: `au bureau de l'hôtel de
        // ville, X ...`.
        let closed = text.get(end) == Some(&b',');
        while !closed && words.last().is_some_and(|w| !w.1) {
            words.pop();
        }
        let words: Vec<&str> = words.iter().map(|w| w.0).collect();
        if !words.is_empty() {
            best = Some((i, end, words.join("-")));
        }
        next = end.max(i + 1);
    }
    best
}

/// The other places a figure holds for when its place is the last of a
/// chain: `à Mauléon comme à Nueil-les-Aubiers, elle recueille 30 %`.
fn shared_places(
    text: &[u8],
    locatives: &[&Mention],
    f: &Figure,
    place: Option<Where>,
) -> Vec<Where> {
    let mut out = Vec::new();
    let Some(k) = locatives.iter().rposition(|m| m.end <= f.start) else {
        return out;
    };
    if place != place_of(locatives[k]) {
        return out;
    }
    let mut k = k;
    while k > 0 {
        let gap = &text[locatives[k - 1].end..locatives[k].start];
        if !matches!(
            gap,
            b" comme a "
                | b" et a "
                | b" ainsi qu'a "
                | b" ou a "
                | b", a "
                | b" comme en "
                | b" et en "
        ) {
            break;
        }
        k -= 1;
        out.extend(place_of(locatives[k]).filter(|w| Some(*w) != place));
    }
    out
}

/// `Some(Some(year))` when the figure belongs to the election of that year
/// (`contre 28 % en 2012`), `Some(None)` when it belongs to an earlier one
/// not named (`il y a cinq ans`), `None` when it is this election's.
fn year_after(
    text: &[u8],
    f: &Figure,
    next_start: usize,
    figs: &[Figure],
    cs: &[(usize, usize, Cue)],
    year: Option<u16>,
    previous: Option<u16>,
) -> Option<Option<u16>> {
    let limit = next_start.min(f.end + 40);
    for c in cs.iter().filter(|c| c.0 >= f.end && c.0 < limit) {
        match c.2 {
            Cue::Earlier => return Some(previous),
            Cue::Ago(n) => return Some(year.map(|y| y - n)),
            _ => {}
        }
    }
    // `contre 22,9 % au second tour de 2017`: the year closes the clause.
    let y = figs
        .iter()
        .find(|n| n.start >= f.end)
        .filter(|n| n.unit == Unit::Year && n.start < limit)?;
    let between = &text[f.end..y.start];
    let ok = between.ends_with(b"en ")
        || between.ends_with(b"(")
        || between.ends_with(b"de ")
        || between.ends_with(b"qu'en ");
    ok.then_some(Some(y.value as u16))
}

fn change_before(text: &[u8], cs: &[(usize, usize, Cue)], f: &Figure) -> bool {
    cs.iter().any(|c| {
        matches!(c.2, Cue::Change)
            && c.1 <= f.start
            && f.start - c.1 <= 8
            && text[c.1..f.start].iter().all(|b| !b.is_ascii_digit())
    })
}

fn turnout_field(
    text: &[u8],
    cs: &[(usize, usize, Cue)],
    window: (usize, usize),
    f: &Figure,
) -> Option<Field> {
    let after = cs.iter().find(|c| {
        c.0 >= f.end && c.0 <= f.end + 4 && {
            let gap = &text[f.end..c.0];
            gap == b" de " || gap == b" d'" || gap == b" de la " || gap == b" " || gap == b" des "
        }
    });
    let before = cs
        .iter()
        .rev()
        .find(|c| c.0 >= window.0 && c.1 <= window.1 && matches!(c.2, Cue::Turnout(_)));
    let field = [after, before]
        .into_iter()
        .flatten()
        .find_map(|c| match c.2 {
            Cue::Turnout(field) => Some(field),
            _ => None,
        });
    // `Seuls 33,6 % d'entre eux se sont déplacés`: a share of the voters
    // that went to vote is the turnout.
    let went = || {
        f.unit == Unit::Percent
            && cs
                .iter()
                .any(|c| matches!(c.2, Cue::Voters) && c.0 >= f.end && c.0 <= f.end + 32)
    };
    // `Votants : 28 101 (76,96 %)`: the voters' share of the registered.
    let voters_labelled = || {
        f.unit == Unit::Percent
            && cs.iter().any(|c| {
                let between = &text[c.1.min(f.start)..f.start];
                matches!(c.2, Cue::Label(Field::Voters))
                    && c.1 <= f.start
                    && between.len() <= 24
                    && between.ends_with(b"(")
                    && between
                        .iter()
                        .all(|b| b.is_ascii_digit() || b" :(".contains(b))
            })
    };
    field.or_else(|| (went() || voters_labelled()).then_some(Field::TurnoutPct))
}

/// A bare decimal right after a competitor (`Hamon 38,18 Valls 32,30`).
fn glued_to_competitor(text: &[u8], competitors: &[&Mention], f: &Figure) -> bool {
    competitors.iter().any(|m| {
        m.end <= f.start
            && text[m.end..f.start]
                .iter()
                .all(|b| matches!(b, b' ' | b':' | b'('))
            && f.start - m.end <= 3
    })
}

fn strip_prefix_any<'t>(s: &'t [u8], prefixes: &[&[u8]]) -> &'t [u8] {
    prefixes
        .iter()
        .find_map(|p| s.strip_prefix(*p))
        .unwrap_or(s)
}

/// `X et Y obtiennent respectivement 12 % et 9 %`: the n-th share of the
/// sentence goes to the n-th competitor named before the first figure.
/// Only when there are as many competitors as shares: one unrecognised name
/// would shift every pairing.
fn respective(competitors: &[&Mention], figs: &[Figure], index: usize) -> Option<Competitor> {
    let first = figs.first()?.start;
    let named: Vec<&&Mention> = competitors.iter().filter(|m| m.end <= first).collect();
    let shares = figs.iter().filter(|f| f.unit == Unit::Percent).count();
    if named.len() != shares {
        return None;
    }
    named.get(index).and_then(|m| competitor(m))
}

/// The election of the article: the most frequent election word, and the
/// year of the article's date (or of a year written next to that word, of
/// the round date `written` in the text, or of the listed candidates).
fn election_of(
    a: &Article,
    cues: &Cues,
    found: &[(usize, usize, Cue)],
    written: Option<(&str, u16, Option<u8>)>,
) -> Election {
    let mut counts: Vec<(&'static str, usize, usize)> = Vec::new();
    for (at, _, cue) in found {
        if let Cue::Election(kind) = cue {
            match counts.iter_mut().find(|c| c.0 == *kind) {
                Some(c) => c.1 += 1,
                None => counts.push((kind, 1, *at)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let date_year = a.date.and_then(|d| d.get(..4)?.parse().ok());
    let kind = counts
        .first()
        .map(|c| c.0)
        .or_else(|| candidates_election(a, cues, date_year?))
        .or_else(|| cues.election_kind(written?.0));
    let year = date_year
        .or_else(|| {
            // A year written next to a word of the election before the
            // first score (`les régionales de 2015`, `des élections
            // régionales, ce dimanche 6 décembre 2015`); one after it may
            // be an earlier election's (`aux européennes de 2019, la liste
            // avait obtenu`).
            let kind = kind?;
            let first_score = a
                .figures
                .iter()
                .find(|f| matches!(f.unit, Unit::Percent | Unit::Count))
                .map_or(usize::MAX, |f| f.start);
            found.iter().find_map(|(at, _, cue)| {
                if *cue != Cue::Election(kind) || *at > first_score {
                    return None;
                }
                a.figures
                    .iter()
                    .find(|f| f.unit == Unit::Year && f.start >= *at && f.start < at + 40)
                    .map(|f| f.value as u16)
            })
        })
        .or_else(|| {
            written
                .filter(|w| kind.is_none_or(|k| k == w.0))
                .map(|w| w.1)
        })
        .or_else(|| candidates_year(a, kind?));
    Election { kind, year }
}

/// The type, year and round (none for an election of one round) of the
/// election round that fell on the first date written out in full in the
/// text (`dimanche 11 juin 2017`, `le 1er juillet 2018`).
fn written_round<'c>(a: &Article, cues: &'c Cues) -> Option<(&'c str, u16, Option<u8>)> {
    let text = a.folded.text.as_bytes();
    a.figures
        .iter()
        .filter(|f| f.unit == Unit::Year)
        .find_map(|f| {
            let (rest, month) = last_word(&text[..f.start])?;
            let month = cues.months.iter().position(|m| m.as_bytes() == month)?;
            let day = match last_word(rest)?.1 {
                b"1er" => 1,
                d => std::str::from_utf8(d).ok()?.parse::<u32>().ok()?,
            };
            let day = day_of(f.value as u32, month as u32 + 1, day);
            let two = cues.rounds.iter().find_map(|r| {
                let round = r.2.iter().position(|d| *d == day)?;
                Some((r.0.as_str(), r.1, Some(round as u8 + 1)))
            });
            two.or_else(|| {
                let r = cues.single_rounds.iter().find(|r| r.2 == day)?;
                Some((r.0.as_str(), r.1, None))
            })
        })
}

/// The word that ends `before` after one space, and what is left before it.
fn last_word(before: &[u8]) -> Option<(&[u8], &[u8])> {
    let before = before.strip_suffix(b" ")?;
    let start = before
        .iter()
        .rposition(|b| !is_word_byte(*b))
        .map_or(0, |k| k + 1);
    Some((&before[..start], &before[start..]))
}

/// The type of election that two or more of the listed people the article
/// names stood in together in the year of its date, when it names no
/// election (`Emmanuel Macron ... Marine Le Pen` in May 2017): the one
/// most of them stood in. A primary's types (`primaire-gauche`) are one.
fn candidates_election(a: &Article, cues: &Cues, year: u16) -> Option<&'static str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (kind, _) in stood(a).filter(|e| e.1 == year) {
        match counts.iter_mut().find(|c| c.0 == kind) {
            Some(c) => c.1 += 1,
            None => counts.push((kind, 1)),
        }
    }
    let (kind, n) = counts.into_iter().max_by_key(|c| c.1)?;
    (n >= 2).then(|| cues.election_kind(kind)).flatten()
}

/// The year of the election of type `kind` that the most of the listed
/// people the article names stood in, when two or more did and no other
/// year has as many: Macron, Le Pen, Zemmour and Pécresse are 2022.
fn candidates_year(a: &Article, kind: &str) -> Option<u16> {
    let mut counts: Vec<(u16, usize)> = Vec::new();
    for (_, year) in stood(a).filter(|e| e.0 == kind) {
        match counts.iter_mut().find(|c| c.0 == year) {
            Some(c) => c.1 += 1,
            None => counts.push((year, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    match counts[..] {
        [(y, n), ..] if n >= 2 && counts.get(1).is_none_or(|c| c.1 < n) => Some(y),
        _ => None,
    }
}

/// The elections the listed people of the article stood in, as (type,
/// year); a primary's types (`primaire-gauche`) are one.
fn stood<'a>(a: &'a Article) -> impl Iterator<Item = (&'a str, u16)> + 'a {
    a.mentions.people.iter().flat_map(|p| {
        p.elections.split(';').filter_map(|e| {
            let (kind, year) = e.split_once(':')?;
            Some((kind.split('-').next().unwrap_or(kind), year.parse().ok()?))
        })
    })
}

/// Elections held in one nationwide constituency (the `election` values of
/// `patterns/cues.tsv`).
fn is_nationwide(kind: &str) -> bool {
    matches!(
        kind,
        "presidentielle" | "primaire" | "europeennes" | "referendum"
    )
}

/// The round most of the article's round phrases point to. A phrase in a
/// sentence that gives figures weighs more than one in a sentence that
/// gives none; a phrase that dates a comparison (`contre 48,6 % au premier
/// tour`) or sits in a past-tense sentence about an earlier round (`Au
/// premier tour, il avait ...`) does not vote.
fn article_round(
    a: &Article,
    spans: &[(usize, usize)],
    found: &[(usize, usize, Cue)],
    written: Option<u8>,
) -> Option<u8> {
    let text = a.folded.text.as_bytes();
    let mut votes = [0usize; 3];
    let mut first = None;
    // A round's date written in the text weighs as a round phrase in a
    // sentence of figures.
    if let Some(r) = written {
        votes[r as usize] += 2;
    }
    // Only the sentences that name a round vote.
    for ((fs, fe), cues) in sentences_with(spans, found, |c| matches!(c, Cue::Round(_))) {
        let cs = &found[cues];
        let figs = &a.figures[a.figures.partition_point(|f| f.start < fs)..];
        let figs = &figs[..figs.partition_point(|f| f.start < fe)];
        if cs.iter().any(|c| matches!(c.2, Cue::Past)) {
            continue;
        }
        let weight = if figs
            .iter()
            .any(|f| matches!(f.unit, Unit::Percent | Unit::Count))
        {
            2
        } else {
            1
        };
        // One vote per round and sentence: `triangulaire au second tour`
        // says it once.
        let mut said = [false; 3];
        for c in cs {
            let Cue::Round(r) = c.2 else { continue };
            let before = &text[c.0.saturating_sub(24).max(fs)..c.0];
            let dated_comparison = figs.iter().any(|f| f.end <= c.0 && f.end + 8 >= c.0)
                && before.windows(7).any(|w| w == b"contre ");
            if dated_comparison || said[r as usize] {
                continue;
            }
            said[r as usize] = true;
            votes[r as usize] += weight;
            first.get_or_insert(r);
        }
    }
    match votes[1].cmp(&votes[2]) {
        std::cmp::Ordering::Greater => Some(1),
        std::cmp::Ordering::Less => Some(2),
        std::cmp::Ordering::Equal => first,
    }
}

/// Round cues as they read in their sentence: where the second round is
/// still to come (`le second tour opposera dimanche prochain`), the results
/// at hand are the first round's. Polls speak of rounds to come by nature.
fn effective_rounds(
    spans: &[(usize, usize)],
    mut found: Vec<(usize, usize, Cue)>,
    poll_article: bool,
) -> Vec<(usize, usize, Cue)> {
    // Most articles say nothing of a round to come.
    if poll_article || !found.iter().any(|c| matches!(c.2, Cue::Ahead)) {
        return found;
    }
    let ahead: Vec<Range<usize>> = sentences_with(spans, &found, |c| matches!(c, Cue::Ahead))
        .map(|(_, cues)| cues)
        .collect();
    for cues in ahead {
        let cs = &mut found[cues];
        if !cs.iter().any(|c| matches!(c.2, Cue::Poll)) {
            for c in cs.iter_mut() {
                if matches!(c.2, Cue::Round(2)) {
                    c.2 = Cue::Round(1);
                }
            }
        }
    }
    found
}

/// The sentences that hold a cue that `wanted` picks, in order: each one's
/// span and the range of its cues in `found`. Each is found from such a
/// cue by binary search, rather than by going through every sentence.
fn sentences_with<'f>(
    spans: &'f [(usize, usize)],
    found: &'f [(usize, usize, Cue)],
    wanted: impl Fn(&Cue) -> bool + 'f,
) -> impl Iterator<Item = ((usize, usize), Range<usize>)> + 'f {
    let (mut next, mut si) = (0, 0);
    std::iter::from_fn(move || {
        loop {
            let k = next + found[next..].iter().position(|c| wanted(&c.2))?;
            let at = found[k].0;
            si += spans[si..].partition_point(|s| s.1 <= at);
            let &(fs, fe) = spans.get(si)?;
            // A cue between two sentences is in none.
            if at < fs {
                next = k + 1;
                continue;
            }
            let from = found[..k].partition_point(|c| c.0 < fs);
            next = k + found[k..].partition_point(|c| c.0 < fe);
            return Some(((fs, fe), from..next));
        }
    })
}

/// The round of a figure: a round phrase right after it (`contre 48,6 % au
/// premier tour`), else the last one before it in the sentence. The flag
/// says the phrase is the figure's own.
fn round_for(
    text: &[u8],
    cs: &[(usize, usize, Cue)],
    f: &Figure,
    next_start: usize,
) -> Option<(Option<u8>, bool)> {
    let round = |c: &(usize, usize, Cue)| match c.2 {
        Cue::Round(r) => Some(r),
        _ => None,
    };
    if let Some(r) = cs
        .iter()
        .filter(|c| {
            // `31 % des intentions de vote au premier tour`: in the same
            // clause, not far.
            c.0 >= f.end
                && c.0 < next_start
                && (c.0 <= f.end + 24
                    || (c.0 <= f.end + 48
                        && !text[f.end..c.0].iter().any(|b| matches!(b, b',' | b';'))))
        })
        .find_map(round)
    {
        return Some((Some(r), true));
    }
    cs.iter()
        .rev()
        .filter(|c| c.1 <= f.start)
        .find_map(round)
        .map(|r| (Some(r), false))
}

/// `dépasse les 35 %`: a phrase of the cue file right before the figure.
fn approx_cue(text: &[u8], cs: &[(usize, usize, Cue)], f: &Figure) -> bool {
    cs.iter().any(|c| {
        matches!(c.2, Cue::Approx)
            && c.1 <= f.start
            && text[c.1..f.start].iter().all(|b| *b == b' ')
    })
}

/// `de 2 % chacun`.
fn each_after(text: &[u8], cs: &[(usize, usize, Cue)], f: &Figure) -> bool {
    cs.iter().any(|c| {
        matches!(c.2, Cue::Each) && c.0 >= f.end && text[f.end..c.0].iter().all(|b| *b == b' ')
    })
}

/// Whether a slice ends with a word, ignoring spaces and commas after it.
fn ends_with_word(s: &[u8], word: &[u8]) -> bool {
    let end = s
        .iter()
        .rposition(|b| !matches!(b, b' ' | b','))
        .map_or(0, |i| i + 1);
    let s = &s[..end];
    s.ends_with(word)
        && s.len()
            .checked_sub(word.len() + 1)
            .is_none_or(|k| !is_word_byte(s[k]))
}

/// A sentence whose subject stands for someone named before: `Il la
/// devance`, `Elle obtient`, `Le président sortant l'emporte`.
fn opens_with_antecedent<'t>(
    antecedents: &Antecedents,
    text: &'t [u8],
    fs: usize,
) -> Option<&'t [u8]> {
    let rest = &text[fs..];
    let at = rest
        .iter()
        .position(|b| is_word_byte(*b))
        .unwrap_or(rest.len());
    let rest = &rest[at..];
    // Or after a leading place: `À Chasseneuil, elle obtient 64,8 %`.
    let after_comma = memchr::memchr(b',', &rest[..rest.len().min(50)])
        .map_or(&b""[..], |i| rest[i + 1..].trim_ascii_start());
    [rest, after_comma]
        .into_iter()
        .find_map(|t| antecedents.open(t).map(|len| &t[..len]))
}

/// The person the article gave a title before `before` (`Le maire sortant,
/// Jérôme Baloge, est réélu`), for a sentence that opens on the title alone
/// (`le maire sortant dépasse les 60 %`).
fn titled_person(
    text: &[u8],
    title: &[u8],
    before: usize,
    items: &[Mention],
) -> Option<Competitor> {
    memchr::memmem::find_iter(&text[..before], title).find_map(|at| {
        let mut k = at + title.len();
        if text.get(k) == Some(&b',') {
            k += 1;
        }
        while text.get(k) == Some(&b' ') {
            k += 1;
        }
        let m = items.get(items.partition_point(|m| m.start < k))?;
        (m.start == k && matches!(m.what, Named::Person(_)))
            .then(|| competitor(m))
            .flatten()
    })
}

/// `Son score`, `sa liste`, `lui prédisaient` before a figure stand for
/// someone named earlier.
fn possessive_in(text: &[u8], window: (usize, usize)) -> bool {
    let w = &text[window.0..window.1];
    // `Les sondages lui prédisaient 35 %`: an object pronoun too.
    [
        &b"sa liste "[..],
        b"son score ",
        b" lui predisai",
        b" lui promettai",
        b" lui accordai",
    ]
    .iter()
    .any(|p| w.windows(p.len()).any(|x| x == *p))
}

/// The election year of a past-tense sentence that names an earlier year
/// before the figure (`En 2012, au second tour, X avait obtenu 53,9 %`), or
/// of a year bound to the figure (`élu en 2020 avec 52,34 %`).
fn year_before(
    text: &[u8],
    figs: &[Figure],
    f: &Figure,
    fs: usize,
    year: Option<u16>,
    past: bool,
) -> Option<u16> {
    let y = figs
        .iter()
        .rev()
        .filter(|g| g.unit == Unit::Year && g.start >= fs && g.end <= f.start)
        .find(|g| {
            let before = &text[fs..g.start];
            (past || &text[g.end..f.start] == b" avec ")
                && (before.ends_with(b"en ") || before.ends_with(b"de "))
        })?;
    let y = y.value as u16;
    year.is_none_or(|e| y < e).then_some(y)
}

/// Binds each party to the one person the article gives it (`Marine Le Pen
/// (RN)`, `la liste Renaissance conduite par Nathalie Loiseau`, the party
/// of a listed politician), and reads a party named as a list or a
/// candidacy (`la liste du Rassemblement national`, `le candidat d'En
/// marche`, `la candidate frontiste`) as that person. In an election held
/// in one nationwide constituency, a party stands for its list or
/// candidate wherever it is named.
fn competitor_mentions(
    a: &Article,
    cues: &Cues,
    found: &[(usize, usize, Cue)],
    election: Election,
) -> (Vec<Mention>, Vec<(usize, u32)>) {
    let text = a.folded.text.as_bytes();
    // A place or party inside a list's quoted name (`la liste « Agir pour
    // St-Maixent »`) is part of the name.
    let quoted = list_names(text);
    // Copied only where a list's name is quoted: most articles keep every
    // mention.
    let items: Cow<[Mention]> = if quoted.is_empty() {
        Cow::Borrowed(&a.mentions.items)
    } else {
        a.mentions
            .items
            .iter()
            .filter(|m| !quoted.iter().any(|q| q.0 <= m.start && m.end <= q.1))
            .copied()
            .collect()
    };
    let nationwide = election.kind.is_some_and(is_nationwide);
    // Firm bindings (a listed candidate's party in a nationwide election,
    // `X (RN)`, `la liste RN menée par X`) come before a party merely
    // written next to a name (`le maire FN Steeve Briois`).
    let mut bound: [Vec<(u32, Option<u32>)>; 2] = [Vec::new(), Vec::new()];
    let mut bind = |tier: usize, party: u32, person: u32| {
        let list = &mut bound[tier];
        match list.iter_mut().find(|b| b.0 == party) {
            Some(b) if b.1 != Some(person) => b.1 = None,
            Some(_) => {}
            None => list.push((party, Some(person))),
        }
    };
    let party_of = |abbr: &str| {
        a.parties
            .iter()
            .position(|p| p.abbr.eq_ignore_ascii_case(abbr))
            .map(|i| i as u32)
    };
    if nationwide {
        for (i, p) in a.mentions.people.iter().enumerate() {
            if let Some(k) = p.party.as_deref().and_then(party_of) {
                bind(0, k, i as u32);
            }
        }
    }
    for pair in items.windows(2) {
        let gap = &text[pair[0].end..pair[1].start];
        match (pair[0].what, pair[1].what) {
            (Named::Person(q), Named::Party(p)) if gap == b" (" => bind(0, p, q),
            (Named::Party(p), Named::Person(q)) if gap == b" " || gap == b", " => bind(1, p, q),
            (Named::Party(p), Named::Person(q))
                if gap.len() <= 60
                    && !gap.contains(&b'.')
                    && [
                        &b" conduite par "[..],
                        b" menee par ",
                        b" emmenee par ",
                        b" de ",
                        b" d'",
                    ]
                    .iter()
                    .any(|l| gap.ends_with(l)) =>
            {
                bind(0, p, q)
            }
            _ => {}
        }
    }
    let person_for = |p: u32| {
        bound
            .iter()
            .find_map(|tier| tier.iter().find(|b| b.0 == p))
            .and_then(|b| b.1)
    };
    let mut replaced = Vec::new();
    // `Manon Meunier (Nupes) bat ...`: a party in brackets after a person
    // is the person's, not a competitor of its own.
    let bracketed = |k: usize| {
        let m = &items[k];
        matches!(m.what, Named::Party(_))
            && k > 0
            && matches!(items[k - 1].what, Named::Person(_))
            && &text[items[k - 1].end..m.start] == b" ("
            && text.get(m.end) == Some(&b')')
    };
    let mut out: Vec<Mention> = Vec::with_capacity(items.len());
    out.extend(
        (0..items.len())
            .filter(|&k| !bracketed(k))
            .map(|k| &items[k])
            .map(|m| {
                let Named::Party(p) = m.what else { return *m };
                let Some(q) = person_for(p) else { return *m };
                let lead = list_or_candidacy(&text[..m.start]);
                if lead.is_none() && !nationwide {
                    return *m;
                }
                let start = m.start - lead.unwrap_or(0);
                replaced.push((start, p));
                Mention {
                    start,
                    end: m.end,
                    what: Named::Person(q),
                }
            }),
    );
    // A descriptor names the person its party stands for, else the party
    // itself (`les écologistes`).
    for c in found {
        let Cue::Descriptor(d) = c.2 else { continue };
        let Some(p) = party_of(&cues.descriptors[d as usize]) else {
            continue;
        };
        let what = person_for(p).map_or(Named::Party(p), Named::Person);
        if out.iter().all(|m| m.end <= c.0 || m.start >= c.1) {
            out.push(Mention {
                start: c.0,
                end: c.1,
                what,
            });
        }
    }
    out.sort_by_key(|m| m.start);
    (out, replaced)
}

/// Folded spans of the quoted names of lists: `liste « ... »`.
fn list_names(text: &[u8]) -> Vec<(usize, usize)> {
    // Built once: building the searcher costs more than most searches.
    static OPENING: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"liste \""));
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = OPENING.find(&text[from..]) {
        let open = from + i + OPENING.needle().len();
        let Some(len) = text[open..].iter().take(120).position(|b| *b == b'"') else {
            break;
        };
        out.push((open, open + len));
        from = open + len + 1;
    }
    out
}

/// The length of `la liste du `, `le candidat d'`... right before a party.
fn list_or_candidacy(before: &[u8]) -> Option<usize> {
    const ARTICLES: [&[u8]; 5] = [b"la ", b"le ", b"sa ", b"son ", b""];
    const HEADS: [&[u8]; 3] = [b"candidate", b"candidat", b"liste"];
    const LINKS: [&[u8]; 6] = [b" du ", b" de la ", b" de l'", b" de ", b" d'", b" "];
    let mut best = None;
    for link in LINKS {
        let Some(rest) = before.strip_suffix(link) else {
            continue;
        };
        for head in HEADS {
            let Some(rest) = rest.strip_suffix(head) else {
                continue;
            };
            for art in ARTICLES {
                let Some(rest) = rest.strip_suffix(art) else {
                    continue;
                };
                let len = link.len() + head.len() + art.len();
                if rest.last().is_none_or(|b| !is_word_byte(*b)) && best.is_none_or(|b| len > b) {
                    best = Some(len);
                }
            }
        }
    }
    best
}

/// Who leads and who trails in `X devance Y de 307 voix`, `Elle devance de
/// 138 voix la liste de Y`, `Il la devance de 780 voix`.
#[allow(clippy::too_many_arguments)]
fn margin_sides(
    text: &[u8],
    competitors: &[&Mention],
    cue: &(usize, usize, Cue),
    f: &Figure,
    (fs, fe): (usize, usize),
    fallback_leader: Option<Competitor>,
    pronoun: bool,
    antecedents: &[Competitor],
) -> Option<(Competitor, Competitor)> {
    let named = competitors
        .iter()
        .rev()
        .find(|m| m.end <= cue.0)
        .and_then(|m| competitor(m));
    // `Avec 24,12 %, la liste de la majorité présidentielle devance ...`:
    // the person that share is known to be heads that party's list.
    let leader = match (named, fallback_leader) {
        (Some(Competitor::Party(_)), Some(known @ Competitor::Person(_))) => known,
        (named, fallback) => named.or(fallback)?,
    };
    let before_cue = &text[fs..cue.0];
    let object_pronoun = [&b" la "[..], b" le ", b" l'", b" les "]
        .iter()
        .any(|p| before_cue.ends_with(p));
    let trailer = competitors
        .iter()
        .find(|m| m.start >= cue.1 && m.end <= f.start)
        .or_else(|| {
            competitors
                .iter()
                .find(|m| m.start >= f.end && text[f.end..m.start].ends_with(b"sur "))
        })
        .or_else(|| {
            // `devance de 138 voix la liste de Y`: the figure follows the verb.
            let direct = text[cue.1..f.start].iter().all(|b| !is_word_byte(*b))
                || &text[cue.1..f.start] == b" de ";
            competitors
                .iter()
                .find(|m| direct && m.start >= f.end && m.end <= fe && m.start < f.end + 80)
        })
        .and_then(|m| competitor(m))
        .or_else(|| {
            (pronoun && object_pronoun)
                .then(|| antecedents.iter().find(|c| **c != leader).copied())
                .flatten()
        })?;
    (leader != trailer).then_some((leader, trailer))
}

/// How a share or a count finds its competitor within a sentence.
struct SubjectFinder<'s> {
    text: &'s [u8],
    competitors: &'s [&'s Mention],
    /// From the previous figure (or the sentence start) to this one.
    window: (usize, usize),
    next_start: usize,
    sentence_end: usize,
    /// Introduced by `contre`: someone else's score, unless it is of
    /// another round or election.
    versus: bool,
    other_time: bool,
    /// The subject of the previous figure of the sentence.
    prev: Option<Competitor>,
    /// Spans of the sentence's margin verbs (`bat`, `devance`).
    margins: &'s [(usize, usize)],
    /// The two sides of a margin just stated (`X devance Y de 870 voix :
    /// 27,4 % contre 19,6 %`).
    duel: Option<(Competitor, Competitor)>,
    /// The sentence opens on a pronoun subject.
    pronoun: bool,
    /// Who a pronoun or a possessive stands for.
    antecedents: &'s [Competitor],
    /// Per person of the article: feminine, masculine or unknown.
    feminine: &'s [Option<bool>],
}

impl SubjectFinder<'_> {
    fn find(&self, f: &Figure) -> Option<(Competitor, &'static str)> {
        let text = self.text;
        let competitors = self.competitors;
        // `30,4 % pour lui, 30,1 % pour elle`: the one of that gender.
        let after = &text[f.end..self.sentence_end];
        let wanted = if after.starts_with(b" pour elle") {
            Some(true)
        } else if after.starts_with(b" pour lui") {
            Some(false)
        } else {
            None
        };
        if let Some(feminine) = wanted {
            let mut pool: Vec<Competitor> = self.antecedents.to_vec();
            pool.extend(competitors.iter().filter_map(|m| competitor(m)));
            pool.retain(|c| matches!(c, Competitor::Person(i) if self.feminine.get(*i as usize) == Some(&Some(feminine))));
            pool.dedup();
            return match pool[..] {
                [c] => Some((c, "pronoun-gender")),
                _ => None,
            };
        }
        // `34,56 % pour le premier, 34,38 % pour le second`: of the last
        // two competitors named, in order.
        let rank = |words: &[&[u8]]| {
            words.iter().any(|w| {
                after.starts_with(w)
                    && after.get(w.len()).is_none_or(|b| !is_word_byte(*b))
                    && !after[w.len()..].starts_with(b" tour")
            })
        };
        let which = if rank(&[b" pour le premier", b" pour la premiere"]) {
            Some(0)
        } else if rank(&[
            b" pour le second",
            b" pour la seconde",
            b" pour le deuxieme",
            b" pour la deuxieme",
        ]) {
            Some(1)
        } else {
            None
        };
        if let Some(i) = which {
            let mut named: Vec<Competitor> = Vec::new();
            for c in competitors
                .iter()
                .filter(|m| m.end <= f.start)
                .filter_map(|m| competitor(m))
            {
                named.retain(|n| *n != c);
                named.push(c);
            }
            // People before the parties written beside them.
            let people: Vec<Competitor> = named
                .iter()
                .copied()
                .filter(|c| matches!(c, Competitor::Person(_)))
                .collect();
            if people.len() >= 2 {
                named = people;
            }
            return match named[..] {
                [.., first, second] => Some((if i == 0 { first } else { second }, "former-latter")),
                _ => None,
            };
        }
        // `32,3 % à Manuel Valls`, `40,16 % (86 898 voix) à Marine Le Pen`.
        if let Some(m) = competitors.iter().find(|m| m.start >= f.end) {
            let gap = without_brackets(&text[f.end..m.start]);
            let gap = strip_prefix_any(
                &gap,
                &[
                    b" des suffrages exprimes",
                    b" des voix",
                    b" des suffrages",
                    b" des exprimes",
                    b" des intentions de vote",
                ],
            );
            if matches!(
                gap,
                b" a " | b" pour " | b" a la liste de " | b" a la liste " | b" pour la liste de "
            ) {
                return competitor(m).map(|c| (c, "figure-for-competitor"));
            }
        }
        // People before parties: `Emmanuel Macron (LREM) : 29,12 %`.
        let window = self.window;
        let in_window = |m: &&&Mention| m.start >= window.0 && m.end <= window.1;
        // `X bat Y avec 54 %`: the score is the winner's.
        if text[..f.start].ends_with(b"avec ")
            && let Some(cue) = self
                .margins
                .iter()
                .rev()
                .find(|c| c.0 >= window.0 && c.1 <= f.start)
            && let Some(m) = competitors
                .iter()
                .rev()
                .filter(in_window)
                .find(|m| m.end <= cue.0)
            && competitors
                .iter()
                .filter(in_window)
                .any(|m| m.start >= cue.1)
        {
            return competitor(m).map(|c| (c, "winner-with"));
        }
        if let Some(c) = self.duel_shares(f) {
            return Some((c, "duel-shares"));
        }
        let person = competitors
            .iter()
            .rev()
            .filter(in_window)
            .find(|m| matches!(m.what, Named::Person(_)));
        if let Some(m) = person.or_else(|| competitors.iter().rev().find(in_window)) {
            return competitor(m).map(|c| (c, "competitor-then-figure"));
        }
        if let (Some((leader, _)), None) = (self.duel, self.prev) {
            return Some((leader, "margin-sides"));
        }
        if let (Some((leader, trailer)), Some(p)) = (self.duel, self.prev)
            && self.versus
            && p == leader
        {
            return Some((trailer, "margin-sides"));
        }
        if self.versus && !self.other_time {
            // `X l'emporte avec 53 %, contre 47 %`: the other one of a duel.
            let mut named: Vec<Competitor> = Vec::new();
            for c in competitors.iter().filter_map(|m| competitor(m)) {
                if !named.contains(&c) {
                    named.push(c);
                }
            }
            return match (&named[..], self.prev) {
                ([x, y], Some(p)) if p == *x || p == *y => {
                    Some((if p == *x { *y } else { *x }, "versus-other"))
                }
                _ => None,
            };
        }
        if let Some(p) = self.prev {
            return Some((p, "same-competitor"));
        }
        let possessive = possessive_in(text, window);
        if let Some(c) = self.antecedents.first().copied()
            && (possessive || self.pronoun)
        {
            return Some((c, "pronoun-antecedent"));
        }
        if possessive {
            return None;
        }
        if let Some(m) = competitors
            .iter()
            .find(|m| m.start >= f.end && m.start < self.next_start.min(self.sentence_end))
        {
            let gap = &text[f.end..m.start];
            let other = [&b"devant"[..], b"contre", b"face a", b"derriere", b"sur"]
                .iter()
                .any(|w| gap.split(|b| !is_word_byte(*b)).any(|x| x == *w));
            // `Dupuis obtient 4 % et Macron 30 %`: the competitor just
            // before the next figure (`Macron 30 %`, `Macron, qui obtient
            // 30 %`) is that figure's, and the subject of this one is a
            // name no list holds.
            let claimed = self.next_start < self.sentence_end
                && at_most_words(text, m.end, self.next_start, 2)
                && !competitors
                    .iter()
                    .any(|o| o.start >= m.end && o.end <= self.next_start);
            if !other && !claimed {
                return competitor(m).map(|c| (c, "figure-then-competitor"));
            }
        }
        None
    }
}

impl SubjectFinder<'_> {
    /// `X devance Y : 21,2 % contre 20,8 %`: the figure right after the
    /// two sides is the leader's, the one after `contre` the trailer's.
    fn duel_shares(&self, f: &Figure) -> Option<Competitor> {
        let text = self.text;
        let cue = self.margins.iter().rev().find(|c| c.1 <= f.start)?;
        let leader = self.competitors.iter().rev().find(|m| m.end <= cue.0)?;
        let trailer = self
            .competitors
            .iter()
            .find(|m| m.start >= cue.1 && m.end <= f.start)?;
        let (leader, trailer) = (competitor(leader)?, competitor(trailer)?);
        let between = &text[self
            .competitors
            .iter()
            .filter(|m| m.end <= f.start)
            .map(|m| m.end)
            .max()?..f.start];
        let words = || {
            between
                .split(|b| !is_word_byte(*b))
                .filter(|w| !w.is_empty())
        };
        if leader == trailer {
            return None;
        }
        if words().next().is_none() && text[f.end..].starts_with(b" contre ") {
            return Some(leader);
        }
        let only_figures = words().all(|w| w == b"contre" || w.iter().all(u8::is_ascii_digit));
        (self.versus && only_figures && self.prev == Some(leader)).then_some(trailer)
    }
}

/// The text with every `( ... )` and stray `)` removed, spaces collapsed.
fn without_brackets(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut depth = 0usize;
    for &b in s {
        match b {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b' ' if out.last() == Some(&b' ') => {}
            _ if depth == 0 => out.push(b),
            _ => {}
        }
    }
    out
}

/// The gender of each person of the article, where a title gives it
/// (`Mme Brunet`, `M. Morisset`, `la candidate Sandrine Gauvreau`).
fn genders(a: &Article) -> Vec<Option<bool>> {
    let text = a.folded.text.as_bytes();
    let mut out = vec![None; a.mentions.people.len()];
    for m in &a.mentions.items {
        let Named::Person(i) = m.what else { continue };
        let before = &text[..m.start];
        let title = |titles: &[&[u8]]| {
            titles.iter().any(|t| {
                before.ends_with(t)
                    && before
                        .len()
                        .checked_sub(t.len() + 1)
                        .is_none_or(|k| !is_word_byte(before[k]))
            })
        };
        let g = if title(&[b"mme ", b"madame ", b"la candidate ", b"la candidate, "]) {
            Some(true)
        } else if title(&[
            b"m. ",
            b"m ",
            b"monsieur ",
            b"le candidat ",
            b"le candidat, ",
        ]) {
            Some(false)
        } else {
            None
        };
        if let (Some(g), Some(slot)) = (g, out.get_mut(i as usize)) {
            *slot = match *slot {
                Some(h) if h != g => None,
                _ => Some(g),
            };
        }
    }
    out
}

/// A poll figure, unless it is of another election (`En 2022, la Nupes
/// avait obtenu 26,2 %` in a poll article is a result); a national poll
/// names no place, so a poll placed nowhere holds for the whole country.
fn poll_or_result(poll: bool, fact: &mut Fact, election: Election) -> Kind {
    if !poll || fact.election.year != election.year {
        return Kind::Result;
    }
    if fact.place.is_none() {
        fact.place = Some(Where::National);
    }
    Kind::Poll
}

/// `Inscrits : 4 312`: the field a label names for the whole number after
/// it.
fn labelled(text: &[u8], cs: &[(usize, usize, Cue)], f: &Figure) -> Option<Field> {
    if f.decimal || !matches!(f.unit, Unit::Number | Unit::Count) || f.cue.is_some() {
        return None;
    }
    // A label closed by a comma (`Inscrits, 7 412 ; votants, 3 605`) opens
    // its clause; in running text it is not one (`sur 7 412 inscrits,
    // 3 605 ont voté`).
    let opens_clause = |at: usize| {
        text[..at]
            .iter()
            .rev()
            .find(|b| **b != b' ')
            .is_none_or(|b| matches!(b, b';' | b'.' | b':' | b'\n'))
    };
    cs.iter().find_map(|c| match c.2 {
        Cue::Label(field)
            if c.1 <= f.start
                && text[c.1..f.start].iter().all(|b| *b == b' ')
                && (text[c.1 - 1] != b',' || opens_clause(c.0)) =>
        {
            Some(field)
        }
        _ => None,
    })
}

/// `Nicolas Sarkozy en obtient 52 153`: a bare whole number after `en
/// obtient` counts votes.
fn votes_clitic(text: &[u8], cs: &[(usize, usize, Cue)], f: &Figure) -> bool {
    !f.decimal
        && cs.iter().any(|c| {
            matches!(c.2, Cue::VotesClitic) && c.1 <= f.start && &text[c.1..f.start] == b" "
        })
}

/// The article's place of the level a scope phrase names (`avec 35,4 %
/// dans la circonscription`, `dans le département, la participation`):
/// the last such place named before, else the first named after. A place
/// named after the phrase in the sentence is more precise and wins.
fn scope_of(
    a: &Article,
    items: &[Mention],
    cs: &[(usize, usize, Cue)],
    f: &Figure,
    next_start: usize,
    locatives: &[&Mention],
) -> Option<Where> {
    let (at, level) = cs.iter().rev().find_map(|c| match c.2 {
        Cue::ScopeOf(l) if c.1 <= f.start || (c.0 >= f.end && c.0 < next_start) => Some((c.0, l)),
        _ => None,
    })?;
    if locatives.iter().any(|m| m.start > at && m.end <= f.start) {
        return None;
    }
    let fits = |m: &&Mention| match (m.what, level) {
        (Named::Constituency(..), Level::Constituency) => true,
        (Named::Place(p), _) => {
            use crate::gazetteer::PlaceKind as K;
            matches!(
                (a.places[p as usize].kind, level),
                (K::Departement, Level::Departement)
                    | (K::Region, Level::Region)
                    | (K::Commune | K::FormerCommune, Level::Commune)
            )
        }
        _ => false,
    };
    items
        .iter()
        .rev()
        .filter(|m| m.end <= at)
        .find(fits)
        .or_else(|| items.iter().find(fits))
        .and_then(place_of)
}

/// The one competitor already given this share for this place and round.
fn known_share(
    facts: &[Fact],
    share: f64,
    place: Option<Where>,
    round: Option<u8>,
) -> Option<Competitor> {
    let mut who = facts
        .iter()
        .filter(|o| {
            o.kind == Kind::Result
                && o.place == place
                && o.round == round
                && o.values
                    .iter()
                    .any(|(f, v)| *f == Field::Share && (v - share).abs() < 1e-9)
        })
        .filter_map(|o| o.subject);
    let first = who.next()?;
    who.all(|c| c == first).then_some(first)
}

/// The two sides of `l'écart est de 54 voix`: the two competitors of the
/// sentence, else of the previous one, the one with the larger share for
/// this place and round first. Without both shares there is no telling.
fn gap_sides(
    facts: &[Fact],
    competitors: &[&Mention],
    antecedents: &[Competitor],
    place: Option<Where>,
    round: Option<u8>,
) -> Option<(Competitor, Competitor)> {
    let mut named: Vec<Competitor> = Vec::new();
    for c in competitors.iter().filter_map(|m| competitor(m)) {
        if !named.contains(&c) {
            named.push(c);
        }
    }
    let pair = match (&named[..], antecedents) {
        ([x, y], _) | ([], [x, y]) => (*x, *y),
        _ => return None,
    };
    let share = |c: Competitor| {
        facts
            .iter()
            .rev()
            .filter(|o| o.kind == Kind::Result && o.subject == Some(c))
            .filter(|o| o.place == place && o.round == round)
            .find_map(|o| o.values.iter().find(|(f, _)| *f == Field::Share))
            .map(|(_, v)| *v)
    };
    let (a, b) = (share(pair.0)?, share(pair.1)?);
    if a > b {
        Some(pair)
    } else if b > a {
        Some((pair.1, pair.0))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use crate::patterns::Patterns;
    use crate::{Pipeline, Scratch, read};

    fn pipeline() -> &'static Pipeline {
        static P: OnceLock<Pipeline> = OnceLock::new();
        P.get_or_init(|| Pipeline::new(&Patterns::bundled()).unwrap())
    }

    /// The facts of an article, one line each:
    /// `kind place subject>trailer year round field=value... rule`.
    /// The facts of `text` dated `date` (no date where it is empty).
    fn facts(date: &str, text: &str) -> Vec<String> {
        let a = match date {
            "" => read::from_text("t", text),
            _ => read::from_text("t", &format!(" date {date} {text}")),
        };
        let out = pipeline().process(&a, &mut Scratch::default());
        out.records
            .iter()
            .map(|r| {
                let name = |s: &Option<crate::record::Subject>| {
                    s.as_ref().map_or("-".to_string(), |s| s.name.clone())
                };
                let subject = match r.kind {
                    "margin" => format!("{}>{}", name(&r.leader), name(&r.trailer)),
                    _ => name(&r.subject),
                };
                let values: Vec<String> =
                    r.values.iter().map(|(k, v)| format!("{k}={v}")).collect();
                format!(
                    "{} {} {} {} r{} {}{} {}",
                    r.kind,
                    r.place.as_ref().map_or("-", |p| p.code.as_str()),
                    subject,
                    r.election.year.map_or("-".into(), |y| y.to_string()),
                    r.round.map_or("-".into(), |r| r.to_string()),
                    values.join(","),
                    if r.approx { "~" } else { "" },
                    r.evidence.rule,
                )
            })
            .collect()
    }

    fn has(facts: &[String], want: &str) -> bool {
        facts.iter().any(|f| f.starts_with(want))
    }

    /// One case per rule: an article, facts that must be made, facts that
    /// must not.
    const CASES: &[(&str, &str, &[&str], &[&str])] = &[
        // An article with no date is of the election whose round fell on a
        // date it writes out in full, else of a year written near a word of
        // the election; a date that is no round's tells nothing.
        (
            "",
            "Législatives : les résultats dans la Sarthe\n\nDans la 1re circonscription \
             de la Sarthe, Damien Pichereau est arrivé en tête, dimanche 11 juin 2017, \
             avec 38,52 % des voix.",
            &["result circ:72-01 Damien Pichereau 2017 r1 share=38.52"],
            &[],
        ),
        (
            "",
            "Les résultats\n\nÀ Niort, Emmanuel Macron obtient 32,1 % au premier tour, \
             le dimanche 23 avril 2017.",
            &["result com:79191 Emmanuel Macron 2017 r1 share=32.1"],
            &[],
        ),
        (
            "",
            "Régionales : la gauche en tête\n\nAu premier tour des élections régionales, \
             ce dimanche 6 décembre 2015, Alain Rousset obtient 30,39 % en Nouvelle-Aquitaine.",
            &["result reg:75 Alain Rousset 2015 r1 share=30.39"],
            &[],
        ),
        (
            "",
            "Municipales\n\nSecond tour. Isabelle Assih l'emporte à Quimper \
             dimanche 28 juin 2020 avec 45,26 % des suffrages. À Douarnenez, Jocelyne \
             Poitevin est réélue dès le premier tour avec 53,8 %.",
            &[
                "result com:29232 Isabelle Assih 2020 r2 share=45.26",
                "result com:29046 Jocelyne Poitevin 2020 r1 share=53.8",
            ],
            &[],
        ),
        (
            "",
            "Européennes : le RN en tête\n\nDimanche 9 juin 2024, la liste conduite par \
             Jordan Bardella a recueilli 38,6 % des suffrages en Charente.",
            &["result dep:16 Jordan Bardella 2024 r- share=38.6"],
            &[],
        ),
        // An undated article that gives no year is of the year most of the
        // listed candidates it names stood in.
        (
            "",
            "Présidentielle : les résultats à La Rochelle\n\nEmmanuel Macron arrive en \
             tête à La Rochelle avec 31,2 %. Il devance Jean-Luc Mélenchon (27,8 %). Éric \
             Zemmour obtient 6,3 %, Valérie Pécresse 4,9 %.",
            &["result com:17300 Emmanuel Macron 2022 r- share=31.2"],
            &[],
        ),
        (
            "",
            "Présidentielle : les résultats à La Rochelle\n\nEmmanuel Macron arrive en \
             tête à La Rochelle avec 26,2 %. Il devance Jean-Luc Mélenchon (22,8 %). \
             François Fillon obtient 16,3 %, Benoît Hamon 9,9 %.",
            &["result com:17300 Emmanuel Macron 2017 r- share=26.2"],
            &[],
        ),
        // A sentence going on with the previous one's subject goes on in
        // the round that sentence named, not the article's.
        (
            "",
            "Municipales\n\nSecond tour. Isabelle Assih l'emporte à Quimper dimanche 28 \
             juin 2020 avec 45,26 %. À Douarnenez, Jocelyne Poitevin est réélue dès le \
             premier tour avec 53,8 %. Elle devance François Cadic, qui recueille 46,2 %.",
            &["result com:29046 François Cadic 2020 r1 share=46.2"],
            &["result com:29046 François Cadic 2020 r2"],
        ),
        // A gap said right after the count (`412 voix les séparent`).
        (
            "2024-07-08",
            "Législatives\n\nAu second tour, Jean-Marie Fiévet est réélu à Niort avec 50,8 % \
             face à Marie Dupont, qui obtient 49,2 %. Seules 412 voix les séparent.",
            &["margin com:79191 Jean-Marie Fievet>Marie Dupont 2024 r2 votes=412"],
            &[],
        ),
        // A year beside the election after the first score may be an
        // earlier election's: it does not date the article.
        (
            "",
            "Sondage : le RN en tête\n\nSelon un sondage Ifop, la liste menée par Jordan \
             Bardella recueillerait 32 % des intentions de vote aux européennes. Dans les \
             Deux-Sèvres, aux européennes de 2019, la liste RN avait obtenu 21,4 %.",
            &[
                "poll FR Jordan Bardella - r- share=32",
                "result dep:79 Rassemblement national 2019 r- share=21.4",
            ],
            &["poll FR Jordan Bardella 2019"],
        ),
        // A national scope closing the figure's clause beats the heading's
        // place.
        (
            "2022-04-25",
            "Présidentielle : Le Pen progresse en Charente-Maritime\n\nEmmanuel Macron est \
             réélu avec 58,55 % des voix au niveau national. En Charente-Maritime, il \
             recueille 56,1 %.",
            &[
                "result FR Emmanuel Macron 2022 r2 share=58.55",
                "result dep:17 Emmanuel Macron 2022 r2 share=56.1",
            ],
            &["result dep:17 Emmanuel Macron 2022 r2 share=58.55"],
        ),
        // `élue maire de Quimper avec 45,26 %`: the commune whose mayor the
        // figure elects; a title alone (`l'ancien maire de Bordeaux`) is no
        // place of a figure.
        (
            "2020-06-29",
            "Municipales\n\nAu second tour, Isabelle Assih a été élue maire de \
             Quimper avec 45,26 % des voix.",
            &["result com:29232 Isabelle Assih 2020 r2 share=45.26"],
            &[],
        ),
        // A place carried from the sentence before gives way to another
        // commune the sentence names: no place rather than the wrong one.
        (
            "2020-06-29",
            "Municipales\n\nAu second tour, Isabelle Assih a été élue maire de \
             Quimper avec 45,26 % des voix. Le maire sortant de Niort, Jérôme Baloge, \
             est réélu avec 55 % des voix.",
            &[
                "result com:29232 Isabelle Assih 2020 r2 share=45.26",
                "result - Jérôme Baloge 2020 r2 share=55",
            ],
            &[],
        ),
        // `La candidate` opening a sentence with no name stands for the one
        // named before.
        (
            "2020-06-29",
            "Municipales : Isabelle Assih l'emporte à Quimper\n\nLa candidate de la gauche \
             unie a été élue avec 45,26 % des suffrages.",
            &["result com:29232 Isabelle Assih 2020 r2 share=45.26"],
            &[],
        ),
        // A title opening a sentence stands for the one the article gave
        // it, not for whoever was named last.
        (
            "2020-03-16",
            "Municipales à Niort\n\nLe maire sortant, Jérôme Baloge, est réélu avec \
             52,51 %. La liste de Nicolas Vanneau recueille 29,4 %, celle d'Elsie Colin \
             9,9 %. À Souché, le maire sortant obtient 61,2 %.",
            &["result com:79315 Jérôme Baloge 2020 r1 share=61.2"],
            &["result com:79315 Nicolas Vanneau"],
        ),
        // A commune in a person's name (Cadalen, in the Tarn) does not
        // compete with the département the article is about, so a
        // constituency heading without its département is of that one.
        (
            "2024-07-01",
            "Législatives : les résultats dans le Finistère\n\n2e circonscription\n\
             - Jean-Charles Larsonneur (Ensemble) : 31,2 %\n\
             - Pierre-Yves Cadalen (NFP) : 38,4 %",
            &["result circ:29-02 Pierre-Yves Cadalen 2024 r1 share=38.4"],
            &[],
        ),
        (
            "",
            "Législatives : le point sur la campagne dans la circonscription\n\nLe 3 \
             mars 2016, le conseil a voté. À Niort, Jean Dupont \
             obtient 38,5 % au premier tour.",
            &["result com:79191 Jean Dupont - r1 share=38.5"],
            &[],
        ),
        // The one place of a sentence of figures holds for the rest of its
        // paragraph, not beyond.
        (
            "2015-12-07",
            "Régionales\n\nAu premier tour, Alain Rousset arrive en tête en \
             Aquitaine-Limousin-Poitou-Charentes avec 30,39 %. Virginie Calmels le suit \
             avec 27,20 %.\n\nAu niveau régional, la participation atteint 50,1 %. \
             Jacques Colombier obtient 23,18 %.",
            &[
                "result reg:75 Alain Rousset 2015 r1 share=30.39",
                "result reg:75 Virginie Calmels 2015 r1 share=27.2",
            ],
            &["result reg:75 Jacques Colombier"],
        ),
        // A round no sentence names is the one the article's date falls in:
        // between the rounds, the first; in the weeks after the second, the
        // second; a month holding both rounds says neither.
        (
            "2022-04-25",
            "Présidentielle\n\nÀ Angers, Emmanuel Macron obtient 72,35 %. En 2017, \
             il avait obtenu 76 % à Angers.",
            &[
                "result com:49007 Emmanuel Macron 2022 r2 share=72.35",
                "result com:49007 Emmanuel Macron 2017 r- share=76",
            ],
            &[],
        ),
        (
            "2019-05-27",
            "Européennes\n\nÀ Saint-Quentin, le RN atteint 37,2 %. À Laon, 35,1 %. \
             À Soissons, c'est un autre score : 33 %.",
            &["result com:02408 Rassemblement national 2019 r- share=35.1 elliptical"],
            &["result com:02722 Rassemblement national"],
        ),
        (
            "2021-06-28",
            "Régionales : Alain Rousset réélu en Nouvelle-Aquitaine\n\nLe président \
             sortant socialiste l'emporte avec 39,5 % des voix. À Poitiers, Léonore \
             Moncond'huy salue le score. Le maire sortant Alain Claeys obtient 35,99 %.",
            &[
                "result reg:75 Alain Rousset 2021 r2 share=39.5",
                "result com:86194 Alain Claeys 2021 r2 share=35.99",
            ],
            &["result com:86194 Leonore"],
        ),
        (
            "2024-06-10",
            "Européennes : en Gironde, le RN à 29 %\n\nLe Rassemblement national arrive \
             en tête en Gironde avec 29,1 % des suffrages, devant Renaissance (13,6 %).",
            &[
                "result dep:33 Rassemblement national 2024 r- share=29.0~",
                "result dep:33 Rassemblement national 2024 r- share=29.1 ",
            ],
            &["result dep:33 Rassemblement national 2024 r- share=29.0 "],
        ),
        (
            "2022-06-13",
            "Législatives : à Niort, Guillaume Chiche éliminé\n\nLe député sortant \
             Guillaume Chiche n'a recueilli que 14,2 % des voix dans la 1re circonscription \
             des Deux-Sèvres. À Niort, il obtient 15 % contre 20 % à Parthenay.",
            &[
                "result circ:79-01 Guillaume Chiche 2022 r1 share=14.2",
                "result com:79191 Guillaume Chiche 2022 r1 share=15",
            ],
            &["result com:79191 Guillaume Chiche 2022 r1 share=14.2"],
        ),
        (
            "2020-03-16",
            "Municipales à Parthenay\n\nInscrits, 7 412 ; votants, 3 605.\n\
             Jean-Michel Prieur (DVG), 1 986 voix, 56,77 %. Le maire sortant est réélu \
             avec 474 voix d'avance. Il l'emporte donc avec 474 voix d'écart. À Niort, \
             sur 41 000 inscrits, 20 000 ont voté.",
            &[
                "turnout com:79202 - 2020 r1 registered=7412,voters=3605",
                "result com:79202 Jean-Michel Prieur 2020 r1 share=56.77,votes=1986",
            ],
            &[
                "result com:79202 Jean-Michel Prieur 2020 r1 votes=474",
                "turnout com:79191 - 2020 r1 registered=20000",
            ],
        ),
        (
            "2022-06-20",
            "Législatives : la Nupes rafle trois circonscriptions sur quatre en \
             Haute-Vienne\n\nDans la 3e circonscription de la Haute-Vienne, Manon \
             Meunier (Nupes) bat Geneviève Levy de 1 115 voix.",
            &["margin circ:87-03 Manon Meunier>Geneviève Levy 2022 r2 votes=1115"],
            &["result dep:87", "margin circ:87-03 Nouvelle"],
        ),
        (
            "2020-03-16",
            "Municipales\n\nÀ Melle, la liste de Sylvain Griffault, 52 ans, a obtenu \
             48,6 % des voix.",
            &["result com:79174 Sylvain Griffault 2020 r1 share=48.6"],
            &[],
        ),
        (
            "2020-09-28",
            "Sénatoriales dans les Deux-Sèvres\n\nSur 1 050 grands électeurs inscrits, \
             1 031 ont voté. Au conseil, 25 ont voté pour.",
            &["turnout dep:79 - 2020 r- registered=1050,voters=1031"],
            &["turnout dep:79 - 2020 r- voters=25"],
        ),
        // No election named: the one the candidates named stood in
        // together that year, when there are two of them.
        (
            "2017-05-08",
            "À Brest, Emmanuel Macron a recueilli 78,96 % des voix. Marine Le Pen \
             obtient 21,04 %.",
            &["result com:29019 Emmanuel Macron 2017 r2 share=78.96"],
            &[],
        ),
        (
            "2017-05-08",
            "Scrutin à Brest : Emmanuel Macron a recueilli 78,96 % des voix.",
            &["result com:29019 Emmanuel Macron 2017 r- share=78.96"],
            &[],
        ),
        (
            "2020-03-16",
            "Municipales\n\nÀ Mérignac, Alain Anziani obtient 56,21 %.",
            &["result com:33281 Alain Anziani 2020 r1 share=56.21"],
            &[],
        ),
        (
            "2024-07-01",
            "Législatives\n\nDans la 3e circonscription de la Vienne, Lisa Belluco \
             obtient 36,12 % et affrontera au second tour Sylvie Brunet (33,5 %).",
            &[
                "result circ:86-03 Lisa Belluco 2024 r1 share=36.12",
                "result circ:86-03 Sylvie Brunet 2024 r1 share=33.5",
            ],
            &[],
        ),
        (
            "2017-01",
            "Primaire de la gauche\n\nÀ Niort, Benoît Hamon obtient 38 %.",
            &["result com:79191 Benoît Hamon 2017 r- share=38"],
            &[],
        ),
        (
            "2022-06-13",
            "Législatives\n\nLe second tour opposera dimanche prochain Claire Brunet à \
             Thierry Morisset. Claire Brunet obtient 33,84 %.",
            &["result - Claire Brunet 2022 r1 share=33.84"],
            &[],
        ),
        (
            "2017-06-19",
            "Législatives, second tour.\n\nÀ Poitiers, le taux de participation s'élève \
             à 43,10 %, contre 48,6 % au premier tour.",
            &[
                "turnout com:86194 - 2017 r2 turnout_pct=43.1",
                "turnout com:86194 - 2017 r1 turnout_pct=48.6 turnout-versus",
            ],
            &[],
        ),
        (
            "2017-05-08",
            "Présidentielle, second tour.\n\nDans la Vienne, Emmanuel Macron obtient 60 %. \
             En 2012, au second tour, François Hollande avait obtenu 53,9 % dans la Vienne. \
             Marine Le Pen recueille 40 %, contre 30 % il y a cinq ans.",
            &[
                "result dep:86 François Hollande 2012 r2 share=53.9",
                "result dep:86 Marine Le Pen 2012 r2 share=30",
                "result dep:86 Marine Le Pen 2017 r2 share=40",
            ],
            &["result dep:86 Marine Le Pen 2017 r2 share=30"],
        ),
        (
            "2017-04-24",
            "Présidentielle, premier tour.\n\nÀ Arras, Emmanuel Macron obtient 25,94 %, \
             contre 22,07 % à la candidate frontiste. Marine Le Pen était attendue.",
            &["result com:62041 Marine Le Pen 2017 r1 share=22.07"],
            &["result com:62041 Emmanuel Macron 2017 r1 share=22.07"],
        ),
        (
            "2017-04-24",
            "Présidentielle, premier tour.\n\nÀ Arras, Emmanuel Macron obtient 25,94 %, \
             contre 22,07 % à Marine Le Pen. Il la devance de 780 voix.",
            &["margin com:62041 Emmanuel Macron>Marine Le Pen 2017 r1 votes=780"],
            &[],
        ),
        (
            "2019-05-27",
            "Européennes\n\nDans le Finistère, la liste Renaissance conduite par Nathalie \
             Loiseau recueille 24,83 %. À l'échelle de la Bretagne, la liste Renaissance \
             arrive en tête avec 25,8 %.",
            &["result reg:53 Nathalie Loiseau 2019 r- share=25.8"],
            &[],
        ),
        (
            "2014-05-26",
            "Européennes\n\nDans la Vienne, les Verts et le Parti de gauche unitaire \
             obtiennent respectivement 10,2 % et 6,8 %. Les écologistes et le PS obtiennent \
             respectivement 11 % et 12 %.",
            &[
                "result dep:86 Europe Écologie Les Verts 2014 r- share=11",
                "result dep:86 Parti socialiste 2014 r- share=12",
            ],
            &["result dep:86 Europe Écologie Les Verts 2014 r- share=10.2"],
        ),
        (
            "2022-04-11",
            "Présidentielle, premier tour.\n\nÀ Mauléon comme à Nueil-les-Aubiers, \
             Marine Le Pen et Emmanuel Macron obtiennent 30 % chacun.",
            &[
                "result com:79079 Marine Le Pen",
                "result com:79195 Marine Le Pen",
                "result com:79195 Emmanuel Macron",
            ],
            &[],
        ),
        (
            "2020-06-29",
            "Municipales, second tour.\n\nÀ Poitiers, Alain Claeys obtient 35 %. Au bureau \
             de l'école Jean-Macé, Alain Claeys l'emporte avec 58,6 %.",
            &["result name:ecole-jean-mace Alain Claeys 2020 r2 share=58.6"],
            &["result com:86194 Alain Claeys 2020 r2 share=58.6"],
        ),
        (
            "2024-06-24",
            "Législatives : selon un sondage Ifop, le RN est crédité de 35 % des intentions \
             de vote.\n\nEn 2022, la Nupes avait obtenu 26,2 % dans la Vienne.",
            &[
                "poll FR Rassemblement national 2024",
                "result dep:86 Nouvelle Union",
            ],
            &["poll dep:86"],
        ),
        (
            "2020-06-29",
            "Municipales, second tour.\n\nÀ Bressuire, Hélène Favreau bat Jacques Boutet \
             avec 54,1 % des suffrages exprimés. La liste conduite par la maire sortante \
             recueille 3 102 voix, soit 54,1 %.",
            &[
                "result com:79049 Hélène Favreau 2020 r2 share=54.1 winner-with",
                "result com:79049 Hélène Favreau 2020 r2 votes=3102",
            ],
            &[
                "result com:79049 Jacques Boutet",
                "result com:79049 Hélène Favreau 2020 r2 share=54.1 same-share",
            ],
        ),
        (
            // A subject no list holds leaves its figure unlinked rather
            // than given to the competitor of the next figure.
            "2017-04-24",
            "Présidentielle, premier tour.\n\nA Niort, Dupuis-Aignan obtient 4 % des \
             voix et Emmanuel Macron 30 %.",
            &["result com:79191 Emmanuel Macron 2017 r1 share=30"],
            &["result com:79191 Emmanuel Macron 2017 r1 share=4"],
        ),
        (
            // The competitor after a figure is its own when a clause, not
            // a figure, follows it.
            "2017-01-23",
            "Primaire de la gauche, premier tour.\n\nA Niort, avec 38 %, Benoît Hamon \
             arrive en tête, 32 % pour Manuel Valls.",
            &[
                "result com:79191 Benoît Hamon 2017 r1 share=38",
                "result com:79191 Manuel Valls 2017 r1 share=32",
            ],
            &[],
        ),
        (
            "2024-06-10",
            "Européennes\n\nÀ Niort, Valérie Hayer devance Jordan Bardella : 21,2 % \
             contre 20,8 %.",
            &[
                "result com:79191 Valérie Hayer 2024 r- share=21.2 duel-shares",
                "result com:79191 Jordan Bardella 2024 r- share=20.8 duel-shares",
            ],
            &[],
        ),
        (
            // A place that opens a paragraph holds for it; the next starts
            // again from the headline's.
            "2022-04-11",
            "Présidentielle : les résultats dans la Vienne\n\nEmmanuel Macron arrive en tête \
             avec 30 %.\n\nÀ Poitiers, Emmanuel Macron obtient 35 %. Il devance Marine Le Pen \
             (20 %).\n\nLa participation est de 76,5 %.",
            &[
                "result com:86194 Emmanuel Macron 2022 r1 share=35",
                "result com:86194 Marine Le Pen 2022 r1 share=20",
                "turnout dep:86 - 2022 r1 turnout_pct=76.5",
            ],
            &["turnout com:86194"],
        ),
        (
            "2022-04-11",
            "Présidentielle, premier tour.\n\nA Niort, Marine Le Pen obtient 20 %. Selon \
             Jean Dupont, adjoint aux finances, la dette a baissé de 2,6 %.",
            &["result com:79191 Marine Le Pen 2022 r1 share=20"],
            &["result com:79191 Jean Dupont"],
        ),
        (
            // A comparison with the first round dates the article's
            // results to the second; one looking ahead, to the first.
            "2022-06-20",
            "Législatives\n\nÀ Melle, Delphine Batho a été réélue dimanche avec 54,32 % \
             des voix. Elle améliore son score de 6 points par rapport au premier tour.",
            &["result com:79174 Delphine Batho 2022 r2 share=54.32"],
            &[],
        ),
        (
            "2020-03-16",
            "Municipales\n\nÀ Melle, Jean Dupont arrive en tête avec 40 %. Au second tour, \
             qui devrait avoir lieu le 22 mars, il pourrait bénéficier du report des voix \
             de Marc Durand, qui a obtenu 8,3 %.",
            &["result com:79174 Marc Durand 2020 r1 share=8.3"],
            &[],
        ),
        (
            // One competitor, one exact share per place and round in a
            // sentence: the other side is no one named.
            "2021-06-28",
            "Départementales\n\nÀ Melle, le binôme formé par Jean Dupont et Marie Durand \
             l'emporte avec 56,3 % face au binôme de gauche (43,7 %). À Niort, Marie Durand \
             dépasse les 35 % : 35,61 %.",
            &[
                "result com:79174 Marie Durand 2021 r2 share=56.3",
                "result com:79191 Marie Durand 2021 r2 share=35.61",
            ],
            &["result com:79174 Marie Durand 2021 r- share=43.7"],
        ),
        (
            "2017-04-24",
            "Présidentielle : les résultats à Niort\n\nInscrits : 36 512\n\
             Votants : 28 101 (76,96 %)\nExprimés : 27 455\n",
            &["turnout com:79191 - 2017 r1 turnout_pct=76.96,voters=28101"],
            &[],
        ),
        (
            // Lines labelled by communes, then a paragraph on the last one:
            // the first commune of a list is not the article's place.
            "2022-04-25",
            "Présidentielle, second tour : les résultats\n\nMelle : Emmanuel Macron 58,4 %, \
             Marine Le Pen 41,6 %.\nChiché : Marine Le Pen 51,3 %, Emmanuel Macron 48,7 %.\n\n\
             Dans cette commune, l'abstention a atteint 27,5 %.",
            &[
                "result com:79088 Marine Le Pen 2022 r2 share=51.3",
                "turnout com:79088 - 2022 r2 abstention_pct=27.5",
            ],
            &[],
        ),
        (
            "2024-07-08",
            "Législatives, second tour.\n\nÀ Melle, la participation a progressé de 2,1 \
             points par rapport au premier tour pour atteindre 71,3 %.",
            &["turnout com:79174 - 2024 r2 turnout_pct=71.3"],
            &[],
        ),
        (
            "2020-03-16",
            "Municipales, premier tour.\n\nÀ Niort, Jean Dupont (LR) et Marie Durand \
             (EELV) sont à égalité : 34,56 % pour le premier, 34,38 % pour la seconde.",
            &[
                "result com:79191 Jean Dupont 2020 r1 share=34.56 former-latter",
                "result com:79191 Marie Durand 2020 r1 share=34.38 former-latter",
            ],
            &[],
        ),
        (
            // `Le Pen` alone: the Le Pen of the article's election.
            "2017-04-24",
            "Présidentielle, premier tour.\n\nA Niort, Emmanuel Macron obtient 30 % \
             et Le Pen 21 %.",
            &["result com:79191 Marine Le Pen 2017 r1 share=21"],
            &["result com:79191 Emmanuel Macron 2017 r1 share=21"],
        ),
    ];

    /// The cue scan gives the matches `AhoCorasick::find_iter` gives, less
    /// those that are not whole words: a longer phrase that ends inside a
    /// word hides the shorter one at its start, and a phrase found inside a
    /// word hides what it overlaps.
    #[test]
    fn cue_scan_keeps_the_whole_words_of_a_leftmost_longest_search() {
        use aho_corasick::{AhoCorasick, MatchKind};

        use crate::fold::is_word_byte;
        let phrases = [
            "tour",
            "premier tour",
            "second tour",
            "avant le second tour",
            "elu",
            "elus",
            "us au",
            "ecart",
        ];
        let tsv: String = phrases.iter().map(|p| format!("{p}\tpoll\t-\n")).collect();
        let cues = super::Cues::parse(&tsv, "", "", "", "").unwrap();
        let reference = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(phrases)
            .unwrap();
        for text in [
            "",
            "tour",
            "au premier tour, il est elu",
            "avant le second tour",
            "les elus au second tour",
            "reelus au tour",
            "tous au tour",
            "retour",
            "elux",
            "ecarts, l'ecart",
        ] {
            let b = text.as_bytes();
            let want: Vec<(usize, usize)> = reference
                .find_iter(text)
                .filter(|m| {
                    (m.start() == 0 || !is_word_byte(b[m.start() - 1]))
                        && b.get(m.end()).is_none_or(|c| !is_word_byte(*c))
                })
                .map(|m| (m.start(), m.end()))
                .collect();
            let got: Vec<(usize, usize)> = cues.find(text).iter().map(|c| (c.0, c.1)).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    /// The facts of a competitor and place come out in order, and again
    /// after the index is rebuilt.
    #[test]
    fn fact_index_chains_the_facts_of_a_key_in_order() {
        use super::{Competitor, Election, Fact, FactIndex, Kind, Where};
        let fact = |who: u32, place: Option<Where>| Fact {
            kind: Kind::Result,
            place,
            area: None,
            subject: Some(Competitor::Person(who)),
            trailer: None,
            values: Vec::new(),
            approx: false,
            round: None,
            election: Election {
                kind: None,
                year: None,
            },
            sentence: 0,
            rule: "",
            seen: Vec::new(),
            rank: None,
            status: None,
            warnings: Vec::new(),
        };
        let national = Some(Where::National);
        // Two facts of an earlier article come first in the output.
        let mut out = vec![fact(9, None), fact(9, None)];
        for (who, place) in [
            (1, national),
            (2, national),
            (1, national),
            (1, None),
            (1, national),
        ] {
            out.push(fact(who, place));
        }
        let mut index = FactIndex::new(2, 1);
        for k in 2..out.len() {
            index.add(&out, k);
        }
        let of = |index: &FactIndex, who, place| -> Vec<usize> {
            index.candidates(&fact(who, place)).collect()
        };
        assert_eq!(of(&index, 1, national), [2, 4, 6]);
        assert_eq!(of(&index, 1, None), [5]);
        assert_eq!(of(&index, 9, None), [0usize; 0]);
        out.remove(3);
        index.rebuild(&out);
        assert_eq!(of(&index, 1, national), [2, 3, 5]);
        assert_eq!(of(&index, 2, national), [0usize; 0]);
    }

    #[test]
    fn sentences_with_a_cue_are_found_by_their_cues() {
        use super::{Cue, sentences_with};
        let spans = [(0, 10), (12, 20), (20, 30), (40, 50)];
        let found = [
            (1, 2, Cue::Poll),
            (3, 4, Cue::Round(1)),
            (5, 6, Cue::Round(2)),
            // Between two sentences: in none.
            (10, 11, Cue::Round(1)),
            (13, 14, Cue::Past),
            (15, 16, Cue::Round(2)),
            (22, 23, Cue::Poll),
            (41, 42, Cue::Round(1)),
            // After the last sentence.
            (55, 56, Cue::Round(1)),
        ];
        let rounds: Vec<_> =
            sentences_with(&spans, &found, |c| matches!(c, Cue::Round(_))).collect();
        assert_eq!(
            rounds,
            [((0, 10), 0..3), ((12, 20), 4..6), ((40, 50), 7..8)]
        );
        let polls: Vec<_> = sentences_with(&spans, &found, |c| matches!(c, Cue::Poll)).collect();
        assert_eq!(polls, [((0, 10), 0..3), ((20, 30), 6..7)]);
        assert_eq!(
            sentences_with(&spans, &found, |c| matches!(c, Cue::Ahead)).count(),
            0
        );
    }

    #[test]
    fn round_dates_must_be_days_in_order() {
        for bad in [
            "municipales\t2020-06-28\t2020-03-15\n",
            "x\t2020-3-1\t2020-03-08\n",
            "x\tab\tc\n",
            "europeennes\t2024-6-9\n",
            "europeennes\n",
            "x\t2020-03-15\t2020-03-22\t2020-03-29\n",
        ] {
            assert!(super::Cues::parse("", "", bad, "", "").is_err(), "{bad:?}");
        }
        for good in [
            "municipales\t2020-03-15\t2020-06-28\n",
            "europeennes\t2024-06-09\n",
        ] {
            assert!(super::Cues::parse("", "", good, "", "").is_ok(), "{good:?}");
        }
    }

    #[test]
    fn linking_rules() {
        let mut missing = Vec::new();
        for (date, text, wanted, refused) in CASES {
            let f = facts(date, text);
            for want in *wanted {
                if !has(&f, want) {
                    missing.push(format!("{date} {want:?} in {f:?}"));
                }
            }
            for refuse in *refused {
                assert!(!has(&f, refuse), "unwanted {refuse:?} in {f:?}");
            }
        }
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }

    #[test]
    fn records_carry_rank_warnings_and_every_sighting() {
        let text = " date 2022-04-11 Deux-Sèvres : Macron en tête avec près de 30 %\n\n\
            Dans les Deux-Sèvres, Emmanuel Macron arrive en tête du premier tour avec 29,12 %. Marine Le Pen, \
            deuxième, obtient 73,46 %. Jean Lassalle, éliminé, recueille 3,95 %. Emmanuel \
            Macron devance Marine Le Pen de 10 points.";
        let a = read::from_text("t", text);
        let out = pipeline().process(&a, &mut Scratch::default());
        let find = |name: &str| {
            out.records
                .iter()
                .find(|r| r.subject.as_ref().is_some_and(|s| s.name == name))
                .unwrap_or_else(|| panic!("{name}: {:?}", out.records))
        };
        let macron = find("Emmanuel Macron");
        assert_eq!(macron.rank, Some(1));
        assert!(!macron.approx, "the exact figure wins");
        assert_eq!(macron.other_evidence.len(), 1, "the headline is a sighting");
        assert!(macron.warnings.contains(&"shares-over-100"));
        assert_eq!(find("Marine Le Pen").rank, Some(2));
        assert_eq!(find("Jean Lassalle").status, Some("eliminated"));
        let margin = out.records.iter().find(|r| r.kind == "margin").unwrap();
        assert_eq!(margin.warnings, ["margin-contradicts-scores"]);
    }
}
