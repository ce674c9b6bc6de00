package dev.aether.verifiers.tee;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The real TEE evidence in the repository's {@code testdata/tee} (see its SOURCE.md). */
final class Vectors {

  /** go-sev-guest verifies the Milan VCEK chain at this instant. */
  static final Instant SNP_AT = Instant.parse("2022-09-24T01:00:00Z");

  /** go-tdx-guest verifies the SPR quote at this instant. */
  static final Instant TDX_AT = Instant.parse("2023-07-01T01:00:00Z");

  private Vectors() {}

  /**
   * The policy the real SEV-SNP report meets: strict, except that its guest is debuggable and runs
   * with SMT allowed and enabled (POLICY 0xb0000, PLATFORM_INFO 0x1).
   */
  static Policy snpPolicy() {
    return Policy.strict()
        .withAllowDebug(true)
        .withSnpGuest(new Policy.SnpGuestRules(false, true, false, 0));
  }

  /**
   * Strict, except that TDX collateral is evaluated when supplied instead of required (the vectors'
   * sample TCB info rates no level for the real quote's platform).
   */
  static Policy tdxPolicy() {
    return Policy.strict().withRequireTdxCollateral(false);
  }

  /**
   * {@code testdata/tee}: system property {@code aether.testdata} (set by surefire), else the first
   * {@code testdata/README.md} above the working directory (IDE, JMH).
   */
  static Path dir() {
    final String prop = System.getProperty("aether.testdata");
    if (prop != null && Files.isDirectory(Path.of(prop))) {
      return Path.of(prop, "tee");
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("testdata").resolve("README.md"))) {
        return p.resolve("testdata").resolve("tee");
      }
    }
    throw new IllegalStateException(
        "testdata/ not found above " + Path.of("").toAbsolutePath() + " (set -Daether.testdata)");
  }

  static byte[] read(final String rel) {
    try {
      return Files.readAllBytes(dir().resolve(rel));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] snpReport() {
    return read("sev-snp/attestation.bin");
  }

  static byte[] vcek() {
    return read("sev-snp/vcek.testcer");
  }

  static byte[] milanChain() {
    return read("sev-snp/ask_ark_milan.pem");
  }

  static byte[] tdxQuote() {
    return read("tdx/tdx_prod_quote_SPR_E4.dat");
  }

  /**
   * Byte positions to tamper with: all of them when {@code tee.fullSweep} is set (the soak
   * profile), else {@code sample} positions drawn with a fixed seed so runs are reproducible.
   */
  static int[] positions(final int length, final int sample, final long seed) {
    if (Boolean.getBoolean("tee.fullSweep") || sample >= length) {
      return java.util.stream.IntStream.range(0, length).toArray();
    }
    return new java.util.Random(seed).ints(sample, 0, length).sorted().distinct().toArray();
  }

  static byte[] flip(final byte[] in, final int index, final int mask) {
    final byte[] out = in.clone();
    out[index] ^= (byte) mask;
    return out;
  }
}
