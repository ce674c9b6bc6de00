package dev.aether.mesh.tee;

import dev.aether.compute.proof.CollateralFiles;
import dev.aether.mesh.Attestation;
import dev.aether.mesh.Attester;
import dev.aether.mesh.MeshException;
import dev.aether.types.Bytes;
import dev.aether.verifiers.tee.Collateral;
import dev.aether.verifiers.tee.Evidence;
import dev.aether.verifiers.tee.Policy;
import dev.aether.verifiers.tee.TeeException;
import dev.aether.verifiers.tee.TeeVerifier;
import dev.aether.verifiers.tee.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A hardware provider's check before it registers and accepts work: one quote over a fresh nonce,
 * verified offline exactly as the job escrow will verify its receipts — {@link Policy#strict()}
 * with the quote's own launch measurement pinned (what the provider registers), its collateral as a
 * receipt carries it, certificates judged at the chain's time. If the chain would refuse this
 * machine's evidence (a debug or SMT guest, a TDX quote without PCS collateral, an expired VCEK, a
 * chain whose time origin makes every certificate invalid), the provider learns it now, in one
 * line, instead of bonding jobs it can never be paid for.
 */
public final class TeeSelfCheck {
  private TeeSelfCheck() {}

  /**
   * The launch measurement this machine's evidence reports, once it has passed the check.
   *
   * @param tee the hardware attester
   * @param nonce the 64-byte REPORT_DATA to quote (fresh and random in the daemon)
   * @param chainTime the instant the chain judges certificates at
   * @throws MeshException.TeeRefused if the chain's policy would refuse the evidence
   */
  public static byte[] measurement(Attester tee, byte[] nonce, Instant chainTime) {
    Attestation a = tee.attest(nonce);
    byte[] evidence = a.evidence().toArray();
    Evidence parsed;
    try {
      parsed = TeeVerifier.parse(evidence);
    } catch (TeeException e) {
      throw new MeshException.TeeFailed("the TEE's evidence does not parse: " + e.getMessage(), e);
    }
    byte[] m = parsed.measurement();
    Policy registered =
        Policy.strict().withAllowedMeasurements(Set.of(HexFormat.of().formatHex(m)));
    Collateral collateral;
    try {
      List<byte[]> files = new ArrayList<>();
      for (Bytes b : a.collateral()) {
        files.add(b.toArray());
      }
      collateral = CollateralFiles.parse(files);
    } catch (TeeException e) {
      throw new MeshException.TeeRefused(
          "the TEE's collateral would be refused on chain: " + e.getMessage());
    }
    Verdict v =
        new TeeVerifier().verify(evidence, collateral, registered, Optional.of(nonce), chainTime);
    if (v instanceof Verdict.Invalid bad) {
      throw new MeshException.TeeRefused(
          "this machine's "
              + Quotes.name(parsed.kind())
              + " evidence would be refused on chain (certificates judged at "
              + chainTime
              + "): "
              + bad.reason().code()
              + ": "
              + bad.detail());
    }
    return m;
  }
}
