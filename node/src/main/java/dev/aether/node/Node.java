package dev.aether.node;

import dev.aether.consensus.Action;
import dev.aether.consensus.Consensus;
import dev.aether.consensus.Event;
import dev.aether.consensus.LocalSigner;
import dev.aether.consensus.PayloadRequest;
import dev.aether.consensus.crypto.ChainCrypto;
import dev.aether.crypto.Ed25519;
import dev.aether.crypto.Ed25519PublicKey;
import dev.aether.crypto.Ed25519Signature;
import dev.aether.genesis.GenesisConfig;
import dev.aether.genesis.GenesisParser;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerConfig;
import dev.aether.ledger.RocksStateStore;
import dev.aether.mempool.Admission;
import dev.aether.mempool.Mempool;
import dev.aether.mempool.MempoolConfig;
import dev.aether.network.Network;
import dev.aether.network.NetworkConfig;
import dev.aether.network.NetworkException;
import dev.aether.network.NodeKey;
import dev.aether.network.PeerAddress;
import dev.aether.network.PeerId;
import dev.aether.network.Topic;
import dev.aether.network.Validation;
import dev.aether.node.keys.ValidatorKeys;
import dev.aether.programs.NativePrograms;
import dev.aether.rpc.RpcConfig;
import dev.aether.rpc.RpcServer;
import dev.aether.runtime.CongestionMarket;
import dev.aether.runtime.CongestionRule;
import dev.aether.runtime.ContractCalls;
import dev.aether.runtime.ParallelExecutor;
import dev.aether.types.Block;
import dev.aether.types.H256;
import dev.aether.types.Receipt;
import dev.aether.types.SetChange;
import dev.aether.types.Timeout;
import dev.aether.types.Tx;
import dev.aether.types.TxSignature;
import dev.aether.types.Vote;
import dev.aether.types.codec.CodecException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import java.util.logging.Logger;

/**
 * One Aether node: network → mempool → consensus → execution → ledger, with JSON-RPC and metrics on
 * top. {@link #start} wires it from a {@link NodeConfig}; {@link #close} stops it cleanly.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Node.class.getName());

  /** Direct-message channels (1-3 are Turbine's: {@link dev.aether.network.TurbineRelay}). */
  static final int FETCH_REQUEST = 16;

  static final int FETCH_RESPONSE = 17;

  /** State sync (see {@link StateSyncClient}). */
  static final int SNAPSHOTS_REQUEST = 18;

  static final int SNAPSHOT_OFFER = 19;
  static final int CHUNK_REQUEST = 20;
  static final int CHUNK_RESPONSE = 21;

  /**
   * The chain of validator-set changes (see {@link SetChangeSync}); 22 and 23 are {@link
   * RootMismatches}'.
   */
  static final int SET_CHANGES_REQUEST = 24;

  static final int SET_CHANGES_RESPONSE = 25;

  /** Transactions waiting for admission at most; gossip beyond it is dropped unjudged. */
  static final int ADMISSION_QUEUE = 20_000;

  /** Most blocks one fetch answer carries. */
  static final int FETCH_BATCH = 64;

  /**
   * Serves peers' block fetches, snapshot offers and state chunks off the network thread. Bounded:
   * when peers ask faster than it answers, further requests are dropped (they retry elsewhere).
   */
  private final java.util.concurrent.ExecutorService fetchServer =
      new java.util.concurrent.ThreadPoolExecutor(
          1,
          1,
          0,
          java.util.concurrent.TimeUnit.MILLISECONDS,
          new java.util.concurrent.ArrayBlockingQueue<>(1_024),
          Thread.ofPlatform().name("fetch-server").daemon().factory(),
          new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());

  private final NodeConfig config;
  private final GenesisConfig genesis;
  private final Block genesisBlock;
  private final RocksStateStore store;
  private final Snapshots snapshots;
  private final Chain chain;
  private final Mempool mempool;
  private final TxAdmission admission;
  private final ParallelExecutor executor;
  private final NodeMetrics metrics = new NodeMetrics();
  private final Network network;
  private final ConsensusLoop loop;
  private final EvidenceReporter evidence;
  private final SetChangeLog setChanges;
  private final Ledger ledger;

  /** The local signer, kept for the devnet-only double-signing switch ({@link #twin}). */
  private final Optional<LocalSigner> signer;

  private final java.util.concurrent.ExecutorService evidenceWorker =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("evidence").daemon().factory());
  private final BlockPropagation propagation;
  private final Optional<RpcServer> rpc;
  private final Optional<dev.aether.rpc.BlockStreamServer> blockStream;

  /** Each consensus epoch's validators: the staking program's record in final state. */
  private final EpochSets epochs;

  /** The consensus epoch the node is in, with its validators' peers (for fetches). */
  private volatile EpochView currentEpoch;

  /** The validator's hot KES key keeper, when this node has a key file. */
  private final Optional<KesKeeper> kesKeeper;

  private final java.util.concurrent.ScheduledExecutorService kesTimer =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("kes-keeper").daemon().factory());

  private final FeeOracle fees;
  private final VoteGossip votes;

  /** Fetches go to the named validator of the current epoch when connected, else rotate. */
  private final BlockFetch blockFetch =
      new BlockFetch(
          index -> {
            EpochView view = currentEpoch;
            return view == null ? null : view.peer(index).orElse(null);
          });

  /** The round consensus is in (consensus thread writes, gossip validation reads). */
  private volatile long currentRound;

  /** When each block was first seen (network thread) until it is final (consensus thread). */
  private final Map<H256, Long> seenAt = new java.util.concurrent.ConcurrentHashMap<>();

  /** Block id first proposed in each recent round, to count forks (competing proposals). */
  private final java.util.concurrent.ConcurrentSkipListMap<Long, H256> proposalByRound =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  private final List<LongConsumer> finalizedListeners = new CopyOnWriteArrayList<>();
  private final long genesisTimeMs;
  private volatile long finalizedHeight;

  /** Highest block height seen in a validly signed header or a fetched block. */
  private final java.util.concurrent.atomic.AtomicLong highestSeen =
      new java.util.concurrent.atomic.AtomicLong();

  /** The committed height this process started from (after any state sync). */
  private final long startingHeight;

  /** How far the highest seen height may run ahead of the final one before we are "syncing". */
  static final long SYNCED_LAG = 8;

  private Node(NodeConfig config) throws IOException, NetworkException {
    this.config = config;
    this.genesis = GenesisParser.parse(config.genesis());
    this.genesisBlock = NodeGenesis.block(genesis);
    this.genesisTimeMs = config.genesisTimeMs();
    refuseTestSwitchesOffDevnet(config, genesis);
    Files.createDirectories(config.dataDir());
    Optional<ValidatorKeys> keys =
        config.keyFile().isPresent()
            ? Optional.of(ValidatorKeys.read(config.keyFile().get()))
            : Optional.empty();

    // The network comes up first: a node far behind state-syncs from its peers before it opens
    // its store and starts consensus.
    NodeKey nodeKey =
        keys.map(k -> NodeKey.fromSeed(k.node().seed()))
            .orElseGet(() -> NodeKey.generate(new java.security.SecureRandom()));
    List<PeerAddress> boot = new ArrayList<>();
    for (String b : config.bootnodes()) {
      PeerAddress a = PeerAddress.parse(b);
      if (!a.id().equals(nodeKey.id())) {
        boot.add(a);
      }
    }
    NetworkConfig net =
        NetworkConfig.local(nodeKey, boot)
            .withPort(config.p2pListen().getPort())
            .withSeed(nodeKey.id().hashCode())
            .withInjectedDelay(config.injectedOneWayDelay());
    if (config.injectRttMs() > 0) {
      LOG.warning("[p2p].inject_rtt_ms = " + config.injectRttMs() + ": test/devnet latency on");
    }
    this.network = Network.start(net);
    // Before the ledger is open (a node may state-sync first) only genesis' sets are known.
    EpochSets genesisSets = EpochSets.genesis(genesis);
    this.currentEpoch =
        genesisSets
            .view(0)
            .orElseThrow(() -> new IllegalStateException("genesis records no validator set"));
    Map<PeerId, Long> stakes = currentEpoch.stakes();
    network.setStakes(stakes);
    this.snapshots = new Snapshots(config.dataDir(), config.sync().snapshotInterval());
    // Registered before this node's own bootstrap, so validators starting together answer each
    // other's snapshot requests at once.
    SnapshotServer.attach(network, snapshots, fetchServer);
    this.setChanges = new SetChangeLog(config.dataDir(), genesis.chain().epochSlots());
    java.util.concurrent.BlockingQueue<SetChangeSync.Answer> setChangeAnswers =
        new java.util.concurrent.LinkedBlockingQueue<>(64);
    serveSetChanges(setChangeAnswers);
    // A node about to state-sync first learns, from genesis on, the validator sets since: the
    // snapshot's checkpoint is checked against its own epoch's set (ADR 0003).
    List<SetChange> links = List.of();
    boolean othersExist = stakes.keySet().stream().anyMatch(p -> !p.equals(network.id()));
    if (config.sync().stateSync() && othersExist) {
      try {
        links =
            SetChangeSync.fetch(
                network,
                genesisSets,
                NodeGenesis.params(genesis),
                new ChainCrypto(),
                setChangeAnswers,
                System::currentTimeMillis,
                config.sync().discoveryMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    EpochSets bootSets = SetChangeSync.withLinks(genesisSets, links, NodeGenesis.params(genesis));
    Map<PeerId, Long> syncStakes =
        bootSets.view(links.size() + 1).map(EpochView::stakes).orElse(stakes);
    dev.aether.consensus.ConsensusConfig chainConfig =
        NodeGenesis.consensus(genesis, genesisBlock, bootSets.source());
    Optional<dev.aether.consensus.Checkpoint> synced =
        Bootstrap.stateSyncIfFarBehind(
            config, network, syncStakes, chainConfig, genesisBlock.id(), snapshots);
    if (synced.isPresent()) {
      for (SetChange c : links) {
        setChanges.add(c);
      }
    }

    this.store = RocksStateStore.open(config.dataDir().resolve("state"));
    NodeGenesis.load(store, genesis);
    // Local fee markets: the congestion table is part of the state; the ledger prices each block
    // from its parent's table and writes the next one into the block's state.
    LedgerConfig base =
        LedgerConfig.fromGenesis(genesis).withSupportedProtocol(supportedProtocol(genesis));
    this.executor = new ParallelExecutor();
    // Native programs (bank, staking) then contracts, under the genesis [limits]; the contract
    // engine is this node's choice (same results either way); staking's epoch work at block end.
    ContractCalls calls = NativePrograms.calls(genesis, base.fees(), contractEngine());
    Ledger ledger =
        new Ledger(
            store,
            base,
            new dev.aether.ledger.ChainEd25519Verifier(),
            calls,
            executor,
            new CongestionMarket(CongestionRule.DEFAULT),
            NativePrograms.endBlock());
    this.epochs = EpochSets.recordedIn(ledger::state);
    this.ledger = ledger;
    warmUp(base, genesis.chain().epochSlots());
    this.mempool = new Mempool(MempoolConfig.defaults(), this::verifyTx);
    this.chain = new Chain(ledger, mempool, genesis);
    chain.onUnsupportedProtocol(this::halt);
    var f = genesis.fees();
    this.fees =
        new FeeOracle(
            ledger,
            new dev.aether.ledger.LinearFeeSchedule(f.a(), f.b(), f.c(), f.d()),
            this::currentSlot,
            calls);
    this.admission =
        new TxAdmission(
            mempool,
            () -> chain.poolView(currentSlot()),
            ADMISSION_QUEUE,
            metrics.sigsVerified::inc);
    this.finalizedHeight = chain.head().height();
    this.startingHeight = finalizedHeight;

    // A key file makes this node a validator whenever its cold key is in an epoch's set:
    // consensus looks itself up in every epoch (a new validator starts at its first epoch).
    this.kesKeeper =
        keys.map(
            k ->
                new KesKeeper(config.keyFile().get(), k, left -> metrics.kesPeriodsLeft.set(left)));
    this.signer =
        keys.map(
            k ->
                ChainCrypto.signer(
                    k.coldPublicKey(), k.bls(), k.vrf(), kesKeeper.orElseThrow().hot()));
    if (keys.isEmpty()) {
      LOG.info("no key file: running as full node (follows and serves the chain, never votes)");
    }
    this.evidence =
        new EvidenceReporter(
            keys.flatMap(ValidatorKeys::cold),
            genesis.chain().chainId(),
            genesis.chain().epochSlots(),
            this::currentSlot,
            payer ->
                mempool.nextNonce(
                    payer,
                    chain
                        .poolView(currentSlot())
                        .account(payer)
                        .map(dev.aether.mempool.PoolView.Account::nonce)
                        .orElse(0L)),
            this::submit,
            evidenceWorker);
    dev.aether.consensus.Checkpoint root =
        synced.or(() -> Bootstrap.resumePoint(snapshots, ledger)).orElse(chainConfig.root());
    if (root.height() > 0) {
      LOG.info("consensus resumes at height " + root.height() + " (" + root.id() + ")");
    }
    VerifiedSignatures crypto = new VerifiedSignatures(new ChainCrypto());
    this.votes =
        new VoteGossip(
            (epoch, index) -> epochs.view(epoch).flatMap(v -> v.set().get(index)),
            () -> currentRound,
            crypto,
            this::nowMs);
    Consensus consensus =
        new Consensus(
            NodeGenesis.consensus(genesis, genesisBlock, epochs.source()).withRoot(root),
            crypto,
            signer,
            new SafetyStore(config.dataDir()).load());
    SafetyStore safety = new SafetyStore(config.dataDir());
    this.loop =
        new ConsensusLoop(
            ConsensusLoop.Machine.of(consensus), new Effects(safety), this::nowMs, this::halt);
    this.propagation =
        new BlockPropagation(
            network,
            epochs,
            currentEpoch,
            b -> loop.submit(now -> new Event.ProposalReceived(b, now)),
            this::behind,
            metrics.blockBodiesRebuilt::inc);
    subscribe();
    RootMismatches mismatches =
        new RootMismatches(
            network, i -> currentEpoch.peer(i).orElse(null), chain::digestOf, fetchServer, metrics);
    mismatches.attach();
    chain.onMismatch(mismatches::mismatch);

    if (config.metricsListen().isPresent()) {
      metrics.serve(config.metricsListen().get());
    }
    NodeBackend backend = new NodeBackend(this);
    this.blockStream = startStream(config, backend);
    this.rpc =
        config
            .rpcListen()
            .map(
                a ->
                    RpcServer.start(
                        backend,
                        new RpcConfig(
                            a.getHostString(),
                            a.getPort(),
                            RpcConfig.DEFAULT_MAX_REQUEST_BYTES,
                            100,
                            config.rpcRatePerSecond(),
                            Math.max(1, 2 * config.rpcRatePerSecond()))));
  }

  /**
   * Test switches that make a validator misbehave run only on a devnet's genesis ({@code
   * [devnet].faucet = true}) and with a key file; anywhere else the node refuses to start, before
   * it opens a socket or a file.
   */
  static void refuseTestSwitchesOffDevnet(NodeConfig config, GenesisConfig genesis) {
    if (!config.testDoubleSign()) {
      return;
    }
    if (!genesis.devnet().faucet() || config.keyFile().isEmpty()) {
      throw new NodeConfig.ConfigException(
          "[testing].double_sign is refused: it needs a devnet genesis ([devnet].faucet = true)"
              + " and a key file");
    }
    LOG.severe(
        "[testing].double_sign = true: this validator signs two proposals per round and WILL BE"
            + " SLASHED (devnet test switch)");
  }

  /**
   * The highest protocol version this node executes: {@link
   * dev.aether.ledger.ChainParams#PROTOCOL_VERSION}, or — devnet only, to rehearse an upgrade with
   * an "old binary" — the lower version {@code -Daether.protocol.max=N} names. Refused unless the
   * genesis is a devnet's ({@code [devnet].faucet = true}).
   */
  static int supportedProtocol(GenesisConfig genesis) {
    String v = System.getProperty("aether.protocol.max");
    if (v == null) {
      return dev.aether.ledger.ChainParams.PROTOCOL_VERSION;
    }
    if (!genesis.devnet().faucet()) {
      throw new IllegalArgumentException(
          "aether.protocol.max is for devnets only ([devnet].faucet = true in the genesis)");
    }
    int n;
    try {
      n = Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("aether.protocol.max must be a number, got '" + v + "'");
    }
    if (n < 1 || n > dev.aether.ledger.ChainParams.PROTOCOL_VERSION) {
      throw new IllegalArgumentException(
          "aether.protocol.max must be 1.." + dev.aether.ledger.ChainParams.PROTOCOL_VERSION);
    }
    LOG.warning("devnet: this node claims protocol versions up to " + n + " only");
    return n;
  }

  /**
   * Why this node stopped itself and the exit status {@code aether-node} reports it with: {@link
   * NodeMain#HALTED} for a protocol upgrade it does not implement, 1 for a fail-stop.
   */
  public record Halt(String message, int exitStatus) {}

  private final java.util.concurrent.CompletableFuture<Halt> halted =
      new java.util.concurrent.CompletableFuture<>();

  /**
   * The chain reached a protocol version this binary does not implement: stop taking part. The one
   * line saying which version to run completes {@link #halted()}; {@link NodeMain} prints it and
   * exits.
   */
  private void halt(dev.aether.ledger.LedgerError.UnsupportedProtocol u) {
    if (halted.complete(new Halt("halted: " + u.message(), NodeMain.HALTED))) {
      LOG.severe("halted: " + u.message());
    }
  }

  /**
   * Completes when this node stopped itself: the chain moved to a protocol it cannot run, or it
   * could not go on safely (fail-stop, see {@link ConsensusLoop}).
   */
  public java.util.concurrent.CompletableFuture<Halt> halted() {
    return halted;
  }

  /**
   * Which engine runs contracts here: {@code -Daether.wasm.engine=tiered} (default: interpreted
   * until hot, then compiled in the background), {@code interpreter} or {@code compiler}. Receipts
   * are the same whichever (docs/runtime.md, "Engines").
   */
  static dev.aether.runtime.wasm.WasmContracts.Mode contractEngine() {
    String v = System.getProperty("aether.wasm.engine", "tiered");
    try {
      return dev.aether.runtime.wasm.WasmContracts.Mode.valueOf(
          v.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "aether.wasm.engine must be tiered, interpreter or compiler, got '" + v + "'");
    }
  }

  /** {@link Warmup}, best effort: if it fails, only the first blocks are slower. */
  private void warmUp(LedgerConfig base, long epochSlots) {
    long started = System.nanoTime();
    try {
      Warmup.run(base, ContractCalls.genesis(base.fees(), epochSlots), executor, 256, 4);
      LOG.info("warmed up in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    } catch (RuntimeException e) {
      LOG.warning("warm-up failed: " + e);
    }
  }

  private static Optional<dev.aether.rpc.BlockStreamServer> startStream(
      NodeConfig config, NodeBackend backend) {
    return config
        .grpcListen()
        .map(a -> dev.aether.rpc.BlockStreamServer.start(backend, a.getHostString(), a.getPort()));
  }

  /** Opens the data directory, joins the network and starts consensus. */
  public static Node start(NodeConfig config) throws IOException, NetworkException {
    Node n = new Node(config);
    n.kesKeeper.ifPresent(
        k -> {
          n.kesTick(k);
          long every = n.genesis.chain().slotMs();
          n.kesTimer.scheduleAtFixedRate(
              () -> n.kesTick(k), every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        });
    n.loop.start();
    return n;
  }

  /** Evolves the hot KES key to the current period, picks up rotations, warns near expiry. */
  private void kesTick(KesKeeper k) {
    try {
      k.tick(NodeGenesis.params(genesis).kesPeriodOf(currentSlot()));
    } catch (RuntimeException e) {
      LOG.log(java.util.logging.Level.SEVERE, "KES key maintenance failed", e);
    }
  }

  long nowMs() {
    return System.currentTimeMillis() - genesisTimeMs;
  }

  // ---------------------------------------------------------------- network in

  private void subscribe() {
    // Admission (state reads, signatures) runs on the admission worker, not the network thread.
    network.subscribeAsync(
        Topic.TX,
        (from, data, verdict) -> {
          Optional<java.util.concurrent.CompletableFuture<Admission>> queued =
              admission.offer(data);
          if (queued.isEmpty()) {
            verdict.accept(Validation.IGNORE); // overloaded: drop without blaming the sender
            return;
          }
          queued
              .get()
              .whenComplete(
                  (a, error) -> {
                    metrics.mempoolDepth.set(mempool.size());
                    verdict.accept(error != null ? Validation.IGNORE : gossipVerdict(a));
                  });
        },
        (topic, data, from) -> {});
    network.subscribeAsync(
        Topic.HEADER,
        (from, data, verdict) ->
            propagation.validate(data, h -> loop.ask(m -> m.eligibility(h)), verdict),
        (topic, data, from) -> {
          decode(data, Block.CODEC)
              .ifPresent(
                  b -> {
                    seenAt.putIfAbsent(b.id(), System.nanoTime());
                    H256 first = proposalByRound.putIfAbsent(b.header().round(), b.id());
                    if (first != null && !first.equals(b.id())) {
                      metrics.forks.inc();
                    }
                    while (proposalByRound.size() > 1_000) {
                      proposalByRound.pollFirstEntry();
                    }
                    highestSeen.accumulateAndGet(b.header().height(), Math::max);
                    propagation.onHeader(b);
                  });
        });
    network.subscribe(
        Topic.VOTE,
        (from, data) -> votes.validate(data),
        (topic, data, from) -> onVote(from, data));
    network.onDirect(
        FETCH_REQUEST,
        (from, data) -> {
          if (data.length != 32) {
            network.penalize(from, 1.0);
            return;
          }
          if (!blockFetch.mayServe(from, System.currentTimeMillis())) {
            return; // over its budget: unanswered (an honest node asks once per batch)
          }
          H256 id = H256.of(data);
          // Served off the network thread: it reads the ledger and may wait for consensus.
          fetchServer.execute(() -> serveFetch(from, id));
        });
    network.onDirect(
        FETCH_RESPONSE,
        (from, data) -> {
          if (!blockFetch.answerWelcome(from, System.currentTimeMillis())) {
            network.penalize(from, 0.25); // blocks nobody asked it for
            return;
          }
          decode(data, Block.CODEC)
              .ifPresent(b -> loop.submit(now -> new Event.ProposalReceived(b, now), blame(from)));
        });
  }

  /** Answers peers' requests for set-change links; queues answers to this node's requests. */
  private void serveSetChanges(java.util.concurrent.BlockingQueue<SetChangeSync.Answer> answers) {
    network.onDirect(
        SET_CHANGES_REQUEST,
        (from, data) -> {
          long start;
          try {
            start = SetChangeSync.decodeRequest(data);
          } catch (CodecException e) {
            network.penalize(from, 1.0);
            return;
          }
          fetchServer.execute(
              () ->
                  sendQuietly(
                      from,
                      SET_CHANGES_RESPONSE,
                      SetChangeSync.encodeResponse(setChanges.from(start, SetChangeSync.BATCH))));
        });
    network.onDirect(
        SET_CHANGES_RESPONSE,
        (from, data) -> {
          try {
            answers.offer(new SetChangeSync.Answer(from, SetChangeSync.decodeResponse(data)));
          } catch (CodecException | IllegalArgumentException e) {
            network.penalize(from, 1.0);
          }
        });
  }

  /** When this node last asked peers for the chain behind a header it could not check. */
  private final java.util.concurrent.atomic.AtomicLong behindAskedAt =
      new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE / 2);

  /**
   * A header of an epoch whose set this node does not know: it is epochs behind (restarted after a
   * while, or state sync was not possible). Asks peers for the header's parent — a committed block
   * comes with 63 ancestors — so consensus can walk the chain and learn each epoch's set. At most
   * once a slot.
   */
  private void behind(dev.aether.types.Header h) {
    long now = System.currentTimeMillis();
    long last = behindAskedAt.get();
    if (now - last < genesis.chain().slotMs() || !behindAskedAt.compareAndSet(last, now)) {
      return;
    }
    for (PeerId p : network.connectedPeers()) {
      sendQuietly(p, FETCH_REQUEST, h.parent().toArray());
    }
  }

  /** Whether this validator proposed {@code b} (its index in the set of {@code b}'s epoch). */
  private boolean proposedByMe(Block b) {
    if (signer.isEmpty()) {
      return false;
    }
    dev.aether.types.Bytes me = signer.get().coldKey();
    return epochs
        .view(b.header().epoch())
        .map(v -> v.set().indexOf(me))
        .map(i -> i.isPresent() && i.getAsInt() == b.header().proposer())
        .orElse(false);
  }

  /** The gossip verdict on an admission: already-known is not the sender's fault, the rest is. */
  private static Validation gossipVerdict(Admission a) {
    return switch (a) {
      case Admission.Admitted ok -> Validation.ACCEPT;
      case Admission.Rejected r when r.reason() == dev.aether.mempool.Rejection.ALREADY_KNOWN ->
          Validation.IGNORE;
      case Admission.Rejected r
          when r.reason() == dev.aether.mempool.Rejection.MALFORMED
              || r.reason() == dev.aether.mempool.Rejection.BAD_SIGNATURE ->
          Validation.REJECT;
      case Admission.Rejected r -> Validation.IGNORE;
    };
  }

  /**
   * Answers a request for block {@code id}. For a committed block the answer also carries up to
   * {@link #FETCH_BATCH} of its ancestors, oldest first: a node catching up (restarted, or with an
   * empty data directory) walks back one request per batch instead of one per block.
   */
  private void serveFetch(PeerId from, H256 id) {
    List<Block> blocks = chain.committedWithAncestors(id, FETCH_BATCH);
    if (blocks.isEmpty()) {
      loop.query(c -> c.block(id)).ifPresent(b -> blocks.add(b));
    }
    for (Block b : blocks) {
      sendQuietly(from, FETCH_RESPONSE, Block.CODEC.encode(b));
    }
  }

  /** A vote-topic message that passed {@link VoteGossip#validate}. */
  private void onVote(PeerId from, byte[] data) {
    byte[] body = VoteGossip.body(data);
    var blame = blame(from);
    switch (VoteGossip.tag(data)) {
      case VoteGossip.VOTE ->
          decode(body, Vote.CODEC)
              .ifPresent(v -> loop.submit(now -> new Event.VoteReceived(v, now), blame));
      case VoteGossip.EVIDENCE ->
          decode(body, dev.aether.consensus.Evidence.CODEC)
              .ifPresent(e -> loop.submit(now -> new Event.EvidenceReceived(e, now), blame));
      default ->
          decode(body, Timeout.CODEC)
              .ifPresent(t -> loop.submit(now -> new Event.TimeoutReceived(t, now), blame));
    }
  }

  /**
   * Peer scoring for what consensus refuses: forged signatures and certificates cost as much as an
   * invalid gossip message; a proposal that is malformed or not the slot's leader's costs less (a
   * peer may relay one before it can tell); stale or mismatching input costs nothing.
   */
  private java.util.function.Consumer<dev.aether.consensus.ConsensusError> blame(PeerId from) {
    return error -> {
      double penalty = penaltyFor(error);
      if (penalty > 0) {
        metrics.consensusRejected.inc();
        network.penalize(from, penalty);
      }
    };
  }

  static double penaltyFor(dev.aether.consensus.ConsensusError error) {
    return switch (error) {
      case dev.aether.consensus.ConsensusError.BadSignature b -> 1.0;
      case dev.aether.consensus.ConsensusError.BadCertificate b -> 1.0;
      case dev.aether.consensus.ConsensusError.UnknownValidator u -> 1.0;
      case dev.aether.consensus.ConsensusError.MalformedProposal m -> 0.25;
      case dev.aether.consensus.ConsensusError.NotLeader n -> 0.25;
      // A timeout whose round its own QC/TC does not justify: forged by its signer, but a peer
      // may relay one before consensus judges it (the vote topic checks only the signature).
      case dev.aether.consensus.ConsensusError.MalformedTimeout m -> 0.25;
      case dev.aether.consensus.ConsensusError.Stale st -> 0.0;
      case dev.aether.consensus.ConsensusError.ExecutionMismatch x -> 0.0;
      // Signed by its proposer with a certificate the chain has superseded (an old hot key): the
      // signer's fault, but a relay cannot tell before consensus has the chain it extends.
      case dev.aether.consensus.ConsensusError.StaleOpCert s -> 0.25;
      // An epoch that does not fit where it appears: around an epoch switch, honest peers ahead
      // of or behind this node send such messages; not a fault.
      case dev.aether.consensus.ConsensusError.WrongEpoch w -> 0.0;
    };
  }

  /**
   * Fail-stop (see {@link ConsensusLoop}): consensus has stopped itself; whoever waits on {@link
   * #halted()} hears why (off the consensus thread, which closing the node waits for).
   */
  private void halt(String why, Throwable cause) {
    metrics.halted.set(1);
    Thread.ofPlatform()
        .name("halt")
        .start(
            () ->
                halted.complete(
                    new Halt("error: halted (fail-stop): " + why + " (" + cause + ")", 1)));
  }

  private static <T> Optional<T> decode(byte[] data, dev.aether.types.codec.Codec<T> codec) {
    try {
      return Optional.of(codec.decode(data));
    } catch (CodecException e) {
      return Optional.empty();
    }
  }

  private void sendQuietly(PeerId peer, int channel, byte[] data) {
    try {
      network.sendDirect(peer, channel, data);
    } catch (NetworkException e) {
      LOG.fine("send to " + peer + " failed: " + e.getMessage());
    }
  }

  private void publish(Topic topic, byte[] data) {
    try {
      network.publish(topic, data);
    } catch (NetworkException e) {
      LOG.fine("publish on " + topic + " failed: " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------- transactions

  /**
   * Admission for RPC submissions, batched with gossip on the admission worker (on the caller's
   * thread when its queue is full); admitted transactions are gossiped.
   */
  Admission submit(byte[] raw) {
    Admission a =
        admission
            .offer(raw)
            .map(java.util.concurrent.CompletableFuture::join)
            .orElseGet(() -> mempool.admit(raw, chain.poolView(currentSlot())));
    metrics.mempoolDepth.set(mempool.size());
    if (a instanceof Admission.Admitted) {
      publish(Topic.TX, raw);
    } else {
      metrics.txsRejected.inc();
    }
    return a;
  }

  long currentSlot() {
    return Math.max(0, nowMs()) / genesis.chain().slotMs();
  }

  private boolean verifyTx(Tx tx) {
    List<dev.aether.crypto.Verifier.Signed> items = new ArrayList<>();
    byte[] msg = tx.id().toArray();
    for (TxSignature s : tx.signatures()) {
      items.add(
          new dev.aether.crypto.Verifier.Signed(
              new Ed25519PublicKey(s.publicKey().toArray()),
              msg,
              new Ed25519Signature(s.signature().toArray())));
    }
    metrics.sigsVerified.inc(items.size());
    return items.isEmpty() || Ed25519.VERIFIER.verifyBatch(items);
  }

  // ---------------------------------------------------------------- consensus effects

  private final class Effects implements ConsensusLoop.Effects {
    private final SafetyStore safety;

    Effects(SafetyStore safety) {
      this.safety = safety;
    }

    @Override
    public void persistSafety(dev.aether.consensus.SafetyState state) {
      safety.save(state);
    }

    @Override
    public void broadcast(Action action) {
      switch (action) {
        case Action.BroadcastProposal p -> {
          chain.proposed(p.block());
          seenAt.putIfAbsent(p.block().id(), System.nanoTime());
          propagation.propose(p.block());
          if (config.testDoubleSign()) {
            twin(p.block()).ifPresent(propagation::propose);
          }
        }
        case Action.BroadcastVote v ->
            publish(Topic.VOTE, votes.frame(VoteGossip.VOTE, Vote.CODEC.encode(v.vote())));
        case Action.BroadcastTimeout t -> {
          metrics.timeouts.inc();
          publish(Topic.VOTE, votes.frame(VoteGossip.TIMEOUT, Timeout.CODEC.encode(t.timeout())));
        }
        case Action.EvidenceFound e -> {
          // Everyone learns of an equivocator, so nobody keeps voting for its proposals; and the
          // staking program gets it as a transaction, so the offender is slashed.
          publish(
              Topic.VOTE,
              votes.frame(
                  VoteGossip.EVIDENCE, dev.aether.consensus.Evidence.CODEC.encode(e.evidence())));
          evidence.found(e.evidence());
        }
        default -> {}
      }
    }

    @Override
    public java.util.function.LongFunction<Event> execute(Block block) {
      Optional<Chain.Roots> roots = chain.check(block);
      return roots
          .<java.util.function.LongFunction<Event>>map(
              r -> now -> new Event.BlockExecuted(block.id(), r.stateRoot(), r.receiptsRoot(), now))
          .orElse(now -> new Event.BlockInvalid(block.id(), now));
    }

    @Override
    public Optional<java.util.function.LongFunction<Event>> payload(PayloadRequest request) {
      Optional<Chain.Payload> p = chain.build(request);
      p.ifPresent(x -> metrics.payloadTxsDropped.inc(x.droppedInvalid()));
      return p.map(
          x ->
              now ->
                  new Event.PayloadReady(
                      request,
                      x.txs(),
                      x.txRoot(),
                      x.executed().stateRoot(),
                      x.executed().receiptsRoot(),
                      x.shredRoot(),
                      now));
    }

    @Override
    public void commit(Block block, Optional<dev.aether.consensus.Checkpoint> checkpoint) {
      List<Receipt> receipts = chain.commit(block);
      try {
        setChanges.committed(block, ledger);
      } catch (RuntimeException e) {
        LOG.warning("set-change log: " + e);
      }
      checkpoint.ifPresent(cp -> snapshots.committed(cp, store));
      long h = block.header().height();
      finalizedHeight = Math.max(finalizedHeight, h);
      metrics.finalizedHeight.set(finalizedHeight);
      metrics.blocksFinalized.inc();
      if (proposedByMe(block)) {
        metrics.blocksProposedFinal.inc();
      }
      metrics.txsFinalized.inc(block.txs().size());
      metrics.mempoolDepth.set(mempool.size());
      Long seen = seenAt.remove(block.id());
      if (seen != null) {
        metrics.finalityLatency.observe((System.nanoTime() - seen) / 1e9);
      }
      if (seenAt.size() > 10_000) {
        seenAt.clear(); // blocks of abandoned forks never become final
      }
      for (LongConsumer l : finalizedListeners) {
        l.accept(finalizedHeight);
      }
      if (!receipts.isEmpty()) {
        LOG.fine("committed " + h + " with " + receipts.size() + " txs");
      }
    }

    @Override
    public void epochStarted(long epoch) {
      Optional<EpochView> view = epochs.view(epoch);
      if (view.isEmpty()) {
        return; // consensus had the set, so the view cannot be missing; defensive
      }
      currentEpoch = view.get();
      metrics.epoch.set(epoch);
      // Connection slots and gossip quotas for this epoch's validators and, when already known,
      // the next epoch's (so joining validators are connected before they start).
      Map<PeerId, Long> stakes = new HashMap<>(view.get().stakes());
      epochs.view(epoch + 1).ifPresent(next -> next.stakes().forEach(stakes::putIfAbsent));
      network.setStakes(stakes);
      propagation.epochStarted(view.get());
      LOG.info(
          "consensus epoch "
              + epoch
              + " started: "
              + view.get().set().size()
              + " validators, total weight "
              + view.get().set().totalStake());
    }

    @Override
    public void fetch(H256 blockId, int from) {
      // One peer at a time: consensus re-addresses the request if no answer comes.
      blockFetch
          .ask(from, network.connectedPeers(), System.currentTimeMillis())
          .ifPresent(peer -> sendQuietly(peer, FETCH_REQUEST, blockId.toArray()));
    }

    @Override
    public void observe(Action action) {
      metrics.peers.set(network.connectedPeers().size());
      metrics.slot.set(currentSlot());
      metrics.gossipFanout.set(network.mesh(Topic.VOTE).size());
    }

    @Override
    public void round(long round) {
      currentRound = round;
      metrics.round.set(round);
    }
  }

  // ---------------------------------------------------------------- queries for RPC

  FeeOracle fees() {
    return fees;
  }

  Chain chain() {
    return chain;
  }

  /** This node's chain of validator-set changes (served to light clients and syncing nodes). */
  SetChangeLog setChanges() {
    return setChanges;
  }

  GenesisConfig genesis() {
    return genesis;
  }

  /** The checkpoint of the last block this node committed (its QC certifies the head). */
  Optional<dev.aether.consensus.Checkpoint> latestCheckpoint() {
    return snapshots.latestOwn();
  }

  long finalizedHeight() {
    return finalizedHeight;
  }

  long highestSeenHeight() {
    return highestSeen.get();
  }

  long startingHeight() {
    return startingHeight;
  }

  Runnable onFinalized(LongConsumer l) {
    finalizedListeners.add(l);
    return () -> finalizedListeners.remove(l);
  }

  public Optional<java.net.InetSocketAddress> rpcAddress() {
    return rpc.map(RpcServer::address);
  }

  public NodeMetrics metrics() {
    return metrics;
  }

  public String name() {
    return config.name();
  }

  /**
   * DEVNET TEST SWITCH ({@code [testing].double_sign}): a second, different header for the same
   * round, validly signed by this validator's hot key — an equivocation every peer can prove. Its
   * body is empty while its roots are not, so no honest validator executes it to a vote.
   */
  private Optional<Block> twin(Block b) {
    dev.aether.types.Header h = b.header();
    H256 other = dev.aether.types.Hashing.tagged("aether/test/twin", h.stateRoot().toArray());
    dev.aether.types.Header t =
        new dev.aether.types.Header(
            h.epoch(),
            h.height(),
            h.slot(),
            h.round(),
            h.parent(),
            h.proposer(),
            h.vrfProof(),
            h.kesPeriod(),
            h.opCert(),
            BlockRoots.txRoot(List.of()),
            other,
            h.receiptsRoot(),
            BlockRoots.shredRoot(h.slot(), List.of()),
            h.parentQc(),
            h.timeoutCert());
    try {
      return Optional.of(
          new Block(
              t,
              List.of(),
              signer
                  .orElseThrow()
                  .signProposal(h.opCert(), h.kesPeriod(), Block.signingBytes(t.id()))));
    } catch (RuntimeException e) {
      LOG.warning("double-sign test switch could not sign a twin: " + e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    kesTimer.shutdownNow();
    evidenceWorker.shutdownNow();
    loop.close();
    fetchServer.shutdownNow();
    admission.close();
    rpc.ifPresent(RpcServer::close);
    blockStream.ifPresent(dev.aether.rpc.BlockStreamServer::close);
    fees.close();
    network.close();
    metrics.close();
    synchronized (chain) {
      executor.close();
      snapshots.close();
      store.close();
    }
  }
}
