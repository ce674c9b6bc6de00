package dev.aether.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsIdentityTest {
  @Test
  void certificateIsBoundToTheNodeKey() throws Exception {
    final NodeKey k = TestNodes.key(1);
    final TlsIdentity t = TlsIdentity.create(k, new SecureRandom());
    assertThat(TlsIdentity.verify(new X509Certificate[] {t.certificate()})).isEqualTo(k.id());
  }

  @Test
  void trustManagerRefusesAnUnexpectedKey() throws Exception {
    final TlsIdentity t = TlsIdentity.create(TestNodes.key(1), new SecureRandom());
    final X509Certificate[] chain = {t.certificate()};
    new IdentityTrustManager(Optional.of(TestNodes.key(1).id())).checkServerTrusted(chain, "EC");
    assertThatThrownBy(
            () ->
                new IdentityTrustManager(Optional.of(TestNodes.key(2).id()))
                    .checkServerTrusted(chain, "EC"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("was dialed");
  }

  @Test
  void bindingCannotBeMovedToAnotherTlsKey() throws Exception {
    // Certificate of node 2, but node 1's binding extension copied in is impossible without
    // re-signing; the closest attack is presenting node 1's certificate with node 2's TLS key,
    // which TLS itself stops. Here: a certificate without the extension, and chains of the wrong
    // length, are refused.
    final TlsIdentity a = TlsIdentity.create(TestNodes.key(1), new SecureRandom());
    final TlsIdentity b = TlsIdentity.create(TestNodes.key(2), new SecureRandom());
    assertThatThrownBy(
            () -> TlsIdentity.verify(new X509Certificate[] {a.certificate(), b.certificate()}))
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> TlsIdentity.verify(new X509Certificate[0]))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void nodeKeySignaturesVerify() {
    final NodeKey k = TestNodes.key(9);
    final byte[] sig = k.sign(new byte[] {1, 2});
    assertThat(k.id().verify(new byte[] {1, 2}, sig)).isTrue();
    assertThat(k.id().verify(new byte[] {1, 3}, sig)).isFalse();
    assertThat(NodeKey.fromSeed(k.seed()).id()).isEqualTo(k.id());
  }
}
