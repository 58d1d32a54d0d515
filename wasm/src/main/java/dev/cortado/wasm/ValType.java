package dev.cortado.wasm;

/** A WebAssembly value type (spec 2.3.4, 2.3.5), with its binary encoding. */
public enum ValType {
  I32(0x7F, "i32"),
  I64(0x7E, "i64"),
  F32(0x7D, "f32"),
  F64(0x7C, "f64"),
  V128(0x7B, "v128"),
  FUNCREF(0x70, "funcref"),
  EXTERNREF(0x6F, "externref");

  private final int code;
  private final String text;

  ValType(int code, String text) {
    this.code = code;
    this.text = text;
  }

  /** The binary encoding. */
  public int code() {
    return code;
  }

  /** The text-format name. */
  public String text() {
    return text;
  }

  public boolean isNumeric() {
    return this == I32 || this == I64 || this == F32 || this == F64;
  }

  public boolean isReference() {
    return this == FUNCREF || this == EXTERNREF;
  }

  /** The value type encoded by {@code code}, or null. */
  public static ValType ofCode(int code) {
    for (ValType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return text;
  }
}
