package dev.aether.rpc;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A governance proposal as {@code aeth_getProposal} shows it. {@code kind} is {@code param_change}
 * (with {@code changes}), {@code software_upgrade} (with {@code upgrade}) or {@code treasury_spend}
 * (with {@code payments}); {@code votes} lists each voter's choice while voting lasts (the tally
 * keeps the sums after).
 */
public record ProposalInfo(
    long id,
    Address proposer,
    String title,
    String description,
    String kind,
    Map<String, String> changes,
    Optional<Upgrade> upgrade,
    List<Payment> payments,
    String status,
    long submitSlot,
    long depositEndSlot,
    long votingStartSlot,
    long votingEndSlot,
    Map<Address, Amount> deposits,
    Amount totalDeposit,
    Tally tally,
    Map<String, String> votes,
    String outcome) {

  /** A protocol upgrade: version, activation height, release to run. */
  public record Upgrade(int version, long height, String release) {}

  /** One treasury payment. */
  public record Payment(Address to, AssetId asset, Amount amount) {}

  /** Bonded stake per option and the bonded stake measured against. */
  public record Tally(Amount yes, Amount no, Amount abstain, Amount veto, Amount bonded) {}
}
