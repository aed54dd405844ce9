"""Settings an admin may change at run time through GET/PUT /api/v1/config (held in memory)."""

from __future__ import annotations

from typing import Annotated

import msgspec

Millis = Annotated[int, msgspec.Meta(ge=10, le=60_000)]


class Deadlines(msgspec.Struct, forbid_unknown_fields=True):
    """Milliseconds each stage may take; `overall` bounds the whole pipeline answer."""

    log_analyzer: Millis = 1500
    root_cause: Millis = 1500
    knowledge_base: Millis = 1500
    action_recommender: Millis = 800
    incident_integrator: Millis = 1000
    overall: Millis = 2500


class RuntimeConfig(msgspec.Struct, forbid_unknown_fields=True):
    deadlines: Deadlines = msgspec.field(default_factory=Deadlines)
    similar_incidents: Annotated[int, msgspec.Meta(ge=0, le=20)] = 5
    recommended_actions: Annotated[int, msgspec.Meta(ge=0, le=10)] = 3
    # Similar incidents scoring below this are not shown.
    min_similarity: Annotated[float, msgspec.Meta(ge=0.0, le=1.0)] = 0.0
    # Report code-related root causes to the incident integrator.
    ticketing_enabled: bool = True
    # Backend name -> address in use; only addresses from the start-time allow-list are accepted.
    backends: dict[str, str] = {}


class DeadlinesUpdate(msgspec.Struct, forbid_unknown_fields=True):
    log_analyzer: Millis | None = None
    root_cause: Millis | None = None
    knowledge_base: Millis | None = None
    action_recommender: Millis | None = None
    incident_integrator: Millis | None = None
    overall: Millis | None = None


class RuntimeConfigUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """A partial update: fields left out (at any depth) keep their current value."""

    deadlines: DeadlinesUpdate | None = None
    similar_incidents: Annotated[int, msgspec.Meta(ge=0, le=20)] | None = None
    recommended_actions: Annotated[int, msgspec.Meta(ge=0, le=10)] | None = None
    min_similarity: Annotated[float, msgspec.Meta(ge=0.0, le=1.0)] | None = None
    ticketing_enabled: bool | None = None
    backends: dict[str, str] | None = None


def _provided(update: msgspec.Struct) -> dict:
    return {f: getattr(update, f) for f in update.__struct_fields__ if getattr(update, f) is not None}


def apply_update(current: RuntimeConfig, update: RuntimeConfigUpdate) -> RuntimeConfig:
    changes = _provided(update)
    if "deadlines" in changes:
        changes["deadlines"] = msgspec.structs.replace(current.deadlines, **_provided(changes["deadlines"]))
    if "backends" in changes:
        changes["backends"] = {**current.backends, **changes["backends"]}
    return msgspec.structs.replace(current, **changes)
