package dev.aether.cli.chain;

import dev.aether.cli.CliException;
import dev.aether.consensus.CertCounters;
import dev.aether.consensus.Checkpoint;
import dev.aether.consensus.Consensus;
import dev.aether.consensus.ConsensusConfig;
import dev.aether.consensus.ConsensusParams;
import dev.aether.consensus.EpochNonce;
import dev.aether.consensus.SafetyState;
import dev.aether.consensus.ValidatorSetSource;
import dev.aether.consensus.crypto.ChainCrypto;
import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.ChainEd25519Verifier;
import dev.aether.ledger.Head;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerConfig;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.RocksStateStore;
import dev.aether.ledger.SerialExecutor;
import dev.aether.node.NodeGenesis;
import dev.aether.programs.NativePrograms;
import dev.aether.programs.governance.GovView;
import dev.aether.programs.governance.Proposal;
import dev.aether.programs.governance.Rehearsal;
import dev.aether.programs.staking.EpochValidatorSet;
import dev.aether.programs.staking.ValidatorSets;
import dev.aether.runtime.CongestionMarket;
import dev.aether.runtime.CongestionRule;
import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A shadow-fork rehearsal of a proposal at the consensus level (ADR 0061, superseding the
 * ledger-level fork of ADR 0028): a node's RocksDB state is copied into a throwaway directory, once
 * per fork validator; each validator runs the real {@link Consensus} state machine with a local
 * rehearsal key over its own ledger on its own copy, driven in process on a simulated clock ({@link
 * ForkNet}). The fork's validator set is the rehearsal keys', not the chain's ({@link
 * RehearsalValidators}): the fork resumes from the node's head, re-certified by them. Every block
 * at the first height executes the proposal at once ({@link Rehearsal}) and credits a rehearsal
 * account; later blocks carry a load of its signed transfers ({@link RehearsalLoad}). The report
 * says whether the fork kept finalizing blocks by the 2-chain rule, with what latency, how many
 * rounds timed out, which validators halted and why, and what the parameters became. The copies are
 * deleted afterwards. Tool-only: no node builds any of this.
 */
final class ShadowFork {
  /** SWR the rehearsal account is credited in the fork (it pays the load's fees). */
  static final BigInteger FUNDS = BigInteger.TEN.pow(24);

  /** Most validators a fork runs (each has its own ledger over its own copy of the state). */
  static final int MAX_VALIDATORS = 16;

  /** What the rehearsal found. */
  record Report(
      long forkedAt,
      long proposal,
      String title,
      String outcome,
      int validators,
      int chainValidators,
      boolean mirrored,
      Map<Long, Integer> epochSets,
      ConsensusParams consensus,
      long messageMs,
      List<ForkNet.Final> finals,
      int wanted,
      int txsPerBlock,
      long simulatedMs,
      long lastRound,
      int roundsTimedOut,
      List<String> halts,
      Map<String, String> paramsBefore,
      Map<String, String> paramsAfter) {
    /** The fork finalized every height it was asked for (by a quorum; some may have halted). */
    boolean keptFinalizing() {
      return finals.size() >= wanted;
    }

    /** The rehearsal passed: it kept finalizing, no validator halted, the load was carried. */
    boolean passed() {
      return keptFinalizing() && halts.isEmpty() && carriedLoad();
    }

    /** Every final block after the proposal's included transfers of the load. */
    boolean carriedLoad() {
      for (int i = 1; i < finals.size(); i++) {
        if (finals.get(i).included() == 0) {
          return false;
        }
      }
      return finals.size() > 1;
    }

    int txsSent() {
      return finals.stream().mapToInt(ForkNet.Final::offered).sum();
    }

    int txsIncluded() {
      return finals.stream().mapToInt(ForkNet.Final::included).sum();
    }
  }

  private ShadowFork() {}

  /**
   * Rehearses {@code proposalId} on copies of {@code stateDir} (a node's {@code data/state}) under
   * {@code genesis}, until {@code wanted} heights past the node's head are final (the proposal's
   * block and {@code wanted - 1} loaded ones, each offered {@code txsPerBlock} transfers) or the
   * simulated time runs out. With {@code validators} empty the fork mirrors the chain's recorded
   * sets ({@link RehearsalValidators#mirror}) — unless the chain's set is larger than {@link
   * #MAX_VALIDATORS}, then it runs 4 equal ones; otherwise that many equal ones.
   */
  static Report run(
      Path stateDir,
      GenesisConfig genesis,
      long proposalId,
      java.util.OptionalInt validators,
      int wanted,
      int txsPerBlock) {
    return run(stateDir, genesis, proposalId, validators, wanted, txsPerBlock, i -> false);
  }

  /**
   * As above; the validators {@code diverging} picks credit the rehearsal account one unit more in
   * the fork's first block — a ledger that disagrees with the others from there on. Only tests pass
   * any: they show the fork's finality needs a quorum of agreeing validators.
   */
  static Report run(
      Path stateDir,
      GenesisConfig genesis,
      long proposalId,
      java.util.OptionalInt validators,
      int wanted,
      int txsPerBlock,
      java.util.function.IntPredicate diverging) {
    if (!Files.isDirectory(stateDir)) {
      throw new CliException("no node state at " + stateDir, 2);
    }
    Path copy;
    try {
      copy = Files.createTempDirectory("aether-rehearsal-");
    } catch (IOException e) {
      throw new CliException("cannot create a directory for the fork: " + e.getMessage());
    }
    List<RocksStateStore> stores = new ArrayList<>();
    try {
      copyLive(stateDir, copy);
      stores.add(RocksStateStore.open(copy.resolve("state")));
      LedgerConfig base = LedgerConfig.fromGenesis(genesis);
      Ledger probe = Ledger.open(stores.getFirst(), base);
      Proposal p = openProposal(new GovView(probe.state()), proposalId);
      Head head = probe.head();
      Block headBlock =
          probe
              .block(head.height())
              .orElseThrow(() -> new CliException("the node's head block is not in its state"));
      long epoch = NodeGenesis.params(genesis).epochOf(headBlock.header().slot());
      Optional<EpochValidatorSet> recorded =
          ValidatorSets.read(probe.state(), headBlock.header().epoch())
              .or(() -> ValidatorSets.read(probe.state(), epoch));
      int chainSize = recorded.map(EpochValidatorSet::size).orElse(genesis.validators().size());
      boolean mirror = validators.isEmpty() && recorded.isPresent() && chainSize <= MAX_VALIDATORS;
      int n = mirror ? chainSize : validators.orElse(4);
      for (int i = 1; i < n; i++) {
        try {
          sibling(copy.resolve("state"), copy.resolve("state-" + i));
        } catch (IOException e) {
          throw new CliException("cannot copy the state for validator " + i + ": " + e);
        }
        stores.add(RocksStateStore.open(copy.resolve("state-" + i)));
      }
      return rehearse(
          stores, genesis, p, headBlock, mirror, chainSize, wanted, txsPerBlock, diverging);
    } catch (LedgerException e) {
      throw new CliException("the copied state does not open: " + e.error().message());
    } finally {
      for (RocksStateStore s : stores) {
        s.close();
      }
      deleteTree(copy);
    }
  }

  private static Proposal openProposal(GovView gov, long proposalId) {
    Proposal p =
        gov.proposal(proposalId)
            .orElseThrow(
                () ->
                    new CliException("proposal " + proposalId + " is not in the node's state", 2));
    if (p.status() != Proposal.Status.DEPOSIT && p.status() != Proposal.Status.VOTING) {
      throw new CliException(
          "proposal "
              + proposalId
              + " is "
              + p.status().name().toLowerCase(java.util.Locale.ROOT)
              + ": only an open proposal can be rehearsed",
          2);
    }
    return p;
  }

  private static Report rehearse(
      List<RocksStateStore> stores,
      GenesisConfig genesis,
      Proposal p,
      Block headBlock,
      boolean mirror,
      int chainSize,
      int wanted,
      int txsPerBlock,
      java.util.function.IntPredicate diverging) {
    LedgerConfig base = LedgerConfig.fromGenesis(genesis);
    long proposalId = p.id();
    long forkHeight = headBlock.header().height();
    Map<String, String> paramsBefore =
        new GovView(Ledger.open(stores.getFirst(), base).state()).paramValues();
    ConsensusParams params = NodeGenesis.params(genesis);
    int n = stores.size();
    RehearsalValidators keys =
        new RehearsalValidators(params.kesPeriodOf(headBlock.header().slot() + 1));
    Block genesisBlock = NodeGenesis.block(genesis);
    H256 eta = Hashing.tagged("aether/rehearsal/eta/v1", headBlock.id().toArray());
    Checkpoint root =
        forkHeight == 0
            ? Checkpoint.genesis(genesisBlock)
            : new Checkpoint(
                headBlock,
                keys.certify(headBlock, n),
                eta,
                EpochNonce.start(eta, headBlock.header().epoch()),
                CertCounters.EMPTY);
    RehearsalLoad load = new RehearsalLoad(genesis.chain().chainId(), proposalId, txsPerBlock);
    ChainCrypto crypto = new ChainCrypto();
    ValidatorSetSource equal = ValidatorSetSource.fixed(keys.equal(n));
    List<ForkValidator> vs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Rehearsal hook =
          new Rehearsal(
              proposalId,
              load.payer(),
              Value.of(
                  AssetId.SWR,
                  new dev.aether.types.Amount(
                      diverging.test(i) ? FUNDS.add(BigInteger.ONE) : FUNDS)),
              forkHeight + 1);
      Ledger ledger =
          new Ledger(
              stores.get(i),
              base,
              new ChainEd25519Verifier(),
              NativePrograms.calls(genesis, base.fees(), WasmContracts.Mode.INTERPRETER),
              new SerialExecutor(),
              new CongestionMarket(CongestionRule.DEFAULT),
              hook.andThen(NativePrograms.endBlock()));
      ConsensusConfig config =
          NodeGenesis.consensus(genesis, genesisBlock, mirror ? mirrored(ledger, keys) : equal)
              .withRoot(root);
      Consensus c;
      try {
        c = new Consensus(config, crypto, Optional.of(keys.signer(i)), SafetyState.INITIAL);
      } catch (IllegalArgumentException e) {
        throw new CliException(
            "the fork cannot start consensus at the node's head: " + e.getMessage());
      }
      vs.add(new ForkValidator(i, c, ledger, hook, genesis.chain().blockBytesMax()));
    }
    // Messages take a tenth of the vote window (well inside it, as on a healthy network); the run
    // gets eight slots (the longest round timeout) per wanted height, plus a margin.
    long latency = Math.max(1, params.voteWindowMs() / 10);
    long start = params.slotStart(headBlock.header().slot() + 1);
    long deadline = start + (long) (wanted + 4) * 8 * params.slotMs();
    ForkNet.Outcome o = new ForkNet(vs, latency, load, forkHeight).run(start, deadline, wanted);
    return new Report(
        forkHeight,
        proposalId,
        p.title(),
        vs.getFirst().hook.outcome(),
        n,
        chainSize,
        mirror,
        o.epochSets(),
        params,
        latency,
        o.finals(),
        wanted,
        txsPerBlock,
        o.simulatedMs(),
        o.lastRound(),
        o.roundsTimedOut(),
        o.halts(),
        paramsBefore,
        o.paramsAtFork().orElse(paramsBefore));
  }

  /**
   * The sets the staking program recorded in {@code ledger}'s final state, keys replaced by the
   * rehearsal keys index for index; empty until recorded there (consensus waits, as a node's).
   */
  private static ValidatorSetSource mirrored(Ledger ledger, RehearsalValidators keys) {
    Map<Long, dev.aether.consensus.ValidatorSet> cache = new java.util.TreeMap<>();
    return epoch -> {
      dev.aether.consensus.ValidatorSet known = cache.get(epoch);
      if (known != null) {
        return Optional.of(known);
      }
      Optional<dev.aether.consensus.ValidatorSet> read =
          ValidatorSets.read(ledger.state(), epoch).map(keys::mirror);
      read.ifPresent(x -> cache.put(epoch, x));
      return read;
    };
  }

  /**
   * Copies a node's RocksDB directory, which may be in use: its table files never change once
   * written, but a compaction may delete one while the copy runs — then the copy starts over (up to
   * three times). The write-ahead log's tail may be cut mid-record; RocksDB's point-in-time
   * recovery opens the copy at the last whole write batch, and the ledger writes a block's state
   * and its head in one batch, so the copy is a committed state.
   */
  private static void copyLive(Path stateDir, Path copy) {
    for (int attempt = 1; ; attempt++) {
      Path target = copy.resolve("state");
      try {
        deleteTree(target);
        copyTree(stateDir, target);
        Files.deleteIfExists(target.resolve("LOCK"));
        return;
      } catch (java.nio.file.NoSuchFileException e) {
        if (attempt == 3) {
          deleteTree(copy);
          throw new CliException("the node's state kept changing while it was copied; retry");
        }
      } catch (IOException | UncheckedIOException e) {
        deleteTree(copy);
        throw new CliException("cannot copy the state at " + stateDir + ": " + e.getMessage());
      }
    }
  }

  /**
   * Another validator's copy of a fork's state, as RocksDB's own checkpoints make one: table files
   * ({@code *.sst}) are never modified once written, so they are hard-linked (a fork of a large
   * state costs its size once, not once per validator); everything else is copied. Where a link
   * cannot be made the file is copied.
   */
  static void sibling(Path from, Path to) throws IOException {
    copyTree(from, to, true);
  }

  static void copyTree(Path from, Path to) throws IOException {
    copyTree(from, to, false);
  }

  /** Copies {@code from} to {@code to}; with {@code linkTables}, {@code *.sst} files are linked. */
  private static void copyTree(Path from, Path to, boolean linkTables) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir)));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
            Path target = to.resolve(from.relativize(file));
            if (linkTables && file.getFileName().toString().endsWith(".sst")) {
              try {
                Files.createLink(target, file);
                return FileVisitResult.CONTINUE;
              } catch (IOException | UnsupportedOperationException e) {
                // another file system, or no hard links here: copy instead
              }
            }
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
