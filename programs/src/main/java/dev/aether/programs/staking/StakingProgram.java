package dev.aether.programs.staking;

import dev.aether.crypto.Bls;
import dev.aether.crypto.BlsPublicKey;
import dev.aether.crypto.BlsSignature;
import dev.aether.crypto.CryptoException;
import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.BlockHook;
import dev.aether.programs.NativeProgram;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.Program;
import dev.aether.runtime.RuntimeError;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;

/**
 * The staking program (SWR): validators register with the public keys of their key file and a
 * self-bond; anyone delegates, undelegates (through an unbonding delay), redelegates, withdraws and
 * claims rewards; validators edit their commission within limits and unjail; anyone reports double
 * signing. Epoch processing (rewards, downtime, slashing, the next validator set) runs at the end
 * of blocks ({@link #endBlock()}). See docs/programs/staking.md.
 */
public final class StakingProgram implements NativeProgram, Program {
  /** The program id transactions call. */
  public static final H256 ID =
      Hashing.tagged("aether/program/v1", "staking".getBytes(StandardCharsets.US_ASCII));

  /** Its account address (holds nothing: stake is accounted in the program's entries). */
  public static final Address ADDRESS = CallContext.programAddress(ID);

  private final EpochProcessor epochs = new EpochProcessor();

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
    return epochs;
  }

  @Override
  public SortedMap<H256, Bytes> genesis(GenesisConfig config) {
    return StakingGenesis.state(config);
  }

  @Override
  public void invoke(CallContext ctx, String method, Bytes args) {
    Staking st = new Staking(Store.of(ctx));
    Address caller = ctx.caller();
    long epoch = ctx.epoch();
    Reader in = new Reader(args.toArray());
    try {
      switch (method) {
        case StakingCalls.REGISTER -> {
          StakingCalls.Register r = StakingCalls.Register.CODEC.read(in);
          in.expectEnd("register args");
          checkPossession(ctx, r);
          st.register(caller, r, epoch);
          emit(ctx, method, caller, r.selfBond());
        }
        case StakingCalls.DELEGATE -> {
          StakingCalls.DelegateArgs d = StakingCalls.delegateArgs(in);
          in.expectEnd("delegate args");
          st.delegate(caller, d.validator(), d.amount());
          emit(ctx, method, d.validator(), d.amount());
        }
        case StakingCalls.UNDELEGATE -> {
          StakingCalls.DelegateArgs d = StakingCalls.delegateArgs(in);
          in.expectEnd("undelegate args");
          st.undelegate(caller, d.validator(), d.amount(), epoch);
          emit(ctx, method, d.validator(), d.amount());
        }
        case StakingCalls.REDELEGATE -> {
          StakingCalls.RedelegateArgs r = StakingCalls.redelegateArgs(in);
          in.expectEnd("redelegate args");
          st.redelegate(caller, r.from(), r.to(), r.amount(), epoch);
          emit(ctx, method, r.to(), r.amount());
        }
        case StakingCalls.WITHDRAW -> {
          StakingCalls.WithdrawArgs w = StakingCalls.withdrawArgs(in);
          in.expectEnd("withdraw args");
          emit(ctx, method, w.validator(), st.withdraw(caller, w.validator(), w.epoch(), epoch));
        }
        case StakingCalls.CLAIM -> {
          Address v = Address.CODEC.read(in);
          in.expectEnd("claim args");
          emit(ctx, method, v, st.claim(caller, v));
        }
        case StakingCalls.EDIT_COMMISSION -> {
          int bps = in.u16("commission");
          in.expectEnd("edit_commission args");
          st.editCommission(caller, bps, epoch);
          emit(ctx, method, caller, BigInteger.valueOf(bps));
        }
        case StakingCalls.UNJAIL -> {
          in.expectEnd("unjail args");
          st.unjail(caller, epoch);
          emit(ctx, method, caller, BigInteger.ZERO);
        }
        case StakingCalls.SUBMIT_EVIDENCE -> {
          StakingCalls.EvidenceArgs e = StakingCalls.evidenceArgs(in);
          in.expectEnd("submit_evidence args");
          Address offender = submitEvidence(ctx, st, caller, e, epoch);
          emit(ctx, method, offender, BigInteger.valueOf(e.offenceEpoch()));
        }
        default -> throw new RuntimeError.UnknownMethod(method);
      }
    } catch (CodecException | IllegalArgumentException e) {
      throw StakingError.MALFORMED_ARGS.refuse(method + ": " + e.getMessage());
    }
  }

  /** Verifies the BLS proof of possession (metered: two pairings). */
  private static void checkPossession(CallContext ctx, StakingCalls.Register r) {
    ctx.meter().steps(EvidenceCheck.BLS_VERIFY_STEPS);
    if (!possesses(r.blsKey(), r.blsPop())) {
      throw StakingError.INVALID_PROOF_OF_POSSESSION.refuse(r.blsKey().toString());
    }
  }

  static boolean possesses(Bytes blsKey, Bytes pop) {
    try {
      return Bls.INSTANCE.verifyPossession(
          new BlsPublicKey(blsKey.toArray()), new BlsSignature(pop.toArray()));
    } catch (CryptoException | IllegalArgumentException e) {
      return false;
    }
  }

  private static Address submitEvidence(
      CallContext ctx, Staking st, Address reporter, StakingCalls.EvidenceArgs e, long epoch) {
    if (e.offenceEpoch() > epoch) {
      throw StakingError.EVIDENCE_FROM_FUTURE.refuse(e.offenceEpoch() + " > " + epoch);
    }
    if (epoch - e.offenceEpoch() > st.params.unbondingEpochs()) {
      throw StakingError.EVIDENCE_TOO_OLD.refuse(
          "offence in epoch " + e.offenceEpoch() + ", now " + epoch);
    }
    if (st.store.get(StakingKeys.evidence(e.id())).isPresent()) {
      throw StakingError.DUPLICATE_EVIDENCE.refuse(e.id().toString());
    }
    EpochValidatorSet set =
        EpochProcessor.readSet(st.store, e.offenceEpoch())
            .orElseThrow(() -> StakingError.NO_VALIDATOR_SET.refuse("epoch " + e.offenceEpoch()));
    ctx.meter().steps(2 * EvidenceCheck.BLS_VERIFY_STEPS);
    int index = EvidenceCheck.verify(e.evidence(), set, st.params);
    Address offender = set.validators().get(index).operator();
    List<State.PendingSlash> queue =
        st.store
            .read(State.SLASH_QUEUE, StakingKeys.slashQueue())
            .orElse(new java.util.ArrayList<>());
    if (queue.size() >= State.MAX_SLASH_QUEUE) {
      throw StakingError.EVIDENCE_QUEUE_FULL.refuse(queue.size() + " this block");
    }
    queue.add(new State.PendingSlash(offender, e.offenceEpoch(), reporter, e.id()));
    st.store.write(State.SLASH_QUEUE, StakingKeys.slashQueue(), queue);
    st.store.put(StakingKeys.evidence(e.id()), Bytes.of(new Writer().u64(epoch).toByteArray()));
    return offender;
  }

  private static void emit(CallContext ctx, String method, Address who, BigInteger amount) {
    Writer w = new Writer();
    Address.CODEC.write(who, w);
    Num.write(amount, w);
    ctx.emit(
        Bytes.of(("staking." + method).getBytes(StandardCharsets.US_ASCII)),
        Bytes.of(w.toByteArray()));
  }
}
