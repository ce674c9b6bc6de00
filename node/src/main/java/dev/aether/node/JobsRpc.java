package dev.aether.node;

import dev.aether.ledger.StateReader;
import dev.aether.programs.jobs.JobRecord;
import dev.aether.programs.jobs.JobsView;
import dev.aether.programs.jobs.ProviderRecord;
import dev.aether.programs.jobs.QuorumJob;
import dev.aether.programs.jobs.Supply;
import dev.aether.programs.reputation.Reputation;
import dev.aether.rpc.AicSupplyInfo;
import dev.aether.rpc.JobInfo;
import dev.aether.rpc.ProviderInfo;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.H256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The job-escrow program's state as the RPC layer's records (read-only, never consensus): what
 * {@link NodeBackend} serves for {@code aeth_getJob} and its siblings.
 */
public final class JobsRpc {
  private final JobsView view;

  /** A view over {@code state}. */
  public JobsRpc(StateReader state) {
    this.view = new JobsView(state);
  }

  /** See {@code ChainBackend}. */
  public Optional<JobInfo> job(H256 id) {
    Optional<JobInfo> single = view.job(id).map(JobsRpc::info);
    if (single.isPresent()) {
      return single;
    }
    long window = view.params().map(p -> p.challengeWindowSlots()).orElse(0L);
    return view.quorum(id).map(q -> info(q, window));
  }

  /** See {@code ChainBackend}. */
  public Optional<ProviderInfo> provider(Address address) {
    Optional<ProviderRecord> reg = view.provider(address);
    Reputation rep = view.reputation(address);
    if (reg.isEmpty() && rep.equals(Reputation.empty(address))) {
      return Optional.empty();
    }
    return Optional.of(info(address, reg, rep));
  }

  /** See {@code ChainBackend}. */
  public List<ProviderInfo> providers() {
    List<ProviderInfo> out = new ArrayList<>();
    for (Reputation r : view.ranked()) {
      out.add(info(r.provider(), view.provider(r.provider()), r));
    }
    return out;
  }

  /** See {@code ChainBackend}. */
  public Optional<AicSupplyInfo> supply() {
    return view.supply()
        .map(
            (Supply s) ->
                new AicSupplyInfo(
                    a(s.minted()),
                    a(s.circulating()),
                    a(s.escrowed()),
                    a(s.bonded()),
                    a(s.burned()),
                    a(s.paid()),
                    a(s.refunded()),
                    a(s.rewarded()),
                    a(s.returned()),
                    a(s.forfeited())));
  }

  /** See {@code ChainBackend}. */
  public Optional<dev.aether.rpc.JobParamsInfo> params() {
    return view.params()
        .map(
            p ->
                new dev.aether.rpc.JobParamsInfo(
                    p.challengeWindowSlots(),
                    p.burnPerJUnit(),
                    p.challengeBond(),
                    p.minBondRatio().numerator() + "/" + p.minBondRatio().denominator(),
                    p.challengerShare().numerator() + "/" + p.challengerShare().denominator(),
                    p.slotMs(),
                    p.allowDevTee(),
                    p.timeOriginMs(),
                    p.maxProviders(),
                    p.twapWindowSlots(),
                    p.stableHaircutBps()));
  }

  private static ProviderInfo info(Address address, Optional<ProviderRecord> reg, Reputation r) {
    return new ProviderInfo(
        address,
        reg.isPresent(),
        reg.map(ProviderRecord::key),
        reg.map(p -> p.kind().name()),
        reg.map(ProviderRecord::measurements).orElse(List.of()),
        reg.flatMap(ProviderRecord::minTcb),
        reg.flatMap(ProviderRecord::devKey),
        reg.map(ProviderRecord::codeHashes).orElse(List.of()),
        reg.map(ProviderRecord::registeredSlot).orElse(0L),
        new ProviderInfo.Reputation(
            r.jobsAccepted(),
            r.jobsSettled(),
            r.slaMet(),
            r.disputesLost(),
            r.challengesSurvived(),
            r.deadlinesMissed(),
            a(r.volume()),
            r.lastSlot()));
  }

  private static JobInfo info(JobRecord j) {
    JobRecord.Terms t = j.terms();
    JobRecord.Outcome o = j.outcome();
    return new JobInfo(
        j.id(),
        j.status().display(),
        t.poster(),
        t.modelHash(),
        t.codeHash(),
        t.jUnits(),
        a(t.maxPrice()),
        t.slaMs(),
        t.deadlineSlot(),
        t.inputHash(),
        t.seed(),
        j.postedSlot(),
        j.provider(),
        a(j.bond()),
        j.acceptedSlot(),
        j.receipt().map(JobsRpc::receipt),
        j.lostChallenges(),
        outcome(o),
        Optional.empty());
  }

  private static JobInfo info(QuorumJob q, long window) {
    JobRecord.Terms t = q.terms();
    List<JobInfo.Member> members = new ArrayList<>();
    BigInteger bonds = BigInteger.ZERO;
    for (QuorumJob.Member m : q.members()) {
      bonds = bonds.add(m.bond());
      members.add(
          new JobInfo.Member(
              m.provider(),
              a(m.bond()),
              m.acceptedSlot(),
              m.status().display(),
              m.commitment(),
              m.commitSlot(),
              m.receipt().map(JobsRpc::receipt),
              outcome(m.outcome())));
    }
    return new JobInfo(
        q.id(),
        q.status().display(),
        t.poster(),
        t.modelHash(),
        t.codeHash(),
        t.jUnits(),
        a(t.maxPrice()),
        t.slaMs(),
        t.deadlineSlot(),
        t.inputHash(),
        t.seed(),
        q.postedSlot(),
        Optional.empty(),
        a(bonds),
        q.fullSlot(),
        Optional.empty(),
        0,
        outcome(q.outcome()),
        Optional.of(
            new JobInfo.Quorum(
                q.replicas(),
                q.fullSlot(),
                q.commitsClosedSlot(),
                q.revealsClosedSlot(),
                q.revealEndSlot(window),
                q.challengeEndSlot(window),
                members)));
  }

  private static JobInfo.Receipt receipt(JobRecord.Receipt r) {
    return new JobInfo.Receipt(
        r.vcrHash(),
        r.outputHash(),
        r.commitment(),
        r.traceLength(),
        r.jUnits(),
        r.submittedSlot(),
        r.windowEndSlot());
  }

  private static JobInfo.Outcome outcome(JobRecord.Outcome o) {
    return new JobInfo.Outcome(
        a(o.paid()), a(o.refunded()), a(o.burned()), a(o.rewarded()), a(o.bondReturned()));
  }

  private static Amount a(BigInteger v) {
    return new Amount(v);
  }
}
