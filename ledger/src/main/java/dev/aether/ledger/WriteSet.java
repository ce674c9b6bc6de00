package dev.aether.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A set of puts and deletes that a {@link StateStore} applies atomically: all or none. */
public final class WriteSet {
  /** One put ({@code value} present) or delete. */
  public record Op(Column column, byte[] key, Optional<byte[]> value) {}

  private final List<Op> ops = new ArrayList<>();

  public WriteSet put(Column column, byte[] key, byte[] value) {
    ops.add(new Op(column, key.clone(), Optional.of(value.clone())));
    return this;
  }

  public WriteSet delete(Column column, byte[] key) {
    ops.add(new Op(column, key.clone(), Optional.empty()));
    return this;
  }

  /** The operations in the order given; a later op on the same key wins. */
  public List<Op> ops() {
    return List.copyOf(ops);
  }

  public int size() {
    return ops.size();
  }
}
