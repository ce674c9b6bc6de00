package dev.aether.cli.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.cli.CliException;
import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.programs.amm.AmmCalls;
import dev.aether.programs.amm.AmmError;
import dev.aether.programs.amm.AmmProgram;
import dev.aether.programs.governance.GovCalls;
import dev.aether.programs.governance.GovError;
import dev.aether.programs.governance.GovernanceProgram;
import dev.aether.programs.staking.StakingError;
import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.Call;
import dev.aether.types.H256;
import dev.aether.types.Hex;
import dev.aether.types.Tx;
import dev.aether.types.TxBody;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Sends one AMM or governance call the way every signing command does: build the body for the
 * payer's next nonce with exactly the keys the call touches, price it with the node's estimate (or
 * {@code --fee-cap}), sign, submit, wait for finality, and turn a refusal into one line with its
 * stable code (exit 1).
 */
final class ProgramTx {
  /** Slots a transaction stays valid for. */
  static final long VALID_SLOTS = 7_200;

  private ProgramTx() {}

  /** {@code --key} and {@code --fee-cap} of every AMM and governance command that signs. */
  public static final class Signer {
    @Option(
        names = "--key",
        paramLabel = "FILE",
        defaultValue = "${env:AETHER_KEY}",
        description =
            "key file of the signing account (default: $AETHER_KEY); a validator key file signs"
                + " with its cold key, the operator account")
    Path key;

    @Option(
        names = "--fee-cap",
        paramLabel = "N",
        description = "most SWR to pay in fees (default: the node's estimate, doubled)")
    String feeCap;

    Ed25519KeyPair load() {
      if (key == null) {
        throw new CliException("pass --key FILE or set AETHER_KEY", 2);
      }
      return StakingCommands.Signer.load(key).key();
    }

    Optional<Amount> cap() {
      return Optional.ofNullable(feeCap).map(ChainCommands::amount);
    }
  }

  /** Submits {@code call} signed by {@code s} and waits; the receipt, or exit 1 if refused. */
  static JsonNode send(ChainCommands.Common c, ChainClient client, Signer s, Call call) {
    Ed25519KeyPair key = s.load();
    Address payer = Address.ofPublicKey(key.publicKey().bytes());
    long nonce = client.nonce(payer);
    long until = client.latestSlot() + VALID_SLOTS;
    String chain = client.chainId();
    TxBody probe;
    if (call.program().equals(AmmProgram.ID)) {
      probe = AmmCalls.body(chain, payer, nonce, List.of(call), 1, until);
    } else if (call.program().equals(GovernanceProgram.ID)) {
      long nextId = ChainClient.quantity(client.call("aeth_getParams").path("nextProposalId"));
      probe = GovCalls.body(chain, payer, nonce, call, nextId, 1, until);
    } else {
      throw new IllegalArgumentException("not an AMM or governance call");
    }
    Amount cap = client.feeCapFor(key, probe, s.cap());
    Tx tx = ChainClient.sign(key, ChainClient.withFeeCap(probe, cap));
    H256 id = client.submit(tx);
    Optional<JsonNode> r =
        client.awaitReceipt(id, Duration.ofSeconds(60), c.json ? null : System.err);
    if (r.isEmpty()) {
      throw new CliException("transaction " + id + " not final after 60 s (still pending)");
    }
    JsonNode receipt = r.get();
    if (!"success".equals(receipt.path("status").asText())) {
      int code = receipt.path("errorCode").asInt();
      throw new CliException(
          "refused: "
              + describe(code)
              + " [tx "
              + id
              + ", fee "
              + receipt.path("feePaid").asText()
              + "]",
          1);
    }
    return receipt;
  }

  /** The stable name and meaning of a receipt's error code, where a program owns it. */
  static String describe(int code) {
    return AmmError.ofNumber(code)
        .map(e -> e.code() + " (" + code + "): " + e.description())
        .or(
            () ->
                GovError.ofNumber(code).map(e -> e.code() + " (" + code + "): " + e.description()))
        .or(
            () ->
                StakingError.ofNumber(code)
                    .map(e -> e.code() + " (" + code + "): " + e.description()))
        .orElse("error " + code);
  }

  /** The data of the first event with {@code topic} in a receipt. */
  static Optional<byte[]> event(JsonNode receipt, String topic) {
    byte[] want = topic.getBytes(StandardCharsets.US_ASCII);
    for (JsonNode e : receipt.path("events")) {
      if (Arrays.equals(Hex.decode(e.path("topic").asText()), want)) {
        return Optional.of(Hex.decode(e.path("data").asText()));
      }
    }
    return Optional.empty();
  }
}
