package dev.aether.da;

/** Small dense matrices over GF(2^8): just what building and inverting the RS matrix needs. */
final class Gf256Matrix {
  private Gf256Matrix() {}

  /** (rows×cols) Vandermonde matrix {@code V[r][c] = r^c}, the Backblaze construction. */
  static int[][] vandermonde(final int rows, final int cols) {
    final int[][] v = new int[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        v[r][c] = Gf256.exp(r, c);
      }
    }
    return v;
  }

  static int[][] multiply(final int[][] a, final int[][] b) {
    final int n = a.length;
    final int inner = b.length;
    final int m = b[0].length;
    final int[][] out = new int[n][m];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < m; c++) {
        int acc = 0;
        for (int i = 0; i < inner; i++) {
          acc ^= Gf256.mul(a[r][i], b[i][c]);
        }
        out[r][c] = acc;
      }
    }
    return out;
  }

  static int[][] rows(final int[][] a, final int from, final int to) {
    final int[][] out = new int[to - from][];
    for (int r = from; r < to; r++) {
      out[r - from] = a[r].clone();
    }
    return out;
  }

  /**
   * Gauss–Jordan inverse. Every square sub-matrix built from distinct rows of the encoding matrix
   * is invertible (the code is MDS), so a singular input is a programming error.
   */
  static int[][] invert(final int[][] a) {
    final int n = a.length;
    final int[][] work = new int[n][2 * n];
    for (int r = 0; r < n; r++) {
      System.arraycopy(a[r], 0, work[r], 0, n);
      work[r][n + r] = 1;
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      while (pivot < n && work[pivot][col] == 0) {
        pivot++;
      }
      if (pivot == n) {
        throw new IllegalStateException("singular matrix over GF(2^8)");
      }
      final int[] tmp = work[pivot];
      work[pivot] = work[col];
      work[col] = tmp;
      final int scale = work[col][col];
      if (scale != 1) {
        for (int c = 0; c < 2 * n; c++) {
          work[col][c] = Gf256.div(work[col][c], scale);
        }
      }
      for (int r = 0; r < n; r++) {
        if (r != col && work[r][col] != 0) {
          final int f = work[r][col];
          for (int c = 0; c < 2 * n; c++) {
            work[r][c] ^= Gf256.mul(f, work[col][c]);
          }
        }
      }
    }
    final int[][] inv = new int[n][n];
    for (int r = 0; r < n; r++) {
      System.arraycopy(work[r], n, inv[r], 0, n);
    }
    return inv;
  }
}
