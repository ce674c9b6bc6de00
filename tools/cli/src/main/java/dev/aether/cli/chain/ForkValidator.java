package dev.aether.cli.chain;

import dev.aether.consensus.Consensus;
import dev.aether.consensus.PayloadRequest;
import dev.aether.ledger.BlockContext;
import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.StateReader;
import dev.aether.node.BlockRoots;
import dev.aether.programs.governance.Rehearsal;
import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.Header;
import dev.aether.types.Tx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One validator of a shadow fork: the real {@link Consensus} state machine with a rehearsal key,
 * over its own ledger on its own copy of the node's state. It executes blocks as a node's chain
 * does — on the committed head or on an executed, not yet final parent — and commits the blocks
 * consensus finalizes. A ledger that meets a protocol version this binary does not run halts the
 * validator, as a node halts, with the same line.
 */
final class ForkValidator {
  /** A payload built for this validator's own proposal. */
  record Built(
      List<Tx> txs,
      ExecutedBlock executed,
      H256 txRoot,
      H256 shredRoot,
      int offered,
      int dropped) {}

  final int index;
  final Consensus consensus;
  final Ledger ledger;
  final Rehearsal hook;
  private final Map<H256, ExecutedBlock> executed = new HashMap<>();
  private final List<Built> own = new ArrayList<>();
  private final long genesisBlockBytes;
  private Optional<String> halt = Optional.empty();

  /**
   * @param genesisBlockBytes the block size limit where the state holds no chain parameters
   */
  ForkValidator(
      int index, Consensus consensus, Ledger ledger, Rehearsal hook, long genesisBlockBytes) {
    this.index = index;
    this.consensus = consensus;
    this.ledger = ledger;
    this.hook = hook;
    this.genesisBlockBytes = genesisBlockBytes;
  }

  /** Why this validator stopped, if it did. */
  Optional<String> halt() {
    return halt;
  }

  boolean halted() {
    return halt.isPresent();
  }

  /** The state after block {@code id}: the committed head's, or an executed block's. */
  Optional<StateReader> stateAfter(H256 id) {
    if (id.equals(ledger.head().blockId())) {
      return Optional.of(ledger.state());
    }
    return Optional.ofNullable(executed.get(id)).map(ExecutedBlock::stateAfter);
  }

  /**
   * Builds the payload of this validator's proposal on the request's parent from {@code offered};
   * empty when the parent is not executed here or the validator halted building it.
   */
  Optional<Built> build(PayloadRequest request, Function<StateReader, List<Tx>> offered) {
    Block parent = request.parent();
    Optional<StateReader> base = stateAfter(parent.id());
    if (base.isEmpty()) {
      return Optional.empty();
    }
    List<Tx> load = request.empty() ? List.of() : offered.apply(base.get());
    List<Tx> candidates = fit(load, bytesMax(base.get()));
    BlockContext ctx =
        new BlockContext(
            parent.header().height() + 1,
            request.slot(),
            false,
            request.proposer(),
            Optional.of(request.parentQc()),
            request.epoch());
    Optional<ExecutedBlock> parentExec =
        parent.id().equals(ledger.head().blockId())
            ? Optional.empty()
            : Optional.of(executed.get(parent.id()));
    try {
      Ledger.Built b = ledger.build(parentExec, parent.id(), ctx, candidates);
      Built out =
          new Built(
              b.included(),
              b.block(),
              BlockRoots.txRoot(b.included()),
              BlockRoots.shredRoot(request.slot(), b.included()),
              load.size(),
              b.dropped().size());
      own.add(out);
      return Optional.of(out);
    } catch (LedgerException e) {
      stop(ctx.height(), e);
      return Optional.empty();
    }
  }

  /** The block size limit in force after {@code state} (governance may change it). */
  private long bytesMax(StateReader state) {
    return ledger
        .paramsAfter(state)
        .map(dev.aether.ledger.ChainParams::blockBytesMax)
        .orElse(genesisBlockBytes);
  }

  /**
   * The leading candidates whose encodings fit {@code bytesMax}, less the 4 KiB a node's proposer
   * keeps for the block's framing (its mempool selects the same way).
   */
  static List<Tx> fit(List<Tx> candidates, long bytesMax) {
    long left = bytesMax - 4096;
    List<Tx> out = new ArrayList<>();
    for (Tx tx : candidates) {
      left -= Tx.CODEC.encode(tx).length;
      if (left < 0) {
        break;
      }
      out.add(tx);
    }
    return out;
  }

  /** Our own proposal went out: its execution is the built payload's. */
  Optional<Built> proposed(Block block) {
    for (Iterator<Built> it = own.iterator(); it.hasNext(); ) {
      Built b = it.next();
      if (b.executed().stateRoot().equals(block.header().stateRoot())
          && b.txRoot().equals(block.header().txRoot())
          && b.executed().context().height() == block.header().height()) {
        executed.put(block.id(), b.executed());
        it.remove();
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /**
   * Executes a received block on its parent's state; its execution when the block is valid and its
   * roots are the header's, else empty (consensus then never votes for it).
   */
  Optional<ExecutedBlock> execute(Block block) {
    ExecutedBlock known = executed.get(block.id());
    if (known != null) {
      return Optional.of(known);
    }
    Header h = block.header();
    if (!BlockRoots.txRoot(block.txs()).equals(h.txRoot())) {
      return Optional.empty();
    }
    try {
      if (!BlockRoots.shredRoot(h.slot(), block.txs()).equals(h.shredRoot())) {
        return Optional.empty();
      }
      BlockContext ctx = BlockContext.of(h, false);
      ExecutedBlock e;
      if (h.parent().equals(ledger.head().blockId())) {
        e = ledger.execute(ctx, block.txs());
      } else {
        ExecutedBlock parent = executed.get(h.parent());
        if (parent == null) {
          return Optional.empty();
        }
        e = ledger.executeOn(parent, h.parent(), ctx, block.txs());
      }
      if (!e.stateRoot().equals(h.stateRoot()) || !e.receiptsRoot().equals(h.receiptsRoot())) {
        return Optional.empty();
      }
      executed.put(block.id(), e);
      return Optional.of(e);
    } catch (LedgerException e) {
      if (e.error() instanceof LedgerError.UnsupportedProtocol) {
        stop(h.height(), e);
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Commits a final block to this validator's ledger; its execution. */
  ExecutedBlock commit(Block block) {
    ExecutedBlock e = executed.get(block.id());
    if (e == null) {
      e =
          execute(block)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "validator " + index + ": final block " + block.id() + " does not run"));
    }
    ledger.commit(block, e);
    executed.remove(block.id());
    long height = block.header().height();
    executed.values().removeIf(x -> x.context().height() <= height);
    own.removeIf(x -> x.executed().context().height() <= height);
    return e;
  }

  /** Any execution of a block at {@code height} this validator holds (committed or not). */
  Optional<StateReader> anyStateAt(long height) {
    if (ledger.head().height() == height) {
      return Optional.of(ledger.state());
    }
    return executed.values().stream()
        .filter(e -> e.context().height() == height)
        .findFirst()
        .map(ExecutedBlock::stateAfter);
  }

  /** Stops this validator after an unexpected failure (the node's fail-stop). */
  void failStop(RuntimeException e) {
    if (halt.isEmpty()) {
      String why =
          e instanceof LedgerException l ? l.error().message() : String.valueOf(e.getMessage());
      halt = Optional.of("stopped: " + e.getClass().getSimpleName() + ": " + why);
    }
  }

  private void stop(long height, LedgerException e) {
    if (halt.isEmpty()) {
      halt =
          Optional.of(
              e.error() instanceof LedgerError.UnsupportedProtocol u
                  ? "halted: " + u.message()
                  : "halted at height " + height + ": " + e.error().message());
    }
  }
}
