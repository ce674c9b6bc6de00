package dev.aether.programs.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.ledger.ChainParams;
import dev.aether.ledger.LedgerError;
import dev.aether.ledger.LedgerException;
import dev.aether.ledger.StateKeys;
import dev.aether.programs.ProgramsChain;
import dev.aether.programs.jobs.JobsError;
import dev.aether.programs.jobs.JobsParams;
import dev.aether.programs.jobs.JobsView;
import dev.aether.programs.staking.StakingView;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.ValueEvent;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proposals through their whole life on a real ledger with staking: deposits, votes by bonded
 * stake, the tally at the end of the voting period, execution from the next block, deposits
 * refunded or burned, the treasury, and a protocol upgrade that an old ledger refuses at exactly
 * its height while a new one switches rules there.
 */
class GovernanceTest {
  static final BigInteger STAKE = BigInteger.valueOf(ProgramsChain.STAKE);

  static ProposalKind.ParamChange change(String param, String value) {
    return new ProposalKind.ParamChange(List.of(new ProposalKind.Change(param, value)));
  }

  static void ok(Receipt r) {
    assertThat(r.status()).as("error %d", r.errorCode()).isEqualTo(Receipt.Status.SUCCESS);
  }

  static void refused(Receipt r, GovError e) {
    assertThat(r.status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(r.errorCode()).as("expected %s", e.code()).isEqualTo(e.number());
  }

  static BigInteger swr(GovFixture f, dev.aether.types.Address a) {
    return f.chain.balance(a, AssetId.SWR);
  }

  @Test
  void aPassedFeeChangeIsChargedFromTheBlockAfterTheTally() {
    GovFixture f = new GovFixture();
    ProgramsChain.User u = f.users.get(0);
    Receipt s = f.submit(u, change("fees.a", "20000"), GovFixture.MIN_DEPOSIT);
    ok(s);
    long id = GovFixture.idOf(s);
    Proposal p = f.proposal(id);
    assertThat(p.status()).isEqualTo(Proposal.Status.VOTING);
    BigInteger afterSubmit = swr(f, u.address());
    for (int i = 0; i < 3; i++) {
      ok(f.vote(f.validators.get(i), id, VoteOption.YES));
    }
    f.chain.toSlot(p.votingEndSlot() - 1);
    // The tally block still charges the old fee; the change is written at its end.
    Receipt inTallyBlock = f.chain.one(f.transfer(f.users.get(1), f.users.get(2).address(), 5));
    Proposal done = f.proposal(id);
    assertThat(done.status()).isEqualTo(Proposal.Status.PASSED);
    assertThat(done.tally().yes()).isEqualTo(STAKE.multiply(BigInteger.valueOf(3)));
    assertThat(done.tally().bonded()).isEqualTo(STAKE.multiply(BigInteger.valueOf(4)));
    assertThat(swr(f, u.address())).isEqualTo(afterSubmit.add(GovFixture.MIN_DEPOSIT.value()));
    Receipt next = f.chain.one(f.transfer(f.users.get(1), f.users.get(2).address(), 5));
    assertThat(next.feePaid().value().subtract(inTallyBlock.feePaid().value()))
        .isEqualTo(BigInteger.valueOf(10_000));
    assertThat(ChainParams.read(f.chain.ledger.state()).orElseThrow().fees().a()).isEqualTo(20_000);
    assertThat(f.view().paramValues()).containsEntry("fees.a", "20000");
  }

  @Test
  void aVetoBurnsTheDepositAndAMissedQuorumToo() {
    GovFixture f = new GovFixture();
    ProgramsChain.User u = f.users.get(1);
    long vetoed = GovFixture.idOf(f.submit(u, change("fees.b", "7"), GovFixture.MIN_DEPOSIT));
    ok(f.vote(f.validators.get(0), vetoed, VoteOption.VETO));
    ok(f.vote(f.validators.get(1), vetoed, VoteOption.VETO));
    ok(f.vote(f.validators.get(2), vetoed, VoteOption.YES));
    BigInteger before = swr(f, u.address());
    Proposal v = f.tallied(vetoed);
    assertThat(v.status()).isEqualTo(Proposal.Status.VETOED);
    assertThat(swr(f, u.address())).isEqualTo(before); // not refunded
    assertThat(f.view().burnedDeposits()).isEqualTo(GovFixture.MIN_DEPOSIT.value());
    assertThat(ChainParams.read(f.chain.ledger.state()).orElseThrow().fees().b()).isEqualTo(5);

    long quiet = GovFixture.idOf(f.submit(u, change("fees.b", "7"), GovFixture.MIN_DEPOSIT));
    ok(f.vote(f.validators.get(0), quiet, VoteOption.YES)); // a quarter: below a third
    before = swr(f, u.address());
    assertThat(f.tallied(quiet).status()).isEqualTo(Proposal.Status.NO_QUORUM);
    assertThat(swr(f, u.address())).isEqualTo(before);
    assertThat(f.view().burnedDeposits())
        .isEqualTo(GovFixture.MIN_DEPOSIT.value().multiply(BigInteger.TWO));
  }

  @Test
  void aRejectedOrExpiredProposalGetsItsDepositBack() {
    GovFixture f = new GovFixture();
    ProgramsChain.User u = f.users.get(2);
    long rejected = GovFixture.idOf(f.submit(u, change("fees.c", "3"), GovFixture.MIN_DEPOSIT));
    ok(f.vote(f.validators.get(0), rejected, VoteOption.NO));
    ok(f.vote(f.validators.get(1), rejected, VoteOption.NO));
    ok(f.vote(f.validators.get(2), rejected, VoteOption.YES));
    BigInteger before = swr(f, u.address());
    assertThat(f.tallied(rejected).status()).isEqualTo(Proposal.Status.REJECTED);
    assertThat(swr(f, u.address())).isEqualTo(before.add(GovFixture.MIN_DEPOSIT.value()));

    // A tenth of the minimum opens a deposit period; nobody tops it up; it expires, refunded.
    Amount tenth = Amount.of(100_000);
    Receipt s = f.submit(u, change("fees.c", "3"), tenth);
    long expiring = GovFixture.idOf(s);
    Proposal p = f.proposal(expiring);
    assertThat(p.status()).isEqualTo(Proposal.Status.DEPOSIT);
    before = swr(f, u.address());
    f.chain.toSlot(p.depositEndSlot());
    assertThat(f.proposal(expiring).status()).isEqualTo(Proposal.Status.EXPIRED);
    assertThat(swr(f, u.address())).isEqualTo(before.add(tenth.value()));

    // Topped up by another account, voting starts at once; both get their deposits back later.
    long topped = GovFixture.idOf(f.submit(u, change("fees.c", "3"), tenth));
    ProgramsChain.User other = f.users.get(3);
    ok(f.chain.one(f.gov(other.key(), GovCalls.deposit(topped, Amount.of(900_000)))));
    Proposal t = f.proposal(topped);
    assertThat(t.status()).isEqualTo(Proposal.Status.VOTING);
    assertThat(t.votingStartSlot()).isEqualTo(f.chain.slot);
    assertThat(t.deposits()).hasSize(2);
  }

  @Test
  void aDelegatorsOwnVoteOverridesItsValidatorsForItsStake() {
    GovFixture f = new GovFixture();
    ProgramsChain.User delegator = f.users.get(3);
    ProgramsChain.Keys v0 = f.validators.get(0);
    ok(f.delegate(delegator, v0, 500_000_000));
    long id =
        GovFixture.idOf(
            f.submit(f.users.get(0), change("staking.jail_epochs", "3"), GovFixture.MIN_DEPOSIT));
    ok(f.vote(v0, id, VoteOption.YES));
    ok(f.vote(delegator, id, VoteOption.NO));
    // A user without stake cannot vote.
    refused(f.vote(f.users.get(1), id, VoteOption.YES), GovError.NO_VOTING_POWER);
    Proposal done = f.tallied(id);
    BigInteger half = BigInteger.valueOf(500_000_000);
    // v0's pool holds 1.5e9; its delegator voted for its own 0.5e9, so v0's vote weighs 1e9
    assertThat(done.tally().yes()).isEqualTo(STAKE);
    assertThat(done.tally().no()).isEqualTo(half);
    assertThat(done.tally().bonded()).isEqualTo(STAKE.multiply(BigInteger.valueOf(4)).add(half));
    // 1.5e9 of 4.5e9 voted: exactly a third, enough; yes 1e9 of 1.5e9 passes.
    assertThat(done.status()).isEqualTo(Proposal.Status.PASSED);
    assertThat(new StakingView(f.chain.ledger.state()).params().jailEpochs()).isEqualTo(3);
  }

  @Test
  void theTreasuryCollectsItsShareOfFeesAndOnlyAPassedProposalSpendsIt() {
    GovFixture f = new GovFixture();
    BigInteger treasury0 = swr(f, StateKeys.TREASURY);
    BigInteger pool0 = swr(f, StateKeys.FEE_POOL);
    List<Receipt> rs =
        f.chain.block(
            List.of(
                f.transfer(f.users.get(0), f.users.get(3).address(), 1),
                f.transfer(f.users.get(1), f.users.get(3).address(), 1),
                f.transfer(f.users.get(2), f.users.get(3).address(), 1)));
    BigInteger fees = BigInteger.ZERO;
    for (Receipt r : rs) {
      fees = fees.add(r.feePaid().value());
    }
    BigInteger share = fees.divide(BigInteger.TEN); // 1000 bps
    assertThat(swr(f, StateKeys.TREASURY).subtract(treasury0)).isEqualTo(share);
    assertThat(swr(f, StateKeys.FEE_POOL).subtract(pool0)).isEqualTo(fees.subtract(share));

    ProgramsChain.User payee = ProgramsChain.User.of("payee");
    BigInteger pay = share.divide(BigInteger.TWO);
    ProposalKind.TreasurySpend spend =
        new ProposalKind.TreasurySpend(
            List.of(new ProposalKind.Payment(payee.address(), AssetId.SWR, new Amount(pay))));
    long id = GovFixture.idOf(f.submit(f.users.get(0), spend, GovFixture.MIN_DEPOSIT));
    for (int i = 0; i < 3; i++) {
      ok(f.vote(f.validators.get(i), id, VoteOption.YES));
    }
    assertThat(f.tallied(id).status()).isEqualTo(Proposal.Status.PASSED);
    assertThat(swr(f, payee.address())).isEqualTo(pay);

    // A spend beyond what the treasury holds passes the vote but fails; the deposit comes back.
    ProposalKind.TreasurySpend tooMuch =
        new ProposalKind.TreasurySpend(
            List.of(
                new ProposalKind.Payment(
                    payee.address(), AssetId.SWR, new Amount(BigInteger.TEN.pow(30)))));
    ProgramsChain.User proposer = f.users.get(1);
    long big = GovFixture.idOf(f.submit(proposer, tooMuch, GovFixture.MIN_DEPOSIT));
    for (int i = 0; i < 3; i++) {
      ok(f.vote(f.validators.get(i), big, VoteOption.YES));
    }
    BigInteger before = swr(f, proposer.address());
    Proposal failed = f.tallied(big);
    assertThat(failed.status()).isEqualTo(Proposal.Status.FAILED);
    assertThat(failed.outcome()).contains("treasury holds");
    assertThat(swr(f, payee.address())).isEqualTo(pay);
    assertThat(swr(f, proposer.address())).isEqualTo(before.add(GovFixture.MIN_DEPOSIT.value()));

    // Nobody can credit the treasury anything but SWR (its end-of-block payer must never fail).
    Tx junk =
        f.chain.tx(
            f.users.get(0).key(),
            nonce ->
                dev.aether.ledger.BankProgram.transferBody(
                    ProgramsChain.CHAIN,
                    f.users.get(0).address(),
                    nonce,
                    StateKeys.TREASURY,
                    dev.aether.types.Value.of(AssetId.AIC, 1),
                    ProgramsChain.FEE_CAP,
                    Long.MAX_VALUE));
    Receipt r = f.chain.one(junk);
    assertThat(r.status()).isEqualTo(Receipt.Status.FAILED);
  }

  /** The governance program's value events in the last block's own receipt. */
  static List<ValueEvent> lastBlockGovEvents(GovFixture f) {
    return f
        .chain
        .ledger
        .blockReceipt(f.chain.ledger.head().height())
        .orElseThrow()
        .receipt()
        .valueEvents()
        .stream()
        .filter(e -> e.emitter().equals(GovernanceProgram.ID))
        .map(ValueEvent.Emitted::event)
        .toList();
  }

  @Test
  void everyRefundBurnAndTreasuryPaymentIsInTheTallyBlocksReceipt() {
    GovFixture f = new GovFixture();
    // Fees first, so that the treasury has something to spend.
    f.chain.block(
        List.of(
            f.transfer(f.users.get(0), f.users.get(3).address(), 1),
            f.transfer(f.users.get(1), f.users.get(3).address(), 1)));
    ProgramsChain.User u = f.users.get(2);
    long rejected = GovFixture.idOf(f.submit(u, change("fees.c", "3"), GovFixture.MIN_DEPOSIT));
    ok(f.vote(f.validators.get(0), rejected, VoteOption.NO));
    ok(f.vote(f.validators.get(1), rejected, VoteOption.NO));
    f.tallied(rejected);
    assertThat(lastBlockGovEvents(f))
        .containsExactly(
            ValueEvent.credit(
                u.address(),
                AssetId.SWR,
                GovFixture.MIN_DEPOSIT,
                "refund",
                GovernanceHook.ref(rejected)));

    long vetoed = GovFixture.idOf(f.submit(u, change("fees.b", "7"), GovFixture.MIN_DEPOSIT));
    ok(f.vote(f.validators.get(0), vetoed, VoteOption.VETO));
    ok(f.vote(f.validators.get(1), vetoed, VoteOption.VETO));
    ok(f.vote(f.validators.get(2), vetoed, VoteOption.YES));
    f.tallied(vetoed);
    assertThat(lastBlockGovEvents(f))
        .containsExactly(
            ValueEvent.burn(
                AssetId.SWR, GovFixture.MIN_DEPOSIT, "deposit_burn", GovernanceHook.ref(vetoed)));

    ProgramsChain.User payee = ProgramsChain.User.of("payee");
    Amount pay = new Amount(swr(f, StateKeys.TREASURY).divide(BigInteger.TWO));
    long spend =
        GovFixture.idOf(
            f.submit(
                u,
                new ProposalKind.TreasurySpend(
                    List.of(new ProposalKind.Payment(payee.address(), AssetId.SWR, pay))),
                GovFixture.MIN_DEPOSIT));
    for (int i = 0; i < 3; i++) {
      ok(f.vote(f.validators.get(i), spend, VoteOption.YES));
    }
    BigInteger treasuryBefore = swr(f, StateKeys.TREASURY);
    assertThat(f.tallied(spend).status()).isEqualTo(Proposal.Status.PASSED);
    assertThat(lastBlockGovEvents(f))
        .containsExactly(
            ValueEvent.debit(
                StateKeys.TREASURY, AssetId.SWR, pay, "spend", GovernanceHook.ref(spend)),
            ValueEvent.credit(
                payee.address(), AssetId.SWR, pay, "spend", GovernanceHook.ref(spend)),
            ValueEvent.credit(
                u.address(),
                AssetId.SWR,
                GovFixture.MIN_DEPOSIT,
                "refund",
                GovernanceHook.ref(spend)));
    // The treasury's balance moved by exactly what the block receipt says (empty blocks: no fees).
    assertThat(swr(f, StateKeys.TREASURY)).isEqualTo(treasuryBefore.subtract(pay.value()));
  }

  @Test
  void anUpgradeHaltsAnOldLedgerAtItsHeightAndSwitchesANewOneExactlyThere() {
    GovFixture now = new GovFixture();
    GovFixture old = new GovFixture(1);
    // Make objects hot after a single writer, so fees carry a congestion surcharge.
    long cong =
        GovFixture.idOf(
            both(
                    now,
                    old,
                    f ->
                        f.gov(
                            f.users.get(0).key(),
                            GovCalls.submit(
                                change("congestion.target", "1"), "t", "", GovFixture.MIN_DEPOSIT)))
                .getFirst());
    for (int i = 0; i < 3; i++) {
      int v = i;
      both(now, old, f -> f.gov(f.validators.get(v).cold(), GovCalls.vote(cong, VoteOption.YES)));
    }
    while (now.proposal(cong).status().active()) {
      both(now, old);
    }
    long h0 = now.chain.ledger.head().height() + 1;
    long height = h0 + GovFixture.VOTING + 4;
    while (height % ProgramsChain.EPOCH_SLOTS <= 1) {
      height++; // neither the upgrade block nor its parent starts an epoch (fee pool paid out)
    }
    long upgradeHeight = height;
    ProposalKind.SoftwareUpgrade up =
        new ProposalKind.SoftwareUpgrade(2, upgradeHeight, "aether-node 2.0");
    long id =
        GovFixture.idOf(
            both(
                    now,
                    old,
                    f ->
                        f.gov(
                            f.users.get(1).key(),
                            GovCalls.submit(up, "v2", "", GovFixture.MIN_DEPOSIT)))
                .getFirst());
    for (int i = 0; i < 3; i++) {
      int v = i;
      both(now, old, f -> f.gov(f.validators.get(v).cold(), GovCalls.vote(id, VoteOption.YES)));
    }
    while (now.proposal(id).status().active()) {
      both(now, old);
    }
    assertThat(now.proposal(id).status()).isEqualTo(Proposal.Status.PASSED);
    ChainParams scheduled = ChainParams.read(now.chain.ledger.state()).orElseThrow();
    assertThat(scheduled.upgrade())
        .contains(new ChainParams.Upgrade(2, upgradeHeight, "aether-node 2.0"));
    while (now.chain.ledger.head().height() < upgradeHeight - 3) {
      both(now, old);
    }
    dev.aether.types.Address hot = ProgramsChain.User.of("hot").address();
    // H-2: three writers make `hot` hot. H-1 (version 1): the surcharge is paid to the fee pool.
    both(
        now,
        old,
        f -> f.transfer(f.users.get(0), hot, 1),
        f -> f.transfer(f.users.get(1), hot, 1),
        f -> f.transfer(f.users.get(2), hot, 1));
    BigInteger before = credited(now);
    Tx t1 = now.transfer(now.users.get(3), hot, 1);
    Receipt r1 = now.chain.block(List.of(t1)).getFirst();
    old.chain.block(List.of(old.transfer(old.users.get(3), hot, 1)));
    assertThat(now.chain.ledger.head().height()).isEqualTo(upgradeHeight - 1);
    BigInteger base1 = baseFee(t1, r1);
    assertThat(r1.feePaid().value()).isGreaterThan(base1);
    assertThat(credited(now).subtract(before)).isEqualTo(r1.feePaid().value());
    // H (version 2): the same kind of transaction pays a surcharge, which is burned.
    before = credited(now);
    Tx t2 = now.transfer(now.users.get(0), hot, 1);
    Receipt r2 = now.chain.block(List.of(t2)).getFirst();
    BigInteger base2 = baseFee(t2, r2);
    assertThat(r2.feePaid().value()).isGreaterThan(base2);
    assertThat(credited(now).subtract(before)).isEqualTo(base2);
    ChainParams active = ChainParams.read(now.chain.ledger.state()).orElseThrow();
    assertThat(active.protocolVersion()).isEqualTo(2);
    assertThat(active.upgrade()).isEmpty();
    // The old ledger refuses block H with the one line an operator needs.
    Tx t2old = old.transfer(old.users.get(0), hot, 1);
    assertThatThrownBy(() -> old.chain.block(List.of(t2old)))
        .isInstanceOf(LedgerException.class)
        .satisfies(
            e -> {
              LedgerError err = ((LedgerException) e).error();
              assertThat(err).isInstanceOf(LedgerError.UnsupportedProtocol.class);
              assertThat(err.message())
                  .isEqualTo(
                      "from height "
                          + upgradeHeight
                          + " the chain runs protocol version 2 (upgrade 'aether-node 2.0');"
                          + " this binary supports protocol versions up to 1: run a release that"
                          + " supports protocol version 2");
            });
    assertThat(old.chain.ledger.head().height()).isEqualTo(upgradeHeight - 1);
  }

  /** What the fee pool and the treasury together received so far. */
  static BigInteger credited(GovFixture f) {
    return swr(f, StateKeys.FEE_POOL).add(swr(f, StateKeys.TREASURY));
  }

  static BigInteger baseFee(Tx tx, Receipt r) {
    return dev.aether.ledger.Fees.of(
            dev.aether.ledger.LinearFeeSchedule.GENESIS,
            dev.aether.ledger.FeeMultipliers.NONE,
            tx,
            tx.sizeBytes(),
            r.steps(),
            r.memBytes())
        .value();
  }

  /** One block with the same transactions on both chains; the first chain's receipts. */
  @SafeVarargs
  static List<Receipt> both(
      GovFixture a, GovFixture b, java.util.function.Function<GovFixture, Tx>... txs) {
    List<Tx> ta = new java.util.ArrayList<>();
    List<Tx> tb = new java.util.ArrayList<>();
    for (var t : txs) {
      ta.add(t.apply(a));
      tb.add(t.apply(b));
    }
    List<Receipt> ra = a.chain.block(ta);
    b.chain.block(tb);
    assertThat(b.chain.ledger.head().stateRoot()).isEqualTo(a.chain.ledger.head().stateRoot());
    return ra;
  }

  @Test
  void malformedOrInvalidProposalsAndVotesAreRefusedWithTheirCodes() {
    GovFixture f = new GovFixture();
    ProgramsChain.User u = f.users.get(0);
    refused(f.submit(u, change("fees.z", "1"), GovFixture.MIN_DEPOSIT), GovError.UNKNOWN_PARAM);
    refused(f.submit(u, change("fees.a", "-1"), GovFixture.MIN_DEPOSIT), GovError.INVALID_PARAM);
    refused(f.submit(u, change("fees.a", "ten"), GovFixture.MIN_DEPOSIT), GovError.INVALID_PARAM);
    refused(
        f.submit(u, change("governance.quorum", "3/2"), GovFixture.MIN_DEPOSIT),
        GovError.INVALID_PARAM);
    refused(
        f.submit(u, change("staking.max_validators", "100"), GovFixture.MIN_DEPOSIT),
        GovError.INVALID_PARAM); // above max_candidates = 16
    refused(
        f.submit(u, change("limits.block_steps_max", "5"), GovFixture.MIN_DEPOSIT),
        GovError.INVALID_PARAM);
    refused(
        f.submit(u, change("chain.slot_ms", "400"), GovFixture.MIN_DEPOSIT),
        GovError.PARAM_NOT_GOVERNABLE);
    refused(
        f.submit(
            u,
            new ProposalKind.ParamChange(
                List.of(
                    new ProposalKind.Change("fees.a", "1"),
                    new ProposalKind.Change("fees.a", "2"))),
            GovFixture.MIN_DEPOSIT),
        GovError.INVALID_PARAM);
    refused(f.submit(u, change("fees.a", "1"), Amount.of(99_999)), GovError.DEPOSIT_TOO_LOW);
    long h = f.chain.ledger.head().height();
    refused(
        f.submit(u, new ProposalKind.SoftwareUpgrade(1, h + 100, "same"), GovFixture.MIN_DEPOSIT),
        GovError.INVALID_UPGRADE);
    refused(
        f.submit(u, new ProposalKind.SoftwareUpgrade(2, h + 2, "too soon"), GovFixture.MIN_DEPOSIT),
        GovError.INVALID_UPGRADE);
    refused(
        f.submit(u, new ProposalKind.TreasurySpend(List.of()), GovFixture.MIN_DEPOSIT),
        GovError.INVALID_SPEND);
    refused(f.vote(f.validators.get(0), 99, VoteOption.YES), GovError.UNKNOWN_PROPOSAL);
    long waiting = GovFixture.idOf(f.submit(u, change("fees.a", "1"), Amount.of(100_000)));
    refused(f.vote(f.validators.get(0), waiting, VoteOption.YES), GovError.NOT_IN_VOTING);
    for (int i = 0; i < 3; i++) {
      ok(f.submit(u, change("fees.a", "1"), Amount.of(100_000)));
    }
    refused(f.submit(u, change("fees.a", "1"), Amount.of(100_000)), GovError.TOO_MANY_ACTIVE);
  }

  @Test
  void aVoteInTheBlockThatEndsTheVotingPeriodIsRefused() {
    GovFixture f = new GovFixture();
    long id =
        GovFixture.idOf(f.submit(f.users.get(0), change("fees.a", "1"), GovFixture.MIN_DEPOSIT));
    ok(f.vote(f.validators.get(0), id, VoteOption.YES));
    ok(f.vote(f.validators.get(0), id, VoteOption.NO)); // a second vote replaces the first
    assertThat(f.view().votes(id)).containsEntry(f.validators.get(0).operator().toString(), "no");
    f.chain.toSlot(f.proposal(id).votingEndSlot() - 1);
    refused(f.vote(f.validators.get(1), id, VoteOption.YES), GovError.NOT_IN_VOTING);
    Proposal done = f.proposal(id);
    assertThat(done.status()).isEqualTo(Proposal.Status.NO_QUORUM); // one quarter, voting no
    assertThat(done.tally().no()).isEqualTo(STAKE);
    assertThat(f.view().votes(id)).isEmpty(); // the votes object is gone; the tally stays
  }

  @Test
  void aPassedJobParameterChangeGovernsJobsFromTheBlockAfterTheTally() {
    GovFixture f = new GovFixture();
    ProgramsChain.User poster = f.users.get(3);
    // Genesis: 1 AIC burned per J-unit, so 10 J-units need a max price of at least 10.
    assertThat(f.view().paramValues()).containsEntry("jobs.burn_per_j_unit", "1");
    ok(f.postJob(poster, 10, 50));
    long id =
        GovFixture.idOf(
            f.submit(
                f.users.get(0),
                new ProposalKind.ParamChange(
                    List.of(
                        new ProposalKind.Change("jobs.burn_per_j_unit", "10"),
                        new ProposalKind.Change("jobs.twap_window_slots", "12"),
                        new ProposalKind.Change("jobs.min_bond_ratio", "3/2"))),
                GovFixture.MIN_DEPOSIT));
    for (int i = 0; i < 3; i++) {
      ok(f.vote(f.validators.get(i), id, VoteOption.YES));
    }
    Proposal p = f.proposal(id);
    f.chain.toSlot(p.votingEndSlot() - 1);
    // The tally block runs under the old value; the change is written at its end.
    ok(f.postJob(poster, 10, 50));
    assertThat(f.proposal(id).status()).isEqualTo(Proposal.Status.PASSED);
    JobsParams live = new JobsView(f.chain.ledger.state()).params().orElseThrow();
    assertThat(live.burnPerJUnit()).isEqualTo(Amount.of(10));
    assertThat(live.twapWindowSlots()).isEqualTo(12);
    assertThat(live.minBondRatio()).isEqualTo(new dev.aether.types.Ratio(3, 2));
    assertThat(f.view().paramValues()).containsEntry("jobs.burn_per_j_unit", "10");
    // From the next block a post priced under 10 J-units × 10 is refused.
    Receipt r = f.postJob(poster, 10, 50);
    assertThat(r.status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(r.errorCode()).isEqualTo(JobsError.PRICE_BELOW_BURN.number());
    ok(f.postJob(poster, 10, 100));
  }

  @Test
  void outOfRangeJobParametersAreRefusedAtSubmission() {
    GovFixture f = new GovFixture();
    ProgramsChain.User u = f.users.get(0);
    long next = f.view().nextId();
    for (String[] bad :
        new String[][] {
          {"jobs.max_providers", "0"},
          {"jobs.max_providers", "4097"},
          {"jobs.challenge_window_slots", "0"},
          {"jobs.burn_per_j_unit", "0"},
          {"jobs.challenge_bond", "0"},
          {"jobs.challenger_share", "3/2"},
          {"jobs.min_bond_ratio", "101"},
          {"jobs.twap_window_slots", "1000001"},
          {"jobs.stable_haircut_bps", "2001"},
          {"jobs.stable_haircut_bps", "-1"}
        }) {
      refused(f.submit(u, change(bad[0], bad[1]), GovFixture.MIN_DEPOSIT), GovError.INVALID_PARAM);
    }
    refused(
        f.submit(u, change("jobs.time_origin_ms", "5"), GovFixture.MIN_DEPOSIT),
        GovError.UNKNOWN_PARAM);
    assertThat(f.view().nextId()).isEqualTo(next); // nothing was recorded
  }
}
