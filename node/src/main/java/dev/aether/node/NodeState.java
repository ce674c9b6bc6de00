package dev.aether.node;

import dev.aether.types.H256;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * What the node's threads share about where the chain is: written by the consensus thread (epoch,
 * round, final height) or the network threads (heights and blocks seen), read by the others and by
 * RPC. Every field is safe to read from any thread.
 */
final class NodeState {
  /** The consensus epoch the node is in, with its validators' peers (for fetches). */
  volatile EpochView epoch;

  /** The round consensus is in (consensus thread writes, gossip validation reads). */
  volatile long round;

  volatile long finalizedHeight;

  /** Highest block height seen in a validly signed header or a fetched block. */
  final AtomicLong highestSeen = new AtomicLong();

  /** When each block was first seen (network thread) until it is final (consensus thread). */
  final Map<H256, Long> seenAt = new ConcurrentHashMap<>();

  /** Block id first proposed in each recent round, to count forks (competing proposals). */
  final ConcurrentSkipListMap<Long, H256> proposalByRound = new ConcurrentSkipListMap<>();

  final List<LongConsumer> finalizedListeners = new CopyOnWriteArrayList<>();

  NodeState(EpochView epoch) {
    this.epoch = epoch;
  }
}
