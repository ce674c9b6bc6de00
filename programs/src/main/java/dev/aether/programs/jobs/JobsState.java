package dev.aether.programs.jobs;

import dev.aether.runtime.CallContext;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the escrow logic may do to the chain inside one transaction: read and write its objects,
 * move AIC in and out of the program's custody, charge metered steps and emit events. Over the
 * runtime's {@link CallContext}, so every access is checked against the transaction's declared sets
 * and metered against its fee cap.
 */
interface JobsState {
  Optional<Bytes> get(H256 key);

  void put(H256 key, Bytes value);

  /**
   * Takes AIC from an account into custody (the ledger fails the debit if the balance is short).
   */
  void debit(Address from, BigInteger aic);

  /** Pays AIC out of custody into an account. */
  void credit(Address to, BigInteger aic);

  /** Charges metered steps (throws when the fee cap is reached). */
  void charge(long steps);

  /** Emits {@code jobs.<name>} with the job id. */
  void emit(String name, H256 jobId);

  static JobsState of(CallContext ctx) {
    return new JobsState() {
      @Override
      public Optional<Bytes> get(H256 key) {
        return ctx.readData(key);
      }

      @Override
      public void put(H256 key, Bytes value) {
        ctx.writeData(key, value);
      }

      @Override
      public void debit(Address from, BigInteger aic) {
        if (aic.signum() > 0) {
          ctx.debit(from, Value.of(AssetId.AIC, new Amount(aic)));
        }
      }

      @Override
      public void credit(Address to, BigInteger aic) {
        if (aic.signum() > 0) {
          ctx.credit(to, Value.of(AssetId.AIC, new Amount(aic)));
        }
      }

      @Override
      public void charge(long steps) {
        ctx.meter().steps(steps);
      }

      @Override
      public void emit(String name, H256 jobId) {
        ctx.emit(
            Bytes.of(("jobs." + name).getBytes(StandardCharsets.US_ASCII)),
            Bytes.of(jobId.toArray()));
      }
    };
  }
}
