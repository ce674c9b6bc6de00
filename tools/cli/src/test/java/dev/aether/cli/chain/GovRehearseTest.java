package dev.aether.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.cli.CliHarness;
import dev.aether.genesis.GenesisConfig;
import dev.aether.genesis.GenesisParser;
import dev.aether.ledger.ChainParams;
import dev.aether.ledger.RocksStateStore;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.programs.governance.GovView;
import dev.aether.rpc.RpcConfig;
import dev.aether.rpc.RpcServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aetherctl gov rehearse} on a node directory whose RocksDB state holds an open proposal
 * (made through the CLI against a real ledger over that store): the fork executes the proposal at
 * once and keeps producing blocks under it; an upgrade this binary does not support halts the fork
 * and the command says so; the node's own state is left as it was.
 */
class GovRehearseTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  GenesisConfig genesis;
  Path nodeDir;
  Path faucet;

  @BeforeEach
  void node() throws Exception {
    Path genesisFile = AmmGovCommandsTest.ROOT.resolve("config/genesis.toml").toAbsolutePath();
    genesis = GenesisParser.parse(genesisFile);
    nodeDir = dir.resolve("v0");
    Files.createDirectories(nodeDir.resolve("data"));
    Files.writeString(
        nodeDir.resolve("node.toml"),
        "[node]\nname = \"v0\"\ngenesis_time_ms = 1700000000000\ndata_dir = \"data\"\ngenesis = \""
            + genesisFile.toString().replace("\\", "/")
            + "\"\n\n[p2p]\nlisten = \"127.0.0.1:0\"\n");
    faucet =
        Files.writeString(
            dir.resolve("faucet.json"),
            "{\"ed25519_seed\": \"" + DevnetGenesis.faucetSeedHex() + "\"}");
  }

  /** Submits a proposal through the CLI against a ledger over the node's store; returns its id. */
  private long propose(String... kind) throws Exception {
    try (RocksStateStore store = RocksStateStore.open(nodeDir.resolve("data/state"))) {
      LedgerBackend chain = new LedgerBackend(genesis, store);
      try (RpcServer rpc =
          RpcServer.start(chain, new RpcConfig("127.0.0.1", 0, 1 << 20, 10, 0, 1_000_000))) {
        String[] args =
            concat(
                new String[] {"gov", "propose", "--title", "rehearse me"},
                kind,
                new String[] {
                  "--deposit",
                  genesis.governance().minDeposit().toString(),
                  "--key",
                  faucet.toString(),
                  "--json",
                  "--rpc",
                  "http://127.0.0.1:" + rpc.address().getPort()
                });
        CliHarness.Result r = CliHarness.run(args);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return JSON.readTree(r.out()).path("proposal").asLong();
      }
    }
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }

  private String status(long id) {
    try (RocksStateStore store = RocksStateStore.open(nodeDir.resolve("data/state"))) {
      LedgerBackend chain = new LedgerBackend(genesis, store);
      return new GovView(chain.ledger().state()).proposal(id).orElseThrow().status().name();
    }
  }

  private CliHarness.Result rehearse(long id, String... more) {
    return CliHarness.run(
        concat(
            new String[] {
              "gov", "rehearse", "--proposal", Long.toString(id), "--node-dir", nodeDir.toString()
            },
            more));
  }

  @Test
  void aFeeChangeIsAppliedAtOnceAndTheForkKeepsFinalizingUnderIt() throws Exception {
    long a = genesis.fees().a();
    long id = propose("--param", "fees.a=" + (2 * a));
    CliHarness.Result r = rehearse(id, "--blocks", "4", "--txs", "5", "--json");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.path("keptFinalizing").asBoolean()).isTrue();
    assertThat(j.path("carriedLoad").asBoolean()).isTrue();
    assertThat(j.path("passed").asBoolean()).isTrue();
    assertThat(j.path("halts")).isEmpty();
    assertThat(j.path("outcome").asText()).startsWith("executed: parameters in force");
    assertThat(j.path("changed").path("fees.a").path("after").asText())
        .isEqualTo(Long.toString(2 * a));
    // The chain's validator set was replaced by the rehearsal keys, and the report says so.
    assertThat(j.path("validatorSet").path("replaced").asBoolean()).isTrue();
    assertThat(j.path("validatorSet").path("rehearsalValidators").asInt()).isEqualTo(4);
    assertThat(j.path("validatorSet").path("chainValidators").asInt())
        .isEqualTo(genesis.validators().size());
    assertThat(j.path("validatorSet").path("mirrorsChainSets").asBoolean()).isTrue();
    // Five heights past the node's head were final, in chain order, each by the 2-chain rule:
    // final only once a later round certified a child, so at least one round after its own.
    long head = j.path("forkedAtHeight").asLong();
    assertThat(j.path("heightsFinalized").asInt()).isEqualTo(5);
    assertThat(j.path("perBlock")).hasSize(5);
    java.util.Set<Integer> proposers = new java.util.TreeSet<>();
    for (int i = 0; i < 5; i++) {
      JsonNode b = j.path("perBlock").get(i);
      assertThat(b.path("height").asLong()).isEqualTo(head + 1 + i);
      assertThat(b.path("finalityRounds").asLong()).isGreaterThanOrEqualTo(1);
      assertThat(b.path("finalityMs").asLong()).isPositive();
      proposers.add(b.path("proposer").asInt());
    }
    // Leaders come from the VRF lottery over the rehearsal keys, not from one local proposer.
    assertThat(proposers).hasSizeGreaterThan(1);
    assertThat(j.path("txsIncluded").asInt()).isEqualTo(20);
    // Every loaded block charged the new base fee: a transfer costs more than fees.a = 2a.
    for (int i = 1; i < 5; i++) {
      assertThat(j.path("perBlock").get(i).path("included").asInt()).isEqualTo(5);
      assertThat(Long.parseLong(j.path("perBlock").get(i).path("feePerTx").asText()))
          .isGreaterThan(2 * a);
    }
    // The node's own state is untouched: the proposal is still being voted on there.
    assertThat(status(id)).isEqualTo("VOTING");
    CliHarness.Result human = rehearse(id, "--blocks", "3", "--txs", "2");
    assertThat(human.exitCode()).as(human.out() + human.err()).isZero();
    assertThat(human.out())
        .contains("fees.a: " + a + " -> " + (2 * a))
        .contains("replace the chain's " + genesis.validators().size() + " validators")
        .contains("kept finalizing: 4/4 heights final");
  }

  @Test
  void aFeeThatPricesOutEveryTransferKeepsFinalizingButCarriesNoLoad() throws Exception {
    // The highest base fee governance allows is above what the load's transfers offer to pay.
    // (Governance refuses a step budget below one transaction's limit, so that cannot starve
    // blocks; fees can.)
    long id = propose("--param", "fees.a=" + RehearsalLoad.MAX_FEE);
    CliHarness.Result r = rehearse(id, "--blocks", "3", "--txs", "4", "--json");
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    JsonNode j = JSON.readTree(r.out());
    // Consensus is fine (empty blocks are final), but every transfer is dropped.
    assertThat(j.path("keptFinalizing").asBoolean()).isTrue();
    assertThat(j.path("carriedLoad").asBoolean()).isFalse();
    assertThat(j.path("heightsFinalized").asInt()).isEqualTo(4);
    assertThat(j.path("txsSent").asInt()).isEqualTo(12);
    assertThat(j.path("txsIncluded").asInt()).isZero();
    assertThat(j.path("perBlock").get(1).path("dropped").asInt()).isEqualTo(4);
    CliHarness.Result human = rehearse(id, "--blocks", "2", "--txs", "2");
    assertThat(human.exitCode()).isEqualTo(1);
    assertThat(human.out()).contains("kept finalizing: 3/3").contains("load was NOT carried");
  }

  @Test
  void aLargerRehearsalSetFinalizesWithItsOwnQuorum() throws Exception {
    long id = propose("--param", "fees.c=3");
    CliHarness.Result r =
        rehearse(id, "--validators", "7", "--blocks", "2", "--txs", "2", "--json");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.path("validatorSet").path("rehearsalValidators").asInt()).isEqualTo(7);
    assertThat(j.path("validatorSet").path("mirrorsChainSets").asBoolean()).isFalse();
    assertThat(j.path("validatorSet").path("perEpoch").path("0").asInt()).isEqualTo(7);
    assertThat(j.path("heightsFinalized").asInt()).isEqualTo(3);
    assertThat(j.path("changed").path("fees.c").path("after").asText()).isEqualTo("3");
  }

  @Test
  void aStakingChangeReachesTheForksConsensusAtItsEpochBoundary() throws Exception {
    // The fork mirrors the sets the staking program records in its own final state: a smaller
    // validator cap, executed in epoch 0, shapes the set of epoch 2 (recorded at the end of
    // epoch 0), and the fork's consensus runs epoch 2 with two validators, finalizing on.
    try (RocksStateStore store = RocksStateStore.open(nodeDir.resolve("data/state"))) {
      new LedgerBackend(genesis, store).emptyBlockAt(30);
    }
    long id = propose("--param", "staking.max_validators=2");
    CliHarness.Result r = rehearse(id, "--blocks", "55", "--txs", "1", "--json");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.path("validatorSet").path("mirrorsChainSets").asBoolean()).isTrue();
    assertThat(j.path("validatorSet").path("perEpoch").path("0").asInt()).isEqualTo(4);
    assertThat(j.path("validatorSet").path("perEpoch").path("1").asInt()).isEqualTo(4);
    assertThat(j.path("validatorSet").path("perEpoch").path("2").asInt()).isEqualTo(2);
    assertThat(j.path("keptFinalizing").asBoolean()).isTrue();
    // Blocks of epoch 2 are proposed by its two members only.
    long epochSlots = genesis.chain().epochSlots();
    boolean sawEpoch2 = false;
    for (JsonNode b : j.path("perBlock")) {
      if (b.path("slot").asLong() >= 2 * epochSlots + 1) {
        sawEpoch2 = true;
        assertThat(b.path("proposer").asInt()).isLessThan(2);
      }
    }
    assertThat(sawEpoch2).isTrue();
  }

  @Test
  void finalityNeedsAQuorumOfValidatorsThatAgree() throws Exception {
    // Validators whose ledgers disagree from the fork's first block (their rehearsal account
    // gets one unit more) never vote for the others' blocks, nor the others for theirs. One of
    // four is tolerated (3/4 is a quorum); two of four stop finality: a fork run by one local
    // proposer could not tell the difference.
    long id = propose("--param", "fees.a=" + (genesis.fees().a() + 1));
    Path state = nodeDir.resolve("data/state");
    java.util.OptionalInt four = java.util.OptionalInt.of(4);
    ShadowFork.Report one = ShadowFork.run(state, genesis, id, four, 4, 2, i -> i == 3);
    assertThat(one.keptFinalizing()).isTrue();
    assertThat(one.finals()).hasSize(4).allSatisfy(f -> assertThat(f.proposer()).isNotEqualTo(3));
    // The odd one out cannot run the blocks the others finalize: it fail-stops, as a node would,
    // and the rehearsal fails although the fork kept finalizing.
    assertThat(one.halts()).singleElement().asString().startsWith("validator 3 stopped");
    assertThat(one.passed()).isFalse();
    ShadowFork.Report two = ShadowFork.run(state, genesis, id, four, 4, 2, i -> i >= 2);
    assertThat(two.keptFinalizing()).isFalse();
    assertThat(two.finals()).isEmpty();
    assertThat(two.halts()).isEmpty(); // nobody crashed: the votes just never make a quorum
    assertThat(two.roundsTimedOut()).isPositive();
    assertThat(RehearsalReport.human(two).getLast()).startsWith("did NOT keep finalizing: 0/4");
  }

  @Test
  void theSameForkRunsTheSameWay() throws Exception {
    long id = propose("--param", "fees.b=3");
    CliHarness.Result one = rehearse(id, "--blocks", "2", "--txs", "3", "--json");
    CliHarness.Result two = rehearse(id, "--blocks", "2", "--txs", "3", "--json");
    assertThat(one.exitCode()).as(one.out() + one.err()).isZero();
    // Simulated clock, seeded keys, no threads: two rehearsals agree to the millisecond.
    assertThat(JSON.readTree(two.out())).isEqualTo(JSON.readTree(one.out()));
  }

  @Test
  void anUpgradeThisBinaryDoesNotSupportHaltsTheForkAndItStopsFinalizing() throws Exception {
    int next = ChainParams.PROTOCOL_VERSION + 1;
    long id =
        propose(
            "--upgrade-version",
            Integer.toString(next),
            "--upgrade-height",
            "100000",
            "--release",
            "aether v" + next);
    CliHarness.Result r = rehearse(id, "--blocks", "3", "--json");
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.path("keptFinalizing").asBoolean()).isFalse();
    // The proposal's block executed, but no block can follow it: it is never final (the 2-chain
    // rule needs a certified child), and the validators halt, each with the node's line.
    assertThat(j.path("heightsFinalized").asInt()).isZero();
    assertThat(j.path("halts")).isNotEmpty();
    for (JsonNode h : j.path("halts")) {
      assertThat(h.asText())
          .contains("halted: from height " + (j.path("forkedAtHeight").asLong() + 2))
          .contains("run a release that supports protocol version " + next);
    }
    CliHarness.Result human = rehearse(id, "--blocks", "3");
    assertThat(human.exitCode()).isEqualTo(1);
    assertThat(human.out())
        .contains("did NOT keep finalizing: 0/4 heights final")
        .contains("run a release that supports protocol version " + next);
    assertThat(status(id)).isEqualTo("VOTING");
  }

  @Test
  void governanceRefusesTheParametersConsensusTimesItselfBy() throws Exception {
    // Slot and epoch length set the consensus clock, round timeouts and the vote window (all
    // derived from the slot): no proposal can change them; nor can one set a step budget below a
    // single transaction's limit. So no parameter proposal can starve consensus of time; the
    // upgrade above is what breaks a fork's consensus.
    propose("--param", "fees.a=1"); // the node directory now holds a state
    Map<String, String> refused =
        Map.of(
            "chain.slot_ms=50", "governance.param_not_governable",
            "chain.epoch_slots=3", "governance.param_not_governable",
            "limits.block_steps_max=1", "governance.invalid_param");
    for (Map.Entry<String, String> p : new java.util.TreeMap<>(refused).entrySet()) {
      // Each is refused when submitted (the transaction fails): no proposal is created.
      try (RocksStateStore store = RocksStateStore.open(nodeDir.resolve("data/state"))) {
        LedgerBackend chain = new LedgerBackend(genesis, store);
        try (RpcServer rpc =
            RpcServer.start(chain, new RpcConfig("127.0.0.1", 0, 1 << 20, 10, 0, 1_000_000))) {
          CliHarness.Result r =
              CliHarness.run(
                  "gov",
                  "propose",
                  "--title",
                  "starve consensus",
                  "--param",
                  p.getKey(),
                  "--deposit",
                  genesis.governance().minDeposit().toString(),
                  "--key",
                  faucet.toString(),
                  "--rpc",
                  "http://127.0.0.1:" + rpc.address().getPort());
          assertThat(r.exitCode()).as(r.out() + r.err()).isNotZero();
          assertThat(r.err())
              .as(p.getKey())
              .startsWith("error: ")
              .contains(p.getValue())
              .doesNotContain("Exception");
        }
      }
    }
    try (RocksStateStore store = RocksStateStore.open(nodeDir.resolve("data/state"))) {
      GovView view = new GovView(new LedgerBackend(genesis, store).ledger().state());
      assertThat(view.proposal(2)).isEmpty();
    }
  }

  @Test
  void aMissingProposalOrNodeDirectoryIsAClearError() throws Exception {
    propose("--param", "fees.a=1");
    CliHarness.Result missing =
        CliHarness.run("gov", "rehearse", "--proposal", "99", "--node-dir", nodeDir.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo("error: proposal 99 is not in the node's state");
    CliHarness.Result noDir =
        CliHarness.run(
            "gov", "rehearse", "--proposal", "1", "--node-dir", dir.resolve("nope").toString());
    assertThat(noDir.exitCode()).isEqualTo(2);
    assertThat(noDir.err()).startsWith("error: no node.toml in");
    assertThat(noDir.err()).doesNotContain("Exception");
    CliHarness.Result tooMany = rehearse(1, "--validators", "17");
    assertThat(tooMany.exitCode()).isEqualTo(2);
    assertThat(tooMany.err().strip()).isEqualTo("error: --validators must be 1..16");
  }

  @Test
  void aClosedProposalIsRefused() throws Exception {
    long id = propose("--param", "fees.a=1");
    // Nobody votes; a block past the voting period tallies it (quorum missed).
    try (RocksStateStore store = RocksStateStore.open(nodeDir.resolve("data/state"))) {
      new LedgerBackend(genesis, store).emptyBlockAt(10_000);
    }
    String closed = status(id);
    assertThat(closed).isNotIn("VOTING", "DEPOSIT");
    CliHarness.Result r = rehearse(id);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "error: proposal "
                + id
                + " is "
                + closed.toLowerCase(java.util.Locale.ROOT)
                + ": only an open proposal can be rehearsed");
  }

  @Test
  void aNodeDirectoryWithoutStateIsAClearError() throws Exception {
    CliHarness.Result r = rehearse(1);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("error: no node state at " + nodeDir.resolve("data/state").toAbsolutePath());
    assertThat(r.out()).isEmpty();
  }
}
