package dev.aether.programs.governance;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.BankProgram;
import dev.aether.ledger.LedgerConfig;
import dev.aether.ledger.MemoryStateStore;
import dev.aether.ledger.SerialExecutor;
import dev.aether.programs.ProgramsChain;
import dev.aether.programs.jobs.JobsCalls;
import dev.aether.programs.staking.StakingCalls;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Call;
import dev.aether.types.Ratio;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Four equal validators, a few funded users, short governance periods: a chain to run proposals
 * through their whole life on a real ledger.
 */
final class GovFixture {
  static final long VOTING = 5;
  static final long DEPOSIT_PERIOD = 8;
  static final Amount MIN_DEPOSIT = Amount.of(1_000_000);
  static final BigInteger FUNDS = BigInteger.TEN.pow(15);

  static GenesisConfig.Governance governance() {
    return new GenesisConfig.Governance(
        MIN_DEPOSIT,
        DEPOSIT_PERIOD,
        VOTING,
        new Ratio(1, 3),
        new Ratio(1, 2),
        new Ratio(1, 3),
        4,
        1_000,
        5_000);
  }

  final List<ProgramsChain.Keys> validators = new ArrayList<>();
  final List<ProgramsChain.User> users = new ArrayList<>();
  final ProgramsChain chain;

  GovFixture() {
    this(ChainParamsSupport.PROTOCOL);
  }

  /** A chain whose ledger claims support for protocol versions up to {@code supported}. */
  GovFixture(int supported) {
    for (int i = 0; i < 4; i++) {
      validators.add(ProgramsChain.Keys.of("gov-v" + i));
    }
    Map<Address, Map<AssetId, BigInteger>> balances = new LinkedHashMap<>();
    for (int i = 0; i < 4; i++) {
      ProgramsChain.User u = ProgramsChain.User.of("gov-user-" + i);
      users.add(u);
      balances.put(u.address(), Map.of(AssetId.SWR, FUNDS, AssetId.AIC, FUNDS));
    }
    GenesisConfig g =
        ProgramsChain.config(validators, balances, GenesisConfig.Amm.DEFAULT, governance());
    chain =
        new ProgramsChain(
            g,
            validators,
            new MemoryStateStore(),
            new SerialExecutor(),
            LedgerConfig.fromGenesis(g).withSupportedProtocol(supported));
  }

  GovView view() {
    return new GovView(chain.ledger.state());
  }

  Tx gov(dev.aether.crypto.Ed25519KeyPair key, Call call) {
    Address payer = Address.ofPublicKey(key.publicKey().bytes());
    long next = view().nextId();
    return chain.tx(
        key,
        nonce ->
            GovCalls.body(
                ProgramsChain.CHAIN,
                payer,
                nonce,
                call,
                next,
                ProgramsChain.FEE_CAP,
                Long.MAX_VALUE));
  }

  Receipt submit(ProgramsChain.User u, ProposalKind kind, Amount deposit) {
    return chain.one(gov(u.key(), GovCalls.submit(kind, "a proposal", "why", deposit)));
  }

  Receipt vote(ProgramsChain.Keys v, long id, VoteOption o) {
    return chain.one(gov(v.cold(), GovCalls.vote(id, o)));
  }

  Receipt vote(ProgramsChain.User u, long id, VoteOption o) {
    return chain.one(gov(u.key(), GovCalls.vote(id, o)));
  }

  Tx transfer(ProgramsChain.User from, Address to, long amount) {
    return chain.tx(
        from.key(),
        nonce ->
            BankProgram.transferBody(
                ProgramsChain.CHAIN,
                from.address(),
                nonce,
                to,
                Value.of(AssetId.SWR, amount),
                ProgramsChain.FEE_CAP,
                Long.MAX_VALUE));
  }

  /**
   * A {@code postJob} of {@code jUnits} J-units at {@code maxPrice} AIC, deadline 1000 slots on.
   */
  Receipt postJob(ProgramsChain.User u, long jUnits, long maxPrice) {
    JobsCalls.PostJob p =
        new JobsCalls.PostJob(
            dev.aether.types.Hashing.sha256(new byte[] {1}),
            dev.aether.types.Hashing.sha256(new byte[] {2}),
            jUnits,
            BigInteger.valueOf(maxPrice),
            1_000,
            chain.slot + 1_000,
            java.util.Optional.empty(),
            java.util.Optional.empty());
    return chain.one(
        chain.tx(
            u.key(),
            nonce ->
                JobsCalls.body(
                    ProgramsChain.CHAIN,
                    u.address(),
                    nonce,
                    List.of(JobsCalls.post(p)),
                    id -> java.util.Optional.empty(),
                    ProgramsChain.FEE_CAP,
                    Long.MAX_VALUE)));
  }

  Receipt delegate(ProgramsChain.User u, ProgramsChain.Keys v, long amount) {
    long nextEpoch = (chain.slot + 1) / ProgramsChain.EPOCH_SLOTS;
    return chain.one(
        chain.tx(
            u.key(),
            nonce ->
                StakingCalls.body(
                    ProgramsChain.CHAIN,
                    u.address(),
                    nonce,
                    List.of(StakingCalls.delegate(v.operator(), BigInteger.valueOf(amount))),
                    nextEpoch,
                    ProgramsChain.FEE_CAP,
                    Long.MAX_VALUE)));
  }

  Proposal proposal(long id) {
    return view().proposal(id).orElseThrow();
  }

  /** Empty blocks until the voting period of {@code id} ended and the proposal was tallied. */
  Proposal tallied(long id) {
    Proposal p = proposal(id);
    chain.toSlot(p.votingEndSlot());
    return proposal(id);
  }

  /** The id the last submission got (from its receipt's event). */
  static long idOf(Receipt r) {
    return new dev.aether.types.codec.Reader(r.events().getFirst().data().toArray()).u64("id");
  }

  /** Holder for the protocol-version constant (keeps fixtures readable). */
  static final class ChainParamsSupport {
    static final int PROTOCOL = dev.aether.ledger.ChainParams.PROTOCOL_VERSION;
  }
}
