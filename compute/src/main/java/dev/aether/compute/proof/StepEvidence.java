package dev.aether.compute.proof;

import dev.aether.compute.engine.Tensor;
import dev.aether.compute.engine.TensorCodec;
import dev.aether.compute.model.WeightSlice;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;

/**
 * What it takes to re-execute one step alone: the step's input tensors (the outputs of the steps it
 * reads, in operand order) and the weight tensors its operator names, each with its Merkle path to
 * the model's weights root.
 *
 * @param inputs the input tensors, in the order of the step's inputs
 * @param weights the operator's weight slices, in {@code Ops.weightNames} order
 */
public record StepEvidence(List<Tensor> inputs, List<WeightSlice> weights) {
  /** Most input tensors one step may read (a Concat of every generated token). */
  public static final int MAX_INPUTS = 4096;

  /** Most weight tensors one operator reads. */
  public static final int MAX_WEIGHTS = 4;

  /** The canonical codec. */
  public static final Codec<StepEvidence> CODEC =
      new Codec<>() {
        @Override
        public void write(StepEvidence v, Writer out) {
          out.list(v.inputs, TensorCodec.CODEC);
          out.list(v.weights, WeightSlice.CODEC);
        }

        @Override
        public StepEvidence read(Reader in) {
          return new StepEvidence(
              in.list("StepEvidence inputs", MAX_INPUTS, TensorCodec.CODEC),
              in.list("StepEvidence weights", MAX_WEIGHTS, WeightSlice.CODEC));
        }
      };

  /** Copies the lists. */
  public StepEvidence {
    inputs = List.copyOf(inputs);
    weights = List.copyOf(weights);
  }

  /** Bytes of every tensor carried (what verifying it hashes). */
  public long tensorBytes() {
    long n = 0;
    for (Tensor t : inputs) {
      n += t.encodedLength();
    }
    for (WeightSlice w : weights) {
      n += w.tensor().encodedLength() + 32L * w.path().size();
    }
    return n;
  }
}
