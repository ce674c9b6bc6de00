package dev.aether.ledger;

import dev.aether.ledger.StateObject.Account;
import dev.aether.ledger.smt.NodeStore;
import dev.aether.ledger.smt.SparseMerkleTree;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Block;
import dev.aether.types.BlockReceipt;
import dev.aether.types.Bytes;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxOutput;
import dev.aether.types.UtxoRef;
import dev.aether.types.ValueEvent;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The chain state and the one way to change it: execute a block on the committed head, check the
 * roots its header claims, and commit all of its effects (state, tree nodes, header, block,
 * receipts, head pointer) in one atomic {@link WriteSet}. A block that fails any check changes
 * nothing. Single writer: callers serialise {@link #execute}/{@link #commit}.
 */
public final class Ledger {
  static final byte[] HEAD_KEY = "head".getBytes(StandardCharsets.US_ASCII);

  private final StateStore store;
  private final TxRules rules;
  private final TxProcessor processor;
  private final BlockExecutor executor;
  private final FeeMarket market;
  private final BlockHook endBlock;
  private final StateReader committed;
  private final CommittedView live;
  private Head head;

  /**
   * Opens the ledger over a store that holds at least genesis ({@link Genesis#load}).
   *
   * @param executor runs a block's transactions ({@link SerialExecutor} or the runtime's)
   */
  public Ledger(
      StateStore store,
      LedgerConfig config,
      SignatureVerifier verifier,
      CallExecutor calls,
      BlockExecutor executor) {
    this(store, config, verifier, calls, executor, FeeMarket.NONE, BlockHook.NONE);
  }

  /**
   * Opens the ledger with a fee market: every block is priced from its parent's state and advances
   * the market in its own state ({@link FeeMarket}).
   */
  public Ledger(
      StateStore store,
      LedgerConfig config,
      SignatureVerifier verifier,
      CallExecutor calls,
      BlockExecutor executor,
      FeeMarket market) {
    this(store, config, verifier, calls, executor, market, BlockHook.NONE);
  }

  /**
   * Opens the ledger with an end-of-block hook (native programs' block and epoch processing).
   *
   * @param endBlock runs after every block's transactions, before its state root ({@link
   *     BlockHook})
   */
  public Ledger(
      StateStore store,
      LedgerConfig config,
      SignatureVerifier verifier,
      CallExecutor calls,
      BlockExecutor executor,
      BlockHook endBlock) {
    this(store, config, verifier, calls, executor, FeeMarket.NONE, endBlock);
  }

  /**
   * Opens the ledger with a fee market and an end-of-block hook.
   *
   * @param market prices every block from its parent's state ({@link FeeMarket})
   * @param endBlock runs after every block's transactions and fees, before its state root ({@link
   *     BlockHook})
   */
  public Ledger(
      StateStore store,
      LedgerConfig config,
      SignatureVerifier verifier,
      CallExecutor calls,
      BlockExecutor executor,
      FeeMarket market,
      BlockHook endBlock) {
    this.store = store;
    this.endBlock = java.util.Objects.requireNonNull(endBlock, "endBlock");
    this.rules = new TxRules(config, verifier);
    this.processor = new TxApplier(rules, calls);
    this.executor = executor;
    this.market = market;
    this.committed = key -> readState(store, key);
    this.live = new CommittedView(store, false);
    this.head =
        readHead(store)
            .orElseThrow(
                () ->
                    new LedgerException(
                        new LedgerError.StoreFailure("store holds no genesis state")));
  }

  /** The chain's Ed25519 rule, the bank program, serial execution. */
  public static Ledger open(StateStore store, LedgerConfig config) {
    return new Ledger(
        store, config, new ChainEd25519Verifier(), new BankProgram(), new SerialExecutor());
  }

  public Head head() {
    return head;
  }

  public TxRules rules() {
    return rules;
  }

  /** The processor blocks run through (for block executors and block builders). */
  public TxProcessor processor() {
    return processor;
  }

  /** Committed state. */
  public StateReader state() {
    return committed;
  }

  public Optional<StateObject> get(H256 key) {
    return committed.get(key);
  }

  public Account account(Address address) {
    return live.account(address);
  }

  public Optional<TxOutput> utxo(UtxoRef ref) {
    return live.utxo(ref);
  }

  /**
   * The committed chain as of now, pinned: later commits do not show in it, and reading it takes no
   * lock, so RPC readers never wait for (or delay) block execution. Close it when done.
   */
  public CommittedView snapshot() {
    return new CommittedView(store.snapshot(), true);
  }

  /** A fresh block state over the committed state (for building a block tx by tx). */
  public BlockState newBlockState() {
    return new BlockState(committed);
  }

  /** The fee market blocks are priced with. */
  public FeeMarket market() {
    return market;
  }

  /** The multipliers the next block after {@code state} pays (mempool pricing, fee estimates). */
  public FeeMultipliers pricesAfter(StateReader state) {
    return market.pricesAfter(state);
  }

  /**
   * {@code ctx} priced for a block whose parent state is {@code parent}; use it with {@link
   * #applyTx} on a state over {@code parent}.
   */
  public BlockContext priced(BlockContext ctx, StateReader parent) {
    Optional<ChainParams> params = ChainParams.read(parent);
    if (params.isPresent()) {
      int version = params.get().versionAt(ctx.height());
      if (version > rules.config().supportedProtocol()) {
        throw new LedgerException(
            new LedgerError.UnsupportedProtocol(
                params.get().upgrade().map(ChainParams.Upgrade::height).orElse(ctx.height()),
                version,
                rules.config().supportedProtocol(),
                params.get().upgrade().map(ChainParams.Upgrade::name).orElse("")));
      }
    }
    return ctx.withMultipliers(market.pricesAfter(parent)).withParams(params);
  }

  /**
   * The chain parameters a block after {@code state} runs under (fee estimates, mempool pricing,
   * RPC); empty where the state holds none (the configuration applies).
   */
  public Optional<ChainParams> paramsAfter(StateReader state) {
    return ChainParams.read(state);
  }

  /** The block step budget of {@code priced}: its parameters', else the configuration's. */
  private long stepBudget(BlockContext priced) {
    return priced.params().map(ChainParams::blockStepsMax).orElse(rules.config().blockStepsMax());
  }

  /** Validates and applies one transaction to {@code state} (a block being built). */
  public TxOutcome applyTx(BlockContext ctx, Tx tx, BlockState state) {
    return processor.process(ctx, tx, state);
  }

  /** Runs {@code txs} on the committed head without committing. */
  public ExecutedBlock execute(BlockContext ctx, List<Tx> txs) {
    if (ctx.height() != head.height() + 1) {
      throw new LedgerException(
          new LedgerError.BlockOutOfOrder(
              head.height() + 1, ctx.height(), head.blockId(), head.blockId()));
    }
    BlockState state = newBlockState();
    BlockContext priced = priced(ctx, committed);
    List<Receipt> receipts = run(priced, txs, state);
    return sealOn(head, committed, new StoreNodes(store), priced, txs, receipts, state);
  }

  /**
   * Runs the transactions, then advances the fee market (both only on {@code state}). The block's
   * step budget is a consensus rule: the executor's processor counts the steps of every receipt and
   * stops the block with {@link LedgerError.BlockOverBudget} as soon as the total passes it, so a
   * validator spends at most the budget plus the transactions in flight on an over-budget block.
   */
  private List<Receipt> run(BlockContext priced, List<Tx> txs, BlockState state) {
    List<Receipt> receipts = executor.execute(priced, txs, state, budgeted(stepBudget(priced)));
    if (receipts.size() != txs.size()) {
      throw new IllegalStateException("executor returned " + receipts.size() + " receipts");
    }
    market.advance(txs, state, executor.parallelism());
    return receipts;
  }

  /**
   * Runs {@code txs} on top of {@code parent}, a block executed but not yet committed: HotStuff
   * executes and votes on a block before its parent is final. The result commits once {@code
   * parent} (with id {@code parentId}) has been committed.
   */
  public ExecutedBlock executeOn(
      ExecutedBlock parent, H256 parentId, BlockContext ctx, List<Tx> txs) {
    if (ctx.height() != parent.context().height() + 1) {
      throw new LedgerException(
          new LedgerError.BlockOutOfOrder(
              parent.context().height() + 1, ctx.height(), parentId, parentId));
    }
    BlockState state = new BlockState(parent.stateAfter());
    BlockContext priced = priced(ctx, parent.stateAfter());
    List<Receipt> receipts = run(priced, txs, state);
    Head base = new Head(parent.context().height(), parentId, parent.stateRoot());
    return sealOn(
        base,
        parent.stateAfter(),
        new StoreNodes(store, Optional.of(parent.nodes())),
        priced,
        txs,
        receipts,
        state);
  }

  /**
   * A block built by a proposer from {@code candidates}: the transactions that are valid in order
   * on the parent's state and fit the block's step budget, executed. Invalid ones are {@code
   * dropped} with the rule each broke; valid ones that did not fit the budget are {@code deferred}
   * (they may fit a later block). Building never fails because some candidates became invalid (a
   * price rose, a nonce was used, a balance was spent) or too many want to run — the rest still
   * make a block, possibly an empty one.
   */
  public record Built(
      ExecutedBlock block, List<Tx> included, List<Dropped> dropped, List<Tx> deferred) {
    public Built {
      included = List.copyOf(included);
      dropped = List.copyOf(dropped);
      deferred = List.copyOf(deferred);
    }

    public Built(ExecutedBlock block, List<Tx> included, List<Dropped> dropped) {
      this(block, included, dropped, List.of());
    }
  }

  /** A candidate left out of a built block, and why. */
  public record Dropped(Tx tx, LedgerError reason) {}

  /**
   * Builds a block of the valid {@code candidates} on the committed head ({@code parent} empty) or
   * on an executed, uncommitted parent.
   *
   * <p>First all candidates run at once (the parallel executor's fast path). If some is invalid
   * there, or together they pass the step budget, one serial pass picks the block: a rejected
   * transaction changes nothing, so every later one sees the state it will see in the block without
   * it; a transaction whose steps do not fit what is left of the budget is undone and deferred. The
   * pass itself is bounded: once it has spent twice the budget on trying, the rest waits for a
   * later block — a mempool full of endless loops costs a proposer a bounded time.
   */
  public Built build(
      Optional<ExecutedBlock> parent, H256 parentId, BlockContext ctx, List<Tx> candidates) {
    StateReader base = parent.isPresent() ? parent.get().stateAfter() : committed;
    try {
      return new Built(executeOnto(parent, parentId, ctx, candidates), candidates, List.of());
    } catch (LedgerException e) {
      if (!(e.error() instanceof LedgerError.InvalidBlock)
          && !(e.error() instanceof LedgerError.BlockOverBudget)) {
        throw e;
      }
    }
    BlockContext priced = priced(ctx, base);
    long budget = stepBudget(priced);
    BlockState scratch = new BlockState(base);
    List<Tx> kept = new ArrayList<>(candidates.size());
    List<Dropped> dropped = new ArrayList<>();
    List<Tx> deferred = new ArrayList<>();
    long used = 0;
    long tried = 0;
    for (Tx tx : candidates) {
      if (used >= budget || tried >= 2 * budget) {
        deferred.add(tx);
        continue;
      }
      BlockState attempt = scratch.fork();
      switch (processor.process(priced, tx, attempt)) {
        case TxOutcome.Rejected r -> dropped.add(new Dropped(tx, r.error()));
        case TxOutcome.Applied a -> {
          long steps = a.receipt().steps();
          tried = Saturating.add(tried, steps);
          if (steps > budget - used) {
            deferred.add(tx);
          } else {
            used += steps;
            scratch.absorb(attempt);
            kept.add(tx);
          }
        }
      }
    }
    return new Built(executeOnto(parent, parentId, ctx, kept), kept, dropped, deferred);
  }

  /** Saturating long addition for the builder's bookkeeping. */
  private static final class Saturating {
    static long add(long a, long b) {
      long r = a + b;
      return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
  }

  /**
   * The processor with the block's step budget: whether the total passes it does not depend on the
   * order in which a parallel executor finishes transactions, only on their (deterministic) steps.
   */
  private TxProcessor budgeted(long budget) {
    java.util.concurrent.atomic.AtomicLong used = new java.util.concurrent.atomic.AtomicLong();
    return (ctx, tx, state) -> {
      TxOutcome o = processor.process(ctx, tx, state);
      if (o instanceof TxOutcome.Applied a && used.addAndGet(a.receipt().steps()) > budget) {
        throw new LedgerException(new LedgerError.BlockOverBudget(budget));
      }
      return o;
    };
  }

  private ExecutedBlock executeOnto(
      Optional<ExecutedBlock> parent, H256 parentId, BlockContext ctx, List<Tx> txs) {
    return parent.isPresent() ? executeOn(parent.get(), parentId, ctx, txs) : execute(ctx, txs);
  }

  /**
   * Finishes a block on the committed head whose transactions already ran on {@code state} (built
   * transaction by transaction with {@link #applyTx} under {@link #priced}): advances the fee
   * market, credits the fees and computes the roots.
   */
  public ExecutedBlock seal(
      BlockContext ctx, List<Tx> txs, List<Receipt> receipts, BlockState state) {
    market.advance(txs, state);
    return sealOn(head, committed, new StoreNodes(store), ctx, txs, receipts, state);
  }

  private ExecutedBlock sealOn(
      Head base,
      StateReader before,
      StoreNodes nodes,
      BlockContext ctx,
      List<Tx> txs,
      List<Receipt> receipts,
      BlockState state) {
    Amount fees = Amount.ZERO;
    for (Receipt r : receipts) {
      fees = fees.add(r.feePaid());
    }
    // The block's own work runs on a fork of its state, so what it changed can be checked against
    // what it says it did (the events of its block receipt) before it joins the block's changes.
    BlockState own = state.fork();
    BlockEvents events = new BlockEvents();
    Amount burned =
        ctx.params().isPresent() ? BlockFees.burnedSurcharge(ctx, txs, receipts) : Amount.ZERO;
    fees = fees.subtract(burned);
    if (!fees.isZero()) {
      // Credited once per block so that transactions never conflict on the fee pool or treasury.
      Amount toTreasury =
          ctx.params().isPresent()
              ? BlockFees.share(fees, ctx.params().get().treasuryFeeBps())
              : Amount.ZERO;
      BlockFees.credit(own, events, StateKeys.FEE_POOL, fees.subtract(toTreasury), "fee_pool");
      BlockFees.credit(own, events, StateKeys.TREASURY, toTreasury, "fee_treasury");
    }
    if (!burned.isZero()) {
      events.emit(
          BlockReceipt.LEDGER,
          ValueEvent.burn(dev.aether.types.AssetId.SWR, burned, "surcharge", Bytes.EMPTY));
    }
    endBlock.endBlock(ctx, own, events);
    List<Event> emitted = events.events();
    assert BlockEvents.unexplained(state, own.changes(), emitted).isEmpty()
        : "block "
            + ctx.height()
            + ": "
            + BlockEvents.unexplained(state, own.changes(), emitted).orElseThrow();
    state.absorb(own);
    BlockReceipt blockReceipt = new BlockReceipt(ctx.height(), emitted);
    SortedMap<H256, Optional<StateObject>> changes = new TreeMap<>(state.changes());
    // The roots' hashing may run on the executor's idle workers; the results never depend on it.
    Parallelism par = executor.parallelism();
    H256 root = new SparseMerkleTree(nodes).update(valueHashes(changes, par), par);
    H256[] ids = new H256[txs.size()];
    H256[] leaves = new H256[receipts.size()];
    par.forEachItem(txs.size(), ITEMS_PER_PIECE, i -> ids[i] = txs.get(i).id());
    par.forEachItem(receipts.size(), ITEMS_PER_PIECE, i -> leaves[i] = receipts.get(i).leafHash());
    return new ExecutedBlock(
        base,
        ctx,
        List.of(ids),
        receipts,
        blockReceipt,
        root,
        ReceiptsTree.rootOfLeaves(List.of(leaves), blockReceipt),
        changes,
        nodes,
        before);
  }

  /** Commits {@code block}, executed as {@code executed}, if its header's roots match. */
  public Head commit(Block block, ExecutedBlock executed) {
    Header h = block.header();
    checkExtendsHead(h);
    if (!executed.base().equals(head) || executed.context().height() != h.height()) {
      throw new LedgerException(
          new LedgerError.BlockOutOfOrder(
              head.height() + 1, executed.context().height(), head.blockId(), h.parent()));
    }
    List<H256> ids = new ArrayList<>();
    for (Tx tx : block.txs()) {
      ids.add(tx.id());
    }
    if (!ids.equals(executed.txIds())) {
      throw new LedgerException(
          new LedgerError.RootMismatch(
              "transaction list", idsHash(ids), idsHash(executed.txIds())));
    }
    if (!h.stateRoot().equals(executed.stateRoot())) {
      throw new LedgerException(
          new LedgerError.RootMismatch("state", h.stateRoot(), executed.stateRoot()));
    }
    if (!h.receiptsRoot().equals(executed.receiptsRoot())) {
      throw new LedgerException(
          new LedgerError.RootMismatch("receipts", h.receiptsRoot(), executed.receiptsRoot()));
    }
    WriteSet ws = new WriteSet();
    for (Map.Entry<H256, Optional<StateObject>> e : executed.stateChanges().entrySet()) {
      if (e.getValue().isPresent()) {
        ws.put(Column.STATE, e.getKey().toArray(), StateObject.CODEC.encode(e.getValue().get()));
      } else {
        ws.delete(Column.STATE, e.getKey().toArray());
      }
    }
    executed.nodes().writeTo(ws);
    byte[] height = u64(h.height());
    ws.put(Column.HEADERS, height, Header.CODEC.encode(h));
    ws.put(Column.BLOCKS, height, Block.CODEC.encode(block));
    List<Receipt> receipts = executed.receipts();
    for (int i = 0; i < receipts.size(); i++) {
      Writer w = new Writer().u64(h.height()).u32(i);
      Receipt.CODEC.write(receipts.get(i), w);
      ws.put(Column.RECEIPTS, receipts.get(i).txId().toArray(), w.toByteArray());
    }
    Writer own = new Writer().u64(h.height()).u32(receipts.size());
    BlockReceipt.CODEC.write(executed.blockReceipt(), own);
    ws.put(Column.RECEIPTS, blockReceiptKey(h.height()), own.toByteArray());
    Head next = new Head(h.height(), h.id(), executed.stateRoot());
    ws.put(Column.META, HEAD_KEY, Head.CODEC.encode(next));
    store.write(ws);
    head = next;
    return next;
  }

  /** Executes and commits {@code block}; the usual path for a validator following the chain. */
  public Head apply(Block block, boolean signaturesVerified) {
    Header h = block.header();
    checkExtendsHead(h);
    return commit(block, execute(BlockContext.of(h, signaturesVerified), block.txs()));
  }

  private void checkExtendsHead(Header h) {
    if (h.height() != head.height() + 1 || !h.parent().equals(head.blockId())) {
      throw new LedgerException(
          new LedgerError.BlockOutOfOrder(
              head.height() + 1, h.height(), head.blockId(), h.parent()));
    }
  }

  /** Proof of {@code key}'s value (or absence) against the committed state root. */
  public StateProof prove(H256 key) {
    return live.prove(key);
  }

  public Optional<Header> header(long height) {
    return live.header(height);
  }

  public Optional<Block> block(long height) {
    return live.block(height);
  }

  /** The committed receipt of {@code txId}, with its proof against its block's receipts root. */
  public Optional<StoredReceipt> receipt(H256 txId) {
    return live.receipt(txId);
  }

  /**
   * The committed receipts of {@code block}'s transactions, in block order, without proofs (event
   * queries); empty when the block's receipts are not stored here.
   */
  public List<Receipt> receiptsOf(Block block) {
    return live.receiptsOf(block);
  }

  /**
   * The committed block receipt of the block at {@code height} (the outcome of its own work), with
   * its proof against the header's receipts root; empty for genesis and for blocks not stored here.
   */
  public Optional<StoredBlockReceipt> blockReceipt(long height) {
    return live.blockReceipt(height);
  }

  // ---- shared helpers -------------------------------------------------------------------------

  /** The leaf value committed for a state object. */
  public static H256 valueHash(StateObject o) {
    return Hashing.tagged("aether/state/v1", StateObject.CODEC.encode(o));
  }

  static SortedMap<H256, Optional<H256>> valueHashes(
      SortedMap<H256, Optional<StateObject>> changes) {
    return valueHashes(changes, Parallelism.SERIAL);
  }

  /** The changes' value hashes, the hashing split over {@code par} for large blocks. */
  static SortedMap<H256, Optional<H256>> valueHashes(
      SortedMap<H256, Optional<StateObject>> changes, Parallelism par) {
    int n = changes.size();
    H256[] keys = new H256[n];
    StateObject[] values = new StateObject[n];
    int i = 0;
    for (Map.Entry<H256, Optional<StateObject>> e : changes.entrySet()) {
      keys[i] = e.getKey();
      values[i] = e.getValue().orElse(null);
      i++;
    }
    H256[] hashes = new H256[n];
    par.forEachItem(
        n, ITEMS_PER_PIECE, k -> hashes[k] = values[k] == null ? null : valueHash(values[k]));
    TreeMap<H256, Optional<H256>> out = new TreeMap<>();
    for (int k = 0; k < n; k++) {
      out.put(keys[k], Optional.ofNullable(hashes[k]));
    }
    return out;
  }

  /** Items per piece of the block's hashing: a hand-off costs about as much as a few hashes. */
  static final int ITEMS_PER_PIECE = 32;

  static Optional<StateObject> readState(StateStore store, H256 key) {
    Optional<byte[]> raw = store.get(Column.STATE, key.toArray());
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(StateObject.CODEC.decode(raw.get()));
    } catch (CodecException e) {
      throw new LedgerException(new LedgerError.MalformedState(key, e.getMessage()));
    }
  }

  /** The head a store holds, if it holds a chain (read without opening a ledger). */
  public static Optional<Head> readHead(StateStore store) {
    return store.get(Column.META, HEAD_KEY).map(Head.CODEC::decode);
  }

  static NodeStore readOnlyNodes(StateStore store) {
    return new NodeStore() {
      @Override
      public Optional<byte[]> get(byte[] path) {
        return store.get(Column.NODES, path);
      }

      @Override
      public void put(byte[] path, byte[] node) {
        throw new UnsupportedOperationException("read-only view of committed tree nodes");
      }

      @Override
      public void delete(byte[] path) {
        throw new UnsupportedOperationException("read-only view of committed tree nodes");
      }
    };
  }

  private static H256 idsHash(List<H256> ids) {
    return Hashing.tagged("aether/tx-list/v1", new Writer().list(ids, H256.CODEC).toByteArray());
  }

  /**
   * Where a block receipt is stored in the receipts column: a tagged hash of its height, which no
   * transaction id (tag {@code aether/tx/v1}) can equal.
   */
  static byte[] blockReceiptKey(long height) {
    return Hashing.tagged("aether/block-receipt-key/v1", u64(height)).toArray();
  }

  static byte[] u64(long v) {
    return new Writer(8).u64(v).toByteArray();
  }
}
