package dev.aether.programs.amm;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.GenesisAllocation;
import dev.aether.programs.NativeProgram;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.Program;
import dev.aether.runtime.RuntimeError;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The AMM program: constant-product pools for any pair of assets (one pool per pair), liquidity
 * with LP share tokens, exact-input and exact-output swaps along routes of up to three hops with
 * slippage limits and a deadline slot, and a cumulative price accumulator per pool. See
 * docs/programs/amm.md.
 */
public final class AmmProgram implements NativeProgram, Program {
  /** The program id transactions call. */
  public static final H256 ID =
      Hashing.tagged("aether/program/v1", "amm".getBytes(StandardCharsets.US_ASCII));

  @Override
  public H256 id() {
    return ID;
  }

  @Override
  public Program program() {
    return this;
  }

  @Override
  public SortedMap<H256, Bytes> genesis(GenesisConfig config) {
    return AmmGenesis.state(config);
  }

  @Override
  public List<GenesisAllocation.Balance> genesisBalances(GenesisConfig config) {
    return AmmGenesis.balances(config);
  }

  @Override
  public void invoke(CallContext ctx, String method, Bytes args) {
    Address caller = ctx.caller();
    Reader in = new Reader(args.toArray());
    try {
      switch (method) {
        case AmmCalls.CREATE -> {
          AmmCalls.Create c = AmmCalls.Create.CODEC.read(in);
          in.expectEnd("create args");
          Pool p = Amm.create(ctx, c.a(), c.b());
          Writer w = new Writer();
          AssetId.CODEC.write(p.assetA(), w);
          AssetId.CODEC.write(p.assetB(), w);
          w.u16(p.feeBps());
          Amm.emit(ctx, "create", w);
        }
        case AmmCalls.ADD -> {
          AmmCalls.Add a = AmmCalls.Add.CODEC.read(in);
          in.expectEnd("add args");
          checkDeadline(ctx, a.deadline());
          Amm.Added r =
              Amm.add(ctx, caller, a.a(), a.b(), a.desiredA(), a.desiredB(), a.minA(), a.minB());
          Writer w = new Writer();
          AssetId.CODEC.write(a.a(), w);
          AssetId.CODEC.write(a.b(), w);
          AmmCalls.u128(r.usedX(), w);
          AmmCalls.u128(r.usedY(), w);
          AmmCalls.u128(r.shares(), w);
          Amm.emit(ctx, "add", w);
        }
        case AmmCalls.REMOVE -> {
          AmmCalls.Remove rm = AmmCalls.Remove.CODEC.read(in);
          in.expectEnd("remove args");
          checkDeadline(ctx, rm.deadline());
          Amm.Removed r =
              Amm.remove(ctx, caller, rm.a(), rm.b(), rm.shares(), rm.minA(), rm.minB());
          Writer w = new Writer();
          AssetId.CODEC.write(rm.a(), w);
          AssetId.CODEC.write(rm.b(), w);
          AmmCalls.u128(r.outX(), w);
          AmmCalls.u128(r.outY(), w);
          AmmCalls.u128(rm.shares(), w);
          Amm.emit(ctx, "remove", w);
        }
        case AmmCalls.SWAP_EXACT_IN, AmmCalls.SWAP_EXACT_OUT -> {
          AmmCalls.Swap s = AmmCalls.Swap.CODEC.read(in);
          in.expectEnd(method + " args");
          checkDeadline(ctx, s.deadline());
          Amm.Swapped r =
              method.equals(AmmCalls.SWAP_EXACT_IN)
                  ? Amm.swapExactIn(
                      ctx, Optional.of(caller), s.path(), s.amount(), s.limit(), caller)
                  : Amm.swapExactOut(
                      ctx, Optional.of(caller), s.path(), s.amount(), s.limit(), caller);
          // path, then the amount at every step of it: in, each hop's output, out.
          Writer w = new Writer();
          w.list(s.path(), AssetId.CODEC);
          w.u8(method.equals(AmmCalls.SWAP_EXACT_IN) ? 0 : 1);
          w.u32(r.amounts().size());
          for (BigInteger a : r.amounts()) {
            AmmCalls.u128(a, w);
          }
          Amm.emit(ctx, "swap", w);
          ctx.setReturnData(Bytes.of(w.toByteArray()));
        }
        default -> throw new RuntimeError.UnknownMethod(method);
      }
    } catch (CodecException | IllegalArgumentException e) {
      throw AmmError.MALFORMED_ARGS.refuse(method + ": " + e.getMessage());
    }
  }

  /** Refuses a call included after its deadline slot. */
  static void checkDeadline(CallContext ctx, long deadline) {
    long slot = ctx.tx().block().slot();
    if (Long.compareUnsigned(slot, deadline) > 0) {
      throw AmmError.EXPIRED.refuse("slot " + slot + " is past the deadline " + deadline);
    }
  }

  /** Amount of an event field (tests and tools decode events with it). */
  static BigInteger readU128(Reader in) {
    return AmmCalls.u128(in);
  }
}
