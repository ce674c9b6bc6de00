package dev.aether.runtime.wasm;

import static dev.aether.runtime.TestContracts.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import dev.aether.ledger.SerialExecutor;
import dev.aether.runtime.RuntimeError;
import dev.aether.runtime.TestLedger;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing of contract loading and execution: mutated modules (bit flips, byte
 * changes, truncation, splices, random bytes) must either validate or fail with {@code
 * INVALID_MODULE} — nothing else escapes — give the same verdict twice, and, when they validate,
 * every exported entry point must end in a receipt, the same receipt on a second chain that runs
 * the compiler instead of the interpreter (results and step counts agree). The default run is
 * short; {@code make fuzz} runs the long one.
 */
class ModuleFuzzTest {
  /**
   * Mutation seeds: the WAT test contracts (v1 and v2 host ABI, bulk memory, tables, reference
   * types), modules refused at deploy, and generated modules dense in bulk-memory, table and
   * reference-type instructions ({@link RandomModules}).
   */
  private static final List<byte[]> SEEDS =
      List.of(
          wasm("token"),
          wasm("counter"),
          wasm("stress"),
          wasm("floats"),
          wasm("badimport"),
          wasm("bulk"),
          wasm("v2"),
          wasm("calibrate"),
          wasm("hugetable"),
          RandomModules.generate(11),
          RandomModules.generate(12),
          RandomModules.generate(13));

  static byte[] mutate(SplittableRandom r, byte[] seed) {
    byte[] b = seed.clone();
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits && b.length > 0; e++) {
      switch (r.nextInt(6)) {
        case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        case 2 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
        case 3 -> {
          byte[] other = SEEDS.get(r.nextInt(SEEDS.size()));
          int at = r.nextInt(b.length);
          int from = r.nextInt(other.length);
          int n = Math.min(r.nextInt(32), Math.min(b.length - at, other.length - from));
          System.arraycopy(other, from, b, at, n);
        }
        case 4 -> {
          // Interesting integers where LEB128 lengths and indices live.
          int at = r.nextInt(b.length);
          b[at] = (byte) new int[] {0, 0x7f, 0x80, 0xff, 0x40}[r.nextInt(5)];
        }
        default -> {
          byte[] rnd = new byte[r.nextInt(64)];
          r.nextBytes(rnd);
          byte[] grown = java.util.Arrays.copyOf(b, b.length + rnd.length);
          System.arraycopy(rnd, 0, grown, b.length, rnd.length);
          b = grown;
        }
      }
    }
    return b;
  }

  private static String verdict(byte[] wasm) {
    try {
      ContractCode c =
          ContractCode.validate(wasm, ContractLimits.DEFAULT, dev.aether.runtime.StepCosts.V2);
      return "ok " + c.id();
    } catch (RuntimeError.InvalidModule e) {
      return "invalid";
    } catch (RuntimeException | StackOverflowError e) {
      return fail("validation leaked " + e + " for " + java.util.HexFormat.of().formatHex(wasm));
    }
  }

  private static List<String> entryPoints(byte[] wasm) {
    ContractCode c =
        ContractCode.validate(wasm, ContractLimits.DEFAULT, dev.aether.runtime.StepCosts.V2);
    List<String> names = new ArrayList<>();
    var ex = c.module().exportSection();
    for (int i = 0; i < ex.exportCount(); i++) {
      Export e = ex.getExport(i);
      if (e.exportType() == ExternalType.FUNCTION && c.exportsEntryPoint(e.name())) {
        names.add(e.name());
      }
    }
    return names;
  }

  private static Receipt runOn(TestLedger l, Tx tx, long slot) {
    return l.run(slot, List.of(tx)).receipts().getFirst();
  }

  static void fuzz(long seed, int iterations) {
    SplittableRandom r = new SplittableRandom(seed);
    int valid = 0;
    for (int i = 0; i < iterations; i++) {
      byte[] wasm = mutate(r, SEEDS.get(r.nextInt(SEEDS.size())));
      String v = verdict(wasm);
      assertThat(verdict(wasm)).as("deterministic verdict").isEqualTo(v);
      if (!v.startsWith("ok")) {
        continue;
      }
      valid++;
      // Deploy and call every entry point on two independent chains: same receipts.
      TestLedger a = new TestLedger(1, 1_000_000_000, new SerialExecutor());
      TestLedger b =
          new TestLedger(1, 1_000_000_000, new SerialExecutor(), WasmContracts.Mode.COMPILER);
      Tx deploy = deploy(0, 0, wasm);
      assertThat(runOn(a, deploy, 1)).isEqualTo(runOn(b, deploy, 1));
      long nonce = 1;
      for (String method : entryPoints(wasm)) {
        Tx call =
            call(
                0,
                nonce++,
                dev.aether.runtime.wasm.WasmContracts.contractId(wasm),
                method,
                u64(r.nextInt(1_000)),
                List.of(),
                List.of(),
                300_000);
        assertThat(runOn(a, call, nonce)).as(method).isEqualTo(runOn(b, call, nonce));
      }
    }
    assertThat(valid).as("some mutants still validate, so execution is fuzzed too").isPositive();
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void mutatedModulesLoadOrFailCleanlyAndRunDeterministically() {
    fuzz(1, 250);
  }

  @Test
  @Tag("soak")
  @Tag("fuzz")
  void longModuleFuzz() {
    for (long seed = 100; seed < 120; seed++) {
      fuzz(seed, 2_000);
    }
  }
}
