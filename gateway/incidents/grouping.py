"""Which incident an alert belongs to: a documented, configurable identity policy.

- "group_key" (default): the sender's own group — Alertmanager's/Grafana's `groupKey`, the generic
  payload's `group` — so Incident Mesh agrees with how the team already routes alerts. Alerts without
  one fall back to the label policy.
- "labels:<l1>,<l2>,...": alerts with the same values of those labels (e.g. service,environment) are one
  incident, whatever their sender.
An alert joins the open incident of its group. When the group's last incident resolved less than the
window ago, a firing alert reopens it (flapping stays one incident); later, a new incident opens.
"""

from __future__ import annotations

from dataclasses import dataclass

from gateway.incidents.payloads import Delivery, NormalizedAlert

DEFAULT_LABELS = ("service", "environment")


@dataclass(frozen=True)
class GroupingPolicy:
    mode: str = "group_key"
    labels: tuple[str, ...] = DEFAULT_LABELS
    window_seconds: float = 1800.0

    @classmethod
    def parse(cls, spec: str, window_seconds: float) -> GroupingPolicy:
        if spec == "group_key":
            return cls("group_key", DEFAULT_LABELS, window_seconds)
        if spec.startswith("labels:") and spec.removeprefix("labels:").strip():
            labels = tuple(
                label.strip() for label in spec.removeprefix("labels:").split(",") if label.strip()
            )
            return cls("labels", labels, window_seconds)
        raise ValueError("grouping policy must be 'group_key' or 'labels:<label>,<label>...'")


@dataclass(frozen=True)
class Group:
    key: str
    reason: str


def group_for(policy: GroupingPolicy, delivery: Delivery, alert: NormalizedAlert) -> Group:
    if policy.mode == "group_key" and delivery.group_key:
        return Group(
            f"{delivery.source}:{delivery.group_key}",
            f"same {delivery.source} group ({delivery.group_key})",
        )
    values = ",".join(f"{label}={alert.labels.get(label, '')}" for label in policy.labels)
    return Group(f"labels:{values}", f"same labels {values}")
