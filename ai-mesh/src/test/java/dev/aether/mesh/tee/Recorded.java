package dev.aether.mesh.tee;

import dev.aether.types.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The real evidence in {@code testdata/tee} (see its SOURCE.md): a Milan SEV-SNP report with its
 * VCEK, ASK and ARK, and a Sapphire Rapids TDX quote with Intel's sample PCS collateral; and
 * configfs-tsm attesters over a {@link FakeTsmKernel} that answers with it (for tests outside this
 * package).
 */
public final class Recorded {
  /** go-sev-guest verifies the Milan VCEK chain at this instant. */
  public static final Instant SNP_AT = Instant.parse("2022-09-24T01:00:00Z");

  /** go-tdx-guest verifies the SPR quote at this instant. */
  public static final Instant TDX_AT = Instant.parse("2023-07-01T01:00:00Z");

  private Recorded() {}

  public static Path testdata() {
    return Path.of(System.getProperty("aether.testdata", "../testdata"));
  }

  public static byte[] read(String rel) {
    try {
      return Files.readAllBytes(testdata().resolve("tee").resolve(rel));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] snpReport() {
    return read("sev-snp/attestation.bin");
  }

  /** REPORT_DATA of the SNP report (0x50..0x8F): 01 02 03 04 05, then zeros. */
  public static byte[] snpReportData() {
    return Arrays.copyOfRange(snpReport(), 0x50, 0x90);
  }

  public static byte[] vcek() {
    return read("sev-snp/vcek.testcer");
  }

  /** ASK then ARK of Milan, each DER. */
  public static List<byte[]> askArk() {
    try {
      List<byte[]> out = new ArrayList<>();
      for (var c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new java.io.ByteArrayInputStream(read("sev-snp/ask_ark_milan.pem")))) {
        out.add(((X509Certificate) c).getEncoded());
      }
      return out;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] tdxQuote() {
    return read("tdx/tdx_prod_quote_SPR_E4.dat");
  }

  /** REPORTDATA of the TDX quote: bytes 568..631. */
  public static byte[] tdxReportData() {
    return Arrays.copyOfRange(tdxQuote(), 568, 632);
  }

  /** Intel's sample QE identity as a PCS bundle (body, then its issuer chain). */
  public static Bytes qeIdentityBundle() {
    return Bytes.of(
        dev.aether.compute.proof.CollateralFiles.bundle(
            new String(read("tdx/sample_qeIdentity_response"), StandardCharsets.UTF_8)
                .strip()
                .getBytes(StandardCharsets.UTF_8),
            pcsIssuerChain()));
  }

  /** Intel's sample TCB info as a PCS bundle. */
  public static Bytes tcbInfoBundle() {
    return Bytes.of(
        dev.aether.compute.proof.CollateralFiles.bundle(
            new String(read("tdx/sample_tcbInfo_response"), StandardCharsets.UTF_8)
                .strip()
                .getBytes(StandardCharsets.UTF_8),
            pcsIssuerChain()));
  }

  /** The TCB-Info-Issuer-Chain header of those responses (kept beside the verifiers' tests). */
  public static byte[] pcsIssuerChain() {
    try {
      return Files.readAllBytes(
          testdata()
              .resolveSibling("verifiers/src/test/resources/tee/tcb_info_issuer_chain.pem")
              .normalize());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A GHCB certificate table holding {@code certs} under {@code guids} (RFC 4122 byte order),
   * terminated by a zero entry, data after the table — as a host writes it.
   */
  public static byte[] certTable(List<UUID> guids, List<byte[]> certs) {
    int header = (guids.size() + 1) * SnpCertTable.ENTRY_SIZE;
    ByteBuffer t = ByteBuffer.allocate(header).order(ByteOrder.LITTLE_ENDIAN);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (int i = 0; i < guids.size(); i++) {
      t.put(SnpCertTable.bytes(guids.get(i)));
      t.putInt(header + data.size());
      t.putInt(certs.get(i).length);
      data.writeBytes(certs.get(i));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(t.array());
    out.writeBytes(data.toByteArray());
    return out.toByteArray();
  }

  /** The table a Milan host supplies: VCEK, ASK, ARK. */
  public static byte[] milanTable() {
    List<byte[]> askArk = askArk();
    return certTable(
        List.of(
            SnpCertTable.Cert.VCEK.guid, SnpCertTable.Cert.ASK.guid, SnpCertTable.Cert.ARK.guid),
        List.of(vcek(), askArk.get(0), askArk.get(1)));
  }

  /**
   * A SEV-SNP configfs-tsm attester whose kernel, under {@code dir}, answers every request with the
   * recorded Milan report and a certificate table holding its VCEK, ASK and ARK.
   */
  public static ConfigfsTsmAttester snpConfigfs(Path dir) {
    FakeTsmKernel k = new FakeTsmKernel(dir, "sev_guest", in -> snpReport());
    k.auxblob = java.util.Optional.of(milanTable());
    return new ConfigfsTsmAttester(k, dev.aether.verifiers.tee.Evidence.Kind.SEV_SNP, List.of());
  }

  /** A TDX configfs-tsm attester answering with the recorded quote, adding {@code extra}. */
  public static ConfigfsTsmAttester tdxConfigfs(Path dir, List<Bytes> extra) {
    return new ConfigfsTsmAttester(
        new FakeTsmKernel(dir, "tdx_guest", in -> tdxQuote()),
        dev.aether.verifiers.tee.Evidence.Kind.TDX,
        extra);
  }
}
