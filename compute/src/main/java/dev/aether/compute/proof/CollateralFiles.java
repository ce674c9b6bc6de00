package dev.aether.compute.proof;

import dev.aether.verifiers.tee.Collateral;
import dev.aether.verifiers.tee.Reason;
import dev.aether.verifiers.tee.TeeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The certificate collateral a published receipt carries beside its TEE evidence, so anyone can
 * verify it offline (ADR 0051). Each file is one of:
 *
 * <ul>
 *   <li>a <b>PCS bundle</b> (TDX): an Intel PCS response body — {@code {"tcbInfo":…}} or {@code
 *       {"enclaveIdentity":…}} — immediately followed by the PEM certificates of its issuer-chain
 *       header; the body is kept byte for byte (its signature covers the exact bytes);
 *   <li>a certificate file (DER or PEM), e.g. the SEV-SNP VCEK and its ASK/ARK chain.
 * </ul>
 *
 * A file that starts with {@code '{'} must be a well-formed bundle; anything else is a certificate
 * file, which the verifier parses and chains (a damaged file fails verification).
 */
public final class CollateralFiles {
  private CollateralFiles() {}

  /** The verifier's collateral from a receipt's files. */
  public static Collateral parse(List<byte[]> files) throws TeeException {
    List<byte[]> certs = new ArrayList<>();
    Optional<Collateral.PcsDocument> tcbInfo = Optional.empty();
    Optional<Collateral.PcsDocument> qeIdentity = Optional.empty();
    for (byte[] f : files) {
      if (f.length > 0 && f[0] == '{') {
        Collateral.PcsDocument d = bundle(f);
        String head =
            new String(d.body(), 0, Math.min(24, d.body().length), StandardCharsets.UTF_8);
        if (head.startsWith("{\"tcbInfo\"") && tcbInfo.isEmpty()) {
          tcbInfo = Optional.of(d);
        } else if (head.startsWith("{\"enclaveIdentity\"") && qeIdentity.isEmpty()) {
          qeIdentity = Optional.of(d);
        } else {
          throw new TeeException(
              Reason.MALFORMED, "a PCS bundle must be one tcbInfo or one enclaveIdentity body");
        }
      } else {
        certs.add(f);
      }
    }
    Collateral c = certs.isEmpty() ? Collateral.none() : Collateral.ofCertificates(certs);
    if (tcbInfo.isPresent()) {
      c = c.withTcbInfo(tcbInfo.get());
    }
    if (qeIdentity.isPresent()) {
      c = c.withQeIdentity(qeIdentity.get());
    }
    return c;
  }

  /** A PCS bundle of {@code body} and its issuer chain (PEM). */
  public static byte[] bundle(byte[] body, byte[] issuerChainPem) {
    byte[] out = Arrays.copyOf(body, body.length + issuerChainPem.length);
    System.arraycopy(issuerChainPem, 0, out, body.length, issuerChainPem.length);
    return out;
  }

  /** Splits a bundle at the end of its JSON object (braces matched outside strings). */
  static Collateral.PcsDocument bundle(byte[] f) throws TeeException {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < f.length; i++) {
      byte b = f[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{') {
        depth++;
      } else if (b == '}') {
        depth--;
        if (depth == 0) {
          byte[] chain = Arrays.copyOfRange(f, i + 1, f.length);
          String pem = new String(chain, StandardCharsets.US_ASCII).strip();
          if (!pem.startsWith("-----BEGIN CERTIFICATE-----")) {
            throw new TeeException(
                Reason.MALFORMED, "a PCS bundle's body must be followed by its PEM issuer chain");
          }
          return new Collateral.PcsDocument(Arrays.copyOfRange(f, 0, i + 1), chain);
        }
      }
    }
    throw new TeeException(Reason.MALFORMED, "a PCS bundle's JSON body does not end");
  }
}
