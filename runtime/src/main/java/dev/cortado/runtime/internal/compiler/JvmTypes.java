package dev.cortado.runtime.internal.compiler;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_float;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.ValType;
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
 * fuel} is how many more nested calls may start (the call depth limit). Invokers ({@code
 * FunctionHandle.invoker}) have the same type, the last parameter then being the calling instance.
 */
final class JvmTypes {
  static final ClassDesc CD_CompiledInstance = ClassDesc.of(CompiledInstance.class.getName());
  static final ClassDesc CD_MultiValue = ClassDesc.of(MultiValue.class.getName());

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
      case V128 -> throw new UnsupportedFeatureException("simd", null);
    };
  }

  static Class<?> javaClass(ValType t) {
    return switch (t) {
      case I32 -> int.class;
      case I64 -> long.class;
      case F32 -> float.class;
      case F64 -> double.class;
      case FUNCREF, EXTERNREF -> Object.class;
      case V128 -> throw new UnsupportedFeatureException("simd", null);
    };
  }

  static TypeKind kind(ValType t) {
    return switch (t) {
      case I32 -> TypeKind.INT;
      case I64 -> TypeKind.LONG;
      case F32 -> TypeKind.FLOAT;
      case F64 -> TypeKind.DOUBLE;
      case FUNCREF, EXTERNREF -> TypeKind.REFERENCE;
      case V128 -> throw new UnsupportedFeatureException("simd", null);
    };
  }

  /** Whether every value type of {@code type} has a JVM representation here (no v128). */
  static boolean representable(FuncType type) {
    return type.params().stream().allMatch(t -> t != ValType.V128)
        && type.results().stream().allMatch(t -> t != ValType.V128);
  }

  static boolean hasMultiValue(FuncType type) {
    return type.results().size() >= 2;
  }

  /** The JVM argument slots a function of {@code type} takes, fuel and instance included. */
  static int argSlots(FuncType type) {
    int slots = 2 + (hasMultiValue(type) ? 1 : 0);
    for (ValType t : type.params()) {
      slots += t == ValType.I64 || t == ValType.F64 ? 2 : 1;
    }
    return slots;
  }

  /** Whether functions of {@code type} can be compiled methods. */
  static boolean callable(FuncType type) {
    return representable(type) && argSlots(type) <= MAX_ARG_SLOTS;
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

  private static MethodTypeDesc makeFunctionDesc(FuncType type) {
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

  static MethodType functionType(FuncType type) {
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
}
