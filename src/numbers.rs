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
//! Numbers written in words (`patterns/number_words.tsv`) are read by one
//! small state machine over the folded words, long scale (`un billion` is
//! 10^12), Belgian and Swiss tens (`septante`), digit groups among words
//! (`1 million 101 mille 180`) and spoken decimals (`cinq virgule cinq`).
//! Shares said in words (`deux tiers`, `la moitié`, `un électeur sur deux`)
//! are per cent figures. In press copy ([`Reading::Press`]) a number word
//! below seven standing alone is an article or a plain word (`un électeur`,
//! `deux candidats`) unless a unit follows or other numbers stand beside it.
//! No text is built per figure: digits are summed into an integer mantissa.
//! The scan visits only the starts of words, found 64 bytes at a time, and
//! most words are turned away by their first two bytes and their length,
//! looked at for a whole block with no branch per word; a word that may be
//! a number costs one hash into a table kept three quarters empty, so the
//! word that is no number nearly always stops at an empty slot.
//!
//! Invariant: figures are in text order, do not overlap, and their spans are
//! folded-text offsets on word, digit or unit boundaries (a leading comma for
//! `,08`).

use crate::fold::{Folded, LANE, is_word_byte, lane_masks};

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Per cent (`38 %`, `38 pour cent`, `deux tiers`, `la moitié`).
    Percent,
    /// Percentage points (`5 points`).
    Points,
    /// A count of something (`307 voix`, `9 046 personnes`).
    Count,
    /// An ordinal (`2e`, `1er`, `vingtième`).
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
    /// The value, scaled (`1,56 million` is 1 560 000), without its sign.
    pub value: f64,
    /// The unit.
    pub unit: Unit,
    /// What a count counts (`votes`, `voters`...), from `patterns/units.tsv`.
    pub cue: Option<&'static str>,
    /// Preceded by `plus de`, `près de`... (`patterns/approx.txt`), or a
    /// share said in words (`deux tiers`, `la moitié`).
    pub approx: bool,
    /// Written with a decimal part.
    pub decimal: bool,
    /// An explicit sign (`+3,2 points`, `- 4 pts`, `moins 4 points`).
    pub signed: bool,
    /// The explicit sign is a minus.
    pub negative: bool,
    /// A share said in words or as a ratio (`deux tiers`, `un cinquième`,
    /// `un sur trois`): a part of a whole, given in per cent.
    pub share: bool,
    /// Zeros said before the number, as in a dictated phone number (`zero
    /// neuf` is 09).
    pub zeros: u8,
}

/// Which numbers written in words count as figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Press copy: a small number word standing alone (`un`, `deux`) is an
    /// article or a plain word unless a unit follows or other numbers stand
    /// beside it (`un, deux, trois`); `neuf` after a noun is an adjective.
    Press,
    /// Every number, however small or alone.
    Every,
}

/// The word lists the number reader uses, compiled once.
#[derive(Debug, Default, Clone)]
pub struct NumberWords {
    /// Unit phrases by first byte, longest first, with their [`head8`].
    units: Vec<(String, UnitWord, u64)>,
    /// The range of `units` that starts with each byte.
    unit_ranges: Vec<(u16, u16)>,
    /// Approximation phrases.
    approx: Suffixes,
    /// Unit phrases said before the number (`pourcentage de vingt`).
    before: Vec<(Suffix, Unit)>,
    /// Number words.
    lexicon: Lexicon,
    /// The words that may open a figure or a link: most words are turned
    /// away by this one look.
    openings: Openings,
    /// The first two bytes of the unit phrases that need no glue (a phrase
    /// of one byte, any second): most words after a number are no unit.
    unit_openings: Pairs,
}

/// A set of pairs of bytes, one byte each: a bit each would take a
/// fourth of the room, and twice the instructions per look.
#[derive(Debug, Clone)]
struct Pairs(Box<[bool; 1 << 16]>);

impl Default for Pairs {
    fn default() -> Pairs {
        Pairs(Box::new([false; 1 << 16]))
    }
}

/// The words that may open a figure or a link (digits, a number word,
/// `http`, `www.`), by their first two bytes and their length.
#[derive(Debug, Clone)]
struct Openings {
    /// For each first byte, its row of `lengths` (row 0 opens nothing).
    rows: Box<[u8; 256]>,
    /// By row and second byte, one bit per length of word that may open;
    /// bit 31 stands for the longer words and for those whose end is not
    /// yet known, so it is set in every row and column that opens at all.
    lengths: Box<[[u32; 256]; 32]>,
}

impl Default for Openings {
    fn default() -> Openings {
        Openings {
            rows: Box::new([0; 256]),
            lengths: Box::new([[0; 256]; 32]),
        }
    }
}

impl Openings {
    const LONG: u32 = 31;

    fn new(lexicon: &Lexicon) -> Openings {
        let mut out = Openings::default();
        // Digits share row 1, which opens with any length; each letter
        // has a row of its own.
        out.lengths[1] = [u32::MAX; 256];
        for a in b'0'..=b'9' {
            out.rows[usize::from(a)] = 1;
        }
        for a in b'a'..=b'z' {
            out.rows[usize::from(a)] = a - b'a' + 2;
        }
        // Words that open no figure (`et`, the months) are left out: the
        // reader would turn them away, after a lookup.
        for (w, _) in lexicon.entries.iter().filter(|(_, l)| l.word.opens()) {
            // A letter alone (`l'`, `a`) is no number word.
            if let [a @ b'a'..=b'z', b, ..] = **w
                && is_word_byte(b)
            {
                let len = (w.len() as u32).min(Self::LONG);
                out.lengths[usize::from(out.rows[usize::from(a)])][usize::from(b)] |=
                    1 << len | 1 << Self::LONG;
            }
        }
        for [a, b] in [*b"ht", *b"ww"] {
            out.lengths[usize::from(out.rows[usize::from(a)])][usize::from(b)] = u32::MAX;
        }
        out
    }

    /// Whether a word of `len` bytes ([`Openings::LONG`] when longer or
    /// not yet ended) that starts with `a` then `b` may open a figure or
    /// a link, as 1 or 0.
    #[inline(always)]
    fn bit(&self, a: u8, b: u8, len: u32) -> u64 {
        let row = usize::from(self.rows[usize::from(a)] & 31);
        u64::from(self.lengths[row][usize::from(b)] >> len & 1)
    }
}

impl Pairs {
    fn insert(&mut self, a: u8, b: u8) {
        self.0[usize::from(u16::from_le_bytes([a, b]))] = true;
    }

    /// Whether `text` starts with a pair of the set (a byte before the end
    /// pairs with zero).
    #[inline(always)]
    fn starts(&self, text: &[u8]) -> bool {
        let b = text.get(1).copied().unwrap_or(0);
        self.0[usize::from(u16::from_le_bytes([text[0], b]))]
    }
}

#[derive(Debug, Clone, Copy)]
enum UnitWord {
    Unit(Unit, Option<&'static str>),
    /// A multiplier; `true` when it must be glued to the digits (`3M`).
    Scale(f64, bool),
    /// A quantity noun, a multiplier said roughly (`une centaine`).
    About(f64),
}

impl UnitWord {
    /// Whether the phrase is a unit only glued to the digits (`2e`, `3M`).
    fn glued_only(&self) -> bool {
        matches!(
            self,
            UnitWord::Unit(Unit::Ordinal, _) | UnitWord::Scale(_, true)
        )
    }
}

/// A unit and what a count counts.
type UnitAndCue = (Unit, Option<&'static str>);

/// Below this, a number word standing alone is read as a plain word.
const LONE_WORD_MIN: f64 = 7.0;

impl NumberWords {
    /// Parses `units.tsv`, `approx.txt` and `number_words.tsv` (see the
    /// comments in those files).
    pub fn parse(units: &str, approx: &str, number_words: &str) -> Result<NumberWords, String> {
        let mut out = NumberWords {
            lexicon: Lexicon::parse(number_words)?,
            ..NumberWords::default()
        };
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
                "percent" if cue == Some("before") => {
                    out.before
                        .push((Suffix::new(format!("{phrase} ")), Unit::Percent));
                    continue;
                }
                "percent" => UnitWord::Unit(Unit::Percent, None),
                "points" => UnitWord::Unit(Unit::Points, None),
                "count" => UnitWord::Unit(Unit::Count, cue),
                "ordinal" => UnitWord::Unit(Unit::Ordinal, None),
                s if s.starts_with("scale:") && cue == Some("about") => UnitWord::About(
                    s[6..]
                        .parse()
                        .map_err(|_| format!("units.tsv:{n}: bad scale {s:?}"))?,
                ),
                s if s.starts_with("scale:") => UnitWord::Scale(
                    s[6..]
                        .parse()
                        .map_err(|_| format!("units.tsv:{n}: bad scale {s:?}"))?,
                    cue == Some("glued"),
                ),
                other => return Err(format!("units.tsv:{n}: unknown unit {other:?}")),
            };
            let head = head8(phrase.as_bytes());
            out.units.push((phrase, word, head));
        }
        out.units
            .sort_by_key(|(p, ..)| (p.as_bytes().first().copied(), std::cmp::Reverse(p.len())));
        out.unit_ranges = vec![(0, 0); 256];
        for (i, (p, ..)) in out.units.iter().enumerate() {
            let b = usize::from(*p.as_bytes().first().ok_or("units.tsv: an empty phrase")?);
            let i = u16::try_from(i).map_err(|_| "units.tsv: too many phrases")?;
            let r = &mut out.unit_ranges[b];
            *r = if r.1 == 0 { (i, i + 1) } else { (r.0, i + 1) };
        }
        out.approx = Suffixes::new(data_lines(approx).map(|(_, l)| Suffix::new(l)));
        out.openings = Openings::new(&out.lexicon);
        for (p, ..) in out.units.iter().filter(|(_, w, _)| !w.glued_only()) {
            match *p.as_bytes() {
                [a] => (0..=u8::MAX).for_each(|b| out.unit_openings.insert(a, b)),
                [a, b, ..] => out.unit_openings.insert(a, b),
                [] => {}
            }
        }
        Ok(out)
    }

    /// The unit phrase at `at`, where it ends and what it says; `glued`
    /// when no space parts it from the number.
    ///
    /// Inlined: most words after a number are turned away by the first
    /// two looks, which then cost no call.
    #[inline(always)]
    fn unit_at(&self, text: &[u8], at: usize, glued: bool) -> Option<(usize, UnitWord)> {
        let (from, to) = self.unit_ranges[usize::from(*text.get(at)?)];
        if from == to || !glued && !self.unit_openings.starts(&text[at..]) {
            return None;
        }
        self.unit_among(text, at, glued, usize::from(from)..usize::from(to))
    }

    /// [`NumberWords::unit_at`] among the phrases of `range`.
    #[inline(never)]
    fn unit_among(
        &self,
        text: &[u8],
        at: usize,
        glued: bool,
        range: std::ops::Range<usize>,
    ) -> Option<(usize, UnitWord)> {
        // Eight bytes at once: one comparison turns away nearly every
        // phrase, and decides most of those that match.
        let text8 = match text.get(at..at + 8) {
            Some(chunk) => u64::from_le_bytes(chunk.try_into().expect("eight bytes")),
            None => head8(&text[at..]),
        };
        for (phrase, word, head) in &self.units[range] {
            let p = phrase.as_bytes();
            let mask = u64::MAX >> (8 * (8 - p.len().min(8)));
            if text8 & mask != *head {
                continue;
            }
            let end = at + p.len();
            if end > text.len()
                || (word.glued_only() && !glued)
                || (p.len() > 8 && !same_bytes(&text[at + 8..end], &p[8..]))
            {
                continue;
            }
            let word_ends = p.last().is_some_and(|b| !is_word_byte(*b))
                || text.get(end).is_none_or(|b| !is_word_byte(*b));
            if word_ends {
                return Some((end, *word));
            }
        }
        None
    }

    /// Where a unit phrase said before the number at `at` starts, and its
    /// unit.
    fn unit_before(&self, text: &[u8], at: usize) -> Option<(usize, Unit)> {
        let before = &text[..at];
        let key = tail_key(before);
        self.before.iter().find_map(|(p, u)| {
            let s = before.len().checked_sub(p.bytes.len())?;
            (p.ends(before, key) && (s == 0 || !is_word_byte(before[s - 1]))).then_some((s, *u))
        })
    }

    fn approx_before(&self, text: &[u8], at: usize) -> bool {
        let glued = &text[..at];
        let before = trim_spaces_end(glued);
        if before.is_empty() {
            return false;
        }
        // `plus d'` is glued to the figure; the others end a word.
        let elided = |phrase: &Suffix| phrase.bytes.last() == Some(&b'\'');
        (glued.last() == Some(&b'\'') && self.approx.any_ending(glued, elided))
            || self.approx.any_ending(before, |p| !elided(p))
    }

    /// The unit after a number ending at `i`, where the figure ends, and
    /// whether a quantity noun makes it approximate.
    #[inline(always)]
    fn unit_after(
        &self,
        text: &[u8],
        i: usize,
        mut value: f64,
    ) -> (f64, usize, Option<UnitAndCue>, bool) {
        let glued = text.get(i).is_some_and(|b| !b.is_ascii_whitespace());
        let at = next_word(text, i);
        let unit = self.unit_at(text, at, glued);
        let about = matches!(unit, Some((_, UnitWord::About(_))));
        let (value, end, unit) = match unit {
            Some((e, UnitWord::Scale(s, _) | UnitWord::About(s))) => {
                value *= s;
                // `1,56 million d'electeurs`: the count word may follow.
                let k = next_word(text, e);
                let k = if text[k..].starts_with(b"de ") {
                    k + 3
                } else if text[k..].starts_with(b"d'") {
                    k + 2
                } else {
                    k
                };
                match self.unit_at(text, k, false) {
                    Some((e2, UnitWord::Unit(u, cue))) => (value, e2, Some((u, cue))),
                    _ => (value, e, Some((Unit::Count, None))),
                }
            }
            Some((e, UnitWord::Unit(u, cue))) => (value, e, Some((u, cue))),
            None => (value, i, None),
        };
        (value, end, unit, about)
    }
}

/// A phrase looked for at the end of a text.
#[derive(Debug, Clone)]
struct Suffix {
    bytes: Box<[u8]>,
    /// [`tail_key`] of the phrase, and the bits of a text's key it fixes:
    /// one comparison turns away nearly every text.
    key: u32,
    mask: u32,
}

/// The last four bytes of a text (fewer if it is shorter), packed.
fn tail_key(text: &[u8]) -> u32 {
    match text.last_chunk::<4>() {
        Some(tail) => u32::from_be_bytes(*tail),
        None => text.iter().fold(0, |k, b| (k << 8) | u32::from(*b)),
    }
}

impl Suffix {
    fn new(phrase: impl AsRef<[u8]>) -> Suffix {
        let bytes: Box<[u8]> = phrase.as_ref().into();
        let mask = match bytes.len() {
            n @ 0..4 => (1u32 << (8 * n)) - 1,
            _ => u32::MAX,
        };
        Suffix {
            key: tail_key(&bytes),
            mask,
            bytes,
        }
    }

    /// Whether `text`, whose [`tail_key`] is `key`, ends with the phrase.
    fn ends(&self, text: &[u8], key: u32) -> bool {
        key & self.mask == self.key
            && text
                .len()
                .checked_sub(self.bytes.len())
                .is_some_and(|s| same_bytes(&text[s..], &self.bytes))
    }
}

/// Phrases looked for at the end of a text, sorted by [`tail_key`], so that
/// a text is compared only with the few phrases that end as it does.
#[derive(Debug, Default, Clone)]
struct Suffixes {
    /// The phrases of four bytes or more, by key.
    keyed: Vec<Suffix>,
    /// One bit per [`key_bit`] of `keyed`: most texts end as no phrase
    /// does, and one bit turns them away before the search.
    bits: [u64; 16],
    /// The shorter ones, which a key does not single out.
    short: Vec<Suffix>,
}

/// A key's bit in [`Suffixes::bits`].
fn key_bit(key: u32) -> (usize, u64) {
    let h = key.wrapping_mul(0x9E37_79B1) >> 22;
    ((h >> 6) as usize, 1 << (h & 63))
}

impl Suffixes {
    fn new(phrases: impl Iterator<Item = Suffix>) -> Suffixes {
        let (mut keyed, short): (Vec<Suffix>, _) = phrases.partition(|p| p.mask == u32::MAX);
        keyed.sort_by_key(|p| p.key);
        let mut bits = [0; 16];
        for p in &keyed {
            let (word, bit) = key_bit(p.key);
            bits[word] |= bit;
        }
        Suffixes { keyed, bits, short }
    }

    /// Whether `text` ends with one of the phrases that `keep` accepts, as
    /// a word (no letter just before).
    fn any_ending(&self, text: &[u8], keep: impl Fn(&Suffix) -> bool) -> bool {
        let key = tail_key(text);
        let ends = |p: &Suffix| {
            keep(p)
                && p.ends(text, key)
                && text
                    .len()
                    .checked_sub(p.bytes.len() + 1)
                    .is_none_or(|i| !is_word_byte(text[i]))
        };
        let (word, bit) = key_bit(key);
        if self.bits[word] & bit != 0 {
            let from = self.keyed.partition_point(|p| p.key < key);
            for p in self.keyed[from..].iter().take_while(|p| p.key == key) {
                if ends(p) {
                    return true;
                }
            }
        }
        self.short.iter().any(ends)
    }
}

/// The first eight bytes of `bytes` as one integer, little end first (zeros
/// past the end).
fn head8(bytes: &[u8]) -> u64 {
    let mut head = [0; 8];
    let n = bytes.len().min(8);
    head[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(head)
}

/// Lines of a data file that are not blank or `#` comments, numbered from 1.
pub(crate) fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Byte by byte: for the few bytes of a word, a library call costs more.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

fn trim_spaces_end(s: &[u8]) -> &[u8] {
    let n = s.iter().rev().take_while(|b| **b == b' ').count();
    &s[..s.len() - n]
}

/// Finds every figure of an article, appending them to `out`.
pub fn find_into(original: &str, folded: &Folded, words: &NumberWords, out: &mut Vec<Figure>) {
    find_with(original, folded, words, Reading::Press, out);
}

/// Finds the figures of a text under a given reading, appending them to `out`.
pub fn find_with(
    original: &str,
    folded: &Folded,
    words: &NumberWords,
    reading: Reading,
    out: &mut Vec<Figure>,
) {
    let first = out.len();
    let text = folded.text.as_bytes();
    let source = Source {
        text,
        original: original.as_bytes(),
        folded,
        reading,
    };
    scan(&source, words, out);
    // Folding turns hyphens into spaces, so signs are read from the original.
    for fig in &mut out[first..] {
        let sign = sign_possible(text, fig.start).then(|| {
            let before =
                original[..folded.orig(fig.start)].trim_end_matches([' ', '\u{00A0}', '\u{202F}']);
            let mut rev = before.chars().rev();
            let sign = rev.next();
            let alone = rev.next().is_none_or(|c| !c.is_alphanumeric());
            sign.filter(|_| alone)
        });
        if let Some(Some(c @ ('+' | '-' | '−' | '–'))) = sign {
            fig.signed = true;
            fig.negative = c != '+';
        } else if minus_word_before(text, &words.lexicon, fig.start) && !fig.approx {
            fig.signed = true;
            fig.negative = true;
        }
    }
}

/// Whether the folded text before `at` may hide a printed sign, which
/// folding keeps (`+3`) or turns into a space (`- 4`, `(-4)`): not when one
/// space parts the figure from a word, a digit or a comma, as nearly
/// always, so that the original is seldom looked at (a minus glued to a
/// comma, `,-4`, is not read).
fn sign_possible(text: &[u8], at: usize) -> bool {
    let run = text[..at].iter().rev().take_while(|b| **b == b' ').count();
    match (text[..at - run].last(), run) {
        (None, run) => run > 0,
        (Some(&p), 0) => p == b'+' || !p.is_ascii(),
        (Some(&p), 1) => matches!(p, b'(' | b'[' | b'\n' | b'/') || !p.is_ascii(),
        _ => true,
    }
}

/// `moins 4 points`, `negatif un`, but not `huit moins quatre` (a
/// difference).
fn minus_word_before(text: &[u8], lex: &Lexicon, at: usize) -> bool {
    // Nearly every figure follows no minus word, which the tail says.
    if !lex.minus.any_ending(trim_spaces_end(&text[..at]), |_| true) {
        return false;
    }
    let (s, e) = word_before(text, at);
    if e == at || lex.get(&text[s..e]).is_none_or(|l| l.word != Word::Minus) {
        return false;
    }
    let (ps, pe) = word_before(text, s);
    let prev = &text[ps..pe];
    !(prev.last().is_some_and(u8::is_ascii_digit) || lex.get(prev).is_some())
}

/// The span of the word that ends before the spaces preceding `at`.
fn word_before(text: &[u8], at: usize) -> (usize, usize) {
    let e = trim_spaces_end(&text[..at]).len();
    (
        e - text[..e]
            .iter()
            .rev()
            .take_while(|b| is_word_byte(**b))
            .count(),
        e,
    )
}

/// Finds every figure of an article.
pub fn find(original: &str, words: &NumberWords) -> Vec<Figure> {
    find_read(original, words, Reading::Press)
}

/// Finds every figure of a text, small lone number words included.
pub fn find_every(original: &str, words: &NumberWords) -> Vec<Figure> {
    find_read(original, words, Reading::Every)
}

fn find_read(original: &str, words: &NumberWords, reading: Reading) -> Vec<Figure> {
    let mut out = Vec::new();
    find_with(original, &Folded::new(original), words, reading, &mut out);
    out
}

/// A small number word kept aside until a neighbour says it is a number.
#[derive(Debug, Default)]
struct Lone {
    held: Option<Figure>,
    /// End of the last number word and whether it was an ordinal, for runs
    /// (`un, deux, trois`).
    last_end: Option<(usize, bool)>,
}

/// The folded text, with the original for what folding loses (hyphens).
struct Source<'a> {
    text: &'a [u8],
    original: &'a [u8],
    folded: &'a Folded,
    reading: Reading,
}

impl Source<'_> {
    /// Whether the folded space at `k` was a hyphen or a minus sign.
    fn hyphen(&self, k: usize) -> bool {
        self.text.get(k) == Some(&b' ')
            && self.original.get(self.folded.orig(k)..).is_some_and(|o| {
                o.starts_with(b"-")
                    || o.starts_with("\u{2212}".as_bytes())
                    || o.starts_with("\u{2013}".as_bytes())
            })
    }
}

/// Reads the figures of the text in order. Only word starts can start a
/// figure, so digits glued to letters (`covid19`, `a4`) are none; a
/// leading comma (`,08`) is looked for before digits. `i` is where reading
/// resumes: the words before it belong to a figure, a link or a token
/// already turned away.
fn scan(src: &Source, words: &NumberWords, out: &mut Vec<Figure>) {
    let (text, reading) = (src.text, src.reading);
    let lex = &words.lexicon;
    let mut lone = Lone::default();
    let mut i = 0;
    let mut starts = WordStarts::new(text, &words.openings);
    while let Some(s) = starts.next() {
        if s < i {
            continue;
        }
        let b = text[s];
        if b.is_ascii_lowercase() {
            if (b == b'h' || b == b'w')
                && (text[s..].starts_with(b"http") || text[s..].starts_with(b"www."))
            {
                // A link: its digits and per cent escapes are no figures.
                i = s + text[s..]
                    .iter()
                    .take_while(|c| !c.is_ascii_whitespace())
                    .count();
                continue;
            }
            let e = starts.end(s);
            let Some(l) = lex.get_in(text, s, e) else {
                continue;
            };
            if !l.word.opens() || pronoun_or_idiom(text, s, e) {
                continue;
            }
            match read_word_figure(text, s, words, l, reading) {
                // `vingt-un`, `Deux-Sevres`: a hyphenated word that is no
                // number as a whole is no number in part.
                Some((fig, _))
                    if (reading == Reading::Every
                        || !lone_word(&fig)
                        || number_word_at(text, lex, fig.end + 1))
                        && compound_goes_on(src, fig.end) =>
                {
                    i = fig.end;
                    while compound_goes_on(src, i) {
                        i = word_end(text, i + 1);
                    }
                }
                Some((fig, single)) => {
                    i = fig.end.max(s + 1);
                    keep_word_figure(text, lex, reading, fig, single, &mut lone, out);
                }
                None => i = e,
            }
        } else if b.is_ascii_digit() {
            let leading_comma =
                s > i && text[s - 1] == b',' && (s == 1 || matches!(text[s - 2], b' ' | b'-'));
            let at = s - usize::from(leading_comma);
            match read_figure(src, at, words) {
                Ok(fig) => {
                    i = fig.end.max(at + 1);
                    starts.skip_to(i);
                    lone.held = None;
                    lone.last_end = None;
                    out.push(fig);
                }
                Err(skip_to) => i = skip_to.max(skip_token(text, at)),
            }
        }
        // A word led by a capital or a letter beyond ASCII starts nothing.
    }
}

/// The offsets where words start (a word byte after none or at the start)
/// that may open a figure or a link, found 64 bytes at a time: the scan
/// visits those words only, and where the next one starts never waits on
/// how the one before was read. Each block's starts are sorted with no
/// branch per word, since whether a word opens is as good as random.
struct WordStarts<'a> {
    text: &'a [u8],
    openings: &'a Openings,
    /// Offset of the next block to look at.
    next: usize,
    /// The word bytes of the block before `next`, one bit a byte.
    words: u64,
    /// The starts not yet visited of that block that may open.
    opens: u64,
}

impl WordStarts<'_> {
    fn new<'a>(text: &'a [u8], openings: &'a Openings) -> WordStarts<'a> {
        WordStarts {
            text,
            openings,
            next: 0,
            words: 0,
            opens: 0,
        }
    }

    /// Gives no start of the current block before `to`, which lies at or
    /// past the start last given: a figure's digits (`1 234`, `45,26`)
    /// start words of their own, and the reader's turning them away one by
    /// one is as hard to foresee as the figures. (The starts of later
    /// blocks are still the reader's to turn away.)
    #[inline(always)]
    fn skip_to(&mut self, to: usize) {
        let n = to + 64 - self.next;
        self.opens &= if n < 64 { u64::MAX << n } else { 0 };
    }

    /// The end of the word that starts at `s`, the start last given: the
    /// block says it unless the word runs past it.
    fn end(&self, s: usize) -> usize {
        let k = s + 64 - self.next;
        let run = (!(self.words >> k)).trailing_zeros() as usize;
        if k + run < 64 {
            s + run
        } else {
            word_end(self.text, self.next)
        }
    }

    /// The starts that may open of the block at `at`, given with the byte
    /// after it (zeros past the end of the text), and its word bytes.
    fn block_opens(&self, at: usize, block: &[u8; 65]) -> (u64, u64) {
        let words = word_mask(block[..64].try_into().expect("64 bytes"));
        let inside = at > 0 && is_word_byte(self.text[at - 1]);
        let mut starts = words & !((words << 1) | u64::from(inside));
        let mut opens = 0;
        while starts != 0 {
            let k = starts.trailing_zeros() as usize & 63;
            starts &= starts - 1;
            // A word that reaches the end of the block may go on: it finds
            // no end, so it counts as long. The bit set caps the length.
            let len = ((!words) >> k | 1 << Openings::LONG).trailing_zeros();
            opens |= self.openings.bit(block[k], block[k + 1], len) << k;
        }
        (words, opens)
    }
}

impl Iterator for WordStarts<'_> {
    type Item = usize;

    #[inline(always)]
    fn next(&mut self) -> Option<usize> {
        while self.opens == 0 {
            let at = self.next;
            let rest = self.text.get(at..).filter(|r| !r.is_empty())?;
            let block = match rest.first_chunk::<65>() {
                Some(block) => *block,
                None => {
                    // Zeros past the end are no word bytes.
                    let mut block = [0; 65];
                    block[..rest.len()].copy_from_slice(rest);
                    block
                }
            };
            (self.words, self.opens) = self.block_opens(at, &block);
            self.next = at + 64;
        }
        let k = self.opens.trailing_zeros() as usize;
        self.opens &= self.opens - 1;
        Some(self.next - 64 + k)
    }
}

/// One bit per byte of `block` that [`is_word_byte`] accepts, sixteen
/// bytes at a time ([`lane_masks`]).
fn word_mask(block: &[u8; 64]) -> u64 {
    let mut mask = 0;
    for (k, lane) in block.as_chunks::<LANE>().0.iter().enumerate() {
        mask |= u64::from(lane_masks(lane).word) << (LANE * k);
    }
    mask
}

/// A small number word that press copy reads as a plain word when it
/// stands alone (see [`Reading::Press`]); it needs no further look unless
/// a number word follows.
fn lone_word(fig: &Figure) -> bool {
    matches!(fig.unit, Unit::Number | Unit::Ordinal)
        && !fig.decimal
        && fig.zeros == 0
        && fig.value < LONE_WORD_MIN
}

fn number_word_at(text: &[u8], lex: &Lexicon, at: usize) -> bool {
    at < text.len() && lex.get_in(text, at, word_end(text, at)).is_some()
}

/// Whether a hyphen at `at` joins the word before to a word after.
fn compound_goes_on(src: &Source, at: usize) -> bool {
    src.hyphen(at) && src.text.get(at + 1).is_some_and(|b| is_word_byte(*b))
}

/// `l'un`, `l'une` (pronouns) and `un peu` are no numbers.
fn pronoun_or_idiom(text: &[u8], at: usize, end: usize) -> bool {
    let w = &text[at..end];
    (w == b"un" || w == b"une")
        && (text[..at].ends_with(b"l'")
            || text[end..].starts_with(b" peu") && word_end(text, end + 1) == end + 4)
}

/// Decides whether a number written in words is a figure (see [`Reading`]).
fn keep_word_figure(
    text: &[u8],
    lex: &Lexicon,
    reading: Reading,
    fig: Figure,
    single: bool,
    lone: &mut Lone,
    out: &mut Vec<Figure>,
) {
    // A run holds numbers of one kind: `cinq cent premiers` is 500, then a word.
    let ordinal = fig.unit == Unit::Ordinal;
    let joined = lone.last_end.is_some_and(|(e, o)| {
        o == ordinal && e <= fig.start && only_separators(text, e, fig.start, lex)
    });
    lone.last_end = Some((fig.end, ordinal));
    if joined && let Some(h) = lone.held.take() {
        out.push(h);
    }
    if reading == Reading::Press && !joined && lone_word(&fig) {
        lone.held = Some(fig);
        return;
    }
    lone.held = None;
    if reading == Reading::Press
        && single
        && fig.unit == Unit::Number
        && neuf_adjective(text, lex, &fig)
    {
        return;
    }
    out.push(fig);
}

/// Whether `text[a..b]` holds only spaces, commas and filler words.
fn only_separators(text: &[u8], a: usize, b: usize, lex: &Lexicon) -> bool {
    let mut p = a;
    while p < b {
        match text[p] {
            b' ' | b',' | b';' | b':' => p += 1,
            _ => {
                let e = p + text[p..b]
                    .iter()
                    .take_while(|c| is_word_byte(**c) || **c == b'\'')
                    .count();
                if e == p || !lex.is_filler(&text[p..e]) {
                    return false;
                }
                p = e;
            }
        }
    }
    true
}

/// `un logement neuf`: `neuf` after a noun that follows a determiner.
fn neuf_adjective(text: &[u8], lex: &Lexicon, fig: &Figure) -> bool {
    if &text[fig.start..fig.end] != b"neuf" {
        return false;
    }
    let mut words = [&b""[..]; 3];
    let mut p = fig.start;
    for w in &mut words {
        let e = trim_spaces_end(&text[..p]).len();
        let s = e - text[..e]
            .iter()
            .rev()
            .take_while(|c| is_word_byte(**c) || **c == b'\'')
            .count();
        if s == e {
            break;
        }
        *w = &text[s..e];
        p = s;
    }
    let next = next_word(text, fig.end);
    let next_is_number = lex.get(&text[next..word_end(text, next)]).is_some();
    words[0] != b"numero"
        && lex.get(words[0]).is_none()
        && !next_is_number
        && (lex.is_determiner(words[1]) || lex.is_determiner(words[2]))
}

/// Reads a figure that starts with a number word.
fn read_word_figure(
    text: &[u8],
    start: usize,
    words: &NumberWords,
    first: Lex,
    reading: Reading,
) -> Option<(Figure, bool)> {
    let lex = &words.lexicon;
    if first.word == Word::Half {
        // `la moitie`, `une moitie`: half of something, said alone.
        let end = word_end(text, start);
        let begin = ["la ", "une "]
            .iter()
            .find(|d| text[..start].ends_with(d.as_bytes()))
            .map_or(start, |d| start - d.len());
        let mut half = figure(words, text, begin, end, 50.0, Unit::Percent, None, false);
        half.approx = true;
        half.share = true;
        return Some((half, false));
    }
    if first.word == Word::Digit(0)
        && !first.ordinal
        && let Some(fig) = zero_led(text, start, words)
    {
        return Some((fig, false));
    }
    if let Word::Fraction(d) = first.word {
        // `demi million`, `quart de million`.
        let (end, scaled) = scaled_fraction(text, lex, word_end(text, start), 1.0, d)?;
        return Some((
            figure(words, text, start, end, scaled, Unit::Number, None, false),
            false,
        ));
    }
    if let Some(fig) = digit_word_alone(text, start, words, first) {
        return Some((fig, true));
    }
    let mut n = lex.read(text, start)?;
    let share = plural_share(text, words, start, &n, reading)
        .or_else(|| share_after(text, words, &n, reading));
    if let Some((end, share)) = share {
        let unit = if share.1 { Unit::Number } else { Unit::Percent };
        let mut fig = figure(words, text, start, end, share.0, unit, None, false);
        // `deux tiers des voix` rounds what a count would give exactly.
        fig.approx |= unit == Unit::Percent;
        fig.share = unit == Unit::Percent;
        return Some((fig, false));
    }
    if let Some(e) = n.scale {
        and_a_part(text, lex, e, &mut n);
    } else if !n.ordinal && !n.decimal {
        and_a_share(text, words, &mut n, reading);
    }
    let mut about = false;
    let (unit, cue, value, end) = if n.ordinal {
        (Unit::Ordinal, None, n.value, n.end)
    } else {
        let (value, end, unit, a) = words.unit_after(text, n.end, n.value);
        about = a;
        match unit {
            Some((u, c)) => (u, c, value, end),
            None if !n.decimal
                && n.value.fract() == 0.0
                && (1800.0..=2100.0).contains(&n.value) =>
            {
                (Unit::Year, None, n.value, n.end)
            }
            // `deux millions`: a count of something, as `2 millions`.
            None if n.scale.is_some() => (Unit::Count, None, n.value, n.end),
            None => (Unit::Number, None, n.value, n.end),
        }
    };
    let mut fig = figure(words, text, start, end, value, unit, cue, n.decimal);
    fig.decimal = n.decimal;
    fig.approx |= about;
    Some((fig, n.single && unit == Unit::Number))
}

/// `un candidat`, `deux fois`: a digit word before a plain word is that
/// number alone, found without the whole reading; most digit words of
/// press copy are articles (`un`, `une`), and this is what they cost.
fn digit_word_alone(text: &[u8], start: usize, words: &NumberWords, first: Lex) -> Option<Figure> {
    let Word::Digit(d @ 1..) = first.word else {
        return None;
    };
    let e = word_end(text, start);
    let p = next_word(text, e);
    let q = word_end(text, p);
    // The plain word neither goes on with the number (a number word,
    // digits, `et`), nor counts it (a unit), nor makes it a share (`un
    // electeur sur deux`).
    let plain = !first.ordinal
        && p > e
        && text.get(p).is_some_and(u8::is_ascii_lowercase)
        && words.lexicon.get_in(text, p, q).is_none()
        && !text[p..].starts_with(b"et ")
        && &text[p..q] != b"sur"
        && !text[next_word(text, q)..].starts_with(b"sur ")
        && words.unit_at(text, p, false).is_none();
    plain.then(|| {
        figure(
            words,
            text,
            start,
            e,
            f64::from(d),
            Unit::Number,
            None,
            false,
        )
    })
}

/// `zero neuf`, `zero quatre vingt dix`: digits said one group at a time
/// keep their leading zeros.
fn zero_led(text: &[u8], start: usize, words: &NumberWords) -> Option<Figure> {
    let lex = &words.lexicon;
    let mut zeros = 1u8;
    let mut p = word_end(text, start);
    loop {
        let q = next_word(text, p);
        let e = word_end(text, q);
        if q == p {
            return None;
        }
        let l = lex.get_in(text, q, e)?;
        if l.word == Word::Digit(0) && !l.ordinal {
            zeros = zeros.saturating_add(1);
            p = e;
            continue;
        }
        if !matches!(l.word, Word::Digit(_) | Word::Teen(_) | Word::Tens(_)) {
            return None;
        }
        let n = lex
            .read(text, q)
            .filter(|n| !n.ordinal && !n.decimal && n.value < 100.0)?;
        let mut fig = figure(
            words,
            text,
            start,
            n.end,
            n.value,
            Unit::Number,
            None,
            false,
        );
        fig.zeros = zeros;
        return Some(fig);
    }
}

/// A share said in words: `deux tiers`, `un quart`, `un electeur sur deux`,
/// `1 sur 3`; its value in per cent and where it ends.
fn share_after(
    text: &[u8],
    words: &NumberWords,
    n: &WordNumber,
    reading: Reading,
) -> Option<(usize, (f64, bool))> {
    if n.ordinal || n.decimal || n.value == 0.0 {
        return None;
    }
    let lex = &words.lexicon;
    let p = next_word(text, n.end);
    let q = word_end(text, p);
    if p == n.end || q == p {
        return None;
    }
    if let Some(Lex {
        word: Word::Fraction(d),
        ..
    }) = lex.get(&text[p..q])
    {
        // `deux tiers de million` is a number, `deux tiers` a share.
        if let Some((end, v)) = scaled_fraction(text, lex, q, n.value, d) {
            return Some((end, (v, true)));
        }
        return (n.value < f64::from(d)).then(|| (q, (n.value * 100.0 / f64::from(d), false)));
    }
    // `un cinquieme des voix`, `trois vingt-cinquiemes`: a rank after a
    // number is a part of a whole, unless a noun follows (`un deuxieme tour`).
    if let Some(den) = lex.read(text, p).filter(|m| m.ordinal && m.value >= 3.0)
        && part_ends(text, lex, den.end, reading)
    {
        return Some((den.end, (n.value * 100.0 / den.value, false)));
    }
    // `un electeur sur deux`: at most one word between, never a unit.
    let (sur, middle) = if &text[p..q] == b"sur" {
        (p, false)
    } else {
        let s = next_word(text, q);
        (s, true)
    };
    if !text[sur..].starts_with(b"sur ") {
        return None;
    }
    if middle && lex.get(&text[p..q]).is_some() {
        return None;
    }
    // The word between counts voters or votes (`un electeur sur deux`, `une
    // voix sur trois`); `trois circonscriptions sur quatre` is a tally.
    let counts_voters = matches!(
        words.unit_at(text, p, false),
        Some((_, UnitWord::Unit(Unit::Count, Some(c))))
            if matches!(c, "electors" | "voters" | "persons" | "votes" | "registered" | "expressed" | "abstainers")
    );
    if middle && !counts_voters {
        return None;
    }
    let d = next_word(text, sur + 3);
    let den = lex
        .read(text, d)
        .filter(|m| !m.ordinal && !m.decimal && m.value > n.value && m.value <= 1000.0)?;
    // `3 sieges sur 5` is a count; `deux electeurs sur dix` a share said in words.
    let counted = middle && words.unit_at(text, p, false).is_some();
    if counted && (den.value > 10.0 || text[d].is_ascii_digit()) {
        return None;
    }
    Some((den.end, (n.value * 100.0 / den.value, false)))
}

/// Whether a part of a whole said with a rank word may end at `at`: `de`
/// names the whole (`un cinquieme des voix`); in every-number reading the
/// text or clause may also end there, while press copy reads `un centieme`
/// alone as an article and a rank.
fn part_ends(text: &[u8], lex: &Lexicon, at: usize, reading: Reading) -> bool {
    let p = next_word(text, at);
    let q = word_end(text, p);
    matches!(&text[p..q], b"de" | b"des" | b"du")
        || text[p..q].starts_with(b"d'")
        || reading == Reading::Every
            && (p == q || lex.get(&text[p..q]).is_some_and(|l| l.word == Word::And))
}

/// `vingt cinquiemes`, `cent mille billioniemes`: a plural rank of several
/// words is a number of parts, the last word naming the part.
fn plural_share(
    text: &[u8],
    words: &NumberWords,
    start: usize,
    n: &WordNumber,
    reading: Reading,
) -> Option<(usize, (f64, bool))> {
    let lex = &words.lexicon;
    if !n.ordinal || n.single || text[n.end - 1] != b's' || !part_ends(text, lex, n.end, reading) {
        return None;
    }
    let (s, e) = word_before(text, n.end);
    let part = match lex.get(&text[s..e])?.word {
        Word::Digit(d) | Word::Teen(d) | Word::Tens(d) => f64::from(d),
        Word::Hundred => 100.0,
        Word::Thousand => 1000.0,
        Word::Scale(e) => 10f64.powi(i32::from(e)),
        _ => return None,
    };
    let head = trim_spaces_end(&text[..s]);
    let k = lex
        .read(head, start)
        .filter(|k| k.end == head.len() && !k.ordinal)?;
    Some((n.end, (k.value * 100.0 / part, false)))
}

/// `trois et un cinquieme`, `un et demi`: a whole number and a part.
fn and_a_share(text: &[u8], words: &NumberWords, n: &mut WordNumber, reading: Reading) {
    let p = next_word(text, n.end);
    if p == n.end || !text[p..].starts_with(b"et ") {
        return;
    }
    let k = next_word(text, p + 2);
    let q = word_end(text, k);
    let part = if matches!(&text[k..q], b"demi" | b"demie") {
        Some((q, 50.0))
    } else {
        words
            .lexicon
            .read(text, k)
            .filter(|m| !m.ordinal && !m.decimal && m.scale.is_none())
            .and_then(|m| share_after(text, words, &m, reading))
            .filter(|(_, (_, scaled))| !scaled)
            .map(|(end, (v, _))| (end, v))
    };
    if let Some((end, v)) = part {
        n.value += v / 100.0;
        n.end = end;
        n.decimal = true;
        n.single = false;
    }
}

/// `k/d` of the scale word after `at` (`deux tiers de million`), and its end.
fn scaled_fraction(text: &[u8], lex: &Lexicon, at: usize, k: f64, d: u8) -> Option<(usize, f64)> {
    let mut p = next_word(text, at);
    if text[p..].starts_with(b"de ") {
        p += 3;
    } else if text[p..].starts_with(b"d'") {
        p += 2;
    }
    let q = word_end(text, p);
    match lex.get(&text[p..q]) {
        Some(Lex {
            word: Word::Scale(e),
            ordinal: false,
        }) if p > at => Some((q, k / f64::from(d) * 10f64.powi(i32::from(e)))),
        _ => None,
    }
}

/// `un million et demi`, `cinq milliards et trois quarts`: a part of the
/// scale that ends the number.
fn and_a_part(text: &[u8], lex: &Lexicon, e: u8, n: &mut WordNumber) {
    let p = next_word(text, n.end);
    if p == n.end || !text[p..].starts_with(b"et ") {
        return;
    }
    let k = next_word(text, p + 2);
    let q = word_end(text, k);
    let (part, end) = if matches!(&text[k..q], b"demi" | b"demie") {
        (0.5, q)
    } else {
        let Some(m) = lex.read(text, k).filter(|m| !m.ordinal && !m.decimal) else {
            return;
        };
        let f = next_word(text, m.end);
        let g = word_end(text, f);
        match lex.get(&text[f..g]) {
            Some(Lex {
                word: Word::Fraction(d),
                ..
            }) if f > m.end && m.value < f64::from(d) => (m.value / f64::from(d), g),
            _ => return,
        }
    };
    // `un milliard et demi million`: the part is of the smaller scale named.
    let s = next_word(text, end);
    let t = word_end(text, s);
    let (e, end) = match lex.get(&text[s..t]) {
        Some(Lex {
            word: Word::Scale(x),
            ordinal: false,
        }) if s > end && x < e => (x, t),
        _ => (e, end),
    };
    n.value += part * 10f64.powi(i32::from(e));
    n.end = end;
}

#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn figure(
    words: &NumberWords,
    text: &[u8],
    start: usize,
    end: usize,
    value: f64,
    unit: Unit,
    cue: Option<&'static str>,
    decimal: bool,
) -> Figure {
    let before = (unit == Unit::Number)
        .then(|| words.unit_before(text, start))
        .flatten();
    let (start, unit) = before.unwrap_or((start, unit));
    Figure {
        start,
        end,
        value,
        unit,
        cue,
        approx: words.approx_before(text, start),
        decimal,
        signed: false,
        negative: false,
        share: false,
        zeros: 0,
    }
}

fn digits(text: &[u8], at: usize) -> usize {
    text[at..].iter().take_while(|b| b.is_ascii_digit()).count()
}

/// Whether exactly three ASCII digits stand at `at`, told by one look at
/// four bytes rather than a count that ends on an unforeseeable byte.
fn three_digits(text: &[u8], at: usize) -> bool {
    match text.get(at..at + 4) {
        Some(four) => {
            let w = u32::from_le_bytes(four.try_into().expect("four bytes"));
            digit_bytes(u64::from(w)) == 0x0080_8080
        }
        None => digits(text, at) == 3,
    }
}

/// The high bit of each byte of `w` that is an ASCII digit.
fn digit_bytes(w: u64) -> u64 {
    // Seven bits a byte, so that no addition carries into the next byte:
    // the high bit of `x + (0x80 - lo)` says `x >= lo`; here `x >= 0x30`
    // and not `x >= 0x3A`, below 0x80.
    let x = w & (0x7F * ONES);
    (x + 0x50 * ONES) & !(x + 0x46 * ONES) & !w & (0x80 * ONES)
}

/// The value of the first `n` (at most eight) ASCII digits of `w`, held
/// from its low byte on: a few multiplications, no loop.
fn eight_digits(w: u64, n: usize) -> u64 {
    // Moved to the top bytes, the digits follow zeros that do not count.
    let w = (w & (0x0F * ONES))
        .checked_shl(8 * (8 - n) as u32)
        .unwrap_or(0);
    // Pairs of digits, then fours, then eight, the first one the highest.
    let w = (w.wrapping_mul(10 << 8 | 1) >> 8) & 0x00FF_00FF_00FF_00FF;
    let w = (w.wrapping_mul(100 << 16 | 1) >> 16) & 0x0000_FFFF_0000_FFFF;
    w.wrapping_mul(10_000 << 32 | 1) >> 32
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

/// Digits read as one number: the whole of them as an integer mantissa and
/// the count of decimals, so no text is built to parse a figure.
#[derive(Debug, Default, Clone, Copy)]
struct Mantissa {
    /// The digits while they fit 64 bits, as nearly all do: 128-bit
    /// arithmetic costs several times more per digit.
    m: u64,
    /// The digits, saturated, once there are more than [`Mantissa::NARROW`].
    wide: u128,
    /// How many digits were pushed.
    len: usize,
    int_digits: usize,
    frac_digits: usize,
}

impl Mantissa {
    /// The most digits a `u64` always holds.
    const NARROW: usize = 19;

    /// The whole digits at `at` and how many they are, counted and summed
    /// in one look at eight bytes when they are fewer: where a run of
    /// digits ends cannot be foreseen, so a loop over them mispredicts.
    fn leading(text: &[u8], at: usize) -> (usize, Mantissa) {
        let n = match text.get(at..at + 8) {
            Some(eight) => {
                let w = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
                let others = !digit_bytes(w) & (0x80 * ONES);
                let n = (others.trailing_zeros() / 8) as usize;
                if n < 8 {
                    let num = Mantissa {
                        m: eight_digits(w, n),
                        len: n,
                        int_digits: n,
                        ..Mantissa::default()
                    };
                    return (n, num);
                }
                digits(text, at)
            }
            None => digits(text, at),
        };
        let mut num = Mantissa::default();
        num.push(&text[at..at + n]);
        num.int_digits = n;
        (n, num)
    }

    fn push(&mut self, digits: &[u8]) {
        if self.len + digits.len() <= Self::NARROW {
            for d in digits {
                self.m = self.m * 10 + u64::from(d - b'0');
            }
        } else {
            self.push_wide(digits);
        }
        self.len += digits.len();
    }

    #[cold]
    #[inline(never)]
    fn push_wide(&mut self, digits: &[u8]) {
        if self.len <= Self::NARROW {
            self.wide = u128::from(self.m);
        }
        for d in digits {
            self.wide = self
                .wide
                .saturating_mul(10)
                .saturating_add(u128::from(d - b'0'));
        }
    }

    fn value(&self) -> f64 {
        // Exact when the mantissa fits a double: a single correctly rounded
        // division gives the same double as parsing the decimal text.
        let m = if self.len <= Self::NARROW {
            self.m as f64
        } else {
            wide_to_f64(self.wide)
        };
        let scale = match TENS.get(self.frac_digits) {
            Some(t) => *t,
            None => 10f64.powi(self.frac_digits as i32),
        };
        m / scale
    }
}

/// The powers of ten a double holds exactly, the same as `10f64.powi(k)`
/// gives, without its call.
const TENS: [f64; 23] = {
    let mut t = [1.0; 23];
    let mut k = 1;
    while k < t.len() {
        t[k] = t[k - 1] * 10.0;
        k += 1;
    }
    t
};

/// A 128-bit integer as a double, out of line: the conversion is a library
/// call that the compiler would otherwise make for every figure, needed or
/// not.
#[cold]
#[inline(never)]
fn wide_to_f64(m: u128) -> f64 {
    m as f64
}

/// The end of a French phone number at `at`: ten digits from a `0`, in
/// pairs parted by one space or dot, or glued (`05 49 12 34 56`).
fn phone_number(text: &[u8], at: usize) -> Option<usize> {
    if text[at] != b'0' {
        return None;
    }
    let mut i = at;
    for pair in 0..5 {
        if pair > 0 && matches!(text.get(i), Some(b' ' | b'.')) && digits(text, i + 1) >= 2 {
            i += 1;
        }
        if digits(text, i) < 2 {
            return None;
        }
        i += 2;
    }
    (!text.get(i).is_some_and(u8::is_ascii_digit)).then_some(i)
}

/// A power written after a number ending at `at`, as calculators print
/// it: `1,1^23` raises the number, `1e10` and `12,32e+14` scale it by ten;
/// the new value and where it ends.
fn exponent(src: &Source, at: usize, value: f64) -> Option<(f64, usize)> {
    let text = src.text;
    let power = match text.get(at)? {
        b'^' => true,
        b'e' => false,
        _ => return None,
    };
    let mut j = at + 1;
    let mut negative = false;
    while j < text.len() && (text[j] == b'+' || src.hyphen(j)) && (power || j == at + 1) {
        negative ^= text[j] != b'+';
        j += 1;
    }
    let n = digits(text, j);
    if n == 0 || n > 3 || text.get(j + n).is_some_and(|b| is_word_byte(*b)) {
        return None;
    }
    let e = text[j..j + n]
        .iter()
        .fold(0i32, |v, d| v * 10 + i32::from(d - b'0'));
    let e = if negative { -e } else { e };
    let v = if power {
        value.powi(e)
    } else {
        value * 10f64.powi(e)
    };
    Some((v, j + n))
}

/// Reads the figure at `start`, or says where to resume when there is none.
fn read_figure(src: &Source, start: usize, words: &NumberWords) -> Result<Figure, usize> {
    let text = src.text;
    if let Some(end) = phone_number(text, start) {
        return Err(end);
    }
    let (head, mut num) = Mantissa::leading(text, start);
    let mut i = start + head;
    let mut grouped = false;
    // Thousands groups: one separator kind, each group exactly three digits.
    if (1..=3).contains(&head) {
        for sep in [b' ', b'.'] {
            let mut j = i;
            let mut groups = 0;
            // `1-222` is no `1 222`: folding made the hyphen a space.
            while text.get(j) == Some(&sep)
                && three_digits(text, j + 1)
                && !(sep == b' ' && src.hyphen(j))
            {
                let next = j + 4;
                // `1.101.180` but not `29.01.2017`; `9 046` but not `9 0461`.
                if text.get(next).is_some_and(u8::is_ascii_digit) {
                    break;
                }
                num.push(&text[j + 1..next]);
                num.int_digits += 3;
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
            } else if text.get(i + 1) == Some(&b' ') && head > 0 {
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
    if head == 0 && frac.is_empty() {
        return Err(i + 1);
    }
    let decimal = !frac.is_empty();
    // Trailing zeros of a decimal part say nothing (`,23456000`).
    let frac_digits = &frac[..frac.len() - frac.iter().rev().take_while(|d| **d == b'0').count()];
    num.push(frac_digits);
    num.frac_digits = frac_digits.len();
    let mut value = num.value();
    if let Some((v, e)) = exponent(src, i, value) {
        value = v;
        i = e;
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
    // `1 million 101 mille 180`, `10 mille`: digits before number words.
    // One branch for the whole test (`&`, not `&&`): each part is as
    // good as random.
    if !grouped & frac.is_empty() & (head <= 3) & (text.get(i) == Some(&b' ')) {
        let p = next_word(text, i);
        let scale = words
            .lexicon
            .get_in(text, p, word_end(text, p))
            .is_some_and(|l| matches!(l.word, Word::Thousand | Word::Scale(_)) && !l.ordinal);
        if scale
            && let Some((fig, _)) = read_word_figure(
                text,
                start,
                words,
                Lex {
                    word: Word::Digit(1),
                    ordinal: false,
                },
                src.reading,
            )
        {
            return Ok(fig);
        }
    }
    let (value, end, unit, about) = words.unit_after(text, i, value);
    // `le 4 mai`, `1er mai`: a date, not a figure.
    let day = !decimal & !grouped & (1.0..=31.0).contains(&value);
    if day && matches!(unit, None | Some((Unit::Ordinal, _))) {
        let p = next_word(text, end);
        let q = word_end(text, p);
        if p > end
            && words
                .lexicon
                .get_in(text, p, q)
                .is_some_and(|l| l.word == Word::Month)
        {
            return Err(q);
        }
    }
    let in_brackets = start > 0 && text[start - 1] == b'(' && text.get(end_number) == Some(&b')');
    let (unit, cue) = match unit {
        Some(u) => u,
        None if in_brackets && frac.is_empty() && !grouped => return Err(end_number),
        // `180ml`, `29km`: a measure glued to its unit, never an election figure.
        None if text.get(end_number).is_some_and(u8::is_ascii_lowercase) => {
            return Err(word_end(text, end_number));
        }
        None if !grouped
            && frac.is_empty()
            && num.int_digits == 4
            && (1800.0..=2100.0).contains(&value) =>
        {
            (Unit::Year, None)
        }
        None => (Unit::Number, None),
    };
    let mut fig = figure(words, text, start, end, value, unit, cue, decimal);
    fig.approx |= about;
    Ok(fig)
}

/// A number word of `patterns/number_words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Digit(u8),
    Teen(u8),
    Tens(u8),
    Hundred,
    Thousand,
    Scale(u8),
    First,
    Fraction(u8),
    Half,
    And,
    Point,
    Minus,
    Month,
}

impl Word {
    /// Whether a figure may start with the word: the others only join
    /// numbers (`et`, `virgule`), sign them or say they are dates.
    fn opens(self) -> bool {
        !matches!(self, Word::And | Word::Point | Word::Minus | Word::Month)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Lex {
    word: Word,
    ordinal: bool,
}

/// Number words with their derived plurals and ordinals, in an open-address
/// table at most a quarter full, so the common word that is no number costs
/// one hash and, nearly always, one empty slot.
#[derive(Debug, Default, Clone)]
struct Lexicon {
    entries: Vec<(Box<[u8]>, Lex)>,
    /// The entries [`Lexicon::get`] can find, by [`WordKey`].
    keys: Vec<(WordKey, Lex)>,
    /// Indexes into `keys`, [`EMPTY`] where free; a power of two long.
    slots: Vec<u16>,
    /// For each [`pair_index`] of first bytes, the lengths of the words
    /// that start so, one bit per length: most plain words stop here,
    /// unhashed.
    pairs: Vec<u32>,
    /// For each last byte, the lengths of the words that end so: most
    /// plain words that start as a number word do not also end as one.
    ends: Vec<u32>,
    /// The words of [`Word::Minus`], to be looked for before a figure.
    minus: Suffixes,
    fillers: Vec<Box<[u8]>>,
    determiners: Vec<Box<[u8]>>,
}

const EMPTY: u16 = u16::MAX;

/// The index of a word's first two bytes in [`Lexicon::pairs`]: five bits
/// of each, which tell the letters apart; other bytes share their slots,
/// so may only pass where they should not, never fail.
fn pair_index(a: u8, b: u8) -> usize {
    usize::from(a & 31) << 5 | usize::from(b & 31)
}

/// For each length up to [`WordKey::MAX`], the bytes of a [`WordKey`]'s
/// three integers that the word fills.
const KEY_MASKS: [[u64; 3]; WordKey::MAX + 1] = {
    let mut masks = [[0; 3]; WordKey::MAX + 1];
    let mut n = 0;
    while n <= WordKey::MAX {
        let mut i = 0;
        while i < 3 {
            let kept = n.saturating_sub(8 * i);
            masks[n][i] = if kept >= 8 {
                u64::MAX
            } else {
                (1 << (8 * kept)) - 1
            };
            i += 1;
        }
        n += 1;
    }
    masks
};

/// A word of at most [`WordKey::MAX`] bytes as three integers, zero padded,
/// its length in the last byte: two words are the same when their keys
/// are, so no loop compares them, and the hash is a multiplication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WordKey([u64; 3]);

impl WordKey {
    /// The longest word [`Lexicon::get`] looks for.
    const MAX: usize = 20;

    /// The key of the `n` bytes of `text` at `at`, `n` at most
    /// [`WordKey::MAX`]: loaded whole, the bytes past the word masked,
    /// unless the text ends too soon.
    fn new(text: &[u8], at: usize, n: usize) -> WordKey {
        let mut padded = [0; 24];
        let bytes = match text[at..].first_chunk::<24>() {
            Some(bytes) => bytes,
            None => {
                padded[..n].copy_from_slice(&text[at..at + n]);
                &padded
            }
        };
        let mut key = [0; 3];
        for ((k, chunk), mask) in key.iter_mut().zip(bytes.chunks_exact(8)).zip(KEY_MASKS[n]) {
            *k = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) & mask;
        }
        key[2] |= (n as u64) << 56;
        WordKey(key)
    }

    fn hash(&self) -> usize {
        let [a, b, c] = self.0;
        ((a ^ b.rotate_left(21) ^ c.rotate_left(42)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40)
            as usize
    }

    /// Whether the keys are the same, with no branch per integer.
    fn same(&self, other: &WordKey) -> bool {
        let ([a, b, c], [x, y, z]) = (self.0, other.0);
        (a ^ x) | (b ^ y) | (c ^ z) == 0
    }
}

impl Lexicon {
    fn parse(text: &str) -> Result<Lexicon, String> {
        let mut lex = Lexicon {
            ..Lexicon::default()
        };
        for (n, line) in data_lines(text) {
            let mut cols = line.split('\t');
            let word = cols.next().unwrap_or("").trim();
            let kind = cols.next().unwrap_or("");
            let value: u8 = match cols.next() {
                Some(v) => v
                    .parse()
                    .map_err(|_| format!("number_words.tsv:{n}: bad value {v:?}"))?,
                None => 0,
            };
            let w = match kind {
                "digit" => Word::Digit(value),
                "teen" => Word::Teen(value),
                "tens" => Word::Tens(value),
                "hundred" => Word::Hundred,
                "thousand" => Word::Thousand,
                "scale" => Word::Scale(value),
                "first" => Word::First,
                "fraction" => Word::Fraction(value),
                "half" => Word::Half,
                "and" => Word::And,
                "point" => Word::Point,
                "minus" => Word::Minus,
                "month" => Word::Month,
                "filler" => {
                    lex.fillers.push(word.as_bytes().into());
                    continue;
                }
                "determiner" => {
                    lex.determiners.push(word.as_bytes().into());
                    continue;
                }
                other => return Err(format!("number_words.tsv:{n}: unknown kind {other:?}")),
            };
            let cardinal = Lex {
                word: w,
                ordinal: matches!(w, Word::First),
            };
            lex.add(word.to_string(), cardinal);
            let counted = matches!(
                w,
                Word::Digit(1..) | Word::Teen(_) | Word::Tens(_) | Word::Hundred | Word::Scale(_)
            ) || (w == Word::Thousand && word == "mille");
            if counted && word != "une" {
                // cinq -> cinquieme, neuf -> neuvieme, quatre -> quatrieme.
                let stem = match word {
                    "cinq" => "cinqu",
                    "neuf" => "neuv",
                    w => w.strip_suffix('e').unwrap_or(w),
                };
                let ordinal = Lex {
                    word: w,
                    ordinal: true,
                };
                lex.add(format!("{stem}ieme"), ordinal);
            }
        }
        lex.entries.sort_by(|a, b| a.0.cmp(&b.0));
        lex.entries.dedup_by(|a, b| a.0 == b.0);
        lex.minus = Suffixes::new(
            lex.entries
                .iter()
                .filter(|(_, l)| l.word == Word::Minus)
                .map(|(w, _)| Suffix::new(w)),
        );
        // A word of one byte or longer than a key is never looked for.
        lex.keys = (lex.entries.iter())
            .filter(|(w, _)| (2..=WordKey::MAX).contains(&w.len()))
            .map(|(w, l)| (WordKey::new(w, 0, w.len()), *l))
            .collect();
        let size = (lex.keys.len() * 4).next_power_of_two();
        if lex.keys.len() >= usize::from(EMPTY) {
            return Err("number_words.tsv: too many words".to_string());
        }
        lex.slots = vec![EMPTY; size];
        lex.pairs = vec![0; 1 << 10];
        lex.ends = vec![0; 256];
        for (w, _) in &lex.entries {
            if let ([a, b, ..], Some(&last), true) = (&**w, w.last(), w.len() < 32) {
                lex.pairs[pair_index(*a, *b)] |= 1 << w.len();
                lex.ends[usize::from(last)] |= 1 << w.len();
            }
        }
        for (i, (key, _)) in lex.keys.iter().enumerate() {
            let mut h = key.hash();
            while lex.slots[h & (size - 1)] != EMPTY {
                h += 1;
            }
            lex.slots[h & (size - 1)] = i as u16;
        }
        Ok(lex)
    }

    /// Adds a word and its plural.
    fn add(&mut self, word: String, lex: Lex) {
        if !word.ends_with(['s', 'x', 'z']) {
            self.entries
                .push((format!("{word}s").into_bytes().into(), lex));
        }
        self.entries.push((word.into_bytes().into(), lex));
    }

    /// The number word `w`, if it is one.
    #[inline(always)]
    fn get(&self, w: &[u8]) -> Option<Lex> {
        self.get_in(w, 0, w.len())
    }

    /// The number word `text[at..end]`, if it is one: the text after the
    /// word lets [`WordKey::new`] load it whole. Inlined, so that the
    /// plain word turned away by its first bytes, last byte and length
    /// costs no call.
    #[inline(always)]
    fn get_in(&self, text: &[u8], at: usize, end: usize) -> Option<Lex> {
        let w = &text[at..end];
        let ([a, b, ..], Some(&last)) = (w, w.last()) else {
            return None;
        };
        if w.len() > WordKey::MAX {
            return None;
        }
        let len = 1 << w.len();
        if self.pairs[pair_index(*a, *b)] & self.ends[usize::from(last)] & len == 0 {
            return None;
        }
        self.lookup(text, at, w.len())
    }

    #[inline(never)]
    fn lookup(&self, text: &[u8], at: usize, n: usize) -> Option<Lex> {
        let key = WordKey::new(text, at, n);
        let mask = self.slots.len() - 1;
        let mut h = key.hash();
        loop {
            let slot = self.slots[h & mask];
            let (k, lex) = self.keys.get(usize::from(slot))?;
            if k.same(&key) {
                return Some(*lex);
            }
            h += 1;
        }
    }

    fn is_filler(&self, w: &[u8]) -> bool {
        self.fillers.iter().any(|f| **f == *w)
            || matches!(
                self.get(w),
                Some(Lex {
                    word: Word::And | Word::Minus,
                    ..
                })
            )
    }

    fn is_determiner(&self, w: &[u8]) -> bool {
        self.determiners.iter().any(|f| **f == *w) || w.starts_with(b"l'")
    }
}

/// The end of the word starting at `at` (letters, digits, apostrophes inside).
fn word_end(text: &[u8], at: usize) -> usize {
    let mut i = at;
    // Eight bytes at a time: most words end within the first eight, with no
    // branch per letter to mispredict.
    while let Some(chunk) = text.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let ends = !word_bytes(w) & (0x80 * ONES);
        if ends != 0 {
            return i + (ends.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + text[i..].iter().take_while(|b| is_word_byte(**b)).count()
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `w` that [`is_word_byte`] accepts: above
/// ASCII, a digit or a letter of either case.
fn word_bytes(w: u64) -> u64 {
    // As in `digit_bytes`, on seven bits; bytes above ASCII are word
    // bytes by their own high bit.
    let l = w & (0x7F * ONES) | (0x20 * ONES);
    let letter = (l + 0x1F * ONES) & !(l + 0x05 * ONES);
    (w | digit_bytes(w) | letter) & (0x80 * ONES)
}

/// The start of the next word after spaces, if only spaces lie between.
fn next_word(text: &[u8], at: usize) -> usize {
    at + text[at..].iter().take_while(|b| **b == b' ').count()
}

/// Where a run of number words stands, below the hundred.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Below {
    /// Nothing yet in this group (or only its hundreds).
    Empty,
    /// A lone digit word: `quatre` may still become `quatre vingt`.
    Unit,
    /// A tens word; `quatre` marks `quatre vingt`.
    Tens { quatre: bool },
    /// `vingt et`: only `un` or `onze` may follow.
    TensAnd,
    /// `dix`, `soixante dix`: only `sept`, `huit`, `neuf` may follow.
    Dix,
    /// Nothing more below the hundred.
    Closed,
}

/// A number read from words (and digit groups among them).
#[derive(Debug, Clone, Copy)]
struct WordNumber {
    end: usize,
    value: f64,
    ordinal: bool,
    decimal: bool,
    /// Made of one word only (`neuf`, `deux`).
    single: bool,
    /// The power of ten of the scale word that ends it (`trois millions`).
    scale: Option<u8>,
}

/// The running sum of a number being read.
#[derive(Debug)]
struct Reader {
    total: u128,
    thousands: u128,
    has_thousands: bool,
    hundreds: u32,
    sub: u32,
    below: Below,
    last_scale: u8,
    zero: bool,
    tokens: usize,
    ordinal: bool,
}

/// Why a token does not continue a number.
enum Stop {
    /// The number ends before this token.
    Here,
    /// The number ends where the current thousand group began
    /// (`deux cent mille quatorze mille` is 200 000 then 14 000).
    AtGroup,
}

impl Reader {
    fn new() -> Reader {
        Reader {
            total: 0,
            thousands: 0,
            has_thousands: false,
            hundreds: 0,
            sub: 0,
            below: Below::Empty,
            last_scale: u8::MAX,
            zero: false,
            tokens: 0,
            ordinal: false,
        }
    }

    fn group(&self) -> u128 {
        u128::from(self.hundreds) + u128::from(self.sub)
    }

    fn value(&self) -> u128 {
        self.total + self.thousands + self.group()
    }

    fn take(&mut self, w: Word) -> Result<(), Stop> {
        if self.zero || self.ordinal {
            return Err(Stop::Here);
        }
        match (w, self.below) {
            (Word::Digit(0), _) if self.tokens == 0 => {
                self.zero = true;
                self.below = Below::Closed;
            }
            (Word::Digit(d @ 1..), Below::Empty) => {
                self.sub = u32::from(d);
                self.below = Below::Unit;
            }
            (Word::Digit(d @ 1..), Below::Tens { quatre }) if d > 1 || quatre => {
                self.sub += u32::from(d);
                self.below = Below::Closed;
            }
            (Word::Digit(1), Below::TensAnd) | (Word::Teen(11), Below::TensAnd)
                if w == Word::Digit(1) || self.sub == 60 =>
            {
                self.sub += if w == Word::Digit(1) { 1 } else { 11 };
                self.below = Below::Closed;
            }
            (Word::Digit(d @ 7..=9), Below::Dix) => {
                self.sub += u32::from(d);
                self.below = Below::Closed;
            }
            (Word::Teen(t), Below::Empty) => {
                self.sub = u32::from(t);
                self.below = if t == 10 { Below::Dix } else { Below::Closed };
            }
            (Word::Teen(t), Below::Tens { quatre }) if self.sub == 60 || quatre => {
                self.sub += u32::from(t);
                self.below = if t == 10 { Below::Dix } else { Below::Closed };
            }
            (Word::Tens(t), Below::Empty) => {
                self.sub = u32::from(t);
                self.below = Below::Tens { quatre: false };
            }
            (Word::Tens(20), Below::Unit) if self.sub == 4 => {
                self.sub = 80;
                self.below = Below::Tens { quatre: true };
            }
            (Word::And, Below::Tens { quatre: false }) => self.below = Below::TensAnd,
            (Word::Hundred, b) if self.hundreds == 0 => {
                let ok = match b {
                    Below::Empty => true,
                    Below::Unit => self.sub >= 2,
                    Below::Closed | Below::Dix => (10..=19).contains(&self.sub),
                    _ => false,
                };
                if !ok {
                    return Err(Stop::Here);
                }
                self.hundreds = self.sub.max(1) * 100;
                self.sub = 0;
                self.below = Below::Empty;
            }
            (Word::Thousand, b) if b != Below::TensAnd => {
                if self.has_thousands {
                    return Err(Stop::AtGroup);
                }
                let g = self.group();
                if g == 1 && self.hundreds == 0 {
                    return Err(Stop::AtGroup);
                }
                self.thousands = g.max(1) * 1000;
                self.has_thousands = true;
                self.hundreds = 0;
                self.sub = 0;
                self.below = Below::Empty;
            }
            (Word::Scale(e), b) if b != Below::TensAnd => {
                let v = self.thousands + self.group();
                if v == 0 {
                    return Err(Stop::Here);
                }
                if e >= self.last_scale {
                    return Err(Stop::AtGroup);
                }
                self.total += v * 10u128.pow(u32::from(e));
                self.thousands = 0;
                self.has_thousands = false;
                self.hundreds = 0;
                self.sub = 0;
                self.below = Below::Empty;
                self.last_scale = e;
            }
            (Word::First, _) if self.tokens == 0 => {
                self.sub = 1;
                self.below = Below::Closed;
            }
            _ => return Err(Stop::Here),
        }
        self.tokens += 1;
        Ok(())
    }

    /// A group of at most three digits among words (`1 million 101 mille 180`).
    fn take_digits(&mut self, v: u32) -> Result<(), Stop> {
        match self.below {
            _ if self.zero || self.ordinal => return Err(Stop::Here),
            Below::Empty if self.hundreds == 0 => {
                self.sub = v;
                self.below = if v < 10 { Below::Unit } else { Below::Closed };
            }
            Below::Tens { .. } if (2..10).contains(&v) => {
                self.sub += v;
                self.below = Below::Closed;
            }
            _ => return Err(Stop::Here),
        }
        self.tokens += 1;
        Ok(())
    }
}

impl Lexicon {
    /// Reads the number whose first token (a word or a digit group) starts
    /// at `at`.
    fn read(&self, text: &[u8], at: usize) -> Option<WordNumber> {
        let mut r = Reader::new();
        let mut end = at;
        let mut group_start = at;
        let mut group_end = at;
        let mut p = at;
        let mut words = 0;
        while p < text.len() {
            let q = word_end(text, p);
            if q == p {
                break;
            }
            let w = &text[p..q];
            let step = if w.iter().all(u8::is_ascii_digit) {
                // A digit group glued to a decimal or grouping mark is a
                // figure of its own.
                let mark = matches!(text.get(q), Some(b',' | b'.'))
                    && text.get(q + 1).is_some_and(u8::is_ascii_digit);
                if w.len() > 3 || mark {
                    break;
                }
                let v = w.iter().fold(0, |v, d| v * 10 + u32::from(d - b'0'));
                r.take_digits(v)
            } else {
                let Some(lex) = self.get_in(text, p, q) else {
                    break;
                };
                if lex.word == Word::Point {
                    break;
                }
                let before = (r.has_thousands, r.last_scale);
                let step = if let (Word::Scale(e), true, 0) = (lex.word, lex.ordinal, r.tokens) {
                    // `le millionieme`.
                    r.total = 10u128.pow(u32::from(e));
                    r.last_scale = e;
                    r.tokens = 1;
                    Ok(())
                } else if lex.ordinal
                    && matches!(lex.word, Word::Scale(_) | Word::Thousand)
                    && r.tokens == 1
                    && r.value() == 1
                {
                    // `un millionieme` is a share, not the millionth.
                    Err(Stop::AtGroup)
                } else {
                    r.take(lex.word)
                };
                if step.is_ok() {
                    words += 1;
                    r.ordinal |= lex.ordinal;
                    if (r.has_thousands, r.last_scale) != before {
                        group_start = next_word(text, q);
                        group_end = q;
                    }
                }
                step
            };
            match step {
                Ok(()) => {
                    if r.below != Below::TensAnd {
                        end = q;
                    }
                }
                Err(Stop::AtGroup) if group_start > at => {
                    end = group_end;
                    return self.finish_number(text, r.total + r.thousands, end, words);
                }
                Err(_) => break,
            }
            let next = next_word(text, q);
            if next == q {
                break;
            }
            p = next;
        }
        if r.tokens == 0 || end == at {
            return None;
        }
        let ends_on_scale = r.last_scale != u8::MAX && r.thousands == 0 && r.group() == 0;
        self.finish_number(text, r.value(), end, words)
            .map(|mut n| {
                n.ordinal = r.ordinal;
                n.scale = (ends_on_scale && !r.ordinal && !n.decimal).then_some(r.last_scale);
                n
            })
    }

    /// Adds a spoken decimal part (`cinq virgule cinq`) to a whole number.
    fn finish_number(
        &self,
        text: &[u8],
        int: u128,
        end: usize,
        words: usize,
    ) -> Option<WordNumber> {
        let mut n = WordNumber {
            end,
            value: int as f64,
            ordinal: false,
            decimal: false,
            single: words == 1,
            scale: None,
        };
        let p = next_word(text, end);
        let q = word_end(text, p);
        if p > end
            && self
                .get_in(text, p, q)
                .is_some_and(|l| l.word == Word::Point)
        {
            let mut z = next_word(text, q);
            let mut zeros = 0;
            loop {
                let e = word_end(text, z);
                if e > z
                    && self
                        .get(&text[z..e])
                        .is_some_and(|l| l.word == Word::Digit(0))
                {
                    zeros += 1;
                    let next = next_word(text, e);
                    if next == e {
                        break;
                    }
                    z = next;
                    continue;
                }
                break;
            }
            let frac = self
                .read(text, z)
                .filter(|f| !f.ordinal && !f.decimal && f.value < 1e15);
            let (digits, fend) = match frac {
                Some(f) => (f.value, f.end),
                None if zeros > 0 => (0.0, word_end(text, z.min(text.len()))),
                None => return Some(n),
            };
            let mut len = zeros;
            let mut d = digits as u128;
            while d > 0 {
                len += 1;
                d /= 10;
            }
            n.value += digits / 10f64.powi(len);
            n.decimal = true;
            n.end = fend;
            n.single = false;
        }
        Some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> NumberWords {
        NumberWords::parse(
            include_str!("../patterns/units.tsv"),
            include_str!("../patterns/approx.txt"),
            include_str!("../patterns/number_words.tsv"),
        )
        .unwrap()
    }

    #[test]
    fn word_bytes_eight_at_a_time_are_word_bytes() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let w = u64::from(b) << (8 * lane);
                let high = word_bytes(w) >> (8 * lane + 7) & 1 == 1;
                assert_eq!(high, is_word_byte(b), "{b:#x} in byte {lane}");
            }
        }
        assert_eq!(word_end(b"deux mille", 0), 4);
        assert_eq!(word_end(b"quatrevingtdix voix", 0), 14);
        assert_eq!(word_end(b"abc", 0), 3);
    }

    #[test]
    fn words_that_open_no_figure_are_not_visited() {
        let words = words();
        let text = b"un et juin deux";
        let starts: Vec<usize> = WordStarts::new(text, &words.openings).collect();
        assert_eq!(starts, [0, 11]);
        // `et` still joins the words of a number.
        let figs = find("vingt et un", &words);
        assert_eq!(figs.len(), 1);
        assert_eq!(figs[0].value, 21.0);
    }

    #[test]
    fn word_starts_skip_to_a_figure_end() {
        let words = words();
        let mut text = b"1 234 et 5,6 7".to_vec();
        text.extend(b" 8".repeat(40));
        let mut starts = WordStarts::new(&text, &words.openings);
        assert_eq!(starts.next(), Some(0));
        starts.skip_to(5);
        assert_eq!(starts.next(), Some(9));
        starts.skip_to(12);
        assert_eq!(starts.next(), Some(13));
        // Past the block, the block's starts are gone, not the next's.
        starts.skip_to(70);
        assert_eq!(starts.next(), Some(65));
    }

    #[test]
    fn word_masks_are_word_bytes() {
        for from in (0..256).step_by(64) {
            let block: [u8; 64] = std::array::from_fn(|k| (from + k) as u8);
            let want = (0..64).fold(0, |m, k| m | u64::from(is_word_byte(block[k])) << k);
            assert_eq!(word_mask(&block), want, "{from}");
        }
    }

    #[test]
    fn word_starts_given_are_those_that_may_open() {
        // Across blocks of 64 bytes, words longer than one, number words
        // that open the text, end it, or run past the end of a block, and
        // a text that is no whole block.
        let words = words();
        let mut text = b"deux ".to_vec();
        text.extend((0..200u32).map(|k| b"a 7\xC3,x"[(k * 7 % 11 % 6) as usize]));
        text.splice(100..100, [b'x'; 70]);
        for (at, w) in [
            (59, " trois "),
            (124, " septante "),
            (250, " cinquantiemes "),
            (300, " https://a.fr "),
        ] {
            text.splice(at..at, w.bytes());
        }
        text.extend(b" un");
        let starts: Vec<usize> = (0..text.len())
            .filter(|&k| is_word_byte(text[k]) && (k == 0 || !is_word_byte(text[k - 1])))
            .collect();
        let opens = |s: usize| {
            let w = &text[s..word_end(&text, s)];
            text[s].is_ascii_digit() || w.starts_with(b"http") || words.lexicon.get(w).is_some()
        };
        let want: Vec<usize> = starts.iter().copied().filter(|&s| opens(s)).collect();
        let named = want.iter().filter(|&&s| !text[s].is_ascii_digit()).count();
        assert_eq!(named, 6);
        let mut iter = WordStarts::new(&text, &words.openings);
        let mut got = Vec::new();
        while let Some(s) = iter.next() {
            assert!(starts.contains(&s), "{s}");
            assert_eq!(iter.end(s), word_end(&text, s), "{s}");
            got.push(s);
        }
        // More may be given (a word whose end is not yet known), none fewer.
        let missed: Vec<_> = want.iter().filter(|s| !got.contains(s)).collect();
        assert!(missed.is_empty(), "{missed:?}");
        assert!(got.len() < starts.len());
    }

    #[test]
    fn digits_are_counted_and_summed_in_one_look() {
        let text = b"0123456789012345678901x 42 7,5 0099 123 1234";
        for at in 0..text.len() {
            let n = digits(text, at);
            let (head, num) = Mantissa::leading(text, at);
            let value: u128 = text[at..at + n]
                .iter()
                .fold(0, |v, d| v * 10 + u128::from(d - b'0'));
            assert_eq!((head, num.int_digits, num.len), (n, n, n), "{at}");
            assert_eq!(num.value(), value as f64, "{at}");
            assert_eq!(three_digits(text, at), n == 3, "{at}");
        }
        for b in 0..=255u8 {
            let high = digit_bytes(u64::from(b) << 24) >> 31 & 1 == 1;
            assert_eq!(high, b.is_ascii_digit(), "{b:#x}");
        }
    }

    #[test]
    fn every_number_word_is_found_by_its_key_and_no_other() {
        let lex = words().lexicon;
        for (w, l) in lex.entries.iter().filter(|(w, _)| w.len() <= WordKey::MAX) {
            assert_eq!(lex.get(w), Some(*l), "{w:?}");
            // Loaded whole from a longer text, or padded at its end.
            let mut text = b"x ".to_vec();
            text.extend_from_slice(w);
            text.extend_from_slice(b" quatre vingt dix neuf mille");
            assert_eq!(lex.get_in(&text, 2, 2 + w.len()), Some(*l), "{w:?}");
            // A prefix read in the text is what it is alone.
            let short = &w[..w.len() - 1];
            assert_eq!(lex.get_in(&text, 2, 1 + w.len()), lex.get(short), "{w:?}");
            let mut longer = w.to_vec();
            longer.push(b'q');
            assert_eq!(lex.get(&longer), None, "{w:?}");
        }
    }

    #[test]
    fn powers_of_ten_are_those_of_powi() {
        for (k, t) in TENS.iter().enumerate() {
            assert_eq!(*t, 10f64.powi(k as i32), "{k}");
        }
    }

    fn one(text: &str) -> Figure {
        let f = find(text, &words());
        assert_eq!(f.len(), 1, "{text:?}: {f:?}");
        f.into_iter().next().unwrap()
    }

    fn values(text: &str) -> Vec<f64> {
        find(text, &words()).iter().map(|f| f.value).collect()
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
            ("trente-huit pour cent", 38.0),
            // Shares said in words.
            ("les deux tiers des voix", 200.0 / 3.0),
            ("un quart", 25.0),
            ("la moitié des inscrits", 50.0),
            ("un électeur sur deux", 50.0),
            ("deux électeurs sur dix", 20.0),
            ("une électrice sur quatre", 25.0),
        ] {
            let f = one(text);
            assert_eq!((f.value, f.unit), (value, Unit::Percent), "{text}");
            // A share said in words is a rounded one.
            assert_eq!(f.approx, !text.contains(['%', 'p']), "{text}");
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
        assert_eq!(values("en 2017 12 345 voix"), vec![2017.0, 12345.0]);
        assert_eq!(find("en 2017", &words())[0].unit, Unit::Year);
    }

    #[test]
    fn approximations() {
        assert!(one("plus de 38% des voix").approx);
        assert!(one("près de 2 millions").approx);
        assert!(one("plus de la moitié").approx);
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
            "un logement neuf",
            "C'est un peu plus",
            "l'un comme l'autre",
            "deux candidats",
            "trois circonscriptions sur quatre",
            "le 4 mai",
            "le 1er mai",
        ] {
            assert!(find(text, &words).is_empty(), "{text}");
        }
        assert_eq!(one("la 2e circonscription").unit, Unit::Ordinal);
        assert_eq!(one("la 1re circonscription").unit, Unit::Ordinal);
    }

    fn every(text: &str) -> Vec<(f64, Unit)> {
        find_every(text, &words())
            .iter()
            .map(|f| (if f.negative { -f.value } else { f.value }, f.unit))
            .collect()
    }

    #[test]
    fn numbers_in_words() {
        for (text, value, unit) in [
            ("quatre-vingts", 80.0, Unit::Number),
            ("soixante-et-onze", 71.0, Unit::Number),
            ("septante", 70.0, Unit::Number),
            ("un billion", 1e12, Unit::Count),
            ("1 million 101 mille 180 voix", 1_101_180.0, Unit::Count),
            ("dix quadrillions", 1e25, Unit::Count),
            ("vingt-et-unième", 21.0, Unit::Ordinal),
            ("deux cent virgule zéro trois", 200.03, Unit::Number),
            ("moins 1200000", -1_200_000.0, Unit::Number),
            ("un million et demi", 1_500_000.0, Unit::Count),
            ("3 millions et trois quarts", 3_750_000.0, Unit::Count),
            ("un demi-million", 500_000.0, Unit::Number),
        ] {
            assert_eq!(every(text), vec![(value, unit)], "{text}");
        }
    }

    #[test]
    fn powers_signs_and_units_said_before() {
        for (text, value, unit) in [
            ("1e10", 1e10, Unit::Number),
            ("-12e-1", -1.2, Unit::Number),
            ("12,32e+14", 1.232e15, Unit::Number),
            ("2,5^-1", 0.4, Unit::Number),
            ("négatif un", -1.0, Unit::Number),
            ("pourcentage de vingt", 20.0, Unit::Percent),
        ] {
            let got = every(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert!(
                (got[0].0 - value).abs() < 1e-9 * value.abs(),
                "{text}: {got:?}"
            );
            assert_eq!(got[0].1, unit, "{text}");
        }
        // An ordinal suffix is no exponent.
        assert_eq!(one("la 2e circonscription").unit, Unit::Ordinal);
    }

    #[test]
    fn parts_of_a_whole_said_with_rank_words() {
        let share = |text: &str| {
            let f = find_every(text, &words());
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert!(f[0].share && f[0].unit == Unit::Percent, "{text}: {f:?}");
            f[0].value
        };
        assert!((share("un cinquième") - 20.0).abs() < 1e-9);
        assert!((share("trois vingt-cinquièmes") - 12.0).abs() < 1e-9);
        assert!((share("vingt cinquièmes") - 400.0).abs() < 1e-9);
        assert!((share("quatre centièmes de seconde") - 4.0).abs() < 1e-9);
        assert_eq!(every("trois et un cinquième"), vec![(3.2, Unit::Number)]);
        assert_eq!(every("un et demi"), vec![(1.5, Unit::Number)]);
        // A rank before a noun, or alone in press copy, is a rank.
        assert_eq!(
            every("un deuxième tour"),
            vec![(1.0, Unit::Number), (2.0, Unit::Ordinal)]
        );
        assert_eq!(one("un centième").unit, Unit::Ordinal);
        assert!(one("un cinquième des voix").share);
    }

    #[test]
    fn leading_zeros_and_hyphenated_words() {
        let f = one("zéro neuf");
        assert_eq!((f.value, f.zeros), (9.0, 1));
        assert_eq!(
            values("treize mille zéro quatre-vingt-dix"),
            vec![13000.0, 90.0]
        );
        assert_eq!(every("zéro"), vec![(0.0, Unit::Number)]);
        // A hyphenated word that is no number as a whole has none in part.
        assert!(find_every("vingt-un", &words()).is_empty());
        assert!(find_every("une demi-heure", &words()).is_empty());
        assert_eq!(every("vingt-six"), vec![(26.0, Unit::Number)]);
    }

    #[test]
    fn quantity_nouns_measures_and_parts_of_scales() {
        let f = one("une centaine de voix");
        assert_eq!((f.value, f.cue, f.approx), (100.0, Some("votes"), true));
        assert_eq!(one("3 douzaines").value, 36.0);
        // A measure glued to its unit is no figure; a known unit still is.
        assert!(find("le liquide de 180ml", &words()).is_empty());
        assert_eq!(one("12 345voix").value, 12345.0);
        assert_eq!(
            every("un milliard et trois quarts millions"),
            vec![(1_000_750_000.0, Unit::Count)]
        );
        // A hyphen between digits does not group thousands.
        assert_eq!(values("le 1-222"), vec![1.0, 222.0]);
        for text in ["de 1\u{2212}222 à 3 456", "de 1\u{2013}222 à 3 456"] {
            assert_eq!(values(text), vec![1.0, 222.0, 3456.0], "{text}");
        }
        // A dash elsewhere, even before a letter beyond ASCII, changes nothing.
        assert_eq!(values("Saint-Étienne : 1 222 voix"), vec![1222.0]);
        assert_eq!(values("score 3-1, 1 222 voix"), vec![3.0, 1.0, 1222.0]);
    }

    #[test]
    fn small_words_in_runs_or_with_units() {
        let words = words();
        assert_eq!(find("un, deux, trois", &words).len(), 3);
        assert_eq!(one("deux voix").value, 2.0);
        assert_eq!(
            every("vingt un"),
            vec![(20.0, Unit::Number), (1.0, Unit::Number)]
        );
    }

    #[test]
    fn press_digits() {
        assert_eq!(one("9.046 voix").value, 9046.0);
        assert_eq!(one("17, 5%").value, 17.5);
        assert_eq!(one("38,18%°").value, 38.18);
        let f = one("- 4 pts");
        assert_eq!((f.value, f.unit, f.negative), (4.0, Unit::Points, true));
        assert_eq!(one(",08").value, 0.08);
        assert_eq!(one("100k").value, 100_000.0);
        assert_eq!(values("entre 20 et 25 %"), vec![20.0, 25.0]);
        assert_eq!(values("de 7 à 13 %"), vec![7.0, 13.0]);
        for text in [
            "au 05 49 12 34 56",
            "au 05.49.12.34.56",
            "sur https://www.nr.fr/2017/vote?q=30%25 ou www.a.fr/12",
        ] {
            assert!(find(text, &words()).is_empty(), "{text}");
        }
    }
}
