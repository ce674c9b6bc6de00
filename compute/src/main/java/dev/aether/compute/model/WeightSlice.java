package dev.aether.compute.model;

import dev.aether.compute.engine.Tensor;
import dev.aether.compute.engine.TensorCodec;
import dev.aether.types.H256;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;

/**
 * One weight tensor of a model with its Merkle path to the model's weights root ({@link
 * ModelCommitment}): how a fraud proof carries the weights one operator needs.
 *
 * @param name the tensor's name in the model
 * @param tensor its values
 * @param path siblings from the leaf up (at most 11 for {@link ModelHeader#MAX_TENSORS} tensors)
 */
public record WeightSlice(String name, Tensor tensor, List<H256> path) {
  /** Longest path: a tree of {@link ModelHeader#MAX_TENSORS} leaves is 10 deep. */
  public static final int MAX_PATH = 11;

  /** The canonical codec: {@code string name, tensor, list of H256}. */
  public static final Codec<WeightSlice> CODEC =
      new Codec<>() {
        @Override
        public void write(WeightSlice v, Writer out) {
          out.string(v.name);
          TensorCodec.CODEC.write(v.tensor, out);
          out.list(v.path, H256.CODEC);
        }

        @Override
        public WeightSlice read(Reader in) {
          return new WeightSlice(
              in.string("WeightSlice name", 128),
              TensorCodec.CODEC.read(in),
              in.list("WeightSlice path", MAX_PATH, H256.CODEC));
        }
      };

  /** Copies the path. */
  public WeightSlice {
    path = List.copyOf(path);
  }
}
