package dev.aether.programs;

import dev.aether.crypto.BlsSecretKey;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.crypto.VrfKeyPair;
import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.BlockContext;
import dev.aether.ledger.BlockExecutor;
import dev.aether.ledger.ExecutedBlock;
import dev.aether.ledger.Genesis;
import dev.aether.ledger.Head;
import dev.aether.ledger.JdkEd25519Verifier;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.LedgerConfig;
import dev.aether.ledger.MemoryStateStore;
import dev.aether.ledger.SerialExecutor;
import dev.aether.ledger.StateStore;
import dev.aether.runtime.CongestionMarket;
import dev.aether.runtime.CongestionRule;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
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
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * A real ledger with every native program wired as the node wires it (calls, end-of-block hooks,
 * genesis) and the congestion fee market, for the AMM and governance tests. Blocks carry a QC
 * signed by the whole set; transaction signatures are placeholders with {@code signaturesVerified}
 * (the ledger still checks the payer is among the signers).
 */
public final class ProgramsChain {
  public static final String CHAIN = "aether-test";
  public static final long EPOCH_SLOTS = 10;
  public static final long FEE_CAP = 100_000_000;
  public static final long STAKE = 1_000_000_000L;

  /** One validator's keys, derived from a name. */
  public record Keys(
      String name, Ed25519KeyPair node, BlsSecretKey bls, VrfKeyPair vrf, Ed25519KeyPair cold) {
    public static Keys of(String name) {
      byte[] m = name.getBytes(StandardCharsets.US_ASCII);
      return new Keys(
          name,
          Ed25519KeyPair.fromSeed(Hashing.tagged("test/node", m).toArray()),
          BlsSecretKey.fromSeed(Hashing.tagged("test/bls", m).toArray()),
          VrfKeyPair.fromSeed(Hashing.tagged("test/vrf", m).toArray()),
          Ed25519KeyPair.fromSeed(Hashing.tagged("test/cold", m).toArray()));
    }

    public Address operator() {
      return Address.ofPublicKey(cold.publicKey().bytes());
    }

    GenesisConfig.Validator genesis(long stake) {
      return new GenesisConfig.Validator(
          name,
          Amount.of(stake),
          Bytes.of(node.publicKey().bytes()),
          Bytes.of(bls.publicKey().bytes()),
          Bytes.of(bls.provePossession().bytes()),
          Bytes.of(vrf.publicKey().bytes()),
          Bytes.of(cold.publicKey().bytes()));
    }
  }

  /** An account holder. */
  public record User(Ed25519KeyPair key) {
    public static User of(String name) {
      return new User(
          Ed25519KeyPair.fromSeed(
              Hashing.tagged("test/user", name.getBytes(StandardCharsets.US_ASCII)).toArray()));
    }

    public Address address() {
      return Address.ofPublicKey(key.publicKey().bytes());
    }
  }

  /**
   * A genesis with {@code validators} (each also funded with SWR), balances, AMM and governance.
   */
  public static GenesisConfig config(
      List<Keys> validators,
      Map<Address, Map<AssetId, BigInteger>> balances,
      GenesisConfig.Amm amm,
      GenesisConfig.Governance governance) {
    List<GenesisConfig.Validator> vs = new ArrayList<>();
    List<GenesisConfig.Balance> bs = new ArrayList<>();
    for (Keys k : validators) {
      vs.add(k.genesis(STAKE));
      if (!balances.containsKey(k.operator())) {
        bs.add(new GenesisConfig.Balance(k.operator(), AssetId.SWR, Amount.of(1_000_000_000_000L)));
      }
    }
    balances.forEach(
        (a, m) ->
            m.forEach((asset, v) -> bs.add(new GenesisConfig.Balance(a, asset, new Amount(v)))));
    return new GenesisConfig(
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
        vs,
        bs,
        GenesisConfig.Limits.DEFAULT,
        amm,
        governance);
  }

  public final GenesisConfig config;
  public final Ledger ledger;
  public final List<Keys> validators;
  public long slot;

  public ProgramsChain(GenesisConfig config, List<Keys> validators) {
    this(
        config,
        validators,
        new MemoryStateStore(),
        new SerialExecutor(),
        LedgerConfig.fromGenesis(config));
  }

  public ProgramsChain(
      GenesisConfig config,
      List<Keys> validators,
      StateStore store,
      BlockExecutor executor,
      LedgerConfig lc) {
    this(config, validators, store, executor, lc, NativePrograms.calls(lc.fees(), EPOCH_SLOTS));
  }

  /** With another call executor (a test program beside the native ones). */
  public ProgramsChain(
      GenesisConfig config,
      List<Keys> validators,
      StateStore store,
      BlockExecutor executor,
      LedgerConfig lc,
      dev.aether.ledger.CallExecutor calls) {
    this.config = config;
    this.validators = validators;
    Genesis.load(store, config, NativePrograms.genesis(config));
    this.ledger =
        new Ledger(
            store,
            lc,
            new JdkEd25519Verifier(),
            calls,
            executor,
            new CongestionMarket(CongestionRule.DEFAULT),
            NativePrograms.endBlock());
  }

  /** Executes and commits the next block (one slot later); its receipts. */
  public List<Receipt> block(List<Tx> txs) {
    return blockAt(slot + 1, txs);
  }

  public Receipt one(Tx tx) {
    return block(List.of(tx)).getFirst();
  }

  /** Executes (without committing) the next block: how it would go. */
  public ExecutedBlock tryBlock(List<Tx> txs) {
    Head head = ledger.head();
    return ledger.execute(context(head, slot + 1), txs);
  }

  public List<Receipt> blockAt(long atSlot, List<Tx> txs) {
    Head head = ledger.head();
    BlockContext ctx = context(head, atSlot);
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
            ctx.parentQc().orElseThrow(),
            Optional.empty());
    ledger.commit(new Block(h, txs, Bytes.EMPTY), ex);
    return ex.receipts();
  }

  private BlockContext context(Head head, long atSlot) {
    QuorumCert qc =
        head.height() == 0
            ? QuorumCert.genesis(head.blockId())
            : new QuorumCert(
                0, head.height(), head.blockId(), all(validators.size()), Bytes.of(new byte[96]));
    return new BlockContext(head.height() + 1, atSlot, true, 0, Optional.of(qc), -1);
  }

  /** Empty blocks until the chain's slot is at least {@code target}. */
  public void toSlot(long target) {
    while (slot < target) {
      block(List.of());
    }
  }

  /** A transaction from {@code key} whose body the caller builds from the payer's next nonce. */
  public Tx tx(Ed25519KeyPair key, LongFunction<TxBody> body) {
    Address payer = Address.ofPublicKey(key.publicKey().bytes());
    return new Tx(
        body.apply(ledger.account(payer).nonce()),
        List.of(new TxSignature(Bytes.of(key.publicKey().bytes()), Bytes.of(new byte[64]))));
  }

  public BigInteger balance(Address a, AssetId asset) {
    return ledger.account(a).balance().get(asset).value();
  }

  static SignerSet all(int n) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      idx.add(i);
    }
    return SignerSet.of(idx);
  }
}
