package dev.cortado.wasm;

import java.util.List;
import java.util.stream.Collectors;

/** A function type {@code [params] -> [results]} (spec 2.3.8). */
public record FuncType(List<ValType> params, List<ValType> results) {
  public FuncType {
    params = List.copyOf(params);
    results = List.copyOf(results);
  }

  public static FuncType of(List<ValType> params, List<ValType> results) {
    return new FuncType(params, results);
  }

  @Override
  public String toString() {
    return "["
        + params.stream().map(ValType::text).collect(Collectors.joining(" "))
        + "] -> ["
        + results.stream().map(ValType::text).collect(Collectors.joining(" "))
        + "]";
  }
}
