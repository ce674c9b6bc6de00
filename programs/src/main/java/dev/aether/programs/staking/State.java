package dev.aether.programs.staking;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The program's state entries and their canonical encodings (one per state key kind). */
final class State {
  private State() {}

  static final int MAX_NAME_BYTES = 64;
  static final int MAX_REGISTRY = 4096;
  static final int MAX_REDELEGATIONS = 64;
  static final int MAX_SLASH_QUEUE = 256;

  private static final Codec<Bytes> KEY32 = Bytes.codec("key", 32);
  private static final Codec<Bytes> KEY48 = Bytes.codec("key", 48);

  /** A registered validator. */
  record Validator(
      Address operator,
      String name,
      Bytes nodeKey,
      Bytes blsKey,
      Bytes vrfKey,
      Bytes coldKey,
      int commissionBps,
      int maxCommissionBps,
      int maxChangeBps,
      long commissionEpoch,
      long registeredEpoch,
      boolean jailed,
      long jailedUntil,
      boolean tombstoned) {
    static final Codec<Validator> CODEC =
        new Codec<>() {
          @Override
          public void write(Validator v, Writer out) {
            Address.CODEC.write(v.operator, out);
            out.string(v.name);
            KEY32.write(v.nodeKey, out);
            KEY48.write(v.blsKey, out);
            KEY32.write(v.vrfKey, out);
            KEY32.write(v.coldKey, out);
            out.u16(v.commissionBps).u16(v.maxCommissionBps).u16(v.maxChangeBps);
            out.u64(v.commissionEpoch).u64(v.registeredEpoch);
            out.bool(v.jailed).u64(v.jailedUntil).bool(v.tombstoned);
          }

          @Override
          public Validator read(Reader in) {
            return new Validator(
                Address.CODEC.read(in),
                in.string("validator name", MAX_NAME_BYTES),
                KEY32.read(in),
                KEY48.read(in),
                KEY32.read(in),
                KEY32.read(in),
                in.u16("commission"),
                in.u16("max commission"),
                in.u16("max change"),
                in.u64("commission epoch"),
                in.u64("registered epoch"),
                in.bool("jailed"),
                in.u64("jailed until"),
                in.bool("tombstoned"));
          }
        };

    Validator withCommission(int bps, long epoch) {
      return new Validator(
          operator,
          name,
          nodeKey,
          blsKey,
          vrfKey,
          coldKey,
          bps,
          maxCommissionBps,
          maxChangeBps,
          epoch,
          registeredEpoch,
          jailed,
          jailedUntil,
          tombstoned);
    }

    Validator withJail(boolean j, long until) {
      return new Validator(
          operator,
          name,
          nodeKey,
          blsKey,
          vrfKey,
          coldKey,
          commissionBps,
          maxCommissionBps,
          maxChangeBps,
          commissionEpoch,
          registeredEpoch,
          j,
          until,
          tombstoned);
    }

    Validator tombstone() {
      return new Validator(
          operator,
          name,
          nodeKey,
          blsKey,
          vrfKey,
          coldKey,
          commissionBps,
          maxCommissionBps,
          maxChangeBps,
          commissionEpoch,
          registeredEpoch,
          jailed,
          jailedUntil,
          true);
    }
  }

  /** A validator's bonded pool. Shares are claims on {@code tokens} (slashing lowers tokens). */
  record Pool(BigInteger tokens, BigInteger shares) {
    static final Pool EMPTY = new Pool(BigInteger.ZERO, BigInteger.ZERO);
    static final Codec<Pool> CODEC =
        new Codec<>() {
          @Override
          public void write(Pool p, Writer out) {
            Num.write(p.tokens, out);
            Num.write(p.shares, out);
          }

          @Override
          public Pool read(Reader in) {
            return new Pool(Num.read(in, "pool tokens"), Num.read(in, "pool shares"));
          }
        };

    /** Shares worth {@code amount} tokens to mint for a deposit (empty pool: fixed rate). */
    BigInteger sharesFor(BigInteger amount) {
      return shares.signum() == 0
          ? amount.multiply(Num.SHARES_PER_UNIT)
          : Num.mulDiv(amount, shares, tokens);
    }

    /** Tokens {@code s} shares are worth, rounded down; all of them for the last shares. */
    BigInteger tokensOf(BigInteger s) {
      if (s.equals(shares)) {
        return tokens;
      }
      return shares.signum() == 0 ? BigInteger.ZERO : Num.mulDiv(s, tokens, shares);
    }

    /** True when shares exist but are worth nothing: deposits would be stolen by them. */
    boolean dead() {
      return tokens.signum() == 0 && shares.signum() > 0;
    }
  }

  /**
   * A validator's reward accumulator: {@code acc} is the reward per share times {@link
   * Num#ACC_SCALE}; {@code remainder} (scaled) is what did not divide evenly and is carried to the
   * next epoch; {@code credited} counts every base unit ever assigned to delegators and commission.
   */
  record Rewards(BigInteger acc, BigInteger remainder, BigInteger credited) {
    static final Rewards ZERO = new Rewards(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    static final Codec<Rewards> CODEC =
        new Codec<>() {
          @Override
          public void write(Rewards r, Writer out) {
            Num.write(r.acc, out);
            Num.write(r.remainder, out);
            Num.write(r.credited, out);
          }

          @Override
          public Rewards read(Reader in) {
            return new Rewards(
                Num.read(in, "acc"), Num.read(in, "remainder"), Num.read(in, "credited"));
          }
        };
  }

  /**
   * One delegation. {@code debt} is {@code shares × acc} at the last settlement minus what was
   * already moved to {@code unclaimed} (scaled), so a settlement keeps fractions for later. {@code
   * lockedUntil}: stake redelegated in is still slashable for its source until that epoch.
   */
  record Delegation(BigInteger shares, BigInteger debt, BigInteger unclaimed, long lockedUntil) {
    static final Delegation EMPTY =
        new Delegation(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, 0);
    static final Codec<Delegation> CODEC =
        new Codec<>() {
          @Override
          public void write(Delegation d, Writer out) {
            Num.write(d.shares, out);
            Num.write(d.debt, out);
            Num.write(d.unclaimed, out);
            out.u64(d.lockedUntil);
          }

          @Override
          public Delegation read(Reader in) {
            return new Delegation(
                Num.read(in, "shares"),
                Num.read(in, "debt"),
                Num.read(in, "unclaimed"),
                in.u64("locked until"));
          }
        };

    /** Rewards owed at accumulator {@code acc}, not yet settled (base units, rounded down). */
    BigInteger pending(BigInteger acc) {
      return shares.multiply(acc).subtract(debt).divide(Num.ACC_SCALE);
    }

    /** Moves what is owed at {@code acc} into {@code unclaimed}, keeping the fraction. */
    Delegation settle(BigInteger acc) {
      BigInteger owed = pending(acc);
      return new Delegation(
          shares, debt.add(owed.multiply(Num.ACC_SCALE)), unclaimed.add(owed), lockedUntil);
    }

    /** After {@link #settle}: shares change by {@code delta} at {@code acc}. */
    Delegation withShares(BigInteger newShares, BigInteger acc) {
      BigInteger d = debt.add(newShares.subtract(shares).multiply(acc));
      if (d.signum() < 0) {
        d = BigInteger.ZERO; // cannot happen after settle; guards the encoding
      }
      return new Delegation(newShares, d, unclaimed, lockedUntil);
    }

    boolean isEmpty() {
      return shares.signum() == 0 && unclaimed.signum() == 0;
    }
  }

  /** Tokens unbonding from one validator, started in one epoch; entries hold its shares. */
  record Bucket(BigInteger tokens, BigInteger shares) {
    static final Bucket EMPTY = new Bucket(BigInteger.ZERO, BigInteger.ZERO);
    static final Codec<Bucket> CODEC =
        new Codec<>() {
          @Override
          public void write(Bucket b, Writer out) {
            Num.write(b.tokens, out);
            Num.write(b.shares, out);
          }

          @Override
          public Bucket read(Reader in) {
            return new Bucket(Num.read(in, "bucket tokens"), Num.read(in, "bucket shares"));
          }
        };

    Pool asPool() {
      return new Pool(tokens, shares);
    }
  }

  /** A delegator's shares of one unbonding bucket. */
  record Entry(BigInteger shares) {
    static final Codec<Entry> CODEC =
        new Codec<>() {
          @Override
          public void write(Entry e, Writer out) {
            Num.write(e.shares, out);
          }

          @Override
          public Entry read(Reader in) {
            return new Entry(Num.read(in, "entry shares"));
          }
        };
  }

  /** One redelegation away from a validator: who, to where, how many tokens. */
  record Redelegation(Address delegator, Address destination, BigInteger tokens) {
    static final Codec<Redelegation> CODEC =
        new Codec<>() {
          @Override
          public void write(Redelegation r, Writer out) {
            Address.CODEC.write(r.delegator, out);
            Address.CODEC.write(r.destination, out);
            Num.write(r.tokens, out);
          }

          @Override
          public Redelegation read(Reader in) {
            return new Redelegation(
                Address.CODEC.read(in), Address.CODEC.read(in), Num.read(in, "tokens"));
          }
        };
  }

  static final Codec<List<Redelegation>> REDELEGATIONS = listCodec(Redelegation.CODEC, 64);

  static final Codec<List<Address>> REGISTRY = listCodec(Address.CODEC, MAX_REGISTRY);

  /** Votes in QCs and proposals counted for each member (by index) of an epoch's set. */
  record Participation(long certified, long[] signed, long[] proposed) {
    static Participation empty(int size) {
      return new Participation(0, new long[size], new long[size]);
    }

    static final Codec<Participation> CODEC =
        new Codec<>() {
          @Override
          public void write(Participation p, Writer out) {
            out.u64(p.certified);
            out.u32(p.signed.length);
            for (int i = 0; i < p.signed.length; i++) {
              out.u64(p.signed[i]).u64(p.proposed[i]);
            }
          }

          @Override
          public Participation read(Reader in) {
            long certified = in.u64("certified");
            int n = in.length("participants", dev.aether.types.SignerSet.MAX_VALIDATORS);
            long[] s = new long[n];
            long[] p = new long[n];
            for (int i = 0; i < n; i++) {
              s[i] = in.u64("signed");
              p[i] = in.u64("proposed");
            }
            return new Participation(certified, s, p);
          }
        };

    long missed(int i) {
      return certified - signed[i];
    }
  }

  /**
   * The last block the end-of-block processing ran for: its slot, its slot's epoch (epoch ends are
   * processed up to it) and its consensus epoch (the set its certifiers, in the next block's QC,
   * belong to).
   */
  record Cursor(long lastSlot, long lastEpoch, long lastConsensusEpoch) {
    static final Codec<Cursor> CODEC =
        new Codec<>() {
          @Override
          public void write(Cursor c, Writer out) {
            out.u64(c.lastSlot).u64(c.lastEpoch).u64(c.lastConsensusEpoch);
          }

          @Override
          public Cursor read(Reader in) {
            return new Cursor(
                in.u64("last slot"), in.u64("last epoch"), in.u64("last consensus epoch"));
          }
        };
  }

  /** Verified evidence, applied at the end of its block. */
  record PendingSlash(Address offender, long offenceEpoch, Address reporter, H256 evidenceId) {
    static final Codec<PendingSlash> CODEC =
        new Codec<>() {
          @Override
          public void write(PendingSlash p, Writer out) {
            Address.CODEC.write(p.offender, out);
            out.u64(p.offenceEpoch);
            Address.CODEC.write(p.reporter, out);
            H256.CODEC.write(p.evidenceId, out);
          }

          @Override
          public PendingSlash read(Reader in) {
            return new PendingSlash(
                Address.CODEC.read(in),
                in.u64("offence epoch"),
                Address.CODEC.read(in),
                H256.CODEC.read(in));
          }
        };
  }

  static final Codec<List<PendingSlash>> SLASH_QUEUE =
      listCodec(PendingSlash.CODEC, MAX_SLASH_QUEUE);

  /** An unbonding entry's place: validator and start epoch. */
  record UnbondingRef(Address validator, long epoch) implements Comparable<UnbondingRef> {
    static final Codec<UnbondingRef> CODEC =
        new Codec<>() {
          @Override
          public void write(UnbondingRef r, Writer out) {
            Address.CODEC.write(r.validator, out);
            out.u64(r.epoch);
          }

          @Override
          public UnbondingRef read(Reader in) {
            return new UnbondingRef(Address.CODEC.read(in), in.u64("epoch"));
          }
        };

    @Override
    public int compareTo(UnbondingRef o) {
      int c = validator.compareTo(o.validator);
      return c != 0 ? c : Long.compare(epoch, o.epoch);
    }
  }

  static final int MAX_POSITIONS = 64;
  static final int MAX_UNBONDING = 32;

  /**
   * Where one address has stake: the validators it has a delegation record with and its unbonding
   * entries, both ascending. Per address, so it never makes two delegators' transactions conflict;
   * bounded, so a delegator's queries and transactions stay small.
   */
  record Positions(List<Address> validators, List<UnbondingRef> unbonding) {
    static Positions empty() {
      return new Positions(new ArrayList<>(), new ArrayList<>());
    }

    static final Codec<Positions> CODEC =
        new Codec<>() {
          @Override
          public void write(Positions p, Writer out) {
            out.list(p.validators, Address.CODEC);
            out.list(p.unbonding, UnbondingRef.CODEC);
          }

          @Override
          public Positions read(Reader in) {
            return new Positions(
                new ArrayList<>(in.list("validators", MAX_POSITIONS, Address.CODEC)),
                new ArrayList<>(in.list("unbonding", MAX_UNBONDING, UnbondingRef.CODEC)));
          }
        };
  }

  /**
   * Chain-wide staking totals, written only by end-of-block processing: SWR minted as inflation,
   * burned by slashing, and paid to reporters out of slashes (the audit trail of supply changes).
   */
  record Totals(BigInteger minted, BigInteger burned, BigInteger reporterPaid) {
    static final Totals ZERO = new Totals(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    static final Codec<Totals> CODEC =
        new Codec<>() {
          @Override
          public void write(Totals t, Writer out) {
            Num.write(t.minted, out);
            Num.write(t.burned, out);
            Num.write(t.reporterPaid, out);
          }

          @Override
          public Totals read(Reader in) {
            return new Totals(
                Num.read(in, "minted"), Num.read(in, "burned"), Num.read(in, "reporter paid"));
          }
        };
  }

  static <T> Codec<List<T>> listCodec(Codec<T> item, int limit) {
    return new Codec<>() {
      @Override
      public void write(List<T> v, Writer out) {
        if (v.size() > limit) {
          throw new IllegalArgumentException("list over " + limit);
        }
        out.list(v, item);
      }

      @Override
      public List<T> read(Reader in) {
        return new ArrayList<>(in.list("list", limit, item));
      }
    };
  }

  /** Decodes a stored entry; corrupt state is a bug, reported as malformed state. */
  static <T> T decode(Codec<T> codec, Bytes bytes, H256 key) {
    try {
      return codec.decode(bytes.toArray());
    } catch (CodecException e) {
      throw new dev.aether.ledger.LedgerException(
          new dev.aether.ledger.LedgerError.MalformedState(key, e.getMessage()));
    }
  }

  static Amount amount(BigInteger v) {
    return new Amount(v);
  }
}
