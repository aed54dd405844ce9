"""Local fakes of Jira and GitHub that the real `jira` and PyGithub clients talk to over loopback.

Usage: `with FakeJira() as jira: ...` (or `start()`/`stop()`), then `jira.url`, `jira.state`,
`jira.inject_failure(503, times=2)`, `jira.requests`. Reusable by other components' tests.
"""

from services.incident_integrator.tests.fakes.base import FakeHttpServer, Fault, RecordedRequest
from services.incident_integrator.tests.fakes.github import FakeGitHub
from services.incident_integrator.tests.fakes.jira import FakeJira

__all__ = ["FakeGitHub", "FakeHttpServer", "FakeJira", "Fault", "RecordedRequest"]
