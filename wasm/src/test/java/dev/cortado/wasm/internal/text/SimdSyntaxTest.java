package dev.cortado.wasm.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cortado.wasm.InvalidModuleException;
import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SIMD in the text format: constants in every shape, shuffles, lanes, and their validation. */
class SimdSyntaxTest {
  /** The first instruction of the only function of {@code (func ...)}. */
  private static Instruction first(String func) {
    return WatParser.parse(func).functions().getFirst().body().getFirst();
  }

  /** The last instruction (before the final end) of the only function: a folded one's root. */
  private static Instruction last(String module) {
    var body = WatParser.parse(module).functions().getFirst().body();
    return body.get(body.size() - 2);
  }

  private static void assertMalformed(String text, String reason) {
    assertThatThrownBy(() -> WatParser.parse(text))
        .isExactlyInstanceOf(MalformedModuleException.class)
        .hasMessageContaining(reason);
  }

  private static void assertInvalid(String text, String reason) {
    WasmModule module = WatParser.parse(text);
    assertThatThrownBy(module::validate)
        .isInstanceOf(InvalidModuleException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -1 | 0x0706050403020100 | 0xff0e0d0c0b0a0908",
        "i8x16 255 0 0 0 0 0 0 0 0 0 0 0 0 0 0 -128  | 0x00000000000000ff | 0x8000000000000000",
        "i16x8 1 2 3 0xffff 5 6 7 -32768            | 0xffff000300020001 | 0x8000000700060005",
        "i32x4 1 -1 0x80000000 4294967295           | 0xffffffff00000001 | 0xffffffff80000000",
        "i64x2 -2 0x0123456789abcdef                | 0xfffffffffffffffe | 0x0123456789abcdef",
        "f32x4 1.0 -0.0 inf nan:0x1                 | 0x800000003f800000 | 0x7f8000017f800000",
        "f64x2 -1.5 nan                             | 0xbff8000000000000 | 0x7ff8000000000000",
      })
  void v128ConstInEveryShape(String lanes, String low, String high) {
    Instruction c = first("(func (result v128) v128.const " + lanes + ")");
    assertThat(c.opcode()).isEqualTo(Opcode.V128_CONST);
    assertThat(c.v128Low()).isEqualTo(Long.parseUnsignedLong(low.substring(2), 16));
    assertThat(c.v128High()).isEqualTo(Long.parseUnsignedLong(high.substring(2), 16));
  }

  @Test
  void v128ConstErrors() {
    assertMalformed("(func (v128.const i32x4 1 2 3) drop)", "wrong number of lane literals");
    assertMalformed("(func (v128.const i32x4 1 2 3 4 5) drop)", "wrong number of lane literals");
    assertMalformed("(func (v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0) drop)", "out of");
    assertMalformed("(func (v128.const i16x8 -32769 0 0 0 0 0 0 0) drop)", "constant out of");
    assertMalformed("(func (v128.const f32x4 1e39 0 0 0) drop)", "constant out of range");
    assertMalformed("(func (v128.const i32 0) drop)", "unexpected token");
    assertMalformed("(func (v128.const f64x2 nan:1 0) drop)", "unknown operator");
  }

  @Test
  void shuffleTakesSixteenLaneIndices() {
    Instruction s =
        first(
            "(func (param v128) (result v128)"
                + " i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 +31 (local.get 0) (local.get 0))");
    assertThat(s.shuffleLanes())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 31);
    assertMalformed("(func i8x16.shuffle 0 1 2)", "invalid lane length");
    assertMalformed(
        "(func i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 256)", "malformed lane index");
    assertMalformed(
        "(func i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 1.0)", "malformed lane index");
    assertInvalid(
        "(func (param v128) (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 32"
            + " (local.get 0) (local.get 0)))",
        "invalid lane index");
  }

  @Test
  void laneIndices() {
    Instruction e = first("(func (param v128) (result i32) i8x16.extract_lane_u 15 (local.get 0))");
    assertThat(e.laneIndex()).isEqualTo(15);
    assertMalformed("(func i8x16.extract_lane_s -1)", "unexpected token");
    assertMalformed("(func i8x16.extract_lane_s 256)", "malformed lane index");
    assertInvalid(
        "(func (param v128) (result i64) (i64x2.extract_lane 2 (local.get 0)))",
        "invalid lane index");
    assertInvalid(
        "(func (param v128) (result v128) (f32x4.replace_lane 4 (local.get 0) (f32.const 1)))",
        "invalid lane index");
  }

  @Test
  void laneLoadsAndStoresTakeAMemargThenALane() {
    Instruction load =
        last(
            "(memory 1) (func (param v128) (result v128)"
                + " (v128.load16_lane offset=3 7 (i32.const 0) (local.get 0)))");
    assertThat(load.memoryOffset()).isEqualTo(3);
    assertThat(load.align()).isEqualTo(1); // natural for 16 bits
    assertThat(load.laneIndex()).isEqualTo(7);
    Instruction store =
        last(
            "(memory 1) (func (param v128) (v128.store64_lane align=1 1 (i32.const 0) (local.get 0)))");
    assertThat(store.align()).isZero();
    assertThat(store.laneIndex()).isEqualTo(1);
    assertInvalid(
        "(memory 1) (func (param v128) (v128.store8_lane 16 (i32.const 0) (local.get 0)))",
        "invalid lane index");
    assertInvalid(
        "(memory 1) (func (param v128) (result v128)"
            + " (v128.load32_lane align=8 0 (i32.const 0) (local.get 0)))",
        "alignment must not be larger than natural");
    assertThatThrownBy(() -> WatParser.parse("(memory 1) (func v128.load8_lane 1 0 drop)"))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("multi-memory");
  }

  @Test
  void naturalAlignmentOfVectorLoadsAndStores() {
    assertThat(Opcode.V128_LOAD.naturalAlignment()).isEqualTo(4);
    assertThat(Opcode.V128_STORE.naturalAlignment()).isEqualTo(4);
    assertThat(Opcode.V128_LOAD8X8_S.naturalAlignment()).isEqualTo(3);
    assertThat(Opcode.V128_LOAD32X2_U.naturalAlignment()).isEqualTo(3);
    assertThat(Opcode.V128_LOAD8_SPLAT.naturalAlignment()).isZero();
    assertThat(Opcode.V128_LOAD16_SPLAT.naturalAlignment()).isEqualTo(1);
    assertThat(Opcode.V128_LOAD32_ZERO.naturalAlignment()).isEqualTo(2);
    assertThat(Opcode.V128_LOAD64_ZERO.naturalAlignment()).isEqualTo(3);
    assertThat(Opcode.V128_STORE8_LANE.naturalAlignment()).isZero();
    assertThat(Opcode.V128_LOAD64_LANE.naturalAlignment()).isEqualTo(3);
    assertThat(Opcode.I64_LOAD32_U.naturalAlignment()).isEqualTo(2);
    assertThat(Opcode.F64_STORE.naturalAlignment()).isEqualTo(3);
    assertThat(Opcode.I32_ADD.naturalAlignment()).isEqualTo(-1);
    assertInvalid(
        "(memory 1) (func (drop (v128.load align=32 (i32.const 0))))",
        "alignment must not be larger than natural");
  }

  @Test
  void v128InTypesSelectAndGlobals() {
    WasmModule m =
        WatParser.parse(
            "(global $g (mut v128) (v128.const i64x2 1 2))"
                + "(func (param v128 v128 i32) (result v128)"
                + "  (block (result v128) (select (local.get 0) (local.get 1) (local.get 2)))"
                + "  (global.set $g) (global.get $g))");
    m.validate();
    assertThat(m.globals().getFirst().type().valType()).isEqualTo(ValType.V128);
    assertInvalid(
        "(func (param v128 i64 i32) (result v128)"
            + " (select (local.get 0) (local.get 1) (local.get 2)))",
        "type mismatch");
  }
}
