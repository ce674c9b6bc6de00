package dev.aether.network;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Stake-weighted inbound connection quotas, as pure logic. Unstaked peers may hold at most {@code
 * maxInbound - reservedForStaked} inbound slots, so a flood of unstaked connections can never crowd
 * validators out; when all slots are full, a staked newcomer evicts the worst-scoring unstaked
 * peer, or failing that a peer with less stake.
 *
 * @param maxInbound inbound connection slots in total
 * @param reservedForStaked slots only staked peers may use
 */
public record ConnectionPolicy(int maxInbound, int reservedForStaked) {
  public ConnectionPolicy {
    if (maxInbound < 1 || reservedForStaked < 0 || reservedForStaked > maxInbound) {
      throw new IllegalArgumentException("need 0 <= reservedForStaked <= maxInbound, maxInbound>0");
    }
  }

  /** The admission decision. */
  public sealed interface Decision {
    /** Take the connection. */
    record Admit() implements Decision {}

    /** Take it after closing {@code victim}. */
    record AdmitEvicting(PeerId victim) implements Decision {}

    /** Refuse it. */
    record Refuse(String reason) implements Decision {}
  }

  /** One current inbound peer, as the policy sees it. */
  public record Inbound(long stake, double score) {}

  /**
   * Decides on an inbound connection from a peer with {@code stake}.
   *
   * @param current the inbound peers held now
   */
  public Decision admit(final long stake, final Map<PeerId, Inbound> current) {
    final long unstaked = current.values().stream().filter(i -> i.stake() == 0).count();
    final boolean full = current.size() >= maxInbound;
    if (stake == 0) {
      if (!full && unstaked < maxInbound - reservedForStaked) {
        return new Decision.Admit();
      }
      return new Decision.Refuse("no unstaked inbound slot left");
    }
    if (!full) {
      return new Decision.Admit();
    }
    final Optional<PeerId> worstUnstaked =
        current.entrySet().stream()
            .filter(e -> e.getValue().stake() == 0)
            .min(
                Comparator.comparingDouble((Map.Entry<PeerId, Inbound> e) -> e.getValue().score())
                    .thenComparing(Map.Entry::getKey))
            .map(Map.Entry::getKey);
    if (worstUnstaked.isPresent()) {
      return new Decision.AdmitEvicting(worstUnstaked.get());
    }
    final Optional<PeerId> smallerStake =
        current.entrySet().stream()
            .filter(e -> e.getValue().stake() < stake)
            .min(
                Comparator.comparingLong((Map.Entry<PeerId, Inbound> e) -> e.getValue().stake())
                    .thenComparing(Map.Entry::getKey))
            .map(Map.Entry::getKey);
    return smallerStake
        .<Decision>map(Decision.AdmitEvicting::new)
        .orElseGet(() -> new Decision.Refuse("all inbound slots held by larger stake"));
  }
}
