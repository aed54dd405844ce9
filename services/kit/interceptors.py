"""Server interceptor: request id, one log line per RPC, metrics, and errors mapped to status codes."""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import grpc

from services.kit.log import request_id_var
from services.kit.metrics import GrpcServerMetrics

REQUEST_ID_KEY = "x-request-id"
# Infrastructure RPCs must answer while the service is still loading its model.
_ALWAYS_AVAILABLE = (
    "grpc.health.v1.Health",
    "grpc.reflection.v1alpha.ServerReflection",
    "grpc.reflection.v1.ServerReflection",
)

logger = logging.getLogger("incidentmesh.rpc")


class _Undecodable:
    """Stands for a request body the method's message type cannot parse."""


UNDECODABLE = _Undecodable()


def _tolerant(deserializer: Callable[[bytes], Any] | None) -> Callable[[bytes], Any] | None:
    """Without this, a body that fails to parse (invalid UTF-8 in a proto3 string) ends the call with
    UNKNOWN before any handler runs; the caller deserves INVALID_ARGUMENT."""
    if deserializer is None:
        return None

    def parse(data: bytes) -> Any:
        try:
            return deserializer(data)
        except Exception:
            return UNDECODABLE

    return parse


def split_method(full_method: str) -> tuple[str, str]:
    """'/pkg.Service/Method' -> ('pkg.Service', 'Method')."""
    _, service, method = full_method.split("/", 2)
    return service, method


def _request_id(context: grpc.aio.ServicerContext) -> str:
    for key, value in context.invocation_metadata() or ():
        if key == REQUEST_ID_KEY and isinstance(value, str) and 0 < len(value) <= 128:
            return value
    return uuid.uuid4().hex


def _code_name(code: Any) -> str:
    if code is None:
        return grpc.StatusCode.OK.name
    if isinstance(code, grpc.StatusCode):
        return code.name
    for status in grpc.StatusCode:
        if status.value[0] == code:
            return status.name
    return str(code)


class ObservabilityInterceptor(grpc.aio.ServerInterceptor):
    """Wraps unary handlers; streaming handlers (health Watch, reflection) pass through untouched."""

    def __init__(self, metrics: GrpcServerMetrics, is_ready: Callable[[], bool]) -> None:
        self._metrics = metrics
        self._is_ready = is_ready

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None or handler.unary_unary is None:
            return handler
        service, method = split_method(handler_call_details.method)
        gate = not service.startswith(_ALWAYS_AVAILABLE)
        wrapped = self._wrap_unary(handler.unary_unary, service, method, gate)
        return grpc.unary_unary_rpc_method_handler(
            wrapped,
            request_deserializer=_tolerant(handler.request_deserializer),
            response_serializer=handler.response_serializer,
        )

    def _wrap_unary(self, behavior: Callable[..., Awaitable[Any]], service: str, method: str, gate: bool):
        metrics = self._metrics
        is_ready = self._is_ready

        async def observed(request: Any, context: grpc.aio.ServicerContext) -> Any:
            request_id = _request_id(context)
            token = request_id_var.set(request_id)
            metrics.started.labels(service, method).inc()
            context.set_trailing_metadata(((REQUEST_ID_KEY, request_id),))
            started = time.perf_counter()
            code: Any = grpc.StatusCode.OK
            failure: BaseException | None = None
            try:
                if request is UNDECODABLE:
                    code = grpc.StatusCode.INVALID_ARGUMENT
                    await context.abort(
                        code,
                        "request is not a valid message for this method "
                        "(for example, a string field holds invalid UTF-8)",
                    )
                if gate and not is_ready():
                    code = grpc.StatusCode.UNAVAILABLE
                    await context.abort(code, "service is still loading; retry shortly")
                response = behavior(request, context)
                if inspect.isawaitable(response):
                    response = await response
                code = context.code() or grpc.StatusCode.OK
                return response
            except grpc.aio.AbortError:
                code = context.code()
                raise
            except asyncio.CancelledError:
                code = grpc.StatusCode.CANCELLED
                raise
            except Exception as error:
                chosen = context.code()
                if chosen not in (None, grpc.StatusCode.OK, grpc.StatusCode.UNKNOWN):
                    # The handler chose a status before raising (generated base classes do this
                    # for UNIMPLEMENTED); honour it rather than reporting an internal error.
                    code = chosen
                    await context.abort(code, context.details() or code.name)
                # Internals stay in the log; the caller gets only the request id to quote.
                code = grpc.StatusCode.INTERNAL
                failure = error
                await context.abort(code, f"internal error (request id {request_id})")
            finally:
                elapsed = time.perf_counter() - started
                code_name = _code_name(code)
                metrics.handled.labels(service, method, code_name).inc()
                metrics.handling_seconds.labels(service, method).observe(elapsed)
                fields = {
                    "grpc_service": service,
                    "grpc_method": method,
                    "grpc_code": code_name,
                    "duration_ms": round(elapsed * 1000, 3),
                    "peer": context.peer(),
                    "request_id": request_id,
                }
                if failure is not None:
                    logger.error("rpc failed", extra=fields, exc_info=failure)
                elif gate:
                    logger.info("rpc", extra=fields)
                else:
                    # Probes arrive every few seconds; keep them out of the default log level.
                    logger.debug("rpc", extra=fields)
                request_id_var.reset(token)

        return observed
