package dev.aether.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Round-trip and rejection properties for every canonical type. */
class CodecPropertiesTest {
  static Stream<AllTypes.Entry<?>> types() {
    return AllTypes.ALL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  <T> void decodeOfEncodeIsIdentityAndReencodesToSameBytes(AllTypes.Entry<T> type) {
    qt().withExamples(300)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              T value = type.gen().apply(new RandomTypes(seed));
              byte[] bytes = type.codec().encode(value);
              T decoded = type.codec().decode(bytes);
              assertThat(decoded).isEqualTo(value);
              assertThat(type.codec().encode(decoded)).isEqualTo(bytes);
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  <T> void everyStrictPrefixIsRejectedAsTruncated(AllTypes.Entry<T> type) {
    qt().withExamples(50)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              byte[] bytes = type.codec().encode(type.gen().apply(new RandomTypes(seed)));
              for (int cut = 0; cut < bytes.length; cut++) {
                byte[] prefix = Arrays.copyOf(bytes, cut);
                assertThatThrownBy(() -> type.codec().decode(prefix))
                    .isInstanceOf(CodecException.class);
              }
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  <T> void trailingBytesAreRejected(AllTypes.Entry<T> type) {
    qt().withExamples(50)
        .forAll(longs().all(), integers().between(1, 8))
        .checkAssert(
            (seed, extra) -> {
              byte[] bytes = type.codec().encode(type.gen().apply(new RandomTypes(seed)));
              byte[] longer = Arrays.copyOf(bytes, bytes.length + extra);
              assertThatThrownBy(() -> type.codec().decode(longer))
                  .isInstanceOf(CodecException.TrailingBytes.class);
            });
  }

  /**
   * Flipping any byte either fails to decode with a {@link CodecException} or decodes to a value
   * whose encoding is exactly the mutated bytes: no input has two readings.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  <T> void mutatedBytesDecodeCanonicallyOrFailCleanly(AllTypes.Entry<T> type) {
    Codec<T> codec = type.codec();
    qt().withExamples(200)
        .forAll(longs().all(), integers().allPositive(), integers().between(1, 255))
        .checkAssert(
            (seed, pos, delta) -> {
              byte[] bytes = codec.encode(type.gen().apply(new RandomTypes(seed)));
              if (bytes.length == 0) {
                return;
              }
              bytes[pos % bytes.length] += delta.byteValue();
              try {
                T v = codec.decode(bytes);
                assertThat(codec.encode(v)).isEqualTo(bytes);
              } catch (CodecException expected) {
                assertThat(expected.code()).startsWith("codec.");
              }
            });
  }
}
