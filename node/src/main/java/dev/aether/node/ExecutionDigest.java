package dev.aether.node;

import dev.aether.ledger.ExecutedBlock;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One node's execution of a block, as much as is needed to find where two executions part: every
 * receipt and every changed state key with its new value hash. Exchanged between nodes only when a
 * block's re-executed roots differ from its header ({@link RootMismatches}); never hashed into
 * anything, but encoded with the chain's codec like every other message.
 *
 * @param blockId the block
 * @param receipts the receipts, in block order
 * @param changes every key the block changed and its new value hash (empty = deleted)
 * @param truncated true when the lists were cut to fit one message
 */
record ExecutionDigest(
    H256 blockId,
    List<Receipt> receipts,
    SortedMap<H256, Optional<H256>> changes,
    boolean truncated) {
  /** Most receipts / changed keys one digest carries (a 2 MB block holds fewer transactions). */
  static final int MAX_ENTRIES = 16_384;

  ExecutionDigest {
    receipts = List.copyOf(receipts);
    changes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(changes));
  }

  static ExecutionDigest of(H256 blockId, ExecutedBlock e) {
    List<Receipt> receipts = e.receipts();
    SortedMap<H256, Optional<H256>> changes = e.changeHashes();
    boolean cut = receipts.size() > MAX_ENTRIES || changes.size() > MAX_ENTRIES;
    if (receipts.size() > MAX_ENTRIES) {
      receipts = receipts.subList(0, MAX_ENTRIES);
    }
    if (changes.size() > MAX_ENTRIES) {
      TreeMap<H256, Optional<H256>> first = new TreeMap<>();
      for (Map.Entry<H256, Optional<H256>> c : changes.entrySet()) {
        if (first.size() == MAX_ENTRIES) {
          break;
        }
        first.put(c.getKey(), c.getValue());
      }
      changes = first;
    }
    return new ExecutionDigest(blockId, receipts, changes, cut);
  }

  private record Change(H256 key, Optional<H256> value) {
    static final Codec<Change> CODEC =
        new Codec<>() {
          @Override
          public void write(Change c, Writer out) {
            H256.CODEC.write(c.key, out);
            out.optional(c.value, H256.CODEC);
          }

          @Override
          public Change read(Reader in) {
            return new Change(H256.CODEC.read(in), in.optional("change value", H256.CODEC));
          }
        };
  }

  static final Codec<ExecutionDigest> CODEC =
      new Codec<>() {
        @Override
        public void write(ExecutionDigest d, Writer out) {
          H256.CODEC.write(d.blockId, out);
          out.list(d.receipts, Receipt.CODEC);
          List<Change> changes = new ArrayList<>(d.changes.size());
          d.changes.forEach((k, v) -> changes.add(new Change(k, v)));
          out.list(changes, Change.CODEC);
          out.bool(d.truncated);
        }

        @Override
        public ExecutionDigest read(Reader in) {
          H256 id = H256.CODEC.read(in);
          List<Receipt> receipts = in.list("digest receipts", MAX_ENTRIES, Receipt.CODEC);
          TreeMap<H256, Optional<H256>> changes = new TreeMap<>();
          for (Change c : in.list("digest changes", MAX_ENTRIES, Change.CODEC)) {
            changes.put(c.key, c.value);
          }
          return new ExecutionDigest(id, receipts, changes, in.bool("digest truncated"));
        }
      };

  /**
   * Where {@code ours} and {@code theirs} (two executions of the same block) first differ, in words
   * a person can act on; empty when they agree on everything compared.
   */
  static Optional<String> firstDifference(ExecutionDigest ours, ExecutionDigest theirs) {
    int n = Math.min(ours.receipts.size(), theirs.receipts.size());
    for (int i = 0; i < n; i++) {
      Receipt a = ours.receipts.get(i);
      Receipt b = theirs.receipts.get(i);
      if (!a.equals(b)) {
        return Optional.of(
            "first differing receipt: transaction "
                + i
                + " ("
                + a.txId()
                + "): ours "
                + describe(a)
                + ", theirs "
                + describe(b));
      }
    }
    if (ours.receipts.size() != theirs.receipts.size()) {
      return Optional.of(
          "receipt counts differ: ours "
              + ours.receipts.size()
              + ", theirs "
              + theirs.receipts.size());
    }
    TreeMap<H256, Optional<H256>> keys = new TreeMap<>(ours.changes);
    keys.putAll(theirs.changes);
    for (H256 k : keys.keySet()) {
      Optional<H256> a = ours.changes.get(k);
      Optional<H256> b = theirs.changes.get(k);
      if (a == null || !a.equals(b)) {
        return Optional.of(
            "receipts agree; first differing state key "
                + k
                + ": ours "
                + changeText(a)
                + ", theirs "
                + changeText(b));
      }
    }
    return Optional.empty();
  }

  private static String changeText(Optional<H256> change) {
    if (change == null) {
      return "unchanged";
    }
    return change.map(h -> "value hash " + h).orElse("deleted");
  }

  private static String describe(Receipt r) {
    return "{status "
        + r.status()
        + ", fee "
        + r.feePaid()
        + ", steps "
        + r.steps()
        + ", mem "
        + r.memBytes()
        + ", events "
        + r.events().size()
        + ", error "
        + r.errorCode()
        + "}";
  }
}
