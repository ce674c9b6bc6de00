package dev.aether.ledger;

import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Tx;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The chain's active parameter set: one object in the state ({@link #STATE_KEY}, under the state
 * root) that the ledger reads from a block's <em>parent</em> state and hands to every consumer in
 * the block's {@link BlockContext} — the fee formula, rent, the congestion rule, block limits, the
 * treasury's shares and the protocol version (docs/adr/0045). Written at genesis from the genesis
 * file; afterwards changed only by the governance program's end-of-block work when a proposal
 * passes, so a change applies from the block after the one that tallied it, on every node alike.
 *
 * <p>A state without this object (ledger-only chains and tests) runs on the ledger's and runtime's
 * constructor configuration, as before.
 *
 * @param protocolVersion the protocol version blocks run under (see {@link #versionAt})
 * @param fees the fee formula {@code a + b·tx_bytes + c·steps + d·mem_bytes}
 * @param rentPerByteEpoch rent {@code rho} per stored byte per epoch
 * @param rentHorizonEpochs epochs a write prepays
 * @param congestionTarget writers per object per block before its multiplier rises
 * @param congestionMaxPermille the highest congestion multiplier (permille)
 * @param slotMs slot length (read by staking for inflation; the consensus slot clock still runs on
 *     the genesis value: governance refuses to change it, see docs/programs/governance.md)
 * @param blockBytesMax largest block body a proposer builds; also bounds one transaction
 * @param blockStepsMax the block step budget (consensus rule, {@link LedgerError.BlockOverBudget})
 * @param treasuryFeeBps share of every block's fees credited to the treasury (basis points)
 * @param treasurySlashBps share of slashed stake credited to the treasury instead of burned
 * @param upgrade a scheduled protocol upgrade, if one passed and has not activated yet
 */
public record ChainParams(
    int protocolVersion,
    LinearFeeSchedule fees,
    long rentPerByteEpoch,
    long rentHorizonEpochs,
    int congestionTarget,
    long congestionMaxPermille,
    long slotMs,
    long blockBytesMax,
    long blockStepsMax,
    int treasuryFeeBps,
    int treasurySlashBps,
    Optional<Upgrade> upgrade) {

  /**
   * The highest protocol version this code implements. Version 1 is the genesis rule set; version 2
   * adds one rule: the congestion surcharge of every fee (the part above the 1× fee) is burned
   * instead of paid into the fee pool (ADR 0046).
   */
  public static final int PROTOCOL_VERSION = 2;

  /** The version a genesis starts with. */
  public static final int GENESIS_PROTOCOL_VERSION = 1;

  /** Where the active parameters live. */
  public static final H256 STATE_KEY =
      Hashing.tagged("aether/chain-params/v1", "params".getBytes(StandardCharsets.US_ASCII));

  /** Smallest block body a parameter change may set (one transaction must still fit). */
  public static final long MIN_BLOCK_BYTES = 16 * 1024;

  /** Largest block body a parameter change may set. */
  public static final long MAX_BLOCK_BYTES = 64L * 1024 * 1024;

  /**
   * A protocol upgrade scheduled by governance: from {@code height} on, blocks run {@code version}.
   */
  public record Upgrade(int version, long height, String name) {
    /** Longest upgrade name (it is shown to operators whose binary is too old). */
    public static final int MAX_NAME_BYTES = 128;

    public static final Codec<Upgrade> CODEC =
        new Codec<>() {
          @Override
          public void write(Upgrade u, Writer out) {
            out.u32(u.version).u64(u.height).string(u.name);
          }

          @Override
          public Upgrade read(Reader in) {
            long v = in.u32("upgrade version");
            if (v < 1 || v > Integer.MAX_VALUE) {
              throw new CodecException.NonCanonical("upgrade version " + v);
            }
            return new Upgrade(
                (int) v, in.u64("upgrade height"), in.string("upgrade name", MAX_NAME_BYTES));
          }
        };

    public Upgrade {
      Objects.requireNonNull(name, "name");
      if (version < 1 || height < 1) {
        throw new IllegalArgumentException("upgrade version and height must be >= 1");
      }
      if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
        throw new IllegalArgumentException("upgrade name over " + MAX_NAME_BYTES + " bytes");
      }
    }
  }

  public static final Codec<ChainParams> CODEC =
      new Codec<>() {
        @Override
        public void write(ChainParams p, Writer out) {
          out.u8(1); // encoding version
          out.u32(p.protocolVersion);
          out.u64(p.fees.a()).u64(p.fees.b()).u64(p.fees.c()).u64(p.fees.d());
          out.u64(p.rentPerByteEpoch).u64(p.rentHorizonEpochs);
          out.u32(p.congestionTarget).u64(p.congestionMaxPermille);
          out.u64(p.slotMs).u64(p.blockBytesMax).u64(p.blockStepsMax);
          out.u16(p.treasuryFeeBps).u16(p.treasurySlashBps);
          out.optional(p.upgrade, Upgrade.CODEC);
        }

        @Override
        public ChainParams read(Reader in) {
          int enc = in.u8("ChainParams encoding");
          if (enc != 1) {
            throw new CodecException.UnknownTag("ChainParams encoding", enc);
          }
          try {
            return new ChainParams(
                (int) in.u32("protocol version"),
                new LinearFeeSchedule(
                    in.u64("fee a"), in.u64("fee b"), in.u64("fee c"), in.u64("fee d")),
                in.u64("rent rho"),
                in.u64("rent horizon"),
                (int) in.u32("congestion target"),
                in.u64("congestion max"),
                in.u64("slot ms"),
                in.u64("block bytes max"),
                in.u64("block steps max"),
                in.u16("treasury fee bps"),
                in.u16("treasury slash bps"),
                in.optional("upgrade", Upgrade.CODEC));
          } catch (IllegalArgumentException e) {
            throw new CodecException.NonCanonical("ChainParams: " + e.getMessage());
          }
        }
      };

  public ChainParams {
    Objects.requireNonNull(fees, "fees");
    Objects.requireNonNull(upgrade, "upgrade");
    if (protocolVersion < 1) {
      throw new IllegalArgumentException("protocol version must be >= 1");
    }
    if (rentPerByteEpoch < 0 || rentHorizonEpochs < 1) {
      throw new IllegalArgumentException("rent rho must be >= 0 and horizon >= 1");
    }
    if (congestionTarget < 1 || congestionMaxPermille < FeeMultipliers.UNIT) {
      throw new IllegalArgumentException(
          "congestion target must be >= 1 and max multiplier >= 1000 permille");
    }
    if (slotMs <= 0) {
      throw new IllegalArgumentException("slot_ms must be positive");
    }
    if (blockBytesMax <= 0 || blockStepsMax <= 0) {
      throw new IllegalArgumentException("block limits must be positive");
    }
    if (treasuryFeeBps < 0
        || treasuryFeeBps > 10_000
        || treasurySlashBps < 0
        || treasurySlashBps > 10_000) {
      throw new IllegalArgumentException("treasury shares must be 0..10000 bps");
    }
    if (upgrade.isPresent() && upgrade.get().version() <= protocolVersion) {
      throw new IllegalArgumentException("a scheduled upgrade must raise the protocol version");
    }
  }

  /**
   * The genesis parameters: {@code [fees]}, {@code [rent]}, {@code [chain]}, {@code [limits]}, the
   * default congestion rule (target 64 writers per object per block, at most 1000×) and the
   * treasury shares of {@code [governance]}; protocol version 1, no upgrade scheduled.
   */
  public static ChainParams fromGenesis(dev.aether.genesis.GenesisConfig g) {
    var f = g.fees();
    return new ChainParams(
        GENESIS_PROTOCOL_VERSION,
        new LinearFeeSchedule(f.a(), f.b(), f.c(), f.d()),
        g.rent().rhoPerBytePerEpoch(),
        g.rent().horizonEpochs(),
        DEFAULT_CONGESTION_TARGET,
        DEFAULT_CONGESTION_MAX_PERMILLE,
        g.chain().slotMs(),
        g.chain().blockBytesMax(),
        g.limits().blockStepsMax(),
        g.governance().treasuryFeeBps(),
        g.governance().treasurySlashBps(),
        Optional.empty());
  }

  /** Writers per object per block before its multiplier rises (the runtime's default rule). */
  public static final int DEFAULT_CONGESTION_TARGET = 64;

  /** The highest congestion multiplier, permille (the runtime's default rule: 1000×). */
  public static final long DEFAULT_CONGESTION_MAX_PERMILLE = 1_000_000;

  /** The parameters in {@code state}, if it holds them. */
  public static Optional<ChainParams> read(StateReader state) {
    return state.get(STATE_KEY).map(ChainParams::decode);
  }

  private static ChainParams decode(StateObject o) {
    if (!(o instanceof StateObject.Data d)) {
      throw new LedgerException(new LedgerError.MalformedState(STATE_KEY, "not program data"));
    }
    try {
      return CODEC.decode(d.bytes().toArray());
    } catch (CodecException e) {
      throw new LedgerException(new LedgerError.MalformedState(STATE_KEY, e.getMessage()));
    }
  }

  /** This parameter set as the state object stored under {@link #STATE_KEY}. */
  public StateObject toState() {
    return new StateObject.Data(Bytes.of(CODEC.encode(this)));
  }

  /**
   * The protocol version the block at {@code height} runs under: the scheduled upgrade's from its
   * activation height on, else the current one. The switch is exact: block {@code height - 1} runs
   * the old rules, block {@code height} the new ones.
   */
  public int versionAt(long height) {
    return upgrade.isPresent() && height >= upgrade.get().height()
        ? upgrade.get().version()
        : protocolVersion;
  }

  /** The largest transaction a block may carry: the block limit, at most the codec's. */
  public int maxTxBytes() {
    return (int) Math.min(Tx.MAX_BYTES, blockBytesMax);
  }

  /** This set with {@code upgrade} scheduled (or none). */
  public ChainParams withUpgrade(Optional<Upgrade> u) {
    return new ChainParams(
        protocolVersion,
        fees,
        rentPerByteEpoch,
        rentHorizonEpochs,
        congestionTarget,
        congestionMaxPermille,
        slotMs,
        blockBytesMax,
        blockStepsMax,
        treasuryFeeBps,
        treasurySlashBps,
        u);
  }

  /** This set after its scheduled upgrade activated: the new version, nothing scheduled. */
  public ChainParams activated() {
    return upgrade.isEmpty()
        ? this
        : new ChainParams(
            upgrade.get().version(),
            fees,
            rentPerByteEpoch,
            rentHorizonEpochs,
            congestionTarget,
            congestionMaxPermille,
            slotMs,
            blockBytesMax,
            blockStepsMax,
            treasuryFeeBps,
            treasurySlashBps,
            Optional.empty());
  }
}
