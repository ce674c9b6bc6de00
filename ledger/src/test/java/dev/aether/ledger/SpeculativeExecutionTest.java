package dev.aether.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.types.Block;
import dev.aether.types.Header;
import dev.aether.types.Tx;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HotStuff votes on a block before its parent is final, so a block is executed on top of an
 * executed-but-uncommitted parent. Committing both afterwards must give exactly the state that
 * executing and committing them one after the other gives.
 */
class SpeculativeExecutionTest {
  @Test
  void executingOnAnUncommittedParentEqualsSequentialCommit() {
    TestChain speculative = new TestChain(new MemoryStateStore(), 3, 10_000_000);
    TestChain sequential = new TestChain(new MemoryStateStore(), 3, 10_000_000);
    Wallet a = speculative.wallets.get(0);
    Wallet b = speculative.wallets.get(1);
    List<Tx> first = List.of(Txs.transfer(a, 0, b.address(), 100));
    List<Tx> second =
        List.of(Txs.transfer(a, 1, b.address(), 50), Txs.transfer(b, 0, a.address(), 7));

    Block s1 = sequential.commit(first);
    Block s2 = sequential.commit(second);

    Ledger l = speculative.ledger;
    Head h0 = l.head();
    ExecutedBlock e1 = l.execute(new BlockContext(1, 1, false), first);
    Header hd1 = TestChain.header(h0, 1, e1);
    Block b1 = new Block(hd1, first, dev.aether.types.Bytes.EMPTY);
    // the child runs before the parent is committed
    ExecutedBlock e2 = l.executeOn(e1, b1.id(), new BlockContext(2, 2, false), second);
    Header hd2 = TestChain.header(new Head(1, b1.id(), e1.stateRoot()), 2, e2);
    Block b2 = new Block(hd2, second, dev.aether.types.Bytes.EMPTY);
    assertThat(l.head()).isEqualTo(h0);

    l.commit(b1, e1);
    l.commit(b2, e2);

    assertThat(e1.stateRoot()).isEqualTo(s1.header().stateRoot());
    assertThat(e2.stateRoot()).isEqualTo(s2.header().stateRoot());
    assertThat(l.head().stateRoot()).isEqualTo(sequential.ledger.head().stateRoot());
    assertThat(l.account(a.address())).isEqualTo(sequential.ledger.account(a.address()));
    assertThat(l.account(b.address()).nonce()).isEqualTo(1);
  }
}
