package dev.aether.ledger;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxOutput;
import dev.aether.types.TxSignature;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Builders of transactions for tests. */
public final class Txs {
  public static final String CHAIN = "aether-test-1";
  public static final long FEE_CAP = 100_000;

  private Txs() {}

  /** A body builder with test defaults: valid for slots 0..10^6, fee cap 100000 SWR. */
  public static final class Builder {
    private final Address payer;
    private long nonce;
    private List<UtxoRef> inputs = List.of();
    private final TreeSet<H256> reads = new TreeSet<>();
    private final TreeSet<H256> writes = new TreeSet<>();
    private final List<TxOutput> outputs = new ArrayList<>();
    private final List<Call> calls = new ArrayList<>();
    private Value mint = Value.EMPTY;
    private Value burn = Value.EMPTY;
    private Amount feeCap = Amount.of(FEE_CAP);
    private long validFrom = 0;
    private long validUntil = 1_000_000;
    private String chain = CHAIN;

    Builder(Address payer, long nonce) {
      this.payer = payer;
      this.nonce = nonce;
    }

    public Builder inputs(List<UtxoRef> in) {
      inputs = new ArrayList<>(new TreeSet<>(in));
      return this;
    }

    public Builder read(H256 k) {
      reads.add(k);
      return this;
    }

    public Builder write(H256 k) {
      writes.add(k);
      return this;
    }

    public Builder output(Address owner, Value v) {
      outputs.add(new TxOutput(owner, v));
      return this;
    }

    public Builder call(Call c) {
      calls.add(c);
      return this;
    }

    /** A bank transfer to {@code to}, declaring its account as a write. */
    public Builder transfer(Address to, Value v) {
      writes.add(StateKeys.account(to));
      calls.add(BankProgram.transfer(to, v));
      return this;
    }

    public Builder mint(Value v) {
      mint = v;
      return this;
    }

    public Builder burn(Value v) {
      burn = v;
      return this;
    }

    public Builder feeCap(long cap) {
      feeCap = Amount.of(cap);
      return this;
    }

    public Builder validity(long from, long until) {
      validFrom = from;
      validUntil = until;
      return this;
    }

    public Builder chain(String c) {
      chain = c;
      return this;
    }

    public TxBody body() {
      return new TxBody(
          chain,
          payer,
          nonce,
          inputs,
          List.copyOf(reads),
          List.copyOf(writes),
          outputs,
          calls,
          mint,
          burn,
          feeCap,
          validFrom,
          validUntil);
    }

    /** Signed by each of {@code signers}. */
    public Tx signedBy(Wallet... signers) {
      TxBody b = body();
      List<TxSignature> sigs = new ArrayList<>();
      for (Wallet w : signers) {
        sigs.add(w.sign(b.id()));
      }
      return new Tx(b, sigs);
    }
  }

  public static Builder from(Wallet payer, long nonce) {
    return new Builder(payer.address(), nonce);
  }

  public static Builder from(Address payer, long nonce) {
    return new Builder(payer, nonce);
  }

  public static Value swr(long n) {
    return Value.of(AssetId.SWR, n);
  }

  /** A plain account transfer of {@code amount} SWR. */
  public static Tx transfer(Wallet from, long nonce, Address to, long amount) {
    return from(from, nonce).transfer(to, swr(amount)).signedBy(from);
  }
}
