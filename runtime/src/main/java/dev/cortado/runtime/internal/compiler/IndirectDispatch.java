package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.internal.WasmFunction;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.WasmModule;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A class's dispatchers for {@code call_indirect}: for a function type, {@code static r0
 * dispatch$k(p*, FunctionHandle f, [MultiValue], int fuel, CompiledInstance ctx)}, which calls
 * {@code f} directly if it is one of the functions of {@code ctx}'s own instance that have the type
 * and may sit in a table (exported, or named by a {@code ref.func}), with a switch on its index,
 * and through the class's helper for the type (its invoker, a method handle) otherwise: an import,
 * another instance's function.
 *
 * <p>The direct call is the one a {@code call} of the function makes (an {@code invokestatic} in
 * the class, or an {@code invokedynamic} linked to the function's call site, which follows it from
 * the interpreter to compiled code in tiered mode), so what runs is the same; {@link
 * TableOps#indirect} has checked the function's type before. HotSpot sees through it, where it
 * cannot see through an invoker that is not a constant: that cost a type check, a customization
 * check and calls through lambda forms at every indirect call (SQLite's speedtest1 spent 7% of its
 * steady state there), and C2 may now inline a hot target into the dispatcher, or the dispatcher
 * (when small) into the call.
 */
final class IndirectDispatch {
  /** Most bytes of bytecode a dispatcher's cases take, well within HotSpot's 8000 for a method. */
  static final int MAX_BYTES = 6000;

  private IndirectDispatch() {}

  private static final Map<WasmModule, Map<FuncType, int[]>> BY_TYPE =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * The defined functions that may reach a table ({@link CalledOnce#escaping}: exported, or named
   * by a {@code ref.func}), by type, in index order; once per module, which may have a hundred
   * classes.
   */
  private static Map<FuncType, int[]> byType(WasmModule module) {
    return BY_TYPE.computeIfAbsent(
        module,
        m -> {
          Map<FuncType, List<Integer>> lists = new HashMap<>();
          BitSet escaping = CalledOnce.escaping(m);
          for (int f = escaping.nextSetBit(m.importedFunctionCount());
              f >= 0;
              f = escaping.nextSetBit(f + 1)) {
            lists.computeIfAbsent(m.functionType(f), t -> new ArrayList<>()).add(f);
          }
          Map<FuncType, int[]> out = new HashMap<>();
          lists.forEach((t, l) -> out.put(t, l.stream().mapToInt(Integer::intValue).toArray()));
          return out;
        });
  }

  /**
   * The functions {@code cc}'s dispatcher for {@code type} calls directly: those of {@link #byType}
   * callable from the class without their invoker, as many as fit in {@link #MAX_BYTES}.
   */
  static int[] targets(ClassContext cc, FuncType type) {
    // A case: each argument loaded (2 bytes: parameters take at most 255 slots, so never a wide
    // load), the call (5), the return, and its entry in the switch (8 in a lookupswitch).
    int arguments = ClassEmitter.handleCallerDesc(type).parameterCount() - 1;
    int most = MAX_BYTES / (2 * arguments + 14);
    int[] candidates = byType(cc.module()).getOrDefault(type, new int[0]);
    int[] out = new int[Math.min(most, candidates.length)];
    int n = 0;
    for (int i = 0; i < candidates.length && n < out.length; i++) {
      if (cc.callKind(candidates[i]) != ClassContext.CallKind.HANDLE) {
        out[n++] = candidates[i];
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Emits the dispatcher {@code name} for {@code type}, calling {@code targets} directly. */
  static void emit(
      ClassBuilder clb, ClassContext cc, FuncType type, String name, String helper, int[] targets) {
    MethodTypeDesc fdesc = JvmTypes.functionDesc(type);
    MethodTypeDesc desc = ClassEmitter.handleCallerDesc(type);
    List<ClassDesc> params = desc.parameterList();
    int handleIndex = JvmTypes.flat(type.params()).size();
    ClassEmitter.withHandleCallerType(
        clb,
        type,
        name,
        (cb, slots) -> {
          int handle = slots[handleIndex];
          int ctx = slots[params.size() - 1];
          ClassDesc wasmFunction = ClassDesc.of(WasmFunction.class.getName());
          Label viaHelper = cb.newLabel();
          cb.aload(handle);
          cb.instanceOf(wasmFunction);
          cb.ifeq(viaHelper);
          cb.aload(handle);
          cb.checkcast(wasmFunction);
          cb.getfield(wasmFunction, "instance", JvmTypes.CD_ModuleInstance);
          cb.aload(ctx);
          cb.getfield(JvmTypes.CD_CompiledInstance, "instance", JvmTypes.CD_ModuleInstance);
          cb.if_acmpne(viaHelper);
          cb.aload(handle);
          cb.checkcast(wasmFunction);
          cb.getfield(wasmFunction, "index", ClassDesc.ofDescriptor("I"));
          List<SwitchCase> cases = new ArrayList<>();
          List<Label> labels = new ArrayList<>();
          for (int target : targets) {
            Label l = cb.newLabel();
            labels.add(l);
            cases.add(SwitchCase.of(target, l));
          }
          int low = targets[0];
          int high = targets[targets.length - 1];
          // A table where it is not mostly holes (javac's rule, roughly).
          if ((long) high - low + 1 <= 3L * targets.length + 10) {
            cb.tableswitch(low, high, viaHelper, cases);
          } else {
            cb.lookupswitch(viaHelper, cases);
          }
          for (int i = 0; i < targets.length; i++) {
            cb.labelBinding(labels.get(i));
            load(cb, params, slots, handleIndex);
            call(cb, cc, targets[i], fdesc);
            cb.return_(TypeKind.from(fdesc.returnType()));
          }
          cb.labelBinding(viaHelper);
          load(cb, params, slots, -1);
          cb.invokestatic(cc.owner(), helper, desc);
          cb.return_(TypeKind.from(fdesc.returnType()));
        });
  }

  /** Loads the parameters but the one at {@code skip} (-1: all). */
  private static void load(CodeBuilder cb, List<ClassDesc> params, int[] slots, int skip) {
    for (int i = 0; i < params.size(); i++) {
      if (i != skip) {
        cb.loadLocal(TypeKind.from(params.get(i)), slots[i]);
      }
    }
  }

  /** The call a {@code call} of {@code function} makes (see {@link CallEmitter#call}). */
  private static void call(CodeBuilder cb, ClassContext cc, int function, MethodTypeDesc fdesc) {
    cc.invokeFunction(cb, function, fdesc);
  }
}
