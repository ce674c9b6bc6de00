package dev.aether.programs.jobs;

import dev.aether.compute.proof.ProviderTerms;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import dev.aether.verifiers.tee.Evidence;
import dev.aether.verifiers.tee.Policy;
import dev.aether.verifiers.tee.SnpTcb;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A compute provider's registration: the Ed25519 key that signs its receipts (its account key), its
 * TEE kind, the launch measurements it runs under (SEV-SNP MEASUREMENT, TDX MRTD, or the
 * development TEE's measurement of the runtime artifact), the minimum TCB it promises (SEV-SNP:
 * five SPL bytes fmc, bootloader, tee, snp, microcode; TDX: the 16-byte TEE_TCB_SVN), its
 * development TEE key (development kind only) and the runtime artifacts ({@code code_hash}) it
 * runs.
 *
 * @param address the provider's account (of {@code key})
 * @param key the Ed25519 public key that signs its receipts
 * @param kind the TEE kind
 * @param measurements launch measurements, 1..16, 48 bytes each
 * @param minTcb the minimum TCB (SEV-SNP 5 bytes, TDX 16 bytes), if any
 * @param devKey the development TEE's Ed25519 key (development kind only)
 * @param codeHashes the runtime artifacts, 1..16
 * @param registeredSlot when it (last) registered
 */
public record ProviderRecord(
    Address address,
    Bytes key,
    Evidence.Kind kind,
    List<Bytes> measurements,
    Optional<Bytes> minTcb,
    Optional<Bytes> devKey,
    List<H256> codeHashes,
    long registeredSlot) {

  /** Most measurements or code hashes a registration lists. */
  public static final int MAX_ENTRIES = 16;

  private static final Codec<Bytes> MEASUREMENT = fixed(48);
  private static final Codec<Bytes> KEY = fixed(32);
  private static final Codec<Bytes> TCB = Bytes.codec("minTcb", 16);

  /** The canonical codec. */
  public static final Codec<ProviderRecord> CODEC =
      new Codec<>() {
        @Override
        public void write(ProviderRecord p, Writer out) {
          out.u8(1);
          Address.CODEC.write(p.address, out);
          KEY.write(p.key, out);
          out.u8(kindTag(p.kind));
          out.list(p.measurements, MEASUREMENT);
          out.optional(p.minTcb, TCB);
          out.optional(p.devKey, KEY);
          out.list(p.codeHashes, H256.CODEC);
          out.u64(p.registeredSlot);
        }

        @Override
        public ProviderRecord read(Reader in) {
          if (in.u8("ProviderRecord version") != 1) {
            throw new CodecException.NonCanonical("ProviderRecord version");
          }
          return new ProviderRecord(
              Address.CODEC.read(in),
              KEY.read(in),
              kindOf(in.u8("kind")),
              in.list("measurements", MAX_ENTRIES, MEASUREMENT),
              in.optional("minTcb", TCB),
              in.optional("devKey", KEY),
              in.list("codeHashes", MAX_ENTRIES, H256.CODEC),
              in.u64("registered"));
        }
      };

  /** Checks the shape: sizes and counts, a development key exactly for the development kind. */
  public ProviderRecord {
    measurements = List.copyOf(measurements);
    codeHashes = List.copyOf(codeHashes);
    if (key.length() != 32 || !address.equals(Address.ofPublicKey(key.toArray()))) {
      throw new IllegalArgumentException("the key must be 32 bytes and the address its account");
    }
    if (measurements.isEmpty() || measurements.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("1.." + MAX_ENTRIES + " launch measurements");
    }
    for (Bytes m : measurements) {
      if (m.length() != 48) {
        throw new IllegalArgumentException("launch measurements are 48 bytes");
      }
    }
    if (codeHashes.isEmpty() || codeHashes.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("1.." + MAX_ENTRIES + " code hashes");
    }
    if ((kind == Evidence.Kind.DEV) != devKey.isPresent()) {
      throw new IllegalArgumentException("a development key exactly for the development TEE kind");
    }
    minTcb.ifPresent(
        t -> {
          int want = kind == Evidence.Kind.SEV_SNP ? 5 : kind == Evidence.Kind.TDX ? 16 : -1;
          if (t.length() != want) {
            throw new IllegalArgumentException(
                "a minimum TCB is 5 bytes for SEV-SNP, 16 for TDX, none for development");
          }
        });
  }

  /**
   * What receipts from this provider must meet: its key, kind, measurements, minimum TCB and code
   * hashes; development quotes only from its registered development key and only where the chain
   * allows them.
   */
  public ProviderTerms terms(boolean allowDevTee) {
    HexFormat hex = HexFormat.of();
    Set<String> ms = new TreeSet<>();
    for (Bytes m : measurements) {
      ms.add(hex.formatHex(m.toArray()));
    }
    Policy p = Policy.strict().withAllowedMeasurements(ms);
    if (minTcb.isPresent()) {
      byte[] t = minTcb.get().toArray();
      p =
          kind == Evidence.Kind.SEV_SNP
              ? p.withMinSnpTcb(
                  new SnpTcb(t[0] & 0xff, t[1] & 0xff, t[2] & 0xff, t[3] & 0xff, t[4] & 0xff))
              : p.withMinTdxTeeTcbSvn(hex.formatHex(t));
    }
    if (devKey.isPresent()) {
      p = p.withDevAttestations(allowDevTee, Set.of(hex.formatHex(devKey.get().toArray())));
    }
    return new ProviderTerms(key.toArray(), kind, p, codeHashes);
  }

  static int kindTag(Evidence.Kind k) {
    return switch (k) {
      case SEV_SNP -> 1;
      case TDX -> 2;
      case DEV -> 3;
    };
  }

  static Evidence.Kind kindOf(int tag) {
    return switch (tag) {
      case 1 -> Evidence.Kind.SEV_SNP;
      case 2 -> Evidence.Kind.TDX;
      case 3 -> Evidence.Kind.DEV;
      default -> throw new CodecException.UnknownTag("TEE kind", tag);
    };
  }

  private static Codec<Bytes> fixed(int n) {
    return new Codec<>() {
      @Override
      public void write(Bytes v, Writer out) {
        out.fixed(v.toArray());
      }

      @Override
      public Bytes read(Reader in) {
        return Bytes.of(in.fixed("bytes", n));
      }
    };
  }
}
