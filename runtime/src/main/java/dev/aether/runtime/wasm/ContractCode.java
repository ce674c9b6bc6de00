package dev.aether.runtime.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import dev.aether.runtime.Meter;
import dev.aether.runtime.RuntimeError;
import dev.aether.runtime.StepCosts;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import java.util.Map;

/**
 * A validated, instrumented contract module. Validation happens once, at deploy, and again
 * (cheaply, from the cache) whenever a node first loads code it did not see deployed. A module is
 * accepted only if:
 *
 * <ul>
 *   <li>it is at most {@link ContractLimits#maxCodeBytes} long;
 *   <li>it uses only the allowed instructions and types ({@link Instrumenter}: integers, sign
 *       extension, bulk memory, reference types, multi-value — no floats, SIMD, atomics,
 *       exceptions, tail calls or GC), at most {@link Instrumenter#MAX_LOCALS} locals per function,
 *       and tables within {@link ContractLimits#maxTableElements} (declared minimum and maximum);
 *   <li>it imports nothing but functions of one host ABI version ({@link HostAbi}), with their
 *       exact types;
 *   <li>it has no start function (instantiating must run no code) and at most one non-shared memory
 *       starting within the page limit;
 *   <li>Chicory parses, validates and instantiates the instrumented module.
 * </ul>
 *
 * @param id the contract id: the tagged hash of the original bytes
 * @param abi the host ABI version the module imports (1 or 2)
 * @param module the instrumented module the engines run
 * @param initialPages pages of memory an instance starts with
 * @param codeBytes size of the original module (instantiation is priced by it)
 * @param tableElements elements the module's tables start with
 * @param initializer true when the module exports {@value #INITIALIZER} (a WASI-reactor-style
 *     initialiser, as AssemblyScript's {@code --exportStart} emits): every call runs it, metered
 *     like any code, after instantiating and before the method
 */
record ContractCode(
    H256 id,
    int abi,
    WasmModule module,
    int initialPages,
    int gasGlobal,
    int stackGlobal,
    int frameWeight,
    int codeBytes,
    long tableElements,
    boolean initializer) {
  /** The export a call runs before its method, when present. */
  static final String INITIALIZER = "_initialize";

  /** A contract's id: the tagged hash of its code, also the state key its code is stored under. */
  static H256 idOf(byte[] wasm) {
    return Hashing.tagged("aether/code/v1", wasm);
  }

  static ContractCode validate(byte[] wasm, ContractLimits limits, StepCosts costs) {
    if (wasm.length > limits.maxCodeBytes()) {
      throw new RuntimeError.InvalidModule(
          "code is " + wasm.length + " bytes, limit " + limits.maxCodeBytes());
    }
    // Our own walk first: it bounds what Chicory will be asked to allocate (tables, locals).
    Instrumenter.Result inst = Instrumenter.instrument(wasm, costs.wasm(), limits);
    WasmModule m;
    try {
      m = Parser.parse(inst.wasm());
    } catch (RuntimeException | StackOverflowError | AssertionError e) {
      // AssertionError: Chicory checks some structure with asserts, which the runtime keeps
      // enabled (see WasmContracts) so every node rejects such modules alike.
      throw new RuntimeError.InvalidModule(String.valueOf(e.getMessage()));
    }
    int abi = checkImports(m);
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
    checkGlobals(m, inst.gasGlobal());
    ContractCode code =
        new ContractCode(
            idOf(wasm),
            abi,
            m,
            pages,
            inst.gasGlobal(),
            inst.stackGlobal(),
            inst.frameWeight(),
            wasm.length,
            inst.initialTableElements(),
            false);
    code = code.withInitializer(code.exportsEntryPoint(INITIALIZER));
    try {
      // Links and initialises (data segments, tables) without running code: catches what
      // parsing alone lets through, so a deployed module always instantiates.
      Gas idle = new Gas(new Meter((s, mem) -> 0, 0));
      Instance.builder(m)
          .withImportValues(stubImports(m))
          .withStart(false)
          .withMemoryFactory(lim -> new MeteredMemory(lim, limits.maxPages(), idle, costs.wasm()))
          .withTableFactory(
              (t, init) ->
                  MeteredTable.of(
                      t, init, idle, costs.wasm().tableElementSteps(), limits.maxTableElements()))
          .withMachineFactory(Engine.INTERPRETER::machine)
          .build();
    } catch (RuntimeError e) {
      throw e;
    } catch (RuntimeException | StackOverflowError | AssertionError e) {
      throw new RuntimeError.InvalidModule(String.valueOf(e.getMessage()));
    }
    return code;
  }

  /**
   * Every import is a host function of one ABI version, with its exact type; returns the version.
   */
  private static int checkImports(WasmModule m) {
    int abi = 0;
    for (int i = 0; i < m.importSection().importCount(); i++) {
      Import imp = m.importSection().getImport(i);
      int v = HostAbi.version(imp.module());
      if (!(imp instanceof FunctionImport f) || v == 0) {
        throw new RuntimeError.InvalidModule("import " + imp.module() + "." + imp.name());
      }
      if (abi != 0 && abi != v) {
        throw new RuntimeError.InvalidModule("imports from two host ABI versions");
      }
      abi = v;
      FunctionType want = HostAbi.functions(v).get(imp.name());
      FunctionType got = m.typeSection().getType(f.typeIndex());
      if (want == null || !want.typesMatch(got)) {
        throw new RuntimeError.InvalidModule("host function " + imp.name() + " " + got);
      }
    }
    return abi == 0 ? HostAbi.LATEST : abi;
  }

  /** No floating-point globals (the instrumenter checked everything else that has a type). */
  private static void checkGlobals(WasmModule m, int ours) {
    for (int i = 0; i < ours; i++) {
      ValType t = m.globalSection().getGlobal(i).valueType();
      if (t.equals(ValType.F32) || t.equals(ValType.F64) || t.equals(ValType.V128)) {
        throw new RuntimeError.InvalidModule("type " + t + " not allowed");
      }
    }
  }

  private static ImportValues stubImports(WasmModule m) {
    var b = ImportValues.builder();
    for (int i = 0; i < m.importSection().importCount(); i++) {
      Import imp = m.importSection().getImport(i);
      Map<String, FunctionType> fns = HostAbi.functions(HostAbi.version(imp.module()));
      b.addFunction(
          new HostFunction(
              imp.module(),
              imp.name(),
              fns.get(imp.name()),
              (inst, args) -> {
                throw new RuntimeError.ContractTrap("host call during validation");
              }));
    }
    return b.build();
  }

  private ContractCode withInitializer(boolean init) {
    return new ContractCode(
        id,
        abi,
        module,
        initialPages,
        gasGlobal,
        stackGlobal,
        frameWeight,
        codeBytes,
        tableElements,
        init);
  }

  /** Memory bytes an instance starts with. */
  long initialMemoryBytes() {
    return (long) initialPages * Memory.PAGE_SIZE;
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
