package dev.aether.mesh.tee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.mesh.MeshException;
import dev.aether.types.Bytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The host's certificate table (configfs-tsm auxblob, SNP_GET_EXT_REPORT's buffer). */
class SnpCertTableTest {

  @Test
  void theGuidsOnTheWireArePinnedByteForByte() {
    // Written out, not derived with the parser's own conversion: a table encoded and decoded with
    // one (wrong) byte order would round-trip and still miss every real host's table.
    HexFormat hex = HexFormat.of();
    assertThat(hex.formatHex(SnpCertTable.bytes(SnpCertTable.Cert.VCEK.guid)))
        .isEqualTo("63da758de6644564adc5f4b93be8accd");
    assertThat(hex.formatHex(SnpCertTable.bytes(SnpCertTable.Cert.ASK.guid)))
        .isEqualTo("4ab7b379bbac4fe4a02f05aef327c782");
    assertThat(hex.formatHex(SnpCertTable.bytes(SnpCertTable.Cert.ARK.guid)))
        .isEqualTo("c0b406a4a803495297433fb6014cd0ae");
    assertThat(hex.formatHex(SnpCertTable.bytes(SnpCertTable.Cert.VLEK.guid)))
        .isEqualTo("a8074bc2a25a483eaae639c045a0b8a1");
    assertThat(
            hex.formatHex(
                SnpCertTable.mixedEndian(SnpCertTable.bytes(SnpCertTable.Cert.VCEK.guid))))
        .isEqualTo("8d75da6364e66445adc5f4b93be8accd");
  }

  @Test
  void aMilanHostsTableYieldsTheRealVcekAskAndArk() {
    List<Bytes> certs = SnpCertTable.certificates(Recorded.milanTable());
    List<byte[]> askArk = Recorded.askArk();
    assertThat(certs)
        .containsExactly(
            Bytes.of(Recorded.vcek()), Bytes.of(askArk.get(0)), Bytes.of(askArk.get(1)));
    assertThat(SnpCertTable.parse(Recorded.milanTable()))
        .extracting(e -> e.cert().orElseThrow())
        .containsExactly(SnpCertTable.Cert.VCEK, SnpCertTable.Cert.ASK, SnpCertTable.Cert.ARK);
  }

  @Test
  void anEmptyBlobOrALoneTerminatorHoldsNoCertificates() {
    assertThat(SnpCertTable.certificates(new byte[0])).isEmpty();
    assertThat(SnpCertTable.certificates(new byte[24])).isEmpty();
    assertThat(SnpCertTable.certificates(new byte[16 * 1024])).isEmpty();
  }

  @Test
  void unknownEntriesAreKeptOutOfTheReceiptAndMixedEndianGuidsAreRecognised() {
    UUID crl = UUID.fromString("92f81bc3-5811-4d3d-97ff-d19f88dc67ea");
    byte[] table =
        Recorded.certTable(
            List.of(crl, SnpCertTable.Cert.VCEK.guid), List.of(new byte[] {1, 2}, Recorded.vcek()));
    assertThat(SnpCertTable.parse(table)).hasSize(2);
    assertThat(SnpCertTable.parse(table).get(0).cert()).isEmpty();
    assertThat(SnpCertTable.parse(table).get(0).guid()).isEqualTo(crl);
    assertThat(SnpCertTable.certificates(table)).containsExactly(Bytes.of(Recorded.vcek()));
    // The same VCEK entry with its GUID in Windows/EFI byte order.
    byte[] mixed = table.clone();
    System.arraycopy(
        SnpCertTable.mixedEndian(SnpCertTable.bytes(SnpCertTable.Cert.VCEK.guid)),
        0,
        mixed,
        24,
        16);
    assertThat(SnpCertTable.certificates(mixed)).containsExactly(Bytes.of(Recorded.vcek()));
  }

  @Test
  void malformedTablesAreRefusedWithTheirReason() {
    byte[] good = Recorded.milanTable();
    // Not even one whole entry.
    assertThatThrownBy(() -> SnpCertTable.parse(new byte[10]))
        .isInstanceOf(MeshException.TeeFailed.class)
        .hasMessageContaining("no terminating zero entry");
    // Cut short: the entries claim data beyond the end.
    byte[] cut = java.util.Arrays.copyOf(good, 3 * 24 + 10);
    assertThatThrownBy(() -> SnpCertTable.parse(cut))
        .isInstanceOf(MeshException.TeeFailed.class)
        .hasMessageContaining("of a 82-byte table");
    // An entry pointing past the end.
    byte[] far = good.clone();
    ByteBuffer.wrap(far).order(ByteOrder.LITTLE_ENDIAN).putInt(16, good.length);
    assertThatThrownBy(() -> SnpCertTable.parse(far))
        .isInstanceOf(MeshException.TeeFailed.class)
        .hasMessageContaining("entry 0");
    // An entry pointing into the table itself.
    byte[] inside = good.clone();
    ByteBuffer.wrap(inside).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 16, 0);
    assertThatThrownBy(() -> SnpCertTable.parse(inside))
        .isInstanceOf(MeshException.TeeFailed.class)
        .hasMessageContaining("entry 1");
    // A length that wraps past 2^32 when added to the offset is still refused.
    byte[] wrap = good.clone();
    ByteBuffer.wrap(wrap).order(ByteOrder.LITTLE_ENDIAN).putInt(20, -1);
    assertThatThrownBy(() -> SnpCertTable.parse(wrap)).isInstanceOf(MeshException.TeeFailed.class);
    // More entries than any host supplies.
    byte[] many = new byte[(SnpCertTable.MAX_ENTRIES + 2) * 24 + 1];
    ByteBuffer m = ByteBuffer.wrap(many).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i <= SnpCertTable.MAX_ENTRIES; i++) {
      m.put(i * 24, (byte) 7);
      m.putInt(i * 24 + 16, many.length - 1);
      m.putInt(i * 24 + 20, 1);
    }
    assertThatThrownBy(() -> SnpCertTable.parse(many))
        .isInstanceOf(MeshException.TeeFailed.class)
        .hasMessageContaining("more than");
  }

  @Test
  void anyBytesParseToEntriesInsideTheBlobOrARefusalNeverAnotherException() {
    // Seeded: edits of the real table (1..4 bytes) and random blobs, 4 000 cases.
    java.util.Random r = new java.util.Random(0x5eed);
    byte[] good = Recorded.milanTable();
    int parsed = 0;
    for (int i = 0; i < 4_000; i++) {
      byte[] t;
      if (i % 2 == 0) {
        t = good.clone();
        for (int k = 0, n = 1 + r.nextInt(4); k < n; k++) {
          t[r.nextInt(Math.min(t.length, 4 * 24))] = (byte) r.nextInt(256);
        }
      } else {
        t = new byte[r.nextInt(200)];
        r.nextBytes(t);
      }
      try {
        for (SnpCertTable.Entry e : SnpCertTable.parse(t)) {
          assertThat(e.data().length()).isPositive().isLessThanOrEqualTo(t.length);
        }
        parsed++;
      } catch (MeshException.TeeFailed expected) {
        assertThat(expected.code()).isEqualTo("mesh.tee_failed");
      }
    }
    assertThat(parsed).isPositive(); // some edits (e.g. in certificate bytes' GUIDs) still parse
  }
}
