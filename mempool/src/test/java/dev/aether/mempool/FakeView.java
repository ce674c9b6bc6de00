package dev.aether.mempool;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Ratio;
import dev.aether.types.Tx;
import dev.aether.types.UtxoRef;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A small mutable state view for tests: accounts, unspent outputs, a flat fee per byte. */
final class FakeView implements PoolView {
  final Map<Address, Account> accounts = new HashMap<>();
  final Map<UtxoRef, Address> utxos = new HashMap<>();
  final Map<dev.aether.types.H256, Ratio> hot = new HashMap<>();
  long slot = 100;
  long feePerByte = 1;
  int accountReads;

  @Override
  public String chainId() {
    return "aether-test";
  }

  @Override
  public long currentSlot() {
    return slot;
  }

  @Override
  public Optional<Account> account(Address address) {
    accountReads++;
    return Optional.ofNullable(accounts.get(address));
  }

  @Override
  public Optional<Address> unspentOwner(UtxoRef ref) {
    return Optional.ofNullable(utxos.get(ref));
  }

  @Override
  public Amount requiredFee(Tx tx, int sizeBytes) {
    Ratio m = congestion(tx);
    return new Amount(m.applyFloor(java.math.BigInteger.valueOf(sizeBytes * feePerByte)));
  }

  @Override
  public Ratio congestion(Tx tx) {
    return tx.body().writes().stream()
        .map(w -> hot.getOrDefault(w, new Ratio(1, 1)))
        .max(Ratio::compareTo)
        .orElse(new Ratio(1, 1));
  }
}
