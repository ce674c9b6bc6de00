package dev.aether.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Writer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each way a byte string can fail to be canonical, with its own error type. */
class CodecRejectionTest {
  private final RandomTypes r = new RandomTypes(7);

  @Test
  void rejectsUnsortedAccessSets() {
    H256 a = H256.fromHex("0x" + "01".repeat(32));
    H256 b = H256.fromHex("0x" + "02".repeat(32));
    TxBody body = withWrites(List.of(a, b));
    byte[] bytes = TxBody.CODEC.encode(body);
    // swap the two write keys in place
    byte[] swapped = bytes.clone();
    int at = indexOf(bytes, a.toArray());
    System.arraycopy(b.toArray(), 0, swapped, at, 32);
    System.arraycopy(a.toArray(), 0, swapped, at + 32, 32);
    assertThatThrownBy(() -> TxBody.CODEC.decode(swapped))
        .isInstanceOf(CodecException.NonCanonical.class)
        .hasMessageContaining("writes");
  }

  @Test
  void rejectsDuplicateAccessKeysInConstructorAndDecoder() {
    H256 a = r.h256();
    assertThatThrownBy(() -> withWrites(List.of(a, a)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsUnknownVersionTag() {
    byte[] bytes = TxBody.CODEC.encode(withWrites(List.of()));
    bytes[0] = 2;
    assertThatThrownBy(() -> TxBody.CODEC.decode(bytes))
        .isInstanceOf(CodecException.UnknownTag.class)
        .hasMessageContaining("TxBody version");
  }

  @Test
  void rejectsOptionTagOtherThanZeroOrOne() {
    TxOutput out = new TxOutput(r.address(), Value.EMPTY, Optional.empty());
    byte[] bytes = TxOutput.CODEC.encode(out);
    bytes[bytes.length - 1] = 2;
    assertThatThrownBy(() -> TxOutput.CODEC.decode(bytes))
        .isInstanceOf(CodecException.UnknownTag.class);
  }

  @Test
  void rejectsZeroAmountAndUnsortedAssetsInValue() {
    byte[] zero =
        new Writer().u32(1).fixed(AssetId.SWR.id().toArray()).fixed(new byte[16]).toByteArray();
    assertThatThrownBy(() -> Value.CODEC.decode(zero))
        .isInstanceOf(CodecException.NonCanonical.class)
        .hasMessageContaining("zero amount");
    AssetId lo = new AssetId(H256.fromHex("0x" + "00".repeat(32)));
    AssetId hi = new AssetId(H256.fromHex("0x" + "ff".repeat(32)));
    byte[] one = Amount.CODEC.encode(Amount.of(1));
    byte[] unsorted =
        new Writer()
            .u32(2)
            .fixed(hi.id().toArray())
            .fixed(one)
            .fixed(lo.id().toArray())
            .fixed(one)
            .toByteArray();
    assertThatThrownBy(() -> Value.CODEC.decode(unsorted))
        .isInstanceOf(CodecException.NonCanonical.class);
  }

  @Test
  void rejectsLengthsOverTheLimitBeforeReadingThem() {
    byte[] hugeCall = new Writer().fixed(new byte[32]).u32(Call.MAX_METHOD + 1).toByteArray();
    assertThatThrownBy(() -> Call.CODEC.decode(hugeCall))
        .isInstanceOf(CodecException.LengthOverLimit.class);
    byte[] manyAssets = new Writer().u32(Value.MAX_ASSETS + 1).toByteArray();
    assertThatThrownBy(() -> Value.CODEC.decode(manyAssets))
        .isInstanceOf(CodecException.LengthOverLimit.class);
  }

  @Test
  void rejectsOversizedTransactionBeforeDecoding() {
    byte[] big = new byte[Tx.MAX_BYTES + 1];
    assertThatThrownBy(() -> Tx.CODEC.decode(big))
        .isInstanceOf(CodecException.LengthOverLimit.class);
  }

  @Test
  void rejectsBoolOtherThanZeroOrOne() {
    assertThatThrownBy(() -> new dev.aether.types.codec.Reader(new byte[] {2}).bool("flag"))
        .isInstanceOf(CodecException.NonCanonical.class);
  }

  @Test
  void rejectsInvalidUtf8() {
    byte[] bad = new Writer().fixed(new byte[32]).u32(1).u8(0xff).u32(0).toByteArray();
    assertThatThrownBy(() -> Call.CODEC.decode(bad))
        .isInstanceOf(CodecException.NonCanonical.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void rejectsSignerBitmapWithTrailingZero() {
    byte[] bad = new Writer().bytes(new byte[] {1, 0}).toByteArray();
    assertThatThrownBy(() -> SignerSet.CODEC.decode(bad))
        .isInstanceOf(CodecException.NonCanonical.class);
  }

  @Test
  void errorCodesAreStable() {
    assertThat(new CodecException.Truncated("x", 1, 0).code()).isEqualTo("codec.truncated");
    assertThat(new CodecException.TrailingBytes("x", 1).code()).isEqualTo("codec.trailing_bytes");
    assertThat(new CodecException.NonCanonical("x").code()).isEqualTo("codec.non_canonical");
    assertThat(new CodecException.UnknownTag("x", 1).code()).isEqualTo("codec.unknown_tag");
    assertThat(new CodecException.LengthOverLimit("x", 2, 1).code())
        .isEqualTo("codec.length_over_limit");
  }

  private TxBody withWrites(List<H256> writes) {
    return new TxBody(
        "aether-dev-1",
        r.address(),
        0,
        List.of(),
        List.of(),
        writes,
        List.of(),
        List.of(),
        Value.EMPTY,
        Value.EMPTY,
        Amount.of(1),
        0,
        10);
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("needle not found");
  }
}
