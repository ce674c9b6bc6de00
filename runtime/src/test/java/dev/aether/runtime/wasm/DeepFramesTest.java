package dev.aether.runtime.wasm;

import static dev.aether.runtime.TestContracts.call;
import static dev.aether.runtime.TestContracts.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.ledger.SerialExecutor;
import dev.aether.runtime.TestLedger;
import dev.aether.types.Receipt;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stack units bound recursion by frame size, not only by count: a function with a thousand
 * locals (the largest frames a module may have) recursing without end stops with {@code
 * STACK_EXHAUSTED} at the same step count on a 1 MiB thread as on a 64 MiB one, interpreted and
 * compiled — the JVM's own stack never decides.
 */
class DeepFramesTest {
  /** (module (func (export "r") (local i64 ×1000) call 0)). */
  static byte[] bigFrames() {
    WasmBytes.Writer body = new WasmBytes.Writer(16);
    body.u32(1).u32(1_000).u8(0x7e).u8(0x10).u32(0).u8(0x0b);
    byte[] b = body.toByteArray();
    WasmBytes.Writer m = new WasmBytes.Writer(64);
    m.u8(0).u8('a').u8('s').u8('m').u8(1).u8(0).u8(0).u8(0);
    m.u8(1).u32(4).u32(1).u8(0x60).u32(0).u32(0);
    m.u8(3).u32(2).u32(1).u32(0);
    m.u8(7).u32(5).u32(1).u32(1).u8('r').u8(0).u32(0);
    WasmBytes.Writer code = new WasmBytes.Writer(32);
    code.u32(1).u32(b.length).bytes(b);
    byte[] c = code.toByteArray();
    m.u8(10).u32(c.length).bytes(c);
    return m.toByteArray();
  }

  private static Receipt onThread(long stack, WasmContracts.Mode engine) throws Exception {
    AtomicReference<Receipt> out = new AtomicReference<>();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                TestLedger l = new TestLedger(1, 1_000_000_000_000L, new SerialExecutor(), engine);
                byte[] wasm = bigFrames();
                l.run(1, List.of(deploy(0, 0, wasm)));
                var tx =
                    call(
                        0,
                        1,
                        WasmContracts.contractId(wasm),
                        "r",
                        new byte[0],
                        List.of(),
                        List.of(),
                        100_000_000);
                out.set(l.execute(2, List.of(tx)).receipts().getFirst());
              } catch (Throwable e) {
                failed.set(e);
              }
            },
            "deep",
            stack);
    t.start();
    t.join();
    if (failed.get() != null) {
      throw new AssertionError("on a " + stack + "-byte stack", failed.get());
    }
    return out.get();
  }

  @ParameterizedTest
  @EnumSource(
      value = WasmContracts.Mode.class,
      names = {"INTERPRETER", "COMPILER"})
  void theLargestFramesStopAtTheSameDepthWhateverTheThreadStack(WasmContracts.Mode engine)
      throws Exception {
    Receipt small = onThread(1L << 20, engine);
    Receipt big = onThread(64L << 20, engine);
    assertThat(small.errorCode()).isEqualTo(1013);
    assertThat(small).isEqualTo(big);
  }
}
