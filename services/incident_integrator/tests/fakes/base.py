"""A threaded stdlib HTTP server with a request log and fault injection, for API fakes."""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    headers: dict[str, str]


@dataclass
class Response:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Fault:
    """Answers the next `times` matching requests with `status` (or drops the connection if 0).

    With `after_effect`, the request is applied first and only its response is replaced: the
    "did my create go through?" failure that outbox reconciliation exists for.
    """

    status: int
    times: int = 1
    method: str | None = None
    path_pattern: str | None = None
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    after_effect: bool = False

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        return self.path_pattern is None or re.search(self.path_pattern, path) is not None


class FakeHttpServer:
    """Subclasses implement `route(request) -> Response`; header names are lower-cased."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._faults: list[Fault] = []
        self.requests: list[RecordedRequest] = []
        # Added to every response, to mimic a remote server's round trip (or force client timeouts).
        self.latency_seconds = 0.0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -------------------------------------------------------------------------
    def start(self) -> Self:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                fake._serve(self)

            do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

            def log_message(self, format: str, *args: Any) -> None:
                return None

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "start() the fake first"
        return self._server.server_address[1]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- test controls ---------------------------------------------------------------------
    def inject_failure(
        self,
        status: int = 503,
        times: int = 1,
        *,
        method: str | None = None,
        path: str | None = None,
        body: Any = None,
        headers: dict[str, str] | None = None,
        after_effect: bool = False,
    ) -> Fault:
        fault = Fault(status, times, method, path, body, headers or {}, after_effect)
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear_failures(self) -> None:
        with self._lock:
            self._faults.clear()

    def calls(self, method: str, path_pattern: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.method == method and re.search(path_pattern, r.path)]

    # --- plumbing --------------------------------------------------------------------------
    def route(self, request: RecordedRequest) -> Response:
        raise NotImplementedError

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.times > 0 and fault.matches(method, path):
                    fault.times -= 1
                    return fault
        return None

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        method = handler.command
        headers = {name.lower(): value for name, value in handler.headers.items()}
        record = RecordedRequest(method, parts.path, parse_qs(parts.query), body, headers)
        with self._lock:
            self.requests.append(record)
        if self.latency_seconds > 0:
            time.sleep(self.latency_seconds)
        fault = self._take_fault(method, parts.path)
        if fault is not None and fault.after_effect:
            self._safe_route(record)
        if fault is not None:
            if fault.status == 0:
                handler.close_connection = True
                handler.connection.close()
                return
            response = Response(fault.status, fault.body or _default_error(fault.status), fault.headers)
        else:
            response = self._safe_route(record)
        self._write(handler, response)

    def _safe_route(self, request: RecordedRequest) -> Response:
        with self._lock:
            try:
                return self.route(request)
            except KeyError as missing:
                return Response(400, {"errorMessages": [f"missing field {missing}"], "errors": {}})

    @staticmethod
    def _write(handler: BaseHTTPRequestHandler, response: Response) -> None:
        payload = b"" if response.body is None else json.dumps(response.body).encode("utf-8")
        handler.send_response(response.status)
        if payload:
            handler.send_header("Content-Type", "application/json;charset=UTF-8")
        for name, value in response.headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        if payload:
            handler.wfile.write(payload)


def _default_error(status: int) -> dict[str, Any]:
    return {"errorMessages": [f"injected failure {status}"], "errors": {}, "message": f"injected {status}"}
