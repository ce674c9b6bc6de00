package dev.aether.verifiers.tee;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

/**
 * The AMD-specific extensions of a VCEK or VLEK certificate (AMD "Versioned Chip Endorsement Key
 * Certificate and KDS Interface Specification" 57230): the TCB it was derived for, the chip's
 * hardware id (VCEK only) and the product name.
 *
 * @param productName e.g. "Milan-B0", when present
 * @param bootloader blSPL (1.3.6.1.4.1.3704.1.3.1)
 * @param tee teeSPL (.1.3.2)
 * @param snp snpSPL (.1.3.3)
 * @param microcode ucodeSPL (.1.3.8)
 * @param fmc fmcSPL (.1.3.9), Turin and later
 * @param hwId hwID (.1.4), the CHIP_ID the VCEK belongs to; absent for VLEKs
 */
record VcekExtensions(
    Optional<String> productName,
    int bootloader,
    int tee,
    int snp,
    int microcode,
    Optional<Integer> fmc,
    Optional<byte[]> hwId) {

  private static final String AMD = "1.3.6.1.4.1.3704.1.";

  static VcekExtensions of(final X509Certificate cert) throws TeeException {
    return new VcekExtensions(
        string(cert, AMD + "2"),
        spl(cert, AMD + "3.1", true).orElseThrow(),
        spl(cert, AMD + "3.2", true).orElseThrow(),
        spl(cert, AMD + "3.3", true).orElseThrow(),
        spl(cert, AMD + "3.8", true).orElseThrow(),
        spl(cert, AMD + "3.9", false),
        raw(cert, AMD + "4"));
  }

  /** The TCB these extensions certify, in the layout of {@code product}. */
  SnpTcb tcb() {
    return new SnpTcb(fmc.orElse(0), bootloader, tee, snp, microcode);
  }

  private static Optional<byte[]> raw(final X509Certificate cert, final String oid)
      throws TeeException {
    final byte[] ext = cert.getExtensionValue(oid);
    if (ext == null) {
      return Optional.empty();
    }
    try {
      // getExtensionValue returns the DER OCTET STRING wrapping extnValue.
      return Optional.of(ASN1OctetString.getInstance(ext).getOctets());
    } catch (RuntimeException e) {
      throw new TeeException(Reason.CERT_MALFORMED, "VCEK extension " + oid + " is malformed");
    }
  }

  private static Optional<String> string(final X509Certificate cert, final String oid)
      throws TeeException {
    final Optional<byte[]> v = raw(cert, oid);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      final ASN1Primitive p = ASN1Primitive.fromByteArray(v.get());
      if (p instanceof ASN1String s) {
        return Optional.of(s.getString());
      }
    } catch (java.io.IOException | RuntimeException e) {
      // fall through to the error below
    }
    throw new TeeException(Reason.CERT_MALFORMED, "VCEK extension " + oid + " is not a string");
  }

  private static Optional<Integer> spl(
      final X509Certificate cert, final String oid, final boolean required) throws TeeException {
    final Optional<byte[]> v = raw(cert, oid);
    if (v.isEmpty()) {
      if (required) {
        throw new TeeException(Reason.CERT_MALFORMED, "VCEK lacks TCB extension " + oid);
      }
      return Optional.empty();
    }
    try {
      final ASN1Primitive p = ASN1Primitive.fromByteArray(v.get());
      if (p instanceof ASN1Integer i) {
        final BigInteger n = i.getValue();
        if (n.signum() >= 0 && n.bitLength() <= 8) {
          return Optional.of(n.intValue());
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // fall through to the error below
    }
    throw new TeeException(
        Reason.CERT_MALFORMED, "VCEK extension " + oid + " is not an integer 0..255");
  }
}
