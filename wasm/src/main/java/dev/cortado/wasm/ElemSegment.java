package dev.cortado.wasm;

import dev.cortado.wasm.code.Instruction;
import java.util.List;

/**
 * An element segment (spec 2.5.7). Every element is kept as a constant expression (a {@code
 * ref.func x end} for the compact function-index encodings).
 *
 * @param type the reference type of the elements
 * @param init one constant expression per element, each ending in end
 * @param tableIndex the table of an active segment, else 0
 * @param offset the offset expression of an active segment, else null
 */
public record ElemSegment(
    ValType type,
    List<List<Instruction>> init,
    SegmentMode mode,
    int tableIndex,
    List<Instruction> offset) {
  public ElemSegment {
    init = init.stream().map(List::copyOf).toList();
    offset = offset == null ? null : List.copyOf(offset);
  }
}
