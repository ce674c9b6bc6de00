package dev.aether.verifiers.tee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TeeBindingTest {

  private static final HexFormat HEX = HexFormat.of();

  private static byte[] fill(final int b) {
    return fill(b, 32);
  }

  private static byte[] fill(final int b, final int n) {
    final byte[] out = new byte[n];
    Arrays.fill(out, (byte) b);
    return out;
  }

  /** job 1, input 2, model 3, code 4, seed 5, output 7, commitment 8 (48 bytes), key 6. */
  private static TeeBinding base() {
    return new TeeBinding(fill(1), fill(2), fill(3), fill(4), 5, fill(7), fill(8, 48), fill(6));
  }

  @Test
  void matchesIndependentlyComputedDigest() {
    // python3: hashlib.sha256(b'aether-tee-binding/v2' + b'\1'*32 + b'\2'*32 + b'\3'*32
    //          + b'\4'*32 + struct.pack('>Q', 0x0102030405060708) + b'\5'*32 + b'\6'*48)
    //          .hexdigest()
    final TeeBinding b =
        new TeeBinding(
            fill(1),
            fill(2),
            fill(3),
            fill(4),
            0x0102030405060708L,
            fill(5),
            fill(6, 48),
            fill(0xee));
    assertThat(b.preimage()).hasSize(237);
    assertThat(HEX.formatHex(b.reportData()))
        .isEqualTo(
            "3a206aff841cb7745782adf9c1789b712ca6c44b54c27800fadf432e6eb86398" + "ee".repeat(32));
  }

  @Test
  void seedIsUnsignedBigEndian() {
    // python3: same with zero fields and struct.pack('>Q', 2**64 - 1)
    final TeeBinding b =
        new TeeBinding(fill(0), fill(0), fill(0), fill(0), -1L, fill(0), fill(0, 48), fill(0));
    assertThat(HEX.formatHex(b.reportData(), 0, 32))
        .isEqualTo("5abf9e5f2e70ec60fefa48a16718897cea4988f8ad070045210cfbe7a9a54a24");
  }

  @Test
  void everyFieldChangesTheBindingTheOutputAndTraceIncluded() {
    final byte[] base = base().reportData();
    final byte[][] changed = {
      new TeeBinding(fill(9), fill(2), fill(3), fill(4), 5, fill(7), fill(8, 48), fill(6))
          .reportData(),
      new TeeBinding(fill(1), fill(9), fill(3), fill(4), 5, fill(7), fill(8, 48), fill(6))
          .reportData(),
      new TeeBinding(fill(1), fill(2), fill(9), fill(4), 5, fill(7), fill(8, 48), fill(6))
          .reportData(),
      new TeeBinding(fill(1), fill(2), fill(3), fill(9), 5, fill(7), fill(8, 48), fill(6))
          .reportData(),
      new TeeBinding(fill(1), fill(2), fill(3), fill(4), 6, fill(7), fill(8, 48), fill(6))
          .reportData(),
      new TeeBinding(fill(1), fill(2), fill(3), fill(4), 5, fill(9), fill(8, 48), fill(6))
          .reportData(),
      new TeeBinding(fill(1), fill(2), fill(3), fill(4), 5, fill(7), fill(9, 48), fill(6))
          .reportData(),
      new TeeBinding(fill(1), fill(2), fill(3), fill(4), 5, fill(7), fill(8, 48), fill(9))
          .reportData()
    };
    for (final byte[] c : changed) {
      assertThat(c).isNotEqualTo(base);
    }
    assertThat(base()).isEqualTo(base());
  }

  @Test
  void rejectsWrongFieldLengthsAndCopiesInputs() {
    assertThatThrownBy(
            () ->
                new TeeBinding(
                    new byte[31], fill(0), fill(0), fill(0), 0, fill(0), fill(0, 48), fill(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new TeeBinding(
                    fill(0), fill(0), fill(0), fill(0), 0, fill(0), fill(0, 32), fill(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new TeeBinding(
                    fill(0), fill(0), fill(0), fill(0), 0, fill(0), fill(0, 48), new byte[33]))
        .isInstanceOf(IllegalArgumentException.class);
    final byte[] job = fill(1);
    final TeeBinding b =
        new TeeBinding(job, fill(2), fill(3), fill(4), 5, fill(7), fill(8, 48), fill(6));
    final byte[] before = b.reportData();
    job[0] = 7;
    assertThat(b.reportData()).isEqualTo(before);
  }
}
