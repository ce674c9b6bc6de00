package dev.aether.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.compute.model.ModelHeader;
import dev.aether.compute.proof.StepEvidence;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.indexer.api.GraphQlApi;
import dev.aether.indexer.api.Queries;
import dev.aether.indexer.db.Database;
import dev.aether.indexer.ingest.BlockWriter;
import dev.aether.indexer.ingest.Extractor;
import dev.aether.indexer.ingest.Programs;
import dev.aether.programs.jobs.JobsCalls;
import dev.aether.rpc.FinalBlock;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.Vcr;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer against a real PostgreSQL: exactly once, in order, one chain, conserved value. */
class BlockWriterTest {
  @TempDir static Path dir;
  static Pg pg;

  @BeforeAll
  static void start() {
    pg = new Pg(dir);
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  static long count(Database db, String sql) {
    try (Connection c = db.connection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static BigDecimal sum(Database db, String sql) {
    try (Connection c = db.connection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      BigDecimal d = r.getBigDecimal(1);
      return d == null ? BigDecimal.ZERO : d;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void writesEachBlockOnceInOrderAndRefusesGapsAndOtherChains() {
    TestChain chain = new TestChain(1);
    for (int i = 0; i < 30; i++) {
      chain.append(1 + i % 7);
    }
    try (Database db = pg.fresh()) {
      BlockWriter w = new BlockWriter(db.dataSource(), Optional.empty());
      assertThatThrownBy(() -> w.write(chain.block(1)))
          .isInstanceOf(IndexerException.Gap.class)
          .hasMessageContaining("expected block 0");
      for (FinalBlock fb : chain.blocks()) {
        assertThat(w.write(fb)).isEqualTo(BlockWriter.Outcome.WRITTEN);
      }
      long txs = chain.blocks().stream().mapToLong(b -> b.block().txs().size()).sum();
      assertThat(count(db, "SELECT count(*) FROM blocks")).isEqualTo(31);
      assertThat(count(db, "SELECT count(*) FROM transactions")).isEqualTo(txs);
      assertThat(w.cursor().orElseThrow().height()).isEqualTo(30);
      assertThat(w.cursor().orElseThrow().blockId()).isEqualTo(chain.block(30).block().id());

      // Delivered again: skipped, nothing changes.
      assertThat(w.write(chain.block(12))).isEqualTo(BlockWriter.Outcome.ALREADY_INDEXED);
      assertThat(w.write(chain.block(30))).isEqualTo(BlockWriter.Outcome.ALREADY_INDEXED);
      assertThat(count(db, "SELECT count(*) FROM transactions")).isEqualTo(txs);

      // A gap, then a block of another chain at the right height: refused, nothing written.
      chain.append(3);
      FinalBlock b32 = chain.append(2);
      assertThatThrownBy(() -> w.write(b32)).isInstanceOf(IndexerException.Gap.class);
      FinalBlock b31 = chain.block(31);
      Header h = b31.block().header();
      Header forged =
          new Header(
              h.epoch(),
              h.height(),
              h.slot(),
              h.round(),
              H256.ZERO,
              h.proposer(),
              h.vrfProof(),
              h.kesPeriod(),
              h.opCert(),
              h.txRoot(),
              h.stateRoot(),
              h.receiptsRoot(),
              h.shredRoot(),
              h.parentQc(),
              h.timeoutCert());
      FinalBlock other =
          new FinalBlock(new Block(forged, b31.block().txs(), Bytes.EMPTY), b31.receipts());
      assertThatThrownBy(() -> w.write(other))
          .isInstanceOf(IndexerException.ChainMismatch.class)
          .hasMessageContaining("another chain");
      assertThat(count(db, "SELECT count(*) FROM blocks")).isEqualTo(31);
      assertThat(w.write(b31)).isEqualTo(BlockWriter.Outcome.WRITTEN);
      assertThat(w.write(b32)).isEqualTo(BlockWriter.Outcome.WRITTEN);
      assertThat(count(db, "SELECT max(height) - min(height) + 1 - count(*) FROM blocks"))
          .as("no gap")
          .isZero();
    }
  }

  @Test
  void balancesAreTheSumOfTheirChangesAndValueIsConserved() {
    TestChain chain = new TestChain(2);
    for (int i = 0; i < 40; i++) {
      chain.append(6);
    }
    Address rich = TestChain.address(0);
    try (Database db = pg.fresh()) {
      BlockWriter w =
          new BlockWriter(
              db.dataSource(),
              Optional.of(
                  new BlockWriter.Genesis(
                      chain.genesisConfigHash(),
                      List.of(
                          new Extractor.GenesisBalance(rich, AssetId.SWR, Amount.of(1_000_000_000)),
                          new Extractor.GenesisBalance(rich, AssetId.AIC, Amount.of(5_000_000))))));
      chain.blocks().forEach(w::write);
      assertThat(
              count(
                  db,
                  "SELECT count(*) FROM balances b FULL JOIN (SELECT address, asset, sum(delta) s"
                      + " FROM balance_changes GROUP BY address, asset) c USING (address, asset)"
                      + " WHERE b.amount IS DISTINCT FROM c.s"))
          .as("every balance is the sum of its changes")
          .isZero();
      BigDecimal fees = sum(db, "SELECT sum(fee_paid) FROM transactions");
      BigDecimal staked =
          sum(db, "SELECT sum(amount) FROM staking_actions WHERE method = 'delegate'");
      // Fees leave their payers and reach the fee pool through each block's own receipt.
      assertThat(sum(db, "SELECT sum(amount) FROM balances WHERE asset = " + bytea(AssetId.SWR)))
          .as("SWR: genesis minus stake")
          .isEqualByComparingTo(new BigDecimal(1_000_000_000).subtract(staked));
      assertThat(
              sum(
                  db,
                  "SELECT amount FROM balances WHERE address = "
                      + bytea(dev.aether.ledger.StateKeys.FEE_POOL)
                      + " AND asset = "
                      + bytea(AssetId.SWR)))
          .as("the fee pool holds every fee")
          .isEqualByComparingTo(fees);
      assertThat(sum(db, "SELECT sum(amount) FROM balances WHERE asset = " + bytea(AssetId.AIC)))
          .as("AIC: transfers move, never create")
          .isEqualByComparingTo(new BigDecimal(5_000_000));
      assertThat(sum(db, "SELECT sum(amount) FROM balances WHERE asset = " + bytea(AssetId.USDT)))
          .as("USDT: outputs paid from accounts, spent into new outputs")
          .isEqualByComparingTo(BigDecimal.ZERO);
      assertThat(count(db, "SELECT count(*) FROM utxos WHERE spent_height IS NOT NULL"))
          .isPositive();
      assertThat(count(db, "SELECT count(*) FROM jobs")).isPositive();
      assertThat(count(db, "SELECT count(*) FROM transactions WHERE status = 'failed'"))
          .isPositive();
      assertThat(
              count(
                  db,
                  "SELECT count(*) FROM balance_changes c JOIN transactions t ON t.hash = c.tx_hash"
                      + " WHERE t.status = 'failed' AND c.cause <> 'fee'"))
          .as("a failed transaction only pays its fee")
          .isZero();
    }
  }

  @Test
  void refusesAGenesisFileOfAnotherChain() {
    TestChain chain = new TestChain(3);
    try (Database db = pg.fresh()) {
      BlockWriter w =
          new BlockWriter(
              db.dataSource(), Optional.of(new BlockWriter.Genesis(H256.ZERO, List.of())));
      assertThatThrownBy(() -> w.write(chain.block(0)))
          .isInstanceOf(IndexerException.GenesisMismatch.class);
      assertThat(count(db, "SELECT count(*) FROM blocks")).isZero();
      new BlockWriter(db.dataSource(), Optional.empty()).write(chain.block(0));
      assertThatThrownBy(w::checkGenesis).isInstanceOf(IndexerException.GenesisMismatch.class);
    }
  }

  static String bytea(AssetId a) {
    return "'\\x" + a.id().toHex().substring(2) + "'::bytea";
  }

  static String bytea(Address a) {
    return "'\\x" + a.hash().toHex().substring(2) + "'::bytea";
  }

  /**
   * A transaction may carry receipts for, and disputes of, several jobs: each is a row (keyed by
   * transaction and job — keyed by the transaction alone the block failed to write and the follower
   * stopped for good), and each receipt's contents are decoded from its own call.
   */
  @Test
  @SuppressWarnings("unchecked")
  void oneTransactionWithReceiptsAndDisputesForSeveralJobsIsWrittenWithEachReceiptDecoded()
      throws Exception {
    TestChain chain = new TestChain(9);
    Address provider = TestChain.address(3);
    H256 a = Hashing.tagged("job-a");
    H256 b = Hashing.tagged("job-b");
    chain.appendOne(
        provider,
        List.of(
            new Call(Programs.JOBS, "submitVCR", Bytes.of(new byte[] {1, 2, 3})), // not a receipt
            JobsCalls.submit(a, submission(a, provider, 7)),
            JobsCalls.submit(b, submission(b, provider, 8))),
        List.of(jobEvent("submitted", a), jobEvent("submitted", b)));
    chain.appendOne(
        TestChain.address(4),
        List.of(
            new Call(Programs.JOBS, "challengeVCR", Bytes.of(new byte[] {9})),
            new Call(Programs.JOBS, "challengeVCR", Bytes.of(new byte[] {9}))),
        List.of(jobEvent("challenged", a), jobEvent("challenge_lost", b)));
    try (Database db = pg.fresh()) {
      BlockWriter w = new BlockWriter(db.dataSource(), Optional.empty());
      for (FinalBlock fb : chain.finalBlocks(0, 100)) {
        assertThat(w.write(fb)).isEqualTo(BlockWriter.Outcome.WRITTEN);
      }
      assertThat(count(db, "SELECT count(*) FROM vcrs")).isEqualTo(2);
      assertThat(count(db, "SELECT count(*) FROM disputes")).isEqualTo(2);
      GraphQlApi api = new GraphQlApi(new Queries(db.dataSource(), 500), () -> -1);
      for (H256 job : List.of(a, b)) {
        var r =
            api.execute(
                "{ job(id: \""
                    + job
                    + "\") { vcrs { kind provider outputHash modelHash inputHash"
                    + " seed traceSteps traceCommitment } disputes { outcome } } }",
                Map.of(),
                null);
        assertThat(r.getErrors()).isEmpty();
        Map<String, Object> j =
            (Map<String, Object>) ((Map<String, Object>) r.getData()).get("job");
        List<Map<String, Object>> vcrs = (List<Map<String, Object>>) j.get("vcrs");
        assertThat(vcrs).hasSize(1);
        Map<String, Object> v = vcrs.getFirst();
        assertThat(v.get("kind")).isEqualTo("submitted");
        assertThat(v.get("provider")).isEqualTo(provider.toString());
        assertThat(v.get("outputHash"))
            .isEqualTo(Hashing.tagged("output", job.toArray()).toString());
        assertThat(v.get("modelHash")).isEqualTo(Hashing.tagged("model").toString());
        assertThat(v.get("inputHash")).isEqualTo(Hashing.tagged("input").toString());
        assertThat(v.get("seed")).isEqualTo(job.equals(a) ? "7" : "8");
        assertThat(v.get("traceSteps")).isEqualTo(2);
        assertThat((String) v.get("traceCommitment")).hasSize(2 + 96);
        assertThat((List<?>) j.get("disputes")).hasSize(1);
      }
    }
  }

  private static Event jobEvent(String name, H256 job) {
    return new Event(
        Programs.JOBS,
        Bytes.of(("jobs." + name).getBytes(StandardCharsets.US_ASCII)),
        Bytes.of(job.toArray()));
  }

  /** A receipt shaped like a real one (the indexer decodes it; the chain judged its truth). */
  private static VcrSubmission submission(H256 job, Address provider, long seed) {
    Vcr vcr =
        new Vcr(
            job,
            provider,
            Hashing.tagged("input"),
            Hashing.tagged("model"),
            Hashing.tagged("code"),
            seed,
            Hashing.tagged("output", job.toArray()),
            Bytes.of(Hashing.tagged("quote").toArray()),
            Optional.of(Bytes.of(new byte[48])),
            Optional.empty(),
            Bytes.of(new byte[64]));
    return new VcrSubmission(
        vcr,
        ModelHeader.of(Map.of("arch", "mlp"), Map.of("w1", new int[] {2, 3})),
        Hashing.tagged("weights"),
        List.of(Hashing.tagged("leaf0"), Hashing.tagged("leaf1")),
        Bytes.of(new byte[48]),
        new StepEvidence(List.of(), List.of()),
        List.of());
  }
}
