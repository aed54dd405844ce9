"""The knowledge base's own Prometheus metrics, on the registry the kit hands over."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

SEARCH_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
# Document batches take seconds on CPU; single queries about ten milliseconds.
EMBED_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class KnowledgeBaseMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.documents = Gauge(
            "kb_documents", "Documents in the knowledge base, by kind.", ["kind"], registry=registry
        )
        self.search_seconds = Histogram(
            "kb_search_seconds",
            "Search time, query embedding included.",
            buckets=SEARCH_BUCKETS,
            registry=registry,
        )
        self.embed_seconds = Histogram(
            "kb_embed_seconds",
            "Time to embed one batch of texts.",
            ["purpose"],
            buckets=EMBED_BUCKETS,
            registry=registry,
        )
        self.searches = Counter("kb_searches_total", "Searches answered.", registry=registry)

    def set_documents(self, counts: dict[str, int]) -> None:
        for kind in ("incident", "runbook"):
            self.documents.labels(kind).set(counts.get(kind, 0))
