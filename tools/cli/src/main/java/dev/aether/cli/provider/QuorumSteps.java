package dev.aether.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.cli.provider.JobState.Phase;
import dev.aether.compute.proof.VcrSubmission;
import dev.aether.mesh.FraudFinder;
import dev.aether.mesh.FraudProofJson;
import dev.aether.mesh.VcrJson;
import dev.aether.programs.jobs.JobsCalls;
import dev.aether.programs.jobs.QuorumJob;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hex;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The daemon's steps for a replicated job (docs/programs/jobs.md "Replica quorum"): accept as one
 * of its replicas, run, commit to the output and trace commitment under a fresh salt (persisted
 * before the commit is sent, so a restart reveals the same), reveal once every replica committed,
 * settle after the challenge window; as a watcher, re-run each other replica's revealed receipt and
 * prove a false one with {@code challengeReplica}.
 */
final class QuorumSteps {
  private final ProviderDaemon d;
  private final SecureRandom random = new SecureRandom();

  QuorumSteps(ProviderDaemon d) {
    this.d = d;
  }

  private static Optional<JsonNode> member(JsonNode job, Address who) {
    for (JsonNode m : job.path("replicas").path("members")) {
      if (who.toString().equalsIgnoreCase(m.path("provider").asText())) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  private static long q(JsonNode job, String field) {
    return RpcChainPort.quantity(job.path("replicas").path(field));
  }

  JobState stepRun(JobState j, JsonNode job, ChainPort.Head head, boolean canSend) {
    String status = job.path("status").asText();
    Optional<JsonNode> me = member(job, d.me);
    String mine = me.map(m -> m.path("status").asText()).orElse("");
    H256 id = ProviderDaemon.jobId(j);
    switch (j.phase()) {
      case SEEN -> {
        if (me.isPresent()) {
          return j.withPhase(Phase.ACCEPTED, "a replica: accepted by us");
        }
        if (!status.equals("open")) {
          return j.withPhase(Phase.DONE, "replicas filled: " + status);
        }
        if (head.slot() + 2 * ProviderDaemon.TX_VALIDITY_SLOTS >= j.deadlineSlot()
            || d.active() >= d.config.maxConcurrent() + d.config.maxQueue()
            || !canSend) {
          return head.slot() + 2 * ProviderDaemon.TX_VALIDITY_SLOTS >= j.deadlineSlot()
              ? j.withPhase(Phase.DONE, "too close to its deadline")
              : j;
        }
        BigInteger bond = d.bond(new BigInteger(j.maxPrice()));
        if (bond.compareTo(d.config.maxBond()) > 0) {
          return j.withPhase(Phase.DONE, "bond " + bond + " above max_bond");
        }
        return d.send(j, "accept", JobsCalls.accept(id, d.me, bond), head);
      }
      case ACCEPTED -> {
        if (!mine.equals("accepted")) {
          return j.withPhase(Phase.DONE, "replica " + mine + ", job " + status);
        }
        if (d.store.attachment(j.id(), "vcr").isPresent()) {
          return j.withPhase(Phase.RAN, "receipt on disk");
        }
        Object r = d.results.remove(j.id());
        if (r instanceof RuntimeException e) {
          return j.withPhase(Phase.DONE, "cannot run: " + e.getMessage());
        }
        if (d.running.add(j.id())) {
          d.pool.execute(() -> d.runJob(j));
        }
        return j;
      }
      case RAN -> {
        switch (mine) {
          case "committed" -> {
            return j.withPhase(Phase.COMMITTED, "output committed");
          }
          case "accepted" -> {
            if (!status.equals("running") || !canSend || head.slot() > j.deadlineSlot()) {
              return j;
            }
            VcrSubmission sub = VcrJson.read(d.store.attachment(j.id(), "vcr").orElseThrow());
            // The salt is on disk before the commit leaves: a restart reveals with the same one.
            Bytes salt =
                d.store
                    .attachment(j.id(), "salt")
                    .map(h -> Bytes.of(Hex.decode(h.replace("\"", ""))))
                    .orElseGet(
                        () -> {
                          byte[] b = new byte[32];
                          random.nextBytes(b);
                          d.store.attach(j.id(), "salt", "\"" + Hex.encode(b) + "\"");
                          return Bytes.of(b);
                        });
            H256 c =
                QuorumJob.commitment(
                    id, d.me, sub.vcr().outputHash(), sub.vcr().kzgCommit().orElseThrow(), salt);
            return d.send(j, "commit", JobsCalls.commit(id, c), head);
          }
          default -> {
            return j.withPhase(Phase.DONE, "replica " + mine + ", job " + status);
          }
        }
      }
      case COMMITTED -> {
        switch (mine) {
          case "revealed" -> {
            d.bump(j.id() + " submitted", s -> s.plusSubmitted());
            return j.withPhase(Phase.SUBMITTED, "receipt revealed");
          }
          case "committed" -> {
            boolean open =
                status.equals("running")
                    && (q(job, "commitsClosedSlot") != 0 || head.slot() > j.deadlineSlot());
            if (!open || !canSend || head.slot() >= q(job, "revealEndSlot")) {
              return j;
            }
            VcrSubmission sub = VcrJson.read(d.store.attachment(j.id(), "vcr").orElseThrow());
            Bytes salt =
                Bytes.of(
                    Hex.decode(d.store.attachment(j.id(), "salt").orElseThrow().replace("\"", "")));
            return d.send(j, "reveal", JobsCalls.reveal(id, salt, sub), head);
          }
          default -> {
            return j.withPhase(Phase.DONE, "replica " + mine + ", job " + status);
          }
        }
      }
      case SUBMITTED -> {
        if (status.equals("running")) {
          if (canSend && head.slot() >= q(job, "challengeEndSlot")) {
            return d.send(j, "settle", JobsCalls.settle(id), head);
          }
          return j;
        }
        String paid = me.map(m -> m.path("outcome").path("paid").asText("0")).orElse("0");
        if (mine.equals("paid")) {
          d.bump(j.id() + " settled", s -> s.plusSettled(paid));
        }
        return j.withPhase(
            Phase.DONE, "job " + status + ", replica " + mine + " (paid " + paid + ")");
      }
      default -> {
        return j;
      }
    }
  }

  JobState stepWatch(JobState j, JsonNode job, ChainPort.Head head, boolean canSend) {
    String status = job.path("status").asText();
    Optional<Address> target = ProviderDaemon.target(j);
    if (target.isEmpty()) {
      // The job's own watch record: replicas' receipts get a record each when revealed.
      return switch (status) {
        case "settled", "refunded", "unresolved" -> j.withPhase(Phase.DONE, "ended " + status);
        default -> j;
      };
    }
    String theirs = member(job, target.get()).map(m -> m.path("status").asText()).orElse("unknown");
    long end = q(job, "challengeEndSlot");
    switch (j.phase()) {
      case TO_CHECK -> {
        if (!status.equals("running") || !theirs.equals("revealed")) {
          return j.withPhase(Phase.DONE, "replica " + theirs + " before the re-run");
        }
        if (d.store.attachment(j.id(), "fraud").isPresent()) {
          return j.withPhase(Phase.TO_CHALLENGE, "fraud proof on disk");
        }
        Object r = d.results.remove(j.id());
        if (r instanceof FraudFinder.Finding f) {
          return f instanceof FraudFinder.Finding.Divergent dv
              ? j.withPhase(Phase.TO_CHALLENGE, "step " + dv.step() + " is false")
              : j.withPhase(Phase.DONE, "re-ran: " + f.getClass().getSimpleName());
        }
        if (r instanceof RuntimeException e) {
          return j.withPhase(Phase.DONE, "cannot re-run: " + e.getMessage());
        }
        if (d.running.add(j.id())) {
          d.pool.execute(() -> d.checkJob(j));
        }
        return j;
      }
      case TO_CHALLENGE -> {
        if (theirs.equals("convicted")) {
          String reward =
              member(job, target.get())
                  .map(m -> m.path("outcome").path("rewarded").asText("0"))
                  .orElse("0");
          d.bump(j.id() + " caught", s -> s.plusCaught(reward));
          return j.withPhase(Phase.DONE, "caught: replica " + target.get() + " convicted");
        }
        if (!status.equals("running") || !theirs.equals("revealed") || head.slot() >= end) {
          return j.withPhase(Phase.DONE, "challenge window missed: replica " + theirs);
        }
        if (!canSend) {
          return j;
        }
        d.bump(j.id() + " challenged", s -> s.plusChallenged());
        return d.send(
            j,
            "challenge",
            JobsCalls.challengeReplica(
                target.get(),
                FraudProofJson.read(d.store.attachment(j.id(), "fraud").orElseThrow())),
            head);
      }
      default -> {
        return j;
      }
    }
  }
}
