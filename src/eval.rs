//! Scores scrutin's records against gold facts, as defined in `shared/eval/README.md`.
//!
//! Where the README is silent, this module decides as follows:
//! - `overall` sums the four fact kinds; `mentions` is scored on its own, since
//!   a long list of names would otherwise drown the figures.
//! - A ratio whose denominator is zero is `None` (printed `-`, JSON `null`);
//!   F1 is `2tp / (2tp + fp + fn)`, so it is 0 when one side is empty and the
//!   other is not, and `None` only when both are.
//! - An approximate gold item is recalled only by an approximate system item:
//!   an exact system figure claims a precision the article does not give.
//!   An approximate system item for a key the gold has nothing exact for is
//!   scored like any other, so it is a false positive unless it matches.
//! - A gold line without `year` matches any year, as one without `round`
//!   matches any round.
//! - The names of an article, for the surname rule, are every name of its gold
//!   lines (subjects, aliases, leaders, trailers, mentioned people) and of its
//!   system records. The rule works both ways (either side may be the surname).
//!   "One edit" is a Levenshtein distance of 1 between the normalised names.
//! - System `aliases` are ignored: a record names one competitor, and letting
//!   it list several would let it match more than it said.
//! - Several system `mentions` records for one article are merged, as the
//!   items form a set; mentions for articles whose gold has no `mentions` line
//!   are not scored.
//! - A system record without `doc` is counted with the uncovered ones; one
//!   without a place or name is scored and cannot match.
//! - Each matching pass is a maximum one-to-one matching (augmenting paths),
//!   not a greedy one, so record order cannot lower the score.
//! - Gold lines are checked strictly: besides missing fields, an unknown kind
//!   or place prefix, a round other than 1 or 2, a count that is not a whole
//!   number, a line without any value field, and a second `mentions` line for
//!   an article are errors.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use serde::Serialize;
use serde_json::{Map, Value};

/// Gold facts loaded from one or more JSON Lines files.
#[derive(Clone, Debug, Default)]
pub struct Gold {
    /// Every covered article, even one whose gold file is empty.
    docs: BTreeMap<String, DocGold>,
}

impl Gold {
    /// Whether the gold covers the article `doc`, i.e. whether its records are scored.
    pub fn covers(&self, doc: &str) -> bool {
        self.docs.contains_key(doc)
    }
}

/// Precision, recall and F1 of one kind, with the counts they come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    /// Gold items taken by a system item.
    pub tp: usize,
    /// System items that took no gold item.
    pub fp: usize,
    /// Gold items that no system item took.
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// `tp / (tp + fp)`, `None` when the system gave nothing.
    pub precision: Option<f64>,
    /// `tp / (tp + fn)`, `None` when the gold has nothing.
    pub recall: Option<f64>,
    /// `2tp / (2tp + fp + fn)`, `None` when both sides are empty.
    pub f1: Option<f64>,
}

impl Score {
    fn from_counts(c: Counts) -> Score {
        let ratio = |num: usize, den: usize| (den > 0).then(|| num as f64 / den as f64);
        Score {
            tp: c.tp,
            fp: c.fp,
            fn_: c.fn_,
            precision: ratio(c.tp, c.tp + c.fp),
            recall: ratio(c.tp, c.tp + c.fn_),
            f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn_),
        }
    }
}

/// One gold or system item, as listed among the missed or spurious ones.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    /// Article id.
    pub doc: String,
    /// `result`, `turnout`, `margin`, `poll` or `mentions`.
    pub kind: String,
    /// Place code as written (absent for mentions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Competitor of a result or poll.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Competitor ahead in a margin.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leader: Option<String>,
    /// Competitor behind in a margin.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trailer: Option<String>,
    /// Election year.
    pub year: Option<i64>,
    /// Election round.
    pub round: Option<i64>,
    /// Value field (`share`, `voters`, ...; `places` or `people` for mentions).
    pub field: String,
    /// The value as written: a number, or a code or name for mentions.
    pub value: Value,
    /// Whether the value is stated only approximately.
    pub approx: bool,
}

/// Scores per kind, and the items that explain them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Result items.
    pub result: Score,
    /// Turnout items.
    pub turnout: Score,
    /// Margin items.
    pub margin: Score,
    /// Poll items.
    pub poll: Score,
    /// The four fact kinds together (mentions excluded).
    pub overall: Score,
    /// Mention items (places and people), for articles whose gold lists them.
    pub mentions: Score,
    /// Number of articles the gold covers.
    pub docs: usize,
    /// Gold items no system item took.
    pub missed: Vec<Item>,
    /// System items that took no gold item.
    pub spurious: Vec<Item>,
    /// System records for articles the gold does not cover (not scored).
    pub uncovered_records: usize,
    /// System records of another kind than the five scored ones (not scored).
    pub ignored_records: usize,
}

/// Reads gold facts from a `.jsonl` file, or from every `*.jsonl` file of a directory.
pub fn load_gold(path: &Path) -> Result<Gold> {
    let files = if path.is_dir() {
        let mut files: Vec<PathBuf> = fs::read_dir(path)
            .with_context(|| format!("cannot list {}", path.display()))?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<std::io::Result<_>>()
            .with_context(|| format!("cannot list {}", path.display()))?;
        files.retain(|p| p.is_file() && p.extension().is_some_and(|e| e == "jsonl"));
        files.sort();
        if files.is_empty() {
            bail!("{}: no *.jsonl gold file", path.display());
        }
        files
    } else {
        vec![path.to_path_buf()]
    };
    let mut gold = Gold::default();
    // Where each article's mentions line is, to report a second one.
    let mut mention_lines: BTreeMap<String, String> = BTreeMap::new();
    for file in &files {
        let text =
            fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
        if let Some(stem) = file.file_stem().and_then(|s| s.to_str()) {
            gold.docs.entry(stem.to_string()).or_default();
        }
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = format!("{}:{}", file.display(), index + 1);
            let parsed = parse_gold_line(line).map_err(|e| anyhow!("{at}: {e}"))?;
            match parsed {
                GoldLine::Facts(doc, facts) => {
                    gold.docs.entry(doc).or_default().facts.extend(facts);
                }
                GoldLine::Mentions(doc, mentions) => {
                    if let Some(first) = mention_lines.get(&doc) {
                        bail!("{at}: second mentions line for `{doc}` (first at {first})");
                    }
                    mention_lines.insert(doc.clone(), at);
                    gold.docs.entry(doc).or_default().mentions = Some(mentions);
                }
            }
        }
    }
    Ok(gold)
}

/// Scores system records (one JSON value per record) against the gold.
pub fn score(gold: &Gold, system: &[Value]) -> Report {
    let mut report = Report {
        docs: gold.docs.len(),
        ..Report::default()
    };
    let mut by_doc: BTreeMap<&str, DocSystem> = BTreeMap::new();
    for record in system {
        match parse_system_record(record) {
            SysRecord::Other => report.ignored_records += 1,
            SysRecord::Facts(Some(doc), facts) if gold.covers(doc) => {
                by_doc.entry(doc).or_default().facts.extend(facts);
            }
            SysRecord::Mentions(Some(doc), places, people) if gold.covers(doc) => {
                let entry = by_doc.entry(doc).or_default();
                entry.places.extend(places);
                entry.people.extend(people);
            }
            SysRecord::Facts(..) | SysRecord::Mentions(..) => report.uncovered_records += 1,
        }
    }
    let empty = DocSystem::default();
    let mut tally = Tally::default();
    for (doc, doc_gold) in &gold.docs {
        let doc_sys = by_doc.get(doc.as_str()).unwrap_or(&empty);
        let names = article_names(doc_gold, doc_sys);
        score_facts(&doc_gold.facts, &doc_sys.facts, &names, &mut tally);
        if let Some(mentions) = &doc_gold.mentions {
            score_mentions(doc, mentions, doc_sys, &names, &mut tally);
        }
    }
    let overall = tally.kinds.iter().fold(Counts::default(), |a, &b| a + b);
    report.result = Score::from_counts(tally.kinds[Kind::Result as usize]);
    report.turnout = Score::from_counts(tally.kinds[Kind::Turnout as usize]);
    report.margin = Score::from_counts(tally.kinds[Kind::Margin as usize]);
    report.poll = Score::from_counts(tally.kinds[Kind::Poll as usize]);
    report.overall = Score::from_counts(overall);
    report.mentions = Score::from_counts(tally.mentions);
    report.missed = tally.missed;
    report.spurious = tally.spurious;
    report
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<9} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
            "kind", "gold", "system", "tp", "fp", "fn", "prec", "recall", "F1"
        )?;
        let rows = [
            ("result", &self.result),
            ("turnout", &self.turnout),
            ("margin", &self.margin),
            ("poll", &self.poll),
            ("overall", &self.overall),
            ("mentions", &self.mentions),
        ];
        for (kind, s) in rows {
            writeln!(
                f,
                "{:<9} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
                kind,
                s.tp + s.fn_,
                s.tp + s.fp,
                s.tp,
                s.fp,
                s.fn_,
                ratio_text(s.precision),
                ratio_text(s.recall),
                ratio_text(s.f1)
            )?;
        }
        writeln!(
            f,
            "articles: {}; records outside the gold: {}; records of other kinds: {}",
            self.docs, self.uncovered_records, self.ignored_records
        )?;
        writeln!(f, "missed ({}):", self.missed.len())?;
        for item in &self.missed {
            writeln!(f, "  {item}")?;
        }
        writeln!(f, "spurious ({}):", self.spurious.len())?;
        for item in &self.spurious {
            writeln!(f, "  {item}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.doc, self.kind)?;
        if let Some(place) = &self.place {
            write!(f, " {place}")?;
        }
        if let Some(subject) = &self.subject {
            write!(f, " \"{subject}\"")?;
        }
        if self.leader.is_some() || self.trailer.is_some() {
            let leader = self.leader.as_deref().unwrap_or("?");
            let trailer = self.trailer.as_deref().unwrap_or("?");
            write!(f, " \"{leader}\" > \"{trailer}\"")?;
        }
        if self.kind != "mentions" {
            match self.year {
                Some(year) => write!(f, " {year}")?,
                None => write!(f, " -")?,
            }
            match self.round {
                Some(round) => write!(f, " r{round}")?,
                None => write!(f, " r-")?,
            }
        }
        match &self.value {
            Value::String(text) => write!(f, " {}={}", self.field, text)?,
            other => write!(f, " {}={}", self.field, other)?,
        }
        if self.approx {
            write!(f, " (approx)")?;
        }
        Ok(())
    }
}

fn ratio_text(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "-".to_string(), |r| format!("{r:.3}"))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Result,
    Turnout,
    Margin,
    Poll,
}

impl Kind {
    fn parse(text: &str) -> Option<Kind> {
        match text {
            "result" => Some(Kind::Result),
            "turnout" => Some(Kind::Turnout),
            "margin" => Some(Kind::Margin),
            "poll" => Some(Kind::Poll),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Kind::Result => "result",
            Kind::Turnout => "turnout",
            Kind::Margin => "margin",
            Kind::Poll => "poll",
        }
    }

    fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Result | Kind::Poll => &["share", "votes"],
            Kind::Turnout => &[
                "voters",
                "registered",
                "expressed",
                "turnout_pct",
                "abstention_pct",
                "blank_null_pct",
            ],
            Kind::Margin => &["votes", "points"],
        }
    }
}

fn is_percentage(field: &str) -> bool {
    field.ends_with("_pct") || field == "share" || field == "points"
}

fn values_match(field: &str, a: f64, b: f64) -> bool {
    if is_percentage(field) {
        // The slack absorbs binary rounding, so 38.18 vs 38.19 still counts as 0.01.
        (a - b).abs() <= 0.01 + 1e-9
    } else {
        a == b
    }
}

/// A name with its comparison forms.
#[derive(Clone, Debug)]
struct Name {
    shown: String,
    /// Folded words: lower case, no accents, split at anything not a letter or digit.
    words: Vec<String>,
    /// The words joined, so hyphens, spaces and punctuation do not count.
    key: String,
}

impl Name {
    fn new(text: &str) -> Name {
        let words = fold_words(text);
        Name {
            shown: text.to_string(),
            key: words.concat(),
            words,
        }
    }
}

/// How two names match; ordered so that `max` picks the better match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Loose,
    Exact,
}

/// Who a fact is about; a slot is empty where the kind has no such role.
/// Gold slots hold the name then its aliases; system slots hold one name at most.
#[derive(Clone, Debug, Default)]
struct Who {
    subject: Vec<Name>,
    leader: Vec<Name>,
    trailer: Vec<Name>,
}

/// One scored item: a single value field of a gold line or system record.
#[derive(Clone, Debug)]
struct Fact {
    kind: Kind,
    /// Normalised place code; `None` when a system record has none.
    place: Option<String>,
    who: Who,
    year: Option<i64>,
    round: Option<i64>,
    field: &'static str,
    value: f64,
    approx: bool,
    item: Item,
}

#[derive(Clone, Debug, Default)]
struct GoldMentions {
    /// Normalised code and code as written, `FR` dropped, without duplicates.
    places: Vec<(String, String)>,
    people: Vec<Name>,
}

#[derive(Clone, Debug, Default)]
struct DocGold {
    facts: Vec<Fact>,
    mentions: Option<GoldMentions>,
}

#[derive(Debug, Default)]
struct DocSystem {
    facts: Vec<Fact>,
    places: Vec<(String, String)>,
    people: Vec<Name>,
}

enum GoldLine {
    Facts(String, Vec<Fact>),
    Mentions(String, GoldMentions),
}

enum SysRecord<'a> {
    Facts(Option<&'a str>, Vec<Fact>),
    Mentions(Option<&'a str>, Vec<(String, String)>, Vec<Name>),
    Other,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(self, other: Counts) -> Counts {
        Counts {
            tp: self.tp + other.tp,
            fp: self.fp + other.fp,
            fn_: self.fn_ + other.fn_,
        }
    }
}

#[derive(Default)]
struct Tally {
    kinds: [Counts; 4],
    mentions: Counts,
    missed: Vec<Item>,
    spurious: Vec<Item>,
}

fn parse_gold_line(line: &str) -> Result<GoldLine, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let obj = value
        .as_object()
        .ok_or_else(|| "not a JSON object".to_string())?;
    let doc = required_str(obj, "doc")?.to_string();
    let kind_text = required_str(obj, "kind")?;
    if kind_text == "mentions" {
        return Ok(GoldLine::Mentions(doc, parse_gold_mentions(obj)?));
    }
    let kind = Kind::parse(kind_text).ok_or_else(|| format!("unknown kind `{kind_text}`"))?;
    let place = required_str(obj, "place")?;
    check_place(place)?;
    let year = optional_int(obj, "year")?;
    let round = optional_int(obj, "round")?;
    if let Some(r) = round.filter(|r| !matches!(r, 1 | 2)) {
        return Err(format!("`round` must be 1 or 2, not {r}"));
    }
    let approx = match obj.get("approx") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err("`approx` must be true or false".to_string()),
    };
    let who = match kind {
        Kind::Result | Kind::Poll => {
            let mut subject = vec![gold_name(obj, "subject")?];
            if let Some(aliases) = obj.get("aliases").filter(|v| !v.is_null()) {
                let aliases = aliases
                    .as_array()
                    .ok_or_else(|| "`aliases` must be a list of names".to_string())?;
                for alias in aliases {
                    let alias = alias
                        .as_str()
                        .ok_or_else(|| "`aliases` must be a list of names".to_string())?;
                    subject.push(Name::new(alias));
                }
            }
            Who {
                subject,
                ..Who::default()
            }
        }
        Kind::Margin => Who {
            leader: vec![gold_name(obj, "leader")?],
            trailer: vec![gold_name(obj, "trailer")?],
            ..Who::default()
        },
        Kind::Turnout => Who::default(),
    };
    let mut facts = Vec::new();
    for &field in kind.fields() {
        let raw = match obj.get(field) {
            None | Some(Value::Null) => continue,
            Some(raw) => raw,
        };
        let number = raw
            .as_f64()
            .ok_or_else(|| format!("`{field}` must be a number"))?;
        if !is_percentage(field) && (number < 0.0 || number.fract() != 0.0) {
            return Err(format!("`{field}` must be a whole count, not {raw}"));
        }
        facts.push(Fact {
            kind,
            place: Some(normalise_place(place)),
            who: who.clone(),
            year,
            round,
            field,
            value: number,
            approx,
            item: Item {
                doc: doc.clone(),
                kind: kind.as_str().to_string(),
                place: Some(place.to_string()),
                subject: who.subject.first().map(|n| n.shown.clone()),
                leader: who.leader.first().map(|n| n.shown.clone()),
                trailer: who.trailer.first().map(|n| n.shown.clone()),
                year,
                round,
                field: field.to_string(),
                value: raw.clone(),
                approx,
            },
        });
    }
    if facts.is_empty() {
        return Err(format!(
            "no value field for kind `{}` (expected one of {})",
            kind.as_str(),
            kind.fields().join(", ")
        ));
    }
    Ok(GoldLine::Facts(doc, facts))
}

fn parse_gold_mentions(obj: &Map<String, Value>) -> Result<GoldMentions, String> {
    let list = |field: &str| -> Result<Vec<&str>, String> {
        let values = obj
            .get(field)
            .ok_or_else(|| format!("missing field `{field}`"))?
            .as_array()
            .ok_or_else(|| format!("`{field}` must be a list of strings"))?;
        values
            .iter()
            .map(|v| {
                v.as_str()
                    .ok_or_else(|| format!("`{field}` must be a list of strings"))
            })
            .collect()
    };
    let mut mentions = GoldMentions::default();
    for code in list("places")? {
        check_place(code)?;
        mentions
            .places
            .push((normalise_place(code), code.to_string()));
    }
    for person in list("people")? {
        let name = Name::new(person);
        if name.key.is_empty() {
            return Err(format!("`people` has a name without letters: {person:?}"));
        }
        mentions.people.push(name);
    }
    mentions.places = unique_places(mentions.places);
    mentions.people = unique_names(mentions.people);
    Ok(mentions)
}

fn required_str<'a>(obj: &'a Map<String, Value>, field: &str) -> Result<&'a str, String> {
    match obj.get(field) {
        None | Some(Value::Null) => Err(format!("missing field `{field}`")),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
        Some(_) => Err(format!("`{field}` must be a non-empty string")),
    }
}

fn optional_int(obj: &Map<String, Value>, field: &str) -> Result<Option<i64>, String> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_i64()
            .map(Some)
            .ok_or_else(|| format!("`{field}` must be an integer")),
    }
}

fn gold_name(obj: &Map<String, Value>, field: &str) -> Result<Name, String> {
    let name = Name::new(required_str(obj, field)?);
    if name.key.is_empty() {
        return Err(format!("`{field}` has no letters"));
    }
    Ok(name)
}

fn check_place(code: &str) -> Result<(), String> {
    const PREFIXES: [&str; 7] = ["reg", "oldreg", "dep", "com", "circ", "canton", "name"];
    let valid = code == "FR"
        || code
            .split_once(':')
            .is_some_and(|(prefix, rest)| PREFIXES.contains(&prefix) && !rest.trim().is_empty());
    if valid {
        Ok(())
    } else {
        Err(format!("bad place code {code:?}"))
    }
}

fn parse_system_record(record: &Value) -> SysRecord<'_> {
    let Some(obj) = record.as_object() else {
        return SysRecord::Other;
    };
    let kind_text = obj.get("kind").and_then(Value::as_str).unwrap_or("");
    let doc = obj.get("doc").and_then(Value::as_str);
    if kind_text == "mentions" {
        let places = list_of(obj, "places", "code")
            .into_iter()
            .map(|code| (normalise_place(code), code.to_string()))
            .collect();
        let people = list_of(obj, "people", "name")
            .into_iter()
            .map(Name::new)
            .filter(|n| !n.key.is_empty())
            .collect();
        return SysRecord::Mentions(doc, places, people);
    }
    let Some(kind) = Kind::parse(kind_text) else {
        return SysRecord::Other;
    };
    let place = obj.get("place").and_then(|p| text_or_field(p, "code"));
    let year = obj
        .get("election")
        .and_then(|e| e.get("year"))
        .and_then(loose_int)
        .or_else(|| obj.get("year").and_then(loose_int));
    let round = obj.get("round").and_then(loose_int);
    let approx = obj.get("approx").and_then(Value::as_bool).unwrap_or(false);
    let slot = |field: &str| -> Vec<Name> {
        obj.get(field)
            .and_then(|v| text_or_field(v, "name"))
            .map(Name::new)
            .filter(|n| !n.key.is_empty())
            .into_iter()
            .collect()
    };
    let who = match kind {
        Kind::Result | Kind::Poll => Who {
            subject: slot("subject"),
            ..Who::default()
        },
        Kind::Margin => Who {
            leader: slot("leader"),
            trailer: slot("trailer"),
            ..Who::default()
        },
        Kind::Turnout => Who::default(),
    };
    let shown = |field: &str| obj.get(field).and_then(|v| text_or_field(v, "name"));
    let facts = kind
        .fields()
        .iter()
        .filter_map(|&field| {
            let raw = obj.get(field)?;
            let value = raw.as_f64()?;
            Some(Fact {
                kind,
                place: place.map(normalise_place),
                who: who.clone(),
                year,
                round,
                field,
                value,
                approx,
                item: Item {
                    doc: doc.unwrap_or("").to_string(),
                    kind: kind.as_str().to_string(),
                    place: Some(place.unwrap_or("?").to_string()),
                    subject: matches!(kind, Kind::Result | Kind::Poll)
                        .then(|| shown("subject").unwrap_or("?").to_string()),
                    leader: (kind == Kind::Margin)
                        .then(|| shown("leader").unwrap_or("?").to_string()),
                    trailer: (kind == Kind::Margin)
                        .then(|| shown("trailer").unwrap_or("?").to_string()),
                    year,
                    round,
                    field: field.to_string(),
                    value: raw.clone(),
                    approx,
                },
            })
        })
        .collect();
    SysRecord::Facts(doc, facts)
}

/// A string, or the string `field` of an object.
fn text_or_field<'a>(value: &'a Value, field: &str) -> Option<&'a str> {
    match value {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get(field).and_then(Value::as_str),
        _ => None,
    }
}

fn list_of<'a>(obj: &'a Map<String, Value>, list: &str, field: &str) -> Vec<&'a str> {
    obj.get(list)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|v| text_or_field(v, field))
                .collect()
        })
        .unwrap_or_default()
}

/// An integer written as a number or as a string of digits.
fn loose_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Lower case, accents removed, split at every character that is not a letter or digit.
fn fold_words(text: &str) -> Vec<String> {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => folded.push('a'),
            'æ' => folded.push_str("ae"),
            'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => folded.push('c'),
            'ď' | 'đ' => folded.push('d'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => folded.push('e'),
            'ğ' | 'ĝ' | 'ġ' | 'ģ' => folded.push('g'),
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => folded.push('i'),
            'ł' | 'ľ' | 'ĺ' | 'ļ' => folded.push('l'),
            'ñ' | 'ń' | 'ň' | 'ņ' => folded.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => folded.push('o'),
            'œ' => folded.push_str("oe"),
            'ŕ' | 'ř' | 'ŗ' => folded.push('r'),
            'ś' | 'š' | 'ş' | 'ŝ' | 'ș' => folded.push('s'),
            'ß' => folded.push_str("ss"),
            'ť' | 'ţ' | 'ț' => folded.push('t'),
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => folded.push('u'),
            'ý' | 'ÿ' | 'ŷ' => folded.push('y'),
            'ź' | 'ż' | 'ž' => folded.push('z'),
            // Combining accents, as left by decomposed (NFD) text.
            '\u{300}'..='\u{36f}' => {}
            _ => folded.push(c),
        }
    }
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn normalise_place(code: &str) -> String {
    match code.split_once(':') {
        Some((prefix @ ("name" | "canton" | "oldreg"), rest)) => {
            format!("{prefix}:{}", fold_words(rest).join("-"))
        }
        _ => code.to_string(),
    }
}

fn unique_places(places: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut seen = HashSet::new();
    places
        .into_iter()
        .filter(|(code, _)| code != "FR" && seen.insert(code.clone()))
        .collect()
}

fn unique_names(names: Vec<Name>) -> Vec<Name> {
    let mut seen = HashSet::new();
    names
        .into_iter()
        .filter(|n| seen.insert(n.key.clone()))
        .collect()
}

/// Every distinct name of an article, on either side: the field of the surname rule.
fn article_names(gold: &DocGold, sys: &DocSystem) -> Vec<Name> {
    let who_names = |who: &Who| -> Vec<Name> {
        who.subject
            .iter()
            .chain(&who.leader)
            .chain(&who.trailer)
            .cloned()
            .collect()
    };
    let mut names: Vec<Name> = gold
        .facts
        .iter()
        .chain(&sys.facts)
        .flat_map(|f| who_names(&f.who))
        .collect();
    if let Some(mentions) = &gold.mentions {
        names.extend(mentions.people.iter().cloned());
    }
    names.extend(sys.people.iter().cloned());
    unique_names(names)
}

/// Whether `short` is the last words of `full`, and fewer of them.
fn is_surname_of(short: &Name, full: &Name) -> bool {
    (1..full.words.len()).any(|start| full.words[start..].concat() == short.key)
}

/// Whether `short` is the surname of `full` and of no other name of the article.
fn unique_surname(short: &Name, full: &Name, article: &[Name]) -> bool {
    is_surname_of(short, full)
        && !article
            .iter()
            .any(|other| other.key != full.key && is_surname_of(short, other))
}

/// Whether two names of eight letters or more are one insertion, deletion or substitution apart.
fn one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() < 8 || b.len() < 8 {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => short.iter().zip(&long).filter(|(x, y)| x != y).count() == 1,
        1 => {
            let prefix = short.iter().zip(&long).take_while(|(x, y)| x == y).count();
            short[prefix..] == long[prefix + 1..]
        }
        _ => false,
    }
}

fn name_level(gold: &Name, sys: &Name, article: &[Name]) -> Option<Level> {
    if gold.key.is_empty() || sys.key.is_empty() {
        None
    } else if gold.key == sys.key {
        Some(Level::Exact)
    } else if one_edit(&gold.key, &sys.key)
        || unique_surname(sys, gold, article)
        || unique_surname(gold, sys, article)
    {
        Some(Level::Loose)
    } else {
        None
    }
}

fn slot_level(gold: &[Name], sys: &[Name], article: &[Name]) -> Option<Level> {
    if gold.is_empty() {
        // The kind has no such role.
        return Some(Level::Exact);
    }
    let sys = sys.first()?;
    gold.iter()
        .filter_map(|g| name_level(g, sys, article))
        .max()
}

/// How well a system item's key (all but the value) fits a gold item's key.
fn key_level(gold: &Fact, sys: &Fact, article: &[Name]) -> Option<Level> {
    let fits = gold.kind == sys.kind
        && gold.field == sys.field
        && gold.place.is_some()
        && gold.place == sys.place
        && gold.year.is_none_or(|y| sys.year == Some(y))
        && gold.round.is_none_or(|r| sys.round == Some(r));
    if !fits {
        return None;
    }
    let subject = slot_level(&gold.who.subject, &sys.who.subject, article)?;
    let leader = slot_level(&gold.who.leader, &sys.who.leader, article)?;
    let trailer = slot_level(&gold.who.trailer, &sys.who.trailer, article)?;
    Some(subject.min(leader).min(trailer))
}

/// Whether two gold items share one key, their names being the same once normalised.
fn same_gold_key(a: &Fact, b: &Fact) -> bool {
    let first = |names: &[Name]| names.first().map(|n| n.key.clone());
    a.kind == b.kind
        && a.field == b.field
        && a.place == b.place
        && a.year == b.year
        && a.round == b.round
        && first(&a.who.subject) == first(&b.who.subject)
        && first(&a.who.leader) == first(&b.who.leader)
        && first(&a.who.trailer) == first(&b.who.trailer)
}

/// Finds an augmenting path from system item `sys` (Kuhn's algorithm).
fn augment(sys: usize, adj: &[Vec<usize>], seen: &mut [bool], owner: &mut [Option<usize>]) -> bool {
    for &gold in &adj[sys] {
        if seen[gold] {
            continue;
        }
        seen[gold] = true;
        if owner[gold].is_none_or(|other| augment(other, adj, seen, owner)) {
            owner[gold] = Some(sys);
            return true;
        }
    }
    false
}

/// A maximum one-to-one matching; `adj[s]` lists the gold items system item `s` may take.
fn max_matching(n_gold: usize, adj: &[Vec<usize>]) -> Vec<Option<usize>> {
    let mut owner = vec![None; n_gold];
    for sys in 0..adj.len() {
        let mut seen = vec![false; n_gold];
        augment(sys, adj, &mut seen, &mut owner);
    }
    owner
}

/// Matches exact spellings first, then loose ones among what is left, so that
/// a loose match never takes a gold item another system item spells exactly.
/// Returns, for each gold item, the system item that took it.
fn two_pass_matching(
    n_sys: usize,
    n_gold: usize,
    level: impl Fn(usize, usize) -> Option<Level>,
) -> Vec<Option<usize>> {
    let edges: Vec<Vec<(usize, Level)>> = (0..n_sys)
        .map(|s| {
            (0..n_gold)
                .filter_map(|g| level(s, g).map(|l| (g, l)))
                .collect()
        })
        .collect();
    let exact: Vec<Vec<usize>> = edges
        .iter()
        .map(|e| {
            e.iter()
                .filter(|(_, l)| *l == Level::Exact)
                .map(|(g, _)| *g)
                .collect()
        })
        .collect();
    let mut owner = max_matching(n_gold, &exact);
    let taken: HashSet<usize> = owner.iter().flatten().copied().collect();
    let rest: Vec<Vec<usize>> = edges
        .iter()
        .enumerate()
        .map(|(s, e)| {
            if taken.contains(&s) {
                Vec::new()
            } else {
                e.iter()
                    .filter(|(g, _)| owner[*g].is_none())
                    .map(|(g, _)| *g)
                    .collect()
            }
        })
        .collect();
    for (gold, sys) in max_matching(n_gold, &rest).into_iter().enumerate() {
        if sys.is_some() {
            owner[gold] = sys;
        }
    }
    owner
}

fn score_facts(gold: &[Fact], sys: &[Fact], article: &[Name], tally: &mut Tally) {
    // An approximate figure counts only where the gold has no exact one for its key.
    let gold: Vec<&Fact> = gold
        .iter()
        .filter(|g| !g.approx || !gold.iter().any(|e| !e.approx && same_gold_key(e, g)))
        .collect();
    let sys: Vec<&Fact> = sys
        .iter()
        .filter(|s| {
            !s.approx
                || !gold
                    .iter()
                    .any(|e| !e.approx && key_level(e, s, article).is_some())
        })
        .collect();
    let owner = two_pass_matching(sys.len(), gold.len(), |s, g| {
        let (s, g) = (sys[s], gold[g]);
        if s.approx != g.approx || !values_match(g.field, g.value, s.value) {
            return None;
        }
        key_level(g, s, article)
    });
    let mut taken = vec![false; sys.len()];
    for (g, matched) in gold.iter().zip(&owner) {
        let counts = &mut tally.kinds[g.kind as usize];
        match matched {
            Some(s) => {
                counts.tp += 1;
                taken[*s] = true;
            }
            None => {
                counts.fn_ += 1;
                tally.missed.push(g.item.clone());
            }
        }
    }
    for (s, _) in sys.iter().zip(&taken).filter(|(_, taken)| !**taken) {
        tally.kinds[s.kind as usize].fp += 1;
        tally.spurious.push(s.item.clone());
    }
}

fn score_mentions(
    doc: &str,
    gold: &GoldMentions,
    sys: &DocSystem,
    article: &[Name],
    tally: &mut Tally,
) {
    let item = |field: &str, value: &str| Item {
        doc: doc.to_string(),
        kind: "mentions".to_string(),
        place: None,
        subject: None,
        leader: None,
        trailer: None,
        year: None,
        round: None,
        field: field.to_string(),
        value: Value::String(value.to_string()),
        approx: false,
    };
    let sys_places = unique_places(sys.places.clone());
    let gold_codes: BTreeSet<&str> = gold.places.iter().map(|(c, _)| c.as_str()).collect();
    let sys_codes: BTreeSet<&str> = sys_places.iter().map(|(c, _)| c.as_str()).collect();
    for (code, shown) in &gold.places {
        if sys_codes.contains(code.as_str()) {
            tally.mentions.tp += 1;
        } else {
            tally.mentions.fn_ += 1;
            tally.missed.push(item("places", shown));
        }
    }
    for (code, shown) in &sys_places {
        if !gold_codes.contains(code.as_str()) {
            tally.mentions.fp += 1;
            tally.spurious.push(item("places", shown));
        }
    }
    let sys_people = unique_names(sys.people.clone());
    let owner = two_pass_matching(sys_people.len(), gold.people.len(), |s, g| {
        name_level(&gold.people[g], &sys_people[s], article)
    });
    let mut taken = vec![false; sys_people.len()];
    for (person, matched) in gold.people.iter().zip(&owner) {
        match matched {
            Some(s) => {
                tally.mentions.tp += 1;
                taken[*s] = true;
            }
            None => {
                tally.mentions.fn_ += 1;
                tally.missed.push(item("people", &person.shown));
            }
        }
    }
    for (person, _) in sys_people.iter().zip(&taken).filter(|(_, taken)| !**taken) {
        tally.mentions.fp += 1;
        tally.spurious.push(item("people", &person.shown));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::io::Write;

    const DEV_GOLD: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/eval/dev/000_439f4ac286a5338c.jsonl"
    );

    /// Writes gold lines to a temporary file named after `doc` and loads it.
    fn gold_from(doc: &str, lines: &[Value]) -> Gold {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(format!("{doc}.jsonl"));
        let mut file = fs::File::create(&path).expect("create gold");
        for line in lines {
            writeln!(file, "{line}").expect("write gold");
        }
        load_gold(&path).expect("gold loads")
    }

    /// Turns a gold line into the nested shape scrutin emits.
    fn to_system(gold: &Value) -> Value {
        let mut out = gold.clone();
        let Some(obj) = out.as_object_mut() else {
            return out;
        };
        if let Some(place) = obj.remove("place") {
            obj.insert("place".into(), json!({"code": place, "name": "?"}));
        }
        for role in ["subject", "leader", "trailer"] {
            if let Some(name) = obj.remove(role) {
                obj.insert(role.into(), json!({"name": name}));
            }
        }
        obj.remove("aliases");
        if let Some(year) = obj.remove("year") {
            obj.insert("election".into(), json!({"type": "primaire", "year": year}));
        }
        out
    }

    fn result(doc: &str, place: &str, subject: &str, share: f64) -> Value {
        json!({"doc": doc, "kind": "result", "place": place, "year": 2017, "round": 1,
               "subject": subject, "share": share})
    }

    fn sys_result(doc: &str, place: &str, subject: &str, share: f64) -> Value {
        to_system(&result(doc, place, subject, share))
    }

    #[test]
    fn dev_gold_scored_against_itself_is_perfect() {
        let gold = load_gold(Path::new(DEV_GOLD)).expect("dev gold loads");
        let text = fs::read_to_string(DEV_GOLD).expect("dev gold readable");
        let system: Vec<Value> = text
            .lines()
            .map(|l| to_system(&serde_json::from_str(l).expect("dev gold is JSON")))
            .collect();
        let report = score(&gold, &system);
        assert!(report.missed.is_empty(), "missed: {:?}", report.missed);
        assert!(
            report.spurious.is_empty(),
            "spurious: {:?}",
            report.spurious
        );
        // 9 result lines, but the approximate 38 % gives way to the exact 38.18 %.
        assert_eq!(report.result.tp, 8);
        assert_eq!(report.turnout.tp, 2);
        assert_eq!(report.margin.tp, 2);
        assert_eq!(report.overall.tp, 12);
        assert_eq!(report.overall.f1, Some(1.0));
        assert_eq!(report.mentions.tp, 11 + 14);
        assert_eq!(report.mentions.f1, Some(1.0));
        assert_eq!(report.poll.f1, None);
        assert_eq!(report.docs, 1);
    }

    #[test]
    fn wrong_value_is_one_false_positive_and_one_miss() {
        let gold = gold_from("d", &[result("d", "dep:79", "Benoît Hamon", 38.18)]);
        let report = score(&gold, &[sys_result("d", "dep:79", "Benoît Hamon", 38.2)]);
        assert_eq!(
            (report.result.tp, report.result.fp, report.result.fn_),
            (0, 1, 1)
        );
        assert_eq!(report.spurious[0].value, json!(38.2));
        assert_eq!(report.missed[0].value, json!(38.18));
        // Within 0.01 is still right.
        let report = score(&gold, &[sys_result("d", "dep:79", "Benoît Hamon", 38.19)]);
        assert_eq!(report.result.tp, 1);
    }

    #[test]
    fn counts_compare_exactly() {
        let line =
            json!({"doc": "d", "kind": "turnout", "place": "dep:79", "year": 2017, "voters": 9046});
        let gold = gold_from("d", std::slice::from_ref(&line));
        let mut near = to_system(&line);
        near["voters"] = json!(9047);
        assert_eq!(score(&gold, &[near]).turnout.tp, 0);
        assert_eq!(score(&gold, &[to_system(&line)]).turnout.tp, 1);
    }

    #[test]
    fn approximate_headline_gives_way_to_the_exact_figure() {
        let exact = result("d", "dep:79", "Benoît Hamon", 38.18);
        let mut approx = result("d", "dep:79", "Benoît Hamon", 38.0);
        approx["approx"] = json!(true);
        let gold = gold_from("d", &[exact.clone(), approx.clone()]);

        let both = score(&gold, &[to_system(&exact), to_system(&approx)]);
        assert_eq!((both.result.tp, both.result.fp, both.result.fn_), (1, 0, 0));

        let only_approx = score(&gold, &[to_system(&approx)]);
        assert_eq!(
            (
                only_approx.result.tp,
                only_approx.result.fp,
                only_approx.result.fn_
            ),
            (0, 0, 1)
        );
        assert_eq!(only_approx.missed[0].value, json!(38.18));
    }

    #[test]
    fn approximate_only_gold_needs_an_approximate_system_item() {
        let mut approx = result("d", "dep:79", "Benoît Hamon", 38.0);
        approx["approx"] = json!(true);
        let gold = gold_from("d", std::slice::from_ref(&approx));

        let recalled = score(&gold, &[to_system(&approx)]);
        assert_eq!((recalled.result.tp, recalled.result.fp), (1, 0));

        let exact_claim = score(&gold, &[sys_result("d", "dep:79", "Benoît Hamon", 38.0)]);
        assert_eq!((exact_claim.result.tp, exact_claim.result.fp), (0, 1));

        // An approximate system figure where the gold has nothing is spurious.
        let mut elsewhere = to_system(&approx);
        elsewhere["place"] = json!("dep:86");
        let spurious = score(&gold, &[to_system(&approx), elsewhere]);
        assert_eq!((spurious.result.tp, spurious.result.fp), (1, 1));
        assert!(spurious.spurious[0].approx);
    }

    #[test]
    fn surname_alone_matches_when_unique_in_the_article() {
        let gold = gold_from(
            "d",
            &[
                result("d", "dep:79", "Benoît Hamon", 38.18),
                result("d", "dep:79", "Marine Le Pen", 20.0),
                json!({"doc": "d", "kind": "mentions", "places": ["dep:79"],
                       "people": ["Benoît Hamon", "Marine Le Pen", "Jean-Marie Le Pen"]}),
            ],
        );
        let report = score(
            &gold,
            &[
                sys_result("d", "dep:79", "Hamon", 38.18),
                sys_result("d", "dep:79", "Le Pen", 20.0),
            ],
        );
        assert_eq!(report.result.tp, 1, "Hamon is unique, Le Pen is not");
        assert_eq!(report.spurious[0].subject.as_deref(), Some("Le Pen"));
    }

    #[test]
    fn one_edit_matches_only_long_names() {
        let gold = gold_from(
            "d",
            &[
                result("d", "dep:79", "Arnaud Montebourg", 17.03),
                result("d", "dep:79", "Jean Dupo", 5.0),
            ],
        );
        let report = score(
            &gold,
            &[
                sys_result("d", "dep:79", "Arnaud Montebour", 17.03),
                sys_result("d", "dep:79", "Jean Dup", 5.0),
            ],
        );
        assert_eq!(report.result.tp, 1);
        assert_eq!(report.spurious[0].subject.as_deref(), Some("Jean Dup"));
        assert!(!one_edit("montebourg", "montebrug"));
        assert!(one_edit("arnaudmontebourg", "arnaudmontbourg"));
    }

    #[test]
    fn names_ignore_case_accents_and_hyphens() {
        let gold = gold_from("d", &[result("d", "dep:79", "Jean-Philippe Ruaud", 3.0)]);
        let report = score(
            &gold,
            &[sys_result("d", "dep:79", "JEAN PHILIPPE RUAUD.", 3.0)],
        );
        assert_eq!(report.result.tp, 1);
    }

    #[test]
    fn exact_spelling_is_matched_before_a_loose_one() {
        let gold = gold_from("d", &[result("d", "dep:79", "Benoît Hamon", 38.18)]);
        // The loose spelling comes first: a greedy scorer would give it the gold item.
        let report = score(
            &gold,
            &[
                sys_result("d", "dep:79", "Hamon", 38.18),
                sys_result("d", "dep:79", "Benoît Hamon", 38.18),
            ],
        );
        assert_eq!((report.result.tp, report.result.fp), (1, 1));
        assert_eq!(report.spurious[0].subject.as_deref(), Some("Hamon"));
    }

    #[test]
    fn aliases_match() {
        let mut line = result("d", "FR", "Rassemblement national", 31.4);
        line["aliases"] = json!(["Jordan Bardella"]);
        let gold = gold_from("d", &[line]);
        let report = score(&gold, &[sys_result("d", "FR", "Jordan Bardella", 31.4)]);
        assert_eq!(report.result.tp, 1);
    }

    #[test]
    fn duplicate_system_record_is_a_false_positive() {
        let gold = gold_from("d", &[result("d", "dep:79", "Manuel Valls", 32.3)]);
        let record = sys_result("d", "dep:79", "Manuel Valls", 32.3);
        let report = score(&gold, &[record.clone(), record]);
        assert_eq!((report.result.tp, report.result.fp), (1, 1));
        assert_eq!(report.result.precision, Some(0.5));
    }

    #[test]
    fn records_for_uncovered_articles_are_counted_apart() {
        let gold = gold_from("d", &[result("d", "dep:79", "Manuel Valls", 32.3)]);
        let report = score(
            &gold,
            &[
                sys_result("d", "dep:79", "Manuel Valls", 32.3),
                sys_result("other", "dep:79", "Manuel Valls", 32.3),
                json!({"doc": "d", "kind": "summary", "text": "…"}),
            ],
        );
        assert_eq!(report.uncovered_records, 1);
        assert_eq!(report.ignored_records, 1);
        assert_eq!((report.result.tp, report.result.fp), (1, 0));
    }

    #[test]
    fn gold_file_name_covers_an_article_without_lines() {
        let gold = gold_from("quiet", &[]);
        assert!(gold.covers("quiet"));
        let report = score(
            &gold,
            &[sys_result("quiet", "dep:79", "Manuel Valls", 32.3)],
        );
        assert_eq!((report.result.fp, report.uncovered_records), (1, 0));
        assert_eq!(report.result.recall, None);
        assert_eq!(report.result.f1, Some(0.0));
    }

    #[test]
    fn gold_without_round_matches_any_round() {
        let mut line = result("d", "dep:79", "Manuel Valls", 32.3);
        line.as_object_mut().map(|o| o.remove("round"));
        let gold = gold_from("d", &[line]);
        let mut record = sys_result("d", "dep:79", "Manuel Valls", 32.3);
        record["round"] = json!(2);
        assert_eq!(score(&gold, &[record]).result.tp, 1);
    }

    #[test]
    fn gold_round_or_year_is_not_matched_by_a_record_lacking_it() {
        let gold = gold_from("d", &[result("d", "dep:79", "Manuel Valls", 32.3)]);
        let mut no_round = sys_result("d", "dep:79", "Manuel Valls", 32.3);
        no_round["round"] = Value::Null;
        let report = score(&gold, &[no_round]);
        assert_eq!(
            (report.result.tp, report.result.fp, report.result.fn_),
            (0, 1, 1)
        );

        let mut no_year = sys_result("d", "dep:79", "Manuel Valls", 32.3);
        no_year.as_object_mut().map(|o| o.remove("election"));
        assert_eq!(score(&gold, &[no_year]).result.tp, 0);

        // A top-level year and a plain place string are understood.
        let flat = json!({"doc": "d", "kind": "result", "place": "dep:79", "year": 2017,
                          "round": 1, "subject": "Manuel Valls", "share": 32.3});
        assert_eq!(score(&gold, &[flat]).result.tp, 1);
    }

    #[test]
    fn named_places_are_normalised_and_other_codes_are_not() {
        let gold = gold_from(
            "d",
            &[
                result("d", "name:niort-centre-ville", "Manuel Valls", 30.0),
                result("d", "dep:2A", "Manuel Valls", 31.0),
            ],
        );
        let report = score(
            &gold,
            &[
                sys_result("d", "name:Niort Centre-Ville", "Manuel Valls", 30.0),
                sys_result("d", "dep:2a", "Manuel Valls", 31.0),
            ],
        );
        assert_eq!((report.result.tp, report.result.fp), (1, 1));
        assert_eq!(report.spurious[0].place.as_deref(), Some("dep:2a"));
    }

    #[test]
    fn mentions_are_sets_without_france() {
        let gold = gold_from(
            "d",
            &[json!({"doc": "d", "kind": "mentions",
                     "places": ["FR", "dep:79", "canton:niort-1"],
                     "people": ["Benoît Hamon", "Alain Claeys"]})],
        );
        let system = [
            json!({"doc": "d", "kind": "mentions", "places": ["FR", "dep:79", "canton:Niort 1"],
                   "people": ["Hamon"]}),
            json!({"doc": "d", "kind": "mentions", "places": ["dep:79", "dep:86"],
                   "people": [{"name": "Benoît Hamon"}]}),
        ];
        let report = score(&gold, &system);
        // dep:79, canton:niort-1 and Benoît Hamon found; Hamon is the same person.
        assert_eq!(report.mentions.tp, 3);
        assert_eq!(report.mentions.fp, 2, "dep:86 and the surname left over");
        assert_eq!(report.mentions.fn_, 1);
        assert_eq!(report.missed[0].value, json!("Alain Claeys"));
        assert_eq!(report.overall.f1, None);
    }

    #[test]
    fn mentions_without_gold_line_are_not_scored() {
        let gold = gold_from("d", &[result("d", "dep:79", "Manuel Valls", 32.3)]);
        let system = [json!({"doc": "d", "kind": "mentions", "places": ["dep:79"], "people": []})];
        let report = score(&gold, &system);
        assert_eq!(report.mentions, Score::default());
    }

    #[test]
    fn malformed_gold_line_is_an_error_naming_file_and_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("d.jsonl");
        let good = result("d", "dep:79", "Manuel Valls", 32.3);
        fs::write(&path, format!("{good}\n\n{{\"doc\": \"d\", \"kind\": \n")).expect("write");
        let message = load_gold(&path).expect_err("must fail").to_string();
        assert!(message.contains("d.jsonl:3:"), "{message}");
        assert!(message.contains("invalid JSON"), "{message}");

        let no_subject = json!({"doc": "d", "kind": "result", "place": "dep:79", "share": 3});
        fs::write(&path, format!("{good}\n{no_subject}\n")).expect("write");
        let message = load_gold(&path).expect_err("must fail").to_string();
        assert!(message.contains("d.jsonl:2:"), "{message}");
        assert!(message.contains("`subject`"), "{message}");
    }

    #[test]
    fn directory_loads_every_jsonl_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        for doc in ["a", "b"] {
            let line = result(doc, "dep:79", "Manuel Valls", 32.3);
            fs::write(dir.path().join(format!("{doc}.jsonl")), format!("{line}\n")).expect("write");
        }
        fs::write(dir.path().join("notes.txt"), "not gold").expect("write");
        let gold = load_gold(dir.path()).expect("loads");
        assert!(gold.covers("a") && gold.covers("b") && !gold.covers("notes"));
        let report = score(&gold, &[sys_result("a", "dep:79", "Manuel Valls", 32.3)]);
        assert_eq!(
            (report.result.tp, report.result.fn_, report.docs),
            (1, 1, 2)
        );
    }

    #[test]
    fn rendering_shows_absent_kinds_as_dashes() {
        let gold = gold_from("d", &[result("d", "dep:79", "Manuel Valls", 32.3)]);
        let report = score(&gold, &[sys_result("d", "dep:79", "Valls", 30.0)]);
        let text = report.to_string();
        let poll = text
            .lines()
            .find(|l| l.starts_with("poll"))
            .expect("poll row");
        assert!(poll.ends_with("-      -      -"), "{poll}");
        assert!(text.contains("missed (1):"), "{text}");
        assert!(
            text.contains("d result dep:79 \"Valls\" 2017 r1 share=30.0"),
            "{text}"
        );
        let json = serde_json::to_value(&report).expect("serialises");
        assert_eq!(json["result"]["fn"], json!(1));
        assert_eq!(json["poll"]["precision"], Value::Null);
    }
}
