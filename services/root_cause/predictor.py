"""The root-cause predictor: serves one model version, learns from feedback, swaps and rolls back.

Plain Python over the model and the stores; no gRPC. The served model is one reference
(`self._active`) replaced in a single assignment, so a prediction running during a retrain
or rollback uses the old model or the new one, never a mix.
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from services.kit.artifacts import ArtifactError, library_versions, sha256_of
from services.kit.lru import LruCache
from services.root_cause.cues import CuePhrase
from services.root_cause.dataset import LabeledExcerpt, test_split, train_split
from services.root_cause.line_counts import CachedLineCounter
from services.root_cause.model import RootCauseModel, top_lines
from services.root_cause.normalize import MAX_LINE_CHARS, normalize_line
from services.root_cause.salience import reports_trouble
from services.root_cause.storage import FeedbackStore, ModelStore, parse_corpus, read_corpus_bytes
from services.root_cause.taxonomy import CODE_LABELS, UNKNOWN, describe, is_valid_label
from services.root_cause.train import TrainingParameters, train_model

logger = logging.getLogger("incidentmesh.root_cause")

# Bump when RootCauseModel or the normalisation changes, so older pickles are retrained, not misread.
MODEL_FORMAT = "root-cause-linear-v4"
_LIBRARIES = ("scikit-learn", "numpy", "scipy")


class InvalidInput(ValueError):
    """The request is unusable; the message names the field."""


class RetrainInProgress(RuntimeError):
    pass


class NothingToRollBack(RuntimeError):
    pass


@dataclass(frozen=True)
class PredictorSettings:
    max_lines: int = 2000
    default_top_k: int = 3
    evidence_lines: int = 5
    evidence_terms: int = 8
    # Feedback excerpts count this many times a corpus excerpt: they are rare but confirmed.
    feedback_weight: float = 3.0
    prediction_cache_size: int = 10_000
    # Normalised lines whose counts are remembered (about 3 KB each) while a model serves.
    line_cache_size: int = 10_000
    training: TrainingParameters = field(default_factory=TrainingParameters)


@dataclass(frozen=True)
class LineEvidenceItem:
    index: int
    text: str
    weight: float


@dataclass(frozen=True)
class TermEvidenceItem:
    term: str
    weight: float


@dataclass(frozen=True)
class Candidate:
    label: str
    probability: float
    description: str
    code_related: bool
    lines: tuple[LineEvidenceItem, ...]
    terms: tuple[TermEvidenceItem, ...]


@dataclass(frozen=True)
class Prediction:
    prediction_id: str
    candidates: tuple[Candidate, ...]
    novel: bool
    novel_reason: str
    code_related: bool
    model_version: str
    notes: tuple[str, ...]

    @property
    def answer(self) -> str:
        """The label the service stands behind: the top candidate, or "unknown" when it abstains."""
        return UNKNOWN if self.novel or not self.candidates else self.candidates[0].label


@dataclass(frozen=True)
class ModelInfo:
    version: str
    trained_at: datetime | None
    data_hash: str
    metrics: dict[str, float]
    parameters: dict[str, str]
    library_versions: dict[str, str]
    labels: tuple[str, ...]


@dataclass(frozen=True)
class FeedbackReceipt:
    feedback_id: str
    new_label: bool
    pending: int


@dataclass(frozen=True)
class _Active:
    version: str
    model: RootCauseModel
    metadata: dict[str, Any]
    # Counts only this model's vocabulary can use, so it is replaced with the model.
    counter: CachedLineCounter


def _info(active: _Active) -> ModelInfo:
    meta = active.metadata
    trained_at = meta.get("created_at")
    return ModelInfo(
        version=active.version,
        trained_at=datetime.fromisoformat(trained_at) if trained_at else None,
        data_hash=str(meta.get("data_hash", "")),
        metrics={k: float(v) for k, v in meta.get("metrics", {}).items()},
        parameters={k: str(v) for k, v in meta.get("parameters", {}).items()},
        library_versions={k: str(v) for k, v in meta.get("library_versions", {}).items()},
        labels=tuple(active.model.labels),
    )


class RootCausePredictor:
    def __init__(
        self,
        models: ModelStore,
        feedback: FeedbackStore,
        corpus_path: Path,
        code_keywords: tuple[str, ...] = (),
        settings: PredictorSettings | None = None,
        cue_phrases: tuple[CuePhrase, ...] = (),
    ) -> None:
        self._models = models
        self._feedback = feedback
        self._corpus_path = corpus_path
        # An entry is a term to look for in evidence lines and, when it names a label, marks it.
        self._keywords = tuple(code_keywords)
        self._code_labels = CODE_LABELS | set(code_keywords)
        self.settings = settings or PredictorSettings()
        self._cue_phrases = cue_phrases
        self._active: _Active | None = None
        self._retrain_lock = threading.Lock()
        self._recent: LruCache[str, tuple[str, ...]] = LruCache(self.settings.prediction_cache_size)

    # ----- start-up -------------------------------------------------------------------------

    def load_or_train(self) -> None:
        """Serves the current artifact; trains from committed data when there is none usable."""
        try:
            artifact = self._models.load_current()
            self._check_compatible(artifact.model, artifact.metadata)
        except ArtifactError as error:
            if self._models.current_version() is None:
                logger.info(
                    "no model artifact yet; training from committed data", extra={"reason": str(error)}
                )
            else:
                logger.warning(
                    "model artifact unusable; retraining from committed data", extra={"reason": str(error)}
                )
            self._train_and_publish()
            return
        self._active = self._activate(artifact.version, artifact.model, artifact.metadata)
        logger.info("model loaded", extra={"model_version": artifact.version})

    @staticmethod
    def _check_compatible(model: object, metadata: dict[str, Any]) -> None:
        if not isinstance(model, RootCauseModel) or metadata.get("model_format") != MODEL_FORMAT:
            raise ArtifactError("artifact is not a root-cause model of the current format")
        built_with = metadata.get("library_versions", {}).get("scikit-learn")
        installed = library_versions("scikit-learn")["scikit-learn"]
        if built_with != installed:
            raise ArtifactError(f"artifact built with scikit-learn {built_with}, running {installed}")

    @property
    def ready(self) -> bool:
        return self._active is not None

    def _activate(self, version: str, model: RootCauseModel, metadata: dict[str, Any]) -> _Active:
        return _Active(version, model, metadata, CachedLineCounter(model, self.settings.line_cache_size))

    def _require_active(self) -> _Active:
        if self._active is None:
            raise RuntimeError("no model loaded; call load_or_train() first")
        return self._active

    # ----- prediction -------------------------------------------------------------------------

    def predict(self, lines: list[str], context: list[str] | None = None, top_k: int = 0) -> Prediction:
        if top_k < 0:
            raise InvalidInput("top_k must be >= 0 (0 means the service default)")
        indexed = [(i, line[:MAX_LINE_CHARS]) for i, line in enumerate(lines) if line.strip()]
        if not indexed:
            raise InvalidInput("lines must contain at least one non-blank line")
        notes: list[str] = []
        if len(indexed) > self.settings.max_lines:
            notes.append(
                f"excerpt truncated from {len(indexed)} to {self.settings.max_lines} non-blank lines "
                "(failure-looking lines kept first; ROOT_CAUSE_MAX_LINES)"
            )
            indexed = self._keep_most_telling(indexed)
        if any(len(line) > MAX_LINE_CHARS for line in lines):
            notes.append(f"lines longer than {MAX_LINE_CHARS} characters were cut to that length")

        active = self._require_active()
        model = active.model
        kept = [text for _, text in indexed]
        extra = [normalize_line(c[:MAX_LINE_CHARS]) for c in (context or []) if c.strip()]
        excerpt, per_line = model.encode_excerpt(
            [normalize_line(line) for line in kept], extra, active.counter
        )
        probabilities = model.classifier.predict_proba(excerpt.features)[0]
        familiarity = float(model.familiarity(excerpt)[0])
        k = min(top_k or self.settings.default_top_k, len(model.labels))
        order = [int(i) for i in np.argsort(-probabilities, kind="stable")[:k]]
        margins = model.line_margins(per_line)
        terms = model.term_evidence(excerpt, order, self.settings.evidence_terms)

        candidates = []
        for label_index, label_terms in zip(order, terms, strict=True):
            label = model.labels[label_index]
            evidence = [
                LineEvidenceItem(indexed[e.index][0], kept[e.index], e.weight)
                for e in top_lines(margins, label_index, self.settings.evidence_lines)
            ]
            candidates.append(
                Candidate(
                    label=label,
                    probability=float(probabilities[label_index]),
                    description=describe(label),
                    code_related=self._is_code_related(label, evidence),
                    lines=tuple(evidence),
                    terms=tuple(TermEvidenceItem(t.term, t.weight) for t in label_terms),
                )
            )
        novel_reason = self._novelty(model, candidates[0].probability, familiarity)
        if novel_reason:
            notes.append('abstained: the answer is "unknown"; candidates are listed for reference only')
        prediction = Prediction(
            prediction_id=uuid.uuid4().hex,
            candidates=tuple(candidates),
            novel=bool(novel_reason),
            novel_reason=novel_reason,
            code_related=not novel_reason and candidates[0].code_related,
            model_version=active.version,
            notes=tuple(notes),
        )
        self._remember(prediction.prediction_id, tuple(kept))
        return prediction

    def _keep_most_telling(self, indexed: list[tuple[int, str]]) -> list[tuple[int, str]]:
        limit = self.settings.max_lines
        # Lines that report trouble are kept first, then the most recent of the rest.
        trouble = [item for item in indexed if reports_trouble(item[1])]
        chosen = {i for i, _ in trouble[:limit]}
        for i, _ in reversed(indexed):
            if len(chosen) >= limit:
                break
            chosen.add(i)
        return [item for item in indexed if item[0] in chosen]

    @staticmethod
    def _novelty(model: RootCauseModel, top_probability: float, familiarity: float) -> str:
        if familiarity < model.ood_below:
            return (
                f"excerpt is unlike the training data (familiarity {familiarity:.3f} "
                f"< calibrated {model.ood_below:.3f})"
            )
        if top_probability < model.abstain_below:
            return (
                f"top probability {top_probability:.3f} is below the calibrated threshold "
                f"{model.abstain_below:.3f}"
            )
        return ""

    def _is_code_related(self, label: str, evidence: list[LineEvidenceItem]) -> bool:
        if label in self._code_labels:
            return True
        text = "\n".join(item.text.lower() for item in evidence)
        return any(keyword in text for keyword in self._keywords)

    def _remember(self, prediction_id: str, lines: tuple[str, ...]) -> None:
        self._recent.put(prediction_id, lines)

    # ----- feedback, retraining, rollback ---------------------------------------------------

    def record_feedback(self, prediction_id: str, label: str, lines: list[str], note: str) -> FeedbackReceipt:
        label = label.strip()
        if not label:
            raise InvalidInput("confirmed_label must not be empty")
        if not is_valid_label(label):
            raise InvalidInput(
                "confirmed_label must be lower snake case (a-z, 0-9, _; 2-63 characters) and not 'unknown'"
            )
        usable = [line[:MAX_LINE_CHARS] for line in lines if line.strip()][: self.settings.max_lines]
        if not usable:
            remembered = self._recent.get(prediction_id) if prediction_id else None
            if remembered is None:
                raise InvalidInput(
                    "lines are required: prediction_id is empty or no longer known to this service"
                )
            usable = list(remembered)
        feedback_id = self._feedback.add(prediction_id, label, usable, note[:2000])
        labels = self._require_active().model.labels
        return FeedbackReceipt(feedback_id, label not in labels, self._feedback.pending_count())

    def retrain(self) -> tuple[ModelInfo, str]:
        """Trains on committed data plus all feedback and serves the result; returns (new, previous)."""
        if not self._retrain_lock.acquire(blocking=False):
            raise RetrainInProgress("a retrain is already running")
        try:
            previous = self._active.version if self._active else ""
            return self._train_and_publish(), previous
        finally:
            self._retrain_lock.release()

    def rollback(self) -> tuple[ModelInfo, str]:
        if not self._retrain_lock.acquire(blocking=False):
            raise RetrainInProgress("a retrain is running; roll back after it finishes")
        try:
            current = self._require_active().version
            try:
                artifact = self._models.rollback()
                self._check_compatible(artifact.model, artifact.metadata)
            except ArtifactError as error:
                raise NothingToRollBack(str(error)) from error
            self._active = self._activate(artifact.version, artifact.model, artifact.metadata)
        finally:
            self._retrain_lock.release()
        logger.info("rolled back", extra={"model_version": artifact.version, "rolled_back_from": current})
        return _info(self._active), current

    def info(self) -> ModelInfo:
        return _info(self._require_active())

    def _train_and_publish(self) -> ModelInfo:
        corpus_bytes = read_corpus_bytes(self._corpus_path)
        corpus = parse_corpus(corpus_bytes)
        feedback = self._feedback.all()
        weight = self.settings.feedback_weight
        confirmed = [
            LabeledExcerpt(f.lines, f.label, group=f"feedback:{f.id}", split="train", weight=weight)
            for f in feedback
        ]
        feedback_digest = sha256_of("\n".join(f"{f.id}:{f.label}" for f in feedback))
        data_hash = sha256_of(sha256_of(corpus_bytes) + feedback_digest)
        started = datetime.now(UTC)
        result = train_model(
            train_split(corpus) + confirmed, test_split(corpus), self.settings.training, self._cue_phrases
        )
        seconds = (datetime.now(UTC) - started).total_seconds()
        version = f"{started:%Y%m%dT%H%M%S%f}-{data_hash[:8]}"
        metadata = {
            "model_format": MODEL_FORMAT,
            "data_hash": data_hash,
            "library_versions": library_versions(*_LIBRARIES),
            "parameters": {
                **self.settings.training.as_strings(),
                "feedback_weight": str(weight),
                "feedback_examples": str(len(confirmed)),
            },
            "metrics": {**result.metrics, "training_seconds": round(seconds, 2)},
        }
        artifact = self._models.publish(version, result.model, metadata)
        self._feedback.mark_trained([f.id for f in feedback], version)
        self._active = self._activate(version, result.model, artifact.metadata)
        logger.info(
            "model trained and published",
            extra={"model_version": version, "training_seconds": round(seconds, 2), **result.metrics},
        )
        return _info(self._active)
