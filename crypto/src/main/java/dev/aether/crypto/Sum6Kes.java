package dev.aether.crypto;

import dev.aether.crypto.internal.ed25519.SumKes;

/** The stateless Sum6KES verifier and key generator. */
enum Sum6Kes implements Kes {
  INSTANCE;

  @Override
  public KesSecretKey keygen(final byte[] seed) {
    final byte[] s = Bytes.checked("KES seed", seed, 32);
    final byte[] raw = new byte[SumKes.keySize(DEPTH)];
    SumKes.keygen(DEPTH, s, raw, 0);
    java.util.Arrays.fill(s, (byte) 0);
    return KesSecretKey.of(raw, 0);
  }

  @Override
  public boolean verify(
      final KesVerificationKey key,
      final int period,
      final byte[] message,
      final KesSignature signature) {
    return SumKes.verify(DEPTH, key.bytes(), period, message, signature.bytes());
  }
}
