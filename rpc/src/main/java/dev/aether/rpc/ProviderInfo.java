package dev.aether.rpc;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.util.List;
import java.util.Optional;

/**
 * A compute provider as RPC shows it ({@code aeth_getProvider}, {@code aeth_getProviders}): its
 * registration (key, TEE kind, launch measurements, minimum TCB, development key, runtime
 * artifacts) and its reputation, derived from on-chain job outcomes only.
 *
 * @param teeKind {@code SEV_SNP}, {@code TDX} or {@code DEV}
 * @param registered whether it is registered (a reputation outlives nothing else)
 */
public record ProviderInfo(
    Address address,
    boolean registered,
    Optional<Bytes> key,
    Optional<String> teeKind,
    List<Bytes> measurements,
    Optional<Bytes> minTcb,
    Optional<Bytes> devKey,
    List<H256> codeHashes,
    long registeredSlot,
    Reputation reputation) {
  public ProviderInfo {
    measurements = List.copyOf(measurements);
    codeHashes = List.copyOf(codeHashes);
  }

  /** Counts from the chain's job outcomes. */
  public record Reputation(
      long jobsAccepted,
      long jobsSettled,
      long slaMet,
      long disputesLost,
      long challengesSurvived,
      long deadlinesMissed,
      Amount volume,
      long lastSlot) {}
}
