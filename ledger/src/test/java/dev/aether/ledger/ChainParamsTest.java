package dev.aether.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The ledger reads the active parameters from the parent state ({@link ChainParams}), not from its
 * configuration: the fee formula, the largest transaction, the block step budget, the treasury's
 * share of fees and the protocol version — with an upgrade switching exactly at its height. A state
 * without the object keeps the configuration (every other ledger test).
 */
class ChainParamsTest {
  static final ChainParams PARAMS =
      new ChainParams(
          1,
          new LinearFeeSchedule(50_000, 1, 1, 1),
          2,
          12,
          64,
          1_000_000,
          500,
          ChainParams.MIN_BLOCK_BYTES,
          1_000_000,
          2_500,
          5_000,
          Optional.of(new ChainParams.Upgrade(2, 3, "aether-node 2.0")));

  final List<Wallet> wallets = TestChain.wallets(3);

  Ledger ledger(int supported) {
    MemoryStateStore s = new MemoryStateStore();
    TreeMap<H256, Bytes> data = new TreeMap<>();
    data.put(ChainParams.STATE_KEY, Bytes.of(ChainParams.CODEC.encode(PARAMS)));
    Genesis.load(s, TestChain.allocation(wallets, 10_000_000_000L).withData(data));
    return Ledger.open(s, LedgerConfig.defaults(Txs.CHAIN).withSupportedProtocol(supported));
  }

  static Block commit(Ledger l, List<Tx> txs) {
    Head head = l.head();
    BlockContext ctx = new BlockContext(head.height() + 1, head.height() + 1, false);
    ExecutedBlock ex = l.execute(ctx, txs);
    Block b = new Block(TestChain.header(head, ctx.slot(), ex), txs, Bytes.EMPTY);
    l.commit(b, ex);
    return b;
  }

  static BigInteger swr(Ledger l, dev.aether.types.Address a) {
    return l.account(a).balance().get(AssetId.SWR).value();
  }

  @Test
  void feesComeFromTheParametersAndTheTreasuryTakesItsShare() {
    Ledger l = ledger(2);
    Tx t = Txs.transfer(wallets.get(0), 0, wallets.get(1).address(), 7);
    Tx u = Txs.transfer(wallets.get(2), 0, wallets.get(1).address(), 7);
    BigInteger before = swr(l, wallets.get(0).address());
    ExecutedBlock ex = l.execute(new BlockContext(1, 1, false), List.of(t, u));
    Receipt r = ex.receipts().getFirst();
    assertThat(r.feePaid())
        .isEqualTo(Amount.of(50_000 + t.sizeBytes())); // a + b·bytes; the bank runs no steps
    l.commit(new Block(TestChain.header(l.head(), 1, ex), List.of(t, u), Bytes.EMPTY), ex);
    assertThat(before.subtract(swr(l, wallets.get(0).address())))
        .isEqualTo(BigInteger.valueOf(7).add(r.feePaid().value()));
    BigInteger fees = r.feePaid().value().add(ex.receipts().get(1).feePaid().value());
    BigInteger share = fees.multiply(BigInteger.valueOf(2_500)).divide(BigInteger.valueOf(10_000));
    assertThat(swr(l, StateKeys.TREASURY)).isEqualTo(share);
    assertThat(swr(l, StateKeys.FEE_POOL)).isEqualTo(fees.subtract(share));
  }

  @Test
  void aTransactionOverTheParametersBlockLimitIsRefused() {
    Ledger l = ledger(2);
    Txs.Builder b = Txs.from(wallets.get(0), 0).transfer(wallets.get(1).address(), Txs.swr(1));
    for (int i = 0; i < 600; i++) {
      b.read(Hashing.tagged("test/pad", new byte[] {(byte) i, (byte) (i >> 8)}));
    }
    Tx big = b.feeCap(10_000_000).signedBy(wallets.get(0));
    assertThat(big.sizeBytes()).isGreaterThan((int) ChainParams.MIN_BLOCK_BYTES);
    assertThat(l.rules().config().maxTxBytes()).isGreaterThan(big.sizeBytes());
    assertThatThrownBy(() -> l.execute(new BlockContext(1, 1, false), List.of(big)))
        .isInstanceOfSatisfying(
            LedgerException.class, e -> assertThat(e.error().code()).contains("invalid_block"));
  }

  @Test
  void anUpgradeSwitchesTheVersionExactlyAtItsHeight() {
    Ledger old = ledger(1);
    Ledger current = ledger(2);
    for (int h = 1; h <= 2; h++) {
      commit(old, List.of());
      commit(current, List.of());
    }
    assertThat(old.head().stateRoot()).isEqualTo(current.head().stateRoot());
    assertThatThrownBy(() -> old.execute(new BlockContext(3, 3, false), List.of()))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> {
              assertThat(e.error()).isInstanceOf(LedgerError.UnsupportedProtocol.class);
              assertThat(e.error().message())
                  .startsWith("from height 3 the chain runs protocol version 2")
                  .contains("'aether-node 2.0'")
                  .endsWith("run a release that supports protocol version 2");
            });
    commit(current, List.of()); // height 3 runs under version 2
    assertThat(ChainParams.read(current.state()).orElseThrow().versionAt(3)).isEqualTo(2);
  }

  @Test
  void nothingButSwrCanBeCreditedToTheFeePoolOrTheTreasury() {
    Ledger l = ledger(2);
    Tx aic =
        Txs.from(wallets.get(0), 0)
            .transfer(StateKeys.TREASURY, Value.of(AssetId.AIC, 5))
            .feeCap(10_000_000)
            .signedBy(wallets.get(0));
    Tx swr = Txs.transfer(wallets.get(1), 0, StateKeys.FEE_POOL, 5);
    ExecutedBlock ex = l.execute(new BlockContext(1, 1, false), List.of(aic, swr));
    assertThat(ex.receipts().get(0).status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(ex.receipts().get(0).errorCode()).isEqualTo(306);
    assertThat(ex.receipts().get(1).status()).isEqualTo(Receipt.Status.SUCCESS);
  }

  @Test
  void theEncodingRoundTripsAndRefusesInvalidSets() {
    assertThat(ChainParams.CODEC.decode(ChainParams.CODEC.encode(PARAMS))).isEqualTo(PARAMS);
    assertThatThrownBy(() -> PARAMS.withUpgrade(Optional.of(new ChainParams.Upgrade(1, 9, "x"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PARAMS.activated().protocolVersion()).isEqualTo(2);
    assertThat(PARAMS.activated().upgrade()).isEmpty();
    assertThat(PARAMS.maxTxBytes()).isEqualTo((int) ChainParams.MIN_BLOCK_BYTES);
  }
}
