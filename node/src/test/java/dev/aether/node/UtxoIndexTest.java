package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.ledger.BankProgram;
import dev.aether.ledger.StateKeys;
import dev.aether.mempool.Admission;
import dev.aether.rpc.Utxo;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxOutput;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The node's owner index of unspent outputs ({@code aeth_getUtxos}) on the real chain: pages in
 * {@code UtxoRef} order, outputs spent or created by committed blocks, and the inputs of a
 * transaction that failed in execution — which stay unspent and so stay listed.
 */
class UtxoIndexTest {
  private static final Ed25519KeyPair OWNER_KEY = TestTxs.KEY;
  private static final Address OWNER = TestTxs.PAYER;
  private static final Address OTHER =
      Address.ofPublicKey(
          new byte[] {
            9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
            9, 9, 1
          });
  private static final String CHAIN = ChainBuildTest.GENESIS.chain().chainId();

  private static TxBody body(
      Address payer,
      long nonce,
      List<UtxoRef> inputs,
      List<TxOutput> outputs,
      List<dev.aether.types.Call> calls,
      List<dev.aether.types.H256> writes) {
    return new TxBody(
        CHAIN,
        payer,
        nonce,
        List.copyOf(new TreeSet<>(inputs)),
        List.of(),
        List.copyOf(new TreeSet<>(writes)),
        outputs,
        calls,
        Value.EMPTY,
        Value.EMPTY,
        Amount.of(10_000_000),
        0,
        1_000_000);
  }

  private static List<Receipt> commitNext(ChainBuildTest.TestNode n, long slot, Tx... txs) {
    for (Tx t : txs) {
      assertThat(n.admit(t)).isInstanceOf(Admission.Admitted.class);
    }
    Block b = n.propose(n.head(), slot);
    assertThat(b.txs()).hasSize(txs.length);
    return n.chain.commit(b);
  }

  private static List<UtxoRef> listed(
      ChainBuildTest.TestNode n, Address a, Optional<UtxoRef> after, int limit) {
    try (var view = n.chain.committed()) {
      return n.chain.utxos(a, view, after, limit).stream().map(Utxo::ref).toList();
    }
  }

  @Test
  void pagesSpendsAndFailedSpendsAreIndexedAsTheStateHasThem() {
    try (ChainBuildTest.TestNode n = new ChainBuildTest.TestNode()) {
      // The faucet funds the owner's account (a call) and creates 7 outputs for it and 1 for
      // someone else, in one transaction.
      List<TxOutput> outs = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        outs.add(new TxOutput(OWNER, Value.of(AssetId.SWR, 100 + i)));
      }
      outs.add(new TxOutput(OTHER, Value.of(AssetId.SWR, 5)));
      Tx fund =
          BankProgram.signed(
              ChainBuildTest.FAUCET,
              body(
                  ChainBuildTest.FROM,
                  0,
                  List.of(),
                  outs,
                  List.of(BankProgram.transfer(OWNER, Value.of(AssetId.SWR, 50_000_000))),
                  List.of(StateKeys.account(ChainBuildTest.FROM), StateKeys.account(OWNER))));
      assertThat(commitNext(n, 1, fund).getFirst().status()).isEqualTo(Receipt.Status.SUCCESS);
      List<UtxoRef> mine = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        mine.add(new UtxoRef(fund.id(), i));
      }
      assertThat(listed(n, OWNER, Optional.empty(), 100)).containsExactlyElementsOf(mine);
      assertThat(listed(n, OWNER, Optional.of(mine.get(1)), 3))
          .containsExactlyElementsOf(mine.subList(2, 5));
      assertThat(listed(n, OWNER, Optional.of(mine.get(6)), 3)).isEmpty();
      assertThat(listed(n, OTHER, Optional.empty(), 100))
          .containsExactly(new UtxoRef(fund.id(), 7));

      // A spend of output 0 that fails in execution (its transfer overdraws the account): the
      // transaction is included and pays its fee, its input stays unspent and stays listed.
      Tx failing =
          BankProgram.signed(
              OWNER_KEY,
              body(
                  OWNER,
                  0,
                  List.of(mine.get(0)),
                  List.of(new TxOutput(OTHER, Value.of(AssetId.SWR, 100))),
                  List.of(BankProgram.transfer(OTHER, Value.of(AssetId.SWR, 1L << 60))),
                  List.of(StateKeys.account(OTHER))));
      assertThat(commitNext(n, 2, failing).getFirst().status()).isEqualTo(Receipt.Status.FAILED);
      assertThat(n.ledger.utxo(mine.get(0))).isPresent();
      assertThat(listed(n, OWNER, Optional.empty(), 100)).containsExactlyElementsOf(mine);

      // A spend of outputs 0 and 3 into one output for someone else: both leave the owner's list.
      Tx spend =
          BankProgram.signed(
              OWNER_KEY,
              body(
                  OWNER,
                  1,
                  List.of(mine.get(3), mine.get(0)),
                  List.of(new TxOutput(OTHER, Value.of(AssetId.SWR, 203))),
                  List.of(),
                  List.of()));
      assertThat(commitNext(n, 3, spend).getFirst().status()).isEqualTo(Receipt.Status.SUCCESS);
      assertThat(listed(n, OWNER, Optional.empty(), 100))
          .containsExactly(mine.get(1), mine.get(2), mine.get(4), mine.get(5), mine.get(6));
      assertThat(listed(n, OTHER, Optional.empty(), 100))
          .containsExactlyInAnyOrder(new UtxoRef(fund.id(), 7), new UtxoRef(spend.id(), 0));
      try (var view = n.chain.committed()) {
        assertThat(n.chain.utxos(OWNER, view)).hasSize(5);
      }
    }
  }
}
