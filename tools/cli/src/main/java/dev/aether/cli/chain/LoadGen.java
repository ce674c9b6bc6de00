package dev.aether.cli.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.cli.CliException;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.types.Address;
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
      for (Ed25519KeyPair k : keys) {
        Address a = Address.ofPublicKey(k.publicKey().bytes());
        funding.add(
            client.submit(transfer(chainId, faucet, faucetNonce++, a, 1_000_000_000_000L, until)));
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
      Address sink = DevnetGenesis.faucetAddress();
      Map<H256, Long> pending = new ConcurrentHashMap<>();
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
          Tx tx = transfer(chainId, keys.get(s), nonces[s]++, sink, 1, until);
          pool.submit(
              () -> {
                long t0 = System.nanoTime();
                try {
                  H256 id = client.submit(tx);
                  pending.put(id, t0);
                  accepted.incrementAndGet();
                } catch (CliException e) {
                  rejected.incrementAndGet();
                  String m = e.getMessage();
                  int at = m.indexOf("mempool.");
                  reasons.merge(at >= 0 ? m.substring(at).split("[ :]")[0] : m, 1L, Long::sum);
                } finally {
                  rpcNanos.add(System.nanoTime() - t0);
                }
              });
        }
        pool.shutdown();
        pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        watcher.join();
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      ObjectNode o = JSON.createObjectNode();
      o.put("targetTps", tps);
      o.put("submitted", total);
      o.put("accepted", accepted.get());
      o.put("rejected", rejected.get());
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
              "achieved %.1f tx/s final (%d/%d accepted, %d rejected) | finality p50 %.0f ms p95 %.0f ms p99 %.0f ms | rpc p50 %.1f ms p95 %.1f ms",
              o.get("achievedTps").asDouble(),
              accepted.get(),
              total,
              rejected.get(),
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
      String chainId, Ed25519KeyPair from, long nonce, Address to, long amount, long until) {
    Address a = Address.ofPublicKey(from.publicKey().bytes());
    return ChainClient.sign(
        from,
        ChainClient.transferBody(
            chainId,
            a,
            nonce,
            to,
            Value.of(AssetId.SWR, amount),
            ChainClient.DEFAULT_FEE_CAP,
            until));
  }

  static String hex(byte[] b) {
    return Hex.encode(b);
  }
}
