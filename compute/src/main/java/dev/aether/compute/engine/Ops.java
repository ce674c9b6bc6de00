package dev.aether.compute.engine;

import java.util.List;

/** Facts about operators that verifiers need besides running them. */
public final class Ops {
  private Ops() {}

  /** The weight tensors {@code op} reads, in the order a fraud proof carries them. */
  public static List<String> weightNames(Op op) {
    return switch (op) {
      case Op.Linear l -> List.of(l.weight(), l.bias());
      case Op.LayerNorm l -> List.of(l.gamma(), l.beta());
      case Op.Embed e -> List.of(e.tokens(), e.positions());
      default -> List.of();
    };
  }
}
