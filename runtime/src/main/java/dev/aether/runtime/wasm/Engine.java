package dev.aether.runtime.wasm;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/**
 * Which Chicory engine runs contract code. Both run the same instrumented module and therefore
 * meter identically ({@link Instrumenter}); results and step counts are the same, which tests check
 * for every example contract and for fuzzed modules. So the choice is a node's own (speed versus
 * compile work), not a consensus parameter.
 */
public enum Engine {
  /** Chicory's interpreter: no start-up cost, slowest per instruction. */
  INTERPRETER,
  /** Chicory's compiler to JVM bytecode, once per module; functions it cannot compile interpret. */
  COMPILER;

  /**
   * Chicory's interpreter stops at this many frames as a backstop. The instrumented stack units
   * stop every contract well before ({@link Instrumenter#STACK_UNITS} / {@link
   * Instrumenter#FRAME_OVERHEAD} frames at most), so this never decides an outcome.
   */
  static final int BACKSTOP_DEPTH = Instrumenter.STACK_UNITS / Instrumenter.FRAME_OVERHEAD + 64;

  Machine machine(Instance instance) {
    return new DepthLimitedMachine(instance, BACKSTOP_DEPTH);
  }

  /** Compiles {@code module} (seconds at worst for the largest module the limits allow). */
  static Function<Instance, Machine> compile(WasmModule module) {
    return MachineFactoryCompiler.builder(module)
        .withInterpreterFallback(InterpreterFallback.SILENT)
        .compile();
  }
}
