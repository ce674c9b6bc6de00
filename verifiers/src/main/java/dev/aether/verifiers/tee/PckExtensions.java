package dev.aether.verifiers.tee;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * The Intel SGX extension of a PCK certificate (OID 1.2.840.113741.1.13.1, "Intel SGX PCK
 * Certificate and CRL Profile"): the platform's FMSPC and PCE id and the TCB the PCK was issued
 * for.
 *
 * @param fmspc family-model-stepping-platform-customSKU (6 bytes)
 * @param pceId PCE id (2 bytes)
 * @param compSvn the 16 SGX TCB component SVNs
 * @param pceSvn the PCE SVN
 */
record PckExtensions(byte[] fmspc, byte[] pceId, int[] compSvn, int pceSvn) {

  private static final String SGX = "1.2.840.113741.1.13.1";

  static PckExtensions of(final X509Certificate pck) throws TeeException {
    final byte[] ext = pck.getExtensionValue(SGX);
    if (ext == null) {
      throw new TeeException(Reason.CERT_PROFILE, "PCK certificate lacks the SGX extension");
    }
    try {
      final ASN1Sequence seq =
          ASN1Sequence.getInstance(
              ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets()));
      byte[] fmspc = null;
      byte[] pceId = null;
      int[] comp = null;
      int pceSvn = -1;
      for (final ASN1Encodable e : seq) {
        final ASN1Sequence pair = ASN1Sequence.getInstance(e);
        final String oid = ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0)).getId();
        final ASN1Encodable value = pair.getObjectAt(1);
        switch (oid) {
          case SGX + ".4" -> fmspc = ASN1OctetString.getInstance(value).getOctets();
          case SGX + ".3" -> pceId = ASN1OctetString.getInstance(value).getOctets();
          case SGX + ".2" -> {
            comp = new int[16];
            for (final ASN1Encodable t : ASN1Sequence.getInstance(value)) {
              final ASN1Sequence tp = ASN1Sequence.getInstance(t);
              final String id = ASN1ObjectIdentifier.getInstance(tp.getObjectAt(0)).getId();
              final String prefix = SGX + ".2.";
              if (!id.startsWith(prefix)) {
                continue;
              }
              final int n = Integer.parseInt(id.substring(prefix.length()));
              if (n >= 1 && n <= 16) {
                comp[n - 1] = small(tp.getObjectAt(1));
              } else if (n == 17) {
                pceSvn = small(tp.getObjectAt(1));
              }
            }
          }
          default -> {
            // PPID, SGX type, platform instance id, configuration: not needed for TCB checks.
          }
        }
      }
      if (fmspc == null
          || fmspc.length != 6
          || pceId == null
          || pceId.length != 2
          || comp == null
          || pceSvn < 0) {
        throw new TeeException(Reason.CERT_PROFILE, "PCK SGX extension lacks FMSPC, PCE id or TCB");
      }
      return new PckExtensions(fmspc, pceId, comp, pceSvn);
    } catch (java.io.IOException | RuntimeException e) {
      throw new TeeException(Reason.CERT_MALFORMED, "PCK SGX extension is malformed");
    }
  }

  private static int small(final ASN1Encodable v) {
    final BigInteger n = ASN1Integer.getInstance(v).getValue();
    if (n.signum() < 0 || n.bitLength() > 16) {
      throw new IllegalArgumentException("SVN out of range");
    }
    return n.intValue();
  }
}
