package dev.aether.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delaysDoubleWithJitterUpToTheCapAndResetOnSuccess() {
    final Backoff b = new Backoff(200, 5_000, new SplittableRandom(1));
    assertThat(b.due(0)).isTrue();
    long now = 0;
    long expectedMax = 200;
    for (int i = 0; i < 10; i++) {
      final long d = b.failed(now);
      final long cap = Math.min(expectedMax, 5_000);
      // Jitter keeps each delay in [cap/2, cap).
      assertThat(d).isBetween(cap / 2, cap);
      assertThat(b.due(now + d - 1)).isFalse();
      assertThat(b.due(now + d)).isTrue();
      now += d;
      expectedMax *= 2;
    }
    assertThat(b.failures()).isEqualTo(10);
    b.succeeded();
    assertThat(b.due(now)).isTrue();
    assertThat(b.failed(now)).isBetween(100L, 200L);
  }
}
