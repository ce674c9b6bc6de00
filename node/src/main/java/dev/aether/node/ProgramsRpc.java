package dev.aether.node;

import dev.aether.ledger.ChainParams;
import dev.aether.ledger.CommittedView;
import dev.aether.ledger.LedgerException;
import dev.aether.programs.amm.AmmView;
import dev.aether.programs.amm.Pool;
import dev.aether.programs.governance.GovView;
import dev.aether.programs.governance.Proposal;
import dev.aether.programs.governance.ProposalKind;
import dev.aether.rpc.ParamsInfo;
import dev.aether.rpc.PoolInfo;
import dev.aether.rpc.ProposalInfo;
import dev.aether.rpc.RpcException;
import dev.aether.rpc.SwapQuote;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The AMM's and governance's state as RPC shows it ({@code aeth_getPool}, {@code aeth_getPools},
 * {@code aeth_quoteSwap}, {@code aeth_getProposal}, {@code aeth_getProposals}, {@code
 * aeth_getParams}), read from a ledger's committed state.
 */
public final class ProgramsRpc {
  private ProgramsRpc() {}

  public static Optional<PoolInfo> pool(CommittedView l, AssetId x, AssetId y) {
    return AmmView.pool(l.state(), x, y).map(ProgramsRpc::info);
  }

  public static List<PoolInfo> pools(CommittedView l) {
    return AmmView.pools(l.state()).stream().map(ProgramsRpc::info).toList();
  }

  /** A quote at the committed state; an AMM refusal is an invalid-params error naming its code. */
  public static SwapQuote quote(
      CommittedView l, List<AssetId> path, Amount amount, boolean exactIn) {
    try {
      AmmView.Quote q =
          exactIn
              ? AmmView.quoteExactIn(l.state(), path, amount.value())
              : AmmView.quoteExactOut(l.state(), path, amount.value());
      return new SwapQuote(q.path(), q.amounts().stream().map(Amount::new).toList(), q.feesBps());
    } catch (LedgerException e) {
      throw RpcException.invalidParams(e.error().code() + ": " + e.error().message());
    }
  }

  static PoolInfo info(Pool p) {
    return new PoolInfo(
        p.assetA(),
        p.assetB(),
        new Amount(p.reserveA()),
        new Amount(p.reserveB()),
        p.lpAsset(),
        new Amount(p.lpSupply()),
        p.feeBps(),
        p.cumulativeA(),
        p.cumulativeB(),
        p.lastSlot());
  }

  public static Optional<ProposalInfo> proposal(CommittedView l, long id) {
    GovView v = new GovView(l.state());
    return v.proposal(id).map(p -> info(p, v));
  }

  public static List<ProposalInfo> proposals(CommittedView l, int max) {
    GovView v = new GovView(l.state());
    return v.recent(max).stream().map(p -> info(p, v)).toList();
  }

  public static ParamsInfo params(CommittedView l) {
    GovView v = new GovView(l.state());
    Optional<ChainParams> c = v.chainParams();
    return new ParamsInfo(
        l.head().height(),
        c.map(ChainParams::protocolVersion).orElse(ChainParams.GENESIS_PROTOCOL_VERSION),
        c.flatMap(ChainParams::upgrade)
            .map(u -> new ProposalInfo.Upgrade(u.version(), u.height(), u.name())),
        v.paramValues(),
        v.treasury(AssetId.SWR),
        v.nextId(),
        v.active(),
        new Amount(v.burnedDeposits()));
  }

  static ProposalInfo info(Proposal p, GovView v) {
    Map<String, String> changes = new LinkedHashMap<>();
    Optional<ProposalInfo.Upgrade> upgrade = Optional.empty();
    List<ProposalInfo.Payment> payments = new ArrayList<>();
    switch (p.kind()) {
      case ProposalKind.ParamChange pc ->
          pc.changes().forEach(c -> changes.put(c.param(), c.value()));
      case ProposalKind.SoftwareUpgrade u ->
          upgrade = Optional.of(new ProposalInfo.Upgrade(u.version(), u.height(), u.release()));
      case ProposalKind.TreasurySpend t ->
          t.payments()
              .forEach(x -> payments.add(new ProposalInfo.Payment(x.to(), x.asset(), x.amount())));
    }
    TreeMap<Address, Amount> deposits = new TreeMap<>();
    p.deposits().forEach(d -> deposits.put(d.depositor(), d.amount()));
    Proposal.Tally t = p.tally();
    return new ProposalInfo(
        p.id(),
        p.proposer(),
        p.title(),
        p.description(),
        p.kind().name(),
        changes,
        upgrade,
        payments,
        p.status().label(),
        p.submitSlot(),
        p.depositEndSlot(),
        p.votingStartSlot(),
        p.votingEndSlot(),
        deposits,
        p.totalDeposit(),
        new ProposalInfo.Tally(
            amount(t.yes()),
            amount(t.no()),
            amount(t.abstain()),
            amount(t.veto()),
            amount(t.bonded())),
        v.votes(p.id()),
        p.outcome());
  }

  private static Amount amount(BigInteger v) {
    return new Amount(v);
  }
}
