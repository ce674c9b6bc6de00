package dev.aether.runtime;

import java.util.Arrays;

/**
 * A block's conflict DAG. Transaction {@code i} may start once every transaction in {@code
 * predecessors(i)} has finished; every predecessor comes earlier in block order, so the DAG is
 * acyclic and any topological run is equivalent to the serial run.
 *
 * <p>The edges are a sparse cover, not the full conflict relation: if {@code a < b < c} all write
 * one key, the plan holds {@code a→b} and {@code b→c} but not {@code a→c}, which follows.
 */
public final class Plan {
  private final int[][] predecessors;
  private final int[][] successors;
  private final int depth;

  Plan(int[][] predecessors) {
    this.predecessors = predecessors;
    int n = predecessors.length;
    int[] outDegree = new int[n];
    for (int[] preds : predecessors) {
      for (int p : preds) {
        outDegree[p]++;
      }
    }
    int[][] succ = new int[n][];
    for (int i = 0; i < n; i++) {
      succ[i] = new int[outDegree[i]];
    }
    int[] fill = new int[n];
    for (int i = 0; i < n; i++) {
      for (int p : predecessors[i]) {
        succ[p][fill[p]++] = i;
      }
    }
    this.successors = succ;
    int[] level = new int[n];
    int longest = 0;
    for (int i = 0; i < n; i++) {
      int l = 1;
      for (int p : predecessors[i]) {
        l = Math.max(l, level[p] + 1);
      }
      level[i] = l;
      longest = Math.max(longest, l);
    }
    this.depth = longest;
  }

  /** Number of transactions planned. */
  public int size() {
    return predecessors.length;
  }

  /** Indices of the transactions {@code i} waits for, ascending. */
  public int[] predecessors(int i) {
    return predecessors[i].clone();
  }

  /** Indices of the transactions that wait for {@code i}, ascending. */
  public int[] successors(int i) {
    return successors[i].clone();
  }

  int predecessorCount(int i) {
    return predecessors[i].length;
  }

  int[] successorsView(int i) {
    return successors[i];
  }

  /**
   * Length of the longest dependency chain: the number of rounds an unbounded worker pool needs, so
   * {@code size() / depth()} bounds the available parallelism.
   */
  public int depth() {
    return depth;
  }

  /** True when {@code later} must wait, directly or through others, for {@code earlier}. */
  public boolean orders(int earlier, int later) {
    if (earlier >= later) {
      return false;
    }
    boolean[] seen = new boolean[later + 1];
    int[] stack = new int[later + 1];
    int top = 0;
    stack[top++] = later;
    while (top > 0) {
      int x = stack[--top];
      for (int p : predecessors[x]) {
        if (p == earlier) {
          return true;
        }
        if (p > earlier && !seen[p]) {
          seen[p] = true;
          stack[top++] = p;
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Plan[size="
        + size()
        + ", depth="
        + depth
        + ", edges="
        + Arrays.deepToString(predecessors)
        + "]";
  }
}
