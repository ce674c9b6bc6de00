package dev.aether.crypto;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.Pairing;

/**
 * {@link BlsAggregator} over supranational's blst through jblst. Every input is length-checked by
 * its record type, then decoded and checked (on curve, in subgroup, not infinity for keys) before
 * any pairing is computed.
 */
public final class Bls implements BlsAggregator {

  /** Signature domain separation tag of the Ethereum (proof-of-possession) ciphersuite. */
  public static final String DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

  /** Domain separation tag for proofs of possession. */
  public static final String POP_DST = "BLS_POP_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

  /** Order of G1 and G2. */
  static final BigInteger R =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  /** Stateless: one instance serves everyone. */
  public static final Bls INSTANCE = new Bls();

  private Bls() {}

  /** A public key that passes KeyValidate: decodes, not infinity, in G1. */
  static Optional<P1_Affine> publicKey(final BlsPublicKey pk) {
    try {
      final P1_Affine p = new P1_Affine(pk.bytes());
      if (p.is_inf() || !p.in_group()) {
        return Optional.empty();
      }
      return Optional.of(p);
    } catch (RuntimeException e) {
      return Optional.empty(); // blst reports a bad encoding by throwing
    }
  }

  /** A signature that decodes and lies in G2 (infinity allowed; it just fails to verify). */
  static Optional<P2_Affine> signature(final BlsSignature sig) {
    try {
      final P2_Affine p = new P2_Affine(sig.bytes());
      if (!p.in_group()) {
        return Optional.empty();
      }
      return Optional.of(p);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean verify(
      final BlsPublicKey publicKey, final byte[] message, final BlsSignature signature) {
    return coreVerify(publicKey, message, signature, DST);
  }

  @Override
  public boolean verifyPossession(final BlsPublicKey publicKey, final BlsSignature proof) {
    return coreVerify(publicKey, publicKey.bytes(), proof, POP_DST);
  }

  private static boolean coreVerify(
      final BlsPublicKey publicKey,
      final byte[] message,
      final BlsSignature signature,
      final String dst) {
    final Optional<P1_Affine> pk = publicKey(publicKey);
    final Optional<P2_Affine> sig = signature(signature);
    if (pk.isEmpty() || sig.isEmpty()) {
      return false;
    }
    return sig.get().core_verify(pk.get(), true, message, dst) == BLST_ERROR.BLST_SUCCESS;
  }

  @Override
  public BlsSignature aggregate(final List<BlsSignature> signatures) {
    if (signatures.isEmpty()) {
      throw CryptoException.badArgument("cannot aggregate an empty list of BLS signatures");
    }
    // P2.aggregate would subgroup-check again; signature() already did, so add() suffices.
    P2 sum = new P2();
    for (final BlsSignature s : signatures) {
      final P2_Affine p =
          signature(s)
              .orElseThrow(
                  () -> CryptoException.badEncoding("BLS signature", "not a G2 point: " + s));
      sum = sum.add(p);
    }
    return new BlsSignature(sum.compress());
  }

  /** Sum of validated public keys, or empty if the list is empty or any key is invalid. */
  static Optional<P1> aggregateKeys(final List<BlsPublicKey> publicKeys) {
    if (publicKeys.isEmpty()) {
      return Optional.empty();
    }
    // P1.aggregate would subgroup-check again; publicKey() already did, so add() suffices.
    P1 sum = new P1();
    for (final BlsPublicKey k : publicKeys) {
      final Optional<P1_Affine> p = publicKey(k);
      if (p.isEmpty()) {
        return Optional.empty();
      }
      sum = sum.add(p.get());
    }
    return Optional.of(sum);
  }

  @Override
  public boolean fastAggregateVerify(
      final List<BlsPublicKey> publicKeys, final byte[] message, final BlsSignature signature) {
    final Optional<P1> sum = aggregateKeys(publicKeys);
    final Optional<P2_Affine> sig = signature(signature);
    if (sum.isEmpty() || sig.isEmpty()) {
      return false;
    }
    return sig.get().core_verify(sum.get().to_affine(), true, message, DST)
        == BLST_ERROR.BLST_SUCCESS;
  }

  /** KeyValidate once and keep the decoded key; empty for an invalid or infinity key. */
  public Optional<BlsPreparedKey> prepare(final BlsPublicKey publicKey) {
    return publicKey(publicKey).map(p -> new BlsPreparedKey(publicKey, p));
  }

  /**
   * {@link #fastAggregateVerify} over keys validated beforehand by {@link #prepare}: the same
   * verdict on every input, without re-decoding and subgroup-checking each key.
   */
  public boolean fastAggregateVerifyPrepared(
      final List<BlsPreparedKey> publicKeys, final byte[] message, final BlsSignature signature) {
    if (publicKeys.isEmpty()) {
      return false;
    }
    final Optional<P2_Affine> sig = signature(signature);
    if (sig.isEmpty()) {
      return false;
    }
    P1 sum = new P1();
    for (final BlsPreparedKey k : publicKeys) {
      sum = sum.add(k.point());
    }
    return sig.get().core_verify(sum.to_affine(), true, message, DST) == BLST_ERROR.BLST_SUCCESS;
  }

  @Override
  public boolean aggregateVerify(
      final List<BlsPublicKey> publicKeys,
      final List<byte[]> messages,
      final BlsSignature signature) {
    if (publicKeys.isEmpty() || publicKeys.size() != messages.size()) {
      return false;
    }
    final Optional<P2_Affine> sig = signature(signature);
    if (sig.isEmpty()) {
      return false;
    }
    final Pairing pairing = new Pairing(true, DST);
    for (int i = 0; i < publicKeys.size(); i++) {
      final Optional<P1_Affine> pk = publicKey(publicKeys.get(i));
      if (pk.isEmpty()) {
        return false;
      }
      // The signature enters the accumulator once, with the first (key, message) pair.
      final BLST_ERROR err =
          pairing.aggregate(pk.get(), i == 0 ? sig.get() : null, messages.get(i), new byte[0]);
      if (err != BLST_ERROR.BLST_SUCCESS) {
        return false;
      }
    }
    pairing.commit();
    return pairing.finalverify();
  }
}
