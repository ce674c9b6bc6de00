package dev.aether.verifiers.tee;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Any change to any supplied certificate byte makes SEV-SNP verification fail in the chain. */
class SnpCertificateTamperTest {

  /** Positions per certificate in the default run; {@code -Dtee.fullSweep=true} does all. */
  static final int SAMPLE = 400;

  private static final Policy DEBUG_OK = Vectors.snpPolicy();
  private final TeeVerifier verifier = new TeeVerifier();

  private Verdict verify(final List<byte[]> certs) throws TeeException {
    return verifier.verify(
        Vectors.snpReport(),
        Collateral.ofCertificates(certs),
        DEBUG_OK,
        Optional.empty(),
        Vectors.SNP_AT);
  }

  private static Reason.Group group(final Verdict v) {
    assertThat(v).isInstanceOf(Verdict.Invalid.class);
    return ((Verdict.Invalid) v).reason().group();
  }

  @Test
  void everyByteOfTheVcekMatters() throws Exception {
    final byte[] vcek = Vectors.vcek();
    for (final int i : Vectors.positions(vcek.length, SAMPLE, 1)) {
      final Verdict v = verify(List.of(Vectors.flip(vcek, i, 0x01)));
      assertThat(v.isValid()).as("VCEK byte %d", i).isFalse();
      // A flipped public key or TCB extension is caught by the chain signature first.
      assertThat(group(v))
          .as("VCEK byte %d: %s", i, v)
          .isIn(Reason.Group.CHAIN, Reason.Group.FORMAT);
    }
  }

  @Test
  void everyByteOfTheAskAndArkPemMatters() throws Exception {
    final byte[] chain = Vectors.milanChain();
    for (final int i : Vectors.positions(chain.length, SAMPLE, 2)) {
      final Verdict v = verify(List.of(Vectors.vcek(), Vectors.flip(chain, i, 0x01)));
      assertThat(v.isValid()).as("ASK/ARK PEM byte %d", i).isFalse();
      assertThat(group(v)).as("ASK/ARK PEM byte %d: %s", i, v).isEqualTo(Reason.Group.CHAIN);
    }
  }

  @Test
  void unrelatedSuppliedChainsMustBeIntactButNeedNotBeCurrent() throws Exception {
    // The Genoa ASK was issued after this report's date; it is off the path, so only its
    // integrity (signature to the pinned ARK-Genoa) is checked.
    final byte[] genoa = Vectors.read("sev-snp/ask_ark_genoa.pem");
    assertThat(verify(List.of(Vectors.vcek(), genoa))).isInstanceOf(Verdict.Valid.class);
    final byte[] damaged = Vectors.flip(genoa, 200, 0x01);
    assertThat(group(verify(List.of(Vectors.vcek(), damaged)))).isEqualTo(Reason.Group.CHAIN);
  }

  @Test
  void aSuppliedArkMustBeThePinnedOne() throws Exception {
    final String text = new String(Vectors.milanChain(), StandardCharsets.US_ASCII);
    final String arkOnly = text.substring(text.lastIndexOf("-----BEGIN CERTIFICATE-----"));
    assertThat(verify(List.of(Vectors.vcek(), arkOnly.getBytes(StandardCharsets.US_ASCII))))
        .isInstanceOf(Verdict.Valid.class);
    // A self-signed certificate that is not pinned: the Intel root, posing as a root here.
    final Verdict v = verify(List.of(Vectors.vcek(), Vectors.read("tdx/trusted_root.pem")));
    assertThat(((Verdict.Invalid) v).reason()).isEqualTo(Reason.CERT_UNTRUSTED_ROOT);
  }

  @Test
  void withoutAVcekNothingVerifies() throws Exception {
    final Verdict v = verify(List.of(Vectors.read("sev-snp/ask_ark_genoa.pem")));
    assertThat(((Verdict.Invalid) v).reason()).isEqualTo(Reason.CERT_MISSING);
  }

  @Test
  void garbageCertificateFilesAreRejectedCleanly() throws Exception {
    for (final byte[] junk :
        List.of(
            new byte[0],
            new byte[] {0x30},
            "hello".getBytes(StandardCharsets.US_ASCII),
            "-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----\n"
                .getBytes(StandardCharsets.US_ASCII),
            new byte[Certs.MAX_CERT_BYTES + 1])) {
      final Verdict v = verify(List.of(Vectors.vcek(), junk));
      assertThat(v.isValid()).isFalse();
      assertThat(group(v)).isIn(Reason.Group.CHAIN, Reason.Group.FORMAT);
    }
  }
}
