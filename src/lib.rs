//! scrutin turns French local press articles into election facts.
//!
//! The pipeline, one module per stage, each taking the previous stage's
//! plain types:
//!
//! ```text
//! read      article text, date, id             (read::Article)
//! fold      matching form + offset map         (fold::Folded)
//! screen    can it report an election figure?  (bool)
//! numbers   figures with units and cues        (numbers::Figure)
//! segment   sentences                          (segment::Sentence)
//! gazetteer places, people, parties            (gazetteer::Mentions)
//! link      figures -> competitors and places  (link::Fact)
//! record    JSON records                       (record::Record)
//! ```
//!
//! [`Pipeline`] is built once from the pattern files ([`patterns`]) and is
//! `Send + Sync`; [`corpus`] runs it over many articles in parallel, in
//! input order. [`eval`] scores records against gold facts. An article that
//! the screen turns away gives no facts and stops before folding, and one
//! with no figure but ordinals and years stops after the numbers, unless
//! the mentions record is asked for, which needs the sentences and the
//! names.
//! [`coverage`] counts what an archive's records cover, place by place, and
//! [`check`] compares them with official results.

pub mod check;
pub mod corpus;
pub mod coverage;
pub mod eval;
pub mod fold;
pub mod gazetteer;
pub mod link;
pub mod numbers;
pub mod patterns;
pub mod read;
pub mod record;
pub mod screen;
pub mod segment;
mod words;

use fold::Folded;
use gazetteer::{Gazetteer, Mentions};
use link::{Cues, Fact, Refusal};
use numbers::{Figure, NumberWords, Unit};
use read::Article;
use record::{MentionsRecord, Record};
use screen::Screen;
use segment::{Abbreviations, Sentence};

/// Every compiled pattern; build once, share across threads.
#[derive(Debug, Clone)]
pub struct Pipeline {
    /// The segmenter's abbreviations.
    pub abbreviations: Abbreviations,
    /// The number reader's words.
    pub numbers: NumberWords,
    /// Places, people and parties.
    pub gazetteer: Gazetteer,
    /// The linker's cue phrases.
    pub cues: Cues,
    /// The screen for articles that cannot report an election figure.
    pub screen: Screen,
    mentions: bool,
}

/// Per-thread buffers, reused from one article to the next.
#[derive(Debug, Default)]
pub struct Scratch {
    folded: Folded,
    sentences: Vec<Sentence>,
    /// The folded span of each sentence, for the names and the links.
    spans: Vec<(usize, usize)>,
    figures: Vec<Figure>,
    facts: Vec<Fact>,
    refused: Vec<Refusal>,
}

/// What one article gives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Output {
    /// One record per fact.
    pub records: Vec<Record>,
    /// The places and people the article names, when the pipeline was
    /// built [`with_mentions`](Pipeline::with_mentions).
    pub mentions: Option<MentionsRecord>,
}

impl Pipeline {
    /// Compiles the pattern files.
    pub fn new(p: &patterns::Patterns) -> Result<Pipeline, String> {
        // The gazetteer is most of the loading; the cues and the screen are
        // built beside it, so that start-up is the gazetteer's time alone.
        let (gazetteer, (cues, screen)) = rayon::join(
            || {
                Gazetteer::build(gazetteer::GazetteerSources {
                    places: p.get("places.tsv"),
                    cantons: p.get("cantons.tsv"),
                    people: p.get("people.tsv"),
                    officials: p.get("officials.tsv"),
                    parties: p.get("parties.tsv"),
                    first_names: p.get("first_names.txt"),
                    place_words: p.get("place_words.txt"),
                    titles: p.get("titles.txt"),
                    place_phrases: p.get("place_phrases.tsv"),
                    ordinals: p.get("ordinals.tsv"),
                })
            },
            || {
                let cues = Cues::parse(
                    p.get("cues.tsv"),
                    p.get("elections.tsv"),
                    p.get("rounds.tsv"),
                    p.get("place_phrases.tsv"),
                    p.get("number_words.tsv"),
                );
                (cues, Screen::parse(p.get("cues.tsv"), p.get("screen.txt")))
            },
        );
        Ok(Pipeline {
            abbreviations: Abbreviations::parse(p.get("abbreviations.txt")),
            numbers: NumberWords::parse(
                p.get("units.tsv"),
                p.get("approx.txt"),
                p.get("number_words.tsv"),
            )?,
            gazetteer: gazetteer?,
            cues: cues?,
            screen: screen?,
            mentions: false,
        })
    }

    /// Also makes the mentions record of every article.
    pub fn with_mentions(mut self, mentions: bool) -> Pipeline {
        self.mentions = mentions;
        self
    }

    /// Runs every stage on one article.
    pub fn process(&self, a: &Article, s: &mut Scratch) -> Output {
        if !self.mentions && !self.screen.may_pass(&a.text) {
            return Output::default();
        }
        s.folded.fold_into(&a.text);
        let reports = self.screen.passes(&s.folded.text);
        if !reports && !self.mentions {
            return Output::default();
        }
        s.figures.clear();
        if reports {
            numbers::find_into(&a.text, &s.folded, &self.numbers, &mut s.figures);
        }
        // Every fact holds a figure, and ordinals and years are none: an
        // article that names an election but gives no figure (`le maire élu
        // en 2020`) needs no names found and no links made.
        let figures = s
            .figures
            .iter()
            .any(|f| !matches!(f.unit, Unit::Ordinal | Unit::Year));
        if !figures && !self.mentions {
            return Output::default();
        }
        s.sentences.clear();
        segment::split_into(&a.text, &self.abbreviations, &mut s.sentences);
        let mut cursor = fold::Cursor::new(&s.folded);
        s.spans.clear();
        s.spans.extend(
            s.sentences
                .iter()
                .map(|x| (cursor.folded_at(x.start), cursor.folded_at(x.end))),
        );
        let mentions = self.mentions(a, s);
        let source = record::Source {
            doc: &a.id,
            date: a.date.as_deref(),
            text: &a.text,
            meta: a.meta.as_ref(),
        };
        let mentions_record = self
            .mentions
            .then(|| record::mentions_record(&source, &mentions, &self.gazetteer));
        if !reports {
            return Output {
                records: Vec::new(),
                mentions: mentions_record,
            };
        }
        s.facts.clear();
        s.refused.clear();
        let date = a.date.as_deref().and_then(read::calendar_date);
        let article = link::Article {
            text: &a.text,
            folded: &s.folded,
            sentences: &s.sentences,
            spans: &s.spans,
            mentions: &mentions,
            figures: &s.figures,
            date: date.as_deref(),
            parties: &self.gazetteer.parties,
            places: &self.gazetteer.places,
        };
        link::link(&article, &self.cues, &mut s.facts, &mut s.refused);
        Output {
            records: record::records(&source, &s.facts, &s.sentences, &mentions, &self.gazetteer),
            mentions: mentions_record,
        }
    }

    fn mentions(&self, a: &Article, s: &Scratch) -> Mentions {
        self.gazetteer.find(&a.text, &s.folded, &s.spans)
    }

    /// Why each fact of an article was made, and why figures made none:
    /// sentence by sentence, the names found, the figures, the records and
    /// the refusals, as plain text for a reader.
    pub fn explain(&self, a: &Article) -> String {
        use std::fmt::Write;
        let mut s = Scratch::default();
        let output = self.process(a, &mut s);
        let original = |from: usize, to: usize| {
            a.text[s.folded.orig(from)..s.folded.orig(to)].replace('\n', " ")
        };
        let mentions = self.mentions(a, &s);
        let mut text = String::new();
        if !self.screen.passes(&s.folded.text) {
            text.push_str(
                "screened out: no election, round, poll, voters or votes named, so no facts\n",
            );
        }
        for (i, sentence) in s.sentences.iter().enumerate() {
            let (fs, fe) = s.spans[i];
            let _ = writeln!(
                text,
                "[{i}] {}",
                a.text[sentence.start..sentence.end].trim()
            );
            let spans = [
                (
                    "names",
                    ", ",
                    mentions
                        .items
                        .iter()
                        .map(|m| (m.start, m.end))
                        .collect::<Vec<_>>(),
                ),
                (
                    "figures",
                    " | ",
                    s.figures.iter().map(|f| (f.start, f.end)).collect(),
                ),
            ];
            for (label, sep, spans) in spans {
                let shown: Vec<String> = spans
                    .iter()
                    .filter(|(from, _)| *from >= fs && *from < fe)
                    .map(|(from, to)| original(*from, *to))
                    .collect();
                if !shown.is_empty() {
                    let _ = writeln!(text, "    {label}: {}", shown.join(sep));
                }
            }
            for r in output
                .records
                .iter()
                .filter(|r| r.evidence.start == sentence.start)
            {
                let line = serde_json::to_string(r).unwrap_or_default();
                let _ = writeln!(text, "    made ({}): {line}", r.evidence.rule);
            }
            for r in s.refused.iter().filter(|r| r.sentence == i) {
                let figure = s.figures.iter().find(|f| f.start == r.start);
                let shown = figure.map_or(String::new(), |f| original(f.start, f.end));
                let _ = writeln!(text, "    refused {shown}: {}", r.why);
            }
        }
        text
    }

    /// Splits a text into sentences.
    pub fn sentences(&self, text: &str) -> Vec<Sentence> {
        segment::split(text, &self.abbreviations)
    }

    /// Finds the figures of a text.
    pub fn figures(&self, text: &str) -> (Folded, Vec<Figure>) {
        let folded = Folded::new(text);
        let mut out = Vec::new();
        numbers::find_into(text, &folded, &self.numbers, &mut out);
        (folded, out)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn explain_shows_links_made_and_refused() {
        let p = super::Pipeline::new(&super::patterns::Patterns::bundled()).unwrap();
        let a = super::read::from_text(
            "t",
            " date 2017-04-24 Présidentielle\n\nÀ Lens, Marine Le Pen obtient 40,31 %, \
             en hausse de 5 points.",
        );
        let text = p.explain(&a);
        assert!(text.contains("names: Lens, Marine Le Pen"), "{text}");
        assert!(text.contains("made (competitor-then-figure)"), "{text}");
        assert!(
            text.contains("refused 5 points: a change, not a score"),
            "{text}"
        );
    }

    #[test]
    fn explain_says_when_an_article_is_screened_out() {
        let p = super::Pipeline::new(&super::patterns::Patterns::bundled()).unwrap();
        let a = super::read::from_text("t", "Le budget de Niort est en hausse de 3 %.");
        assert!(
            p.explain(&a).starts_with("screened out"),
            "{}",
            p.explain(&a)
        );
    }

    #[test]
    fn pipeline_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<super::Pipeline>();
    }
}
