import pytest

from services.log_analyzer.preprocess import Severity, prepare


@pytest.mark.parametrize(
    ("line", "message", "severity"),
    [
        (
            "E1122 10:03:12.123456   12345 reflector.go:42] failed to list pods: connection refused",
            "failed to list pods: connection refused",
            Severity.ERROR,
        ),
        (
            "2026-03-02T10:11:12.345Z WARN [main] c.s.Foo: slow query",
            "c.s.Foo: slow query",
            Severity.WARNING,
        ),
        (
            "2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.MRAppMaster: Created MRAppMaster",
            "org.apache.hadoop.MRAppMaster: Created MRAppMaster",
            Severity.INFO,
        ),
        (
            "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; uid=0",
            "authentication failure; uid=0",
            Severity.UNSPECIFIED,
        ),
        (
            "[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6",
            "mod_jk child workerEnv in error state 6",
            Severity.ERROR,
        ),
        ("1700000000.123 worker started", "worker started", Severity.UNSPECIFIED),
        ("1700000000123 worker started", "worker started", Severity.UNSPECIFIED),
        (
            '{"ts": "2026-03-02T10:00:00Z", "level": "warning", "msg": "slow call 1200 ms"}',
            "slow call 1200 ms",
            Severity.WARNING,
        ),
        (
            "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating",
            "dfs.DataNode$PacketResponder: PacketResponder 1 terminating",
            Severity.INFO,
        ),
        ("CRITICAL: disk full on /var", "disk full on /var", Severity.CRITICAL),
        (
            "03-17 16:13:38.819  1702  8671 W PowerManagerService: acquire lock=233570404, flags=0x1",
            "PowerManagerService: acquire lock=233570404, flags=0x1",
            Severity.WARNING,
        ),
    ],
)
def test_strips_headers_and_reads_severity_across_formats(line, message, severity):
    assert prepare(line) == (message, severity)


def test_json_line_without_message_field_keeps_its_fields_but_not_timestamps():
    message, _ = prepare('{"time": "2026-03-02", "event_type": "deploy", "version": "1.2"}')
    assert message == "event_type=deploy version=1.2"


def test_infers_error_from_exception_text_when_no_level_is_given():
    assert prepare("java.lang.NullPointerException: boom")[1] == Severity.ERROR
    assert prepare("Traceback (most recent call last):")[1] == Severity.ERROR


def test_plain_text_and_invalid_json_pass_through():
    assert prepare("plain message") == ("plain message", Severity.UNSPECIFIED)
    assert prepare("{not json}") == ("{not json}", Severity.UNSPECIFIED)
