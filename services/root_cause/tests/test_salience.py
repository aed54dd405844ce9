from __future__ import annotations

import pytest

from services.root_cause.salience import reports_trouble, trouble_lines


@pytest.mark.parametrize(
    "line",
    [
        "dial tcp xip connect connection refused",
        "post api charge http http429 rl",
        "caused by java net unknown host exception",
        "Back-off restarting failed container",
        "no space left on device",
    ],
)
def test_failure_lines_report_trouble(line):
    assert reports_trouble(line)


@pytest.mark.parametrize(
    "line",
    ["get healthz http http200", "i cache hit for key product", "i started orders in seconds"],
)
def test_routine_lines_do_not(line):
    assert not reports_trouble(line)


def test_trouble_lines_keeps_only_those_lines_in_order():
    document = "i heartbeat ok\nerror one\ni cache hit\nwarn two"
    assert trouble_lines(document) == "error one\nwarn two"
    assert trouble_lines("i heartbeat ok") == ""
