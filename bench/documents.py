"""Benchmark: the register of documents at 100,000 documents (issue 19).

Builds a register of ``--documents`` documents in a database of its own (var/bench-documents/ for
SQLite, or the PostgreSQL database of ``--database-url``, created if missing). The numbers are
the distinct numbers the corpus's articles cite (var/bench/corpus_document_numbers.json, written
by bench/document_citations.py; run it first, or the register is only synthetic numbers), padded
with synthetic numbers of the same shapes; issuing bodies, sectors, dates and trích yếu are
synthetic (no corpus text is copied). Then, in a child process, as Django would call them (a
RequestFactory request, the page cache not involved: every request is rendered):

- the reference: a primary-key lookup of a document (``OfficialDocument.objects.get(pk=...)``);
- ``/van-ban/`` pages: the first page, a far page, each filter, a number and words searched;
- a document's page (with its "Tin liên quan");
- the auto-linking of an article's lead and body (congtin.documents.linking) on the texts of
  ``--articles`` corpus articles read at run time, with the register at full size.

Figures are medians in ms and ratios to the primary-key lookup of the same run.

    .venv/bin/python bench/document_citations.py        # the corpus's numbers, once
    .venv/bin/python bench/documents.py
    .venv/bin/python bench/documents.py --database-url postgres://postgres@127.0.0.1:5432/congtin_bench_documents
"""

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from congtin.scratch import create_postgres_database  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from scaled_portal import environment_in  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "articles.jsonl.gz"
NUMBERS = ROOT / "var" / "bench" / "corpus_document_numbers.json"

FILL = r"""
import json, random, sys, time
from datetime import date, timedelta
import django; django.setup()
from django.db import connection, transaction
import gzip
from congtin.documents.models import DocumentType, DocumentWord, OfficialDocument, Validity
from congtin.vietnamese import repair_text
from congtin.vietnamese.document_numbers import document_key, parse_number

wanted = int(sys.argv[1])
numbers_file = sys.argv[2]
corpus_path = sys.argv[3]
def settle():
    # What autovacuum does on a live server: statistics, and PostgreSQL's visibility map (the
    # word index's counts are index-only scans only once its pages are known all-visible).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

have = OfficialDocument.objects.count()
if have >= wanted:
    settle()
    print(f"register: {have:,} documents (kept)")
    raise SystemExit
random.seed(19)
ISSUERS = ["UBND tỉnh Thừa Thiên Huế", "Chính phủ", "Thủ tướng Chính phủ", "HĐND tỉnh Thừa Thiên Huế",
           "Bộ Nội vụ", "Bộ Tài chính", "Bộ Thông tin và Truyền thông", "Sở Nội vụ", "Sở Tài chính",
           "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Xây dựng", "Văn phòng UBND tỉnh"]
ISSUERS += [f"UBND huyện số {n}" for n in range(1, 40)]
SECTORS = ["Cải cách hành chính", "Đất đai", "Giáo dục", "Y tế", "Tài chính", "Xây dựng", "Giao thông",
           "Nông nghiệp", "Văn hóa", "Du lịch", "Tổ chức bộ máy", "Thông tin và truyền thông", ""]
# Trích yếu: the corpus's titles, read now (a register's summaries read like news titles:
# "Về việc triển khai ..."); only in the benchmark's database, never in the repository.
titles = []
with gzip.open(corpus_path, "rt", encoding="utf-8") as handle:
    for line in handle:
        titles.append(repair_text(json.loads(line)["title"])[0])
CODES = {"KH": "ke-hoach", "QĐ": "quyet-dinh", "CT": "chi-thi", "TB": "thong-bao", "NQ": "nghi-quyet",
         "NĐ": "nghi-dinh", "TT": "thong-tu", "BC": "bao-cao"}
BODIES = ["UBND", "HĐND", "BNV", "BTC", "BTTTT", "SNV", "STC", "SGDĐT", "SYT", "CP", "TTg", "VP"]
try:
    corpus = [item["number"] for item in json.load(open(numbers_file, encoding="utf-8")).values()]
except FileNotFoundError:
    corpus = []
print(f"numbers cited in the corpus: {len(corpus):,}")

def synthetic():
    code = random.choice(list(CODES))
    year = f"/{random.randint(2000, 2025)}" if random.random() < 0.3 else ""
    return f"{random.randint(1, 9999)}{year}/{code}-{random.choice(BODIES)}"

def type_of(number):
    parsed = parse_number(number)
    return CODES.get((parsed.type_code or "").replace("D", "Đ") if parsed.type_code else "", "cong-van")

def write(documents):
    with transaction.atomic():
        OfficialDocument.objects.bulk_create(documents)
        DocumentWord.objects.bulk_create(
            [row for document in documents for row in document.word_rows()], batch_size=5000
        )

seen = set(OfficialDocument.objects.values_list("key", "issuer"))
batch = []
started = time.perf_counter()
candidates = iter(corpus)
while have + len(batch) < wanted:
    number = next(candidates, None) or synthetic()
    issuer = random.choice(ISSUERS)
    key = document_key(number)
    if (key, issuer) in seen:
        continue
    seen.add((key, issuer))
    try:
        document_type = type_of(number)
    except ValueError:
        continue
    document = OfficialDocument(
        number=number, issuer=issuer, document_type=document_type,
        issued_on=date(2000, 1, 1) + timedelta(days=random.randrange(26 * 365)),
        validity=random.choice(Validity.values), sector=random.choice(SECTORS),
        summary=random.choice(titles),
    )
    document._normalize_fields()
    batch.append(document)
    if len(batch) >= 5000:
        have += len(batch)
        write(batch)
        batch = []
write(batch)
settle()
print(f"register: {OfficialDocument.objects.count():,} documents ({time.perf_counter() - started:.0f} s to write)")
"""

MEASURE = r"""
import gzip, json, random, statistics, sys, time
import django; django.setup()
from django.db import connection
from django.test import RequestFactory
from congtin.documents import views
from congtin.documents.linking import link_documents
from congtin.documents.models import OfficialDocument
from congtin.vietnamese import repair_text

corpus_path, article_count = sys.argv[1], int(sys.argv[2])
random.seed(7)
factory = RequestFactory()
ids = list(OfficialDocument.objects.values_list("pk", flat=True))
print(f"database: {connection.vendor}; documents: {len(ids):,}")
sample = random.sample(ids, 200)

def median_ms(function, items, repeat=1):
    function(items[0])
    times = []
    for item in items:
        started = time.perf_counter()
        for _ in range(repeat):
            function(item)
        times.append((time.perf_counter() - started) * 1000 / repeat)
    return statistics.median(times), max(times)

reference, _ = median_ms(lambda pk: OfficialDocument.objects.get(pk=pk), sample)
print(f"reference: primary-key lookup {reference:.3f} ms")

def page(params):
    response = views.document_list(factory.get("/van-ban/", params))
    assert response.status_code == 200, response.status_code
    return response

one = OfficialDocument.objects.get(pk=sample[0])
cases = [
    ("list, page 1", {}),
    ("list, page 500", {"trang": "500"}),
    ("filter loai", {"loai": "quyet-dinh"}),
    ("filter co-quan", {"co-quan": "Sở Nội vụ"}),
    ("filter linh-vuc", {"linh-vuc": "Đất đai"}),
    ("filter nam", {"nam": "2015"}),
    ("filter tinh-trang", {"tinh-trang": "het-hieu-luc"}),
    ("filters loai+nam+co-quan", {"loai": "ke-hoach", "nam": "2019", "co-quan": "UBND tỉnh Thừa Thiên Huế"}),
    ("search a number", {"q": one.number.lower()}),
    ("search words (no diacritics)", {"q": "cai cach hanh chinh"}),
    ("search two common words", {"q": "du lich"}),
    ("search a rare pair", {"q": "hoa vang"}),
    ("search, nothing found", {"q": "khongcotu"}),
    ("search words + filter loai", {"q": "cai cach", "loai": "ke-hoach"}),
]
print(f"{'page':34} {'median ms':>10} {'worst ms':>9} {'/ PK':>7}")
for name, params in cases:
    median, worst = median_ms(page, [params] * 15)
    print(f"{name:34} {median:10.2f} {worst:9.2f} {median / reference:7.1f}")
detail, worst = median_ms(lambda pk: views.document_detail(factory.get("/"), pk), sample[:50])
print(f"{'document page':34} {detail:10.2f} {worst:9.2f} {detail / reference:7.1f}")

texts = []
with gzip.open(corpus_path, "rt", encoding="utf-8") as handle:
    for line in handle:
        item = json.loads(line)
        body = "".join(f"<p>{repair_text(part)[0]}</p>" for part in item["body"].splitlines() if part.strip())
        texts.append((repair_text(item["sapo"])[0], body))
        if len(texts) >= article_count:
            break

def link(article):
    lead, body = article
    link_documents(lead)
    link_documents(body)

linked, worst = median_ms(link, texts)
print(f"auto-linking an article (lead + body, {len(texts)} corpus articles): median {linked:.3f} ms, worst {worst:.2f} ms, {linked / reference:.1f} x PK")
"""


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--database-url")
    parser.add_argument("--corpus", default=str(CORPUS))
    args = parser.parse_args()
    if args.database_url:
        create_postgres_database(args.database_url)
    env = environment_in("bench-documents", args.database_url)
    python = sys.executable
    subprocess.run([python, "-m", "congtin", "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [python, "-m", "congtin", "collectstatic", "--noinput", "-v0"],
        env=env,
        check=True,
        cwd=ROOT,
    )
    subprocess.run(
        [python, "-c", FILL, str(args.documents), str(NUMBERS), args.corpus],
        env=env,
        check=True,
        cwd=ROOT,
    )
    subprocess.run(
        [python, "-c", MEASURE, args.corpus, str(args.articles)], env=env, check=True, cwd=ROOT
    )


if __name__ == "__main__":
    main()
