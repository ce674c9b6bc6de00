package dev.aether.compute.model;

import dev.aether.compute.ComputeException;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.engine.Weights;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything about a model except the weight values: its metadata (architecture, vocabulary,
 * hyper-parameters) and its tensor directory (each weight tensor's name and shape), both in
 * strictly ascending UTF-8 byte order of their keys. The program the engine runs, its trace length
 * and its J-units are functions of the header alone, which is what lets the chain derive them from
 * a few hundred bytes instead of the weights.
 *
 * <p>Canonical bytes (the {@code types} codec): {@code u8 version = 1}, {@code u32 count} then per
 * metadata entry {@code string key, string value}, {@code u32 count} then per tensor {@code string
 * name, u8 rank, u32 dims…}. Limits: {@link #MAX_METADATA} entries, keys ≤ 64 bytes, values ≤
 * {@link #MAX_VALUE} bytes, {@link #MAX_TENSORS} tensors, names ≤ 128 bytes, rank 1..8.
 */
public final class ModelHeader implements dev.aether.compute.engine.WeightShapes {
  /** Most metadata entries. */
  public static final int MAX_METADATA = 64;

  /** Longest metadata value in bytes (a vocabulary fits). */
  public static final int MAX_VALUE = 4096;

  /** Most weight tensors. */
  public static final int MAX_TENSORS = 1024;

  private static final int VERSION = 1;
  private static final int MAX_KEY = 64;
  private static final int MAX_NAME = 128;

  /** The canonical codec. */
  public static final Codec<ModelHeader> CODEC =
      new Codec<>() {
        @Override
        public void write(ModelHeader h, Writer out) {
          out.u8(VERSION);
          out.u32(h.metadata.size());
          h.metadata.forEach(
              (k, v) -> {
                out.string(k);
                out.string(v);
              });
          out.u32(h.shapes.size());
          h.shapes.forEach(
              (name, shape) -> {
                out.string(name);
                out.u8(shape.length);
                for (int d : shape) {
                  out.u32(d);
                }
              });
        }

        @Override
        public ModelHeader read(Reader in) {
          int v = in.u8("ModelHeader version");
          if (v != VERSION) {
            throw new CodecException.NonCanonical("ModelHeader version " + v);
          }
          int nm = in.length("ModelHeader metadata", MAX_METADATA);
          SortedMap<String, String> meta = new TreeMap<>(ModelHeader::compareUtf8);
          String prev = null;
          for (int i = 0; i < nm; i++) {
            String k = in.string("ModelHeader key", MAX_KEY);
            prev = ascending(prev, k);
            meta.put(k, in.string("ModelHeader value", MAX_VALUE));
          }
          int nt = in.length("ModelHeader tensors", MAX_TENSORS);
          SortedMap<String, int[]> shapes = new TreeMap<>(ModelHeader::compareUtf8);
          prev = null;
          for (int i = 0; i < nt; i++) {
            String name = in.string("ModelHeader tensor name", MAX_NAME);
            prev = ascending(prev, name);
            int rank = in.u8("ModelHeader rank");
            if (rank < 1 || rank > Tensor.MAX_RANK) {
              throw new CodecException.NonCanonical("tensor '" + name + "' has rank " + rank);
            }
            int[] shape = new int[rank];
            for (int d = 0; d < rank; d++) {
              long dim = in.u32("ModelHeader dim");
              if (dim < 1 || dim > Integer.MAX_VALUE) {
                throw new CodecException.NonCanonical("tensor '" + name + "' has dimension " + dim);
              }
              shape[d] = (int) dim;
            }
            shapes.put(name, shape);
          }
          return new ModelHeader(meta, shapes);
        }
      };

  private final SortedMap<String, String> metadata;
  private final SortedMap<String, int[]> shapes;

  private ModelHeader(SortedMap<String, String> metadata, SortedMap<String, int[]> shapes) {
    this.metadata = Collections.unmodifiableSortedMap(metadata);
    this.shapes = Collections.unmodifiableSortedMap(shapes);
  }

  /**
   * A header for these metadata and shapes (any map order: they are sorted by UTF-8 bytes).
   *
   * @throws ComputeException.BadModel if a limit is broken
   */
  public static ModelHeader of(Map<String, String> metadata, Map<String, int[]> shapes) {
    SortedMap<String, String> m = new TreeMap<>(ModelHeader::compareUtf8);
    m.putAll(metadata);
    SortedMap<String, int[]> s = new TreeMap<>(ModelHeader::compareUtf8);
    shapes.forEach((k, v) -> s.put(k, v.clone()));
    ModelHeader h = new ModelHeader(m, s);
    try {
      // One rule for both directions: whatever cannot be decoded cannot be made.
      CODEC.decode(CODEC.encode(h));
    } catch (CodecException e) {
      throw new ComputeException.BadModel("model header: " + e.getMessage());
    }
    return h;
  }

  /** The header of a model with these metadata and weights. */
  public static ModelHeader of(Map<String, String> metadata, Weights weights) {
    SortedMap<String, int[]> s = new TreeMap<>(ModelHeader::compareUtf8);
    weights.asMap().forEach((k, t) -> s.put(k, t.shape()));
    return of(metadata, s);
  }

  /**
   * Decodes canonical header bytes.
   *
   * @throws ComputeException.BadModel if they are not exactly one canonical header
   */
  public static ModelHeader decode(byte[] bytes) {
    try {
      return CODEC.decode(bytes);
    } catch (CodecException e) {
      throw new ComputeException.BadModel("model header: " + e.getMessage());
    }
  }

  /** The canonical bytes. */
  public byte[] encode() {
    return CODEC.encode(this);
  }

  /** {@code SHA-256("aether/model/header/v1" || 0 || canonical bytes)}. */
  public H256 hash() {
    return Hashing.tagged("aether/model/header/v1", encode());
  }

  /** Metadata in UTF-8 key order. */
  public SortedMap<String, String> metadata() {
    return metadata;
  }

  /** Tensor names in UTF-8 order (the order of the weights tree's leaves). */
  public List<String> tensorNames() {
    return List.copyOf(new ArrayList<>(shapes.keySet()));
  }

  /** Position of tensor {@code name} among {@link #tensorNames()}, or -1. */
  public int indexOf(String name) {
    int i = 0;
    for (String n : shapes.keySet()) {
      if (n.equals(name)) {
        return i;
      }
      i++;
    }
    return -1;
  }

  /**
   * The shape of weight tensor {@code name}.
   *
   * @throws IllegalArgumentException if the model has no such tensor
   */
  @Override
  public int[] shape(String name) {
    int[] s = shapes.get(name);
    if (s == null) {
      throw new IllegalArgumentException("model has no weight tensor '" + name + "'");
    }
    return s.clone();
  }

  /** Number of weight tensors. */
  public int tensorCount() {
    return shapes.size();
  }

  /** Compares strings by their UTF-8 bytes, unsigned: the order of every name list here. */
  public static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String ascending(String prev, String next) {
    if (prev != null && compareUtf8(prev, next) >= 0) {
      throw new CodecException.NonCanonical("names not strictly ascending at '" + next + "'");
    }
    return next;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelHeader h && Arrays.equals(encode(), h.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "ModelHeader["
        + metadata.getOrDefault("architecture", "?")
        + ", "
        + shapes.size()
        + " tensors]";
  }
}
