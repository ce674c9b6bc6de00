package dev.aether.programs.governance;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.BlockHook;
import dev.aether.ledger.ChainParams;
import dev.aether.programs.NativeProgram;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.Program;
import dev.aether.runtime.RuntimeError;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The governance program: proposals with a deposit — parameter changes, protocol upgrades gated by
 * height, treasury spends — voted on by bonded stake and tallied at the end of their voting period
 * ({@link GovernanceHook}). Its genesis state holds the chain's active parameters ({@link
 * ChainParams}) and its own. See docs/programs/governance.md.
 */
public final class GovernanceProgram implements NativeProgram, Program {
  /** The program id transactions call. */
  public static final H256 ID =
      Hashing.tagged("aether/program/v1", "governance".getBytes(StandardCharsets.US_ASCII));

  private final GovernanceHook hook = new GovernanceHook();

  @Override
  public H256 id() {
    return ID;
  }

  @Override
  public Program program() {
    return this;
  }

  @Override
  public BlockHook endBlock() {
    return hook;
  }

  @Override
  public SortedMap<H256, Bytes> genesis(GenesisConfig config) {
    TreeMap<H256, Bytes> out = new TreeMap<>();
    out.put(
        ChainParams.STATE_KEY, Bytes.of(ChainParams.CODEC.encode(ChainParams.fromGenesis(config))));
    out.put(GovKeys.params(), Bytes.of(GovParams.CODEC.encode(GovParams.of(config))));
    out.put(GovKeys.index(), Bytes.of(GovState.Index.CODEC.encode(GovState.Index.EMPTY)));
    return out;
  }

  @Override
  public void invoke(CallContext ctx, String method, Bytes args) {
    Reader in = new Reader(args.toArray());
    try {
      switch (method) {
        case GovCalls.SUBMIT -> {
          GovCalls.Submit s = GovCalls.Submit.CODEC.read(in);
          in.expectEnd("submit args");
          long id = Governance.submit(ctx, s.kind(), s.title(), s.description(), s.deposit());
          Writer w = new Writer().u64(id);
          w.string(s.kind().name());
          emit(ctx, "submit", w);
          ctx.setReturnData(Bytes.of(new Writer().u64(id).toByteArray()));
        }
        case GovCalls.DEPOSIT -> {
          long id = in.u64("id");
          Amount amount = Amount.CODEC.read(in);
          in.expectEnd("deposit args");
          Proposal p = Governance.deposit(ctx, id, amount);
          Writer w = new Writer().u64(id);
          Amount.CODEC.write(amount, w);
          w.string(p.status().label());
          emit(ctx, "deposit", w);
        }
        case GovCalls.VOTE -> {
          long id = in.u64("id");
          int o = in.u8("option");
          in.expectEnd("vote args");
          if (o >= VoteOption.values().length) {
            throw GovError.MALFORMED_ARGS.refuse("vote option " + o);
          }
          Governance.vote(ctx, id, VoteOption.values()[o]);
          emit(ctx, "vote", new Writer().u64(id).u8(o));
        }
        default -> throw new RuntimeError.UnknownMethod(method);
      }
    } catch (CodecException | IllegalArgumentException e) {
      throw GovError.MALFORMED_ARGS.refuse(method + ": " + e.getMessage());
    }
  }

  private static void emit(CallContext ctx, String kind, Writer data) {
    ctx.emit(
        Bytes.of(("governance." + kind).getBytes(StandardCharsets.US_ASCII)),
        Bytes.of(data.toByteArray()));
  }
}
