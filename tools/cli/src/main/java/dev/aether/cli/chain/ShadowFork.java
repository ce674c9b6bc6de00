package dev.aether.cli.chain;

import dev.aether.cli.CliException;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.BankProgram;
import dev.aether.ledger.BlockContext;
import dev.aether.ledger.ChainEd25519Verifier;
import dev.aether.ledger.Head;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerConfig;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.RocksStateStore;
import dev.aether.ledger.SerialExecutor;
import dev.aether.programs.NativePrograms;
import dev.aether.programs.governance.GovView;
import dev.aether.programs.governance.Proposal;
import dev.aether.programs.governance.Rehearsal;
import dev.aether.runtime.CongestionMarket;
import dev.aether.runtime.CongestionRule;
import dev.aether.runtime.wasm.WasmContracts;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.SignerSet;
import dev.aether.types.Tx;
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
 * A shadow-fork rehearsal of a proposal at the ledger level: a node's RocksDB state is copied into
 * a throwaway directory, a ledger with the node's native programs opens the copy, the first new
 * block executes the proposal at once ({@link Rehearsal}) and credits a rehearsal account, and the
 * following blocks each carry a load of signed transfers from it — built, executed and committed
 * exactly as a proposer's ledger does (byte and step limits, fees, rent, end-of-block work). The
 * report says whether every block executed and carried the load, and what the parameters became.
 * The copy is deleted afterwards.
 *
 * <p>Not consensus: the blocks are produced by one local proposer without votes, so a proposal that
 * breaks leader election or voting (rather than execution) is not caught here
 * (docs/programs/governance.md, "Rehearsal").
 */
final class ShadowFork {
  /** SWR the rehearsal account is credited in the fork (it pays the load's fees). */
  static final BigInteger FUNDS = BigInteger.TEN.pow(24);

  /** One block of the rehearsal. */
  record BlockLine(long height, long slot, int included, int dropped, BigInteger feePerTx) {}

  /** What the rehearsal found. */
  record Report(
      long forkedAt,
      long proposal,
      String title,
      String outcome,
      List<BlockLine> blocks,
      int txsSent,
      int txsIncluded,
      Optional<String> halt,
      Map<String, String> paramsBefore,
      Map<String, String> paramsAfter) {
    /** Every block executed, and every block after the proposal's carried part of the load. */
    boolean keptGoing(int wanted) {
      if (halt.isPresent() || blocks.size() < wanted) {
        return false;
      }
      for (int i = 1; i < blocks.size(); i++) {
        if (blocks.get(i).included() == 0) {
          return false;
        }
      }
      return true;
    }
  }

  private ShadowFork() {}

  /**
   * Rehearses {@code proposalId} on a copy of {@code stateDir} (a node's {@code data/state}) under
   * {@code genesis}: {@code blocks} blocks, each offered {@code txsPerBlock} transfers.
   */
  static Report run(
      Path stateDir, GenesisConfig genesis, long proposalId, int blocks, int txsPerBlock) {
    if (!Files.isDirectory(stateDir)) {
      throw new CliException("no node state at " + stateDir, 2);
    }
    Path copy;
    try {
      copy = Files.createTempDirectory("aether-rehearsal-");
    } catch (IOException e) {
      throw new CliException("cannot create a directory for the fork: " + e.getMessage());
    }
    copyLive(stateDir, copy);
    try (RocksStateStore store = RocksStateStore.open(copy.resolve("state"))) {
      return rehearse(store, genesis, proposalId, blocks, txsPerBlock);
    } catch (LedgerException e) {
      throw new CliException("the copied state does not open: " + e.error().message());
    } finally {
      deleteTree(copy);
    }
  }

  private static Report rehearse(
      RocksStateStore store, GenesisConfig genesis, long proposalId, int blocks, int txs) {
    LedgerConfig base = LedgerConfig.fromGenesis(genesis);
    GovView before = new GovView(Ledger.open(store, base).state());
    Proposal p =
        before
            .proposal(proposalId)
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
    Map<String, String> paramsBefore = before.paramValues();
    Ed25519KeyPair key =
        Ed25519KeyPair.fromSeed(
            Hashing.tagged("aether/rehearsal/v1", Long.toString(proposalId).getBytes()).toArray());
    Address payer = Address.ofPublicKey(key.publicKey().bytes());
    Rehearsal force =
        new Rehearsal(proposalId, payer, Value.of(AssetId.SWR, new dev.aether.types.Amount(FUNDS)));
    Ledger ledger =
        new Ledger(
            store,
            base,
            new ChainEd25519Verifier(),
            NativePrograms.calls(genesis, base.fees(), WasmContracts.Mode.INTERPRETER),
            new SerialExecutor(),
            new CongestionMarket(CongestionRule.DEFAULT),
            force.andThen(NativePrograms.endBlock()));
    Head start = ledger.head();
    long slot = ledger.block(start.height()).map(b -> b.header().slot()).orElse(start.height());
    List<BlockLine> lines = new ArrayList<>();
    Optional<String> halt = Optional.empty();
    int sent = 0;
    int included = 0;
    long nonce = 0;
    Address sink = Address.ofPublicKey(new byte[32]);
    for (int b = 0; b < blocks; b++) {
      slot++;
      Head head = ledger.head();
      List<Tx> offered = new ArrayList<>();
      if (b > 0) {
        for (int i = 0; i < txs; i++) {
          offered.add(
              BankProgram.signed(
                  key,
                  BankProgram.transferBody(
                      genesis.chain().chainId(),
                      payer,
                      nonce + i,
                      sink,
                      Value.of(AssetId.SWR, 1),
                      1_000_000_000_000L,
                      Long.MAX_VALUE)));
        }
      }
      try {
        BlockContext ctx = new BlockContext(head.height() + 1, slot, false);
        Ledger.Built built = ledger.build(Optional.empty(), head.blockId(), ctx, offered);
        long parentEpoch = ledger.block(head.height()).map(x -> x.header().epoch()).orElse(0L);
        QuorumCert qc =
            new QuorumCert(
                parentEpoch,
                head.height(),
                head.blockId(),
                SignerSet.of(List.of(0)),
                Bytes.of(new byte[96]));
        Header h =
            new Header(
                slot / genesis.chain().epochSlots(),
                head.height() + 1,
                slot,
                head.height() + 1,
                head.blockId(),
                0,
                Bytes.EMPTY,
                0,
                dev.aether.types.OpCert.NONE,
                H256.ZERO,
                built.block().stateRoot(),
                built.block().receiptsRoot(),
                H256.ZERO,
                qc,
                Optional.empty());
        ledger.commit(new Block(h, built.included(), Bytes.EMPTY), built.block());
        BigInteger fee =
            built.block().receipts().isEmpty()
                ? BigInteger.ZERO
                : built.block().receipts().getFirst().feePaid().value();
        lines.add(
            new BlockLine(
                head.height() + 1, slot, built.included().size(), built.dropped().size(), fee));
        sent += offered.size();
        included += built.included().size();
        nonce += built.included().size();
      } catch (LedgerException e) {
        halt = Optional.of("height " + (head.height() + 1) + ": " + e.error().message());
        break;
      } catch (RuntimeException e) {
        halt = Optional.of("height " + (head.height() + 1) + ": " + e.getMessage());
        break;
      }
    }
    Map<String, String> paramsAfter = new GovView(ledger.state()).paramValues();
    return new Report(
        start.height(),
        proposalId,
        p.title(),
        force.outcome(),
        lines,
        sent,
        included,
        halt,
        paramsBefore,
        paramsAfter);
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

  static void copyTree(Path from, Path to) throws IOException {
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
            Files.copy(
                file, to.resolve(from.relativize(file)), StandardCopyOption.REPLACE_EXISTING);
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
