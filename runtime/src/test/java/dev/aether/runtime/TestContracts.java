package dev.aether.runtime;

import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Tx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** The WAT test contracts (src/test/resources/contracts) and transactions that call them. */
public final class TestContracts {
  private TestContracts() {}

  public static byte[] wasm(String name) {
    try (InputStream in = TestContracts.class.getResourceAsStream("/contracts/" + name + ".wasm")) {
      if (in == null) {
        throw new IllegalStateException("no test contract " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static H256 id(String name) {
    return WasmContracts.contractId(wasm(name));
  }

  public static Tx deploy(int payer, long nonce, byte[] wasm) {
    return TestLedger.tx(
        payer,
        nonce,
        List.of(),
        List.of(WasmContracts.contractId(wasm)),
        List.of(new Call(WasmContracts.DEPLOYER, "deploy", Bytes.of(wasm))),
        10_000_000);
  }

  /** A call to {@code contract} declaring its code read and the given storage slots. */
  public static Tx call(
      int payer,
      long nonce,
      H256 contract,
      String method,
      byte[] args,
      List<H256> readSlots,
      List<H256> writeSlots,
      long feeCap) {
    List<H256> reads = new ArrayList<>(List.of(contract));
    readSlots.forEach(s -> reads.add(CallContext.storageKey(contract, s)));
    List<H256> writes = writeSlots.stream().map(s -> CallContext.storageKey(contract, s)).toList();
    return TestLedger.tx(
        payer, nonce, reads, writes, List.of(new Call(contract, method, Bytes.of(args))), feeCap);
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
