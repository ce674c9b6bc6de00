package dev.aether.ledger;

import dev.aether.types.Address;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic chain: block h's transactions depend only on h and the state, so a killed writer
 * and an in-memory replay produce the same blocks and roots.
 */
final class CrashWorkload {
  static final int TXS_PER_BLOCK = 40;
  final List<Wallet> wallets = TestChain.wallets(12);
  final GenesisAllocation genesis = TestChain.allocation(wallets, 1_000_000_000L);

  Ledger open(StateStore store) {
    Genesis.load(store, genesis);
    return Ledger.open(store, LedgerConfig.defaults(Txs.CHAIN));
  }

  List<Tx> txs(Ledger ledger, long height) {
    Random rnd = new Random(height * 1_000_003L + 17);
    Map<Address, Long> nonces = new HashMap<>();
    List<Tx> txs = new ArrayList<>();
    for (int i = 0; i < TXS_PER_BLOCK; i++) {
      Wallet from = wallets.get(rnd.nextInt(wallets.size()));
      Wallet to = wallets.get(rnd.nextInt(wallets.size()));
      long nonce =
          nonces.merge(from.address(), 1L, Long::sum) - 1 + ledger.account(from.address()).nonce();
      long amount = 1 + rnd.nextInt(1000);
      Tx tx =
          rnd.nextInt(4) == 0
              ? Txs.from(from, nonce).output(to.address(), Txs.swr(amount)).signedBy(from)
              : Txs.transfer(from, nonce, to.address(), amount);
      txs.add(tx);
    }
    return txs;
  }

  /** Builds, executes and commits the next block. */
  Block commitNext(Ledger ledger) {
    Head head = ledger.head();
    BlockContext ctx = new BlockContext(head.height() + 1, head.height() + 1, true);
    List<Tx> txs = txs(ledger, ctx.height());
    ExecutedBlock ex = ledger.execute(ctx, txs);
    Block block = new Block(TestChain.header(head, ctx.slot(), ex), txs, Bytes.EMPTY);
    ledger.commit(block, ex);
    return block;
  }
}
