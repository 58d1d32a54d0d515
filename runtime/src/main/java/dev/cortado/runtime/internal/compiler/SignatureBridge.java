package dev.cortado.runtime.internal.compiler;

import static java.lang.constant.ConstantDescs.CD_MethodHandle;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_float;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.cortado.runtime.internal.HostFunctionHandle;
import dev.cortado.runtime.internal.WasmFunction;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessFlag;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adapters between the typed calling convention of compiled code ({@link JvmTypes}) and the raw one
 * of the interpreter, host functions and Java callers, where a frame is a {@code long[]} of numeric
 * bits plus an {@code Object[]} of references (the interpreter's value stack layout). One hidden
 * class per function type, generated on first use and shared by every module:
 *
 * <ul>
 *   <li>{@link #callRaw}: {@code (MethodHandle target, long[], Object[], int base, MultiValue, int
 *       fuel, CompiledInstance)}: calls {@code target} with the arguments at {@code base} and
 *       leaves the results there;
 *   <li>{@link #host}: an invoker for a host function (boxes, calls, unboxes);
 *   <li>{@link #interpreted}: an invoker for a function that runs in the interpreter;
 *   <li>{@link #interpretedAt}: the same for function {@code index} of the calling instance, the
 *       target of a linked call to a function not compiled yet.
 * </ul>
 */
final class SignatureBridge {
  private static final ConcurrentHashMap<FuncType, SignatureBridge> BRIDGES =
      new ConcurrentHashMap<>();
  private static final ClassDesc CD_Invokers = ClassDesc.of(Invokers.class.getName());
  private static final ClassDesc CD_Host = ClassDesc.of(HostFunctionHandle.class.getName());
  private static final ClassDesc CD_WasmFunction = ClassDesc.of(WasmFunction.class.getName());
  private static final ClassDesc CD_Float = ClassDesc.of("java.lang.Float");
  private static final ClassDesc CD_Double = ClassDesc.of("java.lang.Double");

  /** The type of {@link #callRaw}. */
  static final MethodType RAW_TYPE =
      MethodType.methodType(
          void.class,
          MethodHandle.class,
          long[].class,
          Object[].class,
          int.class,
          MultiValue.class,
          int.class,
          CompiledInstance.class);

  final MethodHandle callRaw;
  final MethodHandle host;
  final MethodHandle interpreted;
  final MethodHandle interpretedAt;

  private SignatureBridge(FuncType type) {
    MethodHandles.Lookup lookup = CodeLoader.define(generate(JvmTypes.flat(type)));
    Class<?> c = lookup.lookupClass();
    MethodType f = JvmTypes.functionType(type);
    try {
      callRaw = lookup.findStatic(c, "callRaw", RAW_TYPE);
      host = lookup.findStatic(c, "host", f.insertParameterTypes(0, HostFunctionHandle.class));
      interpreted =
          lookup.findStatic(c, "interpreted", f.insertParameterTypes(0, WasmFunction.class));
      interpretedAt = lookup.findStatic(c, "interpretedAt", f.insertParameterTypes(0, int.class));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("bad generated bridge for " + type, e);
    }
  }

  /**
   * The bridge for functions of {@code type}: that of its flat type ({@link JvmTypes#flat}), whose
   * raw frames have the same slots, except that the host and interpreter adapters box a v128.
   */
  static SignatureBridge of(FuncType type) {
    SignatureBridge b = BRIDGES.get(type);
    if (b == null) {
      b = BRIDGES.computeIfAbsent(type, SignatureBridge::new);
    }
    return b;
  }

  private static byte[] generate(FuncType type) {
    ClassDesc owner = ClassDesc.of(ClassEmitter.PACKAGE + ".Bridge");
    MethodTypeDesc f = JvmTypes.functionDesc(type);
    return ClassFile.of()
        .build(
            owner,
            clb -> {
              clb.withFlags(AccessFlag.PUBLIC, AccessFlag.FINAL, AccessFlag.SUPER);
              clb.withMethodBody(
                  "callRaw",
                  MethodTypeDesc.ofDescriptor(RAW_TYPE.toMethodDescriptorString()),
                  ClassFile.ACC_STATIC | ClassFile.ACC_PUBLIC,
                  cb -> callRaw(cb, type, f));
              clb.withMethodBody(
                  "host",
                  f.insertParameterTypes(0, CD_Host),
                  ClassFile.ACC_STATIC | ClassFile.ACC_PUBLIC,
                  cb -> boxed(cb, type, f, "callHost", CD_Host, false));
              clb.withMethodBody(
                  "interpreted",
                  f.insertParameterTypes(0, CD_WasmFunction),
                  ClassFile.ACC_STATIC | ClassFile.ACC_PUBLIC,
                  cb -> boxed(cb, type, f, "callInterpreted", CD_WasmFunction, false));
              clb.withMethodBody(
                  "interpretedAt",
                  f.insertParameterTypes(0, CD_int),
                  ClassFile.ACC_STATIC | ClassFile.ACC_PUBLIC,
                  cb -> boxed(cb, type, f, "callInterpreted", CD_WasmFunction, true));
            });
  }

  /**
   * Slots of {@code f}'s parameters when a leading parameter of {@code lead} slots precedes them.
   */
  private static int[] slots(MethodTypeDesc f, int lead) {
    int[] s = new int[f.parameterCount()];
    int slot = lead;
    for (int i = 0; i < s.length; i++) {
      s[i] = slot;
      slot += TypeKind.from(f.parameterType(i)).slotSize();
    }
    return s;
  }

  private static void callRaw(CodeBuilder cb, FuncType type, MethodTypeDesc f) {
    // Parameters: 0 mh, 1 bits, 2 refs, 3 base, 4 mv, 5 fuel, 6 caller.
    cb.aload(0);
    List<ValType> params = type.params();
    for (int i = 0; i < params.size(); i++) {
      loadRaw(cb, params.get(i), 1, 2, 3, i);
    }
    if (JvmTypes.hasMultiValue(type)) {
      cb.aload(4);
    }
    cb.iload(5);
    cb.aload(6);
    cb.invokevirtual(CD_MethodHandle, "invokeExact", f);
    List<ValType> results = type.results();
    if (!results.isEmpty()) {
      ValType t = results.getFirst();
      int tmp = cb.allocateLocal(JvmTypes.kind(t));
      cb.storeLocal(JvmTypes.kind(t), tmp);
      storeRaw(cb, t, 1, 2, 3, 0, () -> cb.loadLocal(JvmTypes.kind(t), tmp));
    }
    for (int i = 1; i < results.size(); i++) {
      ValType t = results.get(i);
      int index = i;
      storeRaw(
          cb,
          t,
          1,
          2,
          3,
          i,
          () -> {
            cb.aload(4);
            cb.loadConstant(index - 1);
            cb.invokestatic(
                JvmTypes.CD_MultiValue,
                "get" + FunctionCompiler.suffix(t),
                MethodTypeDesc.of(JvmTypes.desc(t), JvmTypes.CD_MultiValue, CD_int));
          });
    }
    cb.return_();
  }

  /**
   * An invoker that packs the arguments into fresh raw arrays, calls {@code Invokers.<helper>(lead,
   * long[], Object[], int fuel, CompiledInstance)} and unpacks the results. With {@code byIndex}
   * the leading parameter is a function index of the calling instance, turned into its function.
   */
  private static void boxed(
      CodeBuilder cb,
      FuncType type,
      MethodTypeDesc f,
      String helper,
      ClassDesc leadType,
      boolean byIndex) {
    int[] slots = slots(f, 1);
    int n = Math.max(1, Math.max(type.params().size(), type.results().size()));
    int bits = cb.allocateLocal(TypeKind.REFERENCE);
    int refs = cb.allocateLocal(TypeKind.REFERENCE);
    int base = cb.allocateLocal(TypeKind.INT);
    cb.loadConstant(n);
    cb.newarray(TypeKind.LONG);
    cb.astore(bits);
    cb.loadConstant(n);
    cb.anewarray(CD_Object);
    cb.astore(refs);
    cb.iconst_0();
    cb.istore(base);
    List<ValType> params = type.params();
    for (int i = 0; i < params.size(); i++) {
      ValType t = params.get(i);
      int slot = slots[i];
      storeRaw(cb, t, bits, refs, base, i, () -> cb.loadLocal(JvmTypes.kind(t), slot));
    }
    int fuelSlot = slots[f.parameterCount() - 2];
    int ctxSlot = slots[f.parameterCount() - 1];
    if (byIndex) {
      cb.aload(ctxSlot);
      cb.getfield(
          JvmTypes.CD_CompiledInstance,
          "functions",
          FunctionCompiler.CD_FunctionHandle.arrayType());
      cb.iload(0);
      cb.aaload();
      cb.checkcast(CD_WasmFunction);
    } else {
      cb.aload(0);
    }
    cb.aload(bits);
    cb.aload(refs);
    cb.iload(fuelSlot);
    cb.aload(ctxSlot);
    cb.invokestatic(
        CD_Invokers,
        helper,
        MethodTypeDesc.of(
            CD_void,
            leadType,
            CD_long.arrayType(),
            CD_Object.arrayType(),
            CD_int,
            JvmTypes.CD_CompiledInstance));
    List<ValType> results = type.results();
    for (int i = results.size() - 1; i >= 1; i--) {
      ValType t = results.get(i);
      loadRaw(cb, t, bits, refs, base, i);
      cb.aload(slots[f.parameterCount() - 3]); // the MultiValue parameter
      cb.loadConstant(i - 1);
      cb.invokestatic(
          JvmTypes.CD_MultiValue,
          "put" + FunctionCompiler.suffix(t),
          MethodTypeDesc.of(CD_void, JvmTypes.desc(t), JvmTypes.CD_MultiValue, CD_int));
    }
    if (results.isEmpty()) {
      cb.return_();
    } else {
      loadRaw(cb, results.getFirst(), bits, refs, base, 0);
      cb.return_(JvmTypes.kind(results.getFirst()));
    }
  }

  /** Pushes the value of type {@code t} at raw index {@code base + i}. */
  static void loadRaw(CodeBuilder cb, ValType t, int bits, int refs, int base, int i) {
    cb.aload(t.isReference() ? refs : bits);
    cb.iload(base);
    if (i != 0) {
      cb.loadConstant(i);
      cb.iadd();
    }
    switch (t) {
      case I32 -> {
        cb.laload();
        cb.l2i();
      }
      case I64 -> cb.laload();
      case F32 -> {
        cb.laload();
        cb.l2i();
        cb.invokestatic(CD_Float, "intBitsToFloat", MethodTypeDesc.of(CD_float, CD_int));
      }
      case F64 -> {
        cb.laload();
        cb.invokestatic(CD_Double, "longBitsToDouble", MethodTypeDesc.of(CD_double, CD_long));
      }
      default -> cb.aaload();
    }
  }

  /** Stores the value {@code value} pushes (of type {@code t}) at raw index {@code base + i}. */
  static void storeRaw(
      CodeBuilder cb, ValType t, int bits, int refs, int base, int i, Runnable value) {
    cb.aload(t.isReference() ? refs : bits);
    cb.iload(base);
    if (i != 0) {
      cb.loadConstant(i);
      cb.iadd();
    }
    value.run();
    switch (t) {
      case I32 -> {
        cb.i2l();
        cb.lastore();
      }
      case I64 -> cb.lastore();
      case F32 -> {
        cb.invokestatic(CD_Float, "floatToRawIntBits", MethodTypeDesc.of(CD_int, CD_float));
        cb.i2l();
        cb.lastore();
      }
      case F64 -> {
        cb.invokestatic(CD_Double, "doubleToRawLongBits", MethodTypeDesc.of(CD_long, CD_double));
        cb.lastore();
      }
      default -> cb.aastore();
    }
  }
}
