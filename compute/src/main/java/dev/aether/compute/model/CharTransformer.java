package dev.aether.compute.model;

import dev.aether.compute.ComputeException;
import dev.aether.compute.engine.Op;
import dev.aether.compute.engine.Program;
import dev.aether.compute.engine.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;

/**
 * A GPT-style character-level transformer that continues a text prompt.
 *
 * <p>The job input is a window of {@code context} token ids (the prompt's last {@code context}
 * characters, whitespace collapsed, left-padded with spaces). Each of {@code generate} passes runs
 * the full window through pre-norm blocks ({@code x += proj(attn(qkv(ln1 x)))}; {@code x +=
 * fc2(gelu(fc1(ln2 x)))}), samples the next character from the last position's logits and slides
 * the window. Recomputing the window on every pass (no key/value cache) keeps every step a pure
 * function of earlier steps of the same fixed program. The output is the generated ids.
 */
public record CharTransformer(
    String vocab, int context, int layers, int heads, int generate, Program program)
    implements Architecture {

  static CharTransformer from(SortedMap<String, String> meta, ModelHeader w) {
    String vocab = meta.getOrDefault("vocab", "");
    int t = Architecture.intMeta(meta, "context");
    int layers = Architecture.intMeta(meta, "layers");
    int heads = Architecture.intMeta(meta, "heads");
    int gen = Architecture.intMeta(meta, "generate");
    float temperature = Architecture.floatMeta(meta, "temperature");
    if (vocab.indexOf(' ') < 0 || vocab.codePointCount(0, vocab.length()) != vocab.length()) {
      throw new ComputeException.BadModel("vocab must hold a space and only BMP characters");
    }
    if (t < 1 || layers < 1 || heads < 1 || gen < 1 || !(temperature > 0f)) {
      throw new ComputeException.BadModel(
          "context, layers, heads, generate, temperature must be > 0");
    }
    if (2L + (long) gen * (5L + 10L * layers) > Program.MAX_LENGTH) {
      throw new ComputeException.BadModel(
          "the program would exceed "
              + Program.MAX_LENGTH
              + " steps (generate × layers too large)");
    }
    if (w.shape("tok_emb")[0] != vocab.length() || w.shape("pos_emb")[0] < t) {
      throw new ComputeException.BadModel("embedding tables do not match vocab and context");
    }
    Program.Builder p = new Program.Builder();
    int window = p.input();
    int[] sampled = new int[gen];
    for (int g = 0; g < gen; g++) {
      int x = p.add(new Op.Embed("tok_emb", "pos_emb"), window);
      for (int l = 0; l < layers; l++) {
        String n = "layer" + l + ".";
        int h = p.add(new Op.LayerNorm(n + "ln1.gamma", n + "ln1.beta"), x);
        int qkv = p.add(new Op.Linear(n + "qkv.weight", n + "qkv.bias"), h);
        int att = p.add(new Op.CausalAttention(heads), qkv);
        int proj = p.add(new Op.Linear(n + "proj.weight", n + "proj.bias"), att);
        x = p.add(new Op.Add(), x, proj);
        int h2 = p.add(new Op.LayerNorm(n + "ln2.gamma", n + "ln2.beta"), x);
        int f1 = p.add(new Op.Linear(n + "fc1.weight", n + "fc1.bias"), h2);
        int act = p.add(new Op.Gelu(), f1);
        int f2 = p.add(new Op.Linear(n + "fc2.weight", n + "fc2.bias"), act);
        x = p.add(new Op.Add(), x, f2);
      }
      int last = p.add(new Op.LastRow(), x);
      int norm = p.add(new Op.LayerNorm("lnf.gamma", "lnf.beta"), last);
      int logits = p.add(new Op.Linear("head.weight", "head.bias"), norm);
      sampled[g] = p.add(new Op.Sample(temperature), logits);
      window = p.add(new Op.Shift(), window, sampled[g]);
    }
    p.add(new Op.Concat(gen), sampled);
    return new CharTransformer(vocab, t, layers, heads, gen, p.build());
  }

  @Override
  public int[] inputShape() {
    return new int[] {context};
  }

  @Override
  public Tensor encodeInput(byte[] file) {
    String text = String.join(" ", new String(file, StandardCharsets.UTF_8).trim().split("\\s+"));
    float[] ids = new float[context];
    int pad = Math.max(0, context - text.length());
    int start = Math.max(0, text.length() - context);
    for (int i = 0; i < context; i++) {
      char c = i < pad ? ' ' : text.charAt(start + i - pad);
      int id = vocab.indexOf(c);
      if (id < 0) {
        throw new ComputeException.BadInput(
            "character '" + c + "' is not in the model's vocabulary");
      }
      ids[i] = id;
    }
    return Tensor.of(ids, context);
  }

  @Override
  public String describeOutput(Tensor output) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < output.size(); i++) {
      int id = (int) output.get(i);
      s.append(id >= 0 && id < vocab.length() ? vocab.charAt(id) : '?');
    }
    return s.toString();
  }
}
