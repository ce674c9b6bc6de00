package dev.aether.programs.jobs;

import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Ops;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.engine.Step;
import dev.aether.compute.engine.StepObserver;
import dev.aether.compute.engine.Tensor;
import dev.aether.compute.model.ModelCommitment;
import dev.aether.compute.model.ModelHeader;
import dev.aether.compute.model.TestModels;
import dev.aether.compute.model.WeightSlice;
import dev.aether.compute.model.WeightsFile;
import dev.aether.compute.proof.FraudProof;
import dev.aether.compute.proof.Meter;
import dev.aether.compute.proof.ModelProgram;
import dev.aether.compute.proof.StepEvidence;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.compute.proof.VerifyCosts;
import dev.aether.compute.trace.KzgVectorCommitment;
import dev.aether.compute.trace.TraceRecorder;
import dev.aether.compute.trace.VectorCommitment;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Opening;
import dev.aether.types.Vcr;
import dev.aether.verifiers.tee.DevTeeSigner;
import dev.aether.verifiers.tee.Evidence;
import dev.aether.verifiers.tee.TeeBinding;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider built from the compute core alone (the programs module may not use the AI mesh): runs
 * a small MLP with the real engine, commits its trace with KZG, signs and attests receipts with a
 * development TEE key, and builds fraud proofs. Traces and their commitments do not depend on the
 * job id, so each (honest or falsified) run is computed once and re-signed per job.
 */
final class TestProvider {
  static final KzgVectorCommitment KZG = new KzgVectorCommitment();
  static final WeightsFile.Contents MODEL = WeightsFile.parse(TestModels.mlpFile(3));
  static final ModelHeader HEADER = ModelHeader.of(MODEL.metadata(), MODEL.weights());
  static final H256 ROOT = ModelCommitment.weightsRoot(HEADER, MODEL.weights());
  static final H256 MODEL_HASH = ModelCommitment.modelHash(HEADER, ROOT);
  static final ModelProgram PROGRAM = ModelProgram.derive(HEADER, ROOT, VerifyCosts.V1, Meter.NONE);
  static final byte[] INPUT = "1 2 3 4 5 6 7 8".getBytes(StandardCharsets.US_ASCII);
  static final byte[] ARTIFACT = "programs test runtime artifact".getBytes(StandardCharsets.UTF_8);
  static final H256 CODE_HASH = Hashing.sha256(ARTIFACT);
  static final byte[] MEASUREMENT = sha384(ARTIFACT);
  static final long SEED = 42;

  private static final Map<Integer, Run> RUNS = new ConcurrentHashMap<>();

  final Ed25519KeyPair key;
  final DevTeeSigner tee;

  TestProvider(String name) {
    this.key =
        Ed25519KeyPair.fromSeed(
            Hashing.tagged("test/provider", name.getBytes(StandardCharsets.US_ASCII)).toArray());
    this.tee = devSigner(name);
  }

  Address address() {
    return Address.ofPublicKey(key.publicKey().bytes());
  }

  /** The registration: its key, the dev TEE, the artifact's measurement and code hash. */
  JobsCalls.Register registration() {
    return new JobsCalls.Register(
        Bytes.of(key.publicKey().bytes()),
        Evidence.Kind.DEV,
        List.of(Bytes.of(MEASUREMENT)),
        Optional.empty(),
        Optional.of(Bytes.of(tee.publicKey())),
        List.of(CODE_HASH));
  }

  /** A run of the model, honest ({@code falsified = 0}) or with that step's output falsified. */
  record Run(List<Tensor> outputs, List<H256> leaves, VectorCommitment.Committed committed) {
    private static final Map<String, Opening> OPENINGS = new ConcurrentHashMap<>();

    /** Opening {@code i} (each computed once: a KZG proof costs tens of milliseconds). */
    Opening open(int i) {
      return OPENINGS.computeIfAbsent(
          java.util.HexFormat.of().formatHex(committed.commitment()) + "/" + i,
          k -> committed.open(i));
    }
  }

  static Run run(int falsified) {
    return RUNS.computeIfAbsent(
        falsified,
        f -> {
          Optional<Engine.Tamper> t =
              f == 0 ? Optional.empty() : Optional.of(Engine.Tamper.flipFirst(f));
          List<Tensor> outs =
              new Engine(Parallelism.serial())
                  .run(
                      PROGRAM.program(),
                      MODEL.weights(),
                      PROGRAM.architecture().encodeInput(INPUT),
                      SEED,
                      StepObserver.NONE,
                      t);
          List<H256> leaves = new ArrayList<>();
          List<byte[]> raw = new ArrayList<>();
          for (Tensor o : outs) {
            byte[] l = TraceRecorder.leaf(o);
            leaves.add(H256.of(l));
            raw.add(l);
          }
          return new Run(outs, leaves, KZG.commit(raw));
        });
  }

  /** The published receipt of job {@code jobId} from a run. */
  VcrSubmission publish(H256 jobId, int falsified) {
    Run r = run(falsified);
    List<Tensor> outs = r.outputs();
    byte[] commitment = r.committed().commitment();
    byte[] reportData =
        new TeeBinding(
                jobId.toArray(),
                outs.getFirst().sha256(),
                MODEL_HASH.toArray(),
                CODE_HASH.toArray(),
                SEED,
                outs.getLast().sha256(),
                commitment,
                key.publicKey().bytes())
            .reportData();
    Vcr unsigned =
        new Vcr(
            jobId,
            address(),
            H256.of(outs.getFirst().sha256()),
            MODEL_HASH,
            CODE_HASH,
            SEED,
            H256.of(outs.getLast().sha256()),
            Bytes.of(tee.quote(MEASUREMENT, reportData)),
            Optional.of(Bytes.of(commitment)),
            Optional.empty(),
            Bytes.of(new byte[64]));
    Vcr vcr = unsigned.withSig(Bytes.of(key.sign(unsigned.signingBytes()).bytes()));
    return new VcrSubmission(
        vcr,
        HEADER,
        ROOT,
        r.leaves(),
        Bytes.of(r.committed().dataProof()),
        evidence(outs, PROGRAM.length() - 1),
        List.of());
  }

  /** The proof that step {@code step} of a run is false (or, for an honest run, a losing claim). */
  static FraudProof proof(H256 jobId, int falsifiedRun, int step) {
    Run r = run(falsifiedRun);
    // Inputs are the honest outputs: before the first divergent step they are the provider's.
    List<Tensor> honest = run(0).outputs();
    Step s = PROGRAM.program().step(step);
    List<Opening> inputs = new ArrayList<>();
    for (int ref : s.inputs()) {
      inputs.add(r.open(ref));
    }
    return new FraudProof(jobId, HEADER, ROOT, step, r.open(step), inputs, evidence(honest, step));
  }

  static StepEvidence evidence(List<Tensor> outputs, int step) {
    Step s = PROGRAM.program().step(step);
    List<Tensor> ins = new ArrayList<>();
    for (int ref : s.inputs()) {
      ins.add(outputs.get(ref));
    }
    List<WeightSlice> w = new ArrayList<>();
    for (String n : Ops.weightNames(s.op())) {
      w.add(ModelCommitment.slice(HEADER, MODEL.weights(), n));
    }
    return new StepEvidence(ins, w);
  }

  private static DevTeeSigner devSigner(String name) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      SecureRandom rnd = SecureRandom.getInstance("SHA1PRNG");
      rnd.setSeed(("tee/" + name).getBytes(StandardCharsets.US_ASCII));
      g.initialize(255, rnd);
      return new DevTeeSigner(g.generateKeyPair());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha384(byte[] b) {
    try {
      return java.security.MessageDigest.getInstance("SHA-384").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
