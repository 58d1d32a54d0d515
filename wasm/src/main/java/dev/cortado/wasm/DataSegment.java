package dev.cortado.wasm;

import dev.cortado.wasm.code.Instruction;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A data segment (spec 2.5.8). {@code bytes} is not copied: treat it as read-only. Equality
 * compares the bytes' contents.
 *
 * @param memoryIndex the memory of an active segment, else 0
 * @param offset the offset expression of an active segment, else null
 */
public record DataSegment(
    byte[] bytes, SegmentMode mode, int memoryIndex, List<Instruction> offset) {
  public DataSegment {
    offset = offset == null ? null : List.copyOf(offset);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataSegment other
        && Arrays.equals(bytes, other.bytes)
        && mode == other.mode
        && memoryIndex == other.memoryIndex
        && Objects.equals(offset, other.offset);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(bytes), mode, memoryIndex, offset);
  }

  @Override
  public String toString() {
    return "DataSegment[" + bytes.length + " bytes, " + mode + ", memory " + memoryIndex + "]";
  }
}
