package dev.aether.cli.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.cli.CliException;
import dev.aether.cli.KeyFiles;
import dev.aether.compute.proof.FraudProof;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.mesh.FraudProofJson;
import dev.aether.mesh.Hashing;
import dev.aether.mesh.MeshException;
import dev.aether.mesh.RuntimeArtifact;
import dev.aether.mesh.VcrJson;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.programs.jobs.JobsCalls;
import dev.aether.programs.jobs.JobsKeys;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.verifiers.tee.Evidence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code aetherctl job ...} and {@code aetherctl provider ...}: the AIC job escrow over JSON-RPC.
 * Signing commands take {@code --key FILE} (default: the file named by {@code AETHER_KEY}), wait
 * for finality with a progress line, and exit 0 on success, 1 when the chain refused the
 * transaction (the receipt's error code is printed), 2 on bad input.
 */
public final class JobCommands {
  static final String DEFAULT_FEE_CAP = "50000000";

  private JobCommands() {}

  /** {@code --key}, {@code --fee-cap}, {@code --no-wait} of every signing command. */
  public static final class Signing {
    @Option(
        names = "--key",
        paramLabel = "FILE",
        defaultValue = "${env:AETHER_KEY}",
        description = "key file of the signing account (default: $AETHER_KEY)")
    Path key;

    @Option(names = "--fee-cap", defaultValue = DEFAULT_FEE_CAP, description = "SWR fee cap")
    long feeCap;

    @Option(names = "--no-wait", description = "return after submitting")
    boolean noWait;

    Ed25519KeyPair load() {
      if (key == null) {
        throw new CliException("pass --key FILE or set AETHER_KEY", 2);
      }
      return ChainClient.loadKey(key);
    }
  }

  static H256 hash(String s, String what) {
    try {
      return H256.fromHex(s.startsWith("0x") ? s : "0x" + s);
    } catch (IllegalArgumentException e) {
      throw new CliException(what + ": not a 32-byte hex value: " + s, 2);
    }
  }

  /** Signs and submits {@code call} from {@code key}, declaring what it touches. */
  static int send(ChainCommands.Common c, Signing s, Call call) {
    Ed25519KeyPair key = s.load();
    Address payer = Address.ofPublicKey(key.publicKey().bytes());
    try (ChainClient client = c.client()) {
      long nonce = client.nonce(payer);
      TxBody body =
          JobsCalls.body(
              client.chainId(),
              payer,
              nonce,
              List.of(call),
              id -> parties(client, id),
              s.feeCap,
              client.latestSlot() + 7_200);
      Tx tx = ChainClient.sign(key, body);
      return ChainCommands.submitAndWait(c, client, tx, s.noWait);
    }
  }

  private static Optional<JobsCalls.Parties> parties(ChainClient client, H256 id) {
    JsonNode j = client.call("aeth_getJob", id.toHex());
    if (j == null || j.isNull()) {
      return Optional.empty();
    }
    Optional<Address> provider =
        j.path("provider").isTextual()
            ? Optional.of(Address.fromHex(j.get("provider").asText()))
            : Optional.empty();
    List<Address> replicas = new ArrayList<>();
    for (JsonNode m : j.path("replicas").path("members")) {
      replicas.add(Address.fromHex(m.path("provider").asText()));
    }
    return Optional.of(
        new JobsCalls.Parties(Address.fromHex(j.get("poster").asText()), provider, replicas));
  }

  static JsonNode params(ChainClient client) {
    JsonNode p = client.call("aeth_getJobParams");
    if (p == null || p.isNull()) {
      throw new CliException("this chain has no job escrow");
    }
    return p;
  }

  /** {@code aetherctl job}. */
  @Command(
      name = "job",
      description = "AI jobs: post, accept, submit a VCR, challenge, settle, expire, cancel, get.",
      subcommands = {
        Post.class,
        Accept.class,
        SubmitVcr.class,
        Challenge.class,
        Settle.class,
        ObservePrice.class,
        Expire.class,
        Cancel.class,
        Get.class,
        SupplyCmd.class
      })
  public static final class JobCmd implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  @Command(name = "post", description = "Post a job: escrow max-price AIC for a model run.")
  static final class Post implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin Signing s;

    @Option(
        names = "--model-hash",
        paramLabel = "0xHASH",
        description = "the model (or name it with --model)")
    Optional<String> modelHash;

    @Option(
        names = "--model",
        paramLabel = "NAME",
        description = "a bundled model by name (or --models-dir); needed with --input")
    Optional<String> model;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "model folders to load")
    Optional<Path> modelsDir;

    @Option(
        names = "--code-hash",
        paramLabel = "0xHASH",
        description = "runtime artifact (default: the engine jar this aetherctl runs)")
    Optional<String> codeHash;

    @Option(
        names = "--input",
        paramLabel = "FILE",
        description =
            "put the input on chain (postJobSpec) and fix its hash, so provider daemons can run it")
    Optional<Path> input;

    @Option(
        names = "--replicas",
        defaultValue = "1",
        paramLabel = "R",
        description = "1, or 3 to 5 providers (a replica quorum; needs --input and --seed)")
    int replicas;

    @Option(names = "--jus", required = true, paramLabel = "N", description = "J-units paid for")
    long jus;

    @Option(names = "--max-price", required = true, paramLabel = "AIC")
    String maxPrice;

    @Option(names = "--sla", required = true, paramLabel = "MS", description = "expected latency")
    long slaMs;

    @Option(
        names = "--deadline",
        required = true,
        paramLabel = "SLOT|+DURATION",
        description = "last slot for the receipt: a slot number, or +60s / +5m / +2h / +100slots")
    String deadline;

    @Option(names = "--input-hash", paramLabel = "0xHASH", description = "fix the input")
    Optional<String> inputHash;

    @Option(names = "--seed", paramLabel = "N", description = "fix the seed")
    Optional<Long> seed;

    @Override
    public Integer call() {
      if (jus < 1) {
        throw new CliException("--jus must be at least 1", 2);
      }
      long deadlineSlot;
      Ed25519KeyPair key = s.load();
      Address poster = Address.ofPublicKey(key.publicKey().bytes());
      H256 id;
      try (ChainClient client = c.client()) {
        deadlineSlot = deadlineSlot(client, deadline);
        id = JobsKeys.jobId(poster, client.nonce(poster));
      }
      Optional<ModelRegistry.Entry> entry =
          model.map(
              m -> {
                try {
                  return modelsDir
                      .map(ModelRegistry::fromDirectory)
                      .orElseGet(ModelRegistry::bundled)
                      .resolve(m);
                } catch (MeshException e) {
                  throw new CliException("--model: " + e.getMessage(), 2);
                }
              });
      if (modelHash.isPresent() == entry.isPresent()) {
        throw new CliException("name the model with exactly one of --model-hash, --model", 2);
      }
      H256 modelId =
          modelHash
              .map(h -> hash(h, "--model-hash"))
              .orElseGet(() -> H256.of(entry.get().model().modelHash()));
      H256 code =
          codeHash
              .map(h -> hash(h, "--code-hash"))
              .orElseGet(
                  () ->
                      H256.of(
                          RuntimeArtifact.codeHash(
                              RuntimeArtifact.current()
                                  .orElseThrow(
                                      () ->
                                          new CliException(
                                              "the engine was not loaded from a jar: pass"
                                                  + " --code-hash",
                                              2)))));
      if (replicas != 1 && (replicas < 3 || replicas > 5)) {
        throw new CliException("--replicas: 1, or 3 to 5", 2);
      }
      Optional<Bytes> onChainInput = Optional.empty();
      Optional<H256> fixedInput = inputHash.map(h -> hash(h, "--input-hash"));
      if (input.isPresent()) {
        if (entry.isEmpty() || fixedInput.isPresent() || seed.isEmpty()) {
          throw new CliException("--input needs --model and --seed (and no --input-hash)", 2);
        }
        byte[] file;
        try {
          file = Files.readAllBytes(input.get());
        } catch (IOException e) {
          throw new CliException("cannot read " + input.get(), 2);
        }
        if (file.length > JobsCalls.MAX_INPUT_BYTES) {
          throw new CliException(
              "--input: at most " + JobsCalls.MAX_INPUT_BYTES + " bytes on chain", 2);
        }
        try {
          fixedInput =
              Optional.of(H256.of(entry.get().model().architecture().encodeInput(file).sha256()));
        } catch (RuntimeException e) {
          throw new CliException("--input: not an input of this model: " + e.getMessage(), 2);
        }
        onChainInput = Optional.of(Bytes.of(file));
      } else if (replicas != 1) {
        throw new CliException("--replicas needs --input", 2);
      }
      JobsCalls.PostJob terms =
          new JobsCalls.PostJob(
              modelId,
              code,
              jus,
              ChainCommands.amount(maxPrice).value(),
              slaMs,
              deadlineSlot,
              fixedInput,
              seed);
      Call call =
          onChainInput.isPresent() || replicas != 1
              ? JobsCalls.postSpec(new JobsCalls.PostJobSpec(terms, replicas, onChainInput))
              : JobsCalls.post(terms);
      c.out().println("job " + id.toHex() + " (deadline slot " + deadlineSlot + ")");
      return send(c, s, call);
    }

    static long deadlineSlot(ChainClient client, String d) {
      try {
        if (!d.startsWith("+")) {
          return Long.parseLong(d);
        }
        String v = d.substring(1);
        long now = client.latestSlot();
        if (v.endsWith("slots")) {
          return now + Long.parseLong(v.substring(0, v.length() - 5));
        }
        long unit =
            switch (v.charAt(v.length() - 1)) {
              case 's' -> 1_000L;
              case 'm' -> 60_000L;
              case 'h' -> 3_600_000L;
              default -> throw new NumberFormatException();
            };
        long ms = Math.multiplyExact(Long.parseLong(v.substring(0, v.length() - 1)), unit);
        long slotMs = params(client).path("slotMs").asLong();
        return now + (ms + slotMs - 1) / slotMs;
      } catch (NumberFormatException | ArithmeticException | StringIndexOutOfBoundsException e) {
        throw new CliException("--deadline: a slot number or +Ns, +Nm, +Nh, +Nslots: " + d, 2);
      }
    }
  }

  @Command(name = "accept", description = "Accept a job as a registered provider, locking a bond.")
  static final class Accept implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin Signing s;

    @Option(names = "--job", required = true, paramLabel = "0xJOB")
    String job;

    @Option(names = "--bond", required = true, paramLabel = "AIC")
    String bond;

    @Override
    public Integer call() {
      Address provider = Address.ofPublicKey(s.load().publicKey().bytes());
      return send(
          c, s, JobsCalls.accept(hash(job, "--job"), provider, ChainCommands.amount(bond).value()));
    }
  }

  @Command(name = "submit-vcr", description = "Submit the published receipt (mesh run's vcr.json).")
  static final class SubmitVcr implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin Signing s;

    @Option(names = "--job", required = true, paramLabel = "0xJOB")
    String job;

    @Option(names = "--vcr", required = true, paramLabel = "FILE")
    Path vcr;

    @Override
    public Integer call() {
      VcrSubmission sub;
      try {
        sub = VcrJson.read(Files.readString(vcr, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new CliException("cannot read " + vcr, 2);
      } catch (MeshException e) {
        throw new CliException(e.code() + ": " + e.getMessage(), 2);
      }
      return send(c, s, JobsCalls.submit(hash(job, "--job"), sub));
    }
  }

  @Command(name = "challenge", description = "Send a fraud proof (mesh challenge's output).")
  static final class Challenge implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin Signing s;

    @Option(names = "--proof", required = true, paramLabel = "FILE")
    Path proof;

    @Option(names = "--job", paramLabel = "0xJOB", description = "check the proof is for this job")
    Optional<String> job;

    @Override
    public Integer call() {
      FraudProof p;
      try {
        p = FraudProofJson.read(Files.readString(proof, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new CliException("cannot read " + proof, 2);
      } catch (MeshException e) {
        throw new CliException(e.code() + ": " + e.getMessage(), 2);
      }
      if (job.isPresent() && !hash(job.get(), "--job").equals(p.jobId())) {
        throw new CliException("the proof is for job " + p.jobId(), 2);
      }
      c.out().println("challenging step " + p.step() + " of job " + p.jobId());
      return send(c, s, JobsCalls.challenge(p));
    }
  }

  @Command(
      name = "settle",
      description =
          "Settle a job after its challenge window (anyone); --stable: the provider takes its pay"
              + " in USDT at the AIC/USDT TWAP.")
  static final class Settle implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin Signing s;

    @Option(names = "--job", required = true, paramLabel = "0xJOB")
    String job;

    @Option(
        names = "--stable",
        description =
            "pay the provider (the signer) in USDT, valued at the pool's time-weighted average"
                + " price over [jobs].twap_window_slots (docs/programs/jobs.md)")
    boolean stable;

    @Override
    public Integer call() {
      H256 id = hash(job, "--job");
      return send(c, s, stable ? JobsCalls.settleStable(id) : JobsCalls.settle(id));
    }
  }

  @Command(
      name = "observe-price",
      description =
          "Record a reading of the AIC/USDT price accumulator for stablecoin payouts (anyone; a"
              + " quarter TWAP window apart).")
  static final class ObservePrice implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin Signing s;

    @Override
    public Integer call() {
      return send(c, s, JobsCalls.observePrice());
    }
  }

  @Command(
      name = "expire",
      description = "After the deadline: refund the poster (and slash a late provider's bond).")
  static final class Expire implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin Signing s;

    @Option(names = "--job", required = true, paramLabel = "0xJOB")
    String job;

    @Override
    public Integer call() {
      return send(c, s, JobsCalls.expire(hash(job, "--job")));
    }
  }

  @Command(name = "cancel", description = "The poster takes back a job nobody accepted.")
  static final class Cancel implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin Signing s;

    @Option(names = "--job", required = true, paramLabel = "0xJOB")
    String job;

    @Override
    public Integer call() {
      return send(c, s, JobsCalls.cancel(hash(job, "--job")));
    }
  }

  @Command(name = "get", description = "A job: status, amounts, deadlines, receipt, outcome.")
  static final class Get implements Callable<Integer> {
    @Mixin ChainCommands.Common c;

    @Option(names = "--job", required = true, paramLabel = "0xJOB")
    String job;

    @Override
    public Integer call() {
      try (ChainClient client = c.client()) {
        JsonNode j = client.call("aeth_getJob", hash(job, "--job").toHex());
        if (j == null || j.isNull()) {
          throw new CliException("no job " + job);
        }
        c.print(j, human(j));
        return 0;
      }
    }

    static String human(JsonNode j) {
      StringBuilder b = new StringBuilder();
      b.append("job        ").append(j.path("id").asText()).append('\n');
      b.append("status     ").append(j.path("status").asText()).append('\n');
      b.append("poster     ").append(j.path("poster").asText()).append('\n');
      b.append("model      ").append(j.path("modelHash").asText()).append('\n');
      b.append("code       ").append(j.path("codeHash").asText()).append('\n');
      b.append("j-units    ").append(ChainClient.quantity(j.path("jUnits"))).append('\n');
      b.append("max price  ").append(j.path("maxPrice").asText()).append(" AIC\n");
      b.append("sla        ").append(ChainClient.quantity(j.path("slaMs"))).append(" ms\n");
      b.append("deadline   slot ")
          .append(ChainClient.quantity(j.path("deadlineSlot")))
          .append('\n');
      if (j.path("provider").isTextual()) {
        b.append("provider   ").append(j.path("provider").asText()).append('\n');
        b.append("bond       ").append(j.path("bond").asText()).append(" AIC\n");
      }
      JsonNode r = j.path("receipt");
      if (r.isObject()) {
        b.append("receipt    ").append(r.path("vcrHash").asText()).append('\n');
        b.append("metered    ").append(ChainClient.quantity(r.path("jUnits"))).append(" J-units\n");
        b.append("window     until slot ")
            .append(ChainClient.quantity(r.path("windowEndSlot")))
            .append('\n');
      }
      JsonNode o = j.path("outcome");
      b.append("outcome    paid ")
          .append(o.path("paid").asText())
          .append(", refunded ")
          .append(o.path("refunded").asText())
          .append(", burned ")
          .append(o.path("burned").asText())
          .append(", rewarded ")
          .append(o.path("rewarded").asText())
          .append(", bond returned ")
          .append(o.path("bondReturned").asText());
      return b.toString();
    }
  }

  @Command(name = "supply", description = "AIC supply: minted, circulating, escrowed, burned.")
  static final class SupplyCmd implements Callable<Integer> {
    @Mixin ChainCommands.Common c;

    @Override
    public Integer call() {
      try (ChainClient client = c.client()) {
        JsonNode s = client.call("aeth_getAicSupply");
        if (s == null || s.isNull()) {
          throw new CliException("this chain has no job escrow");
        }
        List<String> parts = new ArrayList<>();
        s.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asText()));
        c.print(s, String.join("\n", parts));
        return 0;
      }
    }
  }

  // ----------------------------------------------------------------------------- providers

  /** {@code aetherctl provider}. */
  @Command(
      name = "provider",
      description = "Compute providers: register, show, list by reputation, run the daemon.",
      subcommands = {
        Register.class,
        Show.class,
        ListCmd.class,
        dev.aether.cli.provider.DaemonCommand.class
      })
  public static final class ProviderCmd implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  @Command(
      name = "register",
      description =
          "Register (or update) the signing account as a provider: TEE kind, launch measurements,"
              + " minimum TCB, runtime artifacts.")
  static final class Register implements Callable<Integer> {
    @Mixin ChainCommands.Common c;
    @Mixin Signing s;

    @Option(
        names = "--tee",
        required = true,
        paramLabel = "KIND",
        description = "sev-snp, tdx or dev (dev: devnets only)")
    String tee;

    @Option(
        names = "--dev-key",
        paramLabel = "0xKEY|KEYFILE",
        description = "the development TEE's key (--tee dev)")
    Optional<String> devKey;

    @Option(
        names = "--measurement",
        paramLabel = "HEX",
        description = "launch measurement (48 bytes); repeatable (dev default: the artifact's)")
    List<String> measurements = new ArrayList<>();

    @Option(
        names = "--code-hash",
        paramLabel = "HEX",
        description = "runtime artifact it runs; repeatable (default: the artifact's)")
    List<String> codeHashes = new ArrayList<>();

    @Option(
        names = "--min-tcb",
        paramLabel = "HEX",
        description = "minimum TCB: SEV-SNP 5 bytes (fmc, bl, tee, snp, ucode), TDX 16 bytes")
    Optional<String> minTcb;

    @Option(
        names = "--runtime-artifact",
        paramLabel = "FILE",
        description = "artifact whose code hash and dev measurement are the defaults")
    Optional<Path> artifact;

    @Override
    public Integer call() {
      Evidence.Kind kind =
          switch (tee) {
            case "sev-snp" -> Evidence.Kind.SEV_SNP;
            case "tdx" -> Evidence.Kind.TDX;
            case "dev" -> Evidence.Kind.DEV;
            default -> throw new CliException("--tee: sev-snp, tdx or dev", 2);
          };
      List<Bytes> ms = new ArrayList<>();
      List<H256> codes = new ArrayList<>();
      if ((measurements.isEmpty() && kind == Evidence.Kind.DEV) || codeHashes.isEmpty()) {
        Path art =
            artifact
                .or(RuntimeArtifact::current)
                .orElseThrow(
                    () ->
                        new CliException(
                            "the engine was not loaded from a jar: pass --runtime-artifact FILE"
                                + " or --measurement/--code-hash",
                            2));
        if (measurements.isEmpty()) {
          ms.add(Bytes.of(RuntimeArtifact.devMeasurement(art)));
        }
        if (codeHashes.isEmpty()) {
          codes.add(H256.of(RuntimeArtifact.codeHash(art)));
        }
      }
      for (String m : measurements) {
        ms.add(Bytes.of(hex(m, 48, "--measurement")));
      }
      for (String h : codeHashes) {
        codes.add(hash(h, "--code-hash"));
      }
      if (kind == Evidence.Kind.DEV && devKey.isEmpty()) {
        throw new CliException("--tee dev needs --dev-key", 2);
      }
      Ed25519KeyPair key = s.load();
      JobsCalls.Register r =
          new JobsCalls.Register(
              Bytes.of(key.publicKey().bytes()),
              kind,
              ms,
              minTcb.map(t -> Bytes.of(hex(t, -1, "--min-tcb"))),
              devKey.map(k -> Bytes.of(KeyFiles.publicKey(k, "--dev-key"))),
              codes);
      return send(c, s, JobsCalls.register(r));
    }

    private static byte[] hex(String s, int n, String what) {
      try {
        return Hashing.unhex(s, n, what);
      } catch (MeshException e) {
        throw new CliException(what + ": " + e.getMessage(), 2);
      }
    }
  }

  @Command(name = "show", description = "A provider's registration and reputation.")
  static final class Show implements Callable<Integer> {
    @Mixin ChainCommands.Common c;

    @Option(names = "--provider", paramLabel = "0xADDR", description = "default: --key's account")
    Optional<String> provider;

    @Option(names = "--key", paramLabel = "FILE", defaultValue = "${env:AETHER_KEY}")
    Path key;

    @Override
    public Integer call() {
      Address a =
          provider
              .map(ChainClient::parseAddress)
              .orElseGet(
                  () -> {
                    if (key == null) {
                      throw new CliException("pass --provider 0xADDR or --key FILE", 2);
                    }
                    return Address.ofPublicKey(ChainClient.loadKey(key).publicKey().bytes());
                  });
      try (ChainClient client = c.client()) {
        JsonNode p = client.call("aeth_getProvider", a.toString());
        if (p == null || p.isNull()) {
          throw new CliException("no provider " + a);
        }
        c.print(p, human(p));
        return 0;
      }
    }
  }

  static String human(JsonNode p) {
    JsonNode r = p.path("reputation");
    return p.path("address").asText()
        + (p.path("registered").asBoolean()
            ? " " + p.path("teeKind").asText()
            : " (not registered)")
        + "\n  settled "
        + ChainClient.quantity(r.path("jobsSettled"))
        + ", SLA met "
        + ChainClient.quantity(r.path("slaMet"))
        + ", disputes lost "
        + ChainClient.quantity(r.path("disputesLost"))
        + ", deadlines missed "
        + ChainClient.quantity(r.path("deadlinesMissed"))
        + ", challenges survived "
        + ChainClient.quantity(r.path("challengesSurvived"))
        + ", volume "
        + r.path("volume").asText()
        + " AIC";
  }

  @Command(name = "list", description = "Registered providers, best reputation first.")
  static final class ListCmd implements Callable<Integer> {
    @Mixin ChainCommands.Common c;

    @Override
    public Integer call() {
      try (ChainClient client = c.client()) {
        JsonNode ps = client.call("aeth_getProviders");
        List<String> lines = new ArrayList<>();
        int rank = 1;
        for (JsonNode p : ps) {
          lines.add(rank++ + ". " + human(p));
        }
        c.print(ps, lines.isEmpty() ? "no providers" : String.join("\n", lines));
        return 0;
      }
    }
  }
}
