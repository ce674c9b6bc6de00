package dev.aether.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.cli.CliHarness;
import dev.aether.cli.KeyFiles;
import dev.aether.types.Address;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An account key file signs as the same address for transfers and for program calls. */
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
}
