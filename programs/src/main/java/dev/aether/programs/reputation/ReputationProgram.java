package dev.aether.programs.reputation;

import dev.aether.programs.NativeProgram;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.Program;
import dev.aether.runtime.RuntimeError;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * The reputation oracle as a native program. It has no methods a transaction can call: records
 * change only as the job-escrow program reports outcomes ({@link ReputationOracle}), so they are
 * derived from on-chain outcomes alone. Registered so its id is reserved and every call to it is
 * refused with the runtime's unknown-method error.
 */
public final class ReputationProgram implements NativeProgram, Program {
  /** The program id. */
  public static final H256 ID =
      Hashing.tagged("aether/program/v1", "reputation".getBytes(StandardCharsets.US_ASCII));

  @Override
  public H256 id() {
    return ID;
  }

  @Override
  public Program program() {
    return this;
  }

  @Override
  public void invoke(CallContext ctx, String method, Bytes args) {
    throw new RuntimeError.UnknownMethod(method);
  }
}
