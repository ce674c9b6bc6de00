package dev.aether.node;

import dev.aether.consensus.ConsensusCrypto;
import dev.aether.consensus.ConsensusParams;
import dev.aether.network.Network;
import dev.aether.network.NetworkException;
import dev.aether.network.PeerId;
import dev.aether.types.SetChange;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Fetches and verifies the chain of validator-set changes from genesis (ADR 0003): what a node that
 * is about to state-sync needs to know the validator set of the epoch it will resume in. Any peer
 * may serve it — every link is checked against the set the links before it proved — so a liar can
 * only withhold; the longest verified chain from all peers wins.
 */
final class SetChangeSync {
  private static final Logger LOG = Logger.getLogger(SetChangeSync.class.getName());

  /** Links per answer, at most (a link is a few kilobytes). */
  static final int BATCH = 32;

  private SetChangeSync() {}

  /** {@code u64 fromEpoch}. */
  static byte[] encodeRequest(long from) {
    return new Writer(8).u64(from).toByteArray();
  }

  static long decodeRequest(byte[] data) {
    Reader in = new Reader(data);
    long from = in.u64("from epoch");
    in.expectEnd("set-change request");
    return from;
  }

  /** {@code u8 count || (u32 length || link)*}. */
  static byte[] encodeResponse(List<SetChange> links) {
    Writer w = new Writer().u8(links.size());
    for (SetChange c : links) {
      byte[] b = SetChange.CODEC.encode(c);
      w.u32(b.length).fixed(b);
    }
    return w.toByteArray();
  }

  static List<SetChange> decodeResponse(byte[] data) {
    Reader in = new Reader(data);
    int n = in.u8("link count");
    if (n > BATCH) {
      throw new CodecException.LengthOverLimit("set-change links", n, BATCH);
    }
    List<SetChange> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long len = in.u32("link length");
      if (len > 4L * SetChange.MAX_BYTES) {
        throw new CodecException.LengthOverLimit("set-change link", len, 4L * SetChange.MAX_BYTES);
      }
      out.add(SetChange.CODEC.decode(in.fixed("link", (int) len)));
    }
    in.expectEnd("set-change response");
    return out;
  }

  /** A peer's answer, as it arrives on the network thread. */
  record Answer(PeerId from, List<SetChange> links) {}

  /**
   * Asks every connected peer for links from epoch 0 on and verifies them with the genesis sets.
   * Stops when every connected peer answered without a further link, or at the deadline.
   *
   * @param answers where the node's handler of {@link Node#SET_CHANGES_RESPONSE} puts answers
   * @return the verified links, contiguous from epoch 0 (possibly none)
   */
  static List<SetChange> fetch(
      Network network,
      EpochSets genesis,
      ConsensusParams params,
      ConsensusCrypto crypto,
      BlockingQueue<Answer> answers,
      LongSupplier clockMs,
      long timeoutMs)
      throws InterruptedException {
    Map<Long, dev.aether.consensus.ValidatorSet> known = new TreeMap<>();
    known.put(0L, genesis.view(0).orElseThrow().set());
    known.put(1L, genesis.view(1).orElseThrow().set());
    List<SetChange> verified = new ArrayList<>();
    long deadline = clockMs.getAsLong() + timeoutMs;
    java.util.Map<PeerId, Long> askedAt = new java.util.HashMap<>();
    java.util.Set<PeerId> exhausted = new java.util.HashSet<>();
    while (clockMs.getAsLong() < deadline) {
      long now = clockMs.getAsLong();
      java.util.Set<PeerId> connected = new java.util.TreeSet<>(network.connectedPeers());
      if (!connected.isEmpty() && exhausted.containsAll(connected)) {
        break; // everyone connected has told us all they know
      }
      for (PeerId p : connected) {
        // Any peer can serve: every link is checked.
        if (!exhausted.contains(p) && now - askedAt.getOrDefault(p, Long.MIN_VALUE / 2) >= 1_000) {
          askedAt.put(p, now);
          send(network, p, encodeRequest(verified.size()));
        }
      }
      Answer a = answers.poll(100, TimeUnit.MILLISECONDS);
      if (a == null) {
        continue;
      }
      boolean progress = false;
      for (SetChange c : a.links()) {
        if (c.epoch() != verified.size()) {
          continue;
        }
        SetChangeCheck.Result r =
            SetChangeCheck.verify(c, known.get(c.epoch() + 1), crypto, params);
        if (r.set().isEmpty()) {
          LOG.warning(
              "set change of epoch "
                  + c.epoch()
                  + " from "
                  + a.from()
                  + " refused: "
                  + r.problem());
          network.penalize(a.from(), 10.0);
          break;
        }
        known.put(c.epoch() + 2, EpochSets.view(r.set().get()).set());
        verified.add(c);
        progress = true;
      }
      if (progress) {
        askedAt.clear(); // ask everyone again from the new end
        exhausted.clear();
      } else if (a.links().size() < BATCH) {
        exhausted.add(a.from());
      } else {
        askedAt.remove(a.from());
      }
    }
    LOG.info(
        "validator-set changes verified from genesis: "
            + verified.size()
            + " (sets known through epoch "
            + (verified.size() + 1)
            + ")");
    return verified;
  }

  private static void send(Network network, PeerId to, byte[] data) {
    try {
      network.sendDirect(to, Node.SET_CHANGES_REQUEST, data);
    } catch (NetworkException e) {
      LOG.fine("set-change request to " + to + " failed: " + e.getMessage());
    }
  }

  /** The sets the verified links prove, beside genesis': an {@link EpochSets} for bootstrap. */
  static EpochSets withLinks(EpochSets genesis, List<SetChange> links, ConsensusParams params) {
    Map<Long, EpochView> views = new TreeMap<>();
    for (SetChange c : links) {
      // Already verified: the recorded set decodes.
      var set =
          dev.aether.programs.staking.EpochValidatorSet.CODEC.decode(c.recordedSet().toArray());
      views.put(c.epoch() + 2, EpochSets.view(set));
    }
    return epoch -> epoch <= 1 ? genesis.view(epoch) : Optional.ofNullable(views.get(epoch));
  }
}
