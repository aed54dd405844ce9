from __future__ import annotations

from datetime import datetime

from services.incident_integrator.code_host import CommitInfo
from services.incident_integrator.config import TicketPolicy
from services.incident_integrator.owners import OwnerResolver
from services.incident_integrator.pull_requests import PullRequestInfo


class InMemoryCodeHost:
    """Implements the CodeHost protocol from plain data."""

    def __init__(self, codeowners: str | None, commits: dict[str, CommitInfo]) -> None:
        self._codeowners = codeowners
        self._commits = commits

    def codeowners(self) -> str | None:
        return self._codeowners

    def last_commit(self, path: str) -> CommitInfo | None:
        return self._commits.get(path)

    def closed_pulls(self, since: datetime | None, limit: int) -> list[PullRequestInfo]:
        return []


POLICY = TicketPolicy(
    user_map={"@acme/dba": "dba.lead", "alice": "alice.j", "carol@example.com": "carol.k"},
    default_assignee="triage",
    strip_path_prefixes=("/usr/src/app/",),
)


def test_a_team_owner_maps_through_the_user_map():
    host = InMemoryCodeHost("*.sql @acme/dba\n", {})
    choice = OwnerResolver(host, POLICY).resolve(["/usr/src/app/db/migrate.sql"])
    assert choice.assignee == "dba.lead"
    assert choice.reason == "CODEOWNERS line 1: *.sql @acme/dba matched db/migrate.sql (owner @acme/dba)"


def test_the_first_mapped_owner_of_a_rule_is_chosen():
    host = InMemoryCodeHost("/src/ @ghost @Alice\n", {})
    assert OwnerResolver(host, POLICY).resolve(["src/a.py"]).assignee == "alice.j"


def test_a_commit_email_is_used_when_the_author_has_no_login():
    commit = CommitInfo("0123456789abcdef", None, "Carol", "carol@example.com")
    choice = OwnerResolver(InMemoryCodeHost(None, {"lib/x.py": commit}), POLICY).resolve(["lib/x.py"])
    assert choice.assignee == "carol.k"
    assert choice.reason == "last committer of lib/x.py: carol@example.com (commit 0123456789ab)"


def test_later_suspect_files_are_tried_when_earlier_ones_have_no_owner():
    commit = CommitInfo("feedfacecafe0000", "alice", None, None)
    host = InMemoryCodeHost("/vendor/ @nobody\n", {"app/main.py": commit})
    choice = OwnerResolver(host, POLICY).resolve(["vendor/lib.py", "app/main.py"])
    assert choice.assignee == "alice.j"
    assert choice.reason.startswith("last committer of app/main.py")


def test_fallbacks_say_why():
    resolver = OwnerResolver(InMemoryCodeHost(None, {}), POLICY)
    assert resolver.resolve([]).reason == "default assignee (no suspect files in the report)"
    assert "no CODEOWNERS rule or commit history" in resolver.resolve(["x.py"]).reason
    unconfigured = OwnerResolver(None, TicketPolicy())
    choice = unconfigured.resolve(["x.py"])
    assert choice.assignee is None
    assert choice.reason == "unassigned: no default assignee configured (GitHub is not configured)"
