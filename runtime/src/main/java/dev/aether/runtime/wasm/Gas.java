package dev.aether.runtime.wasm;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import dev.aether.runtime.Meter;
import dev.aether.runtime.RuntimeError;

/**
 * One contract invocation's link between its instrumented gas global and the transaction's {@link
 * Meter}. The instrumented code subtracts what it runs from the global; the host hands what was
 * subtracted to the meter ({@link #sync}) whenever it does work of its own, and refills the global
 * with what the meter still allows ({@link #refill}). Engine-independent: the interpreter and the
 * compiler read and write the same global through the instance.
 */
final class Gas {
  /** Keeps every gas value far from overflow: budgets never exceed it. */
  private static final long CLAMP = 1L << 60;

  private final Meter meter;
  private GlobalInstance gas;
  private GlobalInstance stack;
  private long synced;
  private boolean active;

  Gas(Meter meter) {
    this.meter = meter;
  }

  /** Starts metering {@code instance}: fills the gas global, sets the stack units in use. */
  void bind(Instance instance, ContractCode code, int stackUnits) {
    this.gas = instance.global(code.gasGlobal());
    this.stack = instance.global(code.stackGlobal());
    stack.setValue(stackUnits);
    refill();
    active = true;
  }

  /** Hands the steps the code ran since the last sync to the meter (which may stop the call). */
  void sync() {
    if (!active) {
      return;
    }
    long g = gas.getValue();
    long used = synced - g;
    synced = g;
    if (used > 0) {
      meter.steps(used);
    }
  }

  /** Like {@link #sync}, on a path that already failed: the steps count, a second stop does not. */
  void syncQuietly() {
    try {
      sync();
    } catch (RuntimeError.OutOfGas | RuntimeError.StepLimit e) {
      // already over: the fee is what the meter recorded either way
    }
  }

  /** Sets the global to what the meter allows from here on. */
  void refill() {
    long left = Math.min(CLAMP, Math.max(0, meter.stepLimit() - meter.steps()));
    gas.setValue(left);
    synced = left;
  }

  /** Charges host work of {@code steps}. */
  void charge(long steps) {
    sync();
    meter.steps(steps);
    refill();
  }

  /** Charges {@code bytes} of memory (which also leaves fewer steps under the fee cap). */
  void memory(long bytes) {
    sync();
    meter.memory(bytes);
    refill();
  }

  /**
   * Charges {@code steps} of engine work (bulk memory, table elements) straight off the global, as
   * instrumented code does; only an overdraft goes to the meter, which then stops the call.
   */
  void consume(long steps) {
    if (!active) {
      return; // instantiation: priced up front with the call
    }
    long g = gas.getValue() - Math.min(steps, CLAMP);
    gas.setValue(g);
    if (g < 0) {
      sync();
    }
  }

  /** Stack units in use (what the instrumented call sites counted). */
  int stackUnits() {
    return active ? (int) stack.getValue() : 0;
  }

  boolean active() {
    return active;
  }
}
