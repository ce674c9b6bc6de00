package dev.aether.cli.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aetherctl keys show FILE}: prints the public parts and the address of a key file, after
 * checking that every stored public value matches its secret. Never prints a secret.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Print a key file's public keys and address.")
public final class KeysShowCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "key file written by 'keys new'")
  Path file;

  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  @Option(
      names = "--address",
      description =
          "print the address alone (for scripts: ADDR=$(aetherctl keys show k.json --address))")
  boolean addressOnly;

  @Override
  public Integer call() throws IOException {
    final ObjectMapper mapper = new ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode tree = null;
    try {
      tree = mapper.readTree(java.nio.file.Files.readString(file));
    } catch (IOException e) {
      // KeyFile.read below reports a missing or malformed file as a CLI error.
    }
    if (tree != null && tree.has("ed25519_seed")) {
      // An account key file (keys new --account): one key, its address.
      var pair = dev.aether.cli.KeyFiles.ed25519(file);
      String address = dev.aether.types.Address.ofPublicKey(pair.publicKey().bytes()).toString();
      spec.commandLine()
          .getOut()
          .println(
              addressOnly
                  ? address
                  : json
                      ? mapper.createObjectNode().put("address", address).toPrettyString()
                      : "address            " + address + " (account key)");
      return 0;
    }
    final ObjectNode pub;
    try (KeyFile keys = KeyFile.read(file)) {
      pub = keys.keys().publicJson();
    }
    final PrintWriter out = spec.commandLine().getOut();
    if (addressOnly) {
      // The account address: a validator file's account is its operator (cold key) account.
      out.println(pub.get("operator").asText());
    } else if (json) {
      out.println(mapper.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(pub));
    } else {
      out.println("operator address   " + pub.get("operator").asText());
      out.println("node key address   " + pub.get("address").asText() + " (not an account)");
      out.println("ed25519 public key " + pub.at("/ed25519/publicKey").asText());
      out.println("bls public key     " + pub.at("/bls/publicKey").asText());
      out.println("bls proof of poss. " + pub.at("/bls/proofOfPossession").asText());
      out.println(
          "vrf public key     "
              + pub.at("/vrf/publicKey").asText()
              + " ("
              + pub.at("/vrf/suite").asText()
              + ")");
      out.println("cold public key    " + pub.at("/cold/publicKey").asText());
      out.println(
          "kes verif. key     "
              + pub.at("/kes/verificationKey").asText()
              + " (Sum6KES, evolution "
              + pub.at("/kes/period").asInt()
              + ")");
      final int start = pub.at("/kes/opcert/startPeriod").asInt();
      out.println(
          "op. certificate    counter "
              + pub.at("/kes/opcert/counter").asLong()
              + ", KES periods "
              + start
              + ".."
              + (start + dev.aether.consensus.ConsensusParams.KES_EVOLUTIONS - 1));
    }
    return 0;
  }
}
