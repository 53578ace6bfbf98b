//! Reading articles: `.txt` files, directories of them, JSON Lines files and
//! standard input.
//!
//! Documents are produced lazily, one at a time, so a run holds only the
//! batch it is working on. A document that cannot be read is an error value
//! naming the file (and line), never a stopped run.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

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

/// A document that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    /// Where: the file, and `:line` for JSONL.
    pub origin: String,
    /// Why.
    pub reason: String,
}

impl std::fmt::Display for DocError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}

/// Builds an article from a `.txt` file's content: an optional
/// ` date YYYY-MM ` or ` date YYYY-MM-DD ` header starts the first line and
/// is not part of the text.
pub fn from_text(id: &str, content: &str) -> Article {
    let content = content.strip_prefix('\u{FEFF}').unwrap_or(content);
    let (date, text) = split_date_header(content);
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
    let shape_ok = matches!(date.len(), 7 | 10)
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let tail = &after_word[len..];
    if !shape_ok || !tail.starts_with([' ', '\t', '\n', '\r']) && !tail.is_empty() {
        return (None, content);
    }
    (Some(date), tail.trim_start_matches([' ', '\t']))
}

/// Builds an article from one JSONL line (`{"id", "date", "text", ...}`).
pub fn from_json_line(line: &str, line_no: usize) -> Result<Article, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let Value::Object(mut map) = value else {
        return Err("not a JSON object".into());
    };
    let text = match map.remove("text") {
        Some(Value::String(s)) => s,
        Some(_) => return Err("`text` is not a string".into()),
        None => return Err("no `text` field".into()),
    };
    let id = match map.remove("id") {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        _ => line_no.to_string(),
    };
    let date = match map.remove("date") {
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    let meta = (!map.is_empty()).then_some(Value::Object(map));
    Ok(Article {
        id,
        date,
        text,
        meta,
    })
}

/// The files a list of paths stands for: directories walked recursively in
/// sorted order (`.txt`, `.jsonl` only), files as given, `-` for stdin.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, DocError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || !p.is_dir() {
            out.push(Ok(p.clone()));
        } else {
            walk(p, &mut out);
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, DocError>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.push(Err(DocError {
                origin: dir.display().to_string(),
                reason: e.to_string(),
            }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("txt" | "jsonl")
        ) {
            out.push(Ok(p));
        }
    }
}

/// Every document of a list of paths, lazily, in order.
pub fn documents(paths: &[PathBuf]) -> impl Iterator<Item = Result<Article, DocError>> {
    expand(paths)
        .into_iter()
        .flat_map(|p| -> Box<dyn Iterator<Item = Result<Article, DocError>>> {
            match p {
                Err(e) => Box::new(std::iter::once(Err(e))),
                Ok(p) => file_documents(p),
            }
        })
}

fn file_documents(path: PathBuf) -> Box<dyn Iterator<Item = Result<Article, DocError>>> {
    let origin = path.display().to_string();
    let is_jsonl = path.as_os_str() == "-" || path.extension().is_some_and(|e| e == "jsonl");
    let fail = |reason: String| -> Box<dyn Iterator<Item = Result<Article, DocError>>> {
        Box::new(std::iter::once(Err(DocError {
            origin: origin.clone(),
            reason,
        })))
    };
    if is_jsonl {
        let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
            Box::new(BufReader::new(std::io::stdin()))
        } else {
            match File::open(&path) {
                Ok(f) => Box::new(BufReader::new(f)),
                Err(e) => return fail(e.to_string()),
            }
        };
        let origin = if path.as_os_str() == "-" {
            "<stdin>".to_string()
        } else {
            origin.clone()
        };
        return Box::new(JsonLines {
            reader,
            origin,
            line_no: 0,
            buf: Vec::new(),
        });
    }
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut bytes = Vec::new();
    if let Err(e) = File::open(&path).and_then(|mut f| f.read_to_end(&mut bytes)) {
        return fail(e.to_string());
    }
    match String::from_utf8(bytes) {
        Ok(s) => Box::new(std::iter::once(Ok(from_text(&id, &s)))),
        Err(e) => fail(format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to())),
    }
}

struct JsonLines {
    reader: Box<dyn BufRead>,
    origin: String,
    line_no: usize,
    buf: Vec<u8>,
}

impl Iterator for JsonLines {
    type Item = Result<Article, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.buf.clear();
            self.line_no += 1;
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    return Some(Err(DocError {
                        origin: format!("{}:{}", self.origin, self.line_no),
                        reason: e.to_string(),
                    }));
                }
            }
            let line = String::from_utf8_lossy(&self.buf);
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            return Some(
                from_json_line(line, self.line_no).map_err(|reason| DocError {
                    origin: format!("{}:{}", self.origin, self.line_no),
                    reason,
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn json_lines_keep_other_fields_as_meta() {
        let a = from_json_line(
            r#"{"id":"a1","date":"2017-04","text":"Bonjour","source":"NR"}"#,
            3,
        )
        .unwrap();
        assert_eq!(a.id, "a1");
        assert_eq!(a.meta, Some(serde_json::json!({"source": "NR"})));
        assert_eq!(from_json_line(r#"{"text":"x"}"#, 7).unwrap().id, "7");
        assert!(
            from_json_line(r#"{"text":3}"#, 1)
                .unwrap_err()
                .contains("not a string")
        );
        assert!(from_json_line("{oops", 1).unwrap_err().contains("not JSON"));
    }
}
