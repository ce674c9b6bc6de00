package dev.aether.cli.chain;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.BlockContext;
import dev.aether.ledger.ChainEd25519Verifier;
import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.Head;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerConfig;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.MemoryStateStore;
import dev.aether.ledger.SerialExecutor;
import dev.aether.ledger.StateKeys;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.StoredReceipt;
import dev.aether.node.NodeGenesis;
import dev.aether.node.StakingRpc;
import dev.aether.programs.NativePrograms;
import dev.aether.rpc.AccountProof;
import dev.aether.rpc.AccountState;
import dev.aether.rpc.BlockTag;
import dev.aether.rpc.ChainBackend;
import dev.aether.rpc.FinalBlock;
import dev.aether.rpc.MerkleProof;
import dev.aether.rpc.ReceiptWithProof;
import dev.aether.rpc.StakeInfo;
import dev.aether.rpc.SubmitResult;
import dev.aether.rpc.SyncStatus;
import dev.aether.rpc.Utxo;
import dev.aether.rpc.ValidatorInfo;
import dev.aether.types.Address;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * A one-process chain for CLI tests: the real ledger with the native programs wired as the node
 * wires them, over the repository's genesis. Every admitted transaction is executed (signatures
 * verified for real) and committed as its own block, with a QC signed by the whole set, so the
 * CLI's waits end at once. A transaction the ledger rejects outright is refused like the mempool
 * would. Fee estimates are a fixed, generous cap (the node's own oracle simulates the transaction;
 * here only the staking program's behaviour is under test).
 */
public final class LedgerBackend implements ChainBackend {
  private final GenesisConfig genesis;
  private final Ledger ledger;
  private long slot;
  // Blocks committed by this backend, for the gRPC block stream (daemons follow it).
  private final java.util.TreeMap<Long, FinalBlock> streamed = new java.util.TreeMap<>();
  private final java.util.List<java.util.function.LongConsumer> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public LedgerBackend(GenesisConfig genesis) {
    this(genesis, new MemoryStateStore());
  }

  /** Over {@code store} (a node's RocksDB state, for tests that read it back from disk). */
  public LedgerBackend(GenesisConfig genesis, dev.aether.ledger.StateStore store) {
    this.genesis = genesis;
    NodeGenesis.load(store, genesis);
    LedgerConfig lc = LedgerConfig.fromGenesis(genesis);
    this.ledger =
        new Ledger(
            store,
            lc,
            new ChainEd25519Verifier(),
            NativePrograms.calls(lc.fees(), genesis.chain().epochSlots()),
            new SerialExecutor(),
            NativePrograms.endBlock());
    // Over a store with blocks, go on after the head's slot.
    this.slot = ledger.block(ledger.head().height()).map(b -> b.header().slot()).orElse(0L);
  }

  synchronized Ledger ledger() {
    return ledger;
  }

  /** Commits an empty block at {@code atSlot} (to move the chain to a later epoch). */
  public synchronized void emptyBlockAt(long atSlot) {
    slot = atSlot - 1;
    commit(List.of());
  }

  private void commit(List<Tx> txs) {
    slot++;
    Head head = ledger.head();
    QuorumCert qc =
        head.height() == 0
            ? QuorumCert.genesis(head.blockId())
            : new QuorumCert(
                0,
                head.height(),
                head.blockId(),
                SignerSet.of(
                    java.util.stream.IntStream.range(0, genesis.validators().size())
                        .boxed()
                        .toList()),
                Bytes.of(new byte[96]));
    ExecutedBlock ex =
        ledger.execute(new BlockContext(head.height() + 1, slot, false, 0, Optional.of(qc)), txs);
    Header h =
        new Header(
            0,
            head.height() + 1,
            slot,
            head.height() + 1,
            head.blockId(),
            0,
            Bytes.EMPTY,
            0,
            dev.aether.types.OpCert.NONE,
            H256.ZERO,
            ex.stateRoot(),
            ex.receiptsRoot(),
            H256.ZERO,
            qc,
            Optional.empty());
    Block b = new Block(h, txs, Bytes.EMPTY);
    ledger.commit(b, ex);
    streamed.put(h.height(), new FinalBlock(b, ex.receipts(), Optional.of(ex.blockReceipt())));
    listeners.forEach(l -> l.accept(h.height()));
  }

  @Override
  public dev.aether.rpc.FeeEstimate estimateFee(Tx tx) {
    dev.aether.types.Amount fee = dev.aether.types.Amount.of(1_000_000);
    return new dev.aether.rpc.FeeEstimate(
        fee, 0, 0, 1_000, true, 0, dev.aether.types.Amount.of(2_000_000));
  }

  @Override
  public String chainId() {
    return genesis.chain().chainId();
  }

  @Override
  public synchronized SubmitResult submitTransaction(byte[] rawTx) {
    Tx tx;
    try {
      tx = Tx.CODEC.decode(rawTx);
    } catch (RuntimeException e) {
      return new SubmitResult.Rejected("mempool.malformed", e.getMessage());
    }
    try {
      commit(List.of(tx));
    } catch (LedgerException e) {
      return new SubmitResult.Rejected(e.error().code(), e.getMessage());
    }
    return new SubmitResult.Accepted(tx.id());
  }

  @Override
  public synchronized Optional<Block> block(BlockTag tag) {
    long h =
        switch (tag) {
          case BlockTag.Latest l -> ledger.head().height();
          case BlockTag.Finalized f -> ledger.head().height();
          case BlockTag.Height x -> x.height();
        };
    return ledger.block(h);
  }

  @Override
  public synchronized Optional<ReceiptWithProof> receipt(H256 txId) {
    Optional<StoredReceipt> r = ledger.receipt(txId);
    if (r.isEmpty()) {
      return Optional.empty();
    }
    StoredReceipt s = r.get();
    Block b = ledger.block(s.height()).orElseThrow();
    return Optional.of(
        new ReceiptWithProof(
            s.receipt(),
            s.height(),
            b.id(),
            s.index(),
            b.header().receiptsRoot(),
            new MerkleProof(s.proof().index(), s.proof().path())));
  }

  @Override
  public Optional<H256> stateRoot(BlockTag tag) {
    return block(tag).map(b -> b.header().stateRoot());
  }

  @Override
  public synchronized Value balance(Address address) {
    return ledger.account(address).balance();
  }

  @Override
  public List<Utxo> utxos(Address address) {
    return List.of();
  }

  @Override
  public synchronized AccountProof account(Address address) {
    Head head = ledger.head();
    var key = StateKeys.account(address);
    Optional<AccountState> state =
        ledger
            .get(key)
            .flatMap(
                o ->
                    o instanceof StateObject.Account a
                        ? Optional.of(
                            new AccountState(
                                a.nonce(), a.balance(), Bytes.of(StateObject.CODEC.encode(o))))
                        : Optional.empty());
    return new AccountProof(
        address,
        head.height(),
        head.stateRoot(),
        state,
        List.of(Bytes.of(ledger.prove(key).encode())));
  }

  @Override
  public synchronized List<ValidatorInfo> validators() {
    try (var view = ledger.snapshot()) {
      return StakingRpc.validators(view, genesis.chain().epochSlots());
    }
  }

  @Override
  public synchronized StakeInfo stake(Address address) {
    try (var view = ledger.snapshot()) {
      return StakingRpc.stake(view, genesis.chain().epochSlots(), address);
    }
  }

  @Override
  public SyncStatus syncing() {
    return SyncStatus.SYNCED;
  }

  @Override
  public synchronized List<FinalBlock> finalBlocks(long fromHeight, int maxBlocks) {
    // Every block is final at once here; those committed by this backend are streamed.
    List<FinalBlock> out = new ArrayList<>();
    for (FinalBlock fb : streamed.tailMap(fromHeight, true).values()) {
      if (out.size() >= maxBlocks || fb.block().header().height() != fromHeight + out.size()) {
        break;
      }
      out.add(fb);
    }
    return out;
  }

  @Override
  public Subscription onFinalized(LongConsumer listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public synchronized Optional<dev.aether.rpc.JobInfo> job(H256 id) {
    return new dev.aether.node.JobsRpc(ledger.state()).job(id);
  }

  @Override
  public synchronized Optional<dev.aether.rpc.ProviderInfo> provider(Address address) {
    return new dev.aether.node.JobsRpc(ledger.state()).provider(address);
  }

  @Override
  public synchronized List<dev.aether.rpc.ProviderInfo> providers() {
    return new dev.aether.node.JobsRpc(ledger.state()).providers();
  }

  @Override
  public synchronized Optional<dev.aether.rpc.AicSupplyInfo> aicSupply() {
    return new dev.aether.node.JobsRpc(ledger.state()).supply();
  }

  @Override
  public synchronized Optional<dev.aether.rpc.JobParamsInfo> jobParams() {
    return new dev.aether.node.JobsRpc(ledger.state()).params();
  }

  @Override
  public synchronized Optional<dev.aether.rpc.PoolInfo> pool(
      dev.aether.types.AssetId x, dev.aether.types.AssetId y) {
    try (var view = ledger.snapshot()) {
      return dev.aether.node.ProgramsRpc.pool(view, x, y);
    }
  }

  @Override
  public synchronized List<dev.aether.rpc.PoolInfo> pools() {
    try (var view = ledger.snapshot()) {
      return dev.aether.node.ProgramsRpc.pools(view);
    }
  }

  @Override
  public synchronized dev.aether.rpc.SwapQuote quoteSwap(
      List<dev.aether.types.AssetId> path, dev.aether.types.Amount amount, boolean exactIn) {
    try (var view = ledger.snapshot()) {
      return dev.aether.node.ProgramsRpc.quote(view, path, amount, exactIn);
    }
  }

  @Override
  public synchronized Optional<dev.aether.rpc.ProposalInfo> proposal(long id) {
    try (var view = ledger.snapshot()) {
      return dev.aether.node.ProgramsRpc.proposal(view, id);
    }
  }

  @Override
  public synchronized List<dev.aether.rpc.ProposalInfo> proposals(int max) {
    try (var view = ledger.snapshot()) {
      return dev.aether.node.ProgramsRpc.proposals(view, max);
    }
  }

  @Override
  public synchronized dev.aether.rpc.ParamsInfo params() {
    try (var view = ledger.snapshot()) {
      return dev.aether.node.ProgramsRpc.params(view);
    }
  }

  /** The slot of the last block. */
  public synchronized long slot() {
    return slot;
  }
}
