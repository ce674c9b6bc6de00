package dev.aether.mempool;

import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.Hex;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxSignature;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;

/** Real Ed25519 keys from the JDK, seeded so tests are reproducible. */
final class TestKeys {
  private static final byte[] X509_PREFIX = Hex.decode("302a300506032b6570032100");
  final KeyPair pair;
  final byte[] publicKey;

  TestKeys(long seed) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      SecureRandom rnd = SecureRandom.getInstance("SHA1PRNG");
      rnd.setSeed(seed);
      g.initialize(255, rnd);
      pair = g.generateKeyPair();
      byte[] enc = pair.getPublic().getEncoded();
      publicKey = Arrays.copyOfRange(enc, enc.length - 32, enc.length);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  Address address() {
    return Address.ofPublicKey(publicKey);
  }

  TxSignature sign(TxBody body) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(pair.getPrivate());
      s.update(body.id().toArray());
      return new TxSignature(Bytes.of(publicKey), Bytes.of(s.sign()));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  Tx signed(TxBody body) {
    return new Tx(body, List.of(sign(body)));
  }

  /** The JDK's Ed25519 verifier over a transaction's id, for every signature. */
  static boolean verifyAll(Tx tx) {
    try {
      for (TxSignature sig : tx.signatures()) {
        byte[] spki = new byte[44];
        System.arraycopy(X509_PREFIX, 0, spki, 0, 12);
        System.arraycopy(sig.publicKey().toArray(), 0, spki, 12, 32);
        var pk = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(pk);
        v.update(tx.id().toArray());
        if (!v.verify(sig.signature().toArray())) {
          return false;
        }
      }
      return true;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
