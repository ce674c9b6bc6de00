package dev.aether.node;

import dev.aether.consensus.Consensus;
import dev.aether.consensus.Validator;
import dev.aether.consensus.crypto.ChainCrypto;
import dev.aether.da.DaException;
import dev.aether.da.NodeId;
import dev.aether.da.Shredder;
import dev.aether.da.StakedNode;
import dev.aether.network.Network;
import dev.aether.network.NetworkException;
import dev.aether.network.PeerId;
import dev.aether.network.Topic;
import dev.aether.network.TurbineRelay;
import dev.aether.network.Validation;
import dev.aether.types.Block;
import dev.aether.types.Header;
import dev.aether.types.Tx;
import dev.aether.types.codec.CodecException;
import dev.aether.types.codec.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * How proposals travel (docs/da.md): the leader gossips the signed header alone on topic {@code
 * header} and sends the body — the encoded transaction list, cut into RS(12,10) shreds whose Merkle
 * root the header carries as {@code shredRoot} — down stake-weighted Turbine trees ({@link
 * TurbineRelay}). A validator that sees a header with a valid proposer signature expects that root;
 * once any 10 of 12 shreds per FEC set arrived (or were repaired) it rebuilds the body, joins it
 * with the header and hands the block to consensus. A header whose body is empty needs no shreds.
 * If the body never arrives, consensus fetches the whole block (it does so for any block a QC or a
 * third of the votes names).
 *
 * <p>Why not gossip whole blocks: the leader's upload would be {@code D x block} per gossip hop and
 * every validator would receive each block several times; with Turbine the leader uploads each
 * shred once (1.2 x the body) and each node forwards to its children only.
 */
final class BlockPropagation {
  private static final Logger LOG = Logger.getLogger(BlockPropagation.class.getName());

  /** Turbine fanout: children per node (Solana uses 200; larger = shallower trees). */
  static final int FANOUT = 200;

  /** How often missing shreds are asked for again. */
  static final long REPAIR_MS = 100;

  /** Headers waiting for their body, at most. */
  private static final int MAX_WAITING = 256;

  /**
   * Headers of one proposer waiting at most: a validator signing many headers (all but a few of
   * them ineligible or bodiless) evicts only its own, never other proposers' expected bodies.
   */
  static final int MAX_WAITING_PER_PROPOSER = 4;

  private static final Shredder SHREDDER = Shredder.withDefaults();

  /** The transaction root of an empty body: such a header is a whole block. */
  private static final dev.aether.types.H256 EMPTY_TX_ROOT = BlockRoots.txRoot(List.of());

  private final Network network;
  private final EpochSets epochs;
  private final Consumer<Block> deliver;
  private final Consumer<Header> behind;
  private final Runnable onRebuilt;
  private final ChainCrypto crypto = new ChainCrypto();
  private final TurbineRelay turbine;

  /** Headers seen whose bodies are still arriving; network thread only. */
  private final WaitingHeaders waiting = new WaitingHeaders(MAX_WAITING, MAX_WAITING_PER_PROPOSER);

  /**
   * @param epochs each consensus epoch's validators: a header is checked against its own epoch's
   * @param first the epoch the node starts in (its stakes lay out the first Turbine trees)
   * @param behind told of a header of an epoch whose set this node does not know yet: it is epochs
   *     behind and must fetch the chain to learn the sets (the header is not forwarded)
   */
  BlockPropagation(
      Network network,
      EpochSets epochs,
      EpochView first,
      Consumer<Block> deliver,
      Consumer<Header> behind,
      Runnable onRebuilt) {
    this.network = network;
    this.behind = behind;
    this.onRebuilt = onRebuilt;
    this.epochs = epochs;
    this.deliver = deliver;
    this.turbine =
        new TurbineRelay(
            network,
            FANOUT,
            Shredder.DEFAULT_SHRED_SIZE,
            Shredder.DEFAULT_MAX_BLOCK,
            REPAIR_MS,
            this::onBody);
    epochStarted(first);
  }

  /**
   * A new consensus epoch: Turbine trees follow its stakes from now on (a block of the previous
   * epoch still in flight may then miss shreds; consensus fetches it whole).
   */
  void epochStarted(EpochView view) {
    List<StakedNode> table = new ArrayList<>();
    view.stakes().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> table.add(new StakedNode(new NodeId(e.getKey().key()), e.getValue())));
    turbine.setStakeTable(table);
  }

  /** Our own proposal: header on gossip, body down the Turbine trees. */
  void propose(Block block) {
    Block headerOnly = new Block(block.header(), List.of(), block.proposerSignature());
    if (!block.txs().isEmpty()) {
      try {
        turbine.broadcast(SHREDDER.shred(block.header().slot(), BlockRoots.payload(block.txs())));
      } catch (DaException e) {
        LOG.warning("proposal body cannot be shredded: " + e.getMessage());
      }
    }
    try {
      network.publish(Topic.HEADER, Block.CODEC.encode(headerOnly));
    } catch (NetworkException e) {
      LOG.fine("header publish failed: " + e.getMessage());
    }
  }

  /**
   * Gossip validation of a header message, in two steps: here (network thread) it must decode, name
   * a validator of its epoch and carry that validator's proposal signature under a certificate of
   * its cold key (else REJECT; a header of an epoch whose set this node does not know yet is
   * ignored, not blamed on the sender); then {@code eligibility} (consensus' VRF and rank rule
   * under that epoch's set, answered on the consensus thread) must not say the proposer could not
   * have won the slot (else IGNORE: a relay that could not yet tell is not at fault). Only then is
   * the header forwarded and its body awaited.
   */
  void validate(
      byte[] data,
      Function<Header, CompletableFuture<Consensus.Eligibility>> eligibility,
      Consumer<Validation> verdict) {
    Validation first = validate(data);
    if (first != Validation.ACCEPT) {
      verdict.accept(first);
      return;
    }
    Header h = decode(data).orElseThrow().header();
    eligibility
        .apply(h)
        .whenComplete(
            (e, error) ->
                verdict.accept(
                    error == null && e == Consensus.Eligibility.NOT_ELIGIBLE
                        ? Validation.IGNORE
                        : Validation.ACCEPT));
  }

  /** The synchronous part of {@link #validate(byte[], Function, Consumer)}. */
  Validation validate(byte[] data) {
    Optional<Block> b = decode(data);
    if (b.isEmpty()) {
      return Validation.REJECT;
    }
    Header h = b.get().header();
    Optional<EpochView> view = epochs.view(h.epoch());
    if (view.isEmpty()) {
      behind.accept(h);
      return Validation.IGNORE;
    }
    Optional<Validator> proposer = view.get().set().get(h.proposer());
    if (proposer.isEmpty()
        || !crypto.verifyProposal(
            proposer.get(),
            h.opCert(),
            h.kesPeriod(),
            Block.signingBytes(h.id()),
            b.get().proposerSignature())) {
      return Validation.REJECT;
    }
    return Validation.ACCEPT;
  }

  /**
   * A validated header (gossip delivers on the network thread, as Turbine does): deliver it at once
   * if its body is empty, else wait for the shreds.
   */
  void onHeader(Block header) {
    Header h = header.header();
    if (h.txRoot().equals(EMPTY_TX_ROOT)) {
      deliver.accept(header);
      return;
    }
    Optional<PeerId> leaderPeer = epochs.view(h.epoch()).flatMap(v -> v.peer(h.proposer()));
    if (leaderPeer.isEmpty()) {
      return;
    }
    PeerId leader = leaderPeer.get();
    for (Block dropped : waiting.add(header)) {
      turbine.forget(dropped.header().slot(), dropped.header().shredRoot().toArray());
    }
    turbine.expect(h.slot(), h.shredRoot().toArray(), leader);
  }

  /** Turbine rebuilt a body (network thread): join it with its header. */
  private void onBody(long slot, byte[] root, byte[] body) {
    Optional<Block> waited = waiting.take(slot, root);
    if (waited.isEmpty()) {
      return;
    }
    Block header = waited.get();
    try {
      Reader in = new Reader(body);
      List<Tx> txs = in.list("block body", 1_000_000, Tx.CODEC);
      in.expectEnd("block body");
      onRebuilt.run();
      deliver.accept(new Block(header.header(), txs, header.proposerSignature()));
    } catch (CodecException | IllegalArgumentException e) {
      // The shreds prove into the signed root, so the proposer signed a malformed body: consensus
      // will see no block and the round times out; nothing to deliver.
      LOG.warning("body of block " + header.id() + " does not decode: " + e.getMessage());
    }
  }

  private static Optional<Block> decode(byte[] data) {
    try {
      return Optional.of(Block.CODEC.decode(data));
    } catch (CodecException e) {
      return Optional.empty();
    }
  }
}
