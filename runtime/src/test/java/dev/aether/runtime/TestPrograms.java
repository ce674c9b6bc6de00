package dev.aether.runtime;

import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Native test programs: one that stores bytes, one that burns steps, one that fails. */
final class TestPrograms {
  static final H256 STORE =
      Hashing.tagged("test/program", "store".getBytes(StandardCharsets.UTF_8));
  static final H256 BURN = Hashing.tagged("test/program", "burn".getBytes(StandardCharsets.UTF_8));

  private TestPrograms() {}

  static H256 slot(int i) {
    return Workloads.key(9_000 + i);
  }

  /** "set": args = slot index (4) | value; "get": args = slot index, emits the value read. */
  static final Program STORE_PROGRAM =
      (ctx, method, args) -> {
        ByteBuffer a = ByteBuffer.wrap(args.toArray());
        H256 slot = slot(a.getInt());
        byte[] rest = new byte[a.remaining()];
        a.get(rest);
        switch (method) {
          case "set" -> ctx.storageSet(slot, Bytes.of(rest));
          case "get" ->
              ctx.emit(
                  Bytes.of("got".getBytes(StandardCharsets.UTF_8)),
                  ctx.storageGet(slot).orElse(Bytes.EMPTY));
          default -> throw new RuntimeError.UnknownMethod(method);
        }
      };

  /** Charges the steps given in args (8 bytes), 1000 at a time, like a loop would. */
  static final Program BURN_PROGRAM =
      (ctx, method, args) -> {
        long n = ByteBuffer.wrap(args.toArray()).getLong();
        for (long i = 0; i < n; i += 1000) {
          ctx.meter().steps(Math.min(1000, n - i));
        }
      };

  static Programs all() {
    return Programs.natives(
        java.util.Map.of(Bank.ID, new Bank(), STORE, STORE_PROGRAM, BURN, BURN_PROGRAM));
  }

  static Bytes slotArgs(int slot, byte[] value) {
    return Bytes.of(ByteBuffer.allocate(4 + value.length).putInt(slot).put(value).array());
  }

  static Bytes longArg(long v) {
    return Bytes.of(ByteBuffer.allocate(8).putLong(v).array());
  }
}
