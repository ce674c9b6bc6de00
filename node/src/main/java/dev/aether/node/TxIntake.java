package dev.aether.node;

import dev.aether.crypto.Ed25519;
import dev.aether.crypto.Ed25519PublicKey;
import dev.aether.crypto.Ed25519Signature;
import dev.aether.crypto.Verifier;
import dev.aether.mempool.Admission;
import dev.aether.mempool.Mempool;
import dev.aether.mempool.PoolView;
import dev.aether.network.Topic;
import dev.aether.types.Tx;
import dev.aether.types.TxSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Transactions this node originates — RPC submissions and its own evidence reports — admitted like
 * gossip (batched on the {@link TxAdmission} worker; on the caller's thread when its queue is full)
 * and, once admitted, gossiped.
 */
final class TxIntake {
  private final TxAdmission admission;
  private final Mempool mempool;
  private final Supplier<PoolView> view;
  private final Wire wire;
  private final NodeMetrics metrics;

  TxIntake(
      TxAdmission admission,
      Mempool mempool,
      Supplier<PoolView> view,
      Wire wire,
      NodeMetrics metrics) {
    this.admission = admission;
    this.mempool = mempool;
    this.view = view;
    this.wire = wire;
    this.metrics = metrics;
  }

  Admission submit(byte[] raw) {
    Admission a =
        admission
            .offer(raw)
            .map(CompletableFuture::join)
            .orElseGet(() -> mempool.admit(raw, view.get()));
    metrics.mempoolDepth.set(mempool.size());
    if (a instanceof Admission.Admitted) {
      wire.publish(Topic.TX, raw);
    } else {
      metrics.txsRejected.inc();
    }
    return a;
  }

  /** The mempool's signature check: every signature over the transaction id, in one batch. */
  static boolean signaturesValid(Tx tx, NodeMetrics metrics) {
    List<Verifier.Signed> items = new ArrayList<>();
    byte[] msg = tx.id().toArray();
    for (TxSignature s : tx.signatures()) {
      items.add(
          new Verifier.Signed(
              new Ed25519PublicKey(s.publicKey().toArray()),
              msg,
              new Ed25519Signature(s.signature().toArray())));
    }
    metrics.sigsVerified.inc(items.size());
    return items.isEmpty() || Ed25519.VERIFIER.verifyBatch(items);
  }
}
