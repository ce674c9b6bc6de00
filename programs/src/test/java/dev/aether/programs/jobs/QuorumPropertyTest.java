package dev.aether.programs.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Tx;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of replica-quorum actions — posts, accepts, commits and reveals (honest, false,
 * with the wrong salt), fraud proofs (right and wrong), settlements, expiries, cancels, by the
 * right and the wrong parties, early and late — mixed with single jobs, through a real ledger.
 * After every block: AIC is conserved, the supply flows balance, custody equals what open jobs
 * hold, every final job accounts for its escrow and every bond exactly, and no final job or final
 * replica ever changes. Seeded: a failure names its seed.
 */
class QuorumPropertyTest {
  private static final int ACTIONS = 60;
  private static final BigInteger PRICE = BigInteger.valueOf(1_000); // QuorumJobsTest.spec's

  private final List<TestProvider> providers =
      List.of(
          new TestProvider("qp1"),
          new TestProvider("qp2"),
          new TestProvider("qp3"),
          new TestProvider("qp4"));
  private final List<Ed25519KeyPair> users =
      List.of(JobsProgramTest.key("qu1"), JobsProgramTest.key("qu2"));
  private final Map<QuorumJob.Status, Integer> reached = new EnumMap<>(QuorumJob.Status.class);
  private final Map<QuorumJob.MemberStatus, Integer> replicas =
      new EnumMap<>(QuorumJob.MemberStatus.class);
  private final int last = TestProvider.PROGRAM.length() - 1;

  @Test
  void aicIsConservedAndFinalQuorumJobsNeverChange() {
    seeds(1, 6);
  }

  /** The long run ({@code make soak}). */
  @Test
  @Tag("soak")
  void aicIsConservedOverManyMoreQuorumSequences() {
    seeds(100, 180);
  }

  private void seeds(long from, long to) {
    for (long seed = from; seed <= to; seed++) {
      run(seed);
    }
    assertThat(reached.keySet())
        .contains(QuorumJob.Status.SETTLED, QuorumJob.Status.REFUNDED, QuorumJob.Status.UNRESOLVED);
    assertThat(replicas.keySet())
        .contains(
            QuorumJob.MemberStatus.PAID,
            QuorumJob.MemberStatus.CONVICTED,
            QuorumJob.MemberStatus.MISSED,
            QuorumJob.MemberStatus.RELEASED);
  }

  private void run(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Address> funded = new ArrayList<>();
    users.forEach(u -> funded.add(JobsProgramTest.addr(u)));
    providers.forEach(p -> funded.add(p.address()));
    JobsChain chain = new JobsChain(funded, true);
    List<Tx> regs = new ArrayList<>();
    for (TestProvider p : providers) {
      regs.add(chain.tx(p.key, JobsCalls.register(p.registration())));
    }
    chain.block(regs);
    List<H256> jobs = new ArrayList<>();
    List<H256> singles = new ArrayList<>();
    // What each replica ran (0 = honest, else the falsified step), decided at its commit.
    Map<String, Integer> ran = new HashMap<>();
    Map<H256, byte[]> finals = new HashMap<>();
    for (int a = 0; a < ACTIONS; a++) {
      int action = rnd.nextInt(3) > 0 ? next(chain, jobs, rnd) : rnd.nextInt(10);
      H256 job = jobs.isEmpty() ? H256.ZERO : jobs.get(rnd.nextInt(jobs.size()));
      if (action != 0 && rnd.nextInt(4) > 0) {
        job = open(chain, jobs).orElse(job);
      }
      TestProvider prov = providers.get(rnd.nextInt(providers.size()));
      Ed25519KeyPair user = users.get(rnd.nextInt(users.size()));
      Tx tx;
      switch (action) {
        case 0 -> {
          H256 id = chain.nextJobId(user);
          int r = rnd.nextInt(8) == 0 ? 2 : 3 + rnd.nextInt(2);
          jobs.add(id);
          tx =
              chain.tx(
                  user,
                  JobsCalls.postSpec(
                      QuorumJobsTest.spec(
                          r,
                          true,
                          rnd.nextInt(10) > 0,
                          Optional.of(Bytes.of(TestProvider.INPUT)),
                          chain.slot + 8 + rnd.nextInt(30))));
        }
        case 1 -> {
          BigInteger bond =
              rnd.nextInt(5) > 0 ? PRICE.add(BigInteger.valueOf(rnd.nextInt(500))) : BigInteger.TEN;
          if (rnd.nextInt(4) > 0) {
            prov = outsider(chain, job).orElse(prov);
          }
          tx = chain.tx(prov.key, JobsCalls.accept(job, prov.address(), bond));
        }
        case 2 -> {
          prov = member(chain, job, rnd, QuorumJob.MemberStatus.ACCEPTED).orElse(prov);
          int f = rnd.nextInt(5) < 2 ? 1 + rnd.nextInt(last - 1) : 0;
          ran.put(job + "/" + prov.address(), f);
          TestProvider.Run run = TestProvider.run(f);
          H256 c =
              QuorumJob.commitment(
                  job,
                  prov.address(),
                  H256.of(run.outputs().getLast().sha256()),
                  Bytes.of(run.committed().commitment()),
                  QuorumJobsTest.salt(job, providers.indexOf(prov)));
          tx = chain.tx(prov.key, JobsCalls.commit(job, c));
        }
        case 3 -> {
          prov = member(chain, job, rnd, QuorumJob.MemberStatus.COMMITTED).orElse(prov);
          int f = ran.getOrDefault(job + "/" + prov.address(), 0);
          Bytes salt =
              rnd.nextInt(8) == 0
                  ? Bytes.of(new byte[32])
                  : QuorumJobsTest.salt(job, providers.indexOf(prov));
          tx = chain.tx(prov.key, JobsCalls.reveal(job, salt, prov.publish(job, f)));
        }
        case 4 -> {
          TestProvider target =
              member(chain, job, rnd, QuorumJob.MemberStatus.REVEALED).orElse(prov);
          int f = ran.getOrDefault(job + "/" + target.address(), 0);
          int step = f > 0 && rnd.nextInt(4) > 0 ? f : 1 + rnd.nextInt(last - 1);
          Ed25519KeyPair from = rnd.nextBoolean() ? user : prov.key;
          tx =
              chain.tx(
                  from,
                  JobsCalls.challengeReplica(
                      target.address(), TestProvider.proof(job, Math.max(f, 0), step)));
        }
        case 5 -> tx = chain.tx(user, JobsCalls.settle(job));
        case 6 -> tx = chain.tx(user, JobsCalls.expire(job));
        case 7 -> tx = chain.tx(user, JobsCalls.cancel(job));
        case 8 -> {
          // A single job beside the quorums: both kinds share the supply accounting.
          H256 id = chain.nextJobId(user);
          singles.add(id);
          Call c =
              JobsCalls.post(
                  new JobsCalls.PostJob(
                      TestProvider.MODEL_HASH,
                      TestProvider.CODE_HASH,
                      10,
                      PRICE,
                      1_000,
                      chain.slot + 2 + rnd.nextInt(10),
                      Optional.empty(),
                      Optional.empty()));
          tx = chain.tx(user, c);
        }
        default -> {
          chain.toSlot(chain.slot + 1 + rnd.nextInt(8));
          continue;
        }
      }
      chain.block(List.of(tx));
      check(chain, jobs, singles, finals, seed);
    }
  }

  /** The action that moves some open quorum job forward (post if none is open). */
  private int next(JobsChain chain, List<H256> jobs, SplittableRandom rnd) {
    Optional<H256> o = open(chain, jobs);
    if (o.isEmpty()) {
      return 0;
    }
    QuorumJob q = chain.view().quorum(o.get()).orElseThrow();
    if (q.status() == QuorumJob.Status.OPEN) {
      if (Long.compareUnsigned(chain.slot + 1, q.terms().deadlineSlot()) > 0) {
        return 6;
      }
      return rnd.nextInt(10) == 0 ? 9 : 1;
    }
    long window = JobsChain.WINDOW;
    if (Long.compareUnsigned(chain.slot + 1, q.challengeEndSlot(window)) >= 0) {
      return 5;
    }
    boolean committing =
        q.members().stream().anyMatch(m -> m.status() == QuorumJob.MemberStatus.ACCEPTED);
    if (committing && !q.revealsOpen(chain.slot + 1)) {
      return rnd.nextInt(5) == 0 ? 9 : 2;
    }
    boolean revealing =
        q.members().stream().anyMatch(m -> m.status() == QuorumJob.MemberStatus.COMMITTED);
    boolean revealed =
        q.members().stream().anyMatch(m -> m.status() == QuorumJob.MemberStatus.REVEALED);
    if (revealed && rnd.nextInt(3) == 0) {
      return 4;
    }
    return revealing && rnd.nextInt(4) > 0 ? 3 : 9;
  }

  private static Optional<H256> open(JobsChain chain, List<H256> jobs) {
    for (H256 id : jobs) {
      Optional<QuorumJob> q = chain.view().quorum(id);
      if (q.isPresent() && !q.get().status().isFinal()) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  /** A provider that is not yet a replica of the job. */
  private Optional<TestProvider> outsider(JobsChain chain, H256 job) {
    Optional<QuorumJob> q = chain.view().quorum(job);
    for (TestProvider p : providers) {
      if (q.isPresent() && q.get().member(p.address()).isEmpty()) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Usually a replica of the job in status {@code want} (the one that can act next), else any. */
  private Optional<TestProvider> member(
      JobsChain chain, H256 job, SplittableRandom rnd, QuorumJob.MemberStatus want) {
    Optional<QuorumJob> q = chain.view().quorum(job);
    if (q.isEmpty() || q.get().members().isEmpty() || rnd.nextInt(8) == 0) {
      return Optional.empty();
    }
    List<QuorumJob.Member> ms = new ArrayList<>();
    for (QuorumJob.Member x : q.get().members()) {
      if (x.status() == want || rnd.nextInt(6) == 0) {
        ms.add(x);
      }
    }
    if (ms.isEmpty()) {
      ms = q.get().members();
    }
    QuorumJob.Member m = ms.get(rnd.nextInt(ms.size()));
    for (TestProvider p : providers) {
      if (p.address().equals(m.provider())) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private void check(
      JobsChain chain, List<H256> ids, List<H256> singles, Map<H256, byte[]> finals, long seed) {
    JobsView v = chain.view();
    Supply s = v.supply().orElseThrow();
    BigInteger inAccounts = BigInteger.ZERO;
    for (Address a : chain.funded) {
      inAccounts = inAccounts.add(chain.aic(a));
    }
    assertThat(inAccounts).as("seed %d: AIC in accounts", seed).isEqualTo(s.circulating());
    assertThat(s.deposited().add(s.locked()).add(s.forfeited()))
        .as("seed %d: supply flows", seed)
        .isEqualTo(
            s.escrowed()
                .add(s.bonded())
                .add(s.paid())
                .add(s.refunded())
                .add(s.returned())
                .add(s.rewarded())
                .add(s.burned()));
    BigInteger escrowed = BigInteger.ZERO;
    BigInteger bonded = BigInteger.ZERO;
    for (H256 id : ids) {
      Optional<QuorumJob> o = v.quorum(id);
      if (o.isEmpty()) {
        continue;
      }
      QuorumJob q = o.get();
      byte[] enc = QuorumJob.CODEC.encode(q);
      if (finals.containsKey(id)) {
        assertThat(enc).as("seed %d: final job %s changed", seed, id).isEqualTo(finals.get(id));
        continue;
      }
      BigInteger bonds = BigInteger.ZERO;
      for (QuorumJob.Member m : q.members()) {
        bonds = bonds.add(m.bond());
        if (m.status() == QuorumJob.MemberStatus.CONVICTED) {
          JobRecord.Outcome mo = m.outcome();
          assertThat(mo.burned().add(mo.rewarded())).isEqualTo(m.bond());
        }
      }
      if (q.status().isFinal()) {
        finals.put(id, enc);
        reached.merge(q.status(), 1, Integer::sum);
        q.members().forEach(m -> replicas.merge(m.status(), 1, Integer::sum));
        assertThat(q.members()).allMatch(m -> m.status().isFinal());
        JobRecord.Outcome out = q.outcome();
        assertThat(q.escrow().add(bonds))
            .as("seed %d: job %s accounts for its escrow and bonds", seed, id)
            .isEqualTo(
                out.paid()
                    .add(out.refunded())
                    .add(out.burned())
                    .add(out.rewarded())
                    .add(out.bondReturned()));
      } else {
        escrowed = escrowed.add(q.escrow());
        bonded = bonded.add(q.bondsHeld());
      }
    }
    for (H256 id : singles) {
      Optional<JobRecord> o = v.job(id);
      if (o.isPresent() && !o.get().status().isFinal()) {
        escrowed = escrowed.add(o.get().terms().maxPrice());
        bonded = bonded.add(o.get().bond());
      }
    }
    assertThat(s.escrowed()).as("seed %d: escrow held", seed).isEqualTo(escrowed);
    assertThat(s.bonded()).as("seed %d: bonds held", seed).isEqualTo(bonded);
  }
}
