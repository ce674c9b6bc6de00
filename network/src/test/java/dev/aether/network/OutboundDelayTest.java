package dev.aether.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OutboundDelayTest {
  @Test
  void zeroDelayWritesAtOnceOnTheCallersThread() {
    try (OutboundDelay d = OutboundDelay.of(Duration.ZERO, "t")) {
      final List<Thread> ran = new ArrayList<>();
      d.submit(() -> ran.add(Thread.currentThread()));
      assertThat(ran).containsExactly(Thread.currentThread());
    }
  }

  @Test
  void writesWaitAtLeastTheDelayAndKeepTheirOrder() {
    final long delayNanos = Duration.ofMillis(40).toNanos();
    final int n = 2_000;
    final long[] submitted = new long[n];
    final List<long[]> written = new CopyOnWriteArrayList<>(); // {index, nanoTime}
    try (OutboundDelay d = OutboundDelay.of(Duration.ofNanos(delayNanos), "t")) {
      for (int i = 0; i < n; i++) {
        final int index = i;
        submitted[i] = System.nanoTime();
        d.submit(() -> written.add(new long[] {index, System.nanoTime()}));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> written.size() == n);
    }
    for (int i = 0; i < n; i++) {
      assertThat(written.get(i)[0]).as("write %d in submission order", i).isEqualTo(i);
      assertThat(written.get(i)[1] - submitted[i])
          .as("write %d delayed", i)
          .isGreaterThanOrEqualTo(delayNanos);
    }
  }

  @Test
  void afterCloseWritesAreDroppedAndNegativeDelaysRefused() {
    final List<Integer> written = new CopyOnWriteArrayList<>();
    final OutboundDelay d = OutboundDelay.of(Duration.ofMillis(1), "t");
    d.close();
    d.submit(() -> written.add(1));
    assertThat(written).isEmpty();
    assertThatThrownBy(() -> OutboundDelay.of(Duration.ofMillis(-1), "t"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                NetworkConfig.local(TestNodes.key(0), List.of())
                    .withInjectedDelay(Duration.ofMillis(-1)))
        .hasMessageContaining("injected delay");
    assertThat(NetworkConfig.local(TestNodes.key(0), List.of()).injectedDelay()).isZero();
  }
}
