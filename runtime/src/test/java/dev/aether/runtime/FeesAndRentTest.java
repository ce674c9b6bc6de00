package dev.aether.runtime;

import static dev.aether.runtime.TestContracts.*;
import static dev.aether.runtime.TestLedger.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.SerialExecutor;
import dev.aether.ledger.StateObject;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fees, congestion multipliers and rent, end to end through the ledger. */
class FeesAndRentTest {
  private static final long BAL = 1_000_000_000;

  @Test
  void bankTransferPaysTheGenesisFormula() {
    TestLedger l = new TestLedger(2, BAL, new SerialExecutor());
    Tx tx = TestLedger.transfer(0, 0, 1, 250_000, 100_000);
    Receipt r = l.run(1, List.of(tx)).receipts().getFirst();
    assertThat(r.status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(r.steps()).isPositive();
    assertThat(r.feePaid().longValueExact()).isEqualTo(linearFee(tx, r.steps(), r.memBytes()));
    assertThat(l.swr(user(1))).isEqualTo(BAL + 250_000);
    assertThat(l.swr(user(0))).isEqualTo(BAL - 250_000 - r.feePaid().longValueExact());
  }

  @Test
  void aHotObjectRaisesFeesOnlyForItsWritersAndCoolsDown() {
    TestLedger l = new TestLedger(200, BAL, new SerialExecutor());
    l.run(1, List.of(deploy(0, 0, wasm("counter"))));
    H256 counter = id("counter");
    H256 hotKey = CallContext.storageKey(counter, H256.ZERO);
    List<Tx> rush = new ArrayList<>();
    for (int i = 1; i <= 150; i++) {
      rush.add(
          call(i, 0, counter, "increment", new byte[0], List.of(), List.of(H256.ZERO), 5_000_000));
    }
    l.run(2, rush);
    // 150 writers against a target of 64: m = 1000 + 1000·86/512 = 1167 permille.
    assertThat(l.table().of(hotKey)).isEqualTo(1_167);
    assertThat(l.get(CongestionTable.STATE_KEY)).isPresent();

    Tx hot =
        call(151, 0, counter, "increment", new byte[0], List.of(), List.of(H256.ZERO), 5_000_000);
    Tx bystander = TestLedger.transfer(152, 0, 153, 10, 1_000_000);
    ExecutedBlock b = l.run(3, List.of(hot, bystander));
    Receipt rh = b.receipts().get(0);
    Receipt rb = b.receipts().get(1);
    assertThat(rb.feePaid().longValueExact())
        .isEqualTo(linearFee(bystander, rb.steps(), rb.memBytes()));
    assertThat(rh.feePaid().longValueExact())
        .isEqualTo(Math.ceilDiv(linearFee(hot, rh.steps(), rh.memBytes()) * 1_167, 1_000));

    // Left alone it decays by an eighth per block and leaves the table.
    long prev = l.table().of(hotKey);
    int blocks = 0;
    while (l.table().of(hotKey) > CongestionRule.UNIT) {
      l.run(4 + blocks, List.of(TestLedger.transfer(160 + blocks, 0, 1, 1, 1_000_000)));
      assertThat(l.table().of(hotKey)).isLessThan(prev);
      prev = l.table().of(hotKey);
      blocks++;
    }
    assertThat(blocks).isBetween(1, 5);
    assertThat(l.get(CongestionTable.STATE_KEY)).isEmpty();
  }

  private static long paidThrough(TestLedger l, H256 key) {
    StateObject.Data d = (StateObject.Data) l.get(key).orElseThrow();
    return StoredObject.CODEC.decode(d.bytes().toArray()).paidThroughEpoch();
  }

  @Test
  void storageRentIsBurnedGoesDormantAndIsRevivedByAWriter() {
    TestLedger l = new TestLedger(3, BAL, new SerialExecutor());
    l.run(1, List.of(deploy(0, 0, wasm("token"))));
    H256 token = id("token");
    H256 me = slotOf(user(1));
    H256 meKey = CallContext.storageKey(token, me);
    // Epoch = slot / 100. Init in epoch 0 writes two 8-byte values: 2 · (8 + 32) · 12 = 960 each.
    long before = l.swr(user(1));
    Receipt init =
        l.run(
                5,
                List.of(
                    call(
                        1,
                        0,
                        token,
                        "init",
                        u64(1_000),
                        List.of(),
                        List.of(H256.ZERO, me),
                        5_000_000)))
            .receipts()
            .getFirst();
    assertThat(init.status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(before - l.swr(user(1))).isEqualTo(init.feePaid().longValueExact() + 2 * 960);
    assertThat(paidThrough(l, meKey)).isEqualTo(11);

    Tx readAt11 = call(2, 0, token, "balance", me.toArray(), List.of(me), List.of(), 5_000_000);
    assertThat(l.run(1_150, List.of(readAt11)).receipts().getFirst().status())
        .isEqualTo(Receipt.Status.SUCCESS);

    // Epoch 12: dormant. A read-only access fails; fee charged, state otherwise unchanged.
    Tx readAt12 = call(2, 1, token, "balance", me.toArray(), List.of(me), List.of(), 5_000_000);
    ExecutedBlock dormant = l.run(1_250, List.of(readAt12));
    assertThat(dormant.receipts().getFirst().errorCode()).isEqualTo(1014);
    assertThat(paidThrough(l, meKey)).isEqualTo(11);

    // A transfer declares the balance writable: it revives it for a full horizon.
    Tx revive =
        call(
            1,
            1,
            token,
            "transfer",
            transferArgs(user(2), 100),
            List.of(),
            List.of(me, slotOf(user(2))),
            5_000_000);
    Receipt r = l.run(1_260, List.of(revive)).receipts().getFirst();
    assertThat(r.status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(paidThrough(l, meKey)).isEqualTo(12 + 11);
    Tx readAgain = call(2, 2, token, "balance", me.toArray(), List.of(me), List.of(), 5_000_000);
    Receipt ok = l.run(1_270, List.of(readAgain)).receipts().getFirst();
    assertThat(ok.status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(u64At(ok.events().getFirst().data(), 0)).isEqualTo(900);
  }

  @Test
  void rewritingALiveObjectPaysOnlyForNewEpochsAndGrowth() {
    RentSchedule rent = RentSchedule.GENESIS;
    StoredObject old = new StoredObject(dev.aether.types.Bytes.of(new byte[68]), 11); // 100 bytes
    // Epoch 3, same size: extends 11 -> 14, 3 epochs · 100 bytes · 2.
    assertThat(rent.chargeForWrite(java.util.Optional.of(old), 68, 3)).isEqualTo(600);
    // Epoch 3, grows by 50 bytes: 3 new epochs at 150 bytes + 50 bytes for epochs 3..11.
    assertThat(rent.chargeForWrite(java.util.Optional.of(old), 118, 3))
        .isEqualTo(2 * 150 * 3 + 2 * 50 * 9);
    // Dormant (epoch 12 > 11): full horizon.
    assertThat(rent.chargeForWrite(java.util.Optional.of(old), 68, 12)).isEqualTo(2 * 100 * 12);
    assertThat(rent.chargeForWrite(java.util.Optional.empty(), 68, 0)).isEqualTo(2_400);
  }
}
