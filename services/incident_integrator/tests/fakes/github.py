"""A fake GitHub REST API (under `/api/v3`, like GitHub Enterprise) as PyGithub 2.10 calls it."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from services.incident_integrator.tests.fakes.base import FakeHttpServer, RecordedRequest, Response

NOT_FOUND = {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}
PREFIX = "/api/v3"


@dataclass
class GitHubState:
    repo: str = "acme/svc"
    files: dict[str, str] = field(default_factory=dict)
    # path -> commits touching it, newest first
    commits: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)


class FakeGitHub(FakeHttpServer):
    def __init__(self, *, repo: str = "acme/svc", token: str | None = None) -> None:
        super().__init__()
        self.state = GitHubState(repo=repo)
        self._token = token

    @property
    def url(self) -> str:
        """The API base URL to give PyGithub (`base_url`)."""
        return self.base + PREFIX

    # --- state builders ------------------------------------------------------------------------
    def set_file(self, path: str, text: str) -> None:
        with self._lock:
            self.state.files[path] = text

    def add_commit(
        self, path: str, *, login: str | None, name: str = "Dev", email: str = "dev@example.com"
    ) -> str:
        with self._lock:
            commits = self.state.commits.setdefault(path, [])
            sha = hashlib.sha1(f"{path}:{len(commits)}:{login}".encode()).hexdigest()
            person = {"name": name, "email": email, "date": "2026-01-05T10:00:00Z"}
            commits.insert(
                0,
                {
                    "sha": sha,
                    "url": f"{self.url}/repos/{self.state.repo}/commits/{sha}",
                    "commit": {"author": person, "committer": person, "message": f"change {path}"},
                    "author": {"login": login} if login else None,
                    "committer": {"login": login} if login else None,
                },
            )
            return sha

    def add_pull(
        self,
        number: int,
        *,
        title: str,
        body: str = "",
        head_ref: str = "fix",
        merged: bool = True,
        state: str = "closed",
        updated_at: str = "2026-01-05T11:00:00Z",
    ) -> dict[str, Any]:
        sha = hashlib.sha1(f"merge{number}".encode()).hexdigest()
        closed = updated_at if state == "closed" else None
        pull = {
            "number": number,
            "title": title,
            "body": body,
            "state": state,
            "url": f"{self.url}/repos/{self.state.repo}/pulls/{number}",
            "html_url": f"https://github.example/{self.state.repo}/pull/{number}",
            "head": {"ref": head_ref, "sha": sha[::-1], "label": f"acme:{head_ref}"},
            "base": {"ref": "main", "sha": sha[1:] + "0"},
            "user": {"login": "alice"},
            "merge_commit_sha": sha,
            "merged_at": closed if merged else None,
            "closed_at": closed,
            "updated_at": updated_at,
            "created_at": "2026-01-05T09:00:00Z",
            "_merged": merged,
        }
        with self._lock:
            self.state.pulls[number] = pull
        return pull

    # --- routes --------------------------------------------------------------------------------
    def route(self, request: RecordedRequest) -> Response:
        if self._token is not None and request.headers.get("authorization") != f"token {self._token}":
            return Response(401, {"message": "Bad credentials"})
        if request.method != "GET" or not request.path.startswith(PREFIX):
            return Response(404, NOT_FOUND)
        path = unquote(request.path[len(PREFIX) :])
        repo = self.state.repo
        if path == f"/repos/{repo}":
            name = repo.split("/")[1]
            return Response(
                200,
                {
                    "id": 1,
                    "name": name,
                    "full_name": repo,
                    "url": f"{self.url}/repos/{repo}",
                    "owner": {"login": repo.split("/")[0]},
                    "default_branch": "main",
                },
            )
        if path == f"/repos/{repo}/pulls":
            pulls = self._pulls(request.query)
            return Response(200, [{k: v for k, v in p.items() if not k.startswith("_")} for p in pulls])
        match = re.match(rf"^/repos/{re.escape(repo)}/pulls/(\d+)(/merge)?$", path)
        if match:
            pull = self.state.pulls.get(int(match.group(1)))
            if pull is None:
                return Response(404, NOT_FOUND)
            if match.group(2):
                return Response(204) if pull["_merged"] else Response(404, NOT_FOUND)
            full = {k: v for k, v in pull.items() if not k.startswith("_")}
            return Response(200, {**full, "merged": pull["_merged"]})
        if path == f"/repos/{repo}/commits":
            wanted = request.query.get("path", [""])[0]
            return Response(200, list(self.state.commits.get(wanted, [])))
        if path.startswith(f"/repos/{repo}/contents/"):
            file_path = path[len(f"/repos/{repo}/contents/") :]
            if file_path not in self.state.files:
                return Response(404, NOT_FOUND)
            data = self.state.files[file_path].encode()
            return Response(
                200,
                {
                    "type": "file",
                    "encoding": "base64",
                    "content": base64.b64encode(data).decode(),
                    "name": file_path.rsplit("/", 1)[-1],
                    "path": file_path,
                    "sha": hashlib.sha1(data).hexdigest(),
                    "size": len(data),
                    "url": f"{self.url}/repos/{repo}/contents/{file_path}",
                },
            )
        return Response(404, NOT_FOUND)

    def _pulls(self, query: dict[str, list[str]]) -> list[dict[str, Any]]:
        state = query.get("state", ["open"])[0]
        pulls = [p for p in self.state.pulls.values() if state == "all" or p["state"] == state]
        descending = query.get("direction", ["desc"])[0] == "desc"
        return sorted(pulls, key=lambda p: p["updated_at"], reverse=descending)
