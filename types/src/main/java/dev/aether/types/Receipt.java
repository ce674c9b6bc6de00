package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;

/**
 * The outcome of one transaction in a block. A failed transaction still pays its fee; {@code
 * errorCode} is 0 on success, else the ledger/runtime error's numeric code.
 */
public record Receipt(
    H256 txId,
    Status status,
    Amount feePaid,
    long steps,
    long memBytes,
    List<Event> events,
    int errorCode) {
  public static final int MAX_EVENTS = 256;

  /** Whether a transaction's effects were applied. */
  public enum Status {
    SUCCESS,
    FAILED
  }

  public static final Codec<Receipt> CODEC =
      new Codec<>() {
        @Override
        public void write(Receipt v, Writer out) {
          H256.CODEC.write(v.txId, out);
          out.u8(v.status.ordinal());
          Amount.CODEC.write(v.feePaid, out);
          out.u64(v.steps);
          out.u64(v.memBytes);
          out.list(v.events, Event.CODEC);
          out.u16(v.errorCode);
        }

        @Override
        public Receipt read(Reader in) {
          H256 tx = H256.CODEC.read(in);
          int tag = in.u8("Receipt status");
          if (tag >= Status.values().length) {
            throw new CodecException.UnknownTag("Receipt status", tag);
          }
          return new Receipt(
              tx,
              Status.values()[tag],
              Amount.CODEC.read(in),
              in.u64("Receipt steps"),
              in.u64("Receipt memBytes"),
              in.list("Receipt events", MAX_EVENTS, Event.CODEC),
              in.u16("Receipt errorCode"));
        }
      };

  public Receipt {
    java.util.Objects.requireNonNull(txId, "txId");
    java.util.Objects.requireNonNull(status, "status");
    java.util.Objects.requireNonNull(feePaid, "feePaid");
    events = List.copyOf(events);
    if (events.size() > MAX_EVENTS) {
      throw new IllegalArgumentException("at most " + MAX_EVENTS + " events");
    }
    if (errorCode < 0 || errorCode > 0xffff) {
      throw new IllegalArgumentException("error code must fit u16");
    }
  }

  /** Leaf hash of this receipt in the block's receipts tree. */
  public H256 leafHash() {
    return Hashing.tagged("aether/receipt/v1", CODEC.encode(this));
  }
}
