package dev.aether.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.crypto.internal.ed25519.SumKes;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KesTest {

  private static final Kes KES = Kes.sum6();
  private static final JsonNode DOC = Vectors.json(Vectors.dir("kes").resolve("sum6kes.json"));
  private static final byte[] SEED = Vectors.hex(DOC.get("seed_hex").asText());
  private static final byte[] MSG = Vectors.hex(DOC.get("message_hex").asText());
  private static final KesVerificationKey VK =
      new KesVerificationKey(Vectors.hex(DOC.get("vk").asText()));

  private static byte[] data(final String name) throws IOException {
    return Files.readAllBytes(Vectors.dir("kes").resolve("data").resolve(name));
  }

  @Test
  void keygenUpdatesAndSignaturesMatchCardanoBytes() throws IOException {
    final KesSecretKey key = KES.keygen(SEED);
    assertThat(key.toBytes()).isEqualTo(data("key6.bin"));
    assertThat(key.verificationKey()).isEqualTo(VK);
    assertThat(key.sign(0, MSG).bytes()).isEqualTo(data("key6Sig.bin"));
    assertThat(key.signCompact(0, MSG)).isEqualTo(data("compactkey6Sig.bin"));
    key.evolve();
    assertThat(key.toBytes()).isEqualTo(data("key6update1.bin"));
    key.evolveTo(5);
    assertThat(key.toBytes()).isEqualTo(data("key6update5.bin"));
    assertThat(key.sign(5, MSG).bytes()).isEqualTo(data("key6Sig5.bin"));
    assertThat(key.signCompact(5, MSG)).isEqualTo(data("compactkey6Sig5.bin"));
    assertThat(key.verificationKey()).isEqualTo(VK);
    // Depth 1 and depth 0 of the same construction.
    final byte[] sum1 = new byte[SumKes.keySize(1)];
    SumKes.keygen(1, SEED, sum1, 0);
    assertThat(sum1).isEqualTo(data("key1.bin"));
    assertThat(data("key0.bin")).isEqualTo(SEED);
  }

  static Stream<Arguments> cases() {
    final List<Arguments> out = new ArrayList<>();
    int i = 0;
    for (final JsonNode c : DOC.get("cases")) {
      final String name =
          i++
              + " "
              + c.get("scheme").asText()
              + " t="
              + c.get("period").asInt()
              + " "
              + c.get("source").asText()
              + (c.has("why") ? " " + c.get("why").asText() : "");
      out.add(Arguments.of(Named.of(name, c)));
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource
  void cases(final JsonNode c) {
    final int period = c.get("period").asInt();
    final byte[] msg = Vectors.hex(c.get("msg").asText());
    final byte[] sig = Vectors.hex(c.get("sig").asText());
    final boolean verdict =
        c.get("scheme").asText().equals("Sum6KES")
            ? sig.length == KesSignature.LENGTH
                && KES.verify(VK, period, msg, new KesSignature(sig))
            : SumKes.verifyCompact(Kes.DEPTH, VK.bytes(), period, msg, sig);
    assertThat(verdict).isEqualTo(c.get("expect").asBoolean());
  }

  @Test
  void caseFileCoversValidAndInvalid() {
    assertThat(cases()).hasSize(52);
  }

  @Test
  void signAtEveryPeriodVerifiesOnlyAtThatPeriod() {
    final KesSecretKey key = KES.keygen(SEED);
    final Random rnd = new Random(3);
    for (int t = 0; t < Kes.PERIODS; t++) {
      key.evolveTo(t);
      final KesSignature sig = key.sign(t, MSG);
      assertThat(KES.verify(VK, t, MSG, sig)).isTrue();
      final int other = (t + 1 + rnd.nextInt(Kes.PERIODS - 1)) % Kes.PERIODS;
      assertThat(KES.verify(VK, other, MSG, sig)).isFalse();
      assertThat(SumKes.verifyCompact(Kes.DEPTH, VK.bytes(), t, MSG, key.signCompact(t, MSG)))
          .isTrue();
    }
    assertThatThrownBy(key::evolve)
        .isInstanceOfSatisfying(
            CryptoException.class,
            e -> assertThat(e.error().code()).isEqualTo("CRYPTO_KES_PERIOD"));
    assertThat(KES.verify(VK, 64, MSG, key.sign(63, MSG))).isFalse();
  }

  /** Every 32-byte secret a period-t key needs: the leaf seeds of each period (derived). */
  private static List<byte[]> leafSeeds() {
    final List<byte[]> leaves = new ArrayList<>();
    collect(6, SEED, leaves);
    return leaves;
  }

  private static void collect(final int depth, final byte[] seed, final List<byte[]> out) {
    if (depth == 0) {
      out.add(seed);
      return;
    }
    final byte[] r0 = blake(1, seed);
    final byte[] r1 = blake(2, seed);
    collect(depth - 1, r0, out);
    collect(depth - 1, r1, out);
  }

  private static byte[] blake(final int prefix, final byte[] seed) {
    final org.bouncycastle.crypto.digests.Blake2bDigest d =
        new org.bouncycastle.crypto.digests.Blake2bDigest(256);
    d.update((byte) prefix);
    d.update(seed, 0, seed.length);
    final byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  private static boolean contains(final byte[] haystack, final byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void evolvedKeyCannotSignThePastAndHoldsNoPastSecrets() {
    final List<byte[]> leaves = leafSeeds();
    assertThat(leaves).hasSize(64);
    qt().withExamples(12)
        .forAll(integers().between(1, 63))
        .checkAssert(
            t -> {
              final KesSecretKey key = KES.keygen(SEED);
              key.evolveTo(t);
              final byte[] raw = key.toBytes();
              assertThat(contains(raw, leaves.get(t))).as("current leaf present").isTrue();
              for (int past = 0; past < t; past++) {
                final int p = past;
                assertThatThrownBy(() -> key.sign(p, MSG)).isInstanceOf(CryptoException.class);
                assertThat(contains(raw, leaves.get(p))).as("leaf seed of period %d", p).isFalse();
              }
              assertThat(contains(raw, SEED)).isFalse();
              // Restoring from the serialized form keeps the same period and verdicts.
              final KesSecretKey restored = KesSecretKey.fromBytes(raw, t);
              assertThat(KES.verify(VK, t, MSG, restored.sign(t, MSG))).isTrue();
            });
  }

  @Test
  void periodOutOfRangeIsRefused() {
    final KesSecretKey key = KES.keygen(SEED);
    assertThatThrownBy(() -> key.evolveTo(64)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> key.sign(3, MSG)).isInstanceOf(CryptoException.class);
    assertThat(KES.verify(VK, -1, MSG, key.sign(0, MSG))).isFalse();
    assertThat(key.toString()).doesNotContain(Vectors.hex(key.toBytes()).substring(0, 16));
  }
}
