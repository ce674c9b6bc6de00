package dev.aether.rpc;

import dev.aether.types.TxOutput;
import dev.aether.types.UtxoRef;
import java.util.Objects;

/** An unspent output and the reference that spends it. */
public record Utxo(UtxoRef ref, TxOutput output) {
  public Utxo {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(output, "output");
  }
}
