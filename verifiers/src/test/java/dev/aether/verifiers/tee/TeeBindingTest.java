package dev.aether.verifiers.tee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TeeBindingTest {

  private static final HexFormat HEX = HexFormat.of();

  private static byte[] fill(final int b) {
    final byte[] out = new byte[32];
    Arrays.fill(out, (byte) b);
    return out;
  }

  @Test
  void matchesIndependentlyComputedDigest() {
    // python3: hashlib.sha256(b'aether-tee-binding/v1' + b'\1'*32 + b'\2'*32 + b'\3'*32
    //          + b'\4'*32 + struct.pack('>Q', 0x0102030405060708)).hexdigest()
    final TeeBinding b =
        new TeeBinding(fill(1), fill(2), fill(3), fill(4), 0x0102030405060708L, fill(0xee));
    assertThat(b.preimage()).hasSize(157);
    assertThat(HEX.formatHex(b.reportData()))
        .isEqualTo(
            "bb95749ab346be64ba47fb2c3b8c8050a237adb8be1ae2e72c583a13aadd4a0b" + "ee".repeat(32));
  }

  @Test
  void seedIsUnsignedBigEndian() {
    // python3: same with zero hashes and struct.pack('>Q', 2**64 - 1)
    final TeeBinding b = new TeeBinding(fill(0), fill(0), fill(0), fill(0), -1L, fill(0));
    assertThat(HEX.formatHex(b.reportData(), 0, 32))
        .isEqualTo("b3eaa17f5579d3eec71f0333f6660ac2af5ec664d2b12e57d188b03eb29e4207");
  }

  @Test
  void everyFieldChangesTheBinding() {
    final byte[] base = new TeeBinding(fill(1), fill(2), fill(3), fill(4), 5, fill(6)).reportData();
    assertThat(new TeeBinding(fill(9), fill(2), fill(3), fill(4), 5, fill(6)).reportData())
        .isNotEqualTo(base);
    assertThat(new TeeBinding(fill(1), fill(9), fill(3), fill(4), 5, fill(6)).reportData())
        .isNotEqualTo(base);
    assertThat(new TeeBinding(fill(1), fill(2), fill(9), fill(4), 5, fill(6)).reportData())
        .isNotEqualTo(base);
    assertThat(new TeeBinding(fill(1), fill(2), fill(3), fill(9), 5, fill(6)).reportData())
        .isNotEqualTo(base);
    assertThat(new TeeBinding(fill(1), fill(2), fill(3), fill(4), 6, fill(6)).reportData())
        .isNotEqualTo(base);
    assertThat(new TeeBinding(fill(1), fill(2), fill(3), fill(4), 5, fill(9)).reportData())
        .isNotEqualTo(base);
    assertThat(new TeeBinding(fill(1), fill(2), fill(3), fill(4), 5, fill(6)))
        .isEqualTo(new TeeBinding(fill(1), fill(2), fill(3), fill(4), 5, fill(6)));
  }

  @Test
  void rejectsWrongFieldLengthsAndCopiesInputs() {
    assertThatThrownBy(() -> new TeeBinding(new byte[31], fill(0), fill(0), fill(0), 0, fill(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TeeBinding(fill(0), fill(0), fill(0), fill(0), 0, new byte[33]))
        .isInstanceOf(IllegalArgumentException.class);
    final byte[] job = fill(1);
    final TeeBinding b = new TeeBinding(job, fill(2), fill(3), fill(4), 5, fill(6));
    final byte[] before = b.reportData();
    job[0] = 7;
    assertThat(b.reportData()).isEqualTo(before);
  }
}
