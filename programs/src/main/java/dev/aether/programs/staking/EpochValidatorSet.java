package dev.aether.programs.staking;

import dev.aether.types.Address;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.SignerSet;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The validators of one epoch, as recorded in the state by the staking program: members in
 * ascending operator address order (their index in this list is their index in that epoch's
 * consensus set: headers, votes and QC bitmaps name them by it).
 *
 * @param epoch the epoch this set validates
 * @param validators 1 to 1024 members, ascending by operator, no duplicates
 */
public record EpochValidatorSet(long epoch, List<EpochValidator> validators) {
  public EpochValidatorSet {
    validators = List.copyOf(validators);
    if (validators.isEmpty() || validators.size() > SignerSet.MAX_VALIDATORS) {
      throw new IllegalArgumentException("1 to " + SignerSet.MAX_VALIDATORS + " validators");
    }
    for (int i = 1; i < validators.size(); i++) {
      if (validators.get(i - 1).operator().compareTo(validators.get(i).operator()) >= 0) {
        throw new IllegalArgumentException("validators must be in ascending operator order");
      }
    }
  }

  /** Canonical encoding (types' codec): u64 epoch, then the members. */
  public static final Codec<EpochValidatorSet> CODEC =
      new Codec<>() {
        @Override
        public void write(EpochValidatorSet s, Writer out) {
          out.u64(s.epoch);
          out.list(s.validators, EpochValidator.CODEC);
        }

        @Override
        public EpochValidatorSet read(Reader in) {
          long epoch = in.u64("EpochValidatorSet epoch");
          List<EpochValidator> vs =
              in.list(
                  "EpochValidatorSet validators", SignerSet.MAX_VALIDATORS, EpochValidator.CODEC);
          try {
            return new EpochValidatorSet(epoch, vs);
          } catch (IllegalArgumentException e) {
            throw new CodecException.NonCanonical(e.getMessage());
          }
        }
      };

  /** {@code SHA-256("aether/epoch-validator-set/v1" || 0x00 || encoding)}. */
  public H256 hash() {
    return Hashing.tagged("aether/epoch-validator-set/v1", CODEC.encode(this));
  }

  public int size() {
    return validators.size();
  }

  /** Total stake of the set. */
  public BigInteger totalStake() {
    BigInteger t = BigInteger.ZERO;
    for (EpochValidator v : validators) {
      t = t.add(v.stake());
    }
    return t;
  }

  /** The index of {@code operator} in this set. */
  public Optional<Integer> indexOf(Address operator) {
    for (int i = 0; i < validators.size(); i++) {
      if (validators.get(i).operator().equals(operator)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /** The same members recorded for another epoch. */
  EpochValidatorSet forEpoch(long e) {
    return new EpochValidatorSet(e, validators);
  }
}
