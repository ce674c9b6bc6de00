package dev.aether.runtime.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.alloc.ExactMemAllocStrategy;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import dev.aether.runtime.RuntimeError;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import java.util.Locale;

/**
 * A validated contract module. Validation happens once, at deploy, and again (cheaply, from the
 * cache) whenever a node first loads code it did not see deployed. A module is accepted only if:
 *
 * <ul>
 *   <li>it parses and instantiates (Chicory validates types and structure);
 *   <li>it imports nothing but {@link HostAbi} functions, with their exact types;
 *   <li>it has no start function (instantiating must run no code);
 *   <li>its memory starts within the page limit;
 *   <li>it uses no floating-point or SIMD types or instructions and no atomics: NaN bit patterns
 *       differ between CPUs, so floats are kept out of consensus code altogether.
 * </ul>
 */
record ContractCode(H256 id, WasmModule module, int initialPages) {
  /** A contract's id: the tagged hash of its code, also the state key its code is stored under. */
  static H256 idOf(byte[] wasm) {
    return Hashing.tagged("aether/code/v1", wasm);
  }

  static ContractCode validate(byte[] wasm, ContractLimits limits) {
    if (wasm.length > limits.maxCodeBytes()) {
      throw new RuntimeError.InvalidModule(
          "code is " + wasm.length + " bytes, limit " + limits.maxCodeBytes());
    }
    WasmModule m;
    try {
      m = Parser.parse(wasm);
    } catch (RuntimeException | StackOverflowError | AssertionError e) {
      // AssertionError: Chicory checks some structure with asserts, which the runtime keeps
      // enabled (see WasmContracts) so every node rejects such modules alike.
      throw new RuntimeError.InvalidModule(String.valueOf(e.getMessage()));
    }
    for (int i = 0; i < m.importSection().importCount(); i++) {
      Import imp = m.importSection().getImport(i);
      if (!(imp instanceof FunctionImport f) || !imp.module().equals(HostAbi.MODULE)) {
        throw new RuntimeError.InvalidModule("import " + imp.module() + "." + imp.name());
      }
      FunctionType want = HostAbi.FUNCTIONS.get(imp.name());
      FunctionType got = m.typeSection().getType(f.typeIndex());
      if (want == null || !want.typesMatch(got)) {
        throw new RuntimeError.InvalidModule("host function " + imp.name() + " " + got);
      }
    }
    if (m.startSection().isPresent()) {
      throw new RuntimeError.InvalidModule("start function not allowed");
    }
    int pages = 0;
    if (m.memorySection().isPresent()) {
      if (m.memorySection().get().memoryCount() > 1) {
        throw new RuntimeError.InvalidModule("more than one memory");
      }
      if (m.memorySection().get().memoryCount() == 1) {
        var lim = m.memorySection().get().getMemory(0).limits();
        if (lim.shared()) {
          throw new RuntimeError.InvalidModule("shared memory");
        }
        pages = lim.initialPages();
      }
    }
    if (pages > limits.maxPages()) {
      throw new RuntimeError.InvalidModule(
          "memory starts at " + pages + " pages, limit " + limits.maxPages());
    }
    rejectNonDeterminism(m);
    try {
      // Links and initialises (data segments, tables) without running code: catches what
      // parsing alone lets through, so a deployed module always instantiates.
      Instance.builder(m)
          .withImportValues(stubImports(m))
          .withStart(false)
          .withMemoryFactory(lim -> memory(lim, limits))
          .withMachineFactory(inst -> new DepthLimitedMachine(inst, limits.maxCallDepth()))
          .build();
    } catch (RuntimeError e) {
      throw e;
    } catch (RuntimeException | StackOverflowError | AssertionError e) {
      throw new RuntimeError.InvalidModule(String.valueOf(e.getMessage()));
    }
    return new ContractCode(idOf(wasm), m, pages);
  }

  /**
   * A contract's linear memory: a byte array sized exactly to its pages (Chicory's default reserves
   * far more up front, which dominated the cost of a call), with the maximum capped at the contract
   * limit so the engine itself can never grow past it.
   */
  static Memory memory(MemoryLimits declared, ContractLimits limits) {
    int max = Math.min(declared.maximumPages(), limits.maxPages());
    return new ByteArrayMemory(
        new MemoryLimits(Math.min(declared.initialPages(), max), max), new ExactMemAllocStrategy());
  }

  private static ImportValues stubImports(WasmModule m) {
    var b = ImportValues.builder();
    for (int i = 0; i < m.importSection().importCount(); i++) {
      Import imp = m.importSection().getImport(i);
      b.addFunction(
          new com.dylibso.chicory.runtime.HostFunction(
              imp.module(),
              imp.name(),
              HostAbi.FUNCTIONS.get(imp.name()),
              (inst, args) -> {
                throw new RuntimeError.ContractTrap("host call during validation");
              }));
    }
    return b.build();
  }

  private static void rejectNonDeterminism(WasmModule m) {
    for (FunctionType t : m.typeSection().types()) {
      t.params().forEach(ContractCode::checkType);
      t.returns().forEach(ContractCode::checkType);
    }
    for (int i = 0; i < m.globalSection().globalCount(); i++) {
      checkType(m.globalSection().getGlobal(i).valueType());
    }
    for (FunctionBody body : m.codeSection().functionBodies()) {
      body.localTypes().forEach(ContractCode::checkType);
      for (AnnotatedInstruction ins : body.instructions()) {
        String op = ins.opcode().name().toUpperCase(Locale.ROOT);
        if (op.contains("F32")
            || op.contains("F64")
            || op.contains("V128")
            || op.matches(".*X(2|4|8|16).*")
            || op.contains("ATOMIC")) {
          throw new RuntimeError.InvalidModule("instruction " + op + " not allowed");
        }
      }
    }
  }

  private static void checkType(ValType t) {
    if (t.equals(ValType.F32) || t.equals(ValType.F64) || t.equals(ValType.V128)) {
      throw new RuntimeError.InvalidModule("type " + t + " not allowed");
    }
  }

  /** True when the module exports a function {@code name} taking and returning nothing. */
  boolean exportsEntryPoint(String name) {
    var exports = module.exportSection();
    for (int i = 0; i < exports.exportCount(); i++) {
      Export e = exports.getExport(i);
      if (e.name().equals(name) && e.exportType() == ExternalType.FUNCTION) {
        int imported = module.importSection().count(ExternalType.FUNCTION);
        int local = e.index() - imported;
        if (local < 0) {
          return false; // re-exported host function
        }
        FunctionType t = module.functionSection().getFunctionType(local, module.typeSection());
        return t.params().isEmpty() && t.returns().isEmpty();
      }
    }
    return false;
  }
}
