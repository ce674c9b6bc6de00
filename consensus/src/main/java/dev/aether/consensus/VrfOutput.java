package dev.aether.consensus;

import dev.aether.types.Bytes;
import java.util.Objects;

/** A VRF proof {@code pi} and its output {@code beta} (RFC 9381 proof_to_hash). */
public record VrfOutput(Bytes proof, Bytes output) {
  public VrfOutput {
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(output, "output");
    if (output.length() < 32) {
      throw new IllegalArgumentException("VRF output needs at least 32 bytes");
    }
  }
}
