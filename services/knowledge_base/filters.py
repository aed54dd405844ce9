"""Metadata filters on search: service, root cause, kind and occurrence date range."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ChunkMeta:
    """What a filter can see about an indexed chunk, copied from its document."""

    document_id: str
    kind: str
    service: str
    root_cause: str
    occurred_at: datetime | None
    heading: str


@dataclass(frozen=True)
class SearchFilters:
    """Empty fields do not filter. Services and root causes match case-insensitively, any of the
    listed values. The date range is half-open, [occurred_after, occurred_before); a document
    without a date (every runbook) never matches a date filter."""

    services: frozenset[str] = frozenset()
    root_causes: frozenset[str] = frozenset()
    kind: str | None = None
    occurred_after: datetime | None = None
    occurred_before: datetime | None = None

    @classmethod
    def of(
        cls,
        services: list[str] | tuple[str, ...] = (),
        root_causes: list[str] | tuple[str, ...] = (),
        kind: str | None = None,
        occurred_after: datetime | None = None,
        occurred_before: datetime | None = None,
    ) -> SearchFilters:
        return cls(
            frozenset(s.strip().lower() for s in services if s.strip()),
            frozenset(r.strip().lower() for r in root_causes if r.strip()),
            kind,
            occurred_after,
            occurred_before,
        )

    @property
    def active(self) -> bool:
        return bool(
            self.services or self.root_causes or self.kind or self.occurred_after or self.occurred_before
        )

    def matches(self, meta: ChunkMeta) -> bool:
        if self.kind and meta.kind != self.kind:
            return False
        if self.services and meta.service.lower() not in self.services:
            return False
        if self.root_causes and meta.root_cause.lower() not in self.root_causes:
            return False
        if self.occurred_after or self.occurred_before:
            if meta.occurred_at is None:
                return False
            if self.occurred_after and meta.occurred_at < self.occurred_after:
                return False
            if self.occurred_before and meta.occurred_at >= self.occurred_before:
                return False
        return True
