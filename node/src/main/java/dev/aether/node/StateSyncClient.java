package dev.aether.node;

import dev.aether.consensus.Checkpoint;
import dev.aether.ledger.Head;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.RocksStateStore;
import dev.aether.ledger.StateChunk;
import dev.aether.ledger.StateSync;
import dev.aether.network.Network;
import dev.aether.network.NetworkException;
import dev.aether.network.PeerId;
import dev.aether.types.Bytes;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The syncing side of state sync, run once at start-up before consensus: asks the validators which
 * snapshots they serve, picks the newest one that validators with more than a third of the stake
 * serve byte-identically (so at least one honest validator vouches for it) and whose checkpoint
 * verifies ({@link Checkpoint#verify}: a quorum certificate on the block, the block's VRF proof
 * under its epoch nonce), then downloads its state in key-range chunks from those validators. Every
 * chunk is checked against the checkpoint block's state root before it is written ({@link
 * StateSync.Receiver}); a bad chunk costs its sender score and is fetched from another one.
 *
 * <p>Messages (direct, see {@link Node}): {@code SNAPSHOTS_REQUEST} (empty) → one {@code
 * SNAPSHOT_OFFER} per served snapshot ({@code u8 count || u8 index || checkpoint}) or a single
 * {@code u8 0}; {@code CHUNK_REQUEST} ({@code u64 height || u8 bits || u32 index}) → {@code
 * CHUNK_RESPONSE} ({@code u64 height || u8 found || chunk}).
 */
final class StateSyncClient {
  private static final Logger LOG = Logger.getLogger(StateSyncClient.class.getName());

  /** Chunk requests in flight at once. */
  private static final int WINDOW = 16;

  /** A chunk request unanswered this long goes to another peer. */
  private static final long CHUNK_TIMEOUT_MS = 5_000;

  private record Offer(PeerId from, Checkpoint checkpoint, Bytes encoded) {}

  private record ChunkAnswer(PeerId from, long height, Optional<StateChunk> chunk) {}

  /** What discovery found: the snapshot to sync to and the validators serving it. */
  record Target(Checkpoint checkpoint, List<PeerId> servers) {}

  private final Network network;
  private final Map<PeerId, Long> validatorStake;
  private final long totalStake;

  /** {@link Checkpoint#verify} against the chain's config in production; why it fails, if so. */
  private final Function<Checkpoint, Optional<String>> verifier;

  private final LongSupplier clockMs;
  // Bounded: a peer flooding answers cannot grow them without limit (extra ones are dropped).
  private final BlockingQueue<Offer> offers = new LinkedBlockingQueue<>(256);
  private final Set<PeerId> answered = ConcurrentHashMap.newKeySet();
  private final Map<PeerId, Set<Integer>> offerIndices = new ConcurrentHashMap<>();
  private final BlockingQueue<ChunkAnswer> chunks = new LinkedBlockingQueue<>(4 * WINDOW);

  StateSyncClient(
      Network network,
      Map<PeerId, Long> validatorStake,
      Function<Checkpoint, Optional<String>> verifier,
      LongSupplier clockMs) {
    this.network = network;
    this.validatorStake = Map.copyOf(validatorStake);
    this.totalStake = validatorStake.values().stream().mapToLong(Long::longValue).sum();
    this.verifier = verifier;
    this.clockMs = clockMs;
    network.onDirect(Node.SNAPSHOT_OFFER, this::onOffer);
    network.onDirect(Node.CHUNK_RESPONSE, this::onChunk);
  }

  // ---------------------------------------------------------------- wire format

  /** Most snapshots one peer may offer. */
  static final int MAX_OFFERS = 8;

  /**
   * A peer's answer to {@code SNAPSHOTS_REQUEST}: one message per served snapshot, each {@code u8
   * count || u8 index || checkpoint}, or a single {@code u8 0} when it serves none. The count tells
   * the receiver when it has heard a peer out, however the messages interleave.
   */
  static List<byte[]> encodeOffers(List<Checkpoint> served) {
    if (served.isEmpty()) {
      return List.of(new byte[] {0});
    }
    List<Checkpoint> sent = served.subList(0, Math.min(MAX_OFFERS, served.size()));
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      Writer w = new Writer().u8(sent.size()).u8(i);
      Checkpoint.CODEC.write(sent.get(i), w);
      out.add(w.toByteArray());
    }
    return out;
  }

  static byte[] encodeChunkRequest(long height, int bits, int index) {
    return new Writer(13).u64(height).u8(bits).u32(index).toByteArray();
  }

  /** A decoded chunk request: {@code [height, bits, index]}; throws on malformed bytes. */
  static long[] decodeChunkRequest(byte[] data) {
    Reader in = new Reader(data);
    long[] out = {in.u64("height"), in.u8("bits"), in.u32("index")};
    in.expectEnd("chunk request");
    if (out[1] > 24 || out[2] >= (1L << out[1])) {
      throw new CodecException.NonCanonical("chunk index out of range");
    }
    return out;
  }

  static byte[] encodeChunkResponse(long height, Optional<StateChunk> chunk) {
    Writer w = new Writer().u64(height).u8(chunk.isPresent() ? 1 : 0);
    chunk.ifPresent(c -> w.fixed(c.encode()));
    return w.toByteArray();
  }

  /**
   * What servers must agree on for their offers to vouch for one snapshot: the block and what one
   * header cannot prove (the epoch nonces and the certificate counters). Not the QC: it is verified
   * on its own, and honest validators hold different QCs on the same block (each aggregates the
   * votes it received first) — grouping by it split honest servers into "conflicting" snapshots
   * once a set had few members.
   */
  static Bytes vouched(Checkpoint cp) {
    Writer w = new Writer(128);
    dev.aether.types.H256.CODEC.write(cp.block().id(), w);
    dev.aether.types.H256.CODEC.write(cp.eta(), w);
    dev.aether.types.H256.CODEC.write(cp.rho(), w);
    dev.aether.consensus.CertCounters.CODEC.write(cp.counters(), w);
    return Bytes.of(w.toByteArray());
  }

  private void onOffer(PeerId from, byte[] data) {
    try {
      Reader in = new Reader(data);
      int count = in.u8("offer count");
      if (count == 0) {
        in.expectEnd("snapshot offer");
        answered.add(from);
        return;
      }
      int index = in.u8("offer index");
      Checkpoint cp = Checkpoint.CODEC.read(in);
      in.expectEnd("snapshot offer");
      if (count > MAX_OFFERS || index >= count) {
        throw new CodecException.NonCanonical("offer " + index + " of " + count);
      }
      offers.offer(new Offer(from, cp, vouched(cp)));
      Set<Integer> seen = offerIndices.computeIfAbsent(from, p -> ConcurrentHashMap.newKeySet());
      seen.add(index);
      if (seen.size() >= count) {
        answered.add(from);
      }
    } catch (CodecException | IllegalArgumentException e) {
      network.penalize(from, 1.0);
    }
  }

  private void onChunk(PeerId from, byte[] data) {
    try {
      Reader in = new Reader(data);
      long height = in.u64("height");
      boolean found = in.u8("found") == 1;
      Optional<StateChunk> chunk =
          found
              ? Optional.of(StateChunk.decode(in.fixed("chunk", in.remaining())))
              : Optional.empty();
      chunks.offer(new ChunkAnswer(from, height, chunk));
    } catch (CodecException | IllegalArgumentException e) {
      network.penalize(from, 1.0);
    }
  }

  // ---------------------------------------------------------------- discovery

  /**
   * Asks every connected validator for its snapshots, for up to {@code waitMs}, and returns the
   * newest one vouched for by more than a third of the stake whose checkpoint verifies.
   */
  Optional<Target> discover(long waitMs) throws InterruptedException {
    // Connections take a moment at start-up: the answer window opens once a validator is
    // connected (or after 2 x waitMs without one).
    long giveUp = clockMs.getAsLong() + 2 * waitMs;
    while (clockMs.getAsLong() < giveUp
        && network.connectedPeers().stream().noneMatch(validatorStake::containsKey)) {
      Thread.sleep(50);
    }
    long deadline = clockMs.getAsLong() + waitMs;
    Set<PeerId> asked = new HashSet<>();
    Map<PeerId, Long> lastAsked = new HashMap<>();
    Map<Bytes, Map<PeerId, Offer>> byContent = new HashMap<>();
    while (clockMs.getAsLong() < deadline) {
      long now = clockMs.getAsLong();
      for (PeerId p : network.connectedPeers()) {
        // Ask again each second until it answers: the first request may have gone out on a
        // connection that was just being replaced.
        if (validatorStake.containsKey(p)
            && !answered.contains(p)
            && now - lastAsked.getOrDefault(p, Long.MIN_VALUE / 2) >= 1_000) {
          asked.add(p);
          lastAsked.put(p, now);
          send(p, Node.SNAPSHOTS_REQUEST, new byte[0]);
        }
      }
      Offer o = offers.poll(50, TimeUnit.MILLISECONDS);
      while (o != null) {
        byContent.computeIfAbsent(o.encoded(), k -> new HashMap<>()).put(o.from(), o);
        o = offers.poll();
      }
      if (stakeOf(answered) * 3 > totalStake * 2
          || (!asked.isEmpty()
              && answered.containsAll(
                  validatorStake.keySet().stream()
                      .filter(p -> !p.equals(network.id()))
                      .toList()))) {
        // A peer is marked answered only after its last offer was queued: drain once more, or
        // that offer (queued after the poll above) would be lost.
        for (Offer late = offers.poll(); late != null; late = offers.poll()) {
          byContent.computeIfAbsent(late.encoded(), k -> new HashMap<>()).put(late.from(), late);
        }
        break; // everyone (or a two-thirds majority) answered
      }
    }
    // An offer is queued before its sender counts as answered: the last answer's offers may have
    // arrived after the drain above.
    for (Offer o = offers.poll(); o != null; o = offers.poll()) {
      byContent.computeIfAbsent(o.encoded(), k -> new HashMap<>()).put(o.from(), o);
    }
    LOG.info(
        "state sync discovery: asked "
            + asked.size()
            + " validators, "
            + answered.size()
            + " answered, "
            + byContent.size()
            + " distinct snapshots offered");
    TreeMap<Long, List<Target>> vouched = new TreeMap<>();
    for (Map<PeerId, Offer> group : byContent.values()) {
      if (stakeOf(group.keySet()) * 3 <= totalStake) {
        continue;
      }
      List<PeerId> servers = group.keySet().stream().sorted().toList();
      // The first offer (in server order) whose QC verifies; the group agrees on everything else.
      Checkpoint cp = null;
      for (PeerId p : servers) {
        Checkpoint c = group.get(p).checkpoint();
        Optional<String> bad = verifier.apply(c);
        if (bad.isEmpty()) {
          cp = c;
          break;
        }
        LOG.warning("snapshot at height " + c.height() + " from " + p + " refused: " + bad.get());
      }
      if (cp == null) {
        continue;
      }
      vouched.computeIfAbsent(cp.height(), h -> new ArrayList<>()).add(new Target(cp, servers));
    }
    if (vouched.isEmpty()) {
      return Optional.empty();
    }
    List<Target> best = vouched.lastEntry().getValue();
    if (best.size() > 1) {
      // Two different verified checkpoints at one height, each vouched by > 1/3: impossible with
      // an honest two-thirds; refuse rather than pick.
      LOG.severe("conflicting snapshots at height " + vouched.lastKey() + ": not state-syncing");
      return Optional.empty();
    }
    return Optional.of(best.getFirst());
  }

  private long stakeOf(java.util.Collection<PeerId> peers) {
    return peers.stream().mapToLong(p -> validatorStake.getOrDefault(p, 0L)).sum();
  }

  // ---------------------------------------------------------------- download

  /**
   * Downloads the target's state into an empty store at {@code stateDir}, chunk by chunk, each
   * verified before it is written; resumes an unfinished sync to the same target. Returns the head
   * once the rebuilt root equals the checkpoint's state root.
   *
   * @throws LedgerException if the servers stop answering ({@code timeoutMs} without progress)
   */
  Head download(
      Target target, Path stateDir, int bits, dev.aether.types.H256 genesisId, long timeoutMs)
      throws InterruptedException {
    Checkpoint cp = target.checkpoint();
    Head head = new Head(cp.height(), cp.id(), cp.block().header().stateRoot());
    try (RocksStateStore store = RocksStateStore.open(stateDir)) {
      StateSync.Receiver receiver = new StateSync.Receiver(store, head, bits);
      Deque<Integer> todo = new ArrayDeque<>(receiver.missing());
      Map<Integer, Long> inFlight = new HashMap<>();
      Map<Integer, PeerId> askedOf = new HashMap<>();
      List<PeerId> servers = new ArrayList<>(target.servers());
      int next = 0;
      long started = clockMs.getAsLong();
      long lastProgress = started;
      long entries = 0;
      int total = 1 << bits;
      LOG.info(
          "state sync to height " + cp.height() + ": " + todo.size() + " of " + total + " chunks");
      while (!todo.isEmpty() || !inFlight.isEmpty()) {
        long now = clockMs.getAsLong();
        if (servers.isEmpty()) {
          throw new LedgerException(
              new dev.aether.ledger.LedgerError.ChunkRejected(
                  "-", "no validator serves snapshot " + cp.height() + " any more"));
        }
        if (now - lastProgress > timeoutMs) {
          throw new LedgerException(
              new dev.aether.ledger.LedgerError.ChunkRejected(
                  "-", "no verified chunk for " + timeoutMs + " ms; state sync gave up"));
        }
        for (var e : new ArrayList<>(inFlight.entrySet())) {
          if (now - e.getValue() > CHUNK_TIMEOUT_MS) {
            inFlight.remove(e.getKey());
            todo.addFirst(e.getKey());
          }
        }
        while (inFlight.size() < WINDOW && !todo.isEmpty()) {
          int index = todo.poll();
          PeerId p = servers.get(next++ % servers.size());
          inFlight.put(index, now);
          askedOf.put(index, p);
          send(p, Node.CHUNK_REQUEST, encodeChunkRequest(cp.height(), bits, index));
        }
        ChunkAnswer a = chunks.poll(100, TimeUnit.MILLISECONDS);
        if (a == null || a.height() != cp.height()) {
          continue;
        }
        if (a.chunk().isEmpty()) {
          servers.remove(a.from()); // it no longer serves this snapshot
          continue;
        }
        StateChunk c = a.chunk().get();
        if (c.bits() != bits || !a.from().equals(askedOf.get(c.index()))) {
          continue; // not what we asked this peer for
        }
        inFlight.remove(c.index());
        try {
          receiver.accept(c);
          entries += c.entries().size();
          lastProgress = clockMs.getAsLong();
        } catch (LedgerException e) {
          LOG.warning("chunk " + c.index() + " from " + a.from() + " refused: " + e.getMessage());
          network.penalize(a.from(), 10.0);
          servers.remove(a.from());
          todo.addLast(c.index());
        }
      }
      Head done = receiver.finish(genesisId, Optional.of(cp.block()));
      LOG.info(
          "state sync done at height "
              + done.height()
              + ": "
              + entries
              + " state entries in "
              + total
              + " chunks, "
              + (clockMs.getAsLong() - started)
              + " ms; state root "
              + done.stateRoot());
      return done;
    }
  }

  private void send(PeerId p, int channel, byte[] data) {
    try {
      network.sendDirect(p, channel, data);
    } catch (NetworkException e) {
      LOG.fine("state sync send to " + p + " failed: " + e.getMessage());
    }
  }
}
