package dev.cortado.runtime.internal.compiler;

import static java.lang.constant.ConstantDescs.CD_MethodHandle;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.WasmModule;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.constantpool.ConstantPoolBuilder;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one generated class: a static method per function it holds ({@code f<index>}), an
 * on-stack-replacement entry ({@code osr<index>}) for those that need one, and the helpers that
 * call a {@code FunctionHandle} through its invoker, one per function type used.
 */
final class ClassEmitter implements ClassContext {
  /** The package generated classes live in: hidden classes are defined in it. */
  static final String PACKAGE = CompiledInstance.class.getPackageName();

  private final WasmModule module;
  private final boolean metered;
  private final ClassDesc owner;
  private final int[] functions;
  private final boolean[] osr;
  private final CallTargets targets;
  private final Map<FuncType, String> handleCallers = new LinkedHashMap<>();
  private final Map<Integer, Boolean> members = new HashMap<>();

  /**
   * The source offsets of each function's recorded instructions, by position in functions, then by
   * method id ({@code FunctionCompiler.MAIN}, {@code OSR}, {@code CHUNK + id}).
   */
  final int[][][] sourceOffsets;

  /** The loops each function's OSR entry can enter, by position in functions (or null). */
  final boolean[][] osrLoops;

  /** Each function's split, by position in functions (empty unless it was too big). */
  private final FunctionSplitter.Plan[] plans;

  /** Where calls go: which functions are in which class, and which are compiled at all. */
  interface CallTargets {
    /** Whether function {@code index} can be reached by a linked call (compiled, or tiered). */
    boolean linkable(int index);
  }

  /**
   * An emitter for {@code functions} (with OSR entries where {@code osr} says); a function whose
   * estimated code exceeds {@code splitThreshold.applyAsInt(function)} bytes is split, aiming at
   * methods of {@code splitTarget.applyAsInt(function)} bytes.
   */
  ClassEmitter(
      WasmModule module,
      String simpleName,
      int[] functions,
      boolean[] osr,
      CallTargets targets,
      boolean metered,
      java.util.function.IntUnaryOperator splitTarget,
      java.util.function.IntUnaryOperator splitThreshold,
      Map<Integer, java.util.BitSet> pins) {
    this.module = module;
    this.metered = metered;
    this.owner = ClassDesc.of(PACKAGE + "." + simpleName);
    this.functions = functions;
    this.osr = osr;
    this.targets = targets;
    this.sourceOffsets = new int[functions.length][][];
    this.plans = new FunctionSplitter.Plan[functions.length];
    this.osrLoops = new boolean[functions.length][];
    for (int i = 0; i < functions.length; i++) {
      int f = functions[i];
      members.put(f, Boolean.TRUE);
      plans[i] =
          FunctionSplitter.plan(
              module, f, splitTarget.applyAsInt(f), splitThreshold.applyAsInt(f), pins.get(f));
    }
  }

  @Override
  public WasmModule module() {
    return module;
  }

  private final java.util.IdentityHashMap<Object, PoolEntry> pooled =
      new java.util.IdentityHashMap<>();

  private ConstantPoolBuilder pooledIn;

  /** The entries {@link #invokeFunction} made, by function. */
  private final java.util.HashMap<Integer, PoolEntry> functionEntries = new java.util.HashMap<>();

  /** Forgets the entries made for another pool: a class built again (halved) has a new one. */
  private void usePool(ConstantPoolBuilder pool) {
    if (pool != pooledIn) {
      pooled.clear();
      functionEntries.clear();
      pooledIn = pool;
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <E extends PoolEntry> E pooled(
      ConstantPoolBuilder pool,
      Object key,
      java.util.function.Function<ConstantPoolBuilder, E> make) {
    usePool(pool);
    PoolEntry e = pooled.get(key);
    if (e == null) {
      e = make.apply(pool);
      pooled.put(key, e);
    }
    return (E) e;
  }

  @Override
  public void invokeFunction(CodeBuilder cb, int function, MethodTypeDesc desc) {
    ConstantPoolBuilder pool = cb.constantPool();
    usePool(pool);
    PoolEntry e = functionEntries.get(function);
    if (e == null) {
      String name = JvmTypes.methodName(function);
      e =
          callKind(function) == CallKind.SAME_CLASS
              ? pool.methodRefEntry(owner, name, desc)
              : pool.invokeDynamicEntry(
                  java.lang.constant.DynamicCallSiteDesc.of(
                      FunctionCompiler.BOOTSTRAP, name, desc, function));
      functionEntries.put(function, e);
    }
    if (e instanceof java.lang.classfile.constantpool.InvokeDynamicEntry indy) {
      cb.invokedynamic(indy);
    } else {
      cb.invokestatic((java.lang.classfile.constantpool.MethodRefEntry) e);
    }
  }

  @Override
  public boolean metered() {
    return metered;
  }

  @Override
  public ClassDesc owner() {
    return owner;
  }

  @Override
  public CallKind callKind(int function) {
    if (members.containsKey(function)) {
      return CallKind.SAME_CLASS;
    }
    if (function >= module.importedFunctionCount() && targets.linkable(function)) {
      return CallKind.LINKED;
    }
    return CallKind.HANDLE;
  }

  /** The class data's tables (see {@link #constantTable}), after the module at index 0. */
  final List<int[]> tables = new ArrayList<>();

  @Override
  public int constantTable(int[] table) {
    tables.add(table);
    return tables.size();
  }

  @Override
  public String handleCaller(FuncType type) {
    return handleCallers.computeIfAbsent(type, t -> "call$" + handleCallers.size());
  }

  /** A dispatcher for {@code call_indirect} ({@link IndirectDispatch}) and its direct targets. */
  private record Dispatcher(String name, int[] targets) {}

  /** Each type's dispatcher, or null for a type with no direct targets (the helper is called). */
  private final Map<FuncType, Dispatcher> dispatchers = new LinkedHashMap<>();

  @Override
  public String indirectCaller(FuncType type) {
    if (!dispatchers.containsKey(type)) {
      int[] targets = IndirectDispatch.targets(this, type);
      dispatchers.put(
          type,
          targets.length == 0 ? null : new Dispatcher("dispatch$" + dispatchers.size(), targets));
    }
    String helper = handleCaller(type);
    Dispatcher d = dispatchers.get(type);
    return d == null ? helper : d.name();
  }

  byte[] build() {
    return ClassFile.of().build(owner, this::buildClass);
  }

  private void buildClass(ClassBuilder clb) {
    clb.withFlags(AccessFlag.PUBLIC, AccessFlag.FINAL, AccessFlag.SUPER);
    for (int i = 0; i < functions.length; i++) {
      int f = functions[i];
      int member = i;
      FunctionSplitter.Plan plan = plans[i];
      FunctionFacts facts = FunctionFacts.of(module, f);
      int[][] offsets = new int[FunctionCompiler.CHUNK + plan.chunks().size()][];
      sourceOffsets[i] = offsets;
      // The ClassFile API runs a code handler again if a short jump overflows: each run needs a
      // compiler of its own.
      clb.withMethodBody(
          JvmTypes.methodName(f),
          JvmTypes.functionDesc(module.functionType(f)),
          ClassFile.ACC_STATIC,
          cb -> {
            FunctionCompiler fc = new FunctionCompiler(this, f, false, plan, null, facts);
            fc.emit(cb);
            offsets[FunctionCompiler.MAIN] = fc.sourceOffsets();
          });
      if (osr != null && osr[member]) {
        clb.withMethodBody(
            JvmTypes.osrMethodName(f),
            OsrEmitter.descriptor(module.functionType(f)),
            ClassFile.ACC_STATIC,
            cb -> {
              FunctionCompiler fc = new FunctionCompiler(this, f, true, plan, null, facts);
              fc.emit(cb);
              offsets[FunctionCompiler.OSR] = fc.sourceOffsets();
              osrLoops[member] = fc.enterableLoops();
            });
      }
      for (FunctionSplitter.Chunk c : plan.chunks()) {
        clb.withMethodBody(
            c.methodName(f),
            SplitEmitter.descriptor(c, plan.frame()),
            ClassFile.ACC_STATIC,
            cb -> {
              FunctionCompiler fc = new FunctionCompiler(this, f, false, plan, c, facts);
              fc.emit(cb);
              offsets[FunctionCompiler.CHUNK + c.id] = fc.sourceOffsets();
            });
      }
    }
    dispatchers.forEach(
        (type, d) -> {
          if (d != null) {
            IndirectDispatch.emit(clb, this, type, d.name(), handleCaller(type), d.targets());
          }
        });
    // Helpers may be requested while helpers are emitted: iterate over a copy until none is new.
    List<Map.Entry<FuncType, String>> done = new ArrayList<>();
    while (done.size() < handleCallers.size()) {
      List<Map.Entry<FuncType, String>> all = new ArrayList<>(handleCallers.entrySet());
      for (Map.Entry<FuncType, String> e : all.subList(done.size(), all.size())) {
        emitHandleCaller(clb, e.getKey(), e.getValue());
        done.add(e);
      }
    }
  }

  /**
   * {@code static r0 call$k(p*, FunctionHandle f, [MultiValue], int fuel, CompiledInstance)}:
   * invokes {@code f.invoker} (made on first use), whose type is exactly the function's.
   */
  private void emitHandleCaller(ClassBuilder clb, FuncType type, String name) {
    MethodTypeDesc fdesc = JvmTypes.functionDesc(type);
    List<ClassDesc> params = handleCallerDesc(type).parameterList();
    int handleIndex = JvmTypes.flat(type.params()).size();
    withHandleCallerType(
        clb,
        type,
        name,
        (cb, slots) -> {
          cb.aload(slots[handleIndex]);
          cb.getfield(FunctionCompiler.CD_FunctionHandle, "invoker", CD_MethodHandle);
          cb.dup();
          Label ready = cb.newLabel();
          cb.ifnonnull(ready);
          cb.pop();
          cb.aload(slots[handleIndex]);
          cb.invokestatic(
              ClassDesc.of(Invokers.class.getName()),
              "invoker",
              MethodTypeDesc.of(CD_MethodHandle, FunctionCompiler.CD_FunctionHandle));
          cb.labelBinding(ready);
          for (int i = 0; i < params.size(); i++) {
            if (i != handleIndex) {
              cb.loadLocal(TypeKind.from(params.get(i)), slots[i]);
            }
          }
          cb.invokevirtual(CD_MethodHandle, "invokeExact", fdesc);
          cb.return_(TypeKind.from(fdesc.returnType()));
        });
  }

  /**
   * Adds the private static method {@code name} with {@link #handleCallerDesc}'s type for {@code
   * type}; {@code body} emits its code, given its parameters' local slots.
   */
  static void withHandleCallerType(
      ClassBuilder clb,
      FuncType type,
      String name,
      java.util.function.BiConsumer<CodeBuilder, int[]> body) {
    MethodTypeDesc desc = handleCallerDesc(type);
    int[] slots = JvmTypes.parameterSlots(desc.parameterList());
    clb.withMethodBody(
        name, desc, ClassFile.ACC_STATIC | ClassFile.ACC_PRIVATE, cb -> body.accept(cb, slots));
  }

  /**
   * The type of the helper and the dispatcher for {@code type}: the function's, with the {@code
   * FunctionHandle} after the wasm arguments.
   */
  static MethodTypeDesc handleCallerDesc(FuncType type) {
    MethodTypeDesc fdesc = JvmTypes.functionDesc(type);
    List<ClassDesc> params = new ArrayList<>(fdesc.parameterList());
    params.add(JvmTypes.flat(type.params()).size(), FunctionCompiler.CD_FunctionHandle);
    return MethodTypeDesc.of(fdesc.returnType(), params);
  }
}
