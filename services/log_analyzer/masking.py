"""Masks the variable parts of log messages before they reach Drain3.

Masking runs as a handful of C-level `re.sub` passes over a whole batch joined by
newlines instead of per line, because per-call overhead dominates on short lines.
Every pattern refuses to cross a newline, so the joined text splits back cleanly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from drain3.masking import MaskingInstruction

# Order matters: specific shapes (UUIDs, IPs, block ids) must win before the
# generic number mask eats their digits.
MASK_PATTERNS: tuple[tuple[str, str], ...] = (
    ("URL", r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s\"'<>]+"),
    ("UUID", r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"),
    ("BLK", r"\bblk_-?\d+\b"),
    # IPs and host names share one mask: either may fill the same slot of a template.
    ("HOST", r"(?<![\w.:])/?\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?::\d{1,5})?(?![\w.])"),
    ("MAC", r"\b[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}\b"),
    ("TIME", r"\b\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\b(?!:)|<?\d+(?:\.\d+)? ?(?:ms|secs?|seconds)\b"),
    ("DATE", r"\b\d{4}[-/]\d{1,2}[-/]\d{1,2}\b"),
    (
        "HOST",
        r"(?<![\w.-])(?:[A-Za-z0-9-]+\.)+(?:com|net|org|edu|gov|mil|int|io|hk|cn|de|uk|jp|ru|fr|info|biz|local|internal|lan)(?::\d{1,5})?(?![\w.-])"
        # host:port, but not "File.java:42" (a source line, which stays visible)
        r"|(?<![\w.-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?!(?:java|kt|scala|py|go|js|ts|rb|cs|cpp|cc|c|h|php|rs)\b)[A-Za-z]{2,}:\d{1,5}\b",
    ),
    ("PATH", r"(?<![\w/<>])(?:[A-Za-z]:)?(?:[/\\][\w.\-@$~+%]+){2,}[/\\]?"),
    ("HEX", r"\b0[xX][0-9a-fA-F]+\b|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b"),
    ("NUM", r"(?<![A-Za-z0-9_.])[-+]?\d+(?:[._-]\d+)*(?:[kKmMgG][bB]?|ms|s)?(?![A-Za-z0-9_])"),
)

# "1048576 bytes (1.0 MB)": the human-readable copy of a size is optional noise that
# changes the token count, so it is dropped before masking.
_SIZE_ECHO = re.compile(r" \(\d+(?:\.\d+)? ?[KMGT]i?B\)")

_COMPILED = tuple((name, re.compile(pattern)) for name, pattern in MASK_PATTERNS)


# "<IP>,<IP>,<IP>" is one list-valued parameter, not three.
_REPEATED_MASK = re.compile(r"<([A-Z]+)>(?:[,;|]<\1>)+")


def mask_token(name: str) -> str:
    return f"<{name}>"


def mask_text(text: str) -> str:
    """Masks one message or many joined by newlines."""
    text = _SIZE_ECHO.sub("", text)
    for name, pattern in _COMPILED:
        text = pattern.sub(mask_token(name), text)
    return _REPEATED_MASK.sub(r"<\1>", text)


def mask_batch(messages: Sequence[str]) -> list[str]:
    if not messages:
        return []
    masked = mask_text("\n".join(messages)).split("\n")
    if len(masked) != len(messages):
        # A message carried its own newline; fall back rather than misalign lines.
        return [mask_text(message) for message in messages]
    return masked


def drain3_masking_instructions() -> list[MaskingInstruction]:
    """The same masks as Drain3 instructions, for `TemplateMiner.extract_parameters`."""
    return [MaskingInstruction(pattern, name) for name, pattern in MASK_PATTERNS]
