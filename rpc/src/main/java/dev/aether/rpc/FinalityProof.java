package dev.aether.rpc;

import dev.aether.types.Bytes;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import java.math.BigInteger;
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
 *       parentQc});
 *   <li>the validator set that signed both: its members in the order the certificates' signer
 *       bitmaps index, and the staking program's record of the set with a Merkle proof under the
 *       genesis header's state root ({@code genesis}).
 * </ul>
 *
 * @param height the block proven final
 * @param headers from the block at {@code height} to the certified child {@code c}, at least two
 * @param qc certifies the last header
 * @param genesis the chain's genesis header; its id is the light client's trust anchor
 * @param epoch the consensus epoch whose set signed
 * @param members the set in signer-index order
 * @param setKey the state key of the staking program's record of the set
 * @param setRecord the record's bytes ({@code EpochValidatorSet}, docs/programs/staking.md)
 * @param setProof Sparse Merkle proof of the record under {@code genesis.stateRoot}
 */
public record FinalityProof(
    long height,
    List<Header> headers,
    QuorumCert qc,
    Header genesis,
    long epoch,
    List<Member> members,
    Bytes setKey,
    Bytes setRecord,
    Bytes setProof) {
  public FinalityProof {
    headers = List.copyOf(headers);
    members = List.copyOf(members);
    Objects.requireNonNull(qc, "qc");
    Objects.requireNonNull(genesis, "genesis");
    if (headers.size() < 2) {
      throw new IllegalArgumentException("a finality proof needs the block and a certified child");
    }
  }

  /** One validator of the signing set: its index in signer bitmaps, BLS key and voting stake. */
  public record Member(int index, Bytes blsKey, BigInteger stake) {}
}
