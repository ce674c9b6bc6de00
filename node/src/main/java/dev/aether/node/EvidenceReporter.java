package dev.aether.node;

import dev.aether.consensus.Evidence;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.ledger.BankProgram;
import dev.aether.mempool.Admission;
import dev.aether.programs.staking.StakingCalls;
import dev.aether.types.Address;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import java.util.logging.Logger;

/**
 * Turns the equivocation consensus finds into a slashing transaction: a staking {@code
 * submit_evidence} call paid and signed by this validator's operator (cold) key, admitted to the
 * node's own mempool and gossiped like any transaction. The staking program verifies it against the
 * offence epoch's recorded set, slashes the offender and pays this operator the reporter's share;
 * the same evidence twice is refused there, so several validators reporting one offence is harmless
 * (only the first included pays).
 *
 * <p>Without the cold key's seed in the key file (kept offline) the node cannot sign: it logs the
 * evidence's encoding so the operator can submit it with {@code aetherctl evidence submit}.
 */
final class EvidenceReporter {
  private static final Logger LOG = Logger.getLogger(EvidenceReporter.class.getName());

  /**
   * Fee cap of an evidence transaction: the verification is metered at two BLS checks (300 000
   * steps), well under this even at the congestion cap.
   */
  static final long FEE_CAP = 5_000_000;

  /** Slots an evidence transaction stays valid (one hour at 500 ms slots). */
  static final long VALID_SLOTS = 7_200;

  private final Optional<Ed25519KeyPair> operator;
  private final String chainId;
  private final long epochSlots;
  private final LongSupplier currentSlot;
  private final ToLongFunction<Address> nextNonce;
  private final Function<byte[], Admission> submit;
  private final ExecutorService worker;

  /**
   * Offenders already reported, as (epoch, index in that epoch's set): one offence is enough to
   * slash and tombstone, so a validator that equivocates in every round costs this operator one
   * transaction per epoch, not one per round. Bounded: the oldest entries go first.
   */
  private final SequencedSet<String> reported = new LinkedHashSet<>();

  private static final int MAX_REPORTED = 1_024;

  /**
   * @param nextNonce the nonce the operator's next transaction takes (state plus pooled ones)
   * @param submit admits raw transaction bytes to the mempool and gossips them when admitted
   * @param worker runs the signing and admission off the consensus thread
   */
  EvidenceReporter(
      Optional<Ed25519KeyPair> operator,
      String chainId,
      long epochSlots,
      LongSupplier currentSlot,
      ToLongFunction<Address> nextNonce,
      Function<byte[], Admission> submit,
      ExecutorService worker) {
    this.operator = operator;
    this.chainId = chainId;
    this.epochSlots = epochSlots;
    this.currentSlot = currentSlot;
    this.nextNonce = nextNonce;
    this.submit = submit;
    this.worker = worker;
  }

  /**
   * Queues the slashing transaction for {@code e}, unless its offender was already reported in that
   * epoch. Called on the consensus thread only.
   */
  void found(Evidence e) {
    if (!reported.add(e.epoch() + "/" + e.offender())) {
      return;
    }
    if (reported.size() > MAX_REPORTED) {
      reported.removeFirst();
    }
    if (operator.isEmpty()) {
      LOG.warning(
          "equivocation by validator "
              + e.offender()
              + " of epoch "
              + e.epoch()
              + " found, but the key file holds no cold.seed to sign the slashing transaction:"
              + " submit it with aetherctl evidence submit; evidence "
              + dev.aether.types.Hex.encode(Evidence.CODEC.encode(e)));
      return;
    }
    worker.execute(() -> submit(e));
  }

  /** The signed transaction for {@code e}, as {@link #found} submits it. */
  Tx transaction(Evidence e) {
    Ed25519KeyPair key = operator.orElseThrow();
    Address payer = Address.ofPublicKey(key.publicKey().bytes());
    long slot = currentSlot.getAsLong();
    TxBody body =
        StakingCalls.body(
            chainId,
            payer,
            nextNonce.applyAsLong(payer),
            List.of(StakingCalls.submitEvidence(e.epoch(), e)),
            slot / epochSlots,
            FEE_CAP,
            slot + VALID_SLOTS);
    return BankProgram.signed(key, body);
  }

  private void submit(Evidence e) {
    try {
      Tx tx = transaction(e);
      Admission a = submit.apply(Tx.CODEC.encode(tx));
      switch (a) {
        case Admission.Admitted ok ->
            LOG.warning(
                "equivocation by validator "
                    + e.offender()
                    + " of epoch "
                    + e.epoch()
                    + ": slashing transaction "
                    + tx.id()
                    + " submitted");
        case Admission.Rejected r ->
            LOG.warning("slashing transaction for " + e + " refused by the mempool: " + r);
      }
    } catch (RuntimeException ex) {
      LOG.warning("cannot submit the slashing transaction for " + e + ": " + ex);
    }
  }
}
