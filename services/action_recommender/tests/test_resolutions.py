from __future__ import annotations

from collections import Counter

from services.action_recommender.catalog import ROOT_CAUSES
from services.action_recommender.make_resolutions import generate, render
from services.action_recommender.storage import DEFAULT_RESOLUTIONS


def test_committed_resolutions_are_exactly_what_the_generator_produces():
    assert DEFAULT_RESOLUTIONS.read_text() == render(generate())


def test_resolutions_cover_every_root_cause_with_catalog_actions(resolution_rows, catalog):
    assert len({r["incident_id"] for r in resolution_rows}) >= 500
    assert set(Counter(r["root_cause"] for r in resolution_rows)) == set(ROOT_CAUSES)
    for row in resolution_rows:
        allowed = {a.id for a in catalog.for_root_cause(row["root_cause"])}
        assert row["action"] in allowed, row["incident_id"]
        assert row["lines"] and row["service"]


def test_resolutions_record_failed_attempts_for_the_success_rate(resolution_rows):
    outcomes = Counter(r["succeeded"] for r in resolution_rows)
    assert outcomes[True] > outcomes[False] > 100
