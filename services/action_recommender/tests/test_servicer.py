from __future__ import annotations

import asyncio
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from prometheus_client import CollectorRegistry

from incidentmesh.actions.v1 import action_recommender_pb2 as pb
from incidentmesh.actions.v1 import action_recommender_pb2_grpc as pb_grpc
from incidentmesh.common.v1 import common_pb2
from services.action_recommender.service import ActionRecommenderComponent, RecommenderSettings, build
from services.kit import ConfigError, Env
from services.kit.testing import local_settings, running_server

COMPONENT = "action-recommender"
OOM_AFTER_DEPLOY = [
    common_pb2.LogLine(text="java.lang.OutOfMemoryError: Java heap space"),
    common_pb2.LogLine(text="Deployed checkout version v2.3.1 (rollout revision 14)"),
]


def _component(data_dir: Path, **env: str) -> ActionRecommenderComponent:
    settings = RecommenderSettings.from_env(Env(env))
    return ActionRecommenderComponent(local_settings(COMPONENT, data_dir), settings)


class Client:
    def __init__(self, channel: grpc.aio.Channel) -> None:
        self.stub = pb_grpc.ActionRecommenderServiceStub(channel)

    async def recommend(self, **fields) -> pb.RecommendActionsResponse:
        return await self.stub.RecommendActions(pb.RecommendActionsRequest(**fields), timeout=20)

    async def error(self, call, request) -> grpc.aio.AioRpcError:
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await call(request, timeout=20)
        return raised.value


@pytest.fixture
async def served(data_dir):
    registry = CollectorRegistry()
    component = _component(data_dir, ACTION_RECOMMENDER_RETRAIN_AFTER_FEEDBACK="0")
    async with running_server(component, local_settings(COMPONENT, data_dir), registry) as server:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            yield Client(channel), registry, server


async def test_recommends_catalog_actions_with_filled_steps_over_grpc(served):
    client, registry, server = served
    reply = await client.recommend(
        root_cause="out_of_memory",
        root_cause_confidence=0.9,
        service="checkout",
        lines=OOM_AFTER_DEPLOY,
        context={"namespace": "shop", "recent_deploy": "true"},
    )
    assert reply.recommendation_id and reply.model_version and not reply.notes
    assert len(reply.actions) == 3
    top = reply.actions[0]
    assert top.action.id == "rollback_deployment"
    assert top.action.requires_approval and top.action.risk_tier == pb.RISK_TIER_MEDIUM
    assert "kubectl rollout undo deployment/checkout -n shop" in top.action.steps
    assert top.rationale and "out_of_memory" in top.rationale
    assert 0 < top.historical_success_rate <= 1 and top.historical_outcomes > 0
    assert sum(a.probability for a in reply.actions) <= 1.0 + 1e-9
    assert all("out_of_memory" in a.action.root_causes for a in reply.actions)

    def sample(name, **labels):
        return registry.get_sample_value(name, labels)

    assert sample("action_recommendations_total", action="rollback_deployment") == 1
    assert sample("action_recommendation_seconds_count") == 1
    async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        health = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
    assert health.status == health_pb2.HealthCheckResponse.SERVING


async def test_high_risk_actions_are_listed_with_approval_required(served):
    client, _, _ = served
    listed = await client.stub.ListActions(pb.ListActionsRequest(), timeout=5)
    high = [a for a in listed.actions if a.risk_tier == pb.RISK_TIER_HIGH]
    assert high and all(a.requires_approval for a in high)
    for_db = await client.stub.ListActions(
        pb.ListActionsRequest(root_cause="database_unavailable"), timeout=5
    )
    assert {a.id for a in for_db.actions} == {"restart_pods", "failover_database", "recycle_connection_pool"}


async def test_unknown_root_cause_gets_fallback_actions_with_a_note(served):
    client, _, _ = served
    reply = await client.recommend(root_cause="solar_flare", top_k=5)
    assert {a.action.id for a in reply.actions} == {"capture_diagnostics", "escalate_to_owner"}
    assert any("not in the catalog" in note for note in reply.notes)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "root_cause must not be empty"),
        ({"root_cause": "   "}, "root_cause must not be empty"),
        ({"root_cause": "out of memory!"}, "root_cause must be lower_snake_case"),
        ({"root_cause": "a" * 65}, "root_cause must be lower_snake_case"),
        ({"root_cause": "disk_full", "top_k": -1}, "top_k must be between 1 and 20"),
        ({"root_cause": "disk_full", "top_k": 21}, "top_k must be between 1 and 20"),
        ({"root_cause": "disk_full", "root_cause_confidence": 1.5}, "root_cause_confidence"),
        ({"root_cause": "disk_full", "root_cause_confidence": float("nan")}, "root_cause_confidence"),
        ({"root_cause": "disk_full", "service": "s" * 129}, "service must be at most"),
        ({"root_cause": "disk_full", "context": {f"k{i}": "v" for i in range(33)}}, "at most 32 entries"),
        ({"root_cause": "disk_full", "context": {"bad key": "v"}}, "context key 'bad key'"),
        ({"root_cause": "disk_full", "context": {"k": "v" * 257}}, "context['k']"),
    ],
)
async def test_bad_recommend_requests_are_invalid_argument(served, fields, message):
    client, _, _ = served
    error = await client.error(client.stub.RecommendActions, pb.RecommendActionsRequest(**fields))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert message in error.details()


async def test_too_many_lines_are_truncated_with_a_note(served):
    client, _, _ = served
    lines = [common_pb2.LogLine(text=f"noise line {i}") for i in range(10_000)]
    lines[-1] = common_pb2.LogLine(text="x509: certificate has expired or is not yet valid" + " pad" * 2000)
    reply = await client.recommend(root_cause="tls_certificate", lines=lines, root_cause_confidence=0.3)
    assert any("used the last 1000 of 10000 lines" in note for note in reply.notes)
    assert any("confidence 0.30 is low" in note for note in reply.notes)
    assert reply.actions[0].action.id == "renew_certificate"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"action_id": "clean_logs"}, "root_cause must not be empty"),
        ({"root_cause": "disk_full"}, "action_id must not be empty"),
        ({"root_cause": "disk_full", "action_id": "format_disk"}, "not in the catalog"),
        (
            {"root_cause": "disk_full", "action_id": "failover_database"},
            "not a catalog action for root cause",
        ),
        ({"root_cause": "disk_full", "action_id": "clean_logs", "note": "n" * 4001}, "note must be at most"),
    ],
)
async def test_bad_feedback_is_invalid_argument(served, fields, message):
    client, _, _ = served
    error = await client.error(client.stub.RecordFeedback, pb.RecordFeedbackRequest(**fields))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert message in error.details()


async def test_feedback_retrain_and_rollback_over_grpc(served):
    client, registry, _ = served
    info = await client.stub.GetModelInfo(common_pb2.GetModelInfoRequest(), timeout=5)
    assert info.metrics["heldout_top1"] > info.metrics["baseline_top1"]
    assert "rollback_deployment" in info.labels and info.data_hash

    reply = await client.recommend(root_cause="out_of_memory", service="checkout", lines=OOM_AFTER_DEPLOY)
    recorded = await client.stub.RecordFeedback(
        pb.RecordFeedbackRequest(
            recommendation_id=reply.recommendation_id,
            root_cause="out_of_memory",
            action_id="rollback_deployment",
            succeeded=True,
            service="checkout",
        ),
        timeout=5,
    )
    assert recorded.feedback_id and recorded.pending_feedback_count == 1
    assert registry.get_sample_value("action_recommender_feedback_total", {"outcome": "succeeded"}) == 1

    retraining = asyncio.ensure_future(client.stub.Retrain(pb.RetrainRequest(), timeout=120))
    during = []
    while not retraining.done():
        during.append(
            (await client.recommend(root_cause="out_of_memory", lines=OOM_AFTER_DEPLOY)).model_version
        )
        await asyncio.sleep(0.05)
    retrained = await retraining
    # Requests keep being answered while the new model trains, by the old model or the new one.
    assert during and set(during) <= {info.version, retrained.model.version}
    assert retrained.previous_version == info.version
    assert retrained.model.version != info.version
    assert retrained.model.metrics["feedback_outcomes"] == 1
    served_now = await client.recommend(root_cause="out_of_memory")
    assert served_now.model_version == retrained.model.version

    rolled = await client.stub.Rollback(pb.RollbackRequest(), timeout=10)
    assert rolled.rolled_back_from == retrained.model.version and rolled.model.version == info.version
    assert (await client.recommend(root_cause="out_of_memory")).model_version == info.version


async def test_rollback_without_previous_version_is_failed_precondition(served):
    client, _, _ = served
    error = await client.error(client.stub.Rollback, pb.RollbackRequest())
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION


async def test_enough_feedback_retrains_in_the_background(data_dir, small_resolutions):
    component = _component(
        data_dir,
        ACTION_RECOMMENDER_RETRAIN_AFTER_FEEDBACK="2",
        ACTION_RECOMMENDER_RESOLUTIONS=str(small_resolutions),
    )
    async with running_server(component, local_settings(COMPONENT, data_dir)) as server:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            client = Client(channel)
            before = (await client.recommend(root_cause="rate_limited")).model_version
            for succeeded in (True, False):
                await client.stub.RecordFeedback(
                    pb.RecordFeedbackRequest(
                        root_cause="rate_limited", action_id="back_off_clients", succeeded=succeeded
                    ),
                    timeout=5,
                )
            for _ in range(300):
                await asyncio.sleep(0.1)
                if (await client.recommend(root_cause="rate_limited")).model_version != before:
                    break
            else:
                pytest.fail("no retrain after the feedback threshold")


async def test_health_is_not_serving_while_the_first_model_trains(tmp_path, small_resolutions):
    component = _component(tmp_path / "fresh", ACTION_RECOMMENDER_RESOLUTIONS=str(small_resolutions))
    settings = local_settings(COMPONENT, tmp_path / "fresh")
    async with running_server(component, settings, load=False) as server:
        loading = asyncio.create_task(server.load())
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            health = health_pb2_grpc.HealthStub(channel)
            status = (await health.Check(health_pb2.HealthCheckRequest(), timeout=5)).status
            assert status == health_pb2.HealthCheckResponse.NOT_SERVING
            refused = await Client(channel).error(
                Client(channel).stub.RecommendActions, pb.RecommendActionsRequest(root_cause="disk_full")
            )
            assert refused.code() == grpc.StatusCode.UNAVAILABLE
            await loading
            status = (await health.Check(health_pb2.HealthCheckRequest(), timeout=5)).status
            assert status == health_pb2.HealthCheckResponse.SERVING


def test_settings_come_from_env_with_clear_errors(tmp_path):
    _, settings = build(Env({"ACTION_RECOMMENDER_PORT": "0", "MESH_DATA_DIR": str(tmp_path)}))
    assert settings.data_dir == tmp_path / COMPONENT
    with pytest.raises(ConfigError, match="ACTION_RECOMMENDER_MAX_TOP_K"):
        build(Env({"ACTION_RECOMMENDER_MAX_TOP_K": "0"}))
    with pytest.raises(ConfigError, match="ACTION_RECOMMENDER_HISTORY_WEIGHT"):
        build(Env({"ACTION_RECOMMENDER_HISTORY_WEIGHT": "lots"}))


async def test_broken_extra_catalog_fails_the_load_with_the_reason(tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "actions:\n  - id: nuke\n    title: Nuke\n    risk: high\n    requires_approval: false\n"
        "    steps: ['rm -rf /']\n    root_causes: [disk_full]\n"
    )
    component = _component(tmp_path / "d", ACTION_RECOMMENDER_EXTRA_CATALOG=str(extra))
    with pytest.raises(Exception, match="high-risk action must have requires_approval"):
        await component.load()
