package dev.aether.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Drives {@link Kzg} with c-kzg-4844's reference tests (testdata/kzg, packed; see SOURCE.md). */
class KzgVectorTest {

  private final Kzg kzg = Kzg.ethereum();

  static Stream<Arguments> cases(final String function) {
    return Vectors.files(Vectors.dir("kzg").resolve(function)).stream()
        .map(p -> Arguments.of(Named.of(p.getFileName().toString(), p)));
  }

  static Stream<Arguments> blobToCommitment() {
    return cases("blob_to_kzg_commitment");
  }

  static Stream<Arguments> computeProof() {
    return cases("compute_kzg_proof");
  }

  static Stream<Arguments> computeBlobProof() {
    return cases("compute_blob_kzg_proof");
  }

  static Stream<Arguments> verifyProof() {
    return cases("verify_kzg_proof");
  }

  static Stream<Arguments> verifyBlobProof() {
    return cases("verify_blob_kzg_proof");
  }

  static Stream<Arguments> verifyBlobProofBatch() {
    return cases("verify_blob_kzg_proof_batch");
  }

  /** Expected value, or "the call must be refused" when the vector's output is null. */
  private static <T> void check(
      final JsonNode output, final Supplier<T> call, final Function<JsonNode, T> expected) {
    if (output.isNull()) {
      assertThatThrownBy(call::get).isInstanceOf(CryptoException.class);
    } else {
      assertThat(call.get()).isEqualTo(expected.apply(output));
    }
  }

  private static Blob blob(final JsonNode n) {
    return Blob.of(Vectors.hex(n.asText()));
  }

  private static KzgCommitment commitment(final JsonNode n) {
    return new KzgCommitment(Vectors.hex(n.asText()));
  }

  private static KzgProof proof(final JsonNode n) {
    return new KzgProof(Vectors.hex(n.asText()));
  }

  private static KzgFieldElement fe(final JsonNode n) {
    return new KzgFieldElement(Vectors.hex(n.asText()));
  }

  @ParameterizedTest
  @MethodSource
  void blobToCommitment(final Path file) {
    final JsonNode v = Vectors.kzgCase(file);
    check(
        v.get("output"),
        () -> kzg.blobToCommitment(blob(v.at("/input/blob"))),
        KzgVectorTest::commitment);
  }

  @ParameterizedTest
  @MethodSource
  void computeProof(final Path file) {
    final JsonNode v = Vectors.kzgCase(file);
    check(
        v.get("output"),
        () -> kzg.computeProof(blob(v.at("/input/blob")), fe(v.at("/input/z"))),
        out -> new KzgProofAndY(proof(out.get(0)), fe(out.get(1))));
  }

  @ParameterizedTest
  @MethodSource
  void computeBlobProof(final Path file) {
    final JsonNode v = Vectors.kzgCase(file);
    check(
        v.get("output"),
        () ->
            kzg.computeBlobProof(blob(v.at("/input/blob")), commitment(v.at("/input/commitment"))),
        KzgVectorTest::proof);
  }

  @ParameterizedTest
  @MethodSource
  void verifyProof(final Path file) {
    final JsonNode v = Vectors.kzgCase(file);
    final JsonNode in = v.get("input");
    check(
        v.get("output"),
        () ->
            kzg.verifyProof(
                commitment(in.get("commitment")),
                fe(in.get("z")),
                fe(in.get("y")),
                proof(in.get("proof"))),
        JsonNode::asBoolean);
  }

  @ParameterizedTest
  @MethodSource
  void verifyBlobProof(final Path file) {
    final JsonNode v = Vectors.kzgCase(file);
    final JsonNode in = v.get("input");
    check(
        v.get("output"),
        () ->
            kzg.verifyBlobProof(
                blob(in.get("blob")), commitment(in.get("commitment")), proof(in.get("proof"))),
        JsonNode::asBoolean);
  }

  @ParameterizedTest
  @MethodSource
  void verifyBlobProofBatch(final Path file) {
    final JsonNode v = Vectors.kzgCase(file);
    final JsonNode in = v.get("input");
    check(
        v.get("output"),
        () -> {
          final List<Blob> blobs = new ArrayList<>();
          in.get("blobs").forEach(n -> blobs.add(blob(n)));
          final List<KzgCommitment> cs = new ArrayList<>();
          in.get("commitments").forEach(n -> cs.add(commitment(n)));
          final List<KzgProof> ps = new ArrayList<>();
          in.get("proofs").forEach(n -> ps.add(proof(n)));
          return kzg.verifyBlobProofBatch(blobs, cs, ps);
        },
        JsonNode::asBoolean);
  }

  /**
   * testdata/kzg stores each distinct blob once; rebuilding every case file must give exactly the
   * upstream bytes (SHA-256 list recorded when packing), so the cases above are upstream's.
   */
  @Test
  void packedCasesRebuildTheUpstreamFilesExactly() throws Exception {
    final Path kzgDir = Vectors.dir("kzg");
    final List<String> lines = java.nio.file.Files.readAllLines(kzgDir.resolve("UPSTREAM.sha256"));
    for (final String line : lines) {
      final String expected = line.substring(0, 64);
      final Path file = kzgDir.resolve(line.substring(66));
      final byte[] rebuilt =
          Vectors.kzgCaseText(file).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(Vectors.hex(java.security.MessageDigest.getInstance("SHA-256").digest(rebuilt)))
          .as(file.toString())
          .isEqualTo(expected);
    }
    assertThat(lines).hasSize(209);
  }

  @Test
  void vectorFoldersAreAllPresent() {
    assertThat(cases("verify_kzg_proof")).hasSize(122);
    assertThat(cases("verify_blob_kzg_proof")).hasSize(29);
  }

  @Test
  void roundTripOnOwnBlob() {
    final byte[] raw = new byte[Blob.LENGTH];
    for (int i = 0; i < Blob.FIELD_ELEMENTS; i++) {
      raw[i * 32 + 31] = (byte) i; // small values stay below the modulus
      raw[i * 32 + 30] = (byte) (i >> 8);
    }
    final Blob blob = Blob.of(raw);
    final KzgCommitment c = kzg.blobToCommitment(blob);
    final KzgProof p = kzg.computeBlobProof(blob, c);
    assertThat(kzg.verifyBlobProof(blob, c, p)).isTrue();
    assertThat(kzg.verifyBlobProofBatch(List.of(blob, blob), List.of(c, c), List.of(p, p)))
        .isTrue();
    final byte[] z = new byte[32];
    z[31] = 5;
    final KzgProofAndY py = kzg.computeProof(blob, new KzgFieldElement(z));
    assertThat(kzg.verifyProof(c, new KzgFieldElement(z), py.y(), py.proof())).isTrue();
    final byte[] wrongY = py.y().bytes();
    wrongY[31] ^= 1;
    assertThat(kzg.verifyProof(c, new KzgFieldElement(z), new KzgFieldElement(wrongY), py.proof()))
        .isFalse();
  }

  @Test
  void mismatchedBatchSizesAreRefusedWithCode() {
    assertThatThrownBy(
            () ->
                kzg.verifyBlobProofBatch(List.of(), List.of(), List.of(new KzgProof(new byte[48]))))
        .isInstanceOfSatisfying(
            CryptoException.class,
            e -> assertThat(e.error().code()).isEqualTo("CRYPTO_BAD_ARGUMENT"));
  }
}
