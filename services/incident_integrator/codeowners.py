"""CODEOWNERS parsing and matching with GitHub's rule: the last matching pattern wins.

Patterns follow the gitignore subset GitHub accepts: `*`, `?`, `**`, a leading `/` or an inner `/`
anchors to the repository root, a trailing `/` means "everything inside this directory", and a
pattern whose last segment has no wildcard also matches everything inside a directory of that name.
`docs/*` therefore matches `docs/a.md` but not `docs/sub/b.md`, as GitHub documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# GitHub ignores CODEOWNERS files above 3 MB; we refuse to parse more than that too.
MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024


@dataclass(frozen=True)
class CodeownersRule:
    pattern: str
    owners: tuple[str, ...]
    line: int
    regex: re.Pattern[str]

    def describe(self) -> str:
        owners = " ".join(self.owners) if self.owners else "(no owners)"
        return f"CODEOWNERS line {self.line}: {self.pattern} {owners}"


@dataclass(frozen=True)
class Codeowners:
    rules: tuple[CodeownersRule, ...]

    def match(self, path: str) -> CodeownersRule | None:
        """The rule that decides ownership of `path` (the last one that matches), or None."""
        normalized = normalize_path(path)
        for rule in reversed(self.rules):
            if rule.regex.match(normalized):
                return rule
        return None


def normalize_path(path: str) -> str:
    cleaned = path.strip().replace("\\", "/")
    while cleaned.startswith("./"):
        cleaned = cleaned[2:]
    return cleaned.lstrip("/")


def parse_codeowners(text: str) -> Codeowners:
    rules: list[CodeownersRule] = []
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw_line).strip()
        if not line:
            continue
        pattern, *owners = line.split()
        regex = _pattern_regex(pattern)
        if regex is None:
            continue
        rules.append(CodeownersRule(pattern, tuple(owners), number, regex))
    return Codeowners(tuple(rules))


def _strip_comment(line: str) -> str:
    if line.lstrip().startswith("#"):
        return ""
    # An inline comment needs whitespace before the `#`; `\#` escapes are not supported by GitHub.
    return re.split(r"\s#", line, maxsplit=1)[0]


def _pattern_regex(pattern: str) -> re.Pattern[str] | None:
    # GitHub treats `!` negation and `[ ]` character ranges as invalid syntax; skip such lines.
    if pattern.startswith("!") or "[" in pattern or "]" in pattern:
        return None
    directory_only = pattern.endswith("/")
    body = pattern.strip("/")
    if not body:
        return re.compile(r"^.*$") if pattern == "/" else None
    anchored = pattern.startswith("/") or "/" in body
    translated = _translate(body)
    prefix = "^" if anchored else r"^(?:.*/)?"
    last_segment = body.rsplit("/", 1)[-1]
    if directory_only:
        suffix = r"/.*$"
    elif body.endswith("/**"):
        suffix = r"$"
    elif any(char in last_segment for char in "*?"):
        suffix = r"$"
    else:
        suffix = r"(?:/.*)?$"
    return re.compile(prefix + translated + suffix)


def _translate(body: str) -> str:
    parts: list[str] = []
    index = 0
    while index < len(body):
        if body.startswith("**/", index):
            parts.append(r"(?:.*/)?")
            index += 3
        elif body.startswith("/**", index) and index + 3 == len(body):
            parts.append(r"/.*")
            index += 3
        elif body.startswith("**", index):
            parts.append(r".*")
            index += 2
        elif body[index] == "*":
            parts.append(r"[^/]*")
            index += 1
        elif body[index] == "?":
            parts.append(r"[^/]")
            index += 1
        else:
            parts.append(re.escape(body[index]))
            index += 1
    return "".join(parts)
