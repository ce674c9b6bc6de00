package dev.aether.runtime.wasm;

import static dev.aether.runtime.TestContracts.call;
import static dev.aether.runtime.TestContracts.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.ledger.SerialExecutor;
import dev.aether.runtime.StepCosts;
import dev.aether.runtime.TestLedger;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generated modules full of bulk-memory, table and reference-type instructions ({@link
 * RandomModules}) run on the interpreter and on the compiler: every call must give the same receipt
 * — result, error code, steps, memory and the memory it left — on both. Also: the generator's
 * modules are all valid, and together they reach success and the failure classes.
 */
class GeneratedModuleTest {
  /** Runs every entry point of seeds [from, to) on both engines; returns error-code counts. */
  static TreeMap<Integer, Integer> agree(long from, long to) {
    TreeMap<Integer, Integer> codes = new TreeMap<>();
    for (long seed = from; seed < to; seed++) {
      byte[] wasm = RandomModules.generate(seed);
      ContractCode.validate(wasm, ContractLimits.DEFAULT, StepCosts.V2); // throws if invalid
      List<Receipt> a = run(WasmContracts.Mode.INTERPRETER, wasm, seed);
      List<Receipt> b = run(WasmContracts.Mode.COMPILER, wasm, seed);
      assertThat(b).as("seed %d", seed).isEqualTo(a);
      a.forEach(x -> codes.merge(x.errorCode(), 1, Integer::sum));
    }
    return codes;
  }

  private static List<Receipt> run(WasmContracts.Mode engine, byte[] wasm, long seed) {
    TestLedger l = new TestLedger(1, 1_000_000_000_000L, new SerialExecutor(), engine);
    List<Receipt> out = new ArrayList<>(l.run(1, List.of(deploy(0, 0, wasm))).receipts());
    H256 id = WasmContracts.contractId(wasm);
    long nonce = 1;
    for (int i = 0; i < RandomModules.entryCount(seed); i++) {
      // Each entry point twice: the second call starts from the module cache (and, compiled,
      // from the compiled code) and must not differ.
      for (int k = 0; k < 2; k++) {
        Tx tx = call(0, nonce, id, "f" + i, new byte[0], List.of(), List.of(), 10_000_000);
        out.addAll(l.run(nonce + 1, List.of(tx)).receipts());
        nonce++;
      }
    }
    return out;
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void interpreterAndCompilerAgreeOnGeneratedModules() {
    TreeMap<Integer, Integer> codes = agree(0, 40);
    // Successes, traps (division by zero, out of bounds, null table elements, dropped
    // segments) and the stack limit (mutual recursion) all occur.
    assertThat(codes).containsKeys(0, 1011);
    assertThat(codes.keySet()).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void theGeneratorIsDeterministic() {
    assertThat(RandomModules.generate(7)).isEqualTo(RandomModules.generate(7));
    assertThat(RandomModules.generate(7)).isNotEqualTo(RandomModules.generate(8));
  }

  @Test
  @Tag("soak")
  @Tag("fuzz")
  void longAgreement() {
    agree(1_000, 3_000);
  }
}
