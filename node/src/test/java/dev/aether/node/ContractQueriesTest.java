package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.genesis.GenesisConfig;
import dev.aether.genesis.GenesisParser;
import dev.aether.ledger.BankProgram;
import dev.aether.ledger.BlockContext;
import dev.aether.ledger.ChainEd25519Verifier;
import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.Genesis;
import dev.aether.ledger.Head;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerConfig;
import dev.aether.ledger.LinearFeeSchedule;
import dev.aether.ledger.MemoryStateStore;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.smt.SmtProof;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.rpc.AccessEstimate;
import dev.aether.rpc.BackendUnavailableException;
import dev.aether.rpc.BlockTag;
import dev.aether.rpc.ContractCallRequest;
import dev.aether.rpc.ContractCallResult;
import dev.aether.rpc.LogEntry;
import dev.aether.rpc.LogFilter;
import dev.aether.rpc.StorageEntry;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.CongestionMarket;
import dev.aether.runtime.CongestionRule;
import dev.aether.runtime.ContractCalls;
import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.Value;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What RPC answers about contracts, on the node's real ledger wiring: read-only calls ({@code
 * aeth_call}) bounded by steps and run off the chain's lock, fee estimates with access sets found
 * by simulation, code, storage slots with proofs, and events by contract, topic and range.
 */
class ContractQueriesTest {
  private static final Ed25519KeyPair FAUCET = DevnetGenesis.faucetKey();
  private static final Address FROM = DevnetGenesis.faucetAddress();
  private static final GenesisConfig GENESIS =
      GenesisParser.parse(
          Path.of(System.getProperty("aether.root", ".."), "config", "genesis.toml"));

  private Ledger ledger;
  private ContractCalls calls;
  private FeeOracle oracle;
  private ContractQueries queries;
  private long nonce;
  private H256 counter;

  static byte[] artifact(String name) throws Exception {
    return Files.readAllBytes(
        Path.of(System.getProperty("aether.root", ".."), "contracts", "build", name + ".wasm"));
  }

  @BeforeEach
  void setUp() throws Exception {
    MemoryStateStore store = new MemoryStateStore();
    Genesis.load(store, GENESIS);
    LedgerConfig config = LedgerConfig.fromGenesis(GENESIS);
    calls = ContractCalls.of(GENESIS, config.fees(), WasmContracts.Mode.INTERPRETER);
    ledger =
        new Ledger(
            store,
            config,
            new ChainEd25519Verifier(),
            calls,
            new dev.aether.ledger.SerialExecutor(),
            new CongestionMarket(CongestionRule.DEFAULT));
    var f = GENESIS.fees();
    oracle =
        new FeeOracle(ledger, new LinearFeeSchedule(f.a(), f.b(), f.c(), f.d()), () -> 1, calls);
    queries = new ContractQueries(ledger::snapshot);
    byte[] code = artifact("counter");
    counter = WasmContracts.contractId(code);
    Receipt r =
        commit(
            signed(
                List.of(),
                List.of(counter),
                new Call(WasmContracts.DEPLOYER, "deploy", Bytes.of(code))));
    assertThat(r.status()).isEqualTo(Receipt.Status.SUCCESS);
  }

  @AfterEach
  void tearDown() {
    oracle.close();
  }

  private Tx signed(List<H256> reads, List<H256> writes, Call... cs) {
    TxBody body =
        new TxBody(
            GENESIS.chain().chainId(),
            FROM,
            nonce++,
            List.of(),
            reads.stream().sorted().toList(),
            writes.stream().sorted().toList(),
            List.of(),
            List.of(cs),
            Value.EMPTY,
            Value.EMPTY,
            Amount.of(100_000_000),
            0,
            1_000_000);
    return BankProgram.signed(FAUCET, body);
  }

  private Receipt commit(Tx tx) {
    Head head = ledger.head();
    long slot = head.height() + 1;
    ExecutedBlock ex = ledger.execute(new BlockContext(head.height() + 1, slot, true), List.of(tx));
    Header h =
        new Header(
            slot / GENESIS.chain().epochSlots(),
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
    ledger.commit(new Block(h, List.of(tx), Bytes.EMPTY), ex);
    return ex.receipts().getFirst();
  }

  private static H256 countSlot() {
    return Hashing.sha256("count".getBytes(StandardCharsets.UTF_8));
  }

  private ContractCallResult get() {
    return oracle.call(
        new ContractCallRequest(Optional.empty(), counter, "get", Bytes.EMPTY, BlockTag.LATEST));
  }

  private static long u64(Bytes b) {
    return ByteBuffer.wrap(b.toArray()).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  /** An increment whose access sets the node computed; committed. */
  private Receipt increment() {
    Tx bare = signed(List.of(), List.of(), new Call(counter, "increment", Bytes.EMPTY));
    AccessEstimate a = oracle.estimateWithAccess(bare);
    assertThat(a.complete()).as(a.note()).isTrue();
    nonce--; // the estimate's transaction is the one we now send, with its sets
    return commit(
        signed(
            List.copyOf(a.reads()),
            List.copyOf(a.writes()),
            new Call(counter, "increment", Bytes.EMPTY)));
  }

  @Test
  void aCallRunsReadOnlyAndReturnsResultStepsAndFee() {
    ContractCallResult zero = get();
    assertThat(zero.succeeded()).isTrue();
    assertThat(u64(zero.returnData())).isZero();
    assertThat(zero.steps()).isPositive();
    assertThat(zero.fee().isZero()).isFalse();
    assertThat(zero.reads()).contains(counter, CallContext.storageKey(counter, countSlot()));
    assertThat(zero.writes()).isEmpty();
    for (int i = 0; i < 3; i++) {
      assertThat(increment().status()).isEqualTo(Receipt.Status.SUCCESS);
    }
    assertThat(u64(get().returnData())).isEqualTo(3);
    // increment through aeth_call: the write happens in the simulation only.
    ContractCallResult inc =
        oracle.call(
            new ContractCallRequest(
                Optional.of(FROM), counter, "increment", Bytes.EMPTY, BlockTag.LATEST));
    assertThat(inc.succeeded()).isTrue();
    assertThat(inc.writes()).contains(CallContext.storageKey(counter, countSlot()));
    assertThat(u64(get().returnData())).isEqualTo(3);
  }

  @Test
  void aCallIsBoundedAndOnlyTheHeadStateIsServed() throws Exception {
    byte[] stress = stressWasm();
    H256 id = WasmContracts.contractId(stress);
    commit(
        signed(
            List.of(), List.of(id), new Call(WasmContracts.DEPLOYER, "deploy", Bytes.of(stress))));
    ContractCallResult spin =
        oracle.call(
            new ContractCallRequest(Optional.empty(), id, "spin", Bytes.EMPTY, BlockTag.LATEST));
    assertThat(spin.succeeded()).isFalse();
    assertThat(spin.error()).isEqualTo("runtime.step_limit");
    assertThat(spin.steps()).isLessThanOrEqualTo(FeeOracle.SIMULATION_STEPS);
    assertThatThrownBy(
            () ->
                oracle.call(
                    new ContractCallRequest(
                        Optional.empty(), counter, "get", Bytes.EMPTY, new BlockTag.Height(0))))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("not kept");
    ContractCallResult nope =
        oracle.call(
            new ContractCallRequest(
                Optional.empty(), counter, "nope", Bytes.EMPTY, BlockTag.LATEST));
    assertThat(nope.error()).isEqualTo("runtime.unknown_method");
  }

  /** An endless loop, in WAT: (module (func (export "spin") (loop (br 0)))). */
  private static byte[] stressWasm() {
    return new byte[] {
      0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 7, 8, 1, 4, 's', 'p', 'i', 'n',
      0, 0, 10, 9, 1, 7, 0, 3, 0x40, 0x0c, 0, 0x0b, 0x0b
    };
  }

  @Test
  void estimatesWithAutoAccessDeclareWhatTheCallsTouch() {
    Tx bare = signed(List.of(), List.of(), new Call(counter, "increment", Bytes.EMPTY));
    AccessEstimate a = oracle.estimateWithAccess(bare);
    assertThat(a.reads()).contains(counter);
    assertThat(a.writes()).containsExactly(CallContext.storageKey(counter, countSlot()));
    assertThat(a.estimate().succeeded()).isTrue();
    // Without the sets the same transaction fails in a block (access violation).
    Receipt undeclared = commit(bare);
    assertThat(undeclared.errorCode()).isEqualTo(301);
    // A failing simulation says its sets are incomplete, and why.
    Tx bad = signed(List.of(), List.of(), new Call(counter, "increment", Bytes.of(new byte[] {1})));
    AccessEstimate b = oracle.estimateWithAccess(bad);
    assertThat(b.complete()).isFalse();
    assertThat(b.note()).contains("runtime.contract_trap", "unexpected extra arguments");
  }

  @Test
  void codeStorageWithProofAndLogs() throws Exception {
    for (int i = 0; i < 3; i++) {
      increment();
    }
    assertThat(queries.code(counter)).contains(Bytes.of(artifact("counter")));
    assertThat(queries.code(H256.ZERO)).isEmpty();
    assertThat(queries.code(CallContext.storageKey(counter, countSlot())))
        .as("data, not code")
        .isEmpty();

    StorageEntry s = queries.storageAt(counter, countSlot());
    assertThat(u64(s.value().orElseThrow())).isEqualTo(3);
    assertThat(s.paidThroughEpoch()).isPositive();
    SmtProof proof = SmtProof.decode(s.proof().getFirst().toArray());
    StateObject stored = ledger.get(s.key()).orElseThrow();
    assertThat(proof.verify(s.stateRoot(), s.key(), Optional.of(Ledger.valueHash(stored))))
        .isTrue();
    StorageEntry empty = queries.storageAt(counter, H256.ZERO);
    assertThat(empty.value()).isEmpty();
    assertThat(
            SmtProof.decode(empty.proof().getFirst().toArray())
                .verify(empty.stateRoot(), empty.key(), Optional.empty()))
        .isTrue();

    long top = ledger.head().height();
    List<LogEntry> all =
        queries.logs(new LogFilter(Optional.of(counter), Optional.empty(), 0, top));
    // The deploy's "deployed" event comes from the deployer, not the counter.
    assertThat(all).hasSize(3);
    assertThat(all).extracting(e -> u64(e.event().data())).containsExactly(1L, 2L, 3L);
    assertThat(all).extracting(LogEntry::blockHeight).isSorted();
    List<LogEntry> byTopic =
        queries.logs(
            new LogFilter(
                Optional.empty(),
                Optional.of(Bytes.of("incremented".getBytes(StandardCharsets.UTF_8))),
                top,
                top));
    assertThat(byTopic).hasSize(1);
    assertThat(queries.logs(new LogFilter(Optional.of(H256.ZERO), Optional.empty(), 0, top)))
        .isEmpty();
  }
}
