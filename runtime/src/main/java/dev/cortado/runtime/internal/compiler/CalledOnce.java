package dev.cortado.runtime.internal.compiler;

import dev.cortado.wasm.ElemSegment;
import dev.cortado.wasm.Export;
import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.GlobalDefinition;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The functions of a module that run only a few times per instance: the start function, a WASI
 * command's {@code _start}, and, in turn, functions called only from such functions, by direct
 * calls outside any loop (so at most once per call site), not exported, not in a table and not
 * referenced by {@code ref.func}. A C program's {@code main} is one ({@code _start} calls {@code
 * __main_void}, which calls it).
 *
 * <p>HotSpot reaches the loops of a method that runs once only by on-stack replacement, and the
 * code C2 makes for an entry at an inner loop's header runs the loops around it with two entries,
 * which it does not optimize as loops: lz's steady state took 2.72 s per run on such code against
 * 1.85 s on the method's own compilation (docs/performance.md). So the splitter outlines the loops
 * nested in a loop of such a function into methods of their own ({@link FunctionSplitter}), which
 * are called, and compiled, as methods.
 */
final class CalledOnce {
  private CalledOnce() {}

  private static final java.util.Map<WasmModule, BitSet> CACHE =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /** {@link #of}, once per module (tier-up compiles a module in many batches). */
  static BitSet cached(WasmModule module) {
    return CACHE.computeIfAbsent(module, CalledOnce::of);
  }

  /** The indices (in the function index space) of the defined functions that run a few times. */
  static BitSet of(WasmModule module) {
    int imported = module.importedFunctionCount();
    int total = module.functionCount();
    BitSet escapes = escaping(module);
    // Direct call sites: callee, caller, and 1 if inside a loop of the caller.
    List<int[]> calls = new ArrayList<>();
    List<FunctionDefinition> functions = module.functions();
    for (int d = 0; d < functions.size(); d++) {
      List<Instruction> body = functions.get(d).body();
      BitSet loops = new BitSet();
      int depth = 0;
      int loopCount = 0;
      for (Instruction in : body) {
        switch (in.opcode()) {
          case BLOCK, IF -> depth++;
          case LOOP -> {
            loops.set(++depth);
            loopCount++;
          }
          case END -> {
            if (loops.get(depth)) {
              loops.clear(depth);
              loopCount--;
            }
            depth--;
          }
          case CALL -> calls.add(new int[] {in.index(), imported + d, loopCount > 0 ? 1 : 0});
          default -> {}
        }
      }
    }
    BitSet once = new BitSet(total);
    module.start().ifPresent(once::set);
    for (Export e : module.exports()) {
      if (e.kind() == ExternKind.FUNC && e.name().equals("_start")) {
        once.set(e.index());
      }
    }
    int[] sites = new int[total];
    for (int[] c : calls) {
      sites[c[0]]++;
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      int[] onceSites = new int[total];
      for (int[] c : calls) {
        if (c[2] == 0 && once.get(c[1]) && c[1] != c[0]) {
          onceSites[c[0]]++;
        }
      }
      for (int f = imported; f < total; f++) {
        if (!once.get(f) && !escapes.get(f) && sites[f] > 0 && onceSites[f] == sites[f]) {
          once.set(f);
          changed = true;
        }
      }
    }
    // An entry point that escapes too may run any number of times; imports are not compiled.
    once.andNot(escapes);
    once.clear(0, imported);
    return once;
  }

  private static final java.util.Map<WasmModule, BitSet> ESCAPING =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /**
   * The functions code outside the module may call, once per module: those it exports (but {@code
   * _start}) and those a {@code ref.func} names (in a global, an element segment or code), which
   * may reach a table. Not to be changed.
   */
  static BitSet escaping(WasmModule module) {
    return ESCAPING.computeIfAbsent(
        module,
        m -> {
          BitSet escapes = new BitSet(m.functionCount());
          for (Export e : m.exports()) {
            if (e.kind() == ExternKind.FUNC && !e.name().equals("_start")) {
              escapes.set(e.index());
            }
          }
          for (GlobalDefinition g : m.globals()) {
            markReferences(g.init(), escapes);
          }
          for (ElemSegment s : m.elements()) {
            for (List<Instruction> init : s.init()) {
              markReferences(init, escapes);
            }
          }
          for (var f : m.functions()) {
            markReferences(f.body(), escapes);
          }
          return escapes;
        });
  }

  private static void markReferences(List<Instruction> code, BitSet escapes) {
    for (Instruction in : code) {
      if (in.opcode() == Opcode.REF_FUNC) {
        escapes.set(in.index());
      }
    }
  }
}
