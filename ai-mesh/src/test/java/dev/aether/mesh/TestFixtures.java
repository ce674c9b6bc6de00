package dev.aether.mesh;

import dev.aether.mesh.engine.Engine;
import dev.aether.mesh.engine.Parallelism;
import dev.aether.mesh.model.ModelRegistry;
import dev.aether.mesh.trace.KzgVectorCommitment;
import dev.aether.verifiers.tee.Collateral;
import dev.aether.verifiers.tee.Policy;
import dev.aether.verifiers.tee.TeeVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Set;

/** Shared, expensive-to-build objects for the tests (one KZG setup per test JVM). */
final class TestFixtures {
  static final KzgVectorCommitment KZG = new KzgVectorCommitment();
  static final ModelRegistry MODELS = ModelRegistry.bundled();
  static final Engine ENGINE = new Engine(Parallelism.serial());
  static final Ed25519Key PROVIDER_KEY = Ed25519Key.fromSeed(bytes(0x11));
  static final DevAttester ATTESTER = new DevAttester(bytes(0x22));
  static final Policy DEVNET =
      Policy.strict().withDevAttestations(true, Set.of(ATTESTER.publicKeyHex()));
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
  static final byte[] JOB_ID =
      HexFormat.of().parseHex("0102030405060708091011121314151617181920212223242526272829303132");

  private TestFixtures() {}

  static byte[] bytes(int fill) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) fill);
    return b;
  }

  static ProviderRuntime provider() {
    return new ProviderRuntime(MODELS, ENGINE, KZG, PROVIDER_KEY, ATTESTER);
  }

  static VcrValidator validator(
      dev.aether.mesh.model.ModelRegistry models,
      dev.aether.mesh.trace.VectorCommitment commitment,
      Policy policy) {
    return new VcrValidator(
        models, commitment, new TeeVerifier(), policy, Collateral.none(), CLOCK);
  }

  static Job sampleJob(String modelName, long seed) {
    ModelRegistry.Entry e = MODELS.resolve(modelName);
    return new Job(JOB_ID, e.model().modelHashHex(), e.sampleInput(), seed);
  }
}
