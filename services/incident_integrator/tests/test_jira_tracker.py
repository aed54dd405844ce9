from __future__ import annotations

import logging

import pytest

from services.incident_integrator.config import JiraSettings, Secret
from services.incident_integrator.content import TicketDraft
from services.incident_integrator.tests.conftest import JIRA_TOKEN, JIRA_USER
from services.incident_integrator.tests.fakes import FakeJira
from services.incident_integrator.tracker import JiraTracker, TrackerError


def _tracker(jira: FakeJira, flavor: str = "server", *, user: str | None = JIRA_USER) -> JiraTracker:
    settings = JiraSettings(jira.url, user, Secret(JIRA_TOKEN), flavor, timeout_seconds=5)
    return JiraTracker(settings, secrets=(JIRA_TOKEN,))


def _draft(**overrides) -> TicketDraft:
    values = {
        "project": "OPS",
        "issue_type": "Bug",
        "summary": "[checkout] NPE",
        "description": "body",
        "labels": ("incident", "incidentmesh-abc"),
        "fingerprint_label": "incidentmesh-abc",
        "priority": "Highest",
        "custom_fields": {"customfield_10010": "team-payments"},
    }
    values.update(overrides)
    return TicketDraft(**values)


def test_create_sends_configured_fields_with_basic_auth(fake_jira):
    created = _tracker(fake_jira).create(_draft())
    issue = fake_jira.issue(created.key)
    assert created.key == "OPS-1"
    assert created.url == f"{fake_jira.url}/browse/OPS-1"
    assert issue.fields["labels"] == ["incident", "incidentmesh-abc"]
    assert issue.fields["priority"] == {"name": "Highest"}
    assert issue.fields["customfield_10010"] == "team-payments"
    assert fake_jira.calls("POST", r"/rest/api/2/issue$")[0].headers["authorization"].startswith("Basic ")


def test_server_search_assign_transition_and_comment(fake_jira):
    tracker = _tracker(fake_jira)
    key = tracker.create(_draft()).key
    assert [t.key for t in tracker.find_by_label("OPS", "incidentmesh-abc")] == [key]
    assert tracker.find_by_label("OPS", "incidentmesh-other") == []
    tracker.assign(key, "alice")
    assert fake_jira.issue(key).fields["assignee"]["name"] == "alice"
    assert fake_jira.calls("GET", r"/rest/api/2/search$")
    assert tracker.close(key, "Done", "fixed by PR 7") is True
    assert fake_jira.issue(key).status == "Done"
    assert fake_jira.issue(key).comments == ["fixed by PR 7"]
    # Already done: comment only, no second transition.
    assert tracker.close(key, "Done", "again") is False
    assert fake_jira.issue(key).transitions == ["Done"]
    assert tracker.reopen(key, "Reopen", "back") is True
    assert fake_jira.issue(key).status == "Open"


def test_cloud_uses_jql_search_endpoint_and_account_ids():
    with FakeJira(flavor="cloud", user=JIRA_USER, token=JIRA_TOKEN) as jira:
        jira.state.add_user("alice", account_id="5b10ac8d82e05b22cc7d4ef5")
        tracker = _tracker(jira, "cloud")
        key = tracker.create(_draft()).key
        assert [t.key for t in tracker.find_by_label("OPS", "incidentmesh-abc")] == [key]
        assert jira.calls("GET", r"/rest/api/2/search/jql$")
        tracker.assign(key, "alice")
        assert jira.calls("PUT", r"/assignee$")[0].body == {"accountId": "5b10ac8d82e05b22cc7d4ef5"}


def test_personal_access_token_is_sent_as_bearer():
    with FakeJira(token=JIRA_TOKEN) as jira:
        key = _tracker(jira, user=None).create(_draft()).key
        assert key == "OPS-1"
        assert jira.calls("POST", r"/issue$")[0].headers["authorization"] == f"Bearer {JIRA_TOKEN}"


@pytest.mark.parametrize("status", [429, 500, 503])
def test_rate_limits_and_server_errors_are_transient(fake_jira, status):
    tracker = _tracker(fake_jira)
    fake_jira.inject_failure(status, method="POST", path=r"/issue$", headers={"Retry-After": "7"})
    with pytest.raises(TrackerError) as raised:
        tracker.create(_draft())
    assert raised.value.transient
    assert raised.value.status == str(status)
    assert raised.value.retry_after == 7.0
    assert raised.value.ambiguous == (status >= 500)


def test_bad_request_is_permanent_with_jiras_reason_and_no_secret(fake_jira, caplog):
    tracker = _tracker(fake_jira)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(TrackerError) as raised:
        tracker.create(_draft(project="NOPE"))
    error = raised.value
    assert not error.transient
    assert error.status == "400"
    assert "valid project is required" in error.reason
    assert JIRA_TOKEN not in error.reason
    assert JIRA_TOKEN not in caplog.text


def test_connection_refused_is_transient_and_ambiguous_for_writes():
    jira = FakeJira().start()
    url = jira.url
    jira.stop()
    settings = JiraSettings(url, JIRA_USER, Secret(JIRA_TOKEN), "server", timeout_seconds=2)
    with pytest.raises(TrackerError) as raised:
        JiraTracker(settings).create(_draft())
    assert raised.value.transient
    assert raised.value.status == "connection"


def test_unknown_transition_name_is_permanent(fake_jira):
    tracker = _tracker(fake_jira)
    key = tracker.create(_draft()).key
    with pytest.raises(TrackerError) as raised:
        tracker.close(key, "Resolve It", "x")
    assert not raised.value.transient


def test_cloud_account_ids_are_set_directly_without_a_user_search():
    with FakeJira(flavor="cloud", user=JIRA_USER, token=JIRA_TOKEN) as jira:
        account = "712020:4a9e2c3b-1f0d-4c55-9b9e-0a1b2c3d4e5f"
        jira.state.add_user("alice", account_id=account)
        tracker = _tracker(jira, "cloud")
        key = tracker.create(_draft()).key
        tracker.assign(key, account)
        assert jira.issue(key).fields["assignee"]["accountId"] == account
        assert not jira.calls("GET", r"/user/search$")
        with pytest.raises(TrackerError) as raised:
            tracker.assign(key, "5b10ac8d82e05b22cc7d4ef5")
        assert raised.value.status == "400" and not raised.value.transient
