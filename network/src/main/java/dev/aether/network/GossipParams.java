package dev.aether.network;

/**
 * Gossipsub v1.1 parameters (names follow the spec) plus Aether's peer-score weights and per-peer
 * rate limits. {@link #defaults()} uses the spec's recommended mesh sizes.
 *
 * @param d target mesh degree
 * @param dLow below this, graft up to {@code d}
 * @param dHigh above this, prune down to {@code d}
 * @param dLazy peers per topic that get IHAVE gossip each heartbeat
 * @param dScore mesh peers kept by score when pruning (rest kept at random)
 * @param heartbeatMillis heartbeat interval
 * @param fanoutTtlMillis fanout entries for topics we publish to but do not join expire after this
 * @param historyLength message-cache windows kept for IWANT
 * @param historyGossip windows advertised in IHAVE
 * @param seenTtlMillis how long a message id stays in the de-duplication cache
 * @param pruneBackoffMillis after a PRUNE, no GRAFT from that peer on that topic for this long
 * @param floodPublish send own messages to every topic peer above the publish threshold
 * @param maxIHaveIds most ids accepted / requested per IHAVE
 * @param gossipRetransmission most times one message is sent to one peer in answer to IWANT
 * @param gossipThreshold below this score: no gossip to or from the peer
 * @param publishThreshold below this score: own messages are not flooded to the peer
 * @param graylistThreshold below this score: all RPCs from the peer are ignored and it is dropped
 * @param invalidWeight P4 weight (negative), applied to the square of invalid messages
 * @param behaviourWeight P7 weight (negative), applied to the square of misbehaviour count
 * @param firstDeliveryWeight P2 weight (positive) per first delivery
 * @param firstDeliveryCap cap on counted first deliveries
 * @param meshTimeWeight P1 weight per heartbeat spent in our mesh
 * @param meshTimeCap cap on counted mesh heartbeats
 * @param stakeWeight P5 application score: {@code stakeWeight · stake share} for staked peers
 * @param decay per-heartbeat multiplicative decay of P2, P4 and P7 counters
 * @param messagesPerSecond per-peer base budget of inbound messages
 * @param bytesPerSecond per-peer base budget of inbound message bytes
 * @param stakedPoolMessagesPerSecond extra message budget shared among staked peers by stake
 * @param stakedPoolBytesPerSecond extra byte budget shared among staked peers by stake
 */
public record GossipParams(
    int d,
    int dLow,
    int dHigh,
    int dLazy,
    int dScore,
    long heartbeatMillis,
    long fanoutTtlMillis,
    int historyLength,
    int historyGossip,
    long seenTtlMillis,
    long pruneBackoffMillis,
    boolean floodPublish,
    int maxIHaveIds,
    int gossipRetransmission,
    double gossipThreshold,
    double publishThreshold,
    double graylistThreshold,
    double invalidWeight,
    double behaviourWeight,
    double firstDeliveryWeight,
    double firstDeliveryCap,
    double meshTimeWeight,
    double meshTimeCap,
    double stakeWeight,
    double decay,
    double messagesPerSecond,
    double bytesPerSecond,
    double stakedPoolMessagesPerSecond,
    double stakedPoolBytesPerSecond) {

  public GossipParams {
    if (!(dLow <= d && d <= dHigh && dLow >= 1 && dScore <= d)) {
      throw new IllegalArgumentException("need 1 <= dLow <= d <= dHigh and dScore <= d");
    }
    if (!(graylistThreshold <= publishThreshold && publishThreshold <= gossipThreshold)) {
      throw new IllegalArgumentException("need graylist <= publish <= gossip threshold");
    }
    if (historyGossip > historyLength || heartbeatMillis <= 0) {
      throw new IllegalArgumentException("bad history or heartbeat");
    }
  }

  /** Spec-recommended mesh sizes; score weights tuned so 3 invalid messages graylist a peer. */
  public static GossipParams defaults() {
    return new GossipParams(
        6, 4, 12, 6, 4, 700, 60_000, 5, 3, 120_000, 60_000, true, 5_000, 3, -10, -50, -80, -10, -5,
        0.5, 20, 0.01, 100, 10, 0.995, 200, 4 << 20, 2_000, 32 << 20);
  }

  /** Same parameters with another heartbeat (tests use a short one). */
  public GossipParams withHeartbeatMillis(final long millis) {
    return new GossipParams(
        d,
        dLow,
        dHigh,
        dLazy,
        dScore,
        millis,
        fanoutTtlMillis,
        historyLength,
        historyGossip,
        seenTtlMillis,
        pruneBackoffMillis,
        floodPublish,
        maxIHaveIds,
        gossipRetransmission,
        gossipThreshold,
        publishThreshold,
        graylistThreshold,
        invalidWeight,
        behaviourWeight,
        firstDeliveryWeight,
        firstDeliveryCap,
        meshTimeWeight,
        meshTimeCap,
        stakeWeight,
        decay,
        messagesPerSecond,
        bytesPerSecond,
        stakedPoolMessagesPerSecond,
        stakedPoolBytesPerSecond);
  }

  /** Same parameters with other per-peer base rate limits. */
  public GossipParams withRateLimits(final double messages, final double bytes) {
    return new GossipParams(
        d,
        dLow,
        dHigh,
        dLazy,
        dScore,
        heartbeatMillis,
        fanoutTtlMillis,
        historyLength,
        historyGossip,
        seenTtlMillis,
        pruneBackoffMillis,
        floodPublish,
        maxIHaveIds,
        gossipRetransmission,
        gossipThreshold,
        publishThreshold,
        graylistThreshold,
        invalidWeight,
        behaviourWeight,
        firstDeliveryWeight,
        firstDeliveryCap,
        meshTimeWeight,
        meshTimeCap,
        stakeWeight,
        decay,
        messages,
        bytes,
        stakedPoolMessagesPerSecond,
        stakedPoolBytesPerSecond);
  }
}
