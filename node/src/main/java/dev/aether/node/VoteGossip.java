package dev.aether.node;

import dev.aether.consensus.ConsensusCrypto;
import dev.aether.consensus.Evidence;
import dev.aether.consensus.Validator;
import dev.aether.network.Validation;
import dev.aether.types.Hashing;
import dev.aether.types.Timeout;
import dev.aether.types.Vote;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Writer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The {@code vote} topic's framing and gossip validation: what a node checks before it forwards a
 * vote, timeout or evidence message to its mesh.
 *
 * <p>Framing is {@code tag || u64 sequence || body}. Consensus re-sends its timeout until the round
 * moves on, and the sequence makes each re-send a new gossip message (the router's seen-cache keys
 * on the whole message). The same sequence would let anyone replay a vote forever under fresh
 * numbers, so validation de-duplicates by <em>content</em> ({@code tag || body}) over a short
 * window: a re-send after the window travels again, a replay inside it is dropped unforwarded.
 *
 * <p>Checks, cheapest first: framing and decoding (else REJECT: the sender's fault); a signer known
 * in the validator set of the message's consensus epoch and a round consensus can still use (else
 * IGNORE: a lagging or leading node, or one that does not know that epoch's set yet, is not at
 * fault); the BLS signature of a vote or timeout (else REJECT, which costs the sender score). A
 * timeout's certificate and an evidence's proofs are left to consensus, whose refusals are scored
 * too ({@link Node}). Signatures checked here are remembered by {@link VerifiedSignatures}, so
 * consensus does not pay for them twice.
 */
final class VoteGossip {
  /** The validator at {@code index} in the set of consensus epoch {@code epoch}, if known here. */
  @FunctionalInterface
  interface Validators {
    Optional<Validator> of(long epoch, int index);
  }

  static final byte VOTE = 1;
  static final byte TIMEOUT = 2;
  static final byte EVIDENCE = 3;

  /** How long the same content is not forwarded again. */
  static final long DEDUPE_WINDOW_MS = 1_000;

  /**
   * Rounds behind the current one consensus still counts (it drops {@code round + 2 < current}).
   */
  static final long STALE_ROUNDS = 2;

  /** Rounds ahead of ours still forwarded; beyond, this node is too far behind to judge. */
  static final long FUTURE_ROUNDS = 64;

  private static final int MAX_REMEMBERED = 16_384;
  private static final int HEADER = 9;

  private final Validators validators;
  private final LongSupplier currentRound;
  private final ConsensusCrypto crypto;
  private final LongSupplier clockMs;
  private final AtomicLong sequence = new AtomicLong();

  /** Content hash -> when it was last accepted. */
  private final Map<String, Long> recent = BoundedMap.keepingNewest(MAX_REMEMBERED);

  VoteGossip(
      Validators validators,
      LongSupplier currentRound,
      ConsensusCrypto crypto,
      LongSupplier clockMs) {
    this.validators = validators;
    this.currentRound = currentRound;
    this.crypto = crypto;
    this.clockMs = clockMs;
  }

  /** {@code tag || u64 sequence || body}, a fresh sequence number each call. */
  byte[] frame(byte tag, byte[] body) {
    return new Writer(body.length + HEADER)
        .u8(tag)
        .u64(sequence.incrementAndGet())
        .fixed(body)
        .toByteArray();
  }

  /** The tag of a framed message (call after {@link #validate} accepted it). */
  static byte tag(byte[] data) {
    return data[0];
  }

  /** The body of a framed message. */
  static byte[] body(byte[] data) {
    return Arrays.copyOfRange(data, HEADER, data.length);
  }

  /** Gossip verdict on one message (network thread; thread-safe). */
  Validation validate(byte[] data) {
    if (data.length <= HEADER) {
      return Validation.REJECT;
    }
    byte tag = data[0];
    byte[] body = body(data);
    Validation verdict;
    try {
      verdict =
          switch (tag) {
            case VOTE -> vote(Vote.CODEC.decode(body));
            case TIMEOUT -> timeout(Timeout.CODEC.decode(body));
            case EVIDENCE -> {
              Evidence.CODEC.decode(body);
              yield Validation.ACCEPT;
            }
            default -> Validation.REJECT;
          };
    } catch (CodecException | IllegalArgumentException e) {
      return Validation.REJECT;
    }
    if (verdict != Validation.ACCEPT) {
      return verdict;
    }
    return firstInWindow(tag, body) ? Validation.ACCEPT : Validation.IGNORE;
  }

  private Validation vote(Vote v) {
    Optional<Validator> voter = validators.of(v.epoch(), v.voter());
    if (voter.isEmpty() || !usefulRound(v.round())) {
      return Validation.IGNORE;
    }
    return crypto.verifyVote(
            voter.get(), Vote.signingBytes(v.epoch(), v.round(), v.blockId()), v.signature())
        ? Validation.ACCEPT
        : Validation.REJECT;
  }

  private Validation timeout(Timeout t) {
    if (t.highQc().round() >= t.round()) {
      return Validation.REJECT;
    }
    Optional<Validator> voter = validators.of(t.epoch(), t.voter());
    if (voter.isEmpty() || !usefulRound(t.round())) {
      return Validation.IGNORE;
    }
    return crypto.verifyVote(
            voter.get(),
            Timeout.signingBytes(t.epoch(), t.round(), t.highQc().round()),
            t.signature())
        ? Validation.ACCEPT
        : Validation.REJECT;
  }

  private boolean usefulRound(long round) {
    long current = currentRound.getAsLong();
    return round + STALE_ROUNDS >= current && round <= current + FUTURE_ROUNDS;
  }

  private synchronized boolean firstInWindow(byte tag, byte[] body) {
    String key = Hashing.tagged("aether/vote-gossip/v1", new byte[] {tag}, body).toString();
    long now = clockMs.getAsLong();
    Long last = recent.get(key);
    if (last != null && now - last < DEDUPE_WINDOW_MS) {
      return false;
    }
    recent.remove(key); // re-insert so the map stays in last-accepted order
    recent.put(key, now);
    return true;
  }
}
