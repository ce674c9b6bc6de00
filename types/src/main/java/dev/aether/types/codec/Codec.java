package dev.aether.types.codec;

/**
 * The one canonical binary encoding of a type, used for hashing, signing, storage and the wire.
 * Implementations must be bijective: {@code read(write(x)) == x} and every accepted byte string is
 * the encoding of exactly one value.
 */
public interface Codec<T> {
  void write(T value, Writer out);

  T read(Reader in);

  /** The canonical bytes of {@code value}. */
  default byte[] encode(T value) {
    Writer w = new Writer();
    write(value, w);
    return w.toByteArray();
  }

  /** Decodes exactly one value, rejecting trailing bytes. */
  default T decode(byte[] bytes) {
    Reader r = new Reader(bytes);
    T value;
    try {
      value = read(r);
    } catch (IllegalArgumentException e) {
      // A field that decoded but breaks the type's invariant (empty chain id, bad length, ...).
      throw new CodecException.NonCanonical(e.getMessage());
    }
    r.expectEnd(getClass().getSimpleName());
    return value;
  }
}
