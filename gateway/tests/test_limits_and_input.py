from __future__ import annotations

import grpc

from gateway.tests.fakes import Behaviour, rpc_error


async def test_too_many_lines_is_413_naming_the_limit(open_client):
    async with open_client() as client:
        response = await client.post("/api/v1/analyze", json={"logs": ["x"] * 101})
    assert response.status_code == 413
    assert response.json()["limit"] == "max_lines"
    assert "100 lines" in response.json()["detail"]


async def test_overlong_line_is_422_naming_the_limit(open_client):
    async with open_client() as client:
        response = await client.post("/api/v1/incidents/analyze", json={"logs": ["y" * 501]})
    assert response.status_code == 422
    assert response.json()["limit"] == "max_line_length"


async def test_body_over_the_size_limit_is_413(open_client):
    async with open_client() as client:
        response = await client.post(
            "/api/v1/analyze",
            content=b'{"logs": ["' + b"z" * 70_000 + b'"]}',
            headers={"content-type": "application/json"},
        )
    assert response.status_code == 413
    assert response.json()["limit"] == "max_body_bytes"


async def test_top_k_out_of_range_is_422(open_client):
    async with open_client() as client:
        for top_k in (0, 21):
            response = await client.post("/api/v1/search", json={"query": "disk full", "top_k": top_k})
            assert response.status_code == 422
            assert response.json()["limit"] == "max_top_k"


async def test_bad_bodies_are_4xx_with_a_message_never_500(open_client):
    async with open_client() as client:
        cases = [
            (b"{not json", "application/json"),
            (b"\xff\xfe\x00garbage", "application/json"),
            (b'{"logs": 42}', "application/json"),
            (b'{"service": "x"}', "application/json"),
            (b'{"logs": []}', "application/json"),
            (b'{"logs": ["   "]}', "application/json"),
        ]
        for body, content_type in cases:
            response = await client.post(
                "/api/v1/incidents/analyze", content=body, headers={"content-type": content_type}
            )
            assert 400 <= response.status_code < 500, (body, response.status_code, response.text)
            assert response.json().get("detail"), body


async def test_unknown_fields_are_ignored_and_a_string_body_is_split_into_lines(open_client, mesh):
    async with open_client() as client:
        response = await client.post("/analyze", json={"logs": "a\nb\n\nc", "extra": {"x": 1}})
    assert response.status_code == 200
    (call,) = mesh.log_analyzer.calls
    assert [line.text for line in call[1].lines] == ["a", "b", "c"]


async def test_backend_invalid_argument_is_422_with_its_message(open_client, mesh):
    mesh.root_cause.behaviour = Behaviour(error=rpc_error(grpc.StatusCode.INVALID_ARGUMENT, "lines is empty"))
    async with open_client() as client:
        response = await client.post("/api/v1/predict", json={"logs": ["x"]})
    assert response.status_code == 422
    assert response.json()["detail"] == "lines is empty"


async def test_backend_down_on_a_single_stage_route_is_503_without_internal_details(open_client, mesh):
    mesh.knowledge_base.behaviour = Behaviour(
        error=rpc_error(grpc.StatusCode.UNAVAILABLE, "ipv4:10.1.2.3:50053")
    )
    async with open_client("viewer") as client:
        response = await client.post("/search", json={"query": "disk"})
    assert response.status_code == 503
    assert "10.1.2.3" not in response.text
    assert response.json()["stage"] == "knowledge_base"


async def test_each_single_stage_route_answers(open_client):
    async with open_client() as client:
        analyzed = await client.post("/api/v1/analyze", json={"logs": ["a"]})
        predicted = await client.post("/api/v1/predict", json={"logs": ["a"]})
        searched = await client.post("/api/v1/search", json={"query": "npe", "filters": {"kind": "incident"}})
        recommended = await client.post("/api/v1/recommend", json={"root_cause": "code_regression"})
    assert analyzed.json()["entities"]["exception_types"] == ["java.lang.NullPointerException"]
    assert predicted.json()["label"] == "code_regression"
    assert searched.json()[0]["title"] == "NPE in cart after deploy"
    assert recommended.json()[0]["risk_tier"] == "medium"


async def test_feedback_reaches_predictor_recommender_and_knowledge_base(open_client, mesh):
    async with open_client() as client:
        response = await client.post(
            "/api/v1/feedback",
            json={
                "root_cause": "disk_full",
                "prediction_id": "pred-1",
                "action_id": "expand_volume",
                "logs": ["No space left on device"],
                "resolution": "expanded the PVC",
                "service": "db",
            },
        )
    assert response.json() == {
        "root_cause": "recorded",
        "action_recommender": "recorded",
        "knowledge_base": "recorded",
    }
    assert mesh.root_cause.calls[0][1].confirmed_label == "disk_full"
    assert mesh.action_recommender.calls[0][1].action_id == "expand_volume"
    document = mesh.knowledge_base.calls[0][1].document
    assert document.resolution == "expanded the PVC"
    assert document.root_cause == "disk_full"


async def test_config_allow_list_rejects_unlisted_addresses(open_client):
    async with open_client("admin") as client:
        for address in (
            "169.254.169.254:80",
            "evil.example:50051",
            "127.0.0.1:1/../x",
            "127.0.0.2:1",
            "localhost:1",
            "[::1]:1",
            "dns:///127.0.0.1:1",
            " 127.0.0.1:1",
            "127.0.0.1:1 ",
            "127.0.0.1:01",
            "ipv4:127.0.0.1:1",
            "127.0.0.1:1,10.0.0.1:1",
            "unix:///var/run/x.sock",
        ):
            response = await client.put("/api/v1/config", json={"backends": {"root_cause": address}})
            assert response.status_code == 422, address
            assert response.json()["field"] == "backends"
        unknown = await client.put("/api/v1/config", json={"backends": {"nope": "127.0.0.1:1"}})
        assert unknown.status_code == 422
        allowed = await client.put(
            "/api/v1/config", json={"backends": {"root_cause": "127.0.0.1:1"}, "deadlines": {"overall": 4000}}
        )
        assert allowed.status_code == 200
        config = allowed.json()["config"]
        assert config["backends"]["root_cause"] == "127.0.0.1:1"
        assert config["deadlines"]["overall"] == 4000
        assert config["deadlines"]["root_cause"] == 1500, "fields left out keep their value"


async def test_config_rejects_out_of_range_values(open_client):
    async with open_client("admin") as client:
        response = await client.put("/api/v1/config", json={"deadlines": {"overall": 1}})
    assert response.status_code == 400
