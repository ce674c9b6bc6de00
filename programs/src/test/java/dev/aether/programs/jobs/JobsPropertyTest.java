package dev.aether.programs.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.compute.proof.FraudProof;
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
import org.junit.jupiter.api.Test;

/**
 * Random sequences of job-escrow actions — valid and invalid, by the right parties and the wrong
 * ones, early and late — through a real ledger. After every block: AIC is conserved (what accounts
 * hold plus what the program holds plus what it burned is what genesis minted), every final job
 * accounts for its escrow and bond exactly (escrow + bond = paid + refunded + burned + rewarded +
 * bond returned), the custody totals equal the open jobs' escrow and bonds, and no job leaves a
 * final status. Seeded: a failure names its seed.
 */
class JobsPropertyTest {
  private static final int ACTIONS = 50;

  private final TestProvider p1 = new TestProvider("p1");
  private final TestProvider p2 = new TestProvider("p2");
  private final TestProvider unregistered = new TestProvider("p3");
  private final List<Ed25519KeyPair> users =
      List.of(JobsProgramTest.key("u1"), JobsProgramTest.key("u2"), JobsProgramTest.key("u3"));
  private final Map<JobStatus, Integer> reached = new EnumMap<>(JobStatus.class);

  @Test
  void aicIsConservedAndFinalStatusesNeverChange() {
    seeds(1, 5);
  }

  /** The long run ({@code make soak}). */
  @Test
  @org.junit.jupiter.api.Tag("soak")
  void aicIsConservedOverManyMoreSequences() {
    seeds(100, 160);
  }

  private void seeds(long from, long to) {
    for (long seed = from; seed <= to; seed++) {
      run(seed);
    }
    // The generator reaches every final status (a test that never settles would prove little).
    assertThat(reached.keySet())
        .contains(JobStatus.SETTLED, JobStatus.CHALLENGED, JobStatus.REFUNDED, JobStatus.SLASHED);
  }

  private void run(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Address> funded = new ArrayList<>();
    for (Ed25519KeyPair u : users) {
      funded.add(JobsProgramTest.addr(u));
    }
    for (TestProvider p : List.of(p1, p2, unregistered)) {
      funded.add(p.address());
    }
    JobsChain chain = new JobsChain(funded, true);
    chain.block(
        List.of(
            chain.tx(p1.key, JobsCalls.register(p1.registration())),
            chain.tx(p2.key, JobsCalls.register(p2.registration()))));
    List<H256> jobs = new ArrayList<>();
    Map<H256, byte[]> finals = new HashMap<>();
    int last = TestProvider.PROGRAM.length() - 1;
    for (int a = 0; a < ACTIONS; a++) {
      // Half the time the natural next step of an open job (so sequences reach settlement and
      // disputes), otherwise anything — including the wrong party, status or time.
      int action = rnd.nextBoolean() ? next(chain, jobs, rnd) : rnd.nextInt(9);
      H256 job = pick(chain, jobs, action, rnd);
      Ed25519KeyPair user = users.get(rnd.nextInt(users.size()));
      TestProvider prov = List.of(p1, p2, unregistered).get(rnd.nextInt(3));
      // Mostly the right party (the job's provider), sometimes anyone.
      Optional<Address> accepted = chain.view().job(job).flatMap(JobRecord::provider);
      if (accepted.isPresent() && rnd.nextInt(4) > 0) {
        prov = accepted.get().equals(p1.address()) ? p1 : p2;
      }
      Tx tx;
      switch (action) {
        case 0, 1 -> {
          jobs.add(chain.nextJobId(user));
          long ju = 1 + rnd.nextInt(20);
          tx =
              chain.tx(
                  user,
                  JobsCalls.post(
                      new JobsCalls.PostJob(
                          TestProvider.MODEL_HASH,
                          TestProvider.CODE_HASH,
                          ju,
                          BigInteger.valueOf(rnd.nextInt(5) == 0 ? ju : 40 + rnd.nextInt(2_000)),
                          rnd.nextInt(10_000),
                          chain.slot + 1 + rnd.nextInt(30),
                          Optional.empty(),
                          Optional.empty())));
        }
        case 2 -> {
          BigInteger price =
              chain.view().job(job).map(j -> j.terms().maxPrice()).orElse(BigInteger.TEN);
          BigInteger bond =
              rnd.nextInt(4) > 0
                  ? price.multiply(BigInteger.valueOf(1 + rnd.nextInt(2)))
                  : BigInteger.valueOf(rnd.nextInt(4_000));
          TestProvider who = rnd.nextInt(6) == 0 ? unregistered : rnd.nextBoolean() ? p1 : p2;
          tx = chain.tx(who.key, JobsCalls.accept(job, who.address(), bond));
        }
        case 3 -> {
          int variant = rnd.nextInt(5);
          int falsified =
              variant == 1 || variant == 4 ? 1 + rnd.nextInt(last - 1) : variant == 2 ? last : 0;
          H256 claimed = variant == 3 ? H256.ZERO : job;
          tx = chain.tx(prov.key, JobsCalls.submit(job, prov.publish(claimed, falsified)));
        }
        case 4 -> {
          Call c =
              switch (rnd.nextInt(3)) {
                case 0 -> JobsCalls.challenge(proofFor(chain, job, rnd));
                case 1 -> JobsCalls.challenge(TestProvider.proof(job, 0, 1 + rnd.nextInt(last)));
                default -> new Call(JobsProgram.ID, JobsCalls.CHALLENGE_VCR, Bytes.of(new byte[5]));
              };
          tx = chain.tx(rnd.nextBoolean() ? user : prov.key, c);
        }
        case 5 -> tx = chain.tx(user, JobsCalls.settle(job));
        case 6 -> tx = chain.tx(user, JobsCalls.expire(job));
        case 7 -> tx = chain.tx(user, JobsCalls.cancel(job));
        default -> {
          chain.toSlot(chain.slot + 1 + rnd.nextInt(8));
          continue;
        }
      }
      chain.block(List.of(tx));
      check(chain, jobs, finals, seed);
    }
  }

  /** The action that moves some open job forward (post if none is open). */
  private static int next(JobsChain chain, List<H256> jobs, SplittableRandom rnd) {
    List<JobStatus> open = new ArrayList<>();
    for (H256 id : jobs) {
      chain.view().job(id).filter(j -> !j.status().isFinal()).ifPresent(j -> open.add(j.status()));
    }
    if (open.isEmpty()) {
      return 0;
    }
    return switch (open.get(rnd.nextInt(open.size()))) {
      case POSTED -> 2;
      case ACCEPTED -> 3;
      default -> rnd.nextInt(3) == 0 ? 5 : 4;
    };
  }

  /**
   * The job an action is about: three times in four one whose status the action can act on (so
   * sequences get deep enough to settle and challenge), else any.
   */
  private static H256 pick(JobsChain chain, List<H256> jobs, int action, SplittableRandom rnd) {
    if (jobs.isEmpty()) {
      return H256.ZERO;
    }
    JobStatus want =
        switch (action) {
          case 2, 7 -> JobStatus.POSTED;
          case 3 -> JobStatus.ACCEPTED;
          case 4, 5 -> JobStatus.SUBMITTED;
          default -> null;
        };
    if (want != null && rnd.nextInt(4) > 0) {
      List<H256> fit = new ArrayList<>();
      for (H256 id : jobs) {
        if (chain.view().job(id).map(j -> j.status() == want).orElse(false)) {
          fit.add(id);
        }
      }
      if (!fit.isEmpty()) {
        return fit.get(rnd.nextInt(fit.size()));
      }
    }
    return jobs.get(rnd.nextInt(jobs.size()));
  }

  /** A fraud proof for the falsified run the job's receipt came from, if it was falsified. */
  private static FraudProof proofFor(JobsChain chain, H256 job, SplittableRandom rnd) {
    Optional<JobRecord> j = chain.view().job(job);
    int last = TestProvider.PROGRAM.length() - 1;
    if (j.isPresent() && j.get().receipt().isPresent()) {
      H256 out = j.get().receipt().get().outputHash();
      for (int f = 1; f < last; f++) {
        List<dev.aether.compute.engine.Tensor> outs = TestProvider.run(f).outputs();
        if (H256.of(outs.getLast().sha256()).equals(out)
            && !TestProvider.run(f).leaves().equals(TestProvider.run(0).leaves())
            && j.get()
                .receipt()
                .get()
                .commitment()
                .equals(Bytes.of(TestProvider.run(f).committed().commitment()))) {
          return TestProvider.proof(job, f, f);
        }
      }
    }
    return TestProvider.proof(job, 1 + rnd.nextInt(last - 1), 1);
  }

  private void check(JobsChain chain, List<H256> ids, Map<H256, byte[]> finals, long seed) {
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
      Optional<JobRecord> o = v.job(id);
      if (o.isEmpty()) {
        continue;
      }
      JobRecord j = o.get();
      byte[] enc = JobRecord.CODEC.encode(j);
      if (finals.containsKey(id)) {
        assertThat(enc).as("seed %d: final job %s changed", seed, id).isEqualTo(finals.get(id));
        continue;
      }
      if (j.status().isFinal()) {
        finals.put(id, enc);
        reached.merge(j.status(), 1, Integer::sum);
        JobRecord.Outcome out = j.outcome();
        assertThat(j.terms().maxPrice().add(j.bond()))
            .as("seed %d: job %s accounts for its escrow and bond", seed, id)
            .isEqualTo(
                out.paid()
                    .add(out.refunded())
                    .add(out.burned())
                    .add(out.rewarded())
                    .add(out.bondReturned()));
      } else {
        escrowed = escrowed.add(j.terms().maxPrice());
        bonded = bonded.add(j.bond());
      }
    }
    assertThat(s.escrowed()).as("seed %d: escrow held", seed).isEqualTo(escrowed);
    assertThat(s.bonded()).as("seed %d: bonds held", seed).isEqualTo(bonded);
  }
}
