package dev.aether.runtime;

import dev.aether.types.Bytes;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;

/**
 * A rent-paying state entry (contract storage): its value and the last epoch its rent covers. See
 * {@link RentSchedule} for how rent is charged and what happens when it runs out.
 */
public record StoredObject(Bytes value, long paidThroughEpoch) {
  /** Largest contract storage value. */
  public static final int MAX_VALUE = 16 * 1024;

  private static final Codec<Bytes> VALUE = Bytes.codec("StoredObject value", MAX_VALUE);

  public static final Codec<StoredObject> CODEC =
      new Codec<>() {
        @Override
        public void write(StoredObject v, Writer out) {
          out.u64(v.paidThroughEpoch);
          VALUE.write(v.value, out);
        }

        @Override
        public StoredObject read(Reader in) {
          long paid = in.u64("StoredObject paidThrough");
          return new StoredObject(VALUE.read(in), paid);
        }
      };

  public StoredObject {
    java.util.Objects.requireNonNull(value, "value");
    if (value.length() > MAX_VALUE) {
      throw new IllegalArgumentException("stored value over " + MAX_VALUE + " bytes");
    }
  }

  /** The stored object in {@code bytes}, empty when they are not one (for readers such as RPC). */
  public static java.util.Optional<StoredObject> decode(Bytes bytes) {
    try {
      return java.util.Optional.of(CODEC.decode(bytes.toArray()));
    } catch (dev.aether.types.codec.CodecException e) {
      return java.util.Optional.empty();
    }
  }

  public boolean liveAt(long epoch) {
    return paidThroughEpoch >= epoch;
  }
}
