package dev.cortado.wasm.internal.text;

import dev.cortado.wasm.code.Opcode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which keywords the WebAssembly 2.0 text format knows, and which belong to later proposals.
 *
 * <p>The reference lexer has a fixed keyword list and reports any other word as "unknown operator";
 * the testsuite relies on that (e.g. the obsolete {@code get_local}). A word of a later proposal
 * ({@code return_call}, {@code struct.new}, ...) is reported as an unsupported feature instead, so
 * that a 3.0 module says why it cannot be loaded.
 */
final class Keywords {
  private static final Set<String> KNOWN = new HashSet<>();
  private static final Map<String, String> LATER = new HashMap<>();

  /** Prefixes of later-proposal instruction families, with their feature. */
  private static final List<String[]> LATER_PREFIXES =
      List.of(
          new String[] {"memory.atomic.", "threads"},
          new String[] {"i32.atomic.", "threads"},
          new String[] {"i64.atomic.", "threads"},
          new String[] {"struct.", "gc"},
          new String[] {"array.", "gc"},
          new String[] {"i31.", "gc"});

  /** Prefixes of SIMD instructions: those of relaxed SIMD (3.0) have {@code relaxed_} next. */
  private static final List<String> SIMD_PREFIXES =
      List.of("i8x16.", "i16x8.", "i32x4.", "i64x2.", "f32x4.", "f64x2.");

  static {
    for (Opcode op : Opcode.values()) {
      KNOWN.add(op.mnemonic());
    }
    KNOWN.addAll(
        List.of(
            "i32",
            "i64",
            "f32",
            "f64",
            "v128",
            "i8x16",
            "i16x8",
            "i32x4",
            "i64x2",
            "f32x4",
            "f64x2",
            "extern",
            "externref",
            "funcref",
            "mut",
            "then",
            "type",
            "func",
            "param",
            "result",
            "start",
            "local",
            "global",
            "table",
            "memory",
            "elem",
            "data",
            "declare",
            "offset",
            "item",
            "import",
            "export",
            "module",
            "binary",
            "quote",
            "script",
            "register",
            "invoke",
            "get",
            "assert_malformed",
            "assert_invalid",
            "assert_unlinkable",
            "assert_return",
            "assert_trap",
            "assert_exhaustion",
            "nan:canonical",
            "nan:arithmetic",
            "input",
            "output",
            "ref.extern"));
    later("threads", "shared", "atomic.fence");
    later("tail calls", "return_call", "return_call_indirect", "return_call_ref");
    later(
        "exceptions",
        "try_table",
        "throw",
        "throw_ref",
        "tag",
        "try",
        "catch",
        "catch_ref",
        "catch_all",
        "catch_all_ref",
        "delegate",
        "rethrow",
        "exnref",
        "exn",
        "noexn",
        "nullexnref");
    later(
        "gc",
        "struct",
        "array",
        "field",
        "sub",
        "final",
        "rec",
        "anyref",
        "eqref",
        "i31ref",
        "structref",
        "arrayref",
        "nullref",
        "nullfuncref",
        "nullexternref",
        "any",
        "eq",
        "i31",
        "none",
        "noextern",
        "nofunc",
        "i8",
        "i16",
        "ref.i31",
        "ref.test",
        "ref.cast",
        "ref.eq",
        "br_on_cast",
        "br_on_cast_fail",
        "any.convert_extern",
        "extern.convert_any");
    later(
        "function references",
        "ref",
        "null",
        "call_ref",
        "ref.as_non_null",
        "br_on_null",
        "br_on_non_null");
    later("wide arithmetic", "i64.add128", "i64.sub128", "i64.mul_wide_s", "i64.mul_wide_u");
    later("custom page sizes", "pagesize");
  }

  private Keywords() {}

  private static void later(String feature, String... words) {
    for (String w : words) {
      LATER.put(w, feature);
    }
  }

  /** The later proposal that {@code word} belongs to (e.g. {@code "gc"}), or null. */
  static String laterFeature(String word) {
    String feature = LATER.get(word);
    if (feature != null) {
      return feature;
    }
    for (String prefix : SIMD_PREFIXES) {
      if (word.startsWith(prefix + "relaxed_")) {
        return "relaxed simd";
      }
    }
    for (String[] p : LATER_PREFIXES) {
      if (word.startsWith(p[0])) {
        return p[1];
      }
    }
    return null;
  }

  /** Whether the 2.0 reference lexer knows {@code word}. */
  static boolean isKnown(String word) {
    return KNOWN.contains(word) || word.startsWith("offset=") || word.startsWith("align=");
  }
}
