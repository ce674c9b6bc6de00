package dev.aether.types;

import dev.aether.types.codec.CodecException;
import java.util.List;

/** Checks shared by constructors (programming errors) and decoders (untrusted bytes). */
final class Canonical {
  private Canonical() {}

  /** True when each element is strictly greater than the one before (sorted, no duplicates). */
  static <T extends Comparable<? super T>> boolean strictlyAscending(List<T> items) {
    for (int i = 1; i < items.size(); i++) {
      if (items.get(i - 1).compareTo(items.get(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  static <T extends Comparable<? super T>> List<T> requireAscending(List<T> items, String what) {
    if (!strictlyAscending(items)) {
      throw new IllegalArgumentException(what + " must be sorted ascending without duplicates");
    }
    return List.copyOf(items);
  }

  static <T extends Comparable<? super T>> List<T> decodedAscending(List<T> items, String what) {
    if (!strictlyAscending(items)) {
      throw new CodecException.NonCanonical(what + " not strictly ascending");
    }
    return items;
  }

  static void requireLength(Bytes b, int length, String what) {
    if (b.length() != length) {
      throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + b.length());
    }
  }

  static int version(int tag, int expected, String what) {
    if (tag != expected) {
      throw new CodecException.UnknownTag(what + " version", tag);
    }
    return tag;
  }
}
