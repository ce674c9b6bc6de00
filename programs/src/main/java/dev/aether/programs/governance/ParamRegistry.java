package dev.aether.programs.governance;

import dev.aether.ledger.ChainParams;
import dev.aether.ledger.LinearFeeSchedule;
import dev.aether.programs.amm.AmmParams;
import dev.aether.programs.jobs.JobsParams;
import dev.aether.programs.staking.StakingParams;
import dev.aether.types.Amount;
import dev.aether.types.Ratio;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Every parameter a proposal may change, with its syntax and range, and how a list of changes turns
 * the current parameter objects into new ones. A change list is checked when the proposal is
 * submitted and again, on the state of that moment, when it passes: each value must parse and lie
 * in its range, and the resulting objects must satisfy their own invariants (for example {@code
 * staking.max_validators ≤ staking.max_candidates}). All changes apply, or none.
 *
 * <p>{@code chain.slot_ms} is refused: the consensus slot clock reads the genesis slot length (see
 * docs/programs/governance.md, "Not yet"). The job escrow's economic parameters ({@code jobs.*})
 * are governable; its time origin, slot length and development-TEE switch stay genesis constants.
 */
public final class ParamRegistry {
  private ParamRegistry() {}

  /** The parameter objects a change list applies to (empty where the state has none). */
  public record Snapshot(
      Optional<ChainParams> chain,
      Optional<StakingParams> staking,
      Optional<AmmParams> amm,
      Optional<JobsParams> jobs,
      GovParams gov) {}

  private enum Syntax {
    INTEGER("an integer"),
    AMOUNT("a u128 integer"),
    FRACTION("a fraction such as 1/2 or 0.05"),
    RATIO("a non-negative fraction such as 3/2 or 1.5");

    final String text;

    Syntax(String text) {
      this.text = text;
    }
  }

  /** One governable parameter. */
  private record Param(
      String name, Syntax syntax, BigInteger min, BigInteger max, BiConsumer<Draft, Object> set) {}

  private static final Map<String, Param> PARAMS = new TreeMap<>();

  private static final Set<String> NOT_GOVERNABLE = Set.of("chain.slot_ms", "chain.epoch_slots");

  private static void integer(String name, long min, long max, BiConsumer<Draft, Long> set) {
    PARAMS.put(
        name,
        new Param(
            name,
            Syntax.INTEGER,
            BigInteger.valueOf(min),
            BigInteger.valueOf(max),
            (d, v) -> set.accept(d, (Long) v)));
  }

  private static void amount(String name, BiConsumer<Draft, Amount> set) {
    PARAMS.put(
        name,
        new Param(
            name,
            Syntax.AMOUNT,
            BigInteger.ONE,
            Amount.MAX_VALUE,
            (d, v) -> set.accept(d, (Amount) v)));
  }

  private static void fraction(String name, BiConsumer<Draft, Ratio> set) {
    PARAMS.put(
        name,
        new Param(
            name,
            Syntax.FRACTION,
            BigInteger.ZERO,
            BigInteger.ONE,
            (d, v) -> set.accept(d, (Ratio) v)));
  }

  private static void ratio(String name, long maxWhole, BiConsumer<Draft, Ratio> set) {
    PARAMS.put(
        name,
        new Param(
            name,
            Syntax.RATIO,
            BigInteger.ZERO,
            BigInteger.valueOf(maxWhole),
            (d, v) -> set.accept(d, (Ratio) v)));
  }

  static {
    long t = 1_000_000_000_000L;
    integer("fees.a", 0, t, (d, v) -> d.feeA = v);
    integer("fees.b", 0, 1_000_000, (d, v) -> d.feeB = v);
    integer("fees.c", 0, 1_000_000, (d, v) -> d.feeC = v);
    integer("fees.d", 0, 1_000_000, (d, v) -> d.feeD = v);
    integer("rent.rho_per_byte_per_epoch", 0, 1_000_000, (d, v) -> d.rentRho = v);
    integer("rent.horizon_epochs", 1, 1_000_000, (d, v) -> d.rentHorizon = v);
    integer("congestion.target", 1, 1_000_000, (d, v) -> d.congestionTarget = v.intValue());
    integer("congestion.max_permille", 1_000, 1_000_000_000, (d, v) -> d.congestionMax = v);
    integer(
        "chain.block_bytes_max",
        ChainParams.MIN_BLOCK_BYTES,
        ChainParams.MAX_BLOCK_BYTES,
        (d, v) -> d.blockBytes = v);
    integer("limits.block_steps_max", 1, 1_000_000_000_000L, (d, v) -> d.blockSteps = v);
    integer("treasury.fee_share_bps", 0, 10_000, (d, v) -> d.treasuryFee = v.intValue());
    integer("treasury.slash_share_bps", 0, 10_000, (d, v) -> d.treasurySlash = v.intValue());

    integer("staking.unbonding_epochs", 1, 10_000, (d, v) -> d.unbonding = v);
    amount("staking.min_self_bond", (d, v) -> d.minSelfBond = v);
    integer(
        "staking.max_validators",
        1,
        dev.aether.types.SignerSet.MAX_VALIDATORS,
        (d, v) -> d.maxValidators = v.intValue());
    integer(
        "staking.max_candidates",
        1,
        dev.aether.genesis.GenesisParser.MAX_CANDIDATES,
        (d, v) -> d.maxCandidates = v.intValue());
    integer("staking.max_commission_bps", 0, 10_000, (d, v) -> d.maxCommission = v.intValue());
    fraction("staking.inflation", (d, v) -> d.inflation = v);
    fraction("staking.downtime_threshold", (d, v) -> d.downtimeThreshold = v);
    integer("staking.jail_epochs", 0, 10_000, (d, v) -> d.jailEpochs = v);
    fraction("staking.reporter_reward", (d, v) -> d.reporterReward = v);
    fraction("consensus.slash_double", (d, v) -> d.slashDouble = v);
    fraction("consensus.leak_downtime", (d, v) -> d.leakDowntime = v);

    integer(
        "amm.fee_bps",
        1,
        dev.aether.genesis.GenesisConfig.Amm.MAX_FEE_BPS,
        (d, v) -> d.ammFee = v.intValue());
    integer(
        "amm.max_pools",
        1,
        dev.aether.genesis.GenesisConfig.Amm.MAX_POOLS,
        (d, v) -> d.ammMaxPools = v.intValue());

    integer(
        "jobs.challenge_window_slots",
        1,
        JobsParams.MAX_CHALLENGE_WINDOW_SLOTS,
        (d, v) -> d.jobsWindow = v);
    amount("jobs.burn_per_j_unit", (d, v) -> d.jobsBurn = v);
    amount("jobs.challenge_bond", (d, v) -> d.jobsChallengeBond = v);
    ratio("jobs.min_bond_ratio", 100, (d, v) -> d.jobsMinBond = v);
    fraction("jobs.challenger_share", (d, v) -> d.jobsChallengerShare = v);
    integer(
        "jobs.max_providers",
        1,
        dev.aether.genesis.GenesisConfig.Jobs.MAX_PROVIDERS,
        (d, v) -> d.jobsMaxProviders = v.intValue());
    integer(
        "jobs.twap_window_slots",
        1,
        JobsParams.MAX_TWAP_WINDOW_SLOTS,
        (d, v) -> d.jobsTwapWindow = v);
    integer(
        "jobs.stable_haircut_bps",
        0,
        JobsParams.MAX_STABLE_HAIRCUT_BPS,
        (d, v) -> d.jobsHaircut = v.intValue());

    amount("governance.min_deposit", (d, v) -> d.minDeposit = v);
    integer(
        "governance.deposit_period_slots",
        1,
        GovParams.MAX_PERIOD_SLOTS,
        (d, v) -> d.depositPeriod = v);
    integer(
        "governance.voting_period_slots",
        1,
        GovParams.MAX_PERIOD_SLOTS,
        (d, v) -> d.votingPeriod = v);
    fraction("governance.quorum", (d, v) -> d.quorum = v);
    fraction("governance.threshold", (d, v) -> d.threshold = v);
    fraction("governance.veto_threshold", (d, v) -> d.veto = v);
    integer(
        "governance.max_active",
        1,
        dev.aether.genesis.GenesisConfig.Governance.MAX_ACTIVE,
        (d, v) -> d.maxActive = v.intValue());
  }

  /** The names a proposal may change, ascending. */
  public static List<String> names() {
    return List.copyOf(PARAMS.keySet());
  }

  /** The current value of every governable parameter in {@code s}, as text, by name. */
  public static Map<String, String> values(Snapshot s) {
    TreeMap<String, String> out = new TreeMap<>();
    s.chain()
        .ifPresent(
            c -> {
              out.put("fees.a", Long.toString(c.fees().a()));
              out.put("fees.b", Long.toString(c.fees().b()));
              out.put("fees.c", Long.toString(c.fees().c()));
              out.put("fees.d", Long.toString(c.fees().d()));
              out.put("rent.rho_per_byte_per_epoch", Long.toString(c.rentPerByteEpoch()));
              out.put("rent.horizon_epochs", Long.toString(c.rentHorizonEpochs()));
              out.put("congestion.target", Integer.toString(c.congestionTarget()));
              out.put("congestion.max_permille", Long.toString(c.congestionMaxPermille()));
              out.put("chain.slot_ms", Long.toString(c.slotMs()));
              out.put("chain.block_bytes_max", Long.toString(c.blockBytesMax()));
              out.put("limits.block_steps_max", Long.toString(c.blockStepsMax()));
              out.put("treasury.fee_share_bps", Integer.toString(c.treasuryFeeBps()));
              out.put("treasury.slash_share_bps", Integer.toString(c.treasurySlashBps()));
              out.put("protocol.version", Integer.toString(c.protocolVersion()));
            });
    s.staking()
        .ifPresent(
            p -> {
              out.put("staking.unbonding_epochs", Long.toString(p.unbondingEpochs()));
              out.put("staking.min_self_bond", p.minSelfBond().toString());
              out.put("staking.max_validators", Integer.toString(p.maxValidators()));
              out.put("staking.max_candidates", Integer.toString(p.maxCandidates()));
              out.put("staking.max_commission_bps", Integer.toString(p.maxCommissionBps()));
              out.put("staking.inflation", text(p.inflation()));
              out.put("staking.downtime_threshold", text(p.downtimeThreshold()));
              out.put("staking.jail_epochs", Long.toString(p.jailEpochs()));
              out.put("staking.reporter_reward", text(p.reporterReward()));
              out.put("consensus.slash_double", text(p.slashDouble()));
              out.put("consensus.leak_downtime", text(p.leakDowntime()));
            });
    s.amm()
        .ifPresent(
            a -> {
              out.put("amm.fee_bps", Integer.toString(a.feeBps()));
              out.put("amm.max_pools", Integer.toString(a.maxPools()));
            });
    s.jobs()
        .ifPresent(
            j -> {
              out.put("jobs.challenge_window_slots", Long.toString(j.challengeWindowSlots()));
              out.put("jobs.burn_per_j_unit", j.burnPerJUnit().toString());
              out.put("jobs.challenge_bond", j.challengeBond().toString());
              out.put("jobs.min_bond_ratio", text(j.minBondRatio()));
              out.put("jobs.challenger_share", text(j.challengerShare()));
              out.put("jobs.max_providers", Integer.toString(j.maxProviders()));
              out.put("jobs.twap_window_slots", Long.toString(j.twapWindowSlots()));
              out.put("jobs.stable_haircut_bps", Integer.toString(j.stableHaircutBps()));
            });
    GovParams g = s.gov();
    out.put("governance.min_deposit", g.minDeposit().toString());
    out.put("governance.deposit_period_slots", Long.toString(g.depositPeriodSlots()));
    out.put("governance.voting_period_slots", Long.toString(g.votingPeriodSlots()));
    out.put("governance.quorum", text(g.quorum()));
    out.put("governance.threshold", text(g.threshold()));
    out.put("governance.veto_threshold", text(g.vetoThreshold()));
    out.put("governance.max_active", Integer.toString(g.maxActive()));
    return out;
  }

  private static String text(Ratio r) {
    return r.numerator() + "/" + r.denominator();
  }

  /**
   * {@code s} with {@code changes} applied; refused ({@link GovError#UNKNOWN_PARAM}, {@link
   * GovError#PARAM_NOT_GOVERNABLE}, {@link GovError#INVALID_PARAM}) unless every change parses, is
   * in range, appears once, and the resulting objects are valid.
   */
  public static Snapshot apply(Snapshot s, List<ProposalKind.Change> changes) {
    if (changes.isEmpty() || changes.size() > ProposalKind.MAX_ITEMS) {
      throw GovError.INVALID_PARAM.refuse(
          "a parameter change needs 1.." + ProposalKind.MAX_ITEMS + " changes");
    }
    Draft d = new Draft(s);
    Set<String> seen = new HashSet<>();
    for (ProposalKind.Change c : changes) {
      if (!seen.add(c.param())) {
        throw GovError.INVALID_PARAM.refuse(c.param() + " appears twice");
      }
      if (NOT_GOVERNABLE.contains(c.param())) {
        throw GovError.PARAM_NOT_GOVERNABLE.refuse(
            c.param() + ": the consensus slot clock runs on the genesis value");
      }
      Param p = PARAMS.get(c.param());
      if (p == null) {
        throw GovError.UNKNOWN_PARAM.refuse(
            c.param() + " (known: " + String.join(", ", names()) + ")");
      }
      p.set().accept(d, parse(p, c.value()));
      d.touch(c.param());
    }
    try {
      return d.build();
    } catch (IllegalArgumentException e) {
      throw GovError.INVALID_PARAM.refuse(e.getMessage());
    }
  }

  private static Object parse(Param p, String raw) {
    String v = raw.strip().replace("_", "");
    try {
      return switch (p.syntax()) {
        case INTEGER -> {
          BigInteger n = new BigInteger(v);
          inRange(p, n);
          yield n.longValueExact();
        }
        case AMOUNT -> {
          Amount a = Amount.parse(v);
          inRange(p, a.value());
          yield a;
        }
        case FRACTION -> {
          Ratio r = Ratio.parse(v);
          if (!r.isAtMostOne()) {
            throw new IllegalArgumentException("must be at most 1");
          }
          yield r;
        }
        case RATIO -> {
          Ratio r = Ratio.parse(v);
          if (r.compareTo(new Ratio(p.max().longValueExact(), 1)) > 0) {
            throw new IllegalArgumentException("must be at most " + p.max());
          }
          yield r;
        }
      };
    } catch (NumberFormatException | ArithmeticException e) {
      throw GovError.INVALID_PARAM.refuse(p.name() + " = '" + raw + "': not " + p.syntax().text);
    } catch (IllegalArgumentException e) {
      throw GovError.INVALID_PARAM.refuse(p.name() + " = '" + raw + "': " + e.getMessage());
    }
  }

  private static void inRange(Param p, BigInteger n) {
    if (n.compareTo(p.min()) < 0 || n.compareTo(p.max()) > 0) {
      throw new IllegalArgumentException("must be " + p.min() + ".." + p.max());
    }
  }

  /** The parameter objects being changed, field by field. */
  private static final class Draft {
    private final Snapshot base;
    private boolean chain;
    private boolean staking;
    private boolean amm;
    private boolean jobs;
    private boolean gov;

    long feeA;
    long feeB;
    long feeC;
    long feeD;
    long rentRho;
    long rentHorizon;
    int congestionTarget;
    long congestionMax;
    long blockBytes;
    long blockSteps;
    int treasuryFee;
    int treasurySlash;

    long unbonding;
    Amount minSelfBond;
    int maxValidators;
    int maxCandidates;
    int maxCommission;
    Ratio inflation;
    Ratio downtimeThreshold;
    long jailEpochs;
    Ratio reporterReward;
    Ratio slashDouble;
    Ratio leakDowntime;

    int ammFee;
    int ammMaxPools;

    long jobsWindow;
    Amount jobsBurn;
    Amount jobsChallengeBond;
    Ratio jobsMinBond;
    Ratio jobsChallengerShare;
    int jobsMaxProviders;
    long jobsTwapWindow;
    int jobsHaircut;

    Amount minDeposit;
    long depositPeriod;
    long votingPeriod;
    Ratio quorum;
    Ratio threshold;
    Ratio veto;
    int maxActive;

    Draft(Snapshot s) {
      this.base = s;
      s.chain()
          .ifPresent(
              c -> {
                feeA = c.fees().a();
                feeB = c.fees().b();
                feeC = c.fees().c();
                feeD = c.fees().d();
                rentRho = c.rentPerByteEpoch();
                rentHorizon = c.rentHorizonEpochs();
                congestionTarget = c.congestionTarget();
                congestionMax = c.congestionMaxPermille();
                blockBytes = c.blockBytesMax();
                blockSteps = c.blockStepsMax();
                treasuryFee = c.treasuryFeeBps();
                treasurySlash = c.treasurySlashBps();
              });
      s.staking()
          .ifPresent(
              p -> {
                unbonding = p.unbondingEpochs();
                minSelfBond = p.minSelfBond();
                maxValidators = p.maxValidators();
                maxCandidates = p.maxCandidates();
                maxCommission = p.maxCommissionBps();
                inflation = p.inflation();
                downtimeThreshold = p.downtimeThreshold();
                jailEpochs = p.jailEpochs();
                reporterReward = p.reporterReward();
                slashDouble = p.slashDouble();
                leakDowntime = p.leakDowntime();
              });
      s.amm()
          .ifPresent(
              a -> {
                ammFee = a.feeBps();
                ammMaxPools = a.maxPools();
              });
      s.jobs()
          .ifPresent(
              j -> {
                jobsWindow = j.challengeWindowSlots();
                jobsBurn = j.burnPerJUnit();
                jobsChallengeBond = j.challengeBond();
                jobsMinBond = j.minBondRatio();
                jobsChallengerShare = j.challengerShare();
                jobsMaxProviders = j.maxProviders();
                jobsTwapWindow = j.twapWindowSlots();
                jobsHaircut = j.stableHaircutBps();
              });
      GovParams g = s.gov();
      minDeposit = g.minDeposit();
      depositPeriod = g.depositPeriodSlots();
      votingPeriod = g.votingPeriodSlots();
      quorum = g.quorum();
      threshold = g.threshold();
      veto = g.vetoThreshold();
      maxActive = g.maxActive();
    }

    void touch(String name) {
      String group = name.substring(0, name.indexOf('.'));
      switch (group) {
        case "fees", "rent", "congestion", "chain", "limits", "treasury" -> chain = true;
        case "staking", "consensus" -> staking = true;
        case "amm" -> amm = true;
        case "jobs" -> jobs = true;
        case "governance" -> gov = true;
        default -> throw new IllegalStateException(name);
      }
      if (chain && base.chain().isEmpty()) {
        throw GovError.PARAM_NOT_GOVERNABLE.refuse(name + ": the state holds no chain parameters");
      }
      if (staking && base.staking().isEmpty()) {
        throw GovError.PARAM_NOT_GOVERNABLE.refuse(
            name + ": the state holds no staking parameters");
      }
      if (amm && base.amm().isEmpty()) {
        throw GovError.PARAM_NOT_GOVERNABLE.refuse(name + ": the state holds no AMM parameters");
      }
      if (jobs && base.jobs().isEmpty()) {
        throw GovError.PARAM_NOT_GOVERNABLE.refuse(
            name + ": the state holds no job-escrow parameters");
      }
    }

    Snapshot build() {
      Optional<ChainParams> c = base.chain();
      if (chain) {
        ChainParams old = c.orElseThrow();
        if (blockSteps < base.gov().minBlockSteps()) {
          throw new IllegalArgumentException(
              "limits.block_steps_max must be at least the per-transaction limit "
                  + base.gov().minBlockSteps());
        }
        c =
            Optional.of(
                new ChainParams(
                    old.protocolVersion(),
                    new LinearFeeSchedule(feeA, feeB, feeC, feeD),
                    rentRho,
                    rentHorizon,
                    congestionTarget,
                    congestionMax,
                    old.slotMs(),
                    blockBytes,
                    blockSteps,
                    treasuryFee,
                    treasurySlash,
                    old.upgrade()));
      }
      Optional<StakingParams> st = base.staking();
      if (staking) {
        StakingParams old = st.orElseThrow();
        st =
            Optional.of(
                new StakingParams(
                    old.epochSlots(),
                    old.slotMs(),
                    unbonding,
                    minSelfBond,
                    maxValidators,
                    maxCandidates,
                    maxCommission,
                    inflation,
                    downtimeThreshold,
                    jailEpochs,
                    reporterReward,
                    slashDouble,
                    leakDowntime));
      }
      Optional<AmmParams> a = base.amm();
      if (amm) {
        a = Optional.of(new AmmParams(ammFee, ammMaxPools));
      }
      Optional<JobsParams> j = base.jobs();
      if (jobs) {
        j =
            Optional.of(
                j.orElseThrow()
                    .withGoverned(
                        jobsWindow,
                        jobsBurn,
                        jobsChallengeBond,
                        jobsMinBond,
                        jobsChallengerShare,
                        jobsMaxProviders,
                        jobsTwapWindow,
                        jobsHaircut));
      }
      GovParams g = base.gov();
      if (gov) {
        g =
            new GovParams(
                minDeposit,
                depositPeriod,
                votingPeriod,
                quorum,
                threshold,
                veto,
                maxActive,
                base.gov().minBlockSteps());
      }
      return new Snapshot(c, st, a, j, g);
    }
  }
}
