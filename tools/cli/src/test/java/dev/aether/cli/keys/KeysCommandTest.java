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
    final String coldSeed = stored.at("/cold/seed").asText();
    final String blsSecret = stored.at("/bls/secretKey").asText();
    final String kesSecret = stored.at("/kes/secretKey").asText();
    assertThat(seed).matches("0x[0-9a-f]{64}");
    // The operator is the account the types module derives from the stored cold key.
    final Ed25519KeyPair node = Ed25519KeyPair.fromSeed(HexFormat.of().parseHex(seed.substring(2)));
    final Ed25519KeyPair cold =
        Ed25519KeyPair.fromSeed(HexFormat.of().parseHex(coldSeed.substring(2)));
    final String address = Address.ofPublicKey(cold.publicKey().bytes()).toString();
    assertThat(stored.get("operator").asText()).isEqualTo(address);
    assertThat(created.out()).contains(address);

    final CliHarness.Result shown = CliHarness.run("keys", "show", file.toString());
    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(shown.out())
        .contains(address)
        .contains(node.publicKey().toString())
        .contains(stored.at("/bls/publicKey").asText())
        .contains("evolution 0")
        .contains("counter 0, KES periods 0..63")
        .doesNotContain(seed.substring(2))
        .doesNotContain(coldSeed.substring(2))
        .doesNotContain(blsSecret.substring(2))
        .doesNotContain(kesSecret.substring(2, 66))
        .doesNotContain(stored.at("/vrf/seed").asText().substring(2));

    final CliHarness.Result asJson = CliHarness.run("keys", "show", "--json", file.toString());
    final JsonNode pub = JSON.readTree(asJson.out());
    assertThat(pub.get("operator").asText()).isEqualTo(address);
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

  @Test
  void rotateKesIssuesTheNextCertificateWithTheColdKey(@TempDir final Path dir) throws Exception {
    final Path file = dir.resolve("op.json");
    assertThat(CliHarness.run("keys", "new", "--out", file.toString()).exitCode()).isZero();
    final JsonNode before = JSON.readTree(file.toFile());
    final CliHarness.Result r =
        CliHarness.run("keys", "rotate-kes", "--key", file.toString(), "--kes-period", "70");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("certificate 1").contains("covers KES periods 70..133");
    final JsonNode after = JSON.readTree(file.toFile());
    assertThat(after.at("/kes/opcert/counter").asLong()).isEqualTo(1);
    assertThat(after.at("/kes/opcert/startPeriod").asInt()).isEqualTo(70);
    assertThat(after.at("/kes/period").asInt()).isZero();
    assertThat(after.at("/kes/verificationKey").asText())
        .isNotEqualTo(before.at("/kes/verificationKey").asText());
    assertThat(after.at("/kes/secretKey").asText())
        .isNotEqualTo(before.at("/kes/secretKey").asText());
    // Everything else is the same validator.
    for (String same :
        new String[] {"/operator", "/cold/publicKey", "/bls/publicKey", "/vrf/seed"}) {
      assertThat(after.at(same)).as(same).isEqualTo(before.at(same));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    // The file still reads (the node would accept it): the cold key signed the new certificate.
    assertThat(CliHarness.run("keys", "show", file.toString()).out())
        .contains("counter 1, KES periods 70..133");
    // Going back before the current certificate's start is refused, and changes nothing.
    final CliHarness.Result back =
        CliHarness.run("keys", "rotate-kes", "--key", file.toString(), "--kes-period", "3");
    assertThat(back.exitCode()).isEqualTo(2);
    assertThat(back.err().strip())
        .startsWith("error: --kes-period 3 is before")
        .doesNotContain("\n");
    assertThat(JSON.readTree(file.toFile())).isEqualTo(after);
  }

  @Test
  void rotateKesNeedsTheColdSeed(@TempDir final Path dir) throws Exception {
    final Path file = dir.resolve("op.json");
    assertThat(CliHarness.run("keys", "new", "--out", file.toString()).exitCode()).isZero();
    final ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
    ((ObjectNode) root.get("cold")).remove("seed");
    final Path hot = dir.resolve("hot-only.json");
    Files.writeString(hot, JSON.writeValueAsString(root));
    final CliHarness.Result r =
        CliHarness.run("keys", "rotate-kes", "--key", hot.toString(), "--kes-period", "5");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("error: the key file holds no cold.seed");
    final CliHarness.Result missing =
        CliHarness.run(
            "keys",
            "rotate-kes",
            "--key",
            dir.resolve("nope.json").toString(),
            "--kes-period",
            "5");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().strip()).startsWith("error: no such file").doesNotContain("\n");
  }
}
