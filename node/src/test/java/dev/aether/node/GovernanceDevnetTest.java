package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.ledger.BankProgram;
import dev.aether.node.devnet.Devnet;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.node.keys.ValidatorKeys;
import dev.aether.programs.amm.AmmCalls;
import dev.aether.programs.governance.GovCalls;
import dev.aether.programs.governance.ProposalKind;
import dev.aether.programs.governance.VoteOption;
import dev.aether.rpc.RpcClient;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Call;
import dev.aether.types.Hex;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.Value;
import dev.aether.types.codec.Reader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AMM and governance on the real 4-validator devnet (4 processes, QUIC, consensus, RocksDB),
 * validator 3 running as an "old binary" that implements protocol version 1 only: a swap through
 * JSON-RPC pays what {@code aeth_quoteSwap} promised; a proposal to raise the base fee and one to
 * upgrade to protocol version 2 are voted by three validators' cold keys, a treasury spend vetoed
 * by them; after the tally the next transfer pays exactly the higher fee and the vetoed deposit is
 * burned; at the upgrade height the old binary halts (exit 3) with one line naming the version to
 * run, while the other three switch to version 2 and keep finalizing.
 */
class GovernanceDevnetTest {
  static final Duration PATIENCE = Duration.ofSeconds(150);
  static final String CHAIN = "aether-dev-1";

  @TempDir static Path dir;
  static Devnet devnet;
  static List<Process> processes;

  @BeforeAll
  static void startDevnet() throws IOException {
    Path root = Path.of(System.getProperty("aether.root", ".."));
    int portOffset = 5_000 + (int) ((ProcessHandle.current().pid() + 250) % 500) * 8;
    devnet =
        new Devnet(root, dir.resolve("devnet"), root.resolve("config/genesis.toml"), 4)
            .withPortOffset(portOffset)
            .withLauncher(List.of("-cp", System.getProperty("java.class.path")))
            .withOldBinary(3, 1);
    devnet.prepare(true);
    processes = devnet.start();
  }

  @AfterAll
  static void stopDevnet() throws IOException {
    if (devnet != null) {
      devnet.stop(Duration.ofSeconds(10));
    }
  }

  private final Ed25519KeyPair faucet = DevnetGenesis.faucetKey();

  @Test
  void aSwapAFeeChangeAndAnUpgradeThatHaltsTheOldBinary() throws Exception {
    try (RpcClient c = new RpcClient(devnet.rpc(0), Duration.ofSeconds(10))) {
      await().atMost(PATIENCE).ignoreExceptions().until(() -> finalized(c) >= 2);

      // A swap pays exactly the quote (nothing else trades on the pool meanwhile).
      JsonNode quote =
          c.call("aeth_quoteSwap", Map.of("path", List.of("AIC", "USDT"), "amountIn", "1000000"));
      String promised = quote.path("amountOut").asText();
      JsonNode swap =
          finalReceipt(
              c,
              sign(
                  faucet,
                  AmmCalls.body(
                      CHAIN,
                      addr(faucet),
                      nonce(c, addr(faucet)),
                      List.of(
                          AmmCalls.swapExactIn(
                              List.of(AssetId.AIC, AssetId.USDT),
                              BigInteger.valueOf(1_000_000),
                              new BigInteger(promised),
                              latestSlot(c) + 600)),
                      1_000_000,
                      latestSlot(c) + 1_000)));
      ok(swap);
      assertThat(swapOut(swap)).isEqualTo(new BigInteger(promised));

      // Two proposals: double the base fee, and upgrade to protocol 2 a little after the tally.
      JsonNode params = c.call("aeth_getParams");
      long a = Long.parseLong(params.path("params").path("fees.a").asText());
      long votingSlots =
          Long.parseLong(params.path("params").path("governance.voting_period_slots").asText());
      Amount deposit =
          new Amount(new BigInteger(params.path("params").path("governance.min_deposit").asText()));
      long feeBefore = transferFee(c);
      long feeId =
          propose(
              c,
              new ProposalKind.ParamChange(
                  List.of(new ProposalKind.Change("fees.a", Long.toString(2 * a)))),
              deposit);
      long upgradeHeight = latestHeight(c) + votingSlots + 30;
      long upId =
          propose(c, new ProposalKind.SoftwareUpgrade(2, upgradeHeight, "aether-v2"), deposit);
      // And a treasury spend the validators veto: its deposit is burned.
      long vetoId =
          propose(
              c,
              new ProposalKind.TreasurySpend(
                  List.of(new ProposalKind.Payment(addr(faucet), AssetId.SWR, Amount.of(1_000)))),
              deposit);
      BigInteger burnedBefore =
          new BigInteger(c.call("aeth_getParams").path("burnedDeposits").asText());
      // Three validators vote on each proposal, in the order their voting periods end; the three
      // votes of a round come from different payers, so they are in flight together.
      vote(c, feeId, VoteOption.YES);
      vote(c, upId, VoteOption.YES);
      vote(c, vetoId, VoteOption.VETO);

      // The tally: both pass; the fee applies from the next block on.
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> "passed".equals(status(c, feeId)) && "passed".equals(status(c, upId)));
      assertThat(c.call("aeth_getParams").path("params").path("fees.a").asText())
          .isEqualTo(Long.toString(2 * a));
      assertThat(transferFee(c)).isEqualTo(feeBefore + a);
      assertThat(c.call("aeth_getParams").path("upgrade").path("height").asLong())
          .isEqualTo(upgradeHeight);
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> "vetoed".equals(status(c, vetoId)));
      assertThat(new BigInteger(c.call("aeth_getParams").path("burnedDeposits").asText()))
          .isEqualTo(burnedBefore.add(deposit.value()));

      // The old binary halts at the upgrade height with one line; the others switch and go on.
      Process old = processes.get(3);
      assertThat(old.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(old.exitValue()).isEqualTo(NodeMain.HALTED);
      List<String> halts = new ArrayList<>();
      for (String line : Files.readAllLines(devnet.dir().resolve("v3").resolve("node.log"))) {
        if (line.startsWith("halted: ")) {
          halts.add(line);
        }
      }
      assertThat(halts)
          .containsExactly(
              "halted: from height "
                  + upgradeHeight
                  + " the chain runs protocol version 2 (upgrade 'aether-v2'); this binary"
                  + " supports protocol versions up to 1: run a release that supports protocol"
                  + " version 2");
      await().atMost(PATIENCE).ignoreExceptions().until(() -> finalized(c) >= upgradeHeight + 5);
      assertThat(c.call("aeth_getParams").path("protocolVersion").asInt()).isEqualTo(2);
      assertThat(processes.subList(0, 3)).allMatch(Process::isAlive);
    }
  }

  /** Validators 0..2 vote {@code option} on {@code id}, all three sent before awaiting any. */
  private static void vote(RpcClient c, long id, VoteOption option) {
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Tx tx = govTx(c, ValidatorKeys.devnet(i).cold().orElseThrow(), GovCalls.vote(id, option));
      sent.add(c.call("aeth_sendRawTransaction", Hex.encode(Tx.CODEC.encode(tx))).asText());
    }
    for (String tx : sent) {
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(300))
          .ignoreExceptions()
          .until(() -> !c.call("aeth_getTransactionReceipt", tx).isNull());
      ok(c.call("aeth_getTransactionReceipt", tx));
    }
  }

  private long propose(RpcClient c, ProposalKind kind, Amount deposit) {
    JsonNode r =
        finalReceipt(
            c, govTx(c, faucet, GovCalls.submit(kind, "devnet " + kind.name(), "", deposit)));
    ok(r);
    for (JsonNode e : r.path("events")) {
      if (new String(
              Hex.decode(e.path("topic").asText()), java.nio.charset.StandardCharsets.US_ASCII)
          .equals("governance.submit")) {
        return new Reader(Hex.decode(e.path("data").asText())).u64("id");
      }
    }
    throw new AssertionError("no governance.submit event in " + r);
  }

  private static BigInteger swapOut(JsonNode receipt) {
    for (JsonNode e : receipt.path("events")) {
      if (new String(
              Hex.decode(e.path("topic").asText()), java.nio.charset.StandardCharsets.US_ASCII)
          .equals("amm.swap")) {
        Reader r = new Reader(Hex.decode(e.path("data").asText()));
        r.list("path", 4, AssetId.CODEC);
        r.u8("mode");
        long n = r.u32("amounts");
        BigInteger last = BigInteger.ZERO;
        for (long i = 0; i < n; i++) {
          last = Amount.CODEC.read(r).value();
        }
        return last;
      }
    }
    throw new AssertionError("no amm.swap event in " + receipt);
  }

  private static Tx govTx(RpcClient c, Ed25519KeyPair key, Call call) {
    long nextId = c.call("aeth_getParams").path("nextProposalId").asLong();
    return sign(
        key,
        GovCalls.body(
            CHAIN,
            addr(key),
            nonce(c, addr(key)),
            call,
            nextId,
            50_000_000,
            latestSlot(c) + 1_000));
  }

  /** The fee a one-unit transfer from the faucet pays now. */
  private long transferFee(RpcClient c) {
    Address from = addr(faucet);
    JsonNode r =
        finalReceipt(
            c,
            BankProgram.signed(
                faucet,
                BankProgram.transferBody(
                    CHAIN,
                    from,
                    nonce(c, from),
                    ValidatorKeys.devnet(0).operator(),
                    Value.of(AssetId.SWR, 1),
                    50_000_000,
                    latestSlot(c) + 1_000)));
    ok(r);
    return Long.parseLong(r.path("feePaid").asText());
  }

  private static Tx sign(Ed25519KeyPair key, TxBody body) {
    return BankProgram.signed(key, body);
  }

  private static Address addr(Ed25519KeyPair k) {
    return Address.ofPublicKey(k.publicKey().bytes());
  }

  private static String status(RpcClient c, long id) {
    return c.call("aeth_getProposal", id).path("status").asText();
  }

  private static JsonNode finalReceipt(RpcClient c, Tx tx) {
    String id = c.call("aeth_sendRawTransaction", Hex.encode(Tx.CODEC.encode(tx))).asText();
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(() -> !c.call("aeth_getTransactionReceipt", id).isNull());
    return c.call("aeth_getTransactionReceipt", id);
  }

  private static void ok(JsonNode receipt) {
    assertThat(receipt.path("status").asText()).as("receipt %s", receipt).isEqualTo("success");
  }

  private static long nonce(RpcClient c, Address a) {
    return Devnet.quantity(c.call("aeth_getAccount", a.toString()).path("nonce"));
  }

  private static long finalized(RpcClient c) {
    return Devnet.quantity(c.call("aeth_getBlockByNumber", "finalized", false).path("height"));
  }

  private static long latestHeight(RpcClient c) {
    return Devnet.quantity(c.call("aeth_getBlockByNumber", "latest", false).path("height"));
  }

  private static long latestSlot(RpcClient c) {
    return Devnet.quantity(c.call("aeth_getBlockByNumber", "latest", false).path("slot"));
  }
}
