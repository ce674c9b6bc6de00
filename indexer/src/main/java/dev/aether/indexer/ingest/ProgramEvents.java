package dev.aether.indexer.ingest;

import dev.aether.indexer.ingest.Rows.AmmRows;
import dev.aether.indexer.ingest.Rows.Change;
import dev.aether.indexer.ingest.Rows.GovDepositRow;
import dev.aether.indexer.ingest.Rows.GovRows;
import dev.aether.indexer.ingest.Rows.LiquidityRow;
import dev.aether.indexer.ingest.Rows.Payment;
import dev.aether.indexer.ingest.Rows.PoolCreated;
import dev.aether.indexer.ingest.Rows.ProposalRow;
import dev.aether.indexer.ingest.Rows.SwapRow;
import dev.aether.indexer.ingest.Rows.Upgrade;
import dev.aether.indexer.ingest.Rows.VoteRow;
import dev.aether.programs.amm.Amm;
import dev.aether.programs.amm.AmmKeys;
import dev.aether.programs.governance.GovCalls;
import dev.aether.programs.governance.ProposalKind;
import dev.aether.programs.governance.VoteOption;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the AMM's ({@code amm.create|add|remove|swap}) and governance's ({@code
 * governance.submit|deposit|vote}) events of one block into rows, and the account moves they
 * describe. The event layouts are the programs' ({@code AmmProgram}, {@code GovernanceProgram}); a
 * proposal's kind, title, description and deposit come from its {@code submit} call, decoded with
 * the program's own codec ({@link GovCalls.Submit#CODEC}).
 *
 * <p>Each event is decoded whole before anything is recorded, so an event this indexer cannot read
 * adds nothing (it stays an event row). The account the program debited or credited is the
 * transaction's payer: the caller of a transaction's own call (a contract calling the AMM is not
 * seen as the trader: docs/indexer.md).
 */
final class ProgramEvents {
  /** Where the account moves an event describes go. */
  @FunctionalInterface
  interface Moves {
    void move(Address who, AssetId asset, BigInteger delta, String cause);
  }

  private final List<PoolCreated> created = new ArrayList<>();
  private final List<LiquidityRow> liquidity = new ArrayList<>();
  private final List<SwapRow> swaps = new ArrayList<>();
  private final List<ProposalRow> proposals = new ArrayList<>();
  private final List<GovDepositRow> deposits = new ArrayList<>();
  private final List<VoteRow> votes = new ArrayList<>();

  AmmRows amm() {
    return new AmmRows(List.copyOf(created), List.copyOf(liquidity), List.copyOf(swaps));
  }

  GovRows gov() {
    return new GovRows(List.copyOf(proposals), List.copyOf(deposits), List.copyOf(votes));
  }

  /** One {@code amm.*} event of transaction {@code tx}. */
  void amm(String kind, byte[] data, H256 tx, int index, long height, Address payer, Moves moves) {
    Reader in = new Reader(data);
    switch (kind) {
      case "create" -> {
        AssetId a = AssetId.CODEC.read(in);
        AssetId b = AssetId.CODEC.read(in);
        int fee = in.u16("fee bps");
        in.expectEnd("amm.create");
        if (a.compareTo(b) >= 0) {
          throw new IllegalArgumentException("pool assets out of order");
        }
        created.add(new PoolCreated(tx, height, a, b, fee));
      }
      case "add", "remove" -> {
        AssetId x = AssetId.CODEC.read(in);
        AssetId y = AssetId.CODEC.read(in);
        BigInteger ax = u128(in);
        BigInteger ay = u128(in);
        BigInteger shares = u128(in);
        in.expectEnd("amm." + kind);
        if (x.equals(y)) {
          throw new IllegalArgumentException("pool of one asset");
        }
        boolean xIsA = x.compareTo(y) < 0;
        AssetId a = xIsA ? x : y;
        AssetId b = xIsA ? y : x;
        liquidity.add(
            new LiquidityRow(
                tx, index, height, payer, kind, a, b, xIsA ? ax : ay, xIsA ? ay : ax, shares));
        int sign = kind.equals("add") ? -1 : 1;
        String cause = "amm_" + kind;
        moves.move(payer, x, signed(ax, sign), cause);
        moves.move(payer, y, signed(ay, sign), cause);
        moves.move(payer, AmmKeys.lpAsset(x, y), signed(shares, -sign), cause);
      }
      case "swap" -> {
        List<AssetId> path = in.list("path", Amm.MAX_PATH, AssetId.CODEC);
        int exact = in.u8("exact side");
        long n = in.u32("amounts");
        if (exact > 1 || path.size() < 2 || n != path.size()) {
          throw new IllegalArgumentException("malformed swap event");
        }
        List<BigInteger> amounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          amounts.add(u128(in));
        }
        in.expectEnd("amm.swap");
        swaps.add(new SwapRow(tx, index, height, payer, exact == 0 ? "in" : "out", path, amounts));
        moves.move(payer, path.getFirst(), amounts.getFirst().negate(), "amm_swap");
        moves.move(payer, path.getLast(), amounts.getLast(), "amm_swap");
      }
      default -> {} // an event this indexer does not know: kept as an event row only
    }
  }

  /**
   * One {@code governance.*} event; {@code call} is the governance call that emitted it (the
   * transaction's governance calls and events pair up in order: each successful call emits one).
   */
  void gov(
      String kind,
      byte[] data,
      Optional<Call> call,
      H256 tx,
      int index,
      long height,
      Address payer,
      Moves moves) {
    Reader in = new Reader(data);
    switch (kind) {
      case "submit" -> {
        long id = in.u64("proposal id");
        String kindName = in.string("kind", 64);
        in.expectEnd("governance.submit");
        if (call.isEmpty() || !call.get().method().equals(GovCalls.SUBMIT)) {
          throw new IllegalArgumentException("a submit event without its call");
        }
        GovCalls.Submit s = GovCalls.Submit.CODEC.decode(call.get().args().toArray());
        if (!s.kind().name().equals(kindName)) {
          throw new IllegalArgumentException("the submit call is not the event's");
        }
        List<Change> changes = new ArrayList<>();
        Optional<Upgrade> upgrade = Optional.empty();
        List<Payment> payments = new ArrayList<>();
        switch (s.kind()) {
          case ProposalKind.ParamChange p ->
              p.changes().forEach(c -> changes.add(new Change(c.param(), c.value())));
          case ProposalKind.SoftwareUpgrade u ->
              upgrade = Optional.of(new Upgrade(u.version(), u.height(), u.release()));
          case ProposalKind.TreasurySpend t ->
              t.payments()
                  .forEach(x -> payments.add(new Payment(x.to(), x.asset(), x.amount().value())));
        }
        proposals.add(
            new ProposalRow(
                id,
                tx,
                height,
                payer,
                kindName,
                s.title(),
                s.description(),
                changes,
                upgrade,
                payments));
        BigInteger amount = s.deposit().value();
        // The submit's deposit; whether it already opened voting is not in the event: the
        // node's view says (proposal_views).
        deposits.add(new GovDepositRow(tx, index, height, id, payer, amount, "submitted"));
        moves.move(payer, AssetId.SWR, amount.negate(), "gov_deposit");
      }
      case "deposit" -> {
        long id = in.u64("proposal id");
        BigInteger amount = Amount.CODEC.read(in).value();
        String status = in.string("status", 32);
        in.expectEnd("governance.deposit");
        deposits.add(new GovDepositRow(tx, index, height, id, payer, amount, status));
        moves.move(payer, AssetId.SWR, amount.negate(), "gov_deposit");
      }
      case "vote" -> {
        long id = in.u64("proposal id");
        int o = in.u8("option");
        in.expectEnd("governance.vote");
        if (o >= VoteOption.values().length) {
          throw new CodecException.UnknownTag("vote option", o);
        }
        votes.add(new VoteRow(tx, index, height, id, payer, VoteOption.values()[o].label()));
      }
      default -> {}
    }
  }

  private static BigInteger u128(Reader in) {
    return Amount.CODEC.read(in).value();
  }

  private static BigInteger signed(BigInteger v, int sign) {
    return sign < 0 ? v.negate() : v;
  }
}
