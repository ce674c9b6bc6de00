package dev.aether.types.codec;

/**
 * Why a byte string is not the canonical encoding of a value. Each subtype has a stable code that
 * RPC and CLI show to users.
 */
public abstract sealed class CodecException extends RuntimeException
    permits CodecException.Truncated,
        CodecException.TrailingBytes,
        CodecException.NonCanonical,
        CodecException.UnknownTag,
        CodecException.LengthOverLimit {

  private CodecException(String message) {
    super(message, null, false, false);
  }

  /** Stable machine-readable code, e.g. {@code codec.truncated}. */
  public abstract String code();

  /** The input ended before the value did. */
  public static final class Truncated extends CodecException {
    public Truncated(String what, int needed, int available) {
      super("truncated " + what + ": need " + needed + " bytes, " + available + " left");
    }

    @Override
    public String code() {
      return "codec.truncated";
    }
  }

  /** Bytes remained after a complete value. */
  public static final class TrailingBytes extends CodecException {
    public TrailingBytes(String what, int count) {
      super(count + " trailing bytes after " + what);
    }

    @Override
    public String code() {
      return "codec.trailing_bytes";
    }
  }

  /** A value that has a different, canonical encoding (unsorted set, zero amount, bool 2, ...). */
  public static final class NonCanonical extends CodecException {
    public NonCanonical(String message) {
      super("non-canonical encoding: " + message);
    }

    @Override
    public String code() {
      return "codec.non_canonical";
    }
  }

  /** A tag byte (version, option, enum) outside its defined set. */
  public static final class UnknownTag extends CodecException {
    public UnknownTag(String what, int tag) {
      super("unknown " + what + " tag " + tag);
    }

    @Override
    public String code() {
      return "codec.unknown_tag";
    }
  }

  /** A length or count prefix above the field's limit. */
  public static final class LengthOverLimit extends CodecException {
    public LengthOverLimit(String what, long length, long limit) {
      super(what + " length " + length + " exceeds limit " + limit);
    }

    @Override
    public String code() {
      return "codec.length_over_limit";
    }
  }
}
