"""A fake Jira (Server/Data Center or Cloud) speaking REST v2 as pycontribs/jira 3.10 calls it."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from typing import Any

from services.incident_integrator.tests.fakes.base import FakeHttpServer, RecordedRequest, Response

NOT_FOUND = {"errorMessages": ["Issue does not exist or you do not have permission to see it."], "errors": {}}
SUMMARY_LIMIT = 255
TEXT_LIMIT = 32_767
# The default workflow: open statuses can go to In Progress or Done; Done can be reopened.
TRANSITIONS_OPEN = [{"id": "21", "name": "In Progress"}, {"id": "31", "name": "Done"}]
TRANSITIONS_DONE = [{"id": "41", "name": "Reopen"}]
STATUS = {
    "Open": {"name": "Open", "statusCategory": {"key": "new", "name": "To Do"}},
    "In Progress": {"name": "In Progress", "statusCategory": {"key": "indeterminate", "name": "In Progress"}},
    "Done": {"name": "Done", "statusCategory": {"key": "done", "name": "Done"}},
}
TRANSITION_TARGET = {"21": "In Progress", "31": "Done", "41": "Open"}


@dataclass
class FakeIssue:
    id: str
    key: str
    fields: dict[str, Any]
    comments: list[str] = field(default_factory=list)
    remote_links: list[dict[str, Any]] = field(default_factory=list)
    transitions: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.fields["status"]["name"]

    @property
    def assignee(self) -> str | None:
        assignee = self.fields.get("assignee")
        if not assignee:
            return None
        return assignee.get("name") or assignee.get("accountId")


@dataclass
class JiraState:
    issues: dict[str, FakeIssue] = field(default_factory=dict)
    projects: dict[str, str] = field(default_factory=lambda: {"OPS": "10000"})
    issue_types: tuple[str, ...] = ("Bug", "Task")
    priorities: tuple[str, ...] = ("Highest", "High", "Medium", "Low")
    # Field ids the create screen accepts besides the system fields.
    custom_fields: set[str] = field(default_factory=lambda: {"customfield_10010"})
    users: dict[str, dict[str, str]] = field(default_factory=dict)
    next_id: int = 10001

    def add_user(self, name: str, account_id: str | None = None) -> None:
        self.users[name] = {
            "name": name,
            "key": name,
            "accountId": account_id or f"acc-{name}",
            "displayName": name.title(),
        }


class FakeJira(FakeHttpServer):
    def __init__(self, *, flavor: str = "server", user: str | None = None, token: str | None = None) -> None:
        super().__init__()
        self.flavor = flavor
        self.state = JiraState()
        self._expected_auth = _expected_auth(user, token)

    @property
    def url(self) -> str:
        return self.base

    # --- assertions helpers --------------------------------------------------------------------
    def issue(self, key: str) -> FakeIssue:
        with self._lock:
            return self.state.issues[key]

    def issues_with_label(self, label: str) -> list[FakeIssue]:
        with self._lock:
            return [i for i in self.state.issues.values() if label in i.fields.get("labels", [])]

    # --- routes --------------------------------------------------------------------------------
    def route(self, request: RecordedRequest) -> Response:
        method, path, query, body = request.method, request.path, request.query, request.body
        if self._expected_auth is not None and request.headers.get("authorization") != self._expected_auth:
            return Response(401, {"errorMessages": ["You are not authenticated."], "errors": {}})
        api = re.match(r"^/rest/api/(?:2|latest)(/.*)$", path)
        if path == "/rest/applinks/latest/listApplicationlinks":
            return Response(200, {"list": []})
        if api is None:
            return Response(404, {"errorMessages": [f"no route {path}"], "errors": {}})
        sub = api.group(1)
        if sub == "/serverInfo":
            deployment = "Cloud" if self.flavor == "cloud" else "Server"
            return Response(
                200,
                {
                    "versionNumbers": [9, 12, 0],
                    "version": "9.12.0",
                    "deploymentType": deployment,
                    "baseUrl": self.base,
                },
            )
        if sub == "/field":
            return Response(
                200,
                [
                    {"id": "summary", "name": "Summary", "clauseNames": ["summary"]},
                    {"id": "labels", "name": "Labels", "clauseNames": ["labels"]},
                ],
            )
        if sub == "/issue" and method == "POST":
            return self._create(body)
        if sub in ("/search", "/search/jql"):
            if (sub == "/search/jql") != (self.flavor == "cloud"):
                return Response(
                    410, {"errorMessages": ["This search endpoint is not available here."], "errors": {}}
                )
            jql = query.get("jql", [""])[0] if method == "GET" else (body or {}).get("jql", "")
            return self._search(jql, cloud=sub == "/search/jql")
        if sub == "/user/search":
            term = (query.get("query") if self.flavor == "cloud" else query.get("username")) or [""]
            users = [
                {**u, "self": f"{self.base}/rest/api/2/user?username={name}"}
                for name, u in self.state.users.items()
                if name.startswith(term[0])
            ]
            return Response(200, users)
        match = re.match(r"^/issue/([^/]+)(/[a-z]+)?$", sub)
        if match is None:
            return Response(404, {"errorMessages": [f"no route {path}"], "errors": {}})
        issue = self._find(match.group(1))
        if issue is None:
            return Response(404, NOT_FOUND)
        action = match.group(2)
        if action is None and method == "GET":
            return Response(200, self._issue_json(issue))
        if action is None and method == "PUT":
            return self._edit(issue, body or {})
        if action == "/assignee" and method == "PUT":
            return self._assign(issue, body or {})
        if action == "/comment" and method == "POST":
            issue.comments.append(body["body"])
            comment_id = 10100 + len(issue.comments)
            return Response(201, {"id": str(comment_id), "body": body["body"], "self": self._self(issue)})
        if action == "/comment" and method == "GET":
            return Response(200, {"comments": [{"body": c} for c in issue.comments]})
        if action == "/transitions" and method == "GET":
            done = issue.fields["status"]["statusCategory"]["key"] == "done"
            return Response(200, {"transitions": TRANSITIONS_DONE if done else TRANSITIONS_OPEN})
        if action == "/transitions" and method == "POST":
            return self._transition(issue, body or {})
        if action == "/remotelink" and method == "POST":
            issue.remote_links.append(body["object"])
            return Response(
                201, {"id": 10000 + len(issue.remote_links), "self": f"{self._self(issue)}/remotelink"}
            )
        return Response(405, {"errorMessages": [f"{method} not allowed on {path}"], "errors": {}})

    def _create(self, body: dict[str, Any]) -> Response:
        fields = dict(body["fields"])
        errors: dict[str, str] = {}
        project = fields.get("project", {}).get("key")
        if project not in self.state.projects:
            errors["project"] = "valid project is required"
        if fields.get("issuetype", {}).get("name") not in self.state.issue_types:
            errors["issuetype"] = "valid issue type is required"
        if len(fields.get("summary") or "") > SUMMARY_LIMIT:
            errors["summary"] = "Summary must be less than 255 characters."
        if not fields.get("summary"):
            errors["summary"] = "You must specify a summary of the issue."
        if len(fields.get("description") or "") > TEXT_LIMIT:
            errors["description"] = (
                "The entered text is too long. It exceeds the allowed limit of 32,767 characters."
            )
        if "priority" in fields and fields["priority"].get("name") not in self.state.priorities:
            errors["priority"] = "Specify a valid priority."
        for name in fields:
            if name.startswith("customfield_") and name not in self.state.custom_fields:
                errors[name] = (
                    f"Field '{name}' cannot be set. It is not on the appropriate screen, or unknown."
                )
        if errors:
            return Response(400, {"errorMessages": [], "errors": errors})
        number = sum(1 for key in self.state.issues if key.startswith(f"{project}-")) + 1
        key = f"{project}-{number}"
        issue_id = str(self.state.next_id)
        self.state.next_id += 1
        fields.update(
            status=STATUS["Open"],
            resolution=None,
            resolutiondate=None,
            assignee=fields.get("assignee"),
            labels=list(fields.get("labels", [])),
            created=f"2026-01-01T00:00:{len(self.state.issues):02d}.000+0000",
        )
        issue = FakeIssue(issue_id, key, fields)
        self.state.issues[key] = issue
        return Response(201, {"id": issue_id, "key": key, "self": self._self(issue)})

    def _search(self, jql: str, *, cloud: bool) -> Response:
        conditions = re.findall(r'(project|labels)\s*=\s*"((?:[^"\\]|\\.)*)"', jql)
        found = []
        for issue in self.state.issues.values():
            ok = True
            for name, value in conditions:
                value = value.replace('\\"', '"').replace("\\\\", "\\")
                if name == "project" and not issue.key.startswith(f"{value}-"):
                    ok = False
                if name == "labels" and value not in issue.fields.get("labels", []):
                    ok = False
            if ok:
                found.append(issue)
        found.sort(key=lambda i: int(i.id), reverse=bool(re.search(r"order by created desc", jql, re.I)))
        issues = [self._issue_json(i) for i in found]
        if cloud:
            return Response(200, {"issues": issues, "isLast": True})
        return Response(200, {"startAt": 0, "maxResults": 50, "total": len(issues), "issues": issues})

    def _assign(self, issue: FakeIssue, body: dict[str, Any]) -> Response:
        wanted_key = "accountId" if self.flavor == "cloud" else "name"
        value = body.get(wanted_key)
        user = next((u for u in self.state.users.values() if u[wanted_key] == value), None)
        if user is None:
            return Response(
                400, {"errorMessages": [], "errors": {"assignee": f"User '{value}' does not exist."}}
            )
        issue.fields["assignee"] = {wanted_key: value, "displayName": user["displayName"]}
        return Response(204)

    def _edit(self, issue: FakeIssue, body: dict[str, Any]) -> Response:
        fields = dict(body.get("fields") or {})
        if "assignee" in fields:
            response = self._assign(issue, fields.pop("assignee") or {})
            if response.status != 204:
                return response
        unknown = [name for name in fields if name not in issue.fields]
        if unknown:
            return Response(
                400, {"errorMessages": [], "errors": {n: "Field cannot be set." for n in unknown}}
            )
        issue.fields.update(fields)
        return Response(204)

    def _transition(self, issue: FakeIssue, body: dict[str, Any]) -> Response:
        transition_id = str(body.get("transition", {}).get("id"))
        done = issue.fields["status"]["statusCategory"]["key"] == "done"
        allowed = {t["id"] for t in (TRANSITIONS_DONE if done else TRANSITIONS_OPEN)}
        if transition_id not in allowed:
            return Response(
                400, {"errorMessages": [f"Transition id '{transition_id}' is not valid."], "errors": {}}
            )
        target = TRANSITION_TARGET[transition_id]
        issue.fields["status"] = STATUS[target]
        issue.fields["resolution"] = {"name": "Fixed"} if target == "Done" else None
        issue.transitions.append(target)
        for item in body.get("update", {}).get("comment", []):
            issue.comments.append(item["add"]["body"])
        return Response(204)

    def _find(self, key_or_id: str) -> FakeIssue | None:
        if key_or_id in self.state.issues:
            return self.state.issues[key_or_id]
        return next((i for i in self.state.issues.values() if i.id == key_or_id), None)

    def _issue_json(self, issue: FakeIssue) -> dict[str, Any]:
        return {"id": issue.id, "key": issue.key, "self": self._self(issue), "fields": issue.fields}

    def _self(self, issue: FakeIssue) -> str:
        return f"{self.base}/rest/api/2/issue/{issue.id}"


def _expected_auth(user: str | None, token: str | None) -> str | None:
    if token is None:
        return None
    if user is None:
        return f"Bearer {token}"
    return "Basic " + base64.b64encode(f"{user}:{token}".encode()).decode()
