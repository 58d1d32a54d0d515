package dev.cortado.wasm;

/** The kind of an import or export, with its binary encoding. */
public enum ExternKind {
  FUNC(0x00, "func"),
  TABLE(0x01, "table"),
  MEMORY(0x02, "memory"),
  GLOBAL(0x03, "global");

  private final int code;
  private final String text;

  ExternKind(int code, String text) {
    this.code = code;
    this.text = text;
  }

  public int code() {
    return code;
  }

  public String text() {
    return text;
  }

  /** The kind encoded by {@code code}, or null. */
  public static ExternKind ofCode(int code) {
    for (ExternKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    return null;
  }
}
