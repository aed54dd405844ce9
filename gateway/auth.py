"""API keys with roles. Only SHA-256 digests of keys are stored; keys are random 256-bit tokens,
so a plain digest is enough (no password stretching needed)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from services.kit.config import ConfigError

ROLES = ("viewer", "operator", "admin")
_RANK = {role: rank for rank, role in enumerate(ROLES)}
KEYS_FILE = "api_keys.json"
KEY_ID_LENGTH = 12
ADMIN_KEY_FILE = "admin.key"


@dataclass(frozen=True)
class Principal:
    name: str
    role: str

    def allows(self, role: str) -> bool:
        return _RANK[self.role] >= _RANK[role]


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class KeyStore:
    """Keys by digest. Keys from the environment are fixed; keys created through the API are saved
    (digests only) to the key file so they survive restarts."""

    def __init__(
        self,
        entries: dict[str, Principal] | None = None,
        path: Path | None = None,
        fixed: frozenset[str] = frozenset(),
    ) -> None:
        self._by_digest = dict(entries or {})
        self._path = path
        self._fixed = fixed

    def __len__(self) -> int:
        return len(self._by_digest)

    def add(self, name: str, role: str, key: str | None = None) -> str:
        if role not in _RANK:
            raise ValueError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
        key = key or new_key()
        self._by_digest[digest(key)] = Principal(name, role)
        return key

    def create(self, name: str, role: str) -> tuple[str, str]:
        """Adds a new key and saves the key file; returns (id, key). The key is never stored."""
        key = self.add(name, role)
        self._save()
        return digest(key)[:KEY_ID_LENGTH], key

    def revoke(self, key_id: str) -> bool:
        matches = [d for d in self._by_digest if d[:KEY_ID_LENGTH] == key_id and d not in self._fixed]
        for match in matches:
            del self._by_digest[match]
        if matches:
            self._save()
        return bool(matches)

    def listing(self) -> list[dict[str, str]]:
        return [
            {
                "id": d[:KEY_ID_LENGTH],
                "name": p.name,
                "role": p.role,
                "source": "environment" if d in self._fixed else "file",
            }
            for d, p in sorted(self._by_digest.items(), key=lambda item: item[1].name)
        ]

    def lookup(self, key: str) -> Principal | None:
        wanted = digest(key)
        # Compare against every digest in constant time so timing says nothing about near misses.
        found = None
        for candidate, principal in self._by_digest.items():
            if hmac.compare_digest(candidate, wanted):
                found = principal
        return found

    def _save(self) -> None:
        if self._path is None:
            return
        entries = [
            {"name": p.name, "role": p.role, "sha256": d}
            for d, p in self._by_digest.items()
            if d not in self._fixed
        ]
        self._path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._path.with_suffix(".tmp")
        temporary.write_text(json.dumps(entries, indent=2))
        os.replace(temporary, self._path)

    @classmethod
    def load(cls, spec: str | None, path: Path | None) -> KeyStore:
        """From GATEWAY_API_KEYS ('name:role:sha256hex;...') and/or a JSON file of the same entries."""
        fixed: dict[str, Principal] = {}
        if spec:
            for item in filter(None, (part.strip() for part in spec.split(";"))):
                fields = item.split(":")
                if len(fields) != 3 or fields[1] not in _RANK or len(fields[2]) != 64:
                    raise ConfigError(
                        "GATEWAY_API_KEYS entries must look like name:role:sha256hex "
                        f"(role one of {', '.join(ROLES)})"
                    )
                fixed[fields[2].lower()] = Principal(fields[0], fields[1])
        from_file: dict[str, Principal] = {}
        if path is not None and path.exists():
            try:
                for item in json.loads(path.read_text()):
                    if item["role"] not in _RANK:
                        raise ValueError(f"unknown role {item['role']!r}")
                    from_file[item["sha256"]] = Principal(item["name"], item["role"])
            except (ValueError, KeyError, TypeError) as error:
                raise ConfigError(f"API key file {path} is invalid: {error}") from None
        return cls({**from_file, **fixed}, path, frozenset(fixed))


def new_key() -> str:
    return "im_" + secrets.token_urlsafe(32)


def ensure_admin_key(data_dir: Path) -> tuple[str, bool]:
    """Creates an admin key on first run. Returns (key, created); the key file is readable by owner only."""
    data_dir.mkdir(parents=True, exist_ok=True)
    key_file = data_dir / ADMIN_KEY_FILE
    keys_file = data_dir / KEYS_FILE
    if key_file.exists():
        return key_file.read_text().strip(), False
    key = new_key()
    entries = json.loads(keys_file.read_text()) if keys_file.exists() else []
    entries.append({"name": "admin", "role": "admin", "sha256": digest(key)})
    keys_file.write_text(json.dumps(entries, indent=2))
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key, True


class ApiKeyMiddleware(AbstractAuthenticationMiddleware):
    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        header = connection.headers.get("authorization", "")
        scheme, _, key = header.partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise NotAuthorizedException("missing API key: send 'Authorization: Bearer <key>'")
        principal = connection.app.state.api_keys.lookup(key.strip())
        if principal is None:
            raise NotAuthorizedException("invalid API key")
        return AuthenticationResult(user=principal, auth=None)


def requires(role: str):
    """Route guard: the caller's role must be at least `role`."""

    def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        principal: Principal = connection.user
        if not principal.allows(role):
            raise PermissionDeniedException(
                f"this route needs the {role} role; your key has {principal.role}"
            )

    guard.required_role = role  # read by the route-table security test
    return guard
