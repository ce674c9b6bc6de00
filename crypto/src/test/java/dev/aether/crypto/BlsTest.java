package dev.aether.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BlsTest {

  private static final BlsAggregator BLS = Bls.INSTANCE;

  static Stream<Arguments> ethereumCases() throws IOException {
    return Files.readAllLines(Vectors.dir("bls").resolve("eth-bls-cases.jsonl")).stream()
        .filter(l -> !l.isBlank())
        .map(
            l -> {
              final JsonNode n = Vectors.json(l);
              return Arguments.of(Named.of(n.get("case").asText(), n));
            });
  }

  private static List<BlsPublicKey> pks(final JsonNode arr) {
    final List<BlsPublicKey> out = new ArrayList<>();
    arr.forEach(n -> out.add(new BlsPublicKey(Vectors.hex(n.asText()))));
    return out;
  }

  private static List<byte[]> msgs(final JsonNode arr) {
    final List<byte[]> out = new ArrayList<>();
    arr.forEach(n -> out.add(Vectors.hex(n.asText())));
    return out;
  }

  private static BlsSignature sig(final JsonNode n) {
    return new BlsSignature(Vectors.hex(n.asText()));
  }

  /**
   * A verifier's verdict where an input of the wrong length (refused by its type) reads "false".
   */
  private static boolean verdict(final java.util.function.BooleanSupplier call) {
    try {
      return call.getAsBoolean();
    } catch (CryptoException e) {
      return false;
    }
  }

  @ParameterizedTest
  @MethodSource
  void ethereumCases(final JsonNode c) {
    final JsonNode in = c.get("in");
    final JsonNode expect = c.get("expect");
    switch (c.get("suite").asText()) {
      case "bls-sign" -> {
        if (expect.has("error")) {
          assertThatThrownBy(
                  () ->
                      BlsSecretKey.fromBytes(Vectors.hex(in.get("sk").asText()))
                          .sign(Vectors.hex(in.get("msg").asText())))
              .isInstanceOf(CryptoException.class);
        } else {
          assertThat(
                  BlsSecretKey.fromBytes(Vectors.hex(in.get("sk").asText()))
                      .sign(Vectors.hex(in.get("msg").asText())))
              .isEqualTo(sig(expect.get("sig")));
        }
      }
      case "bls-verify" ->
          assertThat(
                  verdict(
                      () ->
                          BLS.verify(
                              new BlsPublicKey(Vectors.hex(in.get("pk").asText())),
                              Vectors.hex(in.get("msg").asText()),
                              sig(in.get("sig")))))
              .isEqualTo(expect.get("valid").asBoolean());
      case "bls-fast-aggregate-verify" ->
          assertThat(
                  verdict(
                      () ->
                          BLS.fastAggregateVerify(
                              pks(in.get("pks")),
                              Vectors.hex(in.get("msg").asText()),
                              sig(in.get("sig")))))
              .isEqualTo(expect.get("valid").asBoolean());
      case "bls-aggregate-verify" ->
          assertThat(
                  verdict(
                      () ->
                          BLS.aggregateVerify(
                              pks(in.get("pks")), msgs(in.get("msgs")), sig(in.get("sig")))))
              .isEqualTo(expect.get("valid").asBoolean());
      case "bls-aggregate" -> {
        final List<BlsSignature> sigs = new ArrayList<>();
        if (expect.has("error")) {
          assertThatThrownBy(
                  () -> {
                    in.get("sigs").forEach(n -> sigs.add(sig(n)));
                    BLS.aggregate(sigs);
                  })
              .isInstanceOf(CryptoException.class);
        } else {
          in.get("sigs").forEach(n -> sigs.add(sig(n)));
          assertThat(BLS.aggregate(sigs)).isEqualTo(sig(expect.get("sig")));
        }
      }
      default -> throw new AssertionError("unknown suite " + c.get("suite"));
    }
  }

  @Test
  void specRulesNotCoveredByCases() {
    final BlsSecretKey sk = BlsSecretKey.fromSeed(new byte[32]);
    final byte[] msg = {1, 2, 3};
    final BlsSignature s = sk.sign(msg);
    assertThatThrownBy(() -> BLS.aggregate(List.of()))
        .isInstanceOfSatisfying(
            CryptoException.class,
            e -> assertThat(e.error().code()).isEqualTo("CRYPTO_BAD_ARGUMENT"));
    assertThat(BLS.fastAggregateVerify(List.of(), msg, s)).isFalse();
    assertThat(BLS.aggregateVerify(List.of(), List.of(), s)).isFalse();
    assertThat(BLS.aggregateVerify(List.of(sk.publicKey()), List.of(msg, msg), s)).isFalse();
  }

  @Test
  void eip2333MasterKeyVector() {
    // EIP-2333 test case 0.
    final byte[] seed =
        Vectors.hex(
            "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04");
    assertThat(new BigInteger(1, BlsSecretKey.fromSeed(seed).toBytes()))
        .isEqualTo(
            new BigInteger(
                "6083874454709270928345386274498605044986640685124978867557563392430687146096"));
    assertThatThrownBy(() -> BlsSecretKey.fromSeed(new byte[31]))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void infinityAndNonSubgroupPointsAreRejected() {
    final byte[] msg = {9};
    final BlsSecretKey sk = BlsSecretKey.fromSeed(new byte[40]);
    final byte[] inf = new byte[48];
    inf[0] = (byte) 0xc0;
    assertThat(BLS.verify(new BlsPublicKey(inf), msg, sk.sign(msg))).isFalse();
    // A G1 point on the curve but (almost surely) outside the subgroup: x = 4 (y^2 = 68 is a
    // square mod p would be needed); search a small x whose encoding decodes on-curve.
    final BlsPublicKey offGroup = findOffSubgroupG1();
    assertThat(BLS.verify(offGroup, msg, sk.sign(msg))).isFalse();
    assertThat(BLS.fastAggregateVerify(List.of(sk.publicKey(), offGroup), msg, sk.sign(msg)))
        .isFalse();
    assertThat(BLS.verifyPossession(offGroup, sk.provePossession())).isFalse();
    assertThat(Bls.INSTANCE.prepare(offGroup)).isEmpty();
    assertThat(Bls.INSTANCE.prepare(new BlsPublicKey(inf))).isEmpty();
    assertThat(Bls.INSTANCE.fastAggregateVerifyPrepared(List.of(), msg, sk.sign(msg))).isFalse();
  }

  /** Compressed G1 encodings with small x: the first on-curve one not in the subgroup. */
  private static BlsPublicKey findOffSubgroupG1() {
    for (int x = 1; x < 200; x++) {
      final byte[] enc = new byte[48];
      enc[0] = (byte) 0x80;
      enc[47] = (byte) x;
      try {
        final supranational.blst.P1_Affine p = new supranational.blst.P1_Affine(enc);
        if (p.on_curve() && !p.in_group()) {
          return new BlsPublicKey(enc);
        }
      } catch (RuntimeException notOnCurve) {
        // keep searching
      }
    }
    throw new AssertionError("no off-subgroup point found");
  }

  @Test
  void proofOfPossessionRoundTrip() {
    final BlsSecretKey a = BlsSecretKey.fromSeed(new byte[32]);
    final BlsSecretKey b = BlsSecretKey.fromSeed(new byte[33]);
    assertThat(BLS.verifyPossession(a.publicKey(), a.provePossession())).isTrue();
    assertThat(BLS.verifyPossession(b.publicKey(), a.provePossession())).isFalse();
    // A PoP is not an ordinary signature over the key bytes (different DST).
    assertThat(BLS.verify(a.publicKey(), a.publicKey().bytes(), a.provePossession())).isFalse();
  }

  @Test
  void aggregateOfNVerifiesLikeNSingles() {
    qt().withExamples(8)
        .forAll(integers().between(1, 6), integers().all())
        .checkAssert(
            (n, seed) -> {
              final Random rnd = new Random(seed);
              final byte[] common = new byte[32];
              rnd.nextBytes(common);
              final List<BlsPublicKey> pks = new ArrayList<>();
              final List<byte[]> msgs = new ArrayList<>();
              final List<BlsSignature> same = new ArrayList<>();
              final List<BlsSignature> distinct = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                final byte[] ikm = new byte[32];
                rnd.nextBytes(ikm);
                final BlsSecretKey sk = BlsSecretKey.fromSeed(ikm);
                final byte[] m = new byte[8];
                rnd.nextBytes(m);
                pks.add(sk.publicKey());
                msgs.add(m);
                same.add(sk.sign(common));
                distinct.add(sk.sign(m));
                assertThat(BLS.verify(sk.publicKey(), m, distinct.get(i))).isTrue();
              }
              assertThat(BLS.fastAggregateVerify(pks, common, BLS.aggregate(same))).isTrue();
              final List<BlsPreparedKey> prepared =
                  pks.stream().map(k -> Bls.INSTANCE.prepare(k).orElseThrow()).toList();
              assertThat(
                      Bls.INSTANCE.fastAggregateVerifyPrepared(
                          prepared, common, BLS.aggregate(same)))
                  .isTrue();
              if (n > 1) {
                assertThat(
                        Bls.INSTANCE.fastAggregateVerifyPrepared(
                            prepared.subList(1, n), common, BLS.aggregate(same)))
                    .isFalse();
              }
              assertThat(BLS.aggregateVerify(pks, msgs, BLS.aggregate(distinct))).isTrue();
              // Dropping a signer breaks both.
              if (n > 1) {
                assertThat(BLS.fastAggregateVerify(pks, common, BLS.aggregate(same.subList(1, n))))
                    .isFalse();
                assertThat(BLS.aggregateVerify(pks, msgs, BLS.aggregate(distinct.subList(1, n))))
                    .isFalse();
              }
            });
  }

  @Test
  void toStringNeverShowsTheScalar() {
    final BlsSecretKey sk = BlsSecretKey.fromSeed(new byte[32]);
    assertThat(sk.toString()).doesNotContain(Vectors.hex(sk.toBytes()).substring(0, 16));
  }
}
