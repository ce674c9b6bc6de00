package dev.aether.cli.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.cli.CliException;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.ledger.BankProgram;
import dev.aether.rpc.RpcClient;
import dev.aether.rpc.RpcClientException;
import dev.aether.types.Address;
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
  static final long DEFAULT_FEE_CAP = 1_000_000;
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

  /** A transfer of {@code value} from the key's account to {@code to}, signed. */
  Tx transfer(Ed25519KeyPair key, Address to, Value value, long feeCap) {
    Address from = Address.ofPublicKey(key.publicKey().bytes());
    return sign(
        key, transferBody(chainId(), from, nonce(from), to, value, feeCap, latestSlot() + 7_200));
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
