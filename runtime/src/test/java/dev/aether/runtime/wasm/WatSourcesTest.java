package dev.aether.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed .wasm test contracts are what their .wat sources compile to. Runs where wabt's
 * wat2wasm is installed (the CI installs it); elsewhere the binaries are taken as committed.
 */
class WatSourcesTest {
  private static Path contractsDir() {
    String root = System.getProperty("aether.root", "..");
    return Path.of(root, "runtime", "src", "test", "resources", "contracts");
  }

  private static boolean hasWat2wasm() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .anyMatch(d -> Files.isExecutable(Path.of(d, "wat2wasm")));
  }

  @Test
  void committedBinariesMatchTheirSources() throws Exception {
    assumeTrue(hasWat2wasm(), "wat2wasm not installed");
    Path dir = contractsDir();
    assumeTrue(Files.isDirectory(dir), "sources not found at " + dir);
    List<Path> sources;
    try (Stream<Path> s = Files.list(dir)) {
      sources = s.filter(p -> p.toString().endsWith(".wat")).sorted().toList();
    }
    assertThat(sources).hasSizeGreaterThanOrEqualTo(3);
    Path tmp = Files.createTempDirectory("wat");
    for (Path wat : sources) {
      String name = wat.getFileName().toString().replace(".wat", "");
      Path out = tmp.resolve(name + ".wasm");
      Process p =
          new ProcessBuilder("wat2wasm", wat.toString(), "-o", out.toString())
              .redirectErrorStream(true)
              .start();
      String log = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor()).as("wat2wasm %s: %s", wat, log).isZero();
      assertThat(Files.readAllBytes(out))
          .as("%s.wasm is stale: run contracts/build.sh", name)
          .isEqualTo(dev.aether.runtime.TestContracts.wasm(name));
    }
  }
}
