package dev.aether.node;

import dev.aether.consensus.Consensus;
import dev.aether.consensus.Event;
import dev.aether.consensus.LocalSigner;
import dev.aether.consensus.crypto.ChainCrypto;
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
import dev.aether.node.keys.ValidatorKeys;
import dev.aether.programs.NativePrograms;
import dev.aether.rpc.RpcConfig;
import dev.aether.rpc.RpcServer;
import dev.aether.runtime.CongestionMarket;
import dev.aether.runtime.CongestionRule;
import dev.aether.runtime.ContractCalls;
import dev.aether.runtime.ParallelExecutor;
import dev.aether.types.Block;
import dev.aether.types.SetChange;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /** The local signer (none on a full node). */
  private final Optional<LocalSigner> signer;

  private final java.util.concurrent.ExecutorService evidenceWorker =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("evidence").daemon().factory());
  private final BlockPropagation propagation;
  private final Optional<RpcServer> rpc;
  private final Optional<dev.aether.rpc.BlockStreamServer> blockStream;

  /** Each consensus epoch's validators: the staking program's record in final state. */
  private final EpochSets epochs;

  /** The validator's hot KES key keeper, when this node has a key file. */
  private final Optional<KesKeeper> kesKeeper;

  private final java.util.concurrent.ScheduledExecutorService kesTimer =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("kes-keeper").daemon().factory());

  private final FeeOracle fees;
  private final VoteGossip votes;

  /** Where the chain is, as the node's threads share it. */
  private final NodeState state;

  private final Wire wire;
  private final TxIntake intake;

  /** Fetches go to the named validator of the current epoch when connected, else rotate. */
  private final BlockFetch blockFetch;

  private final long genesisTimeMs;

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
    this.wire = new Wire(network);
    // Before the ledger is open (a node may state-sync first) only genesis' sets are known.
    EpochSets genesisSets = EpochSets.genesis(genesis);
    this.state =
        new NodeState(
            genesisSets
                .view(0)
                .orElseThrow(() -> new IllegalStateException("genesis records no validator set")));
    this.blockFetch =
        new BlockFetch(
            index -> {
              EpochView view = state.epoch;
              return view == null ? null : view.peer(index).orElse(null);
            });
    Map<PeerId, Long> stakes = state.epoch.stakes();
    network.setStakes(stakes);
    this.snapshots = new Snapshots(config.dataDir(), config.sync().snapshotInterval());
    // Registered before this node's own bootstrap, so validators starting together answer each
    // other's snapshot requests at once.
    SnapshotServer.attach(network, snapshots, fetchServer);
    this.setChanges = new SetChangeLog(config.dataDir(), genesis.chain().epochSlots());
    java.util.concurrent.BlockingQueue<SetChangeSync.Answer> setChangeAnswers =
        new java.util.concurrent.LinkedBlockingQueue<>(64);
    FetchService fetchService = new FetchService(wire, fetchServer);
    fetchService.serveSetChanges(setChanges, setChangeAnswers);
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
    this.mempool =
        new Mempool(MempoolConfig.defaults(), tx -> TxIntake.signaturesValid(tx, metrics));
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
    this.intake =
        new TxIntake(admission, mempool, () -> chain.poolView(currentSlot()), wire, metrics);
    state.finalizedHeight = chain.head().height();
    this.startingHeight = state.finalizedHeight;

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
            () -> state.round,
            crypto,
            this::nowMs);
    Consensus consensus =
        new Consensus(
            NodeGenesis.consensus(genesis, genesisBlock, epochs.source()).withRoot(root),
            crypto,
            signer,
            new SafetyStore(config.dataDir()).load());
    this.propagation =
        new BlockPropagation(
            network,
            epochs,
            state.epoch,
            this::proposalReceived,
            new CatchUpRequests(wire, blockFetch, genesis.chain().slotMs())::behind,
            metrics.blockBodiesRebuilt::inc);
    ConsensusEffects effects =
        new ConsensusEffects(
            new ConsensusEffects.Parts(
                new SafetyStore(config.dataDir()),
                chain,
                ledger,
                store,
                snapshots,
                setChanges,
                mempool,
                epochs,
                propagation,
                votes,
                evidence,
                blockFetch,
                wire,
                metrics),
            state,
            signer,
            config.testDoubleSign(),
            this::currentSlot);
    this.loop =
        new ConsensusLoop(ConsensusLoop.Machine.of(consensus), effects, this::nowMs, this::halt);
    new PeerInputs(
            new PeerInputs.Parts(
                wire, admission, mempool, propagation, loop, votes, blockFetch, metrics),
            state)
        .attach();
    fetchService.serveBlocks(blockFetch, chain, loop);
    RootMismatches mismatches =
        new RootMismatches(
            network, i -> state.epoch.peer(i).orElse(null), chain::digestOf, fetchServer, metrics);
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

  // ---------------------------------------------------------------- transactions

  /** A transaction from RPC (or this node's evidence reporter): admitted, then gossiped. */
  Admission submit(byte[] raw) {
    return intake.submit(raw);
  }

  long currentSlot() {
    return Math.max(0, nowMs()) / genesis.chain().slotMs();
  }

  /** A block fetched or rebuilt from shreds, for consensus (set up before the loop exists). */
  private void proposalReceived(Block b) {
    loop.submit(now -> new Event.ProposalReceived(b, now));
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
    return state.finalizedHeight;
  }

  long highestSeenHeight() {
    return state.highestSeen.get();
  }

  long startingHeight() {
    return startingHeight;
  }

  Runnable onFinalized(LongConsumer l) {
    state.finalizedListeners.add(l);
    return () -> state.finalizedListeners.remove(l);
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
