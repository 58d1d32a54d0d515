package dev.cortado.wasm.code;

import dev.cortado.wasm.ValType;

/**
 * The type of a {@code block}, {@code loop} or {@code if}: empty, a single result type, or an index
 * into the module's type section (multi-value).
 *
 * @param valType the single result type, or null
 * @param typeIndex the type index, or -1
 */
public record BlockType(ValType valType, int typeIndex) {
  /** The empty block type {@code []->[]}. */
  public static final BlockType EMPTY = new BlockType(null, -1);

  public static BlockType of(ValType result) {
    return new BlockType(result, -1);
  }

  public static BlockType ofIndex(int typeIndex) {
    return new BlockType(null, typeIndex);
  }

  public boolean isEmpty() {
    return valType == null && typeIndex < 0;
  }

  public boolean isIndex() {
    return typeIndex >= 0;
  }
}
