package dev.aether.rpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A plaintext gRPC server hosting {@link BlockStreamService}. A node that already runs a gRPC
 * server can add the service there instead.
 */
public final class BlockStreamServer implements AutoCloseable {
  private final Server server;
  private final ExecutorService executor;

  private BlockStreamServer(Server server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds {@code host:port} (port 0 picks one) and starts serving, with the default limits. */
  public static BlockStreamServer start(ChainBackend backend, String host, int port) {
    return start(new BlockStreamService(backend), host, port);
  }

  /** Serves {@code service} (with its own limits) on {@code host:port}. */
  static BlockStreamServer start(BlockStreamService service, String host, int port) {
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
            .executor(executor)
            .addService(
                io.grpc.ServerInterceptors.intercept(service, BlockStreamService.interceptor()))
            .build();
    try {
      server.start();
    } catch (IOException e) {
      executor.close();
      throw new UncheckedIOException(
          "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    return new BlockStreamServer(server, executor);
  }

  public int port() {
    return server.getPort();
  }

  /** Cancels open streams and stops, waiting up to five seconds. */
  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
  }
}
