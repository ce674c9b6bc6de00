package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An operational certificate (Cardano style): a validator's long-lived cold key (Ed25519) vouches
 * for a short-lived hot KES key. Proposals are signed with the hot key; the certificate travels in
 * the header, so anyone holding the validator set (which names the cold key) can check both.
 *
 * <p>The hot key signs absolute KES period {@code p} at its own evolution {@code p - startPeriod},
 * so one hot key covers {@code startPeriod .. startPeriod + 63}. Before it runs out the operator
 * issues the next certificate: a fresh hot key, {@code counter + 1}. A chain refuses a certificate
 * whose counter is below the highest it has seen for that cold key, so a stolen old hot key is
 * useless once a newer certificate was used.
 *
 * @param hotKey the hot KES verification key (32 bytes)
 * @param counter issue number; never decreases for one cold key
 * @param startPeriod the absolute KES period the hot key's evolution 0 stands for
 * @param coldSignature Ed25519 signature of the cold key over {@link #signingBytes}
 */
public record OpCert(Bytes hotKey, long counter, int startPeriod, Bytes coldSignature) {
  public static final int HOT_KEY_BYTES = 32;
  public static final int SIGNATURE_BYTES = 64;

  /** The certificate field of the genesis header, which nobody signs. */
  public static final OpCert NONE =
      new OpCert(Bytes.of(new byte[HOT_KEY_BYTES]), 0, 0, Bytes.of(new byte[SIGNATURE_BYTES]));

  public static final Codec<OpCert> CODEC =
      new Codec<>() {
        @Override
        public void write(OpCert v, Writer out) {
          out.fixed(v.hotKey.toArray());
          out.u64(v.counter);
          out.u32(Integer.toUnsignedLong(v.startPeriod));
          out.fixed(v.coldSignature.toArray());
        }

        @Override
        public OpCert read(Reader in) {
          Bytes hot = Bytes.of(in.fixed("OpCert hotKey", HOT_KEY_BYTES));
          long counter = in.u64("OpCert counter");
          if (counter < 0) {
            throw new dev.aether.types.codec.CodecException.LengthOverLimit(
                "OpCert counter", counter, Long.MAX_VALUE);
          }
          long start = in.u32("OpCert startPeriod");
          if (start > Integer.MAX_VALUE) {
            throw new dev.aether.types.codec.CodecException.LengthOverLimit(
                "OpCert startPeriod", start, Integer.MAX_VALUE);
          }
          Bytes sig = Bytes.of(in.fixed("OpCert coldSignature", SIGNATURE_BYTES));
          return new OpCert(hot, counter, (int) start, sig);
        }
      };

  public OpCert {
    Objects.requireNonNull(hotKey, "hotKey");
    Objects.requireNonNull(coldSignature, "coldSignature");
    Canonical.requireLength(hotKey, HOT_KEY_BYTES, "OpCert hot key");
    Canonical.requireLength(coldSignature, SIGNATURE_BYTES, "OpCert cold signature");
    if (counter < 0 || startPeriod < 0) {
      throw new IllegalArgumentException("OpCert counter and start period are non-negative");
    }
  }

  /**
   * {@code "aether/opcert/v1" || 0x00 || hotKey || u64 counter || u32 startPeriod}: what the cold
   * key signs.
   */
  public static byte[] signingBytes(Bytes hotKey, long counter, int startPeriod) {
    return new Writer(64)
        .fixed("aether/opcert/v1".getBytes(StandardCharsets.US_ASCII))
        .u8(0)
        .fixed(hotKey.toArray())
        .u64(counter)
        .u32(Integer.toUnsignedLong(startPeriod))
        .toByteArray();
  }

  /** The bytes this certificate's cold signature covers. */
  public byte[] signingBytes() {
    return signingBytes(hotKey, counter, startPeriod);
  }
}
