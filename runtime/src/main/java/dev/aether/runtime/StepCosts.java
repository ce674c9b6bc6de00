package dev.aether.runtime;

/**
 * How many metered steps each operation costs. The step is the unit of validator time: one plain
 * interpreted WebAssembly instruction. Other instructions weigh what {@link WasmCosts} says; host
 * work is priced here in the same unit, from measurements of its CPU time (docs/BENCHMARKS.md,
 * "Step costs"). Fixed per protocol version: changing a price changes fees, and therefore
 * consensus.
 *
 * @param stateRead reading one state object (plus {@code perByte} per stored byte)
 * @param stateWrite writing or deleting one state object
 * @param perByte each byte copied between contract memory and the host, or read from state
 * @param transfer moving a balance (plus its reads and writes)
 * @param hashBase fixed part of {@code sha256}
 * @param hashPerByte each byte hashed (and each message byte verified)
 * @param verifySignature one Ed25519 verification
 * @param emitEvent one event (plus {@code perByte} per topic and data byte)
 * @param callBase each call of a transaction
 * @param hostCall any host function call
 * @param deployPerByte each byte of deployed code (validation and instrumentation)
 * @param instantiateBase creating a contract instance (memory, globals, tables, links)
 * @param instantiatePerByte each byte of the module being instantiated
 * @param contractCall a contract calling another contract (on top of instantiating it)
 * @param wasm instruction weights
 */
public record StepCosts(
    long stateRead,
    long stateWrite,
    long perByte,
    long transfer,
    long hashBase,
    long hashPerByte,
    long verifySignature,
    long emitEvent,
    long callBase,
    long hostCall,
    long deployPerByte,
    long instantiateBase,
    long instantiatePerByte,
    long contractCall,
    WasmCosts wasm) {
  /**
   * Version 2, measured on the reference machine (docs/BENCHMARKS.md, "Step costs"): instruction
   * classes weighted against a plain instruction, host work and instantiation repriced from their
   * measured time. Version 1 priced every instruction — a {@code memory.fill} of a MiB included —
   * at one step, and instantiation at nothing.
   */
  public static final StepCosts V2 =
      new StepCosts(
          200,
          500,
          1,
          300,
          60,
          1,
          6_000,
          100,
          2_500,
          40,
          10,
          5_000,
          1,
          1_000,
          new WasmCosts(1, 2, 28, 26, 2, 20, 20, 64, 1, 512));

  public StepCosts {
    if (stateRead < 0
        || stateWrite < 0
        || perByte < 0
        || transfer < 0
        || hashBase < 0
        || hashPerByte < 0
        || verifySignature < 0
        || emitEvent < 0
        || callBase < 0
        || hostCall < 0
        || deployPerByte < 0
        || instantiateBase < 0
        || instantiatePerByte < 0
        || contractCall < 0) {
      throw new IllegalArgumentException("step costs must be >= 0");
    }
    java.util.Objects.requireNonNull(wasm, "wasm");
  }
}
