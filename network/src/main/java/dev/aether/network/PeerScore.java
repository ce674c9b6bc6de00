package dev.aether.network;

import java.util.EnumMap;
import java.util.Map;

/**
 * Gossipsub v1.1 peer score, the parts Aether uses: P1 time in mesh, P2 first message deliveries,
 * P4 invalid messages (squared), P5 application score (stake share), P7 behaviour penalty (squared:
 * duplicate floods, rate-limit violations, GRAFT during backoff). P3 (mesh delivery deficit) and P6
 * (IP colocation) are left out: P3 needs per-topic tuning against real traffic and P6 means nothing
 * on a loopback devnet; both are documented as gaps.
 */
final class PeerScore {
  private final GossipParams p;
  private final Map<Topic, Double> meshHeartbeats = new EnumMap<>(Topic.class);
  private final Map<Topic, Double> firstDeliveries = new EnumMap<>(Topic.class);
  private final Map<Topic, Double> invalid = new EnumMap<>(Topic.class);
  private double behaviour;
  private double stakeShare;

  PeerScore(final GossipParams p) {
    this.p = p;
  }

  void inMeshHeartbeat(final Topic t) {
    meshHeartbeats.merge(t, 1.0, Double::sum);
  }

  void leftMesh(final Topic t) {
    meshHeartbeats.remove(t);
  }

  void firstDelivery(final Topic t) {
    firstDeliveries.merge(t, 1.0, (a, b) -> Math.min(p.firstDeliveryCap(), a + b));
  }

  void invalidMessage(final Topic t) {
    invalid.merge(t, 1.0, Double::sum);
  }

  void misbehaved(final double amount) {
    behaviour += amount;
  }

  void setStakeShare(final double share) {
    stakeShare = share;
  }

  /** Applies the per-heartbeat decay to the counters that forget. */
  void decay() {
    firstDeliveries.replaceAll((t, v) -> v * p.decay());
    invalid.replaceAll((t, v) -> v * p.decay());
    behaviour *= p.decay();
  }

  double value() {
    double s = 0;
    for (final Topic t : Topic.values()) {
      s += Math.min(meshHeartbeats.getOrDefault(t, 0.0), p.meshTimeCap()) * p.meshTimeWeight();
      s += firstDeliveries.getOrDefault(t, 0.0) * p.firstDeliveryWeight();
      final double inv = invalid.getOrDefault(t, 0.0);
      s += inv * inv * p.invalidWeight();
    }
    s += stakeShare * p.stakeWeight();
    s += behaviour * behaviour * p.behaviourWeight();
    return s;
  }
}
