package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.consensus.crypto.OpCerts;
import dev.aether.crypto.CryptoException;
import dev.aether.crypto.Kes;
import dev.aether.crypto.KesSecretKey;
import dev.aether.crypto.KesVerificationKey;
import dev.aether.node.keys.ValidatorKeys;
import dev.aether.types.OpCert;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's hot KES key on disk: evolved and erased as periods pass, rotations picked up. */
class KesKeeperTest {
  @TempDir Path dir;

  private static final byte[] MSG = "block".getBytes(StandardCharsets.US_ASCII);

  private Path keyFile() throws Exception {
    Path f = dir.resolve("op.json");
    ValidatorKeys.fromMasterSeed(new byte[32]).write(f);
    return f;
  }

  @Test
  void aRestartedNodeCannotSignForAPeriodItEvolvedPast() throws Exception {
    Path file = keyFile();
    KesKeeper first = new KesKeeper(file, ValidatorKeys.read(file), left -> {});
    OpCert cert = first.hot().cert();
    // Period 2 signs; then the node moves to period 5 (signing or just ticking).
    first.hot().sign(cert, 2, MSG);
    first.tick(5);

    // What is on disk now is the key at evolution 5: the earlier evolutions are gone from the file.
    ValidatorKeys onDisk = ValidatorKeys.read(file);
    assertThat(onDisk.kes().period()).isEqualTo(5);
    KesSecretKey raw = onDisk.kes();
    assertThatThrownBy(() -> raw.sign(2, MSG)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> raw.evolveTo(2)).isInstanceOf(CryptoException.class);

    // A restarted node (new keeper from the file) cannot sign period 2 either, but signs 5 and 6,
    // and those signatures verify under the certificate's hot key at the right evolution.
    KesKeeper restarted = new KesKeeper(file, ValidatorKeys.read(file), left -> {});
    assertThat(restarted.hot().certFor(2)).isEmpty();
    assertThatThrownBy(() -> restarted.hot().sign(cert, 2, MSG))
        .isInstanceOf(IllegalStateException.class);
    var sig = restarted.hot().sign(cert, 6, MSG);
    assertThat(
            Kes.sum6()
                .verify(
                    new KesVerificationKey(cert.hotKey().toArray()),
                    6,
                    MSG,
                    new dev.aether.crypto.KesSignature(sig.toArray())))
        .isTrue();
    assertThat(ValidatorKeys.read(file).kes().period()).isEqualTo(6);
    assertThat(Files.exists(dir.resolve("op.json.new"))).isFalse();
  }

  @Test
  void picksUpARotationAndNeverWritesTheOldCertificateBack() throws Exception {
    Path file = keyFile();
    AtomicInteger left = new AtomicInteger(-1);
    KesKeeper keeper = new KesKeeper(file, ValidatorKeys.read(file), left::set);
    keeper.tick(60);
    assertThat(left.get()).isEqualTo(3);
    // The operator rotates (what aetherctl keys rotate-kes does) while the node runs.
    ValidatorKeys rotated = ValidatorKeys.read(file).rotated(61, new SecureRandom());
    rotated.replace(file);
    // Before the node notices, it evolves its old key: the file keeps the newer certificate.
    keeper.hot().sign(keeper.hot().cert(), 61, MSG);
    assertThat(ValidatorKeys.read(file).opCert().counter()).isEqualTo(1);
    // At its next tick it switches to the new certificate and signs far beyond period 63.
    keeper.tick(62);
    assertThat(keeper.hot().cert().counter()).isEqualTo(1);
    assertThat(left.get()).isEqualTo(61 + 63 - 62);
    assertThat(keeper.hot().certFor(120)).isPresent();
    keeper.hot().sign(keeper.hot().cert(), 120, MSG);
    assertThat(ValidatorKeys.read(file).kes().period()).isEqualTo(120 - 61);
  }

  @Test
  void aCertificateTheColdKeyDidNotSignIsRefusedOnRead() throws Exception {
    Path file = keyFile();
    ValidatorKeys k = ValidatorKeys.read(file);
    KesSecretKey other = Kes.sum6().keygen(new byte[32]);
    OpCert forged =
        OpCerts.issue(
            dev.aether.crypto.Ed25519KeyPair.fromSeed(new byte[32]), other.verificationKey(), 5, 0);
    assertThatThrownBy(() -> k.withKes(other, forged))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not signed by the cold key");
  }
}
