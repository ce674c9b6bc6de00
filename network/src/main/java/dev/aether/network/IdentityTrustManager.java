package dev.aether.network;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust decisions for Aether's self-signed node certificates: no CA, the certificate must carry a
 * valid node-key binding ({@link TlsIdentity#verify}); when dialing, the bound key must also be the
 * one we meant to reach, so a peer claiming another key fails the handshake itself.
 */
final class IdentityTrustManager extends X509ExtendedTrustManager {
  private final Optional<PeerId> expected;

  /**
   * @param expected the key the remote side must prove (dialing), or empty (accepting)
   */
  IdentityTrustManager(final Optional<PeerId> expected) {
    this.expected = expected;
  }

  private void check(final X509Certificate[] chain) throws CertificateException {
    final PeerId actual = TlsIdentity.verify(chain);
    if (expected.isPresent() && !expected.get().equals(actual)) {
      throw new CertificateException(
          "peer proved key " + actual.toHex() + " but " + expected.get().toHex() + " was dialed");
    }
  }

  @Override
  public void checkClientTrusted(final X509Certificate[] chain, final String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(final X509Certificate[] chain, final String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(
      final X509Certificate[] chain, final String authType, final Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(
      final X509Certificate[] chain, final String authType, final Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(
      final X509Certificate[] chain, final String authType, final SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(
      final X509Certificate[] chain, final String authType, final SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
