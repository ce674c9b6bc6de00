package dev.aether.da;

/**
 * Everything that can go wrong in the data-availability layer, each with a stable code that logs,
 * metrics and peer scoring key on. Bad input always maps to one of these, never to a stack trace.
 */
public sealed interface DaError {
  /** Stable machine-readable code, e.g. {@code DA_BAD_PROOF}. */
  String code();

  /** One human-readable line. */
  String message();

  /** Fewer than {@code k} shards of an erasure-coded set are present. */
  record TooFewShards(int present, int needed) implements DaError {
    @Override
    public String code() {
      return "DA_TOO_FEW_SHARDS";
    }

    @Override
    public String message() {
      return "only " + present + " shards present, " + needed + " needed to reconstruct";
    }
  }

  /** Shards passed to the coder have inconsistent count or size. */
  record ShardShape(String detail) implements DaError {
    @Override
    public String code() {
      return "DA_SHARD_SHAPE";
    }

    @Override
    public String message() {
      return "malformed shard set: " + detail;
    }
  }

  /** A shred's bytes cannot be decoded (truncated, trailing bytes, out-of-range field). */
  record MalformedShred(String detail) implements DaError {
    @Override
    public String code() {
      return "DA_MALFORMED_SHRED";
    }

    @Override
    public String message() {
      return "malformed shred: " + detail;
    }
  }

  /** A shred's Merkle proof does not lead to the expected (leader-signed) shred root. */
  record BadProof(long slot, int index) implements DaError {
    @Override
    public String code() {
      return "DA_BAD_PROOF";
    }

    @Override
    public String message() {
      return "shred " + index + " of slot " + slot + " does not prove into the shred root";
    }
  }

  /** A shred belongs to another slot, root or block layout than the reassembler expects. */
  record WrongBlock(String detail) implements DaError {
    @Override
    public String code() {
      return "DA_WRONG_BLOCK";
    }

    @Override
    public String message() {
      return "shred for another block: " + detail;
    }
  }

  /** A block exceeds the configured maximum size. */
  record BlockTooLarge(int size, int max) implements DaError {
    @Override
    public String code() {
      return "DA_BLOCK_TOO_LARGE";
    }

    @Override
    public String message() {
      return "block of " + size + " bytes exceeds the maximum of " + max;
    }
  }

  /** Parameters (fanout, shred size, stake table) are out of range. */
  record BadParameter(String detail) implements DaError {
    @Override
    public String code() {
      return "DA_BAD_PARAMETER";
    }

    @Override
    public String message() {
      return "bad parameter: " + detail;
    }
  }

  /**
   * The shreds prove into the root, but decoding them and re-encoding gives another root: the
   * leader's parity was inconsistent with its data. Evidence against the leader, not the relayer.
   */
  record InconsistentErasure(long slot) implements DaError {
    @Override
    public String code() {
      return "DA_INCONSISTENT_ERASURE";
    }

    @Override
    public String message() {
      return "block of slot " + slot + " re-encodes to a different shred root";
    }
  }
}
