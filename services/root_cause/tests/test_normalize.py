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
