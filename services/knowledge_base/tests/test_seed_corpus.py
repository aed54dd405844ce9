from __future__ import annotations

import json
from collections import Counter

from services.knowledge_base.data.generate_incidents import OUTPUT, generate
from services.knowledge_base.documents import validate
from services.knowledge_base.sources import seed_documents

TAXONOMY = {
    "database_unavailable", "out_of_memory", "disk_full", "network_connectivity", "dns_resolution",
    "tls_certificate", "upstream_timeout", "rate_limited", "auth_failure", "config_error", "code_regression",
    "schema_migration", "crash_loop", "image_pull", "resource_saturation", "queue_backlog",
}  # fmt: skip


def test_seed_corpus_covers_the_taxonomy_with_enough_incidents_and_runbooks():
    documents = seed_documents()
    for document in documents:
        validate(document)
    incidents = [d for d in documents if d.kind == "incident"]
    runbooks = [d for d in documents if d.kind == "runbook"]
    assert len(incidents) >= 200
    assert len(runbooks) >= 20
    assert len({d.id for d in documents}) == len(documents)
    per_cause = Counter(d.root_cause for d in incidents)
    assert set(per_cause) == TAXONOMY
    assert min(per_cause.values()) >= 10
    assert TAXONOMY <= {d.root_cause for d in runbooks}
    # Variety: many symptom shapes per root cause, and no two incidents with identical symptoms.
    scenarios = {(d.root_cause, d.metadata["scenario"]) for d in incidents}
    assert all(sum(1 for cause, _ in scenarios if cause == c) >= 5 for c in TAXONOMY)
    assert len({d.symptoms for d in incidents}) == len(incidents)
    assert all(d.links and d.occurred_at and d.resolution and d.service for d in incidents)
    assert all(len(d.sections) >= 3 for d in runbooks)


def test_generator_reproduces_the_committed_incidents():
    committed = [json.loads(line) for line in OUTPUT.read_text().splitlines()]
    assert generate() == committed
