package dev.aether.programs.jobs;

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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A real ledger with the native programs wired as the node wires them, for job-escrow tests. One
 * genesis validator; funded users; a devnet that allows development TEE quotes. Transaction
 * signatures are placeholders with {@code signaturesVerified} (the ledger still checks that the
 * payer signed).
 */
final class JobsChain {
  static final String CHAIN = "aether-jobs-test";
  static final long EPOCH_SLOTS = 1_000;
  static final long FEE_CAP = 200_000_000;
  static final long WINDOW = 5;
  static final BigInteger AIC_EACH = BigInteger.valueOf(1_000_000);
  static final long SWR_EACH = 1_000_000_000_000L;

  final GenesisConfig config;
  final Ledger ledger;
  final List<Address> funded;
  long slot;
  private QuorumCert lastQc;

  JobsChain(List<Address> funded, boolean allowDevTee) {
    this(funded, allowDevTee, GenesisConfig.Amm.DEFAULT);
  }

  /** With the AMM's genesis pools {@code amm} (funded users also hold USDT then). */
  JobsChain(List<Address> funded, boolean allowDevTee, GenesisConfig.Amm amm) {
    this.funded = List.copyOf(funded);
    this.config = config(funded, allowDevTee, amm);
    MemoryStateStore store = new MemoryStateStore();
    Genesis.load(store, config, NativePrograms.genesis(config));
    LedgerConfig lc = LedgerConfig.fromGenesis(config);
    this.ledger =
        new Ledger(
            store,
            lc,
            new JdkEd25519Verifier(),
            NativePrograms.calls(lc.fees(), EPOCH_SLOTS),
            new SerialExecutor(),
            NativePrograms.endBlock());
    this.lastQc = QuorumCert.genesis(ledger.head().blockId());
  }

  static GenesisConfig config(List<Address> funded, boolean allowDevTee, GenesisConfig.Amm amm) {
    byte[] m = "v0".getBytes(StandardCharsets.US_ASCII);
    BlsSecretKey bls = BlsSecretKey.fromSeed(Hashing.tagged("test/bls", m).toArray());
    Ed25519KeyPair node = Ed25519KeyPair.fromSeed(Hashing.tagged("test/node", m).toArray());
    Ed25519KeyPair cold = Ed25519KeyPair.fromSeed(Hashing.tagged("test/cold", m).toArray());
    VrfKeyPair vrf = VrfKeyPair.fromSeed(Hashing.tagged("test/vrf", m).toArray());
    GenesisConfig.Validator v =
        new GenesisConfig.Validator(
            "v0",
            Amount.of(1_000_000_000L),
            Bytes.of(node.publicKey().bytes()),
            Bytes.of(bls.publicKey().bytes()),
            Bytes.of(bls.provePossession().bytes()),
            Bytes.of(vrf.publicKey().bytes()),
            Bytes.of(cold.publicKey().bytes()));
    List<GenesisConfig.Balance> bs = new ArrayList<>();
    for (Address a : funded) {
      bs.add(new GenesisConfig.Balance(a, AssetId.SWR, Amount.of(SWR_EACH)));
      bs.add(new GenesisConfig.Balance(a, AssetId.AIC, new Amount(AIC_EACH)));
      if (!amm.pools().isEmpty()) {
        bs.add(new GenesisConfig.Balance(a, AssetId.USDT, new Amount(AIC_EACH)));
      }
    }
    return new GenesisConfig(
        new GenesisConfig.Chain(CHAIN, 500, 2_000_000, EPOCH_SLOTS),
        new GenesisConfig.Consensus(
            new Ratio(4, 5), new Ratio(2, 3), new Ratio(1, 20), new Ratio(1, 1000)),
        new GenesisConfig.Fees(10_000, 5, 2, 1),
        new GenesisConfig.Rent(2, 12),
        new GenesisConfig.Devnet(allowDevTee, false),
        new GenesisConfig.Staking(
            2,
            Amount.of(100_000),
            4,
            16,
            5_000,
            new Ratio(1, 10),
            new Ratio(1, 2),
            1,
            new Ratio(1, 10)),
        new GenesisConfig.Jobs(
            WINDOW, Amount.of(2), Amount.of(100), new Ratio(1, 1), new Ratio(1, 2), 0, 8),
        List.of(v),
        bs,
        GenesisConfig.Limits.DEFAULT,
        amm,
        GenesisConfig.Governance.DEFAULT);
  }

  /** Executes and commits the next block (one slot later) with {@code txs}. */
  List<Receipt> block(List<Tx> txs) {
    slot++;
    Head head = ledger.head();
    QuorumCert qc =
        head.height() == 0
            ? lastQc
            : new QuorumCert(
                (slot - 1) / EPOCH_SLOTS,
                head.height(),
                head.blockId(),
                SignerSet.of(List.of(0)),
                Bytes.of(new byte[96]));
    BlockContext ctx = new BlockContext(head.height() + 1, slot, true, 0, Optional.of(qc));
    ExecutedBlock ex = ledger.execute(ctx, txs);
    boolean audit = ValueEventAudit.jobsOnly(txs);
    Set<Address> touched = ValueEventAudit.touched(funded, txs, ex.receipts());
    Map<Address, Map<AssetId, BigInteger>> before = new TreeMap<>();
    touched.forEach(
        a ->
            before.put(
                a,
                Map.of(
                    AssetId.AIC, balance(a, AssetId.AIC), AssetId.USDT, balance(a, AssetId.USDT))));
    BigInteger burnedBefore = burned();
    Header h =
        new Header(
            slot / EPOCH_SLOTS,
            head.height() + 1,
            slot,
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
    ledger.commit(new Block(h, txs, Bytes.EMPTY), ex);
    lastQc = qc;
    if (audit) {
      List<String> wrong =
          ValueEventAudit.unexplained(
              touched,
              (a, asset) -> before.get(a).get(asset),
              this::balance,
              ex.receipts(),
              burned().subtract(burnedBefore));
      if (!wrong.isEmpty()) {
        throw new AssertionError("value events do not explain block " + h.height() + ": " + wrong);
      }
    }
    return ex.receipts();
  }

  Receipt one(Tx tx) {
    return block(List.of(tx)).getFirst();
  }

  /** Empty blocks until the chain is at {@code target}. */
  void toSlot(long target) {
    while (slot < target) {
      block(List.of());
    }
  }

  /** A job-escrow transaction from {@code key}, declaring what its calls touch. */
  Tx tx(Ed25519KeyPair key, Call... calls) {
    Address payer = Address.ofPublicKey(key.publicKey().bytes());
    long nonce = ledger.account(payer).nonce();
    var body =
        JobsCalls.body(
            CHAIN,
            payer,
            nonce,
            List.of(calls),
            id ->
                view()
                    .job(id)
                    .map(JobsCalls.Parties::of)
                    .or(() -> view().quorum(id).map(JobsCalls.Parties::of)),
            FEE_CAP,
            Long.MAX_VALUE);
    return new Tx(
        body, List.of(new TxSignature(Bytes.of(key.publicKey().bytes()), Bytes.of(new byte[64]))));
  }

  /** An AMM transaction from {@code key}. */
  Tx ammTx(Ed25519KeyPair key, Call... calls) {
    return ammTx(key, 0, calls);
  }

  /** The same, {@code later} transactions after the account's next nonce (same block). */
  Tx ammTx(Ed25519KeyPair key, long later, Call... calls) {
    Address payer = Address.ofPublicKey(key.publicKey().bytes());
    long nonce = ledger.account(payer).nonce() + later;
    var body =
        dev.aether.programs.amm.AmmCalls.body(
            CHAIN, payer, nonce, List.of(calls), FEE_CAP, Long.MAX_VALUE);
    return new Tx(
        body, List.of(new TxSignature(Bytes.of(key.publicKey().bytes()), Bytes.of(new byte[64]))));
  }

  BigInteger balance(Address a, AssetId asset) {
    return ledger.account(a).balance().get(asset).value();
  }

  /** The id a {@code postJob} from {@code key} in its next transaction gets. */
  H256 nextJobId(Ed25519KeyPair key) {
    Address a = Address.ofPublicKey(key.publicKey().bytes());
    return JobsKeys.jobId(a, ledger.account(a).nonce());
  }

  /** What the escrow's supply accounting has burned so far. */
  BigInteger burned() {
    return view().supply().map(Supply::burned).orElse(BigInteger.ZERO);
  }

  BigInteger aic(Address a) {
    return ledger.account(a).balance().get(AssetId.AIC).value();
  }

  JobsView view() {
    return new JobsView(ledger.state());
  }
}
