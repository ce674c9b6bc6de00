package dev.aether.programs.governance;

import dev.aether.genesis.GenesisConfig;
import dev.aether.types.Amount;
import dev.aether.types.Ratio;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/**
 * The governance program's own parameters, in the state under {@link GovKeys#params()} (from
 * genesis {@code [governance]}; proposals may change them like any other).
 *
 * @param minBlockSteps the least block step budget a proposal may set: the genesis per-transaction
 *     step limit, so that every valid transaction still fits a block
 */
public record GovParams(
    Amount minDeposit,
    long depositPeriodSlots,
    long votingPeriodSlots,
    Ratio quorum,
    Ratio threshold,
    Ratio vetoThreshold,
    int maxActive,
    long minBlockSteps) {

  /** Longest deposit or voting period a proposal may set (about 580 days at 500 ms slots). */
  public static final long MAX_PERIOD_SLOTS = 100_000_000;

  public static final Codec<GovParams> CODEC =
      new Codec<>() {
        @Override
        public void write(GovParams p, Writer out) {
          Amount.CODEC.write(p.minDeposit, out);
          out.u64(p.depositPeriodSlots).u64(p.votingPeriodSlots);
          for (Ratio r : new Ratio[] {p.quorum, p.threshold, p.vetoThreshold}) {
            out.u64(r.numerator()).u64(r.denominator());
          }
          out.u32(p.maxActive).u64(p.minBlockSteps);
        }

        @Override
        public GovParams read(Reader in) {
          try {
            return new GovParams(
                Amount.CODEC.read(in),
                in.u64("deposit period"),
                in.u64("voting period"),
                new Ratio(in.u64("quorum num"), in.u64("quorum den")),
                new Ratio(in.u64("threshold num"), in.u64("threshold den")),
                new Ratio(in.u64("veto num"), in.u64("veto den")),
                (int) in.u32("max active"),
                in.u64("min block steps"));
          } catch (IllegalArgumentException e) {
            throw new CodecException.NonCanonical("GovParams: " + e.getMessage());
          }
        }
      };

  public GovParams {
    if (minDeposit.isZero()) {
      throw new IllegalArgumentException("min_deposit must be positive");
    }
    if (depositPeriodSlots < 1
        || depositPeriodSlots > MAX_PERIOD_SLOTS
        || votingPeriodSlots < 1
        || votingPeriodSlots > MAX_PERIOD_SLOTS) {
      throw new IllegalArgumentException("periods must be 1.." + MAX_PERIOD_SLOTS + " slots");
    }
    if (!quorum.isAtMostOne() || !threshold.isAtMostOne() || !vetoThreshold.isAtMostOne()) {
      throw new IllegalArgumentException("quorum, threshold and veto_threshold must be at most 1");
    }
    if (threshold.compareTo(new Ratio(1, 2)) < 0) {
      throw new IllegalArgumentException("threshold must be at least 1/2");
    }
    if (maxActive < 1 || maxActive > GenesisConfig.Governance.MAX_ACTIVE) {
      throw new IllegalArgumentException(
          "max_active must be 1.." + GenesisConfig.Governance.MAX_ACTIVE);
    }
    if (minBlockSteps < 1) {
      throw new IllegalArgumentException("min block steps must be positive");
    }
  }

  static GovParams of(GenesisConfig g) {
    GenesisConfig.Governance x = g.governance();
    return new GovParams(
        x.minDeposit(),
        x.depositPeriodSlots(),
        x.votingPeriodSlots(),
        x.quorum(),
        x.threshold(),
        x.vetoThreshold(),
        x.maxActive(),
        g.limits().txStepsMax());
  }

  /** The smallest initial deposit a proposal is accepted with: a tenth of the minimum (≥ 1). */
  public Amount minInitialDeposit() {
    Amount tenth = new Amount(minDeposit.value().divide(java.math.BigInteger.TEN));
    return tenth.isZero() ? Amount.of(1) : tenth;
  }
}
