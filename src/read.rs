//! Reading articles: `.txt`, `.html`/`.htm`, `.jsonl` and `.warc` files, any
//! of them gzipped (`.gz`), directories of them, and JSON Lines on standard
//! input.
//!
//! Documents are produced lazily, one at a time, so a run holds only the
//! batch it is working on; compressed files are decompressed as streams and
//! no document larger than [`ReadOptions::max_size`] is ever held whole. A
//! document that cannot be read is an error value naming the file (and
//! line) and the reason, never a stopped run.
//!
//! Every text is decoded (UTF-8 with or without BOM, UTF-16 with a BOM,
//! otherwise Windows-1252, or the encoding forced by the caller), its line
//! ends are normalised to `\n`, and markup is reduced to text. Offsets in
//! records count bytes of that decoded text.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use encoding_rs::Encoding;
use serde_json::Value;

/// One article.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Document id: the file stem, or the JSONL `id` (line number if absent).
    pub id: String,
    /// Date, from a ` date YYYY-MM[-DD] ` header or the JSONL `date`.
    pub date: Option<String>,
    /// The text; offsets in records count from its first byte.
    pub text: String,
    /// Other JSONL fields, passed through to the records.
    pub meta: Option<Value>,
}

impl Article {
    /// The article as one JSONL object (`id`, `date`, `text`, then its
    /// `meta` fields): what [`from_json_line`] reads back as the same article.
    pub fn to_json(&self) -> Value {
        let mut map = serde_json::Map::new();
        map.insert("id".into(), Value::String(self.id.clone()));
        if let Some(d) = &self.date {
            map.insert("date".into(), Value::String(d.clone()));
        }
        map.insert("text".into(), Value::String(self.text.clone()));
        if let Some(Value::Object(meta)) = &self.meta {
            for (k, v) in meta {
                map.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        Value::Object(map)
    }
}

/// An article with where it came from and how it was decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    /// The article.
    pub article: Article,
    /// Where: the file, and `:line` for JSONL.
    pub origin: String,
    /// How its bytes became text (`UTF-8`, `windows-1252: not UTF-8 at byte 12`...).
    pub decoding: String,
    /// Whether markup was reduced to text.
    pub html: bool,
}

/// How documents are read.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Decode every document with this encoding instead of detecting it.
    pub encoding: Option<&'static Encoding>,
    /// Largest document, in bytes as stored (decompressed), that is read;
    /// larger ones fail with [`Reason::TooLarge`].
    pub max_size: usize,
    /// Adds up the bytes read from the inputs as stored (compressed or
    /// not), for a caller that shows how far a run has got.
    pub bytes_read: Option<&'static AtomicU64>,
}

/// Default [`ReadOptions::max_size`]: far above any press article, low
/// enough that a batch of them fits in memory.
pub const MAX_SIZE: usize = 4 << 20;

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            encoding: None,
            max_size: MAX_SIZE,
            bytes_read: None,
        }
    }
}

/// Why a document was not processed, or what is odd about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// Nothing but white space (skipped).
    Empty,
    /// Contains NUL bytes: not text (skipped).
    Binary,
    /// The file could not be opened or read (failed).
    Unreadable,
    /// The gzip stream is truncated or corrupt (failed).
    CorruptGzip,
    /// Larger than the size limit (failed).
    TooLarge,
    /// A JSONL line that is not JSON (failed).
    NotJson,
    /// A JSONL line that is JSON but not an object (failed).
    NotObject,
    /// A JSONL object without `text` (failed).
    NoText,
    /// A JSONL object whose `text` is not a string (failed).
    TextNotString,
    /// The pipeline itself broke on this document (failed).
    Internal,
    /// A directory reached twice through symbolic links (warning).
    DirectoryLoop,
    /// An id already seen in this run (warning; the document is processed).
    DuplicateId,
    /// A WARC record other than a `response` (skipped).
    NotResponse,
    /// A response that is neither HTML nor plain text (skipped).
    NotHtml,
    /// An HTTP redirect (skipped).
    Redirect,
    /// An HTTP status other than 200 or a redirect (skipped).
    HttpError,
    /// A WARC file truncated or malformed; what follows is lost (failed).
    CorruptWarc,
}

/// What a [`Reason`] does to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Processed anyway; the message is only a warning.
    Warning,
    /// Nothing to extract from; counted as skipped.
    Skipped,
    /// Could not be read; counted as failed and worth retrying.
    Failed,
}

impl Reason {
    /// Stable name, used as a key in reports.
    pub fn key(self) -> &'static str {
        match self {
            Reason::Empty => "empty",
            Reason::Binary => "binary",
            Reason::Unreadable => "unreadable",
            Reason::CorruptGzip => "corrupt gzip",
            Reason::TooLarge => "too large",
            Reason::NotJson => "not JSON",
            Reason::NotObject => "not an object",
            Reason::NoText => "no text",
            Reason::TextNotString => "text not a string",
            Reason::Internal => "internal error",
            Reason::DirectoryLoop => "directory loop",
            Reason::DuplicateId => "duplicate id",
            Reason::NotResponse => "not a response",
            Reason::NotHtml => "not HTML or text",
            Reason::Redirect => "redirect",
            Reason::HttpError => "HTTP error",
            Reason::CorruptWarc => "corrupt WARC",
        }
    }

    /// Whether the document is processed, skipped or failed.
    pub fn severity(self) -> Severity {
        match self {
            Reason::DirectoryLoop | Reason::DuplicateId => Severity::Warning,
            Reason::Empty
            | Reason::Binary
            | Reason::NotResponse
            | Reason::NotHtml
            | Reason::Redirect
            | Reason::HttpError => Severity::Skipped,
            _ => Severity::Failed,
        }
    }
}

/// A document that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    /// Where: the file, and `:line` for JSONL.
    pub origin: String,
    /// The document id, when it is known.
    pub id: Option<String>,
    /// Why, as a category.
    pub reason: Reason,
    /// Why, in words.
    pub message: String,
}

impl DocError {
    fn new(origin: impl Into<String>, reason: Reason, message: impl Into<String>) -> DocError {
        DocError {
            origin: origin.into(),
            id: None,
            reason,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for DocError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// Decodes a document's bytes: the encoding its BOM names, else UTF-8 if
/// they are valid UTF-8, else Windows-1252 (which also reads ISO-8859-1);
/// `forced` overrides detection, malformed bytes becoming U+FFFD. Returns
/// the text and the decision in words.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> (String, String) {
    let (text, note) = decode_borrowed(bytes, forced);
    (text.into_owned(), note)
}

/// [`decode`], borrowing the bytes when they are already the text, as
/// most are: a JSONL line is parsed straight from the line buffer.
fn decode_borrowed<'a>(
    bytes: &'a [u8],
    forced: Option<&'static Encoding>,
) -> (Cow<'a, str>, String) {
    if let Some(enc) = forced {
        let (text, malformed) = enc.decode_with_bom_removal(bytes);
        let note = if malformed {
            format!("{} (forced; malformed bytes replaced)", enc.name())
        } else {
            format!("{} (forced)", enc.name())
        };
        return (text, note);
    }
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text, format!("{} with BOM", enc.name()));
    }
    // encoding_rs checks UTF-8 faster than the standard library does on
    // text where accented letters keep breaking runs of ASCII.
    match encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => (text, "UTF-8".to_string()),
        None => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            let at = Encoding::utf8_valid_up_to(bytes);
            (text, format!("windows-1252: not UTF-8 at byte {at}"))
        }
    }
}

/// Replaces CRLF and lone CR line ends with LF.
pub fn normalize_line_ends(text: String) -> String {
    // memchr's vector search: most texts have no CR and are only scanned.
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Builds an article from a `.txt` file's content: an optional
/// ` date YYYY-MM ` or ` date YYYY-MM-DD ` header starts the first line and
/// is not part of the text. Line ends are normalised to `\n`.
pub fn from_text(id: &str, content: &str) -> Article {
    let content = content.strip_prefix('\u{FEFF}').unwrap_or(content);
    let content = normalize_line_ends(content.to_string());
    let (date, text) = split_date_header(&content);
    Article {
        id: id.to_string(),
        date: date.map(str::to_string),
        text: text.to_string(),
        meta: None,
    }
}

fn split_date_header(content: &str) -> (Option<&str>, &str) {
    let rest = content.trim_start_matches([' ', '\t']);
    let Some(rest) = rest.strip_prefix("date") else {
        return (None, content);
    };
    let after_word = rest.trim_start_matches([' ', '\t']);
    if after_word.len() == rest.len() {
        return (None, content);
    }
    let len = after_word
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'-')
        .count();
    let date = &after_word[..len];
    let tail = &after_word[len..];
    if !date_shape(date) || !tail.starts_with([' ', '\t', '\n', '\r']) && !tail.is_empty() {
        return (None, content);
    }
    (Some(date), tail.trim_start_matches([' ', '\t']))
}

/// Whether `date` reads `YYYY-MM` or `YYYY-MM-DD`.
pub fn date_shape(date: &str) -> bool {
    matches!(date.len(), 7 | 10)
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// A date as archives give it, as `YYYY-MM-DD` (or `YYYY-MM`, or `YYYY`):
/// ISO dates and timestamps (`2022-04-11T20:15:00Z`), `2022/04/11`, and
/// the French order `11/04/2022`, `11-04-2022`, `11.04.2022`. `None` for
/// anything else.
pub fn calendar_date(date: &str) -> Option<String> {
    let date = date.trim();
    if let Some(iso) = date_prefix(date) {
        return Some(iso.to_string());
    }
    let parts: Vec<&str> = date
        .split(['T', ' '])
        .next()?
        .split(['/', '-', '.'])
        .collect();
    let number = |s: &str, max: u32| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
            .filter(|n| (1..=max).contains(n))
    };
    let (y, m, d) = match parts[..] {
        [y, m, d] if y.len() == 4 => (y, m, d),
        [d, m, y] if y.len() == 4 => (y, m, d),
        [y] if y.len() == 4 => return number(y, 9999).map(|y| format!("{y:04}")),
        _ => return None,
    };
    let (y, m, d) = (number(y, 9999)?, number(m, 12)?, number(d, 31)?);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The `YYYY-MM-DD` (or `YYYY-MM`) a timestamp starts with.
fn date_prefix(stamp: &str) -> Option<&str> {
    [10, 7]
        .into_iter()
        .filter_map(|n| stamp.get(..n))
        .find(|d| {
            date_shape(d)
                && stamp[d.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_ascii_digit() && c != '-')
        })
}

/// Builds an article from one JSONL line (`{"id", "date", "text", ...}`).
/// A text that contains markup is reduced to text; line ends are normalised.
pub fn from_json_line(line: &str, line_no: usize) -> Result<Article, (Reason, String)> {
    json_line(line, line_no).map(|(a, _)| a)
}

/// [`from_json_line`], and whether markup was reduced.
fn json_line(line: &str, line_no: usize) -> Result<(Article, bool), (Reason, String)> {
    let fields = match plain_line_fields(line)
        .map_or_else(|| serde_json::from_str::<LineFields>(line), Ok)
    {
        Ok(f) => f,
        Err(_) => return Err(json_line_error(line)),
    };
    let text = match fields.text {
        Some(Value::String(s)) => s,
        Some(_) => return Err((Reason::TextNotString, "`text` is not a string".into())),
        None => return Err((Reason::NoText, "no `text` field".into())),
    };
    let id = match fields.id {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        _ => line_no.to_string(),
    };
    let date = match fields.date {
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    let meta = (!fields.rest.is_empty()).then_some(Value::Object(fields.rest));
    let text = if fields.no_cr {
        text
    } else {
        normalize_line_ends(text)
    };
    let html = html::looks_like_markup(&text);
    let (text, date) = if html {
        let page = html::reduce(&text);
        (page.text, date.or(page.date))
    } else {
        (text, date)
    };
    let article = Article {
        id,
        date,
        text,
        meta,
    };
    Ok((article, html))
}

/// Why a line that [`LineFields`] refuses is not an article, in the
/// words of the JSON parser reading it as a whole value.
fn json_line_error(line: &str) -> (Reason, String) {
    match serde_json::from_str::<Value>(line) {
        Err(e) => (Reason::NotJson, format!("not JSON: {e}")),
        Ok(_) => (Reason::NotObject, "not a JSON object".into()),
    }
}

/// The fields of a JSONL object, with `text`, `id` and `date` apart from
/// the others: no tree of the whole line is built only to be taken apart,
/// and keys are borrowed from the line. A key given twice keeps its last
/// value, as in a JSON object read whole.
#[derive(Default)]
struct LineFields {
    text: Option<Value>,
    id: Option<Value>,
    date: Option<Value>,
    rest: serde_json::Map<String, Value>,
    /// The line is known to give no carriage return (only when read
    /// without serde), so its text need not be searched for one.
    no_cr: bool,
}

impl LineFields {
    /// Keeps the value of a key; a key given again replaces it.
    fn set(&mut self, key: Cow<str>, value: Value) {
        let slot = match &*key {
            "text" => &mut self.text,
            "id" => &mut self.id,
            "date" => &mut self.date,
            _ => {
                self.rest.insert(key.into_owned(), value);
                return;
            }
        };
        *slot = Some(value);
    }
}

impl<'de> serde::Deserialize<'de> for LineFields {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<LineFields, D::Error> {
        d.deserialize_map(LineFieldsVisitor)
    }
}

struct LineFieldsVisitor;

impl<'de> serde::de::Visitor<'de> for LineFieldsVisitor {
    type Value = LineFields;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<LineFields, A::Error> {
        let mut fields = LineFields::default();
        while let Some(Key(key)) = map.next_key()? {
            let value = map.next_value()?;
            fields.set(key, value);
        }
        Ok(fields)
    }
}

/// An object key, borrowed from the line unless it holds escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> serde::de::Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s.to_string())))
    }
}

/// [`LineFields`] of the usual line, read without serde: an object whose
/// values are all strings, with no raw control character (so no white
/// space but blanks between its tokens). `None` for any other line, which
/// serde then reads, so that it alone decides what is an error and says
/// why. Serde looks for the end of a string eight bytes at a time and
/// copies it through a scratch buffer; this looks with `memchr` and copies
/// once, which makes reading a line cost about half as much.
fn plain_line_fields(line: &str) -> Option<LineFields> {
    let b = line.as_bytes();
    // Without an early exit the loop is a few vector instructions per
    // sixteen bytes.
    if b.iter().fold(false, |control, &c| control | (c < 0x20)) {
        return None;
    }
    let blanks = |at: usize| at + b[at..].iter().take_while(|&&c| c == b' ').count();
    // A raw carriage return is a control character, turned away above.
    let mut fields = LineFields {
        no_cr: true,
        ..LineFields::default()
    };
    if b.first() != Some(&b'{') {
        return None;
    }
    let mut at = blanks(1);
    if b.get(at) == Some(&b'}') {
        return (at + 1 == b.len()).then_some(fields);
    }
    loop {
        let (key, after) = json_string(line, at, &mut fields.no_cr)?;
        at = blanks(after);
        if b.get(at) != Some(&b':') {
            return None;
        }
        let (value, after) = json_string(line, blanks(at + 1), &mut fields.no_cr)?;
        fields.set(key, Value::String(value.into_owned()));
        at = blanks(after);
        match b.get(at) {
            Some(b',') => at = blanks(at + 1),
            Some(b'}') => return (at + 1 == b.len()).then_some(fields),
            _ => return None,
        }
    }
}

/// The JSON string that starts at byte `at` of `line`, decoded, and the
/// byte after it; borrowed unless it holds escapes. `None` where serde
/// might see it otherwise: no string there, a bad escape, a surrogate.
/// Clears `no_cr` if an escape gives a carriage return.
fn json_string<'a>(line: &'a str, at: usize, no_cr: &mut bool) -> Option<(Cow<'a, str>, usize)> {
    let b = line.as_bytes();
    if b.get(at) != Some(&b'"') {
        return None;
    }
    let mut from = at + 1;
    let mut out = String::new();
    loop {
        let end = from + memchr::memchr2(b'"', b'\\', &b[from..])?;
        if b[end] == b'"' {
            let text = if from == at + 1 {
                Cow::Borrowed(&line[from..end])
            } else {
                out.push_str(&line[from..end]);
                Cow::Owned(out)
            };
            return Some((text, end + 1));
        }
        // Decoded, the rest of the string is no longer than the rest of
        // the line: one allocation.
        out.reserve(b.len() - from);
        out.push_str(&line[from..end]);
        let (c, len) = match *b.get(end + 1)? {
            b'"' => ('"', 2),
            b'\\' => ('\\', 2),
            b'/' => ('/', 2),
            b'b' => ('\u{8}', 2),
            b'f' => ('\u{c}', 2),
            b'n' => ('\n', 2),
            b'r' => ('\r', 2),
            b't' => ('\t', 2),
            b'u' => {
                let hex = b.get(end + 2..end + 6)?;
                if !hex.iter().all(u8::is_ascii_hexdigit) {
                    return None;
                }
                let code = u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
                // A surrogate pair, or a lone surrogate, is left to serde.
                (char::from_u32(code)?, 6)
            }
            _ => return None,
        };
        *no_cr &= c != '\r';
        out.push(c);
        from = end + len;
    }
}

/// The JSONL id of a line that parses but is not an article, for error reports.
fn json_line_id(line: &str) -> Option<String> {
    match serde_json::from_str::<Value>(line).ok()?.get("id")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Markup reduced to text.
pub mod html {
    use html5gum::{DefaultEmitter, StartTag, Token, Tokenizer};

    /// Elements whose content is not article text.
    const DROPPED: &[&[u8]] = &[
        b"script",
        b"style",
        b"noscript",
        b"template",
        b"title",
        b"svg",
        b"head",
    ];

    /// Elements that stand on their own lines (HTML's block-level and
    /// table elements), so that a heading stays its own sentence.
    const BLOCKS: &[&[u8]] = &[
        b"address",
        b"article",
        b"aside",
        b"blockquote",
        b"body",
        b"caption",
        b"dd",
        b"details",
        b"dialog",
        b"div",
        b"dl",
        b"dt",
        b"fieldset",
        b"figcaption",
        b"figure",
        b"footer",
        b"form",
        b"h1",
        b"h2",
        b"h3",
        b"h4",
        b"h5",
        b"h6",
        b"header",
        b"hgroup",
        b"hr",
        b"html",
        b"li",
        b"main",
        b"nav",
        b"ol",
        b"p",
        b"pre",
        b"section",
        b"summary",
        b"table",
        b"tbody",
        b"td",
        b"tfoot",
        b"th",
        b"thead",
        b"tr",
        b"ul",
    ];

    /// Inline elements common in article bodies, as further evidence of markup.
    const INLINE: &[&[u8]] = &[
        b"a", b"b", b"br", b"em", b"font", b"i", b"img", b"small", b"span", b"strong", b"sub",
        b"sup", b"u",
    ];

    fn is_block(name: &[u8]) -> bool {
        BLOCKS.contains(&name)
    }

    /// Whether a text carries markup: a known HTML tag, a comment, a
    /// doctype or a character reference. Plain prose with `<` or `&` does
    /// not qualify.
    pub fn looks_like_markup(text: &str) -> bool {
        let b = text.as_bytes();
        for i in memchr::memchr2_iter(b'<', b'&', b) {
            let rest = &b[i + 1..];
            let found = if b[i] == b'<' {
                tag_at(rest)
            } else {
                reference_at(rest)
            };
            if found {
                return true;
            }
        }
        false
    }

    fn tag_at(rest: &[u8]) -> bool {
        if rest.starts_with(b"!--")
            || rest.len() >= 8 && rest[..8].eq_ignore_ascii_case(b"!doctype")
        {
            return true;
        }
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let len = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name = rest[..len].to_ascii_lowercase();
        let after = rest.get(len).copied();
        len > 0
            && matches!(after, Some(b'>' | b'/' | b' ' | b'\t' | b'\n'))
            && (is_block(&name)
                || INLINE.contains(&name.as_slice())
                || DROPPED.contains(&name.as_slice()))
    }

    fn reference_at(rest: &[u8]) -> bool {
        // Named references are two letters or more (`&lt;`).
        let (digits, rest, least): (fn(&u8) -> bool, &[u8], usize) = match rest {
            [b'#', b'x' | b'X', r @ ..] => (u8::is_ascii_hexdigit, r, 1),
            [b'#', r @ ..] => (u8::is_ascii_digit, r, 1),
            r => (u8::is_ascii_alphanumeric, r, 2),
        };
        let len = rest.iter().take_while(|c| digits(c)).count();
        (least..=10).contains(&len) && rest.get(len) == Some(&b';')
    }

    /// The text of an HTML document or fragment: character references
    /// decoded, scripts, styles and the head dropped, block elements and
    /// `<br>` turned into line breaks, source white space collapsed except
    /// inside `<pre>`. Works on any input, however nested or unclosed,
    /// in one pass without recursion.
    pub fn to_text(html: &str) -> String {
        reduce(html).text
    }

    /// What a page gives: its text, and its publication date when a
    /// `<meta>` tag states one.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Page {
        /// The text, as [`to_text`] gives it.
        pub text: String,
        /// `YYYY-MM-DD` or `YYYY-MM`.
        pub date: Option<String>,
    }

    /// The `<meta>` names and properties that carry a page's publication
    /// date (Open Graph's, schema.org's, and the plain one).
    const DATE_META: &[&[u8]] = &[b"article:published_time", b"datepublished", b"date"];

    fn meta_date(t: &StartTag<()>) -> Option<String> {
        let attr = |k: &str| t.attributes.get(k.as_bytes()).map(|v| &v.value);
        let key = ["property", "name", "itemprop"]
            .into_iter()
            .find_map(attr)?
            .to_ascii_lowercase();
        if !DATE_META.contains(&key.as_slice()) {
            return None;
        }
        let content = String::from_utf8_lossy(attr("content")?);
        super::date_prefix(content.trim()).map(str::to_string)
    }

    /// [`to_text`], with the page's date.
    pub fn reduce(html: &str) -> Page {
        let mut date = None;
        let mut emitter = DefaultEmitter::default();
        // Script and style content is then one string, not tags.
        emitter.naively_switch_states(true);
        let mut out = Text {
            s: String::with_capacity(html.len() / 2),
            pre: 0,
        };
        let mut dropped: Option<(Vec<u8>, usize)> = None;
        for token in Tokenizer::new_with_emitter(html, emitter) {
            let Ok(token) = token;
            match token {
                Token::StartTag(t) => {
                    let name = t.name.as_slice();
                    if date.is_none() && name == b"meta" {
                        date = meta_date(&t);
                    }
                    if let Some((inside, depth)) = &mut dropped {
                        if inside.as_slice() == name && !t.self_closing {
                            *depth += 1;
                        }
                        // A body ends a head left open, as browsers do.
                        if !(inside.as_slice() == b"head" && name == b"body") {
                            continue;
                        }
                        dropped = None;
                    }
                    if DROPPED.contains(&name) && !t.self_closing {
                        dropped = Some((name.to_vec(), 1));
                    } else if name == b"br" {
                        out.line_break();
                    } else if is_block(name) {
                        out.paragraph_break();
                        if name == b"pre" {
                            out.pre += 1;
                        }
                    }
                }
                Token::EndTag(t) => {
                    let name = t.name.as_slice();
                    if let Some((inside, depth)) = &mut dropped {
                        if inside.as_slice() == name {
                            *depth -= 1;
                            if *depth == 0 {
                                dropped = None;
                            }
                        }
                        continue;
                    }
                    if is_block(name) {
                        out.paragraph_break();
                        if name == b"pre" {
                            out.pre = out.pre.saturating_sub(1);
                        }
                    } else if name == b"br" {
                        out.line_break();
                    }
                }
                Token::String(s) if dropped.is_none() => {
                    out.push(&String::from_utf8_lossy(&s.value));
                }
                _ => {}
            }
        }
        let end = out.s.trim_end().len();
        out.s.truncate(end);
        Page { text: out.s, date }
    }

    struct Text {
        s: String,
        pre: usize,
    }

    impl Text {
        fn trim_spaces(&mut self) {
            let end = self.s.trim_end_matches(' ').len();
            self.s.truncate(end);
        }

        fn line_break(&mut self) {
            self.trim_spaces();
            if !self.s.is_empty() {
                self.s.push('\n');
            }
        }

        fn paragraph_break(&mut self) {
            self.trim_spaces();
            if self.s.is_empty() || self.s.ends_with("\n\n") {
                return;
            }
            self.s
                .push_str(if self.s.ends_with('\n') { "\n" } else { "\n\n" });
        }

        fn push(&mut self, text: &str) {
            if self.pre > 0 {
                self.s.push_str(text);
                return;
            }
            for c in text.chars() {
                if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
                    if !self.s.is_empty() && !self.s.ends_with([' ', '\n']) {
                        self.s.push(' ');
                    }
                } else {
                    self.s.push(c);
                }
            }
        }
    }
}

/// Web archives: the `response` records of WARC/1.0 and WARC/1.1 files
/// (ISO 28500), read one record at a time.
///
/// A reader of its own rather than the `warc` crate: that one brings some
/// sixty crates (URL parsing with its Unicode tables, dates, a second
/// deflate implementation) for what is a header block and a counted body,
/// and it reads bodies line by line with no bound, where this reader never
/// holds more than [`ReadOptions::max_size`] of a record. Gzip, per record
/// or over the whole file, is undone by [`open`] as for every other file.
mod warc {
    use std::io::{self, Read};

    use encoding_rs::Encoding;

    use super::{
        Article, Doc, DocError, Input, LineRead, ReadOptions, Reason, check_not_empty, date_prefix,
        decode, html, normalize_line_ends, read_failure, read_line_bounded, too_large,
    };

    /// Longest header block, WARC or HTTP; real ones are a few hundred bytes.
    const MAX_HEADER: usize = 64 << 10;

    /// A header block: names and values in order, names compared without case.
    #[derive(Debug, Default)]
    pub(super) struct Fields(Vec<(String, String)>);

    impl Fields {
        fn get(&self, name: &str) -> Option<&str> {
            self.0
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }

        /// Adds one header line, or continues the last field (folded line).
        fn push_line(&mut self, line: &str) -> Result<(), String> {
            if line.starts_with([' ', '\t'])
                && let Some((_, v)) = self.0.last_mut()
            {
                v.push(' ');
                v.push_str(line.trim());
                return Ok(());
            }
            match line.split_once(':') {
                Some((k, v)) if !k.trim().is_empty() => {
                    self.0.push((k.trim().to_string(), v.trim().to_string()));
                    Ok(())
                }
                _ => Err(format!("malformed header line `{}`", clip(line))),
            }
        }
    }

    fn clip(s: &str) -> &str {
        let end = s.char_indices().nth(60).map_or(s.len(), |(i, _)| i);
        &s[..end]
    }

    fn trim_cr(line: &[u8]) -> &[u8] {
        line.strip_suffix(b"\r").unwrap_or(line)
    }

    /// The records of one WARC file, as documents.
    pub(super) struct Records {
        input: Input,
        origin: String,
        options: ReadOptions,
        record: usize,
        /// Set once the file is damaged: nothing after it can be trusted.
        done: bool,
    }

    impl Records {
        pub(super) fn new(input: Input, origin: String, options: ReadOptions) -> Records {
            Records {
                input,
                origin,
                options,
                record: 0,
                done: false,
            }
        }

        fn origin(&self) -> String {
            format!("{} record {}", self.origin, self.record)
        }

        fn io_failure(&self, e: &io::Error) -> (Reason, String) {
            read_failure(e, self.input.gzip)
        }

        /// The next record's header, or `None` at the end of the file.
        fn header(&mut self) -> Result<Option<Fields>, (Reason, String)> {
            let mut line = Vec::new();
            let read = |line: &mut Vec<u8>, this: &mut Records| {
                line.clear();
                read_line_bounded(&mut *this.input.reader, line, MAX_HEADER)
                    .map_err(|e| this.io_failure(&e))
            };
            // Records are separated by blank lines.
            loop {
                match read(&mut line, self)? {
                    LineRead::End => return Ok(None),
                    LineRead::TooLong => return Err(corrupt("a line of over 64 KiB")),
                    LineRead::Complete if trim_cr(&line).is_empty() => continue,
                    LineRead::Complete => break,
                }
            }
            self.record += 1;
            if !line.starts_with(b"WARC/") {
                let start = String::from_utf8_lossy(trim_cr(&line)).into_owned();
                return Err(corrupt(&format!(
                    "expected a `WARC/` version line, found `{}`",
                    clip(&start)
                )));
            }
            let mut fields = Fields::default();
            let mut size = line.len();
            loop {
                match read(&mut line, self)? {
                    LineRead::End => return Err(truncated("its header")),
                    LineRead::TooLong => return Err(corrupt("a header of over 64 KiB")),
                    LineRead::Complete => {}
                }
                size += line.len();
                if size > MAX_HEADER {
                    return Err(corrupt("a header of over 64 KiB"));
                }
                let line = trim_cr(&line);
                if line.is_empty() {
                    return Ok(Some(fields));
                }
                fields
                    .push_line(&String::from_utf8_lossy(line))
                    .map_err(|m| corrupt(&m))?;
            }
        }

        /// Reads or passes over a body of `len` bytes; `None` when passed over
        /// for being too large.
        fn body(&mut self, len: u64) -> Result<Option<Vec<u8>>, (Reason, String)> {
            let reader = &mut *self.input.reader;
            let (got, body) = if len > self.options.max_size as u64 {
                let got = io::copy(&mut reader.take(len), &mut io::sink());
                (got.map_err(|e| self.io_failure(&e))?, None)
            } else {
                let mut body = Vec::with_capacity(len as usize);
                let got = reader.take(len).read_to_end(&mut body);
                (got.map_err(|e| self.io_failure(&e))? as u64, Some(body))
            };
            if got < len {
                return Err(truncated(&format!("{got} of its {len} bytes")));
            }
            Ok(body)
        }

        fn error(&self, reason: Reason, message: String, id: Option<String>) -> DocError {
            DocError {
                origin: self.origin(),
                id,
                reason,
                message,
            }
        }
    }

    fn corrupt(what: &str) -> (Reason, String) {
        (Reason::CorruptWarc, format!("corrupt WARC: {what}"))
    }

    fn truncated(what: &str) -> (Reason, String) {
        (
            Reason::CorruptWarc,
            format!("truncated WARC: the record ends within {what}"),
        )
    }

    impl Iterator for Records {
        type Item = Result<Doc, DocError>;

        fn next(&mut self) -> Option<Self::Item> {
            if self.done {
                return None;
            }
            let lost = |this: &mut Records, (reason, message): (Reason, String), id| {
                this.done = true;
                let message = format!("{message} (the rest of the file is lost)");
                Some(Err(this.error(reason, message, id)))
            };
            let fields = match self.header() {
                Ok(Some(f)) => f,
                Ok(None) => return None,
                Err(e) => return lost(self, e, None),
            };
            let id = fields
                .get("WARC-Target-URI")
                .or_else(|| fields.get("WARC-Record-ID"))
                .map(|s| s.trim_matches(['<', '>']).to_string());
            let Some(len) = fields
                .get("Content-Length")
                .and_then(|v| v.parse::<u64>().ok())
            else {
                return lost(self, corrupt("no valid Content-Length"), id);
            };
            let body = match self.body(len) {
                Ok(Some(b)) => b,
                Ok(None) => {
                    let (reason, message) = too_large(self.options.max_size);
                    return Some(Err(self.error(reason, message, id)));
                }
                Err(e) => return lost(self, e, id),
            };
            let doc = response(&fields, &body, self.options).map(|(article, decoding, html)| Doc {
                article,
                origin: self.origin(),
                decoding,
                html,
            });
            Some(doc.map_err(|(reason, message)| self.error(reason, message, id)))
        }
    }

    /// The article a record holds: an HTTP 200 response whose body is HTML
    /// or text. Returns it with how it was decoded and whether it was markup.
    pub(super) fn response(
        fields: &Fields,
        body: &[u8],
        options: ReadOptions,
    ) -> Result<(Article, String, bool), (Reason, String)> {
        let kind = fields.get("WARC-Type").unwrap_or("");
        if !kind.eq_ignore_ascii_case("response") {
            return Err((
                Reason::NotResponse,
                format!("a `{kind}` record, not a response"),
            ));
        }
        let (status, http, payload) = split_http(body)
            .ok_or_else(|| (Reason::NotHtml, "a response that is not HTTP".to_string()))?;
        match status {
            200 => {}
            300..=399 => {
                let to = http.get("Location").unwrap_or("?");
                return Err((Reason::Redirect, format!("HTTP {status} redirect to {to}")));
            }
            _ => return Err((Reason::HttpError, format!("HTTP status {status}"))),
        }
        let content_type = http.get("Content-Type").unwrap_or("");
        let mime = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let markup = match mime.as_str() {
            "text/html" | "application/xhtml+xml" => Some(true),
            "text/plain" => Some(false),
            "" => None,
            _ => return Err((Reason::NotHtml, format!("`{mime}`, not HTML or text"))),
        };
        let payload = unwrap_payload(&http, payload, options.max_size)?;
        let utf16 = Encoding::for_bom(&payload).is_some_and(|(e, _)| e != encoding_rs::UTF_8);
        if !utf16 && let Some(at) = memchr::memchr(0, &payload) {
            return Err((Reason::Binary, format!("binary body (NUL byte at {at})")));
        }
        let declared = options.encoding.is_none().then(|| {
            charset(content_type).or_else(|| {
                (markup != Some(false))
                    .then(|| meta_charset(&payload))
                    .flatten()
            })
        });
        let (text, decoding) = match declared.flatten() {
            Some(enc) => {
                let (text, malformed) = enc.decode_with_bom_removal(&payload);
                let note = if malformed {
                    "; malformed bytes replaced"
                } else {
                    ""
                };
                (
                    text.into_owned(),
                    format!("{} (declared{note})", enc.name()),
                )
            }
            None => decode(&payload, options.encoding),
        };
        let text = normalize_line_ends(text);
        let markup = markup.unwrap_or_else(|| html::looks_like_markup(&text));
        let (text, page_date) = if markup {
            let page = html::reduce(&text);
            (page.text, page.date)
        } else {
            (text, None)
        };
        let uri = fields
            .get("WARC-Target-URI")
            .map(|u| u.trim_matches(['<', '>']));
        let id = uri
            .or_else(|| {
                fields
                    .get("WARC-Record-ID")
                    .map(|r| r.trim_matches(['<', '>']))
            })
            .unwrap_or("")
            .to_string();
        // A page that states when it was published says more than the
        // date it was captured.
        let date = page_date.or_else(|| {
            fields
                .get("WARC-Date")
                .and_then(|d| date_prefix(d.trim()))
                .map(str::to_string)
        });
        let meta = uri.map(|u| serde_json::json!({"uri": u, "site": host(u)}));
        let article = Article {
            id,
            date,
            text,
            meta,
        };
        check_not_empty(&article)?;
        Ok((article, decoding, markup))
    }

    /// Status, headers and payload of an HTTP response message.
    fn split_http(body: &[u8]) -> Option<(u16, Fields, &[u8])> {
        let (head, payload) = match memchr::memmem::find(body, b"\r\n\r\n") {
            Some(i) if memchr::memmem::find(&body[..i], b"\n\n").is_none() => {
                (&body[..i], &body[i + 4..])
            }
            _ => {
                let i = memchr::memmem::find(body, b"\n\n")?;
                (&body[..i], &body[i + 2..])
            }
        };
        let head = String::from_utf8_lossy(head);
        let mut lines = head.lines();
        let status_line = lines.next()?;
        let mut words = status_line.split_whitespace();
        if !words.next()?.starts_with("HTTP/") {
            return None;
        }
        let status = words.next()?.parse().ok()?;
        let mut fields = Fields::default();
        for line in lines {
            // A malformed HTTP header is the server's, not the archive's: pass it by.
            let _ = fields.push_line(line.trim_end_matches('\r'));
        }
        Some((status, fields, payload))
    }

    /// The payload as the server meant it: chunked transfer undone, and
    /// gzip or deflate content encoding, as crawlers store the bytes they
    /// received.
    fn unwrap_payload(
        http: &Fields,
        payload: &[u8],
        max: usize,
    ) -> Result<Vec<u8>, (Reason, String)> {
        let chunked = http
            .get("Transfer-Encoding")
            .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
        let payload = if chunked {
            dechunk(payload).ok_or_else(|| {
                (
                    Reason::Unreadable,
                    "malformed chunked HTTP body".to_string(),
                )
            })?
        } else {
            payload.to_vec()
        };
        let encoding = http
            .get("Content-Encoding")
            .unwrap_or("identity")
            .trim()
            .to_ascii_lowercase();
        let mut out = Vec::new();
        let inflated = match encoding.as_str() {
            "identity" | "" => return Ok(payload),
            "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(payload.as_slice())
                .take(max as u64 + 1)
                .read_to_end(&mut out),
            "deflate" => flate2::read::ZlibDecoder::new(payload.as_slice())
                .take(max as u64 + 1)
                .read_to_end(&mut out),
            other => {
                return Err((
                    Reason::Unreadable,
                    format!("HTTP content encoding `{other}` is not read"),
                ));
            }
        };
        inflated.map_err(|e| {
            (
                Reason::Unreadable,
                format!("HTTP body in {encoding} cannot be decompressed: {e}"),
            )
        })?;
        if out.len() > max {
            return Err(too_large(max));
        }
        Ok(out)
    }

    /// Undoes HTTP/1.1 chunked transfer coding.
    fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(data.len());
        loop {
            let eol = memchr::memchr(b'\n', data)?;
            let line = std::str::from_utf8(trim_cr(&data[..eol])).ok()?;
            let size = line.split(';').next()?.trim();
            let size = usize::from_str_radix(size, 16).ok()?;
            data = &data[eol + 1..];
            if size == 0 {
                return Some(out);
            }
            out.extend_from_slice(data.get(..size)?);
            data = &data[size..];
            data = data
                .strip_prefix(b"\r\n")
                .or_else(|| data.strip_prefix(b"\n"))
                .unwrap_or(data);
        }
    }

    /// The encoding a `charset=` parameter names.
    fn charset(value: &str) -> Option<&'static Encoding> {
        let lower = value.to_ascii_lowercase();
        let at = lower.find("charset=")? + "charset=".len();
        let name: String = lower[at..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        Encoding::for_label(name.as_bytes())
    }

    /// The charset a page declares in its first kilobyte
    /// (`<meta charset=...>` or the `http-equiv` form).
    fn meta_charset(payload: &[u8]) -> Option<&'static Encoding> {
        let head = &payload[..payload.len().min(1024)];
        let head = String::from_utf8_lossy(head);
        let lower = head.to_ascii_lowercase();
        let meta = lower.find("<meta")?;
        charset(
            &lower[meta..]
                .replace("charset =", "charset=")
                .replace("charset= ", "charset="),
        )
    }

    /// The host of a URI, lower-cased, without user or port.
    pub(super) fn host(uri: &str) -> String {
        let rest = uri.split_once("://").map_or(uri, |(_, r)| r);
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let host = if host.starts_with('[') {
            host.split_inclusive(']').next().unwrap_or(host)
        } else {
            host.split(':').next().unwrap_or(host)
        };
        host.to_ascii_lowercase()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn fields(lines: &[&str]) -> Fields {
            let mut f = Fields::default();
            for l in lines {
                f.push_line(l).unwrap();
            }
            f
        }

        #[test]
        fn hosts_lose_user_port_and_case() {
            assert_eq!(
                host("https://www.LaNouvelleRep.fr:443/a?b"),
                "www.lanouvellerep.fr"
            );
            assert_eq!(host("http://u:p@example.org"), "example.org");
            assert_eq!(host("http://[::1]:8080/x"), "[::1]");
        }

        #[test]
        fn chunks_and_charsets_are_undone() {
            assert_eq!(
                dechunk(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").unwrap(),
                b"abcde"
            );
            assert!(dechunk(b"zz\r\nabc").is_none());
            assert_eq!(
                charset("text/html; charset=\"ISO-8859-1\""),
                Some(encoding_rs::WINDOWS_1252)
            );
            assert_eq!(
                meta_charset(b"<html><meta charset=utf-8>"),
                Some(encoding_rs::UTF_8)
            );
            assert_eq!(meta_charset(b"<p>charset=utf-8"), None);
        }

        #[test]
        fn responses_are_told_apart() {
            let warc = fields(&[
                "WARC-Type: response",
                "WARC-Target-URI: <http://a.fr/x>",
                "WARC-Date: 2020-03-16T08:00:00Z",
            ]);
            let ok = response(
                &warc,
                b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nBonjour",
                ReadOptions::default(),
            )
            .unwrap();
            assert_eq!(
                (ok.0.id.as_str(), ok.0.date.as_deref(), ok.0.text.as_str()),
                ("http://a.fr/x", Some("2020-03-16"), "Bonjour")
            );
            assert_eq!(
                ok.0.meta,
                Some(serde_json::json!({"uri": "http://a.fr/x", "site": "a.fr"}))
            );
            let reason = |body: &[u8]| response(&warc, body, ReadOptions::default()).unwrap_err().0;
            assert_eq!(
                reason(b"HTTP/1.1 302 Found\r\nLocation: /y\r\n\r\n"),
                Reason::Redirect
            );
            assert_eq!(reason(b"HTTP/1.1 500 Oops\r\n\r\nx"), Reason::HttpError);
            assert_eq!(
                reason(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nx"),
                Reason::NotHtml
            );
            assert_eq!(reason(b"not http"), Reason::NotHtml);
            assert_eq!(reason(b"HTTP/1.1 200 OK\n\n  \n"), Reason::Empty);
            let request = fields(&["WARC-Type: request"]);
            let e =
                response(&request, b"GET / HTTP/1.1\r\n\r\n", ReadOptions::default()).unwrap_err();
            assert_eq!(e.0, Reason::NotResponse);
        }
    }
}

/// Reads every document of a list of paths, lazily, in order, with the
/// default options.
pub fn documents(paths: &[PathBuf]) -> impl Iterator<Item = Result<Doc, DocError>> + use<> {
    documents_with(paths, ReadOptions::default())
}

/// Reads every document of a list of paths, lazily, in order: directories
/// walked recursively in sorted order (`.txt`, `.html`, `.htm`, `.jsonl`,
/// `.warc`, each possibly with `.gz`), files as given, `-` for JSON Lines on stdin.
pub fn documents_with(
    paths: &[PathBuf],
    options: ReadOptions,
) -> impl Iterator<Item = Result<Doc, DocError>> + use<> {
    Walk::new(paths).flat_map(
        move |p| -> Box<dyn Iterator<Item = Result<Doc, DocError>> + Send> {
            match p {
                Err(e) => Box::new(std::iter::once(Err(e))),
                Ok(p) => file_documents(&p, options),
            }
        },
    )
}

/// The files a list of paths stands for, lazily; a directory reached again
/// through a symbolic link is reported once and not walked again.
pub struct Walk {
    roots: std::collections::VecDeque<PathBuf>,
    /// Open directories: canonical path and the entries left to visit,
    /// each with whether it is a directory.
    stack: Vec<(PathBuf, std::vec::IntoIter<(PathBuf, bool)>)>,
    seen: HashSet<PathBuf>,
}

impl Walk {
    /// Walks `paths` in order.
    pub fn new(paths: &[PathBuf]) -> Walk {
        Walk {
            roots: paths.iter().cloned().collect(),
            stack: Vec::new(),
            seen: HashSet::new(),
        }
    }

    fn enter(&mut self, dir: &Path) -> Result<(), DocError> {
        let origin = dir.display().to_string();
        let unreadable =
            |e: io::Error| DocError::new(origin.clone(), Reason::Unreadable, e.to_string());
        let canonical = dir.canonicalize().map_err(unreadable)?;
        if !self.seen.insert(canonical.clone()) {
            let how = if self.stack.iter().any(|(c, _)| *c == canonical) {
                "leads back to"
            } else {
                "is"
            };
            let message = format!(
                "directory loop: {} {how} {}, already walked",
                dir.display(),
                canonical.display()
            );
            return Err(DocError::new(origin, Reason::DirectoryLoop, message));
        }
        let mut entries = Vec::new();
        for e in std::fs::read_dir(dir).map_err(unreadable)? {
            let e = e.map_err(unreadable)?;
            let path = e.path();
            // The listing tells a plain file from a directory without a
            // `stat` per file; a link is followed.
            let is_dir = match e.file_type() {
                Ok(t) if !t.is_symlink() => t.is_dir(),
                _ => path.is_dir(),
            };
            entries.push((path, is_dir));
        }
        entries.sort_unstable();
        self.stack.push((canonical, entries.into_iter()));
        Ok(())
    }
}

/// Whether a directory walk picks this file.
fn wanted(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".txt", ".jsonl", ".html", ".htm", ".warc"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

impl Iterator for Walk {
    type Item = Result<PathBuf, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let path = match self.stack.last_mut() {
                Some((_, entries)) => match entries.next() {
                    Some((p, true)) => p,
                    Some((p, false)) if wanted(&p) => return Some(Ok(p)),
                    Some(_) => continue,
                    None => {
                        self.stack.pop();
                        continue;
                    }
                },
                None => {
                    let p = self.roots.pop_front()?;
                    if p.as_os_str() == "-" || !p.is_dir() {
                        return Some(Ok(p));
                    }
                    p
                }
            };
            if let Err(e) = self.enter(&path) {
                return Some(Err(e));
            }
        }
    }
}

/// What a file holds, by its name without `.gz`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    JsonLines,
    Warc,
}

fn kind_and_id(path: &Path) -> (Kind, String) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    let len = lower.strip_suffix(".gz").unwrap_or(&lower).len();
    let name = &name[..len];
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], name[i + 1..].to_ascii_lowercase()),
        _ => (name, String::new()),
    };
    let kind = match ext.as_str() {
        "jsonl" => Kind::JsonLines,
        "html" | "htm" => Kind::Html,
        "warc" => Kind::Warc,
        _ => Kind::Text,
    };
    (kind, stem.to_string())
}

/// An open input: decompressed on the fly when it starts with gzip's magic.
struct Input {
    reader: Box<dyn BufRead + Send>,
    gzip: bool,
}

fn open(path: &Path, bytes_read: Option<&'static AtomicU64>) -> io::Result<Input> {
    let mut raw: Box<dyn Read + Send> = if path.as_os_str() == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(File::open(path)?)
    };
    if let Some(counter) = bytes_read {
        raw = Box::new(Counted {
            inner: raw,
            counter,
        });
    }
    let mut raw = BufReader::with_capacity(1 << 16, raw);
    let gzip = raw.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let reader: Box<dyn BufRead + Send> = if gzip {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(raw),
        ))
    } else {
        Box::new(raw)
    };
    Ok(Input { reader, gzip })
}

/// A reader that adds the bytes it reads to a counter.
struct Counted {
    inner: Box<dyn Read + Send>,
    counter: &'static AtomicU64,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The reason a read error stands for: inside a gzip stream, bad data is
/// a corrupt or truncated file rather than a failing disk.
fn read_failure(e: &io::Error, gzip: bool) -> (Reason, String) {
    use io::ErrorKind::{InvalidData, InvalidInput, UnexpectedEof};
    if gzip && matches!(e.kind(), InvalidData | InvalidInput | UnexpectedEof) {
        (
            Reason::CorruptGzip,
            format!("corrupt or truncated gzip: {e}"),
        )
    } else {
        (Reason::Unreadable, e.to_string())
    }
}

fn file_documents(
    path: &Path,
    options: ReadOptions,
) -> Box<dyn Iterator<Item = Result<Doc, DocError>> + Send> {
    let stdin = path.as_os_str() == "-";
    let origin = if stdin {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let (kind, id) = kind_and_id(path);
    let input = match open(path, options.bytes_read) {
        Ok(i) => i,
        Err(e) => {
            let mut err = DocError::new(origin, Reason::Unreadable, e.to_string());
            err.id = matches!(kind, Kind::Text | Kind::Html).then_some(id);
            return Box::new(std::iter::once(Err(err)));
        }
    };
    if stdin || kind == Kind::JsonLines {
        return Box::new(JsonLines {
            input,
            origin,
            options,
            line_no: 0,
            buf: Vec::new(),
            done: false,
        });
    }
    if kind == Kind::Warc {
        return Box::new(warc::Records::new(input, origin, options));
    }
    let doc =
        whole_file(input, kind, &id, &origin, options).map_err(|(reason, message)| DocError {
            origin: origin.clone(),
            id: Some(id.clone()),
            reason,
            message,
        });
    Box::new(std::iter::once(doc))
}

fn whole_file(
    input: Input,
    kind: Kind,
    id: &str,
    origin: &str,
    options: ReadOptions,
) -> Result<Doc, (Reason, String)> {
    let Input { reader, gzip } = input;
    let mut bytes = Vec::new();
    reader
        .take(options.max_size as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| read_failure(&e, gzip))?;
    if bytes.len() > options.max_size {
        return Err(too_large(options.max_size));
    }
    let utf16 = Encoding::for_bom(&bytes).is_some_and(|(e, _)| e != encoding_rs::UTF_8);
    if !utf16 && let Some(at) = memchr::memchr(0, &bytes) {
        return Err((Reason::Binary, format!("binary file (NUL byte at {at})")));
    }
    let (content, decoding) = decode(&bytes, options.encoding);
    drop(bytes);
    let article = match kind {
        Kind::Html => {
            let page = html::reduce(&normalize_line_ends(content));
            Article {
                id: id.to_string(),
                date: page.date,
                text: page.text,
                meta: None,
            }
        }
        _ => from_text(id, &content),
    };
    check_not_empty(&article)?;
    Ok(Doc {
        article,
        origin: origin.to_string(),
        decoding,
        html: kind == Kind::Html,
    })
}

fn too_large(max: usize) -> (Reason, String) {
    (
        Reason::TooLarge,
        format!("larger than {max} bytes (raise --max-size to read it)"),
    )
}

fn check_not_empty(a: &Article) -> Result<(), (Reason, String)> {
    if a.text.trim().is_empty() {
        return Err((Reason::Empty, "no text (empty or only white space)".into()));
    }
    Ok(())
}

/// JSON Lines, one article per line, read with bounded memory.
struct JsonLines {
    input: Input,
    origin: String,
    options: ReadOptions,
    line_no: usize,
    buf: Vec<u8>,
    /// Set after a read error: what follows it cannot be trusted.
    done: bool,
}

/// What one bounded line read found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineRead {
    End,
    Complete,
    /// Longer than the limit; the rest of it was consumed and dropped.
    TooLong,
}

/// Reads up to the next `\n` into `buf`, keeping at most `max` bytes.
fn read_line_bounded(r: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<LineRead> {
    let mut read_any = false;
    let mut too_long = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        read_any = true;
        let (part, newline) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], true),
            None => (chunk, false),
        };
        if !too_long && buf.len() + part.len() <= max {
            buf.extend_from_slice(part);
        } else {
            too_long = true;
            buf.clear();
        }
        let used = part.len() + usize::from(newline);
        r.consume(used);
        if newline {
            break;
        }
    }
    Ok(match (read_any, too_long) {
        (false, _) => LineRead::End,
        (true, true) => LineRead::TooLong,
        (true, false) => LineRead::Complete,
    })
}

impl JsonLines {
    fn error(&self, reason: Reason, message: String, id: Option<String>) -> DocError {
        DocError {
            origin: format!("{}:{}", self.origin, self.line_no),
            id,
            reason,
            message,
        }
    }
}

impl Iterator for JsonLines {
    type Item = Result<Doc, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            self.line_no += 1;
            match read_line_bounded(
                &mut *self.input.reader,
                &mut self.buf,
                self.options.max_size,
            ) {
                Ok(LineRead::End) => return None,
                Ok(LineRead::TooLong) => {
                    let (reason, message) = too_large(self.options.max_size);
                    return Some(Err(self.error(reason, message, None)));
                }
                Ok(LineRead::Complete) => {}
                Err(e) => {
                    self.done = true;
                    let (reason, message) = read_failure(&e, self.input.gzip);
                    let message = format!("{message} (the rest of the file is lost)");
                    return Some(Err(self.error(reason, message, None)));
                }
            }
            let (line, decoding) = decode_borrowed(&self.buf, self.options.encoding);
            let line = line.trim_start_matches('\u{FEFF}').trim();
            if line.is_empty() {
                continue;
            }
            let doc = json_line(line, self.line_no)
                .and_then(|(a, html)| check_not_empty(&a).map(|_| (a, html)))
                .map(|(article, html)| Doc {
                    html,
                    article,
                    origin: format!("{}:{}", self.origin, self.line_no),
                    decoding,
                });
            return Some(
                doc.map_err(|(reason, message)| self.error(reason, message, json_line_id(line))),
            );
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates_from_what_archives_give() {
        for (given, want) in [
            ("2022-04-11", Some("2022-04-11")),
            ("2022-04", Some("2022-04")),
            ("2022-04-11T20:15:00Z", Some("2022-04-11")),
            ("2022/04/11", Some("2022-04-11")),
            ("11/04/2022", Some("2022-04-11")),
            ("1-4-2022 20:15", Some("2022-04-01")),
            ("11.04.2022", Some("2022-04-11")),
            ("2022", Some("2022")),
            ("31/13/2022", None),
            ("avril 2022", None),
            ("", None),
        ] {
            assert_eq!(super::calendar_date(given).as_deref(), want, "{given}");
        }
    }

    #[test]
    fn date_header_is_not_text() {
        let a = from_text("x", " date 2017-01 Comme au niveau national.");
        assert_eq!(a.date.as_deref(), Some("2017-01"));
        assert_eq!(a.text, "Comme au niveau national.");
        let b = from_text("x", "date 2022-04-10\nTitre");
        assert_eq!(
            (b.date.as_deref(), b.text.as_str()),
            (Some("2022-04-10"), "\nTitre")
        );
        let c = from_text("x", "dater les faits");
        assert_eq!((c.date, c.text.as_str()), (None, "dater les faits"));
    }

    #[test]
    fn an_article_written_as_json_reads_back_the_same() {
        let line = r#"{"id":"a","date":"2017-04","text":"Niort.\nLigne","uri":"http://x.fr/a","site":"x.fr"}"#;
        let a = from_json_line(line, 1).unwrap();
        assert_eq!(from_json_line(&a.to_json().to_string(), 9).unwrap(), a);
        let bare = from_text("b", "Texte seul.");
        assert_eq!(
            bare.to_json(),
            serde_json::json!({"id": "b", "text": "Texte seul."})
        );
        assert_eq!(
            from_json_line(&bare.to_json().to_string(), 3).unwrap(),
            bare
        );
    }

    #[test]
    fn the_bytes_read_are_the_files_as_stored() {
        use std::io::Write;
        static READ: AtomicU64 = AtomicU64::new(0);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Résultats du vote\n").unwrap();
        let lines = "{\"id\":\"b\",\"text\":\"Un\"}\n{\"id\":\"c\",\"text\":\"Deux\"}\n";
        std::fs::write(dir.path().join("b.jsonl"), lines).unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&"Le second tour. ".repeat(500).into_bytes())
            .unwrap();
        std::fs::write(dir.path().join("d.txt.gz"), gz.finish().unwrap()).unwrap();
        let options = ReadOptions {
            bytes_read: Some(&READ),
            ..ReadOptions::default()
        };
        let docs = documents_with(&[dir.path().to_path_buf()], options);
        assert_eq!(docs.filter(Result::is_ok).count(), 4);
        let stored: u64 = ["a.txt", "b.jsonl", "d.txt.gz"]
            .iter()
            .map(|f| dir.path().join(f).metadata().unwrap().len())
            .sum();
        assert!(stored < 1000, "the gzip file counts as compressed");
        assert_eq!(READ.load(Ordering::Relaxed), stored);
    }

    #[test]
    fn json_lines_keep_other_fields_as_meta() {
        let a = from_json_line(
            r#"{"id":"a1","date":"2017-04","text":"Bonjour","source":"NR"}"#,
            3,
        )
        .unwrap();
        assert_eq!(a.id, "a1");
        assert_eq!(a.meta, Some(serde_json::json!({"source": "NR"})));
        assert_eq!(from_json_line(r#"{"text":"x"}"#, 7).unwrap().id, "7");
        let not_string = from_json_line(r#"{"text":3}"#, 1).unwrap_err();
        assert_eq!(not_string.0, Reason::TextNotString);
        assert!(not_string.1.contains("not a string"));
        assert_eq!(from_json_line("{oops", 1).unwrap_err().0, Reason::NotJson);
        assert_eq!(from_json_line("[1]", 1).unwrap_err().0, Reason::NotObject);
        assert_eq!(
            from_json_line(r#"{"id":1}"#, 1).unwrap_err().0,
            Reason::NoText
        );
    }

    #[test]
    fn json_lines_read_as_whole_objects() {
        let twice = r#"{"text":3,"id":"a","text":"Deux","s":1,"s":{"b":[2]},"id":"b"}"#;
        let a = from_json_line(twice, 1).unwrap();
        assert_eq!((a.id.as_str(), a.text.as_str()), ("b", "Deux"));
        assert_eq!(a.meta, Some(serde_json::json!({"s": {"b": [2]}})));
        let escaped = r#"{"t\u0065xt":"Un\r\nDeux","\u00e9":"\u00e9","date":5,"id":1.5}"#;
        let a = from_json_line(escaped, 4).unwrap();
        assert_eq!((a.id.as_str(), a.text.as_str()), ("1.5", "Un\nDeux"));
        assert_eq!(
            (a.date, a.meta),
            (None, Some(serde_json::json!({"é": "é"})))
        );
        let not_json = from_json_line(r#"{"text":"a"} x"#, 1).unwrap_err();
        assert_eq!(not_json.0, Reason::NotJson);
        assert!(not_json.1.contains("trailing characters"), "{}", not_json.1);
        assert_eq!(
            from_json_line("\"text\"", 1).unwrap_err().0,
            Reason::NotObject
        );
    }

    type Fields = (
        Option<Value>,
        Option<Value>,
        Option<Value>,
        serde_json::Map<String, Value>,
    );

    fn plain(line: &str) -> Option<Fields> {
        plain_line_fields(line).map(|f| {
            let text = f.text.as_ref().and_then(Value::as_str).unwrap_or_default();
            assert!(!f.no_cr || !text.contains('\r'), "{line}");
            (f.text, f.id, f.date, f.rest)
        })
    }

    fn by_serde(line: &str) -> Option<Fields> {
        let f = serde_json::from_str::<LineFields>(line).ok()?;
        Some((f.text, f.id, f.date, f.rest))
    }

    #[test]
    fn plain_lines_are_read_as_serde_reads_them_and_others_left_to_it() {
        for line in [
            r#"{"id":"a","date":"2017-04","text":"Niort.\nLigne","uri":"http://x.fr/a"}"#,
            r#"{ "text" : "a" ,  "id":"b" }"#,
            r#"{"t\u0065xt":"Un\r\nDeux \"q\" \\ \/ \b\f\t \u00E9\u0000","\u00e9":"\u00e9"}"#,
            r#"{"text":"a","text":"b","s":"1","s":"2","id":"","date":"x"}"#,
            "{\"text\":\"é \u{7f} 😀\"}",
            "{}",
        ] {
            assert!(plain(line).is_some(), "{line}");
            assert_eq!(plain(line), by_serde(line), "{line}");
        }
        let no_cr = |line: &str| plain_line_fields(line).map(|f| f.no_cr);
        assert_eq!(no_cr(r#"{"text":"Un\nDeux","id":"a"}"#), Some(true));
        assert_eq!(no_cr(r#"{"text":"Un\r\nDeux"}"#), Some(false));
        assert_eq!(no_cr(r#"{"text":"Un\u000dDeux"}"#), Some(false));
        for line in [
            r#"{"text":3}"#,
            r#"{"text":"a","n":null}"#,
            r#"{"text":"a\ud83d\ude00"}"#,
            r#"{"text":"a\udc00"}"#,
            r#"{"text":"a"} x"#,
            r#"{"text":"a"}}"#,
            r#"{"text":"a",}"#,
            r#"{,"text":"a"}"#,
            r#"{"text" "a"}"#,
            r#"{"text":"a""#,
            r#"{"text":"a\"#,
            r#"{"text":"\x"}"#,
            r#"{"text":"\u12g4"}"#,
            r#"{"text":"\u+123"}"#,
            r#"{"text":"\u12"}"#,
            "{\"text\":\"a\tb\"}",
            "{\"text\":\"a\"\r}",
            "{oops",
            "[1]",
            "\"text\"",
            "{",
            "",
        ] {
            assert_eq!(plain(line), None, "{line}");
        }
    }

    /// Lines shaped as objects, with strings of escapes both good and bad,
    /// some values not strings and some blanks not spaces.
    fn object_lines() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        use proptest::sample::select;
        let string = proptest::collection::vec(
            select(vec![
                "a", "é", "😀", " ", "\\n", "\\r", "\\u000d", "\\\"", "\\\\", "\\/", "\\u00e9",
                "\\u0000", "\\ud83d", "\\ude00", "\\x", "\\u12", "\t", "\"",
            ]),
            0..5,
        )
        .prop_map(|p| format!("\"{}\"", p.concat()));
        let key = prop_oneof![
            select(vec!["\"text\"", "\"id\"", "\"date\"", "\"s\""]).prop_map(String::from),
            string.clone(),
        ];
        let value = prop_oneof![
            4 => string,
            1 => select(vec!["3", "null", "[]", "{}"]).prop_map(String::from),
        ];
        let blank = || select(vec!["", "", " ", "  ", "\t"]);
        let pair = (blank(), key, blank(), blank(), value, blank())
            .prop_map(|(a, k, b, c, v, d)| format!("{a}{k}{b}:{c}{v}{d}"));
        (
            proptest::collection::vec(pair, 0..5),
            blank(),
            select(vec!["", "", ",", "x"]),
        )
            .prop_map(|(pairs, blank, after)| format!("{{{blank}{}}}{after}", pairs.join(",")))
    }

    proptest::proptest! {
        #[test]
        fn a_line_read_plainly_is_read_as_serde_reads_it(line in object_lines()) {
            if let Some(fields) = plain(&line) {
                proptest::prop_assert_eq!(Some(fields), by_serde(&line), "{}", line);
            }
        }
    }

    #[test]
    fn utf8_is_told_from_other_bytes_where_the_standard_library_tells_it() {
        let samples: [&[u8]; 8] = [
            "Élu à 52,3 % 😀".as_bytes(),
            b"R\xe9sultats",
            b"abc\xc3",
            b"\xf0\x9f\x98\x80ab\xe9cd",
            b"overlong \xc0\xaf",
            b"surrogate \xed\xa0\x80",
            b"above U+10FFFF \xf4\x90\x80\x80",
            b"\x80",
        ];
        for bytes in samples {
            let (text, how) = decode_borrowed(bytes, None);
            match std::str::from_utf8(bytes) {
                Ok(s) => assert_eq!((&*text, how.as_str()), (s, "UTF-8")),
                Err(e) => assert_eq!(
                    how,
                    format!("windows-1252: not UTF-8 at byte {}", e.valid_up_to())
                ),
            }
        }
    }

    #[test]
    fn invalid_utf8_is_read_as_windows_1252() {
        let (text, how) = decode(b"R\xe9sultats \x96 52 %", None);
        assert_eq!(text, "Résultats – 52 %");
        assert!(how.starts_with("windows-1252"), "{how}");
        let (text, how) = decode("\u{FEFF}Élu".as_bytes(), None);
        assert_eq!((text.as_str(), how.as_str()), ("Élu", "UTF-8 with BOM"));
        let (text, how) = decode("Élu".as_bytes(), None);
        assert_eq!((text.as_str(), how.as_str()), ("Élu", "UTF-8"));
        let (text, _) = decode(b"\xff\xfeE\x00l\x00u\x00", None);
        assert_eq!(text, "Elu");
        let latin1 = Encoding::for_label(b"iso-8859-1");
        assert_eq!(decode("é".as_bytes(), latin1).0, "Ã©");
    }

    #[test]
    fn line_ends_become_lf() {
        assert_eq!(
            normalize_line_ends("a\r\nb\rc\n\r\nd\r".into()),
            "a\nb\nc\n\nd\n"
        );
        let a = from_text("x", "date 2017-01\r\nTitre\r\nLe texte.");
        assert_eq!(a.text, "\nTitre\nLe texte.");
    }

    #[test]
    fn markup_is_told_from_prose() {
        for markup in [
            "<p>Texte</p>",
            "a<br>b",
            "x &eacute; y",
            "&#8239;%",
            "<!-- c -->",
            "<DIV class=x>",
        ] {
            assert!(html::looks_like_markup(markup), "{markup}");
        }
        for prose in [
            "5 < 6 et 7 > 3",
            "Dupont & fils",
            "<moins> de 5 %",
            "a &b; c &",
        ] {
            assert!(!html::looks_like_markup(prose), "{prose}");
        }
    }

    #[test]
    fn html_becomes_sentences() {
        let page = "<html><head><title>T</title><style>p{x:1}</style></head><body>\
            <h1>Municipales&nbsp;: le  r&eacute;sultat</h1>\n<p>Il obtient\n 52&#8239;%.<br>Fin</p>\
            <script>var a = '<p>non</p>';</script><div><div><p>L&rsquo;&eacute;lu</div>";
        assert_eq!(
            html::to_text(page),
            "Municipales\u{a0}: le résultat\n\nIl obtient 52\u{202f}%.\nFin\n\nL’élu"
        );
        assert_eq!(html::to_text("<pre>a\n  b</pre>c"), "a\n  b\n\nc");
        let dated = "<head><meta property=\"og:title\" content=\"2019\">\
            <meta property=\"article:published_time\" content=\"2017-04-23T20:15:00+02:00\"></head>x";
        assert_eq!(html::reduce(dated).date.as_deref(), Some("2017-04-23"));
        let bare = "<meta name=date content=\"2017-04\"><p>x";
        assert_eq!(html::reduce(bare).date.as_deref(), Some("2017-04"));
        let odd = "<meta name=date content=\"2017-0412\"><p>x";
        assert_eq!(html::reduce(odd).date, None);
        assert_eq!(html::to_text("<script>x"), "");
        assert_eq!(html::to_text(&"<div>".repeat(100_000)), "");
    }

    #[test]
    fn bounded_lines_drop_what_is_too_long() {
        let mut r: &[u8] = b"abc\nabcdefgh\nab";
        let mut buf = Vec::new();
        let mut seen = Vec::new();
        loop {
            buf.clear();
            let what = read_line_bounded(&mut r, &mut buf, 4).unwrap();
            seen.push((what, String::from_utf8(buf.clone()).unwrap()));
            if what == LineRead::End {
                break;
            }
        }
        let expected = [
            (LineRead::Complete, "abc"),
            (LineRead::TooLong, ""),
            (LineRead::Complete, "ab"),
            (LineRead::End, ""),
        ];
        assert_eq!(seen, expected.map(|(w, s)| (w, s.to_string())));
    }

    #[test]
    fn file_names_give_kind_and_id() {
        assert_eq!(
            kind_and_id(Path::new("d/a.jsonl.gz")),
            (Kind::JsonLines, "a".into())
        );
        assert_eq!(kind_and_id(Path::new("a.HTM")), (Kind::Html, "a".into()));
        assert_eq!(
            kind_and_id(Path::new("a.b.txt")),
            (Kind::Text, "a.b".into())
        );
        assert_eq!(kind_and_id(Path::new(".gz")), (Kind::Text, "".into()));
        assert!(wanted(Path::new("x.txt.gz")) && !wanted(Path::new("x.gz")));
    }
}
