"""Line normalisation: keep what a failure says, drop what differs between two runs of it.

Timestamps, ids, addresses and numbers are replaced by placeholders so that the model
learns "connection refused" rather than the IP it was refused by; CamelCase and
snake_case identifiers are also split into words, so that `OutOfMemoryError` and
"out of memory" share features. The one number kept is an HTTP status code where a log
states one (`... HTTP/1.1" 429`, `status=503`, `-> 504`): it becomes a word, `http429`,
because in an access log it is most of what the line says.
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
# HTTP status codes are the one number that says what went wrong (429, 401, 504); they survive
# as a word, "http429", where the access-log formats and common phrasings put them: after the
# request line (CLF, nginx, envoy), after HAProxy's timers, after an AWS load balancer's three
# processing times, after "status"/"code"/"->".
_PROCESSING_TIME = r"(?:-1|\d+\.\d+)"
_HTTP_STATUS = re.compile(
    r"""(?:HTTP/[\d.]+"|-?\d+/-?\d+/-?\d+/-?\d+/-?\d+|"""
    + rf"{_PROCESSING_TIME} {_PROCESSING_TIME} {_PROCESSING_TIME}"
    + r"""|\b(?:status|status_code|statuscode|code|http|response|returned|responded|received)\b["':= ]{0,3}"""
    r"""|->|=>)\s*([2-5]\d\d)(?![\w/:-]|\.\d)""",
    re.IGNORECASE,
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# Digits go, except inside the status words made above.
_DIGITS = re.compile(r"(?<![a-z])http[2-5]\d\d\b|\d+")
_SEPARATORS = re.compile(r"[^a-z0-9]+")


def _json_message(text: str) -> str:
    """A JSON record becomes its level, logger and message fields, like a plain log line."""
    try:
        record = json.loads(text)
    except ValueError:
        return text
    if not isinstance(record, dict):
        return text
    kept = (_json_field(k, v) for k, v in record.items() if k not in _JSON_META_KEYS)
    return " ".join(field for field in kept if field)


def _json_field(key: str, value: object) -> str:
    if isinstance(value, dict):
        return ""
    # A bare 503 says nothing; named as a status it becomes the status word below.
    if isinstance(value, int) and ("status" in key.lower() or key.lower().endswith("code")):
        return f"status {value}"
    return str(value)


def _status_word(match: re.Match[str]) -> str:
    start = match.start(1) - match.start(0)
    return f"{match.group(0)[:start]} http{match.group(1)} "


def _drop_digits(match: re.Match[str]) -> str:
    return " " if match.group(0)[0].isdigit() else match.group(0)


def normalize_line(line: str) -> str:
    text = line[:MAX_LINE_CHARS]
    if text.startswith("{"):
        text = _json_message(text)
    for pattern, replacement in _SUBSTITUTIONS:
        text = pattern.sub(replacement, text)
    text = _HTTP_STATUS.sub(_status_word, text)
    text = _CAMEL.sub(" ", text)
    text = _DIGITS.sub(_drop_digits, text.lower())
    return " ".join(_SEPARATORS.sub(" ", text).split())


def normalize_lines(lines: list[str] | tuple[str, ...]) -> str:
    """One document per excerpt; a line repeated verbatim (after masking) counts once."""
    return "\n".join(dict.fromkeys(normalize_line(line) for line in lines))
