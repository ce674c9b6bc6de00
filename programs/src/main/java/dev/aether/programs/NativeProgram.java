package dev.aether.programs;

import dev.aether.genesis.GenesisConfig;
import dev.aether.ledger.BlockHook;
import dev.aether.runtime.Program;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One native program as the chain wires it: its fixed id, the {@link Program} transactions call,
 * and — if it needs them — end-of-block work and genesis state. Each program's package exposes one
 * of these; {@link NativePrograms} lists them.
 */
public interface NativeProgram {
  /** The program id transactions address ({@code Call.program}). */
  H256 id();

  /** The program transactions call (through the metered, access-checked {@code CallContext}). */
  Program program();

  /** Work at the end of every block (epoch processing); none by default. */
  default BlockHook endBlock() {
    return BlockHook.NONE;
  }

  /** Program data objects this program places in the genesis state; none by default. */
  default SortedMap<H256, Bytes> genesis(GenesisConfig config) {
    return new TreeMap<>();
  }

  /**
   * Account balances this program's genesis state needs (for example the LP shares of genesis AMM
   * pools); none by default. They join the genesis file's {@code [[balances]]}.
   */
  default java.util.List<dev.aether.ledger.GenesisAllocation.Balance> genesisBalances(
      GenesisConfig config) {
    return java.util.List.of();
  }

  /** A program with no end-of-block work and no genesis state. */
  static NativeProgram of(H256 id, Program program) {
    return new NativeProgram() {
      @Override
      public H256 id() {
        return id;
      }

      @Override
      public Program program() {
        return program;
      }
    };
  }
}
