"""What the model sees of one incident: root cause, service context and the words of its logs."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# Long hex runs are ids (pods, commits, requests); as words they would only add noise.
_HEX_ID = re.compile(r"\b[0-9a-f]{8,}\b")


@dataclass(frozen=True)
class IncidentFeatures:
    root_cause: str
    service: str = ""
    lines: tuple[str, ...] = ()
    key_templates: tuple[str, ...] = ()
    context: Mapping[str, str] = field(default_factory=dict)

    def text(self) -> str:
        """Log lines and templates as one lower-cased document for the TF-IDF vectorizer."""
        joined = "\n".join((*self.key_templates, *self.lines)).lower()
        return _HEX_ID.sub(" ", joined)

    def categories(self) -> dict[str, str]:
        """One-hot inputs: the root cause, the service and each context entry."""
        found = {"root_cause": self.root_cause}
        if self.service:
            found["service"] = self.service.lower()
        for key, value in self.context.items():
            found[f"context.{key.lower()}"] = value.lower()
        return found

    def bounded(self, max_chars: int) -> IncidentFeatures:
        """A copy whose templates and lines fit in max_chars: templates first (the analyzer's summary),
        then the most recent lines. Used before storing, so one huge request cannot bloat the store."""
        budget = max_chars
        templates: list[str] = []
        for template in self.key_templates:
            if len(template) > budget:
                break
            templates.append(template)
            budget -= len(template)
        lines: list[str] = []
        for line in reversed(self.lines):
            if len(line) > budget:
                break
            lines.append(line)
            budget -= len(line)
        return IncidentFeatures(
            self.root_cause, self.service, tuple(reversed(lines)), tuple(templates), self.context
        )

    def to_record(self) -> dict[str, object]:
        return {
            "root_cause": self.root_cause,
            "service": self.service,
            "lines": list(self.lines),
            "key_templates": list(self.key_templates),
            "context": dict(self.context),
        }

    @classmethod
    def from_record(cls, record: Mapping[str, object]) -> IncidentFeatures:
        return cls(
            root_cause=str(record.get("root_cause", "")),
            service=str(record.get("service", "")),
            lines=tuple(_strings(record.get("lines"))),
            key_templates=tuple(_strings(record.get("key_templates"))),
            context={str(k): str(v) for k, v in dict(record.get("context") or {}).items()},  # type: ignore[call-overload]
        )


def _strings(value: object) -> Sequence[str]:
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return []
