# ruff: noqa: E501  (stack-trace literals read better unbroken)
"""Real-looking incident log excerpts used across the tests."""

JAVA_TRACE = """\
2026-03-02 10:15:01,204 ERROR [http-nio-8080-exec-7] c.s.checkout.OrderController: Order 552211 failed service=checkout
java.lang.IllegalStateException: Payment authorisation failed for order 552211
\tat com.shop.checkout.payment.PaymentClient.authorise(PaymentClient.java:118)
\tat com.shop.checkout.OrderService.place(OrderService.java:64)
\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:883)
Caused by: java.net.SocketTimeoutException: Read timed out
\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)
\t... 45 common frames omitted""".splitlines()

PYTHON_TRACE = """\
{"ts": "2026-03-02T10:15:02Z", "service": "payments", "level": "error", "message": "charge failed for invoice inv_4411"}
Traceback (most recent call last):
  File "/srv/payments/worker.py", line 212, in handle
    result = gateway.charge(invoice)
  File "/srv/payments/gateway/client.py", line 87, in charge
    raise GatewayError(f"upstream returned {response.status_code}")
payments.gateway.errors.GatewayError: upstream returned 503 from host=pay-gw-2 (10.4.1.17)""".splitlines()

GO_TRACE = """\
E0302 10:15:03.118223    1042 server.go:311] handler panicked: runtime error
panic: runtime error: invalid memory address or nil pointer dereference [recovered]
[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x6a8f3d]

goroutine 87 [running]:
github.com/shop/gateway/internal/proxy.(*Router).forward(0xc0001a2000, {0x7f1c2e0, 0xc000332000})
\t/build/gateway/internal/proxy/router.go:142 +0x3bd
net/http.HandlerFunc.ServeHTTP(0xc000112360, {0x7f1c2e0, 0xc000332000}, 0xc000186200)
\t/usr/local/go/src/net/http/server.go:2136 +0x2f""".splitlines()

NODE_TRACE = """\
2026-03-02T10:15:04.512Z ERROR request failed status=500 code=ECONNRESET
TypeError: Cannot read properties of undefined (reading 'id')
    at getCustomer (/srv/storefront/src/customers.js:42:17)
    at async Router.handle (/srv/storefront/node_modules/express/lib/router/index.js:284:7)""".splitlines()
