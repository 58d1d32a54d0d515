package dev.cortado.runtime.internal.compiler;

import dev.cortado.wasm.ElemSegment;
import dev.cortado.wasm.Export;
import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.GlobalDefinition;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.InstructionList;
import dev.cortado.wasm.code.Opcode;
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

  /** The two sets this class finds, from one walk over the module's code. */
  private record Analysis(BitSet once, BitSet escaping) {}

  private static final java.util.Map<WasmModule, Analysis> CACHE =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /** {@link #of}, once per module (tier-up compiles a module in many batches). */
  static BitSet cached(WasmModule module) {
    return CACHE.computeIfAbsent(module, CalledOnce::analyze).once();
  }

  /**
   * The functions code outside the module may call, once per module: those it exports (but {@code
   * _start}) and those a {@code ref.func} names (in a global, an element segment or code), which
   * may reach a table. Not to be changed.
   */
  static BitSet escaping(WasmModule module) {
    return CACHE.computeIfAbsent(module, CalledOnce::analyze).escaping();
  }

  /** The indices (in the function index space) of the defined functions that run a few times. */
  static BitSet of(WasmModule module) {
    return analyze(module).once();
  }

  private static Analysis analyze(WasmModule module) {
    int imported = module.importedFunctionCount();
    int total = module.functionCount();
    // One walk over every body for both the direct call sites and the ref.func operands (a 40 MB
    // module has some 16 million instructions: this runs before any class can be planned, while
    // the other compiler threads wait). A call site outside any loop of its caller is counted in
    // the callee's sites and kept as an edge from its caller.
    BitSet referenced = new BitSet(total);
    int[] sites = new int[total];
    int[] edgeCaller = new int[1024];
    int[] edgeCallee = new int[1024];
    int edges = 0;
    List<FunctionDefinition> functions = module.functions();
    byte[] loopAt = new byte[64];
    for (int d = 0; d < functions.size(); d++) {
      int caller = imported + d;
      InstructionList body = (InstructionList) functions.get(d).body();
      int depth = 0;
      int loops = 0;
      for (int i = 0, n = body.size(); i < n; i++) {
        Instruction in = body.get(i);
        switch (in.opcode()) {
          case BLOCK, IF, LOOP -> {
            if (++depth == loopAt.length) {
              loopAt = java.util.Arrays.copyOf(loopAt, depth * 2);
            }
            boolean loop = in.opcode() == Opcode.LOOP;
            loopAt[depth] = (byte) (loop ? 1 : 0);
            loops += loop ? 1 : 0;
          }
          case END -> {
            if (depth > 0) {
              loops -= loopAt[depth];
              depth--;
            }
          }
          case CALL -> {
            int callee = in.index();
            sites[callee]++;
            if (loops == 0 && callee != caller) {
              if (edges == edgeCaller.length) {
                edgeCaller = java.util.Arrays.copyOf(edgeCaller, edges * 2);
                edgeCallee = java.util.Arrays.copyOf(edgeCallee, edges * 2);
              }
              edgeCaller[edges] = caller;
              edgeCallee[edges] = callee;
              edges++;
            }
          }
          case REF_FUNC -> referenced.set(in.index());
          default -> {}
        }
      }
    }
    BitSet escapes = escapes(module, referenced);
    BitSet once = new BitSet(total);
    module.start().ifPresent(once::set);
    for (Export e : module.exports()) {
      if (e.kind() == ExternKind.FUNC && e.name().equals("_start")) {
        once.set(e.index());
      }
    }
    // A function joins once every site calling it lies in a member, outside a loop: a worklist
    // over the edges by caller, each counted once.
    int[] firstEdge = new int[total + 1];
    for (int k = 0; k < edges; k++) {
      firstEdge[edgeCaller[k] + 1]++;
    }
    for (int f = 0; f < total; f++) {
      firstEdge[f + 1] += firstEdge[f];
    }
    int[] callees = new int[edges];
    int[] next = java.util.Arrays.copyOf(firstEdge, total);
    for (int k = 0; k < edges; k++) {
      callees[next[edgeCaller[k]]++] = edgeCallee[k];
    }
    int[] onceSites = new int[total];
    int[] work = new int[total];
    int pending = 0;
    for (int f = once.nextSetBit(0); f >= 0; f = once.nextSetBit(f + 1)) {
      work[pending++] = f;
    }
    while (pending > 0) {
      int caller = work[--pending];
      for (int k = firstEdge[caller]; k < firstEdge[caller + 1]; k++) {
        int f = callees[k];
        if (++onceSites[f] == sites[f] && f >= imported && !once.get(f) && !escapes.get(f)) {
          once.set(f);
          work[pending++] = f;
        }
      }
    }
    // An entry point that escapes too may run any number of times; imports are not compiled.
    once.andNot(escapes);
    once.clear(0, imported);
    return new Analysis(once, escapes);
  }

  /**
   * The exported functions (but {@code _start}) and those a {@code ref.func} names: in the bodies
   * ({@code referenced}, to which the others are added), in globals' initializers or in element
   * segments.
   */
  private static BitSet escapes(WasmModule module, BitSet referenced) {
    BitSet escapes = referenced;
    for (Export e : module.exports()) {
      if (e.kind() == ExternKind.FUNC && !e.name().equals("_start")) {
        escapes.set(e.index());
      }
    }
    for (GlobalDefinition g : module.globals()) {
      markReferences(g.init(), escapes);
    }
    for (ElemSegment s : module.elements()) {
      for (List<Instruction> init : s.init()) {
        markReferences(init, escapes);
      }
    }
    return escapes;
  }

  private static void markReferences(List<Instruction> code, BitSet escapes) {
    for (Instruction in : code) {
      if (in.opcode() == Opcode.REF_FUNC) {
        escapes.set(in.index());
      }
    }
  }
}
