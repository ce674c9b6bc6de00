package dev.aether.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.cli.CliHarness;
import dev.aether.cli.KeyFiles;
import dev.aether.types.Address;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One key file, one account: an account key file, and a validator key file (its operator account,
 * the cold key's, which genesis funds), sign as the same address for transfers, jobs and contracts
 * as for staking, AMM and governance calls, and {@code keys show --address} names it (ADR 0029).
 */
class AccountKeyTest {
  @Test
  void transfersAndProgramCallsSignAsTheSameAccount(@TempDir Path dir) {
    Path file = dir.resolve("alice.json");
    assertThat(CliHarness.run("keys", "new", "--account", "--out", file.toString()).exitCode())
        .isZero();
    Address transfers = Address.ofPublicKey(KeyFiles.ed25519(file).publicKey().bytes());
    Address programs =
        Address.ofPublicKey(StakingCommands.Signer.load(file).key().publicKey().bytes());
    assertThat(programs).isEqualTo(transfers);
  }

  @Test
  void aValidatorKeyFileSignsEverythingAsItsOperatorAccount(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("v4.json");
    assertThat(CliHarness.run("keys", "new", "--out", file.toString()).exitCode()).isZero();
    Address operator = dev.aether.cli.keys.KeyFile.read(file).operator();
    Address transfers = Address.ofPublicKey(KeyFiles.ed25519(file).publicKey().bytes());
    Address programs =
        Address.ofPublicKey(StakingCommands.Signer.load(file).key().publicKey().bytes());
    assertThat(transfers).isEqualTo(operator);
    assertThat(programs).isEqualTo(operator);
    CliHarness.Result shown = CliHarness.run("keys", "show", file.toString(), "--address");
    assertThat(shown.out().strip()).isEqualTo(operator.toString());

    // The node's copy without the cold seed cannot sign for the operator: one clear error.
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("cold")).remove("seed");
    Path hot = dir.resolve("v4-node.json");
    java.nio.file.Files.writeString(hot, tree.toString());
    assertThatThrownBy(() -> KeyFiles.ed25519(hot))
        .isInstanceOf(dev.aether.cli.CliException.class)
        .hasMessageContaining("without its cold key");
  }
}
