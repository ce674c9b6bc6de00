package dev.aether.mempool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.aether.types.Amount;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.Value;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of admission: a valid signed transaction with random bytes flipped, inserted or
 * cut must never crash admission and never be admitted (the signature covers every body byte and
 * every signature must verify). The long run is tagged {@code soak}.
 */
class MempoolFuzzTest {
  final TestKeys alice = new TestKeys(1);

  byte[] validTx(long nonce) {
    TxBody b =
        new TxBody(
            "aether-test",
            alice.address(),
            nonce,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            Value.EMPTY,
            Value.EMPTY,
            Amount.of(50_000),
            0,
            1_000);
    return Tx.CODEC.encode(alice.signed(b));
  }

  void fuzz(int examples) {
    FakeView view = new FakeView();
    view.accounts.put(alice.address(), new PoolView.Account(Amount.of(1_000_000), 0));
    byte[] valid = validTx(0);
    qt().withExamples(examples)
        .forAll(longs().all(), integers().between(1, 8))
        .checkAssert(
            (seed, edits) -> {
              Mempool pool = new Mempool(MempoolConfig.defaults(), TestKeys::verifyAll);
              byte[] bytes = mutate(valid, new Random(seed), edits);
              Admission a = pool.admit(bytes, view);
              if (java.util.Arrays.equals(bytes, valid)) {
                assertThat(a).isInstanceOf(Admission.Admitted.class);
              } else {
                assertThat(a).isInstanceOf(Admission.Rejected.class);
                assertThat(pool.size()).isZero();
              }
            });
  }

  static byte[] mutate(byte[] in, Random r, int edits) {
    byte[] b = in.clone();
    for (int i = 0; i < edits; i++) {
      switch (r.nextInt(4)) {
        case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        case 2 -> b = java.util.Arrays.copyOf(b, Math.max(1, b.length - 1 - r.nextInt(8)));
        default -> {
          byte[] longer = java.util.Arrays.copyOf(b, b.length + 1);
          int at = r.nextInt(longer.length);
          System.arraycopy(b, at, longer, at + 1, b.length - at);
          longer[at] = (byte) r.nextInt(256);
          b = longer;
        }
      }
    }
    return b;
  }

  @Test
  void mutatedTransactionsAreNeverAdmittedAndNeverCrash() {
    fuzz(2_000);
  }

  @Test
  @Tag("soak")
  void mutatedTransactionsLongRun() {
    fuzz(200_000);
  }
}
