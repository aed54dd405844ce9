"""gRPC <-> domain translation for the root-cause predictor; no domain logic here."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from incidentmesh.common.v1 import common_pb2
from incidentmesh.rootcause.v1 import root_cause_pb2, root_cause_pb2_grpc
from services.root_cause.metrics import RootCauseMetrics
from services.root_cause.predictor import (
    InvalidInput,
    ModelInfo,
    NothingToRollBack,
    Prediction,
    RetrainInProgress,
    RootCausePredictor,
)

_MAX_ID_CHARS = 64
_MAX_NOTE_CHARS = 2000


def model_info_message(info: ModelInfo) -> common_pb2.ModelInfo:
    message = common_pb2.ModelInfo(
        version=info.version,
        data_hash=info.data_hash,
        metrics=info.metrics,
        parameters=info.parameters,
        library_versions=info.library_versions,
        labels=list(info.labels),
    )
    if info.trained_at is not None:
        stamp = Timestamp()
        stamp.FromDatetime(info.trained_at)
        message.trained_at.CopyFrom(stamp)
    return message


def _prediction_message(prediction: Prediction) -> root_cause_pb2.PredictRootCauseResponse:
    candidates = []
    for candidate in prediction.candidates:
        evidence = [
            root_cause_pb2.Evidence(
                kind=root_cause_pb2.EVIDENCE_KIND_LINE,
                text=line.text,
                weight=line.weight,
                line_index=line.index,
            )
            for line in candidate.lines
        ] + [
            root_cause_pb2.Evidence(
                kind=root_cause_pb2.EVIDENCE_KIND_TERM, text=term.term, weight=term.weight
            )
            for term in candidate.terms
        ]
        candidates.append(
            root_cause_pb2.RootCauseCandidate(
                label=candidate.label,
                probability=candidate.probability,
                evidence=evidence,
                code_related=candidate.code_related,
                description=candidate.description,
            )
        )
    return root_cause_pb2.PredictRootCauseResponse(
        prediction_id=prediction.prediction_id,
        candidates=candidates,
        novel=prediction.novel,
        novel_reason=prediction.novel_reason,
        code_related=prediction.code_related,
        model_version=prediction.model_version,
        notes=list(prediction.notes),
    )


def _analysis_context(analysis: root_cause_pb2.AnalyzerSummary) -> list[str]:
    """What the log analyzer found, as extra text for the classifier (not evidence lines)."""
    return [
        *analysis.key_templates,
        *(f"exception {name}" for name in analysis.exception_types),
        *(f"error code {code}" for code in analysis.error_codes),
        *(f"http status {status}" for status in analysis.http_status_codes),
    ]


class RootCauseServicer(root_cause_pb2_grpc.RootCauseServiceServicer):
    """`predictor` is a getter because the kit registers servicers before load() builds the
    predictor; the kit rejects RPCs with UNAVAILABLE until load() has returned."""

    def __init__(self, predictor: Callable[[], RootCausePredictor], metrics: RootCauseMetrics) -> None:
        self._get_predictor = predictor
        self._metrics = metrics

    @property
    def _predictor(self) -> RootCausePredictor:
        return self._get_predictor()

    async def PredictRootCause(self, request, context):
        if request.top_k < 0:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "top_k must be >= 0 (0 = service default)")
        lines = [line.text for line in request.lines]
        if not any(text.strip() for text in lines):
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT, "lines must contain at least one non-blank line"
            )
        started = time.perf_counter()
        try:
            prediction = await asyncio.to_thread(
                self._predictor.predict, lines, _analysis_context(request.analysis), request.top_k
            )
        except InvalidInput as error:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, str(error))
        self._metrics.prediction_seconds.observe(time.perf_counter() - started)
        self._metrics.predictions.labels(prediction.answer).inc()
        if prediction.novel:
            self._metrics.novel.inc()
        return _prediction_message(prediction)

    async def RecordFeedback(self, request, context):
        if len(request.prediction_id) > _MAX_ID_CHARS:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT, f"prediction_id is longer than {_MAX_ID_CHARS}"
            )
        if len(request.note) > _MAX_NOTE_CHARS:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, f"note is longer than {_MAX_NOTE_CHARS}")
        try:
            receipt = await asyncio.to_thread(
                self._predictor.record_feedback,
                request.prediction_id,
                request.confirmed_label,
                [line.text for line in request.lines],
                request.note,
            )
        except InvalidInput as error:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, str(error))
        self._metrics.feedback.inc()
        return root_cause_pb2.RecordFeedbackResponse(
            feedback_id=receipt.feedback_id,
            new_label=receipt.new_label,
            pending_feedback_count=receipt.pending,
        )

    async def Retrain(self, request, context):
        try:
            info, previous = await asyncio.to_thread(self._predictor.retrain)
        except RetrainInProgress as error:
            await context.abort(grpc.StatusCode.ABORTED, str(error))
        self._metrics.retrains.inc()
        return root_cause_pb2.RetrainResponse(model=model_info_message(info), previous_version=previous)

    async def Rollback(self, request, context):
        try:
            info, rolled_back_from = await asyncio.to_thread(self._predictor.rollback)
        except NothingToRollBack as error:
            await context.abort(grpc.StatusCode.FAILED_PRECONDITION, f"cannot roll back: {error}")
        except RetrainInProgress as error:
            await context.abort(grpc.StatusCode.ABORTED, str(error))
        return root_cause_pb2.RollbackResponse(
            model=model_info_message(info), rolled_back_from=rolled_back_from
        )

    async def GetModelInfo(self, request, context):
        return model_info_message(self._predictor.info())
