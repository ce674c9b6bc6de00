package dev.aether.verifiers.tee;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The display fields the CLI prints: every parsed field, in format order. */
class FieldsTest {

  @Test
  void tdxFieldsListEveryBodyAndSignatureField() throws Exception {
    final TdxQuote q = TdxQuote.parse(Vectors.tdxQuote());
    assertThat(q.fields().sequencedKeySet())
        .startsWith("version", "attestation_key_type", "tee_type", "qe_vendor_id", "user_data")
        .contains(
            "tee_tcb_svn",
            "mr_seam",
            "mr_signer_seam",
            "seam_attributes",
            "td_attributes",
            "xfam",
            "mr_td",
            "mr_config_id",
            "mr_owner",
            "mr_owner_config",
            "rtmr0",
            "rtmr1",
            "rtmr2",
            "rtmr3",
            "report_data",
            "qe_report_data",
            "qe_auth_data")
        .endsWith("pck_chain_bytes", "trailing_bytes");
    assertThat(q.fields()).containsEntry("td_debug", "false").containsEntry("trailing_bytes", "39");
    assertThat(q.fields()).containsEntry("xfam", "0x0000000000061ae7");
    // The real QE has ATTRIBUTES 15..; Intel's QE identity wants 11.. under mask FB..: equal.
    assertThat(HexOf.hex(q.qeAttributes())).isEqualTo("1500000000000000e700000000000000");
    assertThat(q.qeAttributes()[0] & 0xFB).isEqualTo(0x11);
    assertThat(q)
        .isEqualTo(TdxQuote.parse(Vectors.tdxQuote()))
        .hasSameHashCodeAs(TdxQuote.parse(Vectors.tdxQuote()));
  }

  @Test
  void snpFieldsFollowTheReportLayout() throws Exception {
    final SnpReport r = SnpReport.parse(Vectors.snpReport());
    assertThat(r.fields().sequencedKeySet())
        .startsWith("version", "guest_svn", "policy")
        .contains("chip_id", "reported_tcb", "launch_tcb", "current_firmware")
        .doesNotContain("cpuid_fam_id", "launch_mit_vector")
        .endsWith("signature_r", "signature_s");
    assertThat(r.fields()).containsEntry("current_firmware", "1.49.3");
  }

  @Test
  void productsFromCpuid() {
    assertThat(SnpProduct.fromCpuid(0x19, 0x01)).isEqualTo(SnpProduct.MILAN);
    assertThat(SnpProduct.fromCpuid(0x19, 0x11)).isEqualTo(SnpProduct.GENOA);
    assertThat(SnpProduct.fromCpuid(0x19, 0xA0)).isEqualTo(SnpProduct.GENOA);
    assertThat(SnpProduct.fromCpuid(0x1A, 0x02)).isEqualTo(SnpProduct.TURIN);
    assertThat(SnpProduct.fromCpuid(0x17, 0x31)).isEqualTo(SnpProduct.UNKNOWN);
    assertThat(SnpProduct.fromName("SEV-Genoa")).contains(SnpProduct.GENOA);
    assertThat(SnpProduct.fromName("Milan-B0")).contains(SnpProduct.MILAN);
    assertThat(SnpProduct.fromName("ARK-Turin")).contains(SnpProduct.TURIN);
  }

  /** Lower-case hex. */
  private static final class HexOf {
    static String hex(final byte[] b) {
      return java.util.HexFormat.of().formatHex(b);
    }
  }
}
