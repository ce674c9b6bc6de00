package dev.aether.da;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Systematic Reed–Solomon erasure code over GF(2^8) with {@code k} data and {@code m} parity
 * shards, byte-compatible with Backblaze JavaReedSolomon and klauspost/reedsolomon.
 *
 * <p>Encoding matrix {@code E = V · (top k×k of V)^-1} with {@code V} the (k+m)×k Vandermonde
 * matrix {@code V[r][c] = r^c}; the top k rows of E are the identity, so data shards pass through
 * unchanged and any k of the k+m shards rebuild the rest. Instances are immutable and thread-safe.
 */
public final class ReedSolomon {
  /** The Aether shred code: 10 data + 2 parity shreds per FEC set. */
  public static final int DATA_SHREDS = 10;

  /** Parity shreds per FEC set. */
  public static final int PARITY_SHREDS = 2;

  private final int dataShards;
  private final int parityShards;
  private final int[][] matrix;

  /**
   * Decode matrices by the bitmask of shards used: with 12 shards there are at most 66 patterns of
   * two losses, and inverting a 10×10 matrix costs more than decoding a 1 KiB set. A cache of pure
   * values, safe to share across threads.
   */
  private final ConcurrentHashMap<Long, int[][]> decodeMatrices = new ConcurrentHashMap<>();

  private ReedSolomon(final int dataShards, final int parityShards) {
    this.dataShards = dataShards;
    this.parityShards = parityShards;
    final int total = dataShards + parityShards;
    final int[][] v = Gf256Matrix.vandermonde(total, dataShards);
    final int[][] top = Gf256Matrix.rows(v, 0, dataShards);
    this.matrix = Gf256Matrix.multiply(v, Gf256Matrix.invert(top));
  }

  /**
   * A coder for {@code k} data and {@code m} parity shards; {@code k + m <= 256} is the field's
   * limit on distinct Vandermonde rows.
   */
  public static ReedSolomon create(final int dataShards, final int parityShards)
      throws DaException {
    if (dataShards < 1 || parityShards < 1 || dataShards + parityShards > 256) {
      throw new DaException(
          new DaError.BadParameter(
              "RS(" + (dataShards + parityShards) + "," + dataShards + ") outside the field"));
    }
    return new ReedSolomon(dataShards, parityShards);
  }

  /** RS(12,10), the code every FEC set of shreds uses. */
  public static ReedSolomon shredCode() {
    return new ReedSolomon(DATA_SHREDS, PARITY_SHREDS);
  }

  public int dataShards() {
    return dataShards;
  }

  public int parityShards() {
    return parityShards;
  }

  public int totalShards() {
    return dataShards + parityShards;
  }

  /** Coefficient {@code E[row][col]} of the encoding matrix (for tests against the vectors). */
  int matrixCoefficient(final int row, final int col) {
    return matrix[row][col];
  }

  /**
   * Fills the parity shards {@code shards[k..k+m-1]} from the data shards {@code shards[0..k-1]}.
   * All shards must have the same length.
   */
  public void encodeParity(final byte[][] shards) throws DaException {
    final int size = checkShape(shards);
    final byte[][] outputs = new byte[parityShards][];
    final int[][] rows = new int[parityShards][];
    for (int i = 0; i < parityShards; i++) {
      outputs[i] = shards[dataShards + i];
      rows[i] = matrix[dataShards + i];
    }
    final byte[][] inputs = new byte[dataShards][];
    System.arraycopy(shards, 0, inputs, 0, dataShards);
    codeSomeShards(rows, inputs, outputs, size);
  }

  /** True when the parity shards are exactly what {@link #encodeParity} would produce. */
  public boolean isParityCorrect(final byte[][] shards) throws DaException {
    final int size = checkShape(shards);
    final byte[][] expected = new byte[parityShards][size];
    final int[][] rows = new int[parityShards][];
    for (int i = 0; i < parityShards; i++) {
      rows[i] = matrix[dataShards + i];
    }
    final byte[][] inputs = new byte[dataShards][];
    System.arraycopy(shards, 0, inputs, 0, dataShards);
    codeSomeShards(rows, inputs, expected, size);
    for (int i = 0; i < parityShards; i++) {
      if (!java.util.Arrays.equals(expected[i], shards[dataShards + i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Rebuilds every missing shard in place. {@code present[i]} says whether {@code shards[i]} holds
   * data; missing entries may be {@code null} and are replaced by fresh arrays.
   *
   * @throws DaException {@link DaError.TooFewShards} when fewer than k shards are present
   */
  public void reconstruct(final byte[][] shards, final boolean[] present) throws DaException {
    final int total = totalShards();
    if (shards.length != total || present.length != total) {
      throw new DaException(new DaError.ShardShape("expected " + total + " shards"));
    }
    int size = -1;
    int count = 0;
    for (int i = 0; i < total; i++) {
      if (present[i]) {
        if (shards[i] == null) {
          throw new DaException(new DaError.ShardShape("shard " + i + " marked present is null"));
        }
        if (size >= 0 && shards[i].length != size) {
          throw new DaException(new DaError.ShardShape("shards differ in length"));
        }
        size = shards[i].length;
        count++;
      }
    }
    if (count < dataShards) {
      throw new DaException(new DaError.TooFewShards(count, dataShards));
    }
    if (count == total) {
      return;
    }
    // Pick the first k present shards; the matching rows of E form an invertible matrix whose
    // inverse maps them back to the data shards.
    final int[][] sub = new int[dataShards][];
    final byte[][] subShards = new byte[dataShards][];
    long used = 0;
    int r = 0;
    for (int i = 0; i < total && r < dataShards; i++) {
      if (present[i]) {
        sub[r] = matrix[i];
        subShards[r] = shards[i];
        used |= 1L << Math.min(i, 63);
        r++;
      }
    }
    final int[][] decode =
        total <= 64
            ? decodeMatrices.computeIfAbsent(used, u -> Gf256Matrix.invert(sub))
            : Gf256Matrix.invert(sub);
    int missingData = 0;
    for (int i = 0; i < dataShards; i++) {
      if (!present[i]) {
        missingData++;
      }
    }
    if (missingData > 0) {
      final int[][] rows = new int[missingData][];
      final byte[][] outputs = new byte[missingData][];
      int o = 0;
      for (int i = 0; i < dataShards; i++) {
        if (!present[i]) {
          shards[i] = new byte[size];
          rows[o] = decode[i];
          outputs[o] = shards[i];
          o++;
        }
      }
      codeSomeShards(rows, subShards, outputs, size);
    }
    int missingParity = 0;
    for (int i = dataShards; i < total; i++) {
      if (!present[i]) {
        missingParity++;
      }
    }
    if (missingParity > 0) {
      final int[][] rows = new int[missingParity][];
      final byte[][] outputs = new byte[missingParity][];
      int o = 0;
      for (int i = dataShards; i < total; i++) {
        if (!present[i]) {
          shards[i] = new byte[size];
          rows[o] = matrix[i];
          outputs[o] = shards[i];
          o++;
        }
      }
      final byte[][] data = new byte[dataShards][];
      System.arraycopy(shards, 0, data, 0, dataShards);
      codeSomeShards(rows, data, outputs, size);
    }
  }

  private int checkShape(final byte[][] shards) throws DaException {
    if (shards.length != totalShards()) {
      throw new DaException(
          new DaError.ShardShape("expected " + totalShards() + " shards, got " + shards.length));
    }
    if (shards[0] == null) {
      throw new DaException(new DaError.ShardShape("shard 0 is null"));
    }
    final int size = shards[0].length;
    for (int i = 0; i < shards.length; i++) {
      if (shards[i] == null || shards[i].length != size) {
        throw new DaException(new DaError.ShardShape("shard " + i + " differs in length"));
      }
    }
    return size;
  }

  /** outputs[o] = Σ_j rows[o][j] · inputs[j], byte by byte; outputs start zeroed or overwritten. */
  private static void codeSomeShards(
      final int[][] rows, final byte[][] inputs, final byte[][] outputs, final int size) {
    for (int o = 0; o < outputs.length; o++) {
      final byte[] out = outputs[o];
      final byte[] first = Gf256.mulRow(rows[o][0]);
      final byte[] in0 = inputs[0];
      for (int b = 0; b < size; b++) {
        out[b] = first[in0[b] & 0xFF];
      }
      for (int j = 1; j < inputs.length; j++) {
        final byte[] table = Gf256.mulRow(rows[o][j]);
        final byte[] in = inputs[j];
        for (int b = 0; b < size; b++) {
          out[b] ^= table[in[b] & 0xFF];
        }
      }
    }
  }
}
