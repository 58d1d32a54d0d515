package dev.cortado.wasm;

/** A module of many small functions, each calling the one before, for tests of parallel work. */
public final class ManyFunctions {
  private ManyFunctions() {}

  /** The text of a module of {@code n} functions with loops, stores, calls and a branch table. */
  public static String wat(int n) {
    StringBuilder wat =
        new StringBuilder("(module (memory 1) (type $t (func (param i32) (result i32)))\n");
    for (int i = 0; i < n; i++) {
      wat.append("(func $f")
          .append(i)
          .append(" (type $t) (local i64 f64)\n")
          .append("  (block $out (result i32)\n")
          .append("    (loop $again\n")
          .append("      (i64.store offset=8 (local.get 0) (i64.extend_i32_u (local.get 0)))\n")
          .append(
              "      (br_if $again (i32.lt_u (i32.add (local.get 0) (i32.const 1)) (i32.const 3))))\n")
          .append(i > 0 ? "    (drop (call $f" + (i - 1) + " (i32.const 1)))\n" : "")
          .append("    (br_table 0 0 (i32.const 7) (local.get 0))))\n");
    }
    return wat.append(")\n").toString();
  }
}
