package dev.aether.cli.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aether.cli.CliException;
import dev.aether.node.keys.ValidatorKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aetherctl keys new --out FILE}: generates one validator's keys and writes them with mode
 * 0600. Never overwrites: the file is created with CREATE_NEW, so even a file appearing between
 * check and write is refused.
 */
@Command(
    name = "new",
    mixinStandardHelpOptions = true,
    description =
        "Generate a validator key file (node key, BLS + PoP, VRF, cold key, KES hot key with its"
            + " first operational certificate); mode 0600.")
public final class KeysNewCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "file to create")
  Path out;

  @Option(
      names = "--account",
      description =
          "an account key only ({\"ed25519_seed\": …}): one key that pays, transfers, swaps and"
              + " votes, instead of a validator's key set")
  boolean account;

  @Override
  public Integer call() throws IOException {
    final byte[] json;
    final String operator;
    if (account) {
      byte[] seed = new byte[32];
      new SecureRandom().nextBytes(seed);
      dev.aether.crypto.Ed25519KeyPair k = dev.aether.crypto.Ed25519KeyPair.fromSeed(seed);
      String address = dev.aether.types.Address.ofPublicKey(k.publicKey().bytes()).toString();
      var o = new ObjectMapper().createObjectNode();
      o.put("ed25519_seed", dev.aether.types.Hex.encode(seed));
      o.put("address", address);
      java.util.Arrays.fill(seed, (byte) 0);
      json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(o);
      write(json);
      spec.commandLine().getOut().println("wrote " + out + " (address " + address + ")");
      return 0;
    }
    try (ValidatorKeys keys = ValidatorKeys.generate(new SecureRandom())) {
      json =
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsBytes(keys.toJson());
      operator = keys.operator().toString();
    }
    write(json);
    spec.commandLine().getOut().println("wrote " + out + " (operator address " + operator + ")");
    return 0;
  }

  /** Creates {@link #out} with mode 0600 (never overwriting) and wipes {@code json} after. */
  private void write(byte[] json) throws IOException {
    final Path parent = out.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      Files.createDirectories(
          parent,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    try (OutputStream os =
        Channels.newOutputStream(
            Files.newByteChannel(
                out,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))))) {
      os.write(json);
      os.write('\n');
    } catch (FileAlreadyExistsException e) {
      throw new CliException("refusing to overwrite existing file " + out, 2);
    } finally {
      java.util.Arrays.fill(json, (byte) 0);
    }
  }
}
