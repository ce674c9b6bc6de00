package dev.aether.programs.staking;

import dev.aether.consensus.Evidence;
import dev.aether.ledger.StateKeys;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.TxBody;
import dev.aether.types.Value;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

/**
 * The staking program's calls and the transactions that carry them: one builder for the CLI, the
 * node, tests and the load generator. {@link #body} declares exactly the keys each call touches —
 * per validator, per delegation, per unbonding bucket — so staking transactions about different
 * validators or delegators run in parallel.
 */
public final class StakingCalls {
  public static final String REGISTER = "register";
  public static final String DELEGATE = "delegate";
  public static final String UNDELEGATE = "undelegate";
  public static final String REDELEGATE = "redelegate";
  public static final String WITHDRAW = "withdraw";
  public static final String CLAIM = "claim";
  public static final String EDIT_COMMISSION = "edit_commission";
  public static final String UNJAIL = "unjail";
  public static final String SUBMIT_EVIDENCE = "submit_evidence";

  /** As an {@code undelegate}/{@code redelegate} amount: the whole delegation. */
  public static final BigInteger ALL = Amount.MAX_VALUE;

  private static final Codec<Bytes> EVIDENCE = Bytes.codec("evidence", 64 * 1024);

  private StakingCalls() {}

  /**
   * What {@code register} carries: the validator's public keys from its key file, commission limits
   * and self-bond. The transaction must be paid and signed by the cold key's account.
   *
   * @param commissionBps commission now, basis points
   * @param maxCommissionBps the highest it may ever be set to (immutable)
   * @param maxChangeBps the most it may move in one epoch (immutable)
   */
  public record Register(
      String name,
      Bytes nodeKey,
      Bytes blsKey,
      Bytes blsPop,
      Bytes vrfKey,
      Bytes coldKey,
      int commissionBps,
      int maxCommissionBps,
      int maxChangeBps,
      BigInteger selfBond) {
    public Register {
      if (name.isEmpty()
          || name.getBytes(StandardCharsets.UTF_8).length > State.MAX_NAME_BYTES
          || !name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("name must be 1-64 printable ASCII characters");
      }
      len(nodeKey, 32, "node key");
      len(blsKey, 48, "BLS key");
      len(blsPop, 96, "BLS proof of possession");
      len(vrfKey, 32, "VRF key");
      len(coldKey, 32, "cold key");
      if (commissionBps < 0
          || commissionBps > 0xffff
          || maxCommissionBps < 0
          || maxCommissionBps > 0xffff
          || maxChangeBps < 0
          || maxChangeBps > 0xffff) {
        throw new IllegalArgumentException("commission values must be 0..65535 bps");
      }
      new Amount(selfBond);
    }

    private static void len(Bytes b, int n, String what) {
      if (b.length() != n) {
        throw new IllegalArgumentException(what + " must be " + n + " bytes");
      }
    }

    /** The operator address: the cold key's account. */
    public Address operator() {
      return Address.ofPublicKey(coldKey.toArray());
    }

    Bytes key(String kind) {
      return switch (kind) {
        case "node" -> nodeKey;
        case "bls" -> blsKey;
        case "vrf" -> vrfKey;
        default -> throw new IllegalArgumentException(kind);
      };
    }

    static final Codec<Register> CODEC =
        new Codec<>() {
          @Override
          public void write(Register r, Writer out) {
            out.string(r.name);
            out.fixed(r.nodeKey.toArray()).fixed(r.blsKey.toArray()).fixed(r.blsPop.toArray());
            out.fixed(r.vrfKey.toArray()).fixed(r.coldKey.toArray());
            out.u16(r.commissionBps).u16(r.maxCommissionBps).u16(r.maxChangeBps);
            Amount.CODEC.write(new Amount(r.selfBond), out);
          }

          @Override
          public Register read(Reader in) {
            return new Register(
                in.string("name", State.MAX_NAME_BYTES),
                Bytes.of(in.fixed("node key", 32)),
                Bytes.of(in.fixed("BLS key", 48)),
                Bytes.of(in.fixed("BLS PoP", 96)),
                Bytes.of(in.fixed("VRF key", 32)),
                Bytes.of(in.fixed("cold key", 32)),
                in.u16("commission"),
                in.u16("max commission"),
                in.u16("max change"),
                Amount.CODEC.read(in).value());
          }
        };
  }

  // ---------------------------------------------------------------- calls

  public static Call register(Register r) {
    return call(REGISTER, Register.CODEC.encode(r));
  }

  /** Delegate {@code amount} to {@code validator} (to oneself: bond more). */
  public static Call delegate(Address validator, BigInteger amount) {
    Writer w = new Writer();
    Address.CODEC.write(validator, w);
    Amount.CODEC.write(new Amount(amount), w);
    return call(DELEGATE, w.toByteArray());
  }

  /** Start unbonding {@code amount} ({@link #ALL}: everything) from {@code validator}. */
  public static Call undelegate(Address validator, BigInteger amount) {
    Writer w = new Writer();
    Address.CODEC.write(validator, w);
    Amount.CODEC.write(new Amount(amount), w);
    return call(UNDELEGATE, w.toByteArray());
  }

  public static Call redelegate(Address from, Address to, BigInteger amount) {
    Writer w = new Writer();
    Address.CODEC.write(from, w);
    Address.CODEC.write(to, w);
    Amount.CODEC.write(new Amount(amount), w);
    return call(REDELEGATE, w.toByteArray());
  }

  /** Withdraw the unbonding entry started at {@code epoch} from {@code validator}. */
  public static Call withdraw(Address validator, long epoch) {
    Writer w = new Writer();
    Address.CODEC.write(validator, w);
    w.u64(epoch);
    return call(WITHDRAW, w.toByteArray());
  }

  public static Call claim(Address validator) {
    return call(CLAIM, Address.CODEC.encode(validator));
  }

  public static Call editCommission(int bps) {
    return call(EDIT_COMMISSION, new Writer().u16(bps).toByteArray());
  }

  public static Call unjail() {
    return call(UNJAIL, new byte[0]);
  }

  /** Report double signing in {@code offenceEpoch}. */
  public static Call submitEvidence(long offenceEpoch, Evidence evidence) {
    Writer w = new Writer();
    w.u64(offenceEpoch);
    EVIDENCE.write(Bytes.of(Evidence.CODEC.encode(evidence)), w);
    return call(SUBMIT_EVIDENCE, w.toByteArray());
  }

  private static Call call(String method, byte[] args) {
    return new Call(StakingProgram.ID, method, Bytes.of(args));
  }

  // ---------------------------------------------------------------- decoded arguments

  /** Decoded call arguments (what the program reads). */
  sealed interface Args {}

  record DelegateArgs(Address validator, BigInteger amount) implements Args {}

  record RedelegateArgs(Address from, Address to, BigInteger amount) implements Args {}

  record WithdrawArgs(Address validator, long epoch) implements Args {}

  record EvidenceArgs(long offenceEpoch, Evidence evidence, H256 id) implements Args {}

  static DelegateArgs delegateArgs(Reader in) {
    return new DelegateArgs(Address.CODEC.read(in), Amount.CODEC.read(in).value());
  }

  static RedelegateArgs redelegateArgs(Reader in) {
    return new RedelegateArgs(
        Address.CODEC.read(in), Address.CODEC.read(in), Amount.CODEC.read(in).value());
  }

  static WithdrawArgs withdrawArgs(Reader in) {
    return new WithdrawArgs(Address.CODEC.read(in), in.u64("epoch"));
  }

  static EvidenceArgs evidenceArgs(Reader in) {
    long epoch = in.u64("offence epoch");
    byte[] raw = EVIDENCE.read(in).toArray();
    Evidence e = Evidence.CODEC.decode(raw);
    return new EvidenceArgs(epoch, e, evidenceId(e));
  }

  /** The id under which evidence is remembered (and refused the second time). */
  public static H256 evidenceId(Evidence e) {
    return dev.aether.types.Hashing.tagged("aether/evidence/v1", Evidence.CODEC.encode(e));
  }

  // ---------------------------------------------------------------- transactions

  /** Declared access of one call: read-only keys and read-write keys. */
  public record Access(TreeSet<H256> reads, TreeSet<H256> writes) {
    public Access() {
      this(new TreeSet<>(), new TreeSet<>());
    }

    void read(H256... keys) {
      reads.addAll(List.of(keys));
    }

    void write(H256... keys) {
      writes.addAll(List.of(keys));
    }
  }

  /**
   * The keys {@code call} by {@code payer} touches when it executes in epoch {@code epoch} or the
   * next one (a transaction built late in an epoch may land in the next).
   */
  public static Access access(Address payer, Call call, long epoch) {
    Access a = new Access();
    a.read(StakingKeys.params());
    if (!call.method().equals(EDIT_COMMISSION)
        && !call.method().equals(UNJAIL)
        && !call.method().equals(SUBMIT_EVIDENCE)) {
      a.write(StakingKeys.positions(payer)); // the payer's index of where it has stake
    }
    Reader in = new Reader(call.args().toArray());
    switch (call.method()) {
      case REGISTER -> {
        Register r = Register.CODEC.read(in);
        Address op = r.operator();
        a.write(
            StakingKeys.validator(op),
            StakingKeys.pool(op),
            StakingKeys.rewards(op),
            StakingKeys.delegation(op, op),
            StakingKeys.registry(),
            StakingKeys.keyOwner("node", r.nodeKey()),
            StakingKeys.keyOwner("bls", r.blsKey()),
            StakingKeys.keyOwner("vrf", r.vrfKey()));
      }
      case DELEGATE -> {
        DelegateArgs d = delegateArgs(in);
        a.read(StakingKeys.validator(d.validator()), StakingKeys.rewards(d.validator()));
        a.write(StakingKeys.pool(d.validator()), StakingKeys.delegation(d.validator(), payer));
      }
      case UNDELEGATE -> {
        DelegateArgs d = delegateArgs(in);
        Address v = d.validator();
        a.read(StakingKeys.validator(v), StakingKeys.rewards(v));
        a.write(StakingKeys.pool(v), StakingKeys.delegation(v, payer));
        for (long e = epoch; e <= epoch + 1; e++) {
          a.write(StakingKeys.unbonding(v, e), StakingKeys.unbondingEntry(v, payer, e));
        }
      }
      case REDELEGATE -> {
        RedelegateArgs r = redelegateArgs(in);
        for (Address v : List.of(r.from(), r.to())) {
          a.read(StakingKeys.validator(v), StakingKeys.rewards(v));
          a.write(StakingKeys.pool(v), StakingKeys.delegation(v, payer));
        }
        a.write(
            StakingKeys.redelegations(r.from(), epoch),
            StakingKeys.redelegations(r.from(), epoch + 1));
      }
      case WITHDRAW -> {
        WithdrawArgs w = withdrawArgs(in);
        a.write(
            StakingKeys.unbonding(w.validator(), w.epoch()),
            StakingKeys.unbondingEntry(w.validator(), payer, w.epoch()));
      }
      case CLAIM -> {
        Address v = Address.CODEC.read(in);
        a.read(StakingKeys.rewards(v));
        a.write(StakingKeys.delegation(v, payer));
      }
      case EDIT_COMMISSION -> a.write(StakingKeys.validator(payer));
      case UNJAIL -> {
        a.read(StakingKeys.pool(payer), StakingKeys.delegation(payer, payer));
        a.write(StakingKeys.validator(payer));
      }
      case SUBMIT_EVIDENCE -> {
        EvidenceArgs e = evidenceArgs(in);
        a.read(StakingKeys.epochSet(e.offenceEpoch()));
        a.write(StakingKeys.evidence(e.id()), StakingKeys.slashQueue());
      }
      default -> throw new IllegalArgumentException("unknown staking method " + call.method());
    }
    a.reads().removeAll(a.writes());
    return a;
  }

  /**
   * A transaction body from {@code payer} with {@code calls} to the staking program (and, if any,
   * other calls whose access the caller adds), declaring what each call touches in epoch {@code
   * epoch} or the next.
   *
   * @param validUntil last slot the transaction is valid in
   */
  public static TxBody body(
      String chainId,
      Address payer,
      long nonce,
      List<Call> calls,
      long epoch,
      long feeCap,
      long validUntil) {
    TreeSet<H256> reads = new TreeSet<>();
    TreeSet<H256> writes = new TreeSet<>();
    writes.add(StateKeys.account(payer));
    for (Call c : calls) {
      if (!c.program().equals(StakingProgram.ID)) {
        throw new IllegalArgumentException("not a staking call: " + c.program());
      }
      Access a = access(payer, c, epoch);
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
