package dev.aether.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.aether.ledger.smt.InMemoryNodeStore;
import dev.aether.ledger.smt.SmtProof;
import dev.aether.ledger.smt.SparseMerkleTree;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxOutput;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random transaction streams (valid, failing and invalid mixed) through a block builder: value is
 * conserved per asset, nothing is spent twice, balances never go negative, the committed root is
 * the from-scratch root of the state, and proofs verify (and fail when tampered).
 */
class LedgerPropertiesTest {
  private static final List<AssetId> ASSETS = List.of(AssetId.SWR, AssetId.AIC);

  @Test
  void randomStreamsKeepTheLedgerInvariants() {
    qt().withExamples(8).forAll(longs().all()).checkAssert(LedgerPropertiesTest::runStream);
  }

  @Test
  @org.junit.jupiter.api.Tag("soak")
  void manyRandomStreamsKeepTheLedgerInvariants() {
    qt().withExamples(300).forAll(longs().all()).checkAssert(LedgerPropertiesTest::runStream);
  }

  private static void runStream(long seed) {
    Random rnd = new Random(seed);
    TestChain chain = new TestChain(new MemoryStateStore(), 6, 2_000_000);
    Map<AssetId, BigInteger> supply = totals(chain.store);
    List<UtxoRef> live = new ArrayList<>();
    Set<UtxoRef> spent = new HashSet<>();
    int failed = 0;
    int succeeded = 0;
    int rejected = 0;
    for (int b = 0; b < 8; b++) {
      Head head = chain.ledger.head();
      BlockContext ctx = new BlockContext(head.height() + 1, head.height() + 1, true);
      BlockState state = chain.ledger.newBlockState();
      List<Tx> included = new ArrayList<>();
      List<Receipt> receipts = new ArrayList<>();
      TreeMap<String, Long> nonces = new TreeMap<>();
      for (int i = 0; i < 25; i++) {
        Wallet w = chain.wallets.get(rnd.nextInt(chain.wallets.size()));
        String k = w.address().toString();
        long nonce =
            nonces.computeIfAbsent(k, x -> chain.ledger.account(w.address()).nonce())
                + (rnd.nextInt(12) == 0 ? 1 : 0);
        Tx tx = randomTx(rnd, chain, w, nonce, live, spent);
        switch (chain.ledger.applyTx(ctx, tx, state)) {
          case TxOutcome.Applied a -> {
            included.add(tx);
            receipts.add(a.receipt());
            nonces.merge(k, 1L, Long::sum);
            if (a.receipt().status() == Receipt.Status.SUCCESS) {
              for (UtxoRef in : tx.body().inputs()) {
                assertThat(spent.add(in)).as("no double spend").isTrue();
                live.remove(in);
              }
              for (int o = 0; o < tx.body().outputs().size(); o++) {
                live.add(new UtxoRef(tx.id(), o));
              }
              succeeded++;
              for (var e : tx.body().burn().amounts().entrySet()) {
                supply.merge(e.getKey(), e.getValue().value().negate(), BigInteger::add);
              }
            } else {
              failed++;
            }
          }
          case TxOutcome.Rejected r -> rejected++;
        }
      }
      ExecutedBlock ex = chain.ledger.seal(ctx, included, receipts, state);
      chain.ledger.commit(
          new Block(TestChain.header(head, ctx.slot(), ex), included, Bytes.EMPTY), ex);
      // Value conserved per asset: only burns remove value; fees move to the fee pool.
      assertThat(totals(chain.store)).isEqualTo(supply);
      // The committed root is the root of the state as it now stands, however it got there.
      assertThat(fromScratch(chain.store)).isEqualTo(chain.ledger.head().stateRoot());
      for (UtxoRef s : spent) {
        assertThat(chain.ledger.utxo(s)).isEmpty();
      }
    }
    assertThat(failed).as("the stream exercised execution failures").isPositive();
    assertThat(rejected).as("the stream exercised rejections").isPositive();
    assertThat(succeeded).as("the stream applied transactions").isGreaterThan(40);
    checkProofs(chain, rnd);
  }

  private static Tx randomTx(
      Random rnd, TestChain chain, Wallet w, long nonce, List<UtxoRef> live, Set<UtxoRef> spent) {
    Wallet to = chain.wallets.get(rnd.nextInt(chain.wallets.size()));
    AssetId asset = ASSETS.get(rnd.nextInt(ASSETS.size()));
    // Sometimes more than anyone holds: the transfer fails in execution, the output is rejected.
    long amount = rnd.nextInt(10) == 0 ? 50_000_000 : 1 + rnd.nextInt(20_000);
    Value v = Value.of(asset, amount);
    return switch (rnd.nextInt(6)) {
      case 0, 1 -> Txs.from(w, nonce).transfer(to.address(), v).signedBy(w);
      case 2 -> Txs.from(w, nonce).output(to.address(), v).signedBy(w);
      case 3 -> {
        if (live.isEmpty() && spent.isEmpty()) {
          yield Txs.from(w, nonce).transfer(to.address(), v).signedBy(w);
        }
        // Spend a live UTxO, or (sometimes) one already spent.
        UtxoRef ref =
            !spent.isEmpty() && (live.isEmpty() || rnd.nextInt(4) == 0)
                ? spent.iterator().next()
                : live.get(rnd.nextInt(live.size()));
        Optional<TxOutput> out = chain.ledger.utxo(ref);
        Value val = out.map(TxOutput::value).orElse(Txs.swr(1));
        Wallet owner = ownerOf(chain, out).orElse(w);
        Value burn = rnd.nextBoolean() ? Value.EMPTY : halfOf(val);
        yield Txs.from(w, nonce)
            .inputs(List.of(ref))
            .output(to.address(), val.subtract(burn))
            .burn(burn)
            .signedBy(w, owner);
      }
      case 4 -> Txs.from(w, nonce).mint(v).output(to.address(), v).signedBy(w);
      default ->
          Txs.from(w, nonce)
              .transfer(to.address(), v)
              .transfer(chain.wallets.get(0).address(), Txs.swr(1 + rnd.nextInt(5)))
              .signedBy(w);
    };
  }

  private static Value halfOf(Value v) {
    TreeMap<AssetId, Amount> m = new TreeMap<>();
    v.amounts().forEach((a, x) -> m.put(a, new Amount(x.value().shiftRight(1))));
    return new Value(m);
  }

  private static Optional<Wallet> ownerOf(TestChain chain, Optional<TxOutput> out) {
    return out.flatMap(
        o -> chain.wallets.stream().filter(w -> w.address().equals(o.owner())).findFirst());
  }

  private static void forEachState(StateStore store, StateStore.EntryVisitor v) {
    byte[] end = new byte[33];
    java.util.Arrays.fill(end, 0, 32, (byte) 0xff);
    store.scan(Column.STATE, new byte[32], end, v);
  }

  static Map<AssetId, BigInteger> totals(StateStore store) {
    TreeMap<AssetId, BigInteger> t = new TreeMap<>();
    forEachState(
        store,
        (k, raw) -> {
          Value v =
              switch (StateObject.CODEC.decode(raw)) {
                case StateObject.Account a -> a.balance();
                case StateObject.Utxo u -> u.output().value();
                case StateObject.Data d -> Value.EMPTY;
              };
          v.amounts().forEach((a, x) -> t.merge(a, x.value(), BigInteger::add));
          return true;
        });
    return t;
  }

  static H256 fromScratch(StateStore store) {
    TreeMap<H256, Optional<H256>> all = new TreeMap<>();
    forEachState(
        store,
        (k, raw) -> {
          all.put(H256.of(k), Optional.of(Ledger.valueHash(StateObject.CODEC.decode(raw))));
          return true;
        });
    return new SparseMerkleTree(new InMemoryNodeStore()).update(all);
  }

  private static void checkProofs(TestChain chain, Random rnd) {
    H256 root = chain.ledger.head().stateRoot();
    List<H256> keys = new ArrayList<>();
    forEachState(
        chain.store,
        (k, raw) -> {
          keys.add(H256.of(k));
          return true;
        });
    for (H256 key : keys) {
      StateObject o = chain.ledger.get(key).orElseThrow();
      SmtProof p = SmtProof.decode(chain.ledger.prove(key).encode());
      assertThat(p.verify(root, key, Optional.of(Ledger.valueHash(o)))).isTrue();
      byte[] raw = p.encode();
      raw[rnd.nextInt(raw.length - 3) + 3] ^= (byte) (1 << rnd.nextInt(8));
      assertThat(verifiesTampered(raw, root, key, Ledger.valueHash(o))).isFalse();
    }
    for (int i = 0; i < 50; i++) {
      byte[] b = new byte[32];
      rnd.nextBytes(b);
      H256 absent = H256.of(b);
      assertThat(chain.ledger.prove(absent).verify(root, absent, Optional.empty())).isTrue();
    }
  }

  private static boolean verifiesTampered(byte[] raw, H256 root, H256 key, H256 value) {
    try {
      return SmtProof.decode(raw).verify(root, key, Optional.of(value));
    } catch (dev.aether.types.codec.CodecException | IllegalArgumentException e) {
      return false; // a tampered proof that no longer even decodes is rejected too
    }
  }
}
