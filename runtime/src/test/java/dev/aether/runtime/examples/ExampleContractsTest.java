package dev.aether.runtime.examples;

import static dev.aether.runtime.TestLedger.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.ledger.BankProgram;
import dev.aether.ledger.SerialExecutor;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.Simulation;
import dev.aether.runtime.TestLedger;
import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.Event;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SDK's example contracts (contracts/examples, AssemblyScript, built into contracts/build by
 * {@code make contracts} and checked against their sources by {@code make test}), deployed and used
 * on an in-process ledger through ordinary transactions whose access sets come from simulation, as
 * {@code aetherctl contract call --auto-access} builds them. Each runs on both engines.
 */
class ExampleContractsTest {
  private static final long BAL = 1_000_000_000_000L;
  private static final long CAP = 50_000_000;

  static byte[] artifact(String name) {
    Path p = Path.of(System.getProperty("aether.root", ".."), "contracts", "build", name + ".wasm");
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException("missing " + p + ": run make contracts", e);
    }
  }

  /** A ledger with the example deployed by user 0. */
  private static final class Chain {
    final TestLedger l;
    final long[] nonce = new long[4];
    long slot = 1;

    Chain(WasmContracts.Mode engine) {
      l = new TestLedger(4, BAL, new SerialExecutor(), engine);
    }

    H256 deploy(String name) {
      byte[] code = artifact(name);
      Receipt r =
          l.run(slot++, List.of(dev.aether.runtime.TestContracts.deploy(0, nonce[0]++, code)))
              .receipts()
              .getFirst();
      assertThat(r.status())
          .as("deploy %s: error %d", name, r.errorCode())
          .isEqualTo(Receipt.Status.SUCCESS);
      return WasmContracts.contractId(code);
    }

    /** Sends {@code calls} from {@code user}, access sets by simulation; returns the receipt. */
    Receipt send(int user, Call... calls) {
      Tx tx = l.autoAccess(user, nonce[user]++, slot, CAP, List.of(calls));
      return l.run(slot++, List.of(tx)).receipts().getFirst();
    }

    /** A read-only query (what aeth_call runs). */
    Simulation.Result query(int user, Call call) {
      return l.simulate(
          slot, TestLedger.tx(user, nonce[user], List.of(), List.of(), List.of(call), CAP));
    }
  }

  static Call call(H256 c, String method, byte[] args) {
    return new Call(c, method, Bytes.of(args));
  }

  /** The SDK's encoding: little-endian integers, u32-length-prefixed strings and bytes. */
  static final class Enc {
    private final ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

    Enc u64(long v) {
      b.putLong(v);
      return this;
    }

    Enc amount(long v) {
      b.putLong(v).putLong(0);
      return this;
    }

    Enc address(Address a) {
      b.put(a.hash().toArray());
      return this;
    }

    Enc bytes32(H256 h) {
      b.put(h.toArray());
      return this;
    }

    Enc string(String s) {
      byte[] u = s.getBytes(StandardCharsets.UTF_8);
      b.putInt(u.length).put(u);
      return this;
    }

    byte[] get() {
      return Arrays.copyOf(b.array(), b.position());
    }
  }

  static long u64(Bytes b, int at) {
    return ByteBuffer.wrap(b.toArray()).order(ByteOrder.LITTLE_ENDIAN).getLong(at);
  }

  static String topic(Event e) {
    return new String(e.topic().toArray(), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @EnumSource(
      value = WasmContracts.Mode.class,
      names = {"INTERPRETER", "COMPILER"})
  void counterIncrementsAndGets(WasmContracts.Mode engine) {
    Chain c = new Chain(engine);
    H256 counter = c.deploy("counter");
    assertThat(c.query(1, call(counter, "get", new byte[0])).returnData().toArray())
        .isEqualTo(new Enc().u64(0).get());
    for (long i = 1; i <= 3; i++) {
      Receipt r = c.send(1, call(counter, "increment", new byte[0]));
      assertThat(r.status()).as("error %d", r.errorCode()).isEqualTo(Receipt.Status.SUCCESS);
      assertThat(topic(r.events().getFirst())).isEqualTo("incremented");
      assertThat(u64(r.events().getFirst().data(), 0)).isEqualTo(i);
    }
    Simulation.Result got = c.query(2, call(counter, "get", new byte[0]));
    assertThat(got.succeeded()).isTrue();
    assertThat(u64(got.returnData(), 0)).isEqualTo(3);
    // A query writes nothing, and declaring nothing was enough for it.
    assertThat(got.writes()).isEmpty();
    // Extra arguments are refused by the SDK's Args.done().
    assertThat(c.send(1, call(counter, "increment", new byte[] {1})).errorCode()).isEqualTo(1011);
  }

  @ParameterizedTest
  @EnumSource(
      value = WasmContracts.Mode.class,
      names = {"INTERPRETER", "COMPILER"})
  void tokenMintsTransfersAndSpendsAllowances(WasmContracts.Mode engine) {
    Chain c = new Chain(engine);
    H256 token = c.deploy("token");
    Receipt init =
        c.send(
            0,
            call(token, "init", new Enc().string("Aether Gold").string("AGD").amount(1_000).get()));
    assertThat(init.status()).as("error %d", init.errorCode()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(
            c.send(0, call(token, "init", new Enc().string("x").string("y").amount(1).get()))
                .errorCode())
        .as("only once")
        .isEqualTo(1011);

    Receipt t = c.send(0, call(token, "transfer", new Enc().address(user(1)).amount(250).get()));
    assertThat(t.status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(topic(t.events().getFirst())).isEqualTo("transfer");
    assertThat(balance(c, token, user(0))).isEqualTo(750);
    assertThat(balance(c, token, user(1))).isEqualTo(250);

    // Overdraft: fails, pays its fee, moves nothing; the message reaches a query.
    Receipt over = c.send(1, call(token, "transfer", new Enc().address(user(2)).amount(251).get()));
    assertThat(over.errorCode()).isEqualTo(1011);
    assertThat(over.feePaid().isZero()).isFalse();
    Simulation.Result why =
        c.query(1, call(token, "transfer", new Enc().address(user(2)).amount(251).get()));
    assertThat(why.failure().orElseThrow().message()).contains("insufficient balance");
    assertThat(balance(c, token, user(1))).isEqualTo(250);

    // Allowances: user 2 may move 100 of user 0's tokens, not 101.
    assertThat(
            c.send(0, call(token, "approve", new Enc().address(user(2)).amount(100).get()))
                .status())
        .isEqualTo(Receipt.Status.SUCCESS);
    byte[] spend = new Enc().address(user(0)).address(user(3)).amount(60).get();
    assertThat(c.send(2, call(token, "transfer_from", spend)).status())
        .isEqualTo(Receipt.Status.SUCCESS);
    byte[] tooMuch = new Enc().address(user(0)).address(user(3)).amount(41).get();
    assertThat(c.send(2, call(token, "transfer_from", tooMuch)).errorCode()).isEqualTo(1011);
    assertThat(balance(c, token, user(3))).isEqualTo(60);
    assertThat(balance(c, token, user(0))).isEqualTo(690);
    Simulation.Result supply = c.query(3, call(token, "total_supply", new byte[0]));
    assertThat(u64(supply.returnData(), 0)).isEqualTo(1_000);
    Simulation.Result info = c.query(3, call(token, "info", new byte[0]));
    assertThat(info.returnData().toArray())
        .isEqualTo(new Enc().string("Aether Gold").string("AGD").get());
  }

  private static long balance(Chain c, H256 token, Address who) {
    Simulation.Result r = c.query(3, call(token, "balance_of", new Enc().address(who).get()));
    assertThat(r.succeeded()).as("balance_of: %s", r.failure()).isTrue();
    assertThat(u64(r.returnData(), 8)).as("u128 high half").isZero();
    return u64(r.returnData(), 0);
  }

  @ParameterizedTest
  @EnumSource(
      value = WasmContracts.Mode.class,
      names = {"INTERPRETER", "COMPILER"})
  void escrowHoldsAnyAssetUntilReleasedOrRefunded(WasmContracts.Mode engine) {
    Chain c = new Chain(engine);
    H256 escrow = c.deploy("escrow");
    Address account = CallContext.programAddress(escrow);
    Address buyer = user(0);
    Address seller = user(1);
    Address arbiter = user(2);
    Call fund = BankProgram.transfer(account, Value.of(AssetId.AIC, 500));
    byte[] open7 =
        new Enc()
            .u64(7)
            .address(seller)
            .address(arbiter)
            .bytes32(AssetId.AIC.id())
            .amount(500)
            .get();

    // Opening without paying in first is refused.
    assertThat(c.send(0, call(escrow, "open", open7)).errorCode()).isEqualTo(1011);
    // Pay in and open in one transaction.
    Receipt opened = c.send(0, fund, call(escrow, "open", open7));
    assertThat(opened.status())
        .as("error %d", opened.errorCode())
        .isEqualTo(Receipt.Status.SUCCESS);
    assertThat(aic(c, account)).isEqualTo(500);
    // The same money cannot back a second deal, nor the same id be reused.
    byte[] open8 =
        new Enc()
            .u64(8)
            .address(seller)
            .address(arbiter)
            .bytes32(AssetId.AIC.id())
            .amount(500)
            .get();
    assertThat(c.send(0, call(escrow, "open", open8)).errorCode()).isEqualTo(1011);

    // The seller cannot release to themself; the buyer can.
    byte[] deal7 = new Enc().u64(7).get();
    assertThat(c.send(1, call(escrow, "release", deal7)).errorCode()).isEqualTo(1011);
    long sellerBefore = aic(c, seller);
    Receipt released = c.send(0, call(escrow, "release", deal7));
    assertThat(released.status())
        .as("error %d", released.errorCode())
        .isEqualTo(Receipt.Status.SUCCESS);
    assertThat(aic(c, seller)).isEqualTo(sellerBefore + 500);
    assertThat(aic(c, account)).isZero();
    assertThat(c.send(2, call(escrow, "refund", deal7)).errorCode())
        .as("settled once")
        .isEqualTo(1011);

    // A second deal in SWR, refunded by the arbiter.
    Call fundSwr = BankProgram.transfer(account, Value.of(AssetId.SWR, 40_000));
    byte[] open9 =
        new Enc()
            .u64(9)
            .address(seller)
            .address(arbiter)
            .bytes32(AssetId.SWR.id())
            .amount(40_000)
            .get();
    assertThat(c.send(3, fundSwr, call(escrow, "open", open9)).status())
        .isEqualTo(Receipt.Status.SUCCESS);
    long buyerBefore = c.l.swr(user(3));
    assertThat(c.send(2, call(escrow, "refund", new Enc().u64(9).get())).status())
        .isEqualTo(Receipt.Status.SUCCESS);
    assertThat(c.l.swr(user(3))).isEqualTo(buyerBefore + 40_000);
    Simulation.Result d = c.query(1, call(escrow, "deal", new Enc().u64(9).get()));
    byte[] rec = d.returnData().toArray();
    assertThat(rec[rec.length - 1]).as("state refunded").isEqualTo((byte) 2);
    assertThat(Arrays.copyOf(rec, 32)).as("buyer recorded").isEqualTo(user(3).hash().toArray());
    assertThat(buyer.hash().toArray())
        .isEqualTo(
            Arrays.copyOf(c.query(1, call(escrow, "deal", deal7)).returnData().toArray(), 32));
  }

  private static long aic(Chain c, Address a) {
    return c.l.ledger.account(a).balance().get(AssetId.AIC).longValueExact();
  }

  @org.junit.jupiter.api.Test
  void theExamplesAreVersion2ContractsWithAnInitialiser() {
    for (String n : List.of("counter", "token", "escrow")) {
      byte[] code = artifact(n);
      assertThat(
              new WasmContracts(
                      dev.aether.runtime.wasm.ContractLimits.DEFAULT,
                      dev.aether.runtime.RentSchedule.GENESIS)
                  .check(code))
          .as(n)
          .isEmpty();
      assertThat(new String(code, StandardCharsets.ISO_8859_1)).contains("aether", "_initialize");
    }
  }
}
