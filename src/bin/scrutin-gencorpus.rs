//! Writes a deterministic benchmark corpus of regional-press-like articles.
//!
//! `scrutin-gencorpus --size-mb 500 --seed 1 --txt-dir DIR --jsonl FILE`
//!
//! Articles are 2-3 KB and drawn, by the seed alone, from four kinds in the
//! proportions given on the command line (by default a quarter of them are
//! about elections, as in a regional daily around an election; the rest is
//! local news full of numbers, dates, names and places that are not election
//! figures). Names come from the bundled gazetteers, so the benchmark pays
//! for the real lists. The same seed and size always give the same bytes.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Write a seeded benchmark corpus of press-like articles")]
struct Args {
    /// Approximate total size in MB (10^6 bytes of article text).
    #[arg(long, default_value_t = 50)]
    size_mb: u64,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Share of articles that report election results.
    #[arg(long, default_value_t = 0.20)]
    results: f64,
    /// Share of articles that report polls.
    #[arg(long, default_value_t = 0.05)]
    polls: f64,
    /// Pattern directory the names are drawn from.
    #[arg(long, default_value = "patterns")]
    patterns: PathBuf,
    /// Write one `.txt` file per article into this directory.
    #[arg(long)]
    txt_dir: Option<PathBuf>,
    /// Write all articles as one JSONL file.
    #[arg(long)]
    jsonl: Option<PathBuf>,
}

/// splitmix64: tiny, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

struct Names {
    /// (commune, its département)
    communes: Vec<(String, String)>,
    deps: Vec<String>,
    candidates: Vec<(String, String)>,
    first_names: Vec<String>,
}

fn load(dir: &std::path::Path) -> Result<Names, String> {
    let read = |f: &str| {
        fs::read_to_string(dir.join(f)).map_err(|e| format!("{}: {e}", dir.join(f).display()))
    };
    let places = read("places.tsv")?;
    let mut dep_names = std::collections::HashMap::new();
    for line in places.lines().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() > 3 && c[2] == "departement" {
            dep_names.insert(c[3].to_string(), c[1].to_string());
        }
    }
    let mut communes = Vec::new();
    for line in places.lines().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        let big = c.get(5).and_then(|p| p.parse::<u64>().ok()).unwrap_or(0) >= 1500;
        if let Some(d) = dep_names
            .get(*c.get(3).unwrap_or(&""))
            .filter(|_| big && c[2] == "commune")
        {
            communes.push((c[1].to_string(), d.clone()));
        }
    }
    let candidates = read("people.tsv")?
        .lines()
        .skip(1)
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Some((c.first()?.to_string(), c.get(1)?.to_string()))
        })
        .collect();
    let first_names = read("first_names.txt")?
        .lines()
        .filter(|l| !l.starts_with('#') && l.len() > 2)
        .map(|l| {
            let mut c = l.chars();
            c.next()
                .map(|f| {
                    f.to_uppercase()
                        .chain(c.flat_map(char::to_lowercase))
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    Ok(Names {
        communes,
        deps: dep_names
            .into_values()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect(),
        candidates,
        first_names,
    })
}

const SURNAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Durand",
    "Lefebvre",
    "Moreau",
    "Garnier",
    "Chevalier",
    "Rousseau",
    "Blanchard",
    "Guérin",
    "Boucher",
    "Texier",
    "Pineau",
    "Brunet",
    "Roussel",
    "Giraud",
    "Renaud",
    "Baudry",
    "Marchand",
    "Perrin",
    "Morin",
    "Fournier",
    "Girard",
];

const ELECTIONS: &[(&str, &str, u32)] = &[
    ("de l'élection présidentielle", "présidentielle", 2022),
    ("de l'élection présidentielle", "présidentielle", 2017),
    ("des élections européennes", "européennes", 2019),
    ("des élections législatives", "législatives", 2022),
    ("des élections régionales", "régionales", 2021),
];

const FILLER: &[&str] = &[
    "Les travaux de la rue {C} reprendront le {D} pour une durée de {N} semaines, a indiqué la mairie.",
    "Le club de {C} s'est imposé {S} à domicile devant {N} spectateurs samedi soir.",
    "{P}, {A} ans, a ouvert sa boulangerie en {Y} et emploie aujourd'hui {S2} salariés.",
    "La fête de la Saint-Jean aura lieu le {D} à partir de 20h30 sur la place de la mairie de {C}.",
    "Le conseil municipal a voté un budget de {M} millions d'euros, en hausse de {Q} % sur un an.",
    "Renseignements au 05 49 {T} ou à l'office de tourisme de {C} (79000).",
    "« On attendait ça depuis des années », confie {P}, présidente de l'association des riverains.",
    "La salle des fêtes, construite en {Y}, accueillera {N} personnes après sa rénovation.",
    "Un automobiliste de {A} ans a été légèrement blessé sur la D {S2} entre {C} et {C2} mardi vers 7 h 45.",
    "Le festival a attiré {N} visiteurs l'an dernier, selon les organisateurs.",
    "Les inscriptions sont ouvertes jusqu'au {D}, au tarif de {S2} euros par personne.",
    "Selon {P}, adjoint aux finances, la dette de la commune a baissé de {Q} % depuis {Y}.",
];

struct Gen<'a> {
    rng: Rng,
    names: &'a Names,
}

impl Gen<'_> {
    fn person(&mut self) -> String {
        format!(
            "{} {}",
            self.rng.pick(&self.names.first_names),
            self.rng.pick(SURNAMES)
        )
    }
    fn commune(&mut self) -> (String, String) {
        self.rng.pick(&self.names.communes).clone()
    }
    fn count(&mut self, lo: u64, hi: u64) -> String {
        group(lo + self.rng.next() % (hi - lo))
    }
    fn pct(&mut self, lo: f64, hi: f64) -> f64 {
        ((lo + self.rng.unit() * (hi - lo)) * 100.0).round() / 100.0
    }
    fn date(&mut self, year: u32) -> String {
        const MONTHS: &[&str] = &["janvier", "mars", "avril", "juin", "septembre", "novembre"];
        format!(
            "{} {} {year}",
            1 + self.rng.below(28),
            self.rng.pick(MONTHS)
        )
    }

    fn filler(&mut self, out: &mut String, n: usize, year: u32) {
        for _ in 0..n {
            let t = *self.rng.pick(FILLER);
            let (c, _) = self.commune();
            let (c2, _) = self.commune();
            let s = t
                .replace("{C2}", &c2)
                .replace("{C}", &c)
                .replace("{D}", &self.date(year))
                .replace("{N}", &self.count(80, 12_000))
                .replace("{S2}", &(2 + self.rng.below(900)).to_string())
                .replace(
                    "{S}",
                    &format!("{}-{}", self.rng.below(5), self.rng.below(4)),
                )
                .replace("{P}", &self.person())
                .replace("{A}", &(18 + self.rng.below(70)).to_string())
                .replace("{Y}", &(1950 + self.rng.below(70)).to_string())
                .replace(
                    "{M}",
                    &format!("{},{}", 1 + self.rng.below(40), self.rng.below(10)),
                )
                .replace(
                    "{Q}",
                    &format!("{},{}", 1 + self.rng.below(9), self.rng.below(10)),
                )
                .replace(
                    "{T}",
                    &format!(
                        "{:02} {:02} {:02}",
                        self.rng.below(100),
                        self.rng.below(100),
                        self.rng.below(100)
                    ),
                );
            out.push_str(&s);
            out.push(if self.rng.chance(0.3) { '\n' } else { ' ' });
        }
        out.push('\n');
    }

    fn shares(&mut self, n: usize) -> Vec<f64> {
        let mut w: Vec<f64> = (0..n)
            .map(|i| self.rng.unit() + 1.0 / (i as f64 + 1.0))
            .collect();
        let total: f64 = w.iter().sum();
        for x in &mut w {
            *x = (*x / total * 10_000.0).round() / 100.0;
        }
        w.sort_by(|a, b| b.total_cmp(a));
        w
    }

    fn results(&mut self, out: &mut String) -> u32 {
        let &(long, short, year) = self.rng.pick(ELECTIONS);
        let dep = self.rng.pick(&self.names.deps).clone();
        let cands: Vec<(String, String)> = (0..5)
            .map(|_| self.rng.pick(&self.names.candidates).clone())
            .collect();
        let s = self.shares(5);
        let round = if self.rng.chance(0.7) {
            "premier"
        } else {
            "second"
        };
        let _ = writeln!(
            out,
            "{dep} : {} en tête avec {} % des voix\n",
            cands[0].0,
            fr(s[0])
        );
        let _ = writeln!(
            out,
            "Au {round} tour {long}, {} ({}) est arrivé en tête en {dep} avec {} % des suffrages exprimés, devant {} ({} %). {} ne recueille que {} %.",
            cands[0].0,
            cands[0].1,
            fr(s[0]),
            cands[1].0,
            fr(s[1]),
            cands[2].0,
            fr(s[2])
        );
        let _ = writeln!(
            out,
            "La participation s'établit à {} %, contre {} % en {}. {} électeurs se sont déplacés.\n",
            fr(self.pct(55.0, 80.0)),
            fr(self.pct(55.0, 80.0)),
            year - 5,
            self.count(20_000, 300_000)
        );
        for _ in 0..2 + self.rng.below(2) {
            let (c, _) = self.commune();
            if self.rng.chance(0.5) {
                let _ = writeln!(out, "{c}\n");
                for (k, (name, _)) in cands.iter().enumerate() {
                    let _ = writeln!(out, "- {name} : {} %", fr(s[k]));
                }
                out.push('\n');
            } else {
                let v = self.count(300, 9_000);
                let _ = writeln!(
                    out,
                    "A {c}, {} obtient {v} voix, soit {} %, et devance {} de {} voix.\n",
                    cands[0].0,
                    fr(s[0]),
                    cands[1].0,
                    self.count(10, 900)
                );
            }
        }
        let _ = writeln!(
            out,
            "« C'est un résultat qui nous oblige », a réagi {}, soutien de {} dans le {short} local.",
            self.person(),
            cands[0].0
        );
        year
    }

    fn poll(&mut self, out: &mut String) -> u32 {
        const INSTITUTES: &[&str] = &[
            "Ifop",
            "Ipsos",
            "Elabe",
            "Harris Interactive",
            "OpinionWay",
            "BVA",
            "Odoxa",
        ];
        let inst = *self.rng.pick(INSTITUTES);
        let cands: Vec<(String, String)> = (0..4)
            .map(|_| self.rng.pick(&self.names.candidates).clone())
            .collect();
        let s = self.shares(4);
        let _ = writeln!(out, "Sondage {inst} : {} toujours en tête\n", cands[0].0);
        let _ = writeln!(
            out,
            "Selon un sondage {inst} publié ce week-end, {} est crédité de {} % des intentions de vote au premier tour, devant {} ({} %) et {} ({} %). {} progresse de {} points.\n",
            cands[0].0,
            fr(s[0]),
            cands[1].0,
            fr(s[1]),
            cands[2].0,
            fr(s[2]),
            cands[3].0,
            fr(self.pct(0.5, 4.0))
        );
        let _ = writeln!(
            out,
            "L'enquête a été réalisée en ligne du {} auprès de {} personnes inscrites sur les listes électorales.",
            self.date(2022),
            self.count(900, 3_000)
        );
        2022
    }

    fn article(&mut self, results: f64, polls: f64) -> (String, String) {
        let mut out = String::with_capacity(3000);
        let u = self.rng.unit();
        let year = if u < results {
            self.results(&mut out)
        } else if u < results + polls {
            self.poll(&mut out)
        } else {
            let (c, dep) = self.commune();
            let _ = writeln!(
                out,
                "{c} : {}\n",
                self.rng.pick(&[
                    "la rentrée des associations",
                    "un chantier qui dure",
                    "le club renoue avec la victoire",
                    "budget : les choix de la majorité"
                ])
            );
            let _ = writeln!(
                out,
                "Dans le département de {dep}, la commune de {c} compte {} habitants.",
                self.count(1_500, 60_000)
            );
            2015 + self.rng.below(10) as u32
        };
        while out.len() < 2000 + self.rng.below(1000) {
            let n = 2 + self.rng.below(4);
            self.filler(&mut out, n, year);
        }
        let date = format!(
            "{year}-{:02}-{:02}",
            1 + self.rng.below(12),
            1 + self.rng.below(28)
        );
        (date, out)
    }
}

/// French digit grouping with a no-break space now and then, as papers print.
fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(if n.is_multiple_of(3) { '\u{a0}' } else { ' ' });
        }
        out.push(c);
    }
    out
}

fn fr(x: f64) -> String {
    format!("{x:.2}")
        .trim_end_matches('0')
        .trim_end_matches('.')
        .replace('.', ",")
}

fn main() -> Result<(), String> {
    let args = Args::parse();
    let names = load(&args.patterns)?;
    let mut gen_ = Gen {
        rng: Rng(args.seed),
        names: &names,
    };
    if let Some(d) = &args.txt_dir {
        fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    let mut jsonl = match &args.jsonl {
        Some(p) => Some(BufWriter::new(
            fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()))?,
        )),
        None => None,
    };
    let target = args.size_mb * 1_000_000;
    let (mut written, mut n) = (0u64, 0u64);
    while written < target {
        let (date, text) = gen_.article(args.results, args.polls);
        let id = format!("gen-{:07}", n);
        if let Some(d) = &args.txt_dir {
            // A thousand files per folder keeps directories listable.
            let sub = d.join(format!("{:04}", n / 1000));
            fs::create_dir_all(&sub).map_err(|e| format!("{}: {e}", sub.display()))?;
            fs::write(
                sub.join(format!("{id}.txt")),
                format!(" date {date} {text}"),
            )
            .map_err(|e| format!("{id}: {e}"))?;
        }
        if let Some(w) = &mut jsonl {
            let line = serde_json::json!({"id": id, "date": date, "text": text});
            writeln!(w, "{line}").map_err(|e| e.to_string())?;
        }
        written += text.len() as u64;
        n += 1;
    }
    if let Some(mut w) = jsonl {
        w.flush().map_err(|e| e.to_string())?;
    }
    eprintln!("scrutin-gencorpus: {n} articles, {written} bytes of text");
    Ok(())
}
