package dev.aether.consensus.sim;

import dev.aether.consensus.Evidence;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import dev.aether.types.Vote;
import dev.aether.types.codec.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Messages no honest node would send, through the real decoders: random bytes, heard messages with
 * flipped bits, truncated or with bytes appended, oversized ones (a block claiming more
 * transactions than allowed, a megabyte of padding), and messages that decode but say absurd things
 * — unknown validators, rounds and slots near 2^63 or "negative", certificates naming 1 024
 * signers, evidence framing honest validators, headers signed by this member with extreme fields.
 */
final class GarbageAttack implements Attack {
  @Override
  public void onSlot(Adversary a, long slot) {
    for (int k = 0; k < 3; k++) {
      int to = a.honest().get(a.rnd().nextInt(a.honest().size()));
      switch (a.rnd().nextInt(6)) {
        case 0 -> randomBytes(a, to);
        case 1 -> mutated(a, to);
        case 2 -> oversized(a, to);
        default -> a.send(to, absurd(a, slot));
      }
    }
  }

  private static Wire.Topic anyTopic(Adversary a) {
    Wire.Topic[] t = Wire.Topic.values();
    return t[a.rnd().nextInt(t.length)];
  }

  private static byte[] random(Adversary a, int len) {
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      b[i] = (byte) a.rnd().nextInt(256);
    }
    return b;
  }

  private static void randomBytes(Adversary a, int to) {
    a.sendBytes(to, anyTopic(a), random(a, a.rnd().nextInt(700)));
  }

  /** A heard message's encoding with bits flipped, cut short or extended. */
  private static void mutated(Adversary a, int to) {
    Optional<Object> m = a.intel.anyHeard(a.rnd());
    if (m.isEmpty()) {
      return;
    }
    byte[] enc = Wire.encode(m.get());
    Wire.Topic topic = Wire.Topic.of(m.get());
    byte[] out;
    switch (a.rnd().nextInt(3)) {
      case 0 -> {
        out = enc.clone();
        for (int k = 0, flips = 1 + a.rnd().nextInt(3); k < flips && out.length > 0; k++) {
          int bit = a.rnd().nextInt(out.length * 8);
          out[bit / 8] ^= (byte) (1 << (bit % 8));
        }
      }
      case 1 -> out = Arrays.copyOf(enc, enc.length == 0 ? 0 : a.rnd().nextInt(enc.length));
      default -> {
        out = Arrays.copyOf(enc, enc.length + 1 + a.rnd().nextInt(8));
        System.arraycopy(
            random(a, out.length - enc.length), 0, out, enc.length, out.length - enc.length);
      }
    }
    a.sendBytes(to, topic, out);
  }

  private static void oversized(Adversary a, int to) {
    if (a.rnd().nextBoolean()) {
      byte[] vote = Wire.encode(a.vote(a.round(), a.highQc().blockId()));
      a.sendBytes(to, Wire.Topic.VOTE, Arrays.copyOf(vote, 1 << 20));
      return;
    }
    Block b = a.block(a.highQc().blockId()).orElse(null);
    if (b == null) {
      return;
    }
    Writer w = new Writer();
    Header.CODEC.write(b.header(), w);
    w.u32(Block.MAX_TXS + 1);
    w.fixed(random(a, 64));
    a.sendBytes(to, Wire.Topic.PROPOSAL, w.toByteArray());
  }

  /** Decodable, validly shaped, and wrong. */
  private static Object absurd(Adversary a, long slot) {
    long r = a.round();
    long huge = Long.MAX_VALUE - a.rnd().nextInt(3);
    long negative = -1 - a.rnd().nextInt(3);
    H256 id = a.highQc().blockId();
    return switch (a.rnd().nextInt(7)) {
      case 0 -> new Vote(a.epoch(), r, id, a.n() + a.rnd().nextInt(100), Bytes.of(random(a, 96)));
      case 1 -> a.vote(a.rnd().nextBoolean() ? huge : negative, id);
      case 2 -> a.timeout(a.rnd().nextBoolean() ? huge : negative, a.highQc());
      case 3 -> a.timeout(r, everyone(a, a.highQc()));
      case 4 -> framed(a, r);
      default -> extremeHeader(a, slot, huge, negative);
    };
  }

  /** The highest QC with its signer set stretched to all 1 024 possible validators. */
  private static QuorumCert everyone(Adversary a, QuorumCert qc) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < SignerSet.MAX_VALIDATORS; i++) {
      all.add(i);
    }
    return new QuorumCert(
        qc.epoch(), qc.round(), qc.blockId(), SignerSet.of(all), qc.aggregateSignature());
  }

  /** "Evidence" that an honest validator double-voted, with made-up signatures. */
  private static Evidence framed(Adversary a, long r) {
    int victim = a.honest().get(a.rnd().nextInt(a.honest().size()));
    Vote x = new Vote(a.epoch(), r, H256.of(random(a, 32)), victim, Bytes.of(random(a, 96)));
    Vote y = new Vote(a.epoch(), r, H256.of(random(a, 32)), victim, Bytes.of(random(a, 96)));
    return Evidence.DoubleVote.of(x, y);
  }

  /** A header signed by this member whose height, slot or round is extreme. */
  private static Object extremeHeader(Adversary a, long slot, long huge, long negative) {
    Optional<Block> known = a.block(a.highQc().blockId());
    if (known.isEmpty()) {
      return a.vote(huge, a.highQc().blockId()); // the QC came before its block
    }
    Block parent = known.get();
    Header p = parent.header();
    long height = p.height() + 1;
    long s = slot;
    long round = a.round();
    switch (a.rnd().nextInt(4)) {
      case 0 -> s = huge;
      case 1 -> s = negative;
      case 2 -> round = huge;
      default -> height = huge;
    }
    Bytes proof = Attacks.anyProof(a, slot);
    H256 tx = SimChain.txRoot(slot, round, a.me, 5);
    int kes = (int) Math.max(0, Math.min(Integer.MAX_VALUE, s / a.params.kesSlotsPerPeriod()));
    dev.aether.types.OpCert cert = a.key.opCert(kes).orElse(dev.aether.types.OpCert.NONE);
    Header h =
        new Header(
            a.epoch(),
            height,
            s,
            round,
            parent.id(),
            a.me,
            proof,
            kes,
            cert,
            tx,
            SimChain.stateRoot(p, tx),
            SimChain.receiptsRoot(tx),
            SimChain.shredRoot(tx),
            a.highQc(),
            Optional.empty());
    return new Block(h, List.of(), a.key.signProposal(cert, kes, Block.signingBytes(h.id())));
  }
}
