from services.log_analyzer.masking import drain3_masking_instructions, mask_batch, mask_text


def test_masks_each_kind_of_variable_part():
    line = (
        "req 3f2b1c9e-8d7a-4b6c-9e1f-0a2b3c4d5e6f from 10.1.2.3:8080 blk_-6952295868487656571 "
        "at /var/lib/app/data.db took 35ms ptr 0x7ffd1234 id 5e8a9b0c1d2e3f40 size 4096 "
        "via https://api.shop.example.com/v1/orders?x=1 on db-1.shop.internal"
    )
    assert mask_text(line) == (
        "req <UUID> from <HOST> <BLK> at <PATH> took <TIME> ptr <HEX> id <HEX> size <NUM> via <URL> on <HOST>"
    )


def test_keeps_words_and_identifiers_that_carry_meaning():
    assert mask_text("Connection refused by upstream v2") == "Connection refused by upstream v2"
    assert mask_text("worker node-7 joined") == "worker node-<NUM> joined"
    assert mask_text("at com.shop.A.b(A.java:42)") == "at com.shop.A.b(A.java:<NUM>)"


def test_lists_of_the_same_kind_collapse_to_one_mask():
    assert mask_text("peers 10.0.0.1,10.0.0.2,10.0.0.3 ready") == "peers <HOST> ready"


def test_drops_the_human_readable_echo_of_a_size():
    assert mask_text("sent 1048576 bytes (1.0 MB)") == "sent <NUM> bytes"


def test_batch_masking_matches_line_by_line_masking():
    lines = ["a 1", "b 10.0.0.1", "", "c 0xff"]
    assert mask_batch(lines) == [mask_text(line) for line in lines]


def test_exports_the_same_masks_as_drain3_instructions():
    instructions = drain3_masking_instructions()
    assert {instruction.mask_with for instruction in instructions} >= {
        "NUM",
        "HOST",
        "UUID",
        "HEX",
        "PATH",
        "BLK",
    }
