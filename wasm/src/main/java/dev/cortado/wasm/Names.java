package dev.cortado.wasm;

import java.util.Map;

/**
 * What the {@code name} custom section (or the text format's identifiers) says: the module's name,
 * function names and local names by index.
 */
public record Names(
    String moduleName,
    Map<Integer, String> functionNames,
    Map<Integer, Map<Integer, String>> localNames) {
  public static final Names EMPTY = new Names(null, Map.of(), Map.of());

  public Names {
    functionNames = Map.copyOf(functionNames);
    localNames = Map.copyOf(localNames);
  }

  /** The name of function {@code index}, or null. */
  public String functionName(int index) {
    return functionNames.get(index);
  }
}
