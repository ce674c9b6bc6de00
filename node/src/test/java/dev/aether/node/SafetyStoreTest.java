package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.consensus.SafetyState;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
              assertThat(new SafetyStore(d).load()).isNotEqualTo(SafetyState.INITIAL);
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

  private static Block block(long height) {
    H256 root = Hashing.tagged("test/safety", new byte[] {(byte) height});
    Header h =
        new Header(
            1,
            height,
            height,
            height,
            H256.ZERO,
            0,
            Bytes.EMPTY,
            0,
            dev.aether.types.OpCert.NONE,
            root,
            H256.ZERO,
            H256.ZERO,
            root,
            new QuorumCert(1, height - 1, H256.ZERO, SignerSet.EMPTY, Bytes.EMPTY),
            Optional.empty());
    return new Block(h, List.of(), Bytes.EMPTY);
  }

  private static SafetyState withBlocks(long round, List<Block> blocks) {
    return new SafetyState(
        1,
        round,
        round - 1,
        round,
        new SafetyState.Resume(Optional.empty(), Optional.empty(), blocks));
  }

  @Test
  void resumeBlocksAreStoredOnceEachAndTheStateNamesThemById() throws Exception {
    List<String> syncs = new ArrayList<>();
    SafetyStore store =
        new SafetyStore(
            dir,
            d -> {
              syncs.add(dir.relativize(d.toAbsolutePath()).toString());
              SafetyStore.fsyncDirectory(d);
            });
    List<Block> blocks = List.of(block(5), block(6), block(7));
    SafetyState first = withBlocks(8, blocks);
    store.save(first);
    assertThat(new SafetyStore(dir).load()).isEqualTo(first);
    // New block files are made durable before the state that names them.
    assertThat(syncs).containsExactly("safety-blocks", "");
    long stateSize = Files.size(dir.resolve("safety.bin"));
    assertThat(stateSize)
        .as("the state holds ids, not blocks")
        .isLessThan(64 + 33L * blocks.size() + 32);

    // The next vote builds on the same blocks: only the small state is written again.
    syncs.clear();
    SafetyState next = withBlocks(9, blocks);
    store.save(next);
    assertThat(syncs).containsExactly("");
    assertThat(new SafetyStore(dir).load()).isEqualTo(next);

    // After a commit the lower blocks leave the resume point, and their files go.
    SafetyState later = withBlocks(10, List.of(block(7)));
    store.save(later);
    assertThat(new SafetyStore(dir).load()).isEqualTo(later);
    try (var files = Files.list(dir.resolve("safety-blocks"))) {
      assertThat(files.map(f -> f.getFileName().toString()).toList())
          .containsExactly(block(7).id().toHex());
    }
  }

  @Test
  void aStateWrittenWithItsBlocksInlineStillLoads() throws Exception {
    SafetyState old = withBlocks(8, List.of(block(5), block(6)));
    Files.write(dir.resolve("safety.bin"), SafetyState.CODEC.encode(old));
    assertThat(new SafetyStore(dir).load()).isEqualTo(old);
  }

  @Test
  void aMissingOrSwappedResumeBlockIsAClearErrorNotAnEmptyResume() throws Exception {
    SafetyStore store = new SafetyStore(dir);
    store.save(withBlocks(8, List.of(block(5), block(6))));
    Path five = dir.resolve("safety-blocks").resolve(block(5).id().toHex());
    Path six = dir.resolve("safety-blocks").resolve(block(6).id().toHex());
    Files.copy(six, five, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> new SafetyStore(dir).load())
        .isInstanceOf(UncheckedIOException.class)
        .hasStackTraceContaining("holds block " + block(6).id().toHex());
    Files.delete(five);
    assertThatThrownBy(() -> new SafetyStore(dir).load())
        .isInstanceOf(UncheckedIOException.class)
        .hasStackTraceContaining("missing");
  }
}
