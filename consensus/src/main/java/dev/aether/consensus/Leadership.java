package dev.aether.consensus;

import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;

/**
 * Who may propose in a slot, in exact integer arithmetic.
 *
 * <p><b>Lottery.</b> Validator {@code i} evaluates its VRF on {@link #vrfInput(H256, long)} and
 * reads the first 32 bytes of the output, big-endian, as {@code U_i = x / 2^256}. It wins the slot
 * iff {@code U_i < tau * s_i / S}, checked as {@code x * S * tauDen < tauNum * s_i * 2^256}.
 *
 * <p><b>Fallback.</b> Every slot also has one public fallback proposer, drawn by stake from {@code
 * SHA-256("aether/fallback/v1" || eta || u64 slot) mod S}, so that a slot without a lottery winner
 * (probability about {@code e^-tau} = 45 %) still gets a block. A fallback proposal ranks after
 * every lottery winner of the slot.
 *
 * <p><b>Rank.</b> Among a round's proposals voters prefer the earliest slot, then the lowest {@link
 * #rank}: {@code x} for a lottery winner, {@code 2^256} for the fallback, then the lowest proposer
 * index.
 */
public final class Leadership {
  /** Rank of a fallback proposal: above every lottery value {@code x < 2^256}. */
  public static final BigInteger FALLBACK_RANK = BigInteger.ONE.shiftLeft(256);

  private Leadership() {}

  /** {@code "aether/vrf-slot/v1" || 0x00 || eta || u64 slot}: the lottery VRF input. */
  public static byte[] vrfInput(H256 eta, long slot) {
    return new Writer(64)
        .fixed("aether/vrf-slot/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .u8(0)
        .fixed(eta.toArray())
        .u64(slot)
        .toByteArray();
  }

  /** The lottery value {@code x}: the first 32 bytes of the VRF output as an unsigned integer. */
  public static BigInteger lotteryValue(Bytes vrfOutput) {
    byte[] b = vrfOutput.toArray();
    return new BigInteger(1, java.util.Arrays.copyOf(b, 32));
  }

  /** {@code U < tau * stake / total}, exactly. */
  public static boolean wins(BigInteger x, long stake, long total, ConsensusParams p) {
    BigInteger lhs = x.multiply(BigInteger.valueOf(total)).multiply(BigInteger.valueOf(p.tauDen()));
    BigInteger rhs =
        BigInteger.valueOf(p.tauNum()).multiply(BigInteger.valueOf(stake)).shiftLeft(256);
    return lhs.compareTo(rhs) < 0;
  }

  /** The slot's fallback proposer: a stake-weighted draw from the epoch nonce and the slot. */
  public static int fallback(ValidatorSet set, H256 eta, long slot) {
    H256 h =
        Hashing.tagged("aether/fallback/v1", eta.toArray(), new Writer(8).u64(slot).toByteArray());
    long total = set.totalStake();
    long pick = new BigInteger(1, h.toArray()).mod(BigInteger.valueOf(total)).longValueExact();
    long acc = 0;
    for (Validator v : set.validators()) {
      acc += v.stake();
      if (pick < acc) {
        return v.index();
      }
    }
    throw new IllegalStateException("stake sum mismatch");
  }

  /**
   * The proposer's rank for the slot, or empty when it neither won the lottery nor is the fallback.
   */
  public static java.util.Optional<BigInteger> rank(
      ValidatorSet set,
      Validator proposer,
      H256 eta,
      long slot,
      Bytes vrfOutput,
      ConsensusParams p) {
    BigInteger x = lotteryValue(vrfOutput);
    if (wins(x, proposer.stake(), set.totalStake(), p)) {
      return java.util.Optional.of(x);
    }
    if (fallback(set, eta, slot) == proposer.index()) {
      return java.util.Optional.of(FALLBACK_RANK);
    }
    return java.util.Optional.empty();
  }
}
