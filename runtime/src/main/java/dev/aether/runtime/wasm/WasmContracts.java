package dev.aether.runtime.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.aether.ledger.LedgerException;
import dev.aether.runtime.CallContext;
import dev.aether.runtime.Program;
import dev.aether.runtime.Programs;
import dev.aether.runtime.RentSchedule;
import dev.aether.runtime.RuntimeError;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.Hashing;
import dev.aether.types.Value;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WebAssembly contracts on Chicory's interpreter: deployment (the {@link #DEPLOYER} program) and
 * calls to deployed code.
 *
 * <p><b>Deploy.</b> {@code deploy(wasm)} validates the module ({@link ContractCode}) and stores its
 * bytes as a read-only object under its id {@code tagged("aether/code/v1", wasm)}, which the
 * transaction must declare writable. Code is shared and immutable, so it pays a one-time deposit of
 * {@code rho·size·horizon} and no rent after; deploying existing code again is a no-op.
 *
 * <p><b>Call.</b> A call to a contract id reads its code (the id must be in the transaction's
 * reads), instantiates it with fresh memory and runs the exported function named by the method.
 * State lives only in storage, never in memory between calls. Every way a call can go wrong — trap,
 * abort, out of steps, memory limit, call depth, undeclared access — ends it with a {@link
 * RuntimeError}, and the transaction then pays its fee and changes nothing else.
 *
 * <p><b>Engine.</b> Contracts always run on the interpreter: it is the engine with a
 * per-instruction hook, and metering by executed instruction makes the step count independent of
 * JIT, compiler or machine. The parsed module cache only saves parsing: results never depend on
 * whether code was cached.
 */
public final class WasmContracts implements Programs {
  /** The native program that deploys contracts. */
  public static final H256 DEPLOYER =
      Hashing.tagged("aether/program/v1", "deploy".getBytes(StandardCharsets.US_ASCII));

  private static final int CACHE_ENTRIES = 512;

  private final ContractLimits limits;
  private final RentSchedule rent;
  private final ConcurrentHashMap<H256, ContractCode> cache = new ConcurrentHashMap<>();

  public WasmContracts(ContractLimits limits, RentSchedule rent) {
    this.limits = limits;
    this.rent = rent;
    enableChicoryAssertions();
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

  @Override
  public Optional<Program> find(H256 programId, CallContext ctx) {
    if (programId.equals(DEPLOYER)) {
      return Optional.of(this::deploy);
    }
    Optional<Bytes> code = ctx.readData(programId);
    if (code.isEmpty()) {
      return Optional.empty();
    }
    ContractCode c = load(programId, code.get().toArray());
    return Optional.of((context, method, args) -> call(c, context, method, args));
  }

  private ContractCode load(H256 id, byte[] wasm) {
    ContractCode c = cache.get(id);
    if (c != null) {
      return c;
    }
    if (!ContractCode.idOf(wasm).equals(id)) {
      throw new RuntimeError.UnknownProgram(id); // not code: an ordinary object at that key
    }
    c = ContractCode.validate(wasm, limits);
    if (cache.size() >= CACHE_ENTRIES) {
      cache.clear(); // crude bound; only costs re-parsing
    }
    cache.put(id, c);
    return c;
  }

  private void deploy(CallContext ctx, String method, Bytes args) {
    if (!method.equals("deploy")) {
      throw new RuntimeError.UnknownMethod(method);
    }
    byte[] wasm = args.toArray();
    ctx.meter().steps(Math.multiplyExact((long) wasm.length, ctx.costs().deployPerByte()));
    H256 id = ContractCode.idOf(wasm);
    if (ctx.read(id).isPresent()) {
      return;
    }
    ContractCode c = ContractCode.validate(wasm, limits);
    cache.putIfAbsent(id, c);
    long size = (long) wasm.length + RentSchedule.KEY_BYTES;
    long deposit = size * rent.rhoPerByteEpoch() * rent.horizonEpochs();
    ctx.writeData(id, Bytes.of(wasm));
    ctx.burn(Value.of(AssetId.SWR, deposit));
    ctx.emit(Bytes.of("deployed".getBytes(StandardCharsets.US_ASCII)), Bytes.of(id.toArray()));
  }

  private void call(ContractCode code, CallContext ctx, String method, Bytes args) {
    if (!code.exportsEntryPoint(method)) {
      throw new RuntimeError.UnknownMethod(method);
    }
    ContractCall call = new ContractCall(ctx, args, limits);
    ctx.meter().memory((long) code.initialPages() * Memory.PAGE_SIZE);
    try {
      Instance instance =
          Instance.builder(code.module())
              .withImportValues(call.imports())
              .withStart(false)
              .withMemoryFactory(lim -> ContractCode.memory(lim, limits))
              .withMachineFactory(inst -> new DepthLimitedMachine(inst, limits.maxCallDepth()))
              .withUnsafeExecutionListener(call)
              .build();
      call.bind(instance);
      instance.export(method).apply();
      call.flush();
    } catch (RuntimeException | StackOverflowError | AssertionError e) {
      call.flushQuietly();
      throw translate(e);
    }
  }

  /**
   * Maps whatever the engine threw to the runtime's error, keeping our own and the ledger's errors
   * (a host function's access violation) as they are.
   */
  static RuntimeException translate(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RuntimeError r) {
        return r;
      }
      if (t instanceof LedgerException l) {
        return l;
      }
    }
    if (e instanceof StackOverflowError
        || (e instanceof ChicoryException && "call stack exhausted".equals(e.getMessage()))) {
      // Only reachable if a thread's stack is smaller than maxCallDepth frames need.
      return new RuntimeError.StackExhausted("JVM stack exhausted");
    }
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new RuntimeError.ContractTrap(msg.length() > 200 ? msg.substring(0, 200) : msg);
  }
}
