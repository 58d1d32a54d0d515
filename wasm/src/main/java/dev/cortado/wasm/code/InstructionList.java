package dev.cortado.wasm.code;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list of instructions, as a function body is ({@code FunctionDefinition.body()}).
 *
 * <p>A final class so that code walking a body through it calls {@link #get} and {@link #size}
 * directly: through the {@link List} interface every access is an interface call that a JIT without
 * a profile (C1, which compiles Cortado's own compiler) does not inline, and a compiler's passes
 * over a 40 MB module make a hundred million of them.
 */
public final class InstructionList extends AbstractList<Instruction> implements RandomAccess {
  private static final InstructionList EMPTY = new InstructionList(new Instruction[0]);

  private final Instruction[] instructions;

  private InstructionList(Instruction[] instructions) {
    this.instructions = instructions;
  }

  /** {@code instructions} as an instruction list: itself if it is one, else a copy. */
  public static InstructionList copyOf(List<Instruction> instructions) {
    if (instructions instanceof InstructionList l) {
      return l;
    }
    if (instructions.isEmpty()) {
      return EMPTY;
    }
    Instruction[] copy = instructions.toArray(new Instruction[0]);
    for (Instruction in : copy) {
      Objects.requireNonNull(in, "instruction");
    }
    return new InstructionList(copy);
  }

  @Override
  public Instruction get(int index) {
    return instructions[index];
  }

  @Override
  public int size() {
    return instructions.length;
  }
}
