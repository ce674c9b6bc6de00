package dev.aether.runtime;

import dev.aether.ledger.LedgerError;
import dev.aether.types.H256;

/**
 * Why the runtime failed a transaction. Each kind has a stable numeric code (the {@code errorCode}
 * of the transaction's receipt, shown by RPC and CLI) and a stable short name. A failed transaction
 * changes nothing but its fee payment and its nonce.
 *
 * <p>Unchecked because host functions throw it from inside the WebAssembly machine, which only lets
 * unchecked exceptions through.
 */
public abstract sealed class RuntimeError extends RuntimeException {
  private RuntimeError(String message) {
    super(message, null, false, false); // no stack trace: these are expected outcomes, not bugs
  }

  /** Stable code in the runtime's range 1001..1099 (the ledger reserves 1000+ for the runtime). */
  public abstract int code();

  /** Stable short name, e.g. {@code ACCESS_VIOLATION}. */
  public abstract String name();

  /** The ledger's form of this error, as written into the failed transaction's receipt. */
  public LedgerError toLedgerError() {
    return new LedgerError.ExecutionFailed(
        code(), "runtime." + name().toLowerCase(java.util.Locale.ROOT), getMessage());
  }

  /** The metered cost reached the transaction's fee cap. */
  public static final class OutOfGas extends RuntimeError {
    public OutOfGas(String what) {
      super("out of gas: " + what);
    }

    public int code() {
      return 1002;
    }

    public String name() {
      return "OUT_OF_GAS";
    }
  }

  /** No program or contract is deployed under the called id. */
  public static final class UnknownProgram extends RuntimeError {
    public UnknownProgram(H256 program) {
      super("no program " + program);
    }

    public int code() {
      return 1008;
    }

    public String name() {
      return "UNKNOWN_PROGRAM";
    }
  }

  /** The program has no such method (or the contract does not export it). */
  public static final class UnknownMethod extends RuntimeError {
    public UnknownMethod(String method) {
      super("no method '" + method + "'");
    }

    public int code() {
      return 1009;
    }

    public String name() {
      return "UNKNOWN_METHOD";
    }
  }

  /** Call arguments or host-call operands are malformed. */
  public static final class BadArguments extends RuntimeError {
    public BadArguments(String message) {
      super(message);
    }

    public int code() {
      return 1010;
    }

    public String name() {
      return "BAD_ARGUMENTS";
    }
  }

  /** A contract trapped (unreachable, bad memory access, division by zero, explicit abort). */
  public static final class ContractTrap extends RuntimeError {
    public ContractTrap(String message) {
      super("trap: " + message);
    }

    public int code() {
      return 1011;
    }

    public String name() {
      return "CONTRACT_TRAP";
    }
  }

  /** A contract asked for more linear memory than the limit. */
  public static final class MemoryLimit extends RuntimeError {
    public MemoryLimit(String message) {
      super(message);
    }

    public int code() {
      return 1012;
    }

    public String name() {
      return "MEMORY_LIMIT";
    }
  }

  /** A contract's call depth exceeded the limit. */
  public static final class StackExhausted extends RuntimeError {
    public StackExhausted(String message) {
      super(message);
    }

    public int code() {
      return 1013;
    }

    public String name() {
      return "STACK_EXHAUSTED";
    }
  }

  /** An object's prepaid rent ran out; it must be revived by a writer before it can be read. */
  public static final class RentExpired extends RuntimeError {
    public RentExpired(H256 key, long paidThrough, long epoch) {
      super("rent of " + key + " paid through epoch " + paidThrough + ", now epoch " + epoch);
    }

    public int code() {
      return 1014;
    }

    public String name() {
      return "RENT_EXPIRED";
    }
  }

  /** A deployed module is not valid WebAssembly or breaks the contract rules. */
  public static final class InvalidModule extends RuntimeError {
    public InvalidModule(String message) {
      super("invalid module: " + message);
    }

    public int code() {
      return 1015;
    }

    public String name() {
      return "INVALID_MODULE";
    }
  }

  /** A transaction emitted more events, or larger ones, than a receipt holds. */
  public static final class EventLimit extends RuntimeError {
    public EventLimit(String message) {
      super(message);
    }

    public int code() {
      return 1018;
    }

    public String name() {
      return "EVENT_LIMIT";
    }
  }

  /**
   * The transaction used more steps than the chain allows any one transaction ({@code [limits]
   * tx_steps_max}); a higher fee cap would not help.
   */
  public static final class StepLimit extends RuntimeError {
    public StepLimit(long limit) {
      super("more than " + limit + " steps, the per-transaction limit");
    }

    public int code() {
      return 1019;
    }

    public String name() {
      return "STEP_LIMIT";
    }
  }

  /** A contract called back into a contract that is already running in this transaction. */
  public static final class Reentrancy extends RuntimeError {
    public Reentrancy(H256 contract) {
      super("contract " + contract + " is already running: re-entrant calls are refused");
    }

    public int code() {
      return 1020;
    }

    public String name() {
      return "REENTRANCY";
    }
  }
}
