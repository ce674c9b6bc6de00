package dev.aether.rpc;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A member of the current validator set.
 *
 * @param index the validator's index in signer bitmaps and headers' {@code proposer}
 * @param address the validator's account
 * @param stake bonded SWR
 * @param publicKeys the validator's public keys by scheme name ({@code bls}, {@code vrf}, {@code
 *     kes}, ...); a map so the set of schemes can grow without changing this API
 */
public record ValidatorInfo(
    int index, Address address, Amount stake, SortedMap<String, Bytes> publicKeys) {
  public ValidatorInfo {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(stake, "stake");
    publicKeys = Collections.unmodifiableSortedMap(new TreeMap<>(publicKeys));
    if (index < 0) {
      throw new IllegalArgumentException("validator index must be non-negative");
    }
  }
}
