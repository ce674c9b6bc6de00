package dev.aether.programs.jobs;

import dev.aether.compute.proof.FraudJudge;
import dev.aether.compute.proof.FraudProof;
import dev.aether.compute.proof.Judgement;
import dev.aether.programs.reputation.ReputationOracle;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The replica quorum's transitions (ADR 0052, docs/programs/jobs.md "Replica quorum"), over the
 * same state, parameters, receipt verifier, referee and supply accounting as single jobs ({@link
 * Escrow}). Every AIC movement goes through the supply accounting so the identities of {@link
 * Supply} hold across both kinds of job.
 */
final class QuorumEscrow {
  private final Escrow e;

  QuorumEscrow(Escrow e) {
    this.e = e;
  }

  H256 post(Address caller, H256 id, JobsCalls.PostJobSpec s, long slot) {
    JobsCalls.PostJob p = s.terms();
    if (s.replicas() < QuorumJob.MIN_REPLICAS || s.replicas() > QuorumJob.MAX_REPLICAS) {
      throw JobsError.BAD_REPLICAS.refuse(s.replicas() + " replicas");
    }
    if (p.inputHash().isEmpty() || p.seed().isEmpty()) {
      // Replicas must compute the same thing, or their disagreement proves nothing.
      throw JobsError.QUORUM_NEEDS_FIXED_INPUT.refuse("input_hash and seed are required");
    }
    e.checkTerms(p, slot);
    if (e.find(id).isPresent()) {
      throw JobsError.JOB_EXISTS.refuse(id.toString());
    }
    JobRecord.Terms terms =
        new JobRecord.Terms(
            caller,
            p.modelHash(),
            p.codeHash(),
            p.jUnits(),
            p.maxPrice(),
            p.slaMs(),
            p.deadlineSlot(),
            p.inputHash(),
            p.seed());
    QuorumJob q =
        new QuorumJob(
            id,
            terms,
            s.replicas(),
            slot,
            QuorumJob.Status.OPEN,
            List.of(),
            0,
            0,
            0,
            JobRecord.Outcome.NONE);
    BigInteger escrow = q.escrow();
    e.state.debit(caller, escrow, "escrow", id);
    e.account(id, sp -> sp.deposit(escrow));
    save(q);
    e.state.emit("posted", id);
    return id;
  }

  void accept(Address caller, JobsCalls.AcceptJob a, long slot) {
    QuorumJob q = quorum(a.jobId());
    status(q, QuorumJob.Status.OPEN);
    if (!a.provider().equals(caller)) {
      throw JobsError.NOT_PROVIDER.refuse("a provider accepts (and bonds) for itself");
    }
    if (Long.compareUnsigned(slot, q.terms().deadlineSlot()) > 0) {
      throw JobsError.DEADLINE_PASSED.refuse("deadline " + q.terms().deadlineSlot());
    }
    if (q.member(caller).isPresent()) {
      throw JobsError.ALREADY_REPLICA.refuse(caller.toString());
    }
    ProviderRecord reg = e.registration(caller);
    if (!reg.codeHashes().contains(q.terms().codeHash())) {
      throw JobsError.CODE_NOT_REGISTERED.refuse(q.terms().codeHash().toString());
    }
    BigInteger min = e.params.minBond(q.terms().maxPrice());
    if (a.bond().compareTo(min) < 0) {
      throw JobsError.BOND_TOO_LOW.refuse(a.bond() + " < " + min);
    }
    e.state.debit(caller, a.bond(), "bond", q.id());
    e.account(q.id(), sp -> sp.lock(a.bond()));
    List<QuorumJob.Member> ms = new ArrayList<>(q.members());
    ms.add(
        new QuorumJob.Member(
            caller,
            a.bond(),
            slot,
            Optional.empty(),
            0,
            Optional.empty(),
            QuorumJob.MemberStatus.ACCEPTED,
            JobRecord.Outcome.NONE));
    save(q.withMembers(ms, slot));
    e.reputation.record(caller, ReputationOracle.Outcome.ACCEPTED, slot);
    e.state.emit("accepted", q.id());
  }

  void commit(Address caller, JobsCalls.CommitOutput c, long slot) {
    QuorumJob q = quorumOnly(c.jobId());
    status(q, QuorumJob.Status.RUNNING);
    if (Long.compareUnsigned(slot, q.terms().deadlineSlot()) > 0) {
      throw JobsError.COMMITS_CLOSED.refuse("deadline " + q.terms().deadlineSlot());
    }
    int i = index(q, caller);
    QuorumJob.Member m = q.members().get(i);
    if (m.status() != QuorumJob.MemberStatus.ACCEPTED) {
      throw JobsError.WRONG_STATUS.refuse("replica is " + m.status().display());
    }
    List<QuorumJob.Member> ms =
        QuorumJob.replace(q.members(), i, m.committed(c.commitment(), slot));
    boolean all = ms.stream().allMatch(x -> x.status() == QuorumJob.MemberStatus.COMMITTED);
    save(q.withMarks(ms, all ? slot : 0, q.revealsClosedSlot()));
    e.state.emit("committed", q.id());
  }

  void reveal(Address caller, JobsCalls.RevealVcr r, long slot) {
    QuorumJob q = quorumOnly(r.jobId());
    status(q, QuorumJob.Status.RUNNING);
    int i = index(q, caller);
    QuorumJob.Member m = q.members().get(i);
    if (m.status() != QuorumJob.MemberStatus.COMMITTED) {
      throw JobsError.WRONG_STATUS.refuse("replica is " + m.status().display());
    }
    if (!q.revealsOpen(slot)) {
      throw JobsError.REVEALS_NOT_OPEN.refuse("waiting for every replica's commit");
    }
    long end = q.revealEndSlot(e.params.challengeWindowSlots());
    if (Long.compareUnsigned(slot, end) >= 0) {
      throw JobsError.REVEALS_CLOSED.refuse("reveals ended at slot " + end);
    }
    dev.aether.types.Vcr vcr = r.submission().vcr();
    Bytes trace = vcr.kzgCommit().orElse(Bytes.of(new byte[48]));
    if (trace.length() != 48
        || !QuorumJob.commitment(q.id(), caller, vcr.outputHash(), trace, r.salt())
            .equals(m.commitment().orElseThrow())) {
      throw JobsError.REVEAL_MISMATCH.refuse("replica " + caller);
    }
    JobRecord.Receipt receipt = e.verified(q.id(), q.terms(), caller, r.submission(), slot, 0);
    List<QuorumJob.Member> ms = QuorumJob.replace(q.members(), i, m.revealed(receipt));
    // Reveals close early once every replica that committed has revealed (reveals are open, so
    // no replica can still commit).
    boolean all = ms.stream().noneMatch(x -> x.status() == QuorumJob.MemberStatus.COMMITTED);
    save(q.withMarks(ms, q.commitsClosedSlot(), all ? slot : 0));
    e.state.emit("revealed", q.id());
  }

  /** A fraud proof against one replica's revealed receipt. */
  Judgement challenge(Address caller, JobsCalls.ChallengeReplica c, long slot) {
    FraudProof proof = c.proof();
    QuorumJob q = quorumOnly(proof.jobId());
    status(q, QuorumJob.Status.RUNNING);
    long end = q.challengeEndSlot(e.params.challengeWindowSlots());
    if (Long.compareUnsigned(slot, end) >= 0) {
      throw JobsError.WINDOW_CLOSED.refuse("window ended at slot " + end);
    }
    int i = index(q, c.provider());
    QuorumJob.Member m = q.members().get(i);
    if (m.status() != QuorumJob.MemberStatus.REVEALED) {
      throw JobsError.WRONG_STATUS.refuse("replica is " + m.status().display());
    }
    if (m.provider().equals(caller)) {
      throw JobsError.SELF_CHALLENGE.refuse(caller.toString());
    }
    JobRecord.Receipt r = m.receipt().orElseThrow();
    BigInteger challengeBond = e.params.challengeBond().value();
    e.state.debit(caller, challengeBond, "challenge_bond", q.id());
    Judgement j =
        e.judge.judge(
            proof,
            new FraudJudge.Accepted(
                q.id(), q.terms().modelHash(), r.commitment().toArray(), r.traceLength(), r.seed()),
            e.state::charge);
    switch (j) {
      case Judgement.Invalid bad -> throw JobsError.refuse(bad.reason(), bad.detail());
      case Judgement.StepHonest honest -> {
        e.account(q.id(), sp -> sp.forfeit(challengeBond));
        e.reputation.record(m.provider(), ReputationOracle.Outcome.CHALLENGE_SURVIVED, slot);
        e.state.emit("challenge_lost", q.id());
      }
      case Judgement.FraudProven fraud -> {
        // The replica's bond is slashed now; its share of the escrow goes back to the poster at
        // settlement, with everything else the job still holds.
        e.state.credit(caller, challengeBond, "challenge_bond", q.id());
        BigInteger reward = e.params.challengerPart(m.bond());
        JobRecord.Outcome o =
            new JobRecord.Outcome(
                BigInteger.ZERO,
                BigInteger.ZERO,
                m.bond().subtract(reward),
                reward,
                BigInteger.ZERO);
        e.state.credit(caller, reward, "challenger_reward", q.id());
        e.account(q.id(), sp -> sp.release(BigInteger.ZERO, m.bond(), o));
        List<QuorumJob.Member> ms =
            QuorumJob.replace(q.members(), i, m.finished(QuorumJob.MemberStatus.CONVICTED, o));
        save(q.withMarks(ms, q.commitsClosedSlot(), q.revealsClosedSlot()));
        e.reputation.record(m.provider(), ReputationOracle.Outcome.DISPUTE_LOST, slot);
        e.state.emit("replica_convicted", q.id());
      }
    }
    return j;
  }

  /**
   * After the challenge window: replicas that never committed or revealed are slashed (the poster
   * gets the challenger share as compensation, the rest is burned); if the surviving receipts all
   * agree (same output and trace commitment) each is paid pro rata like a single job and its bond
   * returned; if none survived the poster is refunded; if they disagree and nobody proved which is
   * false, nobody is paid, their bonds are returned and the poster refunded (UNRESOLVED).
   */
  void settle(Address caller, H256 id, long slot) {
    QuorumJob q = quorum(id);
    status(q, QuorumJob.Status.RUNNING);
    long end = q.challengeEndSlot(e.params.challengeWindowSlots());
    if (Long.compareUnsigned(slot, end) < 0) {
      throw JobsError.WINDOW_OPEN.refuse("window ends at slot " + end);
    }
    JobRecord.Terms t = q.terms();
    List<QuorumJob.Member> revealed = new ArrayList<>();
    for (QuorumJob.Member m : q.members()) {
      if (m.status() == QuorumJob.MemberStatus.REVEALED) {
        revealed.add(m);
      }
    }
    boolean agree = true;
    for (QuorumJob.Member m : revealed) {
      JobRecord.Receipt a = m.receipt().orElseThrow();
      JobRecord.Receipt b = revealed.getFirst().receipt().orElseThrow();
      agree &= a.outputHash().equals(b.outputHash()) && a.commitment().equals(b.commitment());
    }
    QuorumJob.Status finalStatus =
        revealed.isEmpty()
            ? QuorumJob.Status.REFUNDED
            : agree ? QuorumJob.Status.SETTLED : QuorumJob.Status.UNRESOLVED;

    BigInteger cost = BigInteger.ZERO;
    BigInteger posterGets = BigInteger.ZERO;
    JobRecord.Outcome released = JobRecord.Outcome.NONE; // what leaves custody now
    List<QuorumJob.Member> ms = new ArrayList<>(q.members());
    for (int i = 0; i < ms.size(); i++) {
      QuorumJob.Member m = ms.get(i);
      JobRecord.Outcome o;
      QuorumJob.MemberStatus s;
      switch (m.status()) {
        case ACCEPTED, COMMITTED -> {
          BigInteger comp = e.params.challengerPart(m.bond());
          o =
              new JobRecord.Outcome(
                  BigInteger.ZERO, BigInteger.ZERO, m.bond().subtract(comp), comp, BigInteger.ZERO);
          posterGets = posterGets.add(comp);
          s = QuorumJob.MemberStatus.MISSED;
          e.reputation.record(m.provider(), ReputationOracle.Outcome.DEADLINE_MISSED, slot);
        }
        case REVEALED -> {
          if (finalStatus == QuorumJob.Status.SETTLED) {
            JobRecord.Receipt r = m.receipt().orElseThrow();
            BigInteger c =
                t.maxPrice()
                    .multiply(BigInteger.valueOf(r.jUnits()))
                    .divide(BigInteger.valueOf(t.jUnits()));
            BigInteger burn =
                e.params.burnPerJUnit().value().multiply(BigInteger.valueOf(r.jUnits())).min(c);
            BigInteger pay = c.subtract(burn);
            cost = cost.add(c);
            o = new JobRecord.Outcome(pay, BigInteger.ZERO, burn, BigInteger.ZERO, m.bond());
            e.state.credit(m.provider(), pay.add(m.bond()), "payout", q.id());
            s = QuorumJob.MemberStatus.PAID;
            BigInteger latencyMs =
                BigInteger.valueOf(m.commitSlot() - m.acceptedSlot())
                    .multiply(BigInteger.valueOf(e.params.slotMs()));
            boolean withinSla =
                latencyMs.compareTo(new BigInteger(Long.toUnsignedString(t.slaMs()))) <= 0;
            e.reputation.settled(m.provider(), withinSla, pay, slot);
          } else {
            o =
                new JobRecord.Outcome(
                    BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, m.bond());
            e.state.credit(m.provider(), m.bond(), "bond_return", q.id());
            s = QuorumJob.MemberStatus.RELEASED;
          }
        }
        default -> {
          continue; // already final (convicted): its bond left custody then
        }
      }
      released = plus(released, o);
      ms.set(i, m.finished(s, o));
    }
    BigInteger refund = q.escrow().subtract(cost);
    e.state.credit(t.poster(), refund.add(posterGets), "refund", q.id());
    released = plus(released, refundOnly(refund));
    JobRecord.Outcome out = released;
    e.account(q.id(), sp -> sp.release(q.escrow(), q.bondsHeld(), out));
    save(q.finished(finalStatus, ms, total(ms, refund)));
    e.state.emit(finalStatus == QuorumJob.Status.SETTLED ? "settled" : "quorum_closed", id);
  }

  /**
   * After the deadline, a job whose replicas never filled: the poster is refunded and every replica
   * that accepted gets its bond back (nobody is at fault). A filled job ends through {@link
   * #settle}.
   */
  void expire(Address caller, H256 id, long slot) {
    QuorumJob q = quorum(id);
    if (Long.compareUnsigned(slot, q.terms().deadlineSlot()) <= 0) {
      throw JobsError.DEADLINE_NOT_PASSED.refuse("deadline " + q.terms().deadlineSlot());
    }
    status(q, QuorumJob.Status.OPEN);
    release(q);
    e.state.emit("expired", id);
  }

  /** The poster takes back a job no replica has accepted yet. */
  void cancel(Address caller, H256 id, long slot) {
    QuorumJob q = quorum(id);
    status(q, QuorumJob.Status.OPEN);
    if (!q.terms().poster().equals(caller)) {
      throw JobsError.NOT_POSTER.refuse("only the poster cancels");
    }
    if (!q.members().isEmpty()) {
      throw JobsError.WRONG_STATUS.refuse(q.members().size() + " replicas have accepted");
    }
    release(q);
    e.state.emit("cancelled", id);
  }

  private void release(QuorumJob q) {
    List<QuorumJob.Member> ms = new ArrayList<>();
    JobRecord.Outcome released = refundOnly(q.escrow());
    for (QuorumJob.Member m : q.members()) {
      JobRecord.Outcome o =
          new JobRecord.Outcome(
              BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, m.bond());
      e.state.credit(m.provider(), m.bond(), "bond_return", q.id());
      released = plus(released, o);
      ms.add(m.finished(QuorumJob.MemberStatus.RELEASED, o));
    }
    e.state.credit(q.terms().poster(), q.escrow(), "refund", q.id());
    JobRecord.Outcome out = released;
    e.account(q.id(), sp -> sp.release(q.escrow(), q.bondsHeld(), out));
    save(q.finished(QuorumJob.Status.REFUNDED, ms, total(ms, q.escrow())));
  }

  // ------------------------------------------------------------------------------- helpers

  /** The job's totals: every replica's outcome plus the escrow refunded to the poster. */
  private static JobRecord.Outcome total(List<QuorumJob.Member> ms, BigInteger refund) {
    JobRecord.Outcome sum = refundOnly(refund);
    for (QuorumJob.Member m : ms) {
      sum = plus(sum, m.outcome());
    }
    return sum;
  }

  private static JobRecord.Outcome refundOnly(BigInteger refund) {
    return new JobRecord.Outcome(
        BigInteger.ZERO, refund, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
  }

  private static JobRecord.Outcome plus(JobRecord.Outcome a, JobRecord.Outcome b) {
    return new JobRecord.Outcome(
        a.paid().add(b.paid()),
        a.refunded().add(b.refunded()),
        a.burned().add(b.burned()),
        a.rewarded().add(b.rewarded()),
        a.bondReturned().add(b.bondReturned()));
  }

  private QuorumJob quorum(H256 id) {
    return e.read(QuorumJob.CODEC, JobsKeys.quorum(id))
        .orElseThrow(() -> JobsError.UNKNOWN_JOB.refuse(id.toString()));
  }

  /** A replicated job for a replica-only call: a single job's id is {@code not_quorum}. */
  private QuorumJob quorumOnly(H256 id) {
    Optional<QuorumJob> q = e.read(QuorumJob.CODEC, JobsKeys.quorum(id));
    if (q.isPresent()) {
      return q.get();
    }
    if (e.find(id).isPresent()) {
      throw JobsError.NOT_QUORUM.refuse(id + " is a single-provider job");
    }
    throw JobsError.UNKNOWN_JOB.refuse(id.toString());
  }

  private static int index(QuorumJob q, Address provider) {
    for (int i = 0; i < q.members().size(); i++) {
      if (q.members().get(i).provider().equals(provider)) {
        return i;
      }
    }
    throw JobsError.NOT_REPLICA.refuse(provider.toString());
  }

  private static void status(QuorumJob q, QuorumJob.Status want) {
    if (q.status() != want) {
      throw JobsError.WRONG_STATUS.refuse(
          "job is " + q.status().display() + ", needs " + want.display());
    }
  }

  private void save(QuorumJob q) {
    e.write(QuorumJob.CODEC, JobsKeys.quorum(q.id()), q);
  }
}
