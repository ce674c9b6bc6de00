package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.consensus.Evidence;
import dev.aether.crypto.Ed25519;
import dev.aether.crypto.Ed25519PublicKey;
import dev.aether.crypto.Ed25519Signature;
import dev.aether.mempool.Admission;
import dev.aether.node.keys.ValidatorKeys;
import dev.aether.programs.staking.StakingCalls;
import dev.aether.programs.staking.StakingProgram;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Tx;
import dev.aether.types.Vote;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The node's side of slashing: found equivocation becomes a signed staking transaction. */
class EvidenceReporterTest {
  private final ExecutorService worker = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    worker.shutdownNow();
  }

  private static Evidence doubleVote(ValidatorKeys offender, long epoch) {
    H256 a = Hashing.tagged("t", new byte[] {1});
    H256 b = Hashing.tagged("t", new byte[] {2});
    return Evidence.DoubleVote.of(
        new Vote(
            epoch, 9, a, 2, Bytes.of(offender.bls().sign(Vote.signingBytes(epoch, 9, a)).bytes())),
        new Vote(
            epoch, 9, b, 2, Bytes.of(offender.bls().sign(Vote.signingBytes(epoch, 9, b)).bytes())));
  }

  @Test
  void aFoundEquivocationBecomesAStakingTransactionSignedByTheOperator() throws Exception {
    ValidatorKeys me = ValidatorKeys.devnet(0);
    List<byte[]> submitted = new ArrayList<>();
    EvidenceReporter r =
        new EvidenceReporter(
            me.cold(),
            "aether-dev-1",
            20,
            () -> 45,
            payer -> 7,
            raw -> {
              submitted.add(raw);
              return new Admission.Admitted(Tx.CODEC.decode(raw).id(), List.of());
            },
            worker);
    Evidence e = doubleVote(ValidatorKeys.devnet(3), 2);
    r.found(e);
    worker.shutdown();
    assertThat(worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(submitted).hasSize(1);
    Tx tx = Tx.CODEC.decode(submitted.getFirst());
    assertThat(tx.body().payer()).isEqualTo(me.operator());
    assertThat(tx.body().nonce()).isEqualTo(7);
    assertThat(tx.body().chainId()).isEqualTo("aether-dev-1");
    assertThat(tx.body().validUntil()).isEqualTo(45 + EvidenceReporter.VALID_SLOTS);
    assertThat(tx.body().calls()).hasSize(1);
    assertThat(tx.body().calls().getFirst().program()).isEqualTo(StakingProgram.ID);
    assertThat(tx.body().calls().getFirst()).isEqualTo(StakingCalls.submitEvidence(e.epoch(), e));
    // The operator's (cold key's) signature over the transaction id.
    assertThat(tx.signatures()).hasSize(1);
    assertThat(
            Ed25519.VERIFIER.verify(
                new Ed25519PublicKey(tx.signatures().getFirst().publicKey().toArray()),
                tx.id().toArray(),
                new Ed25519Signature(tx.signatures().getFirst().signature().toArray())))
        .isTrue();
    assertThat(tx.signatures().getFirst().publicKey()).isEqualTo(me.coldPublicKey());
  }

  @Test
  void withoutTheColdSeedNothingIsSigned() throws Exception {
    List<byte[]> submitted = new ArrayList<>();
    EvidenceReporter r =
        new EvidenceReporter(
            Optional.empty(),
            "aether-dev-1",
            20,
            () -> 45,
            payer -> 0,
            raw -> {
              submitted.add(raw);
              return new Admission.Admitted(H256.ZERO, List.of());
            },
            worker);
    r.found(doubleVote(ValidatorKeys.devnet(3), 2));
    worker.shutdown();
    assertThat(worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(submitted).isEmpty();
  }

  @Test
  void anOffenderEquivocatingEveryRoundCostsOneTransactionPerEpoch() throws Exception {
    List<byte[]> submitted = new ArrayList<>();
    EvidenceReporter r =
        new EvidenceReporter(
            ValidatorKeys.devnet(0).cold(),
            "aether-dev-1",
            20,
            () -> 45,
            payer -> submitted.size(),
            raw -> {
              submitted.add(raw);
              return new Admission.Admitted(Tx.CODEC.decode(raw).id(), List.of());
            },
            worker);
    ValidatorKeys offender = ValidatorKeys.devnet(3);
    for (int round = 0; round < 5; round++) {
      r.found(doubleVote(offender, 2)); // the same offender, epoch 2, again and again
    }
    r.found(doubleVote(offender, 3)); // a new epoch: reported again (its index may differ)
    worker.shutdown();
    assertThat(worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(submitted).hasSize(2);
  }
}
