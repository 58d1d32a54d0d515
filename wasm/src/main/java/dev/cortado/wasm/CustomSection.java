package dev.cortado.wasm;

import java.util.Arrays;
import java.util.Objects;

/**
 * A custom section, kept as raw bytes. {@code data} is not copied: treat it as read-only. Equality
 * compares the bytes' contents.
 *
 * @param precedingSectionId the id of the last non-custom section before this one (0 if none), so
 *     that a writer can put it back where it was
 */
public record CustomSection(String name, byte[] data, int precedingSectionId) {
  @Override
  public boolean equals(Object o) {
    return o instanceof CustomSection other
        && name.equals(other.name)
        && Arrays.equals(data, other.data)
        && precedingSectionId == other.precedingSectionId;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(data), precedingSectionId);
  }

  @Override
  public String toString() {
    return "CustomSection[name="
        + name
        + ", "
        + data.length
        + " bytes, precedingSectionId="
        + precedingSectionId
        + "]";
  }
}
