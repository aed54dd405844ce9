"""Which log lines report trouble: the ones an SRE reads first in an excerpt.

A rough lexical test, on purpose: it only has to separate "connection refused" and "HTTP 503"
from the routine lines around them (health checks, cache hits, requests that succeeded). The
model then sees the trouble lines twice, once among all lines and once on their own, so that
a short signal in a long, noisy excerpt is not drowned by L2 normalisation.
"""

from __future__ import annotations

import re

TROUBLE = re.compile(
    r"error|fatal|exception|panic|fail|refused|denied|timeout|timed out|warn|killed|http[45]\d\d"
    r"|unable|cannot|could not|unavailable|unreachable|exceed|exhausted|expired|invalid|reject|evict"
    r"|back ?off|crit|severe|oom|out of|no space|full|limit|too many|throttl|quota|overload|not found"
    r"|no such|unknown|missing|mismatch|deadline|abort|crash|lost|caused by",
    re.IGNORECASE,
)


def reports_trouble(line: str) -> bool:
    return TROUBLE.search(line) is not None


def trouble_lines(document: str) -> str:
    """The trouble lines of a newline-separated document."""
    return "\n".join(line for line in document.split("\n") if reports_trouble(line))
