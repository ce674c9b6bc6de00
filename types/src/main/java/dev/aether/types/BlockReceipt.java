package dev.aether.types;

import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The outcome of a block's own work after its transactions: the fees shared out between the fee
 * pool and the treasury, and the native programs' end-of-block hooks (staking epochs and slashes,
 * governance tallies, refunds, burns and treasury spends). It holds the events that work emitted,
 * in the order it emitted them — every movement of value among them a {@link ValueEvent}.
 *
 * <p>Every executed block has exactly one, committed as the <b>last leaf</b> of its receipts tree
 * (after the transactions' receipts, leaf hash {@link #leafHash()} under its own domain tag), so
 * the header's {@code receiptsRoot} binds it and a client checks it with the same audit path as a
 * transaction's receipt (docs/adr/0053). The genesis block executes nothing and has none.
 *
 * @param height the block's height (binds the receipt to its block on its own)
 * @param events the events of the block's own work, in order
 */
public record BlockReceipt(long height, List<Event> events) {
  /**
   * Most events one block's own work may emit. A consensus bound far above what the programs' own
   * limits allow (docs/adr/0053 sums them: under 30 000 with 4096 validators, 16 proposals of 64
   * depositors, 256 queued slashes); the ledger refuses to seal a block past it.
   */
  public static final int MAX_EVENTS = 65_536;

  /** The ledger's own emitter id, for the fees it shares out: a native-program-style id. */
  public static final H256 LEDGER =
      Hashing.tagged("aether/program/v1", "ledger".getBytes(StandardCharsets.US_ASCII));

  public static final Codec<BlockReceipt> CODEC =
      new Codec<>() {
        @Override
        public void write(BlockReceipt v, Writer out) {
          out.u64(v.height);
          out.list(v.events, Event.CODEC);
        }

        @Override
        public BlockReceipt read(Reader in) {
          long height = in.u64("BlockReceipt height");
          return new BlockReceipt(height, in.list("BlockReceipt events", MAX_EVENTS, Event.CODEC));
        }
      };

  public BlockReceipt {
    if (height < 1) {
      throw new IllegalArgumentException(
          "a block receipt belongs to an executed block (height >= 1)");
    }
    events = List.copyOf(events);
    if (events.size() > MAX_EVENTS) {
      throw new IllegalArgumentException("at most " + MAX_EVENTS + " block events");
    }
  }

  /**
   * Leaf hash of this receipt in its block's receipts tree: {@code
   * SHA-256("aether/block-receipt/v1" || 0 || encode(this))} — a tag of its own, so a block receipt
   * can never pass for a transaction's receipt (leaf tag {@code aether/receipt/v1}) or the other
   * way round.
   */
  public H256 leafHash() {
    return Hashing.tagged("aether/block-receipt/v1", CODEC.encode(this));
  }

  /** The events that move value, in order (the others are skipped). */
  public List<ValueEvent.Emitted> valueEvents() {
    return ValueEvent.of(events);
  }
}
