//! Records: the JSON Lines scrutin writes, one per fact.
//!
//! Field names follow the evaluation format (`../shared/eval/README.md`) so
//! that records are scored as they are written. Absent values are omitted,
//! never written as `null`.

use serde::Serialize;
use serde_json::Value;

use crate::gazetteer::{Gazetteer, Mentions, Named};
use crate::link::{Competitor, Fact, Field, Kind, Where};

/// The version of the record format, written in every record; it changes
/// with `schema/record.schema.json`.
pub const SCHEMA_VERSION: &str = "1";

/// A place as written in records.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlaceRef {
    /// Code (`dep:79`, `com:86194`, `FR`).
    pub code: String,
    /// Name.
    pub name: String,
    /// Code of the département it lies in (`dep:79`), itself for a
    /// département.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dep: Option<String>,
    /// Code of the current région it lies in (`reg:75`), itself for a
    /// région.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reg: Option<String>,
}

/// A competitor as written in records.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Subject {
    /// Name of the person, or of the party.
    pub name: String,
    /// Party, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
}

/// The election a fact belongs to.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ElectionRef {
    /// `presidentielle`, `primaire`, `legislatives`...
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    /// Year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
}

/// Where a fact was read.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Evidence {
    /// The sentence, as in the article.
    pub sentence: String,
    /// Byte offset of the sentence in the article text.
    pub start: usize,
    /// Byte offset past its end.
    pub end: usize,
    /// The linking rule that made the fact.
    pub rule: &'static str,
}

/// One fact, as written.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Record {
    /// Document id.
    pub doc: String,
    /// Article date, as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// `result`, `turnout`, `margin` or `poll`.
    pub kind: &'static str,
    /// Where the figure holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceRef>,
    /// The competitor (result, poll).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Subject>,
    /// Who leads (margin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leader: Option<Subject>,
    /// Who trails (margin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trailer: Option<Subject>,
    /// Value fields (`share`, `votes`, `voters`...).
    #[serde(flatten)]
    pub values: Values,
    /// Stated only approximately.
    pub approx: bool,
    /// Round.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub round: Option<u8>,
    /// Election.
    pub election: ElectionRef,
    /// Rank of a result, where the article states it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<u8>,
    /// `qualified`, `eliminated` or `elected`, where the article states it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    /// What the numbers themselves put in doubt (`shares-over-100`,
    /// `percentage-over-100`, `voters-over-registered`,
    /// `margin-contradicts-scores`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<&'static str>,
    /// Where it was read.
    pub evidence: Evidence,
    /// The other sentences that state the same fact (a headline and the
    /// body), each with the rule that read it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_evidence: Vec<Evidence>,
    /// Fields of the input passed through (JSONL input only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<Value>,
    /// Always [`SCHEMA_VERSION`], last so that a record starts with its
    /// document.
    pub schema_version: &'static str,
}

/// The figures of a fact, each written only when the fact states it.
///
/// The fields are declared in the order of their names, the order records
/// list them in; counts are integers, the rest numbers with a fraction.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Values {
    /// Abstention, per cent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abstention_pct: Option<f64>,
    /// Blank and null votes, per cent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blank_null_pct: Option<f64>,
    /// Suffrages exprimés.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expressed: Option<u64>,
    /// Percentage points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
    /// Inscrits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registered: Option<u64>,
    /// Per cent of expressed votes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    /// Participation, per cent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turnout_pct: Option<f64>,
    /// Votants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voters: Option<u64>,
    /// A count of votes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub votes: Option<u64>,
}

/// The value of a stated field: a count is written as an integer.
#[derive(Debug, Clone, Copy)]
enum Stated {
    Real(f64),
    Count(u64),
}

impl Values {
    /// Sets a field; a field stated twice keeps its last value.
    pub fn set(&mut self, field: Field, v: f64) {
        // A count (`Field::is_count`) is written as an integer.
        let count = v as u64;
        match field {
            Field::AbstentionPct => self.abstention_pct = Some(v),
            Field::BlankNullPct => self.blank_null_pct = Some(v),
            Field::Expressed => self.expressed = Some(count),
            Field::Points => self.points = Some(v),
            Field::Registered => self.registered = Some(count),
            Field::Share => self.share = Some(v),
            Field::TurnoutPct => self.turnout_pct = Some(v),
            Field::Voters => self.voters = Some(count),
            Field::Votes => self.votes = Some(count),
        }
    }

    /// The fields stated, by name, in the order records list them.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, Value)> {
        self.stated().map(|(field, v)| {
            let v = match v {
                Stated::Real(v) => Value::from(v),
                Stated::Count(v) => Value::from(v),
            };
            (field.name(), v)
        })
    }

    /// The fields stated, in the order records list them.
    fn stated(&self) -> impl Iterator<Item = (Field, Stated)> {
        let real = |f: Field, v: Option<f64>| v.map(|v| (f, Stated::Real(v)));
        let count = |f: Field, v: Option<u64>| v.map(|v| (f, Stated::Count(v)));
        [
            real(Field::AbstentionPct, self.abstention_pct),
            real(Field::BlankNullPct, self.blank_null_pct),
            count(Field::Expressed, self.expressed),
            real(Field::Points, self.points),
            count(Field::Registered, self.registered),
            real(Field::Share, self.share),
            real(Field::TurnoutPct, self.turnout_pct),
            count(Field::Voters, self.voters),
            count(Field::Votes, self.votes),
        ]
        .into_iter()
        .flatten()
    }

    /// The value of the field named `name`, if stated.
    pub fn get(&self, name: &str) -> Option<Value> {
        self.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

impl Record {
    /// Appends the record as JSON, without a line end: the very bytes its
    /// `Serialize` gives through `serde_json`, written straight into the
    /// buffer, since going field by field through the generic serializer
    /// was most of the cost of writing a record.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"doc\":");
        string(out, &self.doc);
        if let Some(date) = &self.date {
            out.extend_from_slice(b",\"date\":");
            string(out, date);
        }
        out.extend_from_slice(b",\"kind\":");
        string(out, self.kind);
        if let Some(p) = &self.place {
            out.extend_from_slice(b",\"place\":{\"code\":");
            string(out, &p.code);
            out.extend_from_slice(b",\"name\":");
            string(out, &p.name);
            optional(out, b",\"dep\":", p.dep.as_deref());
            optional(out, b",\"reg\":", p.reg.as_deref());
            out.push(b'}');
        }
        let people = [
            (&b",\"subject\":"[..], &self.subject),
            (b",\"leader\":", &self.leader),
            (b",\"trailer\":", &self.trailer),
        ];
        for (key, who) in people {
            if let Some(who) = who {
                out.extend_from_slice(key);
                out.extend_from_slice(b"{\"name\":");
                string(out, &who.name);
                optional(out, b",\"party\":", who.party.as_deref());
                out.push(b'}');
            }
        }
        // Written without a `Value` between, which costs as much again.
        for (field, v) in self.values.stated() {
            out.extend_from_slice(b",\"");
            out.extend_from_slice(field.name().as_bytes());
            out.extend_from_slice(b"\":");
            match v {
                Stated::Real(v) => serialized(out, &v),
                Stated::Count(v) => serialized(out, &v),
            }
        }
        out.extend_from_slice(if self.approx {
            b",\"approx\":true"
        } else {
            b",\"approx\":false"
        });
        if let Some(round) = self.round {
            out.extend_from_slice(b",\"round\":");
            serialized(out, &round);
        }
        out.extend_from_slice(b",\"election\":{");
        let mut comma = false;
        if let Some(kind) = self.election.kind {
            out.extend_from_slice(b"\"type\":");
            string(out, kind);
            comma = true;
        }
        if let Some(year) = self.election.year {
            out.extend_from_slice(if comma { b",\"year\":" } else { b"\"year\":" });
            serialized(out, &year);
        }
        out.push(b'}');
        if let Some(rank) = self.rank {
            out.extend_from_slice(b",\"rank\":");
            serialized(out, &rank);
        }
        optional(out, b",\"status\":", self.status);
        if !self.warnings.is_empty() {
            out.extend_from_slice(b",\"warnings\":");
            list(out, &self.warnings, |out, w| string(out, w));
        }
        out.extend_from_slice(b",\"evidence\":");
        self.evidence.write_json(out);
        if !self.other_evidence.is_empty() {
            out.extend_from_slice(b",\"other_evidence\":");
            list(out, &self.other_evidence, |out, e| e.write_json(out));
        }
        if let Some(meta) = &self.meta {
            out.extend_from_slice(b",\"meta\":");
            serialized(out, meta);
        }
        out.extend_from_slice(b",\"schema_version\":");
        string(out, self.schema_version);
        out.push(b'}');
    }
}

impl Evidence {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"sentence\":");
        string(out, &self.sentence);
        out.extend_from_slice(b",\"start\":");
        serialized(out, &self.start);
        out.extend_from_slice(b",\"end\":");
        serialized(out, &self.end);
        out.extend_from_slice(b",\"rule\":");
        string(out, self.rule);
        out.push(b'}');
    }
}

/// A key and its string value, when there is one.
fn optional(out: &mut Vec<u8>, key: &[u8], value: Option<&str>) {
    if let Some(v) = value {
        out.extend_from_slice(key);
        string(out, v);
    }
}

/// A JSON array of items.
fn list<T>(out: &mut Vec<u8>, items: &[T], mut item: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(out, x);
    }
    out.push(b']');
}

/// A number (or the `meta` value) as `serde_json` writes it: its float and
/// integer formats are the reference.
fn serialized(out: &mut Vec<u8>, v: &impl Serialize) {
    serde_json::to_writer(out, v).expect("writing to memory");
}

/// A JSON string, escaped as `serde_json` escapes it: `"`, `\\` and the
/// control characters, the usual ones by letter, the others as `\u00xx`.
fn string(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    // Record strings almost never hold a byte to escape: one pass that
    // only looks, then one copy, costs less than copying piece by piece.
    if needs_escape(b) {
        escape(out, b);
    } else {
        out.extend_from_slice(b);
    }
    out.push(b'"');
}

const ONES: u64 = u64::from_le_bytes([1; 8]);

/// The high bit of each byte of `w` to escape (below 0x20, quote or
/// backslash), and maybe of some bytes above one: the lowest bit set
/// always marks a byte to escape.
fn escapes(w: u64) -> u64 {
    // The high bit of each byte of a word that is zero, with the same
    // proviso.
    let zeros = |w: u64| w.wrapping_sub(ONES) & !w;
    let control = w.wrapping_sub(ONES * 0x20) & !w;
    let quote = zeros(w ^ (ONES * u64::from(b'"')));
    let backslash = zeros(w ^ (ONES * u64::from(b'\\')));
    (control | quote | backslash) & (ONES << 7)
}

/// Whether any byte of `b` is to be escaped; eight bytes at a time, with
/// no early exit, so that the loop stays a few instructions a word.
fn needs_escape(b: &[u8]) -> bool {
    let word = |w: &[u8]| u64::from_le_bytes(w.try_into().expect("eight bytes"));
    let Some(last) = b.len().checked_sub(8) else {
        return b.iter().any(|&c| c < 0x20 || c == b'"' || c == b'\\');
    };
    // The last word overlaps the others rather than being padded: a byte
    // looked at twice is still only one to escape.
    let found = b
        .chunks_exact(8)
        .fold(escapes(word(&b[last..])), |found, w| {
            found | escapes(word(w))
        });
    found != 0
}

/// The bytes of a string that holds some to escape, escaped.
fn escape(out: &mut Vec<u8>, b: &[u8]) {
    let mut from = 0;
    for (i, &c) in b.iter().enumerate() {
        let short = match c {
            b'"' | b'\\' => c,
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            0x08 => b'b',
            0x0c => b'f',
            0..0x20 => b'u',
            _ => continue,
        };
        out.extend_from_slice(&b[from..i]);
        out.extend_from_slice(&[b'\\', short]);
        if short == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'0',
                b'0',
                HEX[usize::from(c >> 4)],
                HEX[usize::from(c & 15)],
            ]);
        }
        from = i + 1;
    }
    out.extend_from_slice(&b[from..]);
}

/// The names an article mentions (`--mentions`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MentionsRecord {
    /// Document id.
    pub doc: String,
    /// Article date, as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Always `mentions`.
    pub kind: &'static str,
    /// Codes of every place named, in order of first mention.
    pub places: Vec<String>,
    /// Names of every person named, in order of first mention.
    pub people: Vec<String>,
    /// Fields of the input passed through (JSONL input only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<Value>,
    /// Always [`SCHEMA_VERSION`], last so that a record starts with its
    /// document.
    pub schema_version: &'static str,
}

/// What the record stage needs to know of an article.
pub struct Source<'a> {
    /// Document id.
    pub doc: &'a str,
    /// Date.
    pub date: Option<&'a str>,
    /// Text.
    pub text: &'a str,
    /// Pass-through fields.
    pub meta: Option<&'a Value>,
}

/// Turns linked facts into records.
pub fn records(
    src: &Source,
    facts: &[Fact],
    sentences: &[crate::segment::Sentence],
    mentions: &Mentions,
    g: &Gazetteer,
) -> Vec<Record> {
    let subject = |c: Option<Competitor>| {
        c.map(|c| match c {
            Competitor::Person(p) => {
                let p = &mentions.people[p as usize];
                Subject {
                    name: p.name.clone(),
                    party: p.party.clone(),
                }
            }
            Competitor::Party(p) => Subject {
                name: g.parties[p as usize].name.clone(),
                party: Some(g.parties[p as usize].abbr.clone()).filter(|a| !a.is_empty()),
            },
        })
    };
    facts
        .iter()
        .map(|f| {
            let evidence = |sentence: usize, rule: &'static str| {
                let s = sentences[sentence];
                Evidence {
                    sentence: src.text[s.start..s.end].to_string(),
                    start: s.start,
                    end: s.end,
                    rule,
                }
            };
            let mut values = Values::default();
            for (field, v) in &f.values {
                values.set(*field, *v);
            }
            let margin = f.kind == Kind::Margin;
            Record {
                schema_version: SCHEMA_VERSION,
                doc: src.doc.to_string(),
                date: src.date.map(str::to_string),
                kind: kind_name(f.kind),
                place: f.place.map(|w| match (w, &f.area) {
                    (Where::Area, Some(name)) => PlaceRef {
                        code: format!("name:{name}"),
                        name: name.clone(),
                        dep: None,
                        reg: None,
                    },
                    _ => place_ref(w, g),
                }),
                subject: if margin { None } else { subject(f.subject) },
                leader: if margin { subject(f.subject) } else { None },
                trailer: if margin { subject(f.trailer) } else { None },
                values,
                approx: f.approx,
                round: f.round,
                election: ElectionRef {
                    kind: f.election.kind,
                    year: f.election.year,
                },
                rank: f.rank,
                status: f.status,
                warnings: f.warnings.clone(),
                evidence: evidence(f.sentence, f.rule),
                other_evidence: f.seen.iter().map(|(s, r)| evidence(*s, r)).collect(),
                meta: src.meta.cloned(),
            }
        })
        .collect()
}

/// The mentions record of an article.
pub fn mentions_record(src: &Source, mentions: &Mentions, g: &Gazetteer) -> MentionsRecord {
    let mut places: Vec<String> = Vec::new();
    for m in &mentions.items {
        let code = match m.what {
            Named::Place(p) => g.places[p as usize].code.clone(),
            Named::Constituency(d, n) => constituency(d, n, g).code,
            _ => continue,
        };
        if !places.contains(&code) {
            places.push(code);
        }
    }
    let mut people = Vec::new();
    for m in &mentions.items {
        if let Named::Person(p) = m.what {
            let name = &mentions.people[p as usize].name;
            if !people.contains(name) {
                people.push(name.clone());
            }
        }
    }
    MentionsRecord {
        schema_version: SCHEMA_VERSION,
        doc: src.doc.to_string(),
        date: src.date.map(str::to_string),
        kind: "mentions",
        places,
        people,
        meta: src.meta.cloned(),
    }
}

fn place_ref(w: Where, g: &Gazetteer) -> PlaceRef {
    match w {
        Where::National => PlaceRef {
            code: "FR".into(),
            name: "France".into(),
            dep: None,
            reg: None,
        },
        Where::Place(p) => {
            let p = &g.places[p as usize];
            PlaceRef {
                code: p.code.clone(),
                name: p.name.clone(),
                dep: area("dep", &p.dep),
                reg: area("reg", &p.reg),
            }
        }
        Where::Constituency(d, n) => constituency(d, n, g),
        Where::Area => PlaceRef {
            code: "name:".into(),
            name: String::new(),
            dep: None,
            reg: None,
        },
    }
}

fn constituency(dep: u32, n: u8, g: &Gazetteer) -> PlaceRef {
    let d = &g.places[dep as usize];
    let ordinal = if n == 1 {
        "1re".to_string()
    } else {
        format!("{n}e")
    };
    PlaceRef {
        code: format!("circ:{}-{n:02}", &d.code[4..]),
        name: format!("{ordinal} circonscription, {}", d.name),
        dep: area("dep", &d.dep),
        reg: area("reg", &d.reg),
    }
}

/// The code of a département or région from the gazetteer's bare code.
fn area(prefix: &str, code: &str) -> Option<String> {
    // Joined without `format!`, whose machinery outweighs so short a string.
    (!code.is_empty()).then(|| [prefix, ":", code].concat())
}

/// The name of a kind in records.
pub fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Result => "result",
        Kind::Turnout => "turnout",
        Kind::Margin => "margin",
        Kind::Poll => "poll",
    }
}

/// The columns of `extract --format csv`, in order: one row per fact.
pub const CSV_COLUMNS: &[&str] = &[
    "doc",
    "date",
    "kind",
    "election_type",
    "year",
    "round",
    "place_code",
    "place_name",
    "dep",
    "dep_name",
    "reg",
    "reg_name",
    "subject",
    "party",
    "leader",
    "leader_party",
    "trailer",
    "trailer_party",
    "share",
    "votes",
    "voters",
    "registered",
    "expressed",
    "turnout_pct",
    "abstention_pct",
    "blank_null_pct",
    "points",
    "approx",
    "rank",
    "status",
    "warnings",
    "rule",
    "sentence",
    "start",
    "end",
    "source",
];

/// The names of départements and régions by code, for the CSV columns
/// that spell them out.
#[derive(Debug, Clone, Default)]
pub struct AreaNames(rustc_hash::FxHashMap<String, String>);

impl AreaNames {
    /// Takes the départements and régions of a gazetteer.
    pub fn new(g: &Gazetteer) -> AreaNames {
        use crate::gazetteer::PlaceKind;
        AreaNames(
            g.places
                .iter()
                .filter(|p| matches!(p.kind, PlaceKind::Departement | PlaceKind::Region))
                .map(|p| (p.code.clone(), p.name.clone()))
                .collect(),
        )
    }

    /// The name of a code, empty when unknown.
    pub fn name(&self, code: &str) -> &str {
        self.0.get(code).map_or("", String::as_str)
    }
}

/// The CSV header line.
pub fn csv_header() -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_COLUMNS).expect("writing to memory");
    w.into_inner().expect("writing to memory")
}

/// The CSV rows of some records, one per fact, without the header.
pub fn csv_rows(records: &[Record], names: &AreaNames) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    for r in records {
        w.write_record(csv_row(r, names))
            .expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

/// One record as the fields of [`CSV_COLUMNS`].
fn csv_row(r: &Record, names: &AreaNames) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    let place = r.place.as_ref();
    let area = |code: Option<&String>| {
        let code = code.map_or("", String::as_str);
        [code.to_string(), names.name(code).to_string()]
    };
    let who = |s: &Option<Subject>| {
        [
            opt(s.as_ref().map(|s| s.name.clone())),
            opt(s.as_ref().and_then(|s| s.party.clone())),
        ]
    };
    let mut row = vec![
        r.doc.clone(),
        opt(r.date.clone()),
        r.kind.to_string(),
        r.election.kind.unwrap_or_default().to_string(),
        opt(r.election.year.map(|y| y.to_string())),
        opt(r.round.map(|n| n.to_string())),
        opt(place.map(|p| p.code.clone())),
        opt(place.map(|p| p.name.clone())),
    ];
    row.extend(area(place.and_then(|p| p.dep.as_ref())));
    row.extend(area(place.and_then(|p| p.reg.as_ref())));
    for s in [&r.subject, &r.leader, &r.trailer] {
        row.extend(who(s));
    }
    let values = &CSV_COLUMNS[row.len()..row.len() + 9];
    row.extend(
        values
            .iter()
            .map(|f| r.values.get(f).map_or(String::new(), |v| v.to_string())),
    );
    row.extend([
        r.approx.to_string(),
        opt(r.rank.map(|n| n.to_string())),
        r.status.unwrap_or_default().to_string(),
        r.warnings.join(";"),
        r.evidence.rule.to_string(),
        r.evidence.sentence.clone(),
        r.evidence.start.to_string(),
        r.evidence.end.to_string(),
        r.meta
            .as_ref()
            .and_then(|m| m.get("source")?.as_str())
            .unwrap_or_default()
            .to_string(),
    ]);
    debug_assert_eq!(row.len(), CSV_COLUMNS.len());
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    /// Every field, in the order records list them.
    const FIELDS: [Field; 9] = {
        use Field::*;
        [
            AbstentionPct,
            BlankNullPct,
            Expressed,
            Points,
            Registered,
            Share,
            TurnoutPct,
            Voters,
            Votes,
        ]
    };

    #[test]
    fn each_field_is_written_under_its_name_counts_as_integers() {
        for field in FIELDS {
            let mut values = Values::default();
            values.set(field, 1234.0);
            let stated: Vec<_> = values.iter().collect();
            assert_eq!(stated.len(), 1, "{field:?}");
            let (name, v) = &stated[0];
            assert_eq!(*name, field.name());
            assert_eq!(v.is_u64(), field.is_count(), "{field:?}");
            let json = serde_json::to_value(values).unwrap();
            assert_eq!(json, serde_json::json!({ field.name(): v }));
        }
    }

    #[test]
    fn values_are_written_in_the_order_of_their_names() {
        let mut values = Values::default();
        for (i, field) in FIELDS.into_iter().rev().enumerate() {
            values.set(field, i as f64 + 0.5);
        }
        values.set(Field::Share, 51.2);
        let json = serde_json::to_string(&values).unwrap();
        let keys: Vec<&str> = json.split('"').skip(1).step_by(2).collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(keys, sorted);
        assert_eq!(keys, FIELDS.map(Field::name));
        assert!(json.contains("\"share\":51.2,"), "{json}");
        assert!(json.ends_with("\"votes\":0}"), "{json}");
        assert_eq!(values.get("turnout_pct"), Some(Value::from(2.5)));
        assert_eq!(Values::default().get("share"), None);
    }

    fn written(r: &Record) -> String {
        let mut out = Vec::new();
        r.write_json(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_record_is_written_as_it_serialises() {
        let evidence = |s: &str| Evidence {
            sentence: s.into(),
            start: 3,
            end: 3 + s.len(),
            rule: "figure-then-competitor",
        };
        let who = |name: &str, party: Option<&str>| Subject {
            name: name.into(),
            party: party.map(Into::into),
        };
        let mut values = Values::default();
        values.set(Field::Share, 40.31);
        values.set(Field::Votes, 12_345.0);
        values.set(Field::Points, f64::NAN);
        values.set(Field::TurnoutPct, 1e21);
        let mut r = Record {
            doc: "d\"1\\".into(),
            date: Some("2017-04-23".into()),
            kind: "margin",
            place: Some(PlaceRef {
                code: "com:86194".into(),
                name: "Poitiers\u{7f}\u{1}".into(),
                dep: Some("dep:86".into()),
                reg: None,
            }),
            subject: Some(who("A", None)),
            leader: Some(who("Émile « Mimile »", Some("DVG"))),
            trailer: Some(who("B\tC", Some("RN"))),
            values,
            approx: true,
            round: Some(2),
            election: ElectionRef {
                kind: Some("legislatives"),
                year: Some(2017),
            },
            rank: Some(1),
            status: Some("elected"),
            warnings: vec!["shares-over-100", "margin-contradicts-scores"],
            evidence: evidence("Ligne\r\nsuivante\u{8}\u{c}\u{1f} 😀"),
            other_evidence: vec![evidence("Titre"), evidence("")],
            meta: Some(serde_json::json!({"uri": "http://x.fr/a?b=\"c\"", "n": [1, 2.5, null]})),
            schema_version: SCHEMA_VERSION,
        };
        assert_eq!(written(&r), serde_json::to_string(&r).unwrap());
        r.date = None;
        r.place = None;
        r.subject = None;
        r.leader = None;
        r.trailer = None;
        r.values = Values::default();
        r.approx = false;
        r.round = None;
        r.election.kind = None;
        r.rank = None;
        r.status = None;
        r.warnings.clear();
        r.other_evidence.clear();
        r.meta = None;
        assert_eq!(written(&r), serde_json::to_string(&r).unwrap());
        r.election.year = None;
        assert_eq!(written(&r), serde_json::to_string(&r).unwrap());
        r.election.kind = Some("europeennes");
        assert_eq!(written(&r), serde_json::to_string(&r).unwrap());
    }

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_ascii_character_is_escaped_as_serde_json_escapes_it() {
        let plain = "Résultats du second tour";
        for c in (0..=0x7f_u8).map(char::from).chain(['é', '\u{2028}', '😀']) {
            for at in plain.char_indices().map(|(i, _)| i) {
                let mut s = plain.to_string();
                s.insert(at, c);
                assert_eq!(escaped(&s), serde_json::to_string(&s).unwrap());
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::any::<char>(),
                    (0u8..0x20).prop_map(char::from),
                    proptest::sample::select(vec!['"', '\\', 'a', 'é']),
                ],
                0..40,
            )
        ) {
            let s: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(escaped(&s), serde_json::to_string(&s).unwrap());
        }
    }

    #[test]
    fn area_codes_carry_their_prefix() {
        assert_eq!(area("dep", "79").as_deref(), Some("dep:79"));
        assert_eq!(area("reg", ""), None);
    }
}
