package dev.aether.indexer.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.aether.indexer.ingest.Rows.GovDepositRow;
import dev.aether.indexer.ingest.Rows.GovRows;
import dev.aether.indexer.ingest.Rows.Payment;
import dev.aether.indexer.ingest.Rows.ProposalRow;
import dev.aether.indexer.ingest.Rows.VoteRow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Writes one block's governance rows inside {@link BlockWriter}'s transaction: proposals as
 * submitted (with their treasury payments), deposits (summed into the proposal, whose status a
 * deposit event reports), and votes (the proposal's count of distinct voters).
 */
final class GovWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GovWriter() {}

  static void write(Connection c, long height, GovRows rows) throws SQLException {
    for (ProposalRow p : rows.proposals()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO proposals (id, tx_hash, height, proposer, kind, title, description,"
                  + " changes, upgrade_version, upgrade_height, upgrade_release, total_deposit,"
                  + " status, updated_height) VALUES (?,?,?,?,?,?,?,CAST(? AS jsonb),?,?,?,0,"
                  + "'submitted',?)")) {
        s.setLong(1, p.id());
        s.setBytes(2, p.tx().toArray());
        s.setLong(3, p.height());
        s.setBytes(4, p.proposer().hash().toArray());
        s.setString(5, p.kind());
        s.setString(6, p.title());
        s.setString(7, p.description());
        if (p.changes().isEmpty()) {
          s.setNull(8, Types.VARCHAR);
        } else {
          ArrayNode a = JSON.createArrayNode();
          p.changes()
              .forEach(ch -> a.addObject().put("param", ch.param()).put("value", ch.value()));
          s.setString(8, a.toString());
        }
        if (p.upgrade().isPresent()) {
          s.setInt(9, p.upgrade().get().version());
          s.setLong(10, p.upgrade().get().height());
          s.setString(11, p.upgrade().get().release());
        } else {
          s.setNull(9, Types.INTEGER);
          s.setNull(10, Types.BIGINT);
          s.setNull(11, Types.VARCHAR);
        }
        s.setLong(12, height);
        s.executeUpdate();
      }
      int i = 0;
      for (Payment pay : p.payments()) {
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO treasury_payments (proposal_id, idx, recipient, asset, amount)"
                    + " VALUES (?,?,?,?,?)")) {
          s.setLong(1, p.id());
          s.setInt(2, i++);
          s.setBytes(3, pay.to().hash().toArray());
          s.setBytes(4, pay.asset().id().toArray());
          s.setBigDecimal(5, new BigDecimal(pay.amount()));
          s.executeUpdate();
        }
      }
    }
    for (GovDepositRow d : rows.deposits()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO gov_deposits (tx_hash, idx, height, proposal_id, depositor, amount,"
                  + " status_after) VALUES (?,?,?,?,?,?,?)")) {
        s.setBytes(1, d.tx().toArray());
        s.setInt(2, d.index());
        s.setLong(3, d.height());
        s.setLong(4, d.proposal());
        s.setBytes(5, d.depositor().hash().toArray());
        s.setBigDecimal(6, new BigDecimal(d.amount()));
        s.setString(7, d.statusAfter());
        s.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE proposals SET total_deposit = total_deposit + ?, status = CASE WHEN ? ="
                  + " 'submitted' THEN status ELSE ? END, updated_height = ? WHERE id = ?")) {
        s.setBigDecimal(1, new BigDecimal(d.amount()));
        s.setString(2, d.statusAfter());
        s.setString(3, d.statusAfter());
        s.setLong(4, height);
        s.setLong(5, d.proposal());
        s.executeUpdate();
      }
    }
    for (VoteRow v : rows.votes()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO gov_votes (tx_hash, idx, height, proposal_id, voter, option)"
                  + " VALUES (?,?,?,?,?,?)")) {
        s.setBytes(1, v.tx().toArray());
        s.setInt(2, v.index());
        s.setLong(3, v.height());
        s.setLong(4, v.proposal());
        s.setBytes(5, v.voter().hash().toArray());
        s.setString(6, v.option());
        s.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE proposals SET vote_count = (SELECT count(DISTINCT voter) FROM gov_votes"
                  + " WHERE proposal_id = ?), updated_height = ? WHERE id = ?")) {
        s.setLong(1, v.proposal());
        s.setLong(2, height);
        s.setLong(3, v.proposal());
        s.executeUpdate();
      }
    }
  }
}
