package dev.aether.runtime;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxSignature;
import dev.aether.types.Value;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Accounts and transactions for runtime tests. Signatures are placeholders: the runtime compares
 * signer addresses only (signatures are verified before execution), so a key is all a signer needs
 * here.
 */
final class Fixtures {
  static final String CHAIN = "aether-test";

  private Fixtures() {}

  static Bytes publicKey(int i) {
    return Bytes.of(ByteBuffer.allocate(32).putInt(0, i).putInt(28, 0x5eed).array());
  }

  static Address user(int i) {
    return Address.ofPublicKey(publicKey(i).toArray());
  }

  static TxSignature signature(int i) {
    return new TxSignature(publicKey(i), Bytes.of(new byte[64]));
  }

  static BlockContext block(long slot) {
    return new BlockContext(CHAIN, slot, slot, 100);
  }

  /** A state where users 0..n-1 each hold {@code balance} SWR. */
  static TreeMap<H256, Bytes> funded(int n, long balance) {
    TreeMap<H256, Bytes> s = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      s.put(
          Account.key(user(i)),
          Bytes.of(Account.CODEC.encode(new Account(Value.of(AssetId.SWR, balance), 0))));
    }
    return s;
  }

  static StateReader reader(TreeMap<H256, Bytes> s) {
    return k -> Optional.ofNullable(s.get(k));
  }

  static void apply(TreeMap<H256, Bytes> s, BlockOutcome out) {
    out.stateDiff().forEach((k, v) -> v.ifPresentOrElse(b -> s.put(k, b), () -> s.remove(k)));
  }

  static Account account(TreeMap<H256, Bytes> s, Address a) {
    Bytes b = s.get(Account.key(a));
    return b == null ? Account.EMPTY : Account.CODEC.decode(b.toArray());
  }

  static long swr(TreeMap<H256, Bytes> s, Address a) {
    return account(s, a).balance().get(AssetId.SWR).longValueExact();
  }

  static Tx tx(
      int payer, long nonce, List<H256> reads, List<H256> writes, List<Call> calls, long feeCap) {
    TxBody body =
        new TxBody(
            CHAIN,
            user(payer),
            nonce,
            List.of(),
            List.copyOf(new TreeSet<>(reads)),
            List.copyOf(new TreeSet<>(writes)),
            List.of(),
            calls,
            Value.EMPTY,
            Value.EMPTY,
            Amount.of(feeCap),
            0,
            1_000_000);
    return new Tx(body, List.of(signature(payer)));
  }

  /** user {@code from} pays {@code amount} SWR to user {@code to} through the Bank program. */
  static Tx transfer(int from, long nonce, int to, long amount, long feeCap) {
    Call c =
        new Call(Bank.ID, "transfer", Bank.transferArgs(user(to), AssetId.SWR, Amount.of(amount)));
    return tx(from, nonce, List.of(), List.of(Account.key(user(to))), List.of(c), feeCap);
  }

  static Programs bankOnly() {
    return Programs.natives(java.util.Map.of(Bank.ID, new Bank()));
  }
}
