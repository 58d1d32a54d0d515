package dev.cortado.wasm;

/** A global type (spec 2.3.12). */
public record GlobalType(ValType valType, boolean mutable) {
  @Override
  public String toString() {
    return mutable ? "(mut " + valType + ")" : valType.toString();
  }
}
