package dev.cortado.runtime.internal.compiler;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.InstructionList;
import dev.cortado.wasm.code.Opcode;
import java.util.Arrays;
import java.util.BitSet;

/**
 * What the whole body tells about a function, for {@link FunctionCompiler}: computed once, shared
 * by all the methods the function is split into.
 *
 * @param usesMemory whether it reaches a memory
 * @param needsMultiValue whether it calls functions with several results
 * @param loops the body index of each loop instruction, in body order
 * @param loopsWithCalls the ordinals of the loops whose bodies call a function or grow a memory
 */
record FunctionFacts(
    boolean usesMemory, boolean needsMultiValue, int[] loops, BitSet loopsWithCalls) {
  static FunctionFacts of(WasmModule module, int funcIndex) {
    FunctionDefinition def = module.functions().get(funcIndex - module.importedFunctionCount());
    boolean memory = false;
    boolean multiValue = false;
    int[] loops = new int[8];
    int loopCount = 0;
    BitSet loopsWithCalls = new BitSet();
    // The ordinals of the loops around the current instruction, -1 for other blocks.
    int[] open = new int[16];
    int depth = 0;
    InstructionList body = (InstructionList) def.body();
    for (int i = 0; i < body.size(); i++) {
      Instruction in = body.get(i);
      Opcode op = in.opcode();
      if (op == Opcode.LOOP) {
        if (loopCount == loops.length) {
          loops = Arrays.copyOf(loops, loopCount * 2);
        }
        loops[loopCount++] = i;
      }
      switch (op) {
        case BLOCK, LOOP, IF -> {
          if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
          }
          open[depth++] = op == Opcode.LOOP ? loopCount - 1 : -1;
        }
        case END -> depth = Math.max(0, depth - 1);
        default -> {
          if (mayGrowMemory(op)) {
            for (int k = 0; k < depth; k++) {
              if (open[k] >= 0) {
                loopsWithCalls.set(open[k]);
              }
            }
          }
        }
      }
      memory |=
          op.immediate() == Opcode.Immediate.MEMARG
              || op.immediate() == Opcode.Immediate.MEMARG_LANE;
      FuncType callee =
          switch (op) {
            case CALL -> module.functionType(in.index());
            case CALL_INDIRECT -> module.types().get(in.index());
            default -> null;
          };
      multiValue |= callee != null && JvmTypes.hasMultiValue(callee);
    }
    return new FunctionFacts(
        memory && !module.allMemories().isEmpty(),
        multiValue,
        Arrays.copyOf(loops, loopCount),
        loopsWithCalls);
  }

  /**
   * Whether instruction {@code op} may change the memory's extent under compiled code that keeps it
   * in a local (FunctionCompiler.refreshMemory): a call (a callee or the host may grow it) or
   * {@code memory.grow}.
   */
  static boolean mayGrowMemory(Opcode op) {
    return op == Opcode.CALL || op == Opcode.CALL_INDIRECT || op == Opcode.MEMORY_GROW;
  }

  /**
   * The ordinal of the loop instruction at body index {@code index}: its rank among all loop
   * instructions of the body, as the interpreter numbers them (a method the function is split into
   * sees only some of them).
   */
  int loopOrdinal(int index) {
    return Arrays.binarySearch(loops, index);
  }

  int loopCount() {
    return loops.length;
  }
}
