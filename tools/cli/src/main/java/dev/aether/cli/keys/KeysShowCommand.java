package dev.aether.cli.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.cli.CliException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
    final KeyFile keys;
    try {
      keys = KeyFile.parse(mapper.readTree(Files.readString(file)));
    } catch (NoSuchFileException e) {
      throw new CliException("no such file: " + file, 2);
    } catch (JsonProcessingException e) {
      throw new CliException("invalid key file: not JSON (" + e.getOriginalMessage() + ")", 2);
    }
    final ObjectNode pub;
    try (keys) {
      pub = keys.publicJson();
    }
    final PrintWriter out = spec.commandLine().getOut();
    if (addressOnly) {
      out.println(pub.get("address").asText());
    } else if (json) {
      out.println(mapper.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(pub));
    } else {
      out.println("address            " + pub.get("address").asText());
      out.println("ed25519 public key " + pub.at("/ed25519/publicKey").asText());
      out.println("bls public key     " + pub.at("/bls/publicKey").asText());
      out.println("bls proof of poss. " + pub.at("/bls/proofOfPossession").asText());
      out.println(
          "vrf public key     "
              + pub.at("/vrf/publicKey").asText()
              + " ("
              + pub.at("/vrf/suite").asText()
              + ")");
      out.println(
          "kes verif. key     "
              + pub.at("/kes/verificationKey").asText()
              + " (Sum6KES, period "
              + pub.at("/kes/period").asInt()
              + ")");
    }
    return 0;
  }
}
