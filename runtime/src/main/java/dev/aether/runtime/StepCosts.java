package dev.aether.runtime;

/**
 * How many metered steps each native operation costs. WebAssembly instructions cost one step each;
 * these prices put host work in the same unit, roughly proportional to its CPU time here (one step
 * ≈ one interpreted instruction ≈ 10 ns). Fixed per protocol version: changing them changes fees
 * and therefore consensus.
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
    long deployPerByte) {
  public static final StepCosts V1 =
      new StepCosts(200, 500, 1, 300, 60, 1, 6_000, 100, 1_000, 20, 10);

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
        || deployPerByte < 0) {
      throw new IllegalArgumentException("step costs must be >= 0");
    }
  }
}
