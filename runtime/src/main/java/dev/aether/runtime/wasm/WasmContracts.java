package dev.aether.runtime.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.Program;
import dev.aether.runtime.Programs;
import dev.aether.runtime.RentSchedule;
import dev.aether.runtime.RuntimeError;
import dev.aether.runtime.StepCosts;
import dev.aether.types.Amount;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * WebAssembly contracts on Chicory: deployment (the {@link #DEPLOYER} program) and calls to
 * deployed code, including calls from one contract into another (host ABI v2).
 *
 * <p><b>Deploy.</b> {@code deploy(wasm)} validates the module ({@link ContractCode}) and stores its
 * bytes as a read-only object under its id {@code tagged("aether/code/v1", wasm)}, which the
 * transaction must declare writable. Code is shared and immutable, so it pays a one-time deposit of
 * {@code rho·size·horizon} and no rent after; deploying existing code again is a no-op.
 *
 * <p><b>Call.</b> A call to a contract id reads its code (the id must be in the transaction's
 * reads), instantiates the instrumented module with fresh memory and runs the exported function
 * named by the method. State lives only in storage, never in memory between calls. Every way a call
 * can go wrong — trap, abort, out of steps, a limit, call depth, re-entrancy, undeclared access —
 * ends it with a {@link RuntimeError} (or the ledger's access violation), and the transaction then
 * pays its fee and changes nothing else.
 *
 * <p><b>Engines.</b> The module meters itself ({@link Instrumenter}), so the interpreter and the
 * compiler give the same results and the same step counts; which one runs a call is this node's
 * choice ({@link Mode}), never visible in a receipt. In {@link Mode#TIERED} a module runs on the
 * interpreter until it has been called {@link #HOT_CALLS} times, then is compiled on a background
 * thread and runs compiled from then on: compile work is never on a block's critical path.
 */
public final class WasmContracts implements Programs, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WasmContracts.class.getName());

  /** The native program that deploys contracts. */
  public static final H256 DEPLOYER =
      Hashing.tagged("aether/program/v1", "deploy".getBytes(StandardCharsets.US_ASCII));

  /** Calls after which {@link Mode#TIERED} compiles a module. */
  static final int HOT_CALLS = 16;

  private static final int CACHE_ENTRIES = 512;

  /** Which engine runs calls. */
  public enum Mode {
    /** Always the interpreter. */
    INTERPRETER,
    /** Always compiled (compiled on first use, on the calling thread). */
    COMPILER,
    /** The interpreter until a module is hot, then compiled in the background. */
    TIERED
  }

  /** A loaded module and, once compiled, its compiled machine factory. */
  private static final class Loaded {
    final ContractCode code;
    final AtomicInteger calls = new AtomicInteger();
    volatile Function<Instance, Machine> compiled;
    volatile boolean compileRequested;

    Loaded(ContractCode code) {
      this.code = code;
    }
  }

  private final ContractLimits limits;
  private final StepCosts costs;
  private final Mode mode;
  private final ConcurrentHashMap<H256, Loaded> cache = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor background;

  /**
   * @param rent the genesis rent; code deposits are priced with the rent in force for the call's
   *     block ({@link CallContext#rent()}, the chain parameters' — docs/adr/0045), which the node's
   *     executor sets from it when the state holds no parameters
   */
  public WasmContracts(ContractLimits limits, RentSchedule rent, StepCosts costs, Mode mode) {
    java.util.Objects.requireNonNull(rent, "rent");
    this.limits = limits;
    this.costs = costs;
    this.mode = mode;
    enableChicoryAssertions();
    this.background =
        mode == Mode.TIERED
            ? new ThreadPoolExecutor(
                0,
                1,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(64),
                r -> {
                  Thread t = new Thread(r, "aether-wasm-compiler");
                  t.setDaemon(true);
                  t.setPriority(Thread.MIN_PRIORITY);
                  return t;
                },
                new ThreadPoolExecutor.AbortPolicy())
            : null;
  }

  /** Interpreter only, version 2 step costs. */
  public WasmContracts(ContractLimits limits, RentSchedule rent) {
    this(limits, rent, StepCosts.V2, Mode.INTERPRETER);
  }

  /**
   * Chicory checks parts of a module's structure with Java {@code assert}s, so whether a malformed
   * module is rejected would depend on the JVM's {@code -ea} flag — a consensus split between
   * nodes. The runtime therefore turns Chicory's assertions on for every Chicory class initialised
   * after this point (naming a class does not initialise it), and treats an {@link AssertionError}
   * from Chicory as an invalid module or a trap. Launchers also pass {@code
   * -ea:com.dylibso.chicory...} so that no earlier use of Chicory escapes it.
   */
  private static void enableChicoryAssertions() {
    ClassLoader chicory = com.dylibso.chicory.wasm.Parser.class.getClassLoader();
    if (chicory != null) {
      chicory.setPackageAssertionStatus("com.dylibso.chicory", true);
    }
  }

  public static WasmContracts genesis() {
    return new WasmContracts(ContractLimits.DEFAULT, RentSchedule.GENESIS);
  }

  /** The id a module gets when deployed. */
  public static H256 contractId(byte[] wasm) {
    return ContractCode.idOf(wasm);
  }

  /**
   * Checks {@code wasm} as deploy would (no chain needed), for tools: empty when it would deploy,
   * else why not.
   */
  public Optional<String> check(byte[] wasm) {
    try {
      ContractCode.validate(wasm, limits, costs);
      return Optional.empty();
    } catch (RuntimeError e) {
      return Optional.of(e.getMessage());
    }
  }

  public Mode mode() {
    return mode;
  }

  @Override
  public Optional<Program> find(H256 programId, CallContext ctx) {
    if (programId.equals(DEPLOYER)) {
      return Optional.of(this::deploy);
    }
    Optional<Loaded> c = load(programId, ctx);
    return c.map(l -> (context, method, args) -> call(l, context, method, args));
  }

  /** Reads (and charges for) the code at {@code id}; empty when there is none. */
  private Optional<Loaded> load(H256 id, CallContext ctx) {
    Optional<Bytes> code = ctx.readData(id);
    if (code.isEmpty()) {
      return Optional.empty();
    }
    Loaded c = cache.get(id);
    if (c != null) {
      return Optional.of(c);
    }
    byte[] wasm = code.get().toArray();
    if (!ContractCode.idOf(wasm).equals(id)) {
      throw new RuntimeError.UnknownProgram(id); // not code: an ordinary object at that key
    }
    return Optional.of(remember(ContractCode.validate(wasm, limits, costs)));
  }

  private Loaded remember(ContractCode code) {
    if (cache.size() >= CACHE_ENTRIES) {
      cache.clear(); // crude bound; only costs re-parsing (and re-compiling)
    }
    return cache.computeIfAbsent(code.id(), k -> new Loaded(code));
  }

  private void deploy(CallContext ctx, String method, Bytes args) {
    if (!method.equals("deploy")) {
      throw new RuntimeError.UnknownMethod(method);
    }
    byte[] wasm = args.toArray();
    ctx.meter().steps(Math.multiplyExact((long) wasm.length, costs.deployPerByte()));
    H256 id = ContractCode.idOf(wasm);
    if (ctx.read(id).isPresent()) {
      return;
    }
    remember(ContractCode.validate(wasm, limits, costs));
    long size = (long) wasm.length + RentSchedule.KEY_BYTES;
    long deposit = size * ctx.rent().rhoPerByteEpoch() * ctx.rent().horizonEpochs();
    ctx.writeData(id, Bytes.of(wasm));
    ctx.burnRent(Amount.of(deposit));
    ctx.emit(Bytes.of("deployed".getBytes(StandardCharsets.US_ASCII)), Bytes.of(id.toArray()));
  }

  private void call(Loaded c, CallContext ctx, String method, Bytes args) {
    if (!isMethod(c, method)) {
      throw new RuntimeError.UnknownMethod(method);
    }
    invoke(c, ctx, method, args, c.code.frameWeight());
  }

  private void invoke(Loaded c, CallContext ctx, String method, Bytes args, int stackUnits) {
    ctx.enter();
    try {
      new ContractCall(ctx, c.code, args, limits, costs, this::nested)
          .run(method, machine(c), stackUnits);
    } finally {
      ctx.exit();
    }
  }

  /** A contract's call into another contract (host ABI v2 {@code call}). */
  private Bytes nested(
      CallContext caller, H256 contract, String method, Bytes args, int stackUnits) {
    CallContext ctx = caller.nested(contract, limits.maxNestedCalls());
    Loaded c = load(contract, ctx).orElseThrow(() -> new RuntimeError.UnknownProgram(contract));
    if (!isMethod(c, method)) {
      throw new RuntimeError.UnknownMethod(method);
    }
    invoke(c, ctx, method, args, stackUnits + Instrumenter.FRAME_OVERHEAD + c.code.frameWeight());
    return ctx.returnData();
  }

  /** An exported entry point other than the initialiser, which only the runtime runs. */
  private static boolean isMethod(Loaded c, String method) {
    return !method.equals(ContractCode.INITIALIZER) && c.code.exportsEntryPoint(method);
  }

  /** The machine factory this call runs on (see {@link Mode}). */
  private Function<Instance, Machine> machine(Loaded c) {
    Function<Instance, Machine> interpreter = Engine.INTERPRETER::machine;
    switch (mode) {
      case INTERPRETER -> {
        return interpreter;
      }
      case COMPILER -> {
        if (c.compiled == null) {
          synchronized (c) {
            if (c.compiled == null) {
              c.compiled = compileOrInterpret(c);
            }
          }
        }
        return c.compiled;
      }
      default -> {
        Function<Instance, Machine> compiled = c.compiled;
        if (compiled != null) {
          return compiled;
        }
        if (c.calls.incrementAndGet() >= HOT_CALLS && !c.compileRequested) {
          c.compileRequested = true;
          try {
            background.execute(() -> c.compiled = compileOrInterpret(c));
          } catch (RejectedExecutionException e) {
            c.compileRequested = false; // queue full: try again on a later call
          }
        }
        return interpreter;
      }
    }
  }

  /**
   * Compiles a module; if Chicory's compiler fails on it, the module simply keeps running on the
   * interpreter (same results, slower).
   */
  private static Function<Instance, Machine> compileOrInterpret(Loaded c) {
    try {
      return Engine.compile(c.code.module());
    } catch (RuntimeException | LinkageError | AssertionError e) {
      LOG.warning("contract " + c.code.id() + " stays interpreted: compile failed: " + e);
      return Engine.INTERPRETER::machine;
    }
  }

  /** True when {@code id} is loaded here and runs compiled (for tests and metrics). */
  public boolean isCompiled(H256 id) {
    Loaded c = cache.get(id);
    return c != null && c.compiled != null;
  }

  @Override
  public void close() {
    if (background != null) {
      background.shutdownNow();
    }
  }
}
