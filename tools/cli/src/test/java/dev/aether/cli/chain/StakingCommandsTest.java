package dev.aether.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.cli.CliHarness;
import dev.aether.consensus.Evidence;
import dev.aether.genesis.GenesisConfig;
import dev.aether.genesis.GenesisParser;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.node.keys.ValidatorKeys;
import dev.aether.programs.staking.ValidatorSets;
import dev.aether.rpc.RpcConfig;
import dev.aether.rpc.RpcServer;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Hex;
import dev.aether.types.Vote;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staking commands as a person uses them, against a real ledger with the staking program behind
 * real JSON-RPC: the brief's {@code aetherctl stake --amount 100000 --from keys/op.json} verbatim,
 * delegation, rewards, unstake, evidence and the validator list; exit 1 with the stable code on a
 * refused transaction, exit 2 on bad input.
 */
class StakingCommandsTest {
  static final Path ROOT = Path.of(System.getProperty("aether.root", "../.."));
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  LedgerBackend chain;
  RpcServer rpc;
  String url;
  GenesisConfig genesis;

  @BeforeEach
  void start() {
    genesis = GenesisParser.parse(ROOT.resolve("config/genesis.toml"));
    chain = new LedgerBackend(genesis);
    rpc = RpcServer.start(chain, new RpcConfig("127.0.0.1", 0, 1 << 20, 10, 0, 1_000_000));
    url = "http://127.0.0.1:" + rpc.address().getPort();
  }

  @AfterEach
  void stop() {
    rpc.close();
  }

  private CliHarness.Result ctl(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--rpc";
    all[args.length + 1] = url;
    return CliHarness.run(all);
  }

  private Path faucetFile() throws Exception {
    Path f = dir.resolve("faucet.json");
    Files.writeString(f, "{\"ed25519_seed\": \"" + DevnetGenesis.faucetSeedHex() + "\"}");
    return f;
  }

  /** A new validator key file, funded on its operator account. */
  private Path newValidator(String name) throws Exception {
    Path keys = dir.resolve("keys").resolve(name + ".json");
    assertThat(CliHarness.run("keys", "new", "--out", keys.toString()).exitCode()).isZero();
    String operator = JSON.readTree(keys.toFile()).path("operator").asText();
    var r =
        ctl("transfer", "--key", faucetFile().toString(), "--to", operator, "--amount", "10000000");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return keys;
  }

  @Test
  void theBriefsStakeCommandRegistersAndBondsAValidatorThatJoinsTwoEpochsLater() throws Exception {
    Path op = newValidator("op");
    String operator = JSON.readTree(op.toFile()).path("operator").asText();
    var r = ctl("stake", "--amount", "100000", "--from", op.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode vs = JSON.readTree(ctl("validators", "--json").out());
    JsonNode mine = null;
    for (JsonNode v : vs) {
      if (v.path("address").asText().equals(operator)) {
        mine = v;
      }
    }
    assertThat(mine).isNotNull();
    assertThat(mine.path("status").asText()).isEqualTo("pending");
    assertThat(mine.path("selfBond").asText()).isEqualTo("100000");
    assertThat(mine.path("stake").asText()).isEqualTo("100000");
    // bond more with the same command
    assertThat(ctl("stake", "--amount", "5000", "--from", op.toString()).exitCode()).isZero();
    long epochSlots = genesis.chain().epochSlots();
    chain.emptyBlockAt(2 * epochSlots);
    var set = ValidatorSets.read(chain.ledger().state(), 2).orElseThrow();
    assertThat(set.indexOf(dev.aether.types.Address.fromHex(operator))).isPresent();
    CliHarness.Result table = ctl("validators");
    assertThat(table.out()).contains(operator).contains("active").contains("105000");
  }

  @Test
  void delegateRewardsUnstakeAndWithdrawThroughTheCli() throws Exception {
    Path faucet = faucetFile();
    String v0 = ValidatorKeys.devnet(0).operator().toString();
    // as much as the validator's self-bond: half of its pool, so one epoch's rewards show
    assertThat(
            ctl(
                    "stake",
                    "--amount",
                    "1000000000000",
                    "--validator",
                    v0,
                    "--from",
                    faucet.toString())
                .exitCode())
        .isZero();
    assertThat(
            ctl("delegate", "--validator", v0, "--amount", "500", "--from", faucet.toString())
                .exitCode())
        .isZero();
    String faucetAddress = DevnetGenesis.faucetAddress().toString();
    JsonNode st = JSON.readTree(ctl("rewards", "show", faucetAddress, "--json").out());
    assertThat(st.path("delegations").get(0).path("amount").asText()).isEqualTo("1000000000500");
    // an epoch passes: fees and inflation are paid out
    chain.emptyBlockAt(genesis.chain().epochSlots());
    st = JSON.readTree(ctl("rewards", "show", faucetAddress, "--json").out());
    assertThat(new java.math.BigInteger(st.path("pendingRewards").asText())).isPositive();
    var claim = ctl("rewards", "claim", "--from", faucet.toString());
    assertThat(claim.exitCode()).as(claim.err()).isZero();
    assertThat(ctl("rewards", "claim", "--from", faucet.toString()).exitCode()).isEqualTo(1);
    assertThat(ctl("unstake", "--validator", v0, "--all", "--from", faucet.toString()).exitCode())
        .isZero();
    var early = ctl("withdraw", "--from", faucet.toString());
    assertThat(early.exitCode()).isEqualTo(1);
    assertThat(early.err().strip())
        .startsWith("error: nothing to withdraw yet")
        .doesNotContain("\n");
    long mature =
        JSON.readTree(ctl("rewards", "show", faucetAddress, "--json").out())
            .path("unbonding")
            .get(0)
            .path("withdrawableFromEpoch")
            .asLong();
    chain.emptyBlockAt(mature * genesis.chain().epochSlots());
    var w = ctl("withdraw", "--from", faucet.toString());
    assertThat(w.exitCode()).as(w.err()).isZero();
  }

  @Test
  void refusalsExitOneWithTheStableCodeAndBadInputExitsTwo() throws Exception {
    Path op = newValidator("low");
    var low = ctl("stake", "--amount", "99", "--from", op.toString());
    assertThat(low.exitCode()).isEqualTo(1);
    assertThat(low.err().strip())
        .startsWith("error: refused: staking.self_bond_too_low (1106)")
        .doesNotContain("\n");
    var notJailed = ctl("unjail", "--from", op.toString());
    assertThat(notJailed.exitCode()).isEqualTo(1);
    assertThat(notJailed.err()).contains("staking.unknown_validator");
    assertThat(ctl("stake", "--amount", "-5", "--from", op.toString()).exitCode()).isEqualTo(2);
    assertThat(ctl("stake", "--amount", "0", "--from", op.toString()).exitCode()).isEqualTo(2);
    assertThat(
            ctl("stake", "--amount", "100000", "--from", dir.resolve("none.json").toString())
                .exitCode())
        .isEqualTo(2);
    assertThat(ctl("stake", "--amount", "1", "--from", faucetFile().toString()).exitCode())
        .as("a plain key needs --validator")
        .isEqualTo(2);
    assertThat(
            ctl("delegate", "--validator", "0x12", "--amount", "1", "--from", op.toString())
                .exitCode())
        .isEqualTo(2);
    assertThat(ctl("unstake", "--from", op.toString()).exitCode()).isEqualTo(2);
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "0xdeadbeef");
    assertThat(
            ctl("evidence", "submit", bad.toString(), "--epoch", "0", "--from", op.toString())
                .exitCode())
        .isEqualTo(2);
  }

  @Test
  void evidenceSubmitSlashesAndTombstones() throws Exception {
    ValidatorKeys k = ValidatorKeys.devnet(2);
    var set = ValidatorSets.read(chain.ledger().state(), 0).orElseThrow();
    int index = set.indexOf(k.operator()).orElseThrow();
    H256 a = Hashing.tagged("test", new byte[] {1});
    H256 b = Hashing.tagged("test", new byte[] {2});
    Vote va = new Vote(0, 9, a, index, Bytes.of(k.bls().sign(Vote.signingBytes(0, 9, a)).bytes()));
    Vote vb = new Vote(0, 9, b, index, Bytes.of(k.bls().sign(Vote.signingBytes(0, 9, b)).bytes()));
    String hex = Hex.encode(Evidence.CODEC.encode(Evidence.DoubleVote.of(va, vb)));
    Path file = dir.resolve("evidence.json");
    Files.writeString(file, "{\"epoch\": 0, \"evidence\": \"" + hex + "\"}");
    var r = ctl("evidence", "submit", file.toString(), "--from", faucetFile().toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    var again = ctl("evidence", "submit", file.toString(), "--from", faucetFile().toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("staking.duplicate_evidence");
    JsonNode vs = JSON.readTree(ctl("validators", "--json").out());
    boolean tombstoned = false;
    for (JsonNode v : vs) {
      tombstoned |=
          v.path("address").asText().equals(k.operator().toString())
              && v.path("status").asText().equals("tombstoned");
    }
    assertThat(tombstoned).isTrue();
  }

  @Test
  void submitTxAcceptsTheGenesisStakesExample() throws Exception {
    var r = ctl("submit-tx", ROOT.resolve("tests/txs/genesis_stakes.json").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    String v0 = ValidatorKeys.devnet(0).operator().toString();
    JsonNode st =
        JSON.readTree(
            ctl("rewards", "show", DevnetGenesis.faucetAddress().toString(), "--json").out());
    assertThat(st.path("delegations")).hasSize(4);
    boolean found = false;
    for (JsonNode d : st.path("delegations")) {
      found |=
          d.path("validator").asText().equals(v0) && d.path("amount").asText().equals("100000");
    }
    assertThat(found).isTrue();
  }
}
