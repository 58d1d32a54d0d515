package dev.cortado.runtime.internal.interpreter;

/** Prints an instruction stream one instruction a line: position, name, immediates. */
final class Disassembler {
  private Disassembler() {}

  static String disassemble(int[] code) {
    StringBuilder sb = new StringBuilder();
    int pc = 0;
    while (pc < code.length) {
      int length = Op.length(code, pc);
      sb.append(pc).append(": ").append(Op.name(code, pc));
      for (int i = code[pc] == Op.SIMD ? 2 : 1; i < length; i++) {
        sb.append(' ').append(code[pc + i]);
      }
      sb.append('\n');
      pc += length;
    }
    return sb.toString();
  }
}
