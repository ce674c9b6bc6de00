package dev.aether.indexer;

import static dev.aether.indexer.HookBalancesIndexTest.assertIndexedEqualsState;
import static dev.aether.indexer.HookBalancesIndexTest.funded;
import static dev.aether.indexer.HookBalancesIndexTest.index;
import static dev.aether.indexer.HookBalancesIndexTest.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.genesis.GenesisConfig;
import dev.aether.indexer.db.Database;
import dev.aether.indexer.ingest.BlockWriter;
import dev.aether.ledger.BankProgram;
import dev.aether.programs.jobs.JobsCalls;
import dev.aether.programs.jobs.JobsView;
import dev.aether.rpc.FinalBlock;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import dev.aether.types.ValueEvent;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Value that moves inside transactions without a program-specific event — the job escrow taking a
 * poster's escrow and refunding it, a contract paying out what it holds — reaches the indexed
 * balances through the transactions' value events (docs/adr/0062): after every block, every account
 * in the node's state has its indexed balance, and the same blocks with those events stripped leave
 * the indexer wrong.
 */
class TxValueEventsIndexTest {
  static final BigInteger PRICE = BigInteger.valueOf(5_000_000);

  @TempDir static Path dir;
  static Pg pg;

  @BeforeAll
  static void start() {
    pg = new Pg(dir);
  }

  @AfterAll
  static void stop() {
    if (pg != null) {
      pg.close();
    }
  }

  static Tx jobs(ProgramChain c, Ed25519KeyPair key, Call call) {
    Address payer = ProgramChain.address(key);
    JobsView view = new JobsView(c.ledger.state());
    return c.tx(
        key,
        nonce ->
            JobsCalls.body(
                ProgramChain.CHAIN,
                payer,
                nonce,
                List.of(call),
                id ->
                    view.job(id)
                        .map(JobsCalls.Parties::of)
                        .or(() -> view.quorum(id).map(JobsCalls.Parties::of)),
                ProgramChain.FEE_CAP,
                Long.MAX_VALUE));
  }

  static Call post(ProgramChain c, long deadlineIn) {
    return JobsCalls.post(
        new JobsCalls.PostJob(
            Hashing.sha256("indexer test model".getBytes(StandardCharsets.US_ASCII)),
            Hashing.sha256("indexer test runtime".getBytes(StandardCharsets.US_ASCII)),
            1,
            PRICE,
            30_000,
            c.slot + deadlineIn,
            Optional.empty(),
            Optional.of(7L)));
  }

  static H256 nextJob(ProgramChain c, Ed25519KeyPair key) {
    Address a = ProgramChain.address(key);
    return dev.aether.programs.jobs.JobsKeys.jobId(a, c.ledger.account(a).nonce());
  }

  static byte[] escrowContract() throws IOException {
    return Files.readAllBytes(
        Path.of(System.getProperty("aether.root", ".."), "contracts", "build", "escrow.wasm"));
  }

  /** The example escrow's {@code open} arguments: deal, seller, arbiter, asset, amount. */
  static byte[] open(long deal, Address seller, Address arbiter, long amount) {
    return ByteBuffer.allocate(8 + 32 + 32 + 32 + 16)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(deal)
        .put(seller.hash().toArray())
        .put(arbiter.hash().toArray())
        .put(AssetId.AIC.id().toArray())
        .putLong(amount)
        .putLong(0)
        .array();
  }

  static byte[] deal(long deal) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(deal).array();
  }

  @Test
  void jobEscrowAndContractPaymentsReachTheIndexedBalancesAfterEveryBlock() throws Exception {
    Ed25519KeyPair poster = ProgramChain.user("tx-value-poster");
    Ed25519KeyPair keeper = ProgramChain.user("tx-value-keeper");
    Ed25519KeyPair buyer = ProgramChain.user("tx-value-buyer");
    Ed25519KeyPair arbiter = ProgramChain.user("tx-value-arbiter");
    Address seller = ProgramChain.address(ProgramChain.user("tx-value-seller"));
    ProgramChain c =
        new ProgramChain(
            funded(List.of(poster, keeper, buyer, arbiter)),
            List.of(),
            GenesisConfig.Governance.DEFAULT);
    byte[] code = escrowContract();
    H256 escrow = WasmContracts.contractId(code);
    Address escrowAccount = CallContext.programAddress(escrow);
    Address posterAddress = ProgramChain.address(poster);

    try (Database db = pg.fresh()) {
      BlockWriter w =
          new BlockWriter(db.dataSource(), Optional.of(BlockWriter.Genesis.of(c.config)));
      List<Runnable> steps = new ArrayList<>();
      // A job posted and cancelled by its poster: escrow in, refund out.
      H256[] cancelled = new H256[1];
      steps.add(
          () -> {
            cancelled[0] = nextJob(c, poster);
            ok(c.one(jobs(c, poster, post(c, 20))));
          });
      steps.add(() -> ok(c.one(jobs(c, poster, JobsCalls.cancel(cancelled[0])))));
      // A job nobody takes, expired by someone else after its deadline: the poster is refunded.
      H256[] expired = new H256[1];
      steps.add(
          () -> {
            expired[0] = nextJob(c, poster);
            ok(c.one(jobs(c, poster, post(c, 2))));
          });
      steps.add(
          () -> {
            c.toSlot(c.slot + 3);
            ok(c.one(jobs(c, keeper, JobsCalls.expire(expired[0]))));
          });
      // A contract holding AIC pays the seller on release and the buyer on refund.
      steps.add(
          () ->
              ok(
                  c.one(
                      c.autoAccess(
                          buyer, new Call(WasmContracts.DEPLOYER, "deploy", Bytes.of(code))))));
      for (long d : new long[] {7, 8}) {
        steps.add(
            () ->
                ok(
                    c.one(
                        c.autoAccess(
                            buyer,
                            BankProgram.transfer(escrowAccount, Value.of(AssetId.AIC, 500 + d)),
                            new Call(
                                escrow,
                                "open",
                                Bytes.of(
                                    open(d, seller, ProgramChain.address(arbiter), 500 + d)))))));
      }
      steps.add(
          () -> ok(c.one(c.autoAccess(buyer, new Call(escrow, "release", Bytes.of(deal(7)))))));
      steps.add(
          () -> ok(c.one(c.autoAccess(arbiter, new Call(escrow, "refund", Bytes.of(deal(8)))))));

      for (int i = 0; i < steps.size(); i++) {
        steps.get(i).run();
        index(c, w);
        assertIndexedEqualsState(c, db, "after step " + i);
      }
      assertThat(c.balance(seller, AssetId.AIC)).isEqualTo(BigInteger.valueOf(507));
      assertThat(c.balance(escrowAccount, AssetId.AIC)).isZero();
      assertThat(c.balance(posterAddress, AssetId.AIC)).isEqualTo(HookBalancesIndexTest.FUNDS);
      assertThat(causes(db))
          .contains("jobs.escrow", "jobs.refund", "contract.transfer", "ledger.rent", "transfer");
      assertThat(roles(db, seller)).contains("credited");

      // Not vacuous: the same blocks with their transactions' value events stripped (what the
      // indexer saw before them) leave the poster, the seller and the contract wrong.
      try (Database blind = pg.fresh()) {
        BlockWriter bw =
            new BlockWriter(blind.dataSource(), Optional.of(BlockWriter.Genesis.of(c.config)));
        for (FinalBlock fb : c.finalBlocks(0, Integer.MAX_VALUE)) {
          bw.write(new FinalBlock(fb.block(), stripped(fb.receipts()), fb.blockReceipt()));
        }
        assertThatThrownBy(() -> assertIndexedEqualsState(c, blind, "without value events"))
            .isInstanceOf(AssertionError.class);
      }
    }
  }

  private static List<Receipt> stripped(List<Receipt> receipts) {
    List<Receipt> out = new ArrayList<>();
    for (Receipt r : receipts) {
      List<Event> kept =
          r.events().stream().filter(e -> !ValueEvent.isValueTopic(e.topic())).toList();
      out.add(
          new Receipt(
              r.txId(), r.status(), r.feePaid(), r.steps(), r.memBytes(), kept, r.errorCode()));
    }
    return out;
  }

  private static Set<String> causes(Database db) throws SQLException {
    return strings(db, "SELECT DISTINCT cause FROM balance_changes", null);
  }

  private static Set<String> roles(Database db, Address a) throws SQLException {
    return strings(db, "SELECT DISTINCT role FROM account_txs WHERE address = ?", a);
  }

  private static Set<String> strings(Database db, String sql, Address a) throws SQLException {
    Set<String> out = new TreeSet<>();
    try (Connection conn = db.connection();
        PreparedStatement s = conn.prepareStatement(sql)) {
      if (a != null) {
        s.setBytes(1, a.hash().toArray());
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    }
    return out;
  }
}
