package dev.aether.programs.staking;

import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.codec.Writer;

/**
 * Where the staking program keeps each entry: one state key per validator, pool, delegation,
 * unbonding bucket and entry, so transactions about different validators or delegators touch
 * different keys and run in parallel. Keys are domain-tagged hashes under the state root.
 */
public final class StakingKeys {
  private StakingKeys() {}

  private static H256 key(String kind, Writer parts) {
    return Hashing.tagged("aether/staking/" + kind + "/v1", parts.toByteArray());
  }

  private static Writer w() {
    return new Writer(80);
  }

  /** The program's parameters. */
  public static H256 params() {
    return key("params", w());
  }

  /** The list of registered validators (operators, ascending). */
  public static H256 registry() {
    return key("registry", w());
  }

  /** A validator's keys, commission and status. */
  public static H256 validator(Address operator) {
    return key("validator", w().fixed(operator.hash().toArray()));
  }

  /** A validator's bonded pool: tokens and the shares its delegators hold. */
  public static H256 pool(Address operator) {
    return key("pool", w().fixed(operator.hash().toArray()));
  }

  /** A validator's reward accumulator (written only at epoch boundaries). */
  public static H256 rewards(Address operator) {
    return key("rewards", w().fixed(operator.hash().toArray()));
  }

  /** One delegator's shares of one validator's pool (the operator's own is its self-bond). */
  public static H256 delegation(Address operator, Address delegator) {
    return key(
        "delegation", w().fixed(operator.hash().toArray()).fixed(delegator.hash().toArray()));
  }

  /** Where {@code delegator} has stake: its validators and unbonding entries (for queries). */
  public static H256 positions(Address delegator) {
    return key("positions", w().fixed(delegator.hash().toArray()));
  }

  /** The tokens unbonding from a validator that started in {@code epoch}. */
  public static H256 unbonding(Address operator, long epoch) {
    return key("unbonding", w().fixed(operator.hash().toArray()).u64(epoch));
  }

  /** One delegator's shares of the unbonding bucket {@code (operator, epoch)}. */
  public static H256 unbondingEntry(Address operator, Address delegator, long epoch) {
    return key(
        "unbonding-entry",
        w().fixed(operator.hash().toArray()).fixed(delegator.hash().toArray()).u64(epoch));
  }

  /** Redelegations away from {@code operator} made in {@code epoch} (still slashable there). */
  public static H256 redelegations(Address operator, long epoch) {
    return key("redelegations", w().fixed(operator.hash().toArray()).u64(epoch));
  }

  /** Which validator uses a consensus key ({@code kind}: node, bls or vrf): keys are unique. */
  public static H256 keyOwner(String kind, Bytes key) {
    return key("key-owner", w().string(kind).bytes(key.toArray()));
  }

  /** The validator set recorded for {@code epoch} ({@link EpochValidatorSet}). */
  public static H256 epochSet(long epoch) {
    return key("epoch-set", w().u64(epoch));
  }

  /** Votes and proposals counted for the validators of {@code epoch}. */
  public static H256 participation(long epoch) {
    return key("participation", w().u64(epoch));
  }

  /** The last block the end-of-block processing saw (slot and epoch). */
  public static H256 cursor() {
    return key("cursor", w());
  }

  /** Verified double-signing evidence waiting to be applied at the end of the block. */
  public static H256 slashQueue() {
    return key("slash-queue", w());
  }

  /** Chain-wide totals: inflation minted, slashes burned, reporter rewards paid. */
  public static H256 totals() {
    return key("totals", w());
  }

  /** Marks evidence {@code id} as used, so the same evidence is refused the second time. */
  public static H256 evidence(H256 id) {
    return key("evidence", w().fixed(id.toArray()));
  }
}
