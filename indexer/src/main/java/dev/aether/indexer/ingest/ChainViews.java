package dev.aether.indexer.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.rpc.RpcClient;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The parts of the chain's state the explorer shows but no block says outright — the validators'
 * stake, status and missed rounds, and the node's finalized height — read from the node's JSON-RPC
 * once a second while blocks arrive. The validators table is a current view, replaced whole in one
 * transaction and stamped with the indexed height it was read at; it is not part of the
 * exactly-once block data.
 */
public final class ChainViews implements Runnable, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ChainViews.class.getName());

  /** Most proposals read per poll ({@code aeth_getProposals} answers at most 100). */
  static final int MAX_PROPOSALS = 100;

  private final RpcClient rpc;
  private final DataSource db;
  private final LongSupplier indexedHeight;
  private final AtomicLong finalized = new AtomicLong(-1);
  private volatile boolean closed;
  private long refreshedAt = -2;

  public ChainViews(URI nodeRpc, DataSource db, LongSupplier indexedHeight) {
    this.rpc = new RpcClient(nodeRpc, Duration.ofSeconds(5));
    this.db = db;
    this.indexedHeight = indexedHeight;
  }

  /** The node's finalized height at the last poll, -1 if unknown. */
  public long finalizedHeight() {
    return finalized.get();
  }

  @Override
  public void run() {
    while (!closed) {
      refreshOnce();
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One poll: the finalized height, and the validators if a new block was indexed. */
  public void refreshOnce() {
    try {
      JsonNode b = rpc.call("aeth_getBlockByNumber", "finalized", false);
      if (b.hasNonNull("height")) {
        finalized.set(b.get("height").asLong());
      }
      long h = indexedHeight.getAsLong();
      if (h >= 0 && h != refreshedAt) {
        writeValidators(rpc.call("aeth_getValidators"), h);
        writeProposals(rpc.call("aeth_getProposals", MAX_PROPOSALS), h);
        refreshedAt = h;
      }
    } catch (SQLException | RuntimeException e) {
      LOG.fine("chain view refresh failed: " + e.getMessage());
    }
  }

  private void writeValidators(JsonNode vs, long height) throws SQLException {
    if (!vs.isArray()) {
      return;
    }
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement del = c.prepareStatement("DELETE FROM validators");
          PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO validators (address, idx, name, stake, self_bond, delegated,"
                      + " commission_bps, status, missed_rounds, certified_rounds,"
                      + " jailed_until_epoch, bls_key, updated_height)"
                      + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        del.executeUpdate();
        for (JsonNode v : vs) {
          ins.setBytes(1, Address.fromHex(v.path("address").asText()).hash().toArray());
          if (v.hasNonNull("index")) {
            ins.setInt(2, v.get("index").asInt());
          } else {
            ins.setNull(2, Types.INTEGER);
          }
          ins.setString(3, v.path("name").asText(""));
          ins.setBigDecimal(4, new BigDecimal(v.path("stake").asText("0")));
          ins.setBigDecimal(5, new BigDecimal(v.path("selfBond").asText("0")));
          ins.setBigDecimal(6, new BigDecimal(v.path("delegated").asText("0")));
          ins.setInt(7, v.path("commissionBps").asInt());
          ins.setString(8, v.path("status").asText("unknown"));
          ins.setLong(9, v.path("missedRounds").asLong());
          ins.setLong(10, v.path("certifiedRounds").asLong());
          if (v.hasNonNull("jailedUntilEpoch")) {
            ins.setLong(11, v.get("jailedUntilEpoch").asLong());
          } else {
            ins.setNull(11, Types.BIGINT);
          }
          String bls = v.path("publicKeys").path("bls").asText("");
          ins.setBytes(12, bls.startsWith("0x") ? Bytes.fromHex(bls).toArray() : null);
          ins.setLong(13, height);
          ins.addBatch();
        }
        ins.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Upserts the node's view of its newest proposals (status after tallies, tally, outcome). Older
   * proposals keep the last view read: they finished, and a finished proposal never changes.
   */
  void writeProposals(JsonNode ps, long height) throws SQLException {
    if (!ps.isArray()) {
      return;
    }
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement up =
          c.prepareStatement(
              "INSERT INTO proposal_views (id, status, outcome, submit_slot, deposit_end_slot,"
                  + " voting_start_slot, voting_end_slot, total_deposit, tally_yes, tally_no,"
                  + " tally_abstain, tally_veto, tally_bonded, updated_height)"
                  + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET"
                  + " status = EXCLUDED.status, outcome = EXCLUDED.outcome, submit_slot ="
                  + " EXCLUDED.submit_slot, deposit_end_slot = EXCLUDED.deposit_end_slot,"
                  + " voting_start_slot = EXCLUDED.voting_start_slot, voting_end_slot ="
                  + " EXCLUDED.voting_end_slot, total_deposit = EXCLUDED.total_deposit,"
                  + " tally_yes = EXCLUDED.tally_yes, tally_no = EXCLUDED.tally_no, tally_abstain"
                  + " = EXCLUDED.tally_abstain, tally_veto = EXCLUDED.tally_veto, tally_bonded ="
                  + " EXCLUDED.tally_bonded, updated_height = EXCLUDED.updated_height")) {
        for (JsonNode p : ps) {
          JsonNode t = p.path("tally");
          up.setLong(1, p.path("id").asLong());
          up.setString(2, p.path("status").asText("unknown"));
          up.setString(3, p.path("outcome").asText(""));
          up.setLong(4, p.path("submitSlot").asLong());
          up.setLong(5, p.path("depositEndSlot").asLong());
          up.setLong(6, p.path("votingStartSlot").asLong());
          up.setLong(7, p.path("votingEndSlot").asLong());
          up.setBigDecimal(8, new BigDecimal(p.path("totalDeposit").asText("0")));
          up.setBigDecimal(9, new BigDecimal(t.path("yes").asText("0")));
          up.setBigDecimal(10, new BigDecimal(t.path("no").asText("0")));
          up.setBigDecimal(11, new BigDecimal(t.path("abstain").asText("0")));
          up.setBigDecimal(12, new BigDecimal(t.path("veto").asText("0")));
          up.setBigDecimal(13, new BigDecimal(t.path("bonded").asText("0")));
          up.setLong(14, height);
          up.addBatch();
        }
        up.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    rpc.close();
  }
}
