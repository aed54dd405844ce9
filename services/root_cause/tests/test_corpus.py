from __future__ import annotations

import json
from collections import Counter, defaultdict

from services.root_cause.corpus import ALL_FAMILIES, build_corpus, held_out_families
from services.root_cause.storage import DEFAULT_CORPUS_PATH
from services.root_cause.taxonomy import DEFAULT_LABELS


def _committed() -> list[dict]:
    return [json.loads(line) for line in DEFAULT_CORPUS_PATH.read_text().splitlines()]


def test_committed_corpus_is_exactly_what_the_generator_makes():
    assert build_corpus() == _committed()


def test_every_default_label_has_hundreds_of_excerpts_from_many_shapes():
    records = _committed()
    per_label = Counter(r["label"] for r in records)
    assert set(per_label) == set(DEFAULT_LABELS)
    assert min(per_label.values()) >= 200
    families: dict[str, set[str]] = defaultdict(set)
    styles: dict[str, set[str]] = defaultdict(set)
    for record in records:
        families[record["label"]].add(record["family"])
        styles[record["label"]].add(record["style"])
    assert min(len(f) for f in families.values()) >= 9
    assert min(len(s) for s in styles.values()) >= 10


def test_held_out_split_holds_whole_shapes_never_seen_in_training():
    records = _committed()
    train_families = {r["family"] for r in records if r["split"] == "train"}
    test_families = {r["family"] for r in records if r["split"] == "test"}
    assert train_families.isdisjoint(test_families)
    assert test_families == set(held_out_families())
    held_out_per_label = Counter(f.label for f in ALL_FAMILIES if f.id in test_families)
    assert set(held_out_per_label) == set(DEFAULT_LABELS)
    assert min(held_out_per_label.values()) >= 2


def test_generation_is_deterministic_and_seed_dependent():
    assert build_corpus(seed=7, per_label=3) == build_corpus(seed=7, per_label=3)
    assert build_corpus(seed=7, per_label=3) != build_corpus(seed=8, per_label=3)


def test_excerpts_surround_the_signal_with_noise_and_vary():
    records = [r for r in _committed() if r["family"] == "k8s.crashloop_events"]
    # ~25 families share 200 excerpts per label: each family gets about eight.
    assert len(records) >= 8
    assert len({tuple(r["lines"]) for r in records}) == len(records)
    lengths = {len(r["lines"]) for r in records}
    assert max(lengths) - min(lengths) >= 4
    assert any(not any("BackOff" in line or "Unhealthy" in line for line in r["lines"][:1]) for r in records)
