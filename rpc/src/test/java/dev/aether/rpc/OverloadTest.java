package dev.aether.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What clients see when a node is overloaded (issue 14, item 6): a clear, retryable answer, never a
 * broken one. The server answers requests beyond its in-flight limit at once with HTTP 503 and a
 * JSON-RPC "unavailable" error; the client recovers from a keep-alive connection that the server
 * closed without answering (the "header parser received no bytes" the issue saw).
 */
class OverloadTest {
  private static final String CALL = "{\"jsonrpc\":\"2.0\",\"method\":\"aeth_chainId\",\"id\":1}";

  /** A backend whose chainId blocks until released: requests pile up in flight. */
  private static final class SlowChain extends InMemoryChain {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    SlowChain() {
      super(3);
    }

    @Override
    public String chainId() {
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.chainId();
    }
  }

  @Test
  void requestsBeyondTheInFlightLimitGetAnImmediateRetryableBusyError() throws Exception {
    SlowChain chain = new SlowChain();
    RpcConfig config = new RpcConfig("127.0.0.1", 0, 1 << 20, 100, 0, 1);
    try (RpcServer server = RpcServer.builder(chain, config).maxInFlight(1).start();
        RawHttp first = new RawHttp(server.uri());
        RawHttp second = new RawHttp(server.uri())) {
      Thread slow = Thread.ofVirtual().start(() -> first.post(CALL));
      assertThat(chain.entered.await(10, TimeUnit.SECONDS)).isTrue();
      RawHttp.Response busy = second.post(CALL);
      assertThat(busy.status()).isEqualTo(503);
      assertThat(busy.json().path("error").path("code").asInt()).isEqualTo(RpcError.UNAVAILABLE);
      assertThat(busy.json().path("error").path("data").asText()).contains("retry");
      chain.release.countDown();
      slow.join(10_000);
      // The slot is released after the first answer is written, so the client can see that
      // answer a moment before the slot is free again: poll with a deadline.
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(() -> second.post(CALL).status() == 200);
    }
  }

  @Test
  void theClientRetriesOnceWhenTheServerClosesAConnectionWithoutAnswering() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread server =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      // First connection: read the request, close without a byte of answer.
                      try (Socket s = listener.accept()) {
                        readRequest(s.getInputStream());
                      }
                      try (Socket s = listener.accept()) {
                        readRequest(s.getInputStream());
                        byte[] body =
                            "{\"jsonrpc\":\"2.0\",\"result\":\"aether-test-1\",\"id\":1}"
                                .getBytes(StandardCharsets.US_ASCII);
                        OutputStream out = s.getOutputStream();
                        out.write(
                            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                    + body.length
                                    + "\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                      }
                    } catch (IOException e) {
                      throw new IllegalStateException(e);
                    }
                  });
      try (RpcClient client =
          new RpcClient(
              java.net.URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/"),
              Duration.ofSeconds(5))) {
        assertThat(client.call("aeth_chainId").asText()).isEqualTo("aether-test-1");
      }
      server.join(5_000);
    }
  }

  /** Reads headers and a Content-Length body. */
  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        return;
      }
      head.append((char) c);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
  }
}
