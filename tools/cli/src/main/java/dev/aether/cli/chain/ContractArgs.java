package dev.aether.cli.chain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.aether.cli.CliException;

/**
 * {@code --args} and {@code --returns} of {@code aetherctl contract}: the contract SDK's argument
 * encoding from JSON and back ({@link dev.aether.rpc.ContractArgs}, which the SDKs reproduce), its
 * refusals turned into one-line usage errors (exit 2); return data that does not match {@code
 * --returns} is a failure (exit 1).
 */
final class ContractArgs {
  private ContractArgs() {}

  /** Encodes {@code --args}; throws a usage error (exit 2) naming the bad element. */
  static byte[] encode(String json) {
    try {
      return dev.aether.rpc.ContractArgs.encode(json, "--args");
    } catch (dev.aether.rpc.ContractArgs.Refused e) {
      throw new CliException(e.getMessage(), 2);
    }
  }

  /** Decodes return data by {@code --returns}: an unknown type exits 2, a mismatch 1. */
  static ArrayNode decode(byte[] data, String types) {
    try {
      dev.aether.rpc.ContractArgs.checkReturnTypes(types);
    } catch (dev.aether.rpc.ContractArgs.Refused e) {
      throw new CliException("--returns: " + e.getMessage(), 2);
    }
    try {
      return dev.aether.rpc.ContractArgs.decode(data, types);
    } catch (dev.aether.rpc.ContractArgs.Refused e) {
      throw new CliException(e.getMessage());
    }
  }
}
