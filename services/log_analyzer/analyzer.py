"""The log analyzer: prepare -> mine -> score -> explain, over one consistent model version.

A model version pairs the template miner with the baseline fitted on its cluster
ids. Retraining builds a new pair off to the side and swaps one reference, so an
analysis that already picked up a version finishes on it.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from services.kit.artifacts import library_versions, sha256_of
from services.log_analyzer import miner as miner_settings
from services.log_analyzer.detector import (
    BaselineModel,
    model_metrics,
    reasons_for,
    score_lines,
    train_baseline,
)
from services.log_analyzer.entities import Entities, extract_entities
from services.log_analyzer.limits import Limits, NoUsableLines, TooManyLines, sanitize
from services.log_analyzer.miner import LogTemplateMiner, line_shapes
from services.log_analyzer.preprocess import Severity, prepare
from services.log_analyzer.storage import AnalyzerStore

LIBRARIES = ("drain3", "scikit-learn", "numpy")
# Bounds the baseline's memory of line shapes on huge training sets.
MAX_KNOWN_SHAPES = 200_000
# Lines scanned for stack frames after an error line in batches too large to scan whole.
FRAMES_AFTER_ERROR = 20


@dataclass(frozen=True)
class ModelVersion:
    version: str
    miner: LogTemplateMiner
    baseline: BaselineModel
    metadata: dict


@dataclass(frozen=True)
class Anomaly:
    line_index: int
    text: str
    score: float
    template: str
    template_id: str
    reasons: list[str]
    severity: Severity


@dataclass(frozen=True)
class KeyEvent:
    template_id: str
    template: str
    count: int
    first_line_index: int
    severity: Severity
    new_template: bool
    rate_ratio: float


@dataclass
class Analysis:
    anomalies: list[Anomaly]
    key_events: list[KeyEvent]
    entities: Entities
    line_count: int
    template_count: int
    new_template_count: int
    model_version: str
    truncated_line_count: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TrainingResult:
    model: ModelVersion
    line_count: int
    template_count: int


def template_id(cluster_id: int) -> str:
    return f"T{cluster_id}"


class LogAnalyzer:
    def __init__(self, store: AnalyzerStore, limits: Limits | None = None) -> None:
        self._store = store
        self.limits = limits or Limits()
        self._current: ModelVersion | None = None
        self._train_lock = threading.Lock()
        self._save_lock = threading.Lock()
        self._last_save = 0.0
        self._saved_template_count = 0

    @property
    def model(self) -> ModelVersion:
        if self._current is None:
            raise RuntimeError("no model loaded")
        return self._current

    def load(self, baseline_lines: Sequence[str]) -> ModelVersion:
        """Loads the current artifact, or trains the committed baseline when there is none."""
        loaded = self.load_current_if_any()
        if loaded is not None:
            return loaded
        return self._fit(baseline_lines, "committed baseline corpus", fresh=True).model

    def load_current_if_any(self) -> ModelVersion | None:
        artifact = self._store.current()
        if artifact is None:
            return None
        bundle = artifact.model
        # Templates learned while serving were saved next to the artifact they extend.
        state = self._store.load_miner_state(artifact.version) or bundle["miner_state"]
        self._current = ModelVersion(
            artifact.version, LogTemplateMiner(state), bundle["baseline"], artifact.metadata
        )
        self._saved_template_count = self._current.miner.template_count
        return self._current

    def train(self, texts: Sequence[str], description: str = "") -> TrainingResult:
        """Fits a new version on the caller's normal logs and swaps it in."""
        if len(texts) > self.limits.max_lines:
            raise TooManyLines(f"{len(texts)} lines exceed the limit of {self.limits.max_lines}")
        return self._fit(texts, description, fresh=False)

    def _fit(self, texts: Sequence[str], description: str, *, fresh: bool) -> TrainingResult:
        _, kept, _, _ = sanitize(texts, self.limits)
        if not kept:
            raise NoUsableLines("no usable log lines to train on")
        with self._train_lock:
            miner = LogTemplateMiner() if fresh or self._current is None else self._current.miner.copy()
            messages, severities = _prepare_all(kept)
            ids = miner.mine(messages)
            baseline = train_baseline(
                ids, severities, messages, miner.templates(), shapes=line_shapes(kept)[:MAX_KNOWN_SHAPES]
            )
            data_hash = sha256_of("\n".join(kept))
            version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ") + "-" + data_hash[:8]
            metadata = {
                "description": description,
                "data_sha256": data_hash,
                "library_versions": library_versions(*LIBRARIES),
                "parameters": {
                    **{k: str(v) for k, v in dataclasses.asdict(baseline.parameters).items()},
                    "drain_sim_th": str(miner_settings.SIMILARITY_THRESHOLD),
                    "drain_depth": str(miner_settings.TREE_DEPTH),
                    "seed": "0",
                },
                "metrics": model_metrics(baseline),
                "trained_at": datetime.now(UTC).isoformat(),
            }
            state = miner.state()
            artifact = self._store.publish(version, {"baseline": baseline, "miner_state": state}, metadata)
            model = ModelVersion(artifact.version, miner, baseline, artifact.metadata)
            self._current = model
            self._saved_template_count = miner.template_count
            return TrainingResult(model, len(kept), len(baseline.vocabulary))

    def analyze(self, texts: Sequence[str], services: Sequence[str] = (), max_anomalies: int = 0) -> Analysis:
        if len(texts) > self.limits.max_lines:
            raise TooManyLines(f"{len(texts)} lines exceed the limit of {self.limits.max_lines}")
        model = self.model
        kept_index, kept, dropped, notes = sanitize(texts, self.limits)
        if not kept:
            raise NoUsableLines("no usable log lines: every line was empty or binary")
        ids, levels, header_numbers, shapes = model.miner.mine_lines(kept)
        severities = np.asarray(levels, dtype=np.int64)
        scores = score_lines(model.baseline, ids, severities, kept, header_numbers, shapes)

        limit = min(max_anomalies or self.limits.max_anomalies, self.limits.max_anomalies)
        flagged = np.flatnonzero(scores.score >= model.baseline.parameters.flag_threshold)
        order = flagged[np.lexsort((flagged, -scores.score[flagged]))][:limit]
        anomalies = []
        for position in order.tolist():
            cid = ids[position]
            template = model.miner.template(cid)
            anomalies.append(
                Anomaly(
                    line_index=kept_index[position],
                    text=kept[position],
                    score=round(float(scores.score[position]), 4),
                    template=template,
                    template_id=template_id(cid),
                    reasons=reasons_for(
                        position, scores, model.baseline, int(severities[position]), template, kept_index
                    ),
                    severity=Severity(int(severities[position])),
                )
            )
        key_events = _key_events(model, ids, severities, scores.rate_ratio, scores.new_template, kept_index)
        unique_ids = set(ids)
        new_ids = {cid for cid in unique_ids if cid not in model.baseline.vocabulary}
        entity_positions = self._entity_positions(len(kept), order.tolist(), severities)
        entities = extract_entities(
            ((kept_index[i], kept[i]) for i in entity_positions), known_services=[s for s in services if s]
        )
        self._maybe_save_miner(model)
        return Analysis(
            anomalies=anomalies,
            key_events=key_events[: self.limits.max_key_events],
            entities=entities,
            line_count=len(texts),
            template_count=len(unique_ids),
            new_template_count=len(new_ids),
            model_version=model.version,
            truncated_line_count=dropped,
            notes=notes,
        )

    def _entity_positions(self, n: int, reported: list[int], severities: np.ndarray) -> list[int]:
        """Every line of a small batch; in a large one, the reported and WARN+ lines and the lines
        right after them (where stack frames are), at most `entity_scan_lines`."""
        if n <= self.limits.entity_scan_lines:
            return list(range(n))
        around = np.union1d(
            np.asarray(reported, dtype=np.int64), np.flatnonzero(severities >= Severity.WARNING)
        )
        near = (around[:, None] + np.arange(0, FRAMES_AFTER_ERROR)[None, :]).ravel()
        near = np.unique(near[near < n])
        return near[: self.limits.entity_scan_lines].tolist()

    def _maybe_save_miner(self, model: ModelVersion) -> None:
        count = model.miner.template_count
        now = time.monotonic()
        if count == self._saved_template_count or now - self._last_save < self.limits.miner_save_seconds:
            return
        self.save_miner(model)

    def save_miner(self, model: ModelVersion | None = None) -> None:
        """Persists templates learned since training so they survive a restart."""
        model = model or self._current
        if model is None:
            return
        with self._save_lock:
            self._store.save_miner_state(model.version, model.miner.state())
            self._last_save = time.monotonic()
            self._saved_template_count = model.miner.template_count


def _prepare_all(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    messages: list[str] = []
    levels: list[int] = []
    for text in texts:
        message, severity = prepare(text)
        messages.append(message)
        levels.append(severity)
    return messages, np.asarray(levels, dtype=np.int64)


def _key_events(
    model: ModelVersion,
    ids: list[int],
    severities: np.ndarray,
    rate_ratio: np.ndarray,
    new_template: np.ndarray,
    kept_index: list[int],
) -> list[KeyEvent]:
    id_array = np.asarray(ids, dtype=np.int64)
    unique, first, counts = np.unique(id_array, return_index=True, return_counts=True)
    events = []
    for cid, first_position, count in zip(unique.tolist(), first.tolist(), counts.tolist(), strict=True):
        mask = id_array == cid
        severity = Severity(int(severities[mask].max()))
        events.append(
            KeyEvent(
                template_id=template_id(cid),
                template=model.miner.template(cid),
                count=int(count),
                first_line_index=kept_index[first_position],
                severity=severity,
                new_template=bool(new_template[first_position]),
                rate_ratio=round(float(rate_ratio[first_position]), 3),
            )
        )
    # New and error-level templates characterise an incident more than routine volume does.
    events.sort(
        key=lambda e: (not e.new_template, -int(e.severity >= Severity.ERROR), -e.rate_ratio, -e.count)
    )
    return events
