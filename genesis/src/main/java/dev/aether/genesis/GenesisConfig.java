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
    Jobs jobs,
    List<Validator> validators,
    List<Balance> balances,
    Limits limits,
    Amm amm,
    Governance governance) {

  /**
   * {@code [amm]}: the AMM program's parameters and the pools genesis creates
   * (docs/programs/amm.md). Optional: absent means {@link #DEFAULT} (no pools).
   *
   * @param feeBps the swap fee of pools created from now on, in basis points (1..1000)
   * @param maxPools the most pools the program lists (the registry is one object)
   * @param pools pools created at genesis with their initial reserves (minted into the pool) and
   *     the address that receives the initial LP shares
   */
  public record Amm(int feeBps, int maxPools, List<Pool> pools) {
    /** Highest swap fee a pool may charge (10 %). */
    public static final int MAX_FEE_BPS = 1_000;

    /** Upper bound of {@code max_pools}. */
    public static final int MAX_POOLS = 4_096;

    /** 0.30 % fees, 1024 pools, none at genesis. */
    public static final Amm DEFAULT = new Amm(30, 1024, List.of());

    /** One genesis pool. */
    public record Pool(
        AssetId assetA, AssetId assetB, Amount amountA, Amount amountB, Address provider) {}

    public Amm {
      pools = List.copyOf(pools);
      if (feeBps < 1 || feeBps > MAX_FEE_BPS) {
        throw new IllegalArgumentException("fee_bps must be 1.." + MAX_FEE_BPS);
      }
      if (maxPools < 1 || maxPools > MAX_POOLS || pools.size() > maxPools) {
        throw new IllegalArgumentException(
            "max_pools must be 1.." + MAX_POOLS + " and hold the pools");
      }
    }
  }

  /**
   * {@code [governance]}: proposals, voting and the treasury's income
   * (docs/programs/governance.md). Optional: absent means {@link #DEFAULT}.
   *
   * @param minDeposit SWR a proposal must collect before its voting period starts
   * @param depositPeriodSlots slots a proposal may wait for its deposit; then it expires
   * @param votingPeriodSlots slots from the start of voting to the tally
   * @param quorum the share of bonded stake that must vote (abstain counts) or deposits are burned
   * @param threshold the share of yes among yes + no + veto needed to pass
   * @param vetoThreshold the share of veto among all votes cast that rejects and burns the deposit
   * @param maxActive the most proposals in deposit or voting at once
   * @param treasuryFeeBps share of every block's fees paid into the treasury (basis points)
   * @param treasurySlashBps share of slashed stake paid into the treasury instead of burned
   */
  public record Governance(
      Amount minDeposit,
      long depositPeriodSlots,
      long votingPeriodSlots,
      Ratio quorum,
      Ratio threshold,
      Ratio vetoThreshold,
      int maxActive,
      int treasuryFeeBps,
      int treasurySlashBps) {
    /** Upper bound of {@code max_active}: each active proposal is read at every block's end. */
    public static final int MAX_ACTIVE = 16;

    /**
     * Cosmos' defaults: quorum 1/3, threshold 1/2, veto 1/3; week-long deposit and voting periods
     * at 500 ms slots; 10 % of fees and half of slashes to the treasury.
     */
    public static final Governance DEFAULT =
        new Governance(
            Amount.of(10_000_000_000L),
            1_209_600,
            1_209_600,
            new Ratio(1, 3),
            new Ratio(1, 2),
            new Ratio(1, 3),
            8,
            1_000,
            5_000);

    public Governance {
      java.util.Objects.requireNonNull(minDeposit, "minDeposit");
      if (minDeposit.isZero() || depositPeriodSlots < 1 || votingPeriodSlots < 1) {
        throw new IllegalArgumentException("deposit and periods must be positive");
      }
      if (!quorum.isAtMostOne() || !threshold.isAtMostOne() || !vetoThreshold.isAtMostOne()) {
        throw new IllegalArgumentException("quorum, threshold and veto must be at most 1");
      }
      if (maxActive < 1 || maxActive > MAX_ACTIVE) {
        throw new IllegalArgumentException("max_active must be 1.." + MAX_ACTIVE);
      }
      if (treasuryFeeBps < 0
          || treasuryFeeBps > 10_000
          || treasurySlashBps < 0
          || treasurySlashBps > 10_000) {
        throw new IllegalArgumentException("treasury shares must be 0..10000 bps");
      }
    }
  }

  /** A configuration without {@code [jobs]} and {@code [limits]}: their defaults apply. */
  public GenesisConfig(
      Chain chain,
      Consensus consensus,
      Fees fees,
      Rent rent,
      Devnet devnet,
      Staking staking,
      List<Validator> validators,
      List<Balance> balances) {
    this(
        chain,
        consensus,
        fees,
        rent,
        devnet,
        staking,
        Jobs.defaults(chain.slotMs()),
        validators,
        balances,
        Limits.DEFAULT);
  }

  /** A configuration without {@code [limits]}: the default limits apply. */
  public GenesisConfig(
      Chain chain,
      Consensus consensus,
      Fees fees,
      Rent rent,
      Devnet devnet,
      Staking staking,
      Jobs jobs,
      List<Validator> validators,
      List<Balance> balances) {
    this(chain, consensus, fees, rent, devnet, staking, jobs, validators, balances, Limits.DEFAULT);
  }

  /** A configuration without {@code [jobs]}: the job-escrow defaults apply. */
  public GenesisConfig(
      Chain chain,
      Consensus consensus,
      Fees fees,
      Rent rent,
      Devnet devnet,
      Staking staking,
      List<Validator> validators,
      List<Balance> balances,
      Limits limits) {
    this(
        chain,
        consensus,
        fees,
        rent,
        devnet,
        staking,
        Jobs.defaults(chain.slotMs()),
        validators,
        balances,
        limits);
  }

  /** {@code [chain]}. */
  public record Chain(String chainId, long slotMs, long blockBytesMax, long epochSlots) {}

  /** {@code [consensus]}: all exact ratios. */
  public record Consensus(Ratio tau, Ratio quorum, Ratio slashDouble, Ratio leakDowntime) {}

  /** {@code [fees]}: fee = a + b·tx_bytes + c·steps + d·mem_bytes. */
  public record Fees(long a, long b, long c, long d) {}

  /** {@code [rent]}. */
  public record Rent(long rhoPerBytePerEpoch, long horizonEpochs) {}

  /**
   * {@code [limits]}: resource limits every validator enforces on contract execution (consensus
   * rules; docs/runtime.md, "Limits"). A step is the runtime's unit of execution time (StepCosts).
   *
   * @param txStepsMax most metered steps one transaction may use, whatever its fee cap
   * @param txMemoryBytesMax most memory bytes one transaction may be charged for (contract linear
   *     memory plus bytes written to state)
   * @param blockStepsMax most metered steps all transactions of one block may use together; a block
   *     over it is invalid
   * @param contractPagesMax most 64 KiB pages of linear memory a contract may have
   * @param contractTableElementsMax most elements a contract's table may hold (declared or grown)
   * @param contractCodeBytesMax largest deployable module
   * @param contractCallDepthMax most nested contract-to-contract calls in one transaction
   */
  public record Limits(
      long txStepsMax,
      long txMemoryBytesMax,
      long blockStepsMax,
      int contractPagesMax,
      int contractTableElementsMax,
      int contractCodeBytesMax,
      int contractCallDepthMax) {
    /** The values used when a genesis file has no {@code [limits]} section. */
    public static final Limits DEFAULT =
        new Limits(2_000_000, 4L << 20, 20_000_000, 16, 4096, 64 * 1024, 8);

    public Limits {
      if (txStepsMax <= 0 || blockStepsMax < txStepsMax) {
        throw new IllegalArgumentException("need 0 < txStepsMax <= blockStepsMax");
      }
      if (txMemoryBytesMax < 65_536L) {
        throw new IllegalArgumentException("txMemoryBytesMax must be at least one page");
      }
      if (contractPagesMax < 1 || contractPagesMax > 65_536) {
        throw new IllegalArgumentException("contractPagesMax must be 1..65536");
      }
      if (contractTableElementsMax < 0 || contractTableElementsMax > 1_000_000) {
        throw new IllegalArgumentException("contractTableElementsMax must be 0..1000000");
      }
      if (contractCodeBytesMax < 8 || contractCallDepthMax < 1 || contractCallDepthMax > 64) {
        throw new IllegalArgumentException("contract code or call depth limit out of range");
      }
    }
  }

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
   * {@code [jobs]}: the job-escrow program's parameters (docs/programs/jobs.md).
   *
   * @param challengeWindowSlots slots after a receipt is accepted during which it can be challenged
   * @param burnPerJUnit AIC base units burned per metered J-unit when a job settles
   * @param challengeBond AIC a challenger puts up; burned if the challenge loses
   * @param minBondRatio a provider's bond must be at least this fraction of the job's max price
   * @param challengerShare the part of a slashed bond paid to whoever proved the fault (the
   *     challenger, or the sender of an expiry after a missed deadline); the rest is burned
   * @param timeOriginMs Unix milliseconds of slot 0, for judging TEE certificates at a block's slot
   *     (chain time = origin + slot · slot_ms); 0 means none, and hardware evidence then fails its
   *     certificate validity
   * @param maxProviders the most registered providers (the registry is listed in one object)
   */
  public record Jobs(
      long challengeWindowSlots,
      Amount burnPerJUnit,
      Amount challengeBond,
      Ratio minBondRatio,
      Ratio challengerShare,
      long timeOriginMs,
      int maxProviders) {
    /** Upper bound of {@code max_providers}. */
    public static final int MAX_PROVIDERS = 4096;

    /**
     * The defaults: a 24-hour window at {@code slotMs} (the brief's dispute SLO), 1 AIC base unit
     * burned per J-unit, a 100-unit challenge bond, a bond of at least the max price, half of a
     * slashed bond to the challenger, no time origin, 1024 providers.
     */
    public static Jobs defaults(long slotMs) {
      long window = Math.max(1, (24L * 3600 * 1000 + slotMs - 1) / Math.max(1, slotMs));
      return new Jobs(
          window, Amount.of(1), Amount.of(100), new Ratio(1, 1), new Ratio(1, 2), 0, 1024);
    }
  }

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
    java.util.Objects.requireNonNull(limits, "limits");
    java.util.Objects.requireNonNull(amm, "amm");
    java.util.Objects.requireNonNull(governance, "governance");
  }

  /** A configuration without {@code [amm]} and {@code [governance]} sections (their defaults). */
  public GenesisConfig(
      Chain chain,
      Consensus consensus,
      Fees fees,
      Rent rent,
      Devnet devnet,
      Staking staking,
      Jobs jobs,
      List<Validator> validators,
      List<Balance> balances,
      Limits limits) {
    this(
        chain,
        consensus,
        fees,
        rent,
        devnet,
        staking,
        jobs,
        validators,
        balances,
        limits,
        Amm.DEFAULT,
        Governance.DEFAULT);
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
    w.u8(3);
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
    w.u64(jobs.challengeWindowSlots());
    Amount.CODEC.write(jobs.burnPerJUnit(), w);
    Amount.CODEC.write(jobs.challengeBond(), w);
    for (Ratio r : List.of(jobs.minBondRatio(), jobs.challengerShare())) {
      w.u64(r.numerator()).u64(r.denominator());
    }
    w.u64(jobs.timeOriginMs()).u32(jobs.maxProviders());
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
    w.u64(limits.txStepsMax())
        .u64(limits.txMemoryBytesMax())
        .u64(limits.blockStepsMax())
        .u32(limits.contractPagesMax())
        .u32(limits.contractTableElementsMax())
        .u32(limits.contractCodeBytesMax())
        .u32(limits.contractCallDepthMax());
    w.u16(amm.feeBps()).u32(amm.maxPools()).u32(amm.pools().size());
    for (Amm.Pool p : amm.pools()) {
      dev.aether.types.AssetId.CODEC.write(p.assetA(), w);
      dev.aether.types.AssetId.CODEC.write(p.assetB(), w);
      Amount.CODEC.write(p.amountA(), w);
      Amount.CODEC.write(p.amountB(), w);
      Address.CODEC.write(p.provider(), w);
    }
    Amount.CODEC.write(governance.minDeposit(), w);
    w.u64(governance.depositPeriodSlots()).u64(governance.votingPeriodSlots());
    for (Ratio r :
        List.of(governance.quorum(), governance.threshold(), governance.vetoThreshold())) {
      w.u64(r.numerator()).u64(r.denominator());
    }
    w.u32(governance.maxActive())
        .u16(governance.treasuryFeeBps())
        .u16(governance.treasurySlashBps());
    return w.toByteArray();
  }

  /** {@code SHA-256("aether/genesis-config/v1" || 0x00 || canonicalBytes())}. */
  public H256 configHash() {
    return Hashing.tagged("aether/genesis-config/v1", canonicalBytes());
  }
}
