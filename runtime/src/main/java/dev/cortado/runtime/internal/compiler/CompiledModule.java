package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.internal.FuncTypeIds;
import dev.cortado.runtime.internal.FunctionHandle;
import dev.cortado.runtime.internal.StoreState;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.WasmModule;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The compiled code of one module: the generated classes and, per defined function, its method
 * (null while it is not compiled), its OSR entry and its table of source offsets. Shared by every
 * instance of the module; compiled all at once ({@link #compileAll}) or in batches as functions get
 * hot ({@link #compile}).
 *
 * <p>Calls between functions in different classes are {@code invokedynamic} instructions linked
 * ({@link CallLinker}) to the callee's call site here, one {@link MutableCallSite} per function: it
 * targets the interpreter until the function is compiled, then its method. HotSpot inlines through
 * such a call site as through a direct call.
 */
public final class CompiledModule {
  // The value refers to the module: a strong value would keep the weak key alive forever. Soft,
  // so that a module compiled ahead of its instantiation keeps its code unless memory runs low.
  private static final Map<WasmModule, List<SoftReference<CompiledModule>>> MODULES =
      new WeakHashMap<>();

  /** How many compilations ran in this JVM (for tests: a cached or AOT module runs none). */
  static final java.util.concurrent.atomic.AtomicInteger COMPILATIONS =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Whether a compiler failure is an error rather than a fallback to the interpreter: {@code
   * -Dcortado.compiler.strict=true}, which the build sets for every test, so that tests cannot pass
   * by not compiling.
   */
  private static final boolean STRICT = Boolean.getBoolean("cortado.compiler.strict");

  /** Prints each compilation's time to stderr: {@code -Dcortado.compiler.timing=true}. */
  private static final boolean TIMING = Boolean.getBoolean("cortado.compiler.timing");

  private final WasmModule module;
  private final int methodLimit;

  /** Whether the code charges fuel (docs/limits.md): metered stores need code of their own. */
  private final boolean metered;

  private final int imported;
  private final int[] typeIds;
  private final boolean[] compilable;
  private final MethodHandle[] methods;
  private final MethodHandle[] osrMethods;
  private final int[][][] sourceOffsets;
  private final MutableCallSite[] callSites;
  private final List<WeakReference<CompiledInstance>> instances = new ArrayList<>();
  private final int maxExtraResults;
  private final List<MethodHandles.Lookup> classes = new ArrayList<>();
  private final Statistics statistics = new Statistics();
  private boolean complete;

  private CompiledModule(WasmModule module, int methodLimit, boolean metered) {
    this.module = module;
    this.methodLimit = methodLimit;
    this.metered = metered;
    this.imported = module.importedFunctionCount();
    List<FuncType> types = module.types();
    this.typeIds = new int[types.size()];
    int extra = 0;
    for (int i = 0; i < typeIds.length; i++) {
      typeIds[i] = FuncTypeIds.of(types.get(i));
      extra = Math.max(extra, JvmTypes.flat(types.get(i).results()).size() - 1);
    }
    this.maxExtraResults = extra;
    int defined = module.functions().size();
    this.compilable = new boolean[defined];
    for (int i = 0; i < defined; i++) {
      compilable[i] = FunctionCompiler.compilable(module, imported + i);
    }
    this.methods = new MethodHandle[defined];
    this.osrMethods = new MethodHandle[defined];
    this.sourceOffsets = new int[defined][][];
    this.callSites = new MutableCallSite[defined];
    this.osrLoops = new boolean[defined][];
  }

  /** The compiled code of {@code module} for stores with {@code config}'s compiler settings. */
  public static CompiledModule of(WasmModule module, dev.cortado.runtime.StoreConfig config) {
    return of(module, config.compiledMethodLimit(), config.metered());
  }

  /** The compiled code of {@code module} for methods of at most {@code methodLimit} bytes. */
  public static CompiledModule of(WasmModule module, int methodLimit) {
    return of(module, methodLimit, false);
  }

  /**
   * The compiled code of {@code module} for methods of at most {@code methodLimit} bytes, charging
   * fuel if {@code metered}.
   */
  public static CompiledModule of(WasmModule module, int methodLimit, boolean metered) {
    synchronized (MODULES) {
      List<SoftReference<CompiledModule>> list =
          MODULES.computeIfAbsent(module, m -> new ArrayList<>(1));
      list.removeIf(r -> r.get() == null);
      for (SoftReference<CompiledModule> r : list) {
        CompiledModule c = r.get();
        if (c != null && c.methodLimit == methodLimit && c.metered == metered) {
          return c;
        }
      }
      CompiledModule c = new CompiledModule(module, methodLimit, metered);
      list.add(new SoftReference<>(c));
      return c;
    }
  }

  public WasmModule module() {
    return module;
  }

  int methodLimit() {
    return methodLimit;
  }

  /** The method of function {@code funcIndex} (type: {@link JvmTypes#functionType}), or null. */
  public MethodHandle method(int funcIndex) {
    int d = funcIndex - imported;
    return d >= 0 ? methods[d] : null;
  }

  /** The OSR entry of function {@code funcIndex}, or null. */
  public MethodHandle osrMethod(int funcIndex) {
    int d = funcIndex - imported;
    return d >= 0 ? osrMethods[d] : null;
  }

  /** Whether function {@code funcIndex} can be compiled at all (see {@link FunctionCompiler}). */
  public boolean compilable(int funcIndex) {
    int d = funcIndex - imported;
    return d >= 0 && compilable[d];
  }

  int typeId(int typeIndex) {
    return typeIds[typeIndex];
  }

  int maxExtraResults() {
    return maxExtraResults;
  }

  int spillCapacity() {
    return 1;
  }

  /**
   * The source offset of recorded instruction {@code pos} of method {@code method} of function
   * {@code func} in {@code module} (the tables hold body indices), or -1.
   */
  int sourceOffset(WasmModule module, int func, int method, int pos) {
    int[][] byMethod = sourceOffsets[func - imported];
    if (byMethod == null || method >= byMethod.length || byMethod[method] == null) {
      return -1;
    }
    int[] indices = byMethod[method];
    if (pos >= indices.length) {
      return -1;
    }
    List<dev.cortado.wasm.code.Instruction> body = module.functions().get(func - imported).body();
    int index = indices[pos];
    return index < body.size() ? body.get(index).offset() : -1;
  }

  /** The call site linked calls of function {@code funcIndex} go through. */
  synchronized CallSite callSite(int funcIndex) {
    int d = funcIndex - imported;
    MutableCallSite site = callSites[d];
    if (site == null) {
      MethodHandle target = methods[d];
      if (target == null) {
        FuncType type = module.functionType(funcIndex);
        target =
            MethodHandles.insertArguments(SignatureBridge.of(type).interpretedAt, 0, funcIndex);
      }
      site = new MutableCallSite(target);
      callSites[d] = site;
    }
    return site;
  }

  // ---- tier-up requests (see TierUp) ----

  /** Functions asked for, not compiled yet; whether each wants an OSR entry. */
  private final java.util.LinkedHashMap<Integer, Boolean> requested =
      new java.util.LinkedHashMap<>();

  /** Whether each function's OSR entry can enter each loop (by loop ordinal), once it has one. */
  private final boolean[][] osrLoops;

  /** The loops (by ordinal) the interpreter asked to enter, per function: kept out of chunks. */
  private final Map<Integer, java.util.BitSet> osrPins = new java.util.HashMap<>();

  /**
   * Records a request to compile function {@code funcIndex}, with an OSR entry that can enter loop
   * {@code loop} if {@code osr}; returns false if that was already asked for.
   */
  synchronized boolean markRequested(int funcIndex, boolean osr, int loop) {
    boolean newLoop = false;
    if (osr) {
      java.util.BitSet pins = osrPins.computeIfAbsent(funcIndex, f -> new java.util.BitSet());
      newLoop = !pins.get(loop);
      pins.set(loop);
    }
    Boolean old = requested.get(funcIndex);
    if (old != null && (old || !osr) && !newLoop) {
      return false;
    }
    if (old == null) {
      hotFunctions++;
    }
    requested.put(funcIndex, osr || (old != null && old));
    return true;
  }

  /**
   * How many times a function was asked for while not asked for already: about how many got hot.
   */
  private int hotFunctions;

  synchronized int hotFunctions() {
    return hotFunctions;
  }

  /** Whether an OSR entry that can enter loop {@code loop} of the function was asked for. */
  synchronized boolean osrRequested(int funcIndex, int loop) {
    java.util.BitSet pins = osrPins.get(funcIndex);
    return pins != null && pins.get(loop);
  }

  /** Compiles everything requested so far, as one batch (run by the background compiler). */
  void compileRequested() {
    int[] functions;
    boolean[] osr;
    Map<Integer, java.util.BitSet> pins = new java.util.HashMap<>();
    synchronized (this) {
      if (requested.isEmpty()) {
        return;
      }
      functions = new int[requested.size()];
      osr = new boolean[requested.size()];
      int i = 0;
      for (java.util.Map.Entry<Integer, Boolean> e : requested.entrySet()) {
        functions[i] = e.getKey();
        osr[i] = e.getValue();
        java.util.BitSet p = osrPins.get(e.getKey());
        if (osr[i] && p != null) {
          pins.put(e.getKey(), (java.util.BitSet) p.clone());
        }
        i++;
      }
    }
    compile(functions, osr, pins);
  }

  /** Per function that runs a few times, {@link FunctionSplitter#entryLoops}, once asked for. */
  private final Map<Integer, int[]> entryLoops = new java.util.HashMap<>();

  /** Per function, the interpreter's passes at loop headers its OSR entry could not enter. */
  private final Map<Integer, Integer> missedEntries = new java.util.HashMap<>();

  /**
   * The loop to ask an OSR entry of function {@code funcIndex} for, the interpreter being hot in
   * loop {@code loop}: in a function that runs a few times, the outlined loop around it, which the
   * interpreter soon reaches (see {@link FunctionSplitter#entryLoops}).
   */
  synchronized int entryLoop(int funcIndex, int loop) {
    int[] loops =
        entryLoops.computeIfAbsent(
            funcIndex,
            f -> {
              int[] e = FunctionSplitter.entryLoops(module, f);
              return e != null ? e : new int[0];
            });
    return loop < loops.length ? loops[loop] : loop;
  }

  /**
   * Counts a pass of the interpreter at a loop header that function {@code funcIndex}'s compiled
   * OSR entry cannot enter, with no compilation pending; returns whether there were {@code limit}
   * of them.
   */
  synchronized boolean missedEntry(int funcIndex, int limit) {
    if (requested.containsKey(funcIndex) || osrMethod(funcIndex) == null) {
      return false;
    }
    return missedEntries.merge(funcIndex, 1, Integer::sum) >= limit;
  }

  /** Whether function {@code funcIndex}'s OSR entry can enter loop {@code loop}. */
  boolean canEnter(int funcIndex, int loop) {
    int d = funcIndex - imported;
    boolean[] loops = d >= 0 ? osrLoops[d] : null;
    return loops != null && loop < loops.length && loops[loop] && osrMethods[d] != null;
  }

  // ---- .cwasm files and the code cache ----

  /** Every class installed so far, in order: what a .cwasm file of this module holds. */
  private final List<ModuleCompiler.GeneratedClass> generated = new ArrayList<>();

  /**
   * Whether installed classes are kept (as bytes) for a .cwasm file or the cache; only then, since
   * a big module's classes take tens of megabytes.
   */
  private boolean retainClasses;

  private String moduleHash;
  private boolean cacheLoaded;
  private boolean cacheStored;
  private boolean fullCompileScheduled;

  /** The settings compiled code depends on, as .cwasm files record them. */
  String settings() {
    return settings(methodLimit, metered);
  }

  /** The settings string of code compiled for {@code config}. */
  static String settings(dev.cortado.runtime.StoreConfig config) {
    return settings(config.compiledMethodLimit(), config.metered());
  }

  private static String settings(int methodLimit, boolean metered) {
    return "methodLimit="
        + methodLimit
        + (metered ? ",fuel" : "")
        + (StoreState.INTERRUPT_CHECKS ? "" : ",noInterruptChecks")
        + (DirectMemoryOps.AVAILABLE ? "," + DirectMemoryOps.SETTING : "");
  }

  /** The module's binary encoding, kept once made if classes are kept (a .cwasm file holds it). */
  private byte[] binary;

  /** SHA-256 of the module's binary encoding. */
  synchronized String moduleHash() {
    if (moduleHash == null) {
      moduleHash = CwasmFile.sha256(binary());
    }
    return moduleHash;
  }

  private synchronized byte[] binary() {
    byte[] b = binary != null ? binary : module.toBinary();
    if (retainClasses) {
      binary = b;
    }
    return b;
  }

  /** A module's compiled code that is not shared, kept for writing a .cwasm file. */
  static CompiledModule forFile(WasmModule module, int methodLimit, boolean metered) {
    CompiledModule c = new CompiledModule(module, methodLimit, metered);
    c.retainClasses = true;
    return c;
  }

  /** Keeps the classes installed from now on, for the code cache. */
  synchronized void retainClasses() {
    retainClasses = true;
  }

  /** Whether every installed class was kept: only then can a .cwasm file hold the module. */
  private boolean allClassesKept() {
    return retainClasses && generated.size() == statistics.classes;
  }

  /** Everything compiled so far, for a .cwasm file. */
  synchronized CwasmFile.Contents contents() {
    if (!allClassesKept()) {
      throw new IllegalStateException("the classes of this module were not kept");
    }
    return new CwasmFile.Contents(
        CompilerVersion.VALUE, settings(), moduleHash(), binary(), List.copyOf(generated));
  }

  /** Installs the classes of a checked .cwasm file: the whole module is then compiled. */
  synchronized void load(CwasmFile.Contents contents) {
    if (!contents.classes().isEmpty()) {
      install(ModuleCompiler.define(contents.classes(), this::define, ModuleCompiler.THREADS));
    }
    complete = true;
    statistics.precompiled = statistics.classes == contents.classes().size();
  }

  /** Loads the module's entry from {@code cache} if it has a usable one (tried once). */
  void loadFromCache(CodeCache cache) {
    synchronized (this) {
      if (cacheLoaded) {
        return;
      }
      cacheLoaded = true;
    }
    CwasmFile.Contents c = cache.load(moduleHash(), settings());
    if (c != null) {
      load(c);
      synchronized (this) {
        cacheStored = true; // it came from there
        binary = null; // nothing more to write
      }
    }
  }

  /** Writes the compiled module to {@code cache} once it is complete (done once). */
  void storeInCache(CodeCache cache) {
    synchronized (this) {
      if (cacheStored || !complete || !allClassesKept()) {
        return;
      }
      cacheStored = true;
    }
    cache.store(contents());
    synchronized (this) {
      binary = null; // nothing more to write
    }
  }

  /** Whether the whole module is compiled. */
  synchronized boolean complete() {
    return complete;
  }

  /** Marks that the background compiler will compile the whole module; false if it already is. */
  synchronized boolean markFullCompile() {
    if (complete || fullCompileScheduled) {
      return false;
    }
    fullCompileScheduled = true;
    return true;
  }

  /**
   * Compiles up to {@code max} functions not compiled yet; returns whether any are left (for the
   * background compiler, which compiles a module in slices so that hot functions need not wait).
   */
  boolean compileSome(int max) {
    int[] pending = new int[max];
    int n = 0;
    synchronized (this) {
      for (int d = 0; d < methods.length && n < max; d++) {
        if (methods[d] == null && compilable[d] && !requested.containsKey(imported + d)) {
          pending[n++] = imported + d;
        }
      }
    }
    if (n > 0) {
      compile(java.util.Arrays.copyOf(pending, n), null);
    }
    synchronized (this) {
      for (int d = 0; d < methods.length; d++) {
        if (methods[d] == null && compilable[d]) {
          return true;
        }
      }
      complete = true;
      return false;
    }
  }

  /** Compiles every function not compiled yet (for {@code Tier.COMPILED}). */
  public synchronized void compileAll() {
    if (complete) {
      return;
    }
    int[] pending = new int[methods.length];
    int n = 0;
    for (int d = 0; d < methods.length; d++) {
      if (methods[d] == null && compilable[d]) {
        pending[n++] = imported + d;
      }
    }
    if (n > 0) {
      compile(java.util.Arrays.copyOf(pending, n), null);
    }
    complete = true;
  }

  /** Compiles {@code functions} (with OSR entries where {@code osr} says) and installs them. */
  public void compile(int[] functions, boolean[] osr) {
    compile(functions, osr, Map.of());
  }

  /**
   * Compiles {@code functions}; those {@code osr} marks get an OSR entry, which can enter the loops
   * {@code pins} names for them.
   */
  void compile(int[] functions, boolean[] osr, Map<Integer, java.util.BitSet> pins) {
    COMPILATIONS.incrementAndGet();
    long t0 = System.nanoTime();
    try {
      install(
          ModuleCompiler.compile(
              module,
              functions,
              osr,
              f -> compilable(f),
              methodLimit,
              metered,
              pins,
              this::define));
    } catch (RuntimeException | LinkageError e) {
      if (STRICT) {
        throw e;
      }
      // A compiler bug must not stop the program: compile the functions one by one, and leave
      // those that still fail to the interpreter.
      if (functions.length == 1) {
        synchronized (this) {
          int d = functions[0] - imported;
          compilable[d] = false;
          requested.remove(functions[0]);
          statistics.failedFunctions++;
          statistics.lastFailure = e;
          resetInvokers(functions[0]);
        }
        return;
      }
      for (int i = 0; i < functions.length; i++) {
        compile(new int[] {functions[i]}, osr == null ? null : new boolean[] {osr[i]}, pins);
      }
    }
    if (TIMING) {
      System.err.printf(
          "compiled %d functions in %.0f ms%n", functions.length, (System.nanoTime() - t0) / 1e6);
    }
  }

  /** Defines {@code gc} (on any thread: this touches no state of the module). */
  private MethodHandles.Lookup define(ModuleCompiler.GeneratedClass gc) {
    List<Object> data = new ArrayList<>();
    data.add(this);
    data.addAll(gc.tables());
    MethodHandles.Lookup lookup = CodeLoader.define(gc.bytes(), List.copyOf(data));
    Backtraces.register(lookup.lookupClass(), this);
    return lookup;
  }

  /**
   * Defines the classes of {@code batch} not defined yet and makes their methods the functions'
   * code.
   */
  synchronized void install(ModuleCompiler.Batch batch) {
    for (int k = 0; k < batch.classes().size(); k++) {
      ModuleCompiler.GeneratedClass gc = batch.classes().get(k);
      MethodHandles.Lookup lookup = batch.lookups().get(k);
      if (lookup == null) {
        lookup = define(gc);
      }
      classes.add(lookup);
      if (retainClasses) {
        generated.add(gc);
      }
      statistics.classes++;
      for (int i = 0; i < gc.functions().length; i++) {
        int f = gc.functions()[i];
        int d = f - imported;
        FuncType type = module.functionType(f);
        MethodHandle mh;
        try {
          mh =
              lookup.findStatic(
                  lookup.lookupClass(), JvmTypes.methodName(f), JvmTypes.functionType(type));
          if (gc.osr() != null && gc.osr()[i]) {
            osrMethods[d] =
                lookup.findStatic(
                    lookup.lookupClass(), JvmTypes.osrMethodName(f), JvmTypes.osrType(type));
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("generated method missing for function " + f, e);
        }
        if (methods[d] == null) {
          statistics.compiledFunctions++;
        }
        ModuleCompiler.MethodSizes sizes = gc.methodSizes()[i];
        statistics.methods += sizes.count();
        statistics.methodsOverLimit += sizes.overLimit();
        statistics.largestMethod = Math.max(statistics.largestMethod, sizes.largest());
        if (sizes.split()) {
          statistics.splitFunctions++;
        }
        sourceOffsets[d] = gc.sourceOffsets()[i];
        if (gc.osrLoops()[i] != null) {
          osrLoops[d] = gc.osrLoops()[i];
        }
        requested.remove(f);
        methods[d] = mh;
        if (callSites[d] != null) {
          callSites[d].setTarget(mh);
        }
        resetInvokers(f);
      }
    }
  }

  /** Makes instances' handles of function {@code f} find its new code. */
  private void resetInvokers(int f) {
    for (WeakReference<CompiledInstance> ref : instances) {
      CompiledInstance ctx = ref.get();
      if (ctx != null) {
        FunctionHandle h = ctx.functions[f];
        h.invoker = null;
      }
    }
  }

  synchronized void register(CompiledInstance ctx) {
    instances.removeIf(r -> r.get() == null);
    instances.add(new WeakReference<>(ctx));
  }

  /** What has been compiled so far. */
  public synchronized Statistics statistics() {
    Statistics s = statistics.copy();
    s.functions = module.functions().size();
    return s;
  }

  /** Counts of compiled code (see {@code dev.cortado.runtime.CompiledCodeStatistics}). */
  public static final class Statistics {
    public int functions;
    public int compiledFunctions;
    public int methods;
    public int methodsOverLimit;
    public int largestMethod;
    public int classes;
    public int splitFunctions;

    /** Functions the compiler failed on (a bug), which run in the interpreter. */
    public int failedFunctions;

    /** Why the last of them failed, or null. */
    public Throwable lastFailure;

    /** Whether the code was loaded from a .cwasm file or the code cache, not compiled here. */
    public boolean precompiled;

    Statistics copy() {
      Statistics s = new Statistics();
      s.functions = functions;
      s.compiledFunctions = compiledFunctions;
      s.methods = methods;
      s.methodsOverLimit = methodsOverLimit;
      s.largestMethod = largestMethod;
      s.classes = classes;
      s.splitFunctions = splitFunctions;
      s.failedFunctions = failedFunctions;
      s.lastFailure = lastFailure;
      s.precompiled = precompiled;
      return s;
    }
  }
}
