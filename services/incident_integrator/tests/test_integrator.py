"""The whole loop against the fakes, through the real `jira` and PyGithub clients."""

from __future__ import annotations

import json
import logging

from services.incident_integrator.content import fingerprint_label
from services.incident_integrator.tests.conftest import (
    GITHUB_TOKEN,
    JIRA_TOKEN,
    github_env,
    jira_env,
    report,
)


def pr_payload(
    number: int = 7,
    *,
    title: str = "OPS-1 fix checkout null token",
    merged: bool = True,
    action: str = "closed",
    body: str = "",
    head_ref: str = "fix-checkout",
) -> bytes:
    return json.dumps(
        {
            "action": action,
            "number": number,
            "pull_request": {
                "url": f"https://api.github.com/repos/acme/svc/pulls/{number}",
                "html_url": f"https://github.example/acme/svc/pull/{number}",
                "number": number,
                "state": "closed" if action == "closed" else "open",
                "title": title,
                "body": body,
                "closed_at": "2026-01-05T11:00:00Z" if action == "closed" else None,
                "merged_at": "2026-01-05T11:00:00Z" if merged else None,
                "merge_commit_sha": "c4295bd74fb0f4fda03689c3df3f2803b658fd85",
                "head": {"ref": head_ref, "sha": "ec26c3e5"},
                "base": {"ref": "main"},
                "merged": merged,
            },
            "repository": {"full_name": "acme/svc"},
        }
    ).encode()


def full_env(fake_jira, fake_github, **extra):
    return {**jira_env(fake_jira, **extra), **github_env(fake_github)}


def test_creates_one_ticket_with_content_and_the_codeowners_owner(make_harness, fake_jira, fake_github):
    harness = make_harness(
        full_env(fake_jira, fake_github, INCIDENT_INTEGRATOR_JIRA_PRIORITY_MAP='{"critical": "Highest"}')
    )
    outcome = harness.integrator.report(report())
    ticket = outcome.view.ticket
    assert outcome.action == "created"
    assert (ticket.key, ticket.status, ticket.assignee) == ("OPS-1", "open", "alice")
    assert "CODEOWNERS line 3: /src/payments/ @alice matched src/payments/app.py" in ticket.assignee_reason
    issue = fake_jira.issue("OPS-1")
    assert issue.fields["summary"] == "[checkout] NullPointerException in checkout"
    assert issue.fields["priority"] == {"name": "Highest"}
    assert fingerprint_label("fp-checkout-npe") in issue.fields["labels"]
    description = issue.fields["description"]
    for expected in ("PaymentClient.charge", "confidence 87%", "NullPointerException at charge()", "line 42"):
        assert expected in description
    assert "# Roll back checkout to the previous release" in description
    assert issue.assignee == "alice"
    assert [e.kind for e in outcome.view.events] == ["reported", "owner_chosen", "created", "assigned"]
    assert harness.metric("integrator_tickets_total", action="created") == 1


def test_last_committer_is_used_when_the_codeowners_owner_has_no_jira_user(
    make_harness, fake_jira, fake_github
):
    fake_github.add_commit("src/payments/legacy/refund.py", login="bob")
    harness = make_harness(full_env(fake_jira, fake_github))
    suspects = [{"path": "src/payments/legacy/refund.py", "line": 3, "function": "refund"}]
    ticket = harness.integrator.report(report(suspect_files=suspects)).view.ticket
    assert ticket.assignee == "bob"
    assert ticket.assignee_reason.startswith("last committer of src/payments/legacy/refund.py: bob")
    assert fake_jira.issue(ticket.key).assignee == "bob"


def test_unmapped_last_committer_falls_back_to_the_default_with_the_reason(
    make_harness, fake_jira, fake_github
):
    del fake_github.state.files[".github/CODEOWNERS"]
    harness = make_harness(full_env(fake_jira, fake_github))
    suspects = [{"path": "src/orders/service.py", "line": 1, "function": ""}]
    ticket = harness.integrator.report(report(suspect_files=suspects)).view.ticket
    assert ticket.assignee == "triage"
    assert "default assignee" in ticket.assignee_reason and "dave" in ticket.assignee_reason


def test_a_repeat_while_open_adds_a_comment_not_a_ticket(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github))
    harness.integrator.report(report())
    outcome = harness.integrator.report(report(incident_id="inc-2"))
    assert outcome.action == "updated"
    assert outcome.view.ticket.occurrences == 2
    assert len(fake_jira.state.issues) == 1
    assert fake_jira.issue("OPS-1").comments == [
        "Seen again, 2 occurrences in total. Latest incident: inc-2."
    ]
    assert harness.metric("integrator_tickets_total", action="updated") == 1


def test_a_merged_pr_closes_the_ticket_with_a_link_to_the_fix(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github))
    harness.integrator.report(report())
    outcome = harness.integrator.handle_pull_request_event("d-1", "pull_request", pr_payload())
    assert (outcome.handled, outcome.action, outcome.ticket_keys) == (True, "closed", ["OPS-1"])
    issue = fake_jira.issue("OPS-1")
    assert issue.status == "Done"
    assert "https://github.example/acme/svc/pull/7" in issue.comments[-1]
    assert "c4295bd74fb0f4fda03689c3df3f2803b658fd85" in issue.comments[-1]
    view = harness.integrator.get_ticket(key="OPS-1")
    assert view.ticket.status == "closed"
    assert {"merged", "closed"} <= {e.kind for e in view.events}
    assert harness.metric("integrator_tickets_total", action="closed") == 1
    assert harness.metric("integrator_github_events_total", action="closed") == 1


def test_a_branch_name_mention_is_enough(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github))
    harness.integrator.report(report())
    payload = pr_payload(title="Guard null token", head_ref="ops-1-null-token")
    assert harness.integrator.handle_pull_request_event("d-1", "pull_request", payload).action == "closed"
    assert fake_jira.issue("OPS-1").status == "Done"


def test_a_pr_closed_without_merge_only_comments(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github))
    harness.integrator.report(report())
    outcome = harness.integrator.handle_pull_request_event("d-1", "pull_request", pr_payload(merged=False))
    assert (outcome.handled, outcome.action) == (True, "commented")
    issue = fake_jira.issue("OPS-1")
    assert issue.status == "Open"
    assert issue.transitions == []
    assert "closed without merging" in issue.comments[-1]
    assert harness.integrator.get_ticket(key="OPS-1").ticket.status == "open"


def test_a_regression_after_close_reopens_with_the_fixing_pr(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github))
    harness.integrator.report(report())
    harness.integrator.handle_pull_request_event("d-1", "pull_request", pr_payload())
    outcome = harness.integrator.report(report(incident_id="inc-9"))
    assert outcome.action == "reopened"
    issue = fake_jira.issue("OPS-1")
    assert issue.status == "Open"
    assert issue.transitions == ["Done", "Open"]
    assert "https://github.example/acme/svc/pull/7" in issue.comments[-1]
    assert len(fake_jira.state.issues) == 1
    assert outcome.view.ticket.status == "open"
    assert harness.metric("integrator_tickets_total", action="reopened") == 1


def test_a_regression_can_open_a_linked_ticket_instead(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github, INCIDENT_INTEGRATOR_REGRESSION_MODE="new_ticket"))
    harness.integrator.report(report())
    harness.integrator.handle_pull_request_event("d-1", "pull_request", pr_payload())
    outcome = harness.integrator.report(report())
    assert outcome.action == "regression_created"
    assert outcome.view.ticket.key == "OPS-2"
    second = fake_jira.issue("OPS-2")
    assert second.fields["summary"].startswith("Regression of OPS-1: ")
    assert "https://github.example/acme/svc/pull/7" in second.fields["description"]
    assert second.remote_links == [{"url": f"{fake_jira.url}/browse/OPS-1", "title": "Regression of OPS-1"}]
    assert fake_jira.issue("OPS-1").status == "Done"


def test_jira_503_then_recovery_files_exactly_one_ticket(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github))
    fake_jira.inject_failure(503, times=2, method="POST", path=r"/rest/api/2/issue$")
    outcome = harness.integrator.report(report())
    assert outcome.action == "queued"
    assert outcome.view.ticket.key is None
    assert harness.integrator.stats().outbox_depth == 1
    harness.integrator.report(report())  # a repeat while Jira is down must not start a second create
    harness.run_outbox()
    assert list(fake_jira.state.issues) == ["OPS-1"]
    ticket = harness.integrator.get_ticket(fingerprint="fp-checkout-npe").ticket
    assert (ticket.key, ticket.status, ticket.occurrences) == ("OPS-1", "open", 2)
    assert harness.metric("integrator_jira_errors_total", status="503") == 2
    assert harness.integrator.stats().outbox_depth == 0
    assert harness.metric("integrator_outbox_depth") == 0


def test_a_create_whose_response_was_lost_is_reconciled_not_repeated(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github))
    # Jira creates the issue but the client sees a 502: the classic duplicate-ticket trap.
    fake_jira.inject_failure(502, method="POST", path=r"/rest/api/2/issue$", after_effect=True)
    assert harness.integrator.report(report()).action == "queued"
    assert len(fake_jira.state.issues) == 1
    harness.run_outbox()
    assert len(fake_jira.state.issues) == 1
    view = harness.integrator.get_ticket(fingerprint="fp-checkout-npe")
    assert view.ticket.key == "OPS-1"
    assert "recovered" in [e.kind for e in view.events]
    assert len(fake_jira.calls("POST", r"/rest/api/2/issue$")) == 1


def test_a_jira_400_is_recorded_as_failed_with_the_reason_and_not_retried(
    make_harness, fake_jira, fake_github
):
    env = full_env(
        fake_jira, fake_github, INCIDENT_INTEGRATOR_JIRA_CUSTOM_FIELDS='{"customfield_99999": "x"}'
    )
    harness = make_harness(env)
    outcome = harness.integrator.report(report())
    assert outcome.action == "failed"
    assert outcome.view.ticket.status == "failed"
    assert "customfield_99999" in outcome.view.ticket.error
    harness.run_outbox()
    assert len(fake_jira.calls("POST", r"/rest/api/2/issue$")) == 1
    stats = harness.integrator.stats()
    assert stats.failed_count == 1 and stats.outbox_depth == 0
    assert stats.tickets_by_status == {"failed": 1}
    assert harness.metric("integrator_jira_errors_total", status="400") == 1


def test_a_replayed_webhook_delivery_is_handled_once(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github))
    harness.integrator.report(report())
    first = harness.integrator.handle_pull_request_event(
        "same-guid", "pull_request", pr_payload(merged=False)
    )
    second = harness.integrator.handle_pull_request_event(
        "same-guid", "pull_request", pr_payload(merged=False)
    )
    assert first.handled and not second.handled
    assert "already handled" in second.reason
    assert len(fake_jira.issue("OPS-1").comments) == 1


def test_a_restart_mid_outbox_loses_nothing(make_harness, fake_jira, fake_github):
    first = make_harness(full_env(fake_jira, fake_github))
    fake_jira.inject_failure(503, times=1000, method="POST", path=r"/rest/api/2/issue$")
    first.integrator.report(report())
    first.integrator.report(report("fp-other", title="Other"))
    # A worker leases the ops and dies before finishing them.
    assert first.store.claim_due_ops(first.clock() + 3600, 120, 10)
    fake_jira.clear_failures()
    first.clock.advance(3600 + 121)  # the dead worker's lease runs out
    restarted = make_harness(full_env(fake_jira, fake_github), store=first.store, clock=first.clock)
    restarted.run_outbox()
    assert sorted(fake_jira.state.issues) == ["OPS-1", "OPS-2"]
    assert restarted.integrator.stats().tickets_by_status == {"open": 2}
    assert restarted.integrator.stats().outbox_depth == 0


def test_dry_run_records_what_would_have_been_filed(make_harness):
    harness = make_harness({"INCIDENT_INTEGRATOR_DEFAULT_ASSIGNEE": "triage"})
    outcome = harness.integrator.report(report())
    ticket = outcome.view.ticket
    assert outcome.action == "created"
    assert ticket.dry_run and ticket.key == "DRY-1" and ticket.url is None
    assert ticket.assignee == "triage"
    assert "GitHub is not configured" in ticket.assignee_reason
    assert "would create DRY-1" in [e.detail for e in outcome.view.events]
    assert harness.integrator.report(report()).action == "updated"
    closed = harness.integrator.handle_pull_request_event("d", "pull_request", pr_payload(title="DRY-1 fix"))
    assert closed.action == "closed"
    assert harness.integrator.get_ticket(key="DRY-1").ticket.status == "closed"
    assert harness.integrator.stats().dry_run


def test_unknown_keys_and_non_pr_events_and_garbage_are_ignored(make_harness, fake_jira, fake_github, caplog):
    harness = make_harness(full_env(fake_jira, fake_github))
    harness.integrator.report(report())
    caplog.set_level(logging.INFO, logger="incidentmesh.integrator")
    unknown = harness.integrator.handle_pull_request_event(
        "a", "pull_request", pr_payload(title="OPS-999 fix")
    )
    assert not unknown.handled and "no ticket known" in unknown.reason
    push = harness.integrator.handle_pull_request_event("b", "push", b"{}")
    assert not push.handled and "not a pull_request" in push.reason
    garbage = harness.integrator.handle_pull_request_event("c", "pull_request", b"{not json")
    assert not garbage.handled and "not valid JSON" in garbage.reason
    partial = harness.integrator.handle_pull_request_event("e", "pull_request", b'{"action": "closed"}')
    assert not partial.handled
    assert any("not a pull_request" in getattr(r, "reason", "") for r in caplog.records)
    assert fake_jira.issue("OPS-1").status == "Open" and fake_jira.issue("OPS-1").comments == []
    assert harness.metric("integrator_github_events_total", action="ignored") == 4


def test_an_oversized_log_excerpt_is_truncated_to_jiras_limit(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github))
    excerpt = "\n".join(f"ERROR line {i} " + "x" * 90 for i in range(2000))
    ticket = harness.integrator.report(report(logs_excerpt=excerpt, title="t" * 400)).view.ticket
    issue = fake_jira.issue(ticket.key)
    assert len(issue.fields["description"]) <= 32_767
    assert len(issue.fields["summary"]) <= 255
    assert "truncated" in issue.fields["description"]
    assert "ERROR line 0 " in issue.fields["description"]


def test_polling_closes_the_ticket_when_the_webhook_was_missed(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github))
    harness.integrator.report(report())
    fake_github.add_pull(7, title="OPS-1: guard the token")
    assert harness.integrator.poll_pull_requests() == 1
    assert fake_jira.issue("OPS-1").status == "Done"
    # The late webhook for the same close, and the next poll, change nothing.
    late = harness.integrator.handle_pull_request_event("late", "pull_request", pr_payload())
    assert not late.handled
    assert harness.integrator.poll_pull_requests() == 0
    assert fake_jira.issue("OPS-1").transitions == ["Done"]


def test_the_close_waits_for_the_verification_window(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github, INCIDENT_INTEGRATOR_VERIFY_QUIET_SECONDS="600"))
    harness.integrator.report(report())
    harness.integrator.handle_pull_request_event("d", "pull_request", pr_payload())
    assert fake_jira.issue("OPS-1").status == "Open"
    harness.clock.advance(300)
    harness.integrator.report(report())  # still firing: the window starts again
    harness.clock.advance(400)
    harness.worker.run_due()
    assert fake_jira.issue("OPS-1").status == "Open"
    harness.clock.advance(201)
    harness.worker.run_due()
    assert fake_jira.issue("OPS-1").status == "Done"


def test_a_linked_pr_closes_the_ticket_even_without_the_key_at_merge(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github))
    harness.integrator.report(report())
    opened = harness.integrator.handle_pull_request_event(
        "o", "pull_request", pr_payload(action="opened", merged=False, body="Fixes OPS-1")
    )
    assert (opened.handled, opened.action) == (True, "linked")
    assert fake_jira.issue("OPS-1").remote_links[0]["url"] == "https://github.example/acme/svc/pull/7"
    merged = harness.integrator.handle_pull_request_event(
        "m", "pull_request", pr_payload(title="Guard token")
    )
    assert merged.action == "closed"
    assert fake_jira.issue("OPS-1").status == "Done"


def test_secrets_never_reach_logs_errors_or_the_ledger(make_harness, fake_jira, fake_github, caplog):
    caplog.set_level(logging.DEBUG)
    env = full_env(fake_jira, fake_github, INCIDENT_INTEGRATOR_JIRA_PROJECT="NOPE")
    harness = make_harness(env)
    fake_jira.inject_failure(503, times=1, method="POST", path=r"/rest/api/2/issue$")
    harness.integrator.report(report())
    harness.run_outbox()
    view = harness.integrator.get_ticket(fingerprint="fp-checkout-npe")
    recorded = [view.ticket.error or "", *(e.detail for e in view.events), repr(harness.settings)]
    recorded += [reason or "" for _, _, reason in harness.store.failed_ops()]
    for secret in (JIRA_TOKEN, GITHUB_TOKEN):
        assert secret not in caplog.text
        assert all(secret not in text for text in recorded)
    assert "valid project is required" in view.ticket.error


def test_a_dropped_connection_after_create_is_reconciled(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github))
    fake_jira.inject_failure(0, method="POST", path=r"/rest/api/2/issue$", after_effect=True)
    assert harness.integrator.report(report()).action == "queued"
    harness.run_outbox()
    assert list(fake_jira.state.issues) == ["OPS-1"]
    assert harness.integrator.get_ticket(fingerprint="fp-checkout-npe").ticket.key == "OPS-1"
    assert harness.metric("integrator_jira_errors_total", status="connection") == 1


def test_retry_after_from_jira_is_respected(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github))
    fake_jira.inject_failure(429, method="POST", path=r"/rest/api/2/issue$", headers={"Retry-After": "30"})
    harness.integrator.report(report())
    (pending,) = harness.store.pending_ops()
    assert pending.next_attempt_at >= harness.clock() + 30
    harness.clock.advance(29)
    assert harness.worker.run_due() == 0
    harness.clock.advance(2)
    assert harness.worker.run_due() == 1
    assert list(fake_jira.state.issues) == ["OPS-1"]


def test_github_down_falls_back_to_the_default_assignee_after_retries(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github))
    fake_github.inject_failure(503, times=100)
    assert harness.integrator.report(report()).action == "queued"
    harness.run_outbox()
    ticket = harness.integrator.get_ticket(fingerprint="fp-checkout-npe").ticket
    assert ticket.key == "OPS-1" and ticket.assignee == "triage"
    assert "GitHub lookup failed: GitHub HTTP 503" in ticket.assignee_reason
    assert fake_jira.issue("OPS-1").assignee == "triage"


def test_a_rejected_transition_is_recorded_not_retried(make_harness, fake_jira, fake_github):
    harness = make_harness(
        full_env(fake_jira, fake_github, INCIDENT_INTEGRATOR_JIRA_DONE_TRANSITION="Shipped")
    )
    harness.integrator.report(report())
    harness.integrator.handle_pull_request_event("d", "pull_request", pr_payload())
    harness.run_outbox()
    view = harness.integrator.get_ticket(key="OPS-1")
    assert view.ticket.status == "open"
    assert "Invalid transition name" in view.ticket.error
    assert "close_failed" in [e.kind for e in view.events]
    assert harness.integrator.stats().failed_count == 1
    assert fake_jira.issue("OPS-1").status == "Open"


def test_an_unknown_jira_user_keeps_the_ticket_and_records_why(make_harness, fake_jira, fake_github):
    harness = make_harness(
        full_env(fake_jira, fake_github, INCIDENT_INTEGRATOR_USER_MAP='{"alice": "nobody"}')
    )
    ticket = harness.integrator.report(report()).view.ticket
    assert ticket.key == "OPS-1" and ticket.status == "open" and ticket.assignee == "nobody"
    view = harness.integrator.get_ticket(key="OPS-1")
    assert "assign_failed" in [e.kind for e in view.events]
    assert fake_jira.issue("OPS-1").assignee is None


def _fresh_store(tmp_path, name: str):
    from services.incident_integrator.storage import LedgerStore, make_engine

    return LedgerStore(make_engine(f"sqlite:///{tmp_path / name}"))


def test_a_lost_ledger_is_recovered_from_the_fingerprint_label(
    make_harness, fake_jira, fake_github, tmp_path
):
    make_harness(full_env(fake_jira, fake_github)).integrator.report(report())
    store = _fresh_store(tmp_path, "new-ledger.db")
    try:
        rebuilt = make_harness(full_env(fake_jira, fake_github), store=store)
        outcome = rebuilt.integrator.report(report())
        assert outcome.view.ticket.key == "OPS-1"
        assert "recovered" in [e.kind for e in outcome.view.events]
        assert list(fake_jira.state.issues) == ["OPS-1"]
    finally:
        store.close()


def test_a_lost_ledger_with_a_fixed_issue_treats_the_report_as_a_regression(
    make_harness, fake_jira, fake_github, tmp_path
):
    first = make_harness(full_env(fake_jira, fake_github))
    first.integrator.report(report())
    first.integrator.handle_pull_request_event("d", "pull_request", pr_payload())
    stores = [_fresh_store(tmp_path, "a.db"), _fresh_store(tmp_path, "b.db")]
    try:
        reopening = make_harness(full_env(fake_jira, fake_github), store=stores[0])
        assert reopening.integrator.report(report()).view.ticket.key == "OPS-1"
        assert fake_jira.issue("OPS-1").status == "Open"
        assert list(fake_jira.state.issues) == ["OPS-1"]
        fake_jira.issue("OPS-1").fields["status"] = {"name": "Done", "statusCategory": {"key": "done"}}
        env = full_env(fake_jira, fake_github, INCIDENT_INTEGRATOR_REGRESSION_MODE="new_ticket")
        regression = make_harness(env, store=stores[1]).integrator.report(report())
        assert regression.view.ticket.key == "OPS-2"
        assert regression.view.ticket.regression_of == "OPS-1"
        assert fake_jira.issue("OPS-2").fields["summary"].startswith("Regression of OPS-1")
        assert fake_jira.issue("OPS-2").remote_links[0]["title"] == "Regression of OPS-1"
    finally:
        for store in stores:
            store.close()


def test_a_dry_run_ticket_is_filed_for_real_once_jira_is_configured(make_harness, fake_jira, fake_github):
    dry = make_harness({})
    assert dry.integrator.report(report()).view.ticket.key == "DRY-1"
    real = make_harness(full_env(fake_jira, fake_github), store=dry.store)
    outcome = real.integrator.report(report())
    assert outcome.action == "created"
    assert (outcome.view.ticket.key, outcome.view.ticket.dry_run) == ("OPS-1", False)
    assert outcome.view.ticket.occurrences == 2
    assert list(fake_jira.state.issues) == ["OPS-1"]


def test_an_unexpected_tracker_response_is_retried_not_stuck(make_harness, fake_jira, fake_github):
    harness = make_harness(full_env(fake_jira, fake_github))
    # A 201 without a body: the client cannot build an issue from it.
    fake_jira.inject_failure(201, method="POST", path=r"/rest/api/2/issue$", body={"unexpected": True})
    assert harness.integrator.report(report()).action == "queued"
    harness.run_outbox()
    assert list(fake_jira.state.issues) == ["OPS-1"]


def test_the_full_loop_on_postgres(make_harness, fake_jira, fake_github, postgres_engine_url):
    from services.incident_integrator.storage import LedgerStore, make_engine

    url, schema = postgres_engine_url
    store = LedgerStore(make_engine(url, connect_args={"options": f"-csearch_path={schema}"}))
    try:
        harness = make_harness(full_env(fake_jira, fake_github), store=store)
        fake_jira.inject_failure(503, method="POST", path=r"/rest/api/2/issue$")
        assert harness.integrator.report(report()).action == "queued"
        harness.run_outbox()
        assert harness.integrator.report(report()).action == "updated"
        assert (
            harness.integrator.handle_pull_request_event("d", "pull_request", pr_payload()).action == "closed"
        )
        assert not harness.integrator.handle_pull_request_event("d", "pull_request", pr_payload()).handled
        assert harness.integrator.report(report()).action == "reopened"
        issue = fake_jira.issue("OPS-1")
        assert issue.transitions == ["Done", "Open"] and len(fake_jira.state.issues) == 1
        assert harness.integrator.get_ticket(key="OPS-1").ticket.occurrences == 3
    finally:
        store.close()


def test_ticket_views_show_the_most_recent_events(make_harness):
    harness = make_harness({})
    for _ in range(4):
        harness.integrator.report(report())
    ticket = harness.integrator.get_ticket(fingerprint="fp-checkout-npe").ticket
    everything = harness.store.events(ticket.id, limit=1000)
    recent = harness.store.events(ticket.id, limit=3)
    assert everything[0].kind == "reported"
    assert recent == everything[-3:]
