package dev.aether.verifiers.tee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The full version of the sampled certificate sweeps: every byte of the VCEK, of the ASK/ARK bundle
 * and of the TDX quote's PCK chain, flipped one at a time, must fail in the chain checks.
 */
@Tag("soak")
class TamperSweepSoakTest {

  private final TeeVerifier verifier = new TeeVerifier();
  private final Policy debugOk = Vectors.snpPolicy();

  private Reason.Group snpGroup(final byte[] vcek, final byte[] chain) throws TeeException {
    final Verdict v =
        verifier.verify(
            Vectors.snpReport(),
            Collateral.ofCertificates(List.of(vcek, chain)),
            debugOk,
            Optional.empty(),
            Vectors.SNP_AT);
    assertThat(v).isInstanceOf(Verdict.Invalid.class);
    return ((Verdict.Invalid) v).reason().group();
  }

  @Test
  void everyVcekByte() throws Exception {
    final byte[] vcek = Vectors.vcek();
    for (int i = 0; i < vcek.length; i++) {
      assertThat(snpGroup(Vectors.flip(vcek, i, 0x01), Vectors.milanChain()))
          .as("VCEK byte %d", i)
          .isIn(Reason.Group.CHAIN, Reason.Group.FORMAT);
    }
  }

  @Test
  void everyAskArkPemByte() throws Exception {
    final byte[] chain = Vectors.milanChain();
    for (int i = 0; i < chain.length; i++) {
      assertThat(snpGroup(Vectors.vcek(), Vectors.flip(chain, i, 0x01)))
          .as("ASK/ARK byte %d", i)
          .isEqualTo(Reason.Group.CHAIN);
    }
  }

  @Test
  void everyPckChainByte() throws Exception {
    final byte[] good = Vectors.tdxQuote();
    final TdxQuote q = TdxQuote.parse(good);
    final int start = good.length - q.trailingBytes() - q.pckChain().length;
    for (int off = start; off < start + q.pckChain().length; off++) {
      final Verdict v =
          verifier.verify(
              Vectors.flip(good, off, 0x01),
              Collateral.none(),
              Vectors.tdxPolicy(),
              Optional.empty(),
              Vectors.TDX_AT);
      assertThat(v).isInstanceOf(Verdict.Invalid.class);
      assertThat(((Verdict.Invalid) v).reason().group())
          .as("PCK chain offset %d", off)
          .isEqualTo(Reason.Group.CHAIN);
    }
  }
}
