"""gRPC <-> domain translation for the log-analyzer; no domain logic here."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

import grpc
from google.protobuf.message import DecodeError
from google.protobuf.timestamp_pb2 import Timestamp

from incidentmesh.common.v1 import common_pb2
from incidentmesh.loganalyzer.v1 import log_analyzer_pb2, log_analyzer_pb2_grpc
from services.log_analyzer.analyzer import Analysis, LogAnalyzer, ModelVersion
from services.log_analyzer.limits import NoUsableLines, TooManyLines
from services.log_analyzer.metrics import AnalyzerMetrics

SERVICE_NAME = log_analyzer_pb2.DESCRIPTOR.services_by_name["LogAnalyzerService"].full_name


@dataclass(frozen=True)
class UndecodableRequest:
    """Stands in for a request protobuf could not parse (e.g. invalid UTF-8 in a string field),
    so the servicer can answer INVALID_ARGUMENT instead of gRPC's generic UNKNOWN."""

    error: str


def _tolerant(message_type):
    def deserialize(payload: bytes):
        try:
            return message_type.FromString(payload)
        except DecodeError as error:
            return UndecodableRequest(str(error))

    return deserialize


def add_to_server(servicer: LogAnalyzerServicer, server: grpc.aio.Server) -> None:
    """Like the generated `add_..._to_server`, but bad payloads reach the servicer as UndecodableRequest."""
    handlers = {
        "AnalyzeLogs": grpc.unary_unary_rpc_method_handler(
            servicer.AnalyzeLogs,
            request_deserializer=_tolerant(log_analyzer_pb2.AnalyzeLogsRequest),
            response_serializer=log_analyzer_pb2.AnalyzeLogsResponse.SerializeToString,
        ),
        "TrainBaseline": grpc.unary_unary_rpc_method_handler(
            servicer.TrainBaseline,
            request_deserializer=_tolerant(log_analyzer_pb2.TrainBaselineRequest),
            response_serializer=log_analyzer_pb2.TrainBaselineResponse.SerializeToString,
        ),
        "GetModelInfo": grpc.unary_unary_rpc_method_handler(
            servicer.GetModelInfo,
            request_deserializer=_tolerant(common_pb2.GetModelInfoRequest),
            response_serializer=common_pb2.ModelInfo.SerializeToString,
        ),
    }
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE_NAME, handlers),))
    server.add_registered_method_handlers(SERVICE_NAME, handlers)


async def _reject_undecodable(request, context) -> None:
    if isinstance(request, UndecodableRequest):
        await context.abort(
            grpc.StatusCode.INVALID_ARGUMENT,
            f"request is not a valid message (lines must be UTF-8 text): {request.error}",
        )


class LogAnalyzerServicer(log_analyzer_pb2_grpc.LogAnalyzerServiceServicer):
    def __init__(self, analyzer: Callable[[], LogAnalyzer], metrics: AnalyzerMetrics) -> None:
        # A callable because the analyzer only exists once `load()` has run.
        self._analyzer = analyzer
        self._metrics = metrics

    async def AnalyzeLogs(self, request, context):
        await _reject_undecodable(request, context)
        analyzer = self._analyzer()
        if not request.lines:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "lines must not be empty")
        if len(request.lines) > analyzer.limits.max_lines:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT,
                f"lines has {len(request.lines)} entries; the limit is {analyzer.limits.max_lines}",
            )
        if request.max_anomalies < 0:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "max_anomalies must not be negative")
        texts = [line.text for line in request.lines]
        services = sorted({line.service for line in request.lines if line.service} | {request.service} - {""})
        started = time.perf_counter()
        try:
            analysis = await asyncio.to_thread(analyzer.analyze, texts, services, request.max_anomalies)
        except (TooManyLines, NoUsableLines) as error:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, f"lines: {error}")
        self._metrics.observe_analysis(analysis, time.perf_counter() - started)
        return _analysis_to_proto(analysis)

    async def TrainBaseline(self, request, context):
        await _reject_undecodable(request, context)
        analyzer = self._analyzer()
        if not request.lines:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "lines must not be empty")
        if len(request.lines) > analyzer.limits.max_lines:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT,
                f"lines has {len(request.lines)} entries; the limit is {analyzer.limits.max_lines}",
            )
        texts = [line.text for line in request.lines]
        try:
            result = await asyncio.to_thread(analyzer.train, texts, request.description)
        except (TooManyLines, NoUsableLines) as error:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, f"lines: {error}")
        return log_analyzer_pb2.TrainBaselineResponse(
            model=model_info(result.model), line_count=result.line_count, template_count=result.template_count
        )

    async def GetModelInfo(self, request, context):
        await _reject_undecodable(request, context)
        return model_info(self._analyzer().model)


def model_info(model: ModelVersion) -> common_pb2.ModelInfo:
    metadata = model.metadata
    trained_at = Timestamp()
    if metadata.get("trained_at"):
        trained_at.FromJsonString(metadata["trained_at"].replace("+00:00", "Z"))
    return common_pb2.ModelInfo(
        version=model.version,
        trained_at=trained_at,
        data_hash=metadata.get("data_sha256", ""),
        metrics={key: float(value) for key, value in metadata.get("metrics", {}).items()},
        parameters={key: str(value) for key, value in metadata.get("parameters", {}).items()},
        library_versions=metadata.get("library_versions", {}),
        labels=[metadata["description"]] if metadata.get("description") else [],
    )


def _analysis_to_proto(analysis: Analysis) -> log_analyzer_pb2.AnalyzeLogsResponse:
    entities = analysis.entities
    return log_analyzer_pb2.AnalyzeLogsResponse(
        anomalies=[
            log_analyzer_pb2.Anomaly(
                line_index=a.line_index,
                text=a.text,
                score=a.score,
                template=a.template,
                template_id=a.template_id,
                reasons=a.reasons,
                severity=int(a.severity),
            )
            for a in analysis.anomalies
        ],
        key_events=[
            log_analyzer_pb2.KeyEvent(
                template_id=e.template_id,
                template=e.template,
                count=e.count,
                first_line_index=e.first_line_index,
                severity=int(e.severity),
                new_template=e.new_template,
                rate_ratio=e.rate_ratio,
            )
            for e in analysis.key_events
        ],
        entities=log_analyzer_pb2.Entities(
            services=entities.services,
            hosts=entities.hosts,
            ip_addresses=entities.ip_addresses,
            http_status_codes=entities.http_status_codes,
            error_codes=entities.error_codes,
            exception_types=entities.exception_types,
            source_locations=[
                log_analyzer_pb2.SourceLocation(
                    path=s.path,
                    line=s.line,
                    function=s.function,
                    language=s.language,
                    line_index=s.line_index,
                )
                for s in entities.source_locations
            ],
        ),
        line_count=analysis.line_count,
        template_count=analysis.template_count,
        new_template_count=analysis.new_template_count,
        model_version=analysis.model_version,
        truncated_line_count=analysis.truncated_line_count,
        notes=analysis.notes,
    )
