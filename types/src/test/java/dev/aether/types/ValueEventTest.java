package dev.aether.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueEventTest {
  static final Address ALICE = new RandomTypes(1).address();
  static final H256 EMITTER = Hashing.tagged("aether/program/v1", "governance".getBytes());

  @Test
  void carriedAsAnEventWhoseTopicIsTheKindAndReadBack() {
    ValueEvent refund =
        ValueEvent.credit(ALICE, AssetId.SWR, Amount.of(500), "refund", Bytes.of(new byte[8]));
    Event e = refund.toEvent(EMITTER);
    assertThat(new String(e.topic().toArray(), StandardCharsets.US_ASCII)).isEqualTo("credit");
    assertThat(e.emitter()).isEqualTo(EMITTER);
    assertThat(ValueEvent.from(e)).contains(refund);
    assertThat(refund.balanceDelta()).isEqualTo(BigInteger.valueOf(500));
    assertThat(
            ValueEvent.debit(ALICE, AssetId.SWR, Amount.of(7), "spend", Bytes.EMPTY).balanceDelta())
        .isEqualTo(BigInteger.valueOf(-7));
    assertThat(
            ValueEvent.burn(AssetId.SWR, Amount.of(7), "deposit_burn", Bytes.EMPTY).movesBalance())
        .isFalse();
    assertThat(
            ValueEvent.slash(ALICE, AssetId.SWR, Amount.of(7), "downtime", Bytes.EMPTY)
                .balanceDelta())
        .isZero();
  }

  @Test
  void otherTopicsAreNotValueEvents() {
    Event transfer = new Event(EMITTER, Bytes.of("transfer".getBytes()), Bytes.of(new byte[3]));
    assertThat(ValueEvent.from(transfer)).isEmpty();
    ValueEvent burn = ValueEvent.burn(AssetId.SWR, Amount.of(1), "deposit_burn", Bytes.EMPTY);
    assertThat(ValueEvent.of(List.of(transfer, burn.toEvent(EMITTER))))
        .containsExactly(new ValueEvent.Emitted(EMITTER, burn));
  }

  @Test
  void aValueTopicWithDataOfAnotherKindIsRefused() {
    ValueEvent credit = ValueEvent.credit(ALICE, AssetId.SWR, Amount.of(1), "refund", Bytes.EMPTY);
    Event lying =
        new Event(EMITTER, Bytes.of("debit".getBytes()), Bytes.of(ValueEvent.CODEC.encode(credit)));
    assertThatThrownBy(() -> ValueEvent.from(lying))
        .isInstanceOf(CodecException.NonCanonical.class);
    Event garbage = new Event(EMITTER, Bytes.of("credit".getBytes()), Bytes.of(new byte[] {9}));
    assertThatThrownBy(() -> ValueEvent.from(garbage)).isInstanceOf(CodecException.class);
  }

  @Test
  void invariantsAreConstructorRules() {
    assertThatThrownBy(
            () ->
                new ValueEvent(
                    ValueEvent.Kind.BURN,
                    Optional.of(ALICE),
                    AssetId.SWR,
                    Amount.of(1),
                    "x",
                    Bytes.EMPTY))
        .hasMessageContaining("burn names no account");
    assertThatThrownBy(
            () ->
                new ValueEvent(
                    ValueEvent.Kind.CREDIT,
                    Optional.empty(),
                    AssetId.SWR,
                    Amount.of(1),
                    "x",
                    Bytes.EMPTY))
        .hasMessageContaining("names an account");
    assertThatThrownBy(() -> ValueEvent.credit(ALICE, AssetId.SWR, Amount.ZERO, "x", Bytes.EMPTY))
        .hasMessageContaining("non-zero");
    for (String bad : List.of("", "Refund", "re fund", "é", "a".repeat(33), "gov.refund")) {
      assertThatThrownBy(
              () -> ValueEvent.credit(ALICE, AssetId.SWR, Amount.of(1), bad, Bytes.EMPTY))
          .as(bad)
          .hasMessageContaining("cause");
    }
    assertThatThrownBy(
            () ->
                ValueEvent.credit(
                    ALICE,
                    AssetId.SWR,
                    Amount.of(1),
                    "x",
                    Bytes.of(new byte[ValueEvent.MAX_REF + 1])))
        .hasMessageContaining("ref");
  }

  @Test
  void decodingRefusesWhatTheConstructorRefuses() {
    // A burn that names an account, built byte by byte.
    byte[] burnWithAccount =
        new Writer()
            .u8(ValueEvent.Kind.BURN.ordinal())
            .u8(1)
            .fixed(ALICE.hash().toArray())
            .fixed(AssetId.SWR.id().toArray())
            .fixed(new byte[15])
            .u8(1)
            .string("x")
            .bytes(new byte[0])
            .toByteArray();
    assertThatThrownBy(() -> ValueEvent.CODEC.decode(burnWithAccount))
        .isInstanceOf(CodecException.NonCanonical.class);
    byte[] unknownKind =
        ValueEvent.CODEC.encode(ValueEvent.burn(AssetId.SWR, Amount.of(1), "x", Bytes.EMPTY));
    unknownKind[0] = 4;
    assertThatThrownBy(() -> ValueEvent.CODEC.decode(unknownKind))
        .isInstanceOf(CodecException.UnknownTag.class);
    byte[] zero =
        new Writer()
            .u8(ValueEvent.Kind.BURN.ordinal())
            .u8(0)
            .fixed(AssetId.SWR.id().toArray())
            .fixed(new byte[16])
            .string("x")
            .bytes(new byte[0])
            .toByteArray();
    assertThatThrownBy(() -> ValueEvent.CODEC.decode(zero))
        .isInstanceOf(CodecException.NonCanonical.class);
  }

  @Test
  void blockReceiptLeafIsDomainSeparatedFromTransactionReceipts() {
    BlockReceipt b = new BlockReceipt(5, List.of());
    Receipt r = new Receipt(H256.ZERO, Receipt.Status.SUCCESS, Amount.ZERO, 0, 0, List.of(), 0);
    assertThat(b.leafHash())
        .isEqualTo(Hashing.tagged("aether/block-receipt/v1", BlockReceipt.CODEC.encode(b)));
    assertThat(b.leafHash()).isNotEqualTo(r.leafHash());
    assertThat(b.leafHash()).isNotEqualTo(new BlockReceipt(6, List.of()).leafHash());
    assertThatThrownBy(() -> new BlockReceipt(0, List.of())).hasMessageContaining("height");
    assertThatThrownBy(() -> BlockReceipt.CODEC.decode(new byte[8] /* height 0, no list */))
        .isInstanceOf(CodecException.class);
  }
}
