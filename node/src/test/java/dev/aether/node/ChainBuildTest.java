package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.consensus.PayloadRequest;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.genesis.GenesisConfig;
import dev.aether.genesis.GenesisParser;
import dev.aether.ledger.BankProgram;
import dev.aether.ledger.ChainEd25519Verifier;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerConfig;
import dev.aether.ledger.MemoryStateStore;
import dev.aether.ledger.StateKeys;
import dev.aether.mempool.Admission;
import dev.aether.mempool.Mempool;
import dev.aether.mempool.MempoolConfig;
import dev.aether.node.devnet.DevnetGenesis;
import dev.aether.runtime.CongestionMarket;
import dev.aether.runtime.CongestionRule;
import dev.aether.runtime.CongestionTable;
import dev.aether.runtime.ParallelExecutor;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Block building and checking on the node's real chain (ledger with the congestion market, parallel
 * executor, mempool), without a network — the load-spike halt of issue 14 in miniature. Under load
 * a pooled transaction can become invalid on the parent a proposal builds on (its fee cap fell
 * below the congestion-priced minimum, or an earlier transaction spent the balance it needed). The
 * node used to fail the whole payload and then propose an empty block with zero roots, which every
 * validator refused ("roots differ from re-execution") — in every later slot too, since nothing
 * evicted the transaction and the congestion table decays only when blocks are made.
 */
class ChainBuildTest {
  static final Ed25519KeyPair FAUCET = DevnetGenesis.faucetKey();
  static final Address FROM = DevnetGenesis.faucetAddress();
  static final GenesisConfig GENESIS =
      GenesisParser.parse(
          java.nio.file.Path.of(System.getProperty("aether.root", ".."), "config", "genesis.toml"));
  private static final long ROOMY_CAP = 10_000_000;

  /** One node's chain: ledger, mempool, executor. */
  static final class TestNode implements AutoCloseable {
    final ParallelExecutor executor = new ParallelExecutor(2);
    final Ledger ledger;
    // A wide nonce window: the tests queue more than 64 transactions of one payer.
    final Mempool mempool =
        new Mempool(new MempoolConfig(50_000, 256L << 20, Tx.MAX_BYTES, 1_000, 7_200), tx -> true);
    final Chain chain;

    TestNode() {
      MemoryStateStore store = new MemoryStateStore();
      NodeGenesis.load(store, GENESIS);
      LedgerConfig config = LedgerConfig.fromGenesis(GENESIS);
      // Wired as the node wires it: native programs (staking's end-of-block work included).
      ledger =
          new Ledger(
              store,
              config,
              new ChainEd25519Verifier(),
              dev.aether.programs.NativePrograms.calls(config.fees(), GENESIS.chain().epochSlots()),
              executor,
              new CongestionMarket(CongestionRule.DEFAULT),
              dev.aether.programs.NativePrograms.endBlock());
      chain = new Chain(ledger, mempool, GENESIS);
    }

    Admission admit(Tx tx) {
      return mempool.admit(tx, tx.sizeBytes(), chain.poolView(1), true);
    }

    Block head() {
      long h = ledger.head().height();
      return h == 0 ? NodeGenesis.block(GENESIS) : ledger.block(h).orElseThrow();
    }

    /** Builds a proposal on {@code parent} as this node would; the block carries its roots. */
    Block propose(Block parent, long slot) {
      Chain.Payload p = chain.build(request(slot, parent)).orElseThrow();
      Block b = block(parent, slot, p);
      chain.proposed(b);
      return b;
    }

    @Override
    public void close() {
      executor.close();
    }
  }

  private final List<TestNode> nodes = new ArrayList<>();

  private TestNode node() {
    TestNode n = new TestNode();
    nodes.add(n);
    return n;
  }

  @AfterEach
  void close() {
    nodes.forEach(TestNode::close);
  }

  private static Tx transfer(long nonce, Address to, long amount, long feeCap) {
    return BankProgram.signed(
        FAUCET,
        BankProgram.transferBody(
            GENESIS.chain().chainId(),
            FROM,
            nonce,
            to,
            Value.of(AssetId.SWR, amount),
            feeCap,
            1_000_000));
  }

  private static Address someone(int i) {
    byte[] key = new byte[32];
    key[0] = (byte) i;
    key[1] = (byte) (i >> 8);
    key[31] = 7;
    return Address.ofPublicKey(key);
  }

  /** A fee cap exactly equal to the 1× minimum fee of the transfer (the cap's size is fixed). */
  private static long tightCap(Ledger ledger, long nonce, Address to) {
    Tx probe = transfer(nonce, to, 5, 1);
    return ledger
        .rules()
        .config()
        .fees()
        .fee(probe, probe.sizeBytes(), 0, 0)
        .value()
        .longValueExact();
  }

  /** A proposal request by validator 0 in {@code slot} (round = slot) on {@code parent}. */
  static PayloadRequest request(long slot, Block parent) {
    return new PayloadRequest(
        0, slot, slot, 0, parent, QuorumCert.genesis(parent.id()), Bytes.EMPTY, false);
  }

  static Block block(Block parent, long slot, Chain.Payload p) {
    Header h =
        new Header(
            0,
            parent.header().height() + 1,
            slot,
            slot,
            parent.id(),
            0,
            Bytes.EMPTY,
            0,
            dev.aether.types.OpCert.NONE,
            p.txRoot(),
            p.executed().stateRoot(),
            p.executed().receiptsRoot(),
            p.shredRoot(),
            QuorumCert.genesis(parent.id()),
            Optional.empty());
    return new Block(h, p.txs(), Bytes.EMPTY);
  }

  /** 100 transfers from the faucet in one block: its account is hot afterwards. */
  private static List<Tx> rush(int firstNonce, int count) {
    List<Tx> txs = new ArrayList<>();
    for (int i = firstNonce; i < firstNonce + count; i++) {
      txs.add(transfer(i, someone(i), 1_000, ROOMY_CAP));
    }
    return txs;
  }

  @Test
  void committedStateIsReadableWhileBlockExecutionHoldsTheChain() throws Exception {
    try (TestNode node = new TestNode()) {
      java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      // Execution and payload building run under the chain's monitor for as long as a block
      // takes; hold it as they do.
      Thread executing =
          Thread.ofPlatform()
              .start(
                  () -> {
                    synchronized (node.chain) {
                      held.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }
                  });
      held.await();
      try {
        var read =
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                  try (var view = node.chain.committed()) {
                    return view.account(FROM).balance();
                  }
                });
        // A reader that took the chain's lock would wait here until the block finished.
        assertThat(read.get(10, java.util.concurrent.TimeUnit.SECONDS).isEmpty()).isFalse();
      } finally {
        release.countDown();
        executing.join();
      }
    }
  }

  @Test
  void aTransactionThatBecameTooCheapIsLeftOutAndTheBlockIsStillBuilt() {
    TestNode n = node();
    for (Tx t : rush(0, 100)) {
      assertThat(n.admit(t)).isInstanceOf(Admission.Admitted.class);
    }
    // Block 1 makes the faucet's account hot. HotStuff builds on it before it is final, while the
    // mempool still admits against the committed (cold) state: a transaction paying exactly the
    // 1x minimum gets in.
    Block b1 = n.propose(n.head(), 1);
    assertThat(b1.txs()).hasSize(100);
    Address to = someone(500);
    Tx cheap = transfer(100, to, 5, tightCap(n.ledger, 100, to));
    assertThat(n.admit(cheap)).isInstanceOf(Admission.Admitted.class);
    assertThat(
            CongestionTable.load(n.chain.stateAfter(b1.id()).orElseThrow())
                .of(StateKeys.account(FROM)))
        .isGreaterThan(CongestionRule.UNIT);

    // On the hot parent it no longer pays the minimum. A proposal is still made, without it, and
    // its roots re-execute; the node goes on committing.
    Block b2 = n.propose(b1, 2);
    assertThat(b2.txs()).doesNotContain(cheap);
    assertThat(n.chain.check(b2)).isPresent();
    n.chain.commit(b1);
    n.chain.commit(b2);
    assertThat(n.ledger.head().height()).isEqualTo(2);
  }

  @Test
  void aCandidateInvalidOnTheParentIsDroppedAndEvictedWhileTheRestIsIncluded() {
    TestNode n = node();
    Ed25519KeyPair poorKey = TestTxs.KEY;
    Address poor = Address.ofPublicKey(poorKey.publicKey().bytes());
    assertThat(n.admit(transfer(0, poor, 1_000_000, ROOMY_CAP)))
        .isInstanceOf(Admission.Admitted.class);
    Block b1 = n.propose(n.head(), 1);
    n.chain.commit(b1);
    // Two transactions of the poor payer, each affordable alone but not both: the mempool admits
    // both (each against the committed balance); after the first has paid its fee, the second's
    // fee cap exceeds the balance, which makes it invalid in a block.
    Tx first = poorTransfer(poorKey, poor, 0, 900_000);
    Tx second = poorTransfer(poorKey, poor, 1, 995_000);
    Tx other = transfer(1, someone(9), 10, ROOMY_CAP);
    for (Tx t : List.of(first, second, other)) {
      assertThat(n.admit(t)).isInstanceOf(Admission.Admitted.class);
    }
    Block parent = n.head();
    Chain.Payload p = n.chain.build(request(2, parent)).orElseThrow();
    assertThat(p.txs()).contains(first, other).doesNotContain(second);
    assertThat(p.droppedInvalid()).isEqualTo(1);
    assertThat(n.mempool.contains(second.id())).isFalse();
    Block b2 = block(parent, 2, p);
    n.chain.proposed(b2);
    assertThat(n.chain.check(b2)).isPresent();
    n.chain.commit(b2);
    assertThat(n.ledger.account(poor).nonce()).isEqualTo(1);
  }

  private static Tx poorTransfer(Ed25519KeyPair key, Address payer, long nonce, long feeCap) {
    return BankProgram.signed(
        key,
        BankProgram.transferBody(
            GENESIS.chain().chainId(),
            payer,
            nonce,
            someone(77),
            Value.of(AssetId.SWR, 10),
            feeCap,
            1_000_000));
  }

  @Test
  void competingProposalsExecutedInEitherOrderGiveTheSameRootsAndPrices() {
    // Three nodes share the chain up to a hot parent; two of them lead the next slot with
    // different blocks; the third executes both, in one order, the proposers in the other.
    TestNode a = node();
    TestNode b = node();
    TestNode c = node();
    for (Tx t : rush(0, 100)) {
      a.admit(t);
    }
    Block hot = a.propose(a.head(), 1);
    for (TestNode n : List.of(a, b, c)) {
      assertThat(n.chain.check(hot)).isPresent();
      n.chain.commit(hot);
    }
    // Leader A: a few more transfers from the hot account. Leader B: many, making it hotter.
    for (Tx t : rush(100, 5)) {
      a.admit(t);
    }
    for (Tx t : rush(100, 90)) {
      b.admit(t);
    }
    Block pa = a.propose(hot, 2);
    Block pb = b.propose(hot, 2);
    assertThat(pa.txs()).hasSize(5);
    assertThat(pb.txs()).hasSize(90);
    // Proposers check each other's block after their own; node C checks B's first, then A's.
    assertThat(a.chain.check(pb)).isPresent();
    assertThat(b.chain.check(pa)).isPresent();
    assertThat(c.chain.check(pb)).isPresent();
    assertThat(c.chain.check(pa)).isPresent();

    // A transaction paying exactly the fee the committed (hot) state asks: A's block let the
    // account cool, B's made it hotter. Every node includes it when building on A and leaves it
    // out on B, whichever block it executed last.
    Tx probe = transfer(105, someone(600), 5, 1);
    long cap =
        dev.aether.ledger.Fees.of(
                c.ledger.rules().config().fees(),
                c.ledger.pricesAfter(c.ledger.state()),
                probe,
                probe.sizeBytes(),
                0,
                0)
            .value()
            .longValueExact();
    // (Each block's next nonce is read from that block's state: 105 after A, 190 after B.)
    Tx afterA = transfer(105, someone(600), 5, cap);
    Tx afterB = transfer(190, someone(601), 5, cap);
    for (TestNode n : List.of(a, c)) {
      assertThat(n.admit(afterA)).isInstanceOf(Admission.Admitted.class);
    }
    for (TestNode n : List.of(b, c)) {
      assertThat(n.admit(afterB)).isInstanceOf(Admission.Admitted.class);
    }
    for (TestNode n : List.of(a, c)) {
      Chain.Payload onA = n.chain.build(request(3, pa)).orElseThrow();
      assertThat(onA.txs()).contains(afterA);
    }
    for (TestNode n : List.of(b, c)) {
      Chain.Payload onB = n.chain.build(request(3, pb)).orElseThrow();
      assertThat(onB.txs()).doesNotContain(afterB);
    }
  }

  @Test
  void aRootMismatchIsReportedWithTheFirstDifferingReceipt() {
    TestNode proposer = node();
    TestNode validator = node();
    for (Tx t : rush(0, 3)) {
      proposer.admit(t);
    }
    Block honest = proposer.propose(proposer.head(), 1);
    // The same transactions under a header whose receipts root is wrong (a determinism bug).
    Header h = honest.header();
    Block tampered =
        new Block(
            new Header(
                h.epoch(),
                h.height(),
                h.slot(),
                h.round(),
                h.parent(),
                h.proposer(),
                h.vrfProof(),
                h.kesPeriod(),
                h.opCert(),
                h.txRoot(),
                h.stateRoot(),
                dev.aether.types.Hashing.tagged("test", new byte[] {1}),
                h.shredRoot(),
                h.parentQc(),
                h.timeoutCert()),
            honest.txs(),
            Bytes.EMPTY);
    List<ExecutionDigest> reported = new ArrayList<>();
    validator.chain.onMismatch((b, ours, state, receipts) -> reported.add(ours));
    assertThat(validator.chain.check(tampered)).isEmpty();
    assertThat(reported).hasSize(1);
    assertThat(reported.get(0).receipts()).hasSize(3);
    // The proposer's digest of its own execution agrees with ours...
    ExecutionDigest theirs = proposer.chain.digestOf(honest.id()).orElseThrow();
    assertThat(ExecutionDigest.firstDifference(reported.get(0), theirs)).isEmpty();
    // ...and a digest whose second receipt differs is pinned to transaction 1.
    List<dev.aether.types.Receipt> rs = new ArrayList<>(theirs.receipts());
    dev.aether.types.Receipt r1 = rs.get(1);
    rs.set(
        1,
        new dev.aether.types.Receipt(
            r1.txId(),
            r1.status(),
            r1.feePaid().add(dev.aether.types.Amount.of(1)),
            r1.steps(),
            r1.memBytes(),
            r1.events(),
            r1.errorCode()));
    ExecutionDigest off = new ExecutionDigest(theirs.blockId(), rs, theirs.changes(), false);
    assertThat(ExecutionDigest.firstDifference(reported.get(0), off))
        .hasValueSatisfying(t -> assertThat(t).contains("transaction 1 (" + r1.txId()));
    assertThat(ExecutionDigest.CODEC.decode(ExecutionDigest.CODEC.encode(theirs)))
        .isEqualTo(theirs);
  }
}
