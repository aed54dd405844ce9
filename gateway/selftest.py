"""A canned incident for the self-test: a Java service whose database went away."""

from __future__ import annotations

CANNED_SERVICE = "checkout"
CANNED_INCIDENT = [
    "2026-11-30T10:15:02.114Z INFO  [exec-3] c.s.checkout.OrderController : POST /orders 201 42ms",
    "2026-11-30T10:15:03.220Z INFO  [exec-7] c.s.checkout.OrderController : GET /orders/981 200 8ms",
    "2026-11-30T10:15:04.901Z WARN  [HikariPool-1 housekeeper] com.zaxxer.hikari.pool.HikariPool : "
    "HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=61s).",
    "2026-11-30T10:15:05.002Z ERROR [http-nio-8080-exec-2] o.h.engine.jdbc.spi.SqlExceptionHelper : "
    "Connection to orders-db.prod.svc:5432 refused. Check that the hostname and port are correct and that "
    "the postmaster is accepting TCP/IP connections.",
    "2026-11-30T10:15:05.010Z ERROR [http-nio-8080-exec-2] c.s.checkout.OrderController : "
    "org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection",
    "org.postgresql.util.PSQLException: Connection to orders-db.prod.svc:5432 refused.",
    "\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:319)",
    "\tat com.shop.checkout.OrderRepository.save(OrderRepository.java:88)",
    "2026-11-30T10:15:06.377Z ERROR [http-nio-8080-exec-5] com.zaxxer.hikari.pool.HikariPool : "
    "HikariPool-1 - Connection is not available, request timed out after 30000ms.",
    "2026-11-30T10:15:06.380Z WARN  [exec-5] c.s.checkout.OrderController : POST /orders 503 30012ms",
]
