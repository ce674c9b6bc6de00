package dev.aether.ledger;

import dev.aether.ledger.StateObject.Account;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.H256;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxOutput;
import dev.aether.types.TxSignature;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The validation rules. A transaction that breaks one is rejected: it is not included and changes
 * nothing. Rules run in a fixed order and the first broken one is reported, so every node reports
 * the same error. Stateless rules need only the transaction and the block context; stateful rules
 * read the state the transaction would run on.
 */
public final class TxRules {
  private final LedgerConfig config;
  private final SignatureVerifier verifier;

  public TxRules(LedgerConfig config, SignatureVerifier verifier) {
    this.config = config;
    this.verifier = verifier;
  }

  public LedgerConfig config() {
    return config;
  }

  /** Stateless and stateful checks of {@code tx} against {@code state}; empty when valid. */
  public Optional<LedgerError> validate(Tx tx, BlockContext ctx, StateReader state) {
    H256 id = tx.id();
    int size = tx.sizeBytes();
    Optional<LedgerError> e = checkStateless(tx, id, size, ctx);
    return e.isPresent() ? e : checkStateful(tx, signers(tx), state);
  }

  /** The addresses whose keys signed {@code tx} (whether or not the signatures verify). */
  public static SortedSet<Address> signers(Tx tx) {
    TreeSet<Address> s = new TreeSet<>();
    for (TxSignature sig : tx.signatures()) {
      s.add(sig.signer());
    }
    return s;
  }

  /**
   * Rules 1-7 of docs/ledger.md: chain, size, validity interval, signatures (unless already
   * verified), payer signed, mint authorised, fee cap covers the minimum fee.
   */
  public Optional<LedgerError> checkStateless(Tx tx, H256 id, int size, BlockContext ctx) {
    TxBody b = tx.body();
    if (!b.chainId().equals(config.chainId())) {
      return Optional.of(new LedgerError.WrongChain(config.chainId(), b.chainId()));
    }
    int maxTx = ctx.params().map(ChainParams::maxTxBytes).orElse(config.maxTxBytes());
    if (size > maxTx) {
      return Optional.of(new LedgerError.TxTooLarge(size, maxTx));
    }
    if (Long.compareUnsigned(ctx.slot(), b.validFrom()) < 0
        || Long.compareUnsigned(ctx.slot(), b.validUntil()) > 0) {
      return Optional.of(
          new LedgerError.OutsideValidity(ctx.slot(), b.validFrom(), b.validUntil()));
    }
    if (!ctx.signaturesVerified()) {
      byte[] msg = id.toArray();
      for (int i = 0; i < tx.signatures().size(); i++) {
        TxSignature s = tx.signatures().get(i);
        if (!verifier.verify(s.publicKey().toArray(), msg, s.signature().toArray())) {
          return Optional.of(new LedgerError.BadSignature(i));
        }
      }
    }
    SortedSet<Address> signers = signers(tx);
    if (!signers.contains(b.payer())) {
      return Optional.of(new LedgerError.MissingSignature(b.payer()));
    }
    for (AssetId asset : b.mint().amounts().keySet()) {
      if (!config.mintPolicy().authorises(tx, asset)) {
        return Optional.of(new LedgerError.UnauthorizedMint(asset));
      }
    }
    Amount minFee = Fees.of(ctx.feesOr(config.fees()), ctx.multipliers(), tx, size, 0, 0);
    if (b.feeCap().compareTo(minFee) < 0) {
      return Optional.of(new LedgerError.FeeCapTooLow(b.feeCap(), minFee));
    }
    return Optional.empty();
  }

  /**
   * Rules 8-14 of docs/ledger.md: the payer's account exists and carries the transaction's nonce;
   * every input exists unspent and its owner signed; per asset, inputs + mint do not exceed outputs
   * + burn (no overflow); the payer holds the fee cap in SWR plus whatever outputs + burn need
   * beyond inputs + mint (paid in from its account).
   */
  /**
   * What the payer's account pays into the transaction's outputs and burn: per asset, outputs +
   * burn minus inputs + mint (non-negative once {@link #checkStateful} passed).
   */
  static Value paidIn(Tx tx, Value inputs) {
    Value out = tx.body().burn();
    for (TxOutput o : tx.body().outputs()) {
      out = out.add(o.value());
    }
    return out.subtract(inputs.add(tx.body().mint()));
  }

  public Optional<LedgerError> checkStateful(Tx tx, SortedSet<Address> signers, StateReader state) {
    TxBody b = tx.body();
    H256 payerKey = StateKeys.account(b.payer());
    Optional<StateObject> payerObj = state.get(payerKey);
    if (payerObj.isEmpty()) {
      return Optional.of(new LedgerError.PayerMissing(b.payer()));
    }
    if (!(payerObj.get() instanceof Account payer)) {
      return Optional.of(new LedgerError.MalformedState(payerKey, "payer key holds no account"));
    }
    if (payer.nonce() != b.nonce()) {
      return Optional.of(new LedgerError.NonceMismatch(payer.nonce(), b.nonce()));
    }
    Value in = b.mint();
    try {
      for (UtxoRef ref : b.inputs()) {
        Optional<StateObject> o = state.get(ref.stateKey());
        if (o.isEmpty()) {
          return Optional.of(new LedgerError.InputMissing(ref));
        }
        if (!(o.get() instanceof StateObject.Utxo u)) {
          return Optional.of(new LedgerError.MalformedState(ref.stateKey(), "input is no UTxO"));
        }
        if (!signers.contains(u.output().owner())) {
          return Optional.of(new LedgerError.MissingSignature(u.output().owner()));
        }
        in = in.add(u.output().value());
      }
    } catch (Amount.AmountOverflowException e) {
      return Optional.of(new LedgerError.Overflow("inputs + mint"));
    }
    Value out = b.burn();
    try {
      for (TxOutput o : b.outputs()) {
        out = out.add(o.value());
      }
    } catch (Amount.AmountOverflowException e) {
      return Optional.of(new LedgerError.Overflow("outputs + burn"));
    }
    // Value may not vanish: per asset, inputs + mint must not exceed outputs + burn. What outputs
    // + burn need beyond inputs + mint is paid in from the payer's account (which signed).
    TreeMap<AssetId, Amount> need = new TreeMap<>();
    TreeMap<AssetId, Amount> all = new TreeMap<>(in.amounts());
    all.putAll(out.amounts());
    for (AssetId a : all.keySet()) {
      int c = in.get(a).compareTo(out.get(a));
      if (c > 0) {
        return Optional.of(new LedgerError.ValueNotConserved(a, in.get(a), out.get(a)));
      }
      if (c < 0) {
        need.put(a, out.get(a).subtract(in.get(a)));
      }
    }
    try {
      need.merge(AssetId.SWR, b.feeCap(), Amount::add);
    } catch (Amount.AmountOverflowException e) {
      return Optional.of(new LedgerError.Overflow("fee cap + paid-in SWR"));
    }
    for (Map.Entry<AssetId, Amount> e : need.entrySet()) {
      Amount have = payer.balance().get(e.getKey());
      if (have.compareTo(e.getValue()) < 0) {
        return Optional.of(new LedgerError.InsufficientFunds(e.getKey(), have, e.getValue()));
      }
    }
    return Optional.empty();
  }
}
