from __future__ import annotations

from services.incident_integrator.signature import github_signature, verify_github_signature

# GitHub's documented test vector (docs: validating webhook deliveries).
SECRET = "It's a Secret to Everybody"
BODY = b"Hello, World!"
EXPECTED = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"


def test_matches_githubs_documented_test_vector():
    assert github_signature(SECRET, BODY) == EXPECTED
    assert verify_github_signature(SECRET, BODY, EXPECTED)
    assert verify_github_signature(SECRET.encode(), BODY, EXPECTED)


def test_rejects_a_tampered_body_or_wrong_secret():
    assert not verify_github_signature(SECRET, BODY + b" ", EXPECTED)
    assert not verify_github_signature("another secret", BODY, EXPECTED)


def test_rejects_missing_malformed_or_legacy_headers():
    assert not verify_github_signature(SECRET, BODY, None)
    assert not verify_github_signature(SECRET, BODY, "")
    assert not verify_github_signature(SECRET, BODY, EXPECTED.removeprefix("sha256="))
    assert not verify_github_signature(SECRET, BODY, "sha1=" + EXPECTED.removeprefix("sha256="))
    assert not verify_github_signature(SECRET, BODY, "sha256=zz\u00e9")


def test_an_empty_secret_never_verifies():
    assert not verify_github_signature("", BODY, github_signature("", BODY))
