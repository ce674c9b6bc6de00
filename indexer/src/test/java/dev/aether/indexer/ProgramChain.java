package dev.aether.indexer;

import dev.aether.crypto.BlsSecretKey;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.crypto.VrfKeyPair;
import dev.aether.genesis.GenesisBlock;
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
import dev.aether.node.ProgramsRpc;
import dev.aether.programs.NativePrograms;
import dev.aether.programs.staking.EpochValidatorSet;
import dev.aether.programs.staking.ValidatorSets;
import dev.aether.rpc.AccountProof;
import dev.aether.rpc.BlockTag;
import dev.aether.rpc.ChainBackend;
import dev.aether.rpc.FinalBlock;
import dev.aether.rpc.PoolInfo;
import dev.aether.rpc.ProposalInfo;
import dev.aether.rpc.ReceiptWithProof;
import dev.aether.rpc.StakeInfo;
import dev.aether.rpc.SubmitResult;
import dev.aether.rpc.SyncStatus;
import dev.aether.rpc.Utxo;
import dev.aether.rpc.ValidatorInfo;
import dev.aether.runtime.CongestionMarket;
import dev.aether.runtime.CongestionRule;
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
import dev.aether.types.TxBody;
import dev.aether.types.TxSignature;
import dev.aether.types.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * A real chain for the indexer's program tests: the real ledger with every native program wired as
 * the node wires it (AMM, governance and its end-of-block tally included), one validator, funded
 * users, genesis AMM pools. Each committed block is kept as the {@link FinalBlock} the node's
 * stream would send (the genesis block first), and the node's JSON-RPC views of pools and proposals
 * are served from the ledger by the node's own {@link ProgramsRpc}. Transaction signatures are
 * placeholders ({@code signaturesVerified}): the ledger still checks the payer signed.
 */
final class ProgramChain implements ChainBackend {
  static final String CHAIN = "aether-indexer-programs";
  static final long EPOCH_SLOTS = 10;
  static final long FEE_CAP = 100_000_000;
  static final long STAKE = 1_000_000_000L;

  /** One validator's keys, derived from a name. */
  record Keys(Ed25519KeyPair node, BlsSecretKey bls, VrfKeyPair vrf, Ed25519KeyPair cold) {
    static Keys of(String name) {
      byte[] m = name.getBytes(StandardCharsets.US_ASCII);
      return new Keys(
          Ed25519KeyPair.fromSeed(Hashing.tagged("test/node", m).toArray()),
          BlsSecretKey.fromSeed(Hashing.tagged("test/bls", m).toArray()),
          VrfKeyPair.fromSeed(Hashing.tagged("test/vrf", m).toArray()),
          Ed25519KeyPair.fromSeed(Hashing.tagged("test/cold", m).toArray()));
    }

    Address operator() {
      return Address.ofPublicKey(cold.publicKey().bytes());
    }
  }

  static Ed25519KeyPair user(String name) {
    return Ed25519KeyPair.fromSeed(
        Hashing.tagged("test/user", name.getBytes(StandardCharsets.US_ASCII)).toArray());
  }

  static Address address(Ed25519KeyPair k) {
    return Address.ofPublicKey(k.publicKey().bytes());
  }

  final GenesisConfig config;
  final Ledger ledger;
  final dev.aether.runtime.ContractCalls calls;
  final MemoryStateStore store;
  final List<Keys> validators;
  final Keys validator;
  private final List<FinalBlock> blocks = new ArrayList<>();
  long slot;

  /**
   * Which members of the parent's set sign the QC a block carries, given the set's size: all of
   * them unless a test says otherwise (missed votes drive the staking program's downtime leak).
   */
  IntFunction<SignerSet> signers = ProgramChain::all;

  ProgramChain(
      Map<Address, Map<AssetId, BigInteger>> balances,
      List<GenesisConfig.Amm.Pool> pools,
      GenesisConfig.Governance governance) {
    this(1, balances, pools, governance);
  }

  /** A chain of {@code validatorCount} equally staked genesis validators, each funded in SWR. */
  ProgramChain(
      int validatorCount,
      Map<Address, Map<AssetId, BigInteger>> balances,
      List<GenesisConfig.Amm.Pool> pools,
      GenesisConfig.Governance governance) {
    List<Keys> vs = new ArrayList<>();
    for (int i = 0; i < validatorCount; i++) {
      vs.add(Keys.of("indexer-v" + i));
    }
    validators = List.copyOf(vs);
    validator = validators.getFirst();
    List<GenesisConfig.Balance> bs = new ArrayList<>();
    for (Keys k : validators) {
      bs.add(new GenesisConfig.Balance(k.operator(), AssetId.SWR, Amount.of(1_000_000_000_000L)));
    }
    balances.forEach(
        (a, m) ->
            m.forEach((asset, v) -> bs.add(new GenesisConfig.Balance(a, asset, new Amount(v)))));
    config =
        new GenesisConfig(
            new GenesisConfig.Chain(CHAIN, 500, 2_000_000, EPOCH_SLOTS),
            new GenesisConfig.Consensus(
                new Ratio(4, 5), new Ratio(2, 3), new Ratio(1, 20), new Ratio(1, 1000)),
            new GenesisConfig.Fees(10_000, 5, 2, 1),
            new GenesisConfig.Rent(2, 12),
            new GenesisConfig.Devnet(false, false),
            new GenesisConfig.Staking(
                2,
                Amount.of(100_000),
                8,
                16,
                5_000,
                new Ratio(1, 10),
                new Ratio(1, 2),
                1,
                new Ratio(1, 10)),
            GenesisConfig.Jobs.defaults(500),
            validators.stream()
                .map(
                    k ->
                        new GenesisConfig.Validator(
                            "indexer-v" + validators.indexOf(k),
                            Amount.of(STAKE),
                            Bytes.of(k.node().publicKey().bytes()),
                            Bytes.of(k.bls().publicKey().bytes()),
                            Bytes.of(k.bls().provePossession().bytes()),
                            Bytes.of(k.vrf().publicKey().bytes()),
                            Bytes.of(k.cold().publicKey().bytes())))
                .toList(),
            bs,
            GenesisConfig.Limits.DEFAULT,
            new GenesisConfig.Amm(30, 1024, pools),
            governance);
    store = new MemoryStateStore();
    Head head = Genesis.load(store, config, NativePrograms.genesis(config));
    LedgerConfig lc = LedgerConfig.fromGenesis(config);
    calls = NativePrograms.calls(lc.fees(), EPOCH_SLOTS);
    ledger =
        new Ledger(
            store,
            lc,
            new JdkEd25519Verifier(),
            calls,
            new SerialExecutor(),
            new CongestionMarket(CongestionRule.DEFAULT),
            NativePrograms.endBlock());
    Block genesis = GenesisBlock.of(config, head.stateRoot());
    if (!genesis.id().equals(head.blockId())) {
      throw new IllegalStateException("genesis block id is not the ledger's");
    }
    blocks.add(new FinalBlock(genesis, List.of()));
  }

  static SignerSet all(int n) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      idx.add(i);
    }
    return SignerSet.of(idx);
  }

  /** The staking program's recorded validator set of {@code epoch}, if any. */
  Optional<EpochValidatorSet> set(long epoch) {
    return ValidatorSets.read(ledger.state(), epoch);
  }

  /** Executes and commits the next block (one slot later); its receipts. */
  List<Receipt> block(List<Tx> txs) {
    Head head = ledger.head();
    long atSlot = slot + 1;
    QuorumCert qc =
        head.height() == 0
            ? QuorumCert.genesis(head.blockId())
            : new QuorumCert(
                0,
                head.height(),
                head.blockId(),
                signers.apply(
                    set(slot / EPOCH_SLOTS).map(EpochValidatorSet::size).orElse(validators.size())),
                Bytes.of(new byte[96]));
    BlockContext ctx = new BlockContext(head.height() + 1, atSlot, true, 0, Optional.of(qc), -1);
    ExecutedBlock ex = ledger.execute(ctx, txs);
    slot = atSlot;
    Header h =
        new Header(
            0,
            head.height() + 1,
            atSlot,
            head.height() + 1,
            head.blockId(),
            0,
            Bytes.EMPTY,
            0,
            dev.aether.types.OpCert.NONE,
            H256.ZERO,
            ex.stateRoot(),
            ex.receiptsRoot(),
            H256.ZERO,
            qc,
            Optional.empty());
    Block b = new Block(h, txs, Bytes.EMPTY);
    ledger.commit(b, ex);
    blocks.add(new FinalBlock(b, ex.receipts(), Optional.of(ex.blockReceipt())));
    return ex.receipts();
  }

  Receipt one(Tx tx) {
    return block(List.of(tx)).getFirst();
  }

  /** Empty blocks until the chain's slot is at least {@code target}. */
  void toSlot(long target) {
    while (slot < target) {
      block(List.of());
    }
  }

  /** A transaction from {@code key} whose body the caller builds from the payer's next nonce. */
  Tx tx(Ed25519KeyPair key, LongFunction<TxBody> body) {
    return new Tx(
        body.apply(ledger.account(address(key)).nonce()),
        List.of(new TxSignature(Bytes.of(key.publicKey().bytes()), Bytes.of(new byte[64]))));
  }

  /**
   * {@code calls} from {@code key}, declaring what a simulation on the head state found they touch
   * (as {@code aetherctl contract call --auto-access} builds them).
   */
  Tx autoAccess(Ed25519KeyPair key, Call... calls) {
    java.util.function.BiFunction<List<H256>, List<H256>, Tx> build =
        (reads, writes) ->
            tx(
                key,
                nonce ->
                    new TxBody(
                        CHAIN,
                        address(key),
                        nonce,
                        List.of(),
                        reads,
                        writes,
                        List.of(),
                        List.of(calls),
                        dev.aether.types.Value.EMPTY,
                        dev.aether.types.Value.EMPTY,
                        Amount.of(FEE_CAP),
                        0,
                        Long.MAX_VALUE));
    BlockContext at =
        ledger.priced(new BlockContext(ledger.head().height() + 1, slot + 1, true), ledger.state());
    dev.aether.runtime.Simulation.Result sim =
        dev.aether.runtime.Simulation.run(
            this.calls,
            ledger.state(),
            at,
            build.apply(List.of(), List.of()),
            this.calls.limits(),
            false);
    return build.apply(List.copyOf(sim.reads()), List.copyOf(sim.writes()));
  }

  BigInteger balance(Address a, AssetId asset) {
    return ledger.account(a).balance().get(asset).value();
  }

  List<FinalBlock> finalBlocks() {
    return List.copyOf(blocks);
  }

  // ---- ChainBackend: the stream and the program views are real, the rest is not needed ----

  @Override
  public List<PoolInfo> pools() {
    return ProgramsRpc.pools(ledger.snapshot());
  }

  @Override
  public Optional<ProposalInfo> proposal(long id) {
    return ProgramsRpc.proposal(ledger.snapshot(), id);
  }

  @Override
  public List<ProposalInfo> proposals(int max) {
    return ProgramsRpc.proposals(ledger.snapshot(), max);
  }

  @Override
  public String chainId() {
    return CHAIN;
  }

  @Override
  public SubmitResult submitTransaction(byte[] rawTx) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<Block> block(BlockTag tag) {
    FinalBlock last = blocks.getLast();
    return switch (tag) {
      case BlockTag.Height x ->
          x.height() < blocks.size()
              ? Optional.of(blocks.get((int) x.height()).block())
              : Optional.empty();
      default -> Optional.of(last.block());
    };
  }

  @Override
  public Optional<ReceiptWithProof> receipt(H256 txId) {
    return Optional.empty();
  }

  @Override
  public Optional<H256> stateRoot(BlockTag tag) {
    return Optional.empty();
  }

  @Override
  public Value balance(Address address) {
    return ledger.account(address).balance();
  }

  @Override
  public List<Utxo> utxos(Address address) {
    return List.of();
  }

  @Override
  public AccountProof account(Address address) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<ValidatorInfo> validators() {
    return List.of();
  }

  @Override
  public StakeInfo stake(Address address) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SyncStatus syncing() {
    return SyncStatus.SYNCED;
  }

  @Override
  public List<FinalBlock> finalBlocks(long fromHeight, int maxBlocks) {
    List<FinalBlock> out = new ArrayList<>();
    for (long h = fromHeight; h < blocks.size() && out.size() < maxBlocks; h++) {
      out.add(blocks.get((int) h));
    }
    return out;
  }

  @Override
  public Subscription onFinalized(LongConsumer listener) {
    return () -> {};
  }
}
