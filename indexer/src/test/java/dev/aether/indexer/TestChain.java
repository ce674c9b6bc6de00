package dev.aether.indexer;

import dev.aether.indexer.ingest.Programs;
import dev.aether.rpc.AccountProof;
import dev.aether.rpc.BlockTag;
import dev.aether.rpc.ChainBackend;
import dev.aether.rpc.FinalBlock;
import dev.aether.rpc.ReceiptWithProof;
import dev.aether.rpc.StakeInfo;
import dev.aether.rpc.SubmitResult;
import dev.aether.rpc.SyncStatus;
import dev.aether.rpc.Utxo;
import dev.aether.rpc.ValidatorInfo;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxOutput;
import dev.aether.types.TxSignature;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import dev.aether.types.codec.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * A seeded, test-only chain of final blocks shaped like the real one: bank transfers with their
 * events, UTxO outputs then spends, a staking delegation, a job's life, and failed transactions.
 * Serves the gRPC block stream as a {@link ChainBackend} (only the stream methods are real).
 */
public final class TestChain implements ChainBackend {
  public static final String CHAIN_ID = "aether-test-1";
  private final Random random;
  private final List<FinalBlock> blocks = new ArrayList<>();
  private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
  private final List<Address> accounts = new ArrayList<>();
  private final List<UtxoRef> unspent = new ArrayList<>();
  private final List<TxOutput> unspentOutputs = new ArrayList<>();
  private long nonce;

  public TestChain(long seed) {
    random = new Random(seed);
    for (int i = 0; i < 8; i++) {
      accounts.add(address(i));
    }
    appendGenesis();
  }

  public static Address address(int i) {
    byte[] pk = new byte[32];
    pk[0] = (byte) (i + 1);
    return Address.ofPublicKey(pk);
  }

  /** The genesis-like block 0: no transactions, the config hash in txRoot. */
  private void appendGenesis() {
    Header h = header(0, H256.ZERO, List.of(), Hashing.tagged("test-genesis"));
    blocks.add(new FinalBlock(new Block(h, List.of(), Bytes.EMPTY), List.of()));
  }

  public H256 genesisConfigHash() {
    return Hashing.tagged("test-genesis");
  }

  private static Header header(long height, H256 parent, List<Tx> txs, H256 txRoot) {
    return new Header(
        0,
        height,
        height * 2,
        height * 2,
        parent,
        (int) (height % 4),
        Bytes.of(new byte[80]),
        0,
        dev.aether.types.OpCert.NONE,
        txRoot,
        Hashing.tagged("state", new Writer().u64(height).toByteArray()),
        Hashing.tagged("receipts", new Writer().u64(height).toByteArray()),
        H256.ZERO,
        new QuorumCert(
            0,
            height == 0 ? 0 : height * 2 - 1,
            parent,
            dev.aether.types.SignerSet.EMPTY,
            Bytes.EMPTY),
        Optional.empty());
  }

  /** Appends a block of about {@code txs} transactions of every kind and tells the listeners. */
  public synchronized FinalBlock append(int txs) {
    long height = blocks.size();
    List<Tx> list = new ArrayList<>();
    List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < txs; i++) {
      int kind = random.nextInt(10);
      Address payer = accounts.get(random.nextInt(accounts.size()));
      Address to = accounts.get(random.nextInt(accounts.size()));
      long amount = 1 + random.nextInt(1_000);
      Tx tx;
      List<Event> events = new ArrayList<>();
      Receipt.Status status = Receipt.Status.SUCCESS;
      if (kind < 5) {
        Value v = Value.of(AssetId.AIC, amount);
        Call call = transfer(to, v);
        tx = tx(payer, List.of(), List.of(), List.of(call));
        events.add(
            new Event(
                Programs.BANK,
                Bytes.of("transfer".getBytes(StandardCharsets.US_ASCII)),
                call.args()));
      } else if (kind == 5) {
        tx =
            tx(
                payer,
                List.of(),
                List.of(new TxOutput(to, Value.of(AssetId.USDT, amount), Optional.empty())),
                List.of());
      } else if (kind == 6 && !unspent.isEmpty()) {
        UtxoRef in = unspent.removeFirst();
        TxOutput spent = unspentOutputs.removeFirst();
        tx =
            tx(
                payer,
                List.of(in),
                List.of(new TxOutput(to, spent.value(), Optional.empty())),
                List.of());
      } else if (kind == 7) {
        Address validator = address(100);
        Writer args = new Writer();
        Address.CODEC.write(validator, args);
        Amount.CODEC.write(Amount.of(amount), args);
        tx =
            tx(
                payer,
                List.of(),
                List.of(),
                List.of(new Call(Programs.STAKING, "delegate", Bytes.of(args.toByteArray()))));
        Writer data = new Writer();
        Address.CODEC.write(validator, data);
        byte[] mag = java.math.BigInteger.valueOf(amount).toByteArray();
        if (mag[0] == 0) {
          mag = java.util.Arrays.copyOfRange(mag, 1, mag.length);
        }
        data.bytes(mag);
        events.add(
            new Event(
                Programs.STAKING,
                Bytes.of("staking.delegate".getBytes(StandardCharsets.US_ASCII)),
                Bytes.of(data.toByteArray())));
      } else if (kind == 8) {
        H256 job = Hashing.tagged("job", new Writer().u64(height).u32(i).toByteArray());
        tx =
            tx(
                payer,
                List.of(),
                List.of(),
                List.of(new Call(Programs.JOBS, "postJob", Bytes.of(new byte[40]))));
        events.add(
            new Event(
                Programs.JOBS,
                Bytes.of("jobs.posted".getBytes(StandardCharsets.US_ASCII)),
                Bytes.of(job.toArray())));
      } else {
        tx = tx(payer, List.of(), List.of(), List.of(transfer(to, Value.of(AssetId.SWR, amount))));
        status = Receipt.Status.FAILED;
      }
      list.add(tx);
      if (status == Receipt.Status.SUCCESS) {
        for (int o = 0; o < tx.body().outputs().size(); o++) {
          unspent.add(new UtxoRef(tx.id(), o));
          unspentOutputs.add(tx.body().outputs().get(o));
        }
      }
      receipts.add(
          new Receipt(
              tx.id(),
              status,
              Amount.of(10_000 + random.nextInt(500)),
              random.nextInt(100),
              0,
              status == Receipt.Status.SUCCESS ? events : List.of(),
              status == Receipt.Status.SUCCESS ? 0 : 103));
    }
    H256 parent = blocks.getLast().block().id();
    Header h =
        header(
            height, parent, list, Hashing.tagged("txroot", new Writer().u64(height).toByteArray()));
    // The block's own receipt, as the ledger writes it: the fees paid credited to the fee pool.
    Amount fees = Amount.ZERO;
    for (Receipt r : receipts) {
      fees = fees.add(r.feePaid());
    }
    List<Event> own = new ArrayList<>();
    if (!fees.isZero()) {
      own.add(
          dev.aether.types.ValueEvent.credit(
                  dev.aether.ledger.StateKeys.FEE_POOL, AssetId.SWR, fees, "fee_pool", Bytes.EMPTY)
              .toEvent(dev.aether.types.BlockReceipt.LEDGER));
    }
    FinalBlock fb =
        new FinalBlock(
            new Block(h, list, Bytes.of(new byte[64])),
            receipts,
            Optional.of(new dev.aether.types.BlockReceipt(height, own)));
    blocks.add(fb);
    for (LongConsumer l : listeners) {
      l.accept(height);
    }
    return fb;
  }

  /**
   * Appends a block of one successful transaction from {@code payer} making {@code calls}, whose
   * receipt carries {@code events} (what the programs would have emitted), and tells the listeners.
   */
  public synchronized FinalBlock appendOne(Address payer, List<Call> calls, List<Event> events) {
    long height = blocks.size();
    Tx tx = tx(payer, List.of(), List.of(), calls);
    Receipt r = new Receipt(tx.id(), Receipt.Status.SUCCESS, Amount.of(10_000), 1, 0, events, 0);
    Header h =
        header(
            height,
            blocks.getLast().block().id(),
            List.of(tx),
            Hashing.tagged("txroot", new Writer().u64(height).toByteArray()));
    FinalBlock fb =
        new FinalBlock(
            new Block(h, List.of(tx), Bytes.of(new byte[64])),
            List.of(r),
            Optional.of(
                new dev.aether.types.BlockReceipt(
                    height,
                    List.of(
                        dev.aether.types.ValueEvent.credit(
                                dev.aether.ledger.StateKeys.FEE_POOL,
                                AssetId.SWR,
                                r.feePaid(),
                                "fee_pool",
                                Bytes.EMPTY)
                            .toEvent(dev.aether.types.BlockReceipt.LEDGER)))));
    blocks.add(fb);
    for (LongConsumer l : listeners) {
      l.accept(height);
    }
    return fb;
  }

  private static Call transfer(Address to, Value v) {
    Writer w = new Writer();
    Address.CODEC.write(to, w);
    Value.CODEC.write(v, w);
    return new Call(Programs.BANK, "transfer", Bytes.of(w.toByteArray()));
  }

  private Tx tx(Address payer, List<UtxoRef> inputs, List<TxOutput> outputs, List<Call> calls) {
    TxBody body =
        new TxBody(
            CHAIN_ID,
            payer,
            nonce++,
            inputs.stream().sorted().toList(),
            List.of(),
            List.of(),
            outputs,
            calls,
            Value.EMPTY,
            Value.EMPTY,
            Amount.of(50_000),
            0,
            1_000_000);
    byte[] pk = new byte[32];
    pk[0] = (byte) (accounts.indexOf(payer) + 1);
    return new Tx(body, List.of(new TxSignature(Bytes.of(pk), Bytes.of(new byte[64]))));
  }

  public synchronized List<FinalBlock> blocks() {
    return List.copyOf(blocks);
  }

  public synchronized FinalBlock block(long h) {
    return blocks.get((int) h);
  }

  // ---- ChainBackend: the stream is real, the rest is not needed by the indexer ----

  @Override
  public String chainId() {
    return CHAIN_ID;
  }

  @Override
  public SubmitResult submitTransaction(byte[] rawTx) {
    throw new UnsupportedOperationException();
  }

  @Override
  public synchronized Optional<Block> block(BlockTag tag) {
    return switch (tag) {
      case BlockTag.Height x ->
          x.height() < blocks.size()
              ? Optional.of(blocks.get((int) x.height()).block())
              : Optional.empty();
      default -> Optional.of(blocks.getLast().block());
    };
  }

  @Override
  public Optional<ReceiptWithProof> receipt(H256 txId) {
    return Optional.empty();
  }

  @Override
  public Optional<H256> stateRoot(BlockTag tag) {
    return Optional.empty();
  }

  @Override
  public Value balance(Address address) {
    return Value.EMPTY;
  }

  @Override
  public List<Utxo> utxos(Address address) {
    return List.of();
  }

  @Override
  public AccountProof account(Address address) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<ValidatorInfo> validators() {
    return List.of();
  }

  @Override
  public StakeInfo stake(Address address) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SyncStatus syncing() {
    return SyncStatus.SYNCED;
  }

  @Override
  public synchronized List<FinalBlock> finalBlocks(long fromHeight, int maxBlocks) {
    List<FinalBlock> out = new ArrayList<>();
    for (long h = fromHeight; h < blocks.size() && out.size() < maxBlocks; h++) {
      out.add(blocks.get((int) h));
    }
    return out;
  }

  @Override
  public Subscription onFinalized(LongConsumer listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }
}
