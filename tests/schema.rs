//! The records as datasets: every record of the bundled corpus holds to
//! `schema/record.schema.json`, and `extract --format csv` gives one row per
//! fact.
//!
//! The schema is checked by the small validator below, which implements the
//! draft 2020-12 keywords the schema uses and refuses a schema that uses any
//! other: a full validator crate (`jsonschema`) would add some thirty crates
//! and minutes of compiling to every fresh build, for keywords the schema
//! does not use.

use std::path::PathBuf;
use std::process::Command;

use scrutin::Pipeline;
use scrutin::patterns::Patterns;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The record schema.
fn schema() -> Value {
    let text = std::fs::read_to_string(root().join("schema/record.schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The keywords [`errors`] implements; the schema may use no other.
const KEYWORDS: &[&str] = &[
    "$schema",
    "$id",
    "$defs",
    "title",
    "description",
    "$ref",
    "oneOf",
    "anyOf",
    "allOf",
    "not",
    "if",
    "then",
    "type",
    "const",
    "enum",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "minItems",
    "minLength",
    "minimum",
    "maximum",
    "pattern",
];

/// Whether `v` holds to `schema`, as draft 2020-12 defines the keywords
/// of [`KEYWORDS`].
fn valid(schema: &Value, root: &Value, v: &Value) -> bool {
    errors(schema, root, v).is_empty()
}

/// Notes a keyword that `v` fails.
fn note(out: &mut Vec<String>, v: &Value, ok: bool, key: &str) {
    if !ok {
        out.push(format!("`{key}` fails on {v}"));
    }
}

/// Why `v` does not hold to `schema`.
fn errors(schema: &Value, root: &Value, v: &Value) -> Vec<String> {
    let s = schema.as_object().expect("a schema is an object");
    let mut out = Vec::new();
    for (key, k) in s {
        assert!(
            KEYWORDS.contains(&key.as_str()),
            "keyword `{key}` is not checked"
        );
        let sub = |s: &Value| valid(s, root, v);
        let subs = || k.as_array().unwrap().iter();
        match key.as_str() {
            "$ref" => {
                let name = k.as_str().unwrap().strip_prefix("#/$defs/").unwrap();
                note(&mut out, v, sub(&root["$defs"][name]), key);
            }
            "oneOf" => note(&mut out, v, subs().filter(|s| sub(s)).count() == 1, key),
            "anyOf" => note(&mut out, v, subs().any(sub), key),
            "allOf" => note(&mut out, v, subs().all(sub), key),
            "not" => note(&mut out, v, !sub(k), key),
            "if" => note(&mut out, v, !sub(k) || s.get("then").is_none_or(sub), key),
            "type" => {
                let ok = match k.as_str().unwrap() {
                    "object" => v.is_object(),
                    "array" => v.is_array(),
                    "string" => v.is_string(),
                    "boolean" => v.is_boolean(),
                    "number" => v.is_number(),
                    "integer" => v.as_f64().is_some_and(|x| x.fract() == 0.0),
                    other => panic!("type `{other}`"),
                };
                note(&mut out, v, ok, key);
            }
            "const" => note(&mut out, v, v == k, key),
            "enum" => note(&mut out, v, subs().any(|e| e == v), key),
            "required" => note(
                &mut out,
                v,
                subs().all(|f| {
                    v.as_object()
                        .is_none_or(|o| o.contains_key(f.as_str().unwrap()))
                }),
                key,
            ),
            "properties" => {
                for (name, p) in k.as_object().unwrap() {
                    if let Some(x) = v.get(name).filter(|_| v.is_object()) {
                        for e in errors(p, root, x) {
                            out.push(format!("{name}: {e}"));
                        }
                    }
                }
            }
            "additionalProperties" => {
                assert_eq!(k, &Value::Bool(false), "only `false` is checked");
                let known = s.get("properties").and_then(Value::as_object);
                let extra = v.as_object().into_iter().flatten().map(|(f, _)| f);
                for f in extra.filter(|f| !known.is_some_and(|p| p.contains_key(*f))) {
                    out.push(format!("`{f}` is not a property"));
                }
            }
            "items" => {
                for x in v.as_array().into_iter().flatten() {
                    out.extend(errors(k, root, x));
                }
            }
            "minItems" => note(
                &mut out,
                v,
                v.as_array()
                    .is_none_or(|a| a.len() as u64 >= k.as_u64().unwrap()),
                key,
            ),
            "minLength" => note(
                &mut out,
                v,
                v.as_str()
                    .is_none_or(|t| t.chars().count() as u64 >= k.as_u64().unwrap()),
                key,
            ),
            "minimum" => note(
                &mut out,
                v,
                v.as_f64().is_none_or(|x| x >= k.as_f64().unwrap()),
                key,
            ),
            "maximum" => note(
                &mut out,
                v,
                v.as_f64().is_none_or(|x| x <= k.as_f64().unwrap()),
                key,
            ),
            "pattern" => {
                let re = regex::Regex::new(k.as_str().unwrap()).unwrap();
                note(&mut out, v, v.as_str().is_none_or(|t| re.is_match(t)), key);
            }
            _ => {}
        }
    }
    out
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
    let schema = schema();
    let records = corpus_records();
    let facts = records.iter().filter(|r| r["kind"] != "mentions").count();
    assert!(facts > 100, "{facts} facts");
    assert!(records.len() > facts, "mentions records checked too");
    for r in &records {
        let errors = errors(&schema, &schema, r);
        assert!(errors.is_empty(), "{r}\n{}", errors.join("\n"));
        assert_eq!(r["schema_version"], scrutin::record::SCHEMA_VERSION);
    }
}

#[test]
fn records_are_written_as_they_serialise() {
    let p = Pipeline::new(&Patterns::bundled()).unwrap();
    let docs = scrutin::read::documents(&[root().join("corpus")]);
    let mut facts = 0;
    scrutin::corpus::run(
        &p,
        docs,
        |_, out| {
            for r in &out.records {
                let mut written = Vec::new();
                r.write_json(&mut written);
                let serialised = serde_json::to_vec(r).unwrap();
                assert_eq!(
                    String::from_utf8(written).unwrap(),
                    String::from_utf8(serialised).unwrap()
                );
            }
            facts += out.records.len();
            Ok(out.records.len())
        },
        |e| panic!("{e}"),
    )
    .unwrap();
    assert!(facts > 100, "{facts} facts");
}

#[test]
fn the_schema_turns_away_records_it_does_not_describe() {
    let schema = schema();
    let records = corpus_records();
    let fact = records.iter().find(|r| r["kind"] == "result").unwrap();
    assert!(valid(&schema, &schema, fact));
    let mut broken = vec![fact.clone(); 7];
    broken[0].as_object_mut().unwrap().remove("doc");
    broken[1]["votes"] = Value::from(12.5);
    broken[2]["kind"] = Value::from("rumour");
    broken[3]["schema_version"] = Value::from("0");
    broken[4]["leader"] = fact["subject"].clone();
    broken[5]["place"]["code"] = Value::from("dep:7");
    broken[6]["evidence"]["start"] = Value::from(-1);
    for r in &broken {
        assert!(!valid(&schema, &schema, r), "accepted {r}");
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
