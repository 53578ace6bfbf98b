//! Web archives: WARC files built here, plain, gzipped per record and as a
//! whole, complete and truncated.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use flate2::Compression;
use flate2::write::GzEncoder;
use scrutin::read::{self, Reason};

const ARTICLE: &str = "A Niort, Manuel Valls obtient 30 % des suffrages.";

/// One WARC/1.1 record with its separator.
fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{:08x}>\r\n\
         WARC-Date: 2017-04-24T06:00:00Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        block.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut m = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    m.extend_from_slice(body);
    m
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A small crawl: the records, in order, and what each should become.
fn crawl() -> Vec<Vec<u8>> {
    let page = format!(
        "<html><head><title>T</title></head><body><h1>Présidentielle</h1><p>{ARTICLE}</p></body></html>"
    );
    let latin1: Vec<u8> = b"<p>R\xe9sultat \xe0 Niort : 52 % des voix.</p>".to_vec();
    let chunked_gzip = {
        let z = gzip(b"Le maire sortant est r\xc3\xa9\xc3\xa9lu.");
        let mut c = format!("{:x}\r\n", z.len()).into_bytes();
        c.extend_from_slice(&z);
        c.extend_from_slice(b"\r\n0\r\n\r\n");
        c
    };
    let warcinfo = b"software: test\r\n".to_vec();
    let mut info = record("warcinfo", "", &warcinfo);
    // warcinfo records name no target.
    let info_text = String::from_utf8(info.clone()).unwrap();
    info = info_text.replace("WARC-Target-URI: \r\n", "").into_bytes();
    vec![
        info,
        record(
            "request",
            "https://www.lanouvellerep.fr/a",
            b"GET /a HTTP/1.1\r\n\r\n",
        ),
        record(
            "response",
            "https://www.LaNouvelleRep.fr/a",
            &http(
                "200 OK",
                "Content-Type: text/html; charset=utf-8\r\n",
                page.as_bytes(),
            ),
        ),
        record(
            "response",
            "http://journal.example/b",
            &http(
                "200 OK",
                "Content-Type: text/html; charset=ISO-8859-1\r\n",
                &latin1,
            ),
        ),
        record(
            "response",
            "http://journal.example/old",
            &http("301 Moved Permanently", "Location: /new\r\n", b""),
        ),
        record(
            "response",
            "http://journal.example/gone",
            &http("404 Not Found", "", b"nope"),
        ),
        record(
            "response",
            "http://journal.example/logo.png",
            &http("200 OK", "Content-Type: image/png\r\n", b"\x89PNG\r\n"),
        ),
        record(
            "response",
            "http://journal.example/c.txt",
            &http(
                "200 OK",
                "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
                &chunked_gzip,
            ),
        ),
        record("metadata", "http://journal.example/c.txt", b"via: x\r\n"),
    ]
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

struct Read {
    ids: Vec<String>,
    docs: Vec<read::Doc>,
    problems: Vec<read::DocError>,
}

fn read_all(path: &Path) -> Read {
    let (mut docs, mut problems) = (Vec::new(), Vec::new());
    for d in read::documents(&[path.to_path_buf()]) {
        match d {
            Ok(d) => docs.push(d),
            Err(e) => problems.push(e),
        }
    }
    let ids = docs.iter().map(|d| d.article.id.clone()).collect();
    Read {
        ids,
        docs,
        problems,
    }
}

fn reasons(r: &Read) -> Vec<Reason> {
    r.problems.iter().map(|e| e.reason).collect()
}

const EXPECTED_IDS: [&str; 3] = [
    "https://www.LaNouvelleRep.fr/a",
    "http://journal.example/b",
    "http://journal.example/c.txt",
];

const EXPECTED_SKIPS: [Reason; 6] = [
    Reason::NotResponse,
    Reason::NotResponse,
    Reason::Redirect,
    Reason::HttpError,
    Reason::NotHtml,
    Reason::NotResponse,
];

fn check_crawl(r: &Read) {
    assert_eq!(r.ids, EXPECTED_IDS);
    assert_eq!(reasons(r), EXPECTED_SKIPS);
    let a = &r.docs[0].article;
    assert_eq!(a.text, format!("Présidentielle\n\n{ARTICLE}"));
    assert_eq!(a.date.as_deref(), Some("2017-04-24"));
    assert_eq!(
        a.meta,
        Some(
            serde_json::json!({"uri": "https://www.LaNouvelleRep.fr/a", "site": "www.lanouvellerep.fr"})
        )
    );
    assert!(r.docs[0].html);
    assert_eq!(r.docs[1].article.text, "Résultat à Niort : 52 % des voix.");
    assert!(
        r.docs[1].decoding.contains("declared"),
        "{}",
        r.docs[1].decoding
    );
    assert_eq!(r.docs[2].article.text, "Le maire sortant est réélu.");
    assert!(!r.docs[2].html);
    assert!(
        r.problems[2].message.contains("/new"),
        "{}",
        r.problems[2].message
    );
    assert!(
        r.problems[2].origin.ends_with(" record 5"),
        "{}",
        r.problems[2].origin
    );
}

#[test]
fn a_plain_warc_gives_its_html_and_text_responses() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "crawl.warc", &crawl().concat());
    check_crawl(&read_all(&p));
}

#[test]
fn gzip_per_record_and_whole_file_read_alike() {
    let dir = tempfile::tempdir().unwrap();
    let records = crawl();
    let per_record: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    let p = write(dir.path(), "crawl.warc.gz", &per_record);
    check_crawl(&read_all(&p));
    let q = write(dir.path(), "whole.warc.gz", &gzip(&records.concat()));
    check_crawl(&read_all(&q));
    // A directory walk picks WARC files up.
    let all = read_all(dir.path());
    assert_eq!(all.ids.len(), 6);
}

#[test]
fn a_truncated_warc_keeps_the_records_before_the_damage() {
    let dir = tempfile::tempdir().unwrap();
    let records = crawl();
    let mut bytes = records[..3].concat();
    // The Latin-1 page, cut in the middle of its body.
    bytes.extend_from_slice(&records[3][..records[3].len() - 20]);
    let p = write(dir.path(), "cut.warc", &bytes);
    let r = read_all(&p);
    assert_eq!(r.ids, EXPECTED_IDS[..1]);
    assert_eq!(
        reasons(&r),
        [
            Reason::NotResponse,
            Reason::NotResponse,
            Reason::CorruptWarc
        ]
    );
    let e = &r.problems[2];
    assert_eq!(e.id.as_deref(), Some("http://journal.example/b"));
    assert!(e.message.contains("truncated WARC"), "{}", e.message);
    assert!(e.origin.ends_with("cut.warc record 4"), "{}", e.origin);

    // Cut inside a header, gzipped per record: the same, as a broken gzip member.
    let mut gz: Vec<u8> = records[..3].iter().flat_map(|r| gzip(r)).collect();
    let last = gzip(&records[3]);
    gz.extend_from_slice(&last[..last.len() / 2]);
    let q = write(dir.path(), "cut.warc.gz", &gz);
    let r = read_all(&q);
    assert_eq!(r.ids, EXPECTED_IDS[..1]);
    assert_eq!(r.problems.len(), 3);
    let e = &r.problems[2];
    assert!(
        matches!(e.reason, Reason::CorruptGzip | Reason::CorruptWarc),
        "{e:?}"
    );
}

#[test]
fn garbage_is_not_read_as_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = crawl()[2].clone();
    bytes.extend_from_slice(b"this is not a record\r\n\r\n");
    let r = read_all(&write(dir.path(), "odd.warc", &bytes));
    assert_eq!(r.ids, EXPECTED_IDS[..1]);
    assert_eq!(reasons(&r), [Reason::CorruptWarc]);
    assert!(
        r.problems[0].message.contains("WARC/"),
        "{}",
        r.problems[0].message
    );
}

#[test]
fn extract_counts_every_record_and_writes_the_uri() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "crawl.warc", &crawl().concat());
    let out = Command::new(env!("CARGO_BIN_EXE_scrutin"))
        .args(["extract", p.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("9 documents read, 3 processed, 0 failed, 6 skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped: HTTP error 1, not HTML or text 1, not a response 3, redirect 1"),
        "{stderr}"
    );
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let valls = records
        .iter()
        .find(|r| r["subject"]["name"] == "Manuel Valls")
        .expect("the HTML page's figure");
    assert_eq!(valls["doc"], "https://www.LaNouvelleRep.fr/a");
    assert_eq!(valls["meta"]["site"], "www.lanouvellerep.fr");
    assert_eq!(valls["place"]["code"], "com:79191");
}

/// `scrutin ARGS` with `stdin`, its standard output.
fn scrutin(args: &[&str], stdin: &[u8]) -> Vec<u8> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scrutin"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "scrutin {args:?} failed");
    out.stdout
}

#[test]
fn a_crawl_turned_into_json_lines_gives_the_same_records() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "crawl.warc.gz",
        &crawl().iter().flat_map(|r| gzip(r)).collect::<Vec<u8>>(),
    );
    let path = p.to_str().unwrap();
    let articles = scrutin(&["articles", path], b"");
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&articles)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // The three responses with a page or a text; the rest are skipped.
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["site"], "www.lanouvellerep.fr");
    let sorted = |out: Vec<u8>| {
        let mut v: Vec<String> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        v.sort();
        v
    };
    let direct = sorted(scrutin(&["extract", "--mentions", path], b""));
    let piped = sorted(scrutin(&["extract", "--mentions", "-"], &articles));
    assert!(direct.len() > 3);
    assert_eq!(direct, piped);
}
