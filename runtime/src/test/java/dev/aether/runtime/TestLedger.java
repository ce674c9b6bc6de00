package dev.aether.runtime;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.BlockContext;
import dev.aether.ledger.BlockExecutor;
import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.FeeSchedule;
import dev.aether.ledger.Genesis;
import dev.aether.ledger.GenesisAllocation;
import dev.aether.ledger.Head;
import dev.aether.ledger.JdkEd25519Verifier;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerConfig;
import dev.aether.ledger.LinearFeeSchedule;
import dev.aether.ledger.MemoryStateStore;
import dev.aether.ledger.MintPolicy;
import dev.aether.ledger.StateKeys;
import dev.aether.ledger.StateObject;
import dev.aether.runtime.wasm.ContractLimits;
import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxOutput;
import dev.aether.types.TxSignature;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A real ledger (in-memory store, genesis-funded users) wired with the runtime: contract calls,
 * congestion-priced fees and a chosen block executor. Signatures are placeholders and blocks run
 * with {@code signaturesVerified}: the ledger then only compares signer addresses.
 */
public final class TestLedger {
  public static final String CHAIN = "aether-test";
  public static final long EPOCH_SLOTS = 100;

  public final Ledger ledger;
  public final CongestionMarket market;

  public final WasmContracts wasm;
  public final ContractCalls calls;

  public TestLedger(int users, long balance, BlockExecutor executor) {
    this(users, balance, executor, WasmContracts.Mode.INTERPRETER);
  }

  /** Users hold {@code balance} SWR and as much AIC; contracts run on {@code engine}. */
  public TestLedger(int users, long balance, BlockExecutor executor, WasmContracts.Mode engine) {
    this(users, balance, executor, engine, GenesisConfig.Limits.DEFAULT);
  }

  public TestLedger(
      int users,
      long balance,
      BlockExecutor executor,
      WasmContracts.Mode engine,
      GenesisConfig.Limits limits) {
    MemoryStateStore store = new MemoryStateStore();
    List<GenesisAllocation.Balance> balances = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      balances.add(new GenesisAllocation.Balance(user(i), AssetId.SWR, Amount.of(balance)));
      balances.add(new GenesisAllocation.Balance(user(i), AssetId.AIC, Amount.of(balance)));
    }
    Genesis.load(store, new GenesisAllocation(balances, List.of()));
    market = new CongestionMarket(CongestionRule.DEFAULT);
    FeeSchedule fees = LinearFeeSchedule.GENESIS;
    LedgerConfig cfg =
        new LedgerConfig(CHAIN, Tx.MAX_BYTES, fees, MintPolicy.NONE, limits.blockStepsMax());
    wasm = new WasmContracts(ContractLimits.of(limits), RentSchedule.GENESIS, StepCosts.V2, engine);
    calls =
        new ContractCalls(
            fees,
            StepCosts.V2,
            RentSchedule.GENESIS,
            EPOCH_SLOTS,
            Programs.natives(java.util.Map.of(dev.aether.ledger.BankProgram.ID, new BankTransfer()))
                .orElse(wasm),
            TxLimits.of(limits));
    ledger = new Ledger(store, cfg, new JdkEd25519Verifier(), calls, executor, market);
  }

  /** The congestion table the next block will be priced with (committed state). */
  public CongestionTable table() {
    return CongestionTable.load(ledger.state());
  }

  public static Bytes publicKey(int i) {
    return Bytes.of(ByteBuffer.allocate(32).putInt(0, i).putInt(28, 0x5eed).array());
  }

  public static Address user(int i) {
    return Address.ofPublicKey(publicKey(i).toArray());
  }

  /**
   * Simulates {@code tx}'s calls on the committed state as the next block at {@code slot} would run
   * them, touching whatever they touch (what {@code --auto-access} does).
   */
  public Simulation.Result simulate(long slot, Tx tx) {
    BlockContext ctx =
        ledger.priced(new BlockContext(ledger.head().height() + 1, slot, true), ledger.state());
    return Simulation.run(calls, ledger.state(), ctx, tx, calls.limits(), false);
  }

  /**
   * {@code calls} by user {@code payer}, with the reads and writes a simulation found they touch
   * declared.
   */
  public Tx autoAccess(int payer, long nonce, long slot, long feeCap, List<Call> callList) {
    Simulation.Result sim =
        simulate(slot, tx(payer, nonce, List.of(), List.of(), callList, feeCap));
    return tx(payer, nonce, List.copyOf(sim.reads()), List.copyOf(sim.writes()), callList, feeCap);
  }

  /** Executes {@code txs} as the next block at {@code slot}, without committing. */
  public ExecutedBlock execute(long slot, List<Tx> txs) {
    return ledger.execute(new BlockContext(ledger.head().height() + 1, slot, true), txs);
  }

  public void commit(long slot, List<Tx> txs, ExecutedBlock ex) {
    Head head = ledger.head();
    Header h =
        new Header(
            0,
            head.height() + 1,
            slot,
            head.height() + 1,
            head.blockId(),
            0,
            Bytes.EMPTY,
            0,
            dev.aether.types.OpCert.NONE,
            H256.ZERO,
            ex.stateRoot(),
            ex.receiptsRoot(),
            H256.ZERO,
            QuorumCert.genesis(head.blockId()),
            Optional.empty());
    ledger.commit(new Block(h, txs, Bytes.EMPTY), ex);
  }

  /** Executes and commits; returns the executed block. */
  public ExecutedBlock run(long slot, List<Tx> txs) {
    ExecutedBlock ex = execute(slot, txs);
    commit(slot, txs, ex);
    return ex;
  }

  public long swr(Address a) {
    return ledger.account(a).balance().get(AssetId.SWR).longValueExact();
  }

  public long nonce(Address a) {
    return ledger.account(a).nonce();
  }

  public Optional<StateObject> get(H256 key) {
    return ledger.get(key);
  }

  public static Tx tx(
      int payer,
      long nonce,
      List<UtxoRef> inputs,
      List<H256> reads,
      List<H256> writes,
      List<TxOutput> outputs,
      List<Call> calls,
      long feeCap) {
    TreeSet<H256> w = new TreeSet<>(writes);
    TreeSet<H256> r = new TreeSet<>(reads);
    TxBody body =
        new TxBody(
            CHAIN,
            user(payer),
            nonce,
            List.copyOf(new TreeSet<>(inputs)),
            List.copyOf(r),
            List.copyOf(w),
            outputs,
            calls,
            Value.EMPTY,
            Value.EMPTY,
            Amount.of(feeCap),
            0,
            Long.MAX_VALUE);
    return new Tx(body, List.of(new TxSignature(publicKey(payer), Bytes.of(new byte[64]))));
  }

  public static Tx tx(
      int payer, long nonce, List<H256> reads, List<H256> writes, List<Call> calls, long feeCap) {
    return tx(payer, nonce, List.of(), reads, writes, List.of(), calls, feeCap);
  }

  /** user {@code from} pays {@code amount} SWR to user {@code to} through the bank. */
  public static Tx transfer(int from, long nonce, int to, long amount, long feeCap) {
    Call c = dev.aether.ledger.BankProgram.transfer(user(to), Value.of(AssetId.SWR, amount));
    return tx(from, nonce, List.of(), List.of(StateKeys.account(user(to))), List.of(c), feeCap);
  }

  /** The genesis linear fee for a receipt's usage. */
  public static long linearFee(Tx tx, long steps, long memBytes) {
    return 10_000 + 5L * tx.sizeBytes() + 2 * steps + memBytes;
  }
}
