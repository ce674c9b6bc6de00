package dev.aether.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.types.Address;
import dev.aether.types.AssetId;
import dev.aether.types.Block;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Header;
import dev.aether.types.Hex;
import dev.aether.types.Receipt;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.UtxoRef;
import dev.aether.types.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The aeth_* methods end to end: RpcClient → HTTP → server → in-memory backend and back. */
class AethMethodsTest {
  private static InMemoryChain chain;
  private static RpcServer server;
  private static RpcClient rpc;
  private static final Address ALICE = Address.ofPublicKey(new byte[32]);
  private static final Address BOB = new Address(Hashing.sha256(new byte[] {1}));

  @BeforeAll
  static void start() {
    chain = new InMemoryChain(42);
    chain.finalizeNew(6);
    chain.holdBackFinality(2);
    chain.setBalance(
        ALICE, InMemoryChain.swr(1_000).add(Value.of(AssetId.AIC, Amount128.MAX_MINUS_ONE)));
    chain.addUtxo(ALICE, new UtxoRef(H256.ZERO, 3), InMemoryChain.swr(70));
    chain.setAccount(
        ALICE, new AccountState(5, InMemoryChain.swr(930), Bytes.of(new byte[] {9, 9})));
    server = RpcServer.start(chain, RpcConfig.defaults().withPort(0));
    rpc = new RpcClient(server.uri());
  }

  @AfterAll
  static void stop() {
    rpc.close();
    server.close();
  }

  /** A u128 near the top of the range, to show amounts survive as decimal strings. */
  private static final class Amount128 {
    static final dev.aether.types.Amount MAX_MINUS_ONE =
        new dev.aether.types.Amount(
            dev.aether.types.Amount.MAX_VALUE.subtract(java.math.BigInteger.ONE));
  }

  @Test
  void chainIdAndSyncing() {
    assertThat(rpc.call("aeth_chainId").asText()).isEqualTo(InMemoryChain.CHAIN_ID);
    assertThat(rpc.call("aeth_syncing").isBoolean()).isTrue();
    assertThat(rpc.call("aeth_syncing").booleanValue()).isFalse();
    chain.setSync(new SyncStatus.Syncing(1, 4, 9));
    try {
      JsonNode s = rpc.call("aeth_syncing");
      assertThat(s.get("startingHeight").asLong()).isEqualTo(1);
      assertThat(s.get("currentHeight").asLong()).isEqualTo(4);
      assertThat(s.get("highestHeight").asLong()).isEqualTo(9);
    } finally {
      chain.setSync(SyncStatus.SYNCED);
    }
  }

  @Test
  void blockByTagHeightHexAndDecimal() {
    assertThat(rpc.call("aeth_getBlockByNumber", "latest").get("height").asLong()).isEqualTo(5);
    assertThat(rpc.call("aeth_getBlockByNumber", "finalized").get("height").asLong()).isEqualTo(3);
    assertThat(rpc.call("aeth_getBlockByNumber", "earliest").get("height").asLong()).isEqualTo(0);
    assertThat(rpc.call("aeth_getBlockByNumber", 4).get("height").asLong()).isEqualTo(4);
    assertThat(rpc.call("aeth_getBlockByNumber", "0x4").get("height").asLong()).isEqualTo(4);
    assertThat(rpc.call("aeth_getBlockByNumber", "4").get("height").asLong()).isEqualTo(4);
    assertThat(rpc.call("aeth_getBlockByNumber", 1000).isNull()).isTrue();
  }

  @Test
  void blockJsonMatchesTheBlock() {
    Block b = chain.blockAt(2).block();
    JsonNode j = rpc.call("aeth_getBlockByNumber", 2);
    assertThat(j.get("hash").asText()).isEqualTo(b.id().toHex());
    assertThat(j.get("parentHash").asText()).isEqualTo(chain.blockAt(1).block().id().toHex());
    assertThat(j.get("stateRoot").asText()).isEqualTo(b.header().stateRoot().toHex());
    assertThat(j.get("receiptsRoot").asText()).isEqualTo(b.header().receiptsRoot().toHex());
    assertThat(j.get("slot").asLong()).isEqualTo(4);
    assertThat(j.get("size").asInt()).isEqualTo(Block.CODEC.encode(b).length);
    // headerRaw is the canonical header: it decodes back and hashes to the block id.
    Header decoded = Header.CODEC.decode(Hex.decode(j.get("headerRaw").asText()));
    assertThat(decoded).isEqualTo(b.header());
    assertThat(decoded.id().toHex()).isEqualTo(j.get("hash").asText());
    // Without fullTransactions: ids in block order.
    assertThat(j.get("transactions")).hasSize(b.txs().size());
    for (int i = 0; i < b.txs().size(); i++) {
      assertThat(j.get("transactions").get(i).asText()).isEqualTo(b.txs().get(i).id().toHex());
    }
  }

  @Test
  void fullTransactionsByPositionAndByName() {
    Block b = chain.blockAt(2).block();
    JsonNode positional = rpc.call("aeth_getBlockByNumber", 2, true);
    JsonNode named =
        rpc.call(
            "aeth_getBlockByNumber",
            new ObjectMapper().valueToTree(Map.of("block", "0x2", "fullTransactions", true)));
    assertThat(named).isEqualTo(positional);
    JsonNode tx = positional.get("transactions").get(0);
    Tx expected = b.txs().get(0);
    TxBody body = expected.body();
    assertThat(tx.get("hash").asText()).isEqualTo(expected.id().toHex());
    assertThat(tx.get("chainId").asText()).isEqualTo(body.chainId());
    assertThat(tx.get("payer").asText()).isEqualTo(body.payer().hash().toHex());
    assertThat(tx.get("nonce").bigIntegerValue())
        .isEqualTo(new java.math.BigInteger(Long.toUnsignedString(body.nonce())));
    assertThat(tx.get("feeCap").asText()).isEqualTo(body.feeCap().value().toString());
    assertThat(tx.get("inputs")).hasSize(body.inputs().size());
    assertThat(tx.get("outputs")).hasSize(body.outputs().size());
    assertThat(tx.get("signatures")).hasSize(expected.signatures().size());
    assertThat(tx.get("size").asInt()).isEqualTo(expected.sizeBytes());
  }

  @Test
  void blockReceiptWithDecodedValueEventsAndProof() {
    FinalBlock fb = chain.blockAt(2);
    dev.aether.types.BlockReceipt own = fb.blockReceipt().orElseThrow();
    JsonNode j = rpc.call("aeth_getBlockReceipt", 2);
    assertThat(j.get("blockHeight").asLong()).isEqualTo(2);
    assertThat(j.get("blockHash").asText()).isEqualTo(fb.block().id().toHex());
    assertThat(j.get("index").asInt()).isEqualTo(fb.receipts().size());
    assertThat(j.get("proof").get("count").asInt()).isEqualTo(fb.receipts().size() + 1);
    assertThat(j.get("receiptsRoot").asText())
        .isEqualTo(fb.block().header().receiptsRoot().toHex());
    assertThat(dev.aether.types.BlockReceipt.CODEC.decode(Hex.decode(j.get("raw").asText())))
        .isEqualTo(own);
    assertThat(j.get("events")).hasSize(own.events().size());
    for (int i = 0; i < own.events().size(); i++) {
      dev.aether.types.ValueEvent v = own.valueEvents().get(i).event();
      JsonNode value = j.get("events").get(i).get("value");
      assertThat(value.get("kind").asText()).isEqualTo(v.kind().topic());
      assertThat(value.get("amount").asText()).isEqualTo(v.amount().value().toString());
      assertThat(value.get("cause").asText()).isEqualTo(v.cause());
      assertThat(value.get("account").isNull()).isEqualTo(v.account().isEmpty());
    }
    assertThat(rpc.call("aeth_getBlockReceipt", 0).isNull()).isTrue(); // genesis has none
    assertThat(rpc.call("aeth_getBlockReceipt", 1000).isNull()).isTrue();
  }

  @Test
  void receiptWithProofAndRawLeaf() {
    FinalBlock fb = chain.blockAt(2);
    Receipt r = fb.receipts().get(1);
    JsonNode j = rpc.call("aeth_getTransactionReceipt", r.txId().toHex());
    assertThat(j.get("txHash").asText()).isEqualTo(r.txId().toHex());
    assertThat(j.get("status").asText())
        .isEqualTo(r.status() == Receipt.Status.SUCCESS ? "success" : "failed");
    assertThat(j.get("feePaid").asText()).isEqualTo(r.feePaid().value().toString());
    assertThat(j.get("blockHeight").asLong()).isEqualTo(2);
    assertThat(j.get("blockHash").asText()).isEqualTo(fb.block().id().toHex());
    assertThat(j.get("index").asInt()).isEqualTo(1);
    assertThat(j.get("receiptsRoot").asText())
        .isEqualTo(fb.block().header().receiptsRoot().toHex());
    assertThat(j.get("proof").get("index").asInt()).isEqualTo(1);
    assertThat(j.get("proof").get("siblings")).hasSize(3);
    assertThat(j.get("events")).hasSize(r.events().size());
    assertThat(Receipt.CODEC.decode(Hex.decode(j.get("raw").asText()))).isEqualTo(r);
  }

  @Test
  void unknownReceiptIsNull() {
    assertThat(rpc.call("aeth_getTransactionReceipt", H256.ZERO.toHex()).isNull()).isTrue();
  }

  @Test
  void stateRootDefaultsToLatest() {
    assertThat(rpc.call("aeth_getStateRoot").asText())
        .isEqualTo(chain.blockAt(5).block().header().stateRoot().toHex());
    assertThat(rpc.call("aeth_getStateRoot", "finalized").asText())
        .isEqualTo(chain.blockAt(3).block().header().stateRoot().toHex());
    assertThat(rpc.call("aeth_getStateRoot", 77).isNull()).isTrue();
  }

  @Test
  void balanceAllAssetsOrOne() {
    JsonNode all = rpc.call("aeth_getBalance", ALICE.toString());
    assertThat(all.get("SWR").asText()).isEqualTo("1000");
    assertThat(all.get("AIC").asText()).isEqualTo(Amount128.MAX_MINUS_ONE.toString());
    JsonNode one = rpc.call("aeth_getBalance", ALICE.toString(), "SWR");
    assertThat(one.size()).isEqualTo(1);
    assertThat(one.get("SWR").asText()).isEqualTo("1000");
    JsonNode zero = rpc.call("aeth_getBalance", BOB.toString(), "USDT");
    assertThat(zero.get("USDT").asText()).isEqualTo("0");
    assertThat(rpc.call("aeth_getBalance", BOB.toString()).isEmpty()).isTrue();
  }

  @Test
  void utxosOfAnAddress() {
    JsonNode u = rpc.call("aeth_getUtxos", ALICE.toString());
    assertThat(u).hasSize(1);
    assertThat(u.get(0).get("txHash").asText()).isEqualTo(H256.ZERO.toHex());
    assertThat(u.get(0).get("index").asInt()).isEqualTo(3);
    assertThat(u.get(0).get("owner").asText()).isEqualTo(ALICE.toString());
    assertThat(u.get(0).get("value").get("SWR").asText()).isEqualTo("70");
    assertThat(rpc.call("aeth_getUtxos", BOB.toString())).isEmpty();
  }

  @Test
  void utxosArePagedInRefOrderAndEveryOneIsListedExactlyOnce() {
    Address carol = new Address(Hashing.sha256(new byte[] {3}));
    java.util.Random random = new java.util.Random(21);
    java.util.TreeSet<UtxoRef> all = new java.util.TreeSet<>();
    while (all.size() < 2_503) {
      byte[] id = new byte[32];
      random.nextBytes(id);
      all.add(new UtxoRef(H256.of(id), random.nextInt(256)));
    }
    // Added in an order unrelated to UtxoRef order.
    List<UtxoRef> shuffled = new java.util.ArrayList<>(all);
    java.util.Collections.shuffle(shuffled, random);
    shuffled.forEach(r -> chain.addUtxo(carol, r, InMemoryChain.swr(1 + r.index())));

    JsonNode first = rpc.call("aeth_getUtxos", carol.toString());
    assertThat(first).hasSize(AethMethods.MAX_UTXOS_PAGE);
    List<UtxoRef> seen = new java.util.ArrayList<>();
    JsonNode after = null;
    int pages = 0;
    while (true) {
      JsonNode page =
          after == null
              ? rpc.call("aeth_getUtxos", carol.toString(), null, 700)
              : rpc.call("aeth_getUtxos", carol.toString(), after, 700);
      pages++;
      page.forEach(
          u ->
              seen.add(
                  new UtxoRef(
                      H256.of(Hex.decode(u.get("txHash").asText())), u.get("index").asInt())));
      if (page.size() < 700) {
        break;
      }
      // The last listed output itself (all its fields) is a valid cursor.
      after = page.get(page.size() - 1);
    }
    assertThat(pages).isEqualTo(4);
    assertThat(seen).containsExactlyElementsOf(all);
    // By name, with a bare {txHash, index} cursor.
    UtxoRef mid = seen.get(1_000);
    com.fasterxml.jackson.databind.node.ObjectNode named =
        new ObjectMapper().createObjectNode().put("address", carol.toString()).put("limit", 2);
    named.putObject("after").put("txHash", mid.txId().toHex()).put("index", mid.index());
    JsonNode two = rpc.call("aeth_getUtxos", named);
    assertThat(two).hasSize(2);
    assertThat(two.get(0).get("txHash").asText()).isEqualTo(seen.get(1_001).txId().toHex());
    assertThat(two.get(1).get("index").asInt()).isEqualTo(seen.get(1_002).index());
  }

  @Test
  void utxoPagesRefuseBadCursorsAndLimits() {
    String a = ALICE.toString();
    ObjectMapper m = new ObjectMapper();
    List<Object[]> bad =
        List.of(
            new Object[] {a, null, 0},
            new Object[] {a, null, AethMethods.MAX_UTXOS_PAGE + 1},
            new Object[] {a, null, "10"},
            new Object[] {a, null, 1.5},
            new Object[] {a, "0x00", 5},
            new Object[] {a, Map.of("txHash", "0x12", "index", 0), 5},
            new Object[] {a, Map.of("txHash", H256.ZERO.toHex(), "index", 256), 5},
            new Object[] {a, Map.of("txHash", H256.ZERO.toHex(), "index", -1), 5},
            new Object[] {a, Map.of("txHash", H256.ZERO.toHex()), 5});
    for (Object[] params : bad) {
      assertThatThrownBy(() -> rpc.call("aeth_getUtxos", params))
          .as(m.valueToTree(params).toString())
          .isInstanceOfSatisfying(
              RpcClientException.Remote.class,
              e -> assertThat(e.code()).isEqualTo(RpcError.INVALID_PARAMS));
    }
    // Past the last output: an empty page.
    JsonNode end =
        rpc.call(
            "aeth_getUtxos",
            a,
            Map.of("txHash", "0x" + "ff".repeat(32), "index", 255),
            AethMethods.MAX_UTXOS_PAGE);
    assertThat(end).isEmpty();
  }

  @Test
  void accountWithProofAndAbsentAccountWithProofOfAbsence() {
    JsonNode a = rpc.call("aeth_getAccount", ALICE.toString());
    assertThat(a.get("exists").asBoolean()).isTrue();
    assertThat(a.get("nonce").asLong()).isEqualTo(5);
    assertThat(a.get("balance").get("SWR").asText()).isEqualTo("930");
    assertThat(a.get("raw").asText()).isEqualTo("0x0909");
    assertThat(a.get("stateRoot").asText())
        .isEqualTo(chain.blockAt(5).block().header().stateRoot().toHex());
    assertThat(a.get("proof")).hasSize(2);
    assertThat(a.get("proof").get(0).asText()).isEqualTo("0x010203");
    JsonNode b = rpc.call("aeth_getAccount", BOB.toString());
    assertThat(b.get("exists").asBoolean()).isFalse();
    assertThat(b.get("raw").isNull()).isTrue();
    assertThat(b.get("proof")).hasSize(2);
  }

  @Test
  void validators() {
    JsonNode v = rpc.call("aeth_getValidators");
    assertThat(v).hasSize(4);
    assertThat(v.get(2).get("index").asInt()).isEqualTo(2);
    assertThat(v.get(2).get("stake").asText()).isEqualTo("3000000");
    assertThat(v.get(2).get("publicKeys").get("bls").asText()).isEqualTo("0x" + "00".repeat(48));
    assertThat(v.get(2).get("name").asText()).isEqualTo("v2");
    assertThat(v.get(2).get("selfBond").asText()).isEqualTo("1000000");
    assertThat(v.get(2).get("delegated").asText()).isEqualTo("2000000");
    assertThat(v.get(2).get("commissionBps").asInt()).isEqualTo(500);
    assertThat(v.get(2).get("status").asText()).isEqualTo("active");
    assertThat(v.get(2).get("missedRounds").asLong()).isEqualTo(2);
  }

  @Test
  void stake() {
    JsonNode s = rpc.call("aeth_getStake", BOB.toString());
    assertThat(s.get("address").asText()).isEqualTo(BOB.toString());
    assertThat(s.get("delegations").get(0).get("amount").asText()).isEqualTo("500");
    assertThat(s.get("delegations").get(0).get("pendingRewards").asText()).isEqualTo("7");
    assertThat(s.get("unbonding").get(0).get("withdrawableFromEpoch").asLong()).isEqualTo(6);
    assertThat(s.get("pendingRewards").asText()).isEqualTo("7");
    assertThatThrownBy(() -> rpc.call("aeth_getStake", "0x12"))
        .isInstanceOf(RpcClientException.class);
  }

  @Test
  void sendRawTransactionReturnsTheIdAndReachesTheMempool() {
    TxBody b = chain.random().txBody();
    Tx tx =
        new Tx(
            new TxBody(
                InMemoryChain.CHAIN_ID,
                b.payer(),
                b.nonce(),
                b.inputs(),
                b.reads(),
                b.writes(),
                b.outputs(),
                b.calls(),
                b.mint(),
                b.burn(),
                b.feeCap(),
                b.validFrom(),
                b.validUntil()),
            List.of(chain.random().txSignature()));
    JsonNode id = rpc.call("aeth_sendRawTransaction", Hex.encode(Tx.CODEC.encode(tx)));
    assertThat(id.asText()).isEqualTo(tx.id().toHex());
    assertThat(chain.mempool()).contains(tx);
  }

  @Test
  void clientSurfacesRemoteErrorsWithCodeAndData() {
    assertThatThrownBy(() -> rpc.call("aeth_sendRawTransaction", "0x00"))
        .isInstanceOfSatisfying(
            RpcClientException.Remote.class,
            e -> {
              assertThat(e.code()).isEqualTo(RpcError.TX_REJECTED);
              assertThat(e.data().orElseThrow().get("reason").asText()).startsWith("codec.");
              assertThat(e.getMessage()).contains("Transaction rejected (-32000): codec.");
            });
    assertThatThrownBy(() -> rpc.call("aeth_nope"))
        .isInstanceOfSatisfying(
            RpcClientException.Remote.class, e -> assertThat(e.code()).isEqualTo(-32601));
  }

  @Test
  void finalityProofTakesAHeightOnlyAndSaysWhenTheBackendCannotProve() {
    // Finality is proven per height: a tag (which moves) is bad input, not a guess.
    for (Object bad : new Object[] {"latest", "finalized", "0xzz", -1}) {
      assertThatThrownBy(() -> rpc.call("aeth_getFinalityProof", bad))
          .as("%s", bad)
          .isInstanceOfSatisfying(
              RpcClientException.Remote.class,
              e -> assertThat(e.code()).isEqualTo(RpcError.INVALID_PARAMS));
    }
    // The in-memory chain keeps no certificates: a clear -32001, never a made-up proof.
    assertThatThrownBy(() -> rpc.call("aeth_getFinalityProof", 1))
        .isInstanceOfSatisfying(
            RpcClientException.Remote.class, e -> assertThat(e.code()).isEqualTo(-32001));
  }

  @Test
  void rawTransactionOverTheTxLimitIsRefusedBeforeDecoding() {
    String hex = "0x" + "00".repeat(Tx.MAX_BYTES + 1);
    int before = chain.mempool().size();
    assertThatThrownBy(() -> rpc.call("aeth_sendRawTransaction", hex))
        .isInstanceOfSatisfying(
            RpcClientException.Remote.class,
            e -> {
              assertThat(e.code()).isEqualTo(RpcError.INVALID_PARAMS);
              assertThat(e.data().orElseThrow().asText()).contains("exceed the limit");
            });
    assertThat(chain.mempool()).hasSize(before);
  }

  @Test
  void clientReportsAnUnreachableEndpointAsTransportFailure() {
    java.net.URI dead;
    try (var s = new java.net.ServerSocket(0)) {
      dead = java.net.URI.create("http://127.0.0.1:" + s.getLocalPort() + "/");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    try (RpcClient c = new RpcClient(dead, java.time.Duration.ofSeconds(2))) {
      assertThatThrownBy(() -> c.call("aeth_chainId"))
          .isInstanceOf(RpcClientException.Transport.class)
          .hasMessageContaining("cannot reach");
    }
  }

  @Test
  void discoverReturnsTheOpenRpcDocument() {
    JsonNode doc = rpc.call("rpc.discover");
    assertThat(doc.get("openrpc").asText()).startsWith("1.");
    assertThat(doc).isEqualTo(RpcServer.openRpcDocument());
  }

  @Test
  void feePriceAndEstimateAnswerInTheDocumentedShape() {
    JsonNode price = rpc.call("aeth_feePrice");
    assertThat(price.path("a").asText()).isEqualTo("10000");
    assertThat(price.path("hotObjects").get(0).path("multiplierPermille").asLong())
        .isEqualTo(1_500);
    dev.aether.types.Tx tx = new dev.aether.types.RandomTypes(5).tx();
    JsonNode e =
        rpc.call(
            "aeth_estimateFee", dev.aether.types.Hex.encode(dev.aether.types.Tx.CODEC.encode(tx)));
    assertThat(e.path("status").asText()).isEqualTo("success");
    assertThat(new java.math.BigInteger(e.path("suggestedFeeCap").asText()))
        .isEqualTo(new java.math.BigInteger(e.path("fee").asText()).shiftLeft(1));
    assertThatThrownBy(() -> rpc.call("aeth_estimateFee", "0x00"))
        .isInstanceOfSatisfying(
            RpcClientException.Remote.class,
            r -> assertThat(r.code()).isEqualTo(RpcError.INVALID_PARAMS));
  }

  @Test
  void openRpcDocumentDescribesExactlyTheServedMethods() {
    java.util.Set<String> documented = new java.util.TreeSet<>();
    RpcServer.openRpcDocument().get("methods").forEach(m -> documented.add(m.get("name").asText()));
    java.util.Set<String> served = new java.util.TreeSet<>(AethMethods.over(chain).keySet());
    served.add("rpc.discover");
    assertThat(documented).isEqualTo(served);
    // Every served method answers (no -32601) when called with its documented required params.
    for (JsonNode m : RpcServer.openRpcDocument().get("methods")) {
      long required = 0;
      for (JsonNode p : m.get("params")) {
        required += p.path("required").asBoolean() ? 1 : 0;
      }
      if (required == 0) {
        try {
          rpc.call(m.get("name").asText());
        } catch (RpcClientException.Remote e) {
          // A backend may not serve a part (this in-memory chain has no programs): -32001 then.
          assertThat(e.code()).as(m.get("name").asText()).isNotEqualTo(-32601);
        }
      }
    }
  }
}
