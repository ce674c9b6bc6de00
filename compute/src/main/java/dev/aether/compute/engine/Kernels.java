package dev.aether.compute.engine;

/**
 * The arithmetic of every operator, in plain IEEE 754 float32.
 *
 * <p>Rules that make results bit-identical on any JVM, JIT tier and CPU: every reduction runs in
 * one fixed ascending order on a single thread; no {@code Math.fma} (Java never contracts {@code
 * a*b+c} by itself); every transcendental function is {@code StrictMath} (its results are specified
 * to the bit, while {@code Math.exp} and friends are intrinsics that vary by CPU and flags); values
 * are widened to double only for the {@code StrictMath} call and rounded back at once.
 */
final class Kernels {
  static final float LN_EPS = 1e-5f;
  static final float GELU_C = 0.7978846f; // sqrt(2/pi) rounded to float
  static final float GELU_K = 0.044715f;

  private Kernels() {}

  static Tensor scale(Tensor x, float factor) {
    float[] a = x.raw();
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] * factor;
    }
    return Tensor.wrap(out, x.shape());
  }

  /**
   * Rows of {@code x} ({@code [R, K]} or {@code [K]}) times {@code w [K, N]} plus {@code b [N]}.
   */
  static Tensor linear(Tensor x, Tensor w, Tensor b, Parallelism par) {
    if (w.rank() != 2 || b.rank() != 1 || b.dim(0) != w.dim(1)) {
      throw new IllegalArgumentException("linear: bad weight shapes " + w + " " + b);
    }
    int k = w.dim(0);
    int n = w.dim(1);
    int[] shape = x.shape();
    if (shape[shape.length - 1] != k) {
      throw new IllegalArgumentException("linear: input " + x + " does not match weight " + w);
    }
    int rows = x.size() / k;
    float[] xa = x.raw();
    float[] wa = w.raw();
    float[] ba = b.raw();
    float[] out = new float[rows * n];
    long work = (long) rows * k * n;
    Parallelism.RangeBody body;
    if (rows >= par.threads()) {
      body = (from, to) -> linearRows(xa, wa, ba, out, k, n, from, to, 0, n);
    } else {
      // Few rows (a single token, a single image): split the output columns instead.
      body = (from, to) -> linearRows(xa, wa, ba, out, k, n, 0, rows, from, to);
    }
    par.forRange(rows >= par.threads() ? rows : n, work, body);
    shape[shape.length - 1] = n;
    return Tensor.wrap(out, shape);
  }

  /**
   * For each output element {@code (r, j)}: {@code acc = 0; for kk ascending: acc += x[r,kk] *
   * w[kk,j]; out = acc + b[j]}. The loop is written k-outer so the JIT can vectorise across {@code
   * j}; each lane still sums its own products in ascending {@code kk}, so the result is the same as
   * the naive loop.
   */
  private static void linearRows(
      float[] x, float[] w, float[] b, float[] out, int k, int n, int r0, int r1, int j0, int j1) {
    for (int r = r0; r < r1; r++) {
      int xo = r * k;
      int oo = r * n;
      for (int kk = 0; kk < k; kk++) {
        float xv = x[xo + kk];
        int wo = kk * n;
        for (int j = j0; j < j1; j++) {
          out[oo + j] += xv * w[wo + j];
        }
      }
      for (int j = j0; j < j1; j++) {
        out[oo + j] += b[j];
      }
    }
  }

  static Tensor relu(Tensor x) {
    float[] a = x.raw();
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      // NaN stays NaN; -0.0 becomes +0.0 as max(x, 0) with x <= 0 gives 0.
      out[i] = a[i] > 0f ? a[i] : (a[i] != a[i] ? a[i] : 0f);
    }
    return Tensor.wrap(out, x.shape());
  }

  /** {@code 0.5 x (1 + tanh(c (x + k x^3)))}. */
  static Tensor gelu(Tensor x) {
    float[] a = x.raw();
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      float v = a[i];
      float inner = v + GELU_K * v * v * v;
      float t = (float) StrictMath.tanh((double) (GELU_C * inner));
      out[i] = 0.5f * v * (1f + t);
    }
    return Tensor.wrap(out, x.shape());
  }

  static Tensor add(Tensor x, Tensor y) {
    if (!java.util.Arrays.equals(x.shape(), y.shape())) {
      throw new IllegalArgumentException("add: shapes differ " + x + " " + y);
    }
    float[] a = x.raw();
    float[] b = y.raw();
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
    return Tensor.wrap(out, x.shape());
  }

  static Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta) {
    int d = x.dim(x.rank() - 1);
    if (gamma.size() != d || beta.size() != d) {
      throw new IllegalArgumentException("layerNorm: parameters do not match " + x);
    }
    float[] a = x.raw();
    float[] g = gamma.raw();
    float[] bt = beta.raw();
    float[] out = new float[a.length];
    for (int o = 0; o < a.length; o += d) {
      float sum = 0f;
      for (int i = 0; i < d; i++) {
        sum += a[o + i];
      }
      float mean = sum / d;
      float sq = 0f;
      for (int i = 0; i < d; i++) {
        float c = a[o + i] - mean;
        sq += c * c;
      }
      float var = sq / d;
      float inv = (float) (1.0 / StrictMath.sqrt((double) (var + LN_EPS)));
      for (int i = 0; i < d; i++) {
        out[o + i] = (a[o + i] - mean) * inv * g[i] + bt[i];
      }
    }
    return Tensor.wrap(out, x.shape());
  }

  static Tensor softmax(Tensor x) {
    int d = x.dim(x.rank() - 1);
    float[] a = x.raw();
    float[] out = new float[a.length];
    for (int o = 0; o < a.length; o += d) {
      softmaxRow(a, o, out, o, d);
    }
    return Tensor.wrap(out, x.shape());
  }

  private static void softmaxRow(float[] a, int ao, float[] out, int oo, int d) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < d; i++) {
      max = Math.max(max, a[ao + i]);
    }
    float sum = 0f;
    for (int i = 0; i < d; i++) {
      float e = (float) StrictMath.exp((double) (a[ao + i] - max));
      out[oo + i] = e;
      sum += e;
    }
    for (int i = 0; i < d; i++) {
      out[oo + i] = out[oo + i] / sum;
    }
  }

  static Tensor argmax(Tensor x) {
    float[] a = x.raw();
    int best = 0;
    for (int i = 1; i < a.length; i++) {
      if (a[i] > a[best]) {
        best = i;
      }
    }
    return Tensor.scalar(best);
  }

  static Tensor embed(Tensor ids, Tensor tokens, Tensor positions) {
    if (ids.rank() != 1 || tokens.rank() != 2 || positions.rank() != 2) {
      throw new IllegalArgumentException("embed: bad shapes " + ids + " " + tokens);
    }
    int t = ids.dim(0);
    int d = tokens.dim(1);
    if (positions.dim(1) != d || positions.dim(0) < t) {
      throw new IllegalArgumentException("embed: window " + t + " exceeds positions " + positions);
    }
    float[] te = tokens.raw();
    float[] pe = positions.raw();
    float[] out = new float[t * d];
    for (int p = 0; p < t; p++) {
      int id = tokenId(ids.raw()[p], tokens.dim(0));
      for (int i = 0; i < d; i++) {
        out[p * d + i] = te[id * d + i] + pe[p * d + i];
      }
    }
    return Tensor.wrap(out, t, d);
  }

  static int tokenId(float v, int vocab) {
    if (!(v >= 0f && v < vocab) || v != Math.rint(v)) {
      throw new IllegalArgumentException("not a token id below " + vocab + ": " + v);
    }
    return (int) v;
  }

  /**
   * Per head {@code h} and query {@code i}: {@code s_j = (sum_c q_i[c] k_j[c]) * scale} for {@code
   * j <= i}, softmax over {@code j}, then {@code out_i[c] = sum_j p_j v_j[c]} in ascending {@code
   * j}. Heads are independent, so they may run on different threads.
   */
  static Tensor causalAttention(Tensor qkv, int heads, Parallelism par) {
    if (qkv.rank() != 2 || qkv.dim(1) % (3 * heads) != 0) {
      throw new IllegalArgumentException("attention: bad packed qkv " + qkv + " for " + heads);
    }
    int t = qkv.dim(0);
    int d = qkv.dim(1) / 3;
    int dh = d / heads;
    float scale = (float) (1.0 / StrictMath.sqrt(dh));
    float[] a = qkv.raw();
    float[] out = new float[t * d];
    int stride = 3 * d;
    par.forRange(
        heads,
        (long) t * t * d,
        (h0, h1) -> {
          float[] p = new float[t];
          for (int h = h0; h < h1; h++) {
            int qo = h * dh;
            int ko = d + h * dh;
            int vo = 2 * d + h * dh;
            for (int i = 0; i < t; i++) {
              for (int j = 0; j <= i; j++) {
                float s = 0f;
                for (int c = 0; c < dh; c++) {
                  s += a[i * stride + qo + c] * a[j * stride + ko + c];
                }
                p[j] = s * scale;
              }
              softmaxRow(p, 0, p, 0, i + 1);
              for (int c = 0; c < dh; c++) {
                float acc = 0f;
                for (int j = 0; j <= i; j++) {
                  acc += p[j] * a[j * stride + vo + c];
                }
                out[i * d + qo + c] = acc;
              }
            }
          }
        });
    return Tensor.wrap(out, t, d);
  }

  static Tensor lastRow(Tensor x) {
    if (x.rank() != 2) {
      throw new IllegalArgumentException("lastRow: needs [T, d], got " + x);
    }
    int d = x.dim(1);
    float[] out = new float[d];
    System.arraycopy(x.raw(), (x.dim(0) - 1) * d, out, 0, d);
    return Tensor.wrap(out, 1, d);
  }

  /**
   * Inverse-CDF sampling from {@code softmax(logits / temperature)}: {@code e_i = exp((l_i - max) /
   * T)}, {@code target = u * sum e}, the first {@code i} whose running sum exceeds {@code target}
   * (the last positive one if rounding leaves none).
   */
  static Tensor sample(Tensor logits, float temperature, float u) {
    float[] l = logits.raw();
    float max = Float.NEGATIVE_INFINITY;
    for (float v : l) {
      max = Math.max(max, v);
    }
    float[] e = new float[l.length];
    float sum = 0f;
    for (int i = 0; i < l.length; i++) {
      e[i] = (float) StrictMath.exp((double) ((l[i] - max) / temperature));
      sum += e[i];
    }
    float target = u * sum;
    float cum = 0f;
    int last = 0;
    for (int i = 0; i < l.length; i++) {
      cum += e[i];
      if (e[i] > 0f) {
        last = i;
      }
      if (target < cum) {
        return Tensor.scalar(i);
      }
    }
    return Tensor.scalar(last);
  }

  static Tensor shift(Tensor window, Tensor token) {
    if (window.rank() != 1 || token.size() != 1) {
      throw new IllegalArgumentException("shift: bad shapes " + window + " " + token);
    }
    int t = window.dim(0);
    float[] out = new float[t];
    System.arraycopy(window.raw(), 1, out, 0, t - 1);
    out[t - 1] = token.get(0);
    return Tensor.wrap(out, t);
  }

  static Tensor concat(java.util.List<Tensor> parts) {
    int n = 0;
    for (Tensor t : parts) {
      n += t.size();
    }
    float[] out = new float[n];
    int o = 0;
    for (Tensor t : parts) {
      System.arraycopy(t.raw(), 0, out, o, t.size());
      o += t.size();
    }
    return Tensor.wrap(out, n);
  }
}
