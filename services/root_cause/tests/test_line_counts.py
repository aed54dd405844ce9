from __future__ import annotations

import numpy as np
import pytest

from services.root_cause.cues import CuePhrase
from services.root_cause.dataset import LabeledExcerpt
from services.root_cause.line_counts import CachedLineCounter
from services.root_cause.normalize import normalize_line
from services.root_cause.train import train_model

LINES = [
    normalize_line(line)
    for line in [
        "E write failed: No space left on device",
        "I GET /healthz 200",
        "E lookup db.internal: no such host",
        "W disk usage 97% on /var/lib/postgresql",
        "I cache hit for key product:12",
        "E dial tcp 10.0.0.7:5432: connect: connection refused",
    ]
]


@pytest.fixture(scope="module")
def model():
    training = [
        LabeledExcerpt((f"write {i} failed: no space left on device", "I GET /healthz"), "disk_full", f"d{i}")
        for i in range(6)
    ] + [
        LabeledExcerpt((f"lookup host{i}: no such host", "I cache hit"), "dns_resolution", f"n{i}")
        for i in range(6)
    ]
    cues = (CuePhrase("disk_full", "no space left on device"), CuePhrase("dns_resolution", "no such host"))
    return train_model(training, [], cue_phrases=cues).model


def _same(left, right) -> bool:
    return all(
        (abs(getattr(left, block) - getattr(right, block)).sum() == 0)
        and getattr(left, block).shape == getattr(right, block).shape
        for block in ("words", "chars", "cues")
    ) and (np.array_equal(left.tokens, right.tokens) and np.array_equal(left.trouble, right.trouble))


@pytest.mark.parametrize("capacity", [0, 3, 100])
def test_remembered_counts_equal_fresh_counts_in_the_order_asked(model, capacity):
    counter = CachedLineCounter(model, capacity)
    for batch in (LINES[:4], LINES[2:], list(reversed(LINES)), LINES[:1]):
        assert _same(counter(batch), model.count_lines(batch))
    assert len(counter) == min(capacity, len(LINES))


def test_lines_counted_before_are_not_counted_again(model, monkeypatch):
    counter = CachedLineCounter(model, 100)
    counter(LINES[:4])
    asked: list[list[str]] = []
    count_lines = model.count_lines
    monkeypatch.setattr(model, "count_lines", lambda lines: asked.append(lines) or count_lines(lines))
    counter(LINES)
    counter(LINES)
    assert asked == [LINES[4:]]


def test_an_excerpt_encodes_the_same_with_or_without_the_counter(model):
    counter = CachedLineCounter(model, 100)
    counter(LINES[1:3])  # partly warm
    plain, plain_lines = model.encode_excerpt(LINES[:4], LINES[4:])
    cached, cached_lines = model.encode_excerpt(LINES[:4], LINES[4:], counter)
    assert abs(plain.features - cached.features).sum() == 0
    assert abs(plain_lines.features - cached_lines.features).sum() == 0
    assert np.array_equal(plain.coverage, cached.coverage)


def test_the_service_counts_each_line_once_while_a_model_serves(predictor):
    excerpt = ["E lookup db.internal: no such host", "I GET /healthz 200", "I cache hit for key product:12"]
    first = predictor.predict(excerpt)
    assert len(predictor._active.counter) == 3  # an empty cache is still used
    again = predictor.predict(excerpt)
    assert [(c.label, c.probability) for c in again.candidates] == [
        (c.label, c.probability) for c in first.candidates
    ]
