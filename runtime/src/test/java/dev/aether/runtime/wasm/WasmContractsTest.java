package dev.aether.runtime.wasm;

import static dev.aether.runtime.wasm.Contracts.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.runtime.Account;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.StoredObject;
import dev.aether.runtime.TxProcessor;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WasmContractsTest {
  private static final long BAL = 1_000_000_000;
  private final TxProcessor logic = logic(WasmContracts.genesis());
  private TreeMap<H256, Bytes> state;
  private H256 token;
  private H256 counter;
  private H256 stress;
  private long nonce0;

  @BeforeEach
  void deployAll() {
    state = funded(4, BAL);
    token = deployOk(wasm("token"));
    counter = deployOk(wasm("counter"));
    stress = deployOk(wasm("stress"));
  }

  private H256 deployOk(byte[] code) {
    Receipt r = runOne(logic, state, 1, deploy(0, nonce0++, code));
    assertThat(r.status()).as("deploy: error %d", r.errorCode()).isEqualTo(Receipt.Status.SUCCESS);
    return WasmContracts.contractId(code);
  }

  private Receipt call0(H256 c, String method, byte[] args, List<H256> reads, List<H256> writes) {
    return runOne(logic, state, 2, call(0, nonce0++, c, method, args, reads, writes, 5_000_000));
  }

  @Test
  void deployStoresTheCodeUnderItsHashAndPaysADeposit() {
    byte[] code = wasm("counter");
    assertThat(state.get(WasmContracts.contractId(code))).isEqualTo(Bytes.of(code));
    TreeMap<H256, Bytes> fresh = funded(1, BAL);
    Receipt r = runOne(logic, fresh, 1, deploy(0, 0, code));
    Tx tx = deploy(0, 0, code);
    long plain = 10_000 + 5L * tx.sizeBytes() + 2 * r.steps() + r.memBytes();
    assertThat(r.feePaid().longValueExact()).isEqualTo(plain + 2L * (code.length + 32) * 12);
    assertThat(r.events()).hasSize(1);
    // Deploying the same code again changes nothing but the fee.
    Receipt again = runOne(logic, fresh, 2, deploy(0, 1, code));
    assertThat(again.status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(again.events()).isEmpty();
  }

  @Test
  void tokenMintsTransfersAndRefusesOverdrafts() {
    H256 supply = H256.ZERO;
    H256 me = slotOf(user(0));
    H256 you = slotOf(user(1));
    Receipt init = call0(token, "init", u64(1_000), List.of(), List.of(supply, me));
    assertThat(init.status()).isEqualTo(Receipt.Status.SUCCESS);
    Receipt tr = call0(token, "transfer", transferArgs(user(1), 300), List.of(), List.of(me, you));
    assertThat(tr.status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(tr.events()).hasSize(1);
    assertThat(tr.events().getFirst().topic().toArray())
        .isEqualTo("transfer".getBytes(StandardCharsets.US_ASCII));
    assertThat(u64At(tr.events().getFirst().data(), 64)).isEqualTo(300);
    assertThat(balance(me)).isEqualTo(700);
    assertThat(balance(you)).isEqualTo(300);

    TreeMap<H256, Bytes> before = new TreeMap<>(state);
    Receipt over =
        call0(token, "transfer", transferArgs(user(1), 701), List.of(), List.of(me, you));
    assertThat(over.errorCode()).isEqualTo(511); // abort(3)
    assertThat(over.events()).isEmpty();
    before.remove(Account.key(user(0)));
    TreeMap<H256, Bytes> after = new TreeMap<>(state);
    after.remove(Account.key(user(0)));
    assertThat(after).isEqualTo(before);
    // The second init is refused.
    assertThat(call0(token, "init", u64(5), List.of(), List.of(supply, me)).errorCode())
        .isEqualTo(511);
  }

  private long balance(H256 slot) {
    Bytes raw = state.get(CallContext.storageKey(token, slot));
    return u64At(StoredObject.CODEC.decode(raw.toArray()).value(), 0);
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
    "spin, 502",
    "trap, 511",
    "divzero, 511",
    "oob, 511",
    "recurse, 513",
    "write0, 501",
    "nosuchmethod, 509"
  })
  void badCallsEndCleanlyWithFeeChargedAndStateUnchanged(String method, int code) {
    TreeMap<H256, Bytes> before = new TreeMap<>(state);
    Tx tx = call(0, nonce0++, stress, method, new byte[0], List.of(), List.of(), 400_000);
    Receipt r = runOne(logic, state, 2, tx);
    assertThat(r.status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(r.errorCode()).isEqualTo(code);
    assertThat(r.feePaid().longValueExact()).isPositive().isLessThanOrEqualTo(400_000);
    if (code == 502) {
      assertThat(r.feePaid().longValueExact()).isEqualTo(400_000);
    }
    before.remove(Account.key(user(0)));
    state.remove(Account.key(user(0)));
    assertThat(state).isEqualTo(before);
  }

  @Test
  void memoryGrowsWithinTheLimitAndIsChargedButNotPastIt() {
    Receipt ok = call0(stress, "grow", u64(3), List.of(), List.of());
    assertThat(ok.status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(ok.memBytes()).isEqualTo(4L * 65_536 + 0); // 1 initial + 3 grown pages
    Receipt tooMuch = call0(stress, "grow", u64(16), List.of(), List.of());
    assertThat(tooMuch.errorCode()).isEqualTo(512);
  }

  /**
   * The depth limit must bite before the JVM's own stack does. At 256 KiB the JVM overflows first
   * (after ~240 frames, a different step count: exactly the non-determinism the limit prevents), so
   * contract execution needs the 1 MiB default stack or more; executor workers get 16 MiB.
   */
  @Test
  void stackExhaustionIsTheSameWhateverTheThreadStackSize() throws Exception {
    Receipt small = onThread(1024 * 1024);
    Receipt big = onThread(64L * 1024 * 1024);
    assertThat(small.errorCode()).isEqualTo(513);
    assertThat(small).isEqualTo(big);
  }

  private Receipt onThread(long stackSize) throws Exception {
    TreeMap<H256, Bytes> s = new TreeMap<>(state);
    Tx tx = call(0, nonce0, stress, "recurse", new byte[0], List.of(), List.of(), 2_000_000);
    AtomicReference<Receipt> out = new AtomicReference<>();
    Thread t = new Thread(null, () -> out.set(runOne(logic, s, 2, tx)), "small", stackSize);
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
    state.put(
        Account.key(contract),
        Bytes.of(
            Account.CODEC.encode(
                new Account(dev.aether.types.Value.of(dev.aether.types.AssetId.SWR, 500), 0))));
    byte[] args = transferArgs(user(2), 200);
    Tx pay =
        tx(
            0,
            nonce0++,
            List.of(stress),
            List.of(Account.key(contract), Account.key(user(2))),
            new dev.aether.types.Call(stress, "pay", Bytes.of(args)),
            5_000_000);
    assertThat(runOne(logic, state, 2, pay).status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(
            dev.aether.runtime.Account.CODEC
                .decode(state.get(Account.key(user(2))).toArray())
                .balance()
                .get(dev.aether.types.AssetId.SWR)
                .longValueExact())
        .isEqualTo(BAL + 200);
  }

  @ParameterizedTest
  @CsvSource({"floats", "bigmem", "badimport"})
  void nonConformingModulesAreRejectedAtDeploy(String name) {
    byte[] code = wasm(name);
    Receipt r = runOne(logic, state, 3, deploy(1, 0, code));
    assertThat(r.errorCode()).isEqualTo(515);
    assertThat(state).doesNotContainKey(WasmContracts.contractId(code));
  }

  @Test
  void garbageIsRejectedAtDeploy() {
    byte[] junk = {0, 'a', 's', 'm', 1, 0, 0, 0, 5, 3, 1, 0};
    assertThat(runOne(logic, state, 3, deploy(1, 0, junk)).errorCode()).isEqualTo(515);
  }

  @Test
  void stepsDoNotDependOnTheModuleCache() {
    Tx tx = call(0, nonce0, stress, "burn", u64(1_000), List.of(), List.of(), 5_000_000);
    Receipt warm = runOne(logic, new TreeMap<>(state), 2, tx);
    Receipt cold = runOne(logic(WasmContracts.genesis()), new TreeMap<>(state), 2, tx);
    assertThat(cold).isEqualTo(warm);
    // 1000 iterations of the 8-instruction loop body dominate.
    assertThat(warm.steps()).isBetween(8_000L, 20_000L);
  }
}
