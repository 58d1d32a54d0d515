package dev.cortado.wasm;

import dev.cortado.wasm.code.Instruction;
import java.util.List;

/**
 * A global defined by a module (spec 2.5.6); {@code init} is a constant expression ending in end.
 */
public record GlobalDefinition(GlobalType type, List<Instruction> init) {
  public GlobalDefinition {
    init = List.copyOf(init);
  }
}
