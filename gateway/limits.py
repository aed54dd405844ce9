"""Request limits: explicit, documented, and reported with the limit's name."""

from __future__ import annotations

from gateway.settings import Limits


class LimitExceeded(Exception):
    def __init__(self, status_code: int, limit: str, detail: str) -> None:
        super().__init__(detail)
        self.status_code = status_code
        self.limit = limit
        self.detail = detail


def normalize_logs(logs: list[str] | str, limits: Limits, *, required: bool = True) -> list[str]:
    """Splits a string body into lines, drops blank lines and enforces the line limits."""
    lines = (
        logs.splitlines()
        if isinstance(logs, str)
        else [part for line in logs for part in (line.splitlines() or [""])]
    )
    lines = [line for line in lines if line.strip()]
    if required and not lines:
        raise InvalidInput("logs", "logs must contain at least one non-empty line")
    if len(lines) > limits.max_lines:
        raise LimitExceeded(
            413,
            "max_lines",
            f"logs has {len(lines)} lines; the limit is {limits.max_lines} lines per request",
        )
    for index, line in enumerate(lines):
        if len(line) > limits.max_line_length:
            raise LimitExceeded(
                422,
                "max_line_length",
                f"logs line {index} is {len(line)} characters; the limit is {limits.max_line_length}",
            )
    return lines


def check_top_k(top_k: int, limits: Limits, field: str = "top_k") -> int:
    if top_k < 1 or top_k > limits.max_top_k:
        raise LimitExceeded(
            422, "max_top_k", f"{field} must be between 1 and {limits.max_top_k}, got {top_k}"
        )
    return top_k


class InvalidInput(Exception):
    """A field's value is unusable; answered with 422 naming the field."""

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(detail)
        self.field = field
        self.detail = detail
