package dev.aether.mesh.tee;

import dev.aether.mesh.MeshException;
import dev.aether.types.Bytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SEV-SNP extended report's certificate table, as the host supplies it (GHCB specification
 * 56421, MSG_REPORT_REQ / SNP extended guest request): entries of a 16-byte GUID, a 4-byte
 * little-endian offset and a 4-byte length, ended by an all-zero entry, followed by the certificate
 * data; offsets count from the table's start. configfs-tsm's {@code auxblob} and the {@code
 * SNP_GET_EXT_REPORT} certificate buffer both hold exactly this.
 *
 * <p>Only the certificates a verifier chains are kept (VCEK, VLEK, ASK, ARK, by their GHCB GUIDs);
 * other entries (e.g. a CRL) are reported but not forwarded, since a receipt's certificate files
 * must each parse and chain to a pinned AMD root. GUIDs are matched in RFC 4122 byte order (what
 * AMD's tools and go-sev-guest write) and, as a tolerance, in the mixed-endian order of Microsoft
 * GUIDs: the GUID only labels a file — whether it is trusted is the verifier's chain check.
 */
final class SnpCertTable {
  /** Certificates a verifier uses. */
  enum Cert {
    VCEK("63da758d-e664-4564-adc5-f4b93be8accd"),
    VLEK("a8074bc2-a25a-483e-aae6-39c045a0b8a1"),
    ASK("4ab7b379-bbac-4fe4-a02f-05aef327c782"),
    ARK("c0b406a4-a803-4952-9743-3fb6014cd0ae");

    final UUID guid;

    Cert(String guid) {
      this.guid = UUID.fromString(guid);
    }
  }

  /** One table entry: its GUID, what it is if known, and its bytes. */
  record Entry(UUID guid, Optional<Cert> cert, Bytes data) {}

  static final int ENTRY_SIZE = 24;

  /** More entries than any host supplies (VCEK or VLEK, ASK, ARK, a CRL) — bounds the parse. */
  static final int MAX_ENTRIES = 32;

  private SnpCertTable() {}

  /** Every entry of {@code table}; an empty blob is a table without entries. */
  static List<Entry> parse(byte[] table) {
    List<Entry> out = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
    if (table.length == 0) {
      return out;
    }
    for (int i = 0; ; i++) {
      int at = i * ENTRY_SIZE;
      if (at + ENTRY_SIZE > table.length) {
        throw bad("the table has no terminating zero entry within its " + table.length + " bytes");
      }
      byte[] guid = Arrays.copyOfRange(table, at, at + 16);
      long offset = Integer.toUnsignedLong(b.getInt(at + 16));
      long length = Integer.toUnsignedLong(b.getInt(at + 20));
      if (offset == 0 && length == 0 && Arrays.equals(guid, new byte[16])) {
        return out;
      }
      if (i == MAX_ENTRIES) {
        throw bad("more than " + MAX_ENTRIES + " entries");
      }
      long tableEnd = (long) (i + 2) * ENTRY_SIZE; // at least this entry and the terminator
      if (length == 0 || offset < tableEnd || offset + length > table.length) {
        throw bad(
            "entry "
                + i
                + " ("
                + rfc(guid)
                + ") claims bytes "
                + offset
                + ".."
                + (offset + length)
                + " of a "
                + table.length
                + "-byte table");
      }
      out.add(
          new Entry(
              rfc(guid),
              cert(guid),
              Bytes.of(Arrays.copyOfRange(table, (int) offset, (int) (offset + length)))));
    }
  }

  /** The certificates a verifier chains, in table order. */
  static List<Bytes> certificates(byte[] table) {
    return parse(table).stream().filter(e -> e.cert().isPresent()).map(Entry::data).toList();
  }

  /** The GUID's 16 bytes in RFC 4122 (big-endian) order. */
  static byte[] bytes(UUID u) {
    return ByteBuffer.allocate(16)
        .putLong(u.getMostSignificantBits())
        .putLong(u.getLeastSignificantBits())
        .array();
  }

  private static Optional<Cert> cert(byte[] guid) {
    for (Cert c : Cert.values()) {
      byte[] rfc = bytes(c.guid);
      if (Arrays.equals(guid, rfc) || Arrays.equals(guid, mixedEndian(rfc))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The first three fields byte-swapped: the same GUID as Windows and EFI lay it out. */
  static byte[] mixedEndian(byte[] rfc) {
    byte[] m = rfc.clone();
    swap(m, 0, 4);
    swap(m, 4, 2);
    swap(m, 6, 2);
    return m;
  }

  private static void swap(byte[] b, int from, int len) {
    for (int i = 0; i < len / 2; i++) {
      byte t = b[from + i];
      b[from + i] = b[from + len - 1 - i];
      b[from + len - 1 - i] = t;
    }
  }

  private static UUID rfc(byte[] guid) {
    ByteBuffer g = ByteBuffer.wrap(guid);
    return new UUID(g.getLong(), g.getLong());
  }

  private static MeshException.TeeFailed bad(String why) {
    return new MeshException.TeeFailed("SEV-SNP certificate table: " + why, null);
  }
}
