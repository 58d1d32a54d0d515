package dev.cortado.wasm;

import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.InstructionList;
import java.util.List;

/**
 * A function defined (not imported) by a module (spec 2.5.3): its type, its declared locals
 * (expanded, parameters excluded), and its body, which ends with an {@code end}.
 *
 * @param offset where the body starts in the source (byte or character offset)
 */
public record FunctionDefinition(
    int typeIndex, List<ValType> locals, List<Instruction> body, int offset) {
  public FunctionDefinition {
    locals = List.copyOf(locals);
    body = InstructionList.copyOf(body);
  }
}
