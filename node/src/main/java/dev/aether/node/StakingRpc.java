package dev.aether.node;

import dev.aether.ledger.CommittedView;
import dev.aether.programs.staking.StakingView;
import dev.aether.programs.staking.ValidatorSets;
import dev.aether.rpc.StakeInfo;
import dev.aether.rpc.ValidatorInfo;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The staking program's state as RPC shows it ({@code aeth_getValidators}, {@code aeth_getStake}).
 */
public final class StakingRpc {
  private StakingRpc() {}

  /** The epoch of the ledger's latest committed block (genesis: 0). */
  public static long epoch(CommittedView l, long epochSlots) {
    long slot = l.header(l.head().height()).map(h -> h.slot()).orElse(0L);
    return Long.divideUnsigned(slot, epochSlots);
  }

  /** Every registered validator at the latest committed state. */
  public static List<ValidatorInfo> validators(CommittedView l, long epochSlots) {
    long epoch = epoch(l, epochSlots);
    StakingView view = new StakingView(l.state());
    var set = ValidatorSets.read(l.state(), epoch);
    List<ValidatorInfo> out = new ArrayList<>();
    for (StakingView.ValidatorInfo v : view.validators(epoch)) {
      TreeMap<String, Bytes> keys = new TreeMap<>();
      keys.put("node", v.nodeKey());
      keys.put("bls", v.blsKey());
      keys.put("vrf", v.vrfKey());
      keys.put("cold", v.coldKey());
      int index = set.flatMap(s -> s.indexOf(v.operator())).orElse(-1);
      out.add(
          new ValidatorInfo(
              index,
              v.operator(),
              v.name(),
              new Amount(v.stake()),
              new Amount(v.selfBond()),
              new Amount(v.delegated()),
              v.commissionBps(),
              v.maxCommissionBps(),
              v.maxChangeBps(),
              v.status().name().toLowerCase(Locale.ROOT),
              v.missedRounds(),
              v.certifiedRounds(),
              v.jailedUntil(),
              keys));
    }
    return out;
  }

  /** What {@code address} has at stake at the latest committed state. */
  public static StakeInfo stake(CommittedView l, long epochSlots, Address address) {
    long epoch = epoch(l, epochSlots);
    StakingView.Stake s = new StakingView(l.state()).stake(address, epoch);
    List<StakeInfo.Delegation> ds = new ArrayList<>();
    for (StakingView.Position p : s.delegations()) {
      ds.add(
          new StakeInfo.Delegation(
              p.validator(),
              new Amount(p.tokens()),
              new Amount(p.pendingRewards()),
              p.lockedUntil()));
    }
    List<StakeInfo.Unbonding> us = new ArrayList<>();
    for (StakingView.Unbonding u : s.unbonding()) {
      us.add(
          new StakeInfo.Unbonding(
              u.validator(), u.epoch(), new Amount(u.tokens()), u.withdrawableFromEpoch()));
    }
    return new StakeInfo(address, epoch, ds, us, new Amount(s.pendingRewards()));
  }
}
