package dev.aether.cli.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.cli.CliException;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.ledger.BankProgram;
import dev.aether.rpc.RpcClient;
import dev.aether.rpc.RpcClientException;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.H256;
import dev.aether.types.Hex;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import dev.aether.types.Value;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the people-facing commands do over JSON-RPC: read state, sign, submit, wait. */
final class ChainClient implements AutoCloseable {
  /** Fee cap used only while asking the node what a transaction costs ({@link #feeCapFor}). */
  private static final long PROBE_FEE_CAP = 1;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final RpcClient rpc;
  private final URI endpoint;

  ChainClient(URI endpoint) {
    this.endpoint = endpoint;
    this.rpc = new RpcClient(endpoint, Duration.ofSeconds(10));
  }

  /** Calls a method, turning transport and server errors into one-line CLI errors. */
  JsonNode call(String method, Object... params) {
    try {
      return rpc.call(method, params);
    } catch (RpcClientException e) {
      throw new CliException(method + " via " + endpoint + ": " + e.getMessage());
    }
  }

  String chainId() {
    return call("aeth_chainId").asText();
  }

  long nonce(Address a) {
    return quantity(call("aeth_getAccount", a.toString()).path("nonce"));
  }

  long latestSlot() {
    return quantity(call("aeth_getBlockByNumber", "latest", false).path("slot"));
  }

  /** Signs and submits; returns the transaction id. */
  H256 submit(Tx tx) {
    JsonNode r = call("aeth_sendRawTransaction", Hex.encode(Tx.CODEC.encode(tx)));
    return H256.fromHex(r.asText());
  }

  /** What the node said to a submission. */
  sealed interface Submitted {
    record Accepted(H256 txId) implements Submitted {}

    /**
     * Refused: {@code reason} is the stable code, {@code retry} one of {@code later}, {@code
     * raise_fee}, {@code never}.
     */
    record Refused(String reason, String retry, String message) implements Submitted {}
  }

  /**
   * Submits without throwing on a refusal, for callers that retry. A resubmission the node already
   * holds ({@code mempool.already_known}) counts as accepted: same bytes, same id.
   */
  Submitted trySubmit(Tx tx) {
    try {
      JsonNode r = rpc.call("aeth_sendRawTransaction", Hex.encode(Tx.CODEC.encode(tx)));
      return new Submitted.Accepted(H256.fromHex(r.asText()));
    } catch (RpcClientException.Remote e) {
      if (e.code() == dev.aether.rpc.RpcError.UNAVAILABLE
          || e.code() == dev.aether.rpc.RpcError.RATE_LIMITED) {
        return new Submitted.Refused("rpc.busy", "later", e.getMessage());
      }
      JsonNode data = e.data().orElse(JSON.nullNode());
      String reason = data.path("reason").asText("rpc." + e.code());
      if (reason.equals("mempool.already_known")) {
        return new Submitted.Accepted(tx.id());
      }
      return new Submitted.Refused(reason, data.path("retry").asText("never"), e.getMessage());
    } catch (RpcClientException e) {
      return new Submitted.Refused("rpc.transport", "later", e.getMessage());
    }
  }

  /**
   * The fee cap to sign {@code body} with: {@code explicit} when given, else what the node suggests
   * for it now ({@code aeth_estimateFee}: the fee it would pay on the committed state, doubled as
   * headroom for prices rising while it waits). Only the actual fee is charged.
   */
  Amount feeCapFor(Ed25519KeyPair key, TxBody body, Optional<Amount> explicit) {
    if (explicit.isPresent()) {
      return explicit.get();
    }
    JsonNode e = call("aeth_estimateFee", Hex.encode(Tx.CODEC.encode(sign(key, body))));
    return Amount.parse(e.path("suggestedFeeCap").asText());
  }

  /**
   * A transfer of {@code value} from the key's account to {@code to}, signed, with the given fee
   * cap or (when empty) the node's suggestion.
   */
  Tx transfer(Ed25519KeyPair key, Address to, Value value, Optional<Amount> feeCap) {
    Address from = Address.ofPublicKey(key.publicKey().bytes());
    long nonce = nonce(from);
    long until = latestSlot() + 7_200;
    String chain = chainId();
    TxBody probe = transferBody(chain, from, nonce, to, value, PROBE_FEE_CAP, until);
    Amount cap = feeCapFor(key, probe, feeCap);
    return sign(key, withFeeCap(probe, cap));
  }

  /** {@code b} with another fee cap. */
  static TxBody withFeeCap(TxBody b, Amount cap) {
    return new TxBody(
        b.chainId(),
        b.payer(),
        b.nonce(),
        b.inputs(),
        b.reads(),
        b.writes(),
        b.outputs(),
        b.calls(),
        b.mint(),
        b.burn(),
        cap,
        b.validFrom(),
        b.validUntil());
  }

  /**
   * The body of a bank transfer: the payer's and the recipient's accounts are its declared writes,
   * valid from slot 0 until {@code validUntil}.
   */
  static TxBody transferBody(
      String chainId,
      Address from,
      long nonce,
      Address to,
      Value value,
      long feeCap,
      long validUntil) {
    return BankProgram.transferBody(chainId, from, nonce, to, value, feeCap, validUntil);
  }

  static Tx sign(Ed25519KeyPair key, TxBody body) {
    return BankProgram.signed(key, body);
  }

  /**
   * Polls for the receipt until the transaction is final, printing a progress line to {@code
   * progress} (when not null).
   */
  Optional<JsonNode> awaitReceipt(H256 txId, Duration timeout, PrintStream progress) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode r = call("aeth_getTransactionReceipt", txId.toHex());
      if (r != null && !r.isNull()) {
        if (progress != null) {
          progress.print("\r");
        }
        return Optional.of(r);
      }
      if (progress != null) {
        progress.printf("\rwaiting for finality... %.1fs", (System.nanoTime() - start) / 1e9);
        progress.flush();
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    if (progress != null) {
      progress.println();
    }
    return Optional.empty();
  }

  /**
   * Loads an Ed25519 signing key from a JSON file holding {@code ed25519_seed} (a devnet
   * faucet.json or a key file from {@code aetherctl keys new}).
   */
  static Ed25519KeyPair loadKey(Path file) {
    return dev.aether.cli.KeyFiles.ed25519(file);
  }

  static Address parseAddress(String s) {
    try {
      return Address.fromHex(s);
    } catch (IllegalArgumentException e) {
      throw new CliException("not an address (0x + 64 hex digits): " + s, 2);
    }
  }

  static long quantity(JsonNode n) {
    String t = n.asText();
    try {
      return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static List<String> lines(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fields().forEachRemaining(e -> out.add(e.getKey() + ": " + e.getValue()));
    return out;
  }

  @Override
  public void close() {
    rpc.close();
  }
}
