package dev.aether.node;

import dev.aether.consensus.Checkpoint;
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
import dev.aether.types.SetChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds {@code aeth_getFinalityProof} answers from committed blocks. A block is final when a
 * descendant {@code p} and its child {@code c} of the next round are both certified (2-chain rule);
 * the proof is the headers from the block to {@code c} and the QC on {@code c} — the next committed
 * header's {@code parentQc}, or, for the head itself, the QC this node recorded with its last
 * checkpoint. The signing sets are proven from genesis: the staking program's records of epochs 0
 * and 1 under the genesis state root, then this node's {@link SetChangeLog} links up to the
 * certificates' epoch (ADR 0041).
 */
final class FinalityProofs {
  /** Longest run of headers a proof may need before the 2-chain rule applies (timeouts). */
  static final int MAX_HEADERS = 64;

  private final GenesisConfig genesis;
  private final SetChangeLog links;
  private volatile Optional<GenesisSets> sets = Optional.empty();

  private record GenesisSets(Header genesis, List<FinalityProof.RecordedSet> records) {}

  FinalityProofs(GenesisConfig genesis, SetChangeLog links) {
    this.genesis = genesis;
    this.links = links;
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
        GenesisSets g = genesisSets();
        long epoch = Math.max(qc.get().epoch(), next.parentQc().epoch());
        return Optional.of(
            new FinalityProof(height, headers, qc.get(), g.genesis(), g.records(), links(epoch)));
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

  /** The encoded links for epochs 0 .. {@code epoch - 2}, which prove the set of {@code epoch}. */
  private List<Bytes> links(long epoch) {
    if (epoch < 2) {
      return List.of();
    }
    int need = Math.toIntExact(epoch - 1);
    List<SetChange> have = links.from(0, need);
    if (have.size() < need || have.getFirst().epoch() != 0) {
      throw new BackendUnavailableException(
          "this node does not hold the set changes from genesis to epoch "
              + epoch
              + " (it state-synced past them); ask a node that followed the chain from genesis");
    }
    List<Bytes> out = new ArrayList<>();
    for (SetChange c : have) {
      out.add(Bytes.of(SetChange.CODEC.encode(c)));
    }
    return out;
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

  private GenesisSets genesisSets() {
    Optional<GenesisSets> s = sets;
    if (s.isEmpty()) {
      var alloc = NodeGenesis.allocation(genesis);
      List<FinalityProof.RecordedSet> records = new ArrayList<>();
      for (long epoch = 0; epoch <= 1; epoch++) {
        H256 key = StakingKeys.epochSet(epoch);
        Genesis.GenesisProof p = Genesis.prove(alloc, key);
        long e = epoch;
        Bytes record =
            p.value()
                .filter(o -> o instanceof StateObject.Data)
                .map(o -> ((StateObject.Data) o).bytes())
                .orElseThrow(
                    () -> new IllegalStateException("genesis records no epoch-" + e + " set"));
        records.add(
            new FinalityProof.RecordedSet(
                epoch, Bytes.of(key.toArray()), record, Bytes.of(p.proof().encode())));
      }
      s = Optional.of(new GenesisSets(NodeGenesis.block(genesis).header(), records));
      sets = s;
    }
    return s.get();
  }
}
