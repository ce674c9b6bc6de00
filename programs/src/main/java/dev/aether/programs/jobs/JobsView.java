package dev.aether.programs.jobs;

import dev.aether.ledger.StateObject;
import dev.aether.ledger.StateReader;
import dev.aether.programs.reputation.Reputation;
import dev.aether.programs.reputation.ReputationOracle;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.codec.Codec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Read-only queries over the job-escrow program's state, for RPC and the CLI: a job, a provider's
 * registration with its reputation, the provider list ranked by reputation, the AIC supply
 * accounting. Reads only; never part of consensus.
 */
public final class JobsView {
  private final StateReader state;

  /** A view over {@code state} (a committed state, or a block's). */
  public JobsView(StateReader state) {
    this.state = state;
  }

  /** The job with this id. */
  public Optional<JobRecord> job(H256 id) {
    return read(JobRecord.CODEC, JobsKeys.job(id));
  }

  /** The replicated (quorum) job with this id. */
  public Optional<QuorumJob> quorum(H256 id) {
    return read(QuorumJob.CODEC, JobsKeys.quorum(id));
  }

  /** A provider's registration. */
  public Optional<ProviderRecord> provider(Address provider) {
    return read(ProviderRecord.CODEC, JobsKeys.provider(provider));
  }

  /** A provider's reputation (empty history if none). */
  public Reputation reputation(Address provider) {
    return ReputationOracle.read(state, provider);
  }

  /** Registered providers' reputations, best first ({@link Reputation#RANKING}). */
  public List<Reputation> ranked() {
    List<Reputation> out = new ArrayList<>();
    for (Address a : read(Escrow.PROVIDERS, JobsKeys.providers()).orElse(List.of())) {
      out.add(reputation(a));
    }
    out.sort(Reputation.RANKING);
    return out;
  }

  /** The AIC supply accounting. */
  public Optional<Supply> supply() {
    return read(Supply.CODEC, JobsKeys.supply());
  }

  /** The program's parameters. */
  /** The AIC/USDT price readings of the stablecoin payout. */
  public PriceOracle oracle() {
    return read(PriceOracle.CODEC, JobsKeys.oracle()).orElse(PriceOracle.EMPTY);
  }

  public Optional<JobsParams> params() {
    return read(JobsParams.CODEC, JobsKeys.params());
  }

  private <T> Optional<T> read(Codec<T> codec, H256 key) {
    return state
        .get(key)
        .flatMap(
            o ->
                o instanceof StateObject.Data d
                    ? Optional.of(Escrow.decode(codec, d.bytes(), key))
                    : Optional.<T>empty());
  }

  /** Bytes of an object, if it is program data (for raw RPC access). */
  Optional<Bytes> raw(H256 key) {
    return state
        .get(key)
        .flatMap(o -> o instanceof StateObject.Data d ? Optional.of(d.bytes()) : Optional.empty());
  }
}
