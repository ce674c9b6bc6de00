package dev.aether.runtime.wasm;

import static dev.aether.runtime.wasm.Contracts.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.runtime.BlockOutcome;
import dev.aether.runtime.ParallelExecutor;
import dev.aether.runtime.SerialExecutor;
import dev.aether.runtime.TxProcessor;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Contract-heavy blocks give the same outcome on the parallel executor as on the serial one. */
class WasmEquivalenceTest {
  private static final int USERS = 40;

  @Test
  void tokenAndCounterBlocksAgree() {
    TxProcessor logic = logic(WasmContracts.genesis());
    TreeMap<H256, Bytes> state = funded(USERS, 1_000_000_000);
    H256 token = WasmContracts.contractId(wasm("token"));
    H256 counter = WasmContracts.contractId(wasm("counter"));
    H256 stress = WasmContracts.contractId(wasm("stress"));
    long[] nonce = new long[USERS];
    List<Tx> setup = new ArrayList<>();
    setup.add(deploy(0, nonce[0]++, wasm("token")));
    setup.add(deploy(0, nonce[0]++, wasm("counter")));
    setup.add(deploy(0, nonce[0]++, wasm("stress")));
    run(logic, state, block(1), setup);
    // User 0 mints the supply; transfers then conflict only through the two balances they touch.
    Receipt init =
        run(
                logic,
                state,
                block(2),
                List.of(
                    call(
                        0,
                        nonce[0]++,
                        token,
                        "init",
                        u64(1_000_000),
                        List.of(),
                        List.of(H256.ZERO, slotOf(user(0))),
                        5_000_000)))
            .receipts()
            .getFirst();
    assertThat(init.status()).isEqualTo(Receipt.Status.SUCCESS);

    try (ParallelExecutor pool = new ParallelExecutor(logic, 3)) {
      SplittableRandom r = new SplittableRandom(99);
      for (int height = 3; height < 8; height++) {
        List<Tx> block = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
          int from = r.nextInt(USERS);
          int kind = r.nextInt(4);
          Tx tx;
          if (kind < 2) {
            int to = r.nextInt(USERS);
            tx =
                call(
                    from,
                    nonce[from]++,
                    token,
                    "transfer",
                    transferArgs(user(to), r.nextInt(2_000)),
                    List.of(),
                    List.of(slotOf(user(from)), slotOf(user(to))),
                    5_000_000);
          } else if (kind == 2) {
            tx =
                call(
                    from,
                    nonce[from]++,
                    counter,
                    "increment",
                    new byte[0],
                    List.of(),
                    List.of(H256.ZERO),
                    5_000_000);
          } else {
            tx =
                call(
                    from,
                    nonce[from]++,
                    stress,
                    "burn",
                    u64(r.nextInt(3_000)),
                    List.of(),
                    List.of(),
                    100_000 + r.nextInt(100_000)); // some run out of gas
          }
          block.add(tx);
        }
        BlockOutcome serial =
            new SerialExecutor(logic).execute(block(height), reader(state), block);
        BlockOutcome parallel = pool.execute(block(height), reader(state), block);
        assertThat(parallel).isEqualTo(serial);
        assertThat(serial.receipts()).anyMatch(x -> x.status() == Receipt.Status.SUCCESS);
        serial
            .stateDiff()
            .forEach((k, v) -> v.ifPresentOrElse(x -> state.put(k, x), () -> state.remove(k)));
      }
    }
  }
}
