package dev.aether.crypto;

import java.util.Objects;

/** The result of opening a blob's polynomial at {@code z}: the proof and {@code y = p(z)}. */
public record KzgProofAndY(KzgProof proof, KzgFieldElement y) {
  public KzgProofAndY {
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(y, "y");
  }
}
