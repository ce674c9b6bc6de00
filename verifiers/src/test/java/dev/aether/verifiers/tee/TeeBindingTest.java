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
    // python3: hashlib.sha256(b'AETHER-TEE-BINDING-V1' + b'\1'*32 + b'\2'*32 + b'\3'*32
    //          + b'\4'*32 + struct.pack('>Q', 0x0102030405060708)).hexdigest()
    final TeeBinding b = new TeeBinding(fill(1), fill(2), fill(3), fill(4), 0x0102030405060708L);
    assertThat(b.preimage()).hasSize(157);
    assertThat(HEX.formatHex(b.reportData()))
        .isEqualTo(
            "8805a35617392fffa0798980fe04fcc8d5e9a8cec53ced8821d12f674f3244c4" + "00".repeat(32));
  }

  @Test
  void seedIsUnsignedBigEndian() {
    // python3: same with zero hashes and struct.pack('>Q', 2**64 - 1)
    final TeeBinding b = new TeeBinding(fill(0), fill(0), fill(0), fill(0), -1L);
    assertThat(HEX.formatHex(b.reportData(), 0, 32))
        .isEqualTo("cda53da48377b2d2c6e337d9cc44f3187c0a597caf40df83afc4dd86f04618ac");
  }

  @Test
  void everyFieldChangesTheBinding() {
    final TeeBinding base = new TeeBinding(fill(1), fill(2), fill(3), fill(4), 5);
    assertThat(new TeeBinding(fill(9), fill(2), fill(3), fill(4), 5).reportData())
        .isNotEqualTo(base.reportData());
    assertThat(new TeeBinding(fill(1), fill(9), fill(3), fill(4), 5).reportData())
        .isNotEqualTo(base.reportData());
    assertThat(new TeeBinding(fill(1), fill(2), fill(9), fill(4), 5).reportData())
        .isNotEqualTo(base.reportData());
    assertThat(new TeeBinding(fill(1), fill(2), fill(3), fill(9), 5).reportData())
        .isNotEqualTo(base.reportData());
    assertThat(new TeeBinding(fill(1), fill(2), fill(3), fill(4), 6).reportData())
        .isNotEqualTo(base.reportData());
    assertThat(new TeeBinding(fill(1), fill(2), fill(3), fill(4), 5)).isEqualTo(base);
  }

  @Test
  void rejectsWrongFieldLengthsAndCopiesInputs() {
    assertThatThrownBy(() -> new TeeBinding(new byte[31], fill(0), fill(0), fill(0), 0))
        .isInstanceOf(IllegalArgumentException.class);
    final byte[] job = fill(1);
    final TeeBinding b = new TeeBinding(job, fill(2), fill(3), fill(4), 5);
    final byte[] before = b.reportData();
    job[0] = 7;
    assertThat(b.reportData()).isEqualTo(before);
  }
}
