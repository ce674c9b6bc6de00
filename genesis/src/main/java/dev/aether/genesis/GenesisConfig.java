package dev.aether.genesis;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Ratio;
import dev.aether.types.codec.Writer;
import java.util.List;

/**
 * The typed contents of {@code config/genesis.toml}: the brief's chain, consensus, fee and rent
 * parameters, the validator set, initial balances, and devnet switches. Parse one with {@link
 * GenesisParser}.
 */
public record GenesisConfig(
    Chain chain,
    Consensus consensus,
    Fees fees,
    Rent rent,
    Devnet devnet,
    Staking staking,
    List<Validator> validators,
    List<Balance> balances) {

  /** {@code [chain]}. */
  public record Chain(String chainId, long slotMs, long blockBytesMax, long epochSlots) {}

  /** {@code [consensus]}: all exact ratios. */
  public record Consensus(Ratio tau, Ratio quorum, Ratio slashDouble, Ratio leakDowntime) {}

  /** {@code [fees]}: fee = a + b·tx_bytes + c·steps + d·mem_bytes. */
  public record Fees(long a, long b, long c, long d) {}

  /** {@code [rent]}. */
  public record Rent(long rhoPerBytePerEpoch, long horizonEpochs) {}

  /** {@code [devnet]}: switches that must be off on any public network. */
  public record Devnet(boolean allowDevAttestations, boolean faucet) {}

  /**
   * {@code [staking]}: the staking program's parameters (docs/programs/staking.md). The slashing
   * fractions {@code slash_double} and {@code leak_downtime} stay in {@code [consensus]}.
   *
   * @param unbondingEpochs epochs an unbonding entry waits before it can be withdrawn (also how
   *     long evidence of an offence stays admissible)
   * @param minSelfBond the least self-bond (SWR base units) a validator registers and stays with
   * @param maxValidators the largest validator set of an epoch (top validators by stake)
   * @param maxCandidates the most registered validators (active or not) at any time
   * @param maxCommissionBps the highest commission (basis points) any validator may declare
   * @param inflation yearly newly minted SWR as a fraction of bonded stake, paid per epoch pro rata
   *     to the epoch's nominal length ({@code epoch_slots · slot_ms}); zero allowed
   * @param downtimeThreshold a validator that misses more than this fraction of an epoch's
   *     certified rounds leaks {@code leak_downtime} per missed round and is jailed
   * @param jailEpochs epochs a jailed validator waits before {@code unjail} is accepted
   * @param reporterReward the fraction of a double-signing slash paid to the evidence's reporter
   */
  public record Staking(
      long unbondingEpochs,
      Amount minSelfBond,
      int maxValidators,
      int maxCandidates,
      int maxCommissionBps,
      Ratio inflation,
      Ratio downtimeThreshold,
      long jailEpochs,
      Ratio reporterReward) {}

  /**
   * {@code [[validators]]}: one validator's public keys and stake (in SWR base units).
   *
   * @param nodeKey Ed25519 public key (32 bytes): node identity and transaction key
   * @param blsKey BLS12-381 G1 public key (48 bytes, compressed) for votes
   * @param blsPop proof of possession of {@code blsKey} (96 bytes, G2)
   * @param vrfKey ECVRF edwards25519 public key (32 bytes) for leader election
   * @param coldKey Ed25519 public key (32 bytes) of the validator's cold key: its identity in every
   *     epoch's validator set, its operator account ({@link #operator()}: staking transactions,
   *     rewards) and the key that signs the operational certificates vouching for its hot KES keys
   *     (which genesis does not name: certificates travel in block headers)
   */
  public record Validator(
      String name,
      Amount stake,
      Bytes nodeKey,
      Bytes blsKey,
      Bytes blsPop,
      Bytes vrfKey,
      Bytes coldKey) {
    /** The node key's account address. */
    public Address address() {
      return Address.ofPublicKey(nodeKey.toArray());
    }

    /** The operator address: the cold key's account, which owns the self-bond and rewards. */
    public Address operator() {
      return Address.ofPublicKey(coldKey.toArray());
    }
  }

  /** {@code [[balances]]}: an initial account balance. */
  public record Balance(Address address, AssetId asset, Amount amount) {}

  public GenesisConfig {
    validators = List.copyOf(validators);
    balances = List.copyOf(balances);
  }

  /** Total validator stake. */
  public Amount totalStake() {
    return validators.stream().map(Validator::stake).reduce(Amount.ZERO, Amount::add);
  }

  /**
   * The canonical encoding of this configuration (docs/codec.md, "Genesis"): every field in
   * declaration order with the codec's integer widths, so the genesis hash is a pure function of
   * the file's values, not of its formatting or comments.
   */
  public byte[] canonicalBytes() {
    Writer w = new Writer(1024);
    w.u8(1);
    w.string(chain.chainId())
        .u64(chain.slotMs())
        .u64(chain.blockBytesMax())
        .u64(chain.epochSlots());
    for (Ratio r :
        List.of(
            consensus.tau(),
            consensus.quorum(),
            consensus.slashDouble(),
            consensus.leakDowntime())) {
      w.u64(r.numerator()).u64(r.denominator());
    }
    w.u64(fees.a()).u64(fees.b()).u64(fees.c()).u64(fees.d());
    w.u64(rent.rhoPerBytePerEpoch()).u64(rent.horizonEpochs());
    w.bool(devnet.allowDevAttestations()).bool(devnet.faucet());
    w.u64(staking.unbondingEpochs());
    Amount.CODEC.write(staking.minSelfBond(), w);
    w.u32(staking.maxValidators()).u32(staking.maxCandidates()).u32(staking.maxCommissionBps());
    for (Ratio r : List.of(staking.inflation(), staking.downtimeThreshold())) {
      w.u64(r.numerator()).u64(r.denominator());
    }
    w.u64(staking.jailEpochs());
    w.u64(staking.reporterReward().numerator()).u64(staking.reporterReward().denominator());
    w.u32(validators.size());
    for (Validator v : validators) {
      w.string(v.name());
      Amount.CODEC.write(v.stake(), w);
      w.fixed(v.nodeKey().toArray())
          .fixed(v.blsKey().toArray())
          .fixed(v.blsPop().toArray())
          .fixed(v.vrfKey().toArray())
          .fixed(v.coldKey().toArray());
    }
    w.u32(balances.size());
    for (Balance b : balances) {
      Address.CODEC.write(b.address(), w);
      dev.aether.types.AssetId.CODEC.write(b.asset(), w);
      Amount.CODEC.write(b.amount(), w);
    }
    return w.toByteArray();
  }

  /** {@code SHA-256("aether/genesis-config/v1" || 0x00 || canonicalBytes())}. */
  public H256 configHash() {
    return Hashing.tagged("aether/genesis-config/v1", canonicalBytes());
  }
}
