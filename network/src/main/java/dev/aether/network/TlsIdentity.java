package dev.aether.network;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS side of a node's identity, after the libp2p TLS handshake design: each process makes a
 * fresh ECDSA P-256 key and a self-signed certificate for it, and the certificate carries an
 * extension holding the node's Ed25519 public key and its signature over {@code
 * "aether-tls-handshake:" || SubjectPublicKeyInfo}. TLS 1.3 proves possession of the certificate
 * key; the extension binds that key to the node key. ECDSA rather than the Ed25519 key itself in
 * the certificate because BoringSSL (inside Netty QUIC) handles ECDSA keys on every code path.
 *
 * @param privateKey the TLS private key (P-256)
 * @param certificate the self-signed certificate with the binding extension
 */
record TlsIdentity(PrivateKey privateKey, X509Certificate certificate) {
  /** Private-use OID under the UUID arc (2.25, ITU-T X.667): no registration needed. */
  static final ASN1ObjectIdentifier BINDING_OID =
      new ASN1ObjectIdentifier("2.25.198271927148392701764503427590144726217");

  static final byte[] PREFIX = "aether-tls-handshake:".getBytes(StandardCharsets.US_ASCII);

  /** Creates a TLS identity bound to {@code nodeKey}. */
  static TlsIdentity create(final NodeKey nodeKey, final SecureRandom random)
      throws GeneralSecurityException {
    final KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    final KeyPair kp = g.generateKeyPair();
    final byte[] spki = kp.getPublic().getEncoded();
    final byte[] signature = nodeKey.sign(concat(PREFIX, spki));
    final byte[] binding = concat(nodeKey.id().key(), signature);
    final Instant now = Instant.now();
    final X500Name name = new X500Name("CN=aether-" + nodeKey.id().toHex().substring(0, 16));
    try {
      final X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(64, random).abs().add(BigInteger.ONE),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(365))),
              name,
              kp.getPublic());
      b.addExtension(BINDING_OID, false, new DEROctetString(binding));
      final X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
      return new TlsIdentity(kp.getPrivate(), cert);
    } catch (IOException | OperatorCreationException e) {
      throw new GeneralSecurityException("cannot build node certificate", e);
    }
  }

  /**
   * Checks a peer's certificate chain and returns the node key it is bound to.
   *
   * @throws CertificateException when the chain is not one valid self-signed certificate whose
   *     extension carries a valid node-key signature over the certificate's key
   */
  static PeerId verify(final X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length != 1) {
      throw new CertificateException("expected exactly one self-signed certificate");
    }
    final X509Certificate cert = chain[0];
    cert.checkValidity();
    try {
      cert.verify(cert.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new CertificateException("certificate is not self-signed by its key", e);
    }
    final byte[] ext = cert.getExtensionValue(BINDING_OID.getId());
    if (ext == null) {
      throw new CertificateException("certificate lacks the Aether node-key binding");
    }
    final byte[] binding =
        ASN1OctetString.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getOctets();
    if (binding.length != 32 + 64) {
      throw new CertificateException("malformed node-key binding");
    }
    final PeerId id = new PeerId(Arrays.copyOfRange(binding, 0, 32));
    final byte[] sig = Arrays.copyOfRange(binding, 32, 96);
    if (!id.verify(concat(PREFIX, cert.getPublicKey().getEncoded()), sig)) {
      throw new CertificateException("node-key signature over the TLS key is invalid");
    }
    return id;
  }

  private static byte[] concat(final byte[] a, final byte[] b) {
    final byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
