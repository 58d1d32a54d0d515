package dev.cortado.runtime.internal.compiler;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_float;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * How wasm values and functions look on the JVM. i32, i64, f32 and f64 are {@code int}, {@code
 * long}, {@code float} and {@code double}; references are {@code Object} (a funcref is a {@code
 * FunctionHandle} or null).
 *
 * <p>A wasm function of type {@code [p*] -> [r*]} is a static method {@code (p*, [MultiValue], int
 * fuel, CompiledInstance) r0}: it returns its first result (or nothing) and stores the others in
 * the {@link MultiValue} parameter, which only functions with two results or more have. {@code
 * fuel} is how many more nested calls may start (the call depth limit). A {@code v128} is two
 * {@code long}s, low half first, everywhere the JVM sees it: two parameters, two locals (see {@link
 * #load}), two operand stack entries, and two results ({@link #flat}): a v128 first result is
 * returned as its low half, with its high half in the carrier. Invokers ({@code
 * FunctionHandle.invoker}) have the same type, the last parameter then being the calling instance.
 */
final class JvmTypes {
  static final ClassDesc CD_CompiledInstance = ClassDesc.of(CompiledInstance.class.getName());
  static final ClassDesc CD_MultiValue = ClassDesc.of(MultiValue.class.getName());
  static final ClassDesc CD_ModuleInstance =
      ClassDesc.of(dev.cortado.runtime.internal.ModuleInstance.class.getName());

  /** The JVM allows 255 argument slots; a wider wasm signature is not compiled. */
  static final int MAX_ARG_SLOTS = 255;

  private JvmTypes() {}

  static ClassDesc desc(ValType t) {
    return switch (t) {
      case I32 -> CD_int;
      case I64 -> CD_long;
      case F32 -> CD_float;
      case F64 -> CD_double;
      case FUNCREF, EXTERNREF -> CD_Object;
      case V128 -> throw new IllegalArgumentException("a v128 is two JVM values (see flat)");
    };
  }

  static Class<?> javaClass(ValType t) {
    return switch (t) {
      case I32 -> int.class;
      case I64 -> long.class;
      case F32 -> float.class;
      case F64 -> double.class;
      case FUNCREF, EXTERNREF -> Object.class;
      case V128 -> throw new IllegalArgumentException("a v128 is two JVM values (see flat)");
    };
  }

  static TypeKind kind(ValType t) {
    return switch (t) {
      case I32 -> TypeKind.INT;
      case I64 -> TypeKind.LONG;
      case F32 -> TypeKind.FLOAT;
      case F64 -> TypeKind.DOUBLE;
      case FUNCREF, EXTERNREF -> TypeKind.REFERENCE;
      case V128 -> throw new IllegalArgumentException("a v128 is two JVM values (see flat)");
    };
  }

  // ---- v128 ----
  //
  // In JVM locals (wasm locals, spill locals, parameters) a v128 is always two longs, low half
  // (bytes 0 to 7) first, and so it is at the boundaries of a function (parameters, results,
  // carriers, raw frames, globals): "flat". On the JVM operand stack it is the same two longs, or,
  // where the Vector API is used (VECTORS), one jdk.incubator.vector.IntVector (see VectorLanes
  // for why that type), which C2 keeps in a vector register from one instruction to the next.
  // Locals hold the flat form; a method that is not split also keeps each v128 local as a vector
  // in a second local, carried across loop headers through an int[] (VectorLocals), so that no
  // vector object is ever merged at a loop header: C2 removes vector boxes only where every value
  // merged is one it made itself.

  /** Whether a v128 on the JVM operand stack is an {@code IntVector} rather than two longs. */
  static final boolean VECTORS = VectorSupport.ENABLED;

  static final ClassDesc CD_Vector = ClassDesc.of("jdk.incubator.vector.IntVector");
  static final ClassDesc CD_VectorLanes =
      ClassDesc.of("dev.cortado.runtime.internal.simd.VectorLanes");

  /** Named, not referenced: the class needs the incubator module (see VectorSupport). */
  static final ClassDesc CD_VectorValues =
      ClassDesc.of("dev.cortado.runtime.internal.compiler.VectorValues");

  private static final java.lang.constant.DirectMethodHandleDesc VECTOR_LINK =
      java.lang.constant.MethodHandleDesc.ofMethod(
          java.lang.constant.DirectMethodHandleDesc.Kind.STATIC,
          CD_VectorValues,
          "link",
          MethodTypeDesc.of(
              java.lang.constant.ConstantDescs.CD_CallSite,
              java.lang.constant.ConstantDescs.CD_MethodHandles_Lookup,
              java.lang.constant.ConstantDescs.CD_String,
              java.lang.constant.ConstantDescs.CD_MethodType,
              java.lang.constant.ConstantDescs.CD_Class));

  /**
   * Calls the static Vector API method {@code owner.name} of {@code internal.simd}, through an
   * {@code invokedynamic} bound to it for good ({@link VectorValues#link}) rather than an {@code
   * invokestatic}. Inlining it is then the same, except where C2 has already parsed many nodes:
   * past {@code NodeCountInliningCutoff} it refuses to inline an ordinary call, but a call made
   * from a method handle's code is inlined later, once the graph is cleaned up. A method with many
   * SIMD instructions reaches that cutoff (each Vector API operation is hundreds of nodes before
   * they fold), and a vector operation not inlined allocates its operands and result.
   */
  static void vectorCall(CodeBuilder cb, ClassDesc owner, String name, MethodTypeDesc desc) {
    cb.invokedynamic(java.lang.constant.DynamicCallSiteDesc.of(VECTOR_LINK, name, desc, owner));
  }

  /** The JVM local slots a value of {@code t} takes: a v128 takes two longs' worth, four. */
  static int slotSize(ValType t) {
    return t == ValType.V128 ? 4 : kind(t).slotSize();
  }

  /** The JVM stack (and argument) slots a value of {@code t} takes there. */
  static int stackSlotSize(ValType t) {
    return t == ValType.V128 && VECTORS ? 1 : slotSize(t);
  }

  /** Pushes the value of {@code t} in local {@code slot} (a v128: low half, then high half). */
  static void load(CodeBuilder cb, ValType t, int slot) {
    if (t == ValType.V128) {
      cb.lload(slot);
      cb.lload(slot + 2);
      fromFlat(cb, t);
    } else {
      cb.loadLocal(kind(t), slot);
    }
  }

  /** Pops a value of {@code t} into local {@code slot} (a v128: high half at slot + 2). */
  static void store(CodeBuilder cb, ValType t, int slot) {
    if (t == ValType.V128) {
      toFlat(cb, t);
      cb.lstore(slot + 2);
      cb.lstore(slot);
    } else {
      cb.storeLocal(kind(t), slot);
    }
  }

  /** Allocates a local for a value of {@code t} (a v128: two adjacent longs). */
  static int allocate(CodeBuilder cb, ValType t) {
    if (t != ValType.V128) {
      return cb.allocateLocal(kind(t));
    }
    int lo = cb.allocateLocal(TypeKind.LONG);
    int hi = cb.allocateLocal(TypeKind.LONG);
    if (hi != lo + 2) {
      throw new IllegalStateException("v128 halves not adjacent: " + lo + ", " + hi);
    }
    return lo;
  }

  /** Pops a value of {@code t} from the JVM stack. */
  static void pop(CodeBuilder cb, ValType t) {
    if (t == ValType.V128 && VECTORS) {
      cb.pop();
    } else if (t == ValType.V128) {
      cb.pop2();
      cb.pop2();
    } else if (kind(t).slotSize() == 2) {
      cb.pop2();
    } else {
      cb.pop();
    }
  }

  /** Pushes the zero value of {@code t} (spec 4.2.x "default values"). */
  static void zero(CodeBuilder cb, ValType t) {
    switch (t) {
      case I32 -> cb.iconst_0();
      case I64 -> cb.lconst_0();
      case F32 -> cb.fconst_0();
      case F64 -> cb.dconst_0();
      case V128 -> {
        cb.lconst_0();
        cb.lconst_0();
        fromFlat(cb, t);
      }
      default -> cb.aconst_null();
    }
  }

  /**
   * Replaces the flat value of {@code t} on top of the JVM stack (a v128: its two halves) by its
   * form on the stack; nothing to do unless {@code t} is a v128 and {@link #VECTORS}.
   */
  static void fromFlat(CodeBuilder cb, ValType t) {
    if (t == ValType.V128 && VECTORS) {
      vectorCall(cb, CD_VectorLanes, "pack", MethodTypeDesc.of(CD_Vector, CD_long, CD_long));
    }
  }

  /** Replaces the value of {@code t} on top of the JVM stack by its flat form (see fromFlat). */
  static void toFlat(CodeBuilder cb, ValType t) {
    if (t == ValType.V128 && VECTORS) {
      MethodTypeDesc half = MethodTypeDesc.of(CD_long, CD_Vector);
      cb.dup();
      vectorCall(cb, CD_VectorLanes, "lo", half);
      cb.dup2_x1();
      cb.pop2();
      vectorCall(cb, CD_VectorLanes, "hi", half);
    }
  }

  /**
   * Converts the top {@code types.size()} values on the JVM stack, whose types are {@code types}
   * (bottom first), to their flat forms ({@code toFlat}), or back, through temporary locals when a
   * converted value is not the top one.
   */
  static void convert(CodeBuilder cb, List<ValType> types, boolean toFlat) {
    if (!VECTORS || !types.contains(ValType.V128)) {
      return;
    }
    int n = types.size();
    if (types.indexOf(ValType.V128) == n - 1) {
      if (toFlat) {
        toFlat(cb, ValType.V128);
      } else {
        fromFlat(cb, ValType.V128);
      }
      return;
    }
    // Locals hold v128 values flat: park every value, then push each in the form wanted.
    int[] slots = new int[n];
    for (int i = n - 1; i >= 0; i--) {
      ValType t = types.get(i);
      slots[i] = allocate(cb, t);
      if (t == ValType.V128 && !toFlat) {
        cb.lstore(slots[i] + 2);
        cb.lstore(slots[i]);
      } else {
        store(cb, t, slots[i]);
      }
    }
    for (int i = 0; i < n; i++) {
      ValType t = types.get(i);
      if (t == ValType.V128 && toFlat) {
        cb.lload(slots[i]);
        cb.lload(slots[i] + 2);
      } else {
        load(cb, t, slots[i]);
      }
    }
  }

  /** How many JVM arguments a value of type {@code t} is ({@link #addDescs}). */
  static int descCount(ValType t) {
    return t == ValType.V128 && !VECTORS ? 2 : 1;
  }

  /** Adds the JVM parameter types of a value of {@code t} inside a method to {@code descs}. */
  static void addDescs(List<ClassDesc> descs, ValType t) {
    if (t == ValType.V128 && VECTORS) {
      descs.add(CD_Vector);
    } else if (t == ValType.V128) {
      descs.add(CD_long);
      descs.add(CD_long);
    } else {
      descs.add(desc(t));
    }
  }

  /**
   * {@code types} with every v128 as two i64s (low half first): the values as the JVM sees them in
   * signatures and carriers, and the slots of the interpreter's value stack (docs/interpreter.md).
   */
  static List<ValType> flat(List<ValType> types) {
    if (!types.contains(ValType.V128)) {
      return types;
    }
    List<ValType> out = new ArrayList<>(types.size() + 2);
    for (ValType t : types) {
      if (t == ValType.V128) {
        out.add(ValType.I64);
        out.add(ValType.I64);
      } else {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  private static final java.util.concurrent.ConcurrentHashMap<FuncType, FuncType> FLAT =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** {@code type} with its v128 parameters and results flattened (see {@link #flat(List)}). */
  static FuncType flat(FuncType type) {
    if (!type.params().contains(ValType.V128) && !type.results().contains(ValType.V128)) {
      return type;
    }
    return FLAT.computeIfAbsent(type, t -> FuncType.of(flat(t.params()), flat(t.results())));
  }

  static boolean hasMultiValue(FuncType type) {
    return flat(type.results()).size() >= 2;
  }

  /** The JVM argument slots a function of {@code type} takes, fuel and instance included. */
  static int argSlots(FuncType type) {
    int slots = 2 + (hasMultiValue(type) ? 1 : 0);
    for (ValType t : type.params()) {
      slots += slotSize(t);
    }
    return slots;
  }

  /** Whether functions of {@code type} can be compiled methods. */
  static boolean callable(FuncType type) {
    return argSlots(type) <= MAX_ARG_SLOTS;
  }

  private static final java.util.concurrent.ConcurrentHashMap<FuncType, MethodTypeDesc> DESCS =
      new java.util.concurrent.ConcurrentHashMap<>();

  static MethodTypeDesc functionDesc(FuncType type) {
    MethodTypeDesc d = DESCS.get(type);
    if (d == null) {
      d = makeFunctionDesc(type);
      DESCS.putIfAbsent(type, d);
    }
    return d;
  }

  private static MethodTypeDesc makeFunctionDesc(FuncType wasmType) {
    FuncType type = flat(wasmType);
    List<ClassDesc> params = new ArrayList<>();
    for (ValType t : type.params()) {
      params.add(desc(t));
    }
    if (hasMultiValue(type)) {
      params.add(CD_MultiValue);
    }
    params.add(CD_int);
    params.add(CD_CompiledInstance);
    ClassDesc ret = type.results().isEmpty() ? CD_void : desc(type.results().getFirst());
    return MethodTypeDesc.of(ret, params);
  }

  static MethodType functionType(FuncType wasmType) {
    FuncType type = flat(wasmType);
    List<Class<?>> params = new ArrayList<>();
    for (ValType t : type.params()) {
      params.add(javaClass(t));
    }
    if (hasMultiValue(type)) {
      params.add(MultiValue.class);
    }
    params.add(int.class);
    params.add(CompiledInstance.class);
    Class<?> ret = type.results().isEmpty() ? void.class : javaClass(type.results().getFirst());
    return MethodType.methodType(ret, params);
  }

  /** The type of a function's OSR entry (see {@link OsrEmitter#descriptor}). */
  static MethodType osrType(FuncType type) {
    MethodType f = functionType(type);
    List<Class<?>> params = new ArrayList<>();
    params.add(long[].class);
    params.add(Object[].class);
    params.add(int.class);
    params.add(int.class);
    if (hasMultiValue(type)) {
      params.add(MultiValue.class);
    }
    params.add(int.class);
    params.add(CompiledInstance.class);
    return MethodType.methodType(f.returnType(), params);
  }

  /** The name of the method that holds function {@code index}. */
  static String methodName(int index) {
    return "f" + index;
  }

  /** The name of function {@code index}'s on-stack-replacement entry. */
  static String osrMethodName(int index) {
    return "osr" + index;
  }

  /** The name of chunk {@code chunk} of function {@code index} (see FunctionSplitter). */
  static String chunkMethodName(int index, int chunk) {
    return methodName(index) + "$" + chunk;
  }

  /**
   * A generated method read back from its name: the function it holds part of, and which method of
   * it ({@link FunctionCompiler#MAIN}, {@link FunctionCompiler#OSR}, or {@link
   * FunctionCompiler#CHUNK} plus the chunk's id).
   */
  record GeneratedMethod(int function, int id) {
    boolean isChunk() {
      return id >= FunctionCompiler.CHUNK;
    }
  }

  /**
   * The function and method that {@code name} names ({@link #methodName}, {@link #osrMethodName},
   * {@link #chunkMethodName}), or null for another method (a dispatcher, an initializer).
   */
  static GeneratedMethod generatedMethod(String name) {
    int chunk = name.indexOf('$');
    try {
      if (name.startsWith("osr")) {
        return new GeneratedMethod(
            Integer.parseInt(name, 3, name.length(), 10), FunctionCompiler.OSR);
      }
      if (!name.startsWith("f")) {
        return null;
      }
      if (chunk < 0) {
        return new GeneratedMethod(
            Integer.parseInt(name, 1, name.length(), 10), FunctionCompiler.MAIN);
      }
      return new GeneratedMethod(
          Integer.parseInt(name, 1, chunk, 10),
          FunctionCompiler.CHUNK + Integer.parseInt(name, chunk + 1, name.length(), 10));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The JVM local slot of each of a static method's parameters {@code params}. */
  static int[] parameterSlots(List<ClassDesc> params) {
    int[] slots = new int[params.size()];
    int slot = 0;
    for (int i = 0; i < params.size(); i++) {
      slots[i] = slot;
      slot += TypeKind.from(params.get(i)).slotSize();
    }
    return slots;
  }
}
