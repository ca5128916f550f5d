"""Throughput of repair_text on real news, against plain NFC normalization as a reference.

Reads the shared corpus at run time (never copied into the repository), streaming the gzipped JSON
lines. Run from the repository root:

    .venv/bin/python bench/normalize_throughput.py --limit 5000
"""

import argparse
import gzip
import json
import time
import unicodedata
from itertools import islice
from pathlib import Path

from congtin.vietnamese.repair import RepairReport, repair_text
from congtin.vietnamese.tones import STYLES

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus" / "articles.jsonl.gz"


def read_texts(path: Path, limit: int):
    """Yield title, lead and body of the first ``limit`` articles, one string per article."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in islice(lines, limit):
            article = json.loads(line)
            parts = (article.get(key) or "" for key in ("title", "sapo", "body"))
            yield "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=5000, help="articles to read (default 5000)")
    parser.add_argument("--style", choices=STYLES, default="old")
    args = parser.parse_args()

    report = RepairReport()
    articles = 0
    megabytes = 0.0
    nfc_seconds = seconds = 0.0
    clock = time.perf_counter
    # Streamed, timing only the calls: JSON decoding and gzip are not what is measured.
    for text in read_texts(args.corpus, args.limit):
        articles += 1
        megabytes += len(text.encode("utf-8")) / 1e6
        start = clock()
        unicodedata.normalize("NFC", text)
        middle = clock()
        report += repair_text(text, args.style)[1]
        seconds += clock() - middle
        nfc_seconds += middle - start

    print(f"{articles} articles, {megabytes:.1f} MB of UTF-8 text from {args.corpus}")
    print(
        f"repair_text ({args.style}): {megabytes / seconds:.1f} MB/s, "
        f"{articles / seconds:,.0f} articles/s ({seconds:.2f} s, cold word cache)"
    )
    print(f"unicodedata.normalize('NFC'): {megabytes / nfc_seconds:.1f} MB/s (reference)")
    print("repairs by kind:")
    for kind, count in report.as_dict().items():
        print(f"  {kind:15} {count:>9,}")
    print(f"  {'total':15} {report.total:>9,}")


if __name__ == "__main__":
    main()
