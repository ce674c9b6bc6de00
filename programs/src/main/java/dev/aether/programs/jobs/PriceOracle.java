package dev.aether.programs.jobs;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The job escrow's observations of the AIC/USDT pool's price accumulator (Uniswap v2's sliding
 * window oracle): up to {@link #CAPACITY} readings, oldest first, at least {@code twap_window_slots
 * / 4} slots apart, appended by anyone's {@code observePrice}. A stablecoin payout values AIC at
 * the time-weighted average price from the newest reading at least {@code twap_window_slots} old to
 * the current slot, so the average always spans at least the window and a price held for a single
 * block weighs at most one slot of it.
 *
 * @param readings oldest first
 */
public record PriceOracle(List<Reading> readings) {
  /** Readings kept: eight spaced a quarter window apart span at least the window. */
  public static final int CAPACITY = 8;

  /** The longest encoded accumulator (as the pool's, docs/programs/amm.md). */
  static final int MAX_ACC_BYTES = 48;

  /** One reading: the cumulative price of AIC in USDT (UQ112 × slots) as of {@code slot}. */
  public record Reading(long slot, BigInteger cumulative) {
    public Reading {
      if (cumulative.signum() < 0) {
        throw new IllegalArgumentException("negative accumulator");
      }
    }
  }

  /** No readings yet. */
  public static final PriceOracle EMPTY = new PriceOracle(List.of());

  public PriceOracle {
    readings = List.copyOf(readings);
    if (readings.size() > CAPACITY) {
      throw new IllegalArgumentException("at most " + CAPACITY + " readings");
    }
    for (int i = 1; i < readings.size(); i++) {
      if (readings.get(i).slot() <= readings.get(i - 1).slot()) {
        throw new IllegalArgumentException("readings must be in ascending slots");
      }
    }
  }

  /** The canonical codec. */
  public static final Codec<PriceOracle> CODEC =
      new Codec<>() {
        @Override
        public void write(PriceOracle o, Writer out) {
          out.u8(1).u32(o.readings.size());
          for (Reading r : o.readings) {
            byte[] mag = magnitude(r.cumulative());
            out.u64(r.slot()).bytes(mag);
          }
        }

        @Override
        public PriceOracle read(Reader in) {
          if (in.u8("PriceOracle version") != 1) {
            throw new CodecException.NonCanonical("PriceOracle version");
          }
          long n = in.u32("readings");
          if (n > CAPACITY) {
            throw new CodecException.NonCanonical("PriceOracle: " + n + " readings");
          }
          List<Reading> rs = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            long slot = in.u64("slot");
            byte[] mag = in.bytes("cumulative", MAX_ACC_BYTES);
            if (mag.length > 0 && mag[0] == 0) {
              throw new CodecException.NonCanonical("PriceOracle: accumulator has a leading zero");
            }
            rs.add(new Reading(slot, new BigInteger(1, mag)));
          }
          try {
            return new PriceOracle(rs);
          } catch (IllegalArgumentException e) {
            throw new CodecException.NonCanonical("PriceOracle: " + e.getMessage());
          }
        }
      };

  /** Minimal big-endian magnitude (empty for zero). */
  static byte[] magnitude(BigInteger v) {
    byte[] b = v.toByteArray();
    int skip = 0;
    while (skip < b.length && b[skip] == 0) {
      skip++;
    }
    byte[] out = java.util.Arrays.copyOfRange(b, skip, b.length);
    if (out.length > MAX_ACC_BYTES) {
      throw new IllegalArgumentException("accumulator over " + MAX_ACC_BYTES + " bytes");
    }
    return out;
  }

  /** The least spacing of readings for a window of {@code windowSlots}: a quarter, at least 1. */
  public static long spacing(long windowSlots) {
    return Math.max(1, windowSlots / 4);
  }

  /** The newest reading, if any. */
  public Optional<Reading> newest() {
    return readings.isEmpty() ? Optional.empty() : Optional.of(readings.getLast());
  }

  /** This oracle with {@code r} appended, the oldest reading dropped beyond {@link #CAPACITY}. */
  public PriceOracle with(Reading r) {
    List<Reading> rs = new ArrayList<>(readings);
    rs.add(r);
    while (rs.size() > CAPACITY) {
      rs.removeFirst();
    }
    return new PriceOracle(rs);
  }

  /**
   * The newest reading at least {@code windowSlots} before {@code slot}: the start of the payout's
   * averaging span.
   */
  public Optional<Reading> baseFor(long slot, long windowSlots) {
    for (int i = readings.size() - 1; i >= 0; i--) {
      Reading r = readings.get(i);
      if (slot - r.slot() >= windowSlots) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
