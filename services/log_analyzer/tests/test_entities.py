# ruff: noqa: E501  (stack-trace literals read better unbroken)
from services.log_analyzer.entities import SourceLocation, extract_entities
from services.log_analyzer.tests.samples import GO_TRACE, JAVA_TRACE, NODE_TRACE, PYTHON_TRACE


def _entities(lines, **kwargs):
    return extract_entities(enumerate(lines), **kwargs)


def test_java_stack_trace_gives_package_paths_lines_functions_and_exceptions():
    entities = _entities(JAVA_TRACE)
    assert entities.source_locations[:2] == [
        SourceLocation(
            "com/shop/checkout/payment/PaymentClient.java", 118, "com.shop.checkout.payment.PaymentClient.authorise",
            "java", 2,
        ),
        SourceLocation("com/shop/checkout/OrderService.java", 64, "com.shop.checkout.OrderService.place", "java", 3),
    ]  # fmt: skip
    assert entities.exception_types == ["java.lang.IllegalStateException", "java.net.SocketTimeoutException"]
    assert entities.services == ["checkout"]


def test_python_traceback_gives_files_lines_functions_and_exception():
    entities = _entities(PYTHON_TRACE)
    assert [(s.path, s.line, s.function, s.language) for s in entities.source_locations] == [
        ("/srv/payments/worker.py", 212, "handle", "python"),
        ("/srv/payments/gateway/client.py", 87, "charge", "python"),
    ]
    assert "payments.gateway.errors.GatewayError" in entities.exception_types
    assert entities.ip_addresses == ["10.4.1.17"]
    assert entities.hosts == ["pay-gw-2"]
    assert entities.http_status_codes == ["503"]


def test_go_panic_gives_files_lines_and_the_function_named_on_the_line_before():
    entities = _entities(GO_TRACE)
    router = next(s for s in entities.source_locations if s.path.endswith("router.go"))
    assert router == SourceLocation(
        "/build/gateway/internal/proxy/router.go", 142, "github.com/shop/gateway/internal/proxy.(*Router).forward",
        "go", 6,
    )  # fmt: skip
    assert any(s.path == "server.go" and s.line == 311 for s in entities.source_locations)
    assert "panic: runtime error" in entities.exception_types


def test_node_stack_trace_gives_files_lines_functions_and_codes():
    entities = _entities(NODE_TRACE)
    assert entities.source_locations[0] == SourceLocation(
        "/srv/storefront/src/customers.js", 42, "getCustomer", "node", 2
    )
    assert "TypeError" in entities.exception_types
    assert entities.http_status_codes == ["500"]
    assert entities.error_codes == ["ECONNRESET"]


def test_access_log_status_and_known_services_are_reported_once():
    lines = [
        '10.0.0.5 - - [02/Mar/2026:10:00:00 +0000] "GET /cart HTTP/1.1" 502 120 "-" "curl"',
        '10.0.0.5 - - [02/Mar/2026:10:00:01 +0000] "GET /cart HTTP/1.1" 502 120 "-" "curl"',
        "upstream connect error to orders.shop.svc.cluster.local ORA-12541",
    ]
    entities = _entities(lines, known_services=["storefront"])
    assert entities.http_status_codes == ["502"]
    assert entities.ip_addresses == ["10.0.0.5"]
    assert entities.services == ["storefront", "orders"]
    assert entities.error_codes == ["ORA-12541"]


def test_each_kind_is_capped():
    lines = [f"peer 10.0.{i // 250}.{i % 250 + 1} down" for i in range(500)]
    assert len(_entities(lines).ip_addresses) == 50
