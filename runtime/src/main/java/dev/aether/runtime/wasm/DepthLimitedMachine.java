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
 * Chicory's interpreter with a call-depth limit. The interpreter recurses on the Java stack for
 * every WebAssembly call and turns a {@link StackOverflowError} into an error itself — but where
 * that happens depends on the thread's stack size, which differs between nodes. Counting frames
 * makes stack exhaustion a deterministic {@link RuntimeError.StackExhausted} at exactly {@code
 * maxDepth} frames on every machine.
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
