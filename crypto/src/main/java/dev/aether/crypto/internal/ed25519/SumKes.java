package dev.aether.crypto.internal.ed25519;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Cardano's sum-composition KES over Ed25519 (MMM "sum" scheme as in cardano-base {@code
 * Cardano.Crypto.KES.Sum} and the kes-summed-ed25519 crate), byte-compatible with their raw Shelley
 * serialisation. A depth-d key covers 2^d periods and is laid out as
 *
 * <pre>sk(d) = sk(d-1) || r1 (seed of the right subtree, zeroed once used) || vk0 || vk1</pre>
 *
 * with {@code sk(0)} a 32-byte Ed25519 seed, {@code vk(d) = Blake2b-256(vk0 || vk1)}, and child
 * seeds {@code r0 = Blake2b-256(0x01 || seed)}, {@code r1 = Blake2b-256(0x02 || seed)}.
 *
 * <p>Keys are updated in place so that no copy of a past period's secret survives: when the left
 * subtree is exhausted it is overwritten by the right one, generated from r1, and r1 is zeroed. All
 * methods are static over caller-owned buffers.
 */
public final class SumKes {

  private SumKes() {}

  public static int keySize(final int depth) {
    return 32 + 96 * depth;
  }

  public static int sigSize(final int depth) {
    return 64 + 64 * depth;
  }

  public static int compactSigSize(final int depth) {
    return 96 + 32 * depth;
  }

  static byte[] blake2b256(final byte[]... parts) {
    final Blake2bDigest d = new Blake2bDigest(256);
    for (final byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    final byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  /** Writes the period-0 key for {@code seed} at {@code out[off..]}; returns its vk. */
  public static byte[] keygen(final int depth, final byte[] seed, final byte[] out, final int off) {
    if (depth == 0) {
      System.arraycopy(seed, 0, out, off, 32);
      return leafPublicKey(seed);
    }
    final byte[] r0 = blake2b256(new byte[] {1}, seed);
    final byte[] r1 = blake2b256(new byte[] {2}, seed);
    final byte[] vk0 = keygen(depth - 1, r0, out, off);
    Arrays.fill(r0, (byte) 0);
    final byte[] scratch = new byte[keySize(depth - 1)];
    final byte[] vk1 = keygen(depth - 1, r1, scratch, 0);
    Arrays.fill(scratch, (byte) 0);
    final int tail = off + keySize(depth - 1);
    System.arraycopy(r1, 0, out, tail, 32);
    Arrays.fill(r1, (byte) 0);
    System.arraycopy(vk0, 0, out, tail + 32, 32);
    System.arraycopy(vk1, 0, out, tail + 64, 32);
    return blake2b256(vk0, vk1);
  }

  /** The Ed25519 public key of a leaf seed; the expanded secret is wiped. */
  private static byte[] leafPublicKey(final byte[] seed) {
    final Ed25519Engine.Expanded e = Ed25519Engine.expand(seed);
    e.wipe();
    return e.publicKey();
  }

  /** The verification key of a stored key (any period). */
  public static byte[] verificationKey(final int depth, final byte[] key, final int off) {
    if (depth == 0) {
      final byte[] seed = Arrays.copyOfRange(key, off, off + 32);
      final byte[] vk = leafPublicKey(seed);
      Arrays.fill(seed, (byte) 0);
      return vk;
    }
    final int tail = off + keySize(depth - 1);
    return blake2b256(
        Arrays.copyOfRange(key, tail + 32, tail + 64),
        Arrays.copyOfRange(key, tail + 64, tail + 96));
  }

  /** Moves the key at {@code key[off..]} from period {@code t} to {@code t + 1 < 2^depth}. */
  public static void update(final int depth, final byte[] key, final int off, final int t) {
    final int half = 1 << (depth - 1);
    if (t + 1 < half) {
      update(depth - 1, key, off, t);
    } else if (t + 1 == half) {
      final int tail = off + keySize(depth - 1);
      final byte[] r1 = Arrays.copyOfRange(key, tail, tail + 32);
      Arrays.fill(key, off, tail, (byte) 0);
      keygen(depth - 1, r1, key, off);
      Arrays.fill(r1, (byte) 0);
      Arrays.fill(key, tail, tail + 32, (byte) 0);
    } else {
      update(depth - 1, key, off, t - half);
    }
  }

  /** The Sum signature of {@code msg} by the key at period {@code t}. */
  public static byte[] sign(
      final int depth, final byte[] key, final int off, final int t, final byte[] msg) {
    if (depth == 0) {
      final byte[] seed = Arrays.copyOfRange(key, off, off + 32);
      final Ed25519Engine.Expanded e = Ed25519Engine.expand(seed);
      Arrays.fill(seed, (byte) 0);
      final byte[] sig = Ed25519Engine.sign(e, msg);
      e.wipe();
      return sig;
    }
    final int half = 1 << (depth - 1);
    final byte[] child = sign(depth - 1, key, off, t < half ? t : t - half, msg);
    final int tail = off + keySize(depth - 1);
    final byte[] out = Arrays.copyOf(child, child.length + 64);
    System.arraycopy(key, tail + 32, out, child.length, 64);
    return out;
  }

  /** The CompactSum signature: leaf signature and leaf vk, then each level's sibling vk. */
  public static byte[] signCompact(
      final int depth, final byte[] key, final int off, final int t, final byte[] msg) {
    if (depth == 0) {
      final byte[] seed = Arrays.copyOfRange(key, off, off + 32);
      final Ed25519Engine.Expanded e = Ed25519Engine.expand(seed);
      Arrays.fill(seed, (byte) 0);
      final byte[] out = Arrays.copyOf(Ed25519Engine.sign(e, msg), 96);
      e.wipe();
      System.arraycopy(e.publicKey(), 0, out, 64, 32);
      return out;
    }
    final int half = 1 << (depth - 1);
    final byte[] child = signCompact(depth - 1, key, off, t < half ? t : t - half, msg);
    final int tail = off + keySize(depth - 1);
    final byte[] out = Arrays.copyOf(child, child.length + 32);
    System.arraycopy(key, tail + (t < half ? 64 : 32), out, child.length, 32);
    return out;
  }

  /** Verifies a Sum signature at period {@code t} against {@code vk}. */
  public static boolean verify(
      final int depth, final byte[] vk, final int t, final byte[] msg, final byte[] sig) {
    if (t < 0 || t >= (1 << depth) || sig.length != sigSize(depth) || vk.length != 32) {
      return false;
    }
    if (depth == 0) {
      return Ed25519Engine.verify(vk, msg, sig);
    }
    final int childLen = sigSize(depth - 1);
    final byte[] vk0 = Arrays.copyOfRange(sig, childLen, childLen + 32);
    final byte[] vk1 = Arrays.copyOfRange(sig, childLen + 32, childLen + 64);
    if (!Arrays.equals(blake2b256(vk0, vk1), vk)) {
      return false;
    }
    final int half = 1 << (depth - 1);
    final byte[] child = Arrays.copyOf(sig, childLen);
    return t < half
        ? verify(depth - 1, vk0, t, msg, child)
        : verify(depth - 1, vk1, t - half, msg, child);
  }

  /** Verifies a CompactSum signature by rebuilding the root vk from the leaf upward. */
  public static boolean verifyCompact(
      final int depth, final byte[] vk, final int t, final byte[] msg, final byte[] sig) {
    if (t < 0 || t >= (1 << depth) || sig.length != compactSigSize(depth) || vk.length != 32) {
      return false;
    }
    return rebuild(depth, t, msg, sig).map(root -> Arrays.equals(root, vk)).orElse(false);
  }

  private static Optional<byte[]> rebuild(
      final int depth, final int t, final byte[] msg, final byte[] sig) {
    if (depth == 0) {
      final byte[] leafVk = Arrays.copyOfRange(sig, 64, 96);
      return Ed25519Engine.verify(leafVk, msg, Arrays.copyOf(sig, 64))
          ? Optional.of(leafVk)
          : Optional.empty();
    }
    final int half = 1 << (depth - 1);
    final int childLen = compactSigSize(depth - 1);
    final byte[] other = Arrays.copyOfRange(sig, childLen, childLen + 32);
    return rebuild(depth - 1, t < half ? t : t - half, msg, Arrays.copyOf(sig, childLen))
        .map(child -> t < half ? blake2b256(child, other) : blake2b256(other, child));
  }
}
