//! The `scrutin` binary end to end: inputs, order, errors, exit codes.

use std::path::Path;
use std::process::{Command, Output};

fn scrutin(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_scrutin"));
    cmd.args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("binary runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/corpus/000_439f4ac286a5338c.txt"
);

#[test]
fn extract_with_no_path_reads_the_bundled_corpus() {
    let out = scrutin(&["extract"], None);
    assert!(out.status.success());
    let records = lines(&out.stdout);
    assert!(records.iter().any(|r| r["doc"] == "000_439f4ac286a5338c"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("0 failed"), "{stderr}");
}

#[test]
fn output_order_is_input_order_whatever_the_threads() {
    let one = scrutin(&["--threads", "1", "extract", "--mentions"], None);
    let two = scrutin(&["--threads", "2", "extract", "--mentions"], None);
    assert_eq!(one.stdout, two.stdout);
    let docs: Vec<String> = lines(&one.stdout)
        .iter()
        .map(|r| r["doc"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = docs.clone();
    sorted.sort();
    assert_eq!(docs, sorted, "directories are walked in sorted order");
}

#[test]
fn a_broken_jsonl_line_is_reported_and_the_run_goes_on() {
    let input = "{\"id\":\"a\",\"date\":\"2017-01\",\"text\":\"A Poitiers, Benoît Hamon obtient 40 % des voix.\"}\n{oops\n{\"id\":\"c\",\"text\":3}\n{\"id\":\"d\",\"text\":\"A Niort, Manuel Valls obtient 30 % des suffrages.\",\"source\":\"NR\"}\n";
    let out = scrutin(&["extract", "-"], Some(input));
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed document sets the exit status"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("<stdin>:2: not JSON"), "{stderr}");
    assert!(
        stderr.contains("<stdin>:3: `text` is not a string"),
        "{stderr}"
    );
    assert!(
        stderr.contains("4 documents read, 2 processed, 2 failed"),
        "{stderr}"
    );
    let records = lines(&out.stdout);
    let docs: Vec<&str> = records.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, vec!["a", "d"]);
    assert_eq!(records[1]["meta"]["source"], "NR");
    assert_eq!(records[1]["place"]["code"], "com:79191");
}

#[test]
fn an_unreadable_file_does_not_stop_the_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt.gz"), [0x1fu8, 0x8b, 0x08]).unwrap();
    std::fs::copy(SEED, dir.path().join("b.txt")).unwrap();
    let out = scrutin(&["extract", dir.path().to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("a.txt.gz: corrupt or truncated gzip"),
        "{stderr}"
    );
    assert!(lines(&out.stdout).iter().all(|r| r["doc"] == "b"));
    assert!(!out.stdout.is_empty());
}

#[test]
fn evidence_offsets_slice_the_sentence() {
    let out = scrutin(&["extract", SEED], None);
    let text = std::fs::read_to_string(SEED).unwrap();
    let body = scrutin::read::from_text("x", &text).text;
    for r in lines(&out.stdout) {
        let (s, e) = (
            r["evidence"]["start"].as_u64().unwrap() as usize,
            r["evidence"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&body[s..e], r["evidence"]["sentence"].as_str().unwrap());
    }
}

#[test]
fn eval_rejects_gold_that_does_not_parse() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("g.jsonl");
    std::fs::write(&gold, "{\"doc\":\"x\",\"kind\":\"result\"\n").unwrap();
    let out = scrutin(&["eval", "--gold", gold.to_str().unwrap(), SEED], None);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("g.jsonl:1"), "{stderr}");
}

#[test]
fn segment_and_numbers_print_json_lines() {
    let seg = lines(&scrutin(&["segment", SEED], None).stdout);
    assert!(
        seg.iter()
            .any(|s| s["text"] == "Arnaud Montebourg arrive loin derrière avec 17,03%.")
    );
    let nums = lines(&scrutin(&["numbers", SEED], None).stdout);
    let voters = nums
        .iter()
        .find(|n| n["value"] == 9046.0)
        .expect("9 046 read");
    assert_eq!(voters["unit"], "count");
    assert!(Path::new(SEED).exists());
}

#[test]
fn explain_shows_each_sentence_and_why() {
    let input = "{\"id\":\"a\",\"text\":\"Au premier tour, à Niort, Manuel Valls obtient 30 % des voix, en hausse de 4 points.\"}\n";
    let out = scrutin(&["explain", "-"], Some(input));
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("== a\n[0] Au premier tour"), "{text}");
    assert!(text.contains("names: Niort, Manuel Valls"), "{text}");
    assert!(text.contains("made ("), "{text}");
    assert!(text.contains("refused 4 points"), "{text}");
}

#[test]
fn errors_inline_come_among_the_records_in_input_order() {
    let input = "{\"id\":\"a\",\"text\":\"A Poitiers, Benoît Hamon obtient 40 % des voix.\"}\n{oops\n{\"id\":\"c\",\"text\":3}\n{\"id\":\"d\",\"text\":\"A Niort, Manuel Valls obtient 30 % des suffrages.\"}\n";
    let out = scrutin(&["extract", "--errors-inline", "-"], Some(input));
    assert_eq!(out.status.code(), Some(1));
    let rows = lines(&out.stdout);
    let order: Vec<String> = rows
        .iter()
        .map(|r| match r["kind"].as_str() {
            Some("error") => format!("error {}", r["origin"].as_str().unwrap()),
            _ => r["doc"].as_str().unwrap().to_string(),
        })
        .collect();
    assert_eq!(order, ["a", "error <stdin>:2", "error <stdin>:3", "d"]);
    assert_eq!(rows[1]["reason"], "not JSON");
    assert_eq!(rows[2]["id"], "c");
    assert!(
        rows[2]["message"]
            .as_str()
            .unwrap()
            .contains("not a string")
    );
    // Without the flag, stdout holds records only.
    let plain = scrutin(&["extract", "-"], Some(input));
    assert!(lines(&plain.stdout).iter().all(|r| r["kind"] != "error"));
}

#[test]
fn a_stream_on_stdin_gives_records_before_it_ends() {
    use std::io::{BufRead, BufReader, Write};
    let mut child = Command::new(env!("CARGO_BIN_EXE_scrutin"))
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let line = "{\"id\":\"a\",\"text\":\"A Niort, Manuel Valls obtient 30 % des suffrages.\"}\n";
    stdin.write_all(line.as_bytes()).unwrap();
    stdin.flush().unwrap();
    // stdin stays open: the record must come anyway. The wait only guards
    // against a hang; it measures nothing.
    let first = rx.recv_timeout(std::time::Duration::from_secs(60));
    let first: serde_json::Value =
        serde_json::from_str(&first.expect("a record before stdin is closed")).unwrap();
    assert_eq!(first["doc"], "a");
    let line = line.replace("\"a\"", "\"b\"");
    stdin.write_all(line.as_bytes()).unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
    let rest: Vec<String> = rx.iter().collect();
    assert_eq!(rest.len(), 1);
    assert!(rest[0].contains("\"doc\":\"b\""), "{}", rest[0]);
}

/// Standard error is a pipe here: no progress bar, with or without
/// `--quiet`, only the closing counts.
#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    for quiet in [false, true] {
        let args: &[&str] = if quiet {
            &["--quiet", "extract", SEED]
        } else {
            &["extract", SEED]
        };
        let out = scrutin(args, None);
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("scrutin: 1 documents read"), "{stderr}");
        assert!(
            !stderr.contains('\r') && !stderr.contains('\u{1b}'),
            "{stderr}"
        );
    }
}
