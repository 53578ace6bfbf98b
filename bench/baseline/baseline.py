"""The comparison baseline: spaCy's small French model with regexes for the figures.

Reads a JSONL corpus (one {"id", "text"} object a line), finds sentences and
named entities with fr_core_news_sm (its sentence and entity components only,
each with its own token vectors), finds percentages and vote counts with
regexes, and writes one JSON line per (sentence, entity, figure) found
together: what scrutin links, without its gazetteers and rules. The rates go to
stderr; the time excludes loading the model in the main process.

    python baseline.py CORPUS.jsonl [--processes 2] > pairs.jsonl
"""

import argparse
import json
import os
import re
import sys
import time

import spacy

# 52,3 / 1 204 / 12.345 / 307: French decimal comma, thousands grouped by
# spaces (also no-break ones) or dots.
NUMBER = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
PERCENT = re.compile(rf"({NUMBER})\s*(?:%|pour\s?cents?\b)", re.IGNORECASE)
VOTES = re.compile(
    rf"({NUMBER})\s+(voix|suffrages|bulletins|votes|votants|inscrits|exprimés|électeurs)\b",
    re.IGNORECASE,
)
# MISC (events, works...) is not a competitor or a place.
LABELS = {"PER", "ORG", "LOC"}


def value(number):
    """The float a French-printed number stands for."""
    return float(re.sub(r"[ \u00a0\u202f.]", "", number).replace(",", "."))


def figures(sentence):
    """Percentages and vote counts of a sentence, in text order."""
    found = [(m.start(), m.group(0), value(m.group(1)), "percent") for m in PERCENT.finditer(sentence)]
    found += [(m.start(), m.group(0), value(m.group(1)), m.group(2).lower()) for m in VOTES.finditer(sentence)]
    return sorted(found)


def articles(path):
    """(text, id) for each line of a JSONL corpus."""
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            yield article["text"], article["id"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--processes", type=int, default=2)
    # Small batches keep both processes busy to the end of a 5 MB slice.
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    # Only what the pairs need: the parser, tagger and lemmatizer are left out.
    nlp = spacy.load(
        "fr_core_news_sm",
        exclude=["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer"],
    )
    nlp.enable_pipe("senter")

    start = time.perf_counter()
    docs = pairs = 0
    out = sys.stdout
    for doc, doc_id in nlp.pipe(articles(args.corpus), as_tuples=True,
                                   n_process=args.processes, batch_size=args.batch_size):
        docs += 1
        for sent in doc.sents:
            found = figures(sent.text)
            if not found:
                continue
            for ent in sent.ents:
                if ent.label_ not in LABELS:
                    continue
                for _, text, number, unit in found:
                    pairs += 1
                    record = {"doc": doc_id, "sentence": sent.text.strip(), "entity": ent.text,
                              "label": ent.label_, "figure": text, "value": number, "unit": unit}
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
    seconds = time.perf_counter() - start

    mb = os.path.getsize(args.corpus) / 1e6
    print(f"spacy fr_core_news_sm, {args.processes} processes: {docs} articles, {mb:.1f} MB, "
          f"{pairs} pairs in {seconds:.1f} s: {mb / seconds:.4f} MB/s, {docs / seconds:.1f} articles/s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
