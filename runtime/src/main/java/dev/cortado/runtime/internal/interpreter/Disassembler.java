package dev.cortado.runtime.internal.interpreter;

/** Prints an instruction stream one instruction a line: position, name, operands. */
final class Disassembler {
  private Disassembler() {}

  static String disassemble(int[] code) {
    StringBuilder sb = new StringBuilder();
    int pc = 0;
    while (pc < code.length) {
      int length = Op.length(code, pc);
      sb.append(pc).append(": ").append(Op.name(code, pc));
      for (int i = 1; i < length; i++) {
        if (code[pc] != Op.SIMD || i != 2) { // a SIMD instruction's sub-opcode is in its name
          sb.append(' ').append(code[pc + i]);
        }
      }
      sb.append('\n');
      pc += length;
    }
    return sb.toString();
  }
}
