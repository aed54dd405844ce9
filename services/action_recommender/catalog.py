"""The approved action catalog: validation, merging of a user extension, placeholder filling.

The catalog is the safety boundary of the recommender: the model ranks, but only actions
defined here can be returned, and only for the root causes they list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from services.kit.artifacts import sha256_of

RISK_TIERS = ("low", "medium", "high")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
PLACEHOLDER = re.compile(r"<([a-z][a-z0-9_]*)>")
_KNOWN_FIELDS = frozenset(
    {"id", "title", "steps", "risk", "requires_approval", "preconditions", "root_causes", "fallback"}
)

# The default root-cause taxonomy shared with the root-cause predictor.
ROOT_CAUSES = (
    "database_unavailable",
    "out_of_memory",
    "disk_full",
    "network_connectivity",
    "dns_resolution",
    "tls_certificate",
    "upstream_timeout",
    "rate_limited",
    "auth_failure",
    "config_error",
    "code_regression",
    "schema_migration",
    "crash_loop",
    "image_pull",
    "resource_saturation",
    "queue_backlog",
)


class CatalogError(ValueError):
    """The catalog (or its extension) is malformed; the message names the source, action and field."""


@dataclass(frozen=True)
class Action:
    id: str
    title: str
    steps: tuple[str, ...]
    risk: str
    requires_approval: bool
    preconditions: tuple[str, ...]
    root_causes: tuple[str, ...]
    fallback: bool = False

    def rendered_steps(self, values: Mapping[str, str]) -> tuple[str, ...]:
        """Fills <placeholders> whose value is known; unknown ones stay visible for the human."""

        def fill(match: re.Match[str]) -> str:
            value = values.get(match.group(1), "")
            return value if value else match.group(0)

        return tuple(PLACEHOLDER.sub(fill, step) for step in self.steps)


class Catalog:
    def __init__(self, actions: Iterable[Action], digest: str) -> None:
        self._actions = {action.id: action for action in actions}
        self.digest = digest
        self._by_root_cause: dict[str, tuple[Action, ...]] = {}
        for action in self._actions.values():
            for root_cause in action.root_causes:
                self._by_root_cause[root_cause] = (*self._by_root_cause.get(root_cause, ()), action)

    def __len__(self) -> int:
        return len(self._actions)

    def __contains__(self, action_id: object) -> bool:
        return action_id in self._actions

    def get(self, action_id: str) -> Action:
        return self._actions[action_id]

    def all(self) -> tuple[Action, ...]:
        return tuple(self._actions.values())

    @property
    def root_causes(self) -> frozenset[str]:
        return frozenset(self._by_root_cause)

    def knows(self, root_cause: str) -> bool:
        return root_cause in self._by_root_cause

    def for_root_cause(self, root_cause: str) -> tuple[Action, ...]:
        """Actions that may be recommended: the ones listed for it, or the fallbacks if it is unknown."""
        if root_cause in self._by_root_cause:
            return self._by_root_cause[root_cause]
        return self.fallbacks()

    def fallbacks(self) -> tuple[Action, ...]:
        return tuple(action for action in self._actions.values() if action.fallback)


def build_catalog(documents: Iterable[tuple[str, Any]]) -> Catalog:
    """Validates (source name, parsed YAML) documents in order; a later document's action replaces
    an earlier one with the same id, which is how users override a built-in action."""
    merged: dict[str, Action] = {}
    fingerprint = []
    for source, document in documents:
        for action in _parse_document(source, document):
            merged[action.id] = action
        fingerprint.append(repr(document))
    if not merged:
        raise CatalogError("the catalog defines no actions")
    if not any(action.fallback for action in merged.values()):
        raise CatalogError(
            "the catalog needs at least one action with fallback: true for unknown root causes"
        )
    return Catalog(merged.values(), sha256_of("\n".join(fingerprint)))


def _parse_document(source: str, document: Any) -> list[Action]:
    if not isinstance(document, Mapping) or not isinstance(document.get("actions"), list):
        raise CatalogError(f"{source}: expected a mapping with an 'actions' list")
    actions = []
    seen: set[str] = set()
    for index, entry in enumerate(document["actions"]):
        action = _parse_action(source, index, entry)
        if action.id in seen:
            raise CatalogError(f"{source}: action id {action.id!r} is defined twice")
        seen.add(action.id)
        actions.append(action)
    return actions


def _parse_action(source: str, index: int, entry: Any) -> Action:
    where = f"{source}: actions[{index}]"
    if not isinstance(entry, Mapping):
        raise CatalogError(f"{where}: expected a mapping, got {type(entry).__name__}")
    action_id = entry.get("id")
    if not isinstance(action_id, str) or not ID_PATTERN.match(action_id):
        raise CatalogError(f"{where}: 'id' must be lower_snake_case (got {action_id!r})")
    where = f"{source}: action {action_id!r}"
    unknown = set(entry) - _KNOWN_FIELDS
    if unknown:
        raise CatalogError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        raise CatalogError(f"{where}: 'title' must be a non-empty string")
    steps = _string_list(where, entry, "steps", required=True)
    if not steps:
        raise CatalogError(f"{where}: 'steps' must list at least one step")
    risk = entry.get("risk")
    if risk not in RISK_TIERS:
        raise CatalogError(f"{where}: 'risk' must be one of {', '.join(RISK_TIERS)} (got {risk!r})")
    approval = entry.get("requires_approval", risk != "low")
    if not isinstance(approval, bool):
        raise CatalogError(f"{where}: 'requires_approval' must be true or false")
    if risk == "high" and not approval:
        raise CatalogError(f"{where}: a high-risk action must have requires_approval: true")
    root_causes = _string_list(where, entry, "root_causes", required=True)
    for root_cause in root_causes:
        if not ID_PATTERN.match(root_cause):
            raise CatalogError(f"{where}: root cause {root_cause!r} must be lower_snake_case")
    fallback = entry.get("fallback", False)
    if not isinstance(fallback, bool):
        raise CatalogError(f"{where}: 'fallback' must be true or false")
    if not root_causes and not fallback:
        raise CatalogError(f"{where}: list the root causes it applies to (or mark it fallback: true)")
    if fallback and risk == "high":
        raise CatalogError(
            f"{where}: a fallback action runs without a known root cause, so it cannot be high risk"
        )
    return Action(
        id=action_id,
        title=title.strip(),
        steps=steps,
        risk=risk,
        requires_approval=approval,
        preconditions=_string_list(where, entry, "preconditions", required=False),
        root_causes=tuple(dict.fromkeys(root_causes)),
        fallback=fallback,
    )


def _string_list(where: str, entry: Mapping[str, Any], field: str, *, required: bool) -> tuple[str, ...]:
    value = entry.get(field)
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise CatalogError(f"{where}: '{field}' must be a list of non-empty strings")
    return tuple(item.strip() for item in value)
