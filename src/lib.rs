//! scrutin turns French local press articles into election facts.
//!
//! The pipeline, one module per stage, each taking the previous stage's
//! plain types:
//!
//! ```text
//! read      article text, date, id             (read::Article)
//! fold      matching form + offset map         (fold::Folded)
//! segment   sentences                          (segment::Sentence)
//! gazetteer places, people, parties            (gazetteer::Mentions)
//! numbers   figures with units and cues        (numbers::Figure)
//! link      figures -> competitors and places  (link::Fact)
//! record    JSON records                       (record::Record)
//! ```
//!
//! [`Pipeline`] is built once from the pattern files ([`patterns`]) and is
//! `Send + Sync`; [`corpus`] runs it over many articles in parallel, in
//! input order. [`eval`] scores records against gold facts.

pub mod corpus;
pub mod eval;
pub mod fold;
pub mod gazetteer;
pub mod link;
pub mod numbers;
pub mod patterns;
pub mod read;
pub mod record;
pub mod segment;

use fold::Folded;
use gazetteer::{Gazetteer, Mentions};
use link::{Cues, Fact};
use numbers::{Figure, NumberWords};
use read::Article;
use record::{MentionsRecord, Record};
use segment::{Abbreviations, Sentence};

/// Every compiled pattern; build once, share across threads.
#[derive(Debug, Clone)]
pub struct Pipeline {
    abbreviations: Abbreviations,
    numbers: NumberWords,
    gazetteer: Gazetteer,
    cues: Cues,
}

/// Per-thread buffers, reused from one article to the next.
#[derive(Debug, Default)]
pub struct Scratch {
    folded: Folded,
    sentences: Vec<Sentence>,
    figures: Vec<Figure>,
    facts: Vec<Fact>,
}

/// What one article gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// One record per fact.
    pub records: Vec<Record>,
    /// The places and people the article names.
    pub mentions: MentionsRecord,
}

impl Pipeline {
    /// Compiles the pattern files.
    pub fn new(p: &patterns::Patterns) -> Result<Pipeline, String> {
        Ok(Pipeline {
            abbreviations: Abbreviations::parse(p.get("abbreviations.txt")),
            numbers: NumberWords::parse(p.get("units.tsv"), p.get("approx.txt"))?,
            gazetteer: Gazetteer::build(gazetteer::GazetteerSources {
                places: p.get("places.tsv"),
                people: p.get("people.tsv"),
                parties: p.get("parties.tsv"),
                first_names: p.get("first_names.txt"),
                place_words: p.get("place_words.txt"),
                ordinals: p.get("ordinals.tsv"),
            })?,
            cues: Cues::parse(p.get("cues.tsv"), p.get("elections.tsv"))?,
        })
    }

    /// Runs every stage on one article.
    pub fn process(&self, a: &Article, s: &mut Scratch) -> Output {
        s.folded.fold_into(&a.text);
        s.sentences.clear();
        segment::split_into(&a.text, &self.abbreviations, &mut s.sentences);
        let mentions = self.mentions(a, s);
        s.figures.clear();
        numbers::find_into(&a.text, &s.folded, &self.numbers, &mut s.figures);
        s.facts.clear();
        let article = link::Article {
            text: &a.text,
            folded: &s.folded,
            sentences: &s.sentences,
            mentions: &mentions,
            figures: &s.figures,
            date_year: a.date.as_deref().and_then(|d| d.get(..4)?.parse().ok()),
            parties: &self.gazetteer.parties,
            places: &self.gazetteer.places,
        };
        link::link(&article, &self.cues, &mut s.facts);
        let source = record::Source {
            doc: &a.id,
            date: a.date.as_deref(),
            text: &a.text,
            meta: a.meta.as_ref(),
        };
        Output {
            records: record::records(&source, &s.facts, &s.sentences, &mentions, &self.gazetteer),
            mentions: record::mentions_record(&a.id, &mentions, &self.gazetteer),
        }
    }

    fn mentions(&self, a: &Article, s: &Scratch) -> Mentions {
        let starts: Vec<usize> = s
            .sentences
            .iter()
            .map(|x| s.folded.folded_at(x.start))
            .collect();
        let mut m = self.gazetteer.find(&a.text, &s.folded, &starts);
        self.gazetteer.surname_people(&a.text, &s.folded, &mut m);
        m
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
    fn pipeline_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<super::Pipeline>();
    }
}
