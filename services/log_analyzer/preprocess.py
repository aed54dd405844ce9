"""Turns raw log lines into (message, severity): header and timestamp stripping, JSON lines.

Works without per-format configuration: a line's leading timestamp, syslog host and
program, klog header, epoch or level is removed by one anchored pattern, so
templates are mined from what the program actually said.
"""

from __future__ import annotations

import json
import re
from enum import IntEnum


class Severity(IntEnum):
    # Values match the proto enum so the servicer can pass them straight through.
    UNSPECIFIED = 0
    DEBUG = 1
    INFO = 2
    WARNING = 3
    ERROR = 4
    CRITICAL = 5


LEVEL_WORDS: dict[str, Severity] = {
    "TRACE": Severity.DEBUG, "DEBUG": Severity.DEBUG, "DBG": Severity.DEBUG,
    "D": Severity.DEBUG, "V": Severity.DEBUG,
    "INFO": Severity.INFO, "NOTICE": Severity.INFO, "I": Severity.INFO, "INF": Severity.INFO,
    "WARN": Severity.WARNING, "WARNING": Severity.WARNING, "W": Severity.WARNING, "WRN": Severity.WARNING,
    "ERROR": Severity.ERROR, "ERR": Severity.ERROR, "E": Severity.ERROR, "SEVERE": Severity.ERROR,
    "CRITICAL": Severity.CRITICAL, "CRIT": Severity.CRITICAL, "FATAL": Severity.CRITICAL,
    "F": Severity.CRITICAL, "PANIC": Severity.CRITICAL, "EMERG": Severity.CRITICAL, "ALERT": Severity.CRITICAL,  # noqa: E501
}  # fmt: skip

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_LEVEL = r"(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|SEVERE|CRITICAL|CRIT|FATAL|PANIC|EMERG|ALERT)"
_HEADER_PARTS = (
    # klog: E1122 10:03:12.123456   12345 file.go:42]
    r"(?P<klog>[IWEF])\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+\s+[\w.\-]+:\d+\]",
    # Android logcat: "03-17 16:13:38.811  1702  2395 D WindowManager:" (the tag stays, like a logger name)
    r"\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\s+\d+\s+\d+\s+(?P<logcat>[VDIWEF])(?= )",
    # ISO-8601 / RFC 3339 and the common "2024-01-02 10:11:12,345" variant
    r"\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\]?",
    # syslog: "Jun 14 15:16:01 host prog[123]:" (host and program optional)
    rf"{_MONTH} +\d{{1,2}} \d{{2}}:\d{{2}}:\d{{2}}(?: [\w.\-]+(?: [\w.\-/()]+(?:\[\d+\])?:)?)?",
    # bracketed "[Sun Dec 04 04:47:44 2005]" and "[10.30 16:49:06]"
    r"\[[^\]\n]{0,40}\d{2}:\d{2}:\d{2}[^\]\n]{0,12}\]",
    # epoch seconds or milliseconds, optionally fractional
    r"\d{10}(?:\d{3})?(?:\.\d+)?(?=\s)",
    # "17/06/09 20:10:40" and HDFS's "081109 203615 148" (date, time, pid)
    r"\d{2}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}",
    r"\d{6} \d{6}(?: \d+)?(?= )",
    # bare time
    r"\d{2}:\d{2}:\d{2}(?:[.,]\d+)?",
)


def _level_part(group: str) -> str:
    return rf"(?P<{group}>\[?{_LEVEL}\]?|\[(?i:{_LEVEL})\]|<{_LEVEL}>)(?=[\s:\]])"


# log4j/logback's "[thread]" after the level: thread names vary per line without changing the
# event ("[main]", "[IPC Server handler 5 on 62270]"), so they would split templates.
_THREAD = r"(?:\[(?:[^\[\]\n]|\[[^\[\]\n]*\]){1,120}\][\s:|-]*)?"
# Collectors often prefix the source file ("nova-api.log.1.2017-05-16_13:53:08 2017-05-16 ...").
_SOURCE_FILE = r"(?:[\w.\-]+\.log(?:\.[\w:\-]+)*\s+(?=\d))?"
# A pid between timestamp and level ("2017-05-16 00:00:00.008 25746 INFO ...").
_PID = r"(?:\d{1,7}\s+(?=[A-Z]))?"
_HEADER = re.compile(
    rf"^{_SOURCE_FILE}(?:(?:{'|'.join(_HEADER_PARTS)})[\s,:|-]*)+{_PID}(?:{_level_part('level')}[\s:|-]*{_THREAD})?"
    rf"|^{_level_part('level2')}[\s:|-]*"
)
# A level word right after the header ("... 1234 INFO component: ...").
_LEVEL_NEAR_START = re.compile(rf"(?:^|[\s\[<|])(?P<word>{_LEVEL})(?=[\s:\]>|])")
_MESSAGE_KEYS = ("message", "msg", "log", "text", "event", "error")
_LEVEL_KEYS = ("level", "severity", "lvl", "levelname", "log.level", "loglevel")
_ERROR_HINT = re.compile(
    r"Traceback \(most recent call last\)|\b\w*(?:Exception|Error)\b[:\s]|\bpanic:|\bFATAL\b"
)


def _severity_of(word: str) -> Severity:
    return LEVEL_WORDS.get(word.strip("[]<> :").upper(), Severity.UNSPECIFIED)


def _from_json(text: str) -> tuple[str, Severity] | None:
    try:
        record = json.loads(text)
    except ValueError:
        return None
    if not isinstance(record, dict):
        return None
    message = next((record[key] for key in _MESSAGE_KEYS if isinstance(record.get(key), str)), None)
    if message is None:
        # Without a message field the whole record is the message, minus volatile keys.
        message = " ".join(f"{key}={value}" for key, value in record.items() if "time" not in key.lower())
    level = next((record[key] for key in _LEVEL_KEYS if isinstance(record.get(key), str)), "")
    return message, _severity_of(level)


def prepare(text: str) -> tuple[str, Severity]:
    """The message part of a raw line and its severity (UNSPECIFIED when nothing says)."""
    stripped = text.strip()
    if stripped.startswith("{") and stripped.endswith("}"):
        parsed = _from_json(stripped)
        if parsed is not None:
            message, severity = parsed
            return message.replace("\n", " "), severity
    match = _HEADER.match(stripped)
    severity = Severity.UNSPECIFIED
    message = stripped
    if match is not None and match.end() > 0:
        letter = match.group("klog") or match.group("logcat")
        if letter:
            severity = _severity_of(letter)
        level = match.group("level") or match.group("level2")
        if level:
            severity = _severity_of(level)
        message = stripped[match.end() :]
    if severity is Severity.UNSPECIFIED:
        near = _LEVEL_NEAR_START.search(message, 0, 60)
        if near is not None:
            severity = _severity_of(near.group("word"))
    if severity is Severity.UNSPECIFIED and _ERROR_HINT.search(message):
        severity = Severity.ERROR
    return message or stripped, severity
