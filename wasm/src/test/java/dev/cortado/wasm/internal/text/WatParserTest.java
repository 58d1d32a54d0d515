package dev.cortado.wasm.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.ElemSegment;
import dev.cortado.wasm.Export;
import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.GlobalType;
import dev.cortado.wasm.Import;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.MemType;
import dev.cortado.wasm.SegmentMode;
import dev.cortado.wasm.TableType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module fields and their abbreviations (spec 6.6), and instructions (spec 6.5). */
class WatParserTest {
  static WasmModule parse(String text) {
    return WatParser.parse(text);
  }

  /** Instructions as text, blocks showing their type as {@code []}, {@code i32} or {@code #n}. */
  static String code(List<Instruction> code) {
    return code.stream().map(WatParserTest::render).collect(Collectors.joining(" | "));
  }

  private static String render(Instruction i) {
    if (i.blockType() == null) {
      return i.toString();
    }
    var bt = i.blockType();
    String type = bt.isEmpty() ? "[]" : bt.isIndex() ? "#" + bt.typeIndex() : bt.valType().text();
    return i.opcode().mnemonic() + " " + type;
  }

  static String body(WasmModule m, int definedFunction) {
    return code(m.functions().get(definedFunction).body());
  }

  private static FuncType type(List<ValType> params, List<ValType> results) {
    return FuncType.of(params, results);
  }

  private static final ValType I32 = ValType.I32;
  private static final ValType I64 = ValType.I64;
  private static final ValType F64 = ValType.F64;

  @Test
  void moduleFormAndBareFieldsAreTheSame() {
    WasmModule wrapped = parse("(module $m (func))");
    WasmModule bare = parse("(func)");
    assertThat(wrapped.functions()).hasSize(1);
    assertThat(bare.functions()).hasSize(1);
    assertThat(wrapped.names().moduleName()).isEqualTo("m");
    assertThat(parse("").functions()).isEmpty();
    assertThat(parse("(module)").functions()).isEmpty();
  }

  @Test
  void typeUsesResolveAsTheSpecSays() {
    WasmModule m =
        parse(
            """
            (func $f (result f64) (f64.const 0))
            (func $g (param i32))
            (func $h (result f64) (f64.const 1))
            (type $t (func (param i32)))
            (func (type $t) (param i32))
            (func (param i64 i64))
            (func (type 2))
            """);
    assertThat(m.types())
        .containsExactly(
            type(List.of(I32), List.of()),
            type(List.of(), List.of(F64)),
            type(List.of(I64, I64), List.of()));
    assertThat(m.functions()).extracting(f -> f.typeIndex()).containsExactly(1, 0, 1, 0, 2, 2);
  }

  @Test
  void namedAndAnonymousParamsAndLocals() {
    WasmModule m =
        parse(
            """
            (func $f (param $a i32) (param i64 f64) (param $b f64) (local i32 i32) (local $c i64)
              (local.get $a) (local.get $b) (local.get $c) (local.get 4) (drop) (drop) (drop)
              (drop))
            """);
    assertThat(m.functions().getFirst().locals()).containsExactly(I32, I32, I64);
    assertThat(body(m, 0)).startsWith("local.get 0 | local.get 3 | local.get 6 | local.get 4");
    assertThat(m.names().functionName(0)).isEqualTo("f");
    assertThat(m.names().localNames()).isEqualTo(Map.of(0, Map.of(0, "a", 3, "b", 6, "c")));
  }

  @Test
  void localsOfAFunctionTypedByIndexFollowTheTypesParams() {
    WasmModule m =
        parse(
            """
            (type $t (func (param i32 i32)))
            (func (type $t) (local $x i64) (local.get $x) drop)
            """);
    assertThat(body(m, 0)).isEqualTo("local.get 2 | drop | end");
  }

  @Test
  void inlineExportsAndImports() {
    WasmModule m =
        parse(
            """
            (func $i (import "m" "f") (param i32))
            (table $t (import "m" "t") 1 2 funcref)
            (memory (import "m" "mem") 1)
            (global $g (import "m" "g") (mut i32))
            (func (export "a") (export "b") (result i32) (i32.const 1))
            (table (export "t") 3 externref)
            (memory (export "m") 2 3)
            (global (export "g") i64 (i64.const 5))
            """);
    assertThat(m.imports())
        .containsExactly(
            Import.func("m", "f", 0),
            Import.table("m", "t", new TableType(ValType.FUNCREF, Limits.of(1, 2))),
            Import.memory("m", "mem", MemType.of(Limits.of(1))),
            Import.global("m", "g", new GlobalType(I32, true)));
    assertThat(m.exports())
        .containsExactly(
            new Export("a", ExternKind.FUNC, 1),
            new Export("b", ExternKind.FUNC, 1),
            new Export("t", ExternKind.TABLE, 1),
            new Export("m", ExternKind.MEMORY, 1),
            new Export("g", ExternKind.GLOBAL, 1));
    assertThat(m.tables()).containsExactly(new TableType(ValType.EXTERNREF, Limits.of(3)));
    assertThat(m.memories()).containsExactly(MemType.of(Limits.of(2, 3)));
    assertThat(m.globals().getFirst().type()).isEqualTo(new GlobalType(I64, false));
    assertThat(code(m.globals().getFirst().init())).isEqualTo("i64.const 5 | end");
    assertThat(m.names().functionName(0)).isEqualTo("i");
  }

  @Test
  void exportFieldsResolveIdentifiersDefinedLater() {
    WasmModule m =
        parse(
            """
            (export "f" (func $f)) (export "t" (table $t)) (export "m" (memory $m))
            (export "g" (global $g)) (start $f)
            (func $x) (func $f) (table $t 0 funcref) (memory $m 0) (global $g i32 (i32.const 0))
            """);
    assertThat(m.exports()).extracting(Export::index).containsExactly(1, 0, 0, 0);
    assertThat(m.start()).hasValue(1);
  }

  @Test
  void tableWithInlineElementsIsExactlyAsLarge() {
    WasmModule m =
        parse(
            """
            (func $a) (func $b)
            (table $t funcref (elem $b $a $b))
            (table externref (elem (ref.null extern) (item ref.null extern)))
            """);
    assertThat(m.tables())
        .containsExactly(
            new TableType(ValType.FUNCREF, Limits.of(3, 3)),
            new TableType(ValType.EXTERNREF, Limits.of(2, 2)));
    ElemSegment first = m.elements().get(0);
    assertThat(first.mode()).isEqualTo(SegmentMode.ACTIVE);
    assertThat(first.tableIndex()).isZero();
    assertThat(code(first.offset())).isEqualTo("i32.const 0 | end");
    assertThat(first.init().stream().map(WatParserTest::code))
        .containsExactly("ref.func 1 | end", "ref.func 0 | end", "ref.func 1 | end");
    ElemSegment second = m.elements().get(1);
    assertThat(second.type()).isEqualTo(ValType.EXTERNREF);
    assertThat(second.tableIndex()).isEqualTo(1);
    assertThat(second.init()).hasSize(2);
  }

  @Test
  void memoryWithInlineDataHasTheDataSizeInPages() {
    WasmModule m = parse("(memory (data \"ab\" \"c\")) (memory $big (data))");
    assertThat(m.memories())
        .containsExactly(MemType.of(Limits.of(1, 1)), MemType.of(Limits.of(0, 0)));
    assertThat(m.datas().getFirst().bytes()).containsExactly('a', 'b', 'c');
    assertThat(m.datas().get(1).memoryIndex()).isEqualTo(1);
    String big = "\"" + "\\00".repeat(65537) + "\"";
    assertThat(parse("(memory (data " + big + "))").memories().getFirst().limits())
        .isEqualTo(Limits.of(2, 2));
  }

  @Test
  void inlineDataAndElementsTakeSegmentIndices() {
    WasmModule m =
        parse(
            """
            (memory (data "x")) (data $d "y")
            (table funcref (elem)) (elem $e func)
            (func data.drop $d elem.drop $e)
            """);
    assertThat(body(m, 0)).isEqualTo("data.drop 1 | elem.drop 1 | end");
  }

  @Test
  void elementSegmentForms() {
    WasmModule m =
        parse(
            """
            (table $t 10 funcref) (table $u 10 externref) (func $f)
            (elem (i32.const 1) $f $f)
            (elem (offset (i32.const 2)) func $f)
            (elem (table $u) (offset i32.const 3) externref (ref.null extern))
            (elem $p funcref (ref.func $f) (item (ref.null func)))
            (elem declare func $f)
            (elem func)
            (elem (i32.const 4))
            (elem (table 0) (i32.const 5) func 0)
            """);
    List<ElemSegment> e = m.elements();
    assertThat(e)
        .extracting(ElemSegment::mode)
        .containsExactly(
            SegmentMode.ACTIVE,
            SegmentMode.ACTIVE,
            SegmentMode.ACTIVE,
            SegmentMode.PASSIVE,
            SegmentMode.DECLARATIVE,
            SegmentMode.PASSIVE,
            SegmentMode.ACTIVE,
            SegmentMode.ACTIVE);
    assertThat(e).extracting(ElemSegment::tableIndex).containsExactly(0, 0, 1, 0, 0, 0, 0, 0);
    assertThat(e)
        .extracting(ElemSegment::type)
        .containsExactly(
            ValType.FUNCREF,
            ValType.FUNCREF,
            ValType.EXTERNREF,
            ValType.FUNCREF,
            ValType.FUNCREF,
            ValType.FUNCREF,
            ValType.FUNCREF,
            ValType.FUNCREF);
    assertThat(e).extracting(s -> s.init().size()).containsExactly(2, 1, 1, 2, 1, 0, 0, 1);
    assertThat(code(e.get(2).offset())).isEqualTo("i32.const 3 | end");
    assertThat(e.get(3).offset()).isNull();
    assertThat(code(e.get(3).init().get(1))).isEqualTo("ref.null [funcref] | end");
  }

  @Test
  void dataSegmentForms() {
    WasmModule m =
        parse(
            """
            (memory $m 1)
            (data (i32.const 1) "a" "\\62")
            (data (memory $m) (offset (i32.const 2)) "c")
            (data (memory 0) (i32.const 3))
            (data $p "passive")
            """);
    assertThat(m.datas())
        .extracting(d -> d.mode() + " " + d.memoryIndex() + " " + new String(d.bytes()))
        .containsExactly("ACTIVE 0 ab", "ACTIVE 0 c", "ACTIVE 0 ", "PASSIVE 0 passive");
    assertThat(code(m.datas().get(1).offset())).isEqualTo("i32.const 2 | end");
  }

  @Test
  void foldedInstructionsBecomeFlatCode() {
    WasmModule m =
        parse(
            """
            (func (result i32)
              (i32.add (i32.const 1) (i32.mul (i32.const 2) (i32.const 3))))
            """);
    assertThat(body(m, 0))
        .isEqualTo("i32.const 1 | i32.const 2 | i32.const 3 | i32.mul | i32.add | end");
  }

  @Test
  void foldedIfWithConditionAndBranches() {
    WasmModule m =
        parse(
            """
            (func (param i32) (result i32)
              (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))
              (if (local.get 0) (then))
              (if (local.get 0) (i32.eqz) (then nop nop) (else)))
            """);
    assertThat(body(m, 0))
        .isEqualTo(
            "local.get 0 | if i32 | i32.const 1 | else | i32.const 2 | end"
                + " | local.get 0 | if [] | end"
                + " | local.get 0 | i32.eqz | if [] | nop | nop | else | end | end");
  }

  @Test
  void flatAndFoldedBlocksWithLabels() {
    WasmModule m =
        parse(
            """
            (func
              block $a
                loop $b
                  br $a
                  br $b
                  (block $a (br $a) (br 1))
                  br_table $a $b 0
                end $b
              end $a
              (loop $l (br_if $l (i32.const 0)))
              block $x block $x br $x end end
              br 0)
            """);
    assertThat(body(m, 0))
        .isEqualTo(
            "block [] | loop [] | br 1 | br 0 | block [] | br 0 | br 1 | end | br_table 1 0 0"
                + " | end | end | loop [] | i32.const 0 | br_if 0 | end"
                + " | block [] | block [] | br 0 | end | end | br 0 | end");
  }

  @Test
  void ifElseWithLabelsAfterElseAndEnd() {
    WasmModule m = parse("(func (i32.const 1) if $l br $l else $l br $l end $l)");
    assertThat(body(m, 0)).isEqualTo("i32.const 1 | if [] | br 0 | else | br 0 | end | end");
  }

  @Test
  void blockTypes() {
    WasmModule m =
        parse(
            """
            (type $pair (func (result i32 i32)))
            (func
              (block (result i32) (i32.const 0)) drop
              (block (type $pair) (i32.const 0) (i32.const 0)) drop drop
              (i32.const 0) (block (param i32) (result i32 i32) (i32.const 0)) drop drop
              (block (result i32) (result i32) (i32.const 0) (i32.const 0)) drop drop
              (block (type 0) (result i32 i32) (i32.const 0) (i32.const 0)) drop drop
              loop (result i32) i32.const 0 end drop)
            """);
    assertThat(m.types())
        .containsExactly(
            type(List.of(), List.of(I32, I32)),
            type(List.of(), List.of()),
            type(List.of(I32), List.of(I32, I32)));
    assertThat(body(m, 0))
        .contains("block i32 |", "block #0 |", "block #2 |", "loop i32 |")
        .doesNotContain("block #1");
  }

  @Test
  void callIndirectForms() {
    WasmModule m =
        parse(
            """
            (type $v (func))
            (table $t 1 funcref) (table $u 1 funcref)
            (func
              (call_indirect (i32.const 0))
              (call_indirect $u (type $v) (i32.const 0))
              (call_indirect 1 (param i32) (result i32) (i32.const 0) (i32.const 0)) drop
              i32.const 0 call_indirect (type 0) (param) (result))
            """);
    assertThat(m.types())
        .containsExactly(type(List.of(), List.of()), type(List.of(I32), List.of(I32)));
    assertThat(body(m, 0))
        .isEqualTo(
            "i32.const 0 | call_indirect 0 0 | i32.const 0 | call_indirect 0 1 | i32.const 0"
                + " | i32.const 0 | call_indirect 1 1 | drop | i32.const 0 | call_indirect 0 0"
                + " | end");
  }

  @Test
  void memoryArguments() {
    WasmModule m =
        parse(
            """
            (memory 1)
            (func
              (i32.load (i32.const 0)) drop
              (i64.load offset=0x10 align=4 (i32.const 0)) drop
              (i32.load8_u offset=4294967295 (i32.const 0)) drop
              (i64.store32 align=1 (i32.const 0) (i64.const 0))
              (f64.store (i32.const 0) (f64.const 0)))
            """);
    List<Instruction> body = m.functions().getFirst().body();
    assertThat(body.get(1).align()).isEqualTo(2);
    assertThat(body.get(4).align()).isEqualTo(2);
    assertThat(body.get(4).memoryOffset()).isEqualTo(16);
    assertThat(body.get(7).memoryOffset()).isEqualTo(4294967295L);
    assertThat(body.get(7).align()).isZero();
    assertThat(body.get(11).align()).isZero();
    assertThat(body.get(14).align()).isEqualTo(3);
  }

  @Test
  void bulkAndTableInstructionsWithOptionalIndices() {
    WasmModule m =
        parse(
            """
            (table $t 1 funcref) (table $u 1 funcref) (elem $e func) (data $d "")
            (memory 1)
            (func
              table.size drop (table.size $u) drop
              (table.init $e (i32.const 0) (i32.const 0) (i32.const 0))
              (table.init $u $e (i32.const 0) (i32.const 0) (i32.const 0))
              (table.copy (i32.const 0) (i32.const 0) (i32.const 0))
              (table.copy $u $t (i32.const 0) (i32.const 0) (i32.const 0))
              (memory.init $d (i32.const 0) (i32.const 0) (i32.const 0))
              (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))
              (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))
              data.drop $d elem.drop $e)
            """);
    String body = body(m, 0);
    assertThat(body)
        .contains(
            "table.size 0 |",
            "table.size 1 |",
            "table.init 0 0 |",
            "table.init 0 1 |",
            "table.copy 0 0 |",
            "table.copy 1 0 |",
            "memory.init 0 0 |",
            "memory.copy 0 0 |",
            "memory.fill 0 |",
            "data.drop 0 |",
            "elem.drop 0 |");
  }

  @Test
  void referencesAndSelect() {
    WasmModule m =
        parse(
            """
            (func $f (result funcref)
              (select (result funcref) (ref.func $f) (ref.null func) (i32.const 1)) drop
              (select (i32.const 1) (i32.const 2) (i32.const 3)) drop
              (ref.is_null (ref.null extern)) drop
              ref.func $f)
            """);
    assertThat(body(m, 0))
        .isEqualTo(
            "ref.func 0 | ref.null [funcref] | i32.const 1 | select [funcref] | drop"
                + " | i32.const 1 | i32.const 2 | i32.const 3 | select | drop"
                + " | ref.null [externref] | ref.is_null | drop | ref.func 0 | end");
  }

  @Test
  void constants() {
    WasmModule m =
        parse(
            """
            (func
              i32.const -1 i32.const 0xffff_ffff i64.const -0x8000000000000000
              f32.const -0x1p-149 f64.const nan:0x4 f32.const 1_0.5e1_0
              drop drop drop drop drop drop)
            """);
    List<Instruction> b = m.functions().getFirst().body();
    assertThat(b.get(0).value()).isEqualTo(-1);
    assertThat(b.get(1).value()).isEqualTo(-1);
    assertThat(b.get(2).value()).isEqualTo(Long.MIN_VALUE);
    assertThat(b.get(3).value()).isEqualTo(0x80000001L);
    assertThat(b.get(4).value()).isEqualTo(0x7ff0000000000004L);
    assertThat(Float.intBitsToFloat((int) b.get(5).value())).isEqualTo(10.5e10f);
  }

  @Test
  void offsetsAreCharacterPositionsInTheText() {
    String text = "(module\n  (func $f\n    (i32.const 1)\n    drop))";
    WasmModule m = parse(text);
    List<Instruction> b = m.functions().getFirst().body();
    assertThat(m.locate(b.get(0).offset())).isEqualTo("3:6");
    assertThat(m.locate(b.get(1).offset())).isEqualTo("4:5");
    assertThat(m.locate(b.get(2).offset())).isEqualTo("4:9"); // the implicit end: func's ')'
    assertThat(m.locate(m.functions().getFirst().offset())).isEqualTo("2:3");
    assertThat(m.sourceText()).isEqualTo(text);
  }

  @Test
  void deepNestingNeedsNoJavaStack() {
    int depth = 100_000;
    String folded =
        "(func " + "(block ".repeat(depth) + "(br " + (depth - 1) + ")" + ")".repeat(depth) + ")";
    assertThat(parse(folded).functions().getFirst().body()).hasSize(2 * depth + 2);
    depth = 20_000; // enough to overflow any recursive parser with a default stack
    String flat = "(func " + "block ".repeat(depth) + "end ".repeat(depth) + ")";
    assertThat(parse(flat).functions().getFirst().body()).hasSize(2 * depth + 1);
    String operands =
        "(func (result i32) "
            + "(i32.eqz ".repeat(depth)
            + "(i32.const 0)"
            + ")".repeat(depth)
            + ")";
    assertThat(parse(operands).functions().getFirst().body()).hasSize(depth + 2);
    String ifs = "(func " + "(if (i32.const 0) (then ".repeat(depth) + "))".repeat(depth) + ")";
    assertThat(parse(ifs).functions().getFirst().body()).hasSize(3 * depth + 1);
  }
}
