package dev.aether.consensus;

import dev.aether.types.Bytes;
import java.util.Objects;

/**
 * One member of an epoch's validator set.
 *
 * @param index position in the set; votes, QCs and headers of that epoch name validators by it
 * @param stake voting and lottery weight (see {@link StakeWeights} for how ledger stakes become
 *     weights)
 * @param blsKey BLS12-381 public key (48-byte G1, compressed) for votes and timeouts
 * @param vrfKey ECVRF-EDWARDS25519 public key (32 bytes) for the leader lottery
 * @param coldKey Ed25519 cold key (32 bytes): signs the operational certificates that vouch for the
 *     hot KES keys proposals are signed with; also the validator's identity across epochs
 */
public record Validator(int index, long stake, Bytes blsKey, Bytes vrfKey, Bytes coldKey) {
  public Validator {
    Objects.requireNonNull(blsKey, "blsKey");
    Objects.requireNonNull(vrfKey, "vrfKey");
    Objects.requireNonNull(coldKey, "coldKey");
    if (index < 0 || stake <= 0) {
      throw new IllegalArgumentException("validator index must be >= 0 and stake > 0");
    }
  }
}
