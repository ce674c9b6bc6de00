package dev.aether.runtime.wasm;

import static dev.aether.runtime.TestContracts.*;
import static dev.aether.runtime.TestLedger.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.SerialExecutor;
import dev.aether.ledger.StateKeys;
import dev.aether.ledger.StateObject;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.StoredObject;
import dev.aether.runtime.TestLedger;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.BlockReceipt;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import dev.aether.types.ValueEvent;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WasmContractsTest {
  private static final long BAL = 1_000_000_000;
  private TestLedger chain;
  private H256 token;
  private H256 counter;
  private H256 stress;
  private long nonce0;
  private long slot = 1;

  @BeforeEach
  void deployAll() {
    chain = new TestLedger(4, BAL, new SerialExecutor());
    token = deployOk(wasm("token"));
    counter = deployOk(wasm("counter"));
    stress = deployOk(wasm("stress"));
  }

  private Receipt runOne(Tx tx) {
    return chain.run(slot++, List.of(tx)).receipts().getFirst();
  }

  private H256 deployOk(byte[] code) {
    Receipt r = runOne(deploy(0, nonce0++, code));
    assertThat(r.status()).as("deploy: error %d", r.errorCode()).isEqualTo(Receipt.Status.SUCCESS);
    return WasmContracts.contractId(code);
  }

  private Receipt call0(H256 c, String method, byte[] args, List<H256> reads, List<H256> writes) {
    return runOne(call(0, nonce0++, c, method, args, reads, writes, 5_000_000));
  }

  @Test
  void deployStoresTheCodeUnderItsHashAndBurnsADeposit() {
    byte[] code = wasm("counter");
    assertThat(chain.get(WasmContracts.contractId(code)))
        .contains(new StateObject.Data(Bytes.of(code)));
    TestLedger fresh = new TestLedger(1, BAL, new SerialExecutor());
    Tx tx = deploy(0, 0, code);
    Receipt r = fresh.run(1, List.of(tx)).receipts().getFirst();
    assertThat(r.feePaid().longValueExact()).isEqualTo(linearFee(tx, r.steps(), r.memBytes()));
    long deposit = 2L * (code.length + 32) * 12;
    assertThat(fresh.swr(user(0))).isEqualTo(BAL - r.feePaid().longValueExact() - deposit);
    // The deposit is on record: after the program's own event, the payer's debit and the burn.
    assertThat(ValueEvent.of(r.events()))
        .containsExactly(
            new ValueEvent.Emitted(
                BlockReceipt.LEDGER,
                ValueEvent.debit(user(0), AssetId.SWR, Amount.of(deposit), "rent", Bytes.EMPTY)),
            new ValueEvent.Emitted(
                BlockReceipt.LEDGER,
                ValueEvent.burn(AssetId.SWR, Amount.of(deposit), "rent", Bytes.EMPTY)));
    assertThat(r.events().getFirst().topic().toArray())
        .isEqualTo("deployed".getBytes(StandardCharsets.US_ASCII));
    // Deploying the same code again changes nothing but the fee.
    Receipt again = fresh.run(2, List.of(deploy(0, 1, code))).receipts().getFirst();
    assertThat(again.status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(again.events()).isEmpty();
  }

  @Test
  void tokenMintsTransfersAndRefusesOverdrafts() {
    H256 me = slotOf(user(0));
    H256 you = slotOf(user(1));
    Receipt init = call0(token, "init", u64(1_000), List.of(), List.of(H256.ZERO, me));
    assertThat(init.status()).isEqualTo(Receipt.Status.SUCCESS);
    long swrBefore = chain.swr(user(0));
    Receipt tr = call0(token, "transfer", transferArgs(user(1), 300), List.of(), List.of(me, you));
    assertThat(tr.status()).isEqualTo(Receipt.Status.SUCCESS);
    // The contract's own event, then the storage rent of the new slot as the ledger's debit of the
    // payer and burn (one pair per transaction, however many slots it writes).
    assertThat(tr.events()).hasSize(3);
    long rent = swrBefore - tr.feePaid().longValueExact() - chain.swr(user(0));
    assertThat(rent).isPositive();
    assertThat(ValueEvent.of(tr.events()))
        .extracting(ValueEvent.Emitted::event)
        .containsExactly(
            ValueEvent.debit(user(0), AssetId.SWR, Amount.of(rent), "rent", Bytes.EMPTY),
            ValueEvent.burn(AssetId.SWR, Amount.of(rent), "rent", Bytes.EMPTY));
    assertThat(tr.events().getFirst().topic().toArray())
        .isEqualTo("transfer".getBytes(StandardCharsets.US_ASCII));
    assertThat(u64At(tr.events().getFirst().data(), 64)).isEqualTo(300);
    assertThat(balance(me)).isEqualTo(700);
    assertThat(balance(you)).isEqualTo(300);

    long before = chain.swr(user(0));
    Receipt over =
        call0(token, "transfer", transferArgs(user(1), 701), List.of(), List.of(me, you));
    assertThat(over.errorCode()).isEqualTo(1011); // abort(3)
    assertThat(over.events()).isEmpty();
    assertThat(balance(me)).isEqualTo(700);
    assertThat(chain.swr(user(0))).isEqualTo(before - over.feePaid().longValueExact());
    // The second init is refused.
    assertThat(call0(token, "init", u64(5), List.of(), List.of(H256.ZERO, me)).errorCode())
        .isEqualTo(1011);
  }

  private long balance(H256 slot) {
    StateObject.Data raw =
        (StateObject.Data) chain.get(CallContext.storageKey(token, slot)).orElseThrow();
    return u64At(StoredObject.CODEC.decode(raw.bytes().toArray()).value(), 0);
  }

  @Test
  void counterCountsAcrossTransactions() {
    for (int i = 1; i <= 3; i++) {
      Receipt r = call0(counter, "increment", new byte[0], List.of(), List.of(H256.ZERO));
      assertThat(r.status()).isEqualTo(Receipt.Status.SUCCESS);
      assertThat(u64At(r.events().getFirst().data(), 0)).isEqualTo(i);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "spin, 1002",
    "trap, 1011",
    "divzero, 1011",
    "oob, 1011",
    "recurse, 1013",
    "write0, 301",
    "nosuchmethod, 1009"
  })
  void badCallsEndCleanlyWithFeeChargedAndStateUnchanged(String method, int code) {
    long before = chain.swr(user(0));
    H256 slot0 = CallContext.storageKey(stress, H256.ZERO);
    Tx tx = call(0, nonce0++, stress, method, new byte[0], List.of(), List.of(), 400_000);
    ExecutedBlock ex = chain.run(slot++, List.of(tx));
    Receipt r = ex.receipts().getFirst();
    assertThat(r.status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(r.errorCode()).isEqualTo(code);
    long fee = r.feePaid().longValueExact();
    assertThat(fee).isPositive().isLessThanOrEqualTo(400_000);
    if (code == 1002) {
      assertThat(fee).isEqualTo(400_000);
    }
    assertThat(chain.swr(user(0))).isEqualTo(before - fee);
    assertThat(chain.get(slot0)).isEmpty();
    // Only the payer's account and the fee pool changed.
    assertThat(ex.changedKeys()).isEqualTo(2);
  }

  @Test
  void memoryGrowsWithinTheLimitAndIsChargedButNotPastIt() {
    Receipt ok = call0(stress, "grow", u64(3), List.of(), List.of());
    assertThat(ok.status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(ok.memBytes()).isEqualTo(4L * 65_536); // 1 initial + 3 grown pages
    Receipt tooMuch = call0(stress, "grow", u64(16), List.of(), List.of());
    assertThat(tooMuch.errorCode()).isEqualTo(1012);
  }

  /**
   * The stack limit (instrumented stack units) must bite before the JVM's own stack does: the
   * deepest recursion it allows fits a 1 MiB thread stack, the JVM default, with the same receipt
   * as on 64 MiB; executor workers and RPC simulations get 16 MiB.
   */
  @Test
  void stackExhaustionIsTheSameWhateverTheThreadStackSize() throws Exception {
    Tx tx = call(0, nonce0, stress, "recurse", new byte[0], List.of(), List.of(), 2_000_000);
    Receipt small = onThread(1024 * 1024, tx);
    Receipt big = onThread(64L * 1024 * 1024, tx);
    assertThat(small.errorCode()).isEqualTo(1013);
    assertThat(small).isEqualTo(big);
  }

  private Receipt onThread(long stackSize, Tx tx) throws Exception {
    AtomicReference<Receipt> out = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> out.set(chain.execute(slot, List.of(tx)).receipts().getFirst()),
            "stack",
            stackSize);
    t.start();
    t.join();
    return out.get();
  }

  @Test
  void hashHostFunctionMatchesSha256() {
    byte[] data = "the quick brown fox".getBytes(StandardCharsets.US_ASCII);
    Receipt r = call0(stress, "hash", data, List.of(), List.of());
    assertThat(r.events().getFirst().data().toArray()).isEqualTo(Hashing.sha256(data).toArray());
  }

  @Test
  void ed25519VerifyAcceptsTheRfc8032VectorAndRejectsATamperedOne() {
    // RFC 8032 section 7.1, TEST 2 (one-byte message 0x72).
    HexFormat hex = HexFormat.of();
    byte[] pk = hex.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
    byte[] sig =
        hex.parseHex(
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    byte[] msg = {0x72};
    assertThat(verify(pk, sig, msg)).isEqualTo(1);
    msg[0] ^= 1;
    assertThat(verify(pk, sig, msg)).isEqualTo(0);
  }

  private int verify(byte[] pk, byte[] sig, byte[] msg) {
    byte[] args = new byte[96 + msg.length];
    System.arraycopy(pk, 0, args, 0, 32);
    System.arraycopy(sig, 0, args, 32, 64);
    System.arraycopy(msg, 0, args, 96, msg.length);
    Receipt r = call0(stress, "verify", args, List.of(), List.of());
    assertThat(r.status()).isEqualTo(Receipt.Status.SUCCESS);
    return r.events().getFirst().data().get(0);
  }

  @Test
  void callerAndSelfAreWhoTheySayAndContractsPayFromTheirOwnAccount() {
    Receipt who = call0(stress, "whoami", new byte[0], List.of(), List.of());
    byte[] data = who.events().getFirst().data().toArray();
    assertThat(H256.of(java.util.Arrays.copyOf(data, 32))).isEqualTo(user(0).hash());
    assertThat(H256.of(java.util.Arrays.copyOfRange(data, 32, 64))).isEqualTo(stress);

    dev.aether.types.Address contract = CallContext.programAddress(stress);
    runOne(transferTo(contract, 500));
    byte[] args = transferArgs(user(2), 200);
    Tx pay =
        tx(
            0,
            nonce0++,
            List.of(stress),
            List.of(StateKeys.account(contract), StateKeys.account(user(2))),
            List.of(new Call(stress, "pay", Bytes.of(args))),
            5_000_000);
    assertThat(runOne(pay).status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(chain.swr(user(2))).isEqualTo(BAL + 200);
    assertThat(chain.swr(contract)).isEqualTo(300);
    // Paying more than the contract holds fails the call.
    Tx over =
        tx(
            0,
            nonce0++,
            List.of(stress),
            List.of(StateKeys.account(contract), StateKeys.account(user(2))),
            List.of(new Call(stress, "pay", Bytes.of(transferArgs(user(2), 301)))),
            5_000_000);
    assertThat(runOne(over).errorCode()).isEqualTo(305);
  }

  private Tx transferTo(dev.aether.types.Address to, long amount) {
    return tx(
        0,
        nonce0++,
        List.of(),
        List.of(StateKeys.account(to)),
        List.of(dev.aether.ledger.BankProgram.transfer(to, Value.of(AssetId.SWR, amount))),
        5_000_000);
  }

  @ParameterizedTest
  @CsvSource({"floats", "bigmem", "badimport"})
  void nonConformingModulesAreRejectedAtDeploy(String name) {
    byte[] code = wasm(name);
    Receipt r = chain.run(slot++, List.of(deploy(1, 0, code))).receipts().getFirst();
    assertThat(r.errorCode()).isEqualTo(1015);
    assertThat(chain.get(WasmContracts.contractId(code))).isEmpty();
  }

  @Test
  void garbageIsRejectedAtDeploy() {
    byte[] junk = {0, 'a', 's', 'm', 1, 0, 0, 0, 5, 3, 1, 0};
    assertThat(chain.run(slot++, List.of(deploy(1, 0, junk))).receipts().getFirst().errorCode())
        .isEqualTo(1015);
  }

  @Test
  void stepsDoNotDependOnTheModuleCache() {
    Tx tx = call(0, nonce0, stress, "burn", u64(1_000), List.of(), List.of(), 5_000_000);
    Receipt warm = chain.execute(slot, List.of(tx)).receipts().getFirst();
    TestLedger other = new TestLedger(4, BAL, new SerialExecutor());
    long n = 0;
    for (String c : List.of("token", "counter", "stress")) {
      other.run(n + 1, List.of(deploy(0, n++, wasm(c))));
    }
    // A fresh ledger has a fresh cache; the receipt must not notice.
    Receipt cold = other.execute(slot, List.of(tx)).receipts().getFirst();
    assertThat(cold).isEqualTo(warm);
    // 1000 iterations of the 8-instruction loop body dominate.
    assertThat(warm.steps()).isBetween(8_000L, 20_000L);
  }
}
