package dev.aether.consensus;

import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.codec.Writer;

/**
 * Epoch randomness {@code eta_e}, a function of the chain (so each fork is self-consistent and the
 * finalized chain fixes it for everyone):
 *
 * <pre>
 *   rho := H("aether/eta/v1" || eta_e || u64(e+1))
 *   for each block b of epoch e on the chain, in order, with slot(b) - e*epochSlots &lt; cutoff:
 *       rho := H("aether/eta/v1" || rho || beta_b)          (beta_b: b's lottery VRF output)
 *   eta_{e+1} := rho
 * </pre>
 *
 * where {@code cutoff = floor(2 * epochSlots / 3)} and {@code beta_b = VRF_proposer(eta_e || slot)}
 * is the output already carried by every header. An epoch without contributing blocks still moves
 * the nonce ({@code eta_{e+1} = H(tag || eta_e || u64(e+1))}). The last third of an epoch
 * contributes nothing, so the next nonce is settled a third of an epoch before it is used.
 */
public final class EpochNonce {
  private static final String TAG = "aether/eta/v1";

  private EpochNonce() {}

  /** The accumulator at the start of epoch {@code e}, whose blocks build {@code eta_{e+1}}. */
  public static H256 start(H256 eta, long epoch) {
    return Hashing.tagged(TAG, eta.toArray(), new Writer(8).u64(epoch + 1).toByteArray());
  }

  /** Folds one block's VRF output into the accumulator. */
  public static H256 absorb(H256 rho, Bytes vrfOutput) {
    return Hashing.tagged(TAG, rho.toArray(), vrfOutput.toArray());
  }

  /**
   * The genesis nonce {@code eta_0 = H("aether/eta0/v1" || genesis block id)}: the one definition
   * every node and the simulator use (through {@link ConsensusConfig}). The genesis block commits
   * to the whole genesis file (chain id, validators, allocation), so two chains that differ in
   * anything draw different leaders from the first slot.
   */
  public static H256 genesis(Block genesis) {
    return Hashing.tagged("aether/eta0/v1", genesis.id().toArray());
  }
}
