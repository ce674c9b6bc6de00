package dev.aether.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.types.Amount;
import dev.aether.types.H256;
import dev.aether.types.RandomTypes;
import dev.aether.types.Receipt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiptsTreeTest {
  private static List<Receipt> receipts(int n, RandomTypes r) {
    List<Receipt> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Receipt(r.h256(), Receipt.Status.SUCCESS, Amount.of(i), i, 0, List.of(), 0));
    }
    return out;
  }

  @Test
  void everyReceiptProvesForEveryTreeSize() {
    RandomTypes r = new RandomTypes(5);
    for (int n = 1; n <= 40; n++) {
      List<Receipt> rs = receipts(n, r);
      H256 root = ReceiptsTree.root(rs);
      for (int i = 0; i < n; i++) {
        ReceiptProof p = ReceiptsTree.prove(rs, i);
        assertThat(p.verify(root, rs.get(i))).isTrue();
        // Wrong position, wrong size, wrong receipt: all fail.
        assertThat(new ReceiptProof((i + 1) % n, n, p.path()).verify(root, rs.get(i)))
            .isEqualTo(n == 1);
        assertThat(new ReceiptProof(i, n + 1, p.path()).verify(root, rs.get(i))).isFalse();
        assertThat(p.verify(root, rs.get((i + 1) % n))).isEqualTo(n == 1);
      }
    }
  }

  @Test
  void rootDependsOnOrder() {
    List<Receipt> rs = receipts(5, new RandomTypes(9));
    List<Receipt> swapped = new ArrayList<>(rs);
    swapped.set(0, rs.get(1));
    swapped.set(1, rs.get(0));
    assertThat(ReceiptsTree.root(rs)).isNotEqualTo(ReceiptsTree.root(swapped));
    assertThat(ReceiptsTree.root(List.of())).isNotEqualTo(ReceiptsTree.root(rs));
  }
}
