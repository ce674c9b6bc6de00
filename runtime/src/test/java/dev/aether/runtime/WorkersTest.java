package dev.aether.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkersTest {
  @Test
  void runsEveryJobOnItsLargeStackThreadsAndSurvivesAFailingJob() throws Exception {
    try (Workers w = new Workers(2, "test-exec", ParallelExecutor.WORKER_STACK_BYTES)) {
      w.execute(
          () -> {
            throw new IllegalStateException("a bad job");
          });
      int jobs = 200;
      CountDownLatch done = new CountDownLatch(jobs);
      ConcurrentHashMap<String, Boolean> names = new ConcurrentHashMap<>();
      for (int i = 0; i < jobs; i++) {
        w.execute(
            () -> {
              names.put(Thread.currentThread().getName(), true);
              done.countDown();
            });
      }
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(names.keySet()).allMatch(n -> n.startsWith("test-exec-"));
    }
  }

  @Test
  void aParkedWorkerWakesForANewJob() {
    try (Workers w = new Workers(1, "test-exec", ParallelExecutor.WORKER_STACK_BYTES)) {
      AtomicInteger ran = new AtomicInteger();
      w.execute(ran::incrementAndGet);
      await().atMost(Duration.ofSeconds(30)).until(() -> ran.get() == 1);
      // Past the polling window the worker parks; the next job must still wake it.
      await().atMost(Duration.ofSeconds(30)).until(() -> w.parkedCount() == 1);
      w.execute(ran::incrementAndGet);
      await().atMost(Duration.ofSeconds(30)).until(() -> ran.get() == 2);
    }
  }

  @Test
  void closedWorkersRefuseJobs() {
    Workers w = new Workers(1, "test-exec", ParallelExecutor.WORKER_STACK_BYTES);
    w.close();
    assertThatThrownBy(() -> w.execute(() -> {})).isInstanceOf(IllegalStateException.class);
  }
}
