package dev.aether.runtime.bench;

import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.Receipt;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * ns per step by instruction class (the step cost table's evidence; {@link StepCostProbe} measures
 * the same in thread CPU time): each op is one call of a calibration loop dominated by one class
 * (contracts/calibrate.wat). Divide the time by the steps printed at setup; the baseline is {@code
 * plain}, same run: a class above it per step is underpriced.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StepCostBench {
  @Param({
    "plain", "loadstore", "global", "call", "callindirect", "table", "hostcall", "fill", "copy",
    "tablefill"
  })
  public String method;

  @Param({"INTERPRETER", "COMPILER"})
  public String engine;

  private Calibration calibration;

  @Setup(Level.Trial)
  public void setup() {
    long n =
        switch (method) {
          case "fill", "copy" -> 300;
          case "tablefill" -> 2_000;
          case "hostcall" -> 5_000;
          default -> 20_000;
        };
    int size = method.equals("tablefill") ? 4096 : method.equals("fill") || method.equals("copy") ? 65536 : 0;
    calibration = new Calibration(WasmContracts.Mode.valueOf(engine), method, n, size);
    Receipt r = calibration.run();
    System.out.println("\n" + method + " " + engine + ": " + r.steps() + " steps");
  }

  @Benchmark
  public Receipt call() {
    return calibration.run();
  }
}
