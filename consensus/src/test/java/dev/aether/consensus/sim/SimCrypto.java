package dev.aether.consensus.sim;

import dev.aether.consensus.ConsensusCrypto;
import dev.aether.consensus.LocalSigner;
import dev.aether.consensus.Validator;
import dev.aether.consensus.VrfOutput;
import dev.aether.types.Bytes;
import dev.aether.types.Hashing;
import dev.aether.types.OpCert;
import dev.aether.types.codec.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * SIMULATION DOUBLE, test scope only: hash-based stand-ins for BLS, ECVRF, Ed25519 and KES so the
 * simulator can run thousands of rounds per second. A simulated validator is identified by its cold
 * key ({@link #coldKey}); its signature on {@code m} is {@code SHA-256("sim/sig" || id || m)}
 * expanded to 96 bytes, aggregation is XOR. Anyone can forge these (the verifier recomputes them),
 * which is fine inside the simulator, where each simulated node only ever signs with its own
 * identity. Never wire this into a node.
 *
 * <p>Operational certificates rotate on their own every {@link #ROTATE_EVERY} KES periods (a new
 * simulated hot key, counter + 1), so long runs with short KES periods cross many rotations.
 */
public final class SimCrypto implements ConsensusCrypto {
  /** KES periods per simulated certificate (a real hot key covers 64). */
  public static final int ROTATE_EVERY = 32;

  /** The cold key (identity) of simulated validator {@code id}. */
  public static Bytes coldKey(int id) {
    return Bytes.of(new Writer(4).u32(id).toByteArray());
  }

  private static int id(Bytes coldKey) {
    byte[] b = coldKey.toArray();
    return b.length == 4
        ? ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff)
        : -1;
  }

  static Bytes voteSig(int id, byte[] msg) {
    return expand("sim/sig", id, -1, msg, 96);
  }

  static Bytes kesSig(Bytes hotKey, int evolution, byte[] msg) {
    byte[] m = new Writer(msg.length + 32).fixed(hotKey.toArray()).fixed(msg).toByteArray();
    return expand("sim/kes", 0, evolution, m, 64);
  }

  static VrfOutput vrf(int id, byte[] input) {
    return new VrfOutput(
        expand("sim/vrf-proof", id, -1, input, 80), expand("sim/vrf-out", id, -1, input, 64));
  }

  /** The certificate simulated validator {@code id} uses in KES period {@code period}. */
  static OpCert cert(int id, int period) {
    long counter = period / ROTATE_EVERY;
    int start = (int) counter * ROTATE_EVERY;
    Bytes hot = expand("sim/hot", id, (int) counter, new byte[0], 32);
    return new OpCert(hot, counter, start, coldSig(id, OpCert.signingBytes(hot, counter, start)));
  }

  static Bytes coldSig(int id, byte[] msg) {
    return expand("sim/cold", id, -1, msg, 64);
  }

  private static Bytes expand(String tag, int index, int extra, byte[] msg, int len) {
    byte[] out = new byte[len];
    for (int off = 0, ctr = 0; off < len; off += 32, ctr++) {
      byte[] h =
          Hashing.tagged(
                  tag,
                  new Writer(16)
                      .u32(index & 0xffffffffL)
                      .u32(extra & 0xffffffffL)
                      .u8(ctr)
                      .toByteArray(),
                  msg)
              .toArray();
      System.arraycopy(h, 0, out, off, Math.min(32, len - off));
    }
    return Bytes.of(out);
  }

  @Override
  public Optional<Bytes> vrfVerify(Validator validator, byte[] input, Bytes proof) {
    VrfOutput expected = vrf(id(validator.coldKey()), input);
    return expected.proof().equals(proof) ? Optional.of(expected.output()) : Optional.empty();
  }

  @Override
  public boolean verifyProposal(
      Validator validator, OpCert cert, int kesPeriod, byte[] message, Bytes sig) {
    int evolution = kesPeriod - cert.startPeriod();
    return evolution >= 0
        && evolution < 64
        && coldSig(id(validator.coldKey()), cert.signingBytes()).equals(cert.coldSignature())
        && kesSig(cert.hotKey(), evolution, message).equals(sig);
  }

  @Override
  public boolean verifyVote(Validator validator, byte[] message, Bytes signature) {
    return voteSig(id(validator.coldKey()), message).equals(signature);
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
      byte[] b = voteSig(id(signers.get(k).coldKey()), messages.get(k)).toArray();
      for (int i = 0; i < acc.length; i++) {
        acc[i] ^= b[i];
      }
    }
    return Arrays.equals(acc, aggregate.toArray());
  }

  /** A simulated validator's public keys (only the cold key matters to the double). */
  public static Validator validator(int index, int id, long stake) {
    return new Validator(index, stake, Bytes.EMPTY, Bytes.EMPTY, coldKey(id));
  }

  /** The simulated validator {@code id}'s keys. */
  public static LocalSigner signer(int id) {
    return new LocalSigner() {
      @Override
      public Bytes coldKey() {
        return SimCrypto.coldKey(id);
      }

      @Override
      public VrfOutput vrfProve(byte[] input) {
        return vrf(id, input);
      }

      @Override
      public Optional<OpCert> opCert(int kesPeriod) {
        return Optional.of(cert(id, kesPeriod));
      }

      @Override
      public Bytes signProposal(OpCert cert, int kesPeriod, byte[] message) {
        return kesSig(cert.hotKey(), kesPeriod - cert.startPeriod(), message);
      }

      @Override
      public Bytes signVote(byte[] message) {
        return voteSig(id, message);
      }
    };
  }
}
