package dev.aether.verifiers.tee;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full verification of the real SEV-SNP report and TDX quote, against baselines measured in the
 * same run: the one ECDSA verification each format cannot avoid (P-384 for the SNP report,
 * P-256 for the TDX quote signature). The ratio says what the chain, parsing and policy cost on
 * top. Run: {@code mvn -Pjmh -pl verifiers test-compile} then JMH's Main on the test classpath.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TeeVerifyBench {

  private static final Instant SNP_AT = Instant.parse("2022-09-24T01:00:00Z");
  private static final Instant TDX_AT = Instant.parse("2023-07-01T01:00:00Z");

  private TeeVerifier verifier;
  private byte[] snp;
  private byte[] tdx;
  private byte[] dev;
  private Collateral vcek;
  private Policy debugOk;
  private Policy devOk;
  private Policy tdxOk;
  private PublicKey vcekKey;
  private byte[] snpSigned;
  private byte[] snpSig;
  private PublicKey akKey;
  private byte[] tdxSigned;
  private byte[] tdxSig;

  @Setup
  public void setup() throws Exception {
    final Path dir = Vectors.dir(); // testdata/tee (jmh sources compile with the test sources)
    verifier = new TeeVerifier();
    snp = Files.readAllBytes(dir.resolve("sev-snp/attestation.bin"));
    tdx = Files.readAllBytes(dir.resolve("tdx/tdx_prod_quote_SPR_E4.dat"));
    final byte[] vcekDer = Files.readAllBytes(dir.resolve("sev-snp/vcek.testcer"));
    vcek = Collateral.ofCertificates(List.of(vcekDer));
    debugOk = Vectors.snpPolicy();
    tdxOk = Vectors.tdxPolicy();
    final KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
    final DevTeeSigner devSigner = new DevTeeSigner(g.generateKeyPair());
    devOk =
        Policy.strict()
            .withDevAttestations(
                true, Set.of(java.util.HexFormat.of().formatHex(devSigner.publicKey())));
    dev = devSigner.quote(new byte[48], new byte[64]);

    final X509Certificate cert = Certs.parseDer(vcekDer, "vcek");
    vcekKey = cert.getPublicKey();
    final SnpReport r = SnpReport.parse(snp);
    snpSigned = r.signedPart();
    snpSig = new byte[96];
    System.arraycopy(r.signatureR(), 24, snpSig, 0, 48);
    System.arraycopy(r.signatureS(), 24, snpSig, 48, 48);
    final TdxQuote q = TdxQuote.parse(tdx);
    akKey = Sigs.p256(q.attestationKey()).orElseThrow();
    tdxSigned = q.signedPart();
    tdxSig = q.quoteSignature();
    if (!verifier.verify(snp, vcek, debugOk, Optional.empty(), SNP_AT).isValid()
        || !verifier.verify(tdx, Collateral.none(), tdxOk, Optional.empty(), TDX_AT).isValid()) {
      throw new IllegalStateException("vectors do not verify");
    }
  }

  @Benchmark
  public Verdict snpFullVerify() {
    return verifier.verify(snp, vcek, debugOk, Optional.empty(), SNP_AT);
  }

  @Benchmark
  public boolean snpBaselineP384Verify() throws Exception {
    final Signature s = Signature.getInstance("SHA384withECDSAinP1363Format");
    s.initVerify(vcekKey);
    s.update(snpSigned);
    return s.verify(snpSig);
  }

  @Benchmark
  public Verdict tdxFullVerify() {
    return verifier.verify(tdx, Collateral.none(), tdxOk, Optional.empty(), TDX_AT);
  }

  @Benchmark
  public boolean tdxBaselineP256Verify() throws Exception {
    final Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
    s.initVerify(akKey);
    s.update(tdxSigned);
    return s.verify(tdxSig);
  }

  @Benchmark
  public Verdict devFullVerify() {
    return verifier.verify(dev, Collateral.none(), devOk, Optional.empty(), SNP_AT);
  }
}
