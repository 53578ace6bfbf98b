//! Linking: figures attached to competitors, places, rounds and elections.
//!
//! Works sentence by sentence over the outputs of the earlier stages, with a
//! little state carried through the article: the place a heading or a
//! sentence-initial `En X`, `Dans la X`, `A X` sets holds until another takes
//! over. The vocabulary (election words, round phrases, turnout, margin,
//! poll and comparison cues) is data, in `patterns/cues.tsv`.
//!
//! Each rule is named; the name travels with the fact as `evidence.rule` so a
//! user can audit or filter what was made and why.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::fold::{Folded, is_word_byte};
use crate::gazetteer::{Mention, Mentions, Named};
use crate::numbers::{Figure, Unit, data_lines};
use crate::segment::Sentence;

/// What a cue phrase says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Election(&'static str),
    Round(u8),
    ScopeNational,
    ScopeNone,
    Turnout(Field),
    Voters,
    Margin,
    Change,
    Earlier,
    Poll,
    Respectively,
}

/// The cue phrases of `patterns/cues.tsv`, compiled once.
#[derive(Debug, Clone)]
pub struct Cues {
    automaton: AhoCorasick,
    cues: Vec<Cue>,
}

impl Cues {
    /// Parses `cues.tsv`.
    pub fn parse(text: &str) -> Result<Cues, String> {
        let mut phrases = Vec::new();
        let mut cues = Vec::new();
        for (n, line) in data_lines(text) {
            let c: Vec<&str> = line.split('\t').collect();
            let [phrase, category, value] = c[..] else {
                return Err(format!("cues.tsv:{n}: expected 3 tab-separated columns"));
            };
            let cue = match (category, value) {
                ("election", v) => Cue::Election(Box::leak(v.to_string().into_boxed_str())),
                ("round", "1") => Cue::Round(1),
                ("round", "2") => Cue::Round(2),
                ("scope", "FR") => Cue::ScopeNational,
                ("scope", "none") => Cue::ScopeNone,
                ("turnout", f) => Cue::Turnout(
                    Field::from_name(f)
                        .ok_or(format!("cues.tsv:{n}: unknown turnout field {f:?}"))?,
                ),
                ("voters", _) => Cue::Voters,
                ("margin", _) => Cue::Margin,
                ("change", _) => Cue::Change,
                ("earlier", _) => Cue::Earlier,
                ("poll", _) => Cue::Poll,
                ("respectively", _) => Cue::Respectively,
                _ => return Err(format!("cues.tsv:{n}: unknown cue {category:?} {value:?}")),
            };
            phrases.push(phrase.to_string());
            cues.push(cue);
        }
        // A full DFA: a hundred-odd short phrases make a small table, and it
        // scans every byte of every article.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&phrases)
            .map_err(|e| format!("cue automaton: {e}"))?;
        Ok(Cues { automaton, cues })
    }

    fn find(&self, text: &str) -> Vec<(usize, usize, Cue)> {
        let b = text.as_bytes();
        self.automaton
            .find_iter(text)
            .filter(|m| {
                (m.start() == 0 || !is_word_byte(b[m.start() - 1]))
                    && b.get(m.end()).is_none_or(|c| !is_word_byte(*c))
            })
            .map(|m| (m.start(), m.end(), self.cues[m.pattern().as_usize()]))
            .collect()
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Competitor {
    /// Index into [`Mentions::people`].
    Person(u32),
    /// Index into [`Gazetteer::parties`].
    Party(u32),
}

/// Where a fact holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    /// The whole country.
    National,
    /// Index into [`Gazetteer::places`].
    Place(u32),
    /// A legislative constituency: the département's index and the number.
    Constituency(u32, u8),
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
}

/// Everything the linker reads about one article.
pub struct Article<'a> {
    /// Original text.
    pub text: &'a str,
    /// Its folded form.
    pub folded: &'a Folded,
    /// Sentences.
    pub sentences: &'a [Sentence],
    /// Names found.
    pub mentions: &'a Mentions,
    /// Figures found.
    pub figures: &'a [Figure],
    /// Year of the article's date, if any.
    pub date_year: Option<u16>,
}

/// Links the figures of one article into facts.
pub fn link(a: &Article, cues: &Cues, out: &mut Vec<Fact>) {
    let text = a.folded.text.as_str();
    let bytes = text.as_bytes();
    let found = cues.find(text);
    let election = election_of(a, &found);
    let article_round = article_round(&found);
    let poll_cues = found.iter().filter(|c| c.2 == Cue::Poll).count();
    let first_poll = found.iter().find(|c| c.2 == Cue::Poll).map(|c| c.0);
    let poll_article = poll_cues >= 2
        && first_poll.is_some_and(|at| {
            a.sentences
                .iter()
                .take(3)
                .any(|s| a.folded.folded_at(s.end) > at)
        });

    let mut context: Option<Where> = None;
    let (mut mi, mut fi, mut ci) = (0, 0, 0);
    let first_fact = out.len();
    for (si, s) in a.sentences.iter().enumerate() {
        let (fs, fe) = (a.folded.folded_at(s.start), a.folded.folded_at(s.end));
        let ms = take_range(&a.mentions.items, &mut mi, fs, fe, |m| m.start);
        let figs = take_range(a.figures, &mut fi, fs, fe, |f| f.start);
        let cs = take_range(&found, &mut ci, fs, fe, |c| c.0);

        // Places: a locative place at the start sets the context.
        let leading = leading_place(bytes, fs, ms);
        let national_start = cs
            .iter()
            .any(|c| c.2 == Cue::ScopeNational && words_between(bytes, fs, c.0) <= 2);
        let locatives: Vec<&Mention> = ms
            .iter()
            .filter(|m| is_place(m) && is_locative(bytes, fs, m))
            .collect();
        let distinct = {
            let mut codes: Vec<Named> = locatives.iter().map(|m| m.what).collect();
            codes.dedup();
            codes.len()
        };
        if let Some(p) = leading {
            context = if distinct > 1 { None } else { Some(p) };
        } else if national_start {
            context = Some(Where::National);
        } else if s.heading {
            let places: Vec<&Mention> = ms.iter().filter(|m| is_place(m)).collect();
            if let [m] = places[..] {
                context = place_of(m);
            }
        }
        if figs.is_empty() {
            continue;
        }
        let round = cs.iter().find_map(|c| match c.2 {
            Cue::Round(r) => Some(r),
            _ => None,
        });
        let round = round.or(article_round);
        let poll = poll_article || cs.iter().any(|c| c.2 == Cue::Poll);
        let respectively = cs.iter().any(|c| c.2 == Cue::Respectively);
        let competitors: Vec<&Mention> = ms.iter().filter(|m| !is_place(m)).collect();

        let mut prev_end = fs;
        let mut prev_subject: Option<Competitor> = None;
        let mut share_index = 0;
        for (k, f) in figs.iter().enumerate() {
            let window = (prev_end, f.start);
            prev_end = f.end;
            let next_start = figs.get(k + 1).map_or(fe, |n| n.start);
            // A figure placed nowhere in an article on a nationwide election
            // (`Macron 28 %` in a national poll) holds for the whole country.
            let place = place_for(f, &locatives, cs, context).or_else(|| {
                election
                    .kind
                    .is_some_and(is_nationwide)
                    .then_some(Where::National)
            });
            let mut fact = Fact {
                kind: Kind::Result,
                place,
                subject: None,
                trailer: None,
                values: Vec::new(),
                approx: f.approx,
                round,
                election,
                sentence: si,
                rule: "",
            };
            // A figure of another election: `contre 28 % en 2012`.
            match year_after(bytes, f, figs.get(k + 1), next_start, cs) {
                Some(Some(y)) => fact.election.year = Some(y),
                Some(None) => continue,
                None => {}
            }
            if change_before(bytes, cs, f) || (f.signed && f.unit == Unit::Points) {
                continue;
            }
            match f.unit {
                Unit::Percent | Unit::Number => {
                    if f.unit == Unit::Number
                        && !(f.decimal
                            && f.value <= 100.0
                            && glued_to_competitor(bytes, &competitors, f))
                    {
                        continue;
                    }
                    if let Some(field) = turnout_field(bytes, cs, window, f) {
                        fact.kind = Kind::Turnout;
                        fact.values.push((field, f.value));
                        fact.rule = "turnout-cue";
                        fact.round = round;
                    } else {
                        let found = if respectively {
                            respective(&competitors, figs, share_index).map(|c| (c, "respectively"))
                        } else {
                            None
                        };
                        let Some((who, rule)) = found.or_else(|| {
                            subject_for(
                                bytes,
                                &competitors,
                                f,
                                window,
                                next_start,
                                prev_subject,
                                fe,
                            )
                        }) else {
                            continue;
                        };
                        share_index += 1;
                        prev_subject = Some(who);
                        fact.kind = if poll { Kind::Poll } else { Kind::Result };
                        fact.subject = Some(who);
                        fact.values.push((Field::Share, f.value));
                        fact.rule = rule;
                    }
                }
                Unit::Points | Unit::Count => {
                    let margin = cs.iter().find(|c| c.2 == Cue::Margin && c.1 <= f.start);
                    let votes = f.unit == Unit::Count && f.cue == Some("votes");
                    if let (Some(cue), true) = (margin, f.unit == Unit::Points || votes) {
                        let leader = competitors.iter().rev().find(|m| m.end <= cue.0);
                        let trailer = competitors
                            .iter()
                            .find(|m| m.start >= cue.1 && m.end <= f.start)
                            .or_else(|| {
                                competitors.iter().find(|m| {
                                    m.start >= f.end && bytes[f.end..m.start].ends_with(b"sur ")
                                })
                            });
                        let (Some(l), Some(t)) = (leader, trailer) else {
                            continue;
                        };
                        fact.kind = Kind::Margin;
                        fact.subject = competitor(l);
                        fact.trailer = competitor(t);
                        let field = if votes { Field::Votes } else { Field::Points };
                        fact.values.push((field, f.value));
                        fact.rule = "margin-verb";
                    } else if f.unit == Unit::Count {
                        let field = match f.cue {
                            Some("voters") => Field::Voters,
                            Some("registered") => Field::Registered,
                            Some("expressed") => Field::Expressed,
                            Some("persons" | "electors")
                                if cs.iter().any(|c| c.2 == Cue::Voters) =>
                            {
                                Field::Voters
                            }
                            Some("votes") => Field::Votes,
                            _ => continue,
                        };
                        if field == Field::Votes {
                            let Some((who, rule)) = subject_for(
                                bytes,
                                &competitors,
                                f,
                                window,
                                next_start,
                                prev_subject,
                                fe,
                            ) else {
                                continue;
                            };
                            prev_subject = Some(who);
                            fact.kind = if poll { Kind::Poll } else { Kind::Result };
                            fact.subject = Some(who);
                            fact.rule = rule;
                        } else {
                            fact.kind = Kind::Turnout;
                            fact.rule = "turnout-count";
                        }
                        fact.values.push((field, f.value));
                    } else {
                        continue;
                    }
                }
                Unit::Ordinal | Unit::Year => continue,
            }
            push_fact(out, first_fact, fact);
        }
    }
}

/// Adds a fact unless the article already has the same one; figures of one
/// competitor in one sentence (`1 234 voix, soit 45,2 %`) share a record.
fn push_fact(out: &mut Vec<Fact>, first: usize, fact: Fact) {
    let same_key = |o: &Fact| {
        o.kind == fact.kind
            && o.place == fact.place
            && o.subject == fact.subject
            && o.trailer == fact.trailer
            && o.round == fact.round
            && o.election == fact.election
            && o.approx == fact.approx
    };
    if out[first..]
        .iter()
        .any(|o| same_key(o) && o.values == fact.values)
    {
        return;
    }
    if let Some(o) = out[first..].iter_mut().rev().find(|o| {
        same_key(o)
            && o.sentence == fact.sentence
            && fact
                .values
                .iter()
                .all(|(f, _)| o.values.iter().all(|(g, _)| g != f))
    }) {
        o.values.extend(fact.values);
        return;
    }
    out.push(fact);
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

fn words_between(text: &[u8], from: usize, to: usize) -> usize {
    text[from..to.max(from)]
        .split(|b| !is_word_byte(*b))
        .filter(|w| !w.is_empty())
        .count()
}

const LOCATIVES: [&[u8]; 11] = [
    b"a ",
    b"en ",
    b"dans le ",
    b"dans la ",
    b"dans les ",
    b"dans l'",
    b"au ",
    b"aux ",
    b"sur la commune de ",
    b"pour ",
    b"a l'",
];

/// Whether a place is named as where something happens (`à X`, `en X`,
/// `dans la X`), or opens the sentence (`X : ...`, `X, ...`).
fn is_locative(text: &[u8], sentence_start: usize, m: &Mention) -> bool {
    if m.start == sentence_start
        || text[sentence_start..m.start]
            .iter()
            .all(|b| !is_word_byte(*b))
    {
        return true;
    }
    let before = &text[sentence_start..m.start];
    LOCATIVES.iter().any(|p| {
        before.ends_with(p)
            && before
                .len()
                .checked_sub(p.len() + 1)
                .is_none_or(|k| !is_word_byte(before[k]))
    })
}

/// The place that opens a sentence: `En Deux Sèvres, ...`, `Vienne : ...`,
/// `A Poitiers, ...`, `Dans la Vienne là aussi, ...`.
fn leading_place(text: &[u8], fs: usize, ms: &[Mention]) -> Option<Where> {
    let m = ms.iter().find(|m| is_place(m))?;
    (words_between(text, fs, m.start) <= 3 && is_locative(text, fs, m))
        .then(|| place_of(m))
        .flatten()
}

/// Where a figure holds: a locative place before it in the sentence, a
/// national scope cue, the carried context, or a locative place after it.
fn place_for(
    f: &Figure,
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
        (Some(m), Some(c)) if c.0 > m.start && c.2 == Cue::ScopeNational => {
            return Some(Where::National);
        }
        (Some(m), _) => return place_of(m),
        (None, Some(c)) if c.2 == Cue::ScopeNational => return Some(Where::National),
        _ => {}
    }
    context.or_else(|| {
        locatives
            .iter()
            .find(|m| m.start >= f.end)
            .and_then(|m| place_of(m))
    })
}

/// `Some(Some(year))` when the figure belongs to the election of that year
/// (`contre 28 % en 2012`), `Some(None)` when it belongs to an earlier one
/// not named (`il y a cinq ans`), `None` when it is this election's.
fn year_after(
    text: &[u8],
    f: &Figure,
    next: Option<&Figure>,
    next_start: usize,
    cs: &[(usize, usize, Cue)],
) -> Option<Option<u16>> {
    let limit = next_start.min(f.end + 40);
    if cs
        .iter()
        .any(|c| c.2 == Cue::Earlier && c.0 >= f.end && c.0 < limit)
    {
        return Some(None);
    }
    let y = next.filter(|n| n.unit == Unit::Year && n.start < f.end + 12)?;
    let between = &text[f.end..y.start];
    let ok = between.ends_with(b"en ")
        || between.ends_with(b"(")
        || between.ends_with(b"de ")
        || between.ends_with(b"qu'en ");
    ok.then_some(Some(y.value as u16))
}

fn change_before(text: &[u8], cs: &[(usize, usize, Cue)], f: &Figure) -> bool {
    cs.iter().any(|c| {
        c.2 == Cue::Change
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
    [after, before]
        .into_iter()
        .flatten()
        .find_map(|c| match c.2 {
            Cue::Turnout(field) => Some(field),
            _ => None,
        })
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

/// The competitor a share or a count belongs to, and the rule that says so.
fn subject_for(
    text: &[u8],
    competitors: &[&Mention],
    f: &Figure,
    window: (usize, usize),
    next_start: usize,
    prev: Option<Competitor>,
    sentence_end: usize,
) -> Option<(Competitor, &'static str)> {
    // `32,3 % à Manuel Valls`, `12 % pour X`.
    if let Some(m) = competitors.iter().find(|m| m.start >= f.end) {
        let gap = &text[f.end..m.start];
        let gap = strip_prefix_any(
            gap,
            &[
                b" des voix",
                b" des suffrages",
                b" des exprimes",
                b" des suffrages exprimes",
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
    let in_window = |m: &&&Mention| m.start >= window.0 && m.end <= window.1;
    let person = competitors
        .iter()
        .rev()
        .filter(in_window)
        .find(|m| matches!(m.what, Named::Person(_)));
    if let Some(m) = person.or_else(|| competitors.iter().rev().find(in_window)) {
        return competitor(m).map(|c| (c, "competitor-then-figure"));
    }
    if let Some(p) = prev {
        return Some((p, "same-competitor"));
    }
    if let Some(m) = competitors
        .iter()
        .find(|m| m.start >= f.end && m.start < next_start.min(sentence_end))
    {
        return competitor(m).map(|c| (c, "figure-then-competitor"));
    }
    None
}

fn strip_prefix_any<'t>(s: &'t [u8], prefixes: &[&[u8]]) -> &'t [u8] {
    prefixes
        .iter()
        .find_map(|p| s.strip_prefix(*p))
        .unwrap_or(s)
}

/// `X et Y obtiennent respectivement 12 % et 9 %`: the n-th share of the
/// sentence goes to the n-th competitor named before the first figure.
fn respective(competitors: &[&Mention], figs: &[Figure], index: usize) -> Option<Competitor> {
    let first = figs.first()?.start;
    competitors
        .iter()
        .filter(|m| m.end <= first)
        .nth(index)
        .and_then(|m| competitor(m))
}

/// The election of the article: the most frequent election word, and the
/// year of the article's date (or of a year written next to that word).
fn election_of(a: &Article, found: &[(usize, usize, Cue)]) -> Election {
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
    let kind = counts.first().map(|c| c.0);
    let year = a.date_year.or_else(|| {
        let at = counts.first()?.2;
        a.figures
            .iter()
            .find(|f| f.unit == Unit::Year && f.start >= at && f.start < at + 40)
            .map(|f| f.value as u16)
    });
    Election { kind, year }
}

/// Elections held in one nationwide constituency (the `election` values of
/// `patterns/cues.tsv`).
fn is_nationwide(kind: &str) -> bool {
    matches!(
        kind,
        "presidentielle" | "primaire" | "europeennes" | "referendum"
    )
}

/// The round most of the article's round phrases point to.
fn article_round(found: &[(usize, usize, Cue)]) -> Option<u8> {
    let mut votes = [0usize; 3];
    let mut first = None;
    for (_, _, cue) in found {
        if let Cue::Round(r) = cue {
            votes[*r as usize] += 1;
            first.get_or_insert(*r);
        }
    }
    match votes[1].cmp(&votes[2]) {
        std::cmp::Ordering::Greater => Some(1),
        std::cmp::Ordering::Less => Some(2),
        std::cmp::Ordering::Equal => first,
    }
}
