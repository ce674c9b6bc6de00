package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.ledger.BankProgram;
import dev.aether.node.devnet.Devnet;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.node.keys.ValidatorKeys;
import dev.aether.programs.staking.StakingCalls;
import dev.aether.rpc.RpcClient;
import dev.aether.rpc.RpcClientException;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Hex;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 on the real 4-process devnet (the devnet genesis' 20 s epochs), in one run to keep it
 * short: validator 3 runs with the devnet-only double-sign switch, validator 2 is stopped, and a
 * fifth machine starts its node, catches up from genesis (across the devnet's first epochs of a
 * block or two each), then bonds. Within a few epochs: the fifth validator proposes final blocks,
 * validator 3 is slashed 5 % on the evidence the others submitted and leaves the set for good,
 * validator 2 is jailed for downtime and leaves the set — and the chain keeps finalizing
 * throughout.
 */
class DevnetStakingTest {
  static final Duration PATIENCE = Duration.ofSeconds(240);
  static final BigInteger STAKE = BigInteger.valueOf(DevnetGenesis.VALIDATOR_STAKE);

  @TempDir static Path dir;
  static Devnet devnet;

  @BeforeAll
  static void startDevnet() throws IOException {
    Path root = Path.of(System.getProperty("aether.root", ".."));
    int portOffset = 3_000 + (int) (ProcessHandle.current().pid() % 500) * 8;
    devnet =
        new Devnet(root, dir.resolve("devnet"), root.resolve("config/genesis.toml"), 4)
            .withPortOffset(portOffset)
            .withLauncher(List.of("-cp", System.getProperty("java.class.path")))
            .withExtraConfig(3, "\n[testing]\ndouble_sign = true # devnet test switch\n");
    devnet.prepare(true);
    devnet.start();
  }

  @AfterAll
  static void stopDevnet() throws IOException {
    if (devnet != null) {
      devnet.stop(Duration.ofSeconds(10));
    }
  }

  static long finalized(int v) {
    try (RpcClient c = new RpcClient(devnet.rpc(v), Duration.ofSeconds(3))) {
      return Devnet.quantity(c.call("aeth_getBlockByNumber", "finalized", false).path("height"));
    } catch (RpcClientException e) {
      return -1;
    }
  }

  /** The staking program's view of the validator with operator {@code op}, as node 0 serves it. */
  static Optional<JsonNode> validator(Address op) {
    try (RpcClient c = new RpcClient(devnet.rpc(0), Duration.ofSeconds(3))) {
      for (JsonNode v : c.call("aeth_getValidators")) {
        if (v.path("address").asText().equalsIgnoreCase(op.toString())) {
          return Optional.of(v);
        }
      }
      return Optional.empty();
    } catch (RpcClientException e) {
      return Optional.empty();
    }
  }

  static String status(Address op) {
    return validator(op).map(v -> v.path("status").asText()).orElse("?");
  }

  static boolean inCurrentSet(Address op) {
    return validator(op).map(v -> !v.path("index").isNull()).orElse(false);
  }

  /** A counter from node {@code v}'s Prometheus endpoint (0 when absent or unreachable). */
  static double metric(int v, String name) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(devnet.metrics(v)).timeout(Duration.ofSeconds(3)).build(),
                  HttpResponse.BodyHandlers.ofString());
      for (String line : r.body().split("\n")) {
        if (line.startsWith(name + " ")) {
          return Double.parseDouble(line.substring(name.length() + 1).strip());
        }
      }
      return 0;
    } catch (IOException | InterruptedException | RuntimeException e) {
      return 0;
    }
  }

  static void submit(RpcClient c, Tx tx) {
    c.call("aeth_sendRawTransaction", Hex.encode(Tx.CODEC.encode(tx)));
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> !c.call("aeth_getTransactionReceipt", tx.id().toHex()).isNull());
    JsonNode r = c.call("aeth_getTransactionReceipt", tx.id().toHex());
    assertThat(r.path("status").asText()).as("receipt %s", r).isEqualTo("success");
  }

  static long nonce(RpcClient c, Address a) {
    return Devnet.quantity(c.call("aeth_getAccount", a.toString()).path("nonce"));
  }

  @Test
  void aValidatorJoinsAnEquivocatorIsSlashedAndAnAbsentOneIsJailedWhileTheChainFinalizes()
      throws Exception {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> finalized(0) >= 2);
    Address v2 = ValidatorKeys.devnet(2).operator();
    Address v3 = ValidatorKeys.devnet(3).operator();

    // Validator 2 goes away: it will miss every QC of the epochs that follow.
    devnet.kill(2);

    // A fifth machine: keys, its node started and synced from genesis, funds from the faucet,
    // register with a self-bond. (Bonding before the node has caught up risks what the program
    // does to any validator that misses its epoch's rounds: jail.)
    ValidatorKeys fifth = ValidatorKeys.generate(new SecureRandom());
    Path keyFile = dir.resolve("v4-keys.json");
    fifth.write(keyFile);
    Address op = fifth.operator();
    devnet.join(4, keyFile);
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> finalized(4) > 0 && finalized(4) + 2 >= finalized(0));
    try (RpcClient c = new RpcClient(devnet.rpc(0), Duration.ofSeconds(5))) {
      String chain = c.call("aeth_chainId").asText();
      Address faucet = DevnetGenesis.faucetAddress();
      submit(
          c,
          BankProgram.signed(
              DevnetGenesis.faucetKey(),
              BankProgram.transferBody(
                  chain,
                  faucet,
                  nonce(c, faucet),
                  op,
                  Value.of(AssetId.SWR, STAKE.longValueExact() + 10_000_000),
                  1_000_000,
                  1_000_000_000)));
      StakingCalls.Register reg =
          new StakingCalls.Register(
              "validator-4",
              Bytes.of(fifth.node().publicKey().bytes()),
              Bytes.of(fifth.bls().publicKey().bytes()),
              Bytes.of(fifth.bls().provePossession().bytes()),
              Bytes.of(fifth.vrf().publicKey().bytes()),
              fifth.coldPublicKey(),
              500,
              2_000,
              100,
              STAKE);
      long slot = Devnet.quantity(c.call("aeth_getBlockByNumber", "latest", false).path("slot"));
      submit(
          c,
          BankProgram.signed(
              fifth.cold().orElseThrow(),
              StakingCalls.body(
                  chain,
                  op,
                  nonce(c, op),
                  List.of(StakingCalls.register(reg)),
                  Devnet.quantity(c.call("aeth_getStake", op.toString()).path("epoch")),
                  5_000_000,
                  slot + 7_200)));
    }

    // The fifth validator enters the set at an epoch boundary and proposes final blocks.
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> metric(4, "aether_blocks_proposed_final_total") >= 1);
    assertThat(status(op)).isEqualTo("active");
    assertThat(inCurrentSet(op)).isTrue();

    // The double signer was slashed 5 % (evidence submitted by the others' nodes), is tombstoned
    // and is no longer in the set; the absent one was jailed for downtime and left the set too.
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> status(v3).equals("tombstoned") && !inCurrentSet(v3));
    BigInteger slashedStake = new BigInteger(validator(v3).orElseThrow().path("selfBond").asText());
    assertThat(slashedStake)
        .isEqualTo(STAKE.multiply(BigInteger.valueOf(95)).divide(BigInteger.valueOf(100)));
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> status(v2).equals("jailed") && !inCurrentSet(v2));

    // And the chain keeps finalizing with what is left (validators 0, 1 and the fifth).
    long h = finalized(0);
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> finalized(0) > h + 5);
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> finalized(4) > h + 5);
  }
}
