package dev.cortado.wasm;

import dev.cortado.wasm.code.Instruction;
import java.util.List;

/**
 * A data segment (spec 2.5.8). {@code bytes} is not copied: treat it as read-only.
 *
 * @param memoryIndex the memory of an active segment, else 0
 * @param offset the offset expression of an active segment, else null
 */
public record DataSegment(
    byte[] bytes, SegmentMode mode, int memoryIndex, List<Instruction> offset) {
  public DataSegment {
    offset = offset == null ? null : List.copyOf(offset);
  }
}
