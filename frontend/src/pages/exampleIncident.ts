// A sample incident for "Load example": a payments service whose database connections ran out.
export const EXAMPLE_SERVICE = 'payments';
export const EXAMPLE_LOGS = [
  '2026-11-30T09:00:01.010Z INFO  [main] c.e.payments.Api : GET /health 200 2ms',
  '2026-11-30T09:00:02.120Z INFO  [exec-1] c.e.payments.ChargeController : POST /charges 201 35ms',
  '2026-11-30T09:00:03.300Z INFO  [exec-4] c.e.payments.ChargeController : POST /charges 201 41ms',
  '2026-11-30T09:00:04.512Z WARN  [pool-housekeeper] com.zaxxer.hikari.pool.HikariPool : HikariPool-1 - Pool stats (total=20, active=20, idle=0, waiting=57)',
  '2026-11-30T09:00:05.020Z ERROR [exec-9] o.h.engine.jdbc.spi.SqlExceptionHelper : Connection to payments-db.prod.svc:5432 refused. Check that the hostname and port are correct.',
  '2026-11-30T09:00:05.031Z ERROR [exec-9] c.e.payments.ChargeController : org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection',
  'org.postgresql.util.PSQLException: Connection to payments-db.prod.svc:5432 refused.',
  '\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:319)',
  '\tat com.example.payments.ChargeRepository.insert(ChargeRepository.java:57)',
  '2026-11-30T09:00:06.400Z ERROR [exec-12] com.zaxxer.hikari.pool.HikariPool : HikariPool-1 - Connection is not available, request timed out after 30000ms.',
  '2026-11-30T09:00:06.402Z WARN  [exec-12] c.e.payments.ChargeController : POST /charges 503 30011ms',
];
