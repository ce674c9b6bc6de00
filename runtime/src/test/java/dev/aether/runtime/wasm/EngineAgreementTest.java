package dev.aether.runtime.wasm;

import static dev.aether.runtime.TestContracts.*;
import static dev.aether.runtime.TestLedger.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.SerialExecutor;
import dev.aether.runtime.TestLedger;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The interpreter and the compiler run the same instrumented code, so they must agree on every
 * result <em>and</em> every step count: the same transactions on two ledgers, one per engine, give
 * identical receipts and state roots, block after block — for every entry point of every test
 * contract, including the ways a call can fail.
 */
class EngineAgreementTest {
  /** One call of the script: contract, method, args, storage slots written. */
  record Step(String contract, String method, byte[] args, List<H256> writeSlots) {}

  static byte[] u32(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }

  static List<Step> script() {
    H256 me = slotOf(user(0));
    H256 you = slotOf(user(1));
    List<Step> s = new ArrayList<>();
    s.add(new Step("token", "init", u64(1_000), List.of(H256.ZERO, me)));
    s.add(new Step("token", "transfer", transferArgs(user(1), 250), List.of(me, you)));
    s.add(new Step("token", "transfer", transferArgs(user(1), 5_000), List.of(me, you)));
    s.add(new Step("token", "balance", new byte[0], List.of(me)));
    s.add(new Step("counter", "increment", new byte[0], List.of(H256.ZERO)));
    s.add(new Step("counter", "increment", new byte[0], List.of(H256.ZERO)));
    for (String m :
        List.of("burn", "hostcalls", "trap", "divzero", "oob", "grow", "recurse", "spin")) {
      s.add(new Step("stress", m, u64(m.equals("grow") ? 3 : 500), List.of()));
    }
    s.add(new Step("stress", "hash", "agree".getBytes(), List.of()));
    s.add(new Step("stress", "whoami", new byte[0], List.of()));
    for (int n : new int[] {0, 1, 100, 4_000, 60_000}) {
      s.add(new Step("bulk", "fill", u32(n), List.of()));
      s.add(new Step("bulk", "copy", u32(n), List.of()));
    }
    for (String m : List.of("init", "initdropped", "tables", "tables", "fillloop", "tablegrow")) {
      s.add(new Step("bulk", m, new byte[0], List.of()));
    }
    s.add(new Step("bulk", "growloop", new byte[0], List.of()));
    for (String m : List.of("whoami", "where", "echo", "hop", "fail")) {
      s.add(new Step("v2", m, new byte[] {1, 2, 3}, List.of()));
    }
    return s;
  }

  /** Every receipt and every block's state root of one run. */
  record Run(List<Receipt> receipts, List<H256> roots) {}

  private static Run runAll(WasmContracts.Mode engine) {
    TestLedger l = new TestLedger(2, 1_000_000_000, new SerialExecutor(), engine);
    long nonce = 0;
    long slot = 1;
    List<String> names = List.of("token", "counter", "stress", "bulk", "v2");
    List<Receipt> out = new ArrayList<>();
    List<H256> roots = new ArrayList<>();
    for (String n : names) {
      ExecutedBlock b = l.run(slot++, List.of(deploy(0, nonce++, wasm(n))));
      out.addAll(b.receipts());
      roots.add(b.stateRoot());
    }
    for (Step st : script()) {
      H256 c = id(st.contract());
      Tx tx = call(0, nonce++, c, st.method(), st.args(), List.of(), st.writeSlots(), 10_000_000);
      ExecutedBlock b = l.run(slot++, List.of(tx));
      out.addAll(b.receipts());
      roots.add(b.stateRoot());
    }
    if (engine == WasmContracts.Mode.COMPILER) {
      for (String n : names) {
        assertThat(l.wasm.isCompiled(id(n))).as("%s ran compiled", n).isTrue();
      }
    }
    return new Run(out, roots);
  }

  @Test
  void interpreterAndCompilerGiveIdenticalReceiptsStepsAndRoots() {
    Run interpreted = runAll(WasmContracts.Mode.INTERPRETER);
    Run compiled = runAll(WasmContracts.Mode.COMPILER);
    assertThat(compiled.receipts()).hasSameSizeAs(interpreted.receipts());
    for (int i = 0; i < interpreted.receipts().size(); i++) {
      assertThat(compiled.receipts().get(i))
          .as("receipt %d", i)
          .isEqualTo(interpreted.receipts().get(i));
    }
    assertThat(compiled.roots()).isEqualTo(interpreted.roots());
    // The script exercises success and every failure class, not just one outcome.
    assertThat(interpreted.receipts())
        .extracting(Receipt::errorCode)
        .contains(0, 1011, 1012, 1013, 1019);
  }

  @Test
  void tieredRunsCompiledOnceHotWithTheSameReceipts() throws Exception {
    TestLedger t =
        new TestLedger(2, 1_000_000_000, new SerialExecutor(), WasmContracts.Mode.TIERED);
    TestLedger i = new TestLedger(2, 1_000_000_000, new SerialExecutor());
    H256 counter = id("counter");
    t.run(1, List.of(deploy(0, 0, wasm("counter"))));
    i.run(1, List.of(deploy(0, 0, wasm("counter"))));
    long nonce = 1;
    for (; nonce <= WasmContracts.HOT_CALLS; nonce++) {
      Tx tx = increment(counter, nonce);
      assertThat(t.run(nonce + 1, List.of(tx)).receipts())
          .isEqualTo(i.run(nonce + 1, List.of(tx)).receipts());
    }
    // Hot now: compiled in the background, then used — with the same receipts and roots.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(() -> t.wasm.isCompiled(counter));
    Tx after = increment(counter, nonce);
    ExecutedBlock a = t.execute(nonce + 1, List.of(after));
    ExecutedBlock b = i.execute(nonce + 1, List.of(after));
    assertThat(a.receipts()).isEqualTo(b.receipts());
    assertThat(a.stateRoot()).isEqualTo(b.stateRoot());
    t.wasm.close();
  }

  private static Tx increment(H256 counter, long nonce) {
    return call(
        0, nonce, counter, "increment", new byte[0], List.of(), List.of(H256.ZERO), 5_000_000);
  }
}
