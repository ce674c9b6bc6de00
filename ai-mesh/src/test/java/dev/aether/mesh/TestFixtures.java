package dev.aether.mesh;

import dev.aether.compute.engine.Engine;
import dev.aether.compute.engine.Parallelism;
import dev.aether.compute.proof.JobTerms;
import dev.aether.compute.proof.ProviderTerms;
import dev.aether.compute.trace.KzgVectorCommitment;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.types.Address;
import dev.aether.types.H256;
import dev.aether.verifiers.tee.Evidence;
import dev.aether.verifiers.tee.Policy;
import dev.aether.verifiers.tee.TeeVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Shared, expensive-to-build objects for the tests (one KZG setup per test JVM). */
final class TestFixtures {
  static final KzgVectorCommitment KZG = new KzgVectorCommitment();
  static final ModelRegistry MODELS = ModelRegistry.bundled();
  static final Engine ENGINE = new Engine(Parallelism.serial());
  static final Ed25519Key PROVIDER_KEY = Ed25519Key.fromSeed(bytes(0x11));

  /** Stands in for the runtime jar: tests run from class folders, not from the jar. */
  static final byte[] ARTIFACT = "aether-compute test artifact".getBytes(StandardCharsets.UTF_8);

  static final byte[] CODE_HASH = RuntimeArtifact.codeHash(ARTIFACT);
  static final byte[] MEASUREMENT = RuntimeArtifact.devMeasurement(ARTIFACT);
  static final DevAttester ATTESTER = new DevAttester(bytes(0x22), MEASUREMENT);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
  static final byte[] JOB_ID =
      HexFormat.of().parseHex("0102030405060708091011121314151617181920212223242526272829303132");

  private TestFixtures() {}

  static byte[] bytes(int fill) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) fill);
    return b;
  }

  static byte[] sha256(byte[] data) {
    return Hashing.sha256(data);
  }

  static ProviderRuntime provider() {
    return new ProviderRuntime(MODELS, ENGINE, KZG, PROVIDER_KEY, ATTESTER, CODE_HASH);
  }

  /** The policy a devnet builds from this provider's registration: its dev key and measurement. */
  static Policy devPolicy() {
    return Policy.strict()
        .withDevAttestations(true, Set.of(ATTESTER.publicKeyHex()))
        .withAllowedMeasurements(Set.of(HexFormat.of().formatHex(MEASUREMENT)));
  }

  /** The provider's registered terms. */
  static ProviderTerms providerTerms() {
    return new ProviderTerms(
        PROVIDER_KEY.publicKey(), Evidence.Kind.DEV, devPolicy(), List.of(H256.of(CODE_HASH)));
  }

  /** The terms of {@code job} as posted and accepted by the fixture provider. */
  static JobTerms terms(Job job) {
    return new JobTerms(
        H256.of(job.jobId()),
        Address.ofPublicKey(PROVIDER_KEY.publicKey()),
        H256.fromHex("0x" + job.modelHash()),
        H256.of(CODE_HASH),
        Optional.empty(),
        Optional.of(job.seed()),
        1_000);
  }

  static VcrValidator validator() {
    return new VcrValidator(KZG, new TeeVerifier(), CLOCK);
  }

  static Job sampleJob(String modelName, long seed) {
    ModelRegistry.Entry e = MODELS.resolve(modelName);
    return new Job(JOB_ID, e.model().modelHashHex(), e.sampleInput(), seed);
  }
}
