package dev.aether.runtime;

/**
 * Step weights of WebAssembly instructions by class, and of the per-byte and per-element work of
 * bulk instructions. Part of {@link StepCosts}: fixed per protocol version, since changing one
 * changes fees and the block budget's reach. The unit is the step: one plain interpreted
 * instruction. Each weight is the measured time of its class divided by the time of a plain
 * instruction, rounded up (docs/BENCHMARKS.md, "Step costs"), so that no class costs a validator
 * more time per step than the fee pays for.
 *
 * @param plain constants, locals, globals, integer arithmetic and comparisons, control flow
 * @param memory a load, a store, {@code memory.size}
 * @param call a direct call (frame set-up, the stack accounting around it)
 * @param callIndirect {@code call_indirect} (table lookup and signature check on top of a call)
 * @param table {@code table.get/set/size} and the fixed part of {@code table.grow/fill/copy/init}
 * @param memoryGrow the fixed part of {@code memory.grow} (its pages are charged as memory bytes)
 * @param bulkBase the fixed part of {@code memory.fill/copy/init}
 * @param bulkBytesPerStep bytes {@code memory.fill/copy/init} move per step (charged rounded up)
 * @param tableElementSteps steps per element a table instruction writes or grows
 * @param pageSteps steps per 64 KiB page of linear memory an instance starts with or grows by
 *     (allocating and zeroing it; the page is also charged as memory bytes)
 */
public record WasmCosts(
    long plain,
    long memory,
    long call,
    long callIndirect,
    long table,
    long memoryGrow,
    long bulkBase,
    long bulkBytesPerStep,
    long tableElementSteps,
    long pageSteps) {
  public WasmCosts {
    if (plain < 1
        || memory < 1
        || call < 1
        || callIndirect < 1
        || table < 1
        || memoryGrow < 1
        || bulkBase < 1
        || bulkBytesPerStep < 1
        || tableElementSteps < 1
        || pageSteps < 0) {
      throw new IllegalArgumentException("instruction weights must be >= 1");
    }
  }

  /** Steps for a bulk memory instruction moving {@code bytes} bytes (beyond its fixed part). */
  public long bulkBytes(long bytes) {
    return Saturating.add(bytes / bulkBytesPerStep, bytes % bulkBytesPerStep == 0 ? 0 : 1);
  }
}
