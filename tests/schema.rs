//! The records as datasets: every record of the bundled corpus holds to
//! `schema/record.schema.json`, and `extract --format csv` gives one row per
//! fact.

use std::path::PathBuf;
use std::process::Command;

use scrutin::Pipeline;
use scrutin::patterns::Patterns;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("schema/record.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft202012::new(&schema).expect("a valid 2020-12 schema")
}

/// Every record of the bundled corpus, facts and mentions.
fn corpus_records() -> Vec<Value> {
    let p = Pipeline::new(&Patterns::bundled())
        .unwrap()
        .with_mentions(true);
    let (values, summary) =
        scrutin::corpus::extract_values(&p, &[root().join("corpus")], |e| panic!("{e}")).unwrap();
    assert_eq!(summary.failed, 0);
    values
}

#[test]
fn every_record_of_the_corpus_holds_to_the_schema() {
    let v = validator();
    let records = corpus_records();
    let facts = records.iter().filter(|r| r["kind"] != "mentions").count();
    assert!(facts > 100, "{facts} facts");
    assert!(records.len() > facts, "mentions records checked too");
    for r in &records {
        let errors: Vec<String> = v.iter_errors(r).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{r}\n{}", errors.join("\n"));
        assert_eq!(r["schema_version"], scrutin::record::SCHEMA_VERSION);
    }
}

#[test]
fn the_schema_turns_away_records_it_does_not_describe() {
    let v = validator();
    let records = corpus_records();
    let fact = records.iter().find(|r| r["kind"] == "result").unwrap();
    let mut broken = vec![fact.clone(), fact.clone(), fact.clone(), fact.clone()];
    broken[0].as_object_mut().unwrap().remove("doc");
    broken[1]["votes"] = Value::from(12.5);
    broken[2]["kind"] = Value::from("rumour");
    broken[3]["schema_version"] = Value::from("0");
    for r in &broken {
        assert!(!v.is_valid(r), "accepted {r}");
    }
}

#[test]
fn csv_has_one_row_per_fact_and_the_columns_of_the_records() {
    let bin = env!("CARGO_BIN_EXE_scrutin");
    let csv_out = Command::new(bin)
        .args(["extract", "--mentions", "--format", "csv"])
        .output()
        .unwrap();
    assert!(csv_out.status.success());
    let jsonl = Command::new(bin).args(["extract"]).output().unwrap();
    let facts: Vec<Value> = String::from_utf8(jsonl.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut reader = csv::Reader::from_reader(csv_out.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, scrutin::record::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), facts.len(), "mentions records are not rows");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, fact) in rows.iter().zip(&facts) {
        assert_eq!(&row[col("doc")], fact["doc"].as_str().unwrap());
        assert_eq!(&row[col("kind")], fact["kind"].as_str().unwrap());
        let sentence = fact["evidence"]["sentence"].as_str().unwrap();
        assert_eq!(&row[col("sentence")], sentence);
        let code = fact["place"]["code"].as_str().unwrap_or("");
        assert_eq!(&row[col("place_code")], code);
        let dep = fact["place"]["dep"].as_str().unwrap_or("");
        assert_eq!(&row[col("dep")], dep);
        assert_eq!(row[col("dep_name")].is_empty(), dep.is_empty(), "{row:?}");
        for field in ["share", "votes", "voters", "points", "turnout_pct"] {
            match fact.get(field) {
                Some(v) => assert_eq!(row[col(field)].parse::<f64>().ok(), v.as_f64()),
                None => assert_eq!(&row[col(field)], ""),
            }
        }
    }
    let seed = rows
        .iter()
        .find(|r| &r[col("doc")] == "000_439f4ac286a5338c" && &r[col("kind")] == "result")
        .unwrap();
    assert_eq!(&seed[col("dep_name")], "Deux-Sèvres");
    assert_eq!(&seed[col("reg")], "reg:75");
}
