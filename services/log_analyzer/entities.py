"""Entity extraction: who and where, so the integrator can find the owner.

Regular expressions tuned to the shapes real logs and stack traces take; each
entity kind is a small pattern rather than a model because these are formal
syntaxes (frames, IPs, status codes), not free language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

MAX_PER_KIND = 50


@dataclass(frozen=True)
class SourceLocation:
    path: str
    line: int
    function: str
    language: str
    line_index: int


@dataclass
class Entities:
    services: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    ip_addresses: list[str] = field(default_factory=list)
    http_status_codes: list[str] = field(default_factory=list)
    error_codes: list[str] = field(default_factory=list)
    exception_types: list[str] = field(default_factory=list)
    source_locations: list[SourceLocation] = field(default_factory=list)


# Java: "at com.shop.cart.CartService.add(CartService.java:42)"
_JAVA_FRAME = re.compile(
    r"\bat\s+(?P<func>[\w$.<>]+)\((?P<file>[\w$\-]+\.(?:java|kt|scala|groovy)):(?P<line>\d+)\)"
)
# Python: 'File "/app/cart/service.py", line 42, in add'
_PYTHON_FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+)(?:, in (?P<func>[\w<>.]+))?')
# Go: "/app/cart/service.go:42 +0x1d" under a "pkg.Func(...)" line, or "service.go:42: msg"
_GO_FRAME = re.compile(r"(?P<file>/?(?:[\w.\-@]+/)*[\w.\-]+\.go):(?P<line>\d+)\b")
_GO_FUNC = re.compile(r"^\s*(?P<func>(?:[\w.\-]+/)*[\w.\-]+\.(?:\(\*?[\w]+\)\.)?[\w]+)\(.*\)\s*$")
# Node: "at add (/app/src/cart.js:42:13)" or "at /app/src/cart.js:42:13"
_NODE_FRAME = re.compile(
    r"\bat\s+(?:(?P<func>[\w$.<>\[\] ]+?)\s+\()?(?P<file>(?:file://)?[\w./\-@:\\]+\.(?:js|mjs|cjs|ts|tsx|jsx)):(?P<line>\d+)(?::\d+)?\)?"
)
_EXCEPTION = re.compile(
    r"\b(?P<type>(?:[a-z_][\w]*\.)*[A-Z]\w*(?:Exception|Error|Fault|Panic|Failure))\b(?=[:\s(]|$)"
)
_GO_PANIC = re.compile(r"\bpanic: (?P<type>runtime error|[\w.]+)")
_IPV4 = re.compile(r"(?<![\w.])(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?![\w.])")
_HOST = re.compile(
    r"\b(?:host(?:name)?|node|server|pod|instance|rhost|upstream|peer)(?:=|: ?)\"?(?P<host>[A-Za-z][\w.\-]*[\w])"  # noqa: E501
    r"|\b(?P<fqdn>(?:[a-z0-9\-]+\.){2,}(?:com|net|org|io|local|internal|lan))\b"
)
_HTTP_STATUS = re.compile(
    r"\b(?:HTTP/\d(?:\.\d)?\"?\s+|status(?:[_ ]?code)?[=: ]+\"?|code[=: ]+|returned\s+|response\s+)(?P<code>[1-5]\d\d)\b"  # noqa: E501
    r"|\"\s(?P<access>[1-5]\d\d)\s\d+"
)
_ERROR_CODE = re.compile(
    r"\b(?P<code>E(?!RROR\b)[A-Z]{3,}[A-Z_]*|ORA-\d{5}|SQLSTATE\[?\w{5}\]?|ERR_[A-Z_]+|0x[0-9A-Fa-f]{8}|[A-Z]{2,}_E_[A-Z_]+)\b"
    r"|\b(?:error[_ ]?code|errno|err)[=: ]+\"?(?P<keyed>[\w\-]+)"
)
_SERVICE = re.compile(
    r"\b(?:service|svc|app|application|component)[=: ]+\"?(?P<name>[a-z][\w\-]*[a-z0-9])"
    r"|\b(?P<k8s>[a-z][a-z0-9\-]*)\.(?:[a-z0-9\-]+\.)?svc(?:\.cluster\.local)?\b"
)


class _Collector:
    def __init__(self) -> None:
        self.entities = Entities()
        self._seen: set[tuple[str, str]] = set()

    def add(self, kind: str, value: str) -> None:
        values: list[str] = getattr(self.entities, kind)
        if not value or (kind, value) in self._seen or len(values) >= MAX_PER_KIND:
            return
        self._seen.add((kind, value))
        values.append(value)

    def add_location(self, location: SourceLocation) -> None:
        key = ("source", f"{location.path}:{location.line}")
        locations = self.entities.source_locations
        if key in self._seen or len(locations) >= MAX_PER_KIND:
            return
        self._seen.add(key)
        locations.append(location)


def extract_entities(lines: Iterable[tuple[int, str]], known_services: Iterable[str] = ()) -> Entities:
    """Entities from (line index, raw text) pairs, each kind deduplicated in order of appearance."""
    collector = _Collector()
    for service in known_services:
        collector.add("services", service)
    previous = ""
    for index, text in lines:
        _scan_line(collector, index, text, previous)
        previous = text
    return collector.entities


def _scan_line(collector: _Collector, index: int, text: str, previous: str) -> None:
    if "(" in text and "at " in text:
        for frame in _JAVA_FRAME.finditer(text):
            collector.add_location(_java_location(frame, index))
    if 'File "' in text:
        for frame in _PYTHON_FRAME.finditer(text):
            collector.add_location(_location(frame, "python", index))
    if ".go:" in text:
        for frame in _GO_FRAME.finditer(text):
            function = _GO_FUNC.match(previous)
            collector.add_location(
                SourceLocation(
                    frame["file"], int(frame["line"]), function["func"] if function else "", "go", index
                )
            )
    if "at " in text and (".js:" in text or ".ts:" in text or ".mjs:" in text or ".cjs:" in text):
        for frame in _NODE_FRAME.finditer(text):
            collector.add_location(_location(frame, "node", index))
    # Substring guards first: each regex below costs far more than an `in` test that rules it out.
    if "Exception" in text or "Error" in text or "Fault" in text or "Panic" in text or "Failure" in text:
        for match in _EXCEPTION.finditer(text):
            collector.add("exception_types", match["type"])
    if "panic: " in text:
        for match in _GO_PANIC.finditer(text):
            collector.add("exception_types", f"panic: {match['type']}")
    if "." in text:
        for match in _IPV4.finditer(text):
            collector.add("ip_addresses", match.group())
    for match in _HOST.finditer(text):
        collector.add("hosts", match["host"] or match["fqdn"])
    for match in _HTTP_STATUS.finditer(text):
        collector.add("http_status_codes", match["code"] or match["access"])
    for match in _ERROR_CODE.finditer(text):
        collector.add("error_codes", match["code"] or match["keyed"])
    if "svc" in text or "service" in text or "app" in text or "component" in text:
        for match in _SERVICE.finditer(text):
            collector.add("services", match["name"] or match["k8s"])


def _java_location(frame: re.Match[str], index: int) -> SourceLocation:
    # The frame names only the file; its package gives the path under the source root.
    function = frame["func"]
    package = [part for part in function.split(".")[:-2] if part and part[0].islower()]
    path = "/".join([*package, frame["file"]])
    return SourceLocation(path, int(frame["line"]), function, "java", index)


def _location(frame: re.Match[str], language: str, index: int) -> SourceLocation:
    function = frame["func"] or ""
    return SourceLocation(frame["file"], int(frame["line"]), function.strip(), language, index)
