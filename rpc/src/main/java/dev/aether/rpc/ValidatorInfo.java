package dev.aether.rpc;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A registered validator as the staking program records it.
 *
 * @param index its index in the current epoch's set (signer bitmaps, headers' {@code proposer}), or
 *     {@code -1} when it is not in that set
 * @param address the operator address (the cold key's account)
 * @param name the name it registered with
 * @param stake bonded SWR: self-bond plus delegations
 * @param selfBond the operator's own bonded SWR
 * @param delegated bonded SWR of everyone else
 * @param commissionBps commission on rewards, basis points
 * @param maxCommissionBps the most its commission may ever be
 * @param maxChangeBps the most its commission may move in one epoch
 * @param status {@code active}, {@code pending}, {@code jailed}, {@code unbonding} or {@code
 *     tombstoned}
 * @param missedRounds QCs of the current epoch so far without its vote (0 when not in the set)
 * @param certifiedRounds QCs of the current epoch so far
 * @param jailedUntilEpoch the first epoch {@code unjail} is accepted (when jailed)
 * @param publicKeys its public keys by scheme name ({@code node}, {@code bls}, {@code vrf}, {@code
 *     cold}, ...); a map so the set of schemes can grow without changing this API
 */
public record ValidatorInfo(
    int index,
    Address address,
    String name,
    Amount stake,
    Amount selfBond,
    Amount delegated,
    int commissionBps,
    int maxCommissionBps,
    int maxChangeBps,
    String status,
    long missedRounds,
    long certifiedRounds,
    long jailedUntilEpoch,
    SortedMap<String, Bytes> publicKeys) {
  public ValidatorInfo {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stake, "stake");
    Objects.requireNonNull(selfBond, "selfBond");
    Objects.requireNonNull(delegated, "delegated");
    Objects.requireNonNull(status, "status");
    publicKeys = Collections.unmodifiableSortedMap(new TreeMap<>(publicKeys));
    if (index < -1) {
      throw new IllegalArgumentException("validator index must be -1 or more");
    }
  }
}
