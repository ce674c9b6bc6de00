package dev.aether.programs.staking;

import dev.aether.crypto.BlsSecretKey;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.crypto.VrfKeyPair;
import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.BlockContext;
import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.Genesis;
import dev.aether.ledger.Head;
import dev.aether.ledger.JdkEd25519Verifier;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerConfig;
import dev.aether.ledger.MemoryStateStore;
import dev.aether.ledger.SerialExecutor;
import dev.aether.ledger.StateKeys;
import dev.aether.ledger.StateStore;
import dev.aether.programs.NativePrograms;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.QuorumCert;
import dev.aether.types.Ratio;
import dev.aether.types.Receipt;
import dev.aether.types.SignerSet;
import dev.aether.types.Tx;
import dev.aether.types.TxSignature;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A real ledger with the native programs wired as the node wires them (calls, end-of-block hook,
 * genesis), over an in-memory or RocksDB store. Blocks carry a proposer and a parent QC whose
 * signers the test chooses, so participation, downtime and rewards run for real. Transaction
 * signatures are placeholders with {@code signaturesVerified}: the ledger still checks that the
 * payer's address is among the signers.
 */
final class StakingChain {
  static final String CHAIN = "aether-test";
  static final long EPOCH_SLOTS = 10;
  static final long FEE_CAP = 20_000_000;
  static final long USER_SWR = 1_000_000_000_000_000L;
  static final long GENESIS_STAKE = 1_000_000_000L;

  /** One validator's keys, derived from a seed. */
  record Keys(
      String name, Ed25519KeyPair node, BlsSecretKey bls, VrfKeyPair vrf, Ed25519KeyPair cold) {
    static Keys of(String name) {
      byte[] m = name.getBytes(StandardCharsets.US_ASCII);
      return new Keys(
          name,
          Ed25519KeyPair.fromSeed(Hashing.tagged("test/node", m).toArray()),
          BlsSecretKey.fromSeed(Hashing.tagged("test/bls", m).toArray()),
          VrfKeyPair.fromSeed(Hashing.tagged("test/vrf", m).toArray()),
          Ed25519KeyPair.fromSeed(Hashing.tagged("test/cold", m).toArray()));
    }

    Address operator() {
      return Address.ofPublicKey(cold.publicKey().bytes());
    }

    Bytes coldKey() {
      return Bytes.of(cold.publicKey().bytes());
    }

    StakingCalls.Register register(BigInteger selfBond, int bps, int max, int change) {
      return new StakingCalls.Register(
          name,
          Bytes.of(node.publicKey().bytes()),
          Bytes.of(bls.publicKey().bytes()),
          Bytes.of(bls.provePossession().bytes()),
          Bytes.of(vrf.publicKey().bytes()),
          coldKey(),
          bps,
          max,
          change,
          selfBond);
    }

    GenesisConfig.Validator genesis(long stake) {
      return new GenesisConfig.Validator(
          name,
          Amount.of(stake),
          Bytes.of(node.publicKey().bytes()),
          Bytes.of(bls.publicKey().bytes()),
          Bytes.of(bls.provePossession().bytes()),
          Bytes.of(vrf.publicKey().bytes()),
          coldKey());
    }
  }

  /** A plain account holder (delegator). */
  record User(Ed25519KeyPair key) {
    static User of(String name) {
      return new User(
          Ed25519KeyPair.fromSeed(
              Hashing.tagged("test/user", name.getBytes(StandardCharsets.US_ASCII)).toArray()));
    }

    Address address() {
      return Address.ofPublicKey(key.publicKey().bytes());
    }
  }

  static GenesisConfig.Staking stakingParams() {
    return new GenesisConfig.Staking(
        2,
        Amount.of(100_000),
        8,
        16,
        5_000,
        new Ratio(1, 10),
        new Ratio(1, 2),
        1,
        new Ratio(1, 10));
  }

  static GenesisConfig config(
      List<Keys> validators, List<Address> funded, GenesisConfig.Staking staking) {
    return config(validators, funded, staking, new Ratio(1, 1000));
  }

  static GenesisConfig config(
      List<Keys> validators, List<Address> funded, GenesisConfig.Staking staking, Ratio leak) {
    List<GenesisConfig.Validator> vs = new ArrayList<>();
    for (Keys k : validators) {
      vs.add(k.genesis(GENESIS_STAKE));
    }
    List<GenesisConfig.Balance> bs = new ArrayList<>();
    for (Address a : funded) {
      bs.add(new GenesisConfig.Balance(a, AssetId.SWR, Amount.of(USER_SWR)));
    }
    return new GenesisConfig(
        new GenesisConfig.Chain(CHAIN, 500, 2_000_000, EPOCH_SLOTS),
        new GenesisConfig.Consensus(new Ratio(4, 5), new Ratio(2, 3), new Ratio(1, 20), leak),
        new GenesisConfig.Fees(10_000, 5, 2, 1),
        new GenesisConfig.Rent(2, 12),
        new GenesisConfig.Devnet(false, false),
        staking,
        vs,
        bs);
  }

  final GenesisConfig config;
  final StateStore store;
  final Ledger ledger;
  final List<Keys> genesisValidators;
  long slot;
  private QuorumCert lastQc;

  /**
   * Who signs the QC a block carries, as indices of the parent epoch's set (default: everyone); and
   * who proposes (index in the block's epoch set).
   */
  Function<Integer, SignerSet> signers = n -> all(n);

  int proposer = 0;

  /** The consensus epoch blocks carry; {@code -1}: none (the ledger assumes the slot's). */
  long consensusEpoch = -1;

  StakingChain(List<Keys> validators, List<Address> funded, StateStore store) {
    this(config(validators, funded, stakingParams()), validators, store);
  }

  StakingChain(GenesisConfig config, List<Keys> validators, StateStore store) {
    this(config, validators, store, new SerialExecutor());
  }

  StakingChain(
      GenesisConfig config,
      List<Keys> validators,
      StateStore store,
      dev.aether.ledger.BlockExecutor executor) {
    this.config = config;
    this.store = store;
    this.genesisValidators = validators;
    Genesis.load(store, config, NativePrograms.genesis(config));
    LedgerConfig lc = LedgerConfig.fromGenesis(config);
    this.ledger =
        new Ledger(
            store,
            lc,
            new JdkEd25519Verifier(),
            NativePrograms.calls(lc.fees(), EPOCH_SLOTS),
            executor,
            NativePrograms.endBlock());
    this.lastQc = QuorumCert.genesis(ledger.head().blockId());
  }

  static StakingChain inMemory(int validators, User... users) {
    return inMemory(validators, stakingParams(), new Ratio(1, 1000), users);
  }

  static StakingChain inMemory(
      int validators, GenesisConfig.Staking staking, Ratio leak, User... users) {
    List<Keys> ks = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      ks.add(Keys.of("v" + i));
    }
    List<Address> funded = new ArrayList<>();
    for (User u : users) {
      funded.add(u.address());
    }
    for (Keys k : ks) {
      funded.add(k.operator());
    }
    return new StakingChain(config(ks, funded, staking, leak), ks, new MemoryStateStore());
  }

  /** Like {@link #inMemory(int, User...)} with other genesis {@code [limits]}. */
  static StakingChain inMemory(int validators, GenesisConfig.Limits limits, User... users) {
    StakingChain d = inMemory(validators, users);
    GenesisConfig g = d.config;
    GenesisConfig withLimits =
        new GenesisConfig(
            g.chain(),
            g.consensus(),
            g.fees(),
            g.rent(),
            g.devnet(),
            g.staking(),
            g.validators(),
            g.balances(),
            limits);
    return new StakingChain(withLimits, d.genesisValidators, new MemoryStateStore());
  }

  static SignerSet all(int n) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      idx.add(i);
    }
    return SignerSet.of(idx);
  }

  long epoch() {
    return slot / EPOCH_SLOTS;
  }

  /** Executes and commits the next block (one slot later) with {@code txs}; its receipts. */
  List<Receipt> block(List<Tx> txs) {
    return blockAt(slot + 1, txs);
  }

  /** Executes and commits the next block at {@code atSlot} (later than the last). */
  List<Receipt> blockAt(long atSlot, List<Tx> txs) {
    slot = atSlot;
    Head head = ledger.head();
    long parentEpoch = (slot - 1) / EPOCH_SLOTS;
    int parentSetSize = set(parentEpoch).map(EpochValidatorSet::size).orElse(1);
    QuorumCert qc =
        head.height() == 0
            ? lastQc
            : new QuorumCert(
                parentEpoch,
                head.height(),
                head.blockId(),
                signers.apply(parentSetSize),
                Bytes.of(new byte[96]));
    BlockContext ctx =
        new BlockContext(head.height() + 1, slot, true, proposer, Optional.of(qc), consensusEpoch);
    ExecutedBlock ex = ledger.execute(ctx, txs);
    Header h =
        new Header(
            slot / EPOCH_SLOTS,
            head.height() + 1,
            slot,
            head.height() + 1,
            head.blockId(),
            proposer,
            Bytes.EMPTY,
            0,
            dev.aether.types.OpCert.NONE,
            H256.ZERO,
            ex.stateRoot(),
            ex.receiptsRoot(),
            H256.ZERO,
            qc,
            Optional.empty());
    ledger.commit(new Block(h, txs, Bytes.EMPTY), ex);
    lastQc = qc;
    return ex.receipts();
  }

  Receipt one(Tx tx) {
    return block(List.of(tx)).getFirst();
  }

  /** Empty blocks until the chain's slot is the first of {@code epoch}. */
  void toEpoch(long epoch) {
    while (slot < epoch * EPOCH_SLOTS) {
      block(List.of());
    }
  }

  /** A staking transaction from {@code key} (placeholder signature), built for the next slot. */
  Tx tx(Ed25519KeyPair key, Call... calls) {
    Address payer = Address.ofPublicKey(key.publicKey().bytes());
    long nextEpoch = (slot + 1) / EPOCH_SLOTS;
    var body =
        StakingCalls.body(
            CHAIN,
            payer,
            ledger.account(payer).nonce(),
            List.of(calls),
            nextEpoch,
            FEE_CAP,
            Long.MAX_VALUE);
    return new Tx(
        body, List.of(new TxSignature(Bytes.of(key.publicKey().bytes()), Bytes.of(new byte[64]))));
  }

  BigInteger swr(Address a) {
    return ledger.account(a).balance().get(AssetId.SWR).value();
  }

  BigInteger feePool() {
    return swr(StateKeys.FEE_POOL);
  }

  Optional<EpochValidatorSet> set(long epoch) {
    return ValidatorSets.read(ledger.state(), epoch);
  }

  StakingView view() {
    return new StakingView(ledger.state());
  }
}
