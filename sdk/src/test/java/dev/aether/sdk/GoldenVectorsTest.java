package dev.aether.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.crypto.Bls;
import dev.aether.crypto.BlsPublicKey;
import dev.aether.crypto.BlsSecretKey;
import dev.aether.crypto.BlsSignature;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.ledger.BankProgram;
import dev.aether.ledger.Ledger;
import dev.aether.ledger.ReceiptProof;
import dev.aether.ledger.ReceiptsTree;
import dev.aether.ledger.StateKeys;
import dev.aether.ledger.StateObject;
import dev.aether.ledger.smt.InMemoryNodeStore;
import dev.aether.ledger.smt.SparseMerkleTree;
import dev.aether.programs.jobs.JobsCalls;
import dev.aether.programs.jobs.JobsKeys;
import dev.aether.programs.staking.EpochValidator;
import dev.aether.programs.staking.EpochValidatorSet;
import dev.aether.programs.staking.StakingCalls;
import dev.aether.programs.staking.StakingKeys;
import dev.aether.rpc.FinalityProof;
import dev.aether.rpc.RpcJson;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.BlockReceipt;
import dev.aether.types.Bytes;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.Hex;
import dev.aether.types.QuorumCert;
import dev.aether.types.RandomTypes;
import dev.aether.types.Receipt;
import dev.aether.types.SetChange;
import dev.aether.types.SignerSet;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.TxOutput;
import dev.aether.types.Value;
import dev.aether.types.ValueEvent;
import dev.aether.types.Vote;
import dev.aether.types.codec.Codec;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Writes the golden vectors the TypeScript and Python SDKs are checked against — canonical
 * encodings and ids of every type they implement, keys and signatures, built and signed
 * transactions of every kind they build, receipt and state proofs, BLS aggregates and a complete
 * finality proof — all from the Java code the chain runs, and fails when the committed file ({@code
 * sdk/vectors/golden.json}) is not what this code writes today. Regenerate with {@code mvn -pl sdk
 * test -Daether.sdk.updateVectors=true} (the SDK tests then show what changed for them).
 */
class GoldenVectorsTest {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final String CHAIN = "aether-dev-1";

  static Path file() {
    return Path.of(System.getProperty("aether.root", "..")).resolve("sdk/vectors/golden.json");
  }

  @Test
  void committedVectorsAreWhatTheJavaCodeWritesToday() throws Exception {
    String fresh = JSON.writeValueAsString(vectors()) + "\n";
    Path f = file();
    if (Boolean.getBoolean("aether.sdk.updateVectors")) {
      Files.writeString(f, fresh);
    }
    assertThat(Files.exists(f)).as(f + " is missing; regenerate it (see this class)").isTrue();
    assertThat(Files.readString(f))
        .as(
            "sdk/vectors/golden.json is stale: the Java codec or builders changed. Regenerate with"
                + " mvn -pl sdk test -Daether.sdk.updateVectors=true and update the SDKs")
        .isEqualTo(fresh);
  }

  @Test
  void generationIsDeterministic() throws Exception {
    assertThat(JSON.writeValueAsString(vectors())).isEqualTo(JSON.writeValueAsString(vectors()));
  }

  static ObjectNode vectors() {
    ObjectNode root = JSON.createObjectNode();
    root.put(
        "note", "written by sdk/src/test/java/dev/aether/sdk/GoldenVectorsTest.java; do not edit");
    root.set("codec", codec());
    root.set("hashes", hashes());
    root.set("keys", keys());
    root.set("transactions", transactions());
    root.set("receiptProofs", receiptProofs());
    root.set("smtProofs", smtProofs());
    root.set("bls", bls());
    root.set("finality", finality(false));
    root.set("finalityAcrossSets", finality(true));
    root.set("blockReceipts", blockReceipts());
    return root;
  }

  /**
   * Blocks' own receipts (docs/adr/0053, 0054): a value event of each kind (its canonical bytes,
   * its event form and its fields), block receipts with their leaves, and receipts trees of 0..4
   * transactions whose last leaf is the block receipt, with every leaf's proof.
   */
  static ObjectNode blockReceipts() {
    RandomTypes r = new RandomTypes(53);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode values = out.putArray("valueEvents");
    for (ValueEvent.Kind kind : ValueEvent.Kind.values()) {
      ValueEvent v =
          new ValueEvent(
              kind,
              kind == ValueEvent.Kind.BURN ? Optional.empty() : Optional.of(r.address()),
              r.asset(),
              new dev.aether.types.Amount(
                  BigInteger.ONE.shiftLeft(100).add(BigInteger.valueOf(r.random().nextInt()))),
              List.of("refund", "deposit_burn", "spend", "downtime").get(kind.ordinal()),
              r.varBytes(ValueEvent.MAX_REF));
      H256 emitter = r.h256();
      ObjectNode o = values.addObject();
      o.put("hex", hex(ValueEvent.CODEC.encode(v)));
      o.put("emitter", hex(emitter));
      o.put("event", hex(dev.aether.types.Event.CODEC.encode(v.toEvent(emitter))));
      o.put("kind", kind.topic());
      if (v.account().isPresent()) {
        o.put("account", v.account().get().toString());
      } else {
        o.putNull("account");
      }
      o.put("asset", hex(v.asset().id()));
      o.put("amount", v.amount().value().toString());
      o.put("cause", v.cause());
      o.put("ref", hex(v.ref().toArray()));
    }
    ArrayNode trees = out.putArray("trees");
    for (int n = 0; n <= 4; n++) {
      List<Receipt> receipts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        receipts.add(r.receipt());
      }
      BlockReceipt own = r.blockReceipt();
      ObjectNode o = trees.addObject();
      o.put("root", hex(ReceiptsTree.root(receipts, own)));
      ArrayNode rs = o.putArray("receipts");
      receipts.forEach(x -> rs.add(hex(Receipt.CODEC.encode(x))));
      o.put("blockReceipt", hex(BlockReceipt.CODEC.encode(own)));
      o.put("blockReceiptLeaf", hex(own.leafHash()));
      ArrayNode ps = o.putArray("proofs");
      for (int i = 0; i <= n; i++) {
        ReceiptProof p = ReceiptsTree.prove(receipts, own, i);
        ArrayNode path = ps.addObject().put("index", i).put("count", n + 1).putArray("path");
        p.path().forEach(h -> path.add(hex(h)));
      }
    }
    return out;
  }

  static String hex(byte[] b) {
    return Hex.encode(b);
  }

  static String hex(H256 h) {
    return h.toHex();
  }

  static <T> void add(ArrayNode out, String type, Codec<T> codec, T v, String idName, H256 id) {
    ObjectNode o = out.addObject();
    o.put("type", type);
    o.put("hex", hex(codec.encode(v)));
    if (idName != null) {
      o.put(idName, hex(id));
    }
  }

  /** Seeded random values of each type the SDKs implement, with the ids derived from them. */
  static ArrayNode codec() {
    RandomTypes r = new RandomTypes(20261207L);
    ArrayNode out = JSON.createArrayNode();
    for (int i = 0; i < 6; i++) {
      add(out, "Value", Value.CODEC, r.value(), null, null);
      add(out, "UtxoRef", dev.aether.types.UtxoRef.CODEC, r.utxoRef(), null, null);
      add(out, "TxOutput", TxOutput.CODEC, r.txOutput(), null, null);
      add(out, "Call", Call.CODEC, r.call(), null, null);
      TxBody body = r.txBody();
      add(out, "TxBody", TxBody.CODEC, body, "id", body.id());
      Tx tx = r.tx();
      add(out, "Tx", Tx.CODEC, tx, "id", tx.id());
      add(out, "QuorumCert", QuorumCert.CODEC, r.quorumCert(), null, null);
      add(out, "TimeoutCert", dev.aether.types.TimeoutCert.CODEC, r.timeoutCert(), null, null);
      Header h = r.header();
      add(out, "Header", Header.CODEC, h, "id", h.id());
      add(out, "Event", dev.aether.types.Event.CODEC, r.event(), null, null);
      Receipt rc = r.receipt();
      add(out, "Receipt", Receipt.CODEC, rc, "leaf", rc.leafHash());
    }
    for (int i = 0; i < 2; i++) {
      Block b = r.block();
      add(out, "Block", Block.CODEC, b, "id", b.id());
    }
    return out;
  }

  static ObjectNode hashes() {
    ObjectNode o = JSON.createObjectNode();
    ObjectNode assets = o.putObject("assets");
    for (AssetId a : List.of(AssetId.SWR, AssetId.AIC, AssetId.USDT)) {
      assets.put(a.display(), hex(a.id()));
    }
    ObjectNode programs = o.putObject("programs");
    programs.put("bank", hex(BankProgram.ID));
    programs.put("staking", hex(dev.aether.programs.staking.StakingProgram.ID));
    ArrayNode accounts = o.putArray("accounts");
    for (int i = 0; i < 3; i++) {
      byte[] pk = Hashing.tagged("pk", new byte[] {(byte) i}).toArray();
      Address a = Address.ofPublicKey(pk);
      accounts
          .addObject()
          .put("publicKey", hex(pk))
          .put("address", a.toString())
          .put("accountKey", hex(StateKeys.account(a)))
          .put("utxoKey0", hex(new dev.aether.types.UtxoRef(a.hash(), 3).stateKey()));
    }
    Address op = Address.ofPublicKey(Hashing.tagged("op").toArray());
    Address d = Address.ofPublicKey(Hashing.tagged("delegator").toArray());
    ObjectNode s = o.putObject("staking");
    s.put("operator", op.toString()).put("delegator", d.toString());
    s.put("params", hex(StakingKeys.params()));
    s.put("registry", hex(StakingKeys.registry()));
    s.put("validator", hex(StakingKeys.validator(op)));
    s.put("pool", hex(StakingKeys.pool(op)));
    s.put("rewards", hex(StakingKeys.rewards(op)));
    s.put("delegation", hex(StakingKeys.delegation(op, d)));
    s.put("positions", hex(StakingKeys.positions(d)));
    s.put("unbonding7", hex(StakingKeys.unbonding(op, 7)));
    s.put("unbondingEntry7", hex(StakingKeys.unbondingEntry(op, d, 7)));
    s.put("redelegations7", hex(StakingKeys.redelegations(op, 7)));
    s.put("keyOwnerBls", hex(StakingKeys.keyOwner("bls", Bytes.of(new byte[48]))));
    s.put("epochSet0", hex(StakingKeys.epochSet(0)));
    s.put("epochSet5", hex(StakingKeys.epochSet(5)));
    return o;
  }

  static byte[] seed(int i) {
    return Hashing.tagged("aether/sdk-vectors/seed", new byte[] {(byte) i}).toArray();
  }

  static ArrayNode keys() {
    ArrayNode out = JSON.createArrayNode();
    for (int i = 0; i < 4; i++) {
      try (Ed25519KeyPair k = Ed25519KeyPair.fromSeed(seed(i))) {
        byte[] msg = Hashing.tagged("message", new byte[] {(byte) i}).toArray();
        out.addObject()
            .put("seed", hex(seed(i)))
            .put("publicKey", hex(k.publicKey().bytes()))
            .put("address", Address.ofPublicKey(k.publicKey().bytes()).toString())
            .put("message", hex(msg))
            .put("signature", hex(k.sign(msg).bytes()));
      }
    }
    return out;
  }

  static ObjectNode tx(String kind, Ed25519KeyPair key, TxBody body) {
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", kind);
    o.put("seed", hex(key.seed()));
    o.put("body", hex(TxBody.CODEC.encode(body)));
    o.put("id", hex(body.id()));
    o.put("signed", hex(Tx.CODEC.encode(BankProgram.signed(key, body))));
    return o;
  }

  /** Every transaction the SDKs build, built by the Java builders the CLI uses. */
  static ArrayNode transactions() {
    ArrayNode out = JSON.createArrayNode();
    try (Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed(9))) {
      Address from = Address.ofPublicKey(key.publicKey().bytes());
      Address to = Address.ofPublicKey(Hashing.tagged("to").toArray());
      Value v = Value.of(AssetId.AIC, 777).add(Value.of(AssetId.SWR, 5));
      ObjectNode t =
          tx("transfer", key, BankProgram.transferBody(CHAIN, from, 3, to, v, 200_000, 1_000));
      t.put("chainId", CHAIN).put("nonce", 3).put("to", to.toString());
      t.put("feeCap", "200000").put("validUntil", 1000);
      ArrayNode value = t.putArray("value");
      v.amounts()
          .forEach(
              (a, x) -> value.addObject().put("asset", hex(a.id())).put("amount", x.toString()));
      out.add(t);
      Address val = Address.ofPublicKey(Hashing.tagged("validator").toArray());
      Address val2 = Address.ofPublicKey(Hashing.tagged("validator2").toArray());
      long epoch = 4;
      List<Object[]> staking =
          List.of(
              new Object[] {"delegate", StakingCalls.delegate(val, BigInteger.valueOf(1_000_000))},
              new Object[] {"undelegate", StakingCalls.undelegate(val, BigInteger.valueOf(400))},
              new Object[] {"undelegate_all", StakingCalls.undelegate(val, StakingCalls.ALL)},
              new Object[] {"redelegate", StakingCalls.redelegate(val, val2, BigInteger.TEN)},
              new Object[] {"withdraw", StakingCalls.withdraw(val, 3)},
              new Object[] {"claim", StakingCalls.claim(val)},
              new Object[] {"edit_commission", StakingCalls.editCommission(750)},
              new Object[] {"unjail", StakingCalls.unjail()});
      for (Object[] s : staking) {
        TxBody body =
            StakingCalls.body(CHAIN, from, 11, List.of((Call) s[1]), epoch, 300_000, 2_000);
        ObjectNode o = tx("staking." + s[0], key, body);
        o.put("chainId", CHAIN).put("nonce", 11).put("epoch", epoch);
        o.put("feeCap", "300000").put("validUntil", 2000);
        o.put("validator", val.toString()).put("validator2", val2.toString());
        out.add(o);
      }
      try (BlsSecretKey bls = BlsSecretKey.fromSeed(seed(20));
          Ed25519KeyPair cold = Ed25519KeyPair.fromSeed(seed(21))) {
        StakingCalls.Register reg =
            new StakingCalls.Register(
                "sdk-validator",
                Bytes.of(Hashing.tagged("node").toArray()),
                Bytes.of(bls.publicKey().bytes()),
                Bytes.of(bls.provePossession().bytes()),
                Bytes.of(Hashing.tagged("vrf").toArray()),
                Bytes.of(cold.publicKey().bytes()),
                500,
                2_000,
                100,
                BigInteger.valueOf(10_000_000));
        Address op = reg.operator();
        TxBody body =
            StakingCalls.body(
                CHAIN, op, 0, List.of(StakingCalls.register(reg)), epoch, 1_000_000, 2_000);
        ObjectNode o = tx("staking.register", cold, body);
        o.put("chainId", CHAIN).put("nonce", 0).put("epoch", epoch);
        o.put("feeCap", "1000000").put("validUntil", 2000);
        o.put("name", reg.name()).put("nodeKey", hex(reg.nodeKey().toArray()));
        o.put("blsKey", hex(reg.blsKey().toArray())).put("blsPop", hex(reg.blsPop().toArray()));
        o.put("vrfKey", hex(reg.vrfKey().toArray())).put("coldKey", hex(reg.coldKey().toArray()));
        o.put("commissionBps", 500).put("maxCommissionBps", 2_000).put("maxChangeBps", 100);
        o.put("selfBond", "10000000");
        out.add(o);
      }
      // The job escrow: post (with and without the optional input hash and seed), accept,
      // cancel, settle and expire, declaring what JobsCalls.body declares from the job's parties.
      Address poster = Address.ofPublicKey(Hashing.tagged("poster").toArray());
      Address provider = Address.ofPublicKey(Hashing.tagged("provider").toArray());
      H256 job = JobsKeys.jobId(poster, 5);
      JobsCalls.PostJob full =
          new JobsCalls.PostJob(
              Hashing.tagged("model"),
              Hashing.tagged("code"),
              40,
              BigInteger.valueOf(123_456_789),
              30_000,
              9_000,
              Optional.of(Hashing.tagged("input")),
              Optional.of(7L));
      JobsCalls.PostJob bare =
          new JobsCalls.PostJob(
              full.modelHash(),
              full.codeHash(),
              1,
              BigInteger.ONE,
              1_000,
              10,
              Optional.empty(),
              Optional.empty());
      List<Object[]> jobs =
          List.of(
              new Object[] {"post", JobsCalls.post(full)},
              new Object[] {"post_bare", JobsCalls.post(bare)},
              new Object[] {"accept", JobsCalls.accept(job, from, BigInteger.valueOf(5_000))},
              new Object[] {"cancel", JobsCalls.cancel(job)},
              new Object[] {"settle", JobsCalls.settle(job)},
              new Object[] {"expire", JobsCalls.expire(job)});
      for (Object[] j : jobs) {
        TxBody body =
            JobsCalls.body(
                CHAIN,
                from,
                21,
                List.of((Call) j[1]),
                id ->
                    id.equals(job)
                        ? Optional.of(new JobsCalls.Parties(poster, Optional.of(provider)))
                        : Optional.empty(),
                400_000,
                3_000);
        ObjectNode o = tx("jobs." + j[0], key, body);
        o.put("chainId", CHAIN).put("nonce", 21);
        o.put("feeCap", "400000").put("validUntil", 3000);
        o.put("jobId", hex(job)).put("poster", poster.toString());
        o.put("provider", provider.toString()).put("bond", "5000");
        o.put("modelHash", hex(full.modelHash())).put("codeHash", hex(full.codeHash()));
        o.put("inputHash", hex(full.inputHash().orElseThrow())).put("jobSeed", 7);
        out.add(o);
      }
    }
    return out;
  }

  /** Receipts trees of 1..9 receipts: the root and every receipt's proof. */
  static ArrayNode receiptProofs() {
    RandomTypes r = new RandomTypes(77);
    ArrayNode out = JSON.createArrayNode();
    for (int n = 1; n <= 9; n++) {
      List<Receipt> receipts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        receipts.add(r.receipt());
      }
      ObjectNode o = out.addObject();
      o.put("root", hex(ReceiptsTree.root(receipts)));
      ArrayNode rs = o.putArray("receipts");
      ArrayNode ps = o.putArray("proofs");
      for (int i = 0; i < n; i++) {
        rs.add(hex(Receipt.CODEC.encode(receipts.get(i))));
        ReceiptProof p = ReceiptsTree.prove(receipts, i);
        ArrayNode path = ps.addObject().put("index", i).put("count", n).putArray("path");
        p.path().forEach(h -> path.add(hex(h)));
      }
    }
    return out;
  }

  /** A Sparse Merkle tree of accounts and data: inclusion and absence proofs against its root. */
  static ArrayNode smtProofs() {
    RandomTypes r = new RandomTypes(99);
    TreeMap<H256, StateObject> state = new TreeMap<>();
    List<Address> addresses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Address a = r.address();
      addresses.add(a);
      state.put(StateKeys.account(a), new StateObject.Account(r.value(), r.random().nextInt(1000)));
    }
    for (int i = 0; i < 10; i++) {
      state.put(
          Hashing.tagged("data", new byte[] {(byte) i}), new StateObject.Data(r.varBytes(100)));
    }
    TreeMap<H256, Optional<H256>> changes = new TreeMap<>();
    state.forEach((k, v) -> changes.put(k, Optional.of(Ledger.valueHash(v))));
    SparseMerkleTree tree = new SparseMerkleTree(new InMemoryNodeStore());
    H256 root = tree.update(changes);
    ArrayNode out = JSON.createArrayNode();
    for (int i = 0; i < 8; i++) {
      Address a = addresses.get(i * 5);
      H256 key = StateKeys.account(a);
      StateObject obj = state.get(key);
      out.addObject()
          .put("root", hex(root))
          .put("address", a.toString())
          .put("key", hex(key))
          .put("raw", hex(StateObject.CODEC.encode(obj)))
          .put("valueHash", hex(Ledger.valueHash(obj)))
          .put("proof", hex(tree.prove(key).encode()));
    }
    for (int i = 0; i < 4; i++) {
      Address a = Address.ofPublicKey(Hashing.tagged("absent", new byte[] {(byte) i}).toArray());
      H256 key = StateKeys.account(a);
      out.addObject()
          .put("root", hex(root))
          .put("address", a.toString())
          .put("key", hex(key))
          .putNull("raw")
          .putNull("valueHash")
          .put("proof", hex(tree.prove(key).encode()));
    }
    return out;
  }

  static List<BlsSecretKey> blsKeys(int n) {
    List<BlsSecretKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(BlsSecretKey.fromSeed(seed(40 + i)));
    }
    return keys;
  }

  /** Aggregate signatures over vote messages, valid and not. */
  static ArrayNode bls() {
    ArrayNode out = JSON.createArrayNode();
    List<BlsSecretKey> keys = blsKeys(4);
    for (int signers = 1; signers <= 4; signers++) {
      byte[] msg =
          Vote.signingBytes(3, 10 + signers, Hashing.tagged("block", new byte[] {(byte) signers}));
      List<BlsSignature> sigs = new ArrayList<>();
      ArrayNode pks = JSON.createArrayNode();
      for (int i = 0; i < signers; i++) {
        sigs.add(keys.get(i).sign(msg));
        pks.add(hex(keys.get(i).publicKey().bytes()));
      }
      BlsSignature agg = Bls.INSTANCE.aggregate(sigs);
      List<BlsPublicKey> pub =
          keys.subList(0, signers).stream().map(BlsSecretKey::publicKey).toList();
      ObjectNode o = out.addObject();
      o.put("message", hex(msg)).set("publicKeys", pks);
      o.put("signature", hex(agg.bytes()));
      o.put("valid", Bls.INSTANCE.fastAggregateVerify(pub, msg, agg));
    }
    return out;
  }

  /**
   * Four BLS validators from seeds {@code 40 + first ..}, sorted as the staking program records.
   */
  static EpochValidatorSet set(long epoch, List<BlsSecretKey> keys) {
    List<EpochValidator> members = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      byte[] tag = keys.get(i).publicKey().bytes();
      members.add(
          new EpochValidator(
              Address.ofPublicKey(Hashing.tagged("cold", tag).toArray()),
              Bytes.of(Hashing.tagged("node", tag).toArray()),
              Bytes.of(tag),
              Bytes.of(Hashing.tagged("vrf", tag).toArray()),
              Bytes.of(Hashing.tagged("cold", tag).toArray()),
              BigInteger.valueOf(1_000 + 100L * i)));
    }
    members.sort(Comparator.comparing(EpochValidator::operator));
    return new EpochValidatorSet(epoch, members);
  }

  /** A state tree holding {@code records} (state key to encoded set) among filler entries. */
  static SparseMerkleTree stateWith(TreeMap<H256, Bytes> records) {
    TreeMap<H256, Optional<H256>> state = new TreeMap<>();
    records.forEach((k, v) -> state.put(k, Optional.of(Ledger.valueHash(new StateObject.Data(v)))));
    for (int i = 0; i < 12; i++) {
      state.put(
          Hashing.tagged("filler", new byte[] {(byte) i}),
          Optional.of(Hashing.tagged("value", new byte[] {(byte) i})));
    }
    SparseMerkleTree tree = new SparseMerkleTree(new InMemoryNodeStore());
    tree.update(state);
    return tree;
  }

  /**
   * Synthetic chains the real way round, written as {@code aeth_getFinalityProof} answers with the
   * genesis id a light client trusts. A genesis header whose state root holds the staking program's
   * records of the sets of epochs 0 and 1 (the same four BLS validators, A).
   *
   * <p>{@code finality}: block 1 and its child block 2 of the next round, both of epoch 0, the QC
   * on block 1 (in block 2's header) and on block 2 signed by three of four.
   *
   * <p>{@code finalityAcrossSets}: block 2 ends epoch 0 (its state root records epoch 2's set, four
   * other validators B); block 3 opens epoch 1 and A certifies it in epoch 1 (the set-change link);
   * blocks 4 (ends epoch 1), 5 and 6 follow, and B certifies 5 and 6 in epoch 2 — a proof of block
   * 5 that needs the link to know B.
   */
  static ObjectNode finality(boolean acrossSets) {
    List<BlsSecretKey> keysA = blsKeys(4);
    EpochValidatorSet set0 = set(0, keysA);
    EpochValidatorSet set1 = set(1, keysA);
    TreeMap<H256, Bytes> genesisRecords = new TreeMap<>();
    genesisRecords.put(StakingKeys.epochSet(0), Bytes.of(EpochValidatorSet.CODEC.encode(set0)));
    genesisRecords.put(StakingKeys.epochSet(1), Bytes.of(EpochValidatorSet.CODEC.encode(set1)));
    SparseMerkleTree genesisState = stateWith(genesisRecords);
    Header genesis =
        new Header(
            0,
            0,
            0,
            0,
            H256.ZERO,
            0,
            Bytes.EMPTY,
            0,
            dev.aether.types.OpCert.NONE,
            Hashing.tagged("config"),
            genesisState.root(),
            H256.ZERO,
            H256.ZERO,
            QuorumCert.genesis(H256.ZERO),
            Optional.empty());
    List<FinalityProof.RecordedSet> genesisSets = new ArrayList<>();
    genesisRecords.forEach(
        (k, v) ->
            genesisSets.add(
                new FinalityProof.RecordedSet(
                    k.equals(StakingKeys.epochSet(0)) ? 0 : 1,
                    Bytes.of(k.toArray()),
                    v,
                    Bytes.of(genesisState.prove(k).encode()))));
    genesisSets.sort(Comparator.comparingLong(FinalityProof.RecordedSet::epoch));

    Header b1 = header(0, 1, 5, 1, genesis.id(), QuorumCert.genesis(genesis.id()), H256.ZERO);
    QuorumCert qc1 = qc(keysA, set0, 0, 1, b1.id(), List.of(0, 1, 3));
    FinalityProof p;
    if (!acrossSets) {
      Header b2 = header(0, 2, 6, 2, b1.id(), qc1, H256.ZERO);
      QuorumCert qc2 = qc(keysA, set0, 0, 2, b2.id(), List.of(0, 2, 3));
      p = new FinalityProof(1, List.of(b1, b2), qc2, genesis, genesisSets, List.of());
    } else {
      List<BlsSecretKey> keysB = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        keysB.add(BlsSecretKey.fromSeed(seed(60 + i)));
      }
      EpochValidatorSet set2 = set(2, keysB);
      Bytes record2 = Bytes.of(EpochValidatorSet.CODEC.encode(set2));
      TreeMap<H256, Bytes> k2 = new TreeMap<>();
      k2.put(StakingKeys.epochSet(2), record2);
      SparseMerkleTree boundaryState = stateWith(k2);
      // Epoch slots are 6: block 2 (slot 6) ends epoch 0, block 4 (slot 12) ends epoch 1.
      Header b2 = header(0, 2, 6, 2, b1.id(), qc1, boundaryState.root());
      QuorumCert qc2 = qc(keysA, set0, 0, 2, b2.id(), List.of(0, 1, 2));
      Header b3 = header(1, 3, 7, 3, b2.id(), qc2, H256.ZERO);
      QuorumCert qc3 = qc(keysA, set1, 1, 3, b3.id(), List.of(1, 2, 3));
      SetChange link =
          new SetChange(
              b2,
              b3,
              qc3,
              record2,
              Bytes.of(boundaryState.prove(StakingKeys.epochSet(2)).encode()));
      Header b4 = header(1, 4, 12, 4, b3.id(), qc3, H256.ZERO);
      QuorumCert qc4 = qc(keysA, set1, 1, 4, b4.id(), List.of(0, 1, 3));
      Header b5 = header(2, 5, 13, 5, b4.id(), qc4, H256.ZERO);
      QuorumCert qc5 = qc(keysB, set2, 2, 5, b5.id(), List.of(0, 1, 2));
      Header b6 = header(2, 6, 14, 6, b5.id(), qc5, H256.ZERO);
      QuorumCert qc6 = qc(keysB, set2, 2, 6, b6.id(), List.of(1, 2, 3));
      p =
          new FinalityProof(
              5,
              List.of(b5, b6),
              qc6,
              genesis,
              genesisSets,
              List.of(Bytes.of(SetChange.CODEC.encode(link))));
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("genesisId", hex(genesis.id()));
    o.set("proof", JSON.valueToTree(RpcJson.finality(p)));
    return o;
  }

  static Header header(
      long epoch,
      long height,
      long slot,
      long round,
      H256 parent,
      QuorumCert parentQc,
      H256 stateRoot) {
    return new Header(
        epoch,
        height,
        slot,
        round,
        parent,
        (int) (height % 4),
        Bytes.of(Hashing.tagged("vrf-proof", new byte[] {(byte) height}).toArray()),
        (int) height,
        new dev.aether.types.OpCert(
            Bytes.of(Hashing.tagged("hot", new byte[] {(byte) height}).toArray()),
            height,
            0,
            Bytes.of(new byte[64])),
        Hashing.tagged("tx", new byte[] {(byte) height}),
        stateRoot.equals(H256.ZERO)
            ? Hashing.tagged("state", new byte[] {(byte) height})
            : stateRoot,
        Hashing.tagged("receipts", new byte[] {(byte) height}),
        H256.ZERO,
        parentQc,
        Optional.empty());
  }

  /** A QC by the set members at {@code signers} (indexes in the record's order). */
  static QuorumCert qc(
      List<BlsSecretKey> keys,
      EpochValidatorSet set,
      long epoch,
      long round,
      H256 block,
      List<Integer> signers) {
    byte[] msg = Vote.signingBytes(epoch, round, block);
    List<BlsSignature> sigs = new ArrayList<>();
    for (int i : signers) {
      Bytes pk = set.validators().get(i).blsKey();
      BlsSecretKey k =
          keys.stream()
              .filter(x -> Bytes.of(x.publicKey().bytes()).equals(pk))
              .findFirst()
              .orElseThrow();
      sigs.add(k.sign(msg));
    }
    return new QuorumCert(
        epoch, round, block, SignerSet.of(signers), Bytes.of(Bls.INSTANCE.aggregate(sigs).bytes()));
  }
}
