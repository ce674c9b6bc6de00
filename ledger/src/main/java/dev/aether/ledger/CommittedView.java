package dev.aether.ledger;

import dev.aether.ledger.StateObject.Account;
import dev.aether.ledger.smt.SparseMerkleTree;
import dev.aether.types.Address;
import dev.aether.types.Block;
import dev.aether.types.BlockReceipt;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxOutput;
import dev.aether.types.UtxoRef;
import dev.aether.types.codec.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads of committed chain data — state, proofs, headers, blocks, receipts — over one store. From
 * {@link Ledger#snapshot()} it is pinned to one commit: every read sees that commit whole (a proof
 * never mixes tree nodes of two heights), and it holds no lock, so readers never wait while a block
 * executes. Close it to release the snapshot.
 */
public final class CommittedView implements AutoCloseable {
  private final StateStore store;
  private final boolean owned;
  private final StateReader state;

  /** A view of {@code store} as it is; {@code owned} views close the store with themselves. */
  CommittedView(StateStore store, boolean owned) {
    this.store = store;
    this.owned = owned;
    this.state = key -> Ledger.readState(store, key);
  }

  /** The head this view sees. */
  public Head head() {
    return Ledger.readHead(store)
        .orElseThrow(
            () -> new LedgerException(new LedgerError.StoreFailure("store holds no head")));
  }

  public StateReader state() {
    return state;
  }

  public Optional<StateObject> get(H256 key) {
    return state.get(key);
  }

  public Account account(Address address) {
    return switch (get(StateKeys.account(address)).orElse(Account.EMPTY)) {
      case Account a -> a;
      default ->
          throw new LedgerException(
              new LedgerError.MalformedState(StateKeys.account(address), "not an account"));
    };
  }

  public Optional<TxOutput> utxo(UtxoRef ref) {
    return get(ref.stateKey())
        .flatMap(o -> o instanceof StateObject.Utxo u ? Optional.of(u.output()) : Optional.empty());
  }

  /** Proof of {@code key}'s value (or absence) against this view's state root. */
  public StateProof prove(H256 key) {
    return new SparseMerkleTree(Ledger.readOnlyNodes(store)).prove(key);
  }

  public Optional<Header> header(long height) {
    return store.get(Column.HEADERS, Ledger.u64(height)).map(Header.CODEC::decode);
  }

  public Optional<Block> block(long height) {
    return store.get(Column.BLOCKS, Ledger.u64(height)).map(Block.CODEC::decode);
  }

  /** The committed receipt of {@code txId}, with its proof against its block's receipts root. */
  public Optional<StoredReceipt> receipt(H256 txId) {
    Optional<byte[]> raw = store.get(Column.RECEIPTS, txId.toArray());
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Reader in = new Reader(raw.get());
    long height = in.u64("receipt height");
    int index = (int) in.u32("receipt index");
    Receipt receipt = Receipt.CODEC.read(in);
    Block block =
        block(height)
            .orElseThrow(
                () ->
                    new LedgerException(
                        new LedgerError.StoreFailure("receipt without block " + height)));
    List<Receipt> all = new ArrayList<>(block.txs().size());
    for (Tx tx : block.txs()) {
      all.add(
          Receipt.CODEC.decode(
              tailAfter12(store.get(Column.RECEIPTS, tx.id().toArray()).orElseThrow())));
    }
    Optional<BlockReceipt> own = storedBlockReceipt(height);
    ReceiptProof proof =
        own.isPresent()
            ? ReceiptsTree.prove(all, own.get(), index)
            : ReceiptsTree.prove(all, index);
    return Optional.of(new StoredReceipt(height, index, receipt, proof));
  }

  /**
   * The committed block receipt of the block at {@code height} with its proof against the header's
   * receipts root (the tree's last leaf); empty for genesis and for blocks not stored here.
   */
  public Optional<StoredBlockReceipt> blockReceipt(long height) {
    Optional<BlockReceipt> own = storedBlockReceipt(height);
    Optional<Block> block = own.isPresent() ? block(height) : Optional.empty();
    if (block.isEmpty()) {
      return Optional.empty();
    }
    List<Receipt> all = receiptsOf(block.get());
    if (all.size() != block.get().txs().size()) {
      return Optional.empty();
    }
    return Optional.of(
        new StoredBlockReceipt(height, own.get(), ReceiptsTree.prove(all, own.get(), all.size())));
  }

  private Optional<BlockReceipt> storedBlockReceipt(long height) {
    return store
        .get(Column.RECEIPTS, Ledger.blockReceiptKey(height))
        .map(raw -> BlockReceipt.CODEC.decode(tailAfter12(raw)));
  }

  /**
   * The committed receipts of {@code block}'s transactions, in block order, without proofs (event
   * queries); empty when the block's receipts are not stored here.
   */
  public List<Receipt> receiptsOf(Block block) {
    List<Receipt> out = new ArrayList<>(block.txs().size());
    for (Tx tx : block.txs()) {
      Optional<byte[]> raw = store.get(Column.RECEIPTS, tx.id().toArray());
      if (raw.isEmpty()) {
        return List.of();
      }
      out.add(Receipt.CODEC.decode(tailAfter12(raw.get())));
    }
    return out;
  }

  private static byte[] tailAfter12(byte[] b) {
    return java.util.Arrays.copyOfRange(b, 12, b.length);
  }

  @Override
  public void close() {
    if (owned) {
      store.close();
    }
  }
}
