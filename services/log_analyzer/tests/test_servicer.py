import asyncio

import grpc
import pytest

from incidentmesh.common.v1 import common_pb2
from incidentmesh.loganalyzer.v1 import log_analyzer_pb2
from services.kit import Env
from services.kit.testing import local_settings, running_server
from services.log_analyzer.limits import Limits
from services.log_analyzer.service import LogAnalyzerComponent, build
from services.log_analyzer.tests.samples import GO_TRACE, JAVA_TRACE, PYTHON_TRACE

SERVICE = "incidentmesh.loganalyzer.v1.LogAnalyzerService"


def _request(texts, **kwargs):
    return log_analyzer_pb2.AnalyzeLogsRequest(lines=[common_pb2.LogLine(text=t) for t in texts], **kwargs)


@pytest.fixture
def component(tmp_path):
    settings = local_settings("log-analyzer", data_dir=tmp_path / "data")
    return LogAnalyzerComponent(settings, Limits(max_lines=1_000, max_line_chars=4_096)), settings


async def test_analyze_over_grpc_reports_anomalies_entities_and_metrics(
    component, stub_factory, baseline_lines
):
    service, settings = component
    async with running_server(service, settings) as server:
        stub = stub_factory(server.port)
        lines = [*baseline_lines[:100], *JAVA_TRACE, *PYTHON_TRACE, *GO_TRACE, *baseline_lines[100:200]]
        response = await stub.AnalyzeLogs(_request(lines, service="checkout"), timeout=10)
        assert response.line_count == len(lines)
        assert response.model_version
        assert response.anomalies and all(100 <= a.line_index < 100 + 24 for a in response.anomalies)
        assert response.anomalies[0].severity == log_analyzer_pb2.SEVERITY_ERROR
        assert "new template never seen in baseline" in response.anomalies[0].reasons
        assert response.new_template_count > 0
        assert "checkout" in response.entities.services
        languages = {s.language for s in response.entities.source_locations}
        assert {"java", "python", "go"} <= languages
        registry = server.registry
        assert registry.get_sample_value("log_analyzer_lines_total") == len(lines)
        assert registry.get_sample_value("log_analyzer_anomalies_total") == len(response.anomalies)
        assert registry.get_sample_value("log_analyzer_templates") > 0
        assert registry.get_sample_value("log_analyzer_analysis_seconds_count") == 1


async def test_empty_batch_is_invalid_argument(component, stub_factory):
    service, settings = component
    async with running_server(service, settings) as server:
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await stub_factory(server.port).AnalyzeLogs(log_analyzer_pb2.AnalyzeLogsRequest(), timeout=10)
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "lines must not be empty" in error.value.details()


async def test_batch_over_the_line_limit_is_invalid_argument_naming_the_limit(component, stub_factory):
    service, settings = component
    async with running_server(service, settings) as server:
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await stub_factory(server.port).AnalyzeLogs(_request(["GET / 200"] * 1_001), timeout=10)
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "1001 entries; the limit is 1000" in error.value.details()


async def test_request_over_the_message_size_limit_is_refused_before_it_is_buffered(component, stub_factory):
    service, settings = component
    async with running_server(service, settings) as server:
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await stub_factory(server.port).AnalyzeLogs(_request(["x" * 1_000] * 5_000), timeout=10)
        assert error.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


async def test_negative_max_anomalies_is_invalid_argument(component, stub_factory):
    service, settings = component
    async with running_server(service, settings) as server:
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await stub_factory(server.port).AnalyzeLogs(_request(["x"], max_anomalies=-1), timeout=10)
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "max_anomalies" in error.value.details()


async def test_one_megabyte_line_is_truncated_with_a_note(component, stub_factory):
    service, settings = component
    async with running_server(service, settings) as server:
        response = await stub_factory(server.port).AnalyzeLogs(
            _request(["ERROR " + "A" * 1_048_576, "INFO ok"]), timeout=10
        )
        assert response.truncated_line_count == 1
        assert list(response.notes) == ["1 line(s) longer than 4096 characters were truncated"]
        assert all(len(a.text) < 4_200 for a in response.anomalies)


async def test_binary_garbage_is_skipped_with_a_note_and_all_garbage_is_invalid(component, stub_factory):
    service, settings = component
    garbage = bytes(range(256)).decode("latin-1")
    async with running_server(service, settings) as server:
        stub = stub_factory(server.port)
        response = await stub.AnalyzeLogs(_request([garbage, "ERROR kernel: I/O error on sda"]), timeout=10)
        assert list(response.notes) == ["1 binary/non-text line(s) were skipped"]
        assert response.truncated_line_count == 1
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await stub.AnalyzeLogs(_request([garbage, "\x00\x01"]), timeout=10)
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "no usable log lines" in error.value.details()


async def test_invalid_utf8_on_the_wire_is_refused_without_crashing(component):
    service, settings = component
    # Hand-encoded AnalyzeLogsRequest{lines: [LogLine{text: b"\xff\xfe bad"}]}: protobuf
    # clients cannot produce invalid UTF-8 in a string field, hostile peers can.
    text = b"\xff\xfe bad"
    log_line = b"\x0a" + bytes([len(text)]) + text
    payload = b"\x0a" + bytes([len(log_line)]) + log_line
    async with running_server(service, settings) as server:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            raw = channel.unary_unary(
                f"/{SERVICE}/AnalyzeLogs", request_serializer=lambda b: b, response_deserializer=lambda b: b
            )
            with pytest.raises(grpc.aio.AioRpcError) as error:
                await raw(payload, timeout=10)
            assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
            assert "lines must be UTF-8 text" in error.value.details()
            # The server stays healthy and keeps answering.
            stub_response = await channel.unary_unary(
                f"/{SERVICE}/AnalyzeLogs",
                request_serializer=log_analyzer_pb2.AnalyzeLogsRequest.SerializeToString,
                response_deserializer=log_analyzer_pb2.AnalyzeLogsResponse.FromString,
            )(_request(["INFO fine"]), timeout=10)
            assert stub_response.line_count == 1


async def test_train_baseline_swaps_the_model_while_analyses_keep_answering(
    component, stub_factory, baseline_lines
):
    service, settings = component
    user_normal = [
        f"2026-03-02T10:00:{i % 60:02d}Z INFO billing run {i} settled {i * 3} invoices" for i in range(500)
    ]
    async with running_server(service, settings) as server:
        stub = stub_factory(server.port)
        before = await stub.GetModelInfo(common_pb2.GetModelInfoRequest(), timeout=10)
        assert before.data_hash and before.library_versions["drain3"]
        assert before.parameters["seed"] == "0"

        async def analyze() -> str:
            response = await stub.AnalyzeLogs(_request(baseline_lines[:300]), timeout=30)
            return response.model_version

        train = stub.TrainBaseline(
            log_analyzer_pb2.TrainBaselineRequest(
                lines=[common_pb2.LogLine(text=t) for t in user_normal], description="billing"
            ),
            timeout=30,
        )
        results = await asyncio.gather(train, *(analyze() for _ in range(8)))
        trained = results[0]
        assert trained.line_count == 500
        assert trained.model.version != before.version
        assert set(results[1:]) <= {before.version, trained.model.version}
        after = await stub.GetModelInfo(common_pb2.GetModelInfoRequest(), timeout=10)
        assert after.version == trained.model.version
        assert "billing" in after.labels
        billing = await stub.AnalyzeLogs(_request(user_normal[:40]), timeout=10)
        assert billing.new_template_count == 0 and not billing.anomalies


async def test_train_baseline_with_no_lines_is_invalid_argument(component, stub_factory):
    service, settings = component
    async with running_server(service, settings) as server:
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await stub_factory(server.port).TrainBaseline(log_analyzer_pb2.TrainBaselineRequest(), timeout=10)
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_rpcs_before_load_are_unavailable(component, stub_factory):
    service, settings = component
    async with running_server(service, settings, load=False) as server:
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await stub_factory(server.port).AnalyzeLogs(_request(["x"]), timeout=10)
        assert error.value.code() == grpc.StatusCode.UNAVAILABLE


def test_build_reads_limits_from_the_environment(tmp_path):
    service, settings = build(
        Env(
            {
                "LOG_ANALYZER_MAX_LINES": "50",
                "LOG_ANALYZER_MAX_LINE_CHARS": "1000",
                "MESH_DATA_DIR": str(tmp_path),
            }
        )
    )
    assert service.analyzer.limits.max_lines == 50
    assert service.analyzer.limits.max_line_chars == 1000
    assert settings.data_dir == tmp_path / "log-analyzer"


def test_build_names_the_bad_variable():
    from services.kit import ConfigError

    with pytest.raises(ConfigError, match="LOG_ANALYZER_MAX_LINES"):
        build(Env({"LOG_ANALYZER_MAX_LINES": "lots"}))
