"""Measuring the search on a corpus and a query set: MRR@10, Success@1, Success@10, Recall@10 per
query type, and the latency of the API (``congtin search evaluate``).

Queries run through the JSON API's own view, so what is measured is what a client gets. A query
set is JSON Lines: ``{"qid", "type", "query", "relevant": [source ids]}``.
"""

import json
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.test import RequestFactory

METRICS = ("MRR@10", "S@1", "S@10", "R@10")


@dataclass
class Outcome:
    qid: str
    kind: str
    query: str
    relevant: list[str]
    returned: list[str]
    seconds: float

    @property
    def first_rank(self) -> int | None:
        for rank, source_id in enumerate(self.returned[:10], start=1):
            if source_id in self.relevant:
                return rank
        return None

    def metrics(self) -> dict[str, float]:
        rank = self.first_rank
        found = len(set(self.returned[:10]) & set(self.relevant))
        return {
            "MRR@10": 1 / rank if rank else 0.0,
            "S@1": 1.0 if rank == 1 else 0.0,
            "S@10": 1.0 if rank else 0.0,
            "R@10": found / len(self.relevant) if self.relevant else 0.0,
        }


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def by_type(self) -> dict[str, dict[str, float]]:
        groups = defaultdict(list)
        for outcome in self.outcomes:
            groups[outcome.kind].append(outcome)
        groups["overall"] = self.outcomes
        table = {}
        for kind, outcomes in groups.items():
            rows = [outcome.metrics() for outcome in outcomes]
            table[kind] = {name: statistics.fmean(row[name] for row in rows) for name in METRICS}
            table[kind]["n"] = len(outcomes)
        return table

    def latency_ms(self) -> dict[str, float]:
        times = sorted(outcome.seconds * 1000 for outcome in self.outcomes)
        if not times:
            return {}
        return {
            "p50": statistics.median(times),
            "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
            "max": times[-1],
        }

    def failures(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.first_rank != 1]

    def format(self) -> str:
        lines = ["| type | n | MRR@10 | S@1 | S@10 | R@10 |", "|---|---:|---:|---:|---:|---:|"]
        table = self.by_type()
        for kind in sorted(table, key=lambda k: (k == "overall", k)):
            row = table[kind]
            lines.append(
                f"| {kind} | {row['n']} | "
                + " | ".join(f"{row[name]:.3f}" for name in METRICS)
                + " |"
            )
        latency = self.latency_ms()
        lines.append("")
        lines.append(
            "latency of the API (ms): "
            + ", ".join(f"{name} {value:.1f}" for name, value in latency.items())
        )
        return "\n".join(lines)


def load_queries(path: str, kinds=None, limit=None) -> list[dict]:
    queries = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                item = json.loads(line)
                if not kinds or item["type"] in kinds:
                    queries.append(item)
    return queries[:limit] if limit else queries


WARM_UP_EVERY = 4  # a quarter of the queries, unmeasured, before the measured pass


def run(queries: list[dict], host: str = "localhost") -> Report:
    """Send every query to the API view and record what it returned and how long it took.

    A quarter of the queries go first, unmeasured: they bring the database's pages into memory,
    as a running portal has them, so the latencies are not those of a cold disk cache."""
    from congtin.search.views import search_json

    factory = RequestFactory()
    for item in queries[::WARM_UP_EVERY]:
        search_json(
            factory.get("/api/v1/search", {"q": item["query"], "limit": 10}, HTTP_HOST=host)
        )
    report = Report()
    for item in queries:
        request = factory.get("/api/v1/search", {"q": item["query"], "limit": 10}, HTTP_HOST=host)
        started = time.perf_counter()
        response = search_json(request)
        seconds = time.perf_counter() - started
        results = json.loads(response.content)["results"] if response.status_code == 200 else []
        report.outcomes.append(
            Outcome(
                qid=item.get("qid", ""),
                kind=item["type"],
                query=item["query"],
                relevant=item["relevant"],
                returned=[result["source_id"] for result in results],
                seconds=seconds,
            )
        )
    return report
