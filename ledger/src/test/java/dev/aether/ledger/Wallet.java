package dev.aether.ledger;

import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.TxSignature;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Random;

/** A deterministic Ed25519 key pair for tests (JDK provider, seeded). */
public record Wallet(KeyPair keys, byte[] publicKey, Address address) {
  public static Wallet fromSeed(long seed) {
    Random rnd = new Random(seed);
    SecureRandom seeded =
        new SecureRandom() {
          @Override
          public void nextBytes(byte[] bytes) {
            rnd.nextBytes(bytes);
          }
        };
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(NamedParameterSpec.ED25519, seeded);
      KeyPair kp = g.generateKeyPair();
      byte[] enc = kp.getPublic().getEncoded();
      byte[] pub = Arrays.copyOfRange(enc, enc.length - 32, enc.length);
      return new Wallet(kp, pub, Address.ofPublicKey(pub));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public TxSignature sign(H256 txId) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(keys.getPrivate());
      s.update(txId.toArray());
      return new TxSignature(Bytes.of(publicKey), Bytes.of(s.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
