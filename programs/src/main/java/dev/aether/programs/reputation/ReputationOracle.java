package dev.aether.programs.reputation;

import dev.aether.ledger.StateObject;
import dev.aether.ledger.StateReader;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.codec.CodecException;
import java.math.BigInteger;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The reputation oracle: the job-escrow program reports each outcome here (inside the same
 * transaction, on keys the transaction declared), and RPC reads the records back. There is no
 * transaction that writes a reputation directly, so every record is a function of the chain's job
 * outcomes.
 */
public final class ReputationOracle {
  /** What an outcome changes. */
  public enum Outcome {
    ACCEPTED,
    DISPUTE_LOST,
    CHALLENGE_SURVIVED,
    DEADLINE_MISSED
  }

  private final Function<Address, Optional<Bytes>> read;
  private final BiConsumer<Address, Bytes> write;

  /**
   * @param read reads a provider's record bytes (the program's metered, access-checked read)
   * @param write writes them
   */
  public ReputationOracle(
      Function<Address, Optional<Bytes>> read, BiConsumer<Address, Bytes> write) {
    this.read = read;
    this.write = write;
  }

  /** Records {@code outcome} for {@code provider} at {@code slot}. */
  public void record(Address provider, Outcome outcome, long slot) {
    Reputation r = current(provider);
    Reputation next =
        switch (outcome) {
          case ACCEPTED -> r.accepted(slot);
          case DISPUTE_LOST -> r.disputeLost(slot);
          case CHALLENGE_SURVIVED -> r.challengeSurvived(slot);
          case DEADLINE_MISSED -> r.deadlineMissed(slot);
        };
    write.accept(provider, Bytes.of(Reputation.CODEC.encode(next)));
  }

  /** Records a settlement: {@code paid} AIC, within the job's SLA or not. */
  public void settled(Address provider, boolean withinSla, BigInteger paid, long slot) {
    write.accept(
        provider,
        Bytes.of(Reputation.CODEC.encode(current(provider).settled(withinSla, paid, slot))));
  }

  private Reputation current(Address provider) {
    return read.apply(provider).map(ReputationOracle::decode).orElse(Reputation.empty(provider));
  }

  private static Reputation decode(Bytes b) {
    try {
      return Reputation.CODEC.decode(b.toArray());
    } catch (CodecException e) {
      throw new dev.aether.ledger.LedgerException(
          new dev.aether.ledger.LedgerError.MalformedState(
              dev.aether.types.H256.ZERO, "reputation record does not decode: " + e.getMessage()));
    }
  }

  /** A provider's record in {@code state} (empty history if it has none). */
  public static Reputation read(StateReader state, Address provider) {
    return state
        .get(ReputationKeys.of(provider))
        .map(
            o ->
                switch (o) {
                  case StateObject.Data d -> decode(d.bytes());
                  default -> Reputation.empty(provider);
                })
        .orElse(Reputation.empty(provider));
  }
}
