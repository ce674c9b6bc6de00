package dev.aether.runtime;

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

  /** Stable code in the runtime's range 500..599. */
  public abstract int code();

  /** Stable short name, e.g. {@code ACCESS_VIOLATION}. */
  public abstract String name();

  /** A transaction touched a key outside its declared access sets. */
  public static final class AccessViolation extends RuntimeError {
    public AccessViolation(H256 key, boolean write) {
      super((write ? "write to " : "read of ") + "undeclared key " + key);
    }

    public int code() {
      return 501;
    }

    public String name() {
      return "ACCESS_VIOLATION";
    }
  }

  /** The metered cost reached the transaction's fee cap. */
  public static final class OutOfGas extends RuntimeError {
    public OutOfGas(String what) {
      super("out of gas: " + what);
    }

    public int code() {
      return 502;
    }

    public String name() {
      return "OUT_OF_GAS";
    }
  }

  /** The fee cap does not cover even the fixed part of the fee. */
  public static final class FeeCapTooLow extends RuntimeError {
    public FeeCapTooLow(String message) {
      super(message);
    }

    public int code() {
      return 503;
    }

    public String name() {
      return "FEE_CAP_TOO_LOW";
    }
  }

  /** The payer's balance does not cover the declared fee cap. */
  public static final class CannotPayFee extends RuntimeError {
    public CannotPayFee(String message) {
      super(message);
    }

    public int code() {
      return 504;
    }

    public String name() {
      return "CANNOT_PAY_FEE";
    }
  }

  /** The transaction's nonce is not the payer account's next nonce. */
  public static final class BadNonce extends RuntimeError {
    public BadNonce(long expected, long got) {
      super("nonce " + got + ", expected " + expected);
    }

    public int code() {
      return 505;
    }

    public String name() {
      return "BAD_NONCE";
    }
  }

  /** The payer (or an account being debited) did not sign the transaction. */
  public static final class NotSigned extends RuntimeError {
    public NotSigned(String message) {
      super(message);
    }

    public int code() {
      return 506;
    }

    public String name() {
      return "NOT_SIGNED";
    }
  }

  /** A debit exceeds the balance. */
  public static final class InsufficientFunds extends RuntimeError {
    public InsufficientFunds(String message) {
      super(message);
    }

    public int code() {
      return 507;
    }

    public String name() {
      return "INSUFFICIENT_FUNDS";
    }
  }

  /** No program or contract is deployed under the called id. */
  public static final class UnknownProgram extends RuntimeError {
    public UnknownProgram(H256 program) {
      super("no program " + program);
    }

    public int code() {
      return 508;
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
      return 509;
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
      return 510;
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
      return 511;
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
      return 512;
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
      return 513;
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
      return 514;
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
      return 515;
    }

    public String name() {
      return "INVALID_MODULE";
    }
  }

  /** The transaction is for another chain or outside its validity interval. */
  public static final class NotValidNow extends RuntimeError {
    public NotValidNow(String message) {
      super(message);
    }

    public int code() {
      return 516;
    }

    public String name() {
      return "NOT_VALID_NOW";
    }
  }

  /** An amount left the u128 range. */
  public static final class Overflow extends RuntimeError {
    public Overflow(String message) {
      super(message);
    }

    public int code() {
      return 517;
    }

    public String name() {
      return "OVERFLOW";
    }
  }

  /** A transaction emitted more events, or larger ones, than a receipt holds. */
  public static final class EventLimit extends RuntimeError {
    public EventLimit(String message) {
      super(message);
    }

    public int code() {
      return 518;
    }

    public String name() {
      return "EVENT_LIMIT";
    }
  }

  /** UTxO inputs plus minted value differ from outputs plus burned value. */
  public static final class ValueNotConserved extends RuntimeError {
    public ValueNotConserved(String message) {
      super(message);
    }

    public int code() {
      return 519;
    }

    public String name() {
      return "VALUE_NOT_CONSERVED";
    }
  }
}
