"""Request limits and input hygiene: truncation, binary lines, line-count caps."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

TRUNCATION_MARK = " …[truncated]"


@dataclass(frozen=True)
class Limits:
    max_lines: int = 100_000
    max_line_chars: int = 8_192
    max_anomalies: int = 100
    max_key_events: int = 20
    # Batches up to this size are scanned whole for entities; larger ones only around what matters.
    entity_scan_lines: int = 2_000
    miner_save_seconds: float = 5.0


class TooManyLines(ValueError):
    pass


class NoUsableLines(ValueError):
    pass


# Control characters other than tab, and U+FFFD (what invalid UTF-8 decodes to).
_ODD_CHARACTER = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\ufffd]")


def _is_binary(text: str) -> bool:
    """NULs, or mostly control/replacement characters: not a log line a human wrote."""
    if "\x00" in text:
        return True
    sample = text[:512]
    return len(_ODD_CHARACTER.findall(sample)) > max(4, len(sample) // 10)


def sanitize(texts: Sequence[str], limits: Limits) -> tuple[list[int], list[str], int, list[str]]:
    """Keeps usable lines (their request indexes and text), truncating long ones; says what it did."""
    limit = limits.max_line_chars
    # Fast path for the common case, checked in C: nothing long, nothing odd.
    if max(map(len, texts), default=0) <= limit:
        joined = " ".join(texts)
        # isprintable() is a fast C check; tabs (stack traces) and exotic Unicode take the regex path.
        if joined.isprintable() or not _ODD_CHARACTER.search(joined):
            return list(range(len(texts))), list(texts), 0, []
    kept_index: list[int] = []
    kept: list[str] = []
    truncated = binary = 0
    for index, text in enumerate(texts):
        if len(text) > limit:
            text = text[:limit] + TRUNCATION_MARK
            truncated += 1
        if _is_binary(text):
            binary += 1
            continue
        if "\n" in text or "\r" in text:
            text = text.replace("\r", " ").replace("\n", " ")
        kept_index.append(index)
        kept.append(text)
    notes = []
    if truncated:
        notes.append(f"{truncated} line(s) longer than {limit} characters were truncated")
    if binary:
        notes.append(f"{binary} binary/non-text line(s) were skipped")
    return kept_index, kept, truncated + binary, notes
