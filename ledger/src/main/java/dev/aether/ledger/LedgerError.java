package dev.aether.ledger;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.H256;
import dev.aether.types.UtxoRef;

/**
 * Every way the ledger can refuse or fail a transaction, a block, a proof or a chunk. Each error
 * has a stable string code (shown by RPC and CLI) and a stable numeric code (written into a {@link
 * dev.aether.types.Receipt}'s {@code errorCode}). Codes 100-299 reject a transaction (it changes
 * nothing and is not included), 300-399 fail it during execution (it pays its fee and changes
 * nothing else), 400+ concern blocks, proofs, sync and storage. See docs/ledger.md.
 */
public sealed interface LedgerError {
  /** Stable machine-readable code, e.g. {@code ledger.insufficient_funds}. */
  String code();

  /** Stable numeric code (u16), as written into receipts. */
  int number();

  /** Human-readable detail. */
  String message();

  /**
   * True for execution failures: the transaction is included, pays its fee, changes nothing else.
   */
  default boolean chargesFee() {
    return number() >= 300 && number() < 400;
  }

  /**
   * A transaction tried to credit an asset other than SWR to the fee pool or the treasury: those
   * accounts are paid out by end-of-block work, which must never meet an account it cannot credit
   * (an account holds at most {@link dev.aether.types.Value#MAX_ASSETS} assets).
   */
  record SystemAccount(Address account, AssetId asset) implements LedgerError {
    public String code() {
      return "ledger.system_account";
    }

    public int number() {
      return 306;
    }

    public String message() {
      return "the system account " + account + " accepts only SWR, not " + asset;
    }
  }

  /** A credit would give an account more distinct assets than it may hold. */
  record TooManyAssets(Address account) implements LedgerError {
    public String code() {
      return "ledger.too_many_assets";
    }

    public int number() {
      return 307;
    }

    public String message() {
      return "account "
          + account
          + " would hold more than "
          + dev.aether.types.Value.MAX_ASSETS
          + " assets";
    }
  }

  /** The transaction or block bytes did not decode canonically. */
  record Malformed(String codecCode, String detail) implements LedgerError {
    public String code() {
      return "ledger.malformed";
    }

    public int number() {
      return 100;
    }

    public String message() {
      return "malformed input (" + codecCode + "): " + detail;
    }
  }

  /** The transaction names another chain. */
  record WrongChain(String expected, String actual) implements LedgerError {
    public String code() {
      return "ledger.wrong_chain";
    }

    public int number() {
      return 101;
    }

    public String message() {
      return "transaction is for chain '" + actual + "', this is '" + expected + "'";
    }
  }

  /** The encoded transaction is over the size limit. */
  record TxTooLarge(int size, int max) implements LedgerError {
    public String code() {
      return "ledger.tx_too_large";
    }

    public int number() {
      return 102;
    }

    public String message() {
      return "transaction is " + size + " bytes, limit " + max;
    }
  }

  /** The block's slot is outside the transaction's validity interval. */
  record OutsideValidity(long slot, long validFrom, long validUntil) implements LedgerError {
    public String code() {
      return "ledger.outside_validity";
    }

    public int number() {
      return 103;
    }

    public String message() {
      return "slot " + slot + " outside validity interval [" + validFrom + ", " + validUntil + "]";
    }
  }

  /** Signature number {@code index} does not verify over the transaction id. */
  record BadSignature(int index) implements LedgerError {
    public String code() {
      return "ledger.bad_signature";
    }

    public int number() {
      return 104;
    }

    public String message() {
      return "signature " + index + " does not verify over the transaction id";
    }
  }

  /** The payer or the owner of a consumed input did not sign. */
  record MissingSignature(Address signer) implements LedgerError {
    public String code() {
      return "ledger.missing_signature";
    }

    public int number() {
      return 105;
    }

    public String message() {
      return "missing signature by " + signer;
    }
  }

  /** The fee cap does not cover the smallest possible fee of this transaction. */
  record FeeCapTooLow(Amount feeCap, Amount minimumFee) implements LedgerError {
    public String code() {
      return "ledger.fee_cap_too_low";
    }

    public int number() {
      return 107;
    }

    public String message() {
      return "fee cap " + feeCap + " below the minimum fee " + minimumFee;
    }
  }

  /** The transaction mints value that no minting policy authorises. */
  record UnauthorizedMint(AssetId asset) implements LedgerError {
    public String code() {
      return "ledger.unauthorized_mint";
    }

    public int number() {
      return 108;
    }

    public String message() {
      return "minting " + asset + " is not authorised";
    }
  }

  /** Per asset, inputs + minted must equal outputs + burned. */
  record ValueNotConserved(AssetId asset, Amount in, Amount out) implements LedgerError {
    public String code() {
      return "ledger.value_not_conserved";
    }

    public int number() {
      return 109;
    }

    public String message() {
      return "value not conserved for " + asset + ": inputs+mint=" + in + ", outputs+burn=" + out;
    }
  }

  /** A sum left the unsigned 128-bit range. */
  record Overflow(String what) implements LedgerError {
    public String code() {
      return "ledger.overflow";
    }

    public int number() {
      return 110;
    }

    public String message() {
      return "128-bit overflow in " + what;
    }
  }

  /** A consumed input does not exist: never created, or already spent. */
  record InputMissing(UtxoRef input) implements LedgerError {
    public String code() {
      return "ledger.input_missing";
    }

    public int number() {
      return 201;
    }

    public String message() {
      return "input " + input.txId() + ":" + input.index() + " does not exist or is already spent";
    }
  }

  /** The transaction's nonce is not the payer account's nonce (replay or gap). */
  record NonceMismatch(long expected, long actual) implements LedgerError {
    public String code() {
      return "ledger.nonce_mismatch";
    }

    public int number() {
      return 202;
    }

    public String message() {
      return "nonce " + Long.toUnsignedString(actual) + ", account expects " + expected;
    }
  }

  /** The payer has no account, so it cannot pay a fee. */
  record PayerMissing(Address payer) implements LedgerError {
    public String code() {
      return "ledger.payer_missing";
    }

    public int number() {
      return 203;
    }

    public String message() {
      return "payer " + payer + " has no account";
    }
  }

  /** A debit larger than the balance (rejection when it is the fee cap, failure otherwise). */
  record InsufficientFunds(AssetId asset, Amount have, Amount need) implements LedgerError {
    public String code() {
      return "ledger.insufficient_funds";
    }

    public int number() {
      return 204;
    }

    public String message() {
      return "insufficient " + asset + ": have " + have + ", need " + need;
    }
  }

  /** The bytes stored under a key are not the kind of object the rule expects. */
  record MalformedState(H256 key, String detail) implements LedgerError {
    public String code() {
      return "ledger.malformed_state";
    }

    public int number() {
      return 206;
    }

    public String message() {
      return "state at " + key + " is malformed: " + detail;
    }
  }

  /** Execution touched a key outside the transaction's declared inputs, reads and writes. */
  record AccessViolation(H256 key, String operation) implements LedgerError {
    public String code() {
      return "ledger.access_violation";
    }

    public int number() {
      return 301;
    }

    public String message() {
      return operation + " of undeclared key " + key;
    }
  }

  /** The fee computed after execution is above the transaction's fee cap. */
  record FeeCapExceeded(Amount fee, Amount feeCap) implements LedgerError {
    public String code() {
      return "ledger.fee_cap_exceeded";
    }

    public int number() {
      return 302;
    }

    public String message() {
      return "fee " + fee + " exceeds fee cap " + feeCap;
    }
  }

  /** A call names a program or method nobody executes. */
  record UnknownProgram(H256 program, String method) implements LedgerError {
    public String code() {
      return "ledger.unknown_program";
    }

    public int number() {
      return 303;
    }

    public String message() {
      return "no program " + program + " with method '" + method + "'";
    }
  }

  /** A call's arguments did not decode. */
  record BadCallArgs(String detail) implements LedgerError {
    public String code() {
      return "ledger.bad_call_args";
    }

    public int number() {
      return 304;
    }

    public String message() {
      return "bad call arguments: " + detail;
    }
  }

  /** A debit during execution exceeded the balance. */
  record ExecutionInsufficientFunds(AssetId asset, Amount have, Amount need)
      implements LedgerError {
    public String code() {
      return "ledger.execution_insufficient_funds";
    }

    public int number() {
      return 305;
    }

    public String message() {
      return "execution debit of " + need + " " + asset + " exceeds balance " + have;
    }
  }

  /**
   * A failure raised by the runtime (WASM trap, out of steps, program error). {@code runtimeCode}
   * is the runtime's own stable numeric code (1000 and above), written into the receipt.
   */
  record ExecutionFailed(int runtimeCode, String runtimeName, String detail)
      implements LedgerError {
    public ExecutionFailed {
      if (runtimeCode < 1000 || runtimeCode > 0xffff) {
        throw new IllegalArgumentException("runtime error codes live in 1000..65535");
      }
    }

    public String code() {
      return runtimeName;
    }

    public int number() {
      return runtimeCode;
    }

    public String message() {
      return detail;
    }

    @Override
    public boolean chargesFee() {
      return true;
    }
  }

  /** Transaction {@code index} of a block was rejected, so the whole block is invalid. */
  record InvalidBlock(int index, LedgerError cause) implements LedgerError {
    public String code() {
      return "ledger.invalid_block";
    }

    public int number() {
      return 401;
    }

    public String message() {
      return "transaction " + index + " rejected: " + cause.code() + ": " + cause.message();
    }
  }

  /**
   * The block's transactions used more metered steps than the per-block budget ({@code [limits]
   * block_steps_max}): the block is invalid. Checked while executing, so a validator stops as soon
   * as the budget is passed.
   */
  record BlockOverBudget(long budget) implements LedgerError {
    public String code() {
      return "ledger.block_over_budget";
    }

    public int number() {
      return 404;
    }

    public String message() {
      return "block uses more than its budget of " + budget + " steps";
    }
  }

  /**
   * The block runs under a protocol version this code does not implement: governance scheduled an
   * upgrade that activated at {@code height}. The node halts there and says which release to run.
   */
  record UnsupportedProtocol(long height, int version, int supported, String upgrade)
      implements LedgerError {
    public String code() {
      return "ledger.unsupported_protocol";
    }

    public int number() {
      return 405;
    }

    public String message() {
      return "from height "
          + height
          + " the chain runs protocol version "
          + version
          + (upgrade.isEmpty() ? "" : " (upgrade '" + upgrade + "')")
          + "; this binary supports protocol versions up to "
          + supported
          + ": run a release that supports protocol version "
          + version;
    }
  }

  /** A root the block header claims differs from the one execution produced. */
  record RootMismatch(String which, H256 claimed, H256 computed) implements LedgerError {
    public String code() {
      return "ledger.root_mismatch";
    }

    public int number() {
      return 402;
    }

    public String message() {
      return which + " root mismatch: header " + claimed + ", computed " + computed;
    }
  }

  /** The block does not extend the committed head. */
  record BlockOutOfOrder(long expectedHeight, long height, H256 expectedParent, H256 parent)
      implements LedgerError {
    public String code() {
      return "ledger.block_out_of_order";
    }

    public int number() {
      return 403;
    }

    public String message() {
      return "block at height "
          + height
          + " with parent "
          + parent
          + " does not extend head (next height "
          + expectedHeight
          + ", parent "
          + expectedParent
          + ")";
    }
  }

  /** A state-sync chunk or proof does not verify against the trusted root. */
  record ChunkRejected(String chunk, String detail) implements LedgerError {
    public String code() {
      return "ledger.chunk_rejected";
    }

    public int number() {
      return 501;
    }

    public String message() {
      return "state chunk " + chunk + " rejected: " + detail;
    }
  }

  /** A snapshot is unreadable or does not match the root it claims. */
  record SnapshotInvalid(String detail) implements LedgerError {
    public String code() {
      return "ledger.snapshot_invalid";
    }

    public int number() {
      return 502;
    }

    public String message() {
      return "snapshot invalid: " + detail;
    }
  }

  /** The genesis description is inconsistent. */
  record GenesisInvalid(String detail) implements LedgerError {
    public String code() {
      return "ledger.genesis_invalid";
    }

    public int number() {
      return 503;
    }

    public String message() {
      return "genesis invalid: " + detail;
    }
  }

  /** The underlying store failed (I/O, corruption). */
  record StoreFailure(String detail) implements LedgerError {
    public String code() {
      return "ledger.store_failure";
    }

    public int number() {
      return 600;
    }

    public String message() {
      return "store failure: " + detail;
    }
  }
}
