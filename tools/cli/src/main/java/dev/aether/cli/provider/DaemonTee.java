package dev.aether.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.cli.CliException;
import dev.aether.cli.KeyFiles;
import dev.aether.compute.proof.CollateralFiles;
import dev.aether.mesh.Attester;
import dev.aether.mesh.DevAttester;
import dev.aether.mesh.MeshException;
import dev.aether.mesh.RuntimeArtifact;
import dev.aether.mesh.tee.ConfigfsTsmAttester;
import dev.aether.mesh.tee.SevGuestAttester;
import dev.aether.mesh.tee.TeeProbe;
import dev.aether.mesh.tee.TeeSelector;
import dev.aether.mesh.tee.TeeSelfCheck;
import dev.aether.types.Bytes;
import dev.aether.verifiers.tee.TeeException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses and opens a provider daemon's TEE at start ({@code tee}, {@code tee_key}, {@code
 * tee_collateral}; docs/ai-providers.md, ADR 0024): probes the machine, asks {@link TeeSelector},
 * and for hardware takes one quote over a fresh nonce and checks it as the chain will ({@link
 * TeeSelfCheck}) — the measurement it reports is what the daemon registers. Every refusal is one
 * line and exit 1; a bad {@code tee_collateral} file is exit 2.
 */
final class DaemonTee {
  /** Most extra collateral files (the verifier accepts 16 in all; the host's table adds 3 or 4). */
  static final int MAX_FILES = 12;

  /** Largest collateral file (the verifier's per-file limit). */
  static final int MAX_FILE = 64 * 1024;

  /**
   * Where the TEE interfaces are.
   *
   * @param configfs configfs-tsm's report directory
   * @param sevGuest the SEV-SNP guest device
   */
  record Paths(Path configfs, Path sevGuest) {
    static Paths system() {
      return new Paths(ConfigfsTsmAttester.DEFAULT_ROOT, SevGuestAttester.DEFAULT_DEVICE);
    }
  }

  private DaemonTee() {}

  /**
   * The provider's TEE.
   *
   * @param c the daemon's config
   * @param jobParams the chain's {@code aeth_getJobParams} (development TEE allowed, time origin)
   * @param finalizedSlot the last finalized slot (the chain's time for certificates)
   * @param artifact the runtime artifact (the development TEE's measurement)
   * @param paths where to look for hardware
   * @param nonce 64 fresh bytes for the start-up quote
   */
  static ProviderTee open(
      DaemonConfig c,
      JsonNode jobParams,
      long finalizedSlot,
      Path artifact,
      Paths paths,
      Supplier<byte[]> nonce) {
    List<Bytes> extra = collateral(c.teeCollateral());
    boolean allowDev = jobParams.path("allowDevTee").asBoolean(false);
    try {
      TeeProbe probe = TeeProbe.of(paths.configfs(), paths.sevGuest());
      TeeSelector.Choice choice =
          TeeSelector.choose(c.tee(), probe, allowDev, c.teeKey().isPresent());
      Attester hw;
      String what;
      switch (choice) {
        case TeeSelector.Choice.Dev d -> {
          return ProviderTee.dev(
              new DevAttester(
                  KeyFiles.ed25519(c.teeKey().orElseThrow()).seed(),
                  RuntimeArtifact.devMeasurement(artifact)));
        }
        case TeeSelector.Choice.Configfs f -> {
          hw = new ConfigfsTsmAttester(paths.configfs(), f.kind(), extra);
          what = f.kind() + " through configfs-tsm at " + paths.configfs();
        }
        case TeeSelector.Choice.SevGuest s -> {
          hw = new SevGuestAttester(paths.sevGuest(), extra);
          what = "SEV_SNP through " + paths.sevGuest();
        }
      }
      Instant at = chainTime(jobParams, finalizedSlot);
      byte[] m = TeeSelfCheck.measurement(hw, nonce.get(), at);
      return new ProviderTee(
          hw, m, Optional.empty(), what + ", measurement 0x" + HexFormat.of().formatHex(m));
    } catch (MeshException e) {
      throw new CliException("tee: " + e.getMessage(), 1);
    }
  }

  /** The instant the chain judges certificates at: {@code time_origin_ms + slot × slot_ms}. */
  static Instant chainTime(JsonNode jobParams, long slot) {
    BigInteger ms =
        new BigInteger(jobParams.path("timeOriginMs").asText("0"))
            .add(
                BigInteger.valueOf(slot)
                    .multiply(new BigInteger(jobParams.path("slotMs").asText("0"))));
    return Instant.ofEpochMilli(ms.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact());
  }

  /** The configured collateral files, each checked as a receipt's verifier will read it. */
  static List<Bytes> collateral(List<Path> files) {
    if (files.size() > MAX_FILES) {
      throw new CliException("config: tee_collateral: at most " + MAX_FILES + " files", 2);
    }
    List<Bytes> out = new ArrayList<>();
    for (Path f : files) {
      byte[] b;
      try (InputStream in = Files.newInputStream(f)) {
        b = in.readNBytes(MAX_FILE + 1);
      } catch (IOException e) {
        throw new CliException(
            "config: tee_collateral: cannot read " + f + ": " + e.getMessage(), 2);
      }
      if (b.length > MAX_FILE || b.length == 0) {
        throw new CliException(
            "config: tee_collateral: " + f + " must hold 1.." + MAX_FILE + " bytes", 2);
      }
      try {
        CollateralFiles.parse(List.of(b));
      } catch (TeeException e) {
        throw new CliException("config: tee_collateral: " + f + ": " + e.getMessage(), 2);
      }
      out.add(Bytes.of(b));
    }
    return out;
  }
}
