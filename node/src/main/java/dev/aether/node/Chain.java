package dev.aether.node;

import dev.aether.consensus.PayloadRequest;
import dev.aether.ledger.BlockContext;
import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.FeeMultipliers;
import dev.aether.ledger.Fees;
import dev.aether.ledger.Head;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.StateKeys;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.StateReader;
import dev.aether.mempool.Mempool;
import dev.aether.mempool.PoolView;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.Ratio;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxOutput;
import dev.aether.types.UtxoRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The node's chain state: the ledger's committed head plus blocks executed but not yet final
 * (HotStuff executes and votes before finality), keyed by block id. Builds proposal payloads from
 * the mempool, checks received blocks' roots, and commits final blocks. All methods synchronize on
 * this object, so the consensus, execution and RPC threads see one consistent state.
 */
final class Chain {
  private static final Logger LOG = Logger.getLogger(Chain.class.getName());

  /** A payload built for our own proposal: its transactions and their execution. */
  record Payload(
      List<Tx> txs, ExecutedBlock executed, H256 txRoot, H256 shredRoot, int droppedInvalid) {}

  private final Ledger ledger;
  private final Mempool mempool;
  private final String chainId;
  private final dev.aether.genesis.GenesisConfig genesis;
  private final long blockBytesMax;
  private final Map<H256, ExecutedBlock> executed = new HashMap<>();
  private final List<Payload> ownPayloads = new ArrayList<>();
  // The owner index of unspent outputs (aeth_getUtxos, balances): written only by commits (under
  // this object's lock), read concurrently. utxoOwners finds a spent input's owner; utxosByOwner
  // lists an owner's outputs in UtxoRef order without scanning everybody's.
  private final java.util.concurrent.ConcurrentHashMap<UtxoRef, Address> utxoOwners =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.ConcurrentHashMap<
          Address, java.util.concurrent.ConcurrentSkipListSet<UtxoRef>>
      utxosByOwner = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<H256, Long> committedHeights = new HashMap<>();
  private final PayloadBudget budget;

  /** Roots a block's execution produced. */
  record Roots(H256 stateRoot, H256 receiptsRoot) {}

  /** Told when a received block re-executes to other roots than its header claims. */
  @FunctionalInterface
  interface MismatchListener {
    void mismatch(Block block, ExecutionDigest ours, H256 stateRoot, H256 receiptsRoot);
  }

  private MismatchListener mismatches = (b, d, s, r) -> {};

  /**
   * Told when a block runs under a protocol version this binary does not implement (a governance
   * upgrade activated): the node halts there ({@link Node}).
   */
  private java.util.function.Consumer<dev.aether.ledger.LedgerError.UnsupportedProtocol>
      unsupported = e -> {};

  Chain(Ledger ledger, Mempool mempool, dev.aether.genesis.GenesisConfig genesis) {
    this.ledger = ledger;
    this.mempool = mempool;
    this.chainId = genesis.chain().chainId();
    this.genesis = genesis;
    this.blockBytesMax = genesis.chain().blockBytesMax();
    this.budget = new PayloadBudget(NodeGenesis.params(genesis).voteWindowMs());
    rebuildUtxoIndex();
  }

  /** Where an unsupported protocol version is reported (the node halts; a no-op by default). */
  synchronized void onUnsupportedProtocol(
      java.util.function.Consumer<dev.aether.ledger.LedgerError.UnsupportedProtocol> listener) {
    this.unsupported = listener;
  }

  private void reportIfUnsupported(LedgerException e) {
    if (e.error() instanceof dev.aether.ledger.LedgerError.UnsupportedProtocol u) {
      unsupported.accept(u);
    }
  }

  /** Where root mismatches are reported (the node's diagnosis; a no-op by default). */
  synchronized void onMismatch(MismatchListener listener) {
    this.mismatches = listener;
  }

  /**
   * How this node executed block {@code id}, for a peer diagnosing a root mismatch; empty unless
   * the block is executed here and not yet final (a block that diverges is rarely committed).
   */
  synchronized Optional<ExecutionDigest> digestOf(H256 id) {
    return Optional.ofNullable(executed.get(id)).map(e -> ExecutionDigest.of(id, e));
  }

  synchronized Head head() {
    return ledger.head();
  }

  /**
   * Executes a received block on its parent's state; empty when it is invalid. A block this node
   * already committed (met again while catching up) answers with its stored roots.
   */
  synchronized Optional<Roots> check(Block block) {
    Header h = block.header();
    Long committedAt = committedHeights.get(block.id());
    if (committedAt != null) {
      return Optional.of(new Roots(h.stateRoot(), h.receiptsRoot()));
    }
    return execute(block).map(e -> new Roots(e.stateRoot(), e.receiptsRoot()));
  }

  /** A committed or known block by id (for peers fetching what they miss). */
  synchronized Optional<Block> committedBlock(H256 id) {
    Long h = committedHeights.get(id);
    return h == null ? Optional.empty() : ledger.block(h);
  }

  /**
   * A committed block and up to {@code max - 1} of its ancestors, oldest first (genesis excluded).
   */
  synchronized List<Block> committedWithAncestors(H256 id, int max) {
    Long h = committedHeights.get(id);
    List<Block> out = new ArrayList<>();
    if (h == null) {
      return out;
    }
    for (long x = Math.max(1, h - max + 1); x <= h; x++) {
      ledger.block(x).ifPresent(out::add);
    }
    return out;
  }

  private Optional<ExecutedBlock> execute(Block block) {
    Header h = block.header();
    if (!BlockRoots.txRoot(block.txs()).equals(h.txRoot())) {
      LOG.warning("block " + block.id() + " has a wrong txRoot");
      return Optional.empty();
    }
    try {
      if (!BlockRoots.shredRoot(h.slot(), block.txs()).equals(h.shredRoot())) {
        LOG.warning("block " + block.id() + " has a wrong shredRoot");
        return Optional.empty();
      }
      // Signatures this node verified at admission (or verifies now, batched) are not re-checked.
      boolean verified = TxSignatures.allValid(block.txs(), mempool::holdsVerified);
      long started = System.nanoTime();
      Optional<ExecutedBlock> e = run(h.parent(), BlockContext.of(h, verified), block.txs());
      budget.executed(block.txs().size(), System.nanoTime() - started);
      if (e.isEmpty()) {
        return Optional.empty();
      }
      if (!e.get().stateRoot().equals(h.stateRoot())
          || !e.get().receiptsRoot().equals(h.receiptsRoot())) {
        mismatches.mismatch(
            block,
            ExecutionDigest.of(block.id(), e.get()),
            e.get().stateRoot(),
            e.get().receiptsRoot());
        return Optional.empty();
      }
      executed.put(block.id(), e.get());
      return e;
    } catch (LedgerException e) {
      if (e.error() instanceof dev.aether.ledger.LedgerError.UnsupportedProtocol) {
        reportIfUnsupported(e); // the node halts with one line; no per-block warning
        return Optional.empty();
      }
      LOG.warning("block " + block.id() + " cannot be executed: " + e.getMessage());
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      LOG.warning("block " + block.id() + " cannot be executed: " + e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<ExecutedBlock> run(H256 parent, BlockContext ctx, List<Tx> txs) {
    Head head = ledger.head();
    if (parent.equals(head.blockId())) {
      return Optional.of(ledger.execute(ctx, txs));
    }
    ExecutedBlock p = executed.get(parent);
    if (p == null) {
      return Optional.empty();
    }
    return Optional.of(ledger.executeOn(p, parent, ctx, txs));
  }

  /**
   * Picks transactions and executes them on the parent named by {@code request}. Candidates that
   * turn out invalid on that parent (a price rose, a balance was spent) are left out and evicted
   * from the mempool with their reason; the rest still make a block, possibly an empty one. Empty
   * only when the parent's state is unknown here.
   */
  synchronized Optional<Payload> build(PayloadRequest request) {
    Block parent = request.parent();
    Optional<StateReader> base = stateAfter(parent.id());
    if (base.isEmpty()) {
      LOG.fine("no payload: parent " + parent.id() + " is not executed here");
      return Optional.empty();
    }
    View view = new View(base.get(), request.slot());
    // The block size limit in force is the parent state's (governance may change it).
    long bytesMax =
        ledger
            .paramsAfter(base.get())
            .map(dev.aether.ledger.ChainParams::blockBytesMax)
            .orElse(blockBytesMax);
    // A block after the end of its epoch carries nothing (it is never committed).
    List<Tx> picked =
        request.empty() ? List.of() : mempool.select(bytesMax - 4096, budget.maxTxs(), view);
    long height = parent.header().height() + 1;
    // Picked from the mempool, which verified every signature on admission. The context is the
    // one re-executing validators derive from the header: proposer, parent QC and epoch.
    BlockContext ctx =
        new BlockContext(
            height,
            request.slot(),
            true,
            request.proposer(),
            Optional.of(request.parentQc()),
            request.epoch());
    Optional<ExecutedBlock> parentExec =
        parent.id().equals(ledger.head().blockId())
            ? Optional.empty()
            : Optional.of(executed.get(parent.id()));
    long started = System.nanoTime();
    Ledger.Built built;
    try {
      built = ledger.build(parentExec, parent.id(), ctx, picked);
    } catch (LedgerException e) {
      if (e.error() instanceof dev.aether.ledger.LedgerError.UnsupportedProtocol) {
        reportIfUnsupported(e);
        return Optional.empty();
      }
      throw e;
    }
    budget.executed(picked.size(), System.nanoTime() - started);
    if (!built.dropped().isEmpty()) {
      evict(built.dropped());
    }
    List<Tx> txs = built.included();
    Payload p =
        new Payload(
            txs,
            built.block(),
            BlockRoots.txRoot(txs),
            BlockRoots.shredRoot(request.slot(), txs),
            built.dropped().size());
    ownPayloads.add(p);
    return Optional.of(p);
  }

  private void evict(List<Ledger.Dropped> dropped) {
    List<H256> ids = new ArrayList<>(dropped.size());
    for (Ledger.Dropped d : dropped) {
      ids.add(d.tx().id());
    }
    List<H256> removed = mempool.evict(ids);
    Ledger.Dropped first = dropped.get(0);
    LOG.info(
        "payload left out "
            + dropped.size()
            + " invalid transaction(s), evicted "
            + removed.size()
            + " from the mempool; first "
            + first.tx().id()
            + ": "
            + first.reason().code()
            + ": "
            + first.reason().message());
  }

  /** Our own proposal went out: remember its execution under its block id. */
  synchronized void proposed(Block block) {
    for (Iterator<Payload> it = ownPayloads.iterator(); it.hasNext(); ) {
      Payload p = it.next();
      if (p.executed().stateRoot().equals(block.header().stateRoot())
          && p.txRoot().equals(block.header().txRoot())
          && p.executed().context().height() == block.header().height()) {
        executed.put(block.id(), p.executed());
        it.remove();
        return;
      }
    }
  }

  /** Commits a final block; returns its receipts. */
  synchronized List<Receipt> commit(Block block) {
    Head head = ledger.head();
    if (block.header().height() <= head.height()) {
      return List.of(); // already committed (met again while catching up)
    }
    ExecutedBlock e = executed.get(block.id());
    if (e == null) {
      e =
          execute(block)
              .orElseThrow(
                  () ->
                      new IllegalStateException("final block " + block.id() + " does not execute"));
    }
    ledger.commit(block, e);
    committedHeights.put(block.id(), block.header().height());
    executed.remove(block.id());
    long h = block.header().height();
    executed.values().removeIf(x -> x.context().height() <= h);
    ownPayloads.removeIf(p -> p.executed().context().height() <= h);
    indexUtxos(block, e.receipts());
    List<H256> ids = block.txs().stream().map(Tx::id).toList();
    mempool.onBlockCommitted(ids, poolView(block.header().slot() + 1));
    return e.receipts();
  }

  synchronized Optional<StateReader> stateAfter(H256 blockId) {
    if (blockId.equals(ledger.head().blockId())) {
      return Optional.of(ledger.state());
    }
    return Optional.ofNullable(executed.get(blockId)).map(ExecutedBlock::stateAfter);
  }

  /**
   * A mempool view over the committed state. Not synchronized: it reads the ledger's committed
   * store, never this object's maps, and admission (network thread, RPC) must not wait while a
   * block executes under this object's lock.
   */
  PoolView poolView(long slot) {
    return new View(ledger.state(), slot);
  }

  synchronized Ledger ledger() {
    return ledger;
  }

  /**
   * The committed view readers use: pinned to one commit, taken without this object's lock (see
   * {@link dev.aether.ledger.Ledger#snapshot()}). Close it.
   */
  dev.aether.ledger.CommittedView committed() {
    return ledger.snapshot();
  }

  /**
   * {@code owner}'s unspent outputs in {@code view}. Not synchronized: the owner index is a
   * concurrent map (weakly consistent while a commit updates it) and each output is read from the
   * view, so an output spent or created by a later commit is not shown.
   */
  List<dev.aether.rpc.Utxo> utxos(Address owner, dev.aether.ledger.CommittedView view) {
    return utxos(owner, view, java.util.Optional.empty(), Integer.MAX_VALUE);
  }

  /**
   * One page of {@code owner}'s unspent outputs in {@code view}: those after {@code after}
   * (exclusive) in {@code UtxoRef} order, at most {@code limit}; outputs the index names but the
   * view does not hold (created or spent by a later commit) are skipped, not counted.
   */
  List<dev.aether.rpc.Utxo> utxos(
      Address owner,
      dev.aether.ledger.CommittedView view,
      java.util.Optional<UtxoRef> after,
      int limit) {
    List<dev.aether.rpc.Utxo> out = new ArrayList<>();
    java.util.NavigableSet<UtxoRef> refs = utxosByOwner.get(owner);
    if (refs == null) {
      return out;
    }
    if (after.isPresent()) {
      refs = refs.tailSet(after.get(), false);
    }
    for (UtxoRef ref : refs) {
      if (out.size() >= limit) {
        break;
      }
      view.utxo(ref).ifPresent(o -> out.add(new dev.aether.rpc.Utxo(ref, o)));
    }
    return out;
  }

  private void rebuildUtxoIndex() {
    long top = ledger.head().height();
    for (long h = 0; h <= top; h++) {
      ledger
          .block(h)
          .ifPresent(
              b -> {
                committedHeights.put(b.id(), b.header().height());
                indexUtxos(b, null);
              });
    }
    committedHeights.put(ledger.head().blockId(), top);
  }

  private void indexUtxos(Block block, List<Receipt> receipts) {
    for (Tx tx : block.txs()) {
      for (UtxoRef in : tx.body().inputs()) {
        // A failed transaction leaves its inputs unspent: only what the state no longer holds goes.
        if (ledger.utxo(in).isEmpty()) {
          Address owner = utxoOwners.remove(in);
          if (owner != null) {
            utxosByOwner.computeIfPresent(
                owner,
                (k, refs) -> {
                  refs.remove(in);
                  return refs.isEmpty() ? null : refs;
                });
          }
        }
      }
      List<TxOutput> outs = tx.body().outputs();
      for (int i = 0; i < outs.size(); i++) {
        UtxoRef ref = new UtxoRef(tx.id(), i);
        if (ledger.utxo(ref).isPresent()) {
          Address owner = outs.get(i).owner();
          utxoOwners.put(ref, owner);
          utxosByOwner
              .computeIfAbsent(owner, k -> new java.util.concurrent.ConcurrentSkipListSet<>())
              .add(ref);
        }
      }
    }
  }

  /** Admission's view of a state: accounts, unspent outputs, the fee formula. */
  private final class View implements PoolView {
    private final StateReader state;
    private final long slot;
    private FeeMultipliers prices;

    View(StateReader state, long slot) {
      this.state = state;
      this.slot = slot;
    }

    @Override
    public String chainId() {
      return chainId;
    }

    @Override
    public long currentSlot() {
      return slot;
    }

    @Override
    public Optional<Account> account(Address address) {
      return state
          .get(StateKeys.account(address))
          .flatMap(
              o ->
                  o instanceof StateObject.Account a
                      ? Optional.of(new Account(a.balance().get(AssetId.SWR), a.nonce()))
                      : Optional.empty());
    }

    @Override
    public Optional<Address> unspentOwner(UtxoRef ref) {
      return state
          .get(ref.stateKey())
          .flatMap(
              o ->
                  o instanceof StateObject.Utxo u
                      ? Optional.of(u.output().owner())
                      : Optional.empty());
    }

    /**
     * The fee with zero steps and memory, times the multiplier a block executed on this state
     * charges: exactly the minimum the ledger's rules will ask of the transaction there.
     */
    @Override
    public Amount requiredFee(Tx tx, int sizeBytes) {
      dev.aether.ledger.FeeSchedule schedule =
          ledger
              .paramsAfter(state)
              .<dev.aether.ledger.FeeSchedule>map(dev.aether.ledger.ChainParams::fees)
              .orElse(ledger.rules().config().fees());
      return Fees.of(schedule, prices(), tx, sizeBytes, 0, 0);
    }

    @Override
    public Ratio congestion(Tx tx) {
      return new Ratio(prices().permilleFor(tx), FeeMultipliers.UNIT);
    }

    /** Read from this view's state once, on first use. */
    private FeeMultipliers prices() {
      if (prices == null) {
        prices = ledger.pricesAfter(state);
      }
      return prices;
    }
  }
}
