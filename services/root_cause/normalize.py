"""Line normalisation: keep what a failure says, drop what differs between two runs of it.

Timestamps, ids, addresses and numbers are replaced by placeholders so that the model
learns "connection refused" rather than the IP it was refused by; CamelCase and
snake_case identifiers are also split into words, so that `OutOfMemoryError` and
"out of memory" share features.
"""

from __future__ import annotations

import json
import re

MAX_LINE_CHARS = 2000
# Fields of a JSON log record that identify where/when, not what happened.
_JSON_META_KEYS = frozenset(
    {
        "time",
        "ts",
        "timestamp",
        "@timestamp",
        "pid",
        "hostname",
        "host",
        "host.name",
        "service",
        "service.name",
        "trace.id",
        "trace_id",
        "span_id",
        "request_id",
        "thread",
        "caller",
        "tid",
    }
)

_SUBSTITUTIONS = (
    # ISO / syslog / klog / CLF timestamps and bare clock times.
    (re.compile(r"\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?"), " "),
    (re.compile(r"\b\d{1,2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}"), " "),
    (re.compile(r"\b[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2}\b"), " "),
    (re.compile(r"\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b"), " "),
    (
        re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"),
        " xuuid ",
    ),
    (re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b"), " xip "),
    (re.compile(r"\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{7,}\b"), " xhex "),
    (re.compile(r"0x[0-9a-fA-F]+"), " xhex "),
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_DIGITS = re.compile(r"\d+")
_SEPARATORS = re.compile(r"[^a-z0-9]+")


def _json_message(text: str) -> str:
    """A JSON record becomes its level, logger and message fields, like a plain log line."""
    try:
        record = json.loads(text)
    except ValueError:
        return text
    if not isinstance(record, dict):
        return text
    return " ".join(str(v) for k, v in record.items() if k not in _JSON_META_KEYS and not isinstance(v, dict))


def normalize_line(line: str) -> str:
    text = line[:MAX_LINE_CHARS]
    if text.startswith("{"):
        text = _json_message(text)
    for pattern, replacement in _SUBSTITUTIONS:
        text = pattern.sub(replacement, text)
    text = _CAMEL.sub(" ", text)
    text = _DIGITS.sub(" ", text.lower())
    return " ".join(_SEPARATORS.sub(" ", text).split())


def normalize_lines(lines: list[str] | tuple[str, ...]) -> str:
    """One document per excerpt; a line repeated verbatim (after masking) counts once."""
    return "\n".join(dict.fromkeys(normalize_line(line) for line in lines))
