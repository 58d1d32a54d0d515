package dev.cortado.wasm;

/** A table type (spec 2.3.11): a reference element type and limits in elements. */
public record TableType(ValType elementType, Limits limits) {
  @Override
  public String toString() {
    return limits + " " + elementType;
  }
}
