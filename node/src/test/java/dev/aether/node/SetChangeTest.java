package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.consensus.ConsensusParams;
import dev.aether.consensus.ValidatorSet;
import dev.aether.consensus.crypto.ChainCrypto;
import dev.aether.genesis.GenesisConfig;
import dev.aether.genesis.GenesisParser;
import dev.aether.ledger.BlockContext;
import dev.aether.ledger.ChainEd25519Verifier;
import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerConfig;
import dev.aether.ledger.MemoryStateStore;
import dev.aether.ledger.SerialExecutor;
import dev.aether.ledger.StateObject;
import dev.aether.node.keys.ValidatorKeys;
import dev.aether.programs.NativePrograms;
import dev.aether.programs.staking.EpochValidatorSet;
import dev.aether.programs.staking.StakingKeys;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.OpCert;
import dev.aether.types.QuorumCert;
import dev.aether.types.SetChange;
import dev.aether.types.SignerSet;
import dev.aether.types.Vote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A link of the set-change chain (ADR 0003) built from a real ledger running the staking program
 * and real BLS votes: it proves the next-but-one epoch's set, and every way of lying about it is
 * refused.
 */
class SetChangeTest {
  static final long EPOCH_SLOTS = 20;
  final ChainCrypto crypto = new ChainCrypto();
  final ConsensusParams params = ConsensusParams.defaults().withEpochSlots(EPOCH_SLOTS);
  final GenesisConfig genesis;
  final Ledger ledger;
  final EpochSets genesisSets;

  SetChangeTest() throws Exception {
    Path file = Path.of(System.getProperty("aether.root", ".."), "config", "genesis.toml");
    genesis =
        GenesisParser.parse(
            Files.readString(file)
                .replaceFirst("(?m)^epoch_slots\\s*=\\s*[0-9_]+", "epoch_slots = " + EPOCH_SLOTS));
    MemoryStateStore store = new MemoryStateStore();
    NodeGenesis.load(store, genesis);
    LedgerConfig config = LedgerConfig.fromGenesis(genesis);
    ledger =
        new Ledger(
            store,
            config,
            new ChainEd25519Verifier(),
            NativePrograms.calls(config.fees(), EPOCH_SLOTS),
            new SerialExecutor(),
            NativePrograms.endBlock());
    genesisSets = EpochSets.genesis(genesis);
    assertThat(genesis.chain().epochSlots()).isEqualTo(EPOCH_SLOTS);
  }

  /** Commits the block that ends epoch 0 (slot 23) and returns its header. */
  Header boundary() {
    QuorumCert qc = QuorumCert.genesis(ledger.head().blockId());
    ExecutedBlock ex =
        ledger.execute(new BlockContext(1, 23, true, 0, Optional.of(qc), 0), List.of());
    Header h =
        new Header(
            0,
            1,
            23,
            1,
            ledger.head().blockId(),
            0,
            Bytes.EMPTY,
            0,
            OpCert.NONE,
            BlockRoots.txRoot(List.of()),
            ex.stateRoot(),
            ex.receiptsRoot(),
            H256.ZERO,
            qc,
            Optional.empty());
    ledger.commit(new Block(h, List.of(), Bytes.EMPTY), ex);
    return h;
  }

  static Header opening(Header parent, long epoch) {
    return new Header(
        epoch,
        2,
        24,
        parent.round() + 1,
        parent.id(),
        1,
        Bytes.EMPTY,
        0,
        OpCert.NONE,
        H256.ZERO,
        H256.ZERO,
        H256.ZERO,
        H256.ZERO,
        new QuorumCert(0, parent.round(), parent.id(), SignerSet.EMPTY, Bytes.EMPTY),
        Optional.empty());
  }

  /**
   * A QC of epoch {@code epoch} on {@code h}, signed by {@code signers} (indices in {@code set}).
   */
  QuorumCert qc(Header h, long epoch, ValidatorSet set, List<Integer> signers) {
    List<Bytes> sigs = new ArrayList<>();
    for (int i : signers) {
      Bytes bls = set.get(i).orElseThrow().blsKey();
      ValidatorKeys k =
          java.util.stream.IntStream.range(0, 4)
              .mapToObj(ValidatorKeys::devnet)
              .filter(v -> Bytes.of(v.bls().publicKey().bytes()).equals(bls))
              .findFirst()
              .orElseThrow();
      sigs.add(Bytes.of(k.bls().sign(Vote.signingBytes(epoch, h.round(), h.id())).bytes()));
    }
    return new QuorumCert(epoch, h.round(), h.id(), SignerSet.of(signers), crypto.aggregate(sigs));
  }

  SetChange link(Header k, Header o, QuorumCert qc) {
    H256 key = StakingKeys.epochSet(2);
    Bytes recorded = ((StateObject.Data) ledger.get(key).orElseThrow()).bytes();
    return new SetChange(k, o, qc, recorded, Bytes.of(ledger.prove(key).encode()));
  }

  @Test
  void aLinkProvesTheSetTwoEpochsAheadAndEveryLieIsRefused() {
    ValidatorSet set1 = genesisSets.view(1).orElseThrow().set();
    Header k = boundary();
    Header o = opening(k, 1);
    SetChange good = link(k, o, qc(o, 1, set1, List.of(0, 1, 2)));
    SetChangeCheck.Result r = SetChangeCheck.verify(good, set1, crypto, params);
    assertThat(r.problem()).isEmpty();
    EpochValidatorSet proven = r.set().orElseThrow();
    assertThat(proven.epoch()).isEqualTo(2);
    assertThat(proven.size()).isEqualTo(4);
    assertThat(SetChange.CODEC.decode(SetChange.CODEC.encode(good))).isEqualTo(good);

    // Without a quorum of the new epoch's set.
    assertThat(
            SetChangeCheck.verify(link(k, o, qc(o, 1, set1, List.of(0, 1))), set1, crypto, params)
                .problem())
        .get()
        .asString()
        .contains("quorum");
    // A QC of the wrong epoch (the old set signing for the new epoch).
    assertThat(
            SetChangeCheck.verify(
                    link(k, o, qc(o, 0, set1, List.of(0, 1, 2))), set1, crypto, params)
                .set())
        .isEmpty();
    // An "opening" block that is not the boundary block's child.
    Header stray = opening(o, 1);
    assertThat(
            SetChangeCheck.verify(
                    link(k, stray, qc(stray, 1, set1, List.of(0, 1, 2))), set1, crypto, params)
                .problem())
        .get()
        .asString()
        .contains("child");
    // Another set than the one recorded under the boundary's state root.
    EpochValidatorSet fake = new EpochValidatorSet(2, proven.validators().subList(0, 1));
    SetChange forged =
        new SetChange(
            k, o, good.openingQc(), Bytes.of(EpochValidatorSet.CODEC.encode(fake)), good.proof());
    assertThat(SetChangeCheck.verify(forged, set1, crypto, params).problem())
        .get()
        .asString()
        .contains("not under the state root");
    // A signature forged by flipping the aggregate.
    QuorumCert q = good.openingQc();
    QuorumCert swapped =
        new QuorumCert(
            q.epoch(),
            q.round(),
            q.blockId(),
            q.signers(),
            qc(o, 1, set1, List.of(1, 2, 3)).aggregateSignature());
    assertThat(SetChangeCheck.verify(link(k, o, swapped), set1, crypto, params).problem())
        .get()
        .asString()
        .contains("signature");
  }
}
