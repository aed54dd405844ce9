from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.incident_integrator.code_host import CodeHostError, GitHubCodeHost
from services.incident_integrator.config import GitHubSettings, Secret
from services.incident_integrator.tests.conftest import CODEOWNERS, GITHUB_TOKEN
from services.incident_integrator.tests.fakes import FakeGitHub


def _host(github: FakeGitHub, token: str = GITHUB_TOKEN) -> GitHubCodeHost:
    return GitHubCodeHost(GitHubSettings(github.url, Secret(token), github.state.repo, timeout_seconds=5))


def test_reads_codeowners_from_dot_github_and_caches_it(fake_github):
    host = _host(fake_github)
    assert host.codeowners() == CODEOWNERS
    assert host.codeowners() == CODEOWNERS
    assert len(fake_github.calls("GET", r"/contents/\.github/CODEOWNERS$")) == 1
    assert fake_github.requests[0].headers["authorization"] == f"token {GITHUB_TOKEN}"


def test_falls_back_to_root_codeowners_and_none_when_absent():
    with FakeGitHub() as github:
        assert _host(github).codeowners() is None
        github.set_file("CODEOWNERS", "* @x\n")
        assert _host(github).codeowners() == "* @x\n"


def test_last_commit_is_the_newest_touching_the_file(fake_github):
    commit = _host(fake_github).last_commit("src/orders/service.py")
    assert commit is not None and commit.login == "dave"
    assert _host(fake_github).last_commit("never/touched.py") is None


def test_closed_pulls_stop_at_the_cursor(fake_github):
    fake_github.add_pull(7, title="OPS-1 fix", updated_at="2026-01-05T11:00:00Z")
    fake_github.add_pull(8, title="old", updated_at="2026-01-01T11:00:00Z", merged=False)
    host = _host(fake_github)
    everything = host.closed_pulls(None, 10)
    assert [(p.number, p.merged) for p in everything] == [(7, True), (8, False)]
    recent = host.closed_pulls(datetime(2026, 1, 3, tzinfo=UTC), 10)
    assert [p.number for p in recent] == [7]


def test_server_errors_are_transient_and_bad_credentials_are_not(fake_github):
    fake_github.inject_failure(502, times=1)
    with pytest.raises(CodeHostError) as raised:
        _host(fake_github).codeowners()
    assert raised.value.transient
    with pytest.raises(CodeHostError) as raised:
        _host(fake_github, token="wrong").codeowners()
    assert not raised.value.transient
    assert raised.value.status == "401"
