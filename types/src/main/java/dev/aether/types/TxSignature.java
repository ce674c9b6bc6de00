package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/** An Ed25519 signature (64 bytes) by {@code publicKey} (32 bytes) over a transaction id. */
public record TxSignature(Bytes publicKey, Bytes signature) {
  public static final Codec<TxSignature> CODEC =
      new Codec<>() {
        @Override
        public void write(TxSignature v, Writer out) {
          out.fixed(v.publicKey.toArray());
          out.fixed(v.signature.toArray());
        }

        @Override
        public TxSignature read(Reader in) {
          return new TxSignature(
              Bytes.of(in.fixed("TxSignature key", 32)), Bytes.of(in.fixed("TxSignature sig", 64)));
        }
      };

  public TxSignature {
    Canonical.requireLength(publicKey, 32, "public key");
    Canonical.requireLength(signature, 64, "signature");
  }

  /** The address this signature's key controls. */
  public Address signer() {
    return Address.ofPublicKey(publicKey.toArray());
  }
}
