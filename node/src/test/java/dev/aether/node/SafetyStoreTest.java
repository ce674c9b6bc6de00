package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.consensus.SafetyState;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetyStoreTest {
  @TempDir Path dir;

  @Test
  void theDirectoryIsSyncedAfterTheNewStateIsRenamedIntoPlace() throws Exception {
    List<String> syncs = new ArrayList<>();
    SafetyStore store =
        new SafetyStore(
            dir,
            d -> {
              // At the directory fsync the rename has happened: the new state is under its name.
              syncs.add(d.toString());
              assertThat(Files.exists(d.resolve("safety.bin.tmp"))).isFalse();
              assertThat(SafetyState.CODEC.decode(Files.readAllBytes(d.resolve("safety.bin"))))
                  .isNotEqualTo(SafetyState.INITIAL);
              SafetyStore.fsyncDirectory(d); // and the real one works on this platform
            });
    SafetyState voted = new SafetyState(9, 8, 9);
    store.save(voted);
    assertThat(syncs).containsExactly(dir.toAbsolutePath().toString());
    assertThat(new SafetyStore(dir).load()).isEqualTo(voted);
  }

  @Test
  void aFailedDirectorySyncIsAFailedSave() {
    SafetyStore store =
        new SafetyStore(
            dir,
            d -> {
              throw new java.io.IOException("EIO");
            });
    assertThatThrownBy(() -> store.save(new SafetyState(3, 2, 3)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot persist safety state");
  }

  @Test
  void aMissingDataDirectoryIsAFailedSave() {
    SafetyStore store = new SafetyStore(dir.resolve("gone"));
    assertThatThrownBy(() -> store.save(SafetyState.INITIAL))
        .isInstanceOf(UncheckedIOException.class);
  }
}
