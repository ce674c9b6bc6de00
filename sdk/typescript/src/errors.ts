/**
 * Why bytes were refused by the codec; `code` is the same stable code the Java codec uses
 * (docs/codec.md): codec.truncated, codec.trailing_bytes, codec.non_canonical, codec.unknown_tag,
 * codec.length_over_limit.
 */
export class CodecError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "CodecError";
  }
}

/** A proof or signature that does not check; `reason` says which check failed. */
export class VerificationError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "VerificationError";
  }
}
