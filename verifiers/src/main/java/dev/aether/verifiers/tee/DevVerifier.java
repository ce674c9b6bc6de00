package dev.aether.verifiers.tee;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks a development quote: allowed by policy at all, signed by a key the policy names, Ed25519
 * signature, measurement allow-list. The policy gate runs first so that production nodes never even
 * parse the signature of a quote they must not accept. There is no "any key" setting: anybody can
 * make a development quote, so one proves something only about a key the verifier chose to trust
 * (on chain: the key a provider registered).
 */
final class DevVerifier {

  private static final HexFormat HEX = HexFormat.of();

  void verify(final DevQuote quote, final Policy policy, final List<String> checks)
      throws TeeException {
    if (!policy.allowDevAttestations()) {
      throw new TeeException(
          Reason.POLICY_DEV_DISALLOWED, "development quotes are not allowed by this policy");
    }
    final String key = HEX.formatHex(quote.publicKey());
    // No "any key": a policy that allows development quotes names the keys it trusts.
    if (!policy.trustedDevKeys().contains(key)) {
      throw new TeeException(
          Reason.POLICY_DEV_KEY,
          policy.trustedDevKeys().isEmpty()
              ? "no development key is trusted by this policy"
              : "development key "
                  + key
                  + " is not trusted (trusted: "
                  + String.join(", ", policy.trustedDevKeys())
                  + ")");
    }
    final PublicKey pk =
        Ed25519Keys.fromRaw(quote.publicKey())
            .orElseThrow(
                () -> new TeeException(Reason.REPORT_SIGNATURE, "not an Ed25519 public key"));
    boolean ok;
    try {
      final Signature sig = Signature.getInstance("Ed25519");
      sig.initVerify(pk);
      sig.update(quote.signedPart());
      ok = sig.verify(quote.signature());
    } catch (GeneralSecurityException | RuntimeException e) {
      ok = false;
    }
    if (!ok) {
      throw new TeeException(
          Reason.REPORT_SIGNATURE, "development quote signature does not verify");
    }
    checks.add("signature: Ed25519 by development key " + key + " (NOT hardware-backed)");
    if (!policy.measurementAllowed(quote.measurement())) {
      throw new TeeException(
          Reason.POLICY_MEASUREMENT,
          "measurement " + HEX.formatHex(quote.measurement()) + " is not on the allow-list");
    }
    checks.add("policy: development quotes allowed, measurement");
  }
}
