package dev.aether.cli.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.cli.CliException;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.H256;
import dev.aether.types.Hex;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code aetherctl loadgen}: funds a set of sender accounts from the devnet faucet, then sends
 * signed transfers at a target rate and reports achieved TPS, finality latency (submit → in a final
 * block) and RPC latency percentiles.
 *
 * <p>It behaves like a careful wallet backend under load: fee caps follow the node's estimate
 * ({@code aeth_estimateFee}, refreshed twice a second), and a refused transaction is retried as its
 * refusal says — re-signed with a fresh fee cap for {@code raise_fee}, resent unchanged after a
 * pause for {@code later} (its nonce's predecessor had not landed yet, the pool was full) — at most
 * {@link #ATTEMPTS} times in all. By default every sender pays its own recipient, so transfers do
 * not conflict; {@code --hot-sink} sends them all to one account instead, the hottest object a fee
 * market can see.
 */
@Command(
    name = "loadgen",
    description = "Send signed transfers at a rate; report TPS and latencies.")
public final class LoadGen implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin ChainCommands.Common c;

  @Option(names = "--tps", defaultValue = "50", description = "target transactions per second")
  int tps;

  @Option(names = "--duration", defaultValue = "30", description = "seconds of sending")
  int duration;

  @Option(
      names = "--senders",
      defaultValue = "0",
      description = "sender accounts (default tps/10+1)")
  int senders;

  @Option(
      names = "--hot-sink",
      description = "send every transfer to one account (a hot object) instead of one per sender")
  boolean hotSink;

  /** Tries per transaction, the first included. */
  static final int ATTEMPTS = 3;

  /**
   * Pause before resending a transaction refused with {@code later}: long enough for a block or two
   * to land, so retries do not become a load of their own.
   */
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  @Override
  public Integer call() throws Exception {
    if (tps < 1 || tps > 100_000 || duration < 1 || duration > 3_600) {
      throw new CliException("--tps must be 1..100000 and --duration 1..3600", 2);
    }
    int n = senders > 0 ? senders : tps / 10 + 1;
    try (ChainClient client = c.client()) {
      String chainId = client.chainId();
      // Fresh senders each run, so transactions left pending by an earlier run cannot collide.
      List<Ed25519KeyPair> keys = new ArrayList<>();
      java.security.SecureRandom random = new java.security.SecureRandom();
      for (int i = 0; i < n; i++) {
        keys.add(Ed25519KeyPair.generate(random));
      }
      System.err.println("funding " + n + " sender accounts from the devnet faucet...");
      List<H256> funding = new ArrayList<>();
      Ed25519KeyPair faucet = DevnetGenesis.faucetKey();
      long faucetNonce = client.nonce(DevnetGenesis.faucetAddress());
      long until = client.latestSlot() + 7_200;
      Amount fundingCap =
          client.feeCapFor(
              faucet,
              transfer(
                      chainId,
                      faucet,
                      faucetNonce,
                      DevnetGenesis.faucetAddress(),
                      1,
                      until,
                      Amount.of(1))
                  .body(),
              Optional.empty());
      for (Ed25519KeyPair k : keys) {
        Address a = Address.ofPublicKey(k.publicKey().bytes());
        funding.add(
            client.submit(
                transfer(
                    chainId, faucet, faucetNonce++, a, 1_000_000_000_000L, until, fundingCap)));
      }
      for (H256 id : funding) {
        if (client.awaitReceipt(id, Duration.ofSeconds(120), null).isEmpty()) {
          throw new CliException("funding transaction " + id + " did not become final");
        }
      }
      long[] nonces = new long[n];
      for (int i = 0; i < n; i++) {
        nonces[i] = client.nonce(Address.ofPublicKey(keys.get(i).publicKey().bytes()));
      }
      List<Address> sinks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        sinks.add(
            hotSink
                ? DevnetGenesis.faucetAddress()
                : Address.ofPublicKey(Ed25519KeyPair.generate(random).publicKey().bytes()));
      }
      FeeTicker fees = new FeeTicker(client, keys.get(0), chainId, sinks.get(0), until);
      fees.refresh();
      Map<H256, Long> pending = new ConcurrentHashMap<>();
      AtomicLong retries = new AtomicLong();
      List<Long> rpcNanos = Collections.synchronizedList(new ArrayList<>());
      List<Long> finalityNanos = Collections.synchronizedList(new ArrayList<>());
      AtomicLong accepted = new AtomicLong();
      AtomicLong rejected = new AtomicLong();
      Map<String, Long> reasons = new java.util.concurrent.ConcurrentSkipListMap<>();
      long startHeight =
          ChainClient.quantity(
              client.call("aeth_getBlockByNumber", "finalized", false).path("height"));
      System.err.printf("sending %d tx/s for %d s from %d senders%n", tps, duration, n);
      long start = System.nanoTime();
      long total = (long) tps * duration;
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        Thread ticker = Thread.ofVirtual().start(() -> fees.run(start, duration));
        Thread watcher =
            Thread.ofVirtual()
                .start(
                    () ->
                        watch(
                            client,
                            startHeight,
                            pending,
                            finalityNanos,
                            start + Duration.ofSeconds(duration + 30).toNanos()));
        for (long i = 0; i < total; i++) {
          long due = start + i * 1_000_000_000L / tps;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
          int s = (int) (i % n);
          Ed25519KeyPair key = keys.get(s);
          long nonce = nonces[s]++;
          Address to = sinks.get(s);
          pool.submit(
              () -> {
                long t0 = System.nanoTime();
                Tx tx = transfer(chainId, key, nonce, to, 1, until, fees.cap());
                for (int attempt = 1; ; attempt++) {
                  long ts = System.nanoTime();
                  ChainClient.Submitted r = client.trySubmit(tx);
                  rpcNanos.add(System.nanoTime() - ts);
                  if (r instanceof ChainClient.Submitted.Accepted ok) {
                    pending.put(ok.txId(), t0);
                    accepted.incrementAndGet();
                    return;
                  }
                  ChainClient.Submitted.Refused no = (ChainClient.Submitted.Refused) r;
                  if (attempt == ATTEMPTS || no.retry().equals("never")) {
                    rejected.incrementAndGet();
                    reasons.merge(no.reason(), 1L, Long::sum);
                    return;
                  }
                  retries.incrementAndGet();
                  if (no.retry().equals("raise_fee")) {
                    fees.refresh();
                    tx = transfer(chainId, key, nonce, to, 1, until, fees.cap());
                  } else {
                    try {
                      Thread.sleep(RETRY_PAUSE);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                  }
                }
              });
        }
        pool.shutdown();
        pool.awaitTermination(120, java.util.concurrent.TimeUnit.SECONDS);
        ticker.interrupt();
        watcher.join();
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      ObjectNode o = JSON.createObjectNode();
      o.put("targetTps", tps);
      o.put("submitted", total);
      o.put("accepted", accepted.get());
      o.put("rejected", rejected.get());
      o.put("retries", retries.get());
      o.put("lastFeeCap", fees.cap().toString());
      o.put("finalized", finalityNanos.size());
      o.put("achievedTps", finalityNanos.size() / elapsed);
      o.put("finalityP50Ms", pct(finalityNanos, 50));
      o.put("finalityP95Ms", pct(finalityNanos, 95));
      o.put("finalityP99Ms", pct(finalityNanos, 99));
      o.put("rpcP50Ms", pct(rpcNanos, 50));
      o.put("rpcP95Ms", pct(rpcNanos, 95));
      reasons.forEach((k, v) -> o.with("rejections").put(k, v));
      if (!reasons.isEmpty() && !c.json) {
        System.err.println("rejections: " + reasons);
      }
      c.print(
          o,
          String.format(
              "achieved %.1f tx/s final (%d/%d accepted, %d rejected, %d retries) | finality p50 %.0f ms p95 %.0f ms p99 %.0f ms | rpc p50 %.1f ms p95 %.1f ms",
              o.get("achievedTps").asDouble(),
              accepted.get(),
              total,
              rejected.get(),
              retries.get(),
              o.get("finalityP50Ms").asDouble(),
              o.get("finalityP95Ms").asDouble(),
              o.get("finalityP99Ms").asDouble(),
              o.get("rpcP50Ms").asDouble(),
              o.get("rpcP95Ms").asDouble()));
      return 0;
    }
  }

  /** Follows final blocks and records submit-to-final latency of our transactions. */
  private static void watch(
      ChainClient client,
      long fromHeight,
      Map<H256, Long> pending,
      List<Long> finality,
      long deadline) {
    long next = fromHeight + 1;
    while (System.nanoTime() < deadline) {
      try {
        JsonNode b = client.call("aeth_getBlockByNumber", next, false);
        if (b == null || b.isNull()) {
          if (pending.isEmpty()
              && System.nanoTime() > deadline - Duration.ofSeconds(29).toNanos()) {
            return;
          }
          Thread.sleep(100);
          continue;
        }
        long now = System.nanoTime();
        for (JsonNode t : b.path("transactions")) {
          Long sent = pending.remove(H256.fromHex(t.asText()));
          if (sent != null) {
            finality.add(now - sent);
          }
        }
        next++;
      } catch (CliException e) {
        // node busy: try again
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static double pct(List<Long> nanos, int p) {
    List<Long> s;
    synchronized (nanos) {
      s = new ArrayList<>(nanos);
    }
    if (s.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(s);
    return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1)) / 1e6;
  }

  private static Tx transfer(
      String chainId,
      Ed25519KeyPair from,
      long nonce,
      Address to,
      long amount,
      long until,
      Amount feeCap) {
    Address a = Address.ofPublicKey(from.publicKey().bytes());
    return ChainClient.sign(
        from,
        ChainClient.withFeeCap(
            ChainClient.transferBody(
                chainId, a, nonce, to, Value.of(AssetId.SWR, amount), 1, until),
            feeCap));
  }

  /**
   * The fee cap transfers are signed with: the node's suggestion for a sample transfer, refreshed
   * every {@link #PERIOD} and whenever a transaction is refused as too cheap. The sample writes the
   * same kind of objects as the real transfers (with {@code --hot-sink}, the hot one).
   */
  private static final class FeeTicker {
    static final Duration PERIOD = Duration.ofMillis(500);
    private final ChainClient client;
    private final Ed25519KeyPair key;
    private final String chainId;
    private final Address to;
    private final long until;
    private final java.util.concurrent.atomic.AtomicReference<Amount> cap =
        new java.util.concurrent.atomic.AtomicReference<>(Amount.of(1));

    FeeTicker(ChainClient client, Ed25519KeyPair key, String chainId, Address to, long until) {
      this.client = client;
      this.key = key;
      this.chainId = chainId;
      this.to = to;
      this.until = until;
    }

    Amount cap() {
      return cap.get();
    }

    void refresh() {
      try {
        Tx sample = transfer(chainId, key, 0, to, 1, until, Amount.of(1));
        cap.set(client.feeCapFor(key, sample.body(), Optional.empty()));
      } catch (CliException e) {
        // keep the last price: the node is busy, the next refresh tries again
      }
    }

    void run(long startNanos, int seconds) {
      long end = startNanos + Duration.ofSeconds(seconds + 60).toNanos();
      while (System.nanoTime() < end) {
        try {
          Thread.sleep(PERIOD);
        } catch (InterruptedException e) {
          return;
        }
        refresh();
      }
    }
  }

  static String hex(byte[] b) {
    return Hex.encode(b);
  }
}
