"""Benchmark: the official document numbers (số ký hiệu) cited in ../shared/corpus, and how well
congtin.vietnamese.document_numbers.find_numbers recognizes them (issue 19, "Measure it").

Every article's title, sapo and body is first repaired as `congtin import` repairs it
(detect_and_decode, then repair_text: invisible characters out, NFC, Ð -> Đ), since the portal only
ever holds repaired text. Then:

1. Extraction. find_numbers runs over the three fields of all articles. Printed: articles scanned,
   articles citing at least one number, citations, distinct normalized numbers, distinct keys
   (document_key: ND = NĐ, leading zeros dropped) and the 20 numbers cited by most articles.
   Written (--out, default var/bench/corpus_document_numbers.json): each distinct key ->
   {"number": its most common normalized spelling, "articles": how many articles cite it}. Numbers
   only, no article text: a synthetic register of 100,000 documents is built from it elsewhere.

2. Evaluation against bench/data/document_citations_labelled.jsonl, hand-labelled candidates of a
   LOOSE pattern (digits, "/", then anything word-like, with or without spaces around "/" and "-"),
   which over-generates on purpose: dates, fractions, prices per unit, phone numbers, product codes
   and badly written numbers as well as well written ones, so that recall counts the citations the
   recognizer misses, not only its own output. Each line holds an article id, a field, the
   candidate's offset in the repaired field and the candidate as written, and its label: the
   number as normalize_number spells the whole citation, or null for "not a document number". A
   number found by find_numbers overlapping the candidate is a TP if its normalized spelling equals
   the label, else an FP (label null, or a wrong span or spelling); a non-null label with no
   correct number found there is an FN.

   How the labels were set, by reading ~140 characters around each candidate: a document number
   is the number and symbol of a written instrument of an organization, cited as such (decrees,
   decisions, công văn, and also court judgments and case records, licences, contracts: "bản án số
   58/2006/DSPT"); not trains, flights, weapons, ratings, standards (QCVN 01:2009/BYT), articles
   of a code (Điều 292/BLHS), dates, prices per unit, scores. The label has the letters and digits
   the writer typed (typos kept: "230/20116/TT-BTC", "2551/QDD-TTg", "108/2014/CP" without its
   NĐ) and the spacing and joiners of the decree's format, as a reader sees them: "QH 13" is QH13,
   "30/2 011 / TT - BGTVT" (a converter's split) is 30/2011/TT-BGTVT, "35/2016-TT-NHNN" is
   35/2016/TT-NHNN. A number written short is labelled as written ("Nghị định 46/CP"); a
   citation without its symbol ("Nghị định 100/2019") is no number of the format, so null.

3. --label-sample N --seed S prints N loose candidates drawn at random, each with ~140 characters
   of context, for labelling (nothing of the text is stored). 85% are drawn from the candidates
   with a letter in them, 15% from those of digits and punctuation only (dates, fractions, phone
   numbers): the latter are never citations, and drawing in proportion (97% of the candidates)
   would leave too few citations to measure recall on.

    .venv/bin/python bench/document_citations.py
    .venv/bin/python bench/document_citations.py --corpus ../shared/corpus/articles.jsonl.gz --out /tmp/numbers.json
    .venv/bin/python bench/document_citations.py --label-sample 300 --seed 19
"""

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from multiprocessing import Pool
from pathlib import Path

from congtin.vietnamese.document_numbers import find_numbers
from congtin.vietnamese.legacy import detect_and_decode
from congtin.vietnamese.repair import repair_text
from congtin.vietnamese.tones import DEFAULT_STYLE

ROOT = Path(__file__).resolve().parent.parent

CORPUS = ROOT.parent / "shared" / "corpus" / "articles.jsonl.gz"
OUT = ROOT / "var" / "bench" / "corpus_document_numbers.json"
FIXTURE = ROOT / "bench" / "data" / "document_citations_labelled.jsonl"
FIELDS = ("title", "sapo", "body")

# The loose pattern: digits (1.000, 3,5 too), "/" with up to two spaces either side, then word-like
# parts joined by "/", by "-" or by a spaced "-" before a letter (a spaced dash before a digit
# separates two dates more often than it joins anything).
_DASH = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_SLASH = "/\u2044\u2215\uff0f"
_PART = r"[^\W_]+(?:\.[^\W_]+)*"
LOOSE = re.compile(
    rf"(?<![0-9/.,])[0-9]+(?:[.,][0-9]+)*[ \t]{{0,2}}[{_SLASH}][ \t]{{0,2}}{_PART}"
    rf"(?:(?:[ \t]{{0,2}}[{_SLASH}][ \t]{{0,2}}|[{_DASH}]|[ \t]{{0,2}}[{_DASH}][ \t]{{0,2}}"
    rf"(?=[^\W\d_])){_PART})*"
)
_LETTER = re.compile(r"[^\W\d_]")
LETTER_SHARE = 0.85


def repaired_fields(line: str) -> tuple[str, dict[str, str]]:
    """An article's id and its fields as the importer stores them (writer.repair_record)."""
    article = json.loads(line)
    fields = {}
    for name in FIELDS:
        value = article.get(name) or ""
        if value:
            value, _encoding = detect_and_decode(value)
            value, _report = repair_text(value, DEFAULT_STYLE)
        fields[name] = value
    return article["id"], fields


def _scan(line: str):
    """One article's citations, as (field, start, end, normalized, key), and its fields."""
    article_id, fields = repaired_fields(line)
    found = [
        (name, f.start, f.end, f.number, f.key)
        for name in FIELDS
        for f in find_numbers(fields[name])
    ]
    return article_id, fields, found


def _candidates(line: str):
    article_id, fields = repaired_fields(line)
    return [
        (article_id, name, match.start(), match.group(), fields[name])
        for name in FIELDS
        for match in LOOSE.finditer(fields[name])
    ]


def _articles(path: Path, jobs: int, work):
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        if jobs <= 1:
            yield from map(work, lines)
            return
        with Pool(jobs) as pool:
            yield from pool.imap(work, lines, chunksize=100)


def read_fixture(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def extract(path: Path, jobs: int, wanted: set[str]):
    """Scan the corpus: per key, the citing articles and the spellings; the fields of ``wanted``."""
    articles_by_key: dict[str, set[str]] = defaultdict(set)
    spellings: dict[str, Counter] = defaultdict(Counter)
    kept: dict[str, dict[str, str]] = {}
    scanned = citing = citations = 0
    for article_id, fields, found in _articles(path, jobs, _scan):
        scanned += 1
        citing += bool(found)
        citations += len(found)
        for _field, _start, _end, number, key in found:
            articles_by_key[key].add(article_id)
            spellings[key][number] += 1
        if article_id in wanted:
            kept[article_id] = fields
    return scanned, citing, citations, articles_by_key, spellings, kept


def report_extraction(scanned, citing, citations, articles_by_key, spellings, out: Path):
    numbers = {number for counter in spellings.values() for number in counter}
    print(f"articles scanned:                {scanned:,}")
    print(f"articles citing >= 1 number:     {citing:,}")
    print(f"citations:                       {citations:,}")
    print(f"distinct normalized numbers:     {len(numbers):,}")
    print(f"distinct keys (document_key):    {len(articles_by_key):,}")
    register = {
        key: {"number": spellings[key].most_common(1)[0][0], "articles": len(ids)}
        for key, ids in sorted(articles_by_key.items(), key=lambda item: (-len(item[1]), item[0]))
    }
    print("top 20 numbers by citing articles:")
    for entry in list(register.values())[:20]:
        print(f"  {entry['articles']:5d}  {entry['number']}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(register, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(register):,} keys to {out}")


def evaluate(rows: list[dict], texts: dict[str, dict[str, str]]) -> bool:
    """Print precision and recall of find_numbers on the labelled rows, and every error."""
    tp = fp = fn = 0
    errors = []
    for row in rows:
        text = texts[row["article"]][row["field"]]
        start, candidate, label = row["start"], row["candidate"], row["label"]
        end = start + len(candidate)
        if text[start:end] != candidate:
            errors.append(f"STALE  {row['article']} {row['field']}@{start}: {candidate!r}")
            continue
        found = [f for f in find_numbers(text) if f.start < end and f.end > start]
        right = [f for f in found if label is not None and f.number == label]
        tp += bool(right)
        for f in found:
            if f not in right:
                fp += 1
                errors.append(f"FP     {candidate!r}: found {f.number!r}, label {label!r}")
        if label is not None and not right:
            fn += 1
            errors.append(
                f"FN     {candidate!r}: label {label!r}, found {[f.number for f in found]}"
            )
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    positives = sum(row["label"] is not None for row in rows)
    print(f"labelled candidates: {len(rows)} ({positives} document numbers)")
    print(f"precision {precision:.3f}  recall {recall:.3f}  (TP {tp}, FP {fp}, FN {fn})")
    for error in errors:
        print("  " + error)
    return not any(error.startswith("STALE") for error in errors)


def _context(text: str, start: int, candidate: str, width: int = 70) -> str:
    end = start + len(candidate)
    shown = f"{text[max(0, start - width) : start]}⟦{candidate}⟧{text[end : end + width]}"
    return shown.replace("\n", " ⏎ ")


def label_sample(path: Path, jobs: int, size: int, seed: int):
    """Print ``size`` loose candidates, drawn at random, with context, as fixture lines to label."""
    lettered, plain = [], []
    for candidates in _articles(path, jobs, _candidates):
        for article_id, field, start, candidate, text in candidates:
            row = (article_id, field, start, candidate, _context(text, start, candidate))
            (lettered if _LETTER.search(candidate) else plain).append(row)
    rng = random.Random(seed)
    with_letters = round(size * LETTER_SHARE)
    sample = rng.sample(lettered, with_letters) + rng.sample(plain, size - with_letters)
    print(f"# {len(lettered):,} candidates with a letter, {len(plain):,} without; seed {seed}")
    for index, (article_id, field, start, candidate, context) in enumerate(sample):
        row = {"article": article_id, "field": field, "start": start, "candidate": candidate}
        print(f"#{index} {json.dumps(row, ensure_ascii=False)}")
        print(f"    {context}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--fixture", type=Path, default=FIXTURE)
    parser.add_argument("--jobs", type=int, default=2, help="processes repairing the text")
    parser.add_argument("--label-sample", type=int, metavar="N")
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    started = time.perf_counter()
    if args.label_sample:
        label_sample(args.corpus, args.jobs, args.label_sample, args.seed)
        return
    rows = read_fixture(args.fixture) if args.fixture.exists() else []
    scanned, citing, citations, by_key, spellings, texts = extract(
        args.corpus, args.jobs, {row["article"] for row in rows}
    )
    report_extraction(scanned, citing, citations, by_key, spellings, args.out)
    print(f"extraction: {time.perf_counter() - started:.1f} s")
    ok = evaluate(rows, texts) if rows else print(f"no fixture at {args.fixture}")
    print(f"total: {time.perf_counter() - started:.1f} s")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
