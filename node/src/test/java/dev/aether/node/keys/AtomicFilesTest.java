package dev.aether.node.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replacing a secret file: the new content under the name, the old content erased on disk. */
class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void theReplacedContentIsOverwrittenNotOnlyUnlinked() throws Exception {
    Path file = dir.resolve("keys.json");
    byte[] old = "{\"kes\":\"secret of period 4\"}".getBytes(StandardCharsets.US_ASCII);
    Files.write(file, old);
    // A second name for the same inode shows what became of the old content after the rename
    // (what a reader of the disk's blocks would find there).
    Path oldInode = dir.resolve("old-inode");
    Files.createLink(oldInode, file);

    byte[] next = "{\"kes\":\"secret of period 5\"}".getBytes(StandardCharsets.US_ASCII);
    AtomicFiles.replace(file, next);

    assertThat(Files.readAllBytes(file)).isEqualTo(next);
    assertThat(Files.readAllBytes(oldInode)).hasSize(old.length).containsOnly((byte) 0);
    assertThat(Files.exists(dir.resolve("keys.json.new"))).isFalse();
  }

  @Test
  void aFirstWriteCreatesTheFile() throws Exception {
    Path file = dir.resolve("fresh.json");
    AtomicFiles.replace(file, new byte[] {1, 2, 3});
    assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
  }
}
