package dev.aether.node;

import dev.aether.consensus.Checkpoint;
import dev.aether.consensus.Validator;
import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.CommittedView;
import dev.aether.ledger.Genesis;
import dev.aether.ledger.StateObject;
import dev.aether.programs.staking.StakingKeys;
import dev.aether.rpc.BackendUnavailableException;
import dev.aether.rpc.FinalityProof;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds {@code aeth_getFinalityProof} answers from committed blocks. A block is final when a
 * descendant {@code p} and its child {@code c} of the next round are both certified (2-chain rule);
 * the proof is the headers from the block to {@code c} and the QC on {@code c} — the next committed
 * header's {@code parentQc}, or, for the head itself, the QC this node recorded with its last
 * checkpoint. The signing set is the genesis set (consensus uses one fixed set; docs/sdk.md says
 * what changes when sets change per epoch), proven by the staking program's record of epoch 0's set
 * under the genesis state root.
 */
final class FinalityProofs {
  /** Longest run of headers a proof may need before the 2-chain rule applies (timeouts). */
  static final int MAX_HEADERS = 64;

  private final GenesisConfig genesis;
  private volatile Optional<SetProof> set = Optional.empty();

  private record SetProof(
      Header genesis, List<FinalityProof.Member> members, Bytes key, Bytes record, Bytes proof) {}

  FinalityProofs(GenesisConfig genesis) {
    this.genesis = genesis;
  }

  Optional<FinalityProof> prove(
      CommittedView ledger, long height, Optional<Checkpoint> checkpoint) {
    long top = ledger.head().height();
    if (height < 0 || height > top) {
      return Optional.empty();
    }
    List<Header> headers = new ArrayList<>();
    headers.add(header(ledger, height));
    for (long h = height + 1; h <= top && headers.size() <= MAX_HEADERS; h++) {
      Header next = header(ledger, h);
      Header prev = headers.getLast();
      headers.add(next);
      if (next.round() == prev.round() + 1) {
        Optional<QuorumCert> qc =
            h < top
                ? Optional.of(header(ledger, h + 1).parentQc())
                : checkpoint.filter(cp -> cp.block().id().equals(next.id())).map(Checkpoint::qc);
        if (qc.isEmpty()) {
          return Optional.empty(); // the child's certificate is not committed yet
        }
        SetProof s = set();
        return Optional.of(
            new FinalityProof(
                height,
                headers,
                qc.get(),
                s.genesis(),
                0,
                s.members(),
                s.key(),
                s.record(),
                s.proof()));
      }
    }
    if (headers.size() > MAX_HEADERS) {
      throw new BackendUnavailableException(
          "block "
              + height
              + " is final by a descendant more than "
              + MAX_HEADERS
              + " blocks later; ask for a later height");
    }
    return Optional.empty();
  }

  private static Header header(CommittedView ledger, long h) {
    return ledger
        .block(h)
        .map(Block::header)
        .orElseThrow(
            () ->
                new BackendUnavailableException(
                    "block " + h + " is not stored on this node (it state-synced past it)"));
  }

  private SetProof set() {
    Optional<SetProof> s = set;
    if (s.isEmpty()) {
      var alloc = NodeGenesis.allocation(genesis);
      H256 key = StakingKeys.epochSet(0);
      Genesis.GenesisProof p = Genesis.prove(alloc, key);
      Bytes record =
          p.value()
              .filter(o -> o instanceof StateObject.Data)
              .map(o -> ((StateObject.Data) o).bytes())
              .orElseThrow(() -> new IllegalStateException("genesis records no epoch-0 set"));
      List<FinalityProof.Member> members = new ArrayList<>();
      for (Validator v : NodeGenesis.validators(genesis).validators()) {
        members.add(new FinalityProof.Member(v.index(), v.blsKey(), BigInteger.valueOf(v.stake())));
      }
      s =
          Optional.of(
              new SetProof(
                  NodeGenesis.block(genesis).header(),
                  members,
                  Bytes.of(key.toArray()),
                  record,
                  Bytes.of(p.proof().encode())));
      set = s;
    }
    return s.get();
  }
}
