package dev.aether.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-client token bucket, driven by a controlled clock through the real HTTP server. */
class RateLimitTest {
  private static final long SECOND = 1_000_000_000L;
  private static final String CALL = "{\"jsonrpc\":\"2.0\",\"method\":\"aeth_chainId\",\"id\":1}";
  private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
  private RpcServer server;
  private RawHttp http;

  @BeforeEach
  void start() {
    // 2 calls per second sustained, bursts of 3; bound to all loopback addresses.
    RpcConfig config = new RpcConfig("0.0.0.0", 0, 1 << 20, 100, 2, 3);
    server = RpcServer.builder(new InMemoryChain(3), config).nanoClock(clock::get).start();
    http = new RawHttp(java.net.URI.create("http://127.0.0.1:" + server.address().getPort() + "/"));
  }

  @AfterEach
  void stop() {
    http.close();
    server.close();
  }

  @Test
  void burstIsServedThenRefusedWith429UntilTokensRefill() {
    for (int i = 0; i < 3; i++) {
      assertThat(http.post(CALL).status()).isEqualTo(200);
    }
    RawHttp.Response refused = http.post(CALL);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().path("error").path("code").asInt()).isEqualTo(RpcError.RATE_LIMITED);
    assertThat(refused.json().get("id").isNull()).isTrue();
    // Half a second refills one call at 2/s: one more is served, the next is not.
    clock.addAndGet(SECOND / 2);
    assertThat(http.post(CALL).status()).isEqualTo(200);
    assertThat(http.post(CALL).status()).isEqualTo(429);
    // A long pause refills the bucket to its burst, no further.
    clock.addAndGet(3600 * SECOND);
    for (int i = 0; i < 3; i++) {
      assertThat(http.post(CALL).status()).isEqualTo(200);
    }
    assertThat(http.post(CALL).status()).isEqualTo(429);
  }

  @Test
  void aBatchCostsOneCallPerEntry() {
    String batch = "[" + String.join(",", Collections.nCopies(5, CALL)) + "]";
    RawHttp.Response r = http.post(batch);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json()).hasSize(5);
    // 5 calls against a burst of 3: the client owes time and is refused until it is repaid.
    clock.addAndGet(SECOND);
    assertThat(http.post(CALL).status()).isEqualTo(429);
    clock.addAndGet(SECOND + SECOND / 2);
    assertThat(http.post(CALL).status()).isEqualTo(200);
  }

  @Test
  void limitsArePerClientAddress() throws IOException {
    for (int i = 0; i < 3; i++) {
      assertThat(http.post(CALL).status()).isEqualTo(200);
    }
    assertThat(http.post(CALL).status()).isEqualTo(429);
    // Another loopback address is another client with its own budget.
    assertThat(postFrom("127.0.0.2")).isEqualTo(200);
    assertThat(http.post(CALL).status()).isEqualTo(429);
  }

  /** A minimal HTTP/1.1 POST from a chosen local address; returns the status code. */
  private int postFrom(String localAddress) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(localAddress, 0));
      s.connect(new InetSocketAddress("127.0.0.1", server.address().getPort()), 5_000);
      s.setSoTimeout(5_000);
      byte[] body = CALL.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Connection: close\r\nContent-Length: "
              + body.length
              + "\r\n\r\n";
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Integer.parseInt(response.split(" ", 3)[1]);
    }
  }
}
