package dev.aether.programs.jobs;

import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.ValueEvent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The job escrow's value events, audited against the ledger (docs/adr/0062): over a block of
 * job-escrow transactions, every account's change in every asset but SWR (which pays the fees)
 * equals its credits minus its debits, and the burns equal what the escrow's supply accounting
 * counts as burned. {@link JobsChain} runs it on every such block, so every job test checks it.
 */
final class ValueEventAudit {
  private ValueEventAudit() {}

  /** Whether every call of every transaction goes to the job escrow (no other value moves). */
  static boolean jobsOnly(List<Tx> txs) {
    return txs.stream()
        .allMatch(t -> t.body().calls().stream().allMatch(c -> c.program().equals(JobsProgram.ID)));
  }

  /** The accounts a block may have moved: the given ones, payers, and those its events name. */
  static Set<Address> touched(List<Address> known, List<Tx> txs, List<Receipt> receipts) {
    Set<Address> out = new TreeSet<>(known);
    txs.forEach(t -> out.add(t.body().payer()));
    for (Receipt r : receipts) {
      ValueEvent.of(r.events()).forEach(e -> e.event().account().ifPresent(out::add));
    }
    return out;
  }

  /**
   * What the value events of {@code receipts} leave unexplained: one line per account and asset
   * (SWR aside) whose balance moved by another amount than its credits minus debits, and one if the
   * burns differ from {@code burned}; empty when everything is accounted for.
   */
  static List<String> unexplained(
      Set<Address> accounts,
      BiFunction<Address, AssetId, BigInteger> before,
      BiFunction<Address, AssetId, BigInteger> after,
      List<Receipt> receipts,
      BigInteger burned) {
    Map<Address, Map<AssetId, BigInteger>> claimed = new TreeMap<>();
    BigInteger burns = BigInteger.ZERO;
    for (Receipt r : receipts) {
      for (ValueEvent.Emitted e : ValueEvent.of(r.events())) {
        ValueEvent v = e.event();
        if (v.kind() == ValueEvent.Kind.BURN) {
          burns = burns.add(v.amount().value());
        } else if (v.movesBalance()) {
          claimed
              .computeIfAbsent(v.account().orElseThrow(), k -> new TreeMap<>())
              .merge(v.asset(), v.balanceDelta(), BigInteger::add);
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (Address a : accounts) {
      for (AssetId asset : List.of(AssetId.AIC, AssetId.USDT)) {
        BigInteger moved = after.apply(a, asset).subtract(before.apply(a, asset));
        BigInteger said = claimed.getOrDefault(a, Map.of()).getOrDefault(asset, BigInteger.ZERO);
        if (!moved.equals(said)) {
          out.add(a + " " + asset + ": balance moved " + moved + ", value events say " + said);
        }
      }
    }
    if (!burns.equals(burned)) {
      out.add("burn events say " + burns + ", the supply accounting burned " + burned);
    }
    return out;
  }
}
