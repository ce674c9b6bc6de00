package dev.aether.runtime.bench;

import static dev.aether.runtime.TestContracts.*;

import dev.aether.ledger.BlockContext;
import dev.aether.ledger.BlockState;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.SerialExecutor;
import dev.aether.runtime.TestLedger;
import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One calibration call (contracts/calibrate.wat): a one-transaction block on the serial executor,
 * so each measurement includes what a validator does for the call, not only the loop.
 */
final class Calibration {
  final Ledger ledger;
  final BlockContext ctx;
  final List<Tx> block;

  Calibration(WasmContracts.Mode engine, String method, long n, int size) {
    TestLedger chain =
        new TestLedger(
            1,
            1_000_000_000_000_000L,
            new SerialExecutor(),
            engine,
            new dev.aether.genesis.GenesisConfig.Limits(
                4_000_000_000L, 64L << 20, 4_000_000_000L, 16, 4096, 65_536, 8));
    chain.run(1, List.of(deploy(0, 0, wasm("calibrate"))));
    ledger = chain.ledger;
    ctx = new BlockContext(ledger.head().height() + 1, 2, true);
    byte[] args = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(n).putInt(size).array();
    block =
        List.of(
            call(0, 1, id("calibrate"), method, args, List.of(), List.of(), 100_000_000_000_000L));
  }

  Receipt run() {
    Receipt r =
        new SerialExecutor()
            .execute(ctx, block, new BlockState(ledger.state()), ledger.processor())
            .getFirst();
    if (r.status() != Receipt.Status.SUCCESS) {
      throw new IllegalStateException("calibration call failed: " + r);
    }
    return r;
  }
}
