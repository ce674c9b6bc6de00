package dev.aether.consensus.sim;

import dev.aether.consensus.ConsensusCrypto;
import dev.aether.consensus.LocalSigner;
import dev.aether.consensus.Validator;
import dev.aether.consensus.VrfOutput;
import dev.aether.types.Bytes;
import dev.aether.types.Hashing;
import dev.aether.types.codec.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * SIMULATION DOUBLE, test scope only: hash-based stand-ins for BLS, ECVRF and KES so the simulator
 * can run thousands of rounds per second. Signature of validator {@code i} on {@code m} is {@code
 * SHA-256("sim/sig" || i || m)} expanded to 96 bytes; aggregation is XOR. Anyone can forge these
 * (the verifier recomputes them), which is fine inside the simulator, where each simulated node
 * only ever signs with its own index. Never wire this into a node.
 */
public final class SimCrypto implements ConsensusCrypto {

  static Bytes voteSig(int index, byte[] msg) {
    return expand("sim/sig", index, -1, msg, 96);
  }

  static Bytes kesSig(int index, int period, byte[] msg) {
    return expand("sim/kes", index, period, msg, 64);
  }

  static VrfOutput vrf(int index, byte[] input) {
    return new VrfOutput(
        expand("sim/vrf-proof", index, -1, input, 80), expand("sim/vrf-out", index, -1, input, 64));
  }

  private static Bytes expand(String tag, int index, int extra, byte[] msg, int len) {
    byte[] out = new byte[len];
    for (int off = 0, ctr = 0; off < len; off += 32, ctr++) {
      byte[] h =
          Hashing.tagged(
                  tag,
                  new Writer(16).u16(index).u32(extra & 0xffffffffL).u8(ctr).toByteArray(),
                  msg)
              .toArray();
      System.arraycopy(h, 0, out, off, Math.min(32, len - off));
    }
    return Bytes.of(out);
  }

  @Override
  public Optional<Bytes> vrfVerify(Validator validator, byte[] input, Bytes proof) {
    VrfOutput expected = vrf(validator.index(), input);
    return expected.proof().equals(proof) ? Optional.of(expected.output()) : Optional.empty();
  }

  @Override
  public boolean verifyProposal(Validator validator, int kesPeriod, byte[] message, Bytes sig) {
    return kesSig(validator.index(), kesPeriod, message).equals(sig);
  }

  @Override
  public boolean verifyVote(Validator validator, byte[] message, Bytes signature) {
    return voteSig(validator.index(), message).equals(signature);
  }

  @Override
  public Bytes aggregate(List<Bytes> signatures) {
    byte[] acc = new byte[96];
    for (Bytes s : signatures) {
      byte[] b = s.toArray();
      for (int i = 0; i < acc.length; i++) {
        acc[i] ^= b[i];
      }
    }
    return Bytes.of(acc);
  }

  @Override
  public boolean verifyAggregate(List<Validator> signers, List<byte[]> messages, Bytes aggregate) {
    if (signers.size() != messages.size()) {
      return false;
    }
    byte[] acc = new byte[96];
    for (int k = 0; k < signers.size(); k++) {
      byte[] b = voteSig(signers.get(k).index(), messages.get(k)).toArray();
      for (int i = 0; i < acc.length; i++) {
        acc[i] ^= b[i];
      }
    }
    return Arrays.equals(acc, aggregate.toArray());
  }

  /** The simulated validator {@code index}'s keys. */
  public static LocalSigner signer(int index) {
    return new LocalSigner() {
      @Override
      public int index() {
        return index;
      }

      @Override
      public VrfOutput vrfProve(byte[] input) {
        return vrf(index, input);
      }

      @Override
      public Bytes signProposal(int kesPeriod, byte[] message) {
        return kesSig(index, kesPeriod, message);
      }

      @Override
      public Bytes signVote(byte[] message) {
        return voteSig(index, message);
      }
    };
  }
}
