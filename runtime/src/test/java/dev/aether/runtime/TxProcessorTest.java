package dev.aether.runtime;

import static dev.aether.runtime.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TxProcessorTest {
  private final TxProcessor logic = TxProcessor.genesis(TestPrograms.all());
  private final SerialExecutor serial = new SerialExecutor(logic);

  private BlockOutcome run(TreeMap<H256, Bytes> s, BlockContext b, Tx... txs) {
    BlockOutcome out = serial.execute(b, reader(s), List.of(txs));
    Fixtures.apply(s, out);
    return out;
  }

  private static long expectedFee(Tx tx, long steps, long mem) {
    return 10_000 + 5L * tx.sizeBytes() + 2 * steps + mem;
  }

  @Test
  void transferMovesValueAndPaysTheFormulaFee() {
    TreeMap<H256, Bytes> s = funded(2, 1_000_000);
    Tx tx = transfer(0, 0, 1, 250_000, 100_000);
    Receipt r = run(s, block(1), tx).receipts().getFirst();
    assertThat(r.status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(r.feePaid().longValueExact()).isEqualTo(expectedFee(tx, r.steps(), r.memBytes()));
    assertThat(swr(s, user(1))).isEqualTo(1_250_000);
    assertThat(swr(s, user(0))).isEqualTo(750_000 - r.feePaid().longValueExact());
    assertThat(account(s, user(0)).nonce()).isEqualTo(1);
    // steps: call base + transfer + 2 reads + 2 writes (+ bytes read)
    assertThat(r.steps()).isGreaterThan(1_000 + 300 + 2 * 200 + 2 * 500);
  }

  @Test
  void failedBodyPaysFeeAndChangesNothingElse() {
    TreeMap<H256, Bytes> s = funded(2, 100_000);
    Tx tx = transfer(0, 0, 1, 90_000, 50_000); // 90k + fee > 100k
    Receipt r = run(s, block(1), tx).receipts().getFirst();
    assertThat(r.status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(r.errorCode()).isEqualTo(new RuntimeError.CannotPayFee("").code());
    assertThat(swr(s, user(1))).isEqualTo(100_000);
    assertThat(swr(s, user(0))).isEqualTo(100_000 - r.feePaid().longValueExact());
    assertThat(r.feePaid().longValueExact()).isPositive();
    assertThat(account(s, user(0)).nonce()).isEqualTo(1);
  }

  @Test
  void outOfGasPaysTheCapAndChangesNothingElse() {
    TreeMap<H256, Bytes> s = funded(2, 10_000_000);
    H256 slot = CallContext.storageKey(TestPrograms.STORE, TestPrograms.slot(1));
    List<Call> calls =
        List.of(
            new Call(TestPrograms.STORE, "set", TestPrograms.slotArgs(1, new byte[] {7})),
            new Call(TestPrograms.BURN, "burn", TestPrograms.longArg(10_000_000)));
    Tx tx = tx(0, 0, List.of(), List.of(slot), calls, 200_000);
    BlockOutcome out = run(s, block(1), tx);
    Receipt r = out.receipts().getFirst();
    assertThat(r.errorCode()).isEqualTo(502);
    assertThat(r.feePaid().longValueExact()).isEqualTo(200_000);
    assertThat(s).doesNotContainKey(slot);
    assertThat(out.stateDiff()).containsOnlyKeys(Account.key(user(0)));
    assertThat(swr(s, user(0))).isEqualTo(10_000_000 - 200_000);
  }

  @Test
  void inadmissibleTransactionsChangeNothingAndPayNothing() {
    TreeMap<H256, Bytes> s = funded(2, 30_000);
    Tx badNonce = transfer(0, 5, 1, 1, 20_000);
    Tx capOverBalance = transfer(1, 0, 0, 1, 40_000);
    Tx capBelowFixedFee = transfer(0, 0, 1, 1, 9_000);
    BlockOutcome out = run(s, block(1), badNonce, capOverBalance, capBelowFixedFee);
    assertThat(out.receipts()).extracting(Receipt::errorCode).containsExactly(505, 504, 503);
    assertThat(out.receipts()).allMatch(r -> r.feePaid().isZero());
    assertThat(out.stateDiff()).isEmpty();
  }

  @Test
  void undeclaredWriteFails() {
    TreeMap<H256, Bytes> s = funded(3, 1_000_000);
    Tx tx = transfer(0, 0, 1, 5, 100_000);
    Tx sneaky = tx(0, 0, List.of(), List.of(Account.key(user(2))), tx.body().calls(), 100_000);
    Receipt r = run(s, block(1), sneaky).receipts().getFirst();
    assertThat(r.errorCode()).isEqualTo(501);
    assertThat(swr(s, user(1))).isEqualTo(1_000_000);
  }

  @Test
  void hotObjectRaisesFeesOnlyForItsWriters() {
    TreeMap<H256, Bytes> s = funded(200, 10_000_000);
    H256 hotSlot = CallContext.storageKey(TestPrograms.STORE, TestPrograms.slot(0));
    List<Tx> block = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      block.add(
          tx(
              i,
              0,
              List.of(),
              List.of(hotSlot),
              List.of(
                  new Call(TestPrograms.STORE, "set", TestPrograms.slotArgs(0, new byte[] {1}))),
              1_000_000));
    }
    BlockContext b1 = block(1);
    Fixtures.apply(s, serial.execute(b1, reader(s), block));
    BlockContext b2 = BlockContext.atop(reader(s), CHAIN, 2, 2, 100);
    // 150 writers, target 64: m = 1000 + 1000*86/512 = 1167
    assertThat(b2.congestion().of(hotSlot)).isEqualTo(1_167);

    Tx hotWriter =
        tx(
            150,
            0,
            List.of(),
            List.of(hotSlot),
            List.of(new Call(TestPrograms.STORE, "set", TestPrograms.slotArgs(0, new byte[] {2}))),
            1_000_000);
    Tx bystander = transfer(151, 0, 152, 10, 1_000_000);
    BlockOutcome out = serial.execute(b2, reader(s), List.of(hotWriter, bystander));
    Receipt hot = out.receipts().get(0);
    Receipt cold = out.receipts().get(1);
    assertThat(cold.feePaid().longValueExact())
        .isEqualTo(expectedFee(bystander, cold.steps(), cold.memBytes()));
    long hotBase = expectedFee(hotWriter, hot.steps(), hot.memBytes());
    long rentPart = 0; // overwrite within the paid horizon at the same size, same epoch: no rent
    assertThat(hot.feePaid().longValueExact())
        .isEqualTo(Math.ceilDiv(hotBase * 1_167, 1_000) + rentPart);
  }

  private Tx storeTx(int payer, long nonce, String method, int slot, byte[] value) {
    H256 key = CallContext.storageKey(TestPrograms.STORE, TestPrograms.slot(slot));
    List<H256> writes = method.equals("set") ? List.of(key) : List.of();
    List<H256> reads = method.equals("get") ? List.of(key) : List.of();
    return tx(
        payer,
        nonce,
        reads,
        writes,
        List.of(new Call(TestPrograms.STORE, method, TestPrograms.slotArgs(slot, value))),
        10_000_000);
  }

  @Test
  void storagePaysRentForTheHorizonAndGoesDormantWhenItRunsOut() {
    TreeMap<H256, Bytes> s = funded(1, 100_000_000);
    byte[] value = new byte[68]; // 68 + 32-byte key = 100 bytes
    // Epoch = slot / 100. Write in epoch 0: prepays epochs 0..11 = 2 * 100 * 12 = 2400.
    Receipt w = run(s, block(5), storeTx(0, 0, "set", 3, value)).receipts().getFirst();
    assertThat(w.status()).isEqualTo(Receipt.Status.SUCCESS);
    long plain = 0;
    {
      Tx t = storeTx(0, 0, "set", 3, value);
      plain = expectedFee(t, w.steps(), w.memBytes());
    }
    assertThat(w.feePaid().longValueExact()).isEqualTo(plain + 2_400);

    // Still live in epoch 11.
    Receipt r11 = run(s, block(1_199), storeTx(0, 1, "get", 3, new byte[0])).receipts().getFirst();
    assertThat(r11.status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(r11.events().getFirst().data().length()).isEqualTo(68);

    // Dormant in epoch 12: the read fails, fee charged, nothing changes.
    TreeMap<H256, Bytes> before = new TreeMap<>(s);
    BlockOutcome dormant = run(s, block(1_200), storeTx(0, 2, "get", 3, new byte[0]));
    assertThat(dormant.receipts().getFirst().errorCode()).isEqualTo(514);
    assertThat(dormant.stateDiff()).containsOnlyKeys(Account.key(user(0)));
    assertThat(s.get(CallContext.storageKey(TestPrograms.STORE, TestPrograms.slot(3))))
        .isEqualTo(before.get(CallContext.storageKey(TestPrograms.STORE, TestPrograms.slot(3))));

    // A writer revives it for a full horizon again; then it reads.
    Receipt revive = run(s, block(1_250), storeTx(0, 3, "set", 3, value)).receipts().getFirst();
    assertThat(revive.status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(revive.feePaid().longValueExact() - plainFee(revive, storeTx(0, 3, "set", 3, value)))
        .isEqualTo(2_400);
    assertThat(
            run(s, block(1_260), storeTx(0, 4, "get", 3, new byte[0]))
                .receipts()
                .getFirst()
                .status())
        .isEqualTo(Receipt.Status.SUCCESS);
  }

  @Test
  void rewritingALiveObjectPaysOnlyForNewEpochsAndGrowth() {
    RentSchedule rent = RentSchedule.GENESIS;
    StoredObject old = new StoredObject(Bytes.of(new byte[68]), 11); // 100 bytes through epoch 11
    // Epoch 3, same size: extends 11 -> 14, 3 epochs * 100 bytes * 2.
    assertThat(rent.chargeForWrite(java.util.Optional.of(old), 68, 3)).isEqualTo(600);
    // Epoch 3, grows by 50 bytes: 3 new epochs at 150 bytes + 50 bytes for epochs 3..11.
    assertThat(rent.chargeForWrite(java.util.Optional.of(old), 118, 3))
        .isEqualTo(2 * 150 * 3 + 2 * 50 * 9);
    // Dormant (epoch 12 > 11): full horizon.
    assertThat(rent.chargeForWrite(java.util.Optional.of(old), 68, 12)).isEqualTo(2 * 100 * 12);
    assertThat(rent.chargeForWrite(java.util.Optional.empty(), 68, 0)).isEqualTo(2_400);
  }

  private static long plainFee(Receipt r, Tx t) {
    return expectedFee(t, r.steps(), r.memBytes());
  }
}
