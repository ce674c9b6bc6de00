package dev.aether.runtime.wasm;

import static dev.aether.runtime.TestContracts.*;
import static dev.aether.runtime.TestLedger.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.ledger.SerialExecutor;
import dev.aether.ledger.StateKeys;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.TestLedger;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import dev.aether.types.ValueEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Host ABI v2: who called versus who pays, the block's height and slot, balances and transfers of
 * any asset, return data, and contract-to-contract calls with declared access, a depth limit and no
 * re-entrancy — while v1 contracts keep running, also when a v2 contract calls them.
 */
class HostAbiV2Test {
  private static final long BAL = 1_000_000_000;
  private TestLedger chain;
  private H256 v2;
  private H256 token;
  private long nonce;
  private long slot = 1;

  @BeforeEach
  void setUp() {
    chain = new TestLedger(3, BAL, new SerialExecutor());
    v2 = deployOk(wasm("v2"));
    token = deployOk(wasm("token"));
  }

  private Receipt runOne(Tx tx) {
    return chain.run(slot++, List.of(tx)).receipts().getFirst();
  }

  private H256 deployOk(byte[] code) {
    Receipt r = runOne(deploy(0, nonce++, code));
    assertThat(r.status()).as("deploy: error %d", r.errorCode()).isEqualTo(Receipt.Status.SUCCESS);
    return WasmContracts.contractId(code);
  }

  /** The same code with a custom section appended: another contract id, same behaviour. */
  static byte[] copy(byte[] wasm, int n) {
    byte[] name = ("copy" + n).getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(wasm);
    out.write(0);
    out.write(name.length + 1);
    out.write(name.length);
    out.writeBytes(name);
    return out.toByteArray();
  }

  private Tx tx(List<H256> reads, List<H256> writes, Call... calls) {
    return TestLedger.tx(0, nonce++, reads, writes, List.of(calls), 50_000_000);
  }

  private static Call call(H256 c, String method, byte[] args) {
    return new Call(c, method, Bytes.of(args));
  }

  @Test
  void callerIsThePayerAtTopLevelAndTheContractWhenNested() {
    Receipt top = runOne(tx(List.of(v2), List.of(), call(v2, "whoami", new byte[0])));
    byte[] d = top.events().getFirst().data().toArray();
    assertThat(Arrays.copyOfRange(d, 0, 32)).isEqualTo(user(0).hash().toArray());
    assertThat(Arrays.copyOfRange(d, 32, 64)).isEqualTo(user(0).hash().toArray());
    assertThat(Arrays.copyOfRange(d, 64, 96)).isEqualTo(v2.toArray());

    // v2 forwards to a copy of itself: the copy's caller is v2's account, its payer still user 0.
    byte[] copyCode = copy(wasm("v2"), 1);
    H256 other = deployOk(copyCode);
    Receipt nested =
        runOne(
            tx(
                List.of(v2, other),
                List.of(),
                call(v2, "forward", forwardArgs(other, "whoami", new byte[0]))));
    assertThat(nested.status()).isEqualTo(Receipt.Status.SUCCESS);
    byte[] inner = nested.events().getFirst().data().toArray(); // the callee's event
    assertThat(Arrays.copyOfRange(inner, 0, 32)).isEqualTo(v2.toArray());
    assertThat(Arrays.copyOfRange(inner, 32, 64)).isEqualTo(user(0).hash().toArray());
    assertThat(Arrays.copyOfRange(inner, 64, 96)).isEqualTo(other.toArray());
  }

  @Test
  void blockHeightAndSlotAreTheBlocks() {
    long at = slot;
    long height = chain.ledger.head().height() + 1;
    Receipt r = runOne(tx(List.of(v2), List.of(), call(v2, "where", new byte[0])));
    ByteBuffer b =
        ByteBuffer.wrap(r.events().getFirst().data().toArray()).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getLong()).isEqualTo(height);
    assertThat(b.getLong()).isEqualTo(at);
  }

  @Test
  void aContractPaysAnyAssetItHoldsAndNoMore() {
    Address me = CallContext.programAddress(v2);
    Tx fund =
        TestLedger.tx(
            0,
            nonce++,
            List.of(),
            List.of(StateKeys.account(me)),
            List.of(dev.aether.ledger.BankProgram.transfer(me, Value.of(AssetId.AIC, 700))),
            5_000_000);
    assertThat(runOne(fund).status()).isEqualTo(Receipt.Status.SUCCESS);
    List<H256> accounts = List.of(StateKeys.account(me), StateKeys.account(user(2)));
    Receipt paid =
        runOne(tx(List.of(v2), accounts, call(v2, "pay", payArgs(user(2), AssetId.AIC, 250))));
    assertThat(paid.status()).as("error %d", paid.errorCode()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(chain.ledger.account(user(2)).balance().get(AssetId.AIC))
        .isEqualTo(Amount.of(BAL + 250));
    assertThat(chain.ledger.account(me).balance().get(AssetId.AIC)).isEqualTo(Amount.of(450));
    // The payment is on record as the chain's value events, emitted by the contract (ADR 0062).
    assertThat(ValueEvent.of(paid.events()))
        .containsExactly(
            new ValueEvent.Emitted(
                v2, ValueEvent.debit(me, AssetId.AIC, Amount.of(250), "transfer", Bytes.EMPTY)),
            new ValueEvent.Emitted(
                v2,
                ValueEvent.credit(user(2), AssetId.AIC, Amount.of(250), "transfer", Bytes.EMPTY)));
    Receipt over =
        runOne(tx(List.of(v2), accounts, call(v2, "pay", payArgs(user(2), AssetId.AIC, 451))));
    assertThat(over.errorCode()).isEqualTo(305); // execution_insufficient_funds
    // Its balance is readable (a declared read of its account).
    Tx bal =
        tx(
            List.of(v2, StateKeys.account(me)),
            List.of(),
            call(v2, "bal", AssetId.AIC.id().toArray()));
    assertThat(runOne(bal).status()).isEqualTo(Receipt.Status.SUCCESS);
  }

  /**
   * A contract cannot write the chain's value events itself: {@code credit}, {@code debit}, {@code
   * burn} and {@code slash} topics are refused (the call fails, nothing is emitted), so an indexer
   * that keeps balances from value events cannot be told of a payment that never happened.
   */
  @Test
  void aContractCannotForgeAValueEvent() {
    H256 announce = deployOk(wasm("announce"));
    byte[] forged =
        ValueEvent.CODEC.encode(
            ValueEvent.credit(user(2), AssetId.SWR, Amount.of(1_000_000), "transfer", Bytes.EMPTY));
    for (String topic : List.of("credit", "debit", "burn", "slash")) {
      Receipt r =
          runOne(tx(List.of(announce), List.of(), call(announce, "announce", say(topic, forged))));
      assertThat(r.status()).as(topic).isEqualTo(Receipt.Status.FAILED);
      assertThat(r.errorCode()).as(topic).isEqualTo(1010); // bad_arguments
      assertThat(r.events()).as(topic).isEmpty();
    }
    // Any other topic, even one that starts like a value kind, is the contract's own business.
    Receipt own =
        runOne(
            tx(List.of(announce), List.of(), call(announce, "announce", say("credits", forged))));
    assertThat(own.status()).as("error %d", own.errorCode()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(own.events()).hasSize(1);
    assertThat(ValueEvent.of(own.events())).isEmpty();
  }

  private static byte[] say(String topic, byte[] data) {
    byte[] t = topic.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(4 + t.length + data.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(t.length)
        .put(t)
        .put(data)
        .array();
  }

  @Test
  void nestedCallsReturnDataThroughEveryLevelUpToTheDepthLimit() {
    List<H256> ids = new ArrayList<>();
    ids.add(v2);
    for (int i = 1; i <= 9; i++) {
      ids.add(deployOk(copy(wasm("v2"), i)));
    }
    // v2 -> copy1 -> ... -> copy8: 8 nested calls, the limit. The last returns its caller.
    Receipt ok = runOne(tx(ids, List.of(), call(v2, "hop", hopArgs(ids.subList(1, 9)))));
    assertThat(ok.status()).as("error %d", ok.errorCode()).isEqualTo(Receipt.Status.SUCCESS);
    // One more level is refused, and the whole transaction fails.
    Receipt deep = runOne(tx(ids, List.of(), call(v2, "hop", hopArgs(ids.subList(1, 10)))));
    assertThat(deep.errorCode()).isEqualTo(1013);
  }

  @Test
  void returnDataComesBackToTheCaller() {
    H256 other = deployOk(copy(wasm("v2"), 1));
    byte[] payload = "hello, contract".getBytes(StandardCharsets.US_ASCII);
    Receipt r =
        runOne(
            tx(
                List.of(v2, other),
                List.of(),
                call(v2, "forward", forwardArgs(other, "echo", payload))));
    assertThat(r.events().getFirst().data().toArray()).isEqualTo(payload);
  }

  @Test
  void reEnteringARunningContractIsRefused() {
    H256 other = deployOk(copy(wasm("v2"), 1));
    // v2 -> other -> v2: v2 is still running.
    byte[] inner = forwardArgs(v2, "whoami", new byte[0]);
    Receipt r =
        runOne(
            tx(
                List.of(v2, other),
                List.of(),
                call(v2, "forward", forwardArgs(other, "forward", inner))));
    assertThat(r.errorCode()).isEqualTo(1020);
  }

  @Test
  void aCalleeMustBeDeclared() {
    H256 other = deployOk(copy(wasm("v2"), 1));
    Receipt r =
        runOne(
            tx(
                List.of(v2),
                List.of(),
                call(v2, "forward", forwardArgs(other, "whoami", new byte[0]))));
    assertThat(r.errorCode()).isEqualTo(301); // access violation on the callee's code
  }

  @Test
  void aV1TokenCalledThroughAContractSeesTheContractNotThePayer() {
    // user 0 mints 1000 tokens; a v2 contract cannot spend them on user 0's behalf.
    H256 supply = H256.ZERO;
    Receipt init =
        runOne(
            TestLedger.tx(
                0,
                nonce++,
                List.of(token),
                List.of(
                    CallContext.storageKey(token, supply),
                    CallContext.storageKey(token, slotOf(user(0)))),
                List.of(call(token, "init", u64(1_000))),
                5_000_000));
    assertThat(init.status()).isEqualTo(Receipt.Status.SUCCESS);
    List<H256> slots =
        List.of(
            CallContext.storageKey(token, slotOf(user(0))),
            CallContext.storageKey(token, slotOf(user(2))),
            CallContext.storageKey(token, slotOf(CallContext.programAddress(v2))));
    Receipt steal =
        runOne(
            tx(
                List.of(v2, token),
                slots,
                call(v2, "forward", forwardArgs(token, "transfer", transferArgs(user(2), 10)))));
    assertThat(steal.errorCode())
        .as("the token aborts: its caller (v2) holds nothing")
        .isEqualTo(1011);
  }

  @Test
  void abortCarriesAMessageAndFailsTheCall() {
    Receipt r = runOne(tx(List.of(v2), List.of(), call(v2, "fail", new byte[0])));
    assertThat(r.errorCode()).isEqualTo(1011);
  }

  static byte[] forwardArgs(H256 contract, String method, byte[] args) {
    byte[] m = method.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(32 + 4 + m.length + args.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put(contract.toArray())
        .putInt(m.length)
        .put(m)
        .put(args)
        .array();
  }

  static byte[] hopArgs(List<H256> path) {
    ByteBuffer b = ByteBuffer.allocate(32 * path.size());
    path.forEach(h -> b.put(h.toArray()));
    return b.array();
  }

  static byte[] payArgs(Address to, AssetId asset, long amount) {
    return ByteBuffer.allocate(80)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put(to.hash().toArray())
        .put(asset.id().toArray())
        .putLong(amount)
        .putLong(0)
        .array();
  }
}
