from __future__ import annotations


async def test_whoami_names_the_key_and_role(open_client):
    async with open_client("viewer") as client:
        assert (await client.get("/api/v1/whoami")).json() == {"name": "v", "role": "viewer"}


async def test_keys_created_through_the_api_work_and_can_be_revoked(open_client, tmp_path, keys):
    async with open_client("admin") as admin:
        created = (await admin.post("/api/v1/keys", json={"name": "grafana", "role": "viewer"})).json()
        assert created["role"] == "viewer" and created["key"].startswith("im_")
        listing = (await admin.get("/api/v1/keys")).json()
        assert {"id": created["id"], "name": "grafana", "role": "viewer", "source": "file"} in listing
        assert all("key" not in entry for entry in listing)

        new_key = {"Authorization": f"Bearer {created['key']}"}
        assert (await admin.get("/api/v1/whoami", headers=new_key)).json()["name"] == "grafana"
        assert (await admin.delete(f"/api/v1/keys/{created['id']}")).status_code == 204
        assert (await admin.get("/api/v1/whoami", headers=new_key)).status_code == 401
        assert (await admin.delete("/api/v1/keys/000000000000")).status_code == 404
        bad_role = await admin.post("/api/v1/keys", json={"name": "x", "role": "root"})
        assert bad_role.status_code == 400


async def test_knowledge_document_routes_forward_to_the_knowledge_base(open_client, mesh):
    async with open_client() as client:
        document = (await client.get("/api/v1/knowledge/documents/inc-7")).json()
        added = await client.post(
            "/api/v1/knowledge/documents",
            json={
                "kind": "runbook",
                "title": "Disk full",
                "sections": [{"heading": "Check", "body": "df -h"}],
            },
        )
        stats = (await client.get("/api/v1/knowledge/stats")).json()
        empty_title = await client.post(
            "/api/v1/knowledge/documents", json={"kind": "incident", "title": " "}
        )
    assert document["kind"] == "incident" and document["title"] == "NPE in cart after deploy"
    assert added.status_code == 201 and added.json() == {"id": "d1", "created": True}
    upserted = next(call[1] for call in mesh.knowledge_base.calls if call[0] == "upsert").document
    assert upserted.sections[0].body == "df -h"
    assert stats["document_count"] == "3" or stats["document_count"] == 3
    assert empty_title.status_code == 422 and empty_title.json()["field"] == "title"


async def test_selftest_runs_the_canned_incident_without_filing_a_ticket(open_client, mesh):
    async with open_client("admin") as client:
        body = (await client.post("/api/v1/selftest")).json()
    assert body["ok"] is True
    assert body["analysis"]["root_cause"]["label"] == "code_regression"
    assert "total" in body["timings"]
    assert mesh.incident_integrator.calls == []


async def test_integrator_stats_show_the_mode(open_client):
    async with open_client("viewer") as client:
        assert (await client.get("/api/v1/integrator/stats")).json()["dry_run"] is True
