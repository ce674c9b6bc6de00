package dev.aether.cli.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aether.cli.CliException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aetherctl crypto check --suite S}: reads JSON Lines, writes one JSON line per input line,
 * in order. A malformed line answers {@code {"error": ...}} and the rest go on.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Run one primitive over JSON Lines (stdin or --input) and print one JSON line per input.")
public final class CryptoCheckCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--suite",
      required = true,
      paramLabel = "SUITE",
      completionCandidates = Suites.Names.class,
      description = "one of: ${COMPLETION-CANDIDATES}")
  String suite;

  @Option(names = "--input", paramLabel = "FILE", description = "read this file instead of stdin")
  Path input;

  @Override
  public Integer call() throws IOException {
    if (!Suites.NAMES.contains(suite)) {
      throw new CliException(
          "unknown suite '" + suite + "' (one of: " + String.join(", ", Suites.NAMES) + ")", 2);
    }
    final PrintWriter out = spec.commandLine().getOut();
    try (Reader r =
            input == null
                ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
                : Files.newBufferedReader(input, StandardCharsets.UTF_8);
        BufferedReader lines = new BufferedReader(r)) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        out.println(JSON.writeValueAsString(answer(suite, line)));
      }
    } catch (java.nio.file.NoSuchFileException e) {
      throw new CliException("no such file: " + e.getFile(), 2);
    }
    out.flush();
    return 0;
  }

  /** The output object for one input line; never throws. */
  static ObjectNode answer(final String suite, final String line) {
    final JsonNode in;
    try {
      in = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return error("malformed JSON: " + e.getOriginalMessage());
    }
    if (in == null || !in.isObject()) {
      return error("each line must be a JSON object");
    }
    try {
      return Suites.run(suite, in);
    } catch (Suites.InputError e) {
      return error(e.getMessage());
    } catch (dev.aether.crypto.CryptoException e) {
      return error(e.error().code() + ": " + e.error().message());
    }
  }

  private static ObjectNode error(final String message) {
    final ObjectNode n = JSON.createObjectNode();
    n.put("error", message);
    return n;
  }
}
