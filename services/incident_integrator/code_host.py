"""The code host port: CODEOWNERS, last committer of a file and recently closed pull requests.

`GitHubCodeHost` uses PyGithub against github.com, GitHub Enterprise (`/api/v3`) or a local fake.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from github import Auth, Github, GithubException, UnknownObjectException
from github.Repository import Repository
from requests import RequestException

from services.incident_integrator.codeowners import MAX_CODEOWNERS_BYTES
from services.incident_integrator.config import GitHubSettings
from services.incident_integrator.pull_requests import PullRequestInfo

logger = logging.getLogger("incidentmesh.integrator.code_host")

# GitHub looks for CODEOWNERS in these places, in this order.
CODEOWNERS_PATHS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
CODEOWNERS_CACHE_SECONDS = 300.0


@dataclass(frozen=True)
class CommitInfo:
    sha: str
    login: str | None
    author_name: str | None
    author_email: str | None


class CodeHostError(Exception):
    def __init__(self, status: str, reason: str, *, transient: bool) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.transient = transient


class CodeHost(Protocol):
    def codeowners(self) -> str | None: ...

    def last_commit(self, path: str) -> CommitInfo | None: ...

    def closed_pulls(self, since: datetime | None, limit: int) -> Sequence[PullRequestInfo]:
        """Closed PRs, most recently updated first, stopping at `since`."""
        ...


class GitHubCodeHost:
    def __init__(self, settings: GitHubSettings, *, clock=time.monotonic) -> None:
        self._settings = settings
        auth = Auth.Token(settings.token.reveal()) if settings.token else None
        # retry=None and no throttling: the integrator's own outbox and poll interval pace the calls.
        self._github = Github(
            auth=auth,
            base_url=settings.api_url,
            timeout=int(max(settings.timeout_seconds, 1)),
            retry=None,
            seconds_between_requests=None,
            seconds_between_writes=None,
        )
        self._repo: Repository | None = None
        # PyGithub shares one requests.Session; the worker and request threads take turns.
        self._lock = threading.RLock()
        self._clock = clock
        self._codeowners: tuple[float, str | None] | None = None

    def _repository(self) -> Repository:
        with self._lock:
            if self._repo is None:
                self._repo = self._call(lambda: self._github.get_repo(self._settings.repo))
            return self._repo

    def codeowners(self) -> str | None:
        cached = self._codeowners
        if cached is not None and self._clock() - cached[0] < CODEOWNERS_CACHE_SECONDS:
            return cached[1]
        repo = self._repository()
        text = None
        for path in CODEOWNERS_PATHS:
            content = self._call(lambda p=path: repo.get_contents(p), missing_ok=True)
            if content is None or isinstance(content, list):
                continue
            if (content.size or 0) > MAX_CODEOWNERS_BYTES:
                logger.warning("CODEOWNERS above GitHub's 3 MB limit; ignored", extra={"path": path})
                continue
            text = content.decoded_content.decode("utf-8", "replace")
            break
        self._codeowners = (self._clock(), text)
        return text

    def last_commit(self, path: str) -> CommitInfo | None:
        repo = self._repository()

        def newest() -> CommitInfo | None:
            commits = repo.get_commits(path=path)
            for commit in commits:
                author = commit.commit.author
                return CommitInfo(
                    sha=commit.sha,
                    login=commit.author.login if commit.author is not None else None,
                    author_name=author.name if author is not None else None,
                    author_email=author.email if author is not None else None,
                )
            return None

        return self._call(newest, missing_ok=True)

    def closed_pulls(self, since: datetime | None, limit: int) -> list[PullRequestInfo]:
        repo = self._repository()

        def collect() -> list[PullRequestInfo]:
            found: list[PullRequestInfo] = []
            for pull in repo.get_pulls(state="closed", sort="updated", direction="desc"):
                if since is not None and pull.updated_at is not None and pull.updated_at < since:
                    break
                found.append(
                    PullRequestInfo(
                        number=pull.number,
                        action="closed",
                        title=pull.title or "",
                        body=pull.body or "",
                        head_ref=pull.head.ref if pull.head is not None else "",
                        html_url=pull.html_url or pull.url,
                        # List items carry merged_at, not merged; reading .merged costs a request per PR.
                        merged=pull.merged_at is not None,
                        merge_commit_sha=pull.merge_commit_sha,
                        repository=self._settings.repo,
                        closed_at=pull.closed_at.strftime("%Y-%m-%dT%H:%M:%SZ") if pull.closed_at else None,
                    )
                )
                if len(found) >= limit:
                    break
            return found

        return self._call(collect)

    def _call(self, action, *, missing_ok: bool = False):
        try:
            with self._lock:
                return action()
        except UnknownObjectException:
            if missing_ok:
                return None
            raise CodeHostError("404", "GitHub: not found", transient=False) from None
        except GithubException as error:
            status = error.status
            message = error.message or "no message"
            transient = status in (403, 429) or status >= 500
            raise CodeHostError(
                str(status), f"GitHub HTTP {status}: {message[:300]}", transient=transient
            ) from None
        except RequestException as error:
            raise CodeHostError("connection", f"GitHub: {type(error).__name__}", transient=True) from None
