package dev.aether.programs.jobs;

import dev.aether.programs.amm.Amm;
import dev.aether.runtime.CallContext;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Value;
import dev.aether.types.ValueEvent;
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
  /** The route of a stablecoin payout: AIC into the AIC/USDT pool, USDT out. */
  java.util.List<AssetId> STABLE_ROUTE = java.util.List.of(AssetId.AIC, AssetId.USDT);

  Optional<Bytes> get(H256 key);

  void put(H256 key, Bytes value);

  /**
   * Takes AIC from an account into custody (the ledger fails the debit if the balance is short),
   * with the {@code debit} value event that says so ({@code cause}, the job's id as its ref).
   */
  void debit(Address from, BigInteger aic, String cause, H256 job);

  /** Pays AIC out of custody into an account, with its {@code credit} value event. */
  void credit(Address to, BigInteger aic, String cause, H256 job);

  /** Records with a {@code burn} value event that {@code aic} in custody is destroyed. */
  void burned(BigInteger aic, String cause, H256 job);

  /** Charges metered steps (throws when the fee cap is reached). */
  void charge(long steps);

  /** Emits {@code jobs.<name>} with the job id. */
  void emit(String name, H256 jobId);

  /** The AIC/USDT pool's price accumulator of AIC in USDT as of this block's slot. */
  Amm.Observation observeAicInUsdt();

  /** The AIC the pool would take now for exactly {@code usdt} USDT. */
  BigInteger quoteAicForUsdt(BigInteger usdt);

  /**
   * Buys exactly {@code usdt} USDT for {@code to} with AIC from custody (at most {@code maxAic}),
   * with the {@code credit} value event of the USDT paid; returns the AIC spent.
   */
  BigInteger buyUsdt(BigInteger usdt, BigInteger maxAic, Address to, H256 job);

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
      public void debit(Address from, BigInteger aic, String cause, H256 job) {
        if (aic.signum() > 0) {
          Amount a = new Amount(aic);
          ctx.debit(from, Value.of(AssetId.AIC, a));
          ctx.emitValue(ValueEvent.debit(from, AssetId.AIC, a, cause, ref(job)));
        }
      }

      @Override
      public void credit(Address to, BigInteger aic, String cause, H256 job) {
        if (aic.signum() > 0) {
          Amount a = new Amount(aic);
          ctx.credit(to, Value.of(AssetId.AIC, a));
          ctx.emitValue(ValueEvent.credit(to, AssetId.AIC, a, cause, ref(job)));
        }
      }

      @Override
      public void burned(BigInteger aic, String cause, H256 job) {
        if (aic.signum() > 0) {
          ctx.emitValue(ValueEvent.burn(AssetId.AIC, new Amount(aic), cause, ref(job)));
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

      @Override
      public Amm.Observation observeAicInUsdt() {
        return Amm.observe(ctx, AssetId.AIC, AssetId.USDT);
      }

      @Override
      public BigInteger quoteAicForUsdt(BigInteger usdt) {
        return Amm.quoteExactOut(ctx, STABLE_ROUTE, usdt);
      }

      @Override
      public BigInteger buyUsdt(BigInteger usdt, BigInteger maxAic, Address to, H256 job) {
        BigInteger spent = Amm.swapExactOutFromCustody(ctx, STABLE_ROUTE, usdt, maxAic, to);
        ctx.emitValue(ValueEvent.credit(to, AssetId.USDT, new Amount(usdt), "payout", ref(job)));
        return spent;
      }
    };
  }

  private static Bytes ref(H256 job) {
    return Bytes.of(job.toArray());
  }
}
