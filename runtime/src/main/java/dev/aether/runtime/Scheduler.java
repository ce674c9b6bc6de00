package dev.aether.runtime;

import dev.aether.ledger.AccessSet;
import dev.aether.types.H256;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Plans a block into a conflict DAG from declared access sets alone, in one pass over the block:
 * for every key it remembers the last transaction that wrote it and the readers since. A
 * transaction then waits for the last writer of everything it touches, and a writer also waits for
 * the readers since the previous write. That orders every conflicting pair in block order (directly
 * or transitively) and leaves all other pairs free to run concurrently.
 *
 * <p>Cost is linear in the total size of the access sets. The per-key maps are never iterated, so
 * their hash order cannot leak into the plan.
 */
public final class Scheduler {
  /** Plans transactions given by their access sets, in block order. */
  public Plan plan(List<AccessSet> block) {
    int n = block.size();
    Map<H256, Integer> lastWriter = new HashMap<>();
    Map<H256, List<Integer>> readersSinceWrite = new HashMap<>();
    int[][] preds = new int[n][];
    for (int i = 0; i < n; i++) {
      AccessSet a = block.get(i);
      TreeSet<Integer> deps = new TreeSet<>();
      for (H256 k : a.reads()) {
        if (a.writes().contains(k)) {
          continue; // writing implies reading: handled below, and no self-edge
        }
        Integer w = lastWriter.get(k);
        if (w != null) {
          deps.add(w);
        }
        readersSinceWrite.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
      }
      for (H256 k : a.writes()) {
        Integer w = lastWriter.get(k);
        if (w != null) {
          deps.add(w);
        }
        List<Integer> readers = readersSinceWrite.remove(k);
        if (readers != null) {
          deps.addAll(readers);
        }
        lastWriter.put(k, i);
      }
      preds[i] = deps.stream().mapToInt(Integer::intValue).toArray();
    }
    return new Plan(preds);
  }
}
