package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/**
 * An invocation of a program (native or WASM, addressed by its 32-byte id) with a method name and
 * codec-encoded arguments.
 */
public record Call(H256 program, String method, Bytes args) {
  public static final int MAX_METHOD = 64;

  /**
   * Largest argument bytes of one call: most of a transaction ({@link Tx#MAX_BYTES}), so that a
   * one-transaction fraud proof can carry the weight tensors of a model's largest operator.
   */
  public static final int MAX_ARGS = 240 * 1024;

  private static final Codec<Bytes> ARGS = Bytes.codec("Call args", MAX_ARGS);

  public static final Codec<Call> CODEC =
      new Codec<>() {
        @Override
        public void write(Call v, Writer out) {
          H256.CODEC.write(v.program, out);
          out.string(v.method);
          ARGS.write(v.args, out);
        }

        @Override
        public Call read(Reader in) {
          return new Call(H256.CODEC.read(in), in.string("Call method", MAX_METHOD), ARGS.read(in));
        }
      };

  public Call {
    java.util.Objects.requireNonNull(program, "program");
    java.util.Objects.requireNonNull(args, "args");
    if (method.isEmpty()
        || method.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_METHOD) {
      throw new IllegalArgumentException("method name must be 1.." + MAX_METHOD + " bytes");
    }
    if (args.length() > MAX_ARGS) {
      throw new IllegalArgumentException("call args over " + MAX_ARGS + " bytes");
    }
  }
}
