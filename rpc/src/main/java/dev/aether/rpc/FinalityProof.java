package dev.aether.rpc;

import dev.aether.types.Bytes;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import java.util.List;
import java.util.Objects;

/**
 * Everything a light client needs to check, from the chain's genesis alone, that the block at
 * {@code height} is final ({@code aeth_getFinalityProof}, docs/rpc.md):
 *
 * <ul>
 *   <li>{@code headers}: the block's header and its descendants up to a block {@code c} whose
 *       parent {@code p} it certifies in the very next round (the 2-chain commit rule: {@code p}
 *       and {@code c} both certified, {@code c.round = p.round + 1}); each header's parent is the
 *       one before it;
 *   <li>{@code qc}: the quorum certificate on {@code c} (the one on {@code p} is {@code c}'s {@code
 *       parentQc}); each certificate names the consensus epoch whose set signed it;
 *   <li>{@code genesisSets}: the staking program's records of the sets of epochs 0 and 1, each with
 *       a Merkle proof under the genesis header's state root;
 *   <li>{@code setChanges}: when a certificate is of epoch {@code E ≥ 2}, the chain of set changes
 *       that proves the sets of epochs 2..E from those two — link {@code e} (encoded as the node's
 *       {@code SetChange}, docs/rpc.md) is certified by epoch {@code e+1}'s set and proves epoch
 *       {@code e+2}'s record under the state root of epoch {@code e}'s last block.
 * </ul>
 *
 * @param height the block proven final
 * @param headers from the block at {@code height} to the certified child {@code c}, at least two
 * @param qc certifies the last header
 * @param genesis the chain's genesis header; its id is the light client's trust anchor
 * @param genesisSets the records of epochs 0 and 1 under the genesis state root
 * @param setChanges links for epochs 0, 1, ... up to the certificates' epoch minus 2, in order
 */
public record FinalityProof(
    long height,
    List<Header> headers,
    QuorumCert qc,
    Header genesis,
    List<RecordedSet> genesisSets,
    List<Bytes> setChanges) {
  public FinalityProof {
    headers = List.copyOf(headers);
    genesisSets = List.copyOf(genesisSets);
    setChanges = List.copyOf(setChanges);
    Objects.requireNonNull(qc, "qc");
    Objects.requireNonNull(genesis, "genesis");
    if (headers.size() < 2) {
      throw new IllegalArgumentException("a finality proof needs the block and a certified child");
    }
  }

  /**
   * The staking program's record of one epoch's set ({@code EpochValidatorSet},
   * docs/programs/staking.md) at state key {@code key}, with its Sparse Merkle proof.
   */
  public record RecordedSet(long epoch, Bytes key, Bytes record, Bytes proof) {}
}
