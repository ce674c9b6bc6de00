package dev.aether.runtime.wasm;

import static dev.aether.runtime.TestContracts.call;
import static dev.aether.runtime.TestContracts.deploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.ledger.SerialExecutor;
import dev.aether.runtime.RuntimeError;
import dev.aether.runtime.StepCosts;
import dev.aether.runtime.TestLedger;
import dev.aether.runtime.WasmCosts;
import dev.aether.types.Receipt;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The instrumenter's step counts are exact and predictable (a loop of n iterations costs a fixed
 * amount plus n times its body's weights), and its whitelist refuses every instruction family that
 * is not deterministic or not metered.
 */
class InstrumenterTest {
  private static final WasmCosts W = StepCosts.V2.wasm();

  /** A module with one export "f" of type () -> () whose body is {@code body} (no locals). */
  static byte[] module(int[] localsI64, byte... body) {
    WasmBytes.Writer b = new WasmBytes.Writer(64);
    if (localsI64.length == 0) {
      b.u32(0);
    } else {
      b.u32(1).u32(localsI64[0]).u8(0x7e);
    }
    b.bytes(body);
    byte[] fb = b.toByteArray();
    WasmBytes.Writer m = new WasmBytes.Writer(128);
    m.u8(0).u8('a').u8('s').u8('m').u8(1).u8(0).u8(0).u8(0);
    m.u8(1).u32(4).u32(1).u8(0x60).u32(0).u32(0);
    m.u8(3).u32(2).u32(1).u32(0);
    m.u8(5).u32(3).u32(1).u8(0).u32(1);
    m.u8(7).u32(5).u32(1).u32(1).u8('f').u8(0).u32(0);
    WasmBytes.Writer code = new WasmBytes.Writer(64);
    code.u32(1).u32(fb.length).bytes(fb);
    byte[] c = code.toByteArray();
    m.u8(10).u32(c.length).bytes(c);
    return m.toByteArray();
  }

  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  /** Steps of one call of "f", with everything but the body's own instructions subtracted. */
  private static long stepsOf(byte[] wasm) {
    TestLedger l = new TestLedger(1, 1_000_000_000_000L, new SerialExecutor());
    l.run(1, List.of(deploy(0, 0, wasm)));
    Receipt r =
        l.execute(
                2,
                List.of(
                    call(
                        0,
                        1,
                        WasmContracts.contractId(wasm),
                        "f",
                        new byte[0],
                        List.of(),
                        List.of(),
                        1_000_000_000)))
            .receipts()
            .getFirst();
    assertThat(r.status()).as("error %d", r.errorCode()).isEqualTo(Receipt.Status.SUCCESS);
    return r.steps();
  }

  @Test
  void aLoopCostsItsBodyTimesItsIterations() {
    // i64 local 0 = n; loop { n -= 1; br_if (n != 0) }: the loop segment is 8 plain
    // instructions (local.get, i64.const, i64.sub, local.tee, i64.const, i64.ne, br_if — and
    // the loop's segment starts after `loop`), entered n times.
    long[] steps = new long[3];
    int[] ns = {1, 11, 61}; // one LEB128 byte each: the modules are the same size
    for (int k = 0; k < 3; k++) {
      byte[] body =
          new WasmBytes.Writer(32)
              .u8(0x42)
              .sleb(ns[k])
              .u8(0x21)
              .u32(0) // local.set 0 (i64.const n)
              .u8(0x03)
              .u8(0x40) // loop
              .u8(0x20)
              .u32(0)
              .u8(0x42)
              .sleb(1)
              .u8(0x7d)
              .u8(0x22)
              .u32(0) // n - 1, tee
              .u8(0x42)
              .sleb(0)
              .u8(0x52)
              .u8(0x0d)
              .u32(0) // != 0, br_if 0
              .u8(0x0b)
              .u8(0x0b)
              .toByteArray();
      steps[k] = stepsOf(module(new int[] {1}, body));
    }
    long perIteration = (steps[1] - steps[0]) / 10;
    assertThat(perIteration).isEqualTo(7 * W.plain());
    assertThat(steps[2] - steps[0]).isEqualTo(60 * perIteration);
  }

  @Test
  void bulkMemoryPaysPerByte() {
    // memory.fill(0, 0, len): 3 constants + the fill, then the bytes.
    // Lengths whose LEB128 take the same two bytes: the modules are the same size, so
    // instantiation costs the same and only the bytes filled differ.
    long small = stepsOf(module(new int[0], fill(64)));
    long big = stepsOf(module(new int[0], fill(4_000)));
    assertThat(big - small).isEqualTo(W.bulkBytes(4_000) - W.bulkBytes(64)).isEqualTo(62);
  }

  private static byte[] fill(int len) {
    return new WasmBytes.Writer(16)
        .u8(0x41)
        .sleb(0)
        .u8(0x41)
        .sleb(0)
        .u8(0x41)
        .sleb(len)
        .u8(0xfc)
        .u32(11)
        .u8(0)
        .u8(0x0b)
        .toByteArray();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "f32.const, 43 00 00 00 00 1a 0b",
    "f64 arithmetic, 44 00 00 00 00 00 00 00 00 44 00 00 00 00 00 00 00 00 a0 1a 0b",
    "SIMD prefix, fd 0c 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 1a 0b",
    "atomics prefix, fe 03 00 0b",
    "tail call, 12 00 0b",
    "exceptions (try), 06 40 0b 0b",
    "saturating float truncation, 41 00 fc 00 1a 0b",
    "second memory in a memarg, 41 00 28 42 00 00 1a 0b",
    "memory.init without a data count, 41 00 41 00 41 00 fc 08 00 00 0b",
    "undefined global, 23 05 1a 0b",
    "call_indirect without a table, 41 00 11 00 00 0b",
  })
  void refusesWhatIsNotDeterministicOrNotMetered(String what, String hex) {
    String[] parts = hex.trim().split(" ");
    int[] b = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      b[i] = Integer.parseInt(parts[i], 16);
    }
    byte[] wasm = module(new int[0], bytes(b));
    assertThatThrownBy(() -> ContractCode.validate(wasm, ContractLimits.DEFAULT, StepCosts.V2))
        .as(what)
        .isInstanceOf(RuntimeError.InvalidModule.class);
  }

  @Test
  void boundsLocalsAndTables() {
    assertThatThrownBy(
            () ->
                ContractCode.validate(
                    module(new int[] {Instrumenter.MAX_LOCALS + 1}, bytes(0x0b)),
                    ContractLimits.DEFAULT,
                    StepCosts.V2))
        .isInstanceOf(RuntimeError.InvalidModule.class)
        .hasMessageContaining("locals");
    assertThat(
            ContractCode.validate(
                module(new int[] {Instrumenter.MAX_LOCALS}, bytes(0x0b)),
                ContractLimits.DEFAULT,
                StepCosts.V2))
        .isNotNull();
    // hugetable.wat: a 10-million-element table, refused before Chicory allocates it.
    assertThatThrownBy(
            () ->
                ContractCode.validate(
                    dev.aether.runtime.TestContracts.wasm("hugetable"),
                    ContractLimits.DEFAULT,
                    StepCosts.V2))
        .isInstanceOf(RuntimeError.InvalidModule.class)
        .hasMessageContaining("table of 10000000 elements");
  }

  @Test
  void instrumentingIsDeterministicAndKeepsExistingIndices() {
    byte[] wasm = dev.aether.runtime.TestContracts.wasm("bulk");
    Instrumenter.Result a = Instrumenter.instrument(wasm, W, ContractLimits.DEFAULT);
    Instrumenter.Result b = Instrumenter.instrument(wasm, W, ContractLimits.DEFAULT);
    assertThat(a.wasm()).isEqualTo(b.wasm());
    // bulk.wat declares no globals: gas and stack are globals 0 and 1.
    assertThat(a.gasGlobal()).isZero();
    assertThat(a.stackGlobal()).isEqualTo(1);
    assertThat(a.frameWeight()).isGreaterThan(Instrumenter.FRAME_OVERHEAD);
    assertThat(ByteBuffer.wrap(a.wasm(), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong())
        .isEqualTo(ByteBuffer.wrap(wasm, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
  }
}
