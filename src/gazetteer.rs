//! Places, people and parties named in an article.
//!
//! All names of `patterns/` are compiled once into one table of folded keys
//! (see [`crate::fold`]), searched for the longest name that starts at a
//! capitalised word and ends at a word boundary. Names of places, people and
//! parties are written capitalised, and skipping the rest is what keeps the
//! stage fast. The table is a hash map from every key, and every word prefix
//! of a key, to its entries: a lookup costs one hash per word of the name,
//! and building it needs no sort and no automaton, so loading tens of
//! thousands of names stays cheap. Each key may stand for several entries
//! (homonymous communes, a surname that is also a commune); they are
//! resolved per article by [`Gazetteer::find`], from the article's other
//! places and the people it names in full.
//!
//! People in no list are found as `Prénom Nom` from `patterns/first_names.txt`.

// Keys are short names hashed per capitalised word: a fast non-keyed hash
// is what pays here, and no input can choose the keys.
use std::borrow::Cow;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use aho_corasick::{AhoCorasick, MatchKind};

use crate::fold::{Folded, fold, fold_onto, is_word_byte};
use crate::numbers::data_lines;
use crate::words::{FewWords, Shapes};

/// Where a place sits in the administrative hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// A current commune.
    Commune,
    /// A commune déléguée, associée or a former commune.
    FormerCommune,
    /// An arrondissement of Paris, Lyon or Marseille.
    Arrondissement,
    /// A département or overseas collectivity.
    Departement,
    /// A current région.
    Region,
    /// A pre-2016 région or a historic province.
    OldRegion,
    /// A canton; named only after the word `canton`, since most share
    /// their name with a commune.
    Canton,
}

/// One place of `patterns/places.tsv`.
#[derive(Debug, Clone)]
pub struct Place {
    /// Code as in the evaluation format (`dep:79`, `com:86194`).
    pub code: String,
    /// Official name.
    pub name: String,
    /// Kind.
    pub kind: PlaceKind,
    /// Département code, empty when it has none.
    pub dep: String,
    /// Current région code, empty when it has none.
    pub reg: String,
    /// Legal population (0 when unknown).
    pub population: u64,
    /// Its name is an ordinary word (`patterns/place_words.txt`).
    word_like: bool,
    /// Its folded name, as a span of [`Gazetteer::folded_names`].
    key: (u32, u32),
}

/// One politician of `patterns/people.tsv`.
#[derive(Debug, Clone)]
pub struct Person {
    /// Name as the press writes it.
    pub name: String,
    /// Party abbreviation.
    pub party: String,
    /// Folded full name.
    folded_name: String,
    /// Where the surname (everything after the first name) starts in
    /// `folded_name`.
    surname_at: u32,
    /// The elections stood in, `type:year` separated by `;` (national
    /// figures only).
    elections: Box<str>,
    /// The département code of a local official's seat (`79`, `2A`,
    /// `974`), padded with NULs; all NULs for a national figure or a seat
    /// outside any. Inline: there are tens of thousands of officials.
    dep: [u8; 3],
}

impl Person {
    /// The folded surname.
    fn surname(&self) -> &str {
        &self.folded_name[self.surname_at as usize..]
    }

    /// The département code of the seat, or `""`.
    fn seat(&self) -> &str {
        let len = self.dep.iter().position(|&b| b == 0).unwrap_or(3);
        std::str::from_utf8(&self.dep[..len]).unwrap_or("")
    }
}

/// One party of `patterns/parties.tsv`.
#[derive(Debug, Clone)]
pub struct Party {
    /// Usual abbreviation (`PS`).
    pub abbr: String,
    /// Full name (`Parti socialiste`).
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Entry {
    Place(u32),
    Person(u32),
    Surname(u32),
    Party(u32),
}

/// Where a name found in the text ends, and the entries of its key.
type NameMatch<'a> = (usize, &'a [Entry]);

/// A person named in one article: a listed politician or a `Prénom Nom`.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticlePerson {
    /// Full name.
    pub name: String,
    /// Party abbreviation when known.
    pub party: Option<String>,
    /// The elections a listed national figure stood in, `type:year`
    /// separated by `;` (`presidentielle:2017`); empty for anyone else.
    pub elections: Box<str>,
    folded_surname: String,
    folded_name: String,
}

/// What a mention refers to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Named {
    /// An index into [`Gazetteer::places`].
    Place(u32),
    /// An index into [`Mentions::people`].
    Person(u32),
    /// An index into [`Gazetteer::parties`].
    Party(u32),
    /// A legislative constituency: the département's place index and the
    /// constituency number.
    Constituency(u32, u8),
}

/// One name found in the article, with folded offsets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mention {
    /// Folded offset of the first byte.
    pub start: usize,
    /// Folded offset past the last byte.
    pub end: usize,
    /// What it names.
    pub what: Named,
}

/// Every name found in one article.
#[derive(Debug, Default, Clone)]
pub struct Mentions {
    /// In text order, not overlapping.
    pub items: Vec<Mention>,
    /// The people of the article, in order of first mention.
    pub people: Vec<ArticlePerson>,
}

impl Mentions {
    /// The index of a listed person among the article's people, added if
    /// new.
    fn person_id(&mut self, person: &Person) -> u32 {
        let id = match self.people.iter().position(|a| a.name == person.name) {
            Some(id) => id,
            None => {
                self.people.push(ArticlePerson {
                    name: person.name.clone(),
                    party: Some(person.party.clone()).filter(|p| !p.is_empty()),
                    elections: person.elections.clone(),
                    folded_surname: person.surname().to_string(),
                    folded_name: person.folded_name.clone(),
                });
                self.people.len() - 1
            }
        };
        id as u32
    }
}

/// The compiled name lists.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// Every place.
    pub places: Vec<Place>,
    /// Every listed politician: the national figures, then the local
    /// officials from `officials`.
    pub people: Vec<Person>,
    /// Where the local officials start in `people`.
    officials: u32,
    /// The officials' ids by the hash of their folded surname, made when
    /// first asked for.
    officials_by_surname: OnceLock<HashIndex>,
    /// The communes whose folded name continues a less populous
    /// commune's by whole words (Saint-Maixent-l'École for Saint-Maixent,
    /// Sarthe), by the smaller one's index, made when first asked for.
    longer_communes: OnceLock<Groups>,
    /// Every party.
    pub parties: Vec<Party>,
    names: NameTable,
    /// Competitors written in lower case, found wherever they stand.
    lower_case: AhoCorasick,
    /// What every name of `lower_case` begins with (`majorite `): most
    /// articles have none, which one `memmem` pass tells, cheaper than
    /// the automaton's.
    lower_case_head: memchr::memmem::Finder<'static>,
    /// The folded names of every place, end to end.
    folded_names: Vec<u8>,
    /// Communes and former communes by département code.
    communes_by_dep: HashMap<String, Vec<u32>>,
    /// Each département's place, by its code (`79`).
    dep_index: HashMap<String, u32>,
    first_names: HashSet<String>,
    /// Folded ordinal words and their number; `None` marks a digit suffix.
    ordinals: HashMap<String, Option<u8>>,
    /// Folded titles written before a surname (`mme`, `le maire`).
    titles: Vec<String>,
    /// The last word of each title: a text that ends with none of them
    /// ends with no title, which one lookup tells.
    title_ends: FewWords,
    /// Phrases before place names.
    phrases: PlacePhrases,
}

/// Folded keys and their entries.
///
/// Invariant: every key has a node, and so has every prefix of a key that
/// ends where a word of the key ends (`la roche` for `la roche sur yon`),
/// so a lookup can extend a match word by word and stop at the first miss.
#[derive(Debug, Clone)]
struct NameTable {
    /// Every key end to end; nodes hold spans of it, a prefix that of its
    /// key's start.
    text: Vec<u8>,
    nodes: Vec<Node>,
    /// The nodes by the hash of their key, open addressing: each key's
    /// slot is the first free one from where the low bits of its hash
    /// point, and holds the low half of that hash, which turns away
    /// most other keys met on the way without reading them, and the
    /// node. At most half the slots are full, so a lookup soon meets an
    /// empty one; it costs no second hash and no bucket search, as a hash
    /// map of the key hashes did.
    slots: Vec<(u32, u32)>,
    /// The entries of every key, one run per key, in the order the pattern
    /// files give them.
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    /// The key's span of [`NameTable::text`].
    key: (u32, u32),
    /// Run of `entries`; empty for a prefix that is not itself a key.
    start: u32,
    len: u32,
    /// Some longer key starts with this one.
    prefix: bool,
}

/// The node of an empty slot of [`NameTable::slots`].
const NO_NODE: u32 = u32::MAX;

/// The bytes of a `(start, end)` span.
fn span(text: &[u8], (start, end): (u32, u32)) -> &[u8] {
    &text[start as usize..end as usize]
}

impl NameTable {
    fn build(keys: Keys) -> NameTable {
        // Room for the keys and half as many prefixes again, so that the
        // map is not rebuilt as it grows.
        let room = keys.spans.len() * 3 / 2;
        let mut table = NameTable {
            text: keys.text,
            nodes: Vec::with_capacity(room),
            slots: vec![(0, NO_NODE); (2 * room).next_power_of_two()],
            entries: Vec::new(),
        };
        // A key's node is its group: the keys' nodes come first, in the
        // order of their first entry, and the prefixes' after them.
        let mut group_of = Vec::with_capacity(keys.spans.len());
        let mut counts: Vec<u32> = Vec::new();
        for &(start, end, _) in &keys.spans {
            let group = table.node(start, end);
            if group as usize == counts.len() {
                counts.push(0);
            }
            counts[group as usize] += 1;
            group_of.push(group);
        }
        // Runs in group order, entries in file order within a run.
        let mut starts = Vec::with_capacity(counts.len());
        let mut total = 0;
        for c in &counts {
            starts.push(total);
            total += c;
        }
        let mut fill = starts.clone();
        let mut entries = vec![Entry::Place(0); total as usize];
        for ((_, _, entry), g) in keys.spans.iter().zip(&group_of) {
            let g = *g as usize;
            let run = &entries[starts[g] as usize..fill[g] as usize];
            if !run.contains(entry) {
                entries[fill[g] as usize] = *entry;
                fill[g] += 1;
            }
        }
        for (g, node) in table.nodes.iter_mut().enumerate() {
            node.start = starts[g];
            node.len = fill[g] - starts[g];
        }
        table.entries = entries;
        let mut word_ends = Vec::new();
        for g in 0..counts.len() {
            let (start, end) = table.nodes[g].key;
            word_ends.clear();
            word_ends.extend(
                span(&table.text, (start, end))
                    .windows(2)
                    .enumerate()
                    .filter(|(_, pair)| is_word_byte(pair[0]) && !is_word_byte(pair[1]))
                    .map(|(i, _)| start + i as u32 + 1),
            );
            for &word_end in &word_ends {
                let prefix = table.node(start, word_end);
                table.nodes[prefix as usize].prefix = true;
            }
        }
        table
    }

    /// The node of the key `text[start..end]`, made if there is none.
    fn node(&mut self, start: u32, end: u32) -> u32 {
        let key = span(&self.text, (start, end));
        let tag = hash_bytes(key) as u32;
        match self.find(key, tag) {
            Ok(id) => id,
            Err(slot) => {
                let id = self.nodes.len() as u32;
                self.nodes.push(Node {
                    key: (start, end),
                    start: 0,
                    len: 0,
                    prefix: false,
                });
                self.slots[slot] = (tag, id);
                if 2 * self.nodes.len() > self.slots.len() {
                    self.grow();
                }
                id
            }
        }
    }

    /// The node of `key`, whose hash's low half is `tag`, or else the
    /// empty slot where it would go.
    // Inline: the name lookup of every capitalised word.
    #[inline]
    fn find(&self, key: &[u8], tag: u32) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut at = tag as usize & mask;
        loop {
            let (t, id) = self.slots[at];
            if id == NO_NODE {
                return Err(at);
            }
            if t == tag && span(&self.text, self.nodes[id as usize].key) == key {
                return Ok(id);
            }
            at = (at + 1) & mask;
        }
    }

    /// Doubles the slots, which keep their tags: a key's new slot is found
    /// from its tag, without hashing the key again.
    fn grow(&mut self) {
        let doubled = vec![(0, NO_NODE); 2 * self.slots.len()];
        let old = std::mem::replace(&mut self.slots, doubled);
        let mask = self.slots.len() - 1;
        for (tag, id) in old.into_iter().filter(|&(_, id)| id != NO_NODE) {
            let mut at = tag as usize & mask;
            while self.slots[at].1 != NO_NODE {
                at = (at + 1) & mask;
            }
            self.slots[at] = (tag, id);
        }
    }

    /// The node of a key, if it has one.
    #[inline]
    fn get(&self, key: &[u8]) -> Option<&Node> {
        let id = self.find(key, hash_bytes(key) as u32).ok()?;
        Some(&self.nodes[id as usize])
    }

    /// The entries of a node.
    fn entries(&self, node: &Node) -> &[Entry] {
        &self.entries[node.start as usize..(node.start + node.len) as usize]
    }

    /// The longest key that starts at `at`, a word start, and ends at a word
    /// end, with its entries.
    fn longest_at(&self, text: &[u8], at: usize) -> Option<(usize, &[Entry])> {
        self.longest_from(text, at, next_word_end(text, at))
    }

    /// [`NameTable::longest_at`] where the first word is known to end at
    /// `end`: the capitalised words' ends are known before any lookup.
    fn longest_from(&self, text: &[u8], at: usize, mut end: usize) -> Option<(usize, &[Entry])> {
        let mut best = None;
        while let Some(node) = self.get(&text[at..end]) {
            if node.len > 0 {
                best = Some((end, self.entries(node)));
            }
            if !node.prefix || end == text.len() {
                break;
            }
            end = next_word_end(text, end);
        }
        best
    }
}

/// Where the next word ends: past the bytes between words at `from`, then
/// past the word's.
fn next_word_end(text: &[u8], mut from: usize) -> usize {
    while from < text.len() && !is_word_byte(text[from]) {
        from += 1;
    }
    while from < text.len() && is_word_byte(text[from]) {
        from += 1;
    }
    from
}

/// What a phrase of `patterns/place_phrases.tsv` says of the place after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    /// Where something happens (`à`, `dans la`).
    At,
    /// A place named after a noun (`de`), for the gazetteer.
    Of,
    /// Where a figure holds, for the linker (`pour`, `sur la commune de`).
    Figure,
    /// The whole of the place after `de` (`à l'échelle`).
    Scope,
    /// A district or polling station's name follows (`quartier`).
    District,
    /// A canton's name follows (`canton de`).
    Canton,
    /// An article that goes with a département or a région (`la`, `en`).
    Area,
}

/// How many kinds of place phrase there are: `Area` is the last.
const PHRASE_KINDS: usize = PhraseKind::Area as usize + 1;

/// The phrases of `patterns/place_phrases.tsv`, each with the space that
/// parts it from the name (none after an apostrophe).
#[derive(Debug, Clone)]
pub struct PlacePhrases {
    phrases: Vec<(Box<[u8]>, PhraseKind)>,
    /// The phrases read backwards, as a trie whose root is the first node:
    /// reading the text before a name from its end meets every phrase it
    /// ends with in a few steps, where most of that text shares only its
    /// last byte or two with any phrase.
    backwards: Vec<PhraseNode>,
    /// The first bytes of the district phrases, sorted, without repeats.
    district_starts: Vec<u8>,
    /// The phrases of each kind, longest first, by their index: the first
    /// one a text starts with is the longest.
    by_kind: [Vec<u32>; PHRASE_KINDS],
}

/// A node of [`PlacePhrases::backwards`].
#[derive(Debug, Clone, Default)]
struct PhraseNode {
    /// The next byte back, and its node.
    children: Vec<(u8, u32)>,
    /// The phrases, by index, that the bytes from the root spell backwards.
    phrases: Vec<u32>,
}

impl PlacePhrases {
    /// Parses `place_phrases.tsv`.
    pub fn parse(text: &str) -> Result<PlacePhrases, String> {
        let mut phrases = Vec::new();
        for (n, line) in data_lines(text) {
            let (phrase, kind) = line
                .split_once('\t')
                .ok_or(format!("place_phrases.tsv:{n}: expected 2 columns"))?;
            let kind = match kind.trim() {
                "at" => PhraseKind::At,
                "of" => PhraseKind::Of,
                "figure" => PhraseKind::Figure,
                "scope" => PhraseKind::Scope,
                "district" => PhraseKind::District,
                "canton" => PhraseKind::Canton,
                "area" => PhraseKind::Area,
                other => return Err(format!("place_phrases.tsv:{n}: unknown kind {other:?}")),
            };
            let mut phrase = fold(phrase.trim()).into_bytes();
            if phrase.is_empty() {
                return Err(format!("place_phrases.tsv:{n}: empty phrase"));
            }
            if !phrase.ends_with(b"'") {
                phrase.push(b' ');
            }
            phrases.push((phrase.into_boxed_slice(), kind));
        }
        let mut backwards = vec![PhraseNode::default()];
        for (i, (phrase, _)) in phrases.iter().enumerate() {
            let mut node = 0;
            for &b in phrase.iter().rev() {
                let known = backwards[node].children.iter().find(|(c, _)| *c == b);
                node = match known {
                    Some(&(_, next)) => next as usize,
                    None => {
                        backwards.push(PhraseNode::default());
                        let next = backwards.len() - 1;
                        backwards[node].children.push((b, next as u32));
                        next
                    }
                };
            }
            backwards[node].phrases.push(i as u32);
        }
        let mut district_starts: Vec<u8> = phrases
            .iter()
            .filter(|(_, k)| *k == PhraseKind::District)
            .map(|(p, _)| p[0])
            .collect();
        district_starts.sort_unstable();
        district_starts.dedup();
        let mut by_kind: [Vec<u32>; PHRASE_KINDS] = Default::default();
        for (i, (_, kind)) in phrases.iter().enumerate() {
            by_kind[*kind as usize].push(i as u32);
        }
        for ids in &mut by_kind {
            ids.sort_by_key(|&i| std::cmp::Reverse(phrases[i as usize].0.len()));
        }
        Ok(PlacePhrases {
            phrases,
            backwards,
            district_starts,
            by_kind,
        })
    }

    /// The longest phrase of one of `kinds` that `before` ends with, as
    /// whole words.
    pub fn ending(&self, kinds: &[PhraseKind], before: &[u8]) -> Option<&[u8]> {
        let mut longest: Option<&[u8]> = None;
        self.endings(before, |p, k| {
            if kinds.contains(&k) {
                // Met shortest first: a later one is at least as long.
                longest = Some(p);
            }
        });
        longest
    }

    /// Calls `found` with every phrase that `before` ends with, as whole
    /// words, and its kind, shortest first.
    fn endings<'p>(&'p self, before: &[u8], mut found: impl FnMut(&'p [u8], PhraseKind)) {
        let mut node = &self.backwards[0];
        for (len, b) in before.iter().rev().enumerate().map(|(i, b)| (i + 1, b)) {
            let Some(&(_, next)) = node.children.iter().find(|(c, _)| c == b) else {
                return;
            };
            node = &self.backwards[next as usize];
            // Most nodes end no phrase: the byte before is read only where
            // one does.
            if node.phrases.is_empty() {
                continue;
            }
            let whole = before
                .len()
                .checked_sub(len + 1)
                .is_none_or(|i| !is_word_byte(before[i]));
            if whole {
                for &i in &node.phrases {
                    let (phrase, kind) = &self.phrases[i as usize];
                    found(phrase, *kind);
                }
            }
        }
    }

    /// The length of the longest phrase of each kind that `before` ends
    /// with, 0 for none: one pass where a caller asks about several kinds.
    fn ending_lengths(&self, before: &[u8]) -> [usize; PHRASE_KINDS] {
        let mut longest = [0; PHRASE_KINDS];
        self.endings(before, |p, k| longest[k as usize] = p.len());
        longest
    }

    /// The longest phrase of `kind` that `text` starts with.
    pub fn starting(&self, kind: PhraseKind, text: &[u8]) -> Option<&[u8]> {
        self.by_kind[kind as usize]
            .iter()
            .map(|&i| &*self.phrases[i as usize].0)
            .find(|p| text.starts_with(p))
    }

    /// Where a district phrase may start in `text`: every byte that
    /// starts one, found with `memchr` when there are at most three.
    pub fn district_candidates<'t>(
        &'t self,
        text: &'t [u8],
    ) -> Box<dyn Iterator<Item = usize> + 't> {
        let starts = &self.district_starts;
        match starts[..] {
            [a] => Box::new(memchr::memchr_iter(a, text)),
            [a, b] => Box::new(memchr::memchr2_iter(a, b, text)),
            [a, b, c] => Box::new(memchr::memchr3_iter(a, b, c, text)),
            _ => Box::new((0..text.len()).filter(move |&i| starts.contains(&text[i]))),
        }
    }
}

/// The texts of the gazetteer's pattern files.
#[derive(Debug, Clone, Copy)]
pub struct GazetteerSources<'a> {
    /// `places.tsv`.
    pub places: &'a str,
    /// `cantons.tsv`, with the columns of `places.tsv`.
    pub cantons: &'a str,
    /// `people.tsv`.
    pub people: &'a str,
    /// `officials.tsv`.
    pub officials: &'a str,
    /// `parties.tsv`.
    pub parties: &'a str,
    /// `first_names.txt`.
    pub first_names: &'a str,
    /// `place_words.txt`.
    pub place_words: &'a str,
    /// `titles.txt`.
    pub titles: &'a str,
    /// `place_phrases.tsv`.
    pub place_phrases: &'a str,
    /// `ordinals.tsv`.
    pub ordinals: &'a str,
}

impl Gazetteer {
    /// Parses the pattern files and compiles the name map.
    pub fn build(src: GazetteerSources) -> Result<Gazetteer, String> {
        // Places and people are the two big lists: read them side by side.
        let (places, people) = rayon::join(|| read_places(&src), || read_people(&src));
        let (places, mut keys) = places?;
        let (people, people_keys, officials) = people?;
        keys.append(people_keys);
        let mut parties = Vec::new();
        let mut lower_case = Vec::new();
        for (_, line) in data_lines(src.parties).skip(1) {
            let c: Vec<&str> = line.split('\t').collect();
            let id = parties.len() as u32;
            let aliases = c.get(2).map_or(Vec::new(), |a| a.split(';').collect());
            // A competitor the file names in lower case is one the press
            // writes so (`la majorité départementale`): found wherever it
            // stands, not only at a capital.
            let written_low = c.get(1).is_some_and(|n| n.starts_with(char::is_lowercase));
            for name in [c[0], c.get(1).unwrap_or(&"")].into_iter().chain(aliases) {
                if !name.trim().is_empty() {
                    // So is an alias the file writes in lower case
                    // (`majorité présidentielle` for Ensemble).
                    if written_low || name.trim().starts_with(char::is_lowercase) {
                        lower_case.push(fold(name.trim()));
                    }
                    keys.add_folded(name.trim(), Entry::Party(id));
                }
            }
            parties.push(Party {
                abbr: c[0].to_string(),
                name: c.get(1).unwrap_or(&c[0]).to_string(),
            });
        }
        let names = NameTable::build(keys);
        let lower_case_head =
            memchr::memmem::Finder::new(common_prefix(&lower_case).as_bytes()).into_owned();
        let lower_case = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&lower_case)
            .map_err(|e| format!("parties.tsv: {e}"))?;
        let first_names = data_lines(src.first_names)
            .map(|(_, l)| fold(l.trim()))
            .collect();
        let mut ordinals = HashMap::default();
        for (n, line) in data_lines(src.ordinals) {
            let (word, value) = line
                .split_once('\t')
                .ok_or(format!("ordinals.tsv:{n}: expected 2 columns"))?;
            let value = if value == "suffix" {
                None
            } else {
                Some(
                    value
                        .parse()
                        .map_err(|_| format!("ordinals.tsv:{n}: bad number {value:?}"))?,
                )
            };
            ordinals.insert(word.to_string(), value);
        }
        let titles: Vec<String> = data_lines(src.titles)
            .map(|(_, l)| fold(l.trim()))
            .collect();
        Ok(Gazetteer {
            places: places.places,
            people,
            officials,
            officials_by_surname: OnceLock::new(),
            longer_communes: OnceLock::new(),
            parties,
            names,
            lower_case,
            lower_case_head,
            folded_names: places.folded_names,
            communes_by_dep: places.communes_by_dep,
            dep_index: places.dep_index,
            first_names,
            ordinals,
            title_ends: FewWords::new(titles.iter().map(|t| last_word(t.as_bytes()))),
            titles,
            phrases: PlacePhrases::parse(src.place_phrases)?,
        })
    }

    /// Finds the places, people and parties of one article.
    ///
    /// `sentences` are the folded spans of the sentences, in order: a
    /// capitalised ordinary word at the start of one is not taken for a
    /// place.
    pub fn find(&self, original: &str, folded: &Folded, sentences: &[(usize, usize)]) -> Mentions {
        let text = folded.text.as_bytes();
        let at_sentence_start = |at: usize| sentences.binary_search_by_key(&at, |s| s.0).is_ok();
        let words: Vec<(usize, usize)> = folded.capitalised_words().collect();

        // 1. The longest name at each capitalised word start.
        let mut raw: Vec<(usize, usize, &[Entry])> = Vec::with_capacity(words.len());
        // Places read with a lower-case elided article: where they start,
        // and the name read without the article, if any.
        let mut elided: Vec<(usize, Option<NameMatch>)> = Vec::new();
        let mut covered_until = 0;
        // The longest name at each word start looked at, for the surnames.
        let mut looked_up: Vec<(usize, Option<NameMatch>)> = Vec::with_capacity(words.len());
        for &(start, word_end) in &words {
            if start < covered_until {
                continue;
            }
            // No name starts inside a hyphenated word whose head names
            // nothing: `Dupuis-Aignan` is a surname, not Aignan (Gers);
            // `UDI-Modem` is two names.
            let o = folded.orig(start);
            let inside_word = o >= 2
                && original.as_bytes()[o - 1] == b'-'
                && original.as_bytes()[o - 2].is_ascii_alphanumeric()
                && raw.last().is_none_or(|r| r.1 + 1 != start);
            if inside_word {
                continue;
            }
            let plain = self.names.longest_from(text, start, word_end);
            looked_up.push((start, plain));
            // `Le Pas-de-Calais`: a name that begins with an article (Le
            // Pas, Mayenne) gives way to a longer one after the article.
            // Most words start with another letter, which one byte tells.
            let after_article = if text[start] == b'l' {
                [&b"le "[..], b"la ", b"les "]
                    .iter()
                    .find(|a| text[start..].starts_with(a))
                    .map(|a| start + a.len())
            } else {
                None
            };
            if let (Some((end, _)), Some(next)) = (plain, after_article)
                && self.longest_at(text, next).is_some_and(|(e, _)| e > end)
            {
                continue;
            }
            // Running text writes the article of `L'Isle-Jourdain` in lower
            // case (`à l'Isle-Jourdain`), so the capitalised word is not
            // where the name starts.
            let with_article = start
                .checked_sub(2)
                .filter(|&a| a >= covered_until && &text[a..start] == b"l'")
                .filter(|&a| a == 0 || !is_word_byte(text[a - 1]))
                .and_then(|a| Some((a, self.longest_at(text, a)?)))
                .filter(|(_, (end, entries))| {
                    plain.is_none_or(|(e, _)| *end >= e)
                        && entries.iter().any(|e| matches!(e, Entry::Place(_)))
                });
            if let Some((a, (end, entries))) = with_article {
                raw.push((a, end, entries));
                elided.push((a, plain));
                covered_until = end;
            } else if let Some((end, entries)) = plain {
                if self.abbreviation_in_lower_case(original, folded, start, end, entries) {
                    continue;
                }
                raw.push((start, end, entries));
                covered_until = end;
            }
        }

        // Competitors written in lower case, where no capitalised name stands.
        let capitalised = raw.len();
        if self.lower_case_head.find(text).is_some() {
            for m in self.lower_case.find_iter(&folded.text) {
                let whole = (m.start() == 0 || !is_word_byte(text[m.start() - 1]))
                    && text.get(m.end()).is_none_or(|b| !is_word_byte(*b));
                let free = !inside(&raw[..capitalised], m.start(), |r| (r.0, r.1))
                    && !inside(&raw[..capitalised], m.end() - 1, |r| (r.0, r.1));
                if let (true, true, Some((end, entries))) =
                    (whole, free, self.longest_at(text, m.start()))
                {
                    raw.push((m.start(), end, entries));
                }
            }
        }
        if raw.len() > capitalised {
            raw.sort_by_key(|r| r.0);
        }

        // 2. People named in full, then `Prénom Nom` sequences.
        let mut out = Mentions::default();
        // Room for a typical article's people and départements, so that
        // the maps are not grown entry by entry; small enough for the
        // allocator's fast path.
        let room = raw.len().min(8);
        let mut person_ids: HashMap<u32, u32> =
            HashMap::with_capacity_and_hasher(room, Default::default());
        for (_, _, entries) in &raw {
            for e in *entries {
                if let Entry::Person(p) = e {
                    person_ids
                        .entry(*p)
                        .or_insert_with(|| out.person_id(&self.people[*p as usize]));
                }
            }
        }
        let local = self.local_people(original, folded, &words, &raw, &mut out);

        // 3. Anchors for place ambiguity: départements and régions of the
        // places that have only one reading.
        // A place word inside a person's name (`Pierre-Yves Cadalen`, and
        // Cadalen is in the Tarn) says nothing of where the article is.
        let mut named: Vec<(usize, usize)> = raw
            .iter()
            .filter(|r| r.2.iter().any(|e| matches!(e, Entry::Person(_))))
            .map(|r| (r.0, r.1))
            .chain(local.iter().map(|m| (m.start, m.end)))
            .collect();
        named.sort_unstable();
        // Overlapping names merged, as `inside` wants.
        named.dedup_by(|b, a| {
            let overlaps = b.0 < a.1;
            if overlaps {
                a.1 = a.1.max(b.1);
            }
            overlaps
        });
        let mut deps = CodeCounts::with_capacity_and_hasher(room, Default::default());
        let mut regs = CodeCounts::with_capacity_and_hasher(room, Default::default());
        let mut in_named = Walk::new(&named, |&n| n);
        for (start, _, entries) in &raw {
            if elided.iter().any(|e| e.0 == *start) || in_named.inside(*start) {
                continue;
            }
            let places = entries
                .iter()
                .filter_map(|e| match e {
                    Entry::Place(p) => Some(&self.places[*p as usize]),
                    _ => None,
                })
                .filter(|p| p.kind != PlaceKind::Canton);
            if let Some(p) = only(places) {
                let dep = if p.kind == PlaceKind::Departement {
                    &p.code[4..]
                } else {
                    &p.dep
                };
                *deps.entry(dep).or_default() += 1;
                *regs.entry(&p.reg).or_default() += 1;
            }
        }

        // 4. Resolve each match; people found by first name come first so
        // that they win over a commune of the same name (`Marie`, `Challet`).
        // `Mme Rochefort` is a person, whatever else Rochefort names.
        let titled: Vec<(usize, usize, u32)> = raw
            .iter()
            .filter(|(_, _, entries)| !entries.iter().any(|e| matches!(e, Entry::Person(_))))
            .filter_map(|&(start, _, _)| {
                let (end, p) = self.titled_official(text, &words, start, &deps)?;
                Some((start, end, p))
            })
            .collect();
        let mut titled_items = Vec::with_capacity(titled.len());
        for &(start, end, p) in &titled {
            let id = out.person_id(&self.people[p as usize]);
            titled_items.push(Mention {
                start,
                end,
                what: Named::Person(id),
            });
        }
        let resolve = |start: usize, end: usize, entries: &[Entry]| {
            self.resolve(
                entries,
                &person_ids,
                &out.people,
                text,
                (start, end),
                &deps,
                &regs,
                || at_sentence_start(start),
            )
        };
        // `l'Union européenne` is not L'Union: a name read with its elided
        // article counts only in the article's départements, and the name
        // without it (`canton de l'Isle-Jourdain`) is read otherwise.
        let in_article = |what: &Option<Named>| match what {
            Some(Named::Place(p)) => deps.contains_key(self.places[*p as usize].dep.as_str()),
            _ => false,
        };
        let mut resolved = Vec::with_capacity(raw.len());
        for &(start, end, entries) in &raw {
            if titled.iter().any(|t| t.0 == start) {
                continue;
            }
            let mut found = Some((start, end, resolve(start, end, entries)));
            if let Some(&(_, plain)) = elided.iter().find(|e| e.0 == start)
                && !found.as_ref().is_some_and(|f| in_article(&f.2))
            {
                found =
                    plain.map(|(end, entries)| (start + 2, end, resolve(start + 2, end, entries)));
            }
            if let Some((start, end, Some(what))) = found {
                resolved.push(Mention { start, end, what });
            }
        }
        // Each part is in text order, as `raw` is: merged, not sorted anew.
        let mut items = merge_by_start(merge_by_start(local, titled_items), resolved);
        items.dedup_by(|b, a| b.start < a.end);
        self.misspelt_communes(text, &words, &deps, &at_sentence_start, &mut items);
        self.constituencies(text, &deps, &mut items);
        self.elliptical_constituencies(text, &mut items);
        out.items = items;
        let named: Vec<u32> = person_ids.keys().copied().collect();
        self.surname_people(text, &words, &looked_up, &named, &deps, &mut out);
        self.parties_in_brackets(text, &mut out);
        out
    }

    /// A capitalised word that names nothing, written where a place goes
    /// (after `à`, `de`, or next to a place in a list), one letter away from
    /// exactly one commune of the article's départements: the press
    /// misspells communes (`Cerisay` for Cerizay), and the article's other
    /// places make the reading safe.
    fn misspelt_communes(
        &self,
        text: &[u8],
        words: &[(usize, usize)],
        deps: &CodeCounts,
        at_sentence_start: &impl Fn(usize) -> bool,
        items: &mut Vec<Mention>,
    ) {
        if deps.is_empty() {
            return;
        }
        let mut found = Vec::new();
        for &(s, e) in words {
            if e - s < 6 {
                continue;
            }
            let before = &text[..s];
            let locative = [&b" a "[..], b" de ", b" d'"]
                .iter()
                .any(|l| before.ends_with(l))
                || before == b"a ";
            // The items do not overlap, so their ends rise with their
            // starts: the last one ended by `s` is found by bisection,
            // once the text says a list goes on.
            let after_place = || {
                if !(before.ends_with(b", ") || before.ends_with(b" et ")) {
                    return false;
                }
                let ended = items.partition_point(|m| m.end <= s);
                ended.checked_sub(1).is_some_and(|i| {
                    let m = &items[i];
                    matches!(m.what, Named::Place(_)) && matches!(&text[m.end..s], b", " | b" et ")
                })
            };
            // The dearer checks last: few words follow `à` or `de`.
            if !(locative || after_place())
                || at_sentence_start(s)
                || inside(items, s, |m| (m.start, m.end))
            {
                continue;
            }
            let word = &text[s..e];
            // Among several, a current commune and then the most populous,
            // as for homonyms; a tie is no reading.
            let rank = |p: u32| {
                let place = &self.places[p as usize];
                (place.kind == PlaceKind::Commune, place.population)
            };
            let mut candidates: Vec<u32> = deps
                .keys()
                .filter_map(|d| self.communes_by_dep.get(*d))
                .flatten()
                .copied()
                .filter(|&p| one_edit(self.folded_name(p), word))
                .collect();
            candidates.sort_by_key(|&p| std::cmp::Reverse(rank(p)));
            let unique = candidates
                .get(1)
                .is_none_or(|&q| rank(q) < rank(candidates[0]));
            if let Some(&p) = candidates.first().filter(|_| unique) {
                found.push(Mention {
                    start: s,
                    end: e,
                    what: Named::Place(p),
                });
            }
        }
        if !found.is_empty() {
            items.extend(found);
            items.sort_by_key(|m| m.start);
        }
    }

    fn folded_name(&self, place: u32) -> &[u8] {
        let (start, end) = self.places[place as usize].key;
        &self.folded_names[start as usize..end as usize]
    }

    fn longest_at(&self, text: &[u8], at: usize) -> Option<(usize, &[Entry])> {
        self.names.longest_at(text, at)
    }

    /// `la 2e circonscription des Deux-Sèvres`, `première circonscription de
    /// la Vienne`: an ordinal, the word, a département mention.
    fn constituencies(&self, text: &[u8], deps: &CodeCounts, items: &mut Vec<Mention>) {
        const WORD: &[u8] = b" circonscription ";
        for m in items.iter_mut() {
            let Named::Place(p) = m.what else { continue };
            if self.places[p as usize].kind != PlaceKind::Departement {
                continue;
            }
            let before = &text[..m.start];
            const LINKS: [&[u8]; 6] = [b"des ", b"de la ", b"de l'", b"du ", b"de ", b"d'"];
            let Some(link) = LINKS.iter().find(|l| before.ends_with(l)) else {
                continue;
            };
            let before = &before[..before.len() - link.len()];
            let Some(before) = before.strip_suffix(WORD) else {
                continue;
            };
            if let Some((start, n)) = self.ordinal_before(before) {
                *m = Mention {
                    start,
                    end: m.end,
                    what: Named::Constituency(p, n),
                };
            }
        }
        // `la première circonscription` with no département after it: the
        // article's own département, when one clearly leads its places.
        let Some(dep) = leading(deps).and_then(|d| self.dep_index.get(d)) else {
            return;
        };
        let mut found = Vec::new();
        for at in memchr::memmem::find_iter(text, &WORD[..WORD.len() - 1]) {
            let end = at + WORD.len() - 1;
            let whole = text.get(end).is_none_or(|b| !is_word_byte(*b));
            if !whole || inside(items, at + 1, |m| (m.start, m.end)) {
                continue;
            }
            if let Some((start, n)) = self.ordinal_before(&text[..at]) {
                found.push(Mention {
                    start,
                    end,
                    what: Named::Constituency(*dep, n),
                });
            }
        }
        if !found.is_empty() {
            items.extend(found);
            items.sort_by_key(|m| m.start);
        }
    }

    /// The ordinal that ends `before` (`2e`, `premiere`, `dix septieme`),
    /// with its start.
    /// `Dans la 2e circonscription, ... Dans la 3e, ...`: an ordinal alone
    /// after `dans la`, closed by a comma or a colon, is a constituency of
    /// the département of the last one named before it.
    fn elliptical_constituencies(&self, text: &[u8], items: &mut Vec<Mention>) {
        const LEAD: &[u8] = b"dans la ";
        let mut found = Vec::new();
        for at in memchr::memmem::find_iter(text, LEAD) {
            if at > 0 && is_word_byte(text[at - 1]) {
                continue;
            }
            let start = at + LEAD.len();
            let len = text[start..]
                .iter()
                .take_while(|b| is_word_byte(**b))
                .count();
            let rest = &text[start + len..];
            if len == 0 || !(rest.starts_with(b",") || rest.trim_ascii_start().starts_with(b":")) {
                continue;
            }
            let Some(n) = std::str::from_utf8(&text[start..start + len])
                .ok()
                .and_then(|w| self.ordinal(w))
            else {
                continue;
            };
            let dep = items.iter().rev().find_map(|m| match m.what {
                Named::Constituency(d, _) if m.end <= at => Some(d),
                _ => None,
            });
            if let Some(d) = dep
                && !inside(items, start, |m| (m.start, m.end))
            {
                found.push(Mention {
                    start,
                    end: start + len,
                    what: Named::Constituency(d, n),
                });
            }
        }
        if !found.is_empty() {
            items.extend(found);
            items.sort_by_key(|m| m.start);
        }
    }

    fn ordinal_before(&self, before: &[u8]) -> Option<(usize, u8)> {
        let word_start = before
            .iter()
            .rposition(|b| !is_word_byte(*b) && *b != b' ')
            .map_or(0, |i| i + 1);
        let phrase = std::str::from_utf8(&before[word_start..])
            .unwrap_or("")
            .trim_start();
        let number = phrase
            .rsplit(' ')
            .next()
            .and_then(|w| self.ordinal(w))
            .or_else(|| {
                // Two-word ordinals: `dix septieme`.
                let mut parts = phrase.rsplitn(3, ' ');
                let (last, prev) = (parts.next()?, parts.next()?);
                self.ordinal(&format!("{prev} {last}"))
            })?;
        Some((
            before.len() - phrase.rsplit(' ').next().unwrap_or("").len(),
            number,
        ))
    }

    fn ordinal(&self, word: &str) -> Option<u8> {
        if let Some(v) = self.ordinals.get(word) {
            return *v;
        }
        let digits = word.bytes().take_while(u8::is_ascii_digit).count();
        let (n, suffix) = word.split_at(digits);
        match self.ordinals.get(suffix) {
            Some(None) if digits > 0 => n.parse().ok(),
            _ => None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn resolve(
        &self,
        entries: &[Entry],
        person_ids: &HashMap<u32, u32>,
        people: &[ArticlePerson],
        text: &[u8],
        (start, end): (usize, usize),
        deps: &CodeCounts,
        regs: &CodeCounts,
        at_sentence_start: impl Fn() -> bool,
    ) -> Option<Named> {
        // A full name, then a surname of someone the article names in full.
        for e in entries {
            if let Entry::Person(p) = e {
                return person_ids.get(p).map(|&i| Named::Person(i));
            }
        }
        let before = &text[..start];
        let lengths = self.phrases.ending_lengths(before);
        let locative = Some(lengths[PhraseKind::At as usize].max(lengths[PhraseKind::Of as usize]))
            .filter(|&l| l > 0);
        // `à Chiché` is the commune even in an article on Guillaume Chiche,
        // but `32,3 % à Montebourg` is the candidate.
        let place_first = locative.is_some_and(|l| {
            let head = before[..before.len() - l].trim_ascii_end();
            !head.ends_with(b"%") && !head.last().is_some_and(u8::is_ascii_digit)
        }) && entries.iter().any(|e| matches!(e, Entry::Place(_)));
        for e in entries.iter().filter(|_| !place_first) {
            if let Entry::Surname(p) = e {
                let surname = self.people[*p as usize].surname();
                if let Some(i) = people.iter().position(|a| a.folded_surname == surname) {
                    return Some(Named::Person(i as u32));
                }
            }
        }
        let locative = locative.is_some();
        let canton_word = lengths[PhraseKind::Canton as usize] > 0;
        // `en Vienne`, `dans la Vienne`: an area; `à Vienne`: a town.
        let article = (
            lengths[PhraseKind::Area as usize] > 0,
            before == b"a " || before.ends_with(b" a "),
        );
        let best_place = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Place(p) => Some(*p),
                _ => None,
            })
            .filter(|p| (self.places[*p as usize].kind == PlaceKind::Canton) == canton_word)
            .map(|id| (id, None))
            // The last of the best, as `max_by` would have it; each score
            // computed once, and none when there is one place.
            .reduce(|(best, best_score), (next, _)| {
                let score =
                    |id: u32| self.place_score(&self.places[id as usize], deps, regs, article);
                let best_score = best_score.unwrap_or_else(|| score(best));
                let next_score = score(next);
                if best_score.total_cmp(&next_score).is_gt() {
                    (best, Some(best_score))
                } else {
                    (next, Some(next_score))
                }
            })
            .map(|(id, _)| id);
        if let Some(p) = best_place {
            let place = &self.places[p as usize];
            // A small one-word commune opening a sentence is more often an
            // ordinary capitalised word (`Son`, `Marie`) than the place.
            // Bytes, not characters: the separators are ASCII, and this
            // runs for every place found. Asked last, being the dearest.
            let one_word = || !place.name.bytes().any(|b| matches!(b, b' ' | b'-' | b'\''));
            // `Lezay : Marine Le Pen 51,3 %` labels a line with the place.
            let label = matches!(text.get(end..end + 2), Some(b" :" | b":"));
            let small_opening =
                place.population < 5000 && !locative && !label && at_sentence_start() && one_word();
            // `au`, `aux` stand for `à le`, `à les`, which no commune
            // without an article of its own follows: `au Bar des Sports`.
            let contracted = [&b"au "[..], b"aux "].iter().any(|p| {
                before.ends_with(p)
                    && before
                        .len()
                        .checked_sub(p.len() + 1)
                        .is_none_or(|k| !is_word_byte(before[k]))
            });
            let word_like = small_opening || place.word_like;
            if !(word_like && (!locative || contracted || at_sentence_start())) {
                return Some(Named::Place(self.shortened(p, deps).unwrap_or(p)));
            }
        }
        // A surname alone, unique among listed people: `Sarkozy`. Every
        // listed person of that surname is an entry of this key.
        let surnames = entries
            .iter()
            .filter(|e| matches!(e, Entry::Surname(_)))
            .count();
        if surnames == 1 && !at_sentence_start() {
            return None; // resolved later by `surname_people`
        }
        entries.iter().find_map(|e| match e {
            Entry::Party(p) => Some(Named::Party(*p)),
            _ => None,
        })
    }

    /// The commune of the article's départements whose name a smaller
    /// commune's only begins: the press shortens `Saint-Maixent-l'École`
    /// to `St-Maixent`, which is also a village of the Sarthe. Only when
    /// exactly one name of the article's départements so continues.
    fn shortened(&self, p: u32, deps: &CodeCounts) -> Option<u32> {
        if self.places[p as usize].kind != PlaceKind::Commune {
            return None;
        }
        let longer = self.longer_communes.get_or_init(|| {
            // Each word prefix of a commune's name (`saint maixent` of
            // `saint maixent l'ecole`) is looked up among the keys, which
            // hold every commune's name: most name no commune. The names
            // lie end to end in place order: one `memchr` pass over them
            // all finds every space, where a loop per name costs more.
            let mut pairs = Vec::new();
            let mut q = 0;
            for space in memchr::memchr_iter(b' ', &self.folded_names) {
                while self.places[q].key.1 as usize <= space {
                    q += 1;
                }
                let larger = &self.places[q];
                if larger.kind != PlaceKind::Commune {
                    continue;
                }
                let prefix = &self.folded_names[larger.key.0 as usize..space];
                let Some(node) = self.names.get(prefix) else {
                    continue;
                };
                for entry in self.names.entries(node) {
                    let Entry::Place(p) = *entry else { continue };
                    let shorter = &self.places[p as usize];
                    if shorter.kind == PlaceKind::Commune
                        && shorter.population < larger.population
                        && self.folded_name(p) == prefix
                    {
                        pairs.push((u64::from(p), q as u32));
                    }
                }
            }
            Groups::new(self.places.len(), pairs.iter().copied())
        });
        only(
            longer
                .get(p as usize)
                .iter()
                .copied()
                .filter(|&q| deps.contains_key(self.places[q as usize].dep.as_str())),
        )
    }

    fn place_score(
        &self,
        p: &Place,
        deps: &CodeCounts,
        regs: &CodeCounts,
        (area_article, town_article): (bool, bool),
    ) -> f64 {
        let dep = if p.kind == PlaceKind::Departement {
            &p.code[4..]
        } else {
            p.dep.as_str()
        };
        let mut score = 0.0;
        if deps.contains_key(dep) {
            score += 4.0;
        }
        if regs.contains_key(p.reg.as_str()) {
            score += 2.0;
        }
        let big_area = matches!(
            p.kind,
            PlaceKind::Departement | PlaceKind::Region | PlaceKind::OldRegion
        );
        // The article before the name agrees with the kind of place.
        if (big_area && area_article) || (!big_area && town_article) {
            score += 1.5;
        }
        if big_area {
            score += 0.5;
        }
        if p.kind == PlaceKind::Commune {
            score += 0.25;
        }
        score + (p.population as f64 + 1.0).log10() / 10.0
    }

    /// `Prénom Nom` sequences that are not listed people, and surname-only
    /// mentions of them later in the article.
    fn local_people(
        &self,
        original: &str,
        folded: &Folded,
        words: &[(usize, usize)],
        raw: &[(usize, usize, &[Entry])],
        out: &mut Mentions,
    ) -> Vec<Mention> {
        let text = folded.text.as_bytes();
        // A listed name of first names only (`Jean Michel`) that a
        // capitalised word continues (`Jean-Michel Rivault`) is the start of
        // someone else's name.
        let continued = |&(s, e, _): &(usize, usize, &[Entry])| {
            text.get(e) == Some(&b' ')
                && words.binary_search_by_key(&(e + 1), |w| w.0).is_ok()
                && text[s..e]
                    .split(|b| *b == b' ')
                    .all(|w| std::str::from_utf8(w).is_ok_and(|w| self.first_names.contains(w)))
        };
        let person_spans: Vec<(usize, usize)> = raw
            .iter()
            .filter(|(_, _, entries)| entries.iter().any(|e| matches!(e, Entry::Person(_))))
            .filter(|r| !continued(r))
            .map(|(s, e, _)| (*s, *e))
            .collect();
        let mut covered = Walk::new(&person_spans, |&(s, e)| (s, e));
        let mut kept = Vec::with_capacity(words.len());
        kept.extend(
            words
                .iter()
                .copied()
                .filter(|&(s, e)| e - s >= 2 && !text[s].is_ascii_digit()),
        );
        let words = kept;
        let mut found = Vec::new();
        let mut k = 0;
        let mut raw_passed = 0;
        while k < words.len() {
            let (s, e) = words[k];
            // `Saint Varent` is a place that starts with a first name.
            let at = starts_before(raw, &mut raw_passed, s);
            let longer_name = raw
                .get(at)
                .is_some_and(|r| r.0 == s && r.1 > e && !continued(r));
            if covered.inside(s) || longer_name || !self.first_names.contains(&folded.text[s..e]) {
                k += 1;
                continue;
            }
            // First names (`Jean Philippe`), then the surname, joined by
            // single spaces or hyphens only.
            let mut last = k;
            while last + 1 < words.len()
                && adjacent(text, words[last].1, words[last + 1].0)
                && self
                    .first_names
                    .contains(&folded.text[words[last + 1].0..words[last + 1].1])
                && last - k < 1
            {
                last += 1;
            }
            let mut surname_at = last + 1;
            if surname_at >= words.len()
                || !adjacent_or_particle(text, words[last].1, words[surname_at].0)
            {
                // `Jean Philippe` alone: the second first name is the surname.
                if last > k {
                    surname_at = last;
                } else {
                    k += 1;
                    continue;
                }
            }
            let (ss, mut se) = words[surname_at];
            // `école Jules-Ferry`, `rue Jean-Macé`: a first name hyphened
            // to a surname names a school or a street, not a person.
            let hyphened = surname_at > last && original.as_bytes()[folded.orig(ss) - 1] == b'-';
            if covered.inside(ss) || hyphened {
                k = surname_at + 1;
                continue;
            }
            let mut surname_end = surname_at;
            se = surname_tail(original, folded, &words, &mut surname_end, se);
            let written = &original[folded.orig(s)..folded.orig(se)];
            // Folding goes character by character, so a name written with
            // single spaces folds to the folded text it spans.
            let (name, folded_name) = if single_spaced(written) {
                (Cow::Borrowed(written), Cow::Borrowed(&folded.text[s..se]))
            } else {
                let name = written.split_whitespace().collect::<Vec<_>>().join(" ");
                let folded_name = fold(&name);
                (Cow::Owned(name), Cow::Owned(folded_name))
            };
            let id = match out
                .people
                .iter()
                .position(|p| p.folded_name == *folded_name)
            {
                Some(i) => i,
                None => {
                    let folded_surname =
                        folded.text[words[(last + 1).min(surname_at)].0..se].to_string();
                    out.people.push(ArticlePerson {
                        name: name.into_owned(),
                        party: None,
                        elections: Box::default(),
                        folded_surname,
                        folded_name: folded_name.into_owned(),
                    });
                    out.people.len() - 1
                }
            };
            found.push(Mention {
                start: s,
                end: se,
                what: Named::Person(id as u32),
            });
            k = surname_end + 1;
        }
        // Later mentions by surname alone (`Claeys`). A surname that the
        // text continues with from a word begins with that word as a whole
        // word, so the people are looked up by their surname's first word:
        // a scan of them all at every word would be quadratic in a long
        // article. Each word leads to its first person, who leads to the
        // next of that word: one list for them all, not one per word.
        let mut by_first_word: HashMap<&[u8], usize> =
            HashMap::with_capacity_and_hasher(out.people.len(), Default::default());
        let mut next_of_word = vec![None; out.people.len()];
        let mut first_words = Shapes::default();
        for (i, p) in out.people.iter().enumerate().rev() {
            let surname = p.folded_surname.as_bytes();
            let first = &surname[..surname
                .iter()
                .position(|b| !is_word_byte(*b))
                .unwrap_or(surname.len())];
            first_words.add(first);
            next_of_word[i] = by_first_word.insert(first, i);
        }
        let mut surnames = Vec::new();
        let mut in_found = Walk::new(&found, |m: &Mention| (m.start, m.end));
        let mut covered = Walk::new(&person_spans, |&(s, e)| (s, e));
        let mut raw_passed = 0;
        for &(s, e) in &words {
            // Few words begin anyone's surname: that is asked first.
            let word = &text[s..e];
            let Some(&first) = first_words
                .may_hold(word)
                .then(|| by_first_word.get(word))
                .flatten()
            else {
                continue;
            };
            if in_found.inside(s) || covered.inside(s) {
                continue;
            }
            // `à Chiché` is the commune, not M. Chiche: nobody is `à` a person.
            let at = starts_before(raw, &mut raw_passed, s);
            let place_here = raw
                .get(at)
                .is_some_and(|r| r.0 == s && r.2.iter().any(|e| matches!(e, Entry::Place(_))));
            if place_here && (text[..s].ends_with(b" a ") || &text[..s] == b"a ") {
                continue;
            }
            let rest = &text[s..];
            // The longest surname that the text continues with as whole
            // words, the last of the longest.
            let mut hit: Option<(usize, usize)> = None;
            for i in std::iter::successors(Some(first), |&i| next_of_word[i]) {
                let surname = out.people[i].folded_surname.as_bytes();
                if !rest.starts_with(surname)
                    || rest.get(surname.len()).is_some_and(|b| is_word_byte(*b))
                {
                    continue;
                }
                if hit.is_none_or(|(_, len)| surname.len() >= len) {
                    hit = Some((i, surname.len()));
                }
            }
            if let Some((i, len)) = hit {
                surnames.push(Mention {
                    start: s,
                    end: s + len,
                    what: Named::Person(i as u32),
                });
            }
        }
        merge_by_start(found, surnames)
    }

    /// Resolves surname-only mentions of listed people that the article
    /// never names in full (`Sarkozy`, `F Fillon`, `M Le Pen`).
    /// `looked_up` holds the longest names already found at some word
    /// starts, in order.
    fn surname_people(
        &self,
        text: &[u8],
        words: &[(usize, usize)],
        looked_up: &[(usize, Option<NameMatch>)],
        named: &[u32],
        deps: &CodeCounts,
        mentions: &mut Mentions,
    ) {
        let mut added = Vec::new();
        let mut covered_until = 0;
        // Out of `mentions` while the people grow: the walk borrows them.
        let items = std::mem::take(&mut mentions.items);
        let mut in_items = Walk::new(&items, |m: &Mention| (m.start, m.end));
        let mut looked = 0;
        for &(i, word_end) in words {
            if i < covered_until || in_items.inside(i) {
                continue;
            }
            while looked_up.get(looked).is_some_and(|l| l.0 < i) {
                looked += 1;
            }
            let name = match looked_up.get(looked) {
                Some(&(at, name)) if at == i => name,
                _ => self.names.longest_from(text, i, word_end),
            };
            let chosen = match name {
                None => self.titled_official(text, words, i, deps),
                Some((end, entries)) => {
                    // Every word of a surname but a particle is capitalised:
                    // `Le maire sortant` is not Bruno Le Maire, `de Villepin` is.
                    let particle = |k: usize| {
                        let len = text[k..].iter().take_while(|b| is_word_byte(**b)).count();
                        matches!(&text[k..k + len], b"de" | b"du" | b"des" | b"d")
                    };
                    let capitalised = |k: usize| words.binary_search_by_key(&k, |w| w.0).is_ok();
                    let all_capitalised = (i..end)
                        .filter(|&k| {
                            is_word_byte(text[k]) && (k == 0 || !is_word_byte(text[k - 1]))
                        })
                        .filter(|&k| !particle(k))
                        .all(capitalised);
                    if !all_capitalised {
                        continue;
                    }
                    covered_until = end;
                    // An initial before the surname picks among homonyms.
                    let initial = initial_before(text, i);
                    let national: Vec<u32> = entries
                        .iter()
                        .filter_map(|e| match e {
                            Entry::Surname(p) => Some(*p),
                            _ => None,
                        })
                        .filter(|p| {
                            initial.is_none_or(|c| {
                                self.people[*p as usize].folded_name.starts_with(c as char)
                            })
                        })
                        .collect();
                    match national[..] {
                        [p] => Some((end, p)),
                        [] => self.titled_official(text, words, i, deps),
                        _ => self
                            .in_articles_election(&national, named, text)
                            .map(|p| (end, p)),
                    }
                }
            };
            if let Some((end, p)) = chosen {
                let id = mentions.person_id(&self.people[p as usize]);
                added.push(Mention {
                    start: i,
                    end,
                    what: Named::Person(id),
                });
                covered_until = covered_until.max(end);
            }
        }
        mentions.items = items;
        if !added.is_empty() {
            mentions.items.extend(added);
            mentions.items.sort_by_key(|m| m.start);
        }
    }

    /// Whether a match names only parties by a short abbreviation the text
    /// does not write as the list does (`Se` opening a sentence is not SE,
    /// `Ps` not PS). Longer ones the press writes as words (`Modem`,
    /// `Nupes`) are read however written.
    fn abbreviation_in_lower_case(
        &self,
        original: &str,
        folded: &Folded,
        start: usize,
        end: usize,
        entries: &[Entry],
    ) -> bool {
        // Most names are no party's: what was written is read only for
        // those that are.
        let written = || &original[folded.orig(start)..folded.orig(end)];
        let key = &folded.text.as_bytes()[start..end];
        entries.iter().all(|e| match e {
            Entry::Party(p) => {
                let abbr = &self.parties[*p as usize].abbr;
                // Short abbreviations are ASCII: no folding (and no
                // allocation) needed to compare them with the key.
                (1..=3).contains(&abbr.len())
                    && abbr.as_bytes().eq_ignore_ascii_case(key)
                    && written() != abbr
                    && written().chars().any(char::is_lowercase)
            }
            _ => false,
        })
    }

    /// `Jean-Michel Prieur (DVG)`: the party in brackets right after a
    /// person is theirs, as the article has it, whatever a list says.
    fn parties_in_brackets(&self, text: &[u8], out: &mut Mentions) {
        for pair in out.items.windows(2) {
            let (Named::Person(person), Named::Party(party)) = (pair[0].what, pair[1].what) else {
                continue;
            };
            let person = &mut out.people[person as usize];
            if &text[pair[0].end..pair[1].start] == b" (" && text.get(pair[1].end) == Some(&b')') {
                let party = &self.parties[party as usize];
                person.party = Some(
                    if party.abbr.is_empty() {
                        &party.name
                    } else {
                        &party.abbr
                    }
                    .clone(),
                );
            }
        }
    }

    /// A surname alone after a title (`Mme Revers`, `le maire Dupont`):
    /// the only local official of that name whose seat is in one of the
    /// article's départements, and where the surname ends. Without a
    /// title, a capitalised word that is some official's surname is too
    /// often a shop, a street or a stranger.
    fn titled_official(
        &self,
        text: &[u8],
        words: &[(usize, usize)],
        at: usize,
        deps: &CodeCounts,
    ) -> Option<(usize, u32)> {
        if deps.is_empty() {
            return None;
        }
        let before = text[..at].strip_suffix(b" ")?;
        let before = before.strip_suffix(b".").unwrap_or(before);
        if !self.title_ends.contains(last_word(before)) {
            return None;
        }
        let titled = self.titles.iter().any(|t| {
            before.ends_with(t.as_bytes())
                && before
                    .len()
                    .checked_sub(t.len() + 1)
                    .is_none_or(|k| !is_word_byte(before[k]))
        });
        if !titled {
            return None;
        }
        let index = self.officials_by_surname.get_or_init(|| {
            let pairs: Vec<(u64, u32)> = (self.officials..self.people.len() as u32)
                .map(|p| (hash_bytes(self.people[p as usize].surname().as_bytes()), p))
                .collect();
            HashIndex::new(&pairs)
        });
        // The surname may run over a few capitalised words (`Le Roy`,
        // `Dupont-Aignan`, folded `dupont aignan`): the longest listed.
        let first = words.binary_search_by_key(&at, |w| w.0).ok()?;
        let mut ends = vec![words[first].1];
        for w in &words[first + 1..(first + 3).min(words.len())] {
            if w.0 != ends[ends.len() - 1] + 1 {
                break;
            }
            ends.push(w.1);
        }
        ends.iter().rev().find_map(|&end| {
            let key = &text[at..end];
            let mut seats = index.get(hash_bytes(key)).iter().copied().filter(|&p| {
                let person = &self.people[p as usize];
                let dep = person.seat();
                person.surname().as_bytes() == key && !dep.is_empty() && deps.contains_key(dep)
            });
            // One person may hold several seats (mayor, then deputy).
            let found = seats.next()?;
            let name = &self.people[found as usize].folded_name;
            seats
                .all(|p| &self.people[p as usize].folded_name == name)
                .then_some((end, found))
        })
    }

    /// Among homonyms (`Le Pen`), the only one who stood in an election of
    /// the people the article names in full, or else in an election of a
    /// year the article writes (`présidentielle 2017`).
    fn in_articles_election(&self, homonyms: &[u32], named: &[u32], text: &[u8]) -> Option<u32> {
        let elections = |p: u32| {
            self.people[p as usize]
                .elections
                .split(';')
                .filter(|e| !e.is_empty())
        };
        let shares_with_named = |p: u32| {
            elections(p).any(|e| {
                named
                    .iter()
                    .any(|&n| n != p && elections(n).any(|f| f == e))
            })
        };
        if let Some(p) = only(homonyms.iter().copied().filter(|&p| shares_with_named(p))) {
            return Some(p);
        }
        let written = |year: &str| {
            memchr::memmem::find_iter(text, year).any(|at| {
                let before = at.checked_sub(1).map(|k| text[k]);
                let after = text.get(at + year.len()).copied();
                before.is_none_or(|b| !b.is_ascii_digit())
                    && after.is_none_or(|b| !b.is_ascii_digit())
            })
        };
        only(homonyms.iter().copied().filter(|&p| {
            elections(p).any(|e| {
                e.rsplit(':')
                    .next()
                    .is_some_and(|y| y.len() == 4 && written(y))
            })
        }))
    }
}

/// A name's hash for the [`HashIndex`]es.
fn hash_bytes(name: &[u8]) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(name)
}

/// Ids by a hash of their key; a bucket holds other keys too, so a caller
/// compares what it finds. Built by a counting sort of the ids on the top
/// bits of their hash: linear, where sorting the pairs cost more than the
/// rest of the first article that needs an index.
#[derive(Debug, Clone, Default)]
struct HashIndex {
    buckets: Groups,
    /// The shift that leaves a hash's bucket.
    shift: u32,
}

impl HashIndex {
    fn new(pairs: &[(u64, u32)]) -> HashIndex {
        let bits = pairs.len().next_power_of_two().trailing_zeros().max(1);
        let shift = u64::BITS - bits;
        let buckets = Groups::new(1 << bits, pairs.iter().map(|&(h, id)| (h >> shift, id)));
        HashIndex { buckets, shift }
    }

    /// The ids of the bucket of `hash`, among which those of its key.
    fn get(&self, hash: u64) -> &[u32] {
        self.buckets.get((hash >> self.shift) as usize)
    }
}

/// Ids grouped by a small key (a bucket, a place), by a counting sort.
#[derive(Debug, Clone, Default)]
struct Groups {
    /// Where each key's ids start in `ids`, then where the last ends.
    starts: Vec<u32>,
    /// The ids, key after key, in the order given within each.
    ids: Vec<u32>,
}

impl Groups {
    /// Groups `(key, id)` pairs whose keys are below `keys`.
    fn new(keys: usize, pairs: impl Iterator<Item = (u64, u32)> + Clone) -> Groups {
        let mut starts = vec![0u32; keys + 1];
        for (key, _) in pairs.clone() {
            starts[key as usize + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut fill = starts.clone();
        let mut ids = vec![0; starts[keys] as usize];
        for (key, id) in pairs {
            let slot = &mut fill[key as usize];
            ids[*slot as usize] = id;
            *slot += 1;
        }
        Groups { starts, ids }
    }

    /// The ids of `key`.
    fn get(&self, key: usize) -> &[u32] {
        &self.ids[self.starts[key] as usize..self.starts[key + 1] as usize]
    }
}

/// The first `N` tab-separated columns of a line, without allocating: the
/// places file has tens of thousands of lines to read at every start.
fn columns<const N: usize>(line: &str) -> Option<[&str; N]> {
    let mut out = [""; N];
    let mut rest = line;
    for (i, slot) in out.iter_mut().enumerate() {
        match memchr::memchr(b'\t', rest.as_bytes()) {
            Some(tab) => {
                *slot = &rest[..tab];
                rest = &rest[tab + 1..];
            }
            None if i + 1 == N => {
                *slot = rest;
                rest = "";
            }
            None => return None,
        }
    }
    Some(out)
}

/// Whether two different words are one substitution, insertion or deletion
/// apart.
fn one_edit(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 || a == b {
        return false;
    }
    let head = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[head + 1..] == long[head + 1..]
    } else {
        short[head..] == long[head + 1..]
    }
}

/// The département code that leads the article's unambiguous places: more
/// of them than all the others together.
fn leading<'a>(deps: &CodeCounts<'a>) -> Option<&'a str> {
    let total: u32 = deps.values().sum();
    let (dep, n) = deps
        .iter()
        .max_by_key(|(d, n)| (**n, std::cmp::Reverse(**d)))?;
    (2 * n > total && !dep.is_empty()).then_some(*dep)
}

/// How many of an article's places lie in each département or région, by
/// code.
type CodeCounts<'a> = HashMap<&'a str, u32>;

/// The longest start that all the texts share, on a character boundary;
/// empty for no text.
fn common_prefix(texts: &[String]) -> &str {
    let Some((first, rest)) = texts.split_first() else {
        return "";
    };
    let mut len = first.len();
    for t in rest {
        len = first
            .bytes()
            .zip(t.bytes())
            .take(len)
            .take_while(|(a, b)| a == b)
            .count();
    }
    while !first.is_char_boundary(len) {
        len -= 1;
    }
    &first[..len]
}

/// Two lists of mentions in text order merged into one, those of `a`
/// first where both start at once: what a stable sort of `a` then `b` by
/// start gives, without sorting.
fn merge_by_start(a: Vec<Mention>, b: Vec<Mention>) -> Vec<Mention> {
    debug_assert!(a.is_sorted_by_key(|m| m.start) && b.is_sorted_by_key(|m| m.start));
    if b.is_empty() {
        return a;
    }
    if a.is_empty() {
        return b;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if b[j].start < a[i].start {
            out.push(b[j]);
            j += 1;
        } else {
            out.push(a[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// The one item of an iterator, if it has exactly one; no allocation, as
/// it runs for every name found.
fn only<T>(mut items: impl Iterator<Item = T>) -> Option<T> {
    let first = items.next()?;
    items.next().is_none().then_some(first)
}

/// Whether `at` falls inside one of `spans`, which are sorted by start and
/// do not overlap; a binary search keeps the stage linear in practice.
fn inside<T>(spans: &[T], at: usize, span: impl Fn(&T) -> (usize, usize)) -> bool {
    let n = spans.partition_point(|x| span(x).0 <= at);
    n > 0 && at < span(&spans[n - 1]).1
}

/// [`inside`] for positions asked in increasing order: the spans are
/// walked once, where a binary search per word costs more than the rest of
/// the word's checks.
struct Walk<'a, T, F> {
    spans: &'a [T],
    span: F,
    /// How many spans start at or before the last position asked.
    passed: usize,
}

impl<'a, T, F: Fn(&T) -> (usize, usize)> Walk<'a, T, F> {
    fn new(spans: &'a [T], span: F) -> Self {
        Walk {
            spans,
            span,
            passed: 0,
        }
    }

    /// Whether `at`, no less than the last position asked, falls inside a
    /// span.
    fn inside(&mut self, at: usize) -> bool {
        while self
            .spans
            .get(self.passed)
            .is_some_and(|x| (self.span)(x).0 <= at)
        {
            self.passed += 1;
        }
        self.passed > 0 && at < (self.span)(&self.spans[self.passed - 1]).1
    }
}

/// The number of `raw` matches that start before `at`, moving `passed` on
/// from where an earlier, smaller `at` left it.
fn starts_before(raw: &[(usize, usize, &[Entry])], passed: &mut usize, at: usize) -> usize {
    while raw.get(*passed).is_some_and(|r| r.0 < at) {
        *passed += 1;
    }
    *passed
}

/// Extends a surname over what belongs to it: a particle and the name it
/// introduces (`Le Callennec`, `Le Drian`), a hyphenated second part
/// (`Chesnais-Girard`), a lower-case part after an apostrophe
/// (`Moncond'huy`). Returns the new end; `at` moves to the last word used.
fn surname_tail(
    original: &str,
    folded: &Folded,
    words: &[(usize, usize)],
    at: &mut usize,
    mut end: usize,
) -> usize {
    let text = folded.text.as_bytes();
    const PARTICLES: [&str; 8] = ["le", "la", "de", "du", "des", "van", "von", "di"];
    let word = |i: usize| &folded.text[words[i].0..words[i].1];
    if PARTICLES.contains(&word(*at))
        && *at + 1 < words.len()
        && adjacent(text, end, words[*at + 1].0)
    {
        *at += 1;
        end = words[*at].1;
    }
    loop {
        if *at + 1 < words.len()
            && words[*at + 1].0 == end + 1
            && original.as_bytes().get(folded.orig(end)) == Some(&b'-')
        {
            *at += 1;
            end = words[*at].1;
        } else if text.get(end) == Some(&b'\'')
            && text.get(end + 1).is_some_and(|b| b.is_ascii_lowercase())
            && original[folded.orig(end + 1)..]
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        {
            end += 1 + text[end + 1..]
                .iter()
                .take_while(|b| is_word_byte(**b))
                .count();
        } else {
            return end;
        }
    }
}

/// The word bytes that end a text, none if it ends with another byte.
fn last_word(text: &[u8]) -> &[u8] {
    let start = text
        .iter()
        .rposition(|b| !is_word_byte(*b))
        .map_or(0, |i| i + 1);
    &text[start..]
}

/// Whether a text has no whitespace but single spaces, so that splitting it
/// at whitespace and joining the parts with spaces gives it back.
fn single_spaced(text: &str) -> bool {
    let mut after_space = true;
    text.chars().all(|c| {
        let ok = if c == ' ' {
            !after_space
        } else {
            !c.is_whitespace()
        };
        after_space = c == ' ';
        ok
    }) && !after_space
}

/// Whether two words are separated by exactly one space (hyphens fold to
/// spaces, so `Jean-Philippe` is two adjacent words).
fn adjacent(text: &[u8], end: usize, next: usize) -> bool {
    next == end + 1 && text[end] == b' '
}

/// Adjacent, or separated by a surname particle (`de`, `du`, `d'`, `de la`).
fn adjacent_or_particle(text: &[u8], end: usize, next: usize) -> bool {
    if adjacent(text, end, next) {
        return true;
    }
    matches!(
        &text[end..next],
        b" de " | b" du " | b" d'" | b" de la " | b" des "
    )
}

/// The initial just before a surname (`F Fillon`, `M. Le Pen`), folded.
fn initial_before(text: &[u8], at: usize) -> Option<u8> {
    let before = &text[..at];
    let before = before.strip_suffix(b" ")?;
    let before = before.strip_suffix(b".").unwrap_or(before);
    let (&c, rest) = before.split_last()?;
    (c.is_ascii_alphabetic() && rest.last().is_none_or(|b| !is_word_byte(*b))).then_some(c)
}

/// Every place, with what the gazetteer indexes them by.
struct PlaceLists {
    places: Vec<Place>,
    dep_index: HashMap<String, u32>,
    folded_names: Vec<u8>,
    communes_by_dep: HashMap<String, Vec<u32>>,
}

/// Folded keys and their entries, as the lists give them: the keys end to
/// end, not an allocation each.
#[derive(Debug, Default)]
struct Keys {
    text: Vec<u8>,
    /// Each key's span of `text`, and its entry.
    spans: Vec<(u32, u32, Entry)>,
}

impl Keys {
    fn add(&mut self, key: &[u8], entry: Entry) {
        let start = self.text.len() as u32;
        self.text.extend_from_slice(key);
        self.spans.push((start, self.text.len() as u32, entry));
    }

    /// Adds the folded `name`, and gives its span.
    fn add_folded(&mut self, name: &str, entry: Entry) -> (u32, u32) {
        let start = self.text.len() as u32;
        fold_onto(name, &mut self.text);
        let span = (start, self.text.len() as u32);
        self.spans.push((span.0, span.1, entry));
        span
    }

    fn append(&mut self, other: Keys) {
        let shift = self.text.len() as u32;
        self.text.extend_from_slice(&other.text);
        self.spans.extend(
            other
                .spans
                .into_iter()
                .map(|(start, end, entry)| (start + shift, end + shift, entry)),
        );
    }
}

/// `places.tsv` and `cantons.tsv`, and the keys of their names.
fn read_places(src: &GazetteerSources) -> Result<(PlaceLists, Keys), String> {
    let place_words: HashSet<Vec<u8>> = data_lines(src.place_words)
        .map(|(_, l)| fold(l.trim()).into_bytes())
        .collect();
    let mut keys = Keys {
        text: Vec::with_capacity(src.places.len() / 4),
        spans: Vec::with_capacity(64 * 1024),
    };
    let mut places = Vec::with_capacity(48 * 1024);
    let mut folded_names = Vec::with_capacity(src.places.len() / 4);
    let mut communes_by_dep: HashMap<String, Vec<u32>> = HashMap::default();
    let rows = data_lines(src.places)
        .skip(1)
        .map(|(n, l)| ("places.tsv", n, l))
        .chain(
            data_lines(src.cantons)
                .skip(1)
                .map(|(n, l)| ("cantons.tsv", n, l)),
        );
    for (file, n, line) in rows {
        let Some(c) = columns::<6>(line) else {
            return Err(format!("{file}:{n}: expected 7 columns"));
        };
        let kind = match c[2] {
            "commune" => PlaceKind::Commune,
            "commune_deleguee" | "commune_associee" | "ancienne_commune" => {
                PlaceKind::FormerCommune
            }
            "arrondissement_municipal" => PlaceKind::Arrondissement,
            "departement" => PlaceKind::Departement,
            "region" => PlaceKind::Region,
            "ancienne_region" | "province" => PlaceKind::OldRegion,
            "canton" => PlaceKind::Canton,
            other => return Err(format!("{file}:{n}: unknown kind {other:?}")),
        };
        let id = places.len() as u32;
        let (start, end) = keys.add_folded(c[1], Entry::Place(id));
        let key = &keys.text[start as usize..end as usize];
        let word_like = place_words.contains(key);
        let span = (
            folded_names.len() as u32,
            (folded_names.len() + key.len()) as u32,
        );
        folded_names.extend_from_slice(key);
        if let Some(short) = saint_abbreviated(key) {
            keys.add(&short, Entry::Place(id));
        }
        if matches!(kind, PlaceKind::Commune | PlaceKind::FormerCommune) {
            match communes_by_dep.get_mut(c[3]) {
                Some(communes) => communes.push(id),
                None => {
                    communes_by_dep.insert(c[3].to_string(), vec![id]);
                }
            }
        }
        places.push(Place {
            code: c[0].to_string(),
            name: c[1].to_string(),
            kind,
            dep: c[3].to_string(),
            reg: c[4].to_string(),
            population: c[5].parse().unwrap_or(0),
            word_like,
            key: span,
        });
    }
    let dep_index = places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PlaceKind::Departement)
        .map(|(i, p)| (p.code[4..].to_string(), i as u32))
        .collect();
    let lists = PlaceLists {
        places,
        dep_index,
        folded_names,
        communes_by_dep,
    };
    Ok((lists, keys))
}

/// The folded name of someone, and where its surname (what follows the
/// first space) starts; folded once, where folding the surname apart
/// would fold it twice.
fn fold_person(name: &str) -> Option<(String, u32)> {
    let space = memchr::memchr(b' ', name.as_bytes())?;
    let mut folded = Vec::with_capacity(name.len());
    fold_onto(&name[..space], &mut folded);
    let surname_at = folded.len() as u32 + 1;
    fold_onto(&name[space..], &mut folded);
    Some((
        String::from_utf8(folded).expect("folding writes UTF-8"),
        surname_at,
    ))
}

/// `people.tsv` and `officials.tsv`, and the keys of their names.
/// The third value is where the officials start.
fn read_people(src: &GazetteerSources) -> Result<(Vec<Person>, Keys, u32), String> {
    let mut keys = Keys {
        text: Vec::with_capacity(src.officials.len() / 3),
        spans: Vec::with_capacity(64 * 1024),
    };
    let mut people = Vec::with_capacity(64 * 1024);
    for (n, line) in data_lines(src.people).skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        let name = c[0].trim();
        let Some((folded_name, surname_at)) = fold_person(name) else {
            return Err(format!("people.tsv:{n}: {name:?} has no surname"));
        };
        let id = people.len() as u32;
        keys.add(folded_name.as_bytes(), Entry::Person(id));
        keys.add(
            &folded_name.as_bytes()[surname_at as usize..],
            Entry::Surname(id),
        );
        people.push(Person {
            name: name.to_string(),
            party: c.get(1).unwrap_or(&"").to_string(),
            folded_name,
            surname_at,
            elections: c.get(2).unwrap_or(&"").trim().into(),
            dep: [0; 3],
        });
    }
    // Local officials are found by their full name only: among tens of
    // thousands, a surname alone is too often an ordinary word or someone
    // else. A name already listed keeps its national entry.
    let national: HashSet<String> = people.iter().map(|p| p.folded_name.clone()).collect();
    let officials = people.len() as u32;
    for (n, line) in data_lines(src.officials).skip(1) {
        let Some([name, party, place]) = columns::<3>(line) else {
            return Err(format!("officials.tsv:{n}: expected 5 columns"));
        };
        let Some((folded_name, surname_at)) = fold_person(name) else {
            continue;
        };
        if national.contains(&folded_name) {
            continue;
        }
        let id = people.len() as u32;
        keys.add(folded_name.as_bytes(), Entry::Person(id));
        people.push(Person {
            name: name.to_string(),
            party: party.to_string(),
            folded_name,
            surname_at,
            elections: "".into(),
            dep: seat_departement(place),
        });
    }
    Ok((people, keys, officials))
}

/// The département of a seat's code (`circ:79-02`, `com:79191`,
/// `com:97411`, `dep:2A`) as [`Person::dep`] holds it.
fn seat_departement(code: &str) -> [u8; 3] {
    // Byte prefixes, not `split`: this runs for every official at start.
    let code = code.as_bytes();
    let dep = if let Some(rest) = code.strip_prefix(b"com:") {
        &rest[..rest.len().min(if rest.starts_with(b"97") { 3 } else { 2 })]
    } else if let Some(rest) = code.strip_prefix(b"circ:") {
        &rest[..memchr::memchr(b'-', rest).unwrap_or(rest.len())]
    } else {
        code.strip_prefix(b"dep:").unwrap_or(b"")
    };
    let mut out = [0; 3];
    if dep.len() <= 3 {
        out[..dep.len()].copy_from_slice(dep);
    }
    out
}

/// The key with `Saint`/`Sainte` as the press abbreviates them (`St`,
/// `Ste`), when the name has one.
fn saint_abbreviated(key: &[u8]) -> Option<Vec<u8>> {
    let saint = |w: &[u8]| w == b"saint" || w == b"sainte";
    if !key.split(|b| *b == b' ').any(saint) {
        return None;
    }
    let mut short = Vec::with_capacity(key.len());
    for (i, word) in key.split(|b| *b == b' ').enumerate() {
        if i > 0 {
            short.push(b' ');
        }
        short.extend_from_slice(match word {
            b"saint" => b"st",
            b"sainte" => b"ste",
            w => w,
        });
    }
    Some(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLACES: &str = "code\tname\tkind\tdep\treg\tpopulation\tparent\n\
        dep:79\tDeux-Sèvres\tdepartement\t79\t75\t370000\t\n\
        dep:86\tVienne\tdepartement\t86\t75\t430000\t\n\
        com:38544\tVienne\tcommune\t38\t84\t30000\t\n\
        com:86194\tPoitiers\tcommune\t86\t75\t88000\t\n\
        com:86066\tChâtellerault\tcommune\t86\t75\t32000\t\n\
        com:79299\tSaint-Varent\tcommune\t79\t75\t2400\t\n\
        com:50353\tMontebourg\tcommune\t50\t28\t2000\t\n\
        com:89387\tSens\tcommune\t89\t27\t26000\t\n\
        com:19016\tBar\tcommune\t19\t75\t311\t\n\
        com:32160\tL'Isle-Jourdain\tcommune\t32\t76\t9537\t\n\
        com:86112\tL'Isle-Jourdain\tcommune\t86\t75\t1126\t\n\
        com:31561\tL'Union\tcommune\t31\t76\t12000\t\n\
        com:79088\tChiché\tcommune\t79\t75\t1679\t\n\
        com:79270\tSaint-Maixent-l'École\tcommune\t79\t75\t7595\t\n\
        com:72296\tSaint-Maixent\tcommune\t72\t52\t741\t\n\
        dep:62\tPas-de-Calais\tdepartement\t62\t32\t1460000\t\n\
        com:53176\tLe Pas\tcommune\t53\t52\t800\t\n\
        canton:niort-1\tNiort-1\tcanton\t79\t75\t0\t\n\
        canton:poitiers-1\tPoitiers-1\tcanton\t86\t75\t0\t\n\
        canton:poitiers\tPoitiers\tcanton\t86\t75\t0\t\n\
        canton:isle-jourdain\tIsle-Jourdain\tcanton\t32\t76\t0\t\n";
    const PEOPLE: &str = "name\tparty\telections\n\
        Arnaud Montebourg\tPS\t\nBenoît Hamon\tPS\t\nManuel Valls\tPS\t\n\
        Nicolas Sarkozy\tLR\tpresidentielle:2007;presidentielle:2012\nFrançois Fillon\tLR\t\n\
        Marine Le Pen\tFN\tpresidentielle:2012;presidentielle:2017\n\
        Jean-Marie Le Pen\tFN\tpresidentielle:1988;presidentielle:2002\n";

    fn gazetteer() -> Gazetteer {
        Gazetteer::build(GazetteerSources {
            places: PLACES,
            cantons: "",
            people: PEOPLE,
            officials: "name\tparty\tplace\trole\tyear\nMartine Courjaud\tSOC\tcom:79191\tmaire\t2022\n\
                Benoît Hamon\tX\t\t\t\nGuillaume Chiche\tREM\tcirc:79-01\tdepute\t2017\n\
                Jean Philippe\tDVD\tcom:79191\tconseiller\t2020\n",
            parties: "abbr\tname\taliases\nPS\tParti socialiste\t\n\
                ENS\tEnsemble\tmajorité présidentielle\n\
                \tmajorité départementale\t\n",
            first_names: "Alain\nJean\nPhilippe\nBenoît\n",
            place_words: "Sens\nBar\n",
            titles: "mme\nle maire\n",
            place_phrases: include_str!("../patterns/place_phrases.tsv"),
            ordinals: "premiere\t1\ne\tsuffix\n",
        })
        .unwrap()
    }

    fn names(text: &str) -> Vec<String> {
        let g = gazetteer();
        let folded = Folded::new(text);
        let m = g.find(text, &folded, &[(0, text.len())]);
        m.items
            .iter()
            .map(|i| match i.what {
                Named::Place(p) => g.places[p as usize].code.clone(),
                Named::Person(p) => m.people[p as usize].name.clone(),
                Named::Party(p) => {
                    let party = &g.parties[p as usize];
                    if party.abbr.is_empty() {
                        &party.name
                    } else {
                        &party.abbr
                    }
                    .clone()
                }
                Named::Constituency(d, n) => {
                    format!("circ:{}-{n:02}", &g.places[d as usize].code[4..])
                }
            })
            .collect()
    }

    #[test]
    fn folds_spelling_variants() {
        assert_eq!(
            names("En Deux Sèvres et à St-Varent"),
            vec!["dep:79", "com:79299"]
        );
        assert_eq!(names("EN DEUX-SÈVRES"), vec!["dep:79"]);
        assert_eq!(names("les deux sèvres"), Vec::<String>::new());
    }

    #[test]
    fn vienne_follows_context() {
        assert_eq!(
            names("Dans la Vienne comme à Poitiers"),
            vec!["dep:86", "com:86194"]
        );
    }

    #[test]
    fn people_before_places() {
        assert_eq!(
            names(
                "Arnaud Montebourg et le PS. Puis Montebourg parle, et Hamon aussi. Benoît Hamon"
            ),
            vec![
                "Arnaud Montebourg",
                "PS",
                "Arnaud Montebourg",
                "Benoît Hamon",
                "Benoît Hamon"
            ]
        );
        assert_eq!(
            names("entre F Fillon et M Le Pen, contre Sarkozy"),
            vec!["François Fillon", "Marine Le Pen", "Nicolas Sarkozy"]
        );
        assert_eq!(names("Le pen et le papier"), Vec::<String>::new());
    }

    #[test]
    fn homonyms_resolve_to_the_one_in_the_articles_election() {
        // Alone, `Le Pen` is either of two; the article's other candidate
        // or the year it writes tells which.
        assert_eq!(names("Le vote. Le Pen parle."), Vec::<String>::new());
        assert_eq!(
            names("Nicolas Sarkozy et Le Pen"),
            vec!["Nicolas Sarkozy", "Marine Le Pen"]
        );
        assert_eq!(
            names("En 2002, au second tour, Le Pen"),
            vec!["Jean-Marie Le Pen"]
        );
        assert_eq!(names("En 2020, Le Pen"), Vec::<String>::new());
    }

    #[test]
    fn a_titled_surname_is_the_local_official_of_the_articles_departements() {
        assert_eq!(
            names("En Deux-Sèvres, Mme Courjaud parle."),
            vec!["dep:79", "Martine Courjaud"]
        );
        assert_eq!(
            names("En Deux-Sèvres, le maire Courjaud parle."),
            vec!["dep:79", "Martine Courjaud"]
        );
        // No title, or another département: someone else, perhaps.
        assert_eq!(names("En Deux-Sèvres, Courjaud parle."), vec!["dep:79"]);
        assert_eq!(names("À Poitiers, Mme Courjaud parle."), vec!["com:86194"]);
    }

    #[test]
    fn a_place_after_a_locative_is_not_the_surname_of_someone_named() {
        assert_eq!(
            names("Guillaume Chiche vient. À Chiché, Chiche parle."),
            vec!["Guillaume Chiche", "com:79088", "Guillaume Chiche"]
        );
        assert_eq!(
            names("Arnaud Montebourg vient. À Montebourg, 20 % à Montebourg."),
            vec!["Arnaud Montebourg", "com:50353", "Arnaud Montebourg"]
        );
    }

    #[test]
    fn a_shortened_name_is_the_larger_commune_of_the_articles_departements() {
        assert_eq!(
            names("En Deux-Sèvres, à St-Maixent"),
            vec!["dep:79", "com:79270"]
        );
        assert_eq!(names("Dans la Sarthe, à St-Maixent"), vec!["com:72296"]);
    }

    #[test]
    fn place_phrases_starting_gives_the_longest_of_its_kind() {
        let p = PlacePhrases::parse(
            "bureau\tdistrict\nbureau de vote\tdistrict\nbureau de vote\tarea\nquartier\tdistrict\n",
        )
        .unwrap();
        let district = PhraseKind::District;
        assert_eq!(
            p.starting(district, b"bureau de vote de l'ecole"),
            Some(&b"bureau de vote "[..])
        );
        assert_eq!(p.starting(district, b"bureau 3"), Some(&b"bureau "[..]));
        assert_eq!(p.starting(district, b"bureaux"), None);
        assert_eq!(p.starting(PhraseKind::Canton, b"bureau de vote"), None);
    }

    #[test]
    fn place_phrases_match_whole_words_longest_first() {
        let p =
            PlacePhrases::parse("# c\na\tat\ndans l'\tat\nla\tarea\na l'echelle\tscope\n").unwrap();
        let at = [PhraseKind::At];
        assert_eq!(p.ending(&at, b"vote a "), Some(&b"a "[..]));
        assert_eq!(p.ending(&at, b"vote dans l'"), Some(&b"dans l'"[..]));
        assert_eq!(p.ending(&at, b"voila "), None, "a word's tail is no phrase");
        assert_eq!(p.ending(&[PhraseKind::Area], b"voila "), None);
        assert_eq!(
            p.ending(&[PhraseKind::Scope], b"x a l'echelle "),
            Some(&b"a l'echelle "[..])
        );
        let lengths = p.ending_lengths(b"vote dans l'");
        assert_eq!(lengths[PhraseKind::At as usize], b"dans l'".len());
        assert_eq!(lengths[PhraseKind::Area as usize], 0);
        let nested = PlacePhrases::parse(
            "de\tof\ncanton de\tcanton\ndans le canton de\tfigure\nle\tarea\nde\tarea\n",
        )
        .unwrap();
        let lengths = nested.ending_lengths(b"vote dans le canton de ");
        assert_eq!(lengths[PhraseKind::Of as usize], b"de ".len());
        assert_eq!(lengths[PhraseKind::Area as usize], b"de ".len());
        assert_eq!(lengths[PhraseKind::Canton as usize], b"canton de ".len());
        assert_eq!(
            lengths[PhraseKind::Figure as usize],
            b"dans le canton de ".len()
        );
        let lengths = nested.ending_lengths(b"xdans le canton de ");
        assert_eq!(lengths[PhraseKind::Figure as usize], 0, "not a whole word");
        assert_eq!(
            nested.ending(&[PhraseKind::Of, PhraseKind::Canton], b"le canton de "),
            Some(&b"canton de "[..])
        );
        assert_eq!(nested.ending(&[PhraseKind::Of], b"canton du "), None);
        assert!(PlacePhrases::parse("a\tnowhere\n").is_err());
        assert!(PlacePhrases::parse("a\n").is_err());
    }

    #[test]
    fn a_first_name_hyphened_to_a_surname_is_no_person() {
        assert_eq!(
            names("à l'école Jean-Macé, selon Jean Dupont"),
            vec!["Jean Dupont"]
        );
        assert_eq!(
            names("selon Jean-Philippe Dupont"),
            vec!["Jean-Philippe Dupont"]
        );
    }

    #[test]
    fn a_small_commune_labelling_a_line_is_the_place() {
        assert_eq!(names("Chiché : 51,3 %"), vec!["com:79088"]);
        assert_eq!(names("Chiché est loin"), Vec::<String>::new());
    }

    #[test]
    fn the_party_in_brackets_after_a_person_is_theirs() {
        let g = gazetteer();
        let text = "selon Jean Dupont (PS) et Alain Martin, PS";
        let m = g.find(text, &Folded::new(text), &[(0, text.len())]);
        let party = |name: &str| {
            m.people
                .iter()
                .find(|p| p.name == name)
                .map(|p| p.party.clone())
        };
        assert_eq!(party("Jean Dupont"), Some(Some("PS".to_string())));
        assert_eq!(party("Alain Martin"), Some(None));
    }

    #[test]
    fn a_short_abbreviation_counts_only_as_written() {
        assert_eq!(names("selon le PS, le Ps"), vec!["PS"]);
    }

    #[test]
    fn no_name_starts_inside_a_hyphenated_surname() {
        assert_eq!(
            names("Selon Dupuis-Poitiers, à Poitiers"),
            vec!["com:86194"]
        );
        // Two names joined by a hyphen are both read.
        assert_eq!(
            names("Châtellerault-Poitiers"),
            vec!["com:86066", "com:86194"]
        );
    }

    #[test]
    fn officials_by_full_name_only() {
        let g = gazetteer();
        let text = "Martine Courjaud et Benoît Hamon. Courjaud parle.";
        let m = g.find(text, &Folded::new(text), &[(0, text.len())]);
        let people: Vec<(&str, Option<&str>)> = m
            .people
            .iter()
            .map(|p| (p.name.as_str(), p.party.as_deref()))
            .collect();
        // The listed national entry wins over an official of the same name.
        assert_eq!(
            people,
            vec![
                ("Martine Courjaud", Some("SOC")),
                ("Benoît Hamon", Some("PS"))
            ]
        );
        assert_eq!(m.items.len(), 3, "the surname alone, once named in full");
    }

    #[test]
    fn competitors_written_in_lower_case() {
        // Rows and aliases written in lower case are looked for in lower
        // case; other names only where capitalised.
        assert_eq!(
            names("le binôme de la majorité départementale et la majorité présidentielle"),
            vec!["majorité départementale", "ENS"]
        );
        assert_eq!(names("un ensemble de mesures"), Vec::<String>::new());
    }

    #[test]
    fn a_name_that_begins_with_an_article_gives_way_to_a_longer_one() {
        assert_eq!(
            names("« Le Pas-de-Calais envoie un message »"),
            vec!["dep:62"]
        );
        assert_eq!(names("Le Pas, en Mayenne."), vec!["com:53176"]);
    }

    #[test]
    fn a_listed_name_of_first_names_continued_is_someone_else() {
        assert_eq!(
            names("selon Jean-Philippe Ruaud."),
            vec!["Jean-Philippe Ruaud"]
        );
        assert_eq!(names("selon Jean Philippe, élu."), vec!["Jean Philippe"]);
    }

    #[test]
    fn local_people_from_first_names() {
        assert_eq!(
            names("selon Alain Claeys et Jean Philippe Ruaud. Claeys dit"),
            vec!["Alain Claeys", "Jean Philippe Ruaud", "Alain Claeys"]
        );
        // Surnames with a particle, a hyphen or an apostrophe are whole.
        assert_eq!(
            names("Alain Le Callennec, Jean Chesnais-Girard et Benoît Moncond'huy. Le Callennec"),
            vec![
                "Alain Le Callennec",
                "Jean Chesnais-Girard",
                "Benoît Moncond'huy",
                "Alain Le Callennec"
            ]
        );
    }

    #[test]
    fn constituencies() {
        assert_eq!(
            names("la 2e circonscription des Deux-Sèvres"),
            vec!["circ:79-02"]
        );
        assert_eq!(
            names("la première circonscription de la Vienne"),
            vec!["circ:86-01"]
        );
        // An ordinal alone after `dans la` goes on with the département of
        // the constituency named before it; without one it is nothing.
        assert_eq!(
            names("Dans la 2e circonscription des Deux-Sèvres, X. Dans la 3e, Y."),
            vec!["circ:79-02", "circ:79-03"]
        );
        assert!(names("dans la 3e, Y.").is_empty());
        assert_eq!(
            names("Dans la 2e circonscription des Deux-Sèvres. Dans la foulée, Y."),
            vec!["circ:79-02"]
        );
    }

    #[test]
    fn one_letter_misspellings_of_communes_in_the_article_departements() {
        // `Poitiers` anchors the Vienne; `Poitier` alone at a sentence start
        // or with no place around stays unread.
        assert_eq!(
            names("Vote à Poitiers, puis à Chatelerault."),
            vec!["com:86194", "com:86066"]
        );
        assert_eq!(names("Vote à Chatelerault."), Vec::<String>::new());
        assert!(one_edit(b"cerisay", b"cerizay"));
        assert!(one_edit(b"chatelerault", b"chatellerault"));
        assert!(!one_edit(b"cerizay", b"cerizay"));
        assert!(!one_edit(b"cerisay", b"cerizya"));
    }

    #[test]
    fn cantons_after_the_word_canton_only() {
        assert_eq!(
            names("le canton de Niort-1 et le canton de Poitiers, à Poitiers"),
            vec!["canton:niort-1", "canton:poitiers", "com:86194"]
        );
    }

    #[test]
    fn a_constituency_without_its_departement_is_the_articles() {
        assert_eq!(
            names("À Poitiers, dans la Vienne. Dans la première circonscription, X."),
            vec!["com:86194", "dep:86", "circ:86-01"]
        );
        // With no leading département, no constituency is made up.
        assert_eq!(
            names("Dans la première circonscription, à Poitiers et à Sens."),
            vec!["com:86194", "com:89387"]
        );
    }

    #[test]
    fn word_like_communes_need_a_place_context() {
        assert_eq!(names("Le Sens de la vie, à Sens"), vec!["com:89387"]);
    }

    #[test]
    fn lower_case_elided_article_of_a_place_in_the_article() {
        assert_eq!(
            names("À Poitiers et à l'Isle-Jourdain"),
            vec!["com:86194", "com:86112"]
        );
        assert_eq!(
            names("À Poitiers, le budget de l'Union européenne"),
            vec!["com:86194"]
        );
        assert_eq!(
            names("À Poitiers, le canton de l'Isle-Jourdain"),
            vec!["com:86194", "canton:isle-jourdain"]
        );
    }

    #[test]
    fn a_place_after_a_is_not_a_surname() {
        assert_eq!(
            names("À Poitiers, Jean Chiche en tête. M. Chiche gagne à Chiché."),
            vec!["com:86194", "Jean Chiche", "Jean Chiche", "com:79088"]
        );
    }

    #[test]
    fn a_walk_over_spans_answers_as_a_search_does() {
        let spans = [(2, 4), (4, 5), (8, 12)];
        let mut walk = Walk::new(&spans, |&(s, e)| (s, e));
        for at in 0..14 {
            assert_eq!(
                walk.inside(at),
                inside(&spans, at, |&(s, e)| (s, e)),
                "{at}"
            );
        }
    }

    #[test]
    fn merging_mentions_is_a_stable_sort() {
        let list = |spans: &[(usize, u32)]| -> Vec<Mention> {
            spans
                .iter()
                .map(|&(start, id)| Mention {
                    start,
                    end: start + 1,
                    what: Named::Party(id),
                })
                .collect()
        };
        // Starts and ids of two lists.
        type Pair<'a> = (&'a [(usize, u32)], &'a [(usize, u32)]);
        let cases: [Pair; 5] = [
            (
                &[(1, 0), (5, 1), (5, 2), (9, 3)],
                &[(0, 4), (5, 5), (7, 6), (12, 7)],
            ),
            (&[], &[(3, 0)]),
            (&[(3, 0)], &[]),
            (&[(2, 0), (2, 1)], &[(2, 2)]),
            (&[(8, 0)], &[(1, 1), (2, 2), (8, 3), (9, 4)]),
        ];
        for (a, b) in cases {
            let mut sorted = list(a);
            sorted.extend(list(b));
            sorted.sort_by_key(|m| m.start);
            assert_eq!(merge_by_start(list(a), list(b)), sorted, "{a:?} {b:?}");
        }
    }

    #[test]
    fn common_prefix_of_texts() {
        let texts = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            common_prefix(&texts(&["majorite municipale", "majorite regionale"])),
            "majorite "
        );
        assert_eq!(common_prefix(&texts(&["ab"])), "ab");
        assert_eq!(common_prefix(&texts(&["ab", "b"])), "");
        assert_eq!(common_prefix(&texts(&["ab", "abc", "a"])), "a");
        // 'é' and 'è' share their first byte: the prefix stops before it.
        assert_eq!(common_prefix(&texts(&["xé", "xè"])), "x");
        assert_eq!(common_prefix(&[]), "");
    }

    #[test]
    fn single_spaced_names_are_their_own_join() {
        for text in [
            "Jean Dupont",
            "Jean  Dupont",
            "Jean\u{a0}Dupont",
            "Jean\u{2009}Dupont",
            "Jean\u{3000}Dupont",
            "Jean\tDupont",
            "Jean\u{b}Dupont",
            "Émile Zoé",
            "Émile  Zoé",
            "Jean ",
            " Jean",
            "Jean\n",
        ] {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(single_spaced(text), joined == text, "{text:?}");
        }
    }

    #[test]
    fn the_last_word_of_a_text() {
        assert_eq!(last_word(b"selon le maire"), b"maire");
        assert_eq!(last_word(b"maire"), b"maire");
        assert_eq!(last_word(b"selon m."), b"");
    }

    #[test]
    fn no_word_like_commune_after_au() {
        assert_eq!(names("Fête au Bar des Sports, à Bar"), vec!["com:19016"]);
    }
}
