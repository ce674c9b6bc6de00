package dev.aether.programs.amm;

import dev.aether.ledger.StateKeys;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.TxBody;
import dev.aether.types.Value;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.util.List;
import java.util.TreeSet;

/**
 * The AMM program's calls: their arguments (types codec), builders, and the state keys each one
 * touches — so a transaction declares exactly its pools (and, to create one, the registry and
 * parameters) besides the payer's account, where its tokens and LP shares move.
 */
public final class AmmCalls {
  public static final String CREATE = "create";
  public static final String ADD = "add";
  public static final String REMOVE = "remove";
  public static final String SWAP_EXACT_IN = "swap_exact_in";
  public static final String SWAP_EXACT_OUT = "swap_exact_out";

  private AmmCalls() {}

  /** {@code create(a, b)}. */
  public record Create(AssetId a, AssetId b) {
    static final Codec<Create> CODEC =
        new Codec<>() {
          @Override
          public void write(Create c, Writer out) {
            AssetId.CODEC.write(c.a, out);
            AssetId.CODEC.write(c.b, out);
          }

          @Override
          public Create read(Reader in) {
            return new Create(AssetId.CODEC.read(in), AssetId.CODEC.read(in));
          }
        };
  }

  /** {@code add(a, b, desired_a, desired_b, min_a, min_b, deadline)}. */
  public record Add(
      AssetId a,
      AssetId b,
      BigInteger desiredA,
      BigInteger desiredB,
      BigInteger minA,
      BigInteger minB,
      long deadline) {
    static final Codec<Add> CODEC =
        new Codec<>() {
          @Override
          public void write(Add c, Writer out) {
            AssetId.CODEC.write(c.a, out);
            AssetId.CODEC.write(c.b, out);
            u128(c.desiredA, out);
            u128(c.desiredB, out);
            u128(c.minA, out);
            u128(c.minB, out);
            out.u64(c.deadline);
          }

          @Override
          public Add read(Reader in) {
            return new Add(
                AssetId.CODEC.read(in),
                AssetId.CODEC.read(in),
                u128(in),
                u128(in),
                u128(in),
                u128(in),
                in.u64("deadline"));
          }
        };
  }

  /** {@code remove(a, b, shares, min_a, min_b, deadline)}. */
  public record Remove(
      AssetId a, AssetId b, BigInteger shares, BigInteger minA, BigInteger minB, long deadline) {
    static final Codec<Remove> CODEC =
        new Codec<>() {
          @Override
          public void write(Remove c, Writer out) {
            AssetId.CODEC.write(c.a, out);
            AssetId.CODEC.write(c.b, out);
            u128(c.shares, out);
            u128(c.minA, out);
            u128(c.minB, out);
            out.u64(c.deadline);
          }

          @Override
          public Remove read(Reader in) {
            return new Remove(
                AssetId.CODEC.read(in),
                AssetId.CODEC.read(in),
                u128(in),
                u128(in),
                u128(in),
                in.u64("deadline"));
          }
        };
  }

  /**
   * {@code swap_exact_in(path, amount_in, min_out, deadline)} and {@code swap_exact_out(path,
   * amount_out, max_in, deadline)}: {@code amount} is the exact side, {@code limit} the protected
   * one (min out, or max in).
   */
  public record Swap(List<AssetId> path, BigInteger amount, BigInteger limit, long deadline) {
    public Swap {
      path = List.copyOf(path);
    }

    static final Codec<Swap> CODEC =
        new Codec<>() {
          @Override
          public void write(Swap c, Writer out) {
            out.list(c.path, AssetId.CODEC);
            u128(c.amount, out);
            u128(c.limit, out);
            out.u64(c.deadline);
          }

          @Override
          public Swap read(Reader in) {
            return new Swap(
                in.list("path", Amm.MAX_PATH, AssetId.CODEC),
                u128(in),
                u128(in),
                in.u64("deadline"));
          }
        };
  }

  static void u128(BigInteger v, Writer out) {
    Amount.CODEC.write(new Amount(v), out);
  }

  static BigInteger u128(Reader in) {
    return Amount.CODEC.read(in).value();
  }

  // ---------------------------------------------------------------- builders

  public static Call create(AssetId a, AssetId b) {
    return call(CREATE, Create.CODEC.encode(new Create(a, b)));
  }

  public static Call add(Add a) {
    return call(ADD, Add.CODEC.encode(a));
  }

  public static Call remove(Remove r) {
    return call(REMOVE, Remove.CODEC.encode(r));
  }

  public static Call swapExactIn(
      List<AssetId> path, BigInteger amountIn, BigInteger minOut, long deadline) {
    return call(SWAP_EXACT_IN, Swap.CODEC.encode(new Swap(path, amountIn, minOut, deadline)));
  }

  public static Call swapExactOut(
      List<AssetId> path, BigInteger amountOut, BigInteger maxIn, long deadline) {
    return call(SWAP_EXACT_OUT, Swap.CODEC.encode(new Swap(path, amountOut, maxIn, deadline)));
  }

  private static Call call(String method, byte[] args) {
    return new Call(AmmProgram.ID, method, Bytes.of(args));
  }

  // ---------------------------------------------------------------- access

  /** Keys a call reads and writes (the payer's account is always written; not listed). */
  public record Access(TreeSet<H256> reads, TreeSet<H256> writes) {}

  /** What {@code call} touches besides its payer's account. */
  public static Access access(Call call) {
    TreeSet<H256> reads = new TreeSet<>();
    TreeSet<H256> writes = new TreeSet<>();
    Reader in = new Reader(call.args().toArray());
    switch (call.method()) {
      case CREATE -> {
        Create c = Create.CODEC.read(in);
        reads.add(AmmKeys.params());
        writes.add(AmmKeys.pool(c.a(), c.b()));
        writes.add(AmmKeys.registry());
      }
      case ADD -> {
        Add a = Add.CODEC.read(in);
        writes.add(AmmKeys.pool(a.a(), a.b()));
      }
      case REMOVE -> {
        Remove r = Remove.CODEC.read(in);
        writes.add(AmmKeys.pool(r.a(), r.b()));
      }
      case SWAP_EXACT_IN, SWAP_EXACT_OUT -> {
        // Every adjacent pair's pool; a malformed route is refused on chain, not here.
        List<AssetId> path = Swap.CODEC.read(in).path();
        for (int i = 0; i + 1 < path.size(); i++) {
          if (!path.get(i).equals(path.get(i + 1))) {
            writes.add(AmmKeys.pool(path.get(i), path.get(i + 1)));
          }
        }
      }
      default -> throw new IllegalArgumentException("unknown AMM method " + call.method());
    }
    reads.removeAll(writes);
    return new Access(reads, writes);
  }

  /**
   * A transaction body from {@code payer} with AMM {@code calls}, declaring exactly the pools (and,
   * for {@code create}, registry and parameters) they touch and the payer's account.
   *
   * @param validUntil last slot the transaction is valid in
   */
  public static TxBody body(
      String chainId, Address payer, long nonce, List<Call> calls, long feeCap, long validUntil) {
    TreeSet<H256> reads = new TreeSet<>();
    TreeSet<H256> writes = new TreeSet<>();
    writes.add(StateKeys.account(payer));
    for (Call c : calls) {
      if (!c.program().equals(AmmProgram.ID)) {
        throw new IllegalArgumentException("not an AMM call: " + c.program());
      }
      Access a = access(c);
      reads.addAll(a.reads());
      writes.addAll(a.writes());
    }
    reads.removeAll(writes);
    return new TxBody(
        chainId,
        payer,
        nonce,
        List.of(),
        List.copyOf(reads),
        List.copyOf(writes),
        List.of(),
        calls,
        Value.EMPTY,
        Value.EMPTY,
        Amount.of(feeCap),
        0,
        validUntil);
  }
}
