package dev.aether.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.cli.provider.JobState.Pending;
import dev.aether.cli.provider.JobState.Phase;
import dev.aether.cli.provider.JobState.Role;
import dev.aether.cli.provider.StateStore.Stats;
import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.compute.trace.KzgVectorCommitment;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.ledger.BankProgram;
import dev.aether.mesh.Ed25519Key;
import dev.aether.mesh.FraudFinder;
import dev.aether.mesh.FraudProofJson;
import dev.aether.mesh.Job;
import dev.aether.mesh.MeshException;
import dev.aether.mesh.ProviderRuntime;
import dev.aether.mesh.VcrJson;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.programs.jobs.JobsCalls;
import dev.aether.programs.jobs.JobsProgram;
import dev.aether.rpc.RpcClientException;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Hex;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.verifiers.tee.Evidence;
import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A compute provider and/or watchtower that runs itself: it follows finalized blocks, accepts jobs
 * it can run at its price and bond, runs them on the deterministic engine, attests and submits the
 * receipt, settles after the challenge window; as a watcher it re-runs other providers' receipts
 * and sends a one-round fraud proof for any that diverge (docs/ai-providers.md).
 *
 * <p>It is a reconciler: every {@link #tick()} reads where each job stands on chain and takes the
 * next step. What it did is persisted before it is sent ({@link StateStore}), and at most one of
 * its transactions is in flight at a time, valid for {@link #TX_VALIDITY_SLOTS} slots; an action is
 * sent again only once a finalized block is past that validity, when the first can never be
 * included — so a restart at any instant neither loses a job nor sends an action twice. Inference
 * is a pure function of the job, so a job killed mid-run is simply run again.
 */
public final class ProviderDaemon implements AutoCloseable {
  /** Slots a daemon transaction stays valid; it is re-sent only after a finalized block passes. */
  static final long TX_VALIDITY_SLOTS = 20;

  /** Refused transactions after which the daemon gives a job up. */
  static final int MAX_FAILURES = 3;

  /** Blocks scanned per tick, so a long catch-up still lets jobs progress. */
  static final int SCAN_BATCH = 64;

  final DaemonConfig config;
  private final ChainPort chain;
  final StateStore store;
  private final Ed25519KeyPair key;
  final Address me;
  private final ModelRegistry models;
  private final byte[] codeHash;
  private final Optional<ProviderTee> tee;
  private final KzgVectorCommitment kzg = new KzgVectorCommitment();
  final ExecutorService pool;
  final Map<String, Object> results = new ConcurrentHashMap<>();
  final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Random sampler;
  private final PrintStream log;
  private boolean closed;
  private final QuorumSteps quorum = new QuorumSteps(this);

  /**
   * @param config the configuration
   * @param chain the chain
   * @param key the account key
   * @param models the models it can run
   * @param codeHash the runtime artifact's hash (what jobs must name)
   * @param tee the TEE it attests with (providers), empty for a watcher only
   * @param sampler chooses which receipts a watcher re-runs ({@code rerun_percent})
   * @param log where it reports what it does, one line per event
   */
  ProviderDaemon(
      DaemonConfig config,
      ChainPort chain,
      Ed25519KeyPair key,
      ModelRegistry models,
      byte[] codeHash,
      Optional<ProviderTee> tee,
      Random sampler,
      PrintStream log) {
    this.config = config;
    this.chain = chain;
    this.store = new StateStore(config.stateDir());
    this.key = key;
    this.me = Address.ofPublicKey(key.publicKey().bytes());
    this.models = models;
    this.codeHash = codeHash.clone();
    this.tee = tee;
    this.pool = Executors.newFixedThreadPool(config.maxConcurrent());
    this.sampler = sampler;
    this.log = log;
  }

  /** The account it acts as. */
  public Address address() {
    return me;
  }

  /** Logs the TEE it attests with (providers). */
  void describeTee() {
    tee.ifPresent(t -> say("tee", t.description()));
  }

  // ------------------------------------------------------------------------- registration

  /**
   * Registers the account as a provider with its TEE kind, launch measurement, development key (the
   * development TEE only) and code hash, unless the chain already has exactly that registration.
   * Blocks until it is final.
   */
  void ensureRegistered(java.util.function.BooleanSupplier keepGoing) throws InterruptedException {
    ProviderTee t = tee.orElseThrow();
    Evidence.Kind kind = t.attester().kind();
    HexFormat hex = HexFormat.of();
    Optional<JsonNode> reg = chain.provider(me);
    String code = "0x" + hex.formatHex(codeHash);
    String measurement = "0x" + hex.formatHex(t.measurement());
    Optional<String> dev = t.devKey().map(k -> "0x" + hex.formatHex(k));
    if (reg.isPresent()
        && reg.get().path("registered").asBoolean()
        && kind.name().equals(reg.get().path("teeKind").asText())
        && contains(reg.get().path("measurements"), measurement)
        && dev.map(k -> k.equalsIgnoreCase(reg.get().path("devKey").asText()))
            .orElse(reg.get().path("devKey").isNull())
        && contains(reg.get().path("codeHashes"), code)) {
      say("registered", "already registered (" + t.description() + ", code " + code + ")");
      return;
    }
    Call call =
        JobsCalls.register(
            new JobsCalls.Register(
                Bytes.of(key.publicKey().bytes()),
                kind,
                List.of(Bytes.of(t.measurement())),
                Optional.empty(),
                t.devKey().map(Bytes::of),
                List.of(H256.of(codeHash))));
    ChainPort.Head head = chain.finalized();
    Tx tx = sign(call, head);
    chain.send(tx);
    say("register", "sent " + tx.id().toHex());
    while (keepGoing.getAsBoolean()) {
      Optional<JsonNode> r = chain.receipt(tx.id());
      if (r.isPresent()) {
        if (!"success".equals(r.get().path("status").asText())) {
          throw new MeshException.BadInput(
              "registration refused: " + r.get().path("errorCode").asText());
        }
        say("registered", "as provider " + me + " (" + t.description() + ")");
        return;
      }
      if (chain.finalized().slot() > tx.body().validUntil()) {
        // Past its validity in a finalized block (a slow or loaded chain): it can never be
        // included, so checking again and re-sending cannot register twice.
        say("expired", "registration " + tx.id().toHex() + " was never included; again");
        ensureRegistered(keepGoing);
        return;
      }
      Thread.sleep(config.pollMs());
    }
  }

  private static boolean contains(JsonNode list, String hex) {
    for (JsonNode n : list) {
      if (n.asText().equalsIgnoreCase(hex)) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------------- the loop

  /** One pass: scan new finalized blocks, collect finished runs, take each job's next step. */
  public void tick() {
    ChainPort.Head head = chain.finalized();
    scan(head);
    boolean canSend = true;
    for (JobState j : store.open()) {
      if (j.phase() != Phase.DONE && j.inFlight().isPresent()) {
        JobState r = resolvePending(j, head);
        store.put(r);
        canSend &= r.inFlight().isEmpty();
      }
    }
    for (JobState j : store.open()) {
      if (j.phase() == Phase.DONE) {
        store.put(j); // a kill left it in both folders
        continue;
      }
      JobState next;
      try {
        next = step(j, head, canSend);
      } catch (RpcClientException e) {
        say("rpc", j.id() + ": " + e.getMessage());
        continue;
      } catch (RuntimeException e) {
        // A damaged file or an unexpected answer stops this job's progress, never the daemon.
        say("error", j.id() + ": " + e);
        continue;
      }
      if (!next.equals(j)) {
        store.put(next);
        if (next.phase() != j.phase()) {
          say(
              next.phase().name().toLowerCase(java.util.Locale.ROOT),
              next.id() + " " + next.note());
        }
      }
      canSend &= next.inFlight().isEmpty();
    }
  }

  /** Runs until {@code keepGoing} turns false, one tick per {@code poll_ms}. */
  public void run(java.util.function.BooleanSupplier keepGoing) throws InterruptedException {
    while (config.provider() && config.register() && keepGoing.getAsBoolean()) {
      try {
        ensureRegistered(keepGoing);
        break;
      } catch (RpcClientException e) {
        // The node may be starting or busy: a daemon outlives it (re-registering is idempotent).
        say("rpc", "node unreachable, retrying registration: " + e.getMessage());
        Thread.sleep(config.pollMs());
      }
    }
    while (keepGoing.getAsBoolean()) {
      try {
        tick();
      } catch (RpcClientException e) {
        say("rpc", "node unreachable: " + e.getMessage());
      }
      chain.awaitNewBlock(config.pollMs());
    }
  }

  // ------------------------------------------------------------------------- scanning

  private void scan(ChainPort.Head head) {
    long from = store.cursor() + 1;
    long to = Math.min(head.height(), from + SCAN_BATCH - 1);
    for (long h = from; h <= to; h++) {
      for (ChainPort.ChainTx tx : chain.txs(h)) {
        for (Call c : tx.calls()) {
          if (c.program().equals(JobsProgram.ID)) {
            try {
              seen(tx, c);
            } catch (RuntimeException e) {
              // A call the chain refused may not even decode; it changed nothing on chain.
              say("skip", "undecodable " + c.method() + " at height " + h);
            }
          }
        }
      }
      store.cursor(h);
    }
  }

  private void seen(ChainPort.ChainTx tx, Call c) {
    switch (c.method()) {
      case JobsCalls.POST_JOB_SPEC -> {
        JobsCalls.PostJobSpec spec = JobsCalls.PostJobSpec.CODEC.decode(c.args().toArray());
        H256 id = JobsCalls.jobOf(c, tx.payer(), tx.nonce());
        if (store.job(id.toHex()).isPresent()) {
          return;
        }
        JobsCalls.PostJob t = spec.terms();
        JobState j =
            new JobState(
                id.toHex(),
                config.provider() ? Role.RUN : Role.WATCH,
                Phase.SEEN,
                t.modelHash().toHex(),
                t.codeHash().toHex(),
                spec.input().map(b -> Hex.encode(b.toArray())).orElse(""),
                t.seed().orElse(0L),
                t.maxPrice().toString(),
                t.deadlineSlot(),
                t.jUnits(),
                null,
                0,
                "posted");
        Optional<String> no =
            config.provider()
                ? refusal(tx.payer(), spec)
                : Optional.of("watching (not a provider)");
        if (no.isPresent() && !config.watcher()) {
          j = j.withPhase(Phase.DONE, "not for us: " + no.get());
        } else if (no.isPresent()) {
          j = j.watching(no.get());
        }
        store.put(j);
        say("seen", j.id() + " " + j.note());
      }
      case JobsCalls.SUBMIT_VCR -> {
        if (!config.watcher() || tx.payer().equals(me)) {
          return;
        }
        JobsCalls.SubmitVcr s = JobsCalls.SubmitVcr.CODEC.decode(c.args().toArray());
        Optional<JobState> known = store.job(s.jobId().toHex());
        if (known.isEmpty() || known.get().input().isEmpty()) {
          say("skip", s.jobId().toHex() + ": receipt of a job whose input is not on chain");
          return;
        }
        JobState k = known.get();
        if (k.role() == Role.RUN && k.phase() != Phase.SEEN && k.phase() != Phase.DONE) {
          return;
        }
        boolean pick = sampler.nextInt(100) < config.rerunPercent();
        store.attach(k.id(), "vcr", VcrJson.write(s.submission()));
        store.put(
            new JobState(
                k.id(),
                Role.WATCH,
                pick ? Phase.TO_CHECK : Phase.DONE,
                k.model(),
                k.code(),
                k.input(),
                k.seed(),
                k.maxPrice(),
                k.deadlineSlot(),
                k.jUnits(),
                null,
                0,
                pick ? "receipt of " + tx.payer() + " to re-run" : "not sampled for re-run"));
      }
      case JobsCalls.REVEAL_VCR -> {
        if (!config.watcher() || tx.payer().equals(me)) {
          return;
        }
        JobsCalls.RevealVcr r = JobsCalls.RevealVcr.CODEC.decode(c.args().toArray());
        Optional<JobState> known = store.job(r.jobId().toHex());
        if (known.isEmpty() || known.get().input().isEmpty()) {
          return;
        }
        JobState k = known.get();
        // One watch per replica's receipt: "<job>-<provider>".
        String id = k.id() + "-" + tx.payer().toString().substring(2);
        boolean pick = sampler.nextInt(100) < config.rerunPercent();
        store.attach(id, "vcr", VcrJson.write(r.submission()));
        store.put(
            new JobState(
                id,
                Role.WATCH,
                pick ? Phase.TO_CHECK : Phase.DONE,
                k.model(),
                k.code(),
                k.input(),
                k.seed(),
                k.maxPrice(),
                k.deadlineSlot(),
                k.jUnits(),
                null,
                0,
                pick ? "replica receipt of " + tx.payer() + " to re-run" : "not sampled"));
      }
      default -> {}
    }
  }

  /**
   * The chain's job id of a state ({@code <job>} or, for a watched replica, {@code
   * <job>-<provider>}).
   */
  static H256 jobId(JobState j) {
    return H256.fromHex(j.id().substring(0, 66));
  }

  /** The replica a watch state is about, for a replicated job. */
  static Optional<Address> target(JobState j) {
    return j.id().length() > 66
        ? Optional.of(Address.fromHex("0x" + j.id().substring(67)))
        : Optional.empty();
  }

  /** Why this provider does not take {@code spec}, or empty when it does. */
  private Optional<String> refusal(Address poster, JobsCalls.PostJobSpec spec) {
    JobsCalls.PostJob t = spec.terms();
    if (!config.posters().isEmpty() && !config.posters().contains(poster)) {
      return Optional.of("poster " + poster + " is not one of ours");
    }
    if (spec.replicas() != 1 && (spec.replicas() < 3 || spec.replicas() > 5)) {
      return Optional.of(spec.replicas() + " replicas");
    }
    if (spec.input().isEmpty()) {
      return Optional.of("no input on chain");
    }
    if (!t.codeHash().equals(H256.of(codeHash))) {
      return Optional.of("another runtime artifact " + t.codeHash());
    }
    Optional<ModelRegistry.Entry> m = models.byHash(t.modelHash().toHex());
    if (m.isEmpty()) {
      return Optional.of("unknown model " + t.modelHash());
    }
    if (!config.models().isEmpty()
        && !config.models().contains(m.get().model().name())
        && !config.models().contains(m.get().model().modelHashHex())) {
      return Optional.of("model " + m.get().model().name() + " not served");
    }
    if (m.get().model().jUnits() > t.jUnits()) {
      return Optional.of(
          "pays for " + t.jUnits() + " J-units, the model needs " + m.get().model().jUnits());
    }
    if (t.maxPrice().compareTo(config.minPrice()) < 0) {
      return Optional.of("price " + t.maxPrice() + " below min_price " + config.minPrice());
    }
    try {
      byte[] h = m.get().model().architecture().encodeInput(spec.input().get().toArray()).sha256();
      if (t.inputHash().isPresent() && !t.inputHash().get().equals(H256.of(h))) {
        return Optional.of("the input does not hash to the job's input_hash");
      }
    } catch (RuntimeException e) {
      return Optional.of("the input does not parse: " + e.getMessage());
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------------- pending transactions

  private JobState resolvePending(JobState j, ChainPort.Head head) {
    Pending p = j.inFlight().orElseThrow();
    Optional<JsonNode> r = chain.receipt(H256.fromHex(p.tx()));
    if (r.isPresent()) {
      if ("success".equals(r.get().path("status").asText())) {
        return j.withPending(null);
      }
      String code = r.get().path("errorCode").asText();
      say("refused", j.id() + " " + p.action() + ": " + code);
      JobState f = j.failed(p.action() + " refused: " + code);
      return f.failures() >= MAX_FAILURES ? f.withPhase(Phase.DONE, "gave up: " + f.note()) : f;
    }
    if (head.slot() > p.validUntil()) {
      // Past its validity in a finalized block: it can never be included, so resending is safe.
      say("expired", j.id() + " " + p.action() + " " + p.tx() + " was never included");
      return j.withPending(null);
    }
    return j;
  }

  // ------------------------------------------------------------------------- one job's step

  private JobState step(JobState j, ChainPort.Head head, boolean canSend) {
    if (j.inFlight().isPresent()) {
      return j;
    }
    Optional<JsonNode> onChain = chain.job(jobId(j));
    if (onChain.isEmpty()) {
      return j.withPhase(Phase.DONE, "not on chain (the post was refused)");
    }
    JsonNode job = onChain.get();
    String status = job.path("status").asText();
    boolean mine = me.toString().equalsIgnoreCase(job.path("provider").asText(""));
    if (job.path("replicas").isObject()) {
      return j.role() == Role.RUN
          ? quorum.stepRun(j, job, head, canSend)
          : quorum.stepWatch(j, job, head, canSend);
    }
    return j.role() == Role.RUN
        ? stepRun(j, job, status, mine, head, canSend)
        : stepWatch(j, job, status, head, canSend);
  }

  private JobState stepRun(
      JobState j, JsonNode job, String status, boolean mine, ChainPort.Head head, boolean canSend) {
    switch (j.phase()) {
      case SEEN -> {
        if (status.equals("accepted") && mine) {
          bump(j.id() + " accepted", s -> s.plusAccepted());
          return j.withPhase(Phase.ACCEPTED, "accepted by us");
        }
        if (!status.equals("posted")) {
          return config.watcher() && !mine
              ? j.watching("taken by another provider: watching")
              : j.withPhase(Phase.DONE, "taken: " + status);
        }
        if (head.slot() + 2 * TX_VALIDITY_SLOTS >= j.deadlineSlot()) {
          return j.withPhase(Phase.DONE, "too close to its deadline");
        }
        if (active() >= config.maxConcurrent() + config.maxQueue() || !canSend) {
          return j;
        }
        BigInteger bond = bond(new BigInteger(j.maxPrice()));
        if (bond.compareTo(config.maxBond()) > 0) {
          return j.withPhase(Phase.DONE, "bond " + bond + " above max_bond");
        }
        return send(j, "accept", JobsCalls.accept(H256.fromHex(j.id()), me, bond), head);
      }
      case ACCEPTED -> {
        if (!status.equals("accepted") || !mine) {
          return j.withPhase(Phase.DONE, "no longer ours to run: " + status);
        }
        if (store.attachment(j.id(), "vcr").isPresent()) {
          return j.withPhase(Phase.RAN, "receipt on disk");
        }
        Object r = results.remove(j.id());
        if (r instanceof RuntimeException e) {
          return j.withPhase(Phase.DONE, "cannot run: " + e.getMessage());
        }
        if (running.add(j.id())) {
          pool.execute(() -> runJob(j));
        }
        return j;
      }
      case RAN -> {
        if (status.equals("submitted")) {
          bump(j.id() + " submitted", s -> s.plusSubmitted());
          return j.withPhase(Phase.SUBMITTED, "receipt on chain");
        }
        if (!status.equals("accepted")) {
          return j.withPhase(Phase.DONE, "ended before submission: " + status);
        }
        if (!canSend || head.slot() >= j.deadlineSlot()) {
          return j;
        }
        VcrSubmission sub = VcrJson.read(store.attachment(j.id(), "vcr").orElseThrow());
        return send(j, "submit", JobsCalls.submit(H256.fromHex(j.id()), sub), head);
      }
      case SUBMITTED -> {
        switch (status) {
          case "settled" -> {
            String paid = job.path("outcome").path("paid").asText("0");
            bump(j.id() + " settled", s -> s.plusSettled(paid));
            return j.withPhase(Phase.DONE, "settled: paid " + paid + " AIC");
          }
          case "submitted" -> {
            long windowEnd = RpcChainPort.quantity(job.path("receipt").path("windowEndSlot"));
            if (canSend && head.slot() >= windowEnd) {
              return send(j, "settle", JobsCalls.settle(H256.fromHex(j.id())), head);
            }
            return j;
          }
          default -> {
            return j.withPhase(Phase.DONE, "ended " + status);
          }
        }
      }
      default -> {
        return j;
      }
    }
  }

  private JobState stepWatch(
      JobState j, JsonNode job, String status, ChainPort.Head head, boolean canSend) {
    long windowEnd = RpcChainPort.quantity(job.path("receipt").path("windowEndSlot"));
    switch (j.phase()) {
      case SEEN -> {
        // Waiting for a receipt to appear (scan turns it into TO_CHECK).
        if (isFinal(status)) {
          return j.withPhase(
              Phase.DONE,
              status.equals("slashed") && j.note().startsWith("expiring")
                  ? "expired: the provider missed its deadline and was slashed"
                  : "ended " + status);
        }
        if (status.equals("accepted") && head.slot() > j.deadlineSlot()) {
          // Accepted by another provider and no receipt by the deadline: anyone may expire it,
          // which refunds the poster and slashes the bond. A watcher does, for a fee.
          if (!canSend) {
            return j;
          }
          bump(j.id() + " expired", StateStore.Stats::plusExpired);
          return send(
              j.watching("expiring: no receipt by slot " + j.deadlineSlot()),
              "expire",
              JobsCalls.expire(jobId(j)),
              head);
        }
        return j;
      }
      case TO_CHECK -> {
        if (!status.equals("submitted")) {
          return j.withPhase(Phase.DONE, "ended " + status + " before the re-run");
        }
        if (store.attachment(j.id(), "fraud").isPresent()) {
          return j.withPhase(Phase.TO_CHALLENGE, "fraud proof on disk");
        }
        Object r = results.remove(j.id());
        if (r instanceof FraudFinder.Finding f) {
          return switch (f) {
            case FraudFinder.Finding.Divergent d ->
                j.withPhase(Phase.TO_CHALLENGE, "step " + d.step() + " is false");
            case FraudFinder.Finding.Honest h ->
                j.withPhase(Phase.DONE, "re-ran: every step agrees");
            case FraudFinder.Finding.OtherInput o ->
                j.withPhase(Phase.DONE, "receipt is for another input");
            case FraudFinder.Finding.Malformed m ->
                j.withPhase(Phase.DONE, "malformed receipt: " + m.detail());
          };
        }
        if (r instanceof RuntimeException e) {
          return j.withPhase(Phase.DONE, "cannot re-run: " + e.getMessage());
        }
        if (running.add(j.id())) {
          pool.execute(() -> checkJob(j));
        }
        return j;
      }
      case TO_CHALLENGE -> {
        if (status.equals("challenged")) {
          String reward = job.path("outcome").path("rewarded").asText("0");
          bump(j.id() + " caught", s -> s.plusCaught(reward));
          return j.withPhase(
              Phase.DONE, "caught: the provider was slashed (job rewarded " + reward + " AIC)");
        }
        if (!status.equals("submitted") || head.slot() >= windowEnd) {
          return j.withPhase(Phase.DONE, "challenge window missed: " + status);
        }
        if (!canSend) {
          return j;
        }
        bump(j.id() + " challenged", s -> s.plusChallenged());
        return send(
            j,
            "challenge",
            JobsCalls.challenge(
                FraudProofJson.read(store.attachment(j.id(), "fraud").orElseThrow())),
            head);
      }
      default -> {
        return j;
      }
    }
  }

  private static boolean isFinal(String status) {
    return switch (status) {
      case "challenged", "settled", "refunded", "slashed" -> true;
      default -> false;
    };
  }

  long active() {
    return store.open().stream()
        .filter(
            j ->
                j.role() == Role.RUN
                    && (j.phase() == Phase.ACCEPTED
                        || j.phase() == Phase.RAN
                        || (j.phase() == Phase.SEEN && j.inFlight().isPresent())))
        .count();
  }

  BigInteger bond(BigInteger maxPrice) {
    String[] r = chain.jobParams().path("minBondRatio").asText("1/1").split("/");
    BigInteger n = new BigInteger(r[0]);
    BigInteger d = r.length > 1 ? new BigInteger(r[1]) : BigInteger.ONE;
    BigInteger[] qr = maxPrice.multiply(n).divideAndRemainder(d);
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }

  // ------------------------------------------------------------------------- work

  void runJob(JobState j) {
    try (Parallelism par = Parallelism.of(config.threads())) {
      ProviderRuntime rt =
          new ProviderRuntime(
              models,
              new Engine(par),
              kzg,
              Ed25519Key.fromSeed(key.seed()),
              tee.orElseThrow().attester(),
              codeHash);
      Job job =
          new Job(
              H256.fromHex(j.id()).toArray(), strip(j.model()), Hex.decode(j.input()), j.seed());
      if (config.falsifyStep().isPresent()) {
        say("CHEATING", j.id() + ": test_only_falsify_step " + config.falsifyStep().get());
      }
      var ran = rt.run(job, config.falsifyStep().map(Engine.Tamper::flipFirst));
      // On disk at once: a daemon restarted after this submits it without running again.
      store.attach(j.id(), "vcr", VcrJson.write(ran.publish()));
    } catch (RuntimeException e) {
      results.put(j.id(), e);
    } finally {
      running.remove(j.id());
    }
  }

  void checkJob(JobState j) {
    try (Parallelism par = Parallelism.of(config.threads())) {
      VcrSubmission sub = VcrJson.read(store.attachment(j.id(), "vcr").orElseThrow());
      FraudFinder.Finding f =
          new FraudFinder(models, new Engine(par), kzg).check(sub, Hex.decode(j.input()));
      if (f instanceof FraudFinder.Finding.Divergent d) {
        store.attach(j.id(), "fraud", FraudProofJson.write(d.proof()));
      }
      long jus = models.byHash(j.model()).map(e -> e.model().jUnits()).orElse(0L);
      bump(j.id() + " rerun", st -> st.plusRerun(jus));
      results.put(j.id(), f);
    } catch (RuntimeException e) {
      results.put(j.id(), e);
    } finally {
      running.remove(j.id());
    }
  }

  private static String strip(String hex) {
    return hex.startsWith("0x") ? hex.substring(2) : hex;
  }

  // ------------------------------------------------------------------------- sending

  JobState send(JobState j, String action, Call call, ChainPort.Head head) {
    Tx tx = sign(call, head);
    // Persist first: a crash after this line leaves a pending record, so the action is not sent
    // again until this transaction is included or can no longer be.
    JobState next = j.withPending(new Pending(action, tx.id().toHex(), tx.body().validUntil()));
    store.put(next);
    try {
      chain.send(tx);
      say(action, j.id() + " tx " + tx.id().toHex());
    } catch (RpcClientException e) {
      say("send", j.id() + " " + action + " not accepted by the node: " + e.getMessage());
    }
    return next;
  }

  private Tx sign(Call call, ChainPort.Head head) {
    TxBody body =
        JobsCalls.body(
            chain.chainId(),
            me,
            chain.nonce(me),
            List.of(call),
            this::parties,
            config.feeCap(),
            head.slot() + TX_VALIDITY_SLOTS);
    return BankProgram.signed(key, body);
  }

  private Optional<JobsCalls.Parties> parties(H256 id) {
    return chain
        .job(id)
        .map(
            j -> {
              List<Address> replicas = new ArrayList<>();
              for (JsonNode m : j.path("replicas").path("members")) {
                replicas.add(Address.fromHex(m.path("provider").asText()));
              }
              return new JobsCalls.Parties(
                  Address.fromHex(j.path("poster").asText()),
                  j.path("provider").isTextual()
                      ? Optional.of(Address.fromHex(j.path("provider").asText()))
                      : Optional.empty(),
                  replicas);
            });
  }

  // ------------------------------------------------------------------------- bookkeeping

  /**
   * Counts {@code event} (a job id, a space and what happened) once: the stats and the events
   * already counted are one file, so a kill between counting and persisting the job's new phase
   * cannot count the same event again when the restarted daemon repeats the step.
   */
  synchronized void bump(String event, java.util.function.UnaryOperator<Stats> f) {
    store.count(event, f);
  }

  /** What it earned and spent so far. */
  Stats stats() {
    return store.stats();
  }

  /** Every job it knows, as persisted. */
  List<JobState> jobs() {
    return store.jobs();
  }

  void say(String what, String detail) {
    log.println(Instant.now() + " " + what + " " + detail);
    log.flush();
  }

  /** Whether no job is running or being re-run. */
  boolean idle() {
    return running.isEmpty();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    pool.shutdownNow();
    try {
      pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kzg.close();
    store.close();
  }
}
