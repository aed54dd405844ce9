from __future__ import annotations

from services.root_cause.normalize import MAX_LINE_CHARS, normalize_line, normalize_lines


def test_masks_timestamps_addresses_ids_and_numbers():
    line = (
        "2025-02-17 13:14:16.595 UTC [30545] dial tcp 10.2.3.4:5432 request "
        "9a6cf6e5-5bc4-4066-99f0-9d2e6ccd8d06 sha 4f9c2e1ab7 refused"
    )
    assert normalize_line(line) == "utc dial tcp xip request xuuid sha xhex refused"


def test_splits_identifiers_into_words():
    assert normalize_line("java.lang.OutOfMemoryError: Java heap space") == (
        "java lang out of memory error java heap space"
    )


def test_json_record_keeps_message_and_drops_where_and_when():
    line = '{"time": 1737867352040, "pid": 7, "hostname": "web-1", "level": "error", "msg": "disk full"}'
    assert normalize_line(line) == "error disk full"


def test_json_like_text_that_is_not_json_is_kept():
    assert normalize_line("{not json: Connection refused") == "not json connection refused"


def test_very_long_lines_are_cut():
    assert len(normalize_line("a" * (MAX_LINE_CHARS * 3))) == MAX_LINE_CHARS


def test_repeated_lines_count_once_in_the_document():
    assert normalize_lines(["E boom 1", "E boom 2", "I ok"]) == "e boom\ni ok"


def test_http_status_codes_survive_as_words_in_access_log_formats():
    clf = '10.0.0.7 - - [22/Feb/2025:22:56:10 +0000] "POST /api/charge HTTP/1.1" 401 59 "-" "curl/8.5.0"'
    envoy = '[2025-01-12T01:36:56.650Z] "DELETE /cart HTTP/2" 429 RL 0 18 0 - "10.0.0.7"'
    haproxy = "haproxy[315]: 10.0.0.7:55168 fe_http be_media/media-1 0/0/1/-1/253854 504 194 - - sH--"
    assert normalize_line(clf) == "xip post api charge http http401 curl"
    assert "http429 rl" in normalize_line(envoy)
    assert "http504" in normalize_line(haproxy)
    alb = "https 2025-02-25T05:00:01.000Z app/b 10.0.0.7:54343 10.0.0.8:8443 0.000 -1 -1 504 - 781 0"
    assert "xip xip http504" in normalize_line(alb)


def test_http_status_codes_survive_after_status_words_and_in_json_fields():
    assert normalize_line("PUT /login -> 504 Gateway Timeout") == "put login http504 gateway timeout"
    assert normalize_line("upstream returned status=503") == "upstream returned status http503"
    assert normalize_line("Code: 403. Errors:") == "code http403 errors"
    record = '{"msg": "request done", "status": 429, "bytes": 404}'
    assert normalize_line(record) == "request done status http429"


def test_other_numbers_are_still_dropped():
    assert normalize_line("took 404ms, 500 rows, exit code 137") == "took ms rows exit code"
    systemd = "Main process exited, code=exited, status=203/EXEC"
    assert normalize_line(systemd) == "main process exited code exited status exec"
    assert normalize_line("ipv6 over http2") == "ipv over http"
    assert normalize_line("status 404.2, latency 0.5 0.3 0.2 503.5") == "status latency"
