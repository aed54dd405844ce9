"""GitHub webhook signature check (`X-Hub-Signature-256`), shared with the gateway."""

from __future__ import annotations

import hashlib
import hmac

_PREFIX = "sha256="


def github_signature(secret: str | bytes, body: bytes) -> str:
    """The header value GitHub would send for this body: `sha256=<hex HMAC-SHA256>`."""
    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    return _PREFIX + hmac.new(key, body, hashlib.sha256).hexdigest()


def verify_github_signature(secret: str | bytes, body: bytes, header: str | None) -> bool:
    """True when `header` is the HMAC-SHA256 of the raw `body` under `secret`.

    The comparison is constant-time so response timing leaks nothing about the expected digest.
    An empty secret never verifies: accepting unsigned deliveries must be an explicit decision upstream.
    """
    if not secret or not header or not header.startswith(_PREFIX):
        return False
    expected = github_signature(secret, body)
    return hmac.compare_digest(expected.encode("ascii"), header.strip().encode("ascii", "replace"))
