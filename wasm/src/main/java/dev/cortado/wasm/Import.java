package dev.cortado.wasm;

/**
 * An import (spec 2.5.11). Exactly one of the descriptors is set, as {@link #kind()} says: {@code
 * typeIndex} for a function, {@code tableType}, {@code memType} or {@code globalType} otherwise.
 */
public record Import(
    String module,
    String name,
    ExternKind kind,
    int typeIndex,
    TableType tableType,
    MemType memType,
    GlobalType globalType) {

  public static Import func(String module, String name, int typeIndex) {
    return new Import(module, name, ExternKind.FUNC, typeIndex, null, null, null);
  }

  public static Import table(String module, String name, TableType type) {
    return new Import(module, name, ExternKind.TABLE, -1, type, null, null);
  }

  public static Import memory(String module, String name, MemType type) {
    return new Import(module, name, ExternKind.MEMORY, -1, null, type, null);
  }

  public static Import global(String module, String name, GlobalType type) {
    return new Import(module, name, ExternKind.GLOBAL, -1, null, null, type);
  }
}
