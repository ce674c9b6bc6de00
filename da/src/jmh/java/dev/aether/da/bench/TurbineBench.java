package dev.aether.da.bench;

import dev.aether.da.DaException;
import dev.aether.da.NodeId;
import dev.aether.da.StakedNode;
import dev.aether.da.TurbineTree;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Cost of computing one shred's Turbine tree (every node does this per shred it relays). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TurbineBench {
  @Param({"4", "16", "64", "1000"})
  int nodes;

  private List<StakedNode> table;
  private NodeId leader;
  private TurbineTree.Schedule schedule;
  private int index;

  @Setup
  public void setup() throws Exception {
    table = new ArrayList<>();
    final MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i <= nodes; i++) {
      table.add(
          new StakedNode(
              new NodeId(md.digest(ByteBuffer.allocate(4).putInt(i).array())), 1000L + i));
    }
    leader = table.getFirst().id();
    schedule = TurbineTree.schedule(leader, table, 8);
  }

  /** Per shred with the stake table prepared once per leader (what the relay does). */
  @Benchmark
  public TurbineTree treeFromSchedule() {
    return schedule.tree(7, index++);
  }

  /** Baseline: preparing the stake table again for every shred. */
  @Benchmark
  public TurbineTree buildTree() throws DaException {
    return TurbineTree.build(7, index++, leader, table, 8);
  }
}
