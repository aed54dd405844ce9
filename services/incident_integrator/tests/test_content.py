from __future__ import annotations

from services.incident_integrator.config import TicketPolicy
from services.incident_integrator.content import (
    SUMMARY_LIMIT,
    TEXT_FIELD_LIMIT,
    build_draft,
    fingerprint_label,
    normalize_report,
)
from services.incident_integrator.pull_requests import PullRequestInfo
from services.incident_integrator.tests.conftest import report


def _pull(title: str = "", body: str = "", head_ref: str = "") -> PullRequestInfo:
    return PullRequestInfo(
        7, "closed", title, body, head_ref, "https://x/pull/7", True, "abc", "acme/svc", None
    )


def test_the_fingerprint_label_is_a_valid_stable_jira_label():
    label = fingerprint_label("checkout: NPE in PaymentClient {prod}")
    assert label == fingerprint_label("checkout: NPE in PaymentClient {prod}")
    assert label != fingerprint_label("checkout: NPE in PaymentClient {staging}")
    assert " " not in label and len(label) <= 255 and label.startswith("incidentmesh-")


def test_logs_cannot_escape_the_noformat_block():
    draft = build_draft(report(logs_excerpt="a {noformat} b"), TicketPolicy(), owner_reason=None)
    assert draft.description.count("{noformat}") == 2
    assert "a { noformat} b" in draft.description


def test_every_field_fits_jiras_limits_for_huge_input():
    huge = report(
        title="t" * 5000,
        root_cause="r" * 50_000,
        logs_excerpt="l" * 200_000,
        recommended_actions=["a" * 5000] * 200,
        suspect_files=[{"path": "p" * 3000, "line": 1, "function": "f"}] * 300,
    )
    draft = build_draft(normalize_report(huge), TicketPolicy(), owner_reason="x" * 5000)
    assert len(draft.summary) <= SUMMARY_LIMIT
    assert len(draft.description) <= TEXT_FIELD_LIMIT
    assert "truncated" in draft.description
    assert "... and 30 more" in draft.description


def test_summary_falls_back_to_the_root_cause_and_marks_regressions():
    draft = build_draft(
        report(title="", service=""), TicketPolicy(), owner_reason=None, regression_of="OPS-1"
    )
    assert draft.summary == "Regression of OPS-1: PaymentClient.charge dereferences a missing card token"


def test_priority_labels_custom_fields_and_dashboard_link_come_from_policy():
    policy = TicketPolicy(
        project="SRE",
        issue_type="Incident",
        labels=("mesh",),
        priority_map={"critical": "P1"},
        custom_fields={"customfield_1": "x"},
        dashboard_url="https://mesh.example/",
    )
    draft = build_draft(report(), policy, owner_reason="CODEOWNERS line 2")
    assert (draft.project, draft.issue_type, draft.priority) == ("SRE", "Incident", "P1")
    assert draft.labels == ("mesh", fingerprint_label("fp-checkout-npe"))
    assert draft.custom_fields == {"customfield_1": "x"}
    assert "[Incident Mesh dashboard|https://mesh.example/incidents/inc-1]" in draft.description
    assert "Assigned because: CODEOWNERS line 2" in draft.description
    assert build_draft(report(severity="info"), policy, owner_reason=None).priority is None


def test_ticket_keys_are_found_in_title_branch_and_body_only_as_whole_keys():
    pull = _pull(
        title="OPS-12: fix",
        body="Relates to SRE-7 and DEV-3, not fooOPS-99 or OPS-0",
        head_ref="ops-12-retry",
    )
    assert pull.mentioned_keys() == ["OPS-12", "SRE-7", "DEV-3"]
    assert _pull(title="ops-1 lower case title", body="").mentioned_keys() == []
    assert _pull(head_ref="feature/ops-44-guard").mentioned_keys() == ["OPS-44"]
