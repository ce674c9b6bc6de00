package dev.aether.runtime.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.FunctionType;
import dev.aether.runtime.RuntimeError;
import java.util.Deque;

/**
 * Chicory's interpreter with a call-depth backstop. The interpreter recurses on the Java stack for
 * every WebAssembly call and turns a {@link StackOverflowError} into an error itself — where that
 * happens depends on the thread's stack size. The instrumented stack units ({@link Instrumenter})
 * stop every contract first, identically on both engines; this frame count, set above what the
 * units allow ({@link Engine#BACKSTOP_DEPTH}), only guards against a bug there, and still stops
 * deterministically.
 */
final class DepthLimitedMachine extends InterpreterMachine {
  private final int maxDepth;

  DepthLimitedMachine(Instance instance, int maxDepth) {
    super(instance);
    this.maxDepth = maxDepth;
  }

  @Override
  protected long[] call(
      MStack stack,
      Instance instance,
      Deque<StackFrame> callStack,
      int funcId,
      long[] args,
      FunctionType callType,
      boolean popResults)
      throws ChicoryException {
    if (callStack.size() >= maxDepth) {
      throw new RuntimeError.StackExhausted("call depth over " + maxDepth);
    }
    return super.call(stack, instance, callStack, funcId, args, callType, popResults);
  }
}
