package dev.aether.cli.mesh;

import dev.aether.cli.CliException;
import dev.aether.cli.KeyFiles;
import dev.aether.compute.proof.JobTerms;
import dev.aether.compute.proof.ProviderTerms;
import dev.aether.compute.proof.ReceiptVerdict;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.compute.trace.KzgVectorCommitment;
import dev.aether.mesh.Hashing;
import dev.aether.mesh.RuntimeArtifact;
import dev.aether.mesh.VcrJson;
import dev.aether.mesh.VcrValidator;
import dev.aether.types.Address;
import dev.aether.types.H256;
import dev.aether.verifiers.tee.Evidence;
import dev.aether.verifiers.tee.Policy;
import dev.aether.verifiers.tee.TeeException;
import dev.aether.verifiers.tee.TeeVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aetherctl mesh verify-vcr vcr.json}: checks a published receipt without re-running the
 * job, with the same code the job-escrow program runs. Off chain there is no registration to read,
 * so the terms come from options: the job ({@code --job}, default the receipt's own), the provider
 * key ({@code --provider-key}, default the key the evidence vouches for), the launch measurements
 * and code hash (default: those of the runtime artifact this aetherctl runs) and the development
 * TEE keys to trust ({@code --allow-dev}; none by default — a development quote from a key nobody
 * named proves nothing).
 */
@Command(
    name = "verify-vcr",
    description =
        "Check a published VCR: terms, signature, trace, TEE quote and binding, last step.")
final class VerifyVcrCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "VCR", description = "vcr.json")
  Path file;

  @Option(names = "--job", paramLabel = "0xJOB", description = "The job it must answer.")
  Optional<String> job;

  @Option(
      names = "--provider-key",
      paramLabel = "0xKEY|KEYFILE",
      description = "The provider's registered Ed25519 key (default: the one the quote names).")
  Optional<String> providerKey;

  @Option(
      names = "--allow-dev",
      paramLabel = "0xKEY|KEYFILE",
      description = "Trust development TEE quotes from this key (devnet only); repeatable.")
  List<String> allowDev = new ArrayList<>();

  @Option(
      names = "--measurement",
      paramLabel = "HEX",
      description = "Allowed launch measurement; repeatable (default: the runtime artifact's).")
  List<String> measurements = new ArrayList<>();

  @Option(
      names = "--code-hash",
      paramLabel = "HEX",
      description = "Allowed code_hash; repeatable (default: the runtime artifact's).")
  List<String> codeHashes = new ArrayList<>();

  @Option(
      names = "--runtime-artifact",
      paramLabel = "FILE",
      description = "Runtime artifact whose measurement and code_hash are the defaults.")
  Optional<Path> artifact;

  @Option(names = "--hardware-only", description = "Refuse development TEE quotes.")
  boolean hardwareOnly;

  @Override
  public Integer call() {
    VcrSubmission sub = load(file);
    Evidence evidence;
    try {
      evidence = TeeVerifier.parse(sub.vcr().teeQuote().toArray());
    } catch (TeeException e) {
      return report(
          spec,
          new ReceiptVerdict.Rejected(
              dev.aether.compute.proof.ReceiptRejection.QUOTE,
              e.reason().code() + ": " + e.getMessage()));
    }
    byte[] key =
        providerKey
            .map(k -> KeyFiles.publicKey(k, "--provider-key"))
            .orElseGet(() -> Arrays.copyOfRange(evidence.reportData(), 32, 64));
    Set<String> ms = new TreeSet<>();
    List<H256> codes = new ArrayList<>();
    if (measurements.isEmpty() || codeHashes.isEmpty()) {
      Path art = MeshOptions.artifact(artifact);
      if (measurements.isEmpty()) {
        ms.add(Hashing.hex(RuntimeArtifact.devMeasurement(art)));
      }
      if (codeHashes.isEmpty()) {
        codes.add(H256.of(RuntimeArtifact.codeHash(art)));
      }
    }
    for (String m : measurements) {
      ms.add(hex(m, -1, "--measurement"));
    }
    for (String c : codeHashes) {
      codes.add(H256.fromHex("0x" + hex(c, 32, "--code-hash")));
    }
    Set<String> dev = new TreeSet<>();
    if (!hardwareOnly) {
      for (String k : allowDev) {
        dev.add(HexFormat.of().formatHex(KeyFiles.publicKey(k, "--allow-dev")));
      }
    }
    Policy policy =
        Policy.strict().withAllowedMeasurements(ms).withDevAttestations(!dev.isEmpty(), dev);
    ProviderTerms provider = new ProviderTerms(key, evidence.kind(), policy, codes);
    H256 jobId = job.map(j -> H256.fromHex("0x" + hex(j, 32, "--job"))).orElse(sub.vcr().jobId());
    JobTerms terms =
        new JobTerms(
            jobId,
            Address.ofPublicKey(key),
            sub.vcr().modelHash(),
            sub.vcr().codeHash(),
            Optional.empty(),
            Optional.empty(),
            Long.MAX_VALUE);
    try (KzgVectorCommitment kzg = new KzgVectorCommitment()) {
      // Certificates in hardware quotes are judged valid as of now (a CLI, not consensus).
      VcrValidator validator = new VcrValidator(kzg, new TeeVerifier(), Clock.systemUTC());
      return report(spec, validator.validate(sub, terms, provider));
    }
  }

  private static String hex(String s, int bytes, String what) {
    try {
      return Hashing.hex(Hashing.unhex(s, bytes, what));
    } catch (RuntimeException e) {
      throw new CliException(what + ": not " + (bytes < 0 ? "" : bytes + " bytes of ") + "hex", 2);
    }
  }

  static VcrSubmission load(Path file) {
    String json = new String(MeshCommand.read(file), StandardCharsets.UTF_8);
    return MeshCommand.guard(() -> VcrJson.read(json));
  }

  static int report(CommandLine.Model.CommandSpec spec, ReceiptVerdict verdict) {
    return switch (verdict) {
      case ReceiptVerdict.Accepted a -> {
        spec.commandLine()
            .getOut()
            .println("valid (" + a.traceLength() + " steps, " + a.jUnits() + " J-units)");
        yield 0;
      }
      case ReceiptVerdict.Rejected r -> {
        spec.commandLine().getErr().println("rejected: " + r.reason().code() + ": " + r.detail());
        yield MeshCommand.FRAUD;
      }
    };
  }
}
