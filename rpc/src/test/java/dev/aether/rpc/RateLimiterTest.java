package dev.aether.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void zeroRateMeansUnlimited() {
    RateLimiter l = new RateLimiter(0, 1, () -> 0L, 10);
    for (int i = 0; i < 10_000; i++) {
      assertThat(l.tryAcquire("a")).isTrue();
    }
  }

  @Test
  void rejectsNonsenseSettings() {
    assertThatThrownBy(() -> new RateLimiter(-1, 1, () -> 0L, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(10, 0, () -> 0L, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clockWrapAroundDoesNotBlockClients() {
    // System.nanoTime may be negative or wrap; differences are what count.
    AtomicLong now = new AtomicLong(Long.MAX_VALUE - SECOND / 2);
    RateLimiter l = new RateLimiter(1, 1, now::get, 10);
    assertThat(l.tryAcquire("a")).isTrue();
    assertThat(l.tryAcquire("a")).isFalse();
    now.addAndGet(SECOND); // overflows into negative values
    assertThat(l.tryAcquire("a")).isTrue();
  }

  @Test
  void idleClientsAreForgottenWithoutChangingTheirBudget() {
    AtomicLong now = new AtomicLong(0);
    RateLimiter l = new RateLimiter(1, 2, now::get, 3);
    for (int i = 0; i < 10; i++) {
      assertThat(l.tryAcquire("c" + i)).isTrue();
    }
    now.addAndGet(10 * SECOND);
    for (int i = 0; i < 10; i++) {
      assertThat(l.tryAcquire("c" + i)).isTrue();
      assertThat(l.tryAcquire("c" + i)).isTrue();
      assertThat(l.tryAcquire("c" + i)).isFalse();
    }
  }

  /**
   * Over any window of whole seconds starting with a full bucket, a client never gets more than
   * burst + rate * seconds calls, and a client calling as fast as allowed gets exactly that.
   */
  @Test
  void admitsExactlyBurstPlusRateTimesElapsed() {
    qt().withExamples(200)
        .forAll(integers().between(1, 50), integers().between(1, 20), integers().between(0, 30))
        .checkAssert(
            (rate, burst, seconds) -> {
              AtomicLong now = new AtomicLong(0);
              RateLimiter l = new RateLimiter(rate, burst, now::get, 10);
              long admitted = 0;
              long step = SECOND / rate / 4 + 1;
              for (long t = 0; t <= seconds * SECOND; t += step) {
                now.set(t);
                while (l.tryAcquire("x")) {
                  admitted++;
                }
              }
              assertThat(admitted).isLessThanOrEqualTo(burst + (long) rate * seconds);
              assertThat(admitted).isGreaterThanOrEqualTo(burst + (long) rate * seconds - 1);
            });
  }
}
