package dev.aether.compute.model;

import dev.aether.compute.ComputeException;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.engine.Weights;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.codec.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code model_hash} is: a commitment to the header and, through a Merkle tree, to each weight
 * tensor, so that one tensor can be shown to belong to a model without the others.
 *
 * <pre>
 * tensor leaf  = SHA-256("aether/model/tensor/v1" || 0 || string(name) || canonical tensor bytes)
 * weights_root = RFC 9162-shaped tree over the leaves in the header's name order,
 *                inner SHA-256("aether/model/node/v1" || 0 || l || r),
 *                root SHA-256("aether/model/root/v1" || 0 || u32 count || tree hash)
 * model_hash   = SHA-256("aether/model/v1" || 0 || header.hash() || weights_root)
 * </pre>
 *
 * A weight slice proof is the tensor plus its Merkle path; its position and the tree's size come
 * from the header, so they cannot be chosen by whoever presents the slice.
 */
public final class ModelCommitment {
  private static final Merkle TREE = new Merkle("aether/model/node/v1", "aether/model/root/v1");

  private ModelCommitment() {}

  /** The leaf of tensor {@code name}. */
  public static H256 tensorLeaf(String name, Tensor t) {
    byte[] prefix = new Writer().string(name).toByteArray();
    return Hashing.tagged("aether/model/tensor/v1", prefix, t.canonicalBytes());
  }

  /**
   * The weights root of a model's tensors.
   *
   * @throws ComputeException.BadModel if the weights are not exactly the header's tensors
   */
  public static H256 weightsRoot(ModelHeader header, Weights weights) {
    return TREE.root(leaves(header, weights));
  }

  /** {@code model_hash} of a header and weights root. */
  public static H256 modelHash(ModelHeader header, H256 weightsRoot) {
    return Hashing.tagged("aether/model/v1", header.hash().toArray(), weightsRoot.toArray());
  }

  /** {@code model_hash} of a header and its weights. */
  public static H256 modelHash(ModelHeader header, Weights weights) {
    return modelHash(header, weightsRoot(header, weights));
  }

  /** The slice proof of tensor {@code name}. */
  public static WeightSlice slice(ModelHeader header, Weights weights, String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new ComputeException.BadModel("model has no weight tensor '" + name + "'");
    }
    return new WeightSlice(name, weights.get(name), TREE.prove(leaves(header, weights), i));
  }

  /**
   * True when {@code slice} is the model's tensor of that name: its shape is the header's and its
   * Merkle path leads to {@code weightsRoot} from the header's position of the name.
   */
  public static boolean verify(ModelHeader header, H256 weightsRoot, WeightSlice slice) {
    int i = header.indexOf(slice.name());
    if (i < 0 || !Arrays.equals(header.shape(slice.name()), slice.tensor().shape())) {
      return false;
    }
    return TREE.verify(
        weightsRoot,
        i,
        header.tensorCount(),
        tensorLeaf(slice.name(), slice.tensor()),
        slice.path());
  }

  private static List<H256> leaves(ModelHeader header, Weights weights) {
    List<String> names = header.tensorNames();
    if (names.size() != weights.asMap().size()) {
      throw new ComputeException.BadModel("weights do not match the header's tensor directory");
    }
    List<H256> out = new ArrayList<>(names.size());
    for (String n : names) {
      Tensor t;
      try {
        t = weights.get(n);
      } catch (IllegalArgumentException e) {
        throw new ComputeException.BadModel(e.getMessage());
      }
      if (!Arrays.equals(t.shape(), header.shape(n))) {
        throw new ComputeException.BadModel("tensor '" + n + "' does not have the header's shape");
      }
      out.add(tensorLeaf(n, t));
    }
    return out;
  }
}
