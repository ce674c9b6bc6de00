package dev.aether.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The default verifier against RFC 8032 section 7.1 ({@code testdata/ed25519}). */
class JdkEd25519VerifierTest {
  private static final Pattern CASE =
      Pattern.compile(
          "\"pk\":\\s*\"([0-9a-f]*)\",\\s*\"msg\":\\s*\"([0-9a-f]*)\",\\s*\"sig\":\\s*\"([0-9a-f]*)\"");

  /** {@code aether.testdata} (set by surefire), else the first testdata/ above the working dir. */
  private static Path vectors() {
    String prop = System.getProperty("aether.testdata");
    Path root = prop != null ? Path.of(prop) : null;
    for (Path p = Path.of("").toAbsolutePath(); root == null && p != null; p = p.getParent()) {
      root = Files.isRegularFile(p.resolve("testdata/README.md")) ? p.resolve("testdata") : null;
    }
    if (root == null) {
      throw new IllegalStateException("testdata/ not found (set -Daether.testdata)");
    }
    return root.resolve("ed25519/rfc8032.json");
  }

  @Test
  void acceptsRfc8032VectorsAndRejectsAnyChange() throws IOException {
    String json = Files.readString(vectors());
    Matcher m = CASE.matcher(json);
    SignatureVerifier v = new JdkEd25519Verifier();
    HexFormat hex = HexFormat.of();
    int n = 0;
    while (m.find()) {
      byte[] pk = hex.parseHex(m.group(1));
      byte[] msg = hex.parseHex(m.group(2));
      byte[] sig = hex.parseHex(m.group(3));
      assertThat(v.verify(pk, msg, sig)).isTrue();
      byte[] badSig = sig.clone();
      badSig[5] ^= 1;
      assertThat(v.verify(pk, msg, badSig)).isFalse();
      byte[] badMsg = java.util.Arrays.copyOf(msg, msg.length + 1);
      assertThat(v.verify(pk, badMsg, sig)).isFalse();
      byte[] badPk = pk.clone();
      badPk[0] ^= 1;
      assertThat(v.verify(badPk, msg, sig)).isFalse();
      n++;
    }
    assertThat(n).isEqualTo(5);
    assertThat(v.verify(new byte[31], new byte[0], new byte[64])).isFalse();
  }
}
