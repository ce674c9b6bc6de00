package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.mempool.Admission;
import dev.aether.mempool.Mempool;
import dev.aether.mempool.MempoolConfig;
import dev.aether.mempool.PoolView;
import dev.aether.mempool.Rejection;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Ratio;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.UtxoRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TxAdmissionTest {
  private static final Ed25519KeyPair KEY = TestTxs.KEY;
  private static final Address PAYER = TestTxs.PAYER;

  /** One funded account at nonce 0; a flat fee of 1 per byte. */
  private static final PoolView VIEW =
      new PoolView() {
        @Override
        public String chainId() {
          return "aether-test";
        }

        @Override
        public long currentSlot() {
          return 10;
        }

        @Override
        public Optional<Account> account(Address a) {
          return a.equals(PAYER)
              ? Optional.of(new Account(Amount.of(1_000_000_000), 0))
              : Optional.empty();
        }

        @Override
        public Optional<Address> unspentOwner(UtxoRef ref) {
          return Optional.empty();
        }

        @Override
        public Amount requiredFee(Tx tx, int sizeBytes) {
          return Amount.of(sizeBytes);
        }

        @Override
        public Ratio congestion(Tx tx) {
          return new Ratio(1, 1);
        }
      };

  private final Mempool mempool =
      new Mempool(
          MempoolConfig.defaults(),
          tx -> {
            throw new AssertionError("admission verifies signatures itself, in batches");
          });
  private final AtomicInteger verified = new AtomicInteger();
  private TxAdmission admission;

  @AfterEach
  void close() {
    if (admission != null) {
      admission.close();
    }
  }

  private static TxBody body(long nonce) {
    return TestTxs.body(nonce);
  }

  private static Tx signed(long nonce) {
    return TestTxs.signed(nonce);
  }

  private static byte[] raw(Tx tx) {
    return Tx.CODEC.encode(tx);
  }

  private Admission admit(byte[] raw) {
    return admission.offer(raw).orElseThrow().join();
  }

  private static Rejection reason(Admission a) {
    assertThat(a).isInstanceOf(Admission.Rejected.class);
    return ((Admission.Rejected) a).reason();
  }

  @Test
  void admitsValidTransactionsAndNamesWhatIsWrongWithTheOthers() {
    admission = new TxAdmission(mempool, () -> VIEW, 100, verified::addAndGet);
    Tx ok = signed(0);
    assertThat(admit(raw(ok))).isInstanceOf(Admission.Admitted.class);
    assertThat(mempool.holdsVerified(ok)).isTrue();
    assertThat(reason(admit(raw(ok)))).isEqualTo(Rejection.ALREADY_KNOWN);
    assertThat(reason(admit(new byte[] {1, 2, 3}))).isEqualTo(Rejection.MALFORMED);
    assertThat(reason(admit(new byte[Tx.MAX_BYTES + 1]))).isEqualTo(Rejection.TOO_LARGE);
    Tx forged = new Tx(body(1), signed(2).signatures());
    assertThat(reason(admit(raw(forged)))).isEqualTo(Rejection.BAD_SIGNATURE);
    // Refused on state before any signature is verified: nonce 0 is taken, 500 is too far ahead.
    int before = verified.get();
    assertThat(reason(admit(raw(signed(500))))).isEqualTo(Rejection.NONCE_GAP);
    assertThat(verified.get()).isEqualTo(before);
  }

  @Test
  void aForgedTransactionInABatchIsRefusedAloneAndTheRestAdmitted() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    AtomicInteger views = new AtomicInteger();
    // The first batch waits until everything below is queued, so the rest form one batch.
    admission =
        new TxAdmission(
            mempool,
            () -> {
              if (views.getAndIncrement() == 1) {
                try {
                  hold.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return VIEW;
            },
            100,
            verified::addAndGet);
    assertThat(admit(raw(signed(0)))).isInstanceOf(Admission.Admitted.class);
    List<CompletableFuture<Admission>> results = new ArrayList<>();
    CompletableFuture<Admission> blocker = admission.offer(raw(signed(1))).orElseThrow();
    for (long n = 2; n < 40; n++) {
      Tx tx = n == 20 ? new Tx(body(20), signed(21).signatures()) : signed(n);
      results.add(admission.offer(raw(tx)).orElseThrow());
    }
    hold.countDown();
    assertThat(blocker.join()).isInstanceOf(Admission.Admitted.class);
    for (int i = 0; i < results.size(); i++) {
      Admission a = results.get(i).join();
      if (i + 2 == 20) {
        assertThat(reason(a)).isEqualTo(Rejection.BAD_SIGNATURE);
      } else {
        assertThat(a).as("nonce %d", i + 2).isInstanceOf(Admission.Admitted.class);
      }
    }
    assertThat(mempool.size()).isEqualTo(39);
  }

  @Test
  void aFullQueueRefusesInsteadOfBlocking() throws Exception {
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch hold = new CountDownLatch(1);
    admission =
        new TxAdmission(
            mempool,
            () -> {
              busy.countDown();
              try {
                hold.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return VIEW;
            },
            2,
            verified::addAndGet);
    CompletableFuture<Admission> first = admission.offer(raw(signed(0))).orElseThrow();
    busy.await(); // the worker holds the first transaction's batch
    List<Optional<CompletableFuture<Admission>>> offers = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      offers.add(admission.offer(raw(signed(i))));
    }
    // Two wait in the queue; the other eight are refused at once rather than blocking the caller.
    assertThat(offers.stream().filter(Optional::isPresent).count()).isEqualTo(2);
    assertThat(admission.waiting()).isEqualTo(2);
    hold.countDown();
    assertThat(first.join()).isInstanceOf(Admission.Admitted.class);
    assertThat(offers.get(0).orElseThrow().join()).isInstanceOf(Admission.Admitted.class);
  }
}
