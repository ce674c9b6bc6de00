package dev.aether.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden vectors in {@code src/test/resources/golden/<Type>.hex}: the encoding of the value that
 * seed 20261124 generates. A change to any encoding fails here; regenerate deliberately with {@code
 * -Daether.golden.write=true} and say why in the commit.
 */
class GoldenVectorsTest {
  static final long SEED = 20261124L;

  static Stream<AllTypes.Entry<?>> types() {
    return AllTypes.ALL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  <T> void encodingMatchesGoldenVector(AllTypes.Entry<T> type) throws IOException {
    T value = type.gen().apply(new RandomTypes(SEED));
    String hex = Hex.encode(type.codec().encode(value)) + "\n";
    Path file = Path.of("src/test/resources/golden", type.name() + ".hex");
    if (Boolean.getBoolean("aether.golden.write")) {
      Files.writeString(file, hex, StandardCharsets.US_ASCII);
    }
    String golden = Files.readString(file, StandardCharsets.US_ASCII);
    assertThat(hex).isEqualTo(golden);
    assertThat(type.codec().decode(Hex.decode(golden.strip()))).isEqualTo(value);
  }
}
