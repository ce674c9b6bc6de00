package dev.aether.indexer.ingest;

import dev.aether.genesis.GenesisConfig;
import dev.aether.indexer.IndexerException;
import dev.aether.indexer.ingest.Rows.BalanceChange;
import dev.aether.rpc.FinalBlock;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.H256;
import dev.aether.types.TxOutput;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import dev.aether.types.ValueEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Writes each final block in exactly one PostgreSQL transaction, together with the cursor that says
 * which block was written last. The transaction first locks the cursor row and checks the block
 * extends it (next height, parent = last block), so a block is written once and in order whatever
 * happens around it: a killed indexer's open transaction is rolled back by PostgreSQL, a restarted
 * one resumes from the cursor, and a block delivered twice is skipped.
 */
public final class BlockWriter {
  private final DataSource db;
  private final Optional<Genesis> genesis;

  /**
   * What the indexer knows of the chain's genesis from its file: the config hash that block 0's
   * {@code txRoot} must carry (ADR 0002), and the balances it allocates.
   */
  public record Genesis(
      H256 configHash, List<Extractor.GenesisBalance> balances, List<GenesisPool> pools) {
    public Genesis {
      balances = List.copyOf(balances);
      pools = List.copyOf(pools);
    }

    /** The facts of a genesis file: its config hash, balances and AMM pools. */
    public static Genesis of(GenesisConfig g) {
      return new Genesis(
          g.configHash(),
          g.balances().stream()
              .map(b -> new Extractor.GenesisBalance(b.address(), b.asset(), b.amount()))
              .toList(),
          g.amm().pools().stream()
              .map(
                  p ->
                      new GenesisPool(
                          p.assetA(),
                          p.assetB(),
                          p.amountA().value(),
                          p.amountB().value(),
                          p.provider(),
                          g.amm().feeBps()))
              .toList());
    }

    /** Without AMM pools at genesis. */
    public Genesis(H256 configHash, List<Extractor.GenesisBalance> balances) {
      this(configHash, balances, List.of());
    }
  }

  /**
   * A pool the genesis file funds ({@code [[amm.pools]]}): minted into the pool, its first LP
   * shares ({@code floor(sqrt(a·b))} less the locked minimum) paid to {@code provider}, exactly as
   * the AMM program's genesis does.
   */
  public record GenesisPool(
      AssetId a, AssetId b, BigInteger amountA, BigInteger amountB, Address provider, int feeBps) {}

  /** What {@link #write} did with a block. */
  public enum Outcome {
    WRITTEN,
    ALREADY_INDEXED
  }

  /**
   * @param genesis the chain's genesis file facts; without them no genesis balances are credited
   */
  public BlockWriter(DataSource db, Optional<Genesis> genesis) {
    this.db = db;
    this.genesis = genesis;
  }

  /**
   * Refuses a genesis file that is not this database's chain's (checked against the indexed block
   * 0, if any; otherwise when block 0 arrives).
   */
  public void checkGenesis() {
    if (genesis.isEmpty()) {
      return;
    }
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT tx_root FROM blocks WHERE height = 0");
        ResultSet rs = s.executeQuery()) {
      if (rs.next()) {
        checkGenesis(H256.of(rs.getBytes(1)));
      }
    } catch (SQLException e) {
      throw new IndexerException.Database("cannot read block 0: " + e.getMessage(), e);
    }
  }

  private void checkGenesis(H256 block0TxRoot) {
    if (genesis.isPresent() && !genesis.get().configHash().equals(block0TxRoot)) {
      throw new IndexerException.GenesisMismatch(
          "the genesis file's config hash "
              + genesis.get().configHash()
              + " is not the chain's ("
              + block0TxRoot
              + "): pass the genesis file the node was started with");
    }
  }

  /** The last indexed height and block id, if any block was indexed. */
  public Optional<Cursor> cursor() {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT height, block_hash, genesis_hash FROM cursor WHERE id = 1");
        ResultSet rs = s.executeQuery()) {
      return rs.next()
          ? Optional.of(new Cursor(rs.getLong(1), H256.of(rs.getBytes(2)), H256.of(rs.getBytes(3))))
          : Optional.empty();
    } catch (SQLException e) {
      throw new IndexerException.Database("cannot read the cursor: " + e.getMessage(), e);
    }
  }

  /** The last block written. */
  public record Cursor(long height, H256 blockId, H256 genesisId) {}

  /** Indexes {@code fb} in one transaction (see the class comment). */
  public Outcome write(FinalBlock fb) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        Outcome o = writeIn(c, fb);
        if (o == Outcome.WRITTEN) {
          c.commit();
        } else {
          c.rollback();
        }
        return o;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IndexerException.Database(
          "block " + fb.height() + " not written: " + e.getMessage(), e);
    }
  }

  private Outcome writeIn(Connection c, FinalBlock fb) throws SQLException {
    long height = fb.height();
    H256 id = fb.block().id();
    Optional<Cursor> cur;
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT height, block_hash, genesis_hash FROM cursor WHERE id = 1 FOR UPDATE");
        ResultSet rs = s.executeQuery()) {
      cur =
          rs.next()
              ? Optional.of(
                  new Cursor(rs.getLong(1), H256.of(rs.getBytes(2)), H256.of(rs.getBytes(3))))
              : Optional.empty();
    }
    if (cur.isEmpty()) {
      if (height != 0) {
        throw new IndexerException.Gap(0, height);
      }
      checkGenesis(fb.block().header().txRoot());
    } else {
      Cursor k = cur.get();
      if (height <= k.height()) {
        return Outcome.ALREADY_INDEXED;
      }
      if (height != k.height() + 1) {
        throw new IndexerException.Gap(k.height() + 1, height);
      }
      if (!fb.block().header().parent().equals(k.blockId())) {
        throw new IndexerException.ChainMismatch(
            "block "
                + height
                + " has parent "
                + fb.block().header().parent()
                + " but the indexed block "
                + k.height()
                + " is "
                + k.blockId()
                + ": this database indexes another chain");
      }
    }
    Rows rows = Extractor.extract(fb, ref -> utxo(c, ref));
    List<BalanceChange> changes = rows.balanceChanges();
    List<GenesisPool> genesisPools = List.of();
    if (height == 0) {
      genesisPools = genesis.map(Genesis::pools).orElse(List.of());
      changes = Extractor.genesis(genesis.map(Genesis::balances).orElse(List.of()), genesisPools);
    }
    insert(c, rows, changes);
    AmmWriter.write(c, height, genesisPools, rows.amm());
    GovWriter.write(c, height, rows.gov());
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO cursor (id, height, block_hash, genesis_hash, updated_at)"
                + " VALUES (1, ?, ?, ?, now()) ON CONFLICT (id) DO UPDATE SET height ="
                + " EXCLUDED.height, block_hash = EXCLUDED.block_hash, updated_at = now()")) {
      s.setLong(1, height);
      s.setBytes(2, id.toArray());
      s.setBytes(3, cur.map(Cursor::genesisId).orElse(id).toArray());
      s.executeUpdate();
    }
    return Outcome.WRITTEN;
  }

  private static Optional<TxOutput> utxo(Connection c, UtxoRef ref) {
    try (PreparedStatement s =
        c.prepareStatement("SELECT owner, value FROM utxos WHERE tx_hash = ? AND idx = ?")) {
      s.setBytes(1, ref.txId().toArray());
      s.setInt(2, ref.index());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new TxOutput(
                new Address(H256.of(rs.getBytes(1))),
                Value.CODEC.decode(rs.getBytes(2)),
                Optional.empty()));
      }
    } catch (SQLException e) {
      throw new IndexerException.Database("cannot read UTxO " + ref + ": " + e.getMessage(), e);
    }
  }

  private static BigDecimal dec(BigInteger v) {
    return new BigDecimal(v);
  }

  private static void insert(Connection c, Rows rows, List<BalanceChange> changes)
      throws SQLException {
    Rows.BlockRow b = rows.block();
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO blocks (height, hash, parent_hash, slot, round, proposer, tx_root,"
                + " state_root, receipts_root, shred_root, qc_round, qc_signers, timeout_round,"
                + " tx_count, size_bytes, fees, header_raw, block_receipt_raw) VALUES"
                + " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      int i = 1;
      s.setLong(i++, b.height());
      s.setBytes(i++, b.hash().toArray());
      s.setBytes(i++, b.parent().toArray());
      s.setLong(i++, b.slot());
      s.setLong(i++, b.round());
      s.setInt(i++, b.proposer());
      s.setBytes(i++, b.txRoot().toArray());
      s.setBytes(i++, b.stateRoot().toArray());
      s.setBytes(i++, b.receiptsRoot().toArray());
      s.setBytes(i++, b.shredRoot().toArray());
      s.setLong(i++, b.qcRound());
      s.setInt(i++, b.qcSigners());
      if (b.timeoutRound().isPresent()) {
        s.setLong(i++, b.timeoutRound().get());
      } else {
        s.setNull(i++, Types.BIGINT);
      }
      s.setInt(i++, b.txCount());
      s.setInt(i++, b.sizeBytes());
      s.setBigDecimal(i++, dec(b.fees()));
      s.setBytes(i++, b.headerRaw());
      s.setBytes(i, b.blockReceiptRaw().orElse(null));
      s.executeUpdate();
    }
    if (!rows.blockEvents().isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO block_events (height, idx, emitter, program_name, topic, data, kind,"
                  + " account, asset, amount, cause, ref) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
        for (Rows.BlockEventRow r : rows.blockEvents()) {
          Optional<ValueEvent> v = r.value();
          s.setLong(1, r.height());
          s.setInt(2, r.index());
          s.setBytes(3, r.emitter().toArray());
          s.setString(4, r.programName().orElse(null));
          s.setBytes(5, r.topic());
          s.setBytes(6, r.data());
          s.setString(7, v.map(x -> x.kind().topic()).orElse(null));
          s.setBytes(8, v.flatMap(ValueEvent::account).map(a -> a.hash().toArray()).orElse(null));
          s.setBytes(9, v.map(x -> x.asset().id().toArray()).orElse(null));
          s.setBigDecimal(10, v.map(x -> dec(x.amount().value())).orElse(null));
          s.setString(11, v.map(ValueEvent::cause).orElse(null));
          s.setBytes(12, v.map(x -> x.ref().toArray()).orElse(null));
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    if (!rows.txs().isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO transactions (hash, height, idx, payer, nonce, kind, fee_cap,"
                  + " valid_from, valid_until, size_bytes, status, fee_paid, steps, mem_bytes,"
                  + " error_code, raw, receipt_raw) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        for (Rows.TxRow t : rows.txs()) {
          int i = 1;
          s.setBytes(i++, t.hash().toArray());
          s.setLong(i++, t.height());
          s.setInt(i++, t.index());
          s.setBytes(i++, t.payer().hash().toArray());
          s.setLong(i++, t.nonce());
          s.setString(i++, t.kind());
          s.setBigDecimal(i++, dec(t.feeCap()));
          s.setLong(i++, t.validFrom());
          s.setLong(i++, t.validUntil());
          s.setInt(i++, t.sizeBytes());
          s.setString(i++, t.status());
          s.setBigDecimal(i++, dec(t.feePaid()));
          s.setLong(i++, t.steps());
          s.setLong(i++, t.memBytes());
          s.setInt(i++, t.errorCode());
          s.setBytes(i++, t.raw());
          s.setBytes(i, t.receiptRaw());
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    if (!rows.calls().isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO calls (tx_hash, idx, program, program_name, method, args)"
                  + " VALUES (?,?,?,?,?,?)")) {
        for (Rows.CallRow r : rows.calls()) {
          s.setBytes(1, r.tx().toArray());
          s.setInt(2, r.index());
          s.setBytes(3, r.program().toArray());
          s.setString(4, r.programName().orElse(null));
          s.setString(5, r.method());
          s.setBytes(6, r.args());
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    if (!rows.events().isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO events (tx_hash, idx, height, emitter, topic, data)"
                  + " VALUES (?,?,?,?,?,?)")) {
        for (Rows.EventRow r : rows.events()) {
          s.setBytes(1, r.tx().toArray());
          s.setInt(2, r.index());
          s.setLong(3, r.height());
          s.setBytes(4, r.emitter().toArray());
          s.setBytes(5, r.topic());
          s.setBytes(6, r.data());
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    if (!rows.accountTxs().isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO account_txs (address, height, idx, tx_hash, role) VALUES (?,?,?,?,?)"
                  + " ON CONFLICT DO NOTHING")) {
        for (Rows.AccountTxRow r : rows.accountTxs()) {
          s.setBytes(1, r.address().hash().toArray());
          s.setLong(2, r.height());
          s.setInt(3, r.index());
          s.setBytes(4, r.tx().toArray());
          s.setString(5, r.role());
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    writeBalances(c, b.height(), changes);
    if (!rows.created().isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO utxos (tx_hash, idx, owner, value, created_height) VALUES (?,?,?,?,?)")) {
        for (Rows.UtxoRow r : rows.created()) {
          s.setBytes(1, r.tx().toArray());
          s.setInt(2, r.index());
          s.setBytes(3, r.owner().hash().toArray());
          s.setBytes(4, r.value());
          s.setLong(5, r.height());
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    if (!rows.spent().isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE utxos SET spent_height = ?, spent_tx = ? WHERE tx_hash = ? AND idx = ?")) {
        for (Rows.SpentRow r : rows.spent()) {
          s.setLong(1, r.height());
          s.setBytes(2, r.spentTx().toArray());
          s.setBytes(3, r.createdTx().toArray());
          s.setInt(4, r.index());
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    if (!rows.staking().isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO staking_actions (tx_hash, idx, height, method, account, validator,"
                  + " amount) VALUES (?,?,?,?,?,?,?)")) {
        for (Rows.StakingRow r : rows.staking()) {
          s.setBytes(1, r.tx().toArray());
          s.setInt(2, r.index());
          s.setLong(3, r.height());
          s.setString(4, r.method());
          s.setBytes(5, r.account().hash().toArray());
          s.setBytes(6, r.validator().hash().toArray());
          s.setBigDecimal(7, dec(r.amount()));
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    writeJobs(c, rows);
  }

  private static void writeBalances(Connection c, long height, List<BalanceChange> changes)
      throws SQLException {
    if (changes.isEmpty()) {
      return;
    }
    Map<String, Object[]> sums = new TreeMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO balance_changes (height, tx_hash, seq, address, asset, delta, cause)"
                + " VALUES (?,?,?,?,?,?,?)")) {
      for (BalanceChange ch : changes) {
        s.setLong(1, ch.height());
        s.setBytes(2, ch.tx().map(H256::toArray).orElse(null));
        s.setInt(3, ch.seq());
        s.setBytes(4, ch.address().hash().toArray());
        s.setBytes(5, ch.asset().id().toArray());
        s.setBigDecimal(6, dec(ch.delta()));
        s.setString(7, ch.cause());
        s.addBatch();
        String key = ch.address().hash().toHex() + ch.asset().id().toHex();
        Object[] acc =
            sums.computeIfAbsent(
                key, k -> new Object[] {ch.address(), ch.asset(), BigInteger.ZERO});
        acc[2] = ((BigInteger) acc[2]).add(ch.delta());
      }
      s.executeBatch();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO balances (address, asset, amount, updated_height) VALUES (?,?,?,?)"
                + " ON CONFLICT (address, asset) DO UPDATE SET amount = balances.amount +"
                + " EXCLUDED.amount, updated_height = EXCLUDED.updated_height")) {
      for (Object[] acc : sums.values()) {
        s.setBytes(1, ((Address) acc[0]).hash().toArray());
        s.setBytes(2, ((AssetId) acc[1]).id().toArray());
        s.setBigDecimal(3, dec((BigInteger) acc[2]));
        s.setLong(4, height);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void writeJobs(Connection c, Rows rows) throws SQLException {
    for (Rows.JobEventRow j : rows.jobEvents()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO job_events (job_id, tx_hash, idx, height, event, actor)"
                  + " VALUES (?,?,?,?,?,?)")) {
        s.setBytes(1, j.job().toArray());
        s.setBytes(2, j.tx().toArray());
        s.setInt(3, j.index());
        s.setLong(4, j.height());
        s.setString(5, j.event());
        s.setBytes(6, j.actor().hash().toArray());
        s.executeUpdate();
      }
      String status = JobStatus.after(j.event());
      boolean posted = j.event().equals("posted");
      boolean accepted = j.event().equals("accepted");
      boolean submitted = j.event().equals("submitted");
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO jobs (job_id, status, poster, provider, posted_height, posted_tx,"
                  + " updated_height, vcr_tx) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (job_id) DO"
                  + " UPDATE SET status = COALESCE(?, jobs.status), provider ="
                  + " COALESCE(EXCLUDED.provider, jobs.provider), updated_height ="
                  + " EXCLUDED.updated_height, vcr_tx = COALESCE(EXCLUDED.vcr_tx, jobs.vcr_tx)")) {
        s.setBytes(1, j.job().toArray());
        s.setString(2, status == null ? "posted" : status);
        s.setBytes(3, posted ? j.actor().hash().toArray() : null);
        s.setBytes(4, accepted ? j.actor().hash().toArray() : null);
        if (posted) {
          s.setLong(5, j.height());
        } else {
          s.setNull(5, Types.BIGINT);
        }
        s.setBytes(6, posted ? j.tx().toArray() : null);
        s.setLong(7, j.height());
        s.setBytes(8, submitted ? j.tx().toArray() : null);
        s.setString(9, status);
        s.executeUpdate();
      }
    }
    for (Rows.VcrRow v : rows.vcrs()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO vcrs (tx_hash, job_id, height, provider, size_bytes, kind, input_hash,"
                  + " model_hash, code_hash, output_hash, seed, trace_steps, quote_bytes,"
                  + " trace_commitment) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        s.setBytes(1, v.tx().toArray());
        s.setBytes(2, v.job().toArray());
        s.setLong(3, v.height());
        s.setBytes(4, v.provider().hash().toArray());
        s.setInt(5, v.sizeBytes());
        s.setString(6, v.kind());
        Rows.VcrContent k = v.content().orElse(null);
        s.setBytes(7, k == null ? null : k.inputHash().toArray());
        s.setBytes(8, k == null ? null : k.modelHash().toArray());
        s.setBytes(9, k == null ? null : k.codeHash().toArray());
        s.setBytes(10, k == null ? null : k.outputHash().toArray());
        s.setBigDecimal(
            11, k == null ? null : new java.math.BigDecimal(Long.toUnsignedString(k.seed())));
        if (k == null) {
          s.setNull(12, Types.INTEGER);
          s.setNull(13, Types.INTEGER);
        } else {
          s.setInt(12, k.traceSteps());
          s.setInt(13, k.quoteBytes());
        }
        s.setBytes(14, k == null ? null : k.traceCommitment().map(b -> b.toArray()).orElse(null));
        s.executeUpdate();
      }
    }
    for (Rows.DisputeRow d : rows.disputes()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO disputes (tx_hash, job_id, height, challenger, outcome)"
                  + " VALUES (?,?,?,?,?)")) {
        s.setBytes(1, d.tx().toArray());
        s.setBytes(2, d.job().toArray());
        s.setLong(3, d.height());
        s.setBytes(4, d.challenger().hash().toArray());
        s.setString(5, d.outcome());
        s.executeUpdate();
      }
    }
  }
}
