package dev.aether.runtime;

import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.UtxoRef;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test transaction logic whose results depend on execution order: each call folds the value of one
 * key into another with a non-commutative mix, so running two conflicting transactions in the wrong
 * order changes the state. Calls named "fail" fail after writing, to check that a failed
 * transaction's writes never reach the state; a call may also touch an undeclared key.
 *
 * <p>Args of a call: src key (32) | dst key (32) | delta (8).
 */
final class OrderSensitiveLogic implements TxLogic {
  static final H256 PROGRAM = H256.of(new byte[32]);

  @Override
  public AccessSet accessSet(Tx tx) {
    List<H256> writes = new ArrayList<>(tx.body().writes());
    for (UtxoRef in : tx.body().inputs()) {
      writes.add(in.stateKey());
    }
    return AccessSet.of(tx.body().reads(), writes);
  }

  @Override
  public Receipt execute(BlockContext block, Tx tx, TxState state) {
    TxState body = state.nested();
    long steps = 0;
    try {
      for (UtxoRef in : tx.body().inputs()) {
        if (body.get(in.stateKey()).isEmpty()) {
          throw new RuntimeError.BadArguments("missing input");
        }
        body.delete(in.stateKey());
      }
      for (Call c : tx.body().calls()) {
        ByteBuffer a = ByteBuffer.wrap(c.args().toArray());
        byte[] src = new byte[32];
        byte[] dst = new byte[32];
        a.get(src).get(dst);
        long delta = a.getLong();
        long s = read(body, H256.of(src));
        long d = read(body, H256.of(dst));
        body.put(H256.of(dst), encode(d * 31 + s * 7 + delta));
        steps += 10;
        if (c.method().equals("fail")) {
          throw new RuntimeError.ContractTrap("asked to fail");
        }
      }
      body.commit();
      return new Receipt(
          tx.id(),
          Receipt.Status.SUCCESS,
          dev.aether.types.Amount.of(steps),
          steps,
          0,
          List.of(),
          0);
    } catch (RuntimeError e) {
      return new Receipt(
          tx.id(),
          Receipt.Status.FAILED,
          dev.aether.types.Amount.of(steps),
          steps,
          0,
          List.of(),
          e.code());
    }
  }

  private static long read(TxState s, H256 key) {
    Optional<Bytes> v = s.get(key);
    return v.map(b -> ByteBuffer.wrap(b.toArray()).getLong()).orElse(0L);
  }

  private static Bytes encode(long v) {
    return Bytes.of(ByteBuffer.allocate(8).putLong(v).array());
  }

  static Bytes args(H256 src, H256 dst, long delta) {
    return Bytes.of(
        ByteBuffer.allocate(72).put(src.toArray()).put(dst.toArray()).putLong(delta).array());
  }

  static AssetId unused() {
    return AssetId.SWR;
  }
}
