package dev.aether.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.cli.CliHarness;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.types.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void newWritesA0600FileAndShowPrintsOnlyPublicParts(@TempDir final Path dir) throws Exception {
    final Path file = dir.resolve("keys/op.json");
    final CliHarness.Result created = CliHarness.run("keys", "new", "--out", file.toString());
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    final JsonNode stored = JSON.readTree(file.toFile());
    final String seed = stored.at("/ed25519/seed").asText();
    final String blsSecret = stored.at("/bls/secretKey").asText();
    final String kesSecret = stored.at("/kes/secretKey").asText();
    assertThat(seed).matches("0x[0-9a-f]{64}");
    // The address is the one the types module derives from the stored node key.
    final Ed25519KeyPair node = Ed25519KeyPair.fromSeed(HexFormat.of().parseHex(seed.substring(2)));
    final String address = Address.ofPublicKey(node.publicKey().bytes()).toString();
    assertThat(stored.get("address").asText()).isEqualTo(address);
    assertThat(created.out()).contains(address);

    final CliHarness.Result shown = CliHarness.run("keys", "show", file.toString());
    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(shown.out())
        .contains(address)
        .contains(node.publicKey().toString())
        .contains(stored.at("/bls/publicKey").asText())
        .contains("period 0")
        .doesNotContain(seed.substring(2))
        .doesNotContain(blsSecret.substring(2))
        .doesNotContain(kesSecret.substring(2, 66))
        .doesNotContain(stored.at("/vrf/seed").asText().substring(2));

    final CliHarness.Result asJson = CliHarness.run("keys", "show", "--json", file.toString());
    final JsonNode pub = JSON.readTree(asJson.out());
    assertThat(pub.get("address").asText()).isEqualTo(address);
    assertThat(pub.at("/ed25519/seed").isMissingNode()).isTrue();
    assertThat(pub.at("/kes/verificationKey").asText())
        .isEqualTo(stored.at("/kes/verificationKey").asText());
  }

  @Test
  void anAccountKeyIsOneKeyWhoseAddressEveryCommandAgreesOn(@TempDir final Path dir)
      throws Exception {
    final Path file = dir.resolve("alice.json");
    final CliHarness.Result created =
        CliHarness.run("keys", "new", "--account", "--out", file.toString());
    assertThat(created.exitCode()).isZero();
    assertThat(java.nio.file.Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    final CliHarness.Result address = CliHarness.run("keys", "show", "--address", file.toString());
    assertThat(address.exitCode()).isZero();
    final var transferKey = dev.aether.cli.KeyFiles.ed25519(file);
    final String expected =
        dev.aether.types.Address.ofPublicKey(transferKey.publicKey().bytes()).toString();
    assertThat(address.out().trim()).isEqualTo(expected);
    assertThat(created.out()).contains(expected);
  }

  @Test
  void newRefusesToOverwrite(@TempDir final Path dir) throws Exception {
    final Path file = dir.resolve("op.json");
    Files.writeString(file, "precious");
    final CliHarness.Result r = CliHarness.run("keys", "new", "--out", file.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("error: refusing to overwrite").doesNotContain("\n");
    assertThat(Files.readString(file)).isEqualTo("precious");
  }

  @Test
  void showRejectsAFileWhosePublicKeyDoesNotMatchItsSecret(@TempDir final Path dir)
      throws Exception {
    final Path file = dir.resolve("op.json");
    assertThat(CliHarness.run("keys", "new", "--out", file.toString()).exitCode()).isZero();
    final ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
    ((ObjectNode) root.get("bls"))
        .put("publicKey", root.at("/bls/publicKey").asText().replace('a', 'b').replace('1', '2'));
    final Path tampered = dir.resolve("tampered.json");
    Files.writeString(tampered, JSON.writeValueAsString(root));
    final CliHarness.Result r = CliHarness.run("keys", "show", tampered.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("error: invalid key file: bls.publicKey does not match its secret key");
  }

  @Test
  void showOfMissingOrGarbageFileIsOneLine(@TempDir final Path dir) throws Exception {
    final CliHarness.Result missing =
        CliHarness.run("keys", "show", dir.resolve("nope.json").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().strip()).startsWith("error: no such file").doesNotContain("\n");
    final Path garbage = dir.resolve("g.json");
    Files.writeString(garbage, "{not json");
    final CliHarness.Result bad = CliHarness.run("keys", "show", garbage.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err().strip()).startsWith("error: invalid key file").doesNotContain("Exception");
  }
}
