package dev.aether.ledger;

import dev.aether.ledger.StateObject.Account;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import java.math.BigInteger;
import java.util.List;

/**
 * Where a block's fees go once its transactions ran: the treasury's share ({@link
 * ChainParams#treasuryFeeBps()}) and the fee pool, and — from protocol version 2 — the congestion
 * surcharge burned (docs/adr/0045, 0046). Pure functions of the block's receipts and parameters.
 */
final class BlockFees {
  private static final BigInteger BPS = BigInteger.valueOf(10_000);

  private BlockFees() {}

  /** {@code floor(fees · bps / 10000)}. */
  static Amount share(Amount fees, int bps) {
    return new Amount(fees.value().multiply(BigInteger.valueOf(bps)).divide(BPS));
  }

  /**
   * From protocol version 2: what the block's transactions paid above the 1× fee for the usage
   * their receipts record (the congestion surcharge), which is burned rather than paid out — so a
   * proposer gains nothing from making objects hot. Zero under version 1.
   */
  static Amount burnedSurcharge(BlockContext ctx, List<Tx> txs, List<Receipt> receipts) {
    ChainParams p = ctx.params().orElseThrow();
    if (p.versionAt(ctx.height()) < 2) {
      return Amount.ZERO;
    }
    Amount burned = Amount.ZERO;
    for (int i = 0; i < txs.size(); i++) {
      Tx tx = txs.get(i);
      Receipt r = receipts.get(i);
      Amount base =
          Fees.of(p.fees(), FeeMultipliers.NONE, tx, tx.sizeBytes(), r.steps(), r.memBytes());
      if (r.feePaid().compareTo(base) > 0) {
        burned = burned.add(r.feePaid().subtract(base));
      }
    }
    return burned;
  }

  /** Credits {@code amount} SWR to {@code to} and says so in the block's events. */
  static void credit(
      BlockState state, BlockEvents events, Address to, Amount amount, String cause) {
    if (amount.isZero()) {
      return;
    }
    events.emit(
        dev.aether.types.BlockReceipt.LEDGER,
        dev.aether.types.ValueEvent.credit(
            to, AssetId.SWR, amount, cause, dev.aether.types.Bytes.EMPTY));
    Account a = (Account) state.get(StateKeys.account(to)).orElse(Account.EMPTY);
    state.put(
        StateKeys.account(to),
        new Account(a.balance().add(Value.of(AssetId.SWR, amount)), a.nonce()));
  }
}
