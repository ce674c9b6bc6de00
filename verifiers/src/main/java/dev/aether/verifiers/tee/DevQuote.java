package dev.aether.verifiers.tee;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * A development TEE quote: what a provider on a machine without SEV-SNP or TDX produces on a
 * devnet. It proves nothing about hardware, only that the holder of a local Ed25519 key vouched for
 * a measurement and REPORT_DATA; verifiers accept it only under {@link
 * Policy#allowDevAttestations()}.
 *
 * <pre>
 * 0    magic "AETHER-DEVTEE-V1" (16 ASCII bytes; also the format version)
 * 16   measurement (48)
 * 64   report_data (64)
 * 128  Ed25519 public key (32, RFC 8032 encoding)
 * 160  Ed25519 signature (64) over bytes 0..159
 * 224  end
 * </pre>
 */
public final class DevQuote implements Evidence {

  /** Magic that starts every development quote. */
  public static final String MAGIC = "AETHER-DEVTEE-V1";

  /** Size of a development quote. */
  public static final int SIZE = 224;

  /** End of the signed part. */
  public static final int SIGNED_END = 160;

  private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] raw;

  private DevQuote(final byte[] raw) {
    this.raw = raw;
  }

  static boolean hasMagic(final byte[] b) {
    return b.length >= MAGIC_BYTES.length
        && Arrays.equals(b, 0, MAGIC_BYTES.length, MAGIC_BYTES, 0, MAGIC_BYTES.length);
  }

  /**
   * Parses a development quote.
   *
   * @throws TeeException UNKNOWN_FORMAT without the magic, TRUNCATED/OVERSIZED for a wrong size
   */
  public static DevQuote parse(final byte[] b) throws TeeException {
    if (!hasMagic(b)) {
      throw new TeeException(Reason.UNKNOWN_FORMAT, "not a development quote (magic missing)");
    }
    if (b.length < SIZE) {
      throw new TeeException(
          Reason.TRUNCATED, "development quote is " + b.length + " bytes, expected " + SIZE);
    }
    if (b.length > SIZE) {
      throw new TeeException(
          Reason.OVERSIZED, "development quote is " + b.length + " bytes, expected " + SIZE);
    }
    return new DevQuote(b.clone());
  }

  /** Assembles the signed part; used by {@link DevTeeSigner}. */
  static byte[] signedPart(final byte[] measurement, final byte[] reportData, final byte[] key) {
    final byte[] out = new byte[SIGNED_END];
    System.arraycopy(MAGIC_BYTES, 0, out, 0, 16);
    System.arraycopy(measurement, 0, out, 16, 48);
    System.arraycopy(reportData, 0, out, 64, 64);
    System.arraycopy(key, 0, out, 128, 32);
    return out;
  }

  @Override
  public Kind kind() {
    return Kind.DEV;
  }

  /** The raw quote. */
  public byte[] bytes() {
    return raw.clone();
  }

  /** Bytes 0..159, what the signature covers. */
  public byte[] signedPart() {
    return Arrays.copyOf(raw, SIGNED_END);
  }

  @Override
  public byte[] measurement() {
    return Arrays.copyOfRange(raw, 16, 64);
  }

  @Override
  public byte[] reportData() {
    return Arrays.copyOfRange(raw, 64, 128);
  }

  /** The signer's Ed25519 public key (32 bytes). */
  public byte[] publicKey() {
    return Arrays.copyOfRange(raw, 128, 160);
  }

  /** The Ed25519 signature (64 bytes). */
  public byte[] signature() {
    return Arrays.copyOfRange(raw, 160, 224);
  }

  @Override
  public SequencedMap<String, String> fields() {
    final SequencedMap<String, String> f = new LinkedHashMap<>();
    f.put("format", MAGIC);
    f.put("measurement", HEX.formatHex(measurement()));
    f.put("report_data", HEX.formatHex(reportData()));
    f.put("public_key", HEX.formatHex(publicKey()));
    f.put("signature", HEX.formatHex(signature()));
    return f;
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof DevQuote other && Arrays.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "DevQuote[key=" + HEX.formatHex(publicKey()) + "]";
  }
}
