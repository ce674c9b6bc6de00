package dev.aether.rpc;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.RandomTypes;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxOutput;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import dev.aether.types.codec.CodecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * A test-only {@link ChainBackend}: a list of blocks with receipts, the last {@code unfinalized} of
 * them not yet final, plus fixed balances, UTxOs and validators. Admission decodes the bytes with
 * the real codec and checks the chain id, so codec rejections are the real ones.
 */
class InMemoryChain implements ChainBackend {
  static final String CHAIN_ID = "aether-test-1";

  private final RandomTypes random;
  private final List<FinalBlock> blocks = new ArrayList<>();
  private final List<Tx> mempool = new ArrayList<>();
  private final Map<Address, Value> balances = new TreeMap<>();
  private final Map<Address, List<Utxo>> utxos = new TreeMap<>();
  private final Map<Address, AccountState> accounts = new TreeMap<>();
  private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
  private int unfinalized;
  private SyncStatus sync = SyncStatus.SYNCED;
  private RuntimeException failure;

  InMemoryChain(long seed) {
    this.random = new RandomTypes(seed);
  }

  RandomTypes random() {
    return random;
  }

  /** Appends a block of {@code txCount} random transactions; it is final unless held back. */
  synchronized FinalBlock append(int txCount) {
    long height = blocks.size();
    H256 parent = blocks.isEmpty() ? H256.ZERO : blocks.getLast().block().id();
    List<Tx> txs = new ArrayList<>();
    List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < txCount; i++) {
      Tx tx = random.tx();
      txs.add(tx);
      Receipt r = random.receipt();
      receipts.add(
          new Receipt(
              tx.id(),
              r.status(),
              r.feePaid(),
              r.steps(),
              r.memBytes(),
              r.events(),
              r.errorCode()));
    }
    Header h = random.header();
    Header header =
        new Header(
            0,
            height,
            height * 2,
            height * 2 + 1,
            parent,
            h.proposer(),
            h.vrfProof(),
            h.kesPeriod(),
            dev.aether.types.OpCert.NONE,
            h.txRoot(),
            h.stateRoot(),
            h.receiptsRoot(),
            h.shredRoot(),
            height == 0 ? QuorumCert.genesis(H256.ZERO) : h.parentQc(),
            h.timeoutCert());
    // Every executed block (not genesis) has its own receipt: a couple of value events.
    Optional<dev.aether.types.BlockReceipt> own =
        height == 0
            ? Optional.empty()
            : Optional.of(
                new dev.aether.types.BlockReceipt(
                    height,
                    List.of(
                        random.valueEvent().toEvent(random.h256()),
                        random.valueEvent().toEvent(random.h256()))));
    FinalBlock fb = new FinalBlock(new Block(header, txs, random.varBytes(64)), receipts, own);
    blocks.add(fb);
    return fb;
  }

  /**
   * Appends a final block of {@code txCount} transactions whose receipts each carry the most events
   * of the largest size a receipt may hold (about 1 MiB per receipt), and announces it.
   */
  synchronized FinalBlock appendHeavy(int txCount) {
    FinalBlock plain = append(txCount);
    List<Receipt> heavy = new ArrayList<>();
    for (Receipt r : plain.receipts()) {
      List<dev.aether.types.Event> events = new ArrayList<>();
      for (int e = 0; e < Receipt.MAX_EVENTS; e++) {
        events.add(
            new dev.aether.types.Event(
                random.h256(),
                dev.aether.types.Bytes.of(new byte[dev.aether.types.Event.MAX_TOPIC]),
                dev.aether.types.Bytes.of(new byte[dev.aether.types.Event.MAX_DATA])));
      }
      heavy.add(
          new Receipt(
              r.txId(), r.status(), r.feePaid(), r.steps(), r.memBytes(), events, r.errorCode()));
    }
    FinalBlock fb = new FinalBlock(plain.block(), heavy, plain.blockReceipt());
    blocks.set(blocks.size() - 1, fb);
    long finalized = finalizedHeight();
    listeners.forEach(l -> l.accept(finalized));
    return fb;
  }

  /** Appends blocks and announces the new finalized height, as the node does after commit. */
  void finalizeNew(int count) {
    long finalized;
    synchronized (this) {
      for (int i = 0; i < count; i++) {
        append(1 + blocks.size() % 3);
      }
      finalized = finalizedHeight();
    }
    listeners.forEach(l -> l.accept(finalized));
  }

  synchronized void holdBackFinality(int blocksNotFinal) {
    this.unfinalized = blocksNotFinal;
  }

  synchronized void setBalance(Address a, Value v) {
    balances.put(a, v);
  }

  synchronized void addUtxo(Address owner, UtxoRef ref, Value v) {
    utxos.computeIfAbsent(owner, k -> new ArrayList<>()).add(new Utxo(ref, new TxOutput(owner, v)));
  }

  synchronized void setAccount(Address a, AccountState s) {
    accounts.put(a, s);
  }

  synchronized void setSync(SyncStatus s) {
    this.sync = s;
  }

  /** Makes every backend call throw {@code e} (null restores normal behaviour). */
  synchronized void failWith(RuntimeException e) {
    this.failure = e;
  }

  synchronized List<Tx> mempool() {
    return List.copyOf(mempool);
  }

  synchronized FinalBlock blockAt(long height) {
    return blocks.get((int) height);
  }

  int listenerCount() {
    return listeners.size();
  }

  private long finalizedHeight() {
    return blocks.size() - 1L - unfinalized;
  }

  private void maybeFail() {
    if (failure != null) {
      throw failure;
    }
  }

  /** Genesis fee parameters and one hot object. */
  @Override
  public FeePrice feePrice() {
    maybeFail();
    return new FeePrice(
        0,
        10_000,
        5,
        2,
        1,
        new java.util.TreeMap<>(java.util.Map.of(dev.aether.types.H256.ZERO, 1_500L)));
  }

  /** The size-based fee at 1x: this backend runs no programs. */
  @Override
  public FeeEstimate estimateFee(dev.aether.types.Tx tx) {
    maybeFail();
    dev.aether.types.Amount fee = dev.aether.types.Amount.of(10_000 + 5L * tx.sizeBytes());
    return new FeeEstimate(fee, 0, 0, 1_000, true, 0, fee.add(fee));
  }

  @Override
  public synchronized String chainId() {
    maybeFail();
    return CHAIN_ID;
  }

  @Override
  public synchronized SubmitResult submitTransaction(byte[] rawTx) {
    maybeFail();
    Tx tx;
    try {
      tx = Tx.CODEC.decode(rawTx);
    } catch (CodecException e) {
      return new SubmitResult.Rejected(e.code(), e.getMessage());
    }
    if (!tx.body().chainId().equals(CHAIN_ID)) {
      return new SubmitResult.Rejected(
          "mempool.wrong_chain", "transaction is for chain " + tx.body().chainId());
    }
    mempool.add(tx);
    return new SubmitResult.Accepted(tx.id());
  }

  @Override
  public synchronized Optional<Block> block(BlockTag tag) {
    maybeFail();
    long h =
        switch (tag) {
          case BlockTag.Latest l -> blocks.size() - 1L;
          case BlockTag.Finalized f -> finalizedHeight();
          case BlockTag.Height n -> n.height();
        };
    return h >= 0 && h < blocks.size()
        ? Optional.of(blocks.get((int) h).block())
        : Optional.empty();
  }

  @Override
  public synchronized Optional<ReceiptWithProof> receipt(H256 txId) {
    maybeFail();
    for (FinalBlock fb : blocks) {
      for (int i = 0; i < fb.receipts().size(); i++) {
        if (fb.receipts().get(i).txId().equals(txId)) {
          Header h = fb.block().header();
          // The RPC layer carries proofs opaquely; any siblings serve to test that.
          List<H256> siblings = List.of(random.h256(), random.h256(), random.h256());
          return Optional.of(
              new ReceiptWithProof(
                  fb.receipts().get(i),
                  h.height(),
                  h.id(),
                  i,
                  h.receiptsRoot(),
                  new MerkleProof(i, siblings)));
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized Optional<BlockReceiptWithProof> blockReceipt(long height) {
    maybeFail();
    if (height < 0 || height >= blocks.size()) {
      return Optional.empty();
    }
    FinalBlock fb = blocks.get((int) height);
    Header h = fb.block().header();
    int index = fb.receipts().size();
    return fb.blockReceipt()
        .map(
            r ->
                new BlockReceiptWithProof(
                    r, h.id(), h.receiptsRoot(), new MerkleProof(index, List.of(random.h256()))));
  }

  @Override
  public synchronized Optional<H256> stateRoot(BlockTag tag) {
    return block(tag).map(b -> b.header().stateRoot());
  }

  @Override
  public synchronized Value balance(Address address) {
    maybeFail();
    return balances.getOrDefault(address, Value.EMPTY);
  }

  @Override
  public synchronized List<Utxo> utxos(Address address) {
    maybeFail();
    return List.copyOf(utxos.getOrDefault(address, List.of()));
  }

  @Override
  public synchronized AccountProof account(Address address) {
    maybeFail();
    H256 root = blocks.isEmpty() ? H256.ZERO : blocks.getLast().block().header().stateRoot();
    return new AccountProof(
        address,
        Math.max(0, blocks.size() - 1L),
        root,
        Optional.ofNullable(accounts.get(address)),
        List.of(Bytes.of(new byte[] {1, 2, 3}), Bytes.of(new byte[] {4})));
  }

  @Override
  public synchronized List<ValidatorInfo> validators() {
    maybeFail();
    List<ValidatorInfo> out = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      SortedMap<String, Bytes> keys = new TreeMap<>();
      keys.put("bls", Bytes.of(new byte[48]));
      keys.put("vrf", Bytes.of(new byte[32]));
      Amount stake = Amount.of(1_000_000L * (i + 1));
      out.add(
          new ValidatorInfo(
              i,
              Address.ofPublicKey(new byte[32]),
              "v" + i,
              stake,
              Amount.of(1_000_000L),
              stake.subtract(Amount.of(1_000_000L)),
              500,
              2_000,
              100,
              "active",
              i,
              10,
              0,
              keys));
    }
    return out;
  }

  @Override
  public synchronized StakeInfo stake(Address address) {
    maybeFail();
    return new StakeInfo(
        address,
        3,
        List.of(
            new StakeInfo.Delegation(
                Address.ofPublicKey(new byte[32]), Amount.of(500), Amount.of(7), 0)),
        List.of(new StakeInfo.Unbonding(Address.ofPublicKey(new byte[32]), 2, Amount.of(100), 6)),
        Amount.of(7));
  }

  @Override
  public synchronized SyncStatus syncing() {
    maybeFail();
    return sync;
  }

  @Override
  public synchronized List<FinalBlock> finalBlocks(long fromHeight, int maxBlocks) {
    maybeFail();
    List<FinalBlock> out = new ArrayList<>();
    for (long h = fromHeight; h <= finalizedHeight() && out.size() < maxBlocks; h++) {
      out.add(blocks.get((int) h));
    }
    return out;
  }

  @Override
  public Subscription onFinalized(LongConsumer listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  static Value swr(long n) {
    return Value.of(AssetId.SWR, n);
  }
}
