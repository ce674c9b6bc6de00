package dev.aether.consensus;

import dev.aether.types.Bytes;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The highest operational-certificate counter the finalized chain has used, per cold key. A
 * proposal whose certificate counter is below its proposer's entry (here, or on the blocks between
 * the last final block and it) is refused: once a validator has rotated, its older hot keys are
 * worthless even if stolen. Immutable; ordered by cold key, so the encoding is canonical.
 */
public record CertCounters(SortedMap<Bytes, Long> byColdKey) {
  public static final CertCounters EMPTY = new CertCounters(new TreeMap<>());

  /** Most entries a checkpoint may carry (one per cold key ever seen on the final chain). */
  public static final int MAX_ENTRIES = 1 << 16;

  private static final Codec<Bytes> KEY = Bytes.codec("CertCounters coldKey", 64);

  public static final Codec<CertCounters> CODEC =
      new Codec<>() {
        @Override
        public void write(CertCounters v, Writer out) {
          out.u32(v.byColdKey.size());
          for (Map.Entry<Bytes, Long> e : v.byColdKey.entrySet()) {
            KEY.write(e.getKey(), out);
            out.u64(e.getValue());
          }
        }

        @Override
        public CertCounters read(Reader in) {
          long n = in.u32("CertCounters size");
          if (n > MAX_ENTRIES) {
            throw new CodecException.LengthOverLimit("CertCounters", n, MAX_ENTRIES);
          }
          TreeMap<Bytes, Long> m = new TreeMap<>();
          Bytes last = null;
          for (long i = 0; i < n; i++) {
            Bytes k = KEY.read(in);
            long c = in.u64("CertCounters counter");
            if ((last != null && last.compareTo(k) >= 0) || c < 0) {
              throw new CodecException.NonCanonical("CertCounters not strictly ascending");
            }
            m.put(k, c);
            last = k;
          }
          return new CertCounters(m);
        }
      };

  public CertCounters {
    byColdKey = Collections.unmodifiableSortedMap(new TreeMap<>(byColdKey));
  }

  /** The highest counter used by {@code coldKey}, if it has proposed on the final chain. */
  public Optional<Long> get(Bytes coldKey) {
    return Optional.ofNullable(byColdKey.get(coldKey));
  }

  /** These counters with {@code coldKey}'s raised to {@code counter} (this object if no change). */
  public CertCounters with(Bytes coldKey, long counter) {
    Long old = byColdKey.get(coldKey);
    if (old != null && old >= counter) {
      return this;
    }
    TreeMap<Bytes, Long> m = new TreeMap<>(byColdKey);
    m.put(coldKey, counter);
    return new CertCounters(m);
  }
}
