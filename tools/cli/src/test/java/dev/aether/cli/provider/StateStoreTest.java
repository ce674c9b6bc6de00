package dev.aether.cli.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.cli.provider.StateStore.Stats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's books: an event repeated after a restart is counted once. */
class StateStoreTest {
  @TempDir Path dir;

  private static final UnaryOperator<Stats> SETTLED =
      s ->
          new Stats(
              s.accepted(),
              s.submitted(),
              s.settled() + 1,
              s.earned(),
              s.rerun(),
              s.rerunJUnits(),
              s.challenged(),
              s.caught(),
              s.rewards(),
              s.expired());

  private static JobState open(String id) {
    return new JobState(
        id,
        JobState.Role.RUN,
        JobState.Phase.SUBMITTED,
        "0x00",
        "0x00",
        "",
        0,
        "1",
        100,
        1,
        null,
        0,
        "test");
  }

  @Test
  void anEventRepeatedByARestartedDaemonIsCountedOnce() {
    StateStore first = new StateStore(dir);
    first.put(open("0xaa"));
    first.count("0xaa settled", SETTLED);
    first.close();
    // A kill before the job's new phase was written: the restarted daemon repeats the step.
    StateStore s = new StateStore(dir);
    try {
      s.count("0xaa settled", SETTLED);
      assertThat(s.stats().settled()).isEqualTo(1);
      s.put(open("0xbb"));
      s.count("0xbb settled", SETTLED);
      assertThat(s.stats().settled()).isEqualTo(2);
    } finally {
      s.close();
    }
  }

  @Test
  void eventsOfFinishedJobsAreForgottenAndOldFilesStillRead() throws Exception {
    Files.writeString(
        dir.resolve("stats.json"),
        "{\"accepted\":1,\"submitted\":1,\"settled\":1,\"earned\":\"99\",\"rerun\":0,"
            + "\"rerunJUnits\":0,\"challenged\":0,\"caught\":0,\"rewards\":\"0\"}");
    StateStore s = new StateStore(dir);
    try {
      assertThat(s.stats().earned()).isEqualTo("99");
      s.put(open("0xaa"));
      s.count("0xaa settled", SETTLED);
      s.put(open("0xaa").withPhase(JobState.Phase.DONE, "settled"));
      s.put(open("0xbb"));
      s.count("0xbb settled", SETTLED);
      assertThat(Files.readString(dir.resolve("stats.json")))
          .contains("0xbb settled")
          .doesNotContain("0xaa settled");
      assertThat(s.stats().settled()).isEqualTo(3);
    } finally {
      s.close();
    }
  }

  @Test
  void aFolderOfAnotherChainIsRefused() throws Exception {
    Path state = dir.resolve("state");
    StateStore.requireChain(state, "0xaa");
    StateStore.requireChain(state, "0xAA"); // the same chain, again
    assertThat(Files.readString(state.resolve("chain"))).isEqualTo("0xaa");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> StateStore.requireChain(state, "0xbb"))
        .isInstanceOf(dev.aether.cli.CliException.class)
        .hasMessageContaining("belongs to the chain with genesis block 0xaa");
    assertThat(Files.readString(state.resolve("chain"))).isEqualTo("0xaa");
  }
}
