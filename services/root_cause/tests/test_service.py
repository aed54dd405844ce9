from __future__ import annotations

import asyncio
import dataclasses
import logging

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from prometheus_client import CollectorRegistry

from incidentmesh.common.v1 import common_pb2
from incidentmesh.rootcause.v1 import root_cause_pb2, root_cause_pb2_grpc
from services.kit import ConfigError, Env
from services.kit.testing import local_settings, running_server
from services.root_cause.service import RootCauseComponent, build
from services.root_cause.tests.conftest import FAST_SETTINGS
from services.root_cause.tests.test_predictor import OOM_EXCERPT

SERVICE = "incidentmesh.rootcause.v1.RootCauseService"


def _component(data_dir, corpus, tmp_path) -> tuple[RootCauseComponent, object]:
    component, settings = build(
        Env(
            {
                "ROOT_CAUSE_DATA_DIR": str(data_dir),
                "ROOT_CAUSE_CORPUS_PATH": str(corpus),
                "ROOT_CAUSE_DATABASE_URL": f"sqlite:///{tmp_path / 'feedback.db'}",
                "ROOT_CAUSE_MAX_LINES": "500",
            }
        )
    )
    # The tests' training uses fewer calibration folds to stay fast; everything else is as built.
    options = dataclasses.replace(
        component._options,
        predictor=dataclasses.replace(component._options.predictor, training=FAST_SETTINGS.training),
    )
    component = RootCauseComponent(settings, options)
    return component, local_settings("root-cause", data_dir=data_dir)


def _lines(texts: list[str]) -> list[common_pb2.LogLine]:
    return [common_pb2.LogLine(text=t) for t in texts]


async def _health(port: int) -> int:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        reply = await health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service=SERVICE)
        )
        return reply.status


def test_build_reads_root_cause_settings():
    component, settings = build(Env({"ROOT_CAUSE_MAX_LINES": "1234", "ROOT_CAUSE_DEFAULT_TOP_K": "5"}))
    assert settings.component == "root-cause" and settings.port == 50052
    assert component._options.predictor.max_lines == 1234
    assert component._options.predictor.default_top_k == 5
    assert component._options.database_url.startswith("sqlite:///")
    with pytest.raises(ConfigError, match="ROOT_CAUSE_MAX_LINES"):
        build(Env({"ROOT_CAUSE_MAX_LINES": "0"}))


async def test_predict_over_grpc_with_metrics(data_dir, small_corpus, tmp_path):
    component, settings = _component(data_dir, small_corpus, tmp_path)
    registry = CollectorRegistry()
    async with running_server(component, settings, registry) as server:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            stub = root_cause_pb2_grpc.RootCauseServiceStub(channel)
            reply = await stub.PredictRootCause(
                root_cause_pb2.PredictRootCauseRequest(
                    lines=_lines(OOM_EXCERPT),
                    top_k=2,
                    analysis=root_cause_pb2.AnalyzerSummary(exception_types=["java.lang.OutOfMemoryError"]),
                )
            )
            novel = await stub.PredictRootCause(
                root_cause_pb2.PredictRootCauseRequest(lines=_lines(["lorem ipsum dolor", "sit amet elit"]))
            )
            info = await stub.GetModelInfo(common_pb2.GetModelInfoRequest())
    assert reply.candidates[0].label == "out_of_memory" and len(reply.candidates) == 2
    assert not reply.novel and reply.model_version == info.version and reply.prediction_id
    kinds = {e.kind for e in reply.candidates[0].evidence}
    assert kinds == {root_cause_pb2.EVIDENCE_KIND_LINE, root_cause_pb2.EVIDENCE_KIND_TERM}
    line_evidence = [e for e in reply.candidates[0].evidence if e.kind == root_cause_pb2.EVIDENCE_KIND_LINE]
    assert all(OOM_EXCERPT[e.line_index] == e.text for e in line_evidence)
    assert reply.candidates[0].description
    assert novel.novel and novel.novel_reason
    assert "out_of_memory" in info.labels and info.data_hash and "ece" in info.metrics
    assert info.library_versions["scikit-learn"]
    assert registry.get_sample_value("root_cause_predictions_total", {"label": "out_of_memory"}) == 1
    assert registry.get_sample_value("root_cause_predictions_total", {"label": "unknown"}) == 1
    assert registry.get_sample_value("root_cause_novel_total") == 1
    assert registry.get_sample_value("root_cause_prediction_seconds_count") == 2


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (root_cause_pb2.PredictRootCauseRequest(), "lines"),
        (root_cause_pb2.PredictRootCauseRequest(lines=_lines(["", "   ", "\t"])), "lines"),
        (root_cause_pb2.PredictRootCauseRequest(lines=_lines(OOM_EXCERPT), top_k=-2), "top_k"),
    ],
)
async def test_bad_predict_requests_are_invalid_argument(data_dir, small_corpus, tmp_path, request_, field):
    component, settings = _component(data_dir, small_corpus, tmp_path)
    async with running_server(component, settings) as server:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            with pytest.raises(grpc.aio.AioRpcError) as rejected:
                await root_cause_pb2_grpc.RootCauseServiceStub(channel).PredictRootCause(request_)
    assert rejected.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in rejected.value.details()


async def test_ten_thousand_lines_answer_with_a_truncation_note(data_dir, small_corpus, tmp_path):
    component, settings = _component(data_dir, small_corpus, tmp_path)
    lines = ["INFO GET /healthz 200"] * 9_995 + OOM_EXCERPT
    async with running_server(component, settings) as server:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            stub = root_cause_pb2_grpc.RootCauseServiceStub(channel)
            reply = await stub.PredictRootCause(root_cause_pb2.PredictRootCauseRequest(lines=_lines(lines)))
    assert any("truncated from 10000 to 500" in note for note in reply.notes)
    assert reply.candidates[0].label == "out_of_memory"


async def test_feedback_retrain_rollback_over_grpc(data_dir, small_corpus, tmp_path):
    component, settings = _component(data_dir, small_corpus, tmp_path)
    registry = CollectorRegistry()
    async with running_server(component, settings, registry) as server:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            stub = root_cause_pb2_grpc.RootCauseServiceStub(channel)
            with pytest.raises(grpc.aio.AioRpcError) as nothing:
                await stub.Rollback(root_cause_pb2.RollbackRequest())
            assert nothing.value.code() == grpc.StatusCode.FAILED_PRECONDITION

            with pytest.raises(grpc.aio.AioRpcError) as bad_label:
                await stub.RecordFeedback(root_cause_pb2.RecordFeedbackRequest(confirmed_label="Disk Full!"))
            assert bad_label.value.code() == grpc.StatusCode.INVALID_ARGUMENT
            assert "confirmed_label" in bad_label.value.details()
            with pytest.raises(grpc.aio.AioRpcError) as no_lines:
                await stub.RecordFeedback(
                    root_cause_pb2.RecordFeedbackRequest(prediction_id="gone", confirmed_label="disk_full")
                )
            assert no_lines.value.code() == grpc.StatusCode.INVALID_ARGUMENT

            predicted = await stub.PredictRootCause(
                root_cause_pb2.PredictRootCauseRequest(lines=_lines(OOM_EXCERPT))
            )
            receipt = await stub.RecordFeedback(
                root_cause_pb2.RecordFeedbackRequest(
                    prediction_id=predicted.prediction_id, confirmed_label="heap_leak_regression"
                )
            )
            assert receipt.new_label and receipt.pending_feedback_count == 1 and receipt.feedback_id

            retrained = await stub.Retrain(root_cause_pb2.RetrainRequest())
            assert retrained.previous_version == predicted.model_version
            assert "heap_leak_regression" in retrained.model.labels
            after = await stub.PredictRootCause(
                root_cause_pb2.PredictRootCauseRequest(lines=_lines(OOM_EXCERPT))
            )
            assert after.model_version == retrained.model.version

            rolled = await stub.Rollback(root_cause_pb2.RollbackRequest())
            assert rolled.model.version == predicted.model_version
            assert rolled.rolled_back_from == retrained.model.version
            served = await stub.GetModelInfo(common_pb2.GetModelInfoRequest())
            assert served.version == predicted.model_version
    assert registry.get_sample_value("root_cause_retrains_total") == 1


async def test_corrupted_artifact_keeps_health_not_serving_until_retrained(
    data_dir, small_corpus, tmp_path, caplog
):
    version = (data_dir / "models" / "CURRENT").read_text().strip()
    (data_dir / "models" / "versions" / version / "model.pkl").write_bytes(b"\x80garbage")
    component, settings = _component(data_dir, small_corpus, tmp_path)
    with caplog.at_level(logging.INFO, logger="incidentmesh.root_cause"):
        async with running_server(component, settings, load=False) as server:
            loading = asyncio.create_task(server.load())
            await asyncio.sleep(0.2)
            assert not loading.done()
            assert await _health(server.port) == health_pb2.HealthCheckResponse.NOT_SERVING
            async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
                stub = root_cause_pb2_grpc.RootCauseServiceStub(channel)
                with pytest.raises(grpc.aio.AioRpcError) as early:
                    await stub.PredictRootCause(
                        root_cause_pb2.PredictRootCauseRequest(lines=_lines(OOM_EXCERPT))
                    )
                assert early.value.code() == grpc.StatusCode.UNAVAILABLE
                await loading
                assert await _health(server.port) == health_pb2.HealthCheckResponse.SERVING
                reply = await stub.PredictRootCause(
                    root_cause_pb2.PredictRootCauseRequest(lines=_lines(OOM_EXCERPT))
                )
    assert reply.model_version != version
    assert any("unusable; retraining from committed data" in r.getMessage() for r in caplog.records)
