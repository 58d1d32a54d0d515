package dev.cortado.runtime.internal.interpreter;

import java.util.Arrays;

/**
 * One function translated for the interpreter (see docs/interpreter.md): its instruction stream and
 * the frame facts the call sequence needs. Immutable, so it can be shared by every instance of the
 * module and published without locks.
 */
public final class CompiledFunction {
  /** Opcodes ({@link Op}) with their immediates inline. */
  final int[] code;

  /** Index in the module's function index space. */
  final int functionIndex;

  final int numParams;

  /** Parameters plus declared locals: the operand stack starts this many slots above fp. */
  final int numLocals;

  final int numResults;

  /**
   * The function's most used constants, in the frame's slots from {@link #numLocals} (written at
   * entry), so that an instruction reads a constant operand like any other slot.
   */
  final long[] constants;

  /** Where the operand stack starts: after the locals and the constants. */
  final int operandBase;

  /** Operand base plus the deepest the operand stack gets: the slots a frame needs. */
  final int maxHeight;

  /** Whether a declared (non-parameter) local is a reference, so its slot must be nulled. */
  final boolean hasRefLocals;

  /** Sorted code positions of instructions that can trap or call, each with its source offset. */
  private final int[] trapPositions;

  private final int[] sourceOffsets;
  final ModuleCode module;

  CompiledFunction(
      ModuleCode module,
      int functionIndex,
      int[] code,
      int numParams,
      int numLocals,
      int numResults,
      long[] constants,
      int maxHeight,
      boolean hasRefLocals,
      int[] trapPositions,
      int[] sourceOffsets) {
    this.module = module;
    this.functionIndex = functionIndex;
    this.code = code;
    this.numParams = numParams;
    this.numLocals = numLocals;
    this.numResults = numResults;
    this.constants = constants;
    this.operandBase = numLocals + constants.length;
    this.maxHeight = maxHeight;
    this.hasRefLocals = hasRefLocals;
    this.trapPositions = trapPositions;
    this.sourceOffsets = sourceOffsets;
  }

  /**
   * The source offset of the instruction that contains code position {@code pos}: the recorded
   * instruction starting at or before it (every instruction that can trap or call is recorded).
   */
  int sourceOffset(int pos) {
    int i = Arrays.binarySearch(trapPositions, pos);
    if (i < 0) {
      i = -i - 2;
    }
    return i < 0 ? -1 : sourceOffsets[i];
  }

  /** The instruction stream, one instruction a line, for tests and debugging. */
  String disassemble() {
    return Disassembler.disassemble(code);
  }
}
