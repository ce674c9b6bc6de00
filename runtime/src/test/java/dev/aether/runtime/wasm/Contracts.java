package dev.aether.runtime.wasm;

import dev.aether.runtime.Account;
import dev.aether.runtime.Bank;
import dev.aether.runtime.BlockContext;
import dev.aether.runtime.BlockOutcome;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.Programs;
import dev.aether.runtime.SerialExecutor;
import dev.aether.runtime.StateReader;
import dev.aether.runtime.TxProcessor;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxSignature;
import dev.aether.types.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Test contracts (compiled from src/test/resources/contracts/*.wat) and transactions for them. */
public final class Contracts {
  public static final String CHAIN = "aether-test";

  private Contracts() {}

  public static byte[] wasm(String name) {
    try (InputStream in = Contracts.class.getResourceAsStream("/contracts/" + name + ".wasm")) {
      if (in == null) {
        throw new IllegalStateException("no test contract " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Bytes publicKey(int i) {
    return Bytes.of(ByteBuffer.allocate(32).putInt(0, i).putInt(28, 0xc0de).array());
  }

  public static Address user(int i) {
    return Address.ofPublicKey(publicKey(i).toArray());
  }

  public static TxProcessor logic(WasmContracts contracts) {
    return TxProcessor.genesis(Programs.natives(Map.of(Bank.ID, new Bank())).orElse(contracts));
  }

  public static BlockContext block(long slot) {
    return new BlockContext(CHAIN, slot, slot, 100);
  }

  public static TreeMap<H256, Bytes> funded(int users, long balance) {
    TreeMap<H256, Bytes> s = new TreeMap<>();
    for (int i = 0; i < users; i++) {
      s.put(
          Account.key(user(i)),
          Bytes.of(Account.CODEC.encode(new Account(Value.of(AssetId.SWR, balance), 0))));
    }
    return s;
  }

  public static StateReader reader(TreeMap<H256, Bytes> s) {
    return k -> Optional.ofNullable(s.get(k));
  }

  public static BlockOutcome run(
      TxProcessor logic, TreeMap<H256, Bytes> s, BlockContext b, List<Tx> txs) {
    BlockOutcome out = new SerialExecutor(logic).execute(b, reader(s), txs);
    out.stateDiff().forEach((k, v) -> v.ifPresentOrElse(x -> s.put(k, x), () -> s.remove(k)));
    return out;
  }

  public static Receipt runOne(TxProcessor logic, TreeMap<H256, Bytes> s, long slot, Tx tx) {
    return run(logic, s, block(slot), List.of(tx)).receipts().getFirst();
  }

  public static Tx tx(
      int payer, long nonce, List<H256> reads, List<H256> writes, Call call, long feeCap) {
    TxBody body =
        new TxBody(
            CHAIN,
            user(payer),
            nonce,
            List.of(),
            List.copyOf(new TreeSet<>(reads)),
            List.copyOf(new TreeSet<>(writes)),
            List.of(),
            List.of(call),
            Value.EMPTY,
            Value.EMPTY,
            Amount.of(feeCap),
            0,
            1_000_000);
    return new Tx(body, List.of(new TxSignature(publicKey(payer), Bytes.of(new byte[64]))));
  }

  public static Tx deploy(int payer, long nonce, byte[] wasm) {
    return tx(
        payer,
        nonce,
        List.of(),
        List.of(WasmContracts.contractId(wasm)),
        new Call(WasmContracts.DEPLOYER, "deploy", Bytes.of(wasm)),
        10_000_000);
  }

  /** A call to {@code contract} declaring the contract code read and the given storage slots. */
  public static Tx call(
      int payer,
      long nonce,
      H256 contract,
      String method,
      byte[] args,
      List<H256> readSlots,
      List<H256> writeSlots,
      long feeCap) {
    List<H256> reads = new java.util.ArrayList<>(List.of(contract));
    readSlots.forEach(s -> reads.add(CallContext.storageKey(contract, s)));
    List<H256> writes = writeSlots.stream().map(s -> CallContext.storageKey(contract, s)).toList();
    return tx(payer, nonce, reads, writes, new Call(contract, method, Bytes.of(args)), feeCap);
  }

  /** The token's storage slot of an address: the address itself. */
  public static H256 slotOf(Address a) {
    return a.hash();
  }

  public static byte[] u64(long v) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
  }

  public static byte[] transferArgs(Address to, long amount) {
    return ByteBuffer.allocate(40)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put(to.hash().toArray())
        .putLong(amount)
        .array();
  }

  public static long u64At(Bytes b, int offset) {
    return ByteBuffer.wrap(b.toArray()).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
  }
}
