"""Who gets the ticket: CODEOWNERS of the suspect files, else their last committer, else the default.

GitHub identities become Jira users only through the configured user map; an owner without a
mapping is skipped (and named in the reason) rather than guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.incident_integrator.code_host import CodeHost
from services.incident_integrator.codeowners import normalize_path, parse_codeowners
from services.incident_integrator.config import TicketPolicy

MAX_FILES_CONSIDERED = 10


@dataclass(frozen=True)
class OwnerChoice:
    assignee: str | None
    reason: str


class OwnerResolver:
    def __init__(self, code_host: CodeHost | None, policy: TicketPolicy) -> None:
        self._code_host = code_host
        self._policy = policy

    def resolve(self, suspect_paths: Sequence[str]) -> OwnerChoice:
        """May raise CodeHostError; the caller decides whether to retry or fall back."""
        paths = [self._repo_path(p) for p in suspect_paths if p.strip()][:MAX_FILES_CONSIDERED]
        if self._code_host is None:
            return self._fallback("GitHub is not configured")
        if not paths:
            return self._fallback("no suspect files in the report")
        skipped: list[str] = []
        text = self._code_host.codeowners()
        if text is not None:
            codeowners = parse_codeowners(text)
            for path in paths:
                rule = codeowners.match(path)
                if rule is None:
                    continue
                for owner in rule.owners:
                    user = self._jira_user(owner)
                    if user is not None:
                        return OwnerChoice(user, f"{rule.describe()} matched {path} (owner {owner})")
                    skipped.append(f"{owner} (CODEOWNERS, no Jira mapping)")
        for path in paths:
            commit = self._code_host.last_commit(path)
            if commit is None:
                continue
            identities = [i for i in (commit.login, commit.author_email) if i]
            for identity in identities:
                user = self._jira_user(identity)
                if user is not None:
                    return OwnerChoice(
                        user, f"last committer of {path}: {identity} (commit {commit.sha[:12]})"
                    )
            skipped.append(
                f"{identities[0] if identities else commit.sha[:12]} (last committer, no Jira mapping)"
            )
        if skipped:
            return self._fallback("no mapped owner; skipped " + ", ".join(skipped[:5]))
        return self._fallback("no CODEOWNERS rule or commit history for the suspect files")

    def fallback(self, why: str) -> OwnerChoice:
        return self._fallback(why)

    def _fallback(self, why: str) -> OwnerChoice:
        default = self._policy.default_assignee
        if default:
            return OwnerChoice(default, f"default assignee ({why})")
        return OwnerChoice(None, f"unassigned: no default assignee configured ({why})")

    def _jira_user(self, identity: str) -> str | None:
        user_map = self._policy.user_map
        lowered = identity.lower()
        return user_map.get(lowered) or user_map.get(lowered.lstrip("@")) or user_map.get("@" + lowered)

    def _repo_path(self, path: str) -> str:
        cleaned = path.strip().replace("\\", "/")
        for prefix in self._policy.strip_path_prefixes:
            if cleaned.startswith(prefix):
                cleaned = cleaned[len(prefix) :]
                break
        return normalize_path(cleaned)
