package dev.aether.consensus;

import dev.aether.types.SignerSet;
import java.util.List;
import java.util.Optional;

/**
 * The validators of one epoch, indexed {@code 0..size-1}, with integer stakes. Quorum is {@code
 * weight * 3 >= total * 2}; total stake is capped so that product never overflows. Cold keys are
 * distinct: a validator is the same across epochs iff its cold key is.
 */
public record ValidatorSet(List<Validator> validators) {
  /** Largest total stake: {@code total * 3} must fit a signed 64-bit integer. */
  public static final long MAX_TOTAL_STAKE = Long.MAX_VALUE / 3;

  public ValidatorSet {
    validators = List.copyOf(validators);
    if (validators.isEmpty() || validators.size() > SignerSet.MAX_VALIDATORS) {
      throw new IllegalArgumentException("1 to " + SignerSet.MAX_VALIDATORS + " validators");
    }
    long total = 0;
    java.util.Set<dev.aether.types.Bytes> cold = new java.util.HashSet<>();
    for (int i = 0; i < validators.size(); i++) {
      if (!cold.add(validators.get(i).coldKey())) {
        throw new IllegalArgumentException("validator " + i + " repeats a cold key");
      }
      if (validators.get(i).index() != i) {
        throw new IllegalArgumentException("validator " + i + " has index " + validators.get(i));
      }
      total += validators.get(i).stake();
      if (total > MAX_TOTAL_STAKE || total < 0) {
        throw new IllegalArgumentException("total stake over " + MAX_TOTAL_STAKE);
      }
    }
  }

  public int size() {
    return validators.size();
  }

  public Optional<Validator> get(int index) {
    return index >= 0 && index < validators.size()
        ? Optional.of(validators.get(index))
        : Optional.empty();
  }

  /** The index of the validator with cold key {@code coldKey} in this set, if it is a member. */
  public java.util.OptionalInt indexOf(dev.aether.types.Bytes coldKey) {
    for (Validator v : validators) {
      if (v.coldKey().equals(coldKey)) {
        return java.util.OptionalInt.of(v.index());
      }
    }
    return java.util.OptionalInt.empty();
  }

  public long totalStake() {
    long t = 0;
    for (Validator v : validators) {
      t += v.stake();
    }
    return t;
  }

  /** Stake of the listed indices; indices outside the set count zero. */
  public long weight(List<Integer> indices) {
    long w = 0;
    for (int i : indices) {
      if (i >= 0 && i < validators.size()) {
        w += validators.get(i).stake();
      }
    }
    return w;
  }

  /** The quorum rule: at least two thirds of total stake, in integer arithmetic. */
  public boolean isQuorum(long weight) {
    return weight * 3 >= totalStake() * 2;
  }

  /** More than one third of stake: at least one honest validator is among them. */
  public boolean exceedsOneThird(long weight) {
    return weight * 3 > totalStake();
  }
}
