package dev.aether.rpc;

import dev.aether.types.Address;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only contract call ({@code aeth_call}): run {@code method} of {@code contract} with {@code
 * args} against a block's state, as {@code from} (or an address nobody holds), and keep nothing.
 */
public record ContractCallRequest(
    Optional<Address> from, H256 contract, String method, Bytes args, BlockTag block) {
  public ContractCallRequest {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(block, "block");
  }
}
