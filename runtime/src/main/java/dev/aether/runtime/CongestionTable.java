package dev.aether.runtime;

import dev.aether.ledger.StateObject;
import dev.aether.ledger.StateReader;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The congestion multipliers of the currently hot writable objects, in permille ({@code 1000} =
 * 1×). Objects not listed are at 1×. Stored in the state under {@link #STATE_KEY}, so the
 * multipliers a block charges are those committed by its parent.
 */
public record CongestionTable(SortedMap<H256, Long> permille) {
  /** The state key holding the table. */
  public static final H256 STATE_KEY =
      Hashing.tagged("aether/congestion/v1", "table".getBytes(StandardCharsets.US_ASCII));

  public static final CongestionTable EMPTY = new CongestionTable(new TreeMap<>());

  /** Upper bound on entries, far above what the rule can produce (see {@link CongestionRule}). */
  public static final int MAX_ENTRIES = 1 << 16;

  public static final Codec<CongestionTable> CODEC =
      new Codec<>() {
        @Override
        public void write(CongestionTable v, Writer out) {
          out.u32(v.permille.size());
          for (Map.Entry<H256, Long> e : v.permille.entrySet()) {
            H256.CODEC.write(e.getKey(), out);
            out.u64(e.getValue());
          }
        }

        @Override
        public CongestionTable read(Reader in) {
          int n = in.length("CongestionTable entries", MAX_ENTRIES);
          TreeMap<H256, Long> m = new TreeMap<>();
          H256 prev = null;
          for (int i = 0; i < n; i++) {
            H256 k = H256.CODEC.read(in);
            long v = in.u64("CongestionTable permille");
            if (prev != null && prev.compareTo(k) >= 0) {
              throw new CodecException.NonCanonical("CongestionTable keys not ascending");
            }
            if (v <= CongestionRule.UNIT) {
              throw new CodecException.NonCanonical("CongestionTable holds a 1x entry");
            }
            m.put(k, v);
            prev = k;
          }
          return new CongestionTable(m);
        }
      };

  public CongestionTable {
    TreeMap<H256, Long> copy = new TreeMap<>(permille);
    for (long v : copy.values()) {
      if (v <= CongestionRule.UNIT) {
        throw new IllegalArgumentException("entries must be above 1000 permille");
      }
    }
    permille = Collections.unmodifiableSortedMap(copy);
  }

  /** The multiplier of one object, 1000 when it is not hot. */
  public long of(H256 key) {
    return permille.getOrDefault(key, CongestionRule.UNIT);
  }

  /** The multiplier a transaction pays: that of the hottest object it writes. */
  public long forWrites(Iterable<H256> writes) {
    long m = CongestionRule.UNIT;
    if (permille.isEmpty()) {
      return m;
    }
    for (H256 k : writes) {
      m = Math.max(m, of(k));
    }
    return m;
  }

  /** Reads the table from a state, empty when the state has none. */
  public static CongestionTable load(StateReader state) {
    return state
        .get(STATE_KEY)
        .map(
            o ->
                switch (o) {
                  case StateObject.Data d -> CODEC.decode(d.bytes().toArray());
                  default -> throw new IllegalStateException("congestion table key holds " + o);
                })
        .orElse(EMPTY);
  }

  /** The table as stored in the state; the empty table is stored as no object at all. */
  public Optional<StateObject> toState() {
    return permille.isEmpty()
        ? Optional.empty()
        : Optional.of(new StateObject.Data(Bytes.of(CODEC.encode(this))));
  }
}
