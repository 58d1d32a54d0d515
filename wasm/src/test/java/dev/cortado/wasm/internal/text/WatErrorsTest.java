package dev.cortado.wasm.internal.text;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.UnsupportedFeatureException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed text: the reference interpreter's messages, at the right line and column. */
class WatErrorsTest {
  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("(func (i32.const))", "unexpected token ')'", "1:17"),
        Arguments.of("(func (i32.const 0x))", "unknown operator 0x", "1:18"),
        Arguments.of("(func (get_local 0))", "unknown operator get_local", "1:8"),
        Arguments.of("(func (then))", "unexpected token 'then'", "1:8"),
        Arguments.of("(func\n  (i32.const 0x1_0000_0000))", "constant out of range", "2:14"),
        Arguments.of("(func (f32.const 1e39) drop)", "constant out of range", "1:18"),
        Arguments.of("(func (f64.const nan:0x0) drop)", "constant out of range", "1:18"),
        Arguments.of(
            "(memory 1) (func (i32.load align=3 (i32.const 0)) drop)",
            "alignment must be a power of two",
            "1:28"),
        Arguments.of(
            "(memory 1) (func (i32.load offset=4294967296 (i32.const 0)) drop)",
            "i32 constant out of range",
            "1:28"),
        Arguments.of("(memory 0x1_0000_0000)", "i32 constant out of range", "1:9"),
        Arguments.of("(func (br $l))", "unknown label $l", "1:11"),
        Arguments.of("(func (block $l) (br $l))", "unknown label $l", "1:22"),
        Arguments.of("(func (call $g))", "unknown function $g", "1:13"),
        Arguments.of("(func (local.get $x))", "unknown local $x", "1:18"),
        Arguments.of("(func (global.get $x))", "unknown global $x", "1:19"),
        Arguments.of("(func (type $t))", "unknown type $t", "1:13"),
        Arguments.of("(func (type 0) (param i32))", "unknown type 0", "1:7"),
        Arguments.of("(func (type 0) (local $x i32))", "unknown type 0", "1:23"),
        Arguments.of("(func (table.get $t (i32.const 0)))", "unknown table $t", "1:18"),
        Arguments.of("(func (data.drop $d))", "unknown data segment $d", "1:18"),
        Arguments.of("(func (elem.drop $e))", "unknown elem segment $e", "1:18"),
        Arguments.of("(data (memory $m) (i32.const 0))", "unknown memory $m", "1:15"),
        Arguments.of("(func $f) (func $f)", "duplicate function $f", "1:17"),
        Arguments.of("(func (param $x i32) (local $x i32))", "duplicate local $x", "1:29"),
        Arguments.of(
            "(global $g i32 (i32.const 0)) (import \"m\" \"g\" (global $g i32))",
            "duplicate global $g",
            "1:55"),
        Arguments.of("(type $t (func)) (type $t (func))", "duplicate type $t", "1:24"),
        Arguments.of(
            "(type $t (func (param i32))) (func (type $t) (param i64))",
            "inline function type does not match explicit type",
            "1:36"),
        Arguments.of("(func block $a end $b)", "mismatching label", "1:20"),
        Arguments.of("(func block end $b)", "mismatching label", "1:17"),
        Arguments.of("(func (i32.const 0) if $a else $b end)", "mismatching label", "1:32"),
        Arguments.of("(func block)", "unexpected token ')'", "1:12"),
        Arguments.of("(func end)", "unexpected token 'end'", "1:7"),
        Arguments.of("(func (result i32) (param i32))", "unexpected token 'param'", "1:21"),
        Arguments.of("(func (block (param $x i32)))", "unexpected token '$x'", "1:21"),
        Arguments.of(
            "(func)\n(import \"m\" \"f\" (func))", "import after function definition", "2:1"),
        Arguments.of(
            "(memory 0) (func) (import \"m\" \"t\" (table 0 funcref))",
            "import after function definition",
            "1:19"),
        Arguments.of(
            "(global i32 (i32.const 0)) (import \"m\" \"f\" (func))",
            "import after global definition",
            "1:28"),
        Arguments.of("(func) (start 0) (start 0)", "multiple start sections", "1:8"),
        Arguments.of("(func (export \"\\ff\"))", "malformed UTF-8 encoding", "1:15"),
        Arguments.of("(func \u00e9)", "misplaced unicode character", "1:7"),
        Arguments.of("(func \"abc)", "unclosed string literal", "1:7"),
        Arguments.of("(func (; oops)", "unclosed comment", "1:7"),
        Arguments.of("(module (func)", "unexpected token (end of input)", "1:15"),
        Arguments.of("(module) (func)", "unexpected token '('", "1:10"),
        Arguments.of("(func) x", "unknown operator x", "1:8"),
        Arguments.of("(foo)", "unknown operator foo", "1:2"),
        Arguments.of("(i32.add)", "unexpected token 'i32.add'", "1:2"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void reportsTheReferenceMessageWhereItHappens(String text, String reason, String location) {
    assertThatThrownBy(() -> WatParser.parse(text))
        .isExactlyInstanceOf(MalformedModuleException.class)
        .satisfies(
            e -> {
              MalformedModuleException m = (MalformedModuleException) e;
              org.assertj.core.api.Assertions.assertThat(m.reason()).isEqualTo(reason);
              org.assertj.core.api.Assertions.assertThat(m.location()).isEqualTo(location);
            });
  }

  static Stream<Arguments> laterProposals() {
    return Stream.of(
        Arguments.of("(func (return_call 0))", "tail calls"),
        Arguments.of("(func return_call_indirect (type 0))", "tail calls"),
        Arguments.of("(tag $e)", "exceptions"),
        Arguments.of("(func (try_table (do)))", "exceptions"),
        Arguments.of("(type (struct (field i32)))", "gc"),
        Arguments.of("(rec (type (func)))", "gc"),
        Arguments.of("(func (param anyref))", "gc"),
        Arguments.of("(func (struct.new $s))", "gc"),
        Arguments.of("(func (param (ref null func)))", "function references"),
        Arguments.of("(func (call_ref $t))", "function references"),
        Arguments.of("(func (ref.null $t) drop)", "function references"),
        Arguments.of("(table 1 (ref func) (ref.func 0))", "function references"),
        Arguments.of("(table 1 funcref (ref.null func))", "function references"),
        Arguments.of("(memory i64 1)", "memory64"),
        Arguments.of("(table i64 1 funcref)", "memory64"),
        Arguments.of("(memory 1 2 shared)", "threads"),
        Arguments.of("(func (i32.atomic.load (i32.const 0)))", "threads"),
        Arguments.of("(func (memory.size 1))", "multi-memory"),
        Arguments.of("(func (i32.load $m (i32.const 0)))", "multi-memory"),
        Arguments.of("(func (memory.copy 0 1 (i32.const 0)))", "multi-memory"),
        Arguments.of("(func (memory.init 1 0))", "multi-memory"),
        Arguments.of("(func (i8x16.relaxed_swizzle))", "relaxed simd"),
        Arguments.of("(func (f32x4.relaxed_madd))", "relaxed simd"),
        Arguments.of("(memory (pagesize 1) 1)", "custom page sizes"),
        Arguments.of("(func (i64.add128))", "wide arithmetic"),
        Arguments.of("(func (@name \"x\"))", "annotations"));
  }

  @ParameterizedTest
  @MethodSource("laterProposals")
  void laterProposalsAreUnsupportedFeatures(String text, String feature) {
    assertThatThrownBy(() -> WatParser.parse(text))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("unsupported: " + feature);
  }
}
