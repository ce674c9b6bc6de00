package dev.aether.cli.tee;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aether.cli.CliException;
import dev.aether.verifiers.tee.Collateral;
import dev.aether.verifiers.tee.Evidence;
import dev.aether.verifiers.tee.Policy;
import dev.aether.verifiers.tee.Reason;
import dev.aether.verifiers.tee.TeeException;
import dev.aether.verifiers.tee.TeeVerifier;
import dev.aether.verifiers.tee.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aetherctl tee verify}: verifies an SEV-SNP report, TDX quote or development quote and
 * prints the verdict. Exit 0 valid, 1 invalid (a check failed), 2 bad input (unreadable files, bad
 * arguments, or evidence that does not parse).
 */
@Command(
    name = "verify",
    description = {
      "Verify TEE evidence to the vendor roots pinned in aetherctl.",
      "Exit 0 valid, 1 invalid, 2 bad input (including evidence that does not parse)."
    })
public final class TeeVerifyCommand implements Callable<Integer> {

  static final int VALID = 0;
  static final int INVALID = 1;
  static final int BAD_INPUT = 2;

  /** Largest file read from disk; evidence and certificates are far smaller. */
  private static final long MAX_FILE = 1 << 20;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--quote",
      required = true,
      paramLabel = "FILE",
      description = "SEV-SNP report, TDX quote or development quote (binary)")
  Path quote;

  @ArgGroup(exclusive = true)
  Certs certs;

  /** Either one endorsement certificate or a directory of certificates. */
  static final class Certs {
    @Option(
        names = "--vcek",
        paramLabel = "FILE",
        description = "SEV-SNP VCEK or VLEK certificate (DER or PEM)")
    Path vcek;

    @Option(
        names = "--certs",
        paramLabel = "DIR",
        description = "directory whose files are certificates (VCEK/VLEK, ASK, ARK; DER or PEM)")
    Path dir;
  }

  @Option(
      names = "--report-data",
      paramLabel = "HEX",
      description = "expected REPORT_DATA, up to 64 bytes, zero-padded on the right")
  String reportData;

  @Option(
      names = "--at",
      paramLabel = "ISO",
      description =
          "check certificates as of this instant, e.g. 2024-01-01T00:00:00Z (default now)")
  String at;

  @Option(names = "--allow-debug", description = "accept debuggable guests")
  boolean allowDebug;

  @Option(
      names = "--allow-dev",
      paramLabel = "0xKEY|KEYFILE",
      description =
          "accept development quotes (NOT hardware-backed; devnet only) signed by this Ed25519"
              + " key (32 bytes hex, or a key file); repeatable. No key is trusted unless named")
  List<String> allowDev = new ArrayList<>();

  @Option(
      names = "--allow-smt",
      description =
          "SEV-SNP: accept a guest whose POLICY allows SMT or whose host has SMT enabled"
              + " (refused by default)")
  boolean allowSmt;

  @Option(
      names = "--allow-migration-agent",
      description = "SEV-SNP: accept a guest whose POLICY allows a migration agent")
  boolean allowMigrationAgent;

  @Option(
      names = "--require-single-socket",
      description = "SEV-SNP: demand POLICY.SINGLE_SOCKET (the guest runs on one socket only)")
  boolean requireSingleSocket;

  @Option(
      names = "--min-guest-svn",
      paramLabel = "N",
      defaultValue = "0",
      description = "SEV-SNP: lowest GUEST_SVN accepted (default 0)")
  long minGuestSvn;

  @Option(
      names = "--allow-missing-collateral",
      description =
          "TDX: accept a quote without --tcb-info and --qe-identity; the TCB status is then not"
              + " evaluated and the output says so (required by default)")
  boolean allowMissingCollateral;

  @Option(
      names = "--measurement",
      paramLabel = "HEX",
      description = "allowed launch measurement (MEASUREMENT / MRTD); repeatable")
  List<String> measurements = new ArrayList<>();

  @Option(
      names = "--max-vmpl",
      paramLabel = "N",
      defaultValue = "0",
      description = "SEV-SNP: highest VMPL accepted (default 0)")
  int maxVmpl;

  @Option(
      names = "--crl",
      paramLabel = "FILE",
      description = "CRL (DER or PEM) issued by a CA on the chain; repeatable")
  List<Path> crls = new ArrayList<>();

  @Option(
      names = "--tcb-info",
      paramLabel = "FILE",
      description = "TDX: Intel PCS tcbInfo response body (JSON); needs --pcs-chain")
  Path tcbInfo;

  @Option(
      names = "--qe-identity",
      paramLabel = "FILE",
      description = "TDX: Intel PCS qe/identity response body (JSON); needs --pcs-chain")
  Path qeIdentity;

  @Option(
      names = "--pcs-chain",
      paramLabel = "FILE",
      description =
          "TDX: PEM issuer chain of --tcb-info/--qe-identity (Intel SGX TCB Signing, root)")
  Path tcbInfoChain;

  @Option(
      names = "--tcb-status",
      paramLabel = "STATUS",
      description =
          "TDX: accepted tcbStatus of the platform's TCB level (default UpToDate); repeatable")
  List<String> tcbStatuses = new ArrayList<>();

  @Option(names = "--json", description = "print the verdict as JSON")
  boolean json;

  @Override
  public Integer call() {
    final byte[] evidence = read(quote, "quote");
    final Collateral collateral = collateral();
    final Optional<byte[]> expected = Optional.ofNullable(reportData).map(this::reportData);
    final Instant instant = instant();
    final Policy policy = policy();
    final Verdict verdict =
        new TeeVerifier().verify(evidence, collateral, policy, expected, instant);
    print(verdict, instant, policy);
    return switch (verdict) {
      case Verdict.Valid v -> VALID;
      case Verdict.Invalid i -> i.reason().group() == Reason.Group.FORMAT ? BAD_INPUT : INVALID;
    };
  }

  private Policy policy() {
    try {
      final Policy base =
          tcbStatuses.isEmpty()
              ? Policy.strict()
              : Policy.strict().withAcceptedTcbStatuses(Set.copyOf(tcbStatuses));
      return base.withAllowDebug(allowDebug)
          .withDevAttestations(!allowDev.isEmpty(), devKeys())
          .withAllowedMeasurements(Set.copyOf(measurements))
          .withMaxVmpl(maxVmpl)
          .withSnpGuest(
              new Policy.SnpGuestRules(
                  allowMigrationAgent, allowSmt, requireSingleSocket, minGuestSvn))
          .withRequireTdxCollateral(!allowMissingCollateral);
    } catch (IllegalArgumentException e) {
      throw new CliException("bad policy option: " + e.getMessage(), BAD_INPUT);
    }
  }

  private Set<String> devKeys() {
    final Set<String> keys = new java.util.TreeSet<>();
    for (final String k : allowDev) {
      keys.add(
          java.util.HexFormat.of().formatHex(dev.aether.cli.KeyFiles.publicKey(k, "--allow-dev")));
    }
    return keys;
  }

  private Instant instant() {
    if (at == null) {
      return Instant.now();
    }
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new CliException(
          "--at: not an ISO-8601 instant (e.g. 2024-01-01T00:00:00Z): " + at, BAD_INPUT);
    }
  }

  private byte[] reportData(final String hex) {
    final String h = hex.startsWith("0x") ? hex.substring(2) : hex;
    final byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(h);
    } catch (IllegalArgumentException e) {
      throw new CliException("--report-data: not hex", BAD_INPUT);
    }
    if (bytes.length > 64) {
      throw new CliException("--report-data: more than 64 bytes", BAD_INPUT);
    }
    return java.util.Arrays.copyOf(bytes, 64);
  }

  private Collateral collateral() {
    final List<byte[]> files = new ArrayList<>();
    if (certs != null && certs.vcek != null) {
      files.add(read(certs.vcek, "--vcek"));
    }
    if (certs != null && certs.dir != null) {
      if (!Files.isDirectory(certs.dir)) {
        throw new CliException("--certs: not a directory: " + certs.dir, BAD_INPUT);
      }
      try (Stream<Path> s = Files.list(certs.dir)) {
        // Sorted so the same directory always gives the same collateral order.
        for (final Path p :
            s.filter(Files::isRegularFile)
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .sorted()
                .toList()) {
          files.add(read(p, "--certs"));
        }
      } catch (IOException e) {
        throw new CliException("--certs: cannot list " + certs.dir, BAD_INPUT);
      }
    }
    final boolean pcsDocs = tcbInfo != null || qeIdentity != null;
    if (pcsDocs != (tcbInfoChain != null)) {
      throw new CliException("--tcb-info/--qe-identity and --pcs-chain go together", BAD_INPUT);
    }
    final List<byte[]> crlFiles = new ArrayList<>();
    for (final Path p : crls) {
      crlFiles.add(read(p, "--crl"));
    }
    try {
      Collateral c = Collateral.ofCertificates(files).withCrls(crlFiles);
      if (tcbInfo != null) {
        c =
            c.withTcbInfo(
                new Collateral.PcsDocument(
                    read(tcbInfo, "--tcb-info"), read(tcbInfoChain, "--pcs-chain")));
      }
      if (qeIdentity != null) {
        c =
            c.withQeIdentity(
                new Collateral.PcsDocument(
                    read(qeIdentity, "--qe-identity"), read(tcbInfoChain, "--pcs-chain")));
      }
      return c;
    } catch (TeeException e) {
      throw new CliException("collateral: " + e.getMessage(), BAD_INPUT);
    }
  }

  private static byte[] read(final Path file, final String what) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new CliException(what + ": cannot read " + file, BAD_INPUT);
      }
      if (Files.size(file) > MAX_FILE) {
        throw new CliException(what + ": " + file + " is larger than 1 MiB", BAD_INPUT);
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliException(what + ": cannot read " + file, BAD_INPUT);
    }
  }

  private void print(final Verdict verdict, final Instant instant, final Policy policy) {
    final PrintWriter out = spec.commandLine().getOut();
    if (json) {
      try {
        final Map<String, Object> m = toJson(verdict, instant);
        m.put("trusted_dev_keys", List.copyOf(policy.trustedDevKeys()));
        out.println(
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
      } catch (IOException e) {
        throw new CliException("cannot write JSON: " + e.getMessage(), INVALID);
      }
      return;
    }
    switch (verdict) {
      case Verdict.Valid v -> {
        out.println("VALID " + v.evidence().kind() + " (as of " + instant + ")");
        v.checks().forEach(c -> out.println("  ok  " + c));
        printFields(out, v.evidence());
      }
      case Verdict.Invalid i -> {
        out.println("INVALID " + i.reason().code() + ": " + i.detail());
        i.evidence().ifPresent(e -> printFields(out, e));
      }
    }
    if (!policy.trustedDevKeys().isEmpty()) {
      out.println(
          "trusted development keys (NOT hardware-backed): "
              + String.join(", ", policy.trustedDevKeys()));
    }
  }

  private static void printFields(final PrintWriter out, final Evidence e) {
    out.println("fields:");
    e.fields().forEach((k, v) -> out.println("  " + k + ": " + v));
  }

  private static Map<String, Object> toJson(final Verdict verdict, final Instant instant) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid", verdict.isValid());
    m.put("at", instant.toString());
    switch (verdict) {
      case Verdict.Valid v -> {
        m.put("kind", v.evidence().kind().name());
        m.put("checks", v.checks());
        m.put("fields", v.evidence().fields());
      }
      case Verdict.Invalid i -> {
        m.put("reason", i.reason().code());
        m.put("group", i.reason().group().name());
        m.put("detail", i.detail());
        i.evidence()
            .ifPresent(
                e -> {
                  m.put("kind", e.kind().name());
                  m.put("fields", e.fields());
                });
      }
    }
    return m;
  }
}
