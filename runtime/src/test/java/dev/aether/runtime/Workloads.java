package dev.aether.runtime;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/** Seeded random blocks for {@link OrderSensitiveLogic}, with a tunable conflict rate. */
final class Workloads {
  private Workloads() {}

  static H256 key(int i) {
    return Hashing.tagged("test/key", ByteBuffer.allocate(4).putInt(i).array());
  }

  static UtxoRef utxo(int i) {
    return new UtxoRef(Hashing.tagged("test/utxo", ByteBuffer.allocate(4).putInt(i).array()), 0);
  }

  /** A parent state holding every key and UTxO the workload may touch. */
  static TreeMap<H256, Bytes> parentState(int keys, int utxos) {
    TreeMap<H256, Bytes> s = new TreeMap<>();
    for (int i = 0; i < keys; i++) {
      s.put(key(i), Bytes.of(ByteBuffer.allocate(8).putLong(i * 1000L + 1).array()));
    }
    for (int i = 0; i < utxos; i++) {
      s.put(utxo(i).stateKey(), Bytes.of(new byte[] {1}));
    }
    return s;
  }

  /**
   * A block of {@code n} transactions over {@code keys} keys. With probability {@code hotPercent} a
   * transaction writes key 0 (the hot spot); otherwise it picks keys uniformly. {@code failPercent}
   * of calls fail on purpose, and about 3% touch an undeclared key.
   */
  static List<Tx> block(long seed, int n, int keys, int utxos, int hotPercent, int failPercent) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Tx> txs = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      TreeSet<H256> reads = new TreeSet<>();
      TreeSet<H256> writes = new TreeSet<>();
      List<Call> calls = new ArrayList<>();
      int nCalls = 1 + r.nextInt(3);
      boolean hot = r.nextInt(100) < hotPercent;
      for (int c = 0; c < nCalls; c++) {
        H256 src = key(r.nextInt(keys));
        H256 dst = hot && c == 0 ? key(0) : key(r.nextInt(keys));
        if (r.nextInt(100) < 3) {
          // Undeclared access: the read of src is left out (unless declared elsewhere).
          writes.add(dst);
        } else {
          reads.add(src);
          writes.add(dst);
        }
        String method = r.nextInt(100) < failPercent ? "fail" : "mix";
        calls.add(
            new Call(OrderSensitiveLogic.PROGRAM, method, OrderSensitiveLogic.args(src, dst, t)));
      }
      reads.removeAll(writes);
      TreeSet<UtxoRef> inputs = new TreeSet<>();
      if (utxos > 0 && r.nextInt(4) == 0) {
        inputs.add(utxo(r.nextInt(utxos))); // double spends across the block are likely
      }
      TxBody body =
          new TxBody(
              "test",
              new Address(key(1_000_000 + t)),
              t,
              List.copyOf(inputs),
              List.copyOf(reads),
              List.copyOf(writes),
              List.of(),
              calls,
              Value.EMPTY,
              Value.EMPTY,
              Amount.of(1_000_000),
              0,
              Long.MAX_VALUE);
      txs.add(new Tx(body, List.of()));
    }
    return txs;
  }

  static Bytes bytes(long v) {
    return Bytes.of(ByteBuffer.allocate(8).putLong(v).array());
  }
}
