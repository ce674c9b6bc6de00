package dev.aether.crypto;

import ethereum.ckzg4844.CKZG4844JNI;
import ethereum.ckzg4844.CKZGException;
import ethereum.ckzg4844.ProofAndY;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@link Kzg} over c-kzg-4844 (the reference implementation Ethereum clients run), through its JNI
 * binding.
 *
 * <p>c-kzg keeps its trusted setup in process-global native state and refuses a second load, so the
 * setup is loaded exactly once, by the JVM's class-initialisation lock (the holder idiom), and
 * never freed. After that every call only reads the setup, so the instance is thread-safe.
 */
final class CKzg implements Kzg {

  /** SHA-256 of the shipped trusted_setup.txt (c-kzg-4844 src/trusted_setup.txt). */
  private static final String SETUP_SHA256 =
      "d39b9f2d047cc9dca2de58f264b6a09448ccd34db967881a6713eacacf0f26b7";

  private static final String SETUP_RESOURCE = "/dev/aether/crypto/kzg/trusted_setup.txt";
  private static final int G1_POINTS = 4096;
  private static final int G2_POINTS = 65;
  private static final int G1_BYTES = 48;
  private static final int G2_BYTES = 96;

  private CKzg() {}

  /**
   * Loaded once; a failure is remembered (not thrown from the class initialiser, which would
   * surface as an ExceptionInInitializerError and then NoClassDefFoundError) and reported as a
   * {@code CRYPTO_NATIVE} error on every call.
   */
  private static final class Holder {
    static final Object LOADED = loadOrError();

    private static Object loadOrError() {
      try {
        return load();
      } catch (CryptoException e) {
        return e.error();
      }
    }
  }

  static CKzg instance() {
    if (Holder.LOADED instanceof CKzg kzg) {
      return kzg;
    }
    throw new CryptoException((CryptoError) Holder.LOADED);
  }

  private static CKzg load() {
    final TrustedSetup setup = readSetup();
    try {
      CKZG4844JNI.loadNativeLibrary();
      // precompute = 0: the precomputation tables only speed up EIP-7594 cell proofs.
      CKZG4844JNI.loadTrustedSetup(setup.g1Monomial, setup.g1Lagrange, setup.g2Monomial, 0);
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new CryptoException(new CryptoError.NativeFailure("c-kzg-4844", String.valueOf(e)), e);
    }
    return new CKzg();
  }

  private record TrustedSetup(byte[] g1Lagrange, byte[] g2Monomial, byte[] g1Monomial) {}

  /**
   * Parses the text setup (counts, G1 Lagrange, G2 monomial, G1 monomial) after pinning its hash.
   */
  private static TrustedSetup readSetup() {
    final byte[] raw;
    try (InputStream in = CKzg.class.getResourceAsStream(SETUP_RESOURCE)) {
      if (in == null) {
        throw new IOException("missing resource " + SETUP_RESOURCE);
      }
      raw = in.readAllBytes();
    } catch (IOException e) {
      throw new CryptoException(new CryptoError.NativeFailure("c-kzg-4844", e.getMessage()), e);
    }
    if (!SETUP_SHA256.equals(HexFormat.of().formatHex(sha256(raw)))) {
      throw new CryptoException(
          new CryptoError.NativeFailure(
              "c-kzg-4844", "trusted setup does not match its pinned hash"));
    }
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new java.io.ByteArrayInputStream(raw), StandardCharsets.US_ASCII))) {
      final int g1 = Integer.parseInt(r.readLine().trim());
      final int g2 = Integer.parseInt(r.readLine().trim());
      if (g1 != G1_POINTS || g2 != G2_POINTS) {
        throw new IOException("unexpected point counts " + g1 + "/" + g2);
      }
      final byte[] lagrange = readPoints(r, G1_POINTS, G1_BYTES);
      final byte[] g2Monomial = readPoints(r, G2_POINTS, G2_BYTES);
      final byte[] monomial = readPoints(r, G1_POINTS, G1_BYTES);
      return new TrustedSetup(lagrange, g2Monomial, monomial);
    } catch (IOException | RuntimeException e) {
      throw new CryptoException(
          new CryptoError.NativeFailure("c-kzg-4844", "bad trusted setup: " + e.getMessage()), e);
    }
  }

  private static byte[] readPoints(final BufferedReader r, final int count, final int size)
      throws IOException {
    final byte[] out = new byte[count * size];
    final HexFormat hex = HexFormat.of();
    for (int i = 0; i < count; i++) {
      final String line = r.readLine();
      if (line == null) {
        throw new IOException("truncated");
      }
      final byte[] point = hex.parseHex(line.trim());
      if (point.length != size) {
        throw new IOException("point of " + point.length + " bytes");
      }
      System.arraycopy(point, 0, out, i * size, size);
    }
    return out;
  }

  private static byte[] sha256(final byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK ships SHA-256", e);
    }
  }

  @Override
  public KzgCommitment blobToCommitment(final Blob blob) {
    return new KzgCommitment(call(() -> CKZG4844JNI.blobToKzgCommitment(blob.unsafeBytes())));
  }

  @Override
  public KzgProofAndY computeProof(final Blob blob, final KzgFieldElement z) {
    final ProofAndY r = call(() -> CKZG4844JNI.computeKzgProof(blob.unsafeBytes(), z.bytes()));
    return new KzgProofAndY(new KzgProof(r.getProof()), new KzgFieldElement(r.getY()));
  }

  @Override
  public boolean verifyProof(
      final KzgCommitment commitment,
      final KzgFieldElement z,
      final KzgFieldElement y,
      final KzgProof proof) {
    return call(
        () -> CKZG4844JNI.verifyKzgProof(commitment.bytes(), z.bytes(), y.bytes(), proof.bytes()));
  }

  @Override
  public KzgProof computeBlobProof(final Blob blob, final KzgCommitment commitment) {
    return new KzgProof(
        call(() -> CKZG4844JNI.computeBlobKzgProof(blob.unsafeBytes(), commitment.bytes())));
  }

  @Override
  public boolean verifyBlobProof(
      final Blob blob, final KzgCommitment commitment, final KzgProof proof) {
    return call(
        () ->
            CKZG4844JNI.verifyBlobKzgProof(blob.unsafeBytes(), commitment.bytes(), proof.bytes()));
  }

  @Override
  public boolean verifyBlobProofBatch(
      final List<Blob> blobs, final List<KzgCommitment> commitments, final List<KzgProof> proofs) {
    final int n = blobs.size();
    if (commitments.size() != n || proofs.size() != n) {
      throw CryptoException.badArgument(
          "batch sizes differ: "
              + n
              + " blobs, "
              + commitments.size()
              + " commitments, "
              + proofs.size()
              + " proofs");
    }
    if (n == 0) {
      return true;
    }
    final byte[] b = new byte[n * Blob.LENGTH];
    final byte[] c = new byte[n * KzgCommitment.LENGTH];
    final byte[] p = new byte[n * KzgProof.LENGTH];
    for (int i = 0; i < n; i++) {
      System.arraycopy(blobs.get(i).unsafeBytes(), 0, b, i * Blob.LENGTH, Blob.LENGTH);
      System.arraycopy(
          commitments.get(i).bytes(), 0, c, i * KzgCommitment.LENGTH, KzgCommitment.LENGTH);
      System.arraycopy(proofs.get(i).bytes(), 0, p, i * KzgProof.LENGTH, KzgProof.LENGTH);
    }
    return call(() -> CKZG4844JNI.verifyBlobKzgProofBatch(b, c, p, n));
  }

  private interface NativeCall<T> {
    T run();
  }

  /**
   * Maps c-kzg's refusals to {@link CryptoError}: bad arguments are the caller's, others native.
   */
  private static <T> T call(final NativeCall<T> call) {
    try {
      return call.run();
    } catch (CKZGException e) {
      if (e.getError() == CKZGException.CKZGError.C_KZG_BADARGS) {
        throw new CryptoException(new CryptoError.BadEncoding("kzg input", e.getErrorMessage()), e);
      }
      throw new CryptoException(
          new CryptoError.NativeFailure("c-kzg-4844", e.getErrorMessage()), e);
    } catch (IllegalArgumentException e) {
      throw new CryptoException(new CryptoError.BadArgument(e.getMessage()), e);
    }
  }
}
