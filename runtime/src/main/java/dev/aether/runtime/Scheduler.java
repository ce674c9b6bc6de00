package dev.aether.runtime;

import dev.aether.ledger.AccessSet;
import dev.aether.types.H256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    // A transaction's distinct predecessors: marked[d] == i once d is in i's list.
    int[] marked = new int[n];
    Arrays.fill(marked, -1);
    int[] deps = new int[16];
    for (int i = 0; i < n; i++) {
      AccessSet a = block.get(i);
      int count = 0;
      for (H256 k : a.reads()) {
        if (a.writes().contains(k)) {
          continue; // writing implies reading: handled below, and no self-edge
        }
        Integer w = lastWriter.get(k);
        if (w != null && marked[w] != i) {
          marked[w] = i;
          deps = grow(deps, count);
          deps[count++] = w;
        }
        readersSinceWrite.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
      }
      for (H256 k : a.writes()) {
        Integer w = lastWriter.get(k);
        if (w != null && marked[w] != i) {
          marked[w] = i;
          deps = grow(deps, count);
          deps[count++] = w;
        }
        List<Integer> readers = readersSinceWrite.remove(k);
        if (readers != null) {
          for (int r : readers) {
            if (marked[r] != i) {
              marked[r] = i;
              deps = grow(deps, count);
              deps[count++] = r;
            }
          }
        }
        lastWriter.put(k, i);
      }
      int[] mine = Arrays.copyOf(deps, count);
      Arrays.sort(mine);
      preds[i] = mine;
    }
    return new Plan(preds);
  }

  private static int[] grow(int[] a, int used) {
    return used < a.length ? a : Arrays.copyOf(a, a.length * 2);
  }
}
