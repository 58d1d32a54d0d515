package dev.cortado.runtime.internal.compiler;

import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.WasmModule;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Compiles a set of a module's functions into class files: partitions them into classes small
 * enough for the class file format (a constant pool holds at most 65535 entries), emits each class
 * with {@link ClassEmitter} and measures the methods it got.
 */
final class ModuleCompiler {
  /** A class holds at most this many functions... */
  static final int MAX_FUNCTIONS_PER_CLASS = 2_000;

  /** ...and at most about this many wasm instructions. */
  static final int MAX_INSTRUCTIONS_PER_CLASS = 60_000;

  /** The classes of one compilation, ready to define. */
  record Batch(List<GeneratedClass> classes) {}

  /**
   * One class: its bytes, the functions it holds (in method order), whether each has an OSR entry,
   * each function's source offsets by recorded position, and its methods' sizes.
   */
  record GeneratedClass(
      byte[] bytes, int[] functions, boolean[] osr, int[][] sourceOffsets, int[] methodSizes) {}

  private ModuleCompiler() {}

  /**
   * Compiles {@code functions} (indices in the function index space), with an OSR entry for those
   * {@code osr} marks; a call to a function outside the set is linked if {@code linkable} says so.
   */
  static Batch compile(WasmModule module, int[] functions, boolean[] osr, IntPredicate linkable) {
    List<GeneratedClass> classes = new ArrayList<>();
    int start = 0;
    while (start < functions.length) {
      int end = start;
      int weight = 0;
      while (end < functions.length
          && end - start < MAX_FUNCTIONS_PER_CLASS
          && (end == start
              || weight + size(module, functions[end]) <= MAX_INSTRUCTIONS_PER_CLASS)) {
        weight += size(module, functions[end]);
        end++;
      }
      emit(module, functions, osr, start, end, linkable, classes);
      start = end;
    }
    return new Batch(classes);
  }

  private static int size(WasmModule module, int function) {
    FunctionDefinition def = module.functions().get(function - module.importedFunctionCount());
    return def.body().size() + 8;
  }

  /** Emits functions [start, end) as one class, or as two halves if that overflows a limit. */
  private static void emit(
      WasmModule module,
      int[] functions,
      boolean[] osr,
      int start,
      int end,
      IntPredicate linkable,
      List<GeneratedClass> out) {
    int[] members = Arrays.copyOfRange(functions, start, end);
    boolean[] memberOsr = osr == null ? null : Arrays.copyOfRange(osr, start, end);
    ClassEmitter emitter = new ClassEmitter(module, "WasmCode", members, memberOsr, linkable::test);
    byte[] bytes;
    try {
      bytes = emitter.build();
    } catch (IllegalArgumentException e) {
      // The constant pool or the class overflowed: halve.
      if (end - start <= 1) {
        throw e;
      }
      int mid = (start + end) >>> 1;
      emit(module, functions, osr, start, mid, linkable, out);
      emit(module, functions, osr, mid, end, linkable, out);
      return;
    }
    out.add(
        new GeneratedClass(
            bytes, members, memberOsr, emitter.sourceOffsets, methodSizes(bytes, members)));
  }

  /** The bytecode size of each function's method (the largest, if it has several). */
  static int[] methodSizes(byte[] bytes, int[] functions) {
    ClassModel model = ClassFile.of().parse(bytes);
    int[] sizes = new int[functions.length];
    java.util.Map<String, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < functions.length; i++) {
      index.put(JvmTypes.methodName(functions[i]), i);
    }
    for (MethodModel m : model.methods()) {
      Integer i = index.get(m.methodName().stringValue());
      if (i != null) {
        int size = m.findAttribute(Attributes.code()).map(CodeAttribute::codeLength).orElse(0);
        sizes[i] = Math.max(sizes[i], size);
      }
    }
    return sizes;
  }
}
